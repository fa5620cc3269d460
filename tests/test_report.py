"""The class report on a folder of generated submissions: good, partial, malformed and hostile."""
import csv
import json
import os
import subprocess
import sys

import pytest

from kit.exercises import questions
from kit.classroom.report import MAX_BYTES, write_report


def _submission(student, answers, created="2026-11-25T10:00:00+00:00"):
    return {"format": "kit-submission", "version": 1, "student": student, "created": created, "answers": answers}


def _entry(status, score=0, hints=0, misconception=""):
    return {"status": status, "score": score, "points": 1, "hints": hints, "misconception": misconception,
            "attempts": 1}


@pytest.fixture
def folder(tmp_path):
    qs = questions()
    d = tmp_path / "class"
    d.mkdir()
    good = {qid: _entry("saved" if q.kind == "text" else "correct", 0 if q.kind == "text" else 1)
            for qid, q in qs.items()}
    (d / "ana.json").write_text(json.dumps(_submission("Ana", good)))
    partial = {"q1.1": _entry("not yet", 0, hints=2, misconception=qs["q1.1"].misconceptions["A"]),
               "q1.6": _entry("partly", 0.5, hints=1), "q2.2": _entry("not answered yet")}
    (d / "ben.json").write_text(json.dumps(_submission("Ben", partial)))
    # Ben handed in twice: the newer file wins
    (d / "ben_old.json").write_text(json.dumps(_submission("Ben", {"q1.1": _entry("correct", 1)},
                                                           created="2026-11-24T10:00:00+00:00")))
    also_a = {"q1.1": _entry("not yet", 0, misconception=qs["q1.1"].misconceptions["A"])}
    (d / "cleo.json").write_text(json.dumps(_submission("Cleo", also_a)))
    # malformed
    (d / "broken.json").write_text('{"format": "kit-submission", "student": "Dan", "answers": {')
    (d / "wrong_format.json").write_text(json.dumps({"student": "Eve", "answers": {}}))
    (d / "no_name.json").write_text(json.dumps(_submission("", good)))
    (d / "latin1.json").write_bytes(b'{"student": "\xe9"}')
    (d / "huge.json").write_text(json.dumps(_submission("Fay", good)) + " " * (MAX_BYTES + 1))
    (d / "deep.json").write_text("[" * 100000 + "]" * 100000)
    # hostile: markup in names and answers, wrong types, unknown questions, a symlink out of the folder
    hostile = {"q1.1": {"status": "correct<script>", "score": 99, "hints": "lots",
                        "misconception": "<img src=x onerror=alert(1)>"},
               "q1.2": ["not", "a", "dict"], "<script>alert(1)</script>": _entry("correct", 1),
               "__import__('os').system('echo pwned')": _entry("correct", 1)}
    (d / "hostile.json").write_text(json.dumps(_submission("<script>alert('x')</script>", hostile)))
    os.symlink("/etc/passwd", d / "link.json")
    (d / "notes.txt").write_text("not a submission")
    return d


def _rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return {r["question"]: r for r in csv.DictReader(fh)}


def test_report_counts(folder, tmp_path):
    result = write_report(folder, tmp_path / "out")
    assert result["read"] == 4  # Ana, Ben (newest), Cleo, the hostile one
    assert result["skipped"] == 7  # broken, wrong_format, no_name, latin1, huge, deep, link
    rows = _rows(tmp_path / "out" / "report.csv")
    assert rows["q1.1"]["correct"] == "1" and rows["q1.1"]["not_yet"] == "2"  # Ana; Ben, Cleo
    assert rows["q1.1"]["answered"] == "3"  # the hostile file's unknown status counts as not answered
    assert rows["q1.1"]["hints_used"] == "2"
    assert rows["q1.6"]["partly"] == "1" and rows["q1.6"]["correct"] == "1"
    assert rows["q2.2"]["answered"] == "1"
    assert rows["q1.3"]["saved_for_teacher"] == "1"
    mis = [r for r in csv.DictReader(open(tmp_path / "out" / "misconceptions.csv"))
           if r["question"] == "q1.1" and r["wrong_answer"] == "A"]
    assert mis[0]["students"] == "2"


def test_report_is_inert_html(folder, tmp_path):
    write_report(folder, tmp_path / "out")
    page = (tmp_path / "out" / "report.html").read_text()
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page  # the name, shown as text


def test_report_messages_name_each_skipped_file(folder, tmp_path):
    result = write_report(folder, tmp_path / "out")
    text = "\n".join(result["messages"])
    for name, why in [("broken.json", "not valid JSON"), ("wrong_format.json", "not a kit submission"),
                      ("no_name.json", "student name"), ("huge.json", "too large"), ("link.json", "regular file"),
                      ("latin1.json", "UTF-8"), ("deep.json", "JSON")]:
        assert f"skipped {name}: " in text and why in text.split(f"skipped {name}: ")[1].split("\n")[0], name
    assert "handed in more than once" in text
    assert "unknown exercise" in text


def test_report_command(folder, tmp_path):
    out = subprocess.run([sys.executable, "-m", "kit", "report", str(folder), "--out", str(tmp_path / "o")],
                         capture_output=True, text=True)
    assert out.returncode == 0 and "read 4 submissions, skipped 7" in out.stdout
    assert (tmp_path / "o" / "report.html").exists()
