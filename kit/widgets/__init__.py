"""Layer 5, widgets: thin ipywidgets wiring over the views (lesson_widgets), the chart pane (figure_pane)
and the keyboard guard (keyboard). Imports views, figures and data; never the exercises."""
from __future__ import annotations

from .lesson_widgets import (  # the names a lesson imports: kit.widgets.<name>
    Barometer, barometer, comparison_explorer, ComparisonExplorer, decision_matrix, DecisionMatrix,
    GroupScore, interactive, LABEL_STYLE, NO_OPTION, own_scores, OwnScores, Reader, reader, round_timer,
    RoundTimer, score_menu, Static, what_happened, WhatHappened, WIDE, YOUR_WEIGHTS,
)

__all__ = [
    "Barometer", "barometer", "comparison_explorer", "ComparisonExplorer", "decision_matrix",
    "DecisionMatrix", "GroupScore", "interactive", "LABEL_STYLE", "NO_OPTION", "own_scores", "OwnScores",
    "Reader", "reader", "round_timer", "RoundTimer", "score_menu", "Static", "what_happened", "WhatHappened",
    "WIDE", "YOUR_WEIGHTS",
]
