"""Grades and feedback from the gradebook: ``grades.csv`` for a learning platform, one page per student.

* ``<class>/grades.csv``: one row per student: the name, the kit's id, the hub user, points per lesson
  and for the unit (UTF-8 with a byte-order mark, so Excel reads Cyrillic and Chinese names). A cell
  that a spreadsheet would run as a formula (=, +, -, @ first) starts with an apostrophe.
* ``<class>/feedback/<student id>.html``: offline, no script, every answer escaped, with the attempt that
  counts, its mark and how it was worked out (the class's marking policy, ``kit.exercises.policy``), the
  teacher's comment, the criteria met and to work on, and the lesson totals (the same numbers as grades.csv).

Both are the teacher's files: written atomically, mode 0600, never through a link.
"""
from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

from ..exercises import policy, questions
from ..exercises.classfolder import write_files
from ..exercises.model import criteria, fmt
from . import gradebook, submissions

SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,60}$")


def lessons() -> list[int]:
    return list(_of_bank(questions())[0])


def possible() -> dict[int, float]:
    return dict(_of_bank(questions())[1])


_BANK: list = []  # [(bank, lesson numbers, points per lesson, size)]: once per bank, not once per student


def _of_bank(bank: dict) -> tuple:
    if not _BANK or _BANK[0][0] is not bank or _BANK[0][3] != len(bank):
        out: dict[int, float] = {}
        for q in bank.values():
            out[q.lesson] = out.get(q.lesson, 0) + q.points
        _BANK[:] = [(bank, tuple(sorted(out)), out, len(bank))]
    return _BANK[0][1:3]


def _cell(value) -> str:
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def lesson_totals(answers: list[dict]) -> dict:
    """Points per lesson and for the unit from answers already worked out by ``gradebook.final``: the sum of
    the marks as shown item by item (each rounded to 2 decimals), so a page adds up to its total. grades.csv,
    the feedback pages and the report all use this one function."""
    numbers = _of_bank(questions())[0]
    points = dict.fromkeys(numbers, 0.0)
    for a in answers:
        points[a["lesson"]] = points.get(a["lesson"], 0.0) + a["final"]
    out = {f"Lesson {n}": round(points.get(n, 0.0), 2) + 0.0 for n in numbers}
    out["Unit total"] = round(sum(points.values()), 2) + 0.0
    return out


def _by_student(answers: list[dict]) -> dict[str, list]:
    by: dict[str, list] = {}
    for a in answers:
        by.setdefault(a["student"], []).append(a)
    return by


def table(folder, attempt=None) -> list[dict]:
    """One dict per student: name, id, hub user, points per lesson, unit total (under the class's policy)."""
    students, answers = gradebook.rows(folder, attempt)
    return _table(students, _by_student(answers))


def _table(students, by_student) -> list[dict]:
    out = []
    for s in students:
        row = {"Student": s["display"], "Kit ID": s["id"], "Hub user": s["hub_user"] or ""}
        row.update(lesson_totals(by_student.get(s["id"], [])))
        out.append(row)
    return out


def _csv_text(rows: list[dict]) -> str:
    header = ["Student", "Kit ID", "Hub user"] + [f"Lesson {n}" for n in lessons()] + ["Unit total"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for r in rows:
        writer.writerow([_cell(r[h]) if isinstance(r[h], str) else fmt(r[h]) for h in header])
    return "\ufeff" + buffer.getvalue()


def grades_csv(folder, attempt=None) -> Path:
    return _write(Path(folder), {"grades.csv": _csv_text(table(folder, attempt))})[0]


def _write(folder: Path, texts: dict[str, str], *, durable: bool = True) -> list[Path]:
    """Write the teacher's files, each whole or not at all (atomic); a full disk is a message, not a traceback."""
    try:
        return write_files(folder, texts, create=True, mode=0o600, durable=durable)
    except OSError as err:
        why = err.strerror or type(err).__name__
        raise gradebook.GradebookError(f"could not write in {folder} ({why}). Every file there is either the "
                                       "complete new one or the old one, never half-written; free some space "
                                       "and run the command again.") from None


# -- feedback pages ------------------------------------------------------------------------------
def show_answer(answer) -> str:
    """An answer as escaped HTML: free text as paragraphs, anything else as compact JSON."""
    if answer is None:
        return "<p><i>(no answer)</i></p>"
    if isinstance(answer, str):
        return "".join(f"<p>{html.escape(p)}</p>" for p in answer.splitlines() if p.strip()) or "<p></p>"
    text = json.dumps(answer, ensure_ascii=False)
    return f"<pre>{html.escape(text[:2000])}</pre>"


def mark_words(a: dict) -> str:
    """The mark as the page shows it: "0.67 of 1 point", "not marked yet", "not marked (a prediction)"."""
    if not a.get("graded", True):
        return "not marked (recorded for the discussion)"
    if a["kind"] == "text" and not a["mark_current"]:
        return "not marked yet"
    return f"{fmt(a['final'])} of {fmt(a['points'])} point{'' if a['points'] == 1 else 's'}"


def _criteria_lists(q, a: dict) -> str:
    """Which criteria were met, and which to work on (a written task marked criterion by criterion)."""
    levels = a.get("criteria_levels") if a.get("mark_current") else None
    if not q.rubric:
        return ""
    e = html.escape
    crits = criteria(q.rubric)
    if not levels:
        return "<p><b>What a strong answer does:</b></p><ul>" + "".join(f"<li>{e(c)}</li>" for c in crits) + "</ul>"
    met = [f"<li>{e(c)}" + (f" ({e(c.levels[n])}, {n} of {c.top})" if c.top > 1 else "") + "</li>"
           for c, n in zip(crits, levels) if n >= c.top]
    todo = [f"<li>{e(c)}" + (f" (now: {e(c.levels[n])}, {n} of {c.top})" if c.top > 1 else "") + "</li>"
            for c, n in zip(crits, levels) if n < c.top]
    return ((f"<p><b>Criteria met:</b></p><ul>{''.join(met)}</ul>" if met else "<p><b>Criteria met:</b> none yet.</p>")
            + (f"<p><b>To work on:</b></p><ul>{''.join(todo)}</ul>" if todo else ""))


def _tries_words(a: dict) -> str:
    n, unread = a.get("tries_counted") or 0, a.get("unreadable") or 0
    words = f"{n} tr{'y' if n == 1 else 'ies'}"
    return words + (f" and {unread} answer{'' if unread == 1 else 's'} not read, not counted" if unread else "")


def _heading(q, made: dict) -> str:
    """An item's heading and prompt as HTML: the same on every student's page, so made once per export."""
    if q.qid not in made:
        made[q.qid] = (f"<section><h2>{html.escape(q.qid)} ({html.escape(q.skill)})</h2>"
                       f"<p class='prompt'>{html.escape(q.prompt)}</p>")
    return made[q.qid]


def _section(q, a: dict, shown, made: dict) -> str:
    """One answer's section of a feedback page: the item, the answer that counts, its mark and how."""
    e = html.escape
    work_on = []
    if a.get("graded", True) and a["final"] < a["points"] and q.kind != "text":
        if a["misconception"]:
            work_on.append(f"Think about it: {a['misconception']}")
        work_on.append(f"Hint: {q.hints[0]}")
    comment = (f"<div class='comment'><b>Your teacher:</b> {e(a['comment'])}</div>"
               if a.get("comment") and a["mark_current"] else "")
    counted = a.get("counted")
    tries = a.get("tries_counted") or 0
    if q.kind != "text" and counted and tries > 1 and a.get("graded", True):
        label = f"The answer that counts (try {counted} of {tries}):"
    else:
        label = "Your answer:"
    return (_heading(q, made)
            + f"<div class='answer'><b>{e(label)}</b>{show_answer(shown)}</div>"
            + (f"<p class='reason'><b>Your reason:</b> {e(a['reason'])}</p>" if a.get("reason") else "")
            + f"<p class='mark'><b>Mark:</b> {e(mark_words(a))}. {e(a.get('how', ''))} "
            f"<small>({_tries_words(a)}, {a['hints']} hint{'' if a['hints'] == 1 else 's'})</small></p>{comment}"
            + (_criteria_lists(q, a) if q.kind == "text" else "")
            + ("<ul>" + "".join(f"<li>{e(w)}</li>" for w in work_on) + "</ul>" if work_on else "")
            + "</section>")


def feedback_page(student: dict, answers: list[dict], rule: policy.Policy | None = None,
                  made: dict | None = None) -> str:
    """One student's page. ``made``: the parts every page shares, kept across the class's pages."""
    e = html.escape
    rule = rule or policy.Policy()
    made = {} if made is None else made
    if "how marks" not in made:
        made["how marks"] = e(rule.describe())
    bank = questions()
    parts = []
    for a in sorted(answers, key=lambda a: (a["lesson"], int(a["qid"].split(".")[1]))):
        q = bank.get(a["qid"])
        if q is None:
            continue
        # Many students give an item the same answer with the same mark: its section is made once per class.
        shown = a.get("counted_answer", a["answer"]) if q.kind != "text" else a["answer"]
        frozen = submissions.frozen(shown, ordered=True)
        if frozen is None:
            parts.append(_section(q, a, shown, made))
            continue
        current = bool(a.get("mark_current"))
        key = ("section", q.qid, frozen, a.get("reason"), a.get("graded", True), current, a["final"], a["points"],
               a.get("how", ""), a.get("counted"), a.get("tries_counted"), a.get("unreadable"), a["hints"],
               a.get("comment") if current else None, a["misconception"],
               tuple(a.get("criteria_levels") or ()) if current else ())
        if key not in made:
            made[key] = _section(q, a, shown, made)
        parts.append(made[key])
    totals = lesson_totals(answers)
    worth = possible()
    rows = "".join(f"<tr><th scope='row'>Lesson {n}</th><td class='lesson-total'>{fmt(totals[f'Lesson {n}'])}</td>"
                   f"<td>{fmt(worth.get(n, 0))}</td></tr>" for n in lessons())
    name = e(student["display"])
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>Feedback for {name}</title><style>body{{font-family:sans-serif;max-width:50em;margin:auto}}"
            "section{border-top:1px solid #ccc;margin-top:1em}.answer{background:#f4f4f4;padding:4px 8px}"
            ".comment{border-left:4px solid #2166ac;padding-left:8px}</style></head><body>"
            f"<h1>Feedback for {name}</h1>"
            f"<p>Points so far: <b class='unit-total'>{fmt(totals['Unit total'])}</b> of {fmt(sum(worth.values()))}. "
            "Written answers are marked by your teacher; the other marks come from the kit's checks.</p>"
            f"<p><b>How marks are worked out:</b> {made['how marks']}</p>"
            "<table><caption>Points per lesson</caption><tr><th scope='col'>Lesson</th><th scope='col'>Points</th>"
            f"<th scope='col'>Out of</th></tr>{rows}</table>"
            + "".join(parts) + "</body></html>")


def feedback_texts(students, by_student, rule) -> dict[str, str]:
    pages, made = {}, {}
    for s in students:
        if not SAFE_ID.match(s["id"]):  # the id is the kit's own; anything else is refused, not used as a path
            continue
        pages[f"{s['id']}.html"] = feedback_page(s, by_student.get(s["id"], []), rule, made)
    return pages


def feedback_pages(folder, attempt=None) -> list[Path]:
    folder = Path(folder)
    rule = gradebook._rule(folder, attempt) if not isinstance(attempt, policy.Policy) else attempt
    students, answers = gradebook.rows(folder, rule)
    return _write(folder / "feedback", feedback_texts(students, _by_student(answers), rule), durable=False)


def export(folder, attempt=None, penalty=None) -> dict:
    """grades.csv and every feedback page, under the class's marking policy (``<folder>/kit-grading.json``)
    or the one given here (``attempt``: first, best or last; ``penalty``: a share such as 1/3).

    Everything is worked out before anything is written; each file is written whole or not at all."""
    folder = Path(folder)
    try:
        rule = policy.resolve(folder, attempt, penalty)
    except policy.PolicyError as err:
        raise gradebook.GradebookError(str(err)) from None
    students, answers = gradebook.rows(folder, rule)
    by_student = _by_student(answers)
    csv_text = _csv_text(_table(students, by_student))
    pages = feedback_texts(students, by_student, rule)
    csv_path = _write(folder, {"grades.csv": csv_text})[0]
    written = _write(folder / "feedback", pages, durable=False)
    return {"grades": csv_path, "feedback": written, "policy": rule}
