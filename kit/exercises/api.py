"""The student's verbs: check, choose, write, hint, sign_in, export. None of them ever raises."""
from __future__ import annotations

from . import responses
from .checking import _MISSING, _SORRY, Message, _err_name, _find, _notices, _plain, evaluate, hint, questions
from .identity import display_name, student_id
from .model import Feedback

__all__ = ["check", "choose", "write", "hint", "sign_in", "export", "evaluate", "explore", "rubric",
           "examples", "questions", "my_marks"]


def _live() -> bool:
    from ..widgets.lesson_widgets import interactive
    return interactive()


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


def my_marks(lesson: int | None = None) -> str:
    """Your own marks so far, worked out as your teacher's gradebook will (the class's marking policy):
    per exercise what it is worth now and why, and the points per lesson. Written answers wait for your
    teacher; predictions are recorded, not marked."""
    from . import policy
    try:
        rule = policy.for_student()
        bank = questions()
        lessons = sorted({q.lesson for q in bank.values()}) if lesson is None else [int(lesson)]
        lines = [f"How marks are worked out: {rule.describe()}"]
        for n in lessons:
            answers = responses.load_lesson(n).get("answers", {})
            rows, total, worth = [], 0.0, 0.0
            for q in sorted((q for q in bank.values() if q.lesson == n), key=lambda q: int(q.qid.split(".")[1])):
                entry = answers.get(q.qid)
                worth += q.points
                if not isinstance(entry, dict):
                    continue
                m = policy.mark(q, policy.tries_from_history(entry.get("history")), rule)
                total += m.score
                rows.append(f"  {q.qid}: {m.how}")
            if rows:
                lines += [f"Lesson {n}: {round(total, 2):g} of {worth:g} points checked so far"] + rows
        if len(lines) == 1:
            lines.append("No answers saved yet.")
        return Message("\n".join(lines) + _notices())
    except Exception as err:
        return Message(_SORRY.format(err=_err_name(err)))
