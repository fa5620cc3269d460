"""The marking widget and the live view in a real browser (Chromium via Playwright, JupyterLab on loopback).

A demo class is collected, a teacher notebook opens the marking widget and the live view; the test marks two
written answers criterion by criterion through the page (tick boxes, by keyboard and by pointer) and checks
the gradebook, drops a new submission into the class folder and waits for
the live view to show it, switches to projector mode (no names), and stops the live view.
"""
from __future__ import annotations

import json
import os
import sqlite3

import nbformat
import pytest
from test_a11y import _audit_file, axe_source  # noqa: F401  (axe_source: a fixture)
from test_browser import (  # noqa: F401
    _assert_healthy,
    _browser_or_skip,
    _shot,  # (browser: a fixture)
    browser,
    opened_notebook,
    running_lab,
)


@pytest.fixture(scope="module")
def classroom_lab(tmp_path_factory):
    _browser_or_skip()
    from kit.classroom import collect
    from kit.classroom.demo import demo_class
    root = tmp_path_factory.mktemp("classroom-lab")
    cls = demo_class(root / "class")
    collect(cls)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(f"import kit.classroom as classroom\nfolder = {str(cls)!r}\n"
                                          "classroom.marking(folder)"),
                nbformat.v4.new_code_cell("view = classroom.live(folder, seconds=1)\nview")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, root / "teacher_marking.ipynb")
    env = dict(os.environ, KIT_RESPONSES_DIR=str(root / "responses"), KIT_SUBMISSIONS_DIR=str(root / "responses"))
    env.pop("KIT_CLASS_DIR", None)
    with running_lab(root, env) as base:
        yield base, cls


LIVE_TABLE = ("() => { const t = [...document.querySelectorAll('table')]"
              ".find(t => t.innerText.includes('Misconceptions so far')); return t ? t.innerText : ''; }")
LIVE_TEXT = ("() => { const t = [...document.querySelectorAll('.widget-html')]"
             ".find(e => e.innerText.includes('students; updated')); return t ? t.innerText : ''; }")


def test_marking_and_live_view_in_the_browser(classroom_lab, browser):  # noqa: F811
    from kit.classroom.demo import NAMES
    base, cls = classroom_lab
    with opened_notebook(base, browser, "teacher_marking.ipynb") as p:
        page = p.page
        page.wait_for_function("() => document.body.innerText.includes('6 answers to mark')", timeout=30_000)
        # a written task marked criterion by criterion, by keyboard: Tab between the tick boxes, Space ticks
        first = page.get_by_role("checkbox", name="1. names a likely audience").first
        first.focus()
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
        page.wait_for_function("() => document.body.innerText.includes('Mark: 2 of 3 points')", timeout=30_000)
        assert page.get_by_role("checkbox", name="1. names a likely audience").first.is_checked()
        assert not page.get_by_role("checkbox", name="2. gives two clues").first.is_checked()
        comment = page.locator("textarea[placeholder='A comment for the student']").first
        comment.fill("Name the audience <b>first</b>.")
        comment.press("Tab")  # the comment box is kept; Tab leaves it, and the widget sends its value
        page.wait_for_timeout(500)
        save = page.get_by_role("button", name="Save mark").first
        save.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.body.innerText.includes('Saved: 2 of 3 points.')", timeout=30_000)
        # and by pointer, on the next answer: a click on the criterion's words ticks its box
        page.get_by_text("2. gives two clues").nth(1).click()
        page.wait_for_function("() => document.body.innerText.includes('Mark: 1 of 3 points')", timeout=30_000)
        page.get_by_role("button", name="Save mark").nth(1).click()
        page.wait_for_function("() => document.body.innerText.includes('Saved: 1 of 3 points.')", timeout=30_000)
        with sqlite3.connect(cls / "gradebook.sqlite") as con:
            marks = sorted(con.execute("SELECT qid, score, comment, criteria FROM marks").fetchall())
        assert marks == [("q1.3", 1.0, "", "[0, 1, 0]"), ("q1.3", 2.0, "Name the audience <b>first</b>.", "[1, 0, 1]")]

        # the live view: names shown, a new submission appears within seconds
        page.wait_for_function(f"() => ({LIVE_TABLE})().includes({json.dumps(NAMES[2])})", timeout=30_000)
        late = {"format": "kit-submission", "version": 2, "student": {"name": "Late Comer", "id": "x"},
                "answers": {"q1.1": {"answer": "C"}}}
        (cls / "submissions" / "late-comer.json").write_text(json.dumps(late))
        page.wait_for_function(f"() => ({LIVE_TEXT})().includes('7 students')", timeout=30_000)
        _shot(p, "classroom-marking-live")
        # projector mode: no names in the live table
        page.get_by_label("Projector mode (no names)").check()
        page.wait_for_function(f"() => !({LIVE_TABLE})().includes({json.dumps(NAMES[2])})", timeout=30_000)
        assert "Late Comer" not in page.evaluate(LIVE_TABLE)
        page.get_by_role("button", name="Stop").click()
        page.wait_for_function("() => [...document.querySelectorAll('button')].some(b => b.innerText === 'Stopped')",
                               timeout=30_000)
        _assert_healthy(p, "teacher_marking.ipynb", p.state)



def test_feedback_page_passes_axe_in_the_browser(browser, axe_source, tmp_path):  # noqa: F811
    """The page a student (and a parent) reads: the policy sentence, the lesson table, criteria met."""
    from kit.classroom import collect, mark
    from kit.classroom.demo import NAMES, demo_class
    from kit.classroom.grades import export
    cls = demo_class(tmp_path / "class")
    collect(cls)
    mark(cls, NAMES[0], "q1.3", criteria_met=[0, 2], comment="Say how each clue points to the audience.")
    page = next(p for p in export(cls)["feedback"] if p.name.startswith("ana-silva"))
    assert "Criteria met:" in page.read_text(encoding="utf-8")
    _audit_file(browser, axe_source, page, "feedback-page")
