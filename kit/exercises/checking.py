"""Checking an answer without any widget: find the exercise, grade it, save it, give the next hint.

The student's verbs (kit.exercises.api) and the exercise widgets (ui, nocode, documents_ui) all call these,
so the widgets never need the verbs module. Nothing here ever raises to the student."""
from __future__ import annotations

import difflib
import inspect

from . import responses
from .grade import grade
from .model import NOT_ANSWERED, NOT_YET, SAVED, Feedback, Question

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
    if not q.graded and fb.readable and fb.status != NOT_ANSWERED:
        fb = Feedback(q.qid, SAVED, 0, 0, "Recorded for the class discussion: a prediction is not marked. "
                      + fb.message, misconception=fb.misconception)
    if fb.status != NOT_ANSWERED:
        fb.message += _limit_note(q, answer) + _save(q, answer, fb)
        _worth(q, fb)
    return fb


def _worth(q: Question, fb: Feedback) -> None:
    """Say, right after the check, what the answer is now worth under the class's policy, and why."""
    from . import policy
    try:
        entry = responses.load_lesson(q.lesson).get("answers", {}).get(q.qid, {})
        tries = policy.tries_from_history(entry.get("history")) if isinstance(entry, dict) else []
    except Exception:  # the answer could not be saved or read back: this try is all we know
        tries = []
    if not tries:
        tries = [policy.Try(fb.status, fb.score, fb.readable)]
    if q.kind == "text" and q.graded:
        n = len(q.rubric)
        fb.worth = (f"Your teacher marks it: up to {q.points} point{'s' if q.points != 1 else ''}, "
                    f"for the {n} criteria of the rubric." if n else "Your teacher marks it.")
        return
    rule = policy.for_student()
    m = policy.mark(q, tries, rule)
    if not q.graded:
        fb.worth = m.how
        return
    if not fb.readable:
        fb.worth = "This try does not count and costs nothing. " + (m.how if m.tries else "")
        fb.worth = fb.worth.strip()
        return
    fb.counted = m.score
    fb.worth = m.how
    if fb.status != "correct":
        fb.worth += (" " + policy.guessable_note(q, rule)).rstrip()


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
