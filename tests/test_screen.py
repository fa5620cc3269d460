"""The student's screen without a browser (issue 24): whole text in tables, terms beside their meanings."""
from __future__ import annotations

import re

import kit
from kit.html import whole_text_html
from kit.views.lesson_views import reader_view


def _cells(html: str) -> list[str]:
    return re.findall(r"<td>(.*?)</td>", html, flags=re.S)


def test_tables_show_whole_text_not_cut_with_dots():
    """pandas cuts cells longer than 50 characters with "..." by default: half a definition."""
    glossary = kit.glossary()
    longest = max(glossary["definition"].astype(str), key=len) if "definition" in glossary else None
    html = whole_text_html(glossary)
    cells = _cells(html)
    assert any(len(c) > 50 for c in cells)
    if longest:
        assert any(longest[:80] in c for c in cells)
    assert not any(c.endswith("...") and c[:-3] not in " ".join(glossary.astype(str).values.ravel())
                   for c in cells)


def test_notebooks_show_tables_whole():
    """`import kit` in IPython registers the whole-text display for every DataFrame."""
    from IPython.core.interactiveshell import InteractiveShell

    from kit.html import show_whole_text
    shell = InteractiveShell.instance()
    try:
        show_whole_text()
        formatter = shell.display_formatter.formatters["text/html"]
        formatter.enabled = True
        html = formatter(kit.sources().head(5))
        cut = [c for c in _cells(html) if c.endswith("...")]
        assert cut == [], cut
    finally:
        InteractiveShell.clear_instance()


def test_the_reader_keeps_each_term_beside_its_meaning():
    """A term and its meaning share one table row: a wrapped idiom cannot shift the meanings (paragraphs 5
    and 12 misaligned with a definition list)."""
    for n in (5, 12):
        html = reader_view(n)
        rows = re.findall(r"<tr><th scope='row'[^>]*>(.*?)</th><td[^>]*>(.*?)</td></tr>", html)
        assert len(rows) >= 2 and all(t and d for t, d in rows), n
        assert "<dl>" not in html and "<small>Role" not in html
        assert "Role in the argument:</b>" in html


def test_sign_in_box_is_empty_until_the_student_types_a_name(monkeypatch, tmp_path):
    """Not the computer's user name ("root"); once signed in, every lesson says who is signed in."""
    monkeypatch.setenv("KIT_RESPONSES_DIR", str(tmp_path))
    monkeypatch.setenv("KIT_STUDENT", "root")
    from kit.exercises.ui import sign_in_widget
    widget = sign_in_widget()
    box, button = widget.children[0].children
    assert box.value == "" and "Not signed in yet" in widget.children[1].value
    box.value = "Ana Example"
    button.click()
    assert "Signed in as <b>Ana Example</b>" in widget.children[1].value
    again = sign_in_widget()
    assert again.children[0].children[0].value == "Ana Example"
    assert "Signed in as <b>Ana Example</b>" in again.children[1].value


def test_a_number_typed_in_the_table_tool_gets_no_note_about_text(monkeypatch, tmp_path):
    monkeypatch.setenv("KIT_RESPONSES_DIR", str(tmp_path))
    from kit.exercises import questions
    from kit.exercises.nocode import TableTool
    tool = TableTool(questions()["q2.2"])
    tool.answer.value = str(int(questions()["q2.2"].expected_value()))
    fb = tool.check()
    assert fb.status == "correct" and "as text" not in fb.message


def test_every_explorer_chart_has_one_unit():
    """A 2006 sentence in years beside 2020 counts of people on one axis (issue 24): one unit per chart."""
    from kit.data_package import tables
    from kit.views.lesson_views import UNIT_SEP, dimensions, explorer_view, measures_in
    split = 0
    for dimension in dimensions():
        for label, value in measures_in(dimension):
            measure, _, unit = value.partition(UNIT_SEP)
            rows = tables.compare(measure)
            if unit:
                split += 1
                rows = rows[rows["unit"] == unit]
                assert unit in label
            assert rows["unit"].dropna().nunique() <= 1, (label, sorted(set(rows["unit"].dropna())))
            assert explorer_view(value).figure is not None
    assert split >= 2, "no measure mixes units any more: the split is untested"


def test_a_table_that_scrolls_sideways_can_be_scrolled_by_keyboard():
    """Whole text makes some tables wider than the screen: they scroll in their own box, which takes the
    focus and has a name (axe: scrollable-region-focusable, serious, found in lesson 2's context table)."""
    from kit.html import table
    for html in (whole_text_html(kit.glossary()), table(kit.glossary().head(3))):
        box = re.match(r"<div class='kit-table-box'([^>]*)>", html)
        assert box and "tabindex='0'" in box.group(1) and "aria-label='" in box.group(1), html[:200]
