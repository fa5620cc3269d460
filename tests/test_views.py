"""What the widgets show, tested as pure functions (no front end needed)."""
import pandas as pd
import plotly.graph_objects as go
import pytest

import kit
from kit import figures, views
from kit.figures import description

CRITERIA = ["feasibility", "de_escalation", "protester_safety", "belarusian_choice", "actor_interest"]


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
    assert list(figures.rank_options({c: 1 for c in CRITERIA})["rank"]) == list(range(1, len(options) + 1))


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
