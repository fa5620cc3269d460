"""The no-code route: the table tool as a widget, wired to a data exercise's check.

Choose rows from lists, choose what to do with them, see the result, press Check. Every control is a
native, labelled element, so the tool works with the keyboard alone (Tab, arrows, Space, Enter).
"""
from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from ..views import datatool
from .model import Feedback, Question

STYLE = {"description_width": "initial"}


class TableTool(w.VBox):
    def __init__(self, q: Question):
        from .checking import evaluate
        self.question, self._evaluate = q, evaluate
        spec = q.no_code
        self.frame = datatool.load(spec["table"])
        self.show = [c for c in spec.get("show", list(self.frame.columns)) if c in self.frame]
        columns = [datatool.ANY] + list(self.frame.columns)
        self.filter_columns, self.filter_values = [], []
        rows = []
        for i in (1, 2):
            col = w.Dropdown(options=columns, value=datatool.ANY, description=f"Filter {i}: keep rows where",
                             style=STYLE)
            vals = w.SelectMultiple(options=[], description="is one of", rows=5, style=STYLE)
            col.observe(lambda change, vals=vals: self._on_column(change["new"], vals), names="value")
            vals.observe(lambda _: self.refresh(), names="value")
            self.filter_columns.append(col)
            self.filter_values.append(vals)
            rows.append(w.HBox([col, vals]))
        self.operation = w.Dropdown(options=[(v, k) for k, v in datatool.OPERATIONS.items()], value="rows",
                                    description="Then", style=STYLE)
        extra = [c for c in datatool.number_columns(self.frame) if c == datatool.ALL_NUMBERS]
        self.column = w.Dropdown(options=list(self.frame.columns) + extra, description="column (x axis for a chart)",
                                 style=STYLE)
        self.y = w.Dropdown(options=datatool.number_columns(self.frame), description="y axis (charts)",
                            style=STYLE)
        for control in (self.operation, self.column, self.y):
            control.observe(lambda _: self.refresh(), names="value")
        self.answer = w.Text(description="Your answer (a number)", style=STYLE,
                             layout=w.Layout(display="" if q.kind == "number" else "none"))
        self.button = w.Button(description="Check", tooltip=f"Check this result as your answer to {q.qid}")
        self.button.on_click(lambda _: self.check())
        self.summary = w.HTML()
        self.out = w.Output()
        self.feedback = w.HTML()
        steps = html.escape(spec.get("steps", ""))
        super().__init__([w.HTML(f"<p><b>The table tool ({html.escape(spec['table'])}):</b> {steps}</p>"),
                          *rows, w.HBox([self.operation, self.column, self.y]), self.summary, self.out,
                          w.HBox([self.answer, self.button]), self.feedback])
        self.refresh()

    def _on_column(self, column: str, vals: w.SelectMultiple) -> None:
        vals.value = ()
        vals.options = datatool.values_of(self.frame, column)
        self.refresh()

    @property
    def filters(self) -> list[tuple[str, tuple[str, ...]]]:
        return [(c.value, v.value) for c, v in zip(self.filter_columns, self.filter_values)]

    def current(self):
        rows = datatool.keep_rows(self.frame, self.filters)
        return datatool.result(rows, self.operation.value, self.column.value, self.y.value)

    def refresh(self) -> None:
        value = self.current()
        self.summary.value = (f"<p role='status' aria-live='polite'><b>Result:</b> "
                              f"{html.escape(datatool.describe(value))}</p>")
        self.out.clear_output()
        with self.out:
            if isinstance(value, pd.DataFrame):
                from IPython.display import HTML, display
                from ..html import table
                display(HTML(table(value[self.show].head(12))))
            elif isinstance(value, go.Figure):
                from IPython.display import display
                display(value)
        if self.question.kind == "number" and isinstance(value, (int, float)) and not isinstance(value, bool):
            self.answer.placeholder = f"for example {datatool.describe(value)}"

    def check(self) -> Feedback:
        if self.question.kind == "number":
            given = self.answer.value
        else:
            given = self.current()
            if isinstance(given, str):  # a sentence saying what to choose
                given = None
        fb = self._evaluate(self.question.qid, given)
        self.feedback.value = fb._repr_html_()
        return fb


def table_tool(q: Question) -> TableTool:
    from ..widgets.keyboard import guarded
    return guarded(TableTool(q))
