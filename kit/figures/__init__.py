"""Layer 3, figures: pure functions from tables to plotly figures (charts) and static SVG (svg), each with
a text description. Imports the data layer only."""
from __future__ import annotations

# the names a lesson imports: kit.figures.<name>
from .charts import (
    AXIS,
    BLUE,
    ELECTION_DAYS,
    FONT,
    FRAME_DAY,
    GREEN,
    GREY,
    ORANGE,
    PURPLE,
    SKY,
    VERDICT_COLOURS,
    VERMILION,
    WAVE_CATEGORIES,
    YEAR_COLOURS,
    YEAR_SYMBOLS,
    YELLOW,
    Chart,
    aftermath_figure,
    all_weightings,
    barometer_figure,
    claims_figure,
    comparison_figure,
    context_table,
    criteria,
    decision_figure,
    description,
    dominated_by,
    first_place_counts,
    group_comparison_figure,
    lens_interests,
    neutral_criteria,
    new_figure,
    rank_options,
    scored_criteria,
    sources_for,
    waves_figure,
    waves_table,
)

__all__ = [
    "aftermath_figure", "all_weightings", "AXIS", "barometer_figure", "BLUE", "Chart", "claims_figure",
    "comparison_figure", "context_table", "criteria", "decision_figure", "description", "dominated_by",
    "ELECTION_DAYS", "first_place_counts", "FONT", "FRAME_DAY", "GREEN", "GREY", "group_comparison_figure",
    "lens_interests", "neutral_criteria", "new_figure", "ORANGE", "PURPLE", "rank_options",
    "scored_criteria", "SKY", "sources_for", "VERDICT_COLOURS", "VERMILION", "WAVE_CATEGORIES",
    "waves_figure", "waves_table", "YEAR_COLOURS", "YEAR_SYMBOLS", "YELLOW",
]
