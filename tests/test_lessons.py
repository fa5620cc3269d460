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


def test_the_unit_has_four_lessons_and_a_guide():
    names = [p.name for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]
    assert names[0] == "00_teacher_guide.ipynb"
    assert [p.stem.split("_", 1)[1] for p in LESSONS] == [
        "reading_the_column", "2006_vs_2020", "policy_options", "sources_and_hindsight"]


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
    assert sorted(unit["lesson"].unique()) == [1, 2, 3, 5]


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
