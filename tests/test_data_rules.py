"""The sourced datasets: every row sourced, keys and references valid, values plausible, pairs complete."""
import re

import pandas as pd
import pytest

import kit
from kit.data_package.datasets import package, split_list

FACTUAL = ["protests", "timeline", "actors", "options", "option_lenses", "glossary", "claims", "aftermath",
           "documents"]
# The measures both years should have (the datasets issue's list); a missing one must be a listed gap.
SHARED_MEASURES = """election_date candidates_registered candidates_barred_or_jailed turnout_official
early_voting_share_official incumbent_share_official main_challenger main_challenger_share_official
other_challengers_share_official against_all_share_official independent_result_estimate osce_verdict
eu_verdict_on_election us_verdict_on_election protest_start_date peak_protest_size peak_protest_date
protest_wave_duration main_gathering_place protests_outside_capital protest_symbol_or_name strikes
detentions_first_days detentions_total deaths torture_reports security_forces_used journalists_detained
criminal_cases_or_political_prisoners fate_main_challenger fate_other_leaders opposition_leaders_exiled
eu_reaction eu_reaction_date us_reaction us_reaction_date russia_reaction russia_reaction_date
putin_congratulated recent_colour_revolutions pandemic economy russian_energy_subsidy
russia_belarus_relations internet_shutdown""".split()
DOCUMENTED_UNPAIRED = {(2006, "strikes"), (2006, "pandemic")}


@pytest.fixture(scope="module")
def data():
    return {name: kit.load(name) for name in kit.list_datasets()}


@pytest.mark.parametrize("name", FACTUAL)
def test_every_row_names_a_source_that_is_listed(data, name):
    listed = set(data["sources"]["url"])
    for i, row in enumerate(data[name].itertuples(), start=1):
        urls = split_list(row.source_url)
        assert urls, f"{name} row {i} has no source"
        assert all(u in listed for u in urls), f"{name} row {i}: a source is not in sources.csv"
        titles = str(row.source_title).split(" | ")
        assert len(titles) == len(urls), f"{name} row {i}: one title per source URL"
        if row.confidence == "inferred":
            assert isinstance(row.note, str) and row.note, f"{name} row {i}: say in note what is inferred"


def test_sources_table_says_which_datasets_use_each_source(data):
    used = {}
    for name in FACTUAL:
        for cell in data[name]["source_url"]:
            for url in split_list(cell):
                used.setdefault(url, set()).add(name)
    sources = data["sources"]
    assert set(sources["url"]) == set(used), "sources.csv lists exactly the cited pages"
    for row in sources.itertuples():
        assert set(row.datasets.split()) == used[row.url], row.url


def test_actor_references_are_valid(data):
    actors = set(data["actors"]["actor_id"])
    for name, column in [("timeline", "actors"), ("options", "actors"), ("aftermath", "subject")]:
        for i, cell in enumerate(data[name][column], start=1):
            unknown = set(split_list(cell)) - actors
            assert not unknown, f"{name} row {i}: unknown actor ids {unknown}"


def test_paragraph_references_are_valid(data):
    for name, frame in data.items():
        if "column_paragraphs" in frame:
            for i, cell in enumerate(frame["column_paragraphs"], start=1):
                assert all(p.isdigit() and 1 <= int(p) <= 35 for p in split_list(cell)), (name, i)


def test_claims_quote_the_column_exactly_and_cite_its_links(data, article):
    links = set(article.links["url"])
    for row in data["claims"].itertuples():
        assert row.quote in article.paragraphs[row.paragraph], row.claim_id
        if isinstance(row.link_url, str) and row.link_url:
            assert row.link_url in links, row.claim_id
    assert set(data["claims"]["claim_type"].astype(str)) >= {"fact", "opinion", "prediction", "recommendation"}
    ids = set(data["claims"]["claim_id"])
    for cell in data["aftermath"]["related_claims"]:
        assert set(split_list(cell)) <= ids


def test_dates_are_plausible(data):
    for name, frame in data.items():
        for column in frame.columns:
            if str(frame[column].dtype).startswith("datetime64"):
                dates = frame[column].dropna()
                assert dates.between("1990-01-01", "2026-11-25").all(), (name, column)
    timeline = data["timeline"]
    assert timeline["date"].is_monotonic_increasing, "events are in date order"
    assert timeline["date"].min().year == 1994 and timeline["date"].max().year >= 2025
    assert len(timeline) >= 40
    aftermath = data["aftermath"]
    assert aftermath["date"].min() >= pd.Timestamp("2020-08-01")
    assert aftermath["date"].max() < pd.Timestamp("2026-01-01")


def test_numbers_are_plausible(data):
    p = data["protests"]
    assert set(p["year"]) == {2006, 2020}
    for row in p.itertuples():
        numbers = [x for x in (row.value, row.low, row.high) if pd.notna(x)]
        unit = row.unit if isinstance(row.unit, str) else ""
        if unit == "percent":
            low_bound = -30 if row.measure_id in ("economy", "gdp_growth_2020") else 0  # growth may shrink
            assert all(low_bound <= x <= 100 for x in numbers), row.row_id
        if unit in ("people", "candidates", "days"):
            assert all(0 <= x < 10_000_000 for x in numbers), row.row_id
        if pd.notna(row.low) and pd.notna(row.high):
            assert row.low <= row.high, row.row_id
        if row.official_claim:
            assert isinstance(row.claimed_by, str) and row.claimed_by, f"{row.row_id}: who claims it"
    official = p[(p.measure_id == "incumbent_share_official")].set_index("year")["value"]
    assert 75 <= official[2006] <= 90 and 75 <= official[2020] <= 85


def test_measures_are_paired_across_the_two_years(data):
    p = data["protests"]
    per_year = {y: set(p[p.year == y]["measure_id"]) for y in (2006, 2020)}
    assert len(per_year[2006]) >= 25 and len(per_year[2020]) >= 25
    for measure in SHARED_MEASURES:
        for year in (2006, 2020):
            if (year, measure) not in DOCUMENTED_UNPAIRED:
                assert measure in per_year[year], f"{measure} missing for {year}"
    gaps = " ".join(package().resource("protests")["kit:gaps"])
    for _, measure in DOCUMENTED_UNPAIRED:
        assert measure in gaps, f"the unpaired {measure} is explained in the description"
    # a measure with rows in both years has one label
    labels = p.groupby("measure_id")["measure"].nunique()
    assert (labels[[m for m in SHARED_MEASURES if m in labels]] == 1).all()


def test_options_cover_the_column_and_score_in_range(data):
    options = data["options"]
    assert len(options) >= 9
    crit = [c["name"] for c in package().resource("options")["kit:criteria"]]
    assert len(crit) == 5
    for c in crit:
        assert options[c].between(1, 5).all()
        assert options[f"rationale_{c}"].str.len().gt(10).all()
    assert options["actors"].str.contains("russia").sum() >= 3
    assert options["actors"].str.contains("eu").sum() >= 3
    assert options["note"].str.contains("judgement").all(), "scores are labelled as the kit's judgement"
    assert (options["judgement"] == "kit value judgement, for debate").all()
    assert not options["note"].str.contains("analytical judgement (inferred)", regex=False).any()


DECISION_DAY = pd.Timestamp("2020-08-20")


def _dated(data):
    return dict(zip(data["sources"]["url"], data["sources"]["date"]))


def test_scores_rest_only_on_what_was_known_on_the_decision_day(data):
    """No hindsight: every rationale cites only pages dated up to 20 Aug 2020, also cited in source_url."""
    options, dated = data["options"], _dated(data)
    assert (options["known_by"] == DECISION_DAY).all()
    for row in options.itertuples():
        urls = split_list(row.rationale_sources)
        assert urls and set(urls) <= set(split_list(row.source_url)), row.option_id
        for url in urls:
            assert pd.notna(dated[url]) and dated[url] <= DECISION_DAY, (row.option_id, url, dated[url])
    rationales = " ".join(options[[c for c in options.columns if c.startswith("rationale_") and
                                   c != "rationale_sources"]].stack())
    for later in ("police reserve", "27 Aug", "28 Aug", "no added value", "loan", "October", "2021",
                  "within two months", "and he did", "continued through"):
        assert later not in rationales, f"hindsight in a rationale: {later!r}"
        assert later not in " ".join(options["label"] + " " + options["description"]), f"hindsight in a label: {later!r}"


def test_every_viewer_scores_every_option_with_dated_sources(data):
    lenses, options, dated = data["option_lenses"], data["options"], _dated(data)
    viewers = {p["actor"] for p in package().resource("options")["kit:perspectives"]["profiles"]}
    assert viewers == {"lukashenko", "russia", "eu", "coordination_council", "usa", "author"}
    assert set(lenses["viewer"]) == viewers
    assert len(lenses) == len(viewers) * len(options)
    for viewer, group in lenses.groupby("viewer"):
        assert sorted(group["option_id"]) == sorted(options["option_id"]), viewer
    assert lenses["interest"].between(0, 5).all()
    # "U.S." inside a quotation is not the end of a sentence
    assert (lenses["rationale"].str.replace("U.S.", "US").str.count(r"\. ") == 0).all(), "one sentence each"
    assert (lenses["judgement"] == "kit value judgement, for debate").all()
    for row in lenses.itertuples():
        for url in split_list(row.source_url):
            assert pd.notna(dated[url]) and dated[url] <= row.known_by == DECISION_DAY, (row.viewer, url)
    for p in package().resource("options")["kit:perspectives"]["profiles"]:
        assert p["rationale"] and set(p["weights"].values()) <= set(range(6))
    assert "kit's reading" in package().resource("options")["kit:perspectives"]["status"]


def test_role_cards_rest_on_dated_statements(data):
    actors, dated = data["actors"], _dated(data)
    cards = actors[actors["stated_position"].notna()]
    assert set(cards["actor_id"]) >= {"eu", "russia", "usa", "lukashenko", "tsikhanouskaya", "osce"}
    for row in cards.itertuples():
        assert row.stated_position_date <= row.known_by == DECISION_DAY
        assert row.analyst_reading.startswith("The kit's reading")
        for url in split_list(row.stated_position_url):
            assert url in split_list(row.source_url)
            assert pd.notna(dated[url]) and dated[url] <= DECISION_DAY


def test_the_decision_day_rule_catches_hindsight(data_copy):
    from kit.data_package.validation import validate
    later = "https://tass.com/world/1220809"  # dated 6 Nov 2020 in sources.csv
    path = data_copy / "options.csv"
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[1]
    old = ",2020-08-20,kit:column"
    assert old in first
    path.write_text(text.replace(first, first.replace(old, f",2020-08-20,{later} kit:column"), 1),
                    encoding="utf-8")
    problems = [p.message for p in validate(data_copy)]
    assert any("hindsight" in m and "06 Nov 2020" in m and "options.csv" in m and "row 1" in m for m in problems), problems
    assert any("not also cited in source_url" in m for m in problems), problems


def test_the_decision_day_rule_wants_a_date_on_every_source(data_copy):
    from kit.data_package.validation import validate
    url = "https://euroradio.fm/en/tsikhanouskaya-i-am-ready-be-national-leader"
    path = data_copy / "sources.csv"
    text = path.read_text(encoding="utf-8")
    assert f"{url},Tsikhanouskaya: I am ready to be national leader!,Euroradio,2020-08-17," in text
    path.write_text(text.replace("Euroradio,2020-08-17,", "Euroradio,,"), encoding="utf-8")
    problems = [p.message for p in validate(data_copy)]
    assert any("has no date in sources.csv" in m and "euroradio" in m for m in problems), problems


def test_glossary_has_the_terms_students_meet(data):
    terms = " ".join(data["glossary"]["term"]).lower()
    for term in ["omon", "csto", "union state", "colour revolution", "euromaidan", "donbas", "frenemy",
                 "brussels", "kremlin", "gazprom", "jeans revolution"]:
        assert term in terms, term
    colour = data["glossary"].set_index("term_id").loc["colour_revolution"]
    assert "uprising" in colour["plain_definition"] and "coup organised from abroad" in colour["plain_definition"]
    assert "1." in colour["full_definition"] and "2." in colour["full_definition"]
    assert len(split_list(colour["source_url"])) >= 3
    words = data["glossary"]["plain_definition"].str.split().str.len()
    assert words.max() <= 25


def test_summaries_are_short_and_cover_every_paragraph(data):
    s = data["summaries"]
    assert s["paragraph"].tolist() == list(range(1, 36))
    # Language learners: two or three short sentences each, at most 15 words a sentence.
    for row in s.itertuples():
        sentences = [x for x in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", row.summary.strip()) if x]
        assert 2 <= len(sentences) <= 3, f"summary {row.paragraph}: {len(sentences)} sentences"
        assert max(len(x.split()) for x in sentences) <= 15, f"summary {row.paragraph}: a sentence is too long"
    assert s["section"].cat.ordered and s["section"].is_monotonic_increasing


def test_docstring_row_counts_match_the_data():
    from kit.data_package import tables
    for name in FACTUAL + ["sources"]:
        doc = getattr(tables, name).__doc__
        m = re.search(r"Rows: (\d+)", doc)
        if m:
            assert int(m.group(1)) == len(kit.load(name)), f"{name}: the docstring's row count is stale"


def test_compare_gives_both_years_with_ranges_and_sources():
    rows = kit.compare("peak protest size")
    assert set(rows["year"]) == {2006, 2020}
    assert rows["source_url"].str.startswith("http").all()
    assert (rows["low"].notna() | rows["value"].notna() | rows["text"].notna()).all()
    assert kit.compare("PEAK_PROTEST_SIZE").equals(rows)
    from kit.errors import UnknownDatasetError
    with pytest.raises(UnknownDatasetError, match="peak_protest_size"):
        kit.compare("peak protest sise")


def test_describe_lists_known_gaps():
    card = kit.describe("protests")
    assert card.gaps and "Known gaps" in str(card)


# -- sources a historian would cite (issue 11) ------------------------------------------------------
def _sources_frame(rows):
    return pd.DataFrame(rows, columns=["url", "title", "publisher", "date", "type", "datasets", "note"])


def test_reposts_stay_below_one_in_ten_and_no_unacceptable_site_is_cited(data):
    from kit.data_package.validation import MAX_REPOST_SHARE, SITE_EXCEPTIONS, site_kind, source_counts, source_rules
    counts = source_counts(data["sources"])
    assert counts["repost_share"] < MAX_REPOST_SHARE, counts
    bad = [u for u in data["sources"]["url"] if site_kind(u) and u not in SITE_EXCEPTIONS]
    assert bad == []
    assert source_rules(data["sources"]) == []


def test_source_rules_catch_reposts_forums_spam_and_attack_blogs():
    from kit.data_package.validation import source_rules
    ok = [(f"https://news.example/{i}", "t", "p", None, "news report", "timeline", "") for i in range(9)]
    copy = ("https://copies.example/1", "t", "site", None, "repost", "timeline", "")
    problems = [str(p) for p in source_rules(_sources_frame(ok + [copy]))]
    assert any("1 of 10 sources are reposts" in p for p in problems)
    assert any("must name the original" in p for p in problems)
    named = ("https://copies.example/1", "t", "Reuters (copy on copies.example)", None, "repost", "timeline", "")
    assert not any("name the original" in str(p) for p in source_rules(_sources_frame(ok * 2 + [named])))
    for url, kind in [("https://debatepolitics.com/threads/other.1/", "forum"),
                      ("https://forum.example.org/t/1", "forum"),
                      ("https://playcrazygame.com/x", "spam or content-farm site"),
                      ("http://russophobe.blogspot.com/2007/01/x.html", "personal attack blog")]:
        rows = ok * 2 + [(url, "t", "p", None, "opinion", "actors", "")]
        assert any(kind in str(p) for p in source_rules(_sources_frame(rows))), url


def test_the_column_copy_is_the_only_allowed_forum_page_and_is_labelled_as_a_copy(data):
    # issue 20: the column is cited by its publisher (kit:column); the forum copy is named only in the metadata
    from kit.data_package.sourcing import COLUMN
    from kit.data_package.validation import SITE_EXCEPTIONS
    sources = data["sources"].set_index("url")
    assert not set(SITE_EXCEPTIONS) & set(sources.index)
    assert "Moscow Times" in sources.loc[COLUMN, "publisher"]
    assert kit.load_article().metadata["read_at"].value in SITE_EXCEPTIONS


# -- known errors fixed (issue 11) ------------------------------------------------------------------
def test_statkevich_was_returned_to_prison_not_freed(data):
    e085 = data["timeline"].set_index("event_id").loc["e085"]
    assert "returned to prison" in e085.description and "refused to leave" in e085.description


def test_timeline_and_aftermath_agree_that_babaryka_could_not_appeal(data):
    e074 = data["timeline"].set_index("event_id").loc["e074"].description
    a18 = data["aftermath"].set_index("item_id").loc["a18"].what_happened
    assert "could not be appealed" in e074 and "could not be appealed" in a18
    assert "would appeal" not in e074


def test_c06_keeps_the_contested_range_of_camp_detentions_with_each_source(data):
    c06 = data["claims"].set_index("claim_id").loc["c06"]
    for figure in ("about 200", "200 to 300", "300 to 400"):
        assert figure in c06.evidence
    urls = split_list(c06.source_url)
    for needed in ("washingtonpost.com", "spokesman.com", "taipeitimes.com"):
        assert any(needed in u for u in urls), needed


def test_2020_gdp_is_belstats_first_estimate_with_no_half_year_source(data):
    row = data["protests"].set_index("row_id").loc["2020-gdp_growth_2020-1"]
    assert "first estimate" in row.text and row.value == -0.9
    assert split_list(row.source_url) == [u for u in split_list(row.source_url) if "1-7" not in u]
    assert len(split_list(row.source_url)) == 1
