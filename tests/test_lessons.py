"""The lessons: plans in metadata and header cells, timings, key points, handouts, projector page."""
import os
import signal
import socket
import time
import urllib.request

import nbformat
import pytest

from kit.classroom.handouts import build, external_references
from kit.lessons import HEADER_TAG, KEY_POINTS_TAG, header_markdown, key_points_markdown, schedule

from conftest import ROOT, server_log, start_server

LESSONS = sorted((ROOT / "notebooks").glob("0[1-9]_*.ipynb"))


def test_the_unit_has_five_lessons_and_a_guide():
    names = [p.name for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]
    assert names[0] == "00_teacher_guide.ipynb"
    assert [p.stem.split("_", 1)[1] for p in LESSONS] == [
        "reading_the_column", "2006_vs_2020", "policy_options", "role_play", "sources_and_hindsight"]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_plan_header_and_key_points(path):
    nb = nbformat.read(path, as_version=4)
    plan = nb.metadata["kit"]["lesson"]
    assert plan["questions"] and plan["objectives"] and plan["key_points"]
    assert set(plan["routes"]) == {"basic", "advanced"}
    minutes = sum(t["teaching"] + t["exercises"] for t in plan["timings"])
    assert 40 <= minutes <= 50, f"{path.name}: {minutes} minutes"
    first, last = nb.cells[0], nb.cells[-1]
    assert HEADER_TAG in first.metadata["tags"] and first.source == header_markdown(plan)
    assert KEY_POINTS_TAG in last.metadata["tags"] and last.source == key_points_markdown(plan)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_cells_stay_short(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert len(cell.source.splitlines()) <= 12, cell.source[:80]


def test_schedule_reads_every_lesson():
    unit = schedule(ROOT / "notebooks")
    assert sorted(unit["lesson"].unique()) == [1, 2, 3, 4, 5]


READING_PACE = 100  # words a minute, a learner's pace


@pytest.mark.parametrize("name", ["03_policy_options", "04_role_play"])
def test_policy_lessons_fill_45_minutes_with_start_up_and_reading_time(name):
    plan = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4).metadata["kit"]["lesson"]
    assert plan["number"] == int(name[:2])
    assert sum(t["teaching"] + t["exercises"] for t in plan["timings"]) == 45
    assert plan["timings"][0]["part"].lower().startswith("start-up") and plan["timings"][0]["teaching"] >= 3
    reading = [t for t in plan["timings"] if "reading_words" in t]
    assert reading, "a reading part says how many words it has"
    for t in reading:
        assert t["teaching"] >= -(-t["reading_words"] // READING_PACE), t["part"]


def test_reading_words_are_counted_from_the_data():
    import kit
    plan3 = nbformat.read(ROOT / "notebooks" / "03_policy_options.ipynb", as_version=4).metadata["kit"]["lesson"]
    article = kit.load_article()
    words = sum(len(article.paragraphs[n].split()) for n in (23, 24, 28, 31))
    assert [t["reading_words"] for t in plan3["timings"] if "reading_words" in t] == [words]
    plan4 = nbformat.read(ROOT / "notebooks" / "04_role_play.ipynb", as_version=4).metadata["kit"]["lesson"]
    cards = kit.actors().set_index("actor_id").loc[["eu", "russia", "usa", "lukashenko", "tsikhanouskaya", "osce"]]
    longest = max(sum(len(str(c).split()) for c in (r.role, r.stated_position, r.analyst_reading))
                  for r in cards.itertuples())
    assert [t["reading_words"] for t in plan4["timings"] if "reading_words" in t] == [longest]


def test_role_play_has_six_one_minute_statements_a_debrief_and_the_reveal_last():
    nb = nbformat.read(ROOT / "notebooks" / "04_role_play.ipynb", as_version=4)
    parts = [t["part"] for t in nb.metadata["kit"]["lesson"]["timings"]]
    round1 = nb.metadata["kit"]["lesson"]["timings"][parts.index("Round 1: six statements, one minute each")]
    assert round1["teaching"] + round1["exercises"] >= 6
    assert "round_timer(minutes=1)" in "".join(c.source for c in nb.cells)
    order = [p.split(":")[0] for p in parts]
    assert order.index("Debrief and barometer (after)") < order.index("Policy memo") < order.index("What actually happened")
    sources = [c.source for c in nb.cells]
    reveal = next(i for i, s in enumerate(sources) if "what_happened()" in s)
    memo = next(i for i, s in enumerate(sources) if 'write("q4.5")' in s)
    assert reveal > memo, "what happened comes only after the debrief and the memo"
    assert not any("what_happened" in s for s in sources[:memo] if "import" not in s)


def test_handout_is_standalone(tmp_path):
    page = build(ROOT / "notebooks" / "02_2006_vs_2020.ipynb", tmp_path)
    html = page.read_text(encoding="utf-8")
    assert external_references(html) == []
    assert html.count("plotly-graph-div") >= 2, "figures are embedded"
    assert "application/vnd.jupyter.widget-view+json" not in html
    assert "What the chart shows" in html


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
