"""Printable worksheets: one per lesson, no code, offline, small, with every exercise and what it needs.

A worksheet is the whole lesson for a class without laptops: every exercise on it with the rows, documents,
role cards and scores it needs, no sentence that only makes sense on a screen, and the answers a lesson
asks students to predict kept on a later sheet.
"""
import html as htmllib
import re

import nbformat
import pytest
from conftest import ROOT

from kit.classroom.handouts import external_references
from kit.classroom.worksheets import build_all, figure_of, paper_prompt, paper_text
from kit.data_package import tables
from kit.exercises import questions

# Words and sentences that only make sense on a screen. None may appear on paper.
SCREEN_ONLY = [
    "Run the next cell", "run the cell", "Shift + Enter", "Shift+Enter", "press the", "Press the", "and press",
    "click on", "Click on", "click the", "hover", "Hover", "DataFrame", "pandas", "the cell", "this cell", "button",
    "slider", "Save my",
    "press Save", "store the table", "Store ", "store it", "answer box", "Sign in", "sign in", "kernel", "sorter",
    "the explorer", "widget", "Run →", "Run All", "Show a hint", "Show my worksheet", "Answer without code",
    "table tool", "kit.", "import ", "()", "### BEGIN", "print(", "my_matches", "= {",
    "Round to a whole number,.", "take the largest number",
]
LATER = {"04_role_play": "after_the_debrief", "05_sources_and_hindsight": "verdicts"}


@pytest.fixture(scope="module")
def sheets(tmp_path_factory):
    out = tmp_path_factory.mktemp("worksheets")
    return {p.stem: p for p in build_all(ROOT / "notebooks", out)}


def _lessons():
    return {p.stem: nbformat.read(p, as_version=4) for p in sorted((ROOT / "notebooks").glob("0[1-9]_*.ipynb"))}


def _text(path) -> str:
    """The words a reader sees (tags, styles and the SVG's markup removed, entities decoded)."""
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_one_worksheet_per_lesson_and_the_later_sheets_small_and_offline(sheets):
    assert set(sheets) == set(_lessons()) | {f"{k}_{v}" for k, v in LATER.items()}
    for name, path in sheets.items():
        page = path.read_text(encoding="utf-8")
        assert path.stat().st_size < 1_000_000, name
        assert external_references(page) == [], name
        assert "<script" not in page and "<link" not in page, name
        assert "<html lang='en'>" in page and "<title>" in page


def test_no_screen_only_words_on_paper(sheets):
    found = []
    for name, path in sheets.items():
        text = _text(path)
        found += [(name, m, text[max(0, text.find(m) - 80):text.find(m) + 60]) for m in SCREEN_ONLY if m in text]
    assert found == []


def test_no_sentence_introduces_nothing(sheets):
    """'Every row has its source:' or 'The kit's one-sentence version of the thesis:' must be followed by what
    they introduce (a table, a list, a text, a chart), not by the next heading or nothing."""
    for name, path in sheets.items():
        page = path.read_text(encoding="utf-8")
        for m in re.finditer(r":\s*</p>\s*(<[a-z0-9]+)", page):
            assert m.group(1) in ("<table", "<ul", "<ol", "<div", "<p", "<svg", "<section"), \
                (name, page[max(0, m.start() - 120):m.end() + 40])
        assert not re.search(r":\s*</p>\s*(?:<h[1-6]|</section>|</main>)", page), name
    one = _text(sheets["01_reading_the_column"])
    from kit.views import thesis
    assert thesis()[:60] in one, "the thesis after 'The kit's one-sentence version of the thesis:'"
    two = _text(sheets["02_2006_vs_2020"])
    row = tables.protests().set_index("row_id").loc["2020-detentions_first_days-1"]
    assert row["text"][:50] in two and "Source:" in two, "'Every row has its source:' shows the row and source"


def test_every_exercise_is_on_its_worksheet_with_a_paper_prompt_and_without_its_answer(sheets):
    bank = questions()
    for name, nb in _lessons().items():
        page = sheets[name].read_text(encoding="utf-8")
        text = _text(sheets[name])
        qids = {c.metadata.get("kit", {}).get("qid") for c in nb.cells} & set(bank)
        for qid in qids:
            q = bank[qid]
            assert f"Exercise {qid[1:]} " in text, (name, qid)
            assert htmllib.unescape(paper_prompt(q))[:60] in text, (name, qid)
            for word in ("store", "Store", "above, or", "sorter", "press", "()"):
                assert word not in paper_prompt(q), (qid, word)
            if q.kind in ("choice", "matching", "ordering"):
                for option in q.options.values():
                    assert option[:40] in text, (qid, option)
            if q.kind == "matching":
                for item in q.items:
                    assert f"<th scope='row'>{item}</th>" in page, (qid, item)
            if q.kind == "text":
                assert q.sentence_starters[0] in text
                if qid != "q6.11":  # the essay's scored examples are taught in lesson 6, on paper too
                    assert not q.examples or q.examples[0][:40] not in text, "model answers stay in the key"
                else:
                    assert "Single-point rubric" in text and "Below the standard" in text
        assert "Teacher note" not in text and "BEGIN SOLUTION" not in page


def test_each_worksheet_has_the_materials_its_exercises_need(sheets):
    from kit.data_package.documents import document
    one, two, three = (_text(sheets[n]) for n in ("01_reading_the_column", "02_2006_vs_2020", "03_policy_options"))
    four, five = _text(sheets["04_role_play"]), _text(sheets["05_sources_and_hindsight"])
    verdicts = _text(sheets["05_sources_and_hindsight_verdicts"])
    after = _text(sheets["04_role_play_after_the_debrief"])

    def full(doc_id):  # every paragraph of a document, in full
        return [p.strip()[:80] for p in str(document(doc_id)["excerpt_original"]).split("\n") if p.strip()]
    for doc_id, sheet in (("d1", one), ("d5", one), ("d1", five), ("d2", five)):
        for paragraph in full(doc_id):
            assert htmllib.unescape(paragraph) in sheet, (doc_id, paragraph)
    assert "[17]" in one and "[18]" in one and "Who wrote or said it" in one  # text, summaries, the organiser
    assert one.count("Who wrote or said it") >= 1 and five.count("document d2") >= 1
    # lesson 2: rows with ranges shown as ranges, never empty
    for r in tables.protests().query("measure_id == 'detentions_total'").to_dict("records"):
        assert figure_of(r) in two and figure_of(r) != ""
    assert "at least 6,700" in two and "33,000" not in two   # lesson 2 stops on 20 August 2020
    # lesson 3: every option with the kit's five scores, and a weighting table
    o = tables.options()
    page3 = sheets["03_policy_options"].read_text(encoding="utf-8")
    for r in o.itertuples():
        scores = "".join(f"<td>{int(getattr(r, c))}</td>" for c in
                         ("feasibility", "de_escalation", "protester_safety", "belarusian_choice", "actor_interest"))
        assert scores in page3, r.option_id
    assert "your weight (0-5)" in three and "total" in three
    # lesson 4: all six role cards, with what each said and the analyst's reading
    a = tables.actors().set_index("actor_id")
    for actor in ("eu", "russia", "usa", "lukashenko", "tsikhanouskaya", "osce"):
        assert htmllib.unescape(a.loc[actor, "stated_position"])[:60] in four, actor
        assert htmllib.unescape(a.loc[actor, "analyst_reading"])[:60] in four, actor
    assert "before the debate" in four and "after the debate" in four  # the barometer on paper
    # lesson 5: the claims to sort, the lateral-reading packet; the verdicts only on the later sheet
    c = tables.claims().set_index("claim_id")
    for cid in ("c03", "c09", "c10", "c21", "c41", "c49"):
        assert htmllib.unescape(c.loc[cid, "quote"])[:40] in five
        assert f"{cid} {c.loc[cid, 'paragraph']} {c.loc[cid, 'claim_type']} {c.loc[cid, 'verdict']}" in verdicts
    assert "claim type" not in five and "verdict " not in five.split("Materials")[-1]
    assert "Lateral reading packet" in five and "Click restraint" in five
    # lesson 4's later sheet: what happened, kept off the role-play's sheet
    later = tables.options()["what_happened"].iloc[0][:40]
    assert later in after and later not in four


def test_paper_text_drops_screen_sentences_and_keeps_the_rest():
    assert paper_text("First, the background. Run the next cell (click it, then press Shift + Enter) and read it.") \
        == "First, the background."
    assert paper_text("The whole table is a pandas DataFrame: one row per year.") == ""
    kept = paper_text("## 7. Debrief\n\n* Which arguments moved you?\n* Press **Save** now.")
    assert "Which arguments moved you?" in kept and "Save" not in kept and kept.startswith("## 7. Debrief")
    assert figure_of({"value": float("nan"), "low": 27000.0, "high": 33000.0}) == "27,000-33,000"
    assert figure_of({"value": None, "low": 1000.0, "high": None}) == "at least 1,000"
    assert figure_of({"value": None, "low": None, "high": None, "text": "Measure: words only"}) == "words only"


def test_data_exercises_have_a_paper_version_and_charts_are_static(sheets):
    two = sheets["02_2006_vs_2020"].read_text(encoding="utf-8")
    assert two.count("<svg") >= 3 and "role='img'" in two and "<desc" in two
    assert two.count("On paper") >= 4
    five = sheets["05_sources_and_hindsight_verdicts"].read_text(encoding="utf-8")
    assert "Claims by the kit" in five
    one = sheets["01_reading_the_column"].read_text(encoding="utf-8")
    assert "kit-idiom" in one and "[17]" in one and "[18]" in one  # text 1-17, summaries 18-35


def test_a_worksheet_prints_to_a_small_pdf_in_the_browser(sheets, tmp_path):
    import shutil
    import subprocess
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not shutil.which(chromium):
        pytest.skip("Chromium not found: apt-get install -y chromium")
    pdf = tmp_path / "lesson2.pdf"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
                    sheets["02_2006_vs_2020"].as_uri()], capture_output=True, timeout=120)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and 10_000 < len(data) < 1_000_000


def test_every_worksheet_passes_axe_in_the_browser(sheets):
    """axe-core (offline, from node_modules) in Chromium: no serious or critical violation on any sheet."""
    from test_a11y import AXE, audit, serious
    from test_browser import CHROMIUM, Page, _browser_or_skip
    _browser_or_skip()
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `make install`")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--no-first-run",
                                           "--disable-background-networking", "--disable-dev-shm-usage"])
        try:
            for name, path in sheets.items():
                p = Page(browser, "file://", bypass_csp=True)
                try:
                    p.page.goto(path.as_uri())
                    found = serious(audit(p.page, AXE.read_text(encoding="utf-8")))
                    assert found == [], (name, found)
                    assert p.outside == [], p.outside
                finally:
                    p.close()
        finally:
            browser.close()


def test_every_paragraph_an_exercise_names_is_on_its_sheet(sheets):
    """'According to the column (paragraph 29)...': the paragraph is printed on the sheet that asks."""
    from kit.classroom.worksheets import referenced_paragraphs
    bank = questions()
    for name, nb in _lessons().items():
        page = sheets[name].read_text(encoding="utf-8")
        for qid in {c.metadata.get("kit", {}).get("qid") for c in nb.cells} & set(bank):
            for n in referenced_paragraphs(bank[qid]):
                assert f"<b>[{n}]</b>" in page, (name, qid, n)
