"""Issue 22's low list, in the grading files: each bad input gets the kit's own clear message and changes
nothing (the gradebook's marks, grades.csv and the report stay as they were)."""
import errno
import re
import sqlite3

import pytest

from kit.__main__ import main
from kit.classroom import collect, mark
from kit.classroom.demo import NAMES, demo_class
from kit.classroom.gradebook import GradebookError
from kit.classroom.grades import export
from kit.classroom.marking import marking
from kit.classroom.report import write_report
from kit.exercises.model import fmt


@pytest.fixture
def cls(tmp_path):
    folder = demo_class(tmp_path / "class")
    collect(folder)
    return folder


def _marks(cls):
    with sqlite3.connect(cls / "gradebook.sqlite") as con:
        return con.execute("SELECT * FROM marks ORDER BY student, qid").fetchall(), \
            con.execute("SELECT count(*) FROM marks_log").fetchone()[0]


def test_a_huge_score_is_refused_with_a_message(cls):
    before = _marks(cls)
    for score in (10 ** 400, -(10 ** 400), 10 ** 20):
        with pytest.raises(GradebookError, match="must be from 0 to 3"):
            mark(cls, NAMES[0], "q1.3", score)
    assert _marks(cls) == before


def test_a_comment_with_a_lone_surrogate_is_refused_with_a_message(cls):
    before = _marks(cls)
    with pytest.raises(GradebookError, match="not valid text.*character 6"):
        mark(cls, NAMES[0], "q1.3", 1, "Good \ud800 work")
    assert _marks(cls) == before


def test_criteria_that_are_not_the_rubric_are_refused(cls):
    before = _marks(cls)
    for bad in ([7], ["no such criterion"], {0: 2}, [True]):
        with pytest.raises(GradebookError, match="criteri"):
            mark(cls, NAMES[0], "q1.3", criteria_met=bad)
    with pytest.raises(GradebookError, match="does not match the criteria"):
        mark(cls, NAMES[0], "q1.3", 3, criteria_met=[0])
    with pytest.raises(GradebookError, match="not marked"):
        mark(cls, NAMES[0], "q5.4", 1)
    assert _marks(cls) == before


def test_a_mark_of_minus_zero_is_shown_as_0(cls):
    mark(cls, NAMES[0], "q1.3", -0.0, "Start again.")
    assert fmt(-0.0) == "0" and fmt(-0.001) == "0"
    export(cls)
    text = (cls / "grades.csv").read_text(encoding="utf-8-sig")
    assert ",-0" not in text and ",'-0" not in text
    page = next((cls / "feedback").glob("ana-silva-*.html")).read_text(encoding="utf-8")
    assert "<b>Mark:</b> 0 of 3 points" in page and not re.search(r"[ >]-0\b", page)


def _full_disk(monkeypatch):
    import kit.exercises.classfolder as cf

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(cf, "_write_in", no_space)


def test_grades_on_a_full_disk_is_a_message_and_nothing_half_written(cls, monkeypatch, capsys):
    export(cls)
    before = (cls / "grades.csv").read_bytes()
    mark(cls, NAMES[0], "q1.3", criteria_met=[0, 1, 2])  # the next export would change grades.csv
    _full_disk(monkeypatch)
    with pytest.raises(GradebookError, match="No space left on device.*never half-written"):
        export(cls)
    assert main(["grades", str(cls)]) == 2
    err = capsys.readouterr().err
    assert "No space left on device" in err and "Traceback" not in err
    assert (cls / "grades.csv").read_bytes() == before
    assert not [p for p in cls.rglob("*.tmp")]


def test_report_on_a_full_disk_is_a_message_and_nothing_half_written(cls, monkeypatch, capsys):
    _full_disk(monkeypatch)
    with pytest.raises(GradebookError, match="No space left on device"):
        write_report(cls)
    assert main(["report", str(cls)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert not (cls / "report").exists() or not list((cls / "report").iterdir())


@pytest.mark.parametrize("column", ["answer", "misconceptions_seen", "tries"])
def test_non_json_in_a_gradebook_column_is_a_message(cls, capsys, column):
    with sqlite3.connect(cls / "gradebook.sqlite") as con:
        con.execute(f"UPDATE answers SET {column} = '{{not json' WHERE qid = 'q1.3'")
    assert main(["grades", str(cls)]) == 2
    err = capsys.readouterr().err
    assert f"not JSON in the column {column}" in err and "q1.3" in err and "Traceback" not in err
    assert not (cls / "grades.csv").exists() and not (cls / "feedback").exists()
    import ipywidgets  # noqa: F401  (the widget needs it)
    widget = marking(cls)
    assert "not JSON" in widget.note.value and "role='alert'" in widget.note.value
    widget.by.value = "student"
    assert "not JSON" in widget.note.value
