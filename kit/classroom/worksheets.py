"""Printable worksheets: one HTML page per lesson, with no code, for paper or for a class without laptops.

Each worksheet walks its lesson notebook: the teaching text (markdown cells, without teacher notes and
with the model answers replaced by lines to write on), every exercise rendered for paper from the
question bank (options to tick, a matching grid, boxes for an order, lines for a number or a text, the
sentence starters), and the materials the questions need: excerpts of the column, tables from the data
and charts drawn as static SVG. No script, no external file: a worksheet is one small file that prints.

    python -m kit worksheets            # or: make worksheets  ->  worksheets/NN_name.html
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..data_package import tables
from ..views import lesson_views as views
from ..html import escape, table
from ..figures import svg

SOLUTION_MD = re.compile(r"<!--\s*BEGIN SOLUTION\s*-->.*?<!--\s*END SOLUTION\s*-->", re.S)
SKIP_TAGS = {"instructor", "lesson-header"}
CSS = """
body{font-family:Georgia,'Times New Roman',serif;font-size:12pt;line-height:1.45;color:#000;background:#fff;
max-width:48em;margin:1em auto;padding:0 1em}
h1{font-size:20pt;margin-bottom:.2em}h2{font-size:15pt;border-bottom:1px solid #000;margin-top:1.4em}
h3{font-size:13pt;margin-bottom:.3em}table{border-collapse:collapse;font-size:10pt;margin:.4em 0}
th,td{border:1px solid #555;padding:2px 5px;text-align:left;vertical-align:top}th{background:#eee}
.lines div{border-bottom:1px solid #777;height:1.9em}.box{display:inline-block;border:1px solid #000;
width:2em;height:1.6em;margin-right:.4em}.q{break-inside:avoid;border-left:4px solid #000;padding-left:.7em;
margin:1em 0}.materials{break-before:page}mark{background:#ffe98a;color:#000}
mark.kit-idiom{background:#d7ecff;color:#000}code{font-family:monospace}.meta{font-size:10pt}
@media print{body{margin:0;max-width:none}a{color:#000}}
"""


def lines(n: int) -> str:
    return "<div class='lines' aria-hidden='true'>" + "<div></div>" * n + "</div>"


# -- exercises on paper ----------------------------------------------------------------------------
def exercise_html(q) -> str:
    out = [f"<div class='q' role='group' aria-label='Exercise {escape(q.qid)}'>",
           f"<h3>Exercise {escape(q.qid[1:])} · {escape(q.skill)}</h3><p>{escape(_paper_prompt(q))}</p>"]
    if q.kind == "choice":
        out.append("<ul style='list-style:none;padding-left:0'>" + "".join(
            f"<li><span class='box'></span>{escape(k)}) {escape(v)}</li>" for k, v in q.options.items()) + "</ul>")
    elif q.kind == "matching":
        out.append("<ul>" + "".join(f"<li><b>{escape(k)}</b>: {escape(v)}</li>" for k, v in q.options.items())
                   + "</ul>")
        out.append("<table><thead><tr><th scope='col'>item</th><th scope='col'>letter</th></tr></thead><tbody>"
                   + "".join(f"<tr><td>{escape(i)}</td><td style='width:5em'></td></tr>" for i in q.items)
                   + "</tbody></table>")
    elif q.kind == "ordering":
        out.append("<ul>" + "".join(f"<li><b>{escape(k)}</b>: {escape(v)}</li>" for k, v in q.options.items())
                   + "</ul><p>Order, earliest first: " + "<span class='box'></span>" * len(q.options) + "</p>")
    elif q.kind == "text":
        out.append("<p><b>Sentence starters</b> (use them if they help):</p><ul>"
                   + "".join(f"<li>{escape(s)}</li>" for s in q.sentence_starters) + "</ul>")
        out.append(lines(max(6, q.min_words // 10)))
    else:  # number, frame, figure: the paper route of a data exercise
        out.append(PAPER.get(q.qid, lambda: "")())
        out.append("<p>Your answer:</p>" + lines(2 if q.kind != "figure" else 0))
    out.append("</div>")
    return "".join(out)


def _paper_prompt(q) -> str:
    """The prompt without the coding instruction ("Store it in official.") that ends data exercises."""
    text = re.sub(r"\s*(?:and )?store (?:it|the number|a list of letters|a dictionary) in \w+.*$", "", q.prompt,
                  flags=re.I | re.S)
    text = text.replace(" (measure_id \"incumbent_share_official\"; x = year, y = value)", "").strip()
    return text if text.endswith((".", "?", ":")) else text + "."


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers as a reader writes them (33,000 and 80.1, not 33000.0); dates as 9 Aug 2020."""
    out = frame.copy()
    for c in out.columns:
        if pd.api.types.is_float_dtype(out[c]):
            out[c] = [("" if pd.isna(v) else f"{v:,.0f}" if float(v).is_integer() else f"{v:,}") for v in out[c]]
        elif pd.api.types.is_datetime64_any_dtype(out[c]):
            out[c] = [("" if pd.isna(v) else f"{v.day} {v:%b %Y}") for v in out[c]]
    return out


def _rows(frame: pd.DataFrame, columns: list[str], tick: bool = False) -> str:
    shown = _tidy(frame[columns])
    if tick:
        shown.insert(0, "tick", "☐")
    return table(shown)


def _protests(measure: str | None = None, **eq) -> pd.DataFrame:
    p = tables.protests()
    if measure:
        p = p[p["measure_id"] == measure]
    for column, value in eq.items():
        p = p[p[column] == value]
    return p


PAPER = {
    "q2.1": lambda: ("<p><b>On paper:</b> here are the rows about the election results. Tick each row that is an "
                     "official claim (the authorities' own figure). How many did you tick?</p>"
                     + _rows(_protests(dimension="results"), ["year", "measure", "claimed_by", "value"], True)),
    "q2.2": lambda: ("<p><b>On paper (the same skill on a smaller table):</b> these are the 2020 rows about "
                     "repression. Some measures have several rows, one per source. How many <i>different</i> "
                     "measures are there?</p>"
                     + _rows(_protests(dimension="repression", year=2020), ["measure", "claimed_by", "value"])),
    "q2.3": lambda: ("<p><b>On paper:</b> the rows for detentions in total. Find the largest number for each "
                     "year (in value, low or high), then divide.</p>"
                     + _rows(_protests("detentions_total"), ["year", "claimed_by", "value", "low", "high"])),
    "q2.4": lambda: ("<p><b>On paper:</b> draw the two bars on the axes, using these rows.</p>"
                     + _rows(_protests("incumbent_share_official"), ["year", "claimed_by", "value", "unit"])
                     + svg.empty_axes(["2006", "2020"], 100, 20, "Lukashenko's official share of the vote (%)")),
    "q5.6": lambda: "<p><b>On paper:</b> use the table of claims in the materials at the end. Count the predictions.</p>",
    "q5.7": lambda: ("<p><b>On paper:</b> in the table of claims at the end, tick the claims whose verdict is "
                     "inaccurate or contested.</p>"),
}


# -- materials per lesson ----------------------------------------------------------------------------
def _article():
    return views._article()


def _paragraphs(first: int, last: int) -> str:
    a = _article()
    return "".join(f"<p><b>[{n}]</b> {views.mark_terms(a.paragraphs[n])}</p>" for n in range(first, last + 1))


def _summaries(first: int, last: int) -> str:
    from ..data_package.datasets import load
    s = load("summaries")
    s = s[(s["paragraph"] >= first) & (s["paragraph"] <= last)]
    return "".join(f"<p><b>[{r.paragraph}]</b> {escape(r.summary)}</p>" for r in s.itertuples())


def _idioms(first: int, last: int) -> str:
    from ..data_package.datasets import load
    i = load("idioms")
    i = i[(i["paragraph"] >= first) & (i["paragraph"] <= last)]
    return table(i[["paragraph", "idiom", "plain_gloss"]].rename(columns={"plain_gloss": "what it means"}))


def _glossary() -> str:
    g = tables.glossary()
    return table(g[["term", "plain_definition"]].rename(columns={"plain_definition": "what it means"}))


def _largest(measure: str) -> list[float | None]:
    out = []
    for year in (2006, 2020):
        rows = _protests(measure, year=year)
        top = rows[["value", "low", "high"]].max().max() if len(rows) else None
        out.append(None if top is None or pd.isna(top) else float(top))
    return out


def _lesson1() -> str:
    return ("<h3>The column, paragraphs 1-17 (read in class)</h3><p class='meta'>Highlighted: glossary words "
            "(yellow) and idioms (blue).</p>" + _paragraphs(1, 17)
            + "<h3>The kit's short summaries of paragraphs 18-35</h3><p class='meta'>The kit's summaries, not "
              "the author's words. Read the full text of 18-35 at home.</p>" + _summaries(18, 35)
            + "<h3>Idioms in paragraphs 1-17</h3>" + _idioms(1, 17) + "<h3>Words to know</h3>" + _glossary())


def _lesson2() -> str:
    peak, det = _largest("peak_protest_size"), _largest("detentions_total")
    return ("<h3>The column, paragraphs 3-5</h3>" + _paragraphs(3, 5)
            + "<h3>Two measures compared (largest estimate of each year)</h3>"
            + svg.bars(["2006", "2020"], peak, "Largest protest: largest estimate", "people")
            + svg.bars(["2006", "2020"], det, "Detentions in total: largest estimate", "people")
            + "<p class='meta'>Estimates from different sources; see the table for who counted.</p>"
            + _rows(pd.concat([_protests("peak_protest_size"), _protests("detentions_total")]),
                    ["year", "measure", "claimed_by", "value", "low", "high"]))


def _lesson3() -> str:
    o = tables.options()
    cols = [c for c in ("label", "description", "column_paragraphs") if c in o]
    return "<h3>The policy options</h3>" + table(o[cols]) + "<p class='meta'>What happened next is revealed " \
           "after the debate, not on this sheet.</p>"


def _lesson5() -> str:
    links = _article().links
    c = tables.claims()
    counts = c["verdict"].astype(str).value_counts()
    return ("<h3>The column's links</h3>" + _rows(links, ["link_id", "publisher", "title", "published", "paragraph"])
            + "<h3>The column's claims, with the fact-check's verdict</h3>"
            + svg.bars(list(counts.index), [float(v) for v in counts.values], "Claims by verdict", "claims")
            + _rows(c, ["claim_id", "paragraph", "claim_type", "verdict", "quote"], tick=True))


def _essay() -> str:
    from ..exercises.api import questions
    from ..exercises.rubric import examples_of, rubric_of
    q = questions()["q6.11"]
    return ("<h3>The essay: single-point rubric</h3>" + rubric_of(q).html
            + "<h3>Three example answers, scored against the rubric</h3>" + examples_of(q).html)


def _lesson6() -> str:
    t = tables.timeline()
    t = t[(t["date"] >= "2020-05-01") & (t["date"] <= "2020-12-31")]
    p = tables.protests()
    facts = p[(p["year"] == 2020) & p["measure_id"].isin(
        ["main_challenger", "candidates_barred_or_jailed", "incumbent_share_official", "independent_result_estimate",
         "internet_shutdown", "strikes", "detentions_first_days", "opposition_leaders_exiled", "russia_reaction"])]
    return (_essay() + "<h3>Fact sheet: the timeline of 2020</h3>" + _rows(t, ["date", "title"])
            + "<h3>Fact sheet: measures of 2020</h3>" + table(facts[["measure", "claimed_by", "text"]]))


MATERIALS = {1: _lesson1, 2: _lesson2, 3: _lesson3, 5: _lesson5, 6: _lesson6}


# -- the page ----------------------------------------------------------------------------------------
def _markdown(source: str) -> str:
    import mistune
    source = SOLUTION_MD.sub("\n\n<p><i>Your answer:</i></p>" + lines(3) + "\n\n", source)
    source = re.sub(r"^(#+) ", lambda m: "#" * min(len(m.group(1)) + 1, 6) + " ", source, flags=re.M)
    return CODE_TALK.sub("", mistune.html(source))


# A paragraph or list item that talks about code (a call, kit.x, an assignment) is left off paper.
CODE_TALK = re.compile(r"<(p|li)>(?:(?!</\1>).)*?<code>[^<]*(?:\(|kit\.|=|\.py)[^<]*</code>(?:(?!</\1>).)*?</\1>",
                       re.S)


def _code_words(source: str) -> bool:
    return "`" in source and ("Run the next cell" in source or "Shift + Enter" in source)


def worksheet_html(nb) -> str:
    from ..exercises.api import questions
    plan = nb.metadata["kit"]["lesson"]
    bank = questions()
    body = [f"<h1>Lesson {plan['number']}: {escape(plan['title'])}</h1>",
            "<p class='meta'>Name: ______________________ &nbsp; Class: ________ &nbsp; Date: __________</p>",
            "<h2>Questions for today</h2><ul>" + "".join(f"<li>{escape(q)}</li>" for q in plan["questions"])
            + "</ul>"]
    done = set()
    for cell in nb.cells:
        tags = set(cell.metadata.get("tags", []))
        qid = cell.metadata.get("kit", {}).get("qid")
        if tags & SKIP_TAGS or cell.cell_type != "markdown":
            continue
        if qid and qid in bank:
            if qid not in done:
                body.append(exercise_html(bank[qid]))
                done.add(qid)
            continue
        if _code_words(cell.source) or "Hand in your answers" in cell.source:
            continue
        body.append(_markdown(cell.source))
    materials = MATERIALS.get(plan["number"])
    if materials:
        body.append("<section class='materials' aria-label='Materials'><h2>Materials</h2>" + materials()
                    + "</section>")
    title = f"Worksheet, lesson {plan['number']}: {plan['title']}"
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'><style>{CSS}</style></head>"
            f"<body><main>{''.join(body)}</main></body></html>")


def build(notebook: str | Path, out_dir: str | Path) -> Path:
    import nbformat
    notebook, out_dir = Path(notebook), Path(out_dir)
    nb = nbformat.read(notebook, as_version=4)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / (notebook.stem + ".html")
    out.write_text(worksheet_html(nb), encoding="utf-8")
    return out


def build_all(source: str | Path = "notebooks", out_dir: str | Path = "worksheets") -> list[Path]:
    import nbformat
    written = []
    for path in sorted(Path(source).glob("[0-9][0-9]_*.ipynb")):
        if nbformat.read(path, as_version=4).metadata.get("kit", {}).get("lesson"):
            written.append(build(path, out_dir))
    return written
