"""Layer 5, widgets: thin ipywidgets wiring over the views (lesson_widgets), the chart pane (figure_pane)
and the keyboard guard (keyboard). Imports views, figures and data; never the exercises."""
from __future__ import annotations

# the names a lesson imports: kit.widgets.<name>
from .lesson_widgets import (
    LABEL_STYLE,
    NO_OPTION,
    WIDE,
    YOUR_WEIGHTS,
    Barometer,
    ComparisonExplorer,
    DecisionMatrix,
    GroupScore,
    OwnScores,
    Reader,
    RoundTimer,
    Static,
    WhatHappened,
    barometer,
    comparison_explorer,
    decision_matrix,
    interactive,
    own_scores,
    reader,
    round_timer,
    score_menu,
    what_happened,
)

__all__ = [
    "Barometer", "barometer", "comparison_explorer", "ComparisonExplorer", "decision_matrix",
    "DecisionMatrix", "GroupScore", "interactive", "LABEL_STYLE", "NO_OPTION", "own_scores", "OwnScores",
    "reader", "Reader", "round_timer", "RoundTimer", "score_menu", "Static", "what_happened", "WhatHappened",
    "WIDE", "YOUR_WEIGHTS",
]
