"""Layer 4, views: what each widget shows, as pure functions of its inputs (lesson_views), and the no-code
table tool's logic (datatool). Tested without a front end; imports figures and data, never widgets."""
from __future__ import annotations

from .lesson_views import (  # the names a lesson imports: kit.views.<name>
    ALL, argument_figure, check_group_scores, claims_to_sort, claims_view, compare_group, criterion_names,
    DECISION_DAY, dimensions, disagreements, DUPLICATE, explorer_view, filter_claims, first_and_last,
    glossary_terms_in, group_answer_text, group_entries, group_view, HIDDEN_NOTE, idioms_in, inflected,
    JUDGEMENT_NOTE, lens_table, mark_terms, matrix_view, MAX_GROUP_OPTIONS, measures_in, MIN_GROUP_OPTIONS,
    option_choices, perspective, perspectives, phrase_pattern, PREDICT_QUESTION, predictions, reader_view,
    role_cards, SORT_CLAIMS, SORT_QUESTION, sorting_compared, thesis, timer_text, TYPE_LETTERS,
    VERDICT_LETTERS, VERDICT_NOTE, View, what_happened_html, what_happened_table,
)

__all__ = [
    "ALL", "argument_figure", "check_group_scores", "claims_to_sort", "claims_view", "compare_group",
    "criterion_names", "DECISION_DAY", "dimensions", "disagreements", "DUPLICATE", "explorer_view",
    "filter_claims", "first_and_last", "glossary_terms_in", "group_answer_text", "group_entries",
    "group_view", "HIDDEN_NOTE", "idioms_in", "inflected", "JUDGEMENT_NOTE", "lens_table", "mark_terms",
    "matrix_view", "MAX_GROUP_OPTIONS", "measures_in", "MIN_GROUP_OPTIONS", "option_choices", "perspective",
    "perspectives", "phrase_pattern", "PREDICT_QUESTION", "predictions", "reader_view", "role_cards",
    "SORT_CLAIMS", "SORT_QUESTION", "sorting_compared", "thesis", "timer_text", "TYPE_LETTERS",
    "VERDICT_LETTERS", "VERDICT_NOTE", "View", "what_happened_html", "what_happened_table",
]
