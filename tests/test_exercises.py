"""Exercises: intended feedback for wrong answers, never a traceback, saving, the student build."""
import json
import math
import os
import subprocess
import sys

import nbformat
import pandas as pd
import plotly.express as px
import pytest
from conftest import ROOT, run_notebook
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit
from kit.exercises import evaluate, hint, questions
from kit.exercises.model import CORRECT, NOT_ANSWERED, NOT_YET, PARTLY, SAVED, Feedback

STATUSES = {CORRECT, PARTLY, NOT_YET, NOT_ANSWERED, SAVED}


pytestmark = pytest.mark.usefixtures("private_responses")  # conftest: answers saved in tmp_path


P = kit.protests()
_DET = P[P["measure_id"] == "detentions_total"]   # lesson 2's counts, as of 20 August 2020
O = kit.options()
C = kit.claims()
# For every question: wrong or odd answers, the status each must get, and words the feedback must use
# (a misconception's name for multiple choice).
WRONG = {
    "q1.1": [("A", NOT_YET, "reads an opinion column as news reporting"), ("c", NOT_YET, "confuses the newspaper"),
             ("E", NOT_YET, "Choose one of the letters"), (2, NOT_YET, "needs one letter"),
             ("b) an opinion column", CORRECT, "")],
    "q1.2": [("A", NOT_YET, "takes a likely fact for a verified one"), ("D", NOT_YET, "author does not matter")],
    "q1.3": [("Readers.", SAVED, "It is short"), (42, NOT_YET, "needs some sentences"),
             ("word " * 25, SAVED, "Your teacher will read")],
    "q1.5": [(17, NOT_YET, "not the first time"), ("12", CORRECT, "typed it as text"), (30, NOT_YET, "too high"),
             ("twelve", NOT_YET, "needs a number")],
    "q1.4": [({"OMON": "A", "CSTO": "B", "Union State": "C", "frenemy": "D"}, PARTLY, "2 of 4 matched"),
             ({"OMON": "B"}, PARTLY, "Not matched yet"), ({"KGB": "A"}, NOT_YET, "not one of the items"),
             (["B", "A"], NOT_YET, "needs a dictionary")],
    "q1.10": [(["B", "E", "D", "C", "A"], PARTLY, "in the right place"), (["C", "A", "D", "E", "B"], NOT_YET, "out of order"),
             ("BEDA", NOT_YET, "exactly once"), ("B E D A C", CORRECT, "")],
    "q2.1": [(P, NOT_YET, "rows"), (P[P["official_claim"]].assign(value=0.0), PARTLY, "values in the column value"), ("protests", NOT_YET, "pandas table")],
    "q2.2": [(int((P["year"] == 2020).sum()), NOT_YET, "number of rows"), (P["measure_id"].nunique(), NOT_YET, "Keep only the 2020 rows"),
             (P[P["year"] == 2020]["measure_id"].nunique() + 1, NOT_YET, "too high")],
    "q2.3": [(round(_DET[_DET.year == 2006][["value", "low", "high"]].max().max()
                    / _DET[_DET.year == 2020][["value", "low", "high"]].max().max(), 2), NOT_YET, "divided the 2006 count"),
             (670, NOT_YET, "too high")],
    "q2.4": [(px.line(P[P["measure_id"] == "incumbent_share_official"], x="year", y="value"), PARTLY, "as a line chart"),
             (px.bar(P[P["measure_id"] == "incumbent_share_official"], x="value", y="year"), PARTLY, "axes are swapped"),
             (px.bar(P.head(3), x="year", y="value"), PARTLY, "not the data"), ("bar", NOT_YET, "plotly figure")],
    "q2.5": [("B", NOT_YET, "colour revolutions came before 2006"), ("C", NOT_YET, "ruled since 1994")],
    "q2.6": [(["B", "C", "E", "A", "D"], PARTLY, "right place"), (["A", "B"], NOT_YET, "exactly once")],
    "q2.7": [("Yes.", SAVED, "short"), ("", NOT_ANSWERED, "Not answered yet")],
    "q3.1": [("A", NOT_YET, "conditional pledge for a decision"), ("D", NOT_YET, "ignores the CSTO pledge")],
    "q3.5": [(O, NOT_YET, "no column called average"),
             (O.assign(average=O[["feasibility", "de_escalation", "protester_safety", "belarusian_choice"]].mean(axis=1))
              [["option_id", "label", "average"]], PARTLY, "sort"),
             (O.assign(average=O[["feasibility", "de_escalation", "protester_safety", "belarusian_choice",
                                  "actor_interest"]].mean(axis=1))[["option_id", "label", "average"]], NOT_YET,
              "not actor_interest"),
             (O.assign(average=1.0)[["option_id", "average"]], NOT_YET, "averages are not right")],
    "q3.6": [(12, NOT_YET, "too high"), (True, NOT_YET, "needs a number")],
    "q3.7": [({"russia": "A", "eu": "C", "osce": "B", "lukashenko": "D"}, PARTLY, "2 of 4")],
    "q3.2": [("o04: feasibility 3.", SAVED, "short")],
    "q3.3": [("A", NOT_YET, "model's output as a fact"), ("C", NOT_YET, "recommendation with what happened")],
    "q3.4": [("B", NOT_YET, "o04 scores 5 on de-escalation"), ("D", NOT_YET, "0 times")],
    "q4.1": [("B", NOT_YET, "interpretation as the actor's own words"), ("D", NOT_YET, "dated and sourced")],
    "q4.3": [("We are the Kremlin.", SAVED, "short")],
    "q4.2": [("A", NOT_YET, "hindsight"), ("C", NOT_YET, "shortly")],
    "q4.4": [({"lukashenko": "B", "russia": "A", "eu": "C", "tsikhanouskaya": "D"}, PARTLY, "2 of 4")],
    "q4.5": [("We recommend sanctions.", SAVED, "short")],
    "q4.6": [("A", NOT_YET, "outcome bias"), ("C", NOT_YET, "never tried")],
    "q5.2": [({"L2": "B", "L4": "A", "L6": "C", "L7": "D"}, PARTLY, "Look again at: L2, L4")],
    "q5.5": [("A", NOT_YET, "trusts the column's dates"), ("D", NOT_YET, "gives up on a fact that can be checked")],
    "q5.6": [(len(C), NOT_YET, "too high"), ("11.0", CORRECT, "")],
    "q5.7": [(C[C["verdict"] == "inaccurate"], NOT_YET, "rows"), (C["verdict"], NOT_YET, "rows")],
    "q5.1": [("A", NOT_YET, "date in a web address for the publication date")],
    "q5.11": [("I checked it.", SAVED, "short")],
    "q5.12": [("d1 and d2 say it.", SAVED, "short")],
    "q1.6": [("A", NOT_YET, "author's word for the source's word"), ("C", NOT_YET, "loaded word as a report")],
    "q1.7": [({"frenemy": "C", "understandably": "B", "paranoid": "A", "demonstrative terror": "D"}, PARTLY,
               "2 of 4 matched"), ({"caved": "A"}, NOT_YET, "not one of the items")],
    "q1.9": [("d1: Kremlin.", SAVED, "short")],
    "q1.8": [("The protesters.", SAVED, "short"), ("word " * 30, SAVED, "Your teacher will read")],
    "q5.3": [({"c03": "A", "c09": "C", "c10": "A", "c21": "A", "c41": "B", "c49": "C"}, PARTLY, "5 of 6 matched"),
             ({"c99": "A"}, NOT_YET, "not one of the items")],
    "q5.4": [({"c03": "C"}, PARTLY, "Not matched yet: C09"), ("supported", NOT_YET, "needs a dictionary")],
    "q5.9": [("d1 and d2 agree.", SAVED, "short")],
    "q5.8": [("A", NOT_YET, "assumes the other says the same"), ("D", NOT_YET, "Lukashenko's claims")],
    "q5.10": [("C", NOT_YET, "later fact"), ("B", NOT_YET, "by its name alone")],
    "q6.1": [("B", NOT_YET, "barred would-be candidate"), ("D", NOT_YET, "campaign leader")],
    "q6.2": [({"tsikhanouski": "B", "babariko": "A", "tsepkalo": "C", "tsikhanouskaya": "D"}, PARTLY, "2 of 4")],
    "q6.3": [(10.12, NOT_YET, "challenger's row"), (56, NOT_YET, "independent estimate"), ("80.23", CORRECT, "")],
    "q6.4": [("B", NOT_YET, "congratulations"), ("D", NOT_YET, "Moscow's support")],
    "q6.5": [("C", NOT_YET, "official explanation for a fact"), ("D", NOT_YET, "exaggerates")],
    "q6.6": [("B", NOT_YET, "misses the strikes")],
    "q6.7": [(33000, NOT_YET, "year's total"), (6200, PARTLY, "close"), (60, NOT_YET, "too low")],
    "q6.8": [({"tsikhanouskaya": "B", "tsepkalo": "A", "kalesnikava": "C", "babariko": "D"}, PARTLY, "2 of 4")],
    "q6.9": [("B", NOT_YET, "intervention that did not happen"), ("D", NOT_YET, "column's proposal")],
    "q6.10": [("CBDAE", PARTLY, "3 of 5"), (["E", "A", "D", "C", "B"], NOT_YET, "out of order")],
    "q6.11": [("The column was wrong.", SAVED, "short")],
}


def test_every_question_has_wrong_answers_to_test():
    assert set(WRONG) == set(questions())


@pytest.mark.parametrize("qid", sorted(WRONG))
def test_wrong_answers_get_the_intended_feedback(qid):
    for answer, status, words in WRONG[qid]:
        fb = evaluate(qid, answer)
        # a prediction (q5.4) keeps the checker's comparison in its message but is recorded, not marked
        assert fb.status == (status if questions()[qid].graded or not fb.readable else "saved"), (qid, str(fb))
        assert words in str(fb), (qid, words, str(fb))


def test_feedback_never_gives_the_answer_away():
    for q in questions().values():
        if q.kind == "choice":
            right = q.options[q.expected_value()]
            for letter in q.options:
                if letter != q.expected_value() and letter not in q.accepted():
                    assert right not in str(evaluate(q.qid, letter)), q.qid


@pytest.mark.parametrize("empty", [..., None, "", "   ", [], {}])
def test_unanswered_reads_not_answered_yet(empty):
    for qid in questions():
        assert evaluate(qid, empty).status == NOT_ANSWERED


def test_unknown_question_and_missing_variable():
    fb = kit.exercises.check("q9.9")
    assert isinstance(fb, Feedback) and "no exercise called" in fb.message
    assert "Did you mean \"q1." in str(kit.exercises.check("q1.x"))
    fb = evaluate("q2.2")  # no variable measures_2020 defined anywhere
    assert fb.status == NOT_ANSWERED and "measures_2020" in fb.message


def test_check_reads_the_variable_the_cell_names():
    namespace = {"first_csto": 12}
    exec("from kit.exercises import evaluate\nresult = evaluate('q1.5')", namespace)
    assert namespace["result"].status == CORRECT


def test_every_exercise_names_a_skill_and_the_unit_mixes_kinds():
    qs = list(questions().values())
    assert {q.kind for q in qs} == {"number", "frame", "choice", "matching", "ordering", "figure", "text"}
    for lesson in (1, 2, 3, 4, 5):
        assert sum(q.lesson == lesson for q in qs) >= 6
    code = [q for q in qs if q.kind in ("frame", "figure") or (q.kind == "number" and q.lesson > 1)]
    assert len(code) >= 3


ANY = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=50) | st.binary(max_size=20) | st.just(...) | st.just(math.nan),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=5), children, max_size=5)
    | st.tuples(children, children), max_leaves=10)
EXTRA = st.sampled_from([pd.DataFrame(), pd.DataFrame({"a": [1]}), pd.Series([1, 2]), pd.Series([], dtype=float),
                         px.bar(), px.scatter(x=[1], y=[2]), object(), print, type, Exception("x")])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(qid=st.sampled_from(sorted(WRONG) + ["q0", "", "Q1.1", "x" * 200]), value=ANY | EXTRA)
def test_no_input_makes_check_raise(qid, value):
    fb = evaluate(qid, value)
    assert isinstance(fb, Feedback) and fb.status in STATUSES
    assert "Traceback" not in str(fb)
    fb._repr_html_()


def test_answers_and_hints_are_saved_and_never_lost(tmp_path):
    from kit.exercises import responses
    evaluate("q1.5", 17)
    evaluate("q1.1", "B")
    assert hint("q1.5").startswith("Hint 1")
    assert hint("q1.5").startswith("Hint 2")
    assert hint("q1.5").startswith("Worked example")
    assert hint("q1.5").startswith("Worked example")  # stays at the last one
    data = responses.load(responses.lesson_file(1))
    assert data["answers"]["q1.5"]["hints"] == 3 and data["answers"]["q1.5"]["answer"] == 17
    assert data["answers"]["q1.1"]["status"] == CORRECT


def test_a_crash_mid_save_keeps_the_earlier_answers(monkeypatch):
    from kit.exercises import responses
    evaluate("q1.1", "B")
    path = responses.lesson_file(1)
    before = path.read_text()

    def crash(*args):
        raise OSError("disk full")
    monkeypatch.setattr(os, "replace", crash)
    fb = evaluate("q1.2", "B")
    assert "could not be saved" in fb.message  # said plainly, not raised
    monkeypatch.undo()
    assert path.read_text() == before
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_an_unreadable_file_is_set_aside_not_overwritten():
    from kit.exercises import responses
    path = responses.lesson_file(1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{ broken")
    evaluate("q1.1", "B")
    kept = [p for p in path.parent.iterdir() if ".unreadable-" in p.name]
    assert kept and kept[0].read_text() == "{ broken"
    assert json.loads(path.read_text())["answers"]["q1.1"]["status"] == CORRECT


def test_export_writes_one_submission(tmp_path):
    from kit.exercises import export, sign_in
    sign_in("Ana <b>")
    evaluate("q1.1", "A")
    evaluate("q2.2", 60)
    message = export()
    path = next((tmp_path / "submissions").glob("submission_*.json"))
    assert str(path) in message
    sub = json.loads(path.read_text())
    assert sub["student"]["name"] == "Ana <b>" and sub["student"]["id"].startswith("ana-b-")
    assert sub["version"] == 2 and set(sub["answers"]) == {"q1.1", "q2.2"}
    assert sub["answers"]["q1.1"]["misconception"] == "This answer reads an opinion column as news reporting."


# -- the student version ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from kit.classroom.build import build
    out = tmp_path_factory.mktemp("build")
    build(ROOT / "notebooks", out / "student", out / "key")
    return out


def _solutions():
    from kit.classroom.build import solutions_in
    found = []
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            found += [s for s in solutions_in(cell.source) if len(s) > 12]
    return found


def test_student_version_hides_solutions_and_instructor_cells(built):
    solutions = _solutions()
    assert solutions
    student = sorted((built / "student").glob("*.ipynb"))
    for_students = [p.name for p in sorted((ROOT / "notebooks").glob("*.ipynb"))
                    if nbformat.read(p, as_version=4).metadata.get("kit", {}).get("audience") != "teachers"]
    assert [p.name for p in student] == for_students
    for path in student:
        text = path.read_text()
        for s in solutions:
            assert s not in text, (path.name, s[:60])
        nb = nbformat.read(path, as_version=4)
        assert not any("instructor" in c.metadata.get("tags", []) for c in nb.cells)
        assert "*Your answer here*" in text or path.name.startswith(("03", "primer"))
    qids = {c.metadata.get("kit", {}).get("qid") for p in student for c in nbformat.read(p, as_version=4).cells}
    assert set(questions()) <= qids


def test_key_has_every_answer_and_rubric(built):
    key = (built / "key" / "answer_key.md").read_text()
    for qid, q in questions().items():
        assert f"### {qid} " in key
        if q.kind == "text":
            assert "Single-point rubric" in key and q.examples[0][:40] in key


def test_key_describes_the_policy_lessons_change_and_scores_the_memo_example(built):
    key = (built / "key" / "answer_key.md").read_text()
    lesson3 = key[key.index("## Lesson 3"):key.index("## Lesson 4")]
    lesson4 = key[key.index("## Lesson 4"):key.index("## Lesson 5")]
    assert "value judgements as of 20 August 2020, for debate" in lesson3 and "never first on its own" in lesson3
    assert "What happened stays hidden" in lesson4
    memo = lesson4[lesson4.index("### q4.5"):lesson4.index("### q4.6")]
    assert "Single-point rubric" in memo and "[Scored with the rubric:" in memo
    assert "uses nothing from after 20 August 2020" in memo


def test_student_version_of_lesson_4_hides_what_happened(built):
    import kit
    nb = nbformat.read(built / "student" / "04_role_play.ipynb", as_version=4)
    text = " ".join(c.source for c in nb.cells)
    assert "what_happened()" in text and "what_happened_table" not in text
    for outcome in kit.options()["what_happened"]:
        assert outcome[:40] not in text


def test_build_is_deterministic(built, tmp_path):
    from kit.classroom.build import build
    build(ROOT / "notebooks", tmp_path / "student", tmp_path / "key")
    for folder in ("student", "key"):
        for path in (built / folder).iterdir():
            assert path.read_bytes() == (tmp_path / folder / path.name).read_bytes(), path.name


def _run(path, env):
    return run_notebook(path, env)


def _check_outputs(nb):
    for cell in nb.cells:
        qid = cell.metadata.get("kit", {}).get("qid")
        if cell.cell_type == "code" and qid:
            text = " ".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs if "data" in o)
            yield qid, text


@pytest.mark.parametrize("name", ["01_reading_the_column", "02_2006_vs_2020", "03_policy_options",
                                  "04_role_play", "05_sources_and_hindsight", "06_knowledge_check_and_essay"])
def test_teacher_notebook_passes_every_check(name, tmp_path):
    nb = _run(ROOT / "notebooks" / f"{name}.ipynb", {"KIT_RESPONSES_DIR": str(tmp_path)})
    results = {qid: text for qid, text in _check_outputs(nb) if "check(" in text or text.startswith(("✔", "✎"))}
    lesson_qids = {q for q in questions() if q.startswith(f"q{int(name[:2])}.")}
    assert set(results) == lesson_qids
    for qid, text in results.items():
        assert ": Correct" in text or ": Saved" in text, (qid, text[:200])


@pytest.mark.parametrize("name", ["01_reading_the_column", "02_2006_vs_2020", "03_policy_options",
                                  "04_role_play", "05_sources_and_hindsight"])
def test_student_notebook_runs_and_every_check_says_not_answered(name, built, tmp_path):
    nb = _run(built / "student" / f"{name}.ipynb", {"KIT_RESPONSES_DIR": str(tmp_path),
                                                   "KIT_SUBMISSIONS_DIR": str(tmp_path)})
    outputs = dict(_check_outputs(nb))
    assert set(outputs) == {q for q in questions() if q.startswith(f"q{int(name[:2])}.")}
    for qid, text in outputs.items():
        assert "not answered yet" in text.lower(), (qid, text[:200])
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not any(o.get("output_type") == "error" for o in cell.outputs)


def test_student_notebooks_pass_nbval(built, tmp_path):
    env = dict(os.environ, KIT_RESPONSES_DIR=str(tmp_path), KIT_SUBMISSIONS_DIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax",
                          "--nbval-current-env", str(built / "student")], capture_output=True, text=True, env=env,
                         cwd=built)
    assert out.returncode == 0, out.stdout[-3000:]
