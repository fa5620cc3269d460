"""The student's verbs: check, choose, write, hint, sign_in, export. None of them ever raises."""
from __future__ import annotations

import difflib
import inspect

from . import responses
from .grade import grade
from .identity import display_name, student_id
from .model import NOT_ANSWERED, NOT_YET, Feedback, Question

_MISSING = object()
_SORRY = ("Something went wrong in the kit (not your fault): {err}. Your earlier answers are safe. "
          "Run the cell again; if it happens again, tell your teacher.")


def _err_name(err: BaseException) -> str:
    return type(err).__name__


def _plain(value, limit: int = 60) -> str:
    """Any value as short text for a message (its str may raise, or be huge)."""
    try:
        text = str(value)
    except Exception:
        text = f"a {type(value).__name__}"
    return text if len(text) <= limit else text[: limit - 3] + "..."


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
    key = _plain(qid, 200).strip().lower() if not isinstance(qid, str) else qid.strip().lower()
    if key in bank:
        return bank[key]
    close = difflib.get_close_matches(key, list(bank), n=1, cutoff=0.6)
    hint = f" Did you mean \"{close[0]}\"?" if close else ""
    shown = _plain(qid, 40)
    return Feedback(shown, NOT_YET, 0, 0, f"There is no exercise called \"{shown}\".{hint} "
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


def _notices() -> str:
    """What the kit must tell the student about their saved answers (a damaged file recovered)."""
    try:
        return "".join(f" {n}" for n in responses.pop_notices())
    except Exception:  # pragma: no cover - pop_notices only copies a list
        return ""


def _save(q: Question, answer, fb: Feedback | None = None, hint: int | None = None) -> str:
    try:
        responses.record(q.qid, q.lesson, answer=answer, feedback=fb, hint_used=hint)
        return _notices()
    except responses.SavingError as err:  # the file is left as it was; say why, plainly
        return f" (Your answer could not be saved: {err} Your earlier answers are safe. " \
               "Run the cell again in a moment; if it happens again, tell your teacher.)" + _notices()
    except Exception as err:  # a full disk must not break the lesson; say so plainly
        return f" (Your answer could not be saved: {_err_name(err)}. Tell your teacher.)" + _notices()


def _limit_note(q: Question, answer) -> str:
    """Say so when a text answer is longer than the kit keeps (never cut silently)."""
    if isinstance(answer, str) and len(answer) > responses.MAX_ANSWER_CHARS:
        return (f" Your answer has {len(answer):,} characters; only the first "
                f"{responses.MAX_ANSWER_CHARS:,} are kept. Please make it shorter.")
    return ""


def evaluate(qid, answer=_MISSING) -> Feedback:
    """Grade and save an answer; the Feedback object, with no display. Never raises."""
    try:
        return _evaluate(qid, answer)
    except Exception as err:  # an answer whose len or str raises, a bug: never a traceback
        return Feedback(_plain(qid, 40), NOT_YET, 0, 0, _SORRY.format(err=_err_name(err)))


def _evaluate(qid, answer) -> Feedback:
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
        fb.message += _limit_note(q, answer) + _save(q, answer, fb)
    return fb


def check(qid, answer=_MISSING):
    """Check your answer to one exercise: ``check("q2.3")`` reads the variable the cell names,
    ``check("q2.3", answer)`` checks the value you give. Shows the result and a hint button."""
    fb = evaluate(qid, answer)
    try:
        if _live() and fb.qid in questions():
            from .ui import with_hint_button
            return with_hint_button(fb, questions()[fb.qid])
    except Exception:  # no widgets: the plain feedback still says everything
        pass
    return fb


def hint(qid) -> str:
    """The next hint for an exercise: hint 1, hint 2, then a worked example. Hint use is recorded."""
    try:
        q = _find(qid)
        if isinstance(q, Feedback):
            return Message(q.message)
        try:
            used = int(responses.hints_used(q.qid, q.lesson))
        except Exception:
            used = 0
        n = min(max(used, 0) + 1, len(q.hints))
        saved = _save(q, None, hint=n)
        text = q.hints[n - 1]
        if n == len(q.hints):  # the bank's worked examples already say so ("Worked example (a similar task): ...")
            return Message((text if text.startswith("Worked example") else f"Worked example: {text}") + saved)
        return Message(f"Hint {n} of {len(q.hints) - 1}: {text}{saved}")
    except Exception as err:
        return Message(_SORRY.format(err=_err_name(err)))


def choose(qid):
    """A multiple-choice exercise as buttons; pressing Check marks and saves the choice."""
    try:
        q = _find(qid)
        if isinstance(q, Feedback):
            return q
        text = Message("\n".join(f"{k}) {v}" for k, v in q.options.items()))
        if not _live():
            return text
        from .ui import choice_widget
        return choice_widget(q)
    except Exception as err:
        return Message(_SORRY.format(err=_err_name(err)))


def write(qid):
    """A free-text exercise: a box to write in and a Save button."""
    try:
        q = _find(qid)
        if isinstance(q, Feedback):
            return q
        if _live():
            from .ui import text_widget
            return text_widget(q)
        return Message("\n".join([q.prompt, f"(Up to {responses.MAX_ANSWER_CHARS:,} characters are kept.)", "",
                                  "Sentence starters:"] + [f"- {s}" for s in q.sentence_starters]))
    except Exception as err:
        return Message(_SORRY.format(err=_err_name(err)))


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
            saved = responses.set_student_name(name)
            shown, flagged = display_name(saved)
            note = " (Some invisible characters in the name are not shown.)" if flagged else ""
            return Message(f"Signed in as {shown}.{note} Your answers are saved under {student_id(saved)}.")
        if _live():
            from .ui import sign_in_widget
            return sign_in_widget()
        return Message(f"Signed in as {display_name(responses.student_name())[0]}.")
    except Exception as err:
        try:
            who = responses.student_name()
        except Exception:
            who = "the computer's user name"
        why = "the name is empty" if isinstance(err, ValueError) and str(err) == "empty name" else _err_name(err)
        return Message(f"Could not save the name ({why}); answers are saved as {_plain(display_name(who)[0])}.")


def export(path=None) -> str:
    """Write one submission file with all your answers, to hand in to your teacher."""
    try:
        out = responses.export(path)
        from .classfolder import class_dir
        if path is None and class_dir() is not None:
            return Message(f"Your answers are in the class folder: {out}. Your teacher collects them from there."
                           f"{_notices()}")
        return Message(f"Your answers are in {out}. Hand in this file.{_notices()}")
    except responses.SavingError as err:
        return Message(f"Could not write the submission file: {err} Nothing was changed. "
                       f"Run the cell again in a moment; if it happens again, tell your teacher.{_notices()}")
    except Exception as err:
        return Message(f"Could not write the submission file ({_err_name(err)}: {_plain(err, 200)}). "
                       f"Tell your teacher.{_notices()}")


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
