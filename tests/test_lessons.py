"""The lessons: plans in metadata and header cells, timings, key points, handouts, projector page."""
import os
import signal
import socket
import time
import urllib.request

import nbformat
import pytest
from conftest import ROOT, server_log, start_server

from kit.classroom.handouts import build, external_references
from kit.classroom.lessons import (
    COLUMN_WPM,
    DISCUSSION_MINUTES,
    HEADER_TAG,
    KEY_POINTS_TAG,
    LESSON_MINUTES,
    RATE_SOURCES,
    READING_WPM,
    WRITING_WPM,
    exercise_minutes,
    exercise_numbers,
    header_markdown,
    in_class_minutes,
    key_points_markdown,
    minutes_needed,
    notebook_problems,
    parts,
    periods_of,
    plans,
    problems,
    prompt_cells,
    reading_words,
    schedule,
    timer_cells,
    unit_at_a_glance,
)

LESSONS = sorted((ROOT / "notebooks").glob("0[1-9]_*.ipynb"))
# The lessons this plan owns in full (kinds, start-up, extension); 03 and 04 are re-planned with the role-play.
REPLANNED = (1, 2, 3, 4, 5, 6)


def _plan(path):
    return nbformat.read(path, as_version=4).metadata["kit"]["lesson"]


def test_the_unit_has_its_lessons_a_guide_and_a_primer():
    names = [p.name for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]
    assert names[0] == "00_teacher_guide.ipynb"
    stems = [p.stem.split("_", 1)[1] for p in LESSONS]
    for stem in ["reading_the_column", "2006_vs_2020", "policy_options", "sources_and_hindsight",
                 "knowledge_check_and_essay"]:
        assert stem in stems
    assert "primer_python.ipynb" in names
    numbers = [_plan(p)["number"] for p in LESSONS]
    assert numbers == sorted(numbers) and {1, 2, 3, 5, 6} <= set(numbers) <= set(range(1, 8))


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_plan_header_and_key_points(path):
    nb = nbformat.read(path, as_version=4)
    plan = nb.metadata["kit"]["lesson"]
    assert plan["questions"] and plan["objectives"] and plan["key_points"]
    assert set(plan["routes"]) == {"basic", "advanced"}
    first, last = nb.cells[0], nb.cells[-1]
    assert HEADER_TAG in first.metadata["tags"] and first.source == header_markdown(plan)
    assert KEY_POINTS_TAG in last.metadata["tags"] and last.source == key_points_markdown(plan)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_each_lesson_adds_up_and_its_reading_fits(path):
    """Each period's parts in class add up to its 45 minutes; each reading part's minutes cover its words at
    the stated rates (the column at COLUMN_WPM, anything else at READING_WPM)."""
    plan = _plan(path)
    for period in range(1, periods_of(plan) + 1):
        assert in_class_minutes(plan, period) == plan.get("length", LESSON_MINUTES) == LESSON_MINUTES
    assert problems(plan) == []
    for part in parts(plan):
        if part["words"]:
            rate = COLUMN_WPM if part["column"] else READING_WPM
            assert part["minutes"] * rate >= part["words"], part


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_each_plan_times_its_notebook(path):
    """Every exercise and discussion prompt of the notebook has its minutes in exactly one part; each part
    names its exercises by number; the parts follow the notebook; timers equal the plan; each period of a
    split lesson has its own opening question and wrap-up; writing and reading at the stated rates."""
    nb = nbformat.read(path, as_version=4)
    assert notebook_problems(nb) == []
    plan = nb.metadata["kit"]["lesson"]
    from kit.exercises import questions
    bank = questions()
    for part in parts(plan):
        assert exercise_numbers(part["part"]) == set(part["exercises"]), part["part"]
        for qid in part["exercises"]:
            q = bank[qid]
            if q.kind == "text":  # writing at WRITING_WPM: the words asked need at least that many minutes
                assert part["minutes"] >= exercise_minutes(q) >= q.min_words / WRITING_WPM, qid
    for cid in prompt_cells(nb):
        owner = [p for p in parts(plan) if cid in p["cells"]]
        assert len(owner) == 1 and owner[0]["minutes"] >= DISCUSSION_MINUTES


def test_the_plan_checks_can_fail():
    """Each rule of the notebook check, broken on purpose in a real lesson, is reported."""
    import copy
    nb = nbformat.read(ROOT / "notebooks" / "05_sources_and_hindsight.ipynb", as_version=4)
    assert notebook_problems(nb) == []
    bad = copy.deepcopy(nb)
    t = bad.metadata["kit"]["lesson"]["timings"]
    t[:] = [p for p in t if "q5.1" not in p.get("exercises", [])]      # an exercise without minutes
    found = notebook_problems(bad)
    assert any("exercise 5.1 has no minutes" in f for f in found)
    assert any("add up to" in f for f in found)
    bad = copy.deepcopy(nb)
    t = bad.metadata["kit"]["lesson"]["timings"]
    i = next(i for i, p in enumerate(t) if "q5.5" in p.get("exercises", []))
    j = next(i for i, p in enumerate(t) if "q5.1" in p.get("exercises", []))
    t[i], t[j] = t[j], t[i]                                               # out of the notebook's order
    assert any("comes before" in f for f in notebook_problems(bad))
    bad = copy.deepcopy(nb)
    part = next(p for p in bad.metadata["kit"]["lesson"]["timings"] if p.get("exercises") == ["q5.3", "q5.4"])
    part["part"] = "Claims sorted: exercise 5.3"                          # the title names too few
    part["minutes"] -= 4                                                  # and the minutes are too few
    found = notebook_problems(bad)
    assert any("its title names ['q5.3']" in f for f in found) and any("needs 9 minutes" in f for f in found)
    bad = copy.deepcopy(nb)
    part = next(p for p in bad.metadata["kit"]["lesson"]["timings"] if "4fae8159" in p.get("cells", []))
    part["cells"] = []                                                    # a discussion prompt without minutes
    assert any("is timed 0 times" in f for f in notebook_problems(bad))
    bad = copy.deepcopy(nb)
    bad.cells = [c for c in bad.cells if "period-opening" not in c.metadata.get("tags", [])]
    assert any("no opening question cell" in f for f in notebook_problems(bad))
    four = nbformat.read(ROOT / "notebooks" / "04_role_play.ipynb", as_version=4)
    assert notebook_problems(four) == []
    for cell in four.cells:
        if "round_timer(minutes=8)" in cell.source:
            cell.source = cell.source.replace("minutes=8", "minutes=6")  # the old 6-minute timer against 7
    assert any("the notebook's timer runs 1 x 6" in f for f in notebook_problems(four))


def test_timing_model_rates_are_stated_with_sources():
    assert READING_WPM == 80 and COLUMN_WPM == 40 and 8 <= WRITING_WPM <= 10
    assert all(RATE_SOURCES[k] for k in ("reading", "writing", "measured"))
    assert all(url.startswith("http") for k in ("reading", "writing") for _, url in RATE_SOURCES[k])
    header = header_markdown(_plan(LESSONS[0]))
    assert f"{READING_WPM} words a minute" in header and f"writing {WRITING_WPM} words a minute" in header


def test_the_model_agrees_with_the_measured_b1_student():
    """Issue 24: a B1 student needed 22-25 minutes for exercises 2.1-2.4 and 22-25 for paragraphs 1-17 alone
    with the reader. The model gives the exercises about the measured time; the column's reading in class is
    faster than the student alone (the teacher reads the first paragraphs aloud), but not by more than half."""
    from kit.exercises import questions
    bank = questions()
    data = sum(exercise_minutes(bank[q]) for q in ("q2.1", "q2.2", "q2.3", "q2.4"))
    assert 22 <= data <= 25
    reading = minutes_needed(reading_words({"text": "column", "paragraphs": [1, 17]}), column=True)
    assert 22 / 2 <= reading <= 25
    # lesson 1's exercises with the reading: 62-70 measured; the plan's minutes are stated in the guide
    one = next(p for p in plans(ROOT / "notebooks") if p["number"] == 1)
    ex = {f"q1.{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 10)}
    planned = sum(p["minutes"] for p in parts(one) if set(p["exercises"]) & ex or p["column"])
    assert planned >= 23 * 2
    guide = nbformat.read(ROOT / "notebooks" / "00_teacher_guide.ipynb", as_version=4)
    assert f"the plan now gives them {planned}" in " ".join(c.source for c in guide.cells)


def test_the_unit_at_a_glance_has_nine_periods_of_45_minutes():
    glance = unit_at_a_glance(ROOT / "notebooks")
    assert len(glance) == sum(periods_of(p) for p in plans(ROOT / "notebooks")) == 9
    assert (glance["minutes"] == LESSON_MINUTES).all()
    assert list(glance["period"]) == list(range(1, 10))
    assert glance["homework minutes"].sum() > 0 and glance["homework"].str.contains("min").any()


@pytest.mark.parametrize("path", [p for p in LESSONS if _plan(p)["number"] in REPLANNED], ids=lambda p: p.name)
def test_replanned_lessons_count_start_up_and_offer_an_extension(path):
    plan = _plan(path)
    assert all("kind" in t and "minutes" in t for t in plan["timings"]), "every part has a kind and minutes"
    for period in range(1, periods_of(plan) + 1):
        in_class = [p for p in parts(plan) if p["kind"] != "homework" and p["period"] == period]
        kinds = [p["kind"] for p in in_class]
        assert kinds[0] == "start-up" and 2 <= in_class[0]["minutes"] <= 4
        assert "wrap-up" in kinds and "buffer" in kinds
    assert plan.get("extension"), "a task for fast finishers"


def test_lesson_1_reads_the_column_over_two_periods():
    plan = next(p for p in plans(ROOT / "notebooks") if p["number"] == 1)
    assert periods_of(plan) == 2
    read = {}
    for t in plan["timings"]:
        r = t.get("reads", {})
        if r.get("text") in ("column", "summaries"):
            read.setdefault(r["text"], set()).update(range(r["paragraphs"][0], r["paragraphs"][1] + 1))
    assert read["column"] | read["summaries"] == set(range(1, 36)), "every paragraph, in full or summarised"
    column = next(p for p in parts(plan) if p["column"])
    assert column["period"] == 1 and column["minutes"] >= minutes_needed(column["words"], column=True)
    assert "homework" in plan["note"] or "at home" in plan["note"]


def test_timing_model_catches_plans_that_do_not_add_up():
    plan = {"number": 9, "length": 45, "timings": [
        {"part": "Start-up", "kind": "start-up", "minutes": 3},
        {"part": "Read it all", "kind": "reading", "minutes": 5, "reads": {"text": "column", "paragraphs": [1, 35]}},
        {"part": "Talk", "kind": "chatting", "minutes": 30},
        {"part": "Write: exercise 4.5", "kind": "exercise", "minutes": 6, "exercises": ["q4.5"]}]}
    found = problems(plan)
    assert any("add up to 44 minutes" in f for f in found)
    assert any("1380 words need 35 minutes at 40 words a minute" in f for f in found)
    assert any("unknown kind 'chatting'" in f for f in found)
    assert any("has no wrap-up" in f for f in found) and any("buffer" in f for f in found)
    assert any("needs 15 minutes (exercise 4.5: 14, instructions: 1)" in f for f in found), found
    plan["timings"] = [{"part": "Read", "kind": "reading", "minutes": 45}]
    assert any("must say what it reads" in f for f in problems(plan))
    assert exercise_numbers("Close reading: exercises 1.6 to 1.8") == {"q1.6", "q1.7", "q1.8"}
    assert exercise_numbers("Claims sorted: exercises 5.3 and 5.4") == {"q5.3", "q5.4"}

def test_reading_words_are_counted_from_the_text():
    import csv
    with open(ROOT / "data" / "article" / "paragraphs.csv", encoding="utf-8") as fh:
        words = {int(r["paragraph"]): int(r["words"]) for r in csv.DictReader(fh)}
    assert reading_words({"text": "column", "paragraphs": [1, 17]}) == sum(words[n] for n in range(1, 18))
    assert reading_words({"text": "other", "words": 250}) == 250
    with open(ROOT / "data" / "article" / "summaries.csv", encoding="utf-8") as fh:
        summaries = {int(r["paragraph"]): len(r["summary"].split()) for r in csv.DictReader(fh)}
    assert reading_words({"text": "summaries", "paragraphs": [18, 35]}) == sum(summaries[n] for n in range(18, 36))


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_cells_stay_short(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert len(cell.source.splitlines()) <= 12, cell.source[:80]


def test_schedule_reads_every_lesson_and_not_the_primer():
    unit = schedule(ROOT / "notebooks")
    assert {1, 2, 3, 5, 6} <= set(unit["lesson"].unique())
    assert set(unit["where"]) <= {"class", "home"}
    in_class = unit[unit["where"] == "class"].groupby(["lesson", "period"])["minutes"].sum()
    assert (in_class == LESSON_MINUTES).all()
    assert len(plans(ROOT / "notebooks")) == len(LESSONS)


def test_handout_is_standalone(tmp_path):
    page = build(ROOT / "notebooks" / "02_2006_vs_2020.ipynb", tmp_path)
    html = page.read_text(encoding="utf-8")
    assert external_references(html) == []
    assert html.count("plotly-graph-div") >= 2, "figures are embedded"
    assert "application/vnd.jupyter.widget-view+json" not in html
    assert "What the chart shows" in html


def test_a_handout_is_the_student_version_and_saves_nothing(tmp_path, monkeypatch):
    """Shared after class, a handout must not give away the teacher's notes, the model answers or what
    happened after the role-play's date; running it must not write answers into anyone's folder."""
    import kit
    answers = tmp_path / "answers"
    monkeypatch.setenv("KIT_RESPONSES_DIR", str(answers))
    monkeypatch.setenv("KIT_SUBMISSIONS_DIR", str(answers))
    lesson = ROOT / "notebooks" / "04_role_play.ipynb"
    html = build(lesson, tmp_path / "students").read_text(encoding="utf-8")
    teacher = build(lesson, tmp_path / "teachers", audience="teachers").read_text(encoding="utf-8")
    later = kit.options()["what_happened"].iloc[0][:40]  # what the Kremlin did after 20 August 2020
    assert later in teacher and "Teacher note" in teacher, "the teacher's copy keeps everything"
    assert later not in html and "Teacher note" not in html and "Teacher's copy" not in html
    assert "Hidden until the debrief" in html or "shown in class after the debrief" in html
    assert not answers.exists() or not any(answers.rglob("*")), "a handout's checks saved answers"
    with pytest.raises(ValueError, match="for teachers only"):
        build(ROOT / "notebooks" / "00_teacher_guide.ipynb", tmp_path)
    with pytest.raises(ValueError, match="audience"):
        build(lesson, tmp_path, audience="parents")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_present_serves_the_projector_page(tmp_path):
    port = _free_port()
    proc = start_server(["make", "-s", "present", f"PORT={port}", "BROWSER=no"], tmp_path / "voila.log", cwd=ROOT)
    try:
        deadline, page = time.time() + 120, None
        while time.time() < deadline and page is None:
            if proc.poll() is not None:
                raise AssertionError(server_log(proc))
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60).read().decode()
            except OSError:
                time.sleep(0.5)
        assert page is not None, "Voila did not answer"
        assert "Compare the two protest waves" in page
        assert "comparison_explorer()" not in page, "the page shows no code"
        assert external_references(page) == [], "the projector page loads nothing from the network"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def test_role_play_has_six_one_minute_statements_a_debrief_and_the_reveal_last():
    nb = nbformat.read(ROOT / "notebooks" / "04_role_play.ipynb", as_version=4)
    timings = nb.metadata["kit"]["lesson"]["timings"]
    parts = [t["part"] for t in timings]
    round1 = timings[parts.index("Round 1: six statements, one minute each")]
    assert round1["minutes"] >= 6, "six groups, one minute each"
    assert "round_timer(minutes=1, rounds=6)" in "".join(c.source for c in nb.cells)
    assert {t["minutes"] for t in timer_cells(nb).values()} == {1, 8}
    kinds = [t["kind"] for t in timings]
    assert "debrief" in kinds
    assert parts.index("Debrief and barometer (after)") < parts.index("Policy memo: exercise 4.5") \
        < parts.index("What actually happened")
    sources = [c.source for c in nb.cells]
    reveal = next(i for i, s in enumerate(sources) if "what_happened()" in s)
    memo = next(i for i, s in enumerate(sources) if 'write("q4.5")' in s)
    assert reveal > memo, "what happened comes only after the debrief and the memo"
    assert not any("what_happened" in s for s in sources[:memo] if "import" not in s)


def test_every_lesson_uses_the_timing_model():
    for path in LESSONS:
        for t in _plan(path)["timings"]:
            assert "kind" in t and "minutes" in t, (path.name, t)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_each_lesson_opens_with_its_central_question(path):
    nb = nbformat.read(path, as_version=4)
    question = nb.metadata["kit"]["lesson"]["central_question"]
    assert question.endswith("?") and len(question.split()) >= 8
    first = nb.cells[1]
    assert "central-question" in first.metadata.get("tags", []) and question in first.source


def test_the_primer_teaches_what_the_coding_route_needs():
    """Matching answers are dictionaries and ordering answers lists: the primer teaches both, with an exercise
    and a check that accepts the right answer and not the empty one."""
    nb = nbformat.read(ROOT / "notebooks" / "primer_python.ipynb", as_version=4)
    text = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "dictionary" in text and "matching" in text and "ordering" in text and "Your turn" in text
    cells = {c.id: c.source for c in nb.cells}
    ns = {}
    exec(cells["primerturncode"], ns)
    import contextlib
    import io
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(cells["primercheck"], ns)
    assert out.getvalue().count("not yet") == 2
    ns.update(my_pairs={"OMON": "B", "CSTO": "A"}, my_order=["C", "A", "B"])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(cells["primercheck"], ns)
    assert out.getvalue().count("right") == 2


def test_the_six_period_route_says_what_it_leaves_out():
    from kit.classroom.lessons import dropped_exercises, short_route
    route = short_route(ROOT / "notebooks")
    assert len(route) == 6 and (route["minutes"] == LESSON_MINUTES).all()
    for plan in plans(ROOT / "notebooks"):
        dropped = set(dropped_exercises(plan))
        if dropped:
            said = plan["short_route"]["leaves_out"]
            assert dropped <= exercise_numbers(said), (plan["number"], dropped - exercise_numbers(said))


def test_the_readme_and_the_guide_give_the_unit_at_a_glance():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The unit at a glance", 1)[1].split("\n## ", 1)[0]
    from kit.classroom.lessons import glance_markdown
    assert glance_markdown(ROOT / "notebooks") in section, "update it: kit.classroom.lessons.update_readme()"
    assert "Six periods?" in section
    guide = nbformat.read(ROOT / "notebooks" / "00_teacher_guide.ipynb", as_version=4)
    code = " ".join(c.source for c in guide.cells if c.cell_type == "code")
    assert "unit_at_a_glance(" in code and "short_route(" in code
    text = " ".join(c.source for c in guide.cells if c.cell_type == "markdown")
    assert f"{READING_WPM} words a minute" in text and f"{WRITING_WPM} words a minute" in text


def test_the_round_timer_says_how_many_rounds_the_plan_gives():
    from kit.widgets import RoundTimer, round_timer
    timer = RoundTimer(1, rounds=6)
    assert timer.total == 60 and timer.rounds == 6
    assert "6 times" in timer.children[0].children[0].value
    shown = round_timer(1, rounds=6)  # without a widget front end (a handout): what the page prints
    assert "6 times" in "".join(shown.parts)
