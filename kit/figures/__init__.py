"""Layer 3, figures: pure functions from tables to plotly figures (charts) and static SVG (svg), each with
a text description. Imports the data layer only."""
from __future__ import annotations

from .charts import (  # the names a lesson imports: kit.figures.<name>
    aftermath_figure, all_weightings, AXIS, barometer_figure, BLUE, claims_figure, comparison_figure,
    context_table, criteria, decision_figure, description, dominated_by, ELECTION_DAYS, first_place_counts,
    FONT, GREEN, GREY, group_comparison_figure, lens_interests, neutral_criteria, new_figure, ORANGE, PURPLE, rank_options, scored_criteria,
    SKY, sources_for, VERDICT_COLOURS, VERMILION, WAVE_CATEGORIES, waves_figure, waves_table, YEAR_COLOURS,
    YEAR_SYMBOLS, YELLOW,
)

__all__ = [
    "aftermath_figure", "all_weightings", "AXIS", "barometer_figure", "BLUE", "claims_figure",
    "comparison_figure", "context_table", "criteria", "decision_figure", "description", "dominated_by",
    "ELECTION_DAYS", "first_place_counts", "FONT", "GREEN", "GREY", "group_comparison_figure",
    "lens_interests", "neutral_criteria", "new_figure", "ORANGE", "PURPLE", "rank_options", "scored_criteria", "SKY", "sources_for",
    "VERDICT_COLOURS", "VERMILION", "WAVE_CATEGORIES", "waves_figure", "waves_table", "YEAR_COLOURS",
    "YEAR_SYMBOLS", "YELLOW",
]
