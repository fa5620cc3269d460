"""Issue 18: grades a teacher can defend to a parent. A class of 12 works through the kit's checks with a
class folder set; the teacher collects, marks written answers criterion by criterion, exports grades and
writes the report. For every student the instant feedback, grades.csv, the feedback page and the report's
per-student table give the same marks, and those are what the stated policy gives (worked out by hand
below, not by calling the policy). Changing the class's policy changes the marks as stated."""
import csv
import html
import json
import re
import subprocess
import sys

import pytest

from kit.classroom import collect, mark
from kit.classroom.grades import export
from kit.classroom.report import write_report
from kit.exercises import api, questions
from kit.exercises.classfolder import student_id
from kit.exercises.policy import SETTINGS

RIGHT_NUMBER = questions()["q2.2"].expected_value()
TEXT = "The column was written for readers abroad: it is in English and it gives advice to Brussels. " * 2

# student -> what they do (qid, answer) in order
WORK = {
    "Ana Silva": [("q2.2", "sixty"), ("q2.2", RIGHT_NUMBER)],            # right after an unreadable answer
    "Ben Okafor": [("q1.1", "A"), ("q1.1", "B")],                          # right on the 2nd try at a choice
    "Chloé Dubois": [("q1.1", "A"), ("q1.1", "C"), ("q1.1", "B")],         # right on the 3rd try
    "Dmitri Ivanov": [("q2.2", RIGHT_NUMBER + 5), ("q2.2", RIGHT_NUMBER)],  # wrong then right at a number
    "Eva Nováková": [("q1.3", TEXT)],                                      # written, marked by criteria
    "Farid Haddad": [("q5.4", {"c03": "C", "c09": "F", "c10": "A", "c21": "A", "c41": "D", "c49": "F"})],
    "Grace O'Neil": [("q1.3", TEXT)],                                      # resubmits after marking
    "Hugo Lefèvre": [("q1.1", "B")],                                       # right first time
    "Ines García": [("q1.1", "A"), ("q1.1", "C"), ("q1.1", "D"), ("q1.1", "A"), ("q1.1", "B")],  # 5th try
    "Jonas Müller": [("q2.2", "sixty")],                                   # only an unreadable answer
    "Аня Петрова": [("q1.1", "B"), ("q1.1", "A")],                          # right, then wrong
    "王小明": [("q1.3", TEXT)],                                             # written, not marked
}
# the marks by hand: the default policy (best attempt, a third of the item's points off per earlier wrong
# try at choice/matching/ordering), the first attempt, and best with no penalty
MARKS = {  # student -> qid -> (default, first, best without penalty)
    "Ana Silva": {"q2.2": (1, 1, 1)},
    "Ben Okafor": {"q1.1": (0.67, 0, 1)},
    "Chloé Dubois": {"q1.1": (0.33, 0, 1)},
    "Dmitri Ivanov": {"q2.2": (1, 0, 1)},
    "Eva Nováková": {"q1.3": (2, 2, 2)},
    "Farid Haddad": {"q5.4": (0, 0, 0)},
    "Grace O'Neil": {"q1.3": (1, 1, 1)},
    "Hugo Lefèvre": {"q1.1": (1, 1, 1)},
    "Ines García": {"q1.1": (0, 0, 1)},
    "Jonas Müller": {"q2.2": (0, 0, 0)},
    "Аня Петрова": {"q1.1": (1, 1, 1)},
    "王小明": {"q1.3": (0, 0, 0)},
}


def _work(monkeypatch, tmp_path, name, steps):
    monkeypatch.setenv("KIT_RESPONSES_DIR", str(tmp_path / "home" / student_id(name)))
    monkeypatch.setenv("KIT_STUDENT", name)
    return [api.evaluate(qid, answer) for qid, answer in steps]


def _grades(cls) -> dict:
    with open(cls / "grades.csv", encoding="utf-8-sig", newline="") as fh:
        return {g["Kit ID"]: g for g in csv.DictReader(fh)}


def _page(cls, name) -> str:
    return (cls / "feedback" / f"{student_id(name)}.html").read_text(encoding="utf-8")


def _page_mark(page: str, qid: str) -> str:
    found = re.search(rf"<h2>{re.escape(qid)} \(.*?<p class='mark'><b>Mark:</b> (.*?)\. ", page, re.S)
    return found.group(1) if found else ""


def _page_totals(page: str) -> dict:
    lessons = dict(re.findall(r"<th scope='row'>(Lesson \d+)</th><td class='lesson-total'>([^<]*)</td>", page))
    lessons["Unit total"] = re.search(r"<b class='unit-total'>([^<]*)</b>", page).group(1)
    return lessons


def _report(cls, out) -> dict:
    write_report(cls, out)
    with open(out / "students.csv", encoding="utf-8", newline="") as fh:
        return {r["id"]: r for r in csv.DictReader(fh)}


def _check_all_surfaces(cls, tmp_path, which: int, tag: str):
    """grades.csv, feedback pages and report: the same lesson totals, equal to the hand-worked marks."""
    grades, report = _grades(cls), _report(cls, tmp_path / f"report-{tag}")
    assert len(grades) == len(report) == len(WORK) == 12
    for name, items in MARKS.items():
        sid = student_id(name)
        page = _page(cls, name)
        totals = _page_totals(page)
        for lesson in range(1, 7):
            want = sum(m[which] for qid, m in items.items() if questions()[qid].lesson == lesson)
            key = f"Lesson {lesson}"
            assert float(grades[sid][key]) == pytest.approx(want), (tag, name, key)
            assert grades[sid][key] == totals[key] == report[sid][key], (tag, name, key)
        assert grades[sid]["Unit total"] == totals["Unit total"] == report[sid]["Unit total"], (tag, name)
        for qid, m in items.items():
            q = questions()[qid]
            shown = _page_mark(page, qid)
            if not q.graded:
                assert shown == "not marked (recorded for the discussion)", (name, shown)
            elif q.kind == "text" and name == "王小明":
                assert shown == "not marked yet"
            else:
                assert shown == f"{m[which]:g} of {q.points:g} point{'s' if q.points != 1 else ''}", (tag, name, shown)
            assert not re.search(r"\bcorrect\b[^.]*\b0 of|0 of [^.]*\bcorrect\b", page), (name, "correct beside 0")


@pytest.fixture
def taught(tmp_path, monkeypatch):
    cls = tmp_path / "class"
    (cls / "submissions").mkdir(parents=True)
    monkeypatch.setenv("KIT_CLASS_DIR", str(cls))
    monkeypatch.chdir(tmp_path)
    feedback = {name: _work(monkeypatch, tmp_path, name, steps) for name, steps in WORK.items()}
    collect(cls)
    mark(cls, "Eva Nováková", "q1.3", criteria_met=[0, 2], comment="Two of three.")
    mark(cls, "Grace O'Neil", "q1.3", criteria_met=["names a likely audience", 1, 2])
    return cls, feedback


def test_a_class_of_12_marks_agree_everywhere_and_follow_the_policy(taught, tmp_path, monkeypatch):
    cls, feedback = taught
    # instant feedback: what the student saw right after the check is what the gradebook gives
    for name, items in MARKS.items():
        fb = feedback[name][-1]
        qid = WORK[name][-1][0]
        q = questions()[qid]
        if q.kind in ("choice", "number") and fb.readable:
            assert fb.counted == pytest.approx(items[qid][0]), (name, str(fb))
            assert f"Worth {items[qid][0]:g} of 1 point" in fb.worth, (name, fb.worth)
    assert not feedback["Ana Silva"][0].readable and "costs nothing" in str(feedback["Ana Silva"][0])
    assert "less a third of the item's points for the wrong try before it" in feedback["Ben Okafor"][-1].worth
    assert "Correct" not in feedback["Ines García"][-1].headline  # right on this try, but worth 0 now
    assert "not marked" in str(feedback["Farid Haddad"][0]) and feedback["Farid Haddad"][0].points == 0

    # Grace resubmits after marking: her mark waits for the teacher, and no surface counts the old one
    _work(monkeypatch, tmp_path, "Grace O'Neil", [("q1.3", TEXT + " Also the outlet.")])
    collect(cls)
    export(cls)
    assert float(_grades(cls)[student_id("Grace O'Neil")]["Lesson 1"]) == 0
    assert _page_mark(_page(cls, "Grace O'Neil"), "q1.3") == "not marked yet"
    assert _report(cls, tmp_path / "r0")[student_id("Grace O'Neil")]["Lesson 1"] == "0"
    mark(cls, "Grace O'Neil", "q1.3", criteria_met=[0])

    # the default policy, through the command line
    out = subprocess.run([sys.executable, "-m", "kit", "grades", str(cls)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "The best attempt counts" in out.stdout
    _check_all_surfaces(cls, tmp_path, 0, "default")
    page = _page(cls, "Eva Nováková")
    met, todo = page.split("Criteria met:")[1].split("To work on:")
    rubric = questions()["q1.3"].rubric
    assert html.escape(rubric[0]) in met and html.escape(rubric[2]) in met
    assert html.escape(rubric[1]) in todo.split("</ul>")[0] and html.escape(rubric[1]) not in met
    page = _page(cls, "Chloé Dubois")
    assert "The answer that counts (try 3 of 3)" in page
    assert "for each of the 2 wrong tries before it" in page
    page = _page(cls, "Ana Silva")
    assert "1 answer of the wrong kind did not count" in page

    # the report shows the prediction (recorded, not marked) and counts first attempts for misconceptions
    with open(tmp_path / "report-default" / "predictions.csv", encoding="utf-8") as fh:
        predicted = list(csv.DictReader(fh))
    assert {(r["question"], r["item"], r["students"]) for r in predicted} >= {("q5.4", "c03", "1")}
    with open(tmp_path / "report-default" / "misconceptions.csv", encoding="utf-8") as fh:
        news = next(r for r in csv.DictReader(fh) if r["question"] == "q1.1" and r["wrong_answer"] == "A")
    assert news["on_first_attempt"] == "3"  # Ben, Chloé, Ines: diagnosing is not grading

    # the class chooses the first attempt in its settings file: the marks change as stated
    (cls / SETTINGS).write_text(json.dumps({"attempt": "first"}))
    export(cls)
    _check_all_surfaces(cls, tmp_path, 1, "first")
    # and best with no penalty, on the command line for one run
    (cls / SETTINGS).unlink()
    out = subprocess.run([sys.executable, "-m", "kit", "grades", str(cls), "--penalty", "0"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    grades = _grades(cls)
    for name, items in MARKS.items():
        want = sum(m[2] for qid, m in items.items() if questions()[qid].lesson == 1)
        assert float(grades[student_id(name)]["Lesson 1"]) == pytest.approx(want), name


def test_a_bad_policy_file_is_a_message_and_nothing_is_written(taught):
    cls, _ = taught
    (cls / SETTINGS).write_text(json.dumps({"attempt": "worst"}))
    out = subprocess.run([sys.executable, "-m", "kit", "grades", str(cls)], capture_output=True, text=True)
    assert out.returncode == 2 and "kit-grading.json" in out.stderr and "Traceback" not in out.stderr
    assert not (cls / "grades.csv").exists()
    (cls / SETTINGS).unlink()
    for bad in ("2", "-1", "one third", "nan"):
        out = subprocess.run([sys.executable, "-m", "kit", "report", str(cls), "--attempt", "best", "--penalty", bad],
                             capture_output=True, text=True)
        assert out.returncode == 2 and "penalty" in out.stderr and "Traceback" not in out.stderr, out.stderr


def test_a_criterion_on_a_scale_gives_its_level(tmp_path, monkeypatch):
    """Lesson 6's summative task scores each criterion 0 (missing), 1 (partly) or 2 (met): the mark is the sum
    of the levels, the same in grades.csv, on the feedback page and in the report, and the widget offers
    the levels (native radio buttons) instead of a tick."""
    q = questions()["q6.11"]
    assert q.points == sum(len(c.levels) - 1 for c in q.rubric) == 12
    cls = tmp_path / "class"
    (cls / "submissions").mkdir(parents=True)
    monkeypatch.setenv("KIT_CLASS_DIR", str(cls))
    monkeypatch.chdir(tmp_path)
    essay = "As of 20 August 2020 the proposal was reasonable, because both sides said they wanted talks. " * 12
    _work(monkeypatch, tmp_path, "Ana Silva", [("q6.11", essay)])
    collect(cls)
    mark(cls, "Ana Silva", "q6.11", criteria_met={0: 2, 1: 1, "keeps apart": 2})
    export(cls)
    sid = student_id("Ana Silva")
    assert _grades(cls)[sid]["Lesson 6"] == "5"
    page = _page(cls, "Ana Silva")
    assert _page_mark(page, "q6.11") == "5 of 12 points" and _page_totals(page)["Lesson 6"] == "5"
    met, todo = page.split("Criteria met:")[1].split("To work on:")
    assert html.escape(q.rubric[0]) in met and html.escape(q.rubric[1]) in todo and "now: partly" in todo
    assert _report(cls, tmp_path / "r")[sid]["Lesson 6"] == "5"
    import ipywidgets as w

    from kit.classroom.marking import MarkingWidget
    widget = MarkingWidget(cls, w)
    widget.pick.value = "q6.11"
    card = widget.list.children[0]
    assert [b.value for b in card.ticks] == [2, 1, 2, 0, 0, 0]
    assert all(len(b.options) == 3 for b in card.ticks)
    card.ticks[5].value = 2
    assert "Mark: 7 of 12 points" in card.total.value
    card.save.click()
    assert "Saved: 7 of 12 points" in card.status.value


def test_the_students_own_summary_uses_the_same_policy(tmp_path, monkeypatch):
    cls = tmp_path / "class"
    (cls / "submissions").mkdir(parents=True)
    monkeypatch.setenv("KIT_CLASS_DIR", str(cls))
    monkeypatch.chdir(tmp_path)
    _work(monkeypatch, tmp_path, "Ben Okafor", WORK["Ben Okafor"] + WORK["Ana Silva"] + WORK["Farid Haddad"])
    text = api.my_marks()
    assert "Lesson 1: 0.67 of" in text and "q1.1: Worth 0.67 of 1 point" in text
    assert "Lesson 2: 1 of" in text and "q2.2: Worth 1 of 1 point: right on the first try (1 answer of the wrong kind" in text
    assert "q5.4: Not marked: a prediction" in text
    (cls / SETTINGS).write_text(json.dumps({"attempt": "first"}))  # the class's policy reaches the student
    assert "Lesson 1: 0 of" in api.my_marks() and "The first attempt counts" in api.my_marks()
