"""What students and accidents do to a class folder: hand-edited submissions, names that try to escape the
folder, a locked or damaged gradebook, two collects at once, links planted where the teacher writes."""
import json
import os
import sqlite3
import subprocess
import sys
import threading

import pytest

from kit.classroom import gradebook
from kit.classroom.gradebook import GradebookError, collect, mark, rows
from kit.classroom.grades import export as export_grades
from kit.exercises import api, questions, responses
from kit.exercises.classfolder import ClassFolderError, student_id, write_submission


def _sub(name, answers, sid=None):
    return {"format": "kit-submission", "version": 2, "student": {"name": name, "id": sid or student_id(name)},
            "hub_user": None, "os_user": None, "created": "2026-12-01T10:00:00+00:00", "answers": answers}


def _put(cls, name, answers, mtime=None):
    path = cls / "submissions" / f"{student_id(name)}.json"
    path.write_text(json.dumps(_sub(name, answers), ensure_ascii=False), encoding="utf-8")
    if mtime:
        os.utime(path, (mtime, mtime))
    return path


@pytest.fixture
def cls(tmp_path):
    d = tmp_path / "class"
    (d / "submissions").mkdir(parents=True)
    essay = "The numbers come from two sources and they disagree a lot. " * 5
    for name in ("Ana Silva", "Аня Петрова", "王小明"):
        _put(d, name, {"q1.1": {"answer": "B"}, "q2.7": {"answer": f"{name}: {essay}"}})
    return d


# -- hand-edited submissions ---------------------------------------------------------------------
def test_a_hand_edited_submission_gets_no_marks_it_did_not_earn(cls):
    _put(cls, "Eve", {"q1.1": {"answer": "A", "status": "correct", "score": 1},
                      "q1.5": {"answer": "not a number", "status": "correct", "score": 1e9},
                      "q2.7": {"answer": "short", "status": "correct", "score": 1},
                      "q9.9": {"answer": "B"}, "q1.2": "not an object"})
    result = collect(cls)
    assert any("unknown exercise" in m for m in result["messages"])
    _, answers = rows(cls)
    eve = {a["qid"]: a for a in answers if a["student"] == student_id("Eve")}
    assert eve["q1.1"]["score"] == 0 and eve["q1.1"]["status"] == "not yet"
    assert eve["q1.5"]["score"] == 0 and eve["q2.7"]["final"] == 0
    assert "q9.9" not in eve and "q1.2" not in eve


def test_a_file_claiming_to_be_newer_does_not_win(cls):
    """Two files claim one student: the newest by file time counts, not by the date written inside."""
    _put(cls, "Ana Silva", {"q1.1": {"answer": "B"}}, mtime=1_700_100_000)
    forged = _sub("Ana Silva", {"q1.1": {"answer": "A"}})
    forged["created"] = "2099-01-01T00:00:00+00:00"
    (cls / "ana_again.json").write_text(json.dumps(forged))
    os.utime(cls / "ana_again.json", (1_700_000_000, 1_700_000_000))
    result = collect(cls)
    assert any("handed in more than once" in m and "ana_again.json" in m for m in result["messages"])
    _, answers = rows(cls)
    assert next(a for a in answers if a["student"] == student_id("Ana Silva") and a["qid"] == "q1.1")["score"] == 1
    assert any("handed in more than once" in p for p in gradebook.problems(cls))


def test_a_name_that_tries_to_escape_the_folder(tmp_path, monkeypatch):
    cls = tmp_path / "class"
    cls.mkdir()
    monkeypatch.setenv("KIT_CLASS_DIR", str(cls))
    monkeypatch.setenv("KIT_RESPONSES_DIR", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    for name in ("../../etc/evil", "/tmp/x", "..", "a/../../b\tc", "CON", "\u202e\u200bgnirts"):
        monkeypatch.setenv("KIT_STUDENT", name)
        api.evaluate("q1.1", "B")
        assert "class folder" in api.export(), name
    written = sorted(p.name for p in (cls / "submissions").iterdir())
    assert len(written) == 6 and all("/" not in n and n.endswith(".json") and not n.startswith(".")
                                     for n in written)
    assert sorted(p.name for p in cls.iterdir()) == ["submissions"]
    assert not (tmp_path / "etc").exists() and not (tmp_path / "b").exists()
    collect(cls)
    export_grades(cls)
    assert len(list((cls / "feedback").iterdir())) == 6
    students, _ = rows(cls)
    flagged = [s for s in students if s["name_flagged"]]
    assert sorted(s["display"] for s in flagged) == ["a/../../bc", "gnirts"]  # tab, bidi and zero-width gone


# -- the student's side: never over another student's file, never through a link ------------------
def test_export_never_overwrites_another_students_file(tmp_path, monkeypatch):
    cls = tmp_path / "class"
    (cls / "submissions").mkdir(parents=True)
    sid = student_id("Ana Silva")
    other = cls / "submissions" / f"{sid}.json"
    other.write_text(json.dumps(_sub("Ben", {}, sid=student_id("Ben"))))
    with pytest.raises(ClassFolderError, match="another student"):
        write_submission(cls, sid, "{}")
    other.write_text("not json at all")
    with pytest.raises(ClassFolderError, match="not a kit submission"):
        write_submission(cls, sid, "{}")
    other.write_text(json.dumps(_sub("Ana Silva", {})))
    monkeypatch.setattr(os, "geteuid", lambda: 12345)  # the file belongs to someone else
    with pytest.raises(ClassFolderError, match="another user"):
        write_submission(cls, sid, "{}")
    monkeypatch.undo()
    assert json.loads(other.read_text())["student"]["name"] == "Ana Silva"  # untouched throughout
    write_submission(cls, sid, json.dumps(_sub("Ana Silva", {"q1.1": {"answer": "B"}})))
    assert "q1.1" in json.loads(other.read_text())["answers"]
    assert oct(other.stat().st_mode & 0o777) == "0o644"
    assert [p.name for p in (cls / "submissions").iterdir()] == [f"{sid}.json"]  # no temporary file left


def test_export_refuses_links(tmp_path):
    cls = tmp_path / "class"
    (cls / "submissions").mkdir(parents=True)
    target = tmp_path / "teacher.pth"
    target.write_text("precious")
    sid = student_id("Ana Silva")
    os.symlink(target, cls / "submissions" / f"{sid}.json")
    with pytest.raises(ClassFolderError, match="link"):
        write_submission(cls, sid, json.dumps(_sub("Ana Silva", {})))
    assert target.read_text() == "precious"
    cls2 = tmp_path / "class2"
    cls2.mkdir()
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", cls2 / "submissions")
    with pytest.raises(ClassFolderError, match="not a link"):
        write_submission(cls2, sid, "{}")
    assert not list((tmp_path / "elsewhere").iterdir())


def test_a_check_still_saves_when_the_class_folder_is_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_CLASS_DIR", str(tmp_path / "no-such-class"))
    monkeypatch.setenv("KIT_RESPONSES_DIR", str(tmp_path / "home"))
    monkeypatch.setenv("KIT_STUDENT", "Ana Silva")
    fb = api.evaluate("q1.1", "B")
    assert fb.status == "correct" and "could not be saved" not in fb.message
    assert responses.load(responses.lesson_file(1))["answers"]["q1.1"]["answer"] == "B"
    message = api.export()
    assert "Could not write the submission file" in message and "does not exist" in message


# -- the gradebook: locked, damaged, two writers -------------------------------------------------
def test_a_locked_gradebook_gets_a_clear_message_and_loses_nothing(cls, monkeypatch):
    collect(cls)
    mark(cls, "Ana Silva", "q2.7", 1, "kept")
    monkeypatch.setattr(gradebook, "BUSY_SECONDS", 0.2)
    holder = sqlite3.connect(cls / "gradebook.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(GradebookError, match="busy"):
            mark(cls, "王小明", "q2.7", 1, "lost?")
        with pytest.raises(GradebookError, match="busy"):
            collect(cls)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    mark(cls, "王小明", "q2.7", 0.5, "after the lock")
    _, answers = rows(cls)
    marks = {a["student"]: (a["mark"], a["comment"]) for a in answers if a["qid"] == "q2.7"}
    assert marks[student_id("Ana Silva")] == (1.0, "kept")
    assert marks[student_id("王小明")] == (0.5, "after the lock")


@pytest.mark.parametrize("damage", [b"this is not a database" * 100, b"SQLite format 3\x00" + b"\xff" * 4000])
def test_a_damaged_gradebook_is_left_as_it_is(cls, damage):
    (cls / "gradebook.sqlite").write_bytes(damage)
    with pytest.raises(GradebookError, match="damaged|could not be used"):
        collect(cls)
    assert (cls / "gradebook.sqlite").read_bytes() == damage
    out = subprocess.run([sys.executable, "-m", "kit", "collect", str(cls)], capture_output=True, text=True)
    assert out.returncode == 2 and "error: the gradebook" in out.stderr and "Traceback" not in out.stderr
    out = subprocess.run([sys.executable, "-m", "kit", "grades", str(cls)], capture_output=True, text=True)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert (cls / "gradebook.sqlite").read_bytes() == damage


def test_grades_before_any_collect_says_what_to_do(cls):
    out = subprocess.run([sys.executable, "-m", "kit", "grades", str(cls)], capture_output=True, text=True)
    assert out.returncode == 2 and "run `python -m kit collect" in out.stderr


def test_two_collects_and_marking_at_once(cls):
    for i in range(40):
        _put(cls, f"Student {i}", {"q1.1": {"answer": "B"}, "q2.7": {"answer": f"essay {i} " * 40}})
    collect(cls)
    errors = []

    def marking():
        try:
            for i in range(40):
                mark(cls, f"Student {i}", "q2.7", 1, f"mark {i}")
        except Exception as err:  # pragma: no cover - reported below
            errors.append(err)
    for i in range(40):  # every file changes (q1.1 only), so each collect has work to do
        _put(cls, f"Student {i}", {"q1.1": {"answer": "A"}, "q2.7": {"answer": f"essay {i} " * 40}})
    procs = [subprocess.Popen([sys.executable, "-m", "kit", "collect", str(cls)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    thread = threading.Thread(target=marking)
    thread.start()
    outs = [p.communicate(timeout=120) for p in procs]
    thread.join(timeout=120)
    assert [p.returncode for p in procs] == [0, 0], outs
    assert errors == []
    updated = sorted(int(o.split("(")[1].split(" new")[0]) for o, _ in outs)
    assert updated == [0, 40]  # one collect did the work; the other waited, then found nothing new
    students, answers = rows(cls)
    assert len(students) == 43
    numbered = {s["id"] for s in students if s["name"].startswith("Student ")}
    q27 = [a for a in answers if a["qid"] == "q2.7" and a["student"] in numbered]
    assert len(q27) == 40 and all(a["mark_current"] and a["mark"] == 1 for a in q27)
    assert all(a["score"] == 0 for a in answers if a["qid"] == "q1.1" and a["student"] in numbered)


# -- links planted where the teacher writes ------------------------------------------------------
def test_links_planted_in_the_class_folder_are_refused(cls, tmp_path):
    target = tmp_path / "teacher_file"
    target.write_text("precious")
    os.symlink(target, cls / "submissions" / "zzz.json")  # read: skipped
    result = collect(cls)
    assert any("skipped submissions/zzz.json: not a regular file" in m for m in result["messages"])
    os.symlink(target, cls / "grades.csv")
    with pytest.raises(ClassFolderError, match="link"):
        export_grades(cls)
    os.unlink(cls / "grades.csv")
    os.symlink(tmp_path, cls / "feedback")
    with pytest.raises(ClassFolderError, match="link"):
        export_grades(cls)
    assert target.read_text() == "precious" and not list(tmp_path.glob("*.html"))
    os.unlink(cls / "feedback")
    export_grades(cls)
    assert oct((cls / "grades.csv").stat().st_mode & 0o777) == "0o600"
    book = cls / "gradebook.sqlite"
    book.rename(tmp_path / "moved.sqlite")
    os.symlink(tmp_path / "moved.sqlite", book)
    with pytest.raises(GradebookError, match="not a regular file"):
        collect(cls)


def test_mark_checks_its_input(cls):
    collect(cls)
    # q2.7 is worth one point per rubric criterion (issue 18): 4, so 5 is too many
    for score in (float("nan"), float("inf"), -1, 5, True, "1"):
        with pytest.raises(GradebookError, match="score"):
            mark(cls, "Ana Silva", "q2.7", score)
    with pytest.raises(GradebookError, match="no student"):
        mark(cls, "Nobody", "q2.7", 1)
    with pytest.raises(GradebookError, match="no exercise|there is no exercise"):
        mark(cls, "Ana Silva", "q9.9", 1)
    with pytest.raises(GradebookError, match="has not answered"):
        mark(cls, "Ana Silva", "q3.2", 1)
    assert questions()["q2.7"].points == len(questions()["q2.7"].rubric) == 4


def test_grades_csv_cells_never_run_as_formulas(cls):
    _put(cls, "=HYPERLINK(\"http://x\")", {"q1.1": {"answer": "B"}})
    collect(cls)
    export_grades(cls)
    text = (cls / "grades.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text


# -- a drop box on a shared machine: students as separate OS users ---------------------------------
DROP_BOX_STUDENT = """
import json, os, sys
from pathlib import Path
from kit.exercises.classfolder import ClassFolderError, student_id, write_submission
student_id("warm up")  # imports done as root (the interpreter lives in root's home), then drop to the student
os.setgid(int(sys.argv[2])); os.setuid(int(sys.argv[1]))
cls, name = Path(sys.argv[3]), sys.argv[4]
sub = {"format": "kit-submission", "version": 2, "student": {"name": name, "id": student_id(name)}, "answers": {}}
try:
    print(write_submission(cls, student_id(name), json.dumps(sub)))
    victim = cls / "submissions" / (student_id(sys.argv[5]) + ".json") if len(sys.argv) > 5 else None
    if victim is not None:
        write_submission(cls, student_id(sys.argv[5]), json.dumps(sub))
except ClassFolderError as err:
    print("refused:", err)
"""


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as two other OS users")
def test_a_drop_box_shared_by_students_who_are_different_os_users(tmp_path_factory):
    import tempfile
    base = tempfile.mkdtemp(prefix="kit-dropbox-")
    os.chmod(base, 0o755)
    try:
        cls = __import__("pathlib").Path(base) / "class"
        (cls / "submissions").mkdir(parents=True)
        os.chmod(cls, 0o755)
        os.chmod(cls / "submissions", 0o1733)  # write and enter, not list; the sticky bit protects files

        def run(uid, *args):
            out = subprocess.run([sys.executable, "-c", DROP_BOX_STUDENT, str(uid), str(uid), str(cls), *args],
                                 capture_output=True, text=True, timeout=120)
            assert out.returncode == 0, out.stderr
            return out.stdout
        assert "submissions/" in run(60001, "Ana Silva")
        ana = [p for p in (cls / "submissions").iterdir() if p.stat().st_uid == 60001]
        assert len(ana) == 1 and ana[0].name.startswith("60001-"), ana  # no account name: the uid
        before = ana[0].read_bytes()
        # Ben writes his own, then signs in as Ana: that goes into Ben's own file (issue 22: the file
        # name is not a function of the typed name, so nothing of Ana's is in the way or touched).
        out = run(60002, "Ben Okafor", "Ana Silva")
        assert "refused:" not in out, out
        assert ana[0].read_bytes() == before and ana[0].stat().st_uid == 60001
        assert oct(ana[0].stat().st_mode & 0o777) == "0o640"  # the owner and the drop box's group only
        assert len([p for p in (cls / "submissions").iterdir() if p.stat().st_uid == 60002]) == 1
        result = collect(cls)
        assert result["students"] == 2 and result["skipped"] == 0
        students, _ = rows(cls)
        assert sorted(s["owner"] for s in students) == ["60001", "60002"]  # the OS owner, as the kit saw it
        assert sorted(s["hub_user"] for s in students) == ["60001", "60002"]  # from the owner, not the file
    finally:
        import shutil
        shutil.rmtree(base)
