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
        # The columns shown: the exercise's own list (2.3 shows who counted, the date and the words that give
        # each count's period, which choosing a like-for-like pair needs)
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
        # Where the question asks for a reason (2.3: which pair, and why), a box for it beside the answer
        self.reason = (w.Textarea(description="Your reason", placeholder=spec["reason"], style=STYLE,
                                  layout=w.Layout(width="95%", height="4em"))
                       if spec.get("reason") else None)
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
                          *([self.reason] if self.reason else []),
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
                display(HTML(table(self.shown_table(value))))
            elif isinstance(value, go.Figure):
                from IPython.display import display
                display(value)
        if self.question.kind == "number" and isinstance(value, (int, float)) and not isinstance(value, bool):
            self.answer.placeholder = f"for example {datatool.describe(value)}"

    def shown_table(self, rows: pd.DataFrame | None = None) -> pd.DataFrame:
        """The rows as the tool shows them: the exercise's columns, dates as '31 Dec 2020', and an empty
        cell where a value is missing (not 'NaT', '<NA>' or 'NaN')."""
        rows = datatool.keep_rows(self.frame, self.filters) if rows is None else rows
        out = rows[self.show].head(12).copy()
        for column in out.columns:
            values = out[column]
            if pd.api.types.is_datetime64_any_dtype(values):
                out[column] = [f"{d.day} {d:%b %Y}" if pd.notna(d) else "" for d in values]
            else:
                out[column] = ["" if v is None or (not isinstance(v, str) and pd.isna(v)) else v
                               for v in values.astype(object)]
        return out

    def check(self) -> Feedback:
        fb = self._check_answer()
        if self.reason is not None and fb.status != "not answered yet":
            reason = self.reason.value.strip()
            if reason:
                from . import responses
                try:
                    responses.record_reason(self.question.qid, self.question.lesson, reason)
                    fb.message += " Your reason is saved with your answer."
                except Exception as err:  # the answer's own saving already said what went wrong
                    fb.message += f" Your reason could not be saved ({type(err).__name__}): keep a copy of it."
            else:
                fb.message += (" The question also asks which pair you used and why: write it in the box "
                               "'Your reason', then press Check again.")
            self.feedback.value = fb._repr_html_()
        return fb

    def _check_answer(self) -> Feedback:
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
        # One message for the new list and the choice: sent apart, a busy browser could show (and send back)
        # the old position for a moment, and the next press would move another item.
        with self.list.hold_sync():
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
