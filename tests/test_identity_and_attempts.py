"""Students' names in any script (contract.md), every attempt recorded, best attempt by default, and
exercises in the order of their numbers."""
import json
import re
import unicodedata

import nbformat
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from kit.exercises import evaluate, export, questions, sign_in
from kit.exercises.identity import display_name, student_id

pytestmark = pytest.mark.usefixtures("private_responses")  # conftest: answers saved in tmp_path


ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{6}$")


def test_ids_are_readable_and_transliterated():
    assert student_id("Аня Петрова").startswith("anya-petrova-")
    assert student_id("王小明").startswith("wang") and ID.match(student_id("王小明"))
    assert student_id("Zoë O'Brien").startswith("zoe-o-brien-")
    assert student_id("").startswith("student-") and student_id("!!!").startswith("student-")
    assert len(student_id("x" * 300)) <= 40 + 7


def test_names_that_used_to_share_a_folder_now_do_not():
    names = ["Аня Петрова", "Иван Петров", "王小明", "李华", "محمد", "Анна", "Anna", "anna ", "Ana\u200b"]
    ids = {student_id(n) for n in names}
    assert student_id("Anna") == student_id("anna ")  # the same name, typed again, is the same student
    assert len(ids) == len(names) - 1


def test_the_same_name_in_two_normal_forms_is_one_student():
    assert student_id(unicodedata.normalize("NFD", "Zoë")) == student_id(unicodedata.normalize("NFC", "Zoë"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_every_name_gives_a_safe_stable_id(name):
    sid = student_id(name)
    assert ID.match(sid) and sid.isascii() and len(sid) <= 47
    assert sid == student_id(name)


def test_display_name_removes_hidden_characters_and_says_so():
    assert display_name("Аня Петрова") == ("Аня Петрова", False)
    assert display_name("Ana\u202eevil") == ("Anaevil", True)   # a right-to-left override
    assert display_name("A\u200bna\n") == ("Ana", True)
    assert display_name("محمد") == ("محمد", False)


def test_two_students_with_cyrillic_names_keep_their_own_work(tmp_path):
    from kit.exercises import responses
    sign_in("Аня Петрова")
    evaluate("q1.1", "B")
    sign_in("Иван Петров")
    evaluate("q1.1", "A")
    folders = sorted(p.name for p in (tmp_path / "responses").iterdir() if p.is_dir())
    assert len(folders) == 2 and all(f.endswith(tuple("0123456789abcdef")) for f in folders)
    ivan = responses.load_lesson(1)["answers"]["q1.1"]
    anya = responses.load_lesson(1, "Аня Петрова")["answers"]["q1.1"]
    assert (ivan["status"], anya["status"]) == ("not yet", "correct")


def test_every_attempt_is_recorded_and_the_first_is_kept(tmp_path):
    from kit.exercises import responses
    sign_in("Аня Петрова")
    for answer in ("A", "C", "B"):
        evaluate("q1.1", answer)
    entry = responses.load_lesson(1)["answers"]["q1.1"]
    assert entry["attempts"] == 3 and [h["answer"] for h in entry["history"]] == ["A", "C", "B"]
    assert entry["first"]["status"] == "not yet" and "reads an opinion" in entry["first"]["misconception"]
    assert entry["status"] == "correct" and all(h["at"] for h in entry["history"])
    export()
    sub = json.loads(next((tmp_path / "submissions").glob("submission_*.json")).read_text())
    assert sub["format"] == "kit-submission" and sub["version"] == 2
    assert sub["student"] == {"name": "Аня Петрова", "id": student_id("Аня Петрова")}
    assert set(sub) >= {"hub_user", "os_user", "created", "answers"}
    assert sub["answers"]["q1.1"]["first"]["status"] == "not yet" and len(sub["answers"]["q1.1"]["history"]) == 3


def test_work_saved_by_an_older_kit_carries_over(tmp_path):
    from kit.exercises import responses
    sign_in("Ana")
    old = tmp_path / "responses" / "Ana" / "lesson1.json"
    old.parent.mkdir(parents=True)
    old.write_text(json.dumps({"format": "kit-responses", "version": 1, "answers": {
        "q1.1": {"attempts": 1, "hints": 0, "status": "not yet", "score": 0, "misconception": "m", "answer": "A"}}}))
    evaluate("q1.1", "B")
    entry = responses.load_lesson(1)["answers"]["q1.1"]
    assert entry["attempts"] == 2 and entry["first"]["status"] == "not yet" and entry["status"] == "correct"


def _submission(folder, name, entries, version=2):
    student = {"name": name, "id": student_id(name)} if version == 2 else name
    (folder / f"{student_id(name)}.json").write_text(json.dumps(
        {"format": "kit-submission", "version": version, "student": student, "created": "2026-01-01T00:00:00",
         "answers": entries}), encoding="utf-8")


def test_report_uses_the_best_attempt_unless_the_teacher_asks_for_the_first(tmp_path):
    from kit.classroom.report import per_misconception, per_question, read_folder
    # the collection recomputes marks from the stored answers, so the entries carry them
    wrong = {"status": "not yet", "score": 0, "misconception": "reads an opinion column as news reporting"}
    right = {"status": "correct", "score": 1, "misconception": ""}
    _submission(tmp_path, "Аня Петрова", {"q1.1": {**right, "answer": "B", "attempts": 2, "hints": 0,
                                                    "first": wrong,
                                                    "history": [{**wrong, "at": "t1", "answer": "A"},
                                                                {**right, "at": "t2", "answer": "B"}]}})
    _submission(tmp_path, "Old kit", {"q1.1": {**right, "answer": "B", "attempts": 1, "hints": 0}}, version=1)
    subs, messages = read_folder(tmp_path)
    assert len(subs) == 2 and not messages
    row = lambda rows: next(r for r in rows if r["question"] == "q1.1")  # noqa: E731
    # the best attempt counts by default now (issue 18); the teacher can ask for the first
    assert row(per_question(subs, attempt="first"))["correct"] == 1
    assert row(per_question(subs, attempt="first"))["not_yet"] == 1
    assert row(per_question(subs))["correct"] == 2
    assert row(per_question(subs, attempt="best"))["correct"] == 2
    assert row(per_question(subs, attempt="last"))["correct"] == 2
    news = next(r for r in per_misconception(subs) if r["wrong_answer"] == "A" and r["question"] == "q1.1")
    assert news["on_first_attempt"] == 1 and news["on_any_attempt"] == 1  # a wrong first try still counts
    with pytest.raises(ValueError, match="attempt must be one of"):
        per_question(subs, attempt="worst")
    from kit.classroom.report import write_report
    result = write_report(tmp_path, tmp_path / "out", attempt="best")
    assert result["read"] == 2 and "<b>best</b> attempt" in (tmp_path / "out" / "report.html").read_text()


# -- exercise order ----------------------------------------------------------------------------------
NOTEBOOKS = sorted(ROOT.glob("notebooks/0[1-9]_*.ipynb"))


def _number(qid):
    lesson, n = qid[1:].split(".")
    return int(lesson), int(n)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_exercises_appear_in_the_order_of_their_numbers(path):
    cells = nbformat.read(path, as_version=4).cells
    order = []
    for cell in cells:
        qid = cell.metadata.get("kit", {}).get("qid")
        if qid and (not order or order[-1] != qid):
            order.append(qid)
    assert order == sorted(order, key=_number), order
    lesson = int(path.name[:2])
    assert all(_number(q)[0] == lesson for q in order)
    for cell in cells:  # each exercise heading names its own number
        qid = cell.metadata.get("kit", {}).get("qid")
        heading = re.match(r"### Exercise (\d+\.\d+)", cell.source)
        if heading:
            assert qid == f"q{heading.group(1)}", (qid, cell.source[:40])
    for i, cell in enumerate(cells):  # "Your turn a to b" names the exercises up to the next section
        turn = re.match(r"#+ Your turn (\d+\.\d+) to (\d+\.\d+)", cell.source)
        if not turn:
            continue
        following = []
        for later in cells[i + 1:]:
            if later.cell_type == "markdown" and re.match(r"## |#+ Your turn", later.source):
                break
            qid = later.metadata.get("kit", {}).get("qid")
            if qid and qid not in following:
                following.append(qid)
        assert following and following[0] == f"q{turn.group(1)}" and following[-1] == f"q{turn.group(2)}", \
            (turn.group(0), following)


def test_every_exercise_is_in_a_notebook_once():
    seen = []
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            qid = cell.metadata.get("kit", {}).get("qid")
            if qid and cell.cell_type == "markdown":
                seen.append(qid)
    mine = {q for q in questions() if q[1] in "125"}
    assert mine <= set(seen) and all(seen.count(q) == 1 for q in mine)


def test_the_history_stays_small(tmp_path):
    import pandas as pd

    from kit.exercises import responses
    for i in range(responses.MAX_HISTORY + 15):
        evaluate("q2.1", pd.DataFrame({"row_id": [f"x{i}"], "text": ["long " * 50]}))
        evaluate("q2.7", f"attempt {i} " + "word " * 400)
    answers = responses.load_lesson(2)["answers"]
    for qid in ("q2.1", "q2.7"):
        history = answers[qid]["history"]
        assert len(history) == responses.MAX_HISTORY and answers[qid]["attempts"] == responses.MAX_HISTORY + 15
    texts = [h["answer"] for h in answers["q2.7"]["history"]]
    assert texts[0].startswith("attempt 0 ") and texts[1].startswith("attempt 16 ")  # first kept, middle ones go
    assert "head" not in answers["q2.1"]["history"][-1]["answer"]["table"]
    assert len(answers["q2.7"]["history"][-1]["answer"]) <= responses.HISTORY_TEXT_CHARS + 1
    assert answers["q2.7"]["answer"].startswith(f"attempt {responses.MAX_HISTORY + 14} ")  # the latest, in full
    assert len(answers["q2.7"]["answer"]) > responses.HISTORY_TEXT_CHARS


def test_the_last_hint_is_labelled_once():
    from kit.exercises import hint
    for _ in range(3):
        text = hint("q2.3")
    assert text.startswith("Worked example (a similar task") and text.count("Worked example") == 1
