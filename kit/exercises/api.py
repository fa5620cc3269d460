"""The student's verbs: check, choose, write, hint, sign_in, export. None of them ever raises."""
from __future__ import annotations

import difflib
import inspect

from . import responses
from .grade import grade
from .model import NOT_ANSWERED, NOT_YET, Feedback, Question

_MISSING = object()


class Message(str):
    """Text for the student, shown without quotes in a notebook."""

    def __repr__(self) -> str:
        return str(self)


def questions() -> dict[str, Question]:
    from .bank import QUESTIONS
    return QUESTIONS


def _live() -> bool:
    from ..widgets import interactive
    return interactive()


def _find(qid) -> Question | Feedback:
    bank = questions()
    key = str(qid).strip().lower()
    if key in bank:
        return bank[key]
    close = difflib.get_close_matches(key, list(bank), n=1, cutoff=0.6)
    hint = f" Did you mean \"{close[0]}\"?" if close else ""
    return Feedback(str(qid), NOT_YET, 0, 0, f"There is no exercise called {qid!r}.{hint} "
                    "The exercise number is in the question above the cell.")


def _user_value(name: str):
    """The student's variable, from the notebook's namespace (or the caller's, outside Jupyter)."""
    try:
        from IPython import get_ipython
        shell = get_ipython()
        if shell is not None:
            return shell.user_ns.get(name, _MISSING)
    except ImportError:  # pragma: no cover
        pass
    frame = inspect.currentframe()
    try:  # the first frame outside this package is the student's code
        while frame is not None and frame.f_globals.get("__name__", "").startswith("kit.exercises"):
            frame = frame.f_back
        return frame.f_globals.get(name, _MISSING) if frame is not None else _MISSING
    finally:
        del frame


def _save(q: Question, answer, fb: Feedback | None = None, hint: int | None = None) -> str:
    try:
        responses.record(q.qid, q.lesson, answer=answer, feedback=fb, hint_used=hint)
        return ""
    except Exception as err:  # a full disk must not break the lesson; say so plainly
        return f" (Your answer could not be saved: {type(err).__name__}. Tell your teacher.)"


def evaluate(qid, answer=_MISSING) -> Feedback:
    """Grade and save an answer; the Feedback object, with no display. Never raises."""
    q = _find(qid)
    if isinstance(q, Feedback):
        return q
    if answer is _MISSING:
        if not q.variable:
            return Feedback(q.qid, NOT_ANSWERED, 0, q.points, "Not answered yet: use the answer box above.")
        answer = _user_value(q.variable)
        if answer is _MISSING:
            return Feedback(q.qid, NOT_ANSWERED, 0, q.points,
                            f"Not answered yet: the cell should set {q.variable} = your answer. Run that cell first.")
    fb = grade(q, answer)
    if fb.status != NOT_ANSWERED:
        fb.message += _save(q, answer, fb)
    return fb


def check(qid, answer=_MISSING):
    """Check your answer to one exercise: ``check("q2.3")`` reads the variable the cell names,
    ``check("q2.3", answer)`` checks the value you give. Shows the result and a hint button."""
    fb = evaluate(qid, answer)
    if _live() and fb.qid in questions():
        from .ui import with_hint_button
        return with_hint_button(fb, questions()[fb.qid])
    return fb


def hint(qid) -> str:
    """The next hint for an exercise: hint 1, hint 2, then a worked example. Hint use is recorded."""
    q = _find(qid)
    if isinstance(q, Feedback):
        return q.message
    try:
        used = responses.hints_used(q.qid, q.lesson)
    except Exception:
        used = 0
    n = min(used + 1, len(q.hints))
    _save(q, None, hint=n)
    label = "Worked example" if n == len(q.hints) else f"Hint {n} of {len(q.hints) - 1}"
    return Message(f"{label}: {q.hints[n - 1]}")


def choose(qid):
    """A multiple-choice exercise as buttons; pressing Check marks and saves the choice."""
    q = _find(qid)
    if isinstance(q, Feedback):
        return q
    from .ui import choice_widget
    return choice_widget(q) if _live() else "\n".join(f"{k}) {v}" for k, v in q.options.items())


def write(qid):
    """A free-text exercise: a box to write in and a Save button."""
    q = _find(qid)
    if isinstance(q, Feedback):
        return q
    from .ui import text_widget
    if _live():
        return text_widget(q)
    return Message("\n".join([q.prompt, "", "Sentence starters:"] + [f"- {s}" for s in q.sentence_starters]))


def explore(qid):
    """The no-code route of a data exercise: the table tool (choose rows and what to do with them)."""
    q = _find(qid)
    if isinstance(q, Feedback):
        return q
    if not q.no_code:
        return Message(f"{q.qid} has no table tool: answer it in the box or cell above.")
    if _live():
        from .nocode import table_tool
        return table_tool(q)
    return Message(f"{q.qid} without code: {q.no_code.get('steps', '')}")


def sign_in(name: str | None = None) -> str:
    """Tell the kit your name, so your answers are saved under it (once per computer)."""
    try:
        if name is not None:
            return Message(f"Signed in as {responses.set_student_name(name)}.")
        if _live():
            from .ui import sign_in_widget
            return sign_in_widget()
        return Message(f"Signed in as {responses.student_name()}.")
    except Exception as err:
        return Message(f"Could not save the name ({type(err).__name__}); answers are saved as "
                       f"{responses.student_name()}.")


def export(path=None) -> str:
    """Write one submission file with all your answers, to hand in to your teacher."""
    try:
        out = responses.export(path)
        return Message(f"Your answers are in {out}. Hand in this file.")
    except Exception as err:
        return Message(f"Could not write the submission file ({type(err).__name__}: {err}). Tell your teacher.")


def rubric(qid):
    """A written task's single-point rubric (the standard, with room for notes either side)."""
    q = _find(qid)
    if isinstance(q, Feedback):
        return q
    from .rubric import rubric_of
    return rubric_of(q)


def examples(qid):
    """A written task's example answers, each labelled with its score against the rubric."""
    q = _find(qid)
    if isinstance(q, Feedback):
        return q
    from .rubric import examples_of
    return examples_of(q)
