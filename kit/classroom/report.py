"""A class report from students' submission files: per question, per misconception, per student, and the
free-text answers themselves.

Submissions are untrusted and read by ``submissions`` (checked field by field, marks recomputed, any
per-file failure skips that file with its reason), so the report always completes. Every piece of text
that reaches the HTML is escaped; names are shown cleaned of control, bidi and zero-width characters
(flagged), and can be hidden for the projector. The chart is inline SVG: no script, no network, prints.

Output goes to ``<class>/report/`` by default, never into the folder students write to, never through
a link (each file is written atomically inside a folder opened without following links), mode 0600.
"""
from __future__ import annotations

import csv
import html
import io
from pathlib import Path

from ..exercises import questions
from ..exercises.classfolder import write_file
from ..exercises.model import CORRECT, NOT_ANSWERED, NOT_YET, PARTLY, SAVED
from .grades import show_answer
from .submissions import MAX_BYTES, Skip, read_all  # noqa: F401  (MAX_BYTES, Skip: the report's limits)

STATUSES = (CORRECT, PARTLY, NOT_YET, NOT_ANSWERED, SAVED)
ATTEMPTS = ("first", "best", "last")


def read_folder(folder: str | Path):
    """The usable submissions (newest file per student) and a message for every file skipped or flagged."""
    return read_all(folder)


def _ordered():
    return sorted(questions().values(), key=lambda q: (q.lesson, int(q.qid.split(".")[1])))


def _view(entry: dict, attempt: str) -> tuple[str, float]:
    """An answer's status and score as of the first, the best or the last attempt."""
    if attempt == "first":
        return entry["first_status"], entry["first_score"]
    if attempt == "best" and entry["kind"] != "text" and entry["best_score"] > entry["score"]:
        best = entry["best_score"]
        return (CORRECT if best >= entry["points"] else PARTLY), best
    return entry["status"], entry["score"]


def per_question(subs: dict, attempt: str = "first") -> list[dict]:
    if attempt not in ATTEMPTS:
        raise ValueError(f"attempt must be one of {', '.join(ATTEMPTS)}, not {attempt!r}")
    rows = []
    for q in _ordered():
        views = [_view(s.answers[q.qid], attempt) for s in subs.values() if q.qid in s.answers]
        count = {st: sum(v[0] == st for v in views) for st in STATUSES}
        scored = [v[1] for v in views if v[0] not in (NOT_ANSWERED, SAVED)]
        rows.append({"question": q.qid, "lesson": q.lesson, "kind": q.kind, "skill": q.skill,
                     "students": len(subs), "answered": len(views) - count[NOT_ANSWERED],
                     "correct": count[CORRECT], "partly": count[PARTLY], "not_yet": count[NOT_YET],
                     "saved_for_teacher": count[SAVED],
                     "hints_used": sum(s.answers[q.qid]["hints"] for s in subs.values() if q.qid in s.answers),
                     "mean_score": round(sum(scored) / len(scored), 2) if scored else ""})
    return rows


def per_misconception(subs: dict) -> list[dict]:
    rows = []
    for q in _ordered():
        entries = [s.answers[q.qid] for s in subs.values() if q.qid in s.answers]
        for answer, text in q.misconceptions.items():
            rows.append({"question": q.qid, "wrong_answer": answer.lstrip("="), "misconception": text,
                         "on_first_attempt": sum(e["first_misconception"] == text for e in entries),
                         "on_any_attempt": sum(text in e["misconceptions_seen"] for e in entries)})
    return rows


def per_student(subs: dict, hide_names: bool = False) -> list[dict]:
    rows = []
    for i, s in enumerate(sorted(subs.values(), key=lambda s: (s.display.casefold(), s.sid)), 1):
        entries = list(s.answers.values())
        name = f"Student {i}" if hide_names else s.display + (" [name had hidden characters]" if s.flagged else "")
        rows.append({"student": name, "id": "" if hide_names else s.sid,
                     "file_owner": "" if hide_names else s.owner, "hub_user": "" if hide_names else (s.hub_user or ""),
                     "answered": sum(e["status"] != NOT_ANSWERED for e in entries),
                     "correct": sum(e["status"] == CORRECT for e in entries),
                     "partly": sum(e["status"] == PARTLY for e in entries),
                     "not_yet": sum(e["status"] == NOT_YET for e in entries),
                     "free_text": sum(e["kind"] == "text" and e["status"] != NOT_ANSWERED for e in entries),
                     "points_checked_by_kit": round(sum(e["score"] for e in entries if e["kind"] != "text"), 2),
                     "hints_used": sum(e["hints"] for e in entries)})
    return rows


def free_text(subs: dict, hide_names: bool = False) -> list[tuple]:
    """Per free-text question, (question, [(name, answer)]) in a stable order."""
    order = sorted(subs.values(), key=lambda s: (s.display.casefold(), s.sid))
    out = []
    for q in _ordered():
        if q.kind != "text":
            continue
        answers = [(f"Student {i}" if hide_names else s.display, s.answers[q.qid]["answer"])
                   for i, s in enumerate(order, 1)
                   if q.qid in s.answers and s.answers[q.qid]["status"] != NOT_ANSWERED]
        out.append((q, answers))
    return out


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


def _csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for r in rows:  # a cell a spreadsheet would run as a formula starts with an apostrophe
            writer.writerow({k: ("'" + v if isinstance(v, str) and v[:1] in "=+-@\t\r" and v else v)
                             for k, v in r.items()})
    return buffer.getvalue()


def _free_text_html(groups, hide_names: bool) -> str:
    e = html.escape
    parts = []
    for q, answers in groups:
        items = "".join(f"<li><b>{e(name)}</b>{show_answer(answer)}</li>" for name, answer in answers)
        parts.append(f"<h3>{e(q.qid)}: {e(q.prompt)}</h3><p>{len(answers)} answers.</p>"
                     f"<ol>{items or '<li>No answers yet.</li>'}</ol>")
    return "".join(parts)


def write_report(folder: str | Path, out: str | Path | None = None, *, attempt: str = "first",
                 hide_names: bool = False) -> dict:
    """Write report.html and CSVs to ``out`` (default ``<folder>/report/``). Always completes."""
    if attempt not in ATTEMPTS:
        raise ValueError(f"attempt must be one of {', '.join(ATTEMPTS)}; got {attempt!r}")
    folder = Path(folder)
    subs, messages = read_folder(folder)
    out = Path(out) if out else folder / "report"
    questions_rows, misconception_rows = per_question(subs, attempt), per_misconception(subs)
    student_rows = per_student(subs, hide_names)
    files = []
    for name, rows in (("report.csv", questions_rows), ("misconceptions.csv", misconception_rows),
                       ("students.csv", student_rows)):
        files.append(str(write_file(out, name, _csv(rows), mode=0o600)))
    students = (f"{len(subs)} students" if hide_names else
                f"{len(subs)} students: " + ", ".join(html.escape(s.display) for s in
                                                      sorted(subs.values(), key=lambda s: s.display.casefold())))
    skipped = "".join(f"<li>{html.escape(m)}</li>" for m in messages) if not hide_names else (
        f"<li>{len(messages)} messages (hidden in projector mode)</li>" if messages else "")
    page = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Class report</title>"
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"</head><body style='font-family:sans-serif'><h1>Class report</h1>"
            f"<p>{students}</p><p>Counts are for each student's <b>{attempt}</b> attempt.</p>"
            f"<h2>Per question</h2>{_svg_chart(questions_rows)}{_table(questions_rows)}"
            f"<h2>Per misconception</h2><p>How many students chose each wrong answer, on their first attempt and "
            f"on any attempt, and what it suggests.</p>{_table(misconception_rows)}"
            f"<h2>Per student</h2>{_table(student_rows)}"
            f"<h2>Free-text answers</h2>{_free_text_html(free_text(subs, hide_names), hide_names)}"
            f"<h2>Files skipped or partly read</h2><ul>{skipped or '<li>none</li>'}</ul></body></html>")
    files.append(str(write_file(out, "report.html", page, mode=0o600)))
    skipped_files = sum(m.startswith("skipped ") for m in messages)
    return {"read": len(subs), "skipped": skipped_files, "messages": messages, "files": files}
