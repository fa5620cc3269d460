"""A class report from students' submission files: per question and per misconception.

Submissions are untrusted: each file is size-checked before it is read, parsed as JSON only (nothing is
executed or unpickled), checked field by field, and skipped with a message when it does not fit. Every
piece of text that reaches the HTML is escaped. The chart is inline SVG: no script, no network, prints.
"""
from __future__ import annotations

import csv
import html
import json
from pathlib import Path

from ..exercises import questions
from ..exercises.model import CORRECT, NOT_ANSWERED, NOT_YET, PARTLY, SAVED
from ..exercises.responses import SUBMISSION_FORMAT

MAX_BYTES = 1_000_000
STATUSES = (CORRECT, PARTLY, NOT_YET, NOT_ANSWERED, SAVED)


class Skip(Exception):
    """A submission that cannot be used; the message says why."""


def _read(path: Path) -> dict:
    if path.is_symlink() or not path.is_file():
        raise Skip("not a regular file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise Skip(f"too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise Skip("not UTF-8 text") from None
    except (json.JSONDecodeError, RecursionError) as err:
        raise Skip(f"not valid JSON ({type(err).__name__})") from None
    if not isinstance(data, dict) or data.get("format") != SUBMISSION_FORMAT:
        raise Skip("not a kit submission (no \"format\": \"kit-submission\")")
    student = data.get("student")
    if isinstance(student, dict):  # version 2: {"name": as typed, "id": student_id}
        student = student.get("name")
    if not isinstance(student, str) or not student.strip() or len(student) > 100:
        raise Skip("the student name is missing or too long")
    answers = data.get("answers")
    if not isinstance(answers, dict) or len(answers) > 500:
        raise Skip("\"answers\" is not a list of answers")
    created = data.get("created") if isinstance(data.get("created"), str) else ""
    return {"student": student.strip(), "created": created[:40], "answers": answers}


def _clean_entry(qid: str, entry) -> dict | None:
    q = questions().get(qid)
    if q is None or not isinstance(entry, dict):
        return None
    clean = _clean_result(q, entry)
    hints = entry.get("hints")
    clean["hints"] = int(hints) if isinstance(hints, int) and not isinstance(hints, bool) and 0 <= hints <= 50 else 0
    # Version 1 files have no first attempt or history: their one answer is both first and last.
    first = entry.get("first")
    clean["first"] = _clean_result(q, first) if isinstance(first, dict) else dict(clean, hints=0)
    history = entry.get("history")
    tries = [_clean_result(q, h) for h in history[:200] if isinstance(h, dict)] if isinstance(history, list) else []
    clean["best"] = max(tries + [clean, clean["first"]], key=lambda r: (r["score"], r["status"] == CORRECT))
    clean["misconceptions"] = sorted({r["misconception"] for r in tries + [clean, clean["first"]]} - {""})
    return clean


def _clean_result(q, entry: dict) -> dict:
    """status, score and misconception of one attempt, checked field by field."""
    status = entry.get("status")
    status = status if status in STATUSES else NOT_ANSWERED
    score = entry.get("score")
    score = float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) else 0.0
    score = min(max(score, 0.0), float(q.points))
    misconception = entry.get("misconception")
    misconception = misconception[:300] if isinstance(misconception, str) else ""
    return {"status": status, "score": score, "misconception": misconception}


def read_folder(folder: str | Path) -> tuple[dict[str, dict], list[str]]:
    """The usable submissions (latest per student) and a message for every file skipped."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no such folder: {folder}")
    by_student: dict[str, dict] = {}
    messages: list[str] = []
    for path in sorted(folder.glob("*.json")):
        try:
            sub = _read(path)
        except Skip as why:
            messages.append(f"skipped {path.name}: {why}")
            continue
        entries = {}
        for qid, entry in sub["answers"].items():
            clean = _clean_entry(str(qid), entry)
            if clean is None:
                messages.append(f"{path.name}: ignored an answer to an unknown exercise ({str(qid)[:40]!r})")
            else:
                entries[str(qid)] = clean
        sub["answers"] = entries
        previous = by_student.get(sub["student"])
        if previous is not None:
            messages.append(f"{path.name}: {sub['student']} handed in more than once; the newest file counts")
            if previous["created"] > sub["created"]:
                continue
        by_student[sub["student"]] = sub
    return by_student, messages


ATTEMPTS = ("first", "last", "best")


def _attempt(entry: dict, attempt: str) -> dict:
    """The attempt that counts: the first (the default), the last, or the best of a student's tries."""
    if attempt not in ATTEMPTS:
        raise ValueError(f"attempt must be one of {', '.join(ATTEMPTS)}, not {attempt!r}")
    chosen = entry if attempt == "last" else entry.get(attempt, entry)
    return {**chosen, "hints": entry["hints"]}


def per_question(subs: dict[str, dict], attempt: str = "first") -> list[dict]:
    """One row per exercise. ``attempt`` says which try counts: "first" (default), "best" or "last"."""
    rows = []
    for q in sorted(questions().values(), key=lambda q: (q.lesson, int(q.qid.split(".")[1]))):
        entries = [_attempt(s["answers"][q.qid], attempt) for s in subs.values() if q.qid in s["answers"]]
        count = {st: sum(e["status"] == st for e in entries) for st in STATUSES}
        answered = len(entries) - count[NOT_ANSWERED]
        scored = [e["score"] for e in entries if e["status"] not in (NOT_ANSWERED, SAVED)]
        rows.append({"question": q.qid, "lesson": q.lesson, "kind": q.kind, "skill": q.skill,
                     "students": len(subs), "answered": answered, "correct": count[CORRECT],
                     "partly": count[PARTLY], "not_yet": count[NOT_YET], "saved_for_teacher": count[SAVED],
                     "hints_used": sum(e["hints"] for e in entries),
                     "mean_score": round(sum(scored) / len(scored), 2) if scored else ""})
    return rows


def per_misconception(subs: dict[str, dict]) -> list[dict]:
    rows = []
    for q in sorted(questions().values(), key=lambda q: (q.lesson, int(q.qid.split(".")[1]))):
        for answer, text in q.misconceptions.items():
            # every attempt counts: a wrong first try still shows after a later right one
            n = sum(1 for s in subs.values() if text in s["answers"].get(q.qid, {}).get("misconceptions", ()))
            rows.append({"question": q.qid, "wrong_answer": answer.lstrip("="), "misconception": text,
                         "students": n})
    return rows


def _svg_chart(rows: list[dict]) -> str:
    """Stacked horizontal bars per question: correct, partly, not yet (Okabe-Ito colours, patterns)."""
    colours = {"correct": "#009E73", "partly": "#E69F00", "not_yet": "#D55E00", "saved_for_teacher": "#56B4E9"}
    most = max([r["students"] for r in rows] + [1])
    bar_w, row_h, left = 420, 22, 60
    parts = []
    for i, r in enumerate(rows):
        y = 10 + i * row_h
        x = left
        parts.append(f"<text x='0' y='{y + 14}' font-size='12'>{html.escape(r['question'])}</text>")
        for key, colour in colours.items():
            w = bar_w * r[key] / most
            if w:
                parts.append(f"<rect x='{x:.1f}' y='{y}' width='{w:.1f}' height='{row_h - 6}' fill='{colour}'>"
                             f"<title>{html.escape(r['question'])}: {r[key]} {key.replace('_', ' ')}</title></rect>")
                x += w
    height = 20 + len(rows) * row_h
    legend = " ".join(f"<span style='color:{c}'>■</span> {k.replace('_', ' ')}" for k, c in colours.items())
    return (f"<svg role='img' aria-label='Answers per question: correct, partly right, not yet, saved' "
            f"width='{left + bar_w + 20}' height='{height}' xmlns='http://www.w3.org/2000/svg'>"
            + "".join(parts) + f"</svg><p>{legend}</p>")


def _table(rows: list[dict]) -> str:
    if not rows:
        return "<p>No rows.</p>"
    head = "".join(f"<th>{html.escape(str(k))}</th>" for k in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in r.values()) + "</tr>" for r in rows)
    return f"<table border='1' cellpadding='3' style='border-collapse:collapse'><tr>{head}</tr>{body}</table>"


def write_report(folder: str | Path, out: str | Path | None = None, attempt: str = "first") -> dict:
    subs, messages = read_folder(folder)
    out = Path(out) if out else Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    questions_rows, misconception_rows = per_question(subs, attempt), per_misconception(subs)
    files = []
    for name, rows in (("report.csv", questions_rows), ("misconceptions.csv", misconception_rows)):
        with open(out / name, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        files.append(str(out / name))
    students = ", ".join(html.escape(s) for s in sorted(subs))
    skipped = "".join(f"<li>{html.escape(m)}</li>" for m in messages)
    page = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Class report</title></head>"
            f"<body style='font-family:sans-serif'><h1>Class report</h1>"
            f"<p>{len(subs)} students: {students}</p><h2>Per question</h2>"
            f"<p>The marks use each student's <b>{attempt}</b> attempt; the misconceptions count every attempt.</p>"
            f"{_svg_chart(questions_rows)}"
            f"{_table(questions_rows)}<h2>Per misconception</h2>"
            f"<p>How many students chose each wrong answer, and what it suggests.</p>{_table(misconception_rows)}"
            f"<h2>Files skipped or partly read</h2><ul>{skipped or '<li>none</li>'}</ul></body></html>")
    (out / "report.html").write_text(page, encoding="utf-8")
    files.append(str(out / "report.html"))
    skipped_files = sum(m.startswith("skipped ") for m in messages)
    return {"read": len(subs), "skipped": skipped_files, "messages": messages, "files": files}
