"""The lessons: plans in metadata and header cells, timings, key points, handouts, projector page."""
import os
import signal
import socket
import time
import urllib.request

import nbformat
import pytest

from kit.classroom.handouts import build, external_references
from kit.classroom.lessons import HEADER_TAG, KEY_POINTS_TAG, LESSON_MINUTES, WORDS_PER_MINUTE, header_markdown, in_class_minutes, key_points_markdown, parts, plans, problems, reading_words, schedule

from conftest import ROOT, server_log, start_server

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
    """Each lesson's parts in class add up to its 45 minutes; each reading part's minutes cover its words
    at a learner's 100 words a minute."""
    plan = _plan(path)
    assert in_class_minutes(plan) == plan.get("length", LESSON_MINUTES) == LESSON_MINUTES
    assert problems(plan) == []
    for part in parts(plan):
        if part["words"]:
            assert part["minutes"] * WORDS_PER_MINUTE >= part["words"], part


@pytest.mark.parametrize("path", [p for p in LESSONS if _plan(p)["number"] in REPLANNED], ids=lambda p: p.name)
def test_replanned_lessons_count_start_up_and_offer_an_extension(path):
    plan = _plan(path)
    assert all("kind" in t and "minutes" in t for t in plan["timings"]), "every part has a kind and minutes"
    in_class = [p for p in parts(plan) if p["kind"] != "homework"]  # pre-reading may come before the lesson
    kinds = [p["kind"] for p in in_class]
    assert kinds[0] == "start-up" and 2 <= in_class[0]["minutes"] <= 4
    assert "wrap-up" in kinds or "debrief" in kinds
    assert plan.get("extension"), "a task for fast finishers"


def test_lesson_1_splits_the_column_it_cannot_read_in_one_period():
    plan = next(p for p in plans(ROOT / "notebooks") if p["number"] == 1)
    ps = parts(plan)
    column = 1380
    # the column's own words read in class (the background narrative is not the column)
    in_class = sum(p["words"] for p, t in zip(ps, plan["timings"])
                   if p["kind"] == "reading" and t["reads"]["text"] in ("column", "summaries"))
    at_home = sum(p["words"] for p in ps if p["kind"] == "homework")
    read = [t["reads"] for t in plan["timings"] if t.get("reads", {}).get("text") == "column"]
    covered = set()
    for r in read:
        covered |= set(range(r["paragraphs"][0], r["paragraphs"][1] + 1))
    assert covered == set(range(1, 36)), "every paragraph is read, in class or at home"
    assert in_class < column and at_home > 0
    assert "homework" in plan["note"] or "at home" in plan["note"]


def test_timing_model_catches_plans_that_do_not_add_up():
    plan = {"number": 9, "length": 45, "timings": [
        {"part": "Start-up", "kind": "start-up", "minutes": 3},
        {"part": "Read it all", "kind": "reading", "minutes": 5, "reads": {"text": "column", "paragraphs": [1, 35]}},
        {"part": "Talk", "kind": "chatting", "minutes": 30}]}
    found = problems(plan)
    assert any("add up to 38 minutes" in f for f in found)
    assert any("1380 words need 14 minutes" in f for f in found)
    assert any("unknown kind 'chatting'" in f for f in found)
    plan["timings"] = [{"part": "Read", "kind": "reading", "minutes": 45}]
    assert any("must say what it reads" in f for f in problems(plan))


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
    in_class = unit[unit["where"] == "class"].groupby("lesson")["minutes"].sum()
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
    assert "round_timer(minutes=1)" in "".join(c.source for c in nb.cells)
    kinds = [t["kind"] for t in timings]
    assert "debrief" in kinds
    assert parts.index("Debrief and barometer (after)") < parts.index("Policy memo") < parts.index("What actually happened")
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
