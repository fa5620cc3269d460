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
from ..widgets.keyboard import fit
from .model import Feedback, Question

STYLE = {"description_width": "initial"}


def _wrap() -> w.Layout:  # a row of controls wraps on a narrow screen (1366 px, 200 % zoom)
    return w.Layout(flex_flow="row wrap", max_width="100%")


class TableTool(w.VBox):
    def __init__(self, q: Question):
        from .checking import evaluate
        self.question, self._evaluate = q, evaluate
        spec = q.no_code
        self.frame = datatool.load(spec["table"])
        self.show = [c for c in spec.get("show", list(self.frame.columns)) if c in self.frame]
        if "period" in q.prompt.lower():  # 2.3: choosing a like-for-like pair needs each row's date and words
            self.show += [c for c in ("date", "text") if c in self.frame and c not in self.show]
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
            rows.append(w.HBox([col, vals], layout=_wrap()))
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
        self.button = w.Button(layout=fit(), description="Check",
                                 tooltip=f"Check this result as your answer to {q.qid}")
        self.button.on_click(lambda _: self.check())
        self.summary = w.HTML()
        self.out = w.Output()
        self.feedback = w.HTML()
        steps = html.escape(spec.get("steps", ""))
        super().__init__([w.HTML(f"<p><b>The table tool ({html.escape(spec['table'])}):</b> {steps}</p>"),
                          *rows, w.HBox([self.operation, self.column, self.y], layout=_wrap()), self.summary,
                          # Check beside the result, above the table: under a long table it was about
                          # 1,140 px away from the result it checks (issue 24)
                          w.HBox([self.answer, self.button], layout=_wrap()), self.feedback, self.out])
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
            from .grade import _as_number
            # The tool's box only takes text: pass the number it holds, so the feedback speaks of the
            # answer, not of how it was typed ("You typed it as text" was meant for code)
            number = _as_number(self.answer.value)
            given = self.answer.value if number is None else (int(number) if number.is_integer() else number)
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


# -- matching and ordering without code (issue 21) ------------------------------------------------
# A list beside each item (matching) and Move up / Move down buttons (ordering): native, labelled
# controls, so they work by keyboard and pointer alike; a status line (aria-live) says what changed, for
# screen readers. The typed route (a dictionary, a list, or plain text like "OMON B, CSTO A") stays.

_NONE = "(choose)"


def _status(text: str) -> str:
    return f"<p role='status' aria-live='polite' class='kit-status'>{html.escape(text)}</p>"


def _options_list(q: Question) -> str:
    """The options to choose from, as a definition list: letter, then its words (they wrap, never cut)."""
    rows = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in q.options.items())
    return f"<dl class='kit-options'>{rows}</dl>"


class MatchPicker(w.VBox):
    """Matching without code: for each item, a menu of the option letters, labelled with the item."""

    def __init__(self, q: Question):
        from .checking import evaluate
        self.question, self._evaluate = q, evaluate
        choices = [(_NONE, "")] + [(f"{k}: {v}", k) for k, v in q.options.items()]
        self.menus = {item: w.Dropdown(options=choices, value="", description=item, style=STYLE,
                                       layout=w.Layout(width="auto", max_width="100%"))
                      for item in q.items}
        for item, menu in self.menus.items():
            menu.observe(lambda change, item=item: self._said(item, change["new"]), names="value")
        self.status = w.HTML(_status(""))
        self.button = w.Button(description="Check", tooltip=f"Check your matches for {q.qid}",
                               layout=w.Layout(width="auto"))
        self.button.on_click(lambda _: self.check())
        self.feedback = w.HTML()
        intro = w.HTML(f"<p><b>Answer without code:</b> for each item, choose its letter from the list "
                       f"beside it, then press <i>Check</i>.</p>{_options_list(q)}")
        super().__init__([intro, *self.menus.values(), self.status, self.button, self.feedback],
                         layout=w.Layout(max_width="100%"))
        self.add_class("kit-match")

    def _said(self, item: str, letter: str) -> None:
        self.status.value = _status(f"{item}: {letter or 'nothing'} chosen.")

    @property
    def answer(self) -> dict:
        return {item: menu.value for item, menu in self.menus.items() if menu.value}

    def check(self) -> Feedback:
        fb = self._evaluate(self.question.qid, self.answer or None)
        self.feedback.value = fb._repr_html_()
        return fb


class OrderPicker(w.VBox):
    """Ordering without code: the items in a list; choose one and move it up or down, then Check."""

    def __init__(self, q: Question):
        from .checking import evaluate
        self.question, self._evaluate = q, evaluate
        self.order = list(q.options)
        self.list = w.Select(options=self._labels(), value=None, rows=len(self.order),
                             description="Your order (first at the top)", style=STYLE,
                             layout=w.Layout(width="auto", max_width="100%"))
        self.up = w.Button(description="Move up", tooltip="Move the chosen item one place up",
                           icon="arrow-up", layout=w.Layout(width="auto"))
        self.down = w.Button(description="Move down", tooltip="Move the chosen item one place down",
                             icon="arrow-down", layout=w.Layout(width="auto"))
        self.up.on_click(lambda _: self.move(-1))
        self.down.on_click(lambda _: self.move(+1))
        self.status = w.HTML(_status(""))
        self.button = w.Button(description="Check", tooltip=f"Check your order for {q.qid}",
                               layout=w.Layout(width="auto"))
        self.button.on_click(lambda _: self.check())
        self.feedback = w.HTML()
        intro = w.HTML("<p><b>Answer without code:</b> choose an item in the list, move it with "
                       "<i>Move up</i> and <i>Move down</i> until the order is right, then press <i>Check</i>.</p>")
        super().__init__([intro, self.list, w.HBox([self.up, self.down]), self.status, self.button,
                          self.feedback], layout=w.Layout(max_width="100%"))
        self.add_class("kit-order")

    def _labels(self) -> list[tuple[str, str]]:
        return [(f"{i}. {k}: {self.question.options[k]}", k) for i, k in enumerate(self.order, 1)]

    def move(self, step: int) -> None:
        letter = self.list.value
        if letter is None:
            self.status.value = _status("First choose an item in the list.")
            return
        i = self.order.index(letter)
        j = min(max(i + step, 0), len(self.order) - 1)
        self.order.insert(j, self.order.pop(i))
        self.list.options = self._labels()
        self.list.value = letter  # the moved item stays chosen: press again to move it further
        self.status.value = _status(f"{letter} is now number {j + 1} of {len(self.order)}.")

    def check(self) -> Feedback:
        fb = self._evaluate(self.question.qid, list(self.order))
        self.feedback.value = fb._repr_html_()
        return fb


def picker(q: Question):
    """The way to answer a matching or ordering exercise without code, or None for other kinds."""
    from ..widgets.keyboard import guarded
    kinds = {"matching": MatchPicker, "ordering": OrderPicker}
    return guarded(kinds[q.kind](q)) if q.kind in kinds else None
