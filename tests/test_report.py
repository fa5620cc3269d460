"""The class report on a folder of generated submissions: good, partial, malformed and hostile."""
import csv
import json
import os
import shutil
import subprocess
import sys

import pytest

from kit.classroom.report import MAX_BYTES, write_report
from kit.exercises import questions
from kit.exercises.classfolder import ClassFolderError

OLD, NEW = 1_700_000_000, 1_700_100_000  # file times: the kit trusts these, not a date inside the file


def _submission(student, answers, created="2026-11-25T10:00:00+00:00"):
    return {"format": "kit-submission", "version": 1, "student": student, "created": created, "answers": answers}


def _entry(answer, status="correct", score=1, hints=0, misconception="", **extra):
    entry = {"status": status, "score": score, "points": 1, "hints": hints, "misconception": misconception,
             "attempts": 1, **extra}
    if answer is not ...:
        entry["answer"] = answer
    return entry


def _right(q):
    if q.kind == "text":
        return " ".join(["evidence"] * 50)
    if q.kind in ("frame", "figure"):
        return {"table": {"rows": 3}} if q.kind == "frame" else {"figure": ["bar"]}
    return q.expected_value()


def _swapped(order):
    return order[:-2] + [order[-1], order[-2]]


def _write(path, data, mtime=NEW):
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    os.utime(path, (mtime, mtime))


@pytest.fixture
def folder(tmp_path):
    qs = questions()
    d = tmp_path / "class"
    d.mkdir()
    good = {qid: _entry(_right(q), "saved" if q.kind == "text" else "correct", 0 if q.kind == "text" else 1)
            for qid, q in qs.items()}
    _write(d / "ana.json", _submission("Ana", good))
    partial = {"q1.1": _entry("A", "not yet", 0, hints=2, misconception=qs["q1.1"].misconceptions["A"]),
               "q1.10": _entry(_swapped(qs["q1.10"].expected_value()), "partly", 0.5, hints=1),
               "q2.2": _entry(None, "not answered yet")}
    _write(d / "ben.json", _submission("Ben", partial))
    # Ben handed in twice; the other file claims to be newer and all right, but its file time is older
    _write(d / "ben_old.json", _submission("Ben", {"q1.1": _entry("B")}, created="2030-01-01T00:00:00+00:00"),
           mtime=OLD)
    _write(d / "cleo.json", _submission("Cleo", {"q1.1": _entry("A", "not yet", 0)}))
    # malformed
    _write(d / "broken.json", '{"format": "kit-submission", "student": "Dan", "answers": {')
    _write(d / "wrong_format.json", {"student": "Eve", "answers": {}})
    _write(d / "no_name.json", _submission("", good))
    (d / "latin1.json").write_bytes(b'{"student": "\xe9"}')
    _write(d / "huge.json", json.dumps(_submission("Fay", good)) + " " * (MAX_BYTES + 1))
    _write(d / "deep.json", "[" * 100000 + "]" * 100000)
    # hostile: markup in names and answers, claimed marks with no answer, unknown questions, a link
    hostile = {"q1.1": {"status": "correct<script>", "score": 99, "hints": "lots",
                        "misconception": "<img src=x onerror=alert(1)>"},
               "q1.2": ["not", "a", "dict"], "<script>alert(1)</script>": _entry("B"),
               "__import__('os').system('echo pwned')": _entry("B")}
    _write(d / "hostile.json", _submission("<script>alert('x')</script>", hostile))
    os.symlink("/etc/passwd", d / "link.json")
    (d / "notes.txt").write_text("not a submission")
    return d


def _rows(path, key="question"):
    with open(path, newline="", encoding="utf-8") as fh:
        return {r[key]: r for r in csv.DictReader(fh)}


def test_report_counts(folder, tmp_path):
    result = write_report(folder, tmp_path / "out")
    assert result["read"] == 4  # Ana, Ben (newest by file time), Cleo, the hostile one
    assert result["skipped"] == 7  # broken, wrong_format, no_name, latin1, huge, deep, link
    rows = _rows(tmp_path / "out" / "report.csv")
    assert rows["q1.1"]["correct"] == "1" and rows["q1.1"]["not_yet"] == "2"  # Ana; Ben, Cleo
    assert rows["q1.1"]["answered"] == "3"  # the hostile file claims "correct" but stored no answer
    assert rows["q1.1"]["hints_used"] == "2"
    assert rows["q1.10"]["partly"] == "1" and rows["q1.10"]["correct"] == "1"
    assert rows["q2.2"]["answered"] == "1"
    assert rows["q1.3"]["saved_for_teacher"] == "1"
    mis = [r for r in csv.DictReader(open(tmp_path / "out" / "misconceptions.csv"))
           if r["question"] == "q1.1" and r["wrong_answer"] == "A"]
    # Cleo's file names no misconception, but her answer A shows it: recomputed, not taken from the file
    assert mis[0]["on_first_attempt"] == "2" and mis[0]["on_any_attempt"] == "2"


def test_marks_are_recomputed_not_trusted(folder, tmp_path):
    write_report(folder, tmp_path / "out")
    students = _rows(tmp_path / "out" / "students.csv", "student")
    hostile = next(r for name, r in students.items() if "script" in name)
    assert hostile["correct"] == "0" and float(hostile["Unit total"]) == 0
    assert students["Ben"]["correct"] == "0"  # the older file's "correct" did not win


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
    assert "handed in more than once" in text and "ben.json" in text.split("newest by file time counts: ")[1]
    assert "unknown exercise" in text


@pytest.mark.parametrize("value, why", [("NaN", "NaN"), ("Infinity", "Infinity"), ("-Infinity", "-Infinity"),
                                        ("1e999", "too large"), ("9" * 5000, "5000 digits")])
def test_numbers_that_would_poison_the_class_are_read_as_empty(tmp_path, value, why):
    d = tmp_path / "class"
    d.mkdir()
    (d / "bad.json").write_text('{"format": "kit-submission", "student": "Bad", "answers": {"q1.5": {"answer": '
                                + value + '}, "q2.1": {"answer": {"table": {}}, "status": "correct", "score": '
                                + value + "}}}")
    _write(d / "ok.json", _submission("Ok", {"q1.5": _entry(questions()["q1.5"].expected_value()),
                                             "q2.1": _entry({"table": {}})}))
    result = write_report(d)
    assert result["read"] == 2 and result["skipped"] == 0
    assert any("bad.json: 2 values were not usable numbers" in m and why in m for m in result["messages"])
    rows = _rows(d / "report" / "report.csv")
    assert rows["q1.5"]["mean_score"] == "1.0"  # the bad answer counts as not answered, not as NaN
    assert rows["q2.1"]["mean_score"] == "0.5"  # a claimed NaN score counts as 0


@pytest.mark.parametrize("body, why", [
    ('{"format": "kit-submission", "student": "A\\ud800", "answers": {}}', "surrogate"),
    ('{"format": "kit-submission", "version": 99, "student": "A", "answers": {}}', "version"),
    ('{"format": "kit-submission", "student": "A", "answers": {"q1.1": {"answer": "B"}}', "not valid JSON"),
])
def test_unusable_files_skip_with_a_reason(tmp_path, body, why):
    d = tmp_path / "class"
    d.mkdir()
    (d / "bad.json").write_text(body)
    _write(d / "ok.json", _submission("Ok", {"q1.5": _entry(questions()["q1.5"].expected_value())}))
    result = write_report(d)
    assert result["read"] == 1 and result["skipped"] == 1
    assert why in result["messages"][0], result["messages"]


def test_unreadable_and_special_files_are_reported_not_fatal(tmp_path, monkeypatch):
    d = tmp_path / "class"
    (d / "submissions").mkdir(parents=True)
    _write(d / "submissions" / "ok.json", _submission("Ok", {}))
    _write(d / "submissions" / "private.json", _submission("Private", {}))
    os.mkfifo(d / "submissions" / "fifo.json")  # opening a FIFO must not hang the report
    real_open = os.open

    def denied(path, flags, *args, **kwargs):  # mode 0600 by another user (the tests run as root)
        if str(path).endswith("private.json"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)
    monkeypatch.setattr(os, "open", denied)
    result = write_report(d)
    text = "\n".join(result["messages"])
    assert result["read"] == 1
    assert "skipped submissions/private.json: cannot be read: permission denied" in text
    assert "skipped submissions/fifo.json: not a regular file" in text


def test_first_best_last_attempts_and_misconceptions(tmp_path):
    q = questions()["q1.1"]
    history = [{"status": "not yet", "answer": "A", "at": "t1"}, {"status": "correct", "answer": "B", "at": "t2"},
               {"status": "not yet", "answer": "C", "at": "t3"}]
    sub = {"format": "kit-submission", "version": 2, "student": {"name": "Dee", "id": "whatever"},
           "answers": {"q1.1": {"answer": "C", "status": "correct", "score": 1, "history": history,
                                "first": {"status": "correct", "score": 1}}}}
    d = tmp_path / "class"
    d.mkdir()
    _write(d / "dee.json", sub)
    rows = {a: None for a in ("first", "best", "last")}
    for attempt in rows:
        write_report(d, tmp_path / attempt, attempt=attempt)
        rows[attempt] = _rows(tmp_path / attempt / "report.csv")["q1.1"]
    assert rows["first"]["not_yet"] == "1" and rows["best"]["correct"] == "1" and rows["last"]["not_yet"] == "1"
    mis = {r["wrong_answer"]: r for r in csv.DictReader(open(tmp_path / "last" / "misconceptions.csv"))
           if r["question"] == "q1.1"}
    assert mis["A"]["on_first_attempt"] == "1" and mis["A"]["on_any_attempt"] == "1"
    assert mis["C"]["on_first_attempt"] == "0" and mis["C"]["on_any_attempt"] == "1"
    assert q.misconceptions["C"] in (tmp_path / "last" / "report.html").read_text()
    assert "does not match the name" in " ".join(write_report(d, tmp_path / "x")["messages"])


def test_free_text_answers_shown_escaped_and_names_hidden(tmp_path):
    d = tmp_path / "class"
    d.mkdir()
    essay = "In 2020 <b>more</b> people protested. " * 5
    _write(d / "a.json", _submission("Zoë Ng", {"q2.7": _entry(essay, "saved", 0)}))
    write_report(d)
    page = (d / "report" / "report.html").read_text()
    assert "In 2020 &lt;b&gt;more&lt;/b&gt; people protested." in page and "Zoë Ng" in page
    write_report(d, hide_names=True)
    page = (d / "report" / "report.html").read_text()
    assert "In 2020 &lt;b&gt;more&lt;/b&gt;" in page and "Zoë" not in page and "Student 1" in page
    assert "Zoë" not in (d / "report" / "students.csv").read_text()


def test_names_cleaned_for_display_and_flagged(tmp_path):
    d = tmp_path / "class"
    d.mkdir()
    raw = "Eve\u202e\u200b\x1b[31m Admin"
    _write(d / "e.json", _submission(raw, {}))
    out = subprocess.run([sys.executable, "-m", "kit", "report", str(d)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "\x1b" not in out.stdout and "\u202e" not in out.stdout and "<U+001B>" not in out.stdout
    page = (d / "report" / "report.html").read_text()
    assert "\u202e" not in page and "\x1b" not in page and "\u200b" not in page
    assert "Eve[31m Admin [name had hidden characters]" in page
    assert "hidden or control characters" in out.stdout


def test_report_never_written_through_a_link(folder, tmp_path):
    target = tmp_path / "teacher_file.txt"
    target.write_text("precious")
    (folder / "report").mkdir()
    os.symlink(target, folder / "report" / "report.html")
    with pytest.raises(ClassFolderError, match="link"):
        write_report(folder)
    assert target.read_text() == "precious"
    os.unlink(folder / "report" / "report.html")
    shutil.rmtree(folder / "report")
    os.symlink(tmp_path, folder / "report")  # a link in place of the folder
    with pytest.raises(ClassFolderError, match="link"):
        write_report(folder)
    assert not (tmp_path / "report.html").exists()


def test_report_default_output_is_beside_the_submissions(folder):
    write_report(folder)
    assert (folder / "report" / "report.html").exists() and not (folder / "report.html").exists()
    assert oct((folder / "report" / "report.html").stat().st_mode & 0o777) == "0o600"


def test_report_command(folder, tmp_path):
    out = subprocess.run([sys.executable, "-m", "kit", "report", str(folder), "--out", str(tmp_path / "o")],
                         capture_output=True, text=True)
    assert out.returncode == 0 and "read 4 submissions, skipped 7" in out.stdout
    assert (tmp_path / "o" / "report.html").exists()
