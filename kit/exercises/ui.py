"""The exercise widgets: a hint button under each check, multiple choice, free text, sign-in."""
from __future__ import annotations

import html

import ipywidgets as w

from ..widgets.keyboard import fit, guarded
from . import responses
from .identity import display_name
from .model import CORRECT, Feedback, Question

STYLE = {"description_width": "initial"}


def _feedback_html(fb: Feedback) -> str:
    return fb._repr_html_()


class HintButton(w.VBox):
    def __init__(self, q: Question):
        from .checking import hint
        self.button = w.Button(layout=fit(), description="Show a hint", tooltip=f"A hint for {q.qid}",
                                 icon="lightbulb-o")
        self.text = w.HTML()
        self.button.on_click(lambda _: self._show(hint(q.qid), q))
        super().__init__([self.button, self.text])

    def _show(self, text: str, q: Question) -> None:
        self.text.value = (self.text.value + f"<p role='note'>{html.escape(text)}</p>")
        if text.startswith("Worked example"):
            self.button.disabled = True
            self.button.description = "No more hints"


class NoCodeButton(w.VBox):
    """'Answer without code': opens the table tool for a data exercise (the no-code route)."""

    def __init__(self, q: Question):
        self.question = q
        self.button = w.Button(layout=fit(), description="Answer without code",
                                 tooltip=f"Open the table tool for {q.qid}",
                               icon="table")
        self.button.on_click(lambda _: self.show_tool())
        super().__init__([self.button])

    def show_tool(self):
        from .nocode import table_tool
        if len(self.children) == 1:
            self.tool = table_tool(self.question)
            # The button goes once the tool is open: a greyed-out button was hard to read (issue 24)
            self.button.disabled = True
            self.button.layout.display = "none"
            self.children = (self.button, self.tool)
        return self.children[-1]


class Checked(w.VBox):
    """The feedback of a check, shown as HTML (so text/plain still says the result), a hint button and,
    for a data exercise, the way to answer it without code."""

    def __init__(self, fb: Feedback, q: Question):
        from .model import NOT_ANSWERED
        from .nocode import picker
        self.feedback = fb
        extra = []
        if q.no_code:
            extra.append(NoCodeButton(q))
            if fb.status == NOT_ANSWERED:  # nothing typed: the way without code is open, not behind a button
                extra[0].show_tool()
        route = picker(q) if fb.status != CORRECT else None  # matching and ordering: menus and buttons
        if route is not None:
            extra.append(route)
        super().__init__([w.HTML(_feedback_html(fb)), HintButton(q), *extra])

    def __repr__(self) -> str:  # what nbval, exports and plain terminals show
        return str(self.feedback)


def with_hint_button(fb: Feedback, q: Question):
    return guarded(Checked(fb, q))


class Choice(w.VBox):
    def __init__(self, q: Question):
        from .checking import evaluate
        self.question = q
        self.options = w.RadioButtons(options=[(f"{k}) {v}", k) for k, v in q.options.items()], value=None,
                                      description="Your choice", style=STYLE, layout=w.Layout(width="auto"))
        self.button = w.Button(layout=fit(), description="Check", tooltip=f"Check your answer to {q.qid}")
        self.result = w.HTML(Feedback(q.qid, "not answered yet", 0, q.points,
                                      "Not answered yet: pick one and press Check.")._repr_html_())
        self.button.on_click(lambda _: self._check(evaluate))
        super().__init__([self.options, self.button, self.result, HintButton(q)])

    def _check(self, evaluate) -> None:
        self.result.value = _feedback_html(evaluate(self.question.qid, self.options.value))

    def __repr__(self) -> str:
        return f"{self.question.qid}: not answered yet (choose one option and press Check)"


def choice_widget(q: Question) -> Choice:
    return guarded(Choice(q))


def previous_text(q: Question) -> tuple[str, str]:
    """The text answer saved last time (for the box), and a note if it could not be read.

    Only text goes back in the box: a table or number checked earlier for this question is not text."""
    try:
        entry = responses.load_lesson(q.lesson).get("answers", {}).get(q.qid, {})
        answer = entry.get("answer") if isinstance(entry, dict) else None
        return (answer if isinstance(answer, str) else ""), ""
    except Exception as err:
        why = str(err) if isinstance(err, responses.SavingError) else type(err).__name__
        return "", f"Your earlier answer could not be shown ({why}); it is still saved. Run the cell again later."


class FreeText(w.VBox):
    def __init__(self, q: Question):
        from .checking import evaluate
        self.question = q
        previous, problem = previous_text(q)
        limit = responses.MAX_ANSWER_CHARS
        self.box = w.Textarea(value=previous, placeholder=f"Write your answer here (up to {limit:,} characters)",
                              description="Your answer", style=STYLE,
                              layout=w.Layout(width="95%", height="8em"))
        self.limit = w.HTML(f"<small>Up to {limit:,} characters (about {limit // 6:,} words) are kept. "
                            f"{html.escape(problem)}</small>")
        self.button = w.Button(layout=fit(), description="Save", tooltip=f"Save your answer to {q.qid}")
        self.result = w.HTML()
        self.button.on_click(lambda _: setattr(self.result, "value",
                                               _feedback_html(evaluate(q.qid, self.box.value))))
        self.starters = w.HTML(starters_html(q))
        super().__init__([self.starters, self.box, self.limit, self.button, self.result])

    def __repr__(self) -> str:
        return f"{self.question.qid}: not answered yet (write in the box and press Save)"


def starters_html(q: Question) -> str:
    """The sentence starters of a written task, as a short list above the answer box."""
    items = "".join(f"<li>{html.escape(s)}</li>" for s in q.sentence_starters)
    return f"<div class='kit-starters'><p><b>Sentence starters</b> (use them if they help):</p><ul>{items}</ul></div>"


def text_widget(q: Question) -> FreeText:
    return guarded(FreeText(q))


def _signed_in_name() -> str:
    """The name this student gave with sign_in(), or "" (never the computer's user name, such as "root")."""
    try:
        return responses._name_file().read_text(encoding="utf-8").strip()
    except (OSError, ValueError):
        return ""


def sign_in_widget():
    current = _signed_in_name()
    box = w.Text(value=current, description="Your name", placeholder="Type your name here", style=STYLE)
    button = w.Button(description="Save my name", layout=w.Layout(width="auto"))
    if current:
        shown, _ = display_name(current)
        note = w.HTML(f"<p role='status'>Signed in as <b>{html.escape(shown)}</b>. "
                      "Not you? Type your name and press <i>Save my name</i>.</p>")
    else:
        note = w.HTML("<p role='status'>Not signed in yet: type your name and press <i>Save my name</i>.</p>")

    def save(_):
        try:
            shown, _ = display_name(responses.set_student_name(box.value))
            note.value = f"Signed in as <b>{html.escape(shown)}</b>."
        except ValueError:
            note.value = "Please type your name first."
        except Exception as err:  # a read-only folder: say so, keep working
            note.value = f"Could not save the name ({html.escape(type(err).__name__)}). Tell your teacher."
    button.on_click(save)
    return guarded(w.VBox([w.HBox([box, button], layout=w.Layout(flex_flow="row wrap")), note]))



def score_together(qid: str, options: list[str]):
    """A group scores two or three options together and saves them as its answer to ``qid``: the lesson's
    cell reads ``score_together("q3.2", ["o04", "o10"])`` instead of the wiring (a lambda) it showed."""
    from ..widgets import own_scores
    from .checking import evaluate
    return own_scores(options, save=lambda answer: evaluate(qid, answer), qid=qid)
