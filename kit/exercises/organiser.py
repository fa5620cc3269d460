"""The document organiser as an exercise: save and mark a student's organiser entries with the lesson's
answers (q1.9, q5.9), and print their worksheet. The documents themselves and the organiser's fields are
data (kit.data_package.documents); saving and marking belong to the exercises layer."""
from __future__ import annotations

from pathlib import Path

from ..data_package.documents import ORGANISER_QUESTION, as_text, blank_entry, clean_entry, missing_parts, worksheet
from . import responses
from .grade import grade


def _question(lesson: int):
    from .checking import questions
    qid = ORGANISER_QUESTION.get(int(lesson))
    if qid is None:
        raise ValueError(f"Lesson {lesson} has no organiser; lessons {sorted(ORGANISER_QUESTION)} do.")
    return questions()[qid]


def saved(lesson: int) -> dict[str, dict[str, str]]:
    """This student's saved organiser entries for a lesson: {doc_id: entry}."""
    q = _question(lesson)
    try:
        answer = responses.load(responses.lesson_file(q.lesson))["answers"].get(q.qid, {}).get("answer")
    except Exception:
        return {}
    if not isinstance(answer, dict):
        return {}
    return {str(d): {k: str(v) for k, v in e.items()} for d, e in answer.items() if isinstance(e, dict)}


def save(doc_id: str, entry, lesson: int = 1) -> str:
    """Save one document's organiser with the lesson's other entries, as an answer. Returns a message
    for the student (what was saved, what is still empty, any problem); never raises."""
    clean, problems = clean_entry(doc_id, entry)
    if problems and clean == blank_entry():
        return " ".join(problems)
    try:
        q = _question(lesson)
        entries = saved(lesson)
        entries[str(doc_id).strip().lower()] = clean
        text = " ".join(as_text(d, e) for d, e in sorted(entries.items()))
        fb = grade(q, text)
        responses.record(q.qid, q.lesson, answer=entries, feedback=fb)
    except Exception as err:  # a full disk must not break the lesson; say so plainly
        return f"Your organiser could not be saved ({type(err).__name__}). Tell your teacher."
    gaps = missing_parts(clean)
    message = f"Saved your organiser for document {doc_id}."
    if gaps:
        message += f" Still empty: {', '.join(gaps)}."
    return " ".join([message] + problems)


def write_worksheet(path, lesson: int = 1, doc_ids: list[str] | None = None) -> str:
    """Write this student's organiser worksheet as an HTML page to print. Returns a message."""
    try:
        page = worksheet(saved(lesson), doc_ids=doc_ids, fmt="html", student=responses.student_name())
        Path(path).write_text(page, encoding="utf-8")
        return f"Your worksheet is in {path}. Open it in a browser and print it."
    except Exception as err:
        return f"Could not write the worksheet ({type(err).__name__}: {err})."
