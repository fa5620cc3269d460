"""The live view and the marking widget without a front end: what they show, and that they save and stop."""
import json
import os
import time

import pytest

from kit.classroom import collect
from kit.classroom.demo import NAMES, demo_class, remove
from kit.classroom.gradebook import rows
from kit.classroom.live import LiveView, render, summary
from kit.classroom.marking import MarkingWidget, cards
from kit.exercises import questions
from kit.exercises.classfolder import student_id


@pytest.fixture
def cls(tmp_path):
    return demo_class(tmp_path / "class")


def test_live_summary_counts_and_misconceptions(cls):
    data = summary(cls)
    assert data["students"] == 6
    q11 = next(r for r in data["rows"] if r["question"] == "q1.1")
    assert (q11["done"], q11["correct"], q11["not_yet"]) == (6, 4, 2)  # every third student chose A
    text = questions()["q1.1"].misconceptions["A"]
    assert q11["misconceptions"] == {text: sorted([NAMES[2], NAMES[5]])}
    assert q11["mean_mark"] == "0.67 of 1"  # the marking policy: four right (1), two wrong (0)
    assert next(r for r in data["rows"] if r["question"] == "q1.3")["mean_mark"] == ""  # the teacher marks it
    late = {"format": "kit-submission", "version": 2, "student": {"name": "Late Comer", "id": "x"},
            "answers": {"q1.1": {"answer": "B", "attempts": 2, "history": [{"answer": "A"}, {"answer": "B"}]}}}
    (cls / "submissions" / "late.json").write_text(json.dumps(late))
    mean = lambda: next(r for r in summary(cls)["rows"] if r["question"] == "q1.1")["mean_mark"]  # noqa: E731
    assert mean() == "0.67 of 1"  # (4 + 0.67) / 7: right on the 2nd try is worth 0.67
    (cls / "kit-grading.json").write_text('{"attempt": "first"}')
    assert mean() == "0.57 of 1"  # 4 / 7: the class's policy says the first attempt counts
    page = render(data, names=True)
    assert NAMES[2] in page and html_escaped(text) in page
    projector = render(data, names=False)
    assert all(n not in projector for n in NAMES) and html_escaped(text) + ": 2" in projector


def html_escaped(text):
    import html
    return html.escape(text)


def test_live_summary_reads_only_changed_files(cls, monkeypatch):
    from kit.classroom import submissions
    cache = {}
    summary(cls, cache)
    calls = []
    real = submissions.read
    monkeypatch.setattr(submissions, "read", lambda p: calls.append(p) or real(p))
    summary(cls, cache)
    assert calls == []
    path = cls / "submissions" / f"{student_id(NAMES[0])}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["answers"]["q1.1"]["answer"] = "A"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.utime(path, (time.time() + 5, time.time() + 5))
    after = summary(cls, cache)
    assert calls == [path]
    assert next(r for r in after["rows"] if r["question"] == "q1.1")["not_yet"] == 3


def test_live_view_refreshes_and_stops(cls):
    view = LiveView(cls, seconds=0.5)
    try:
        assert "6 students" in view.table.value and NAMES[2] in view.table.value
        view.projector.value = True
        assert NAMES[2] not in view.table.value
        (cls / "submissions" / "late.json").write_text(json.dumps(
            {"format": "kit-submission", "student": "Late Comer", "answers": {"q1.1": {"answer": "B"}}}))
        deadline = time.time() + 10
        while "7 students" not in view.table.value and time.time() < deadline:
            time.sleep(0.1)
        assert "7 students" in view.table.value
    finally:
        view.stop()
    view._thread.join(timeout=5)
    assert not view.running and view.button.disabled


def test_marking_cards_and_widget_save(cls):
    collect(cls)
    found = cards(cls, by="question", key="q2.7")
    assert [c["name"] for c in found] == [s["display"] for s in rows(cls)[0]]
    assert all(c["rubric"] == questions()["q2.7"].rubric and c["examples"] for c in found)
    hidden = cards(cls, by="question", key="q2.7", hide_names=True)
    assert [c["name"] for c in hidden] == [f"Student {i}" for i in range(1, 7)]
    import ipywidgets as w
    widget = MarkingWidget(cls, w)
    assert widget.pick.value == "q1.3" and len(widget.list.children) == 6
    card = widget.list.children[0]
    # a written task is marked criterion by criterion: a tick box each, the mark is the count of ticks
    assert [b.description for b in card.ticks] == [f"{i}. {c}" for i, c in enumerate(questions()["q1.3"].rubric, 1)]
    card.ticks[0].value, card.ticks[2].value = True, True
    assert "Mark: 2 of 3 points" in card.total.value
    card.comment.value = "Name the audience <b>first</b>."
    card.save.click()
    assert "Saved: 2 of 3 points" in card.status.value
    mark = next(a for a in rows(cls)[1] if a["qid"] == "q1.3" and a["student"] == found[0]["student"])
    assert (mark["mark"], mark["comment"], mark["criteria_levels"]) == (2, "Name the audience <b>first</b>.", [1, 0, 1])
    widget.show()  # shown again from the gradebook: the ticks and the comment are there
    again = widget.list.children[0]
    assert [b.value for b in again.ticks] == [True, False, True]
    assert again.comment.value == "Name the audience <b>first</b>."
    widget.by.value = "student"
    own = cards(cls, by="student", key=found[0]["student"])  # every written answer of that student
    assert {"q1.3", "q2.7"} <= {c["qid"] for c in own}
    assert widget.pick.value == found[0]["student"] and len(widget.list.children) == len(own)


def test_demo_remove_refuses_other_folders(tmp_path):
    with pytest.raises(ValueError, match="not a demo class"):
        remove(tmp_path)
    assert tmp_path.exists()
