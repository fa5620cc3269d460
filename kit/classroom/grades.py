"""Grades and feedback from the gradebook: ``grades.csv`` for a learning platform, one page per student.

* ``<class>/grades.csv``: one row per student: the name, the kit's id, the hub user, points per lesson
  and for the unit (UTF-8 with a byte-order mark, so Excel reads Cyrillic and Chinese names). A cell
  that a spreadsheet would run as a formula (=, +, -, @ first) starts with an apostrophe.
* ``<class>/feedback/<student id>.html``: offline, no script, every answer escaped, with its mark, the
  teacher's comment and what to work on (the question's first hint, the misconception an answer showed).

Both are the teacher's files: written atomically, mode 0600, never through a link.
"""
from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

from ..exercises import questions
from ..exercises.classfolder import write_file, write_files
from ..exercises.model import CORRECT, NOT_ANSWERED, SAVED
from . import gradebook

SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,60}$")


def lessons() -> list[int]:
    return sorted({q.lesson for q in questions().values()})


def possible() -> dict[int, float]:
    out: dict[int, float] = {}
    for q in questions().values():
        out[q.lesson] = out.get(q.lesson, 0) + q.points
    return out


def _cell(value) -> str:
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def table(folder, attempt: str = "first") -> list[dict]:
    """One dict per student: name, id, hub user, points per lesson, unit total (on the attempt that counts)."""
    students, answers = gradebook.rows(folder, attempt)
    by_student: dict[str, list] = {}
    for a in answers:
        by_student.setdefault(a["student"], []).append(a)
    out = []
    for s in students:
        points = {n: 0.0 for n in lessons()}
        for a in by_student.get(s["id"], []):
            points[a["lesson"]] = points.get(a["lesson"], 0.0) + a["final"]
        row = {"Student": s["display"], "Kit ID": s["id"], "Hub user": s["hub_user"] or ""}
        row.update({f"Lesson {n}": round(points.get(n, 0.0), 2) for n in lessons()})
        row["Unit total"] = round(sum(points.values()), 2)
        out.append(row)
    return out


def grades_csv(folder, attempt: str = "first") -> Path:
    rows = table(folder, attempt)
    header = ["Student", "Kit ID", "Hub user"] + [f"Lesson {n}" for n in lessons()] + ["Unit total"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for r in rows:
        writer.writerow([_cell(r[h]) if isinstance(r[h], str) else f"{r[h]:g}" for h in header])
    return write_file(Path(folder), "grades.csv", "\ufeff" + buffer.getvalue(), create=False, mode=0o600)


# -- feedback pages ------------------------------------------------------------------------------
def show_answer(answer) -> str:
    """An answer as escaped HTML: free text as paragraphs, anything else as compact JSON."""
    if answer is None:
        return "<p><i>(no answer)</i></p>"
    if isinstance(answer, str):
        return "".join(f"<p>{html.escape(p)}</p>" for p in answer.splitlines() if p.strip()) or "<p></p>"
    text = json.dumps(answer, ensure_ascii=False)
    return f"<pre>{html.escape(text[:2000])}</pre>"


STATUS_WORDS = {CORRECT: "correct", "partly": "partly right", "not yet": "not yet", NOT_ANSWERED: "not answered",
                SAVED: "saved for your teacher"}


def feedback_page(student: dict, answers: list[dict]) -> str:
    e = html.escape
    bank = questions()
    parts = []
    for a in sorted(answers, key=lambda a: (a["lesson"], int(a["qid"].split(".")[1]))):
        q = bank.get(a["qid"])
        if q is None:
            continue
        if a["kind"] == "text" and not a["mark_current"]:
            mark = "not marked yet"
        else:
            mark = f"{a['final']:g} of {a['points']:g} points"
        work_on = []
        if a["final"] < a["points"]:
            if a["misconception"]:
                work_on.append(f"Think about it: {a['misconception']}")
            work_on.append(f"Hint: {q.hints[0]}")
        if a["kind"] == "text" and q.rubric:
            work_on.append("What a strong answer does: " + "; ".join(q.rubric))
        comment = (f"<div class='comment'><b>Your teacher:</b> {e(a['comment'])}</div>"
                   if a.get("comment") and a["mark_current"] else "")
        parts.append(
            f"<section><h2>{e(q.qid)} ({e(q.skill)})</h2><p class='prompt'>{e(q.prompt)}</p>"
            f"<div class='answer'><b>Your answer:</b>{show_answer(a['answer'])}</div>"
            f"<p><b>Mark:</b> {e(mark)} ({e(STATUS_WORDS.get(a['status'], a['status']))}; "
            f"{a['attempts']} tries, {a['hints']} hints)</p>{comment}"
            + ("<ul>" + "".join(f"<li>{e(w)}</li>" for w in work_on) + "</ul>" if work_on else "")
            + "</section>")
    total = sum(a["final"] for a in answers)
    name = e(student["display"])
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>Feedback for {name}</title><style>body{{font-family:sans-serif;max-width:50em;margin:auto}}"
            "section{border-top:1px solid #ccc;margin-top:1em}.answer{background:#f4f4f4;padding:4px 8px}"
            ".comment{border-left:4px solid #2166ac;padding-left:8px}</style></head><body>"
            f"<h1>Feedback for {name}</h1><p>Points so far: {total:g}. Marks for free text come from your teacher; "
            "the other marks come from the kit's checks.</p>" + "".join(parts) + "</body></html>")


def feedback_pages(folder, attempt: str = "first") -> list[Path]:
    folder = Path(folder)
    students, answers = gradebook.rows(folder, attempt)
    by_student: dict[str, list] = {}
    for a in answers:
        by_student.setdefault(a["student"], []).append(a)
    pages = {}
    for s in students:
        if not SAFE_ID.match(s["id"]):  # the id is the kit's own; anything else is refused, not used as a path
            continue
        pages[f"{s['id']}.html"] = feedback_page(s, by_student.get(s["id"], []))
    return write_files(folder / "feedback", pages, mode=0o600, durable=False)


def export(folder, attempt: str = "first") -> dict:
    """grades.csv and every feedback page; ``attempt`` says which attempt's mark counts (first, best, last)."""
    csv_path = grades_csv(folder, attempt)
    pages = feedback_pages(folder, attempt)
    return {"grades": csv_path, "feedback": pages}
