"""Coding is optional: every data exercise has a route without code (the table tool) that reaches the
same answer by choosing rows and an operation from lists, and a paper version on the worksheet."""
import re
from pathlib import Path

import pytest

from kit.exercises import evaluate, explore, questions
from kit.exercises.model import CORRECT
from kit.views import datatool

DATA_KINDS = ("frame", "number", "figure")
# Every data exercise of every lesson (working with data, answered by a table, a number or a chart).
ALL_DATA_EXERCISES = sorted(qid for qid, q in questions().items()
                            if q.kind in DATA_KINDS and q.skill == "working with data")
# q3.5 (rank the options by their average score) has its route without code in the decision matrix:
# with every weight equal, the matrix's order is that ranking (tested below).
DATA_EXERCISES = [qid for qid in ALL_DATA_EXERCISES if qid != "q3.5"]

# The choices a student makes in the table tool: filters, operation, column, y, and (number questions)
# how the shown result becomes the typed answer.
ROUTES = {
    "q1.5": ([("word", ["CSTO"])], "smallest", "paragraph", None, str),
    "q2.1": ([("official_claim", ["True"])], "rows", None, None, None),
    "q2.2": ([("year", ["2020"])], "distinct", "measure_id", None, str),
    "q2.3": (None, None, None, None, None),  # two look-ups and a division: below
    "q2.4": ([("measure_id", ["incumbent_share_official"])], "bar", "year", "value", None),
    "q3.6": ([("protester_safety", ["4"])], "count", None, None, str),  # no option scores 5
    "q5.6": ([("claim_type", ["prediction"])], "count", None, None, str),
    "q5.7": ([("verdict", ["contested", "inaccurate"])], "rows", None, None, None),
}


def test_every_data_exercise_has_a_no_code_route():
    assert "q1.5" in DATA_EXERCISES and "q3.5" in ALL_DATA_EXERCISES  # every lesson's, not only 2, 3 and 5
    assert DATA_EXERCISES == sorted(ROUTES)
    for qid in DATA_EXERCISES:
        q = questions()[qid]
        assert q.no_code["table"] in datatool.TABLES and q.no_code["steps"], qid
        assert "Message" in type(explore(qid)).__name__ or explore(qid)  # outside Jupyter: the steps


@pytest.fixture
def live(monkeypatch, tmp_path):
    monkeypatch.setenv("KIT_RESPONSES_DIR", str(tmp_path))
    from kit.widgets import lesson_widgets as widgets
    monkeypatch.setattr(widgets, "interactive", lambda: True)


def _choose(tool, filters, operation, column, y):
    for i, (col, values) in enumerate(filters):
        tool.filter_columns[i].value = col
        tool.filter_values[i].value = tuple(values)
    tool.operation.value = operation
    if column:
        tool.column.value = column
    if y:
        tool.y.value = y


@pytest.mark.parametrize("qid", [q for q in sorted(ROUTES) if q != "q2.3"])
def test_the_table_tool_reaches_the_right_answer(live, qid):
    filters, operation, column, y, typed = ROUTES[qid]
    tool = explore(qid)
    _choose(tool, filters, operation, column, y)
    if typed:
        tool.answer.value = typed(tool.current())
    fb = tool.check()
    assert fb.status == CORRECT, (qid, str(fb))
    assert "Correct" in tool.feedback.value


def test_the_table_tool_for_a_ratio(live):
    tool = explore("q2.3")
    tops = {}
    for year in ("2006", "2020"):
        _choose(tool, [("measure_id", ["detentions_total"]), ("year", [year])], "largest", datatool.ALL_NUMBERS, None)
        tops[year] = tool.current()
    tool.answer.value = str(round(tops["2020"] / tops["2006"]))
    assert tool.check().status == CORRECT


def test_wrong_choices_get_the_same_kind_feedback_as_code(live):
    tool = explore("q2.2")
    _choose(tool, [("year", ["2020"])], "count", None, None)  # counts rows, not measures
    tool.answer.value = str(tool.current())
    fb = tool.check()
    assert fb.status != CORRECT and fb.misconception == "This answer counts rows instead of distinct measures."
    tool = explore("q2.1")
    _choose(tool, [("official_claim", ["False"])], "rows", None, None)
    assert tool.check().status != CORRECT


def test_bad_choices_say_what_to_choose():
    frame = datatool.load("protests")
    assert "Choose" in datatool.result(frame, "bar", "year", None)
    assert "Choose" in datatool.result(frame, "nonsense")
    assert datatool.keep_rows(frame, [(datatool.ANY, ["x"]), ("year", [])]).shape == frame.shape
    with pytest.raises(ValueError, match="the table tool knows"):
        datatool.load("secrets")


def test_the_no_code_button_opens_the_tool_under_a_check(live):
    from kit.exercises import check
    from kit.exercises.ui import NoCodeButton
    from kit.widgets.keyboard import KeyboardGuard
    shown = check("q5.6", None)
    button = next(c for c in shown.children if isinstance(c, NoCodeButton))
    assert any(isinstance(c, KeyboardGuard) for c in shown.children), "the keys stay with the widget"
    assert button.button.description == "Answer without code"
    tool = button.show_tool()
    assert tool.question.qid == "q5.6" and button.button.layout.display == "none"  # open at once
    assert evaluate("q5.6", None).status == "not answered yet"


def test_the_ranking_exercise_has_its_route_in_the_decision_matrix():
    """q3.5 without code: the matrix with equal weights ranks the options by their average score."""
    from kit.figures.charts import criteria, rank_options
    equal = rank_options({c["name"]: 3 for c in criteria()})
    expected = questions()["q3.5"].expected_value()
    assert list(equal["score"].round(6)) == list(expected["average"].astype(float).round(6))
    assert set(equal["option_id"]) == set(expected["option_id"])
    ties = equal.groupby("score")["option_id"].apply(set).to_dict()
    for score, ids in expected.groupby("average")["option_id"].apply(set).items():
        assert ties[round(float(score), 9)] == ids


# -- matching and ordering without code (issue 21) -------------------------------------------------
MATCHING = sorted(qid for qid, q in questions().items() if q.kind == "matching")
ORDERING = sorted(qid for qid, q in questions().items() if q.kind == "ordering")


@pytest.mark.parametrize("qid", MATCHING)
def test_matching_typed_as_plain_text(qid):
    """"OMON B, CSTO A" on one line, or "1-B" one a line (the item's number), is read like a dictionary."""
    from kit.exercises.grade import grade
    q = questions()[qid]
    key = q.expected_value()
    assert grade(q, ", ".join(f"{item} {letter}" for item, letter in key.items())).status == CORRECT
    numbered = "\n".join(f"{q.items.index(item) + 1}-{letter}" for item, letter in key.items())
    assert grade(q, numbered).status == CORRECT
    assert grade(q, " ".join(f"{q.items.index(i) + 1}-{letter}" for i, letter in key.items())).status == CORRECT
    first, letter = next(iter(key.items()))
    wrong = next(x for x in q.options if x != letter)
    fb = grade(q, f"{first}: {wrong.lower()}")
    assert fb.status != CORRECT and first.upper() in fb.message.upper()
    unreadable = grade(q, "I do not know")
    assert unreadable.status != CORRECT and not unreadable.readable and "OMON B" in unreadable.message


def test_plain_text_matching_from_the_issue():
    from kit.exercises.grade import grade
    q = questions()["q1.4"]
    half = grade(q, "OMON B, CSTO A")
    assert half.status == "partly" and "UNION STATE" in half.message
    assert grade(q, "1-B 2-A\n3-C\n4-D").status == CORRECT
    assert grade(q, "1-B 2-A 3-D 4-C").status != CORRECT


@pytest.mark.parametrize("qid", MATCHING)
def test_matching_without_code_by_menus(live, qid):
    from kit.exercises import check
    from kit.exercises.nocode import MatchPicker
    shown = check(qid, None)
    picker = next(c for c in shown.children if isinstance(c, MatchPicker))
    assert list(picker.menus) == questions()[qid].items
    assert all(menu.description == item for item, menu in picker.menus.items()), "each menu is labelled"
    assert picker.check().status == "not answered yet"
    for item, letter in questions()[qid].expected_value().items():
        picker.menus[item].value = letter
    assert f"{item}: {letter} chosen." in picker.status.value and "aria-live" in picker.status.value
    # a discussion item or a prediction (not graded) is recorded for the class, not marked
    q = questions()[qid]
    assert picker.check().status == (CORRECT if getattr(q, "graded", True) and not q.discussion else "saved")


@pytest.mark.parametrize("qid", ORDERING)
def test_ordering_without_code_by_moving_items(live, qid):
    from kit.exercises import check
    from kit.exercises.nocode import OrderPicker
    shown = check(qid, None)
    picker = next(c for c in shown.children if isinstance(c, OrderPicker))
    picker.move(-1)
    assert "First choose" in picker.status.value
    for place, letter in enumerate(questions()[qid].expected_value()):
        picker.list.value = letter
        while picker.order.index(letter) > place:
            picker.move(-1)
        assert picker.list.value == letter, "the moved item stays chosen"
    assert "aria-live" in picker.status.value
    assert [value for _, value in picker.list.options] == picker.order
    assert picker.check().status == CORRECT
    picker.list.value = picker.order[0]
    picker.move(+1)
    assert picker.check().status != CORRECT


def test_a_right_typed_answer_needs_no_picker(live):
    from kit.exercises import check
    from kit.exercises.nocode import OrderPicker
    shown = check("q2.6", ["C", "B", "E", "A", "D"])
    assert not any(isinstance(c, OrderPicker) for c in shown.children)


# -- the way without code, said in the exercise's own text (issue 24) ------------------------------
NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NO_CODE_SENTENCE = re.compile(r"No code\? ([^.?!]*[.?!])")
# Exercises whose text does not say it yet, and why: the list must stay true (a listed one that says it fails).
NOT_SAID_YET: dict[str, str] = {}


def _exercise_text(qid: str) -> str:
    """The Markdown the student reads above the exercise's cell (its heading, question and instructions)."""
    import nbformat
    lesson = questions()[qid].lesson
    path = next(NOTEBOOK_DIR.glob(f"0{lesson}_*.ipynb"))
    cells = [c for c in nbformat.read(path, as_version=4).cells
             if c.cell_type == "markdown" and c.metadata.get("kit", {}).get("qid") == qid]
    assert cells, f"{qid}: no exercise cell in {path.name}"
    return "\n".join(c.source for c in cells)


@pytest.mark.parametrize("qid", ALL_DATA_EXERCISES)
def test_every_data_exercise_says_how_to_answer_without_code(qid):
    """One plain sentence in the exercise's text, "No code? ...", with no code in it."""
    said = NO_CODE_SENTENCE.search(_exercise_text(qid))
    if qid in NOT_SAID_YET:
        assert not said, f"{qid} says it now: remove it from NOT_SAID_YET"
        return
    assert said, f"{qid}: the exercise's text does not say how to answer without code ('No code? ...')"
    sentence = said.group(1)
    assert "`" not in sentence and "(" not in sentence and "=" not in sentence, sentence
    assert len(sentence.split()) <= 30, sentence
    q = questions()[qid]
    if q.no_code:  # the sentence names the tool the exercise has
        assert "table tool" in sentence, sentence


@pytest.mark.parametrize("qid", DATA_EXERCISES)
def test_the_hints_name_the_table_tool_before_any_code(qid):
    """1.5's first hint gave only code; a student without code meets the tool's steps by the first hint
    that gives code, in the words before the code."""
    hints = questions()[qid].hints
    upto = next((i for i, h in enumerate(hints) if "With code:" in h), len(hints) - 1)
    said = [h.partition("With code:")[0] for h in hints[:upto + 1]]
    assert any("table tool" in h for h in said), (qid, said)


def test_the_table_tool_finds_a_word_in_the_column(live):
    """1.5 without code: the rows of the words table are the paragraphs that mention a word, as
    article.find lists them, and 'find the smallest number' gives the first mention."""
    from kit.data_package.article import load_article
    frame = datatool.load("words")
    csto = datatool.keep_rows(frame, [("word", ["CSTO"])])
    assert list(csto["paragraph"]) == list(load_article().find("CSTO")["paragraph"])
    assert datatool.result(csto, "smallest", "paragraph") == 12.0
    assert "Choose a column with numbers" in datatool.result(csto, "smallest", "word")
    assert datatool.values_of(frame, "word")[:3] and "Donbas" in datatool.values_of(frame, "word")


def test_the_ratio_tool_takes_the_reason_and_shows_the_periods(live):
    """2.3 asks which pair was used and why: the tool has a box for the reason, saves it with the answer,
    and its table shows who counted, the date and the words that give each count's period."""
    from kit.exercises import responses
    tool = explore("q2.3")
    assert tool.reason is not None and tool.reason.description == "Your reason"
    for needed in ("claimed_by", "date", "text", "low", "value", "high"):
        assert needed in tool.show, needed
    assert "dimension" not in tool.show and "official_claim" not in tool.show, "only what the reasoning needs"
    _choose(tool, [("measure_id", ["detentions_total"])], "rows", None, None)
    shown = tool.shown_table()
    periods = " ".join(shown["text"])
    assert "late April 2006" in periods and "9-12 August" in periods, "each count's period"
    assert "NaT" not in shown.to_string() and "<NA>" not in shown.to_string()
    assert "13 Aug 2020" in " ".join(shown["date"])
    tool.answer.value = "7"
    fb = tool.check()
    assert fb.status == CORRECT and "Your reason" in fb.message, "an empty reason is asked for"
    tool.reason.value = "The only 2020 count by 20 August; it covers four days, the 2006 one about six weeks."
    fb = tool.check()
    assert fb.status == CORRECT and "reason is saved" in fb.message
    entry = responses.load_lesson(2)["answers"]["q2.3"]
    assert entry["reason"] == tool.reason.value and entry["answer"] == 7
    assert explore("q2.2").reason is None, "no reason box where the question asks for none"


def test_the_reason_reaches_the_teacher_and_the_feedback_page(live, tmp_path):
    """2.3's reason is saved beside the answer in the student's file; collect carries it into the gradebook
    and the student's feedback page shows it, escaped."""
    import json

    from kit.classroom import collect, export_grades, gradebook
    from kit.exercises.classfolder import student_id
    folder = tmp_path / "class"
    (folder / "submissions").mkdir(parents=True)
    reason = "The only 2020 count by 20 August <b>four days</b>; the 2006 one covers about six weeks."
    sid = student_id("Ana Silva")
    answers = {"q2.3": {"answer": 7, "attempts": 1, "hints": 0, "reason": reason,
                        "history": [{"answer": 7, "at": "2026-12-01T09:00:00+00:00"}]},
               "q2.2": {"answer": 54, "attempts": 1, "hints": 0,
                        "history": [{"answer": 54, "at": "2026-12-01T09:00:00+00:00"}]}}
    sub = {"format": "kit-submission", "version": 2, "student": {"name": "Ana Silva", "id": sid},
           "hub_user": None, "os_user": None, "created": "2026-12-01T09:30:00+00:00", "answers": answers}
    (folder / "submissions" / f"{sid}.json").write_text(json.dumps(sub), encoding="utf-8")
    collect(folder)
    _, rows = gradebook.rows(folder)
    by_q = {a["qid"]: a for a in rows}
    assert by_q["q2.3"]["reason"] == reason and by_q["q2.2"]["reason"] == ""
    export_grades(folder)
    page = (folder / "feedback" / f"{sid}.html").read_text(encoding="utf-8")
    assert "Your reason:</b> The only 2020 count by 20 August &lt;b&gt;four days&lt;/b&gt;" in page
    assert page.count("Your reason:") == 1
