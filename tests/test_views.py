"""What the widgets show, tested as pure functions (no front end needed)."""
import pandas as pd
import plotly.graph_objects as go
import pytest

import kit
from kit.figures import charts as figures
from kit.figures.charts import description
from kit.views import lesson_views as views

CRITERIA = ["feasibility", "de_escalation", "protester_safety", "belarusian_choice", "actor_interest"]
# The neutral view scores what means the same for every option; each option's owner's interest does not.
NEUTRAL = ["feasibility", "de_escalation", "protester_safety", "belarusian_choice"]


def test_comparison_figure_draws_ranges_as_ranges():
    fig = figures.comparison_figure("peak_protest_size")
    rows = kit.compare("peak_protest_size")
    ranged = rows[rows["low"].notna() & rows["high"].notna()]
    segments = [t for t in fig.data if len(t.x) == 2]
    assert len(segments) == len(ranged) > 0
    assert sorted((min(t.x), max(t.x)) for t in segments) == sorted(zip(ranged["low"], ranged["high"]))
    text = description(fig)
    assert "2006" in text and "2020" in text and "8,000 to 10,000" in text


def test_text_measures_become_a_table_with_both_years():
    fig = figures.comparison_figure("osce_verdict")
    assert fig.data[0].type == "table"
    assert set(fig.data[0].cells.values[0]) == {"2006", "2020"}


def test_every_measure_draws_and_is_described():
    for measure_id in kit.measures()["measure_id"]:
        view = views.explorer_view(measure_id)
        assert isinstance(view.figure, go.Figure) and len(view.figure.data) > 0, measure_id
        assert description(view.figure), measure_id
        assert "Sources" in view.caption and "http" in view.caption, measure_id


def test_explorer_caption_flags_official_claims():
    assert "Official claims" in views.explorer_view("incumbent_share_official").caption
    p = kit.protests()
    unofficial = set(p["measure_id"]) - set(p[p["official_claim"]]["measure_id"])
    assert "Official claims" not in views.explorer_view(sorted(unofficial)[0]).caption


def test_measures_in_a_dimension_list_paired_ones_first():
    options = views.measures_in("repression")
    ids = [m for _, m in options]
    assert "detentions_total" in ids
    paired = [not label.endswith("(one year only)") for label, _ in options]
    assert paired == sorted(paired, reverse=True)


def test_rank_options_is_a_weighted_mean():
    only_safety = figures.rank_options({"protester_safety": 1})
    options = kit.options().set_index("option_id")
    scores = only_safety.set_index("option_id")["score"]
    assert (scores.sort_index() == options["protester_safety"].astype(float).sort_index()).all()
    weights = {"feasibility": 2, "de_escalation": 1}
    ranked = figures.rank_options(weights).set_index("option_id")
    expected = (2 * options["feasibility"] + options["de_escalation"]) / 3
    pd.testing.assert_series_equal(ranked["score"].sort_index(), expected.astype(float).sort_index(),
                                   check_names=False)
    assert figures.rank_options({c: 0 for c in CRITERIA})["score"].eq(0).all()
    ranks = figures.rank_options({c: 1 for c in CRITERIA})
    assert ranks["rank"].is_monotonic_increasing and ranks["rank"].iloc[0] == 1
    for score, group in ranks.groupby("score"):  # a tie shares its rank, and the next rank skips
        assert group["rank"].nunique() == 1
        assert group["rank"].iloc[0] == 1 + (ranks["score"] > score).sum()


def test_the_neutral_view_leaves_owners_interests_out():
    """Issue 19: the OSCE's interest in o10 and the EU's in o05 are different quantities; the neutral view
    must not add them up. Its weight changes nothing there; through a viewer's eyes it counts."""
    assert figures.neutral_criteria() == NEUTRAL
    with_interest = figures.rank_options({"feasibility": 1, "actor_interest": 5})
    without = figures.rank_options({"feasibility": 1})
    pd.testing.assert_frame_equal(with_interest, without)
    assert "actor_interest" not in without.columns
    assert figures.rank_options({"actor_interest": 5})["score"].eq(0).all()
    options = kit.options().set_index("option_id")
    equal = figures.rank_options({c: 1 for c in CRITERIA}).set_index("option_id")["score"]
    pd.testing.assert_series_equal(equal.sort_index(), options[NEUTRAL].astype(float).mean(axis=1).sort_index(),
                                   check_names=False)
    lens = figures.rank_options({"actor_interest": 5}, viewer="eu")["score"]
    assert lens.gt(0).any()
    assert "interest criterion does not count here" in views.matrix_view({c: 3 for c in CRITERIA}).caption
    assert len(figures.all_weightings()) == 6 ** len(NEUTRAL) - 1
    assert figures.first_place_counts("o04")["weightings"] == 6 ** 4 - 1
    assert figures.first_place_counts("o04", viewer="author")["weightings"] == 6 ** 5 - 1


def test_weights_change_the_ranking_and_perspectives_filter():
    a = figures.decision_figure({"protester_safety": 5, "feasibility": 0}).data[0].y
    b = figures.decision_figure({"protester_safety": 0, "feasibility": 5}).data[0].y
    assert list(a) != list(b)
    russia = figures.rank_options({c: 1 for c in CRITERIA}, actor="russia")
    assert all("russia" in ids.split() for ids in russia["actors"])
    for profile in views.perspectives():
        assert set(profile["weights"]) == set(CRITERIA) and profile["rationale"]


def test_reader_marks_glossary_terms_and_escapes():
    html = views.reader_view(12)
    assert "<mark title=" in html and ">CSTO</mark>" in html
    assert "The kit's summary (not the author's words)" in html
    assert "summary" not in views.reader_view(12, show_summary=False).split("Words to know")[0].lower()
    assert views.reader_view(999).count("Paragraph 35 of 35") == 1  # out of range is clamped
    marked = views.mark_terms("<script>alert(1)</script> the CSTO")
    assert "<script>" not in marked and "&lt;script&gt;" in marked


def test_claims_filter_and_predictions():
    preds = views.filter_claims("prediction")
    assert len(preds) > 0 and set(preds["claim_type"].astype(str)) == {"prediction"}
    both = views.filter_claims("fact", "inaccurate")
    assert len(both) >= 1
    assert len(views.filter_claims()) == len(kit.claims())
    table = views.predictions()
    assert len(table) == len(preds)
    assert table["what_happened_next"].str.len().gt(0).any()


def test_timer_text_and_role_cards():
    assert views.timer_text(125) == "2:05 left" and views.timer_text(0) == "Time is up"
    cards = views.role_cards(["eu", "russia"])
    assert cards.count("<h4") == 2 and "Source:" in cards


ROLES = ["eu", "russia", "usa", "lukashenko", "tsikhanouskaya", "osce"]


def test_role_cards_give_the_stated_position_and_apart_the_analysts_reading():
    actors = kit.actors().set_index("actor_id")
    sources = kit.sources().set_index("url")
    for aid in ROLES:
        card = views.role_cards([aid])
        a = actors.loc[aid]
        assert "What they said" in card and "An analyst's reading" in card
        assert card.index("What they said") < card.index("An analyst's reading")
        assert a["stated_position_date"] <= pd.Timestamp("2020-08-20")
        for url in a["stated_position_url"].split():
            assert url in card
            assert "wiki" not in url, "an original publisher, not an encyclopaedia mirror"
            assert sources.loc[url, "date"] <= pd.Timestamp("2020-08-20")
        assert a["analyst_reading"].startswith("The kit's reading")
    # a voice that supported the Belarusian authorities, in their own words
    assert "We don&#x27;t need any foreign governments or mediators" in views.role_cards(["lukashenko"])  # as re-read (issue 20)
    # nothing from after the decision day on the cards (events the old cards used)
    every = views.role_cards(ROLES)
    for later in ("police reserve", "28 Aug", "27 Aug", "loan", "Borrell backed"):
        assert later not in every, later


def test_role_card_without_a_statement_says_so():
    card = views.role_cards(["gazprom"])
    assert "no statement up to 20 August 2020" in card and "The kit&#x27;s reading" in card


def test_matrix_through_a_viewers_eyes_uses_their_interest():
    weights = {c: 0 for c in CRITERIA} | {"actor_interest": 1}
    for viewer in ["lukashenko", "russia", "eu", "usa", "coordination_council", "author"]:
        ranked = figures.rank_options(weights, viewer=viewer).set_index("option_id")["score"]
        lens = views.lens_table(viewer).set_index("option_id")["interest"].astype(float)
        pd.testing.assert_series_equal(ranked.sort_index(), lens.sort_index(), check_names=False)
    view = views.matrix_view({c: 3 for c in CRITERIA}, viewer="lukashenko")
    assert "Through the eyes of Lukashenko" in view.figure.layout.title.text
    assert "their interest in each option" in view.caption and "value judgements" in view.caption
    with pytest.raises(ValueError, match="The viewers are"):
        figures.lens_interests("nobody")


def test_each_lens_ranks_what_that_actor_would_recognise():
    """The sanity check of the issue: first and last through each actor's eyes (their interests, their weights)."""
    first_last = {v: views.first_and_last(v) for v in
                  ["lukashenko", "russia", "eu", "usa", "coordination_council", "author"]}
    luka = figures.rank_options(views.perspective("lukashenko")["weights"], viewer="lukashenko")
    rank = luka.set_index("option_id")["rank"]
    assert rank["o11"] == 1, "crushing the protests is (at least jointly) first through his eyes"
    assert rank["o06"] >= 8 and rank["o12"] >= 10, "EU support for the opposition and negotiating rank low"
    assert first_last["russia"][0] == "o03"              # keep both options open
    assert first_last["author"][0] == "o04"              # the column's own proposal
    for v in ("eu", "usa", "coordination_council", "author"):
        assert first_last[v][1] == "o01", v              # Russian force behind Lukashenko last
    kremlin = figures.rank_options(views.perspective("russia")["weights"], viewer="russia").set_index("option_id")
    assert kremlin.loc["o03", "rank"] == 1 and kremlin.loc["o06", "rank"] >= 10


GROUP = {"o04": {"scores": {"feasibility": 1, "de_escalation": 5, "protester_safety": 3, "belarusian_choice": 1,
                            "actor_interest": 3}, "reason": "Lukashenko said no mediators on 15 August."},
         "o10": {"scores": {"feasibility": 2, "de_escalation": 5, "protester_safety": 4, "belarusian_choice": 4,
                            "actor_interest": 4}, "reason": "The OSCE offered to meet both sides."}}


def test_group_scores_are_ranked_beside_the_kits_with_the_disagreements():
    weights = {c: 3 for c in CRITERIA}
    both = views.compare_group(GROUP, weights).set_index("option_id")
    options = kit.options().set_index("option_id")
    assert both.loc["o04", "kit_score"] == pytest.approx(options.loc["o04", NEUTRAL].astype(float).mean())
    assert both.loc["o04", "group_score"] == pytest.approx((1 + 5 + 3 + 1) / 4)  # interest left out
    assert both.loc["o10", "group_rank"] == 1 and both.loc["o04", "group_rank"] == 2
    diff = views.disagreements(GROUP)
    assert list(zip(diff["option_id"], diff["criterion"])) == [("o04", "belarusian choice")]
    assert diff.iloc[0]["difference"] == 1 - options.loc["o04", "belarusian_choice"]
    view = views.group_view(GROUP, weights)
    assert len(view.figure.data) == 2 and "Where you disagree" in view.caption
    text = views.group_answer_text(GROUP)
    assert "o04" in text and "Lukashenko said no mediators" in text and "feasibility 1" in text


@pytest.mark.parametrize("entries, words", [
    ({"o04": GROUP["o04"]}, "Choose 2 or 3"),
    ({"o04": GROUP["o04"], "o99": GROUP["o10"]}, "'o99' is not an option"),
    ({"o04": GROUP["o04"], "o10": {"scores": {"feasibility": 9}, "reason": "because we say so"}}, "score from 1 to 5"),
    ({"o04": GROUP["o04"], "o10": {"scores": {**GROUP["o10"]["scores"], "feasibility": 0}, "reason": "a b c"}},
     "give feasibility a score from 1 to 5"),  # the kit's scores are 1-5 (options.csv): one scale
    ({"o04": GROUP["o04"], "o10": {"scores": GROUP["o10"]["scores"], "reason": ""}}, "write a reason"),
    ({"o04": GROUP["o04"], "o10": "five"}, "give a score"),
    (views.group_entries([("o04", GROUP["o04"]), ("o04", GROUP["o04"])]), "same option twice"),
])
def test_bad_group_scores_get_a_kind_message_not_a_traceback(entries, words):
    problems = views.check_group_scores(entries)
    assert any(words in p for p in problems), problems
    view = views.group_view(entries, {c: 3 for c in CRITERIA})
    assert view.figure is None and "Almost there" in view.caption


def test_what_happened_is_a_separate_table_the_scores_do_not_use():
    table = views.what_happened_table()
    assert len(table) == len(kit.options()) and table["what_happened"].str.len().gt(20).all()
    assert "What actually happened" in views.what_happened_html()


@pytest.mark.parametrize("make", [
    lambda: figures.waves_figure(), lambda: figures.claims_figure(), lambda: figures.aftermath_figure(),
    lambda: views.argument_figure(), lambda: figures.barometer_figure({"yes": 2}, {"yes": 3}, "Q?")])
def test_other_figures_have_descriptions(make):
    fig = make()
    assert len(fig.data) > 0 and len(description(fig)) > 30


def test_waves_are_counted_from_election_day():
    table = figures.waves_table()
    assert set(table["wave"]) == {2006, 2020}
    assert (table[table["title"].str.contains("election", case=False) & (table["day"] == 0)]["wave"].nunique()) == 2


def test_palette_is_colour_blind_safe():
    okabe_ito = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#999999"}
    assert set(figures.YEAR_COLOURS.values()) <= okabe_ito
    assert set(figures.VERDICT_COLOURS.values()) <= okabe_ito
