"""The teacher's loop with a class of 30: students check answers with a class folder set, the teacher
collects, marks every free-text answer, collects again after two students resubmit, and exports grades."""
import csv
import html
import json
import sqlite3
import subprocess
import sys

import pytest

from kit.classroom import collect, mark
from kit.classroom.gradebook import rows
from kit.classroom.marking import cards, text_questions
from kit.exercises import api, questions
from kit.exercises.classfolder import student_id

NAMES = ["Ana Silva", "Ben Okafor", "Chloé Dubois", "Dmitri Ivanov", "Eva Nováková", "Farid Haddad",
         "Grace O'Neil", "Hugo Lefèvre", "Ines García", "Jonas Müller",
         "Аня Петрова", "Борис Смирнов", "Вера Кузнецова", "Глеб Попов", "Дарья Волкова", "Егор Соколов",
         "Жанна Лебедева", "Зоя Морозова",
         "王小明", "李华", "张伟", "刘洋", "陈静", "杨帆",
         "Lena Fischer", "Marta Kowalska", "Nils Berg", "Olga Ševčík", "Pia Rossi", "Quinn Taylor"]
LESSONS = (1, 2)


def _auto(q):
    return q.kind in ("choice", "number", "matching", "ordering", "frame")


def _answer(q, i: int):
    """Every third student shows a misconception on choice and number questions; the rest are right."""
    if q.kind == "text":
        return f"Answer of {NAMES[i]} to {q.qid}: <i>the evidence</i> " + " ".join(["because"] * q.min_words)
    wrong = next(iter(q.misconceptions), None)
    if i % 3 == 0 and wrong is not None:
        return float(wrong[1:]) if wrong.startswith("=") else wrong
    return q.expected_value()


def _expected_auto(i: int, lesson: int) -> int:
    return sum(1 for q in questions().values() if q.lesson == lesson and _auto(q)
               and not (i % 3 == 0 and q.misconceptions))


def _work(monkeypatch, tmp_path, i: int, name: str, answers: dict):
    monkeypatch.setenv("KIT_RESPONSES_DIR", str(tmp_path / "home" / str(i)))
    monkeypatch.setenv("KIT_STUDENT", name)
    for qid, answer in answers.items():
        fb = api.evaluate(qid, answer)
        assert "could not be saved" not in fb.message, fb.message


@pytest.fixture(scope="module")
def lesson_questions():
    return [q for q in questions().values() if q.lesson in LESSONS and (_auto(q) or q.kind == "text")]


def test_a_class_of_30(tmp_path, monkeypatch, lesson_questions):
    cls = tmp_path / "class"
    (cls / "submissions").mkdir(parents=True)
    monkeypatch.setenv("KIT_CLASS_DIR", str(cls))
    monkeypatch.chdir(tmp_path)
    for i, name in enumerate(NAMES):  # each check refreshes the student's file in the class folder
        _work(monkeypatch, tmp_path, i, name, {q.qid: _answer(q, i) for q in lesson_questions})
        assert "class folder" in api.export()
    files = sorted(p.name for p in (cls / "submissions").iterdir())
    assert files == sorted(f"{student_id(n)}.json" for n in NAMES)
    assert all(oct((cls / "submissions" / f).stat().st_mode & 0o777) == "0o644" for f in files)

    # the teacher collects (from the command line) and marks every free-text answer
    out = subprocess.run([sys.executable, "-m", "kit", "collect", str(cls)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "collected 30 students from 30 files (30 new or updated, 0 skipped)" in out.stdout
    texts = [qid for qid in text_questions() if questions()[qid].lesson in LESSONS]
    marked = {}
    for qid in texts:
        found = cards(cls, by="question", key=qid)
        assert len(found) == 30
        for c in found:
            i = NAMES.index(c["name"])
            assert c["answer"].startswith(f"Answer of {NAMES[i]} to {qid}: <i>the evidence</i>")
            marked[(c["student"], qid)] = 1.0 if i % 2 == 0 else 0.5
            mark(cls, c["name"] if i % 5 else c["student"], qid, marked[(c["student"], qid)], f"Comment {i} <b>ok</b>")

    # two students resubmit: Ben fixes nothing but rewrites q1.3; Dmitri (index 3) corrects a choice
    _work(monkeypatch, tmp_path, 1, NAMES[1], {"q1.3": "A new answer " + " ".join(["because"] * 25)})
    right_choice = next(q for q in lesson_questions if q.kind == "choice" and q.misconceptions)
    _work(monkeypatch, tmp_path, 3, NAMES[3], {right_choice.qid: right_choice.expected_value()})
    again = collect(cls)
    assert again["students"] == 30 and again["updated"] == 2 and again["skipped"] == 0

    students, answers = rows(cls)
    assert len(students) == 30
    text_rows = [a for a in answers if a["kind"] == "text"]
    assert len(text_rows) == 30 * len(texts)
    for a in text_rows:  # every mark kept; only Ben's changed answer asks to be marked again
        assert a["mark"] == marked[(a["student"], a["qid"])]
        assert a["mark_current"] == (not (a["student"] == student_id(NAMES[1]) and a["qid"] == "q1.3"))
    stale = cards(cls, by="student", key=student_id(NAMES[1]))
    assert [c["earlier_mark"] for c in stale if c["qid"] == "q1.3"] == [0.5]
    mark(cls, NAMES[1], "q1.3", 1, "Better.")
    with sqlite3.connect(cls / "gradebook.sqlite") as con:
        assert con.execute("SELECT count(*) FROM marks_log").fetchone()[0] == 30 * len(texts) + 1

    # grades and feedback
    out = subprocess.run([sys.executable, "-m", "kit", "grades", str(cls)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    with open(cls / "grades.csv", encoding="utf-8-sig", newline="") as fh:
        grades = list(csv.DictReader(fh))
    assert len(grades) == 30
    assert {g["Student"] for g in grades} == set(NAMES)
    for g in grades:
        i = NAMES.index(g["Student"])
        assert g["Kit ID"] == student_id(NAMES[i])
        for lesson in LESSONS:
            expected = _expected_auto(i, lesson) + sum(
                (1.0 if i == 1 and qid == "q1.3" else marked[(g["Kit ID"], qid)])
                for qid in texts if questions()[qid].lesson == lesson)
            # Dmitri's corrected choice counts by default (the best attempt), less a third of its point
            # for the wrong try before it (the marking policy, kit/exercises/policy.py)
            if i == 3 and right_choice.lesson == lesson:
                expected += 0.67
            assert float(g[f"Lesson {lesson}"]) == pytest.approx(expected), (g["Student"], lesson)
        assert float(g["Unit total"]) == pytest.approx(sum(float(g[f"Lesson {n}"]) for n in LESSONS))
    best = {g["Kit ID"]: g for g in grades}
    out = subprocess.run([sys.executable, "-m", "kit", "grades", str(cls), "--attempt", "first"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    with open(cls / "grades.csv", encoding="utf-8-sig", newline="") as fh:
        first = {g["Kit ID"]: g for g in csv.DictReader(fh)}
    for sid, g in first.items():  # with the first attempt, only Dmitri loses, his 0.67 in that lesson
        for lesson in LESSONS:
            loss = 0.67 if (sid == student_id(NAMES[3]) and right_choice.lesson == lesson) else 0
            assert float(g[f"Lesson {lesson}"]) == pytest.approx(float(best[sid][f"Lesson {lesson}"]) - loss)
    pages = sorted(p.name for p in (cls / "feedback").iterdir())
    assert pages == sorted(f"{student_id(n)}.html" for n in NAMES)
    page = (cls / "feedback" / f"{student_id(NAMES[10])}.html").read_text(encoding="utf-8")
    assert "Answer of Аня Петрова to q1.3: &lt;i&gt;the evidence&lt;/i&gt;" in page
    assert "Comment 10 &lt;b&gt;ok&lt;/b&gt;" in page and "<script" not in page
    assert "Think about it" not in page  # Аня (index 10) answered every checked question right
    page = (cls / "feedback" / f"{student_id(NAMES[12])}.html").read_text(encoding="utf-8")
    assert "Think about it" in page and "Hint:" in page  # Вера (index 12) is told what to work on

    # the report shows every free-text answer
    from kit.classroom.report import write_report
    write_report(cls)
    report = (cls / "report" / "report.html").read_text(encoding="utf-8")
    for i, name in enumerate(NAMES):
        for qid in texts:
            shown = html.escape(f"Answer of {name} to {qid}: <i>the evidence</i>")
            assert (shown in report) != (i == 1 and qid == "q1.3"), (name, qid)


def test_check_refreshes_the_submission_as_students_work(tmp_path, monkeypatch):
    cls = tmp_path / "class"
    cls.mkdir()
    monkeypatch.setenv("KIT_CLASS_DIR", str(cls))
    monkeypatch.chdir(tmp_path)
    _work(monkeypatch, tmp_path, 0, "王小明", {"q1.1": "A"})
    path = cls / "submissions" / f"{student_id('王小明')}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 2 and data["student"] == {"name": "王小明", "id": student_id("王小明")}
    assert data["answers"]["q1.1"]["answer"] == "A"
    _work(monkeypatch, tmp_path, 0, "王小明", {"q1.1": "B"})
    assert json.loads(path.read_text(encoding="utf-8"))["answers"]["q1.1"]["answer"] == "B"
    assert not list(tmp_path.glob("submission_*.json"))  # nothing beside the notebook


def test_class_folder_from_kit_class_json(tmp_path, monkeypatch):
    from kit.exercises.classfolder import ClassFolderError, class_dir
    monkeypatch.delenv("KIT_CLASS_DIR", raising=False)
    nested = tmp_path / "course" / "unit" / "lesson"
    nested.mkdir(parents=True)
    assert class_dir(nested) is None
    (tmp_path / "course" / "kit-class.json").write_text(json.dumps({"class_dir": "../shared/10b"}))
    assert class_dir(nested) == tmp_path / "course" / ".." / "shared" / "10b"
    (tmp_path / "course" / "unit" / "kit-class.json").write_text("{not json")
    with pytest.raises(ClassFolderError, match="kit-class.json could not be read"):
        class_dir(nested)
    (tmp_path / "course" / "unit" / "kit-class.json").write_text(json.dumps({"folder": "x"}))
    with pytest.raises(ClassFolderError, match='no "class_dir"'):
        class_dir(nested)
    monkeypatch.setenv("KIT_CLASS_DIR", str(tmp_path / "env"))
    assert class_dir(nested) == tmp_path / "env"


def test_without_a_class_folder_export_works_as_before(tmp_path, monkeypatch):
    monkeypatch.delenv("KIT_CLASS_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KIT_SUBMISSIONS_DIR", str(tmp_path / "out"))
    (tmp_path / "out").mkdir()
    _work(monkeypatch, tmp_path, 0, "Ana Silva", {"q1.1": "B"})
    message = api.export()
    assert "Hand in this file" in message
    written = list((tmp_path / "out").glob("submission_*.json"))
    assert len(written) == 1 and oct(written[0].stat().st_mode & 0o777) == "0o644"
