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
import json
from pathlib import Path

from ..exercises import policy, questions
from ..exercises.classfolder import write_file
from ..exercises.model import CORRECT, NOT_ANSWERED, NOT_YET, PARTLY, SAVED, fmt
from . import gradebook
from .grades import lesson_totals, show_answer
from .submissions import MAX_BYTES, Skip, read_all  # noqa: F401  (MAX_BYTES, Skip: the report's limits)

STATUSES = (CORRECT, PARTLY, NOT_YET, NOT_ANSWERED, SAVED)
ATTEMPTS = policy.ATTEMPTS


def read_folder(folder: str | Path):
    """The usable submissions (newest file per student) and a message for every file skipped or flagged."""
    return read_all(folder)


def _ordered():
    return sorted(questions().values(), key=lambda q: (q.lesson, int(q.qid.split(".")[1])))


def _rule(attempt) -> policy.Policy:
    if isinstance(attempt, policy.Policy):
        return attempt
    if attempt is not None and attempt not in ATTEMPTS:
        raise ValueError(f"attempt must be one of {', '.join(ATTEMPTS)}, not {attempt!r}")
    return policy.Policy(attempt or policy.DEFAULT_ATTEMPT)


def teacher_marks(folder) -> tuple[dict, str]:
    """The teacher's marks from the class's gradebook, if it has one (read only), and a note if it cannot
    be read: (student, qid) -> (score, comment, digest, criteria levels)."""
    if not gradebook.path_for(folder).is_file():
        return {}, ""
    try:
        with gradebook.connect(folder) as con:
            found = con.execute("SELECT student, qid, score, comment, digest, criteria FROM marks").fetchall()
    except gradebook.GradebookError as err:
        return {}, f"the teacher's marks could not be read: {err}"
    marks = {}
    for r in found:
        try:
            levels = json.loads(r["criteria"]) if r["criteria"] else None
        except ValueError:
            levels = None
        marks[(r["student"], r["qid"])] = (r["score"], r["comment"], r["digest"], levels)
    return marks, ""


def finals(subs: dict, attempt=None, marks: dict | None = None) -> dict[str, dict[str, dict]]:
    """Every answer worked out by the one function grades.csv and the feedback pages use: student id ->
    qid -> the answer with ``final``, ``how``, ``counted_status`` (and the teacher's mark where current)."""
    rule = _rule(attempt)
    marks = marks or {}
    out = {}
    for sid, sub in subs.items():
        out[sid] = {}
        for qid, entry in sub.answers.items():
            a = dict(entry, student=sid, mark=None, comment=None, mark_current=False, criteria_levels=None)
            given = marks.get((sid, qid))
            if given is not None:
                a["mark"], a["comment"] = given[0], given[1]
                a["mark_current"] = given[2] == entry["digest"]
                a["criteria_levels"] = given[3]
            out[sid][qid] = gradebook.final(a, rule)
    return out


def per_question(subs: dict, attempt=None, worked: dict | None = None) -> list[dict]:
    """Per question: how many students' counted attempts are right, partly right, not yet (predictions:
    recorded, not marked), and the mean mark under the class's policy."""
    worked = worked if worked is not None else finals(subs, attempt)
    rows = []
    for q in _ordered():
        entries = [worked[sid][q.qid] for sid in worked if q.qid in worked[sid]]
        answered = [a for a in entries if a["counted_status"] != NOT_ANSWERED]
        graded = q.graded and not q.discussion
        count = {st: sum(a["counted_status"] == st for a in answered) if graded else 0 for st in STATUSES}
        scored = [a["final"] for a in answered if graded and (q.kind != "text" or a["mark_current"])]
        rows.append({"question": q.qid, "lesson": q.lesson, "kind": q.kind, "skill": q.skill,
                     "students": len(subs), "answered": len(answered),
                     "correct": count[CORRECT], "partly": count[PARTLY], "not_yet": count[NOT_YET],
                     "saved_for_teacher": count[SAVED] if q.kind == "text" else 0,
                     "recorded_not_marked": 0 if graded else len(answered),
                     "hints_used": sum(a["hints"] for a in entries),
                     "mean_score": round(sum(scored) / len(scored), 2) if scored else ""})
    return rows


def per_misconception(subs: dict) -> list[dict]:
    """First attempts, whatever the marking policy: diagnosing is not grading."""
    rows = []
    for q in _ordered():
        entries = [s.answers[q.qid] for s in subs.values() if q.qid in s.answers]
        for answer, text in q.misconceptions.items():
            rows.append({"question": q.qid, "wrong_answer": answer.lstrip("="), "misconception": text,
                         "on_first_attempt": sum(e["first_misconception"] == text for e in entries),
                         "on_any_attempt": sum(text in e["misconceptions_seen"] for e in entries)})
    return rows


def per_student(subs: dict, hide_names: bool = False, worked: dict | None = None, attempt=None) -> list[dict]:
    """Per student: counts of counted attempts, and the points per lesson and for the unit, the same
    numbers as grades.csv and the student's feedback page (``grades.lesson_totals``)."""
    worked = worked if worked is not None else finals(subs, attempt)
    rows = []
    for i, s in enumerate(sorted(subs.values(), key=lambda s: (s.display.casefold(), s.sid)), 1):
        entries = [a for a in worked.get(s.sid, {}).values()]
        marked = [a for a in entries if a.get("graded", True)]
        name = f"Student {i}" if hide_names else s.display + (" [name had hidden characters]" if s.flagged else "")
        row = {"student": name, "id": "" if hide_names else s.sid,
               "file_owner": "" if hide_names else s.owner, "hub_user": "" if hide_names else (s.hub_user or ""),
               "answered": sum(a["counted_status"] != NOT_ANSWERED for a in entries),
               "correct": sum(a["counted_status"] == CORRECT for a in marked if a["kind"] != "text"),
               "partly": sum(a["counted_status"] == PARTLY for a in marked if a["kind"] != "text"),
               "not_yet": sum(a["counted_status"] == NOT_YET for a in marked if a["kind"] != "text"),
               "free_text": sum(a["kind"] == "text" and a["counted_status"] != NOT_ANSWERED for a in entries),
               "hints_used": sum(a["hints"] for a in entries)}
        row.update({k: fmt(v) for k, v in lesson_totals(entries).items()})
        rows.append(row)
    return rows


def predictions(subs: dict, hide_names: bool = False) -> list[dict]:
    """The class's answers to the items that are recorded, not marked (predictions, views): how many gave each."""
    rows = []
    for q in _ordered():
        if q.graded and not q.discussion:
            continue
        counts: dict[tuple, int] = {}
        for s in subs.values():
            answer = s.answers.get(q.qid, {}).get("answer")
            if isinstance(answer, dict):
                pairs = [(str(k)[:40], str(v)[:40]) for k, v in answer.items()]
            elif answer is not None:
                shown = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
                pairs = [("", shown[:80])]
            else:
                pairs = []
            for pair in pairs:
                counts[pair] = counts.get(pair, 0) + 1
        for (item, given), n in sorted(counts.items()):
            label = q.options.get(given.strip().upper(), "") if isinstance(given, str) else ""
            rows.append({"question": q.qid, "item": item, "answer": given + (f" ({label})" if label else ""),
                         "students": n})
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


def write_report(folder: str | Path, out: str | Path | None = None, *, attempt: str | None = None,
                 penalty=None, hide_names: bool = False) -> dict:
    """Write report.html and CSVs to ``out`` (default ``<folder>/report/``) under the class's marking policy
    (``<folder>/kit-grading.json``) or the one given. Always completes, unless it cannot write (a message)."""
    if attempt is not None and attempt not in ATTEMPTS:
        raise ValueError(f"attempt must be one of {', '.join(ATTEMPTS)}; got {attempt!r}")
    folder = Path(folder)
    try:
        rule = policy.resolve(folder, attempt, penalty)
    except policy.PolicyError as err:
        raise gradebook.GradebookError(str(err)) from None
    subs, messages = read_folder(folder)
    marks, note = teacher_marks(folder)
    if note:
        messages.append(note)
    out = Path(out) if out else folder / "report"
    worked = finals(subs, rule, marks)
    questions_rows, misconception_rows = per_question(subs, rule, worked), per_misconception(subs)
    student_rows = per_student(subs, hide_names, worked)
    prediction_rows = predictions(subs, hide_names)
    texts = {}
    for name, rows in (("report.csv", questions_rows), ("misconceptions.csv", misconception_rows),
                       ("students.csv", student_rows), ("predictions.csv", prediction_rows)):
        texts[name] = _csv(rows)
    students = (f"{len(subs)} students" if hide_names else
                f"{len(subs)} students: " + ", ".join(html.escape(s.display) for s in
                                                      sorted(subs.values(), key=lambda s: s.display.casefold())))
    skipped = "".join(f"<li>{html.escape(m)}</li>" for m in messages) if not hide_names else (
        f"<li>{len(messages)} messages (hidden in projector mode)</li>" if messages else "")
    page = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Class report</title>"
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"</head><body style='font-family:sans-serif'><h1>Class report</h1>"
            f"<p>{students}</p><p>Marks: {html.escape(rule.describe())} Counts are for each student's "
            f"<b>{rule.attempt}</b> attempt (the attempt that counts).</p>"
            f"<h2>Per question</h2>{_svg_chart(questions_rows)}{_table(questions_rows)}"
            f"<h2>Per misconception</h2><p>How many students chose each wrong answer, on their first attempt and "
            f"on any attempt, and what it suggests (first attempts, whatever the marking policy: diagnosing is "
            f"not grading).</p>{_table(misconception_rows)}"
            f"<h2>Per student</h2><p>Points per lesson: the same numbers as grades.csv and the feedback pages "
            f"(teachers' marks from the gradebook, where given).</p>{_table(student_rows)}"
            f"<h2>Predictions and views (recorded, not marked)</h2>{_table(prediction_rows)}"
            f"<h2>Free-text answers</h2>{_free_text_html(free_text(subs, hide_names), hide_names)}"
            f"<h2>Files skipped or partly read</h2><ul>{skipped or '<li>none</li>'}</ul></body></html>")
    texts["report.html"] = page
    try:
        files = [str(write_file(out, name, text, mode=0o600)) for name, text in texts.items()]
    except OSError as err:
        raise gradebook.GradebookError(f"could not write the report in {out} ({err.strerror or type(err).__name__})."
                                       " Each report file there is either the complete new one or the old one, "
                                       "never half-written; free some space and run it again.") from None
    skipped_files = sum(m.startswith("skipped ") for m in messages)
    return {"read": len(subs), "skipped": skipped_files, "messages": messages, "files": files, "policy": rule}
