"""Printable worksheets: one HTML page per lesson, with no code, for paper or for a class without laptops.

Each worksheet walks its lesson notebook: the teaching text (markdown cells, without teacher notes, with
the model answers replaced by lines to write on, and without the sentences that only make sense on a
screen), what the lesson's code cells show, drawn for paper (the source card, the rows a question needs,
the role cards, the options with the kit's scores and a weighting table), every exercise rendered for
paper from the question bank with a paper wording where the screen's names code, cells or buttons, and
the materials at the end: the texts the exercises use, in full. No script, no external file: a worksheet
is one small file that prints.

Two lessons have a second sheet, handed out later in the lesson: lesson 4's *what happened* (after the
debrief and the memo) and lesson 5's *verdicts* (after students have sorted the claims and predicted the
verdicts). A student never has the answer on the sheet that asks for the prediction.

    python -m kit worksheets            # or: make worksheets  ->  worksheets/NN_name.html
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..data_package import tables
from ..figures import svg
from ..html import escape, table
from ..views import lesson_views as views

SOLUTION_MD = re.compile(r"<!--\s*BEGIN SOLUTION\s*-->.*?<!--\s*END SOLUTION\s*-->", re.S)
SKIP_TAGS = {"instructor", "lesson-header"}
CRITERIA = ["feasibility", "de_escalation", "protester_safety", "belarusian_choice", "actor_interest"]
ROLES = ["eu", "russia", "usa", "lukashenko", "tsikhanouskaya", "osce"]
CSS = """
body{font-family:Georgia,'Times New Roman',serif;font-size:12pt;line-height:1.45;color:#000;background:#fff;
max-width:48em;margin:1em auto;padding:0 1em}
h1{font-size:20pt;margin-bottom:.2em}h2{font-size:15pt;border-bottom:1px solid #000;margin-top:1.4em}
h3{font-size:13pt;margin-bottom:.3em}h4{font-size:12pt;margin:.6em 0 .2em}
table{border-collapse:collapse;font-size:10pt;margin:.4em 0}
th,td{border:1px solid #555;padding:2px 5px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#eee}
td.blank{min-width:3em;height:1.6em}
.lines div{border-bottom:1px solid #777;height:1.9em}.box{display:inline-block;border:1px solid #000;
width:2em;height:1.6em;margin-right:.4em}.q{break-inside:avoid;border-left:4px solid #000;padding-left:.7em;
margin:1em 0}.materials{break-before:page}mark{background:#ffe98a;color:#000}
mark.kit-idiom{background:#d7ecff;color:#000}code{font-family:monospace}.meta{font-size:10pt;overflow-wrap:anywhere}
.card{border:1px solid #000;padding:.3em .7em;margin:.5em 0;break-inside:avoid}
.doc{border-left:3px solid #555;padding-left:.7em;margin:.5em 0}
@media print{body{margin:0;max-width:none}a{color:#000}}
"""

# A sentence that only makes sense on a screen: running cells, pressing buttons, hovering, code words,
# the kit's screen tools. Such sentences are left off paper (the paper route says what to do instead).
SCREEN = re.compile("|".join([
    r"\bRun\b", r"\brun (?:the|this|it)\b", r"Shift ?\+ ?Enter",
    r"\b[Pp]ress(?:es|ing)? (?:the |it\b|\*\*|Save|Check|Enter|Start|Shift)",
    r"\b[Cc]lick (?:on|the|it|a|Check|here)\b", r"\b[Hh]over", r"DataFrame", r"\bpandas\b", r"\bcells?\b",
    r"\bbuttons?\b", r"\bsliders?\b", r"\bmenus?\b", r"\b[Ss]ign in\b", r"\bkernel\b", r"\btype (?:the|it|your)\b",
    r"\banswer box\b", r"\bsorter\b", r"\bexplorer\b", r"\bwidgets?\b", r"\b[Ss]av(?:e|ed|ing)\b", r"\b[Ss]tore\b",
    r"\bSee it through the eyes of\b", r"\bmatrix above\b", r"\b(?:[Ii]n|[Ww]ith|[Uu]se) the reader\b", r"\bPick a\b",
    r"\btriangle\b", r"\bunder the chart\b", r"\b[Ss]witch(?:ed)?\b", r"\b[Ff]ilter\b", r"\bscroll", r"\btable tool\b",
    r"\bwithout code\b", r"\bthe code\b", r"\bchoose the document at the top\b", r"\bon the screen\b", r"\bIt loads\b",
    r"\bkit\.\w", r"\bShow (?:my|a)\b", r"\b[Hh]ints?\b", r"\bsee at once\b", "`"]))


def lines(n: int) -> str:
    return "<div class='lines' aria-hidden='true'>" + "<div></div>" * n + "</div>"


def _blank_table(columns: list[str], rows: list[str], label: str) -> str:
    """A table with a first column of row names and empty cells to write in."""
    head = "".join(f"<th scope='col'>{escape(c)}</th>" for c in columns)
    body = "".join(f"<tr><th scope='row'>{escape(r)}</th>" + "<td class='blank'></td>" * (len(columns) - 1)
                   + "</tr>" for r in rows)
    return f"<table aria-label='{escape(label)}'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


# -- text for paper --------------------------------------------------------------------------------
def _sentences(text: str) -> list[str]:
    out = []
    for s in re.split(r"(?<=[.!?])\s+(?=[\"'*_(]*[A-Z0-9])", text):
        if out and re.fullmatch(r"\W*\d+\.\W*", out[-1]):  # a step number ("2.") belongs to its sentence
            out[-1] += " " + s
        elif s.strip():
            out.append(s)
    return out


def paper_text(source: str) -> str:
    """Markdown without the sentences that only make sense on a screen (see SCREEN). Headings and list items
    are kept or dropped whole; a paragraph keeps its other sentences; a screen-only remark in brackets goes."""
    source = re.sub(r"\s*\([^()]*\)", lambda m: "" if SCREEN.search(m.group()) else m.group(), source)
    blocks = []
    for block in re.split(r"\n\s*\n", source):
        if block.lstrip().startswith("#"):
            blocks.append(re.sub(r"\s+in pandas\b|\s*\(advanced route\)", "", block))
            continue
        out = []
        for line in re.split(r"\n(?=\s*(?:[*-]|\d+\.)\s)", block):
            kept = [s for s in _sentences(" ".join(line.split("\n"))) if not SCREEN.search(s)]
            if kept and re.sub(r"[*_\s\d.-]", "", " ".join(kept)):
                out.append(" ".join(kept))
        if out:
            blocks.append("\n".join(out))
    return "\n\n".join(blocks)


# Prompts whose screen wording names code, cells, buttons or screen tools: the paper wording.
PAPER_PROMPTS = {
    "q1.5": "In which paragraph does the author first mention the CSTO? Look for it in the column's text at "
            "the end of this sheet.",
    "q1.9": "Fill in the organiser for one document, d1 or d5 (both are printed in full at the end of this "
            "sheet): who wrote it, when, why, what it claims, and whether it agrees with the column.",
    "q2.1": "Which rows are official claims (the authorities' own figures)?",
    "q2.2": "How many different measures are there?",
    "q2.3": "Detentions in total: there is no single number. By 20 August 2020 the table has one count for each "
            "year, and they are not a like-for-like pair (a pair from the same kind of source, counting over a "
            "similar period). Compare them anyway: how many times more people were detained in 2020? Round to a whole "
            "number, and write who counted each number, over which period, and what that difference means for "
            "your answer.",
    "q2.4": "Draw a bar chart of Lukashenko's official share of the vote in 2006 and 2020.",
    "q2.7": "Was the author right that 2020 was different from 2006? Use two numbers from the comparison in "
            "section 2, and say who claims each one.",
    "q3.2": "Your group's own scores: score two or three options from 1 to 5 on each criterion, with a reason for "
            "each option, as of 20 August 2020. Then compare your scores with the kit's scores in the options "
            "table: where do you differ by 2 points or more?",
    "q3.5": "Work out each option's average score over the four criteria that mean the same for every option "
            "(feasibility, de-escalation, protester safety, Belarusian choice; not actor interest, because each "
            "option has a different owner): add its four scores and divide by 4. Which three options have the "
            "highest averages? Write them, highest first, with their averages.",
    "q3.6": "How many options score 4 or more on protester safety? Count them in the options table.",
    "q4.3": "Your group's position memo for the role-play: fill in the template above.",
    "q5.3": "Sort six of the column's claims: is each a fact (can be checked now), an opinion (a judgement), a "
            "prediction (about the future) or a recommendation (what someone should do)? The six claims are in "
            "the table above.",
    "q5.4": "Before you see the kit's verdicts, predict one for each of the same six claims: supported, "
            "contested, inaccurate, not verifiable, borne out or not borne out. Your teacher then hands out the "
            "sheet with the kit's verdicts: compare.",
    "q5.6": "How many of the column's claims are predictions?",
    "q5.7": "Which claims did the fact-check find inaccurate or contested?",
    "q5.9": "Corroboration: fill in the organiser for documents d1 and d2 (the Kremlin's readouts of 15 and 16 "
            "August, printed in full at the end of this sheet). Then: what does each say about help for "
            "Lukashenko, and do the two together agree with the column's paragraphs 16-17?",
    "q6.3": "What share of the vote (in %) did the Central Election Commission give Lukashenko in 2020?",
    "q6.7": "The crackdown: how many people were detained in the first four days after the election, by the "
            "Belarusian Interior Ministry's own count?",
}


def paper_prompt(q) -> str:
    """The exercise's prompt for paper: its paper wording, or its screen wording without the sentences that
    name code, cells or buttons ("Store it in official.", "Use the sorter above, or store ...")."""
    if q.qid in PAPER_PROMPTS:
        return PAPER_PROMPTS[q.qid]
    text = " ".join(s for s in _sentences(q.prompt) if not SCREEN.search(s))
    text = re.sub(r"\s*(?:and )?(?:store|Store) .*$", "", text).strip()
    return text if text.endswith((".", "?", ":")) else text + "."


# -- numbers as a reader writes them -------------------------------------------------------------------
def _num(v) -> str:
    v = float(v)
    return f"{v:,.0f}" if v.is_integer() else f"{v:,}"


def figure_of(row) -> str:
    """A row's figure as a reader writes it: the value, else the range (27,000-33,000), else "at least" the
    low end or "up to" the high end, else the row's words. Never empty."""
    value, low, high = (row.get(k) for k in ("value", "low", "high"))
    if pd.notna(value):
        return _num(value)
    if pd.notna(low) and pd.notna(high):
        return f"{_num(low)}-{_num(high)}"
    if pd.notna(low):
        return f"at least {_num(low)}"
    if pd.notna(high):
        return f"up to {_num(high)}"
    text = str(row.get("text") or "").strip()
    return text.split(": ", 1)[-1] if text and text != "nan" else "no figure given"


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers as a reader writes them (33,000 and 80.1, not 33000.0); dates as 9 Aug 2020."""
    out = frame.copy()
    for c in out.columns:
        if c in ("year", "paragraph"):  # labels, not amounts: 2006, not 2,006
            out[c] = [("" if pd.isna(v) else str(int(v))) for v in out[c]]
        elif pd.api.types.is_float_dtype(out[c]) or pd.api.types.is_integer_dtype(out[c]):
            out[c] = [("" if pd.isna(v) else _num(v)) for v in out[c]]
        elif pd.api.types.is_datetime64_any_dtype(out[c]):
            out[c] = [("" if pd.isna(v) else f"{v.day} {v:%b %Y}") for v in out[c]]
    return out


def _rows(frame: pd.DataFrame, columns: list[str], tick: bool = False) -> str:
    """Rows of a data table; a "figure" column shows each row's value or range (see figure_of)."""
    frame = frame.copy()
    if "figure" in columns:
        frame["figure"] = [figure_of(r) for r in frame.to_dict("records")]
    shown = _tidy(frame[columns]).rename(columns=lambda c: c.replace("_", " "))
    shown = shown.map(lambda v: "not known" if pd.isna(v) or str(v).strip() in ("", "nan", "<NA>", "None") else v)
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


def _options() -> pd.DataFrame:
    return tables.options()


def _options_with_scores() -> str:
    o = _options()
    shown = o[["option_id", "label"] + CRITERIA].rename(columns=lambda c: c.replace("_", " "))
    return ("<p class='meta'>The kit's scores (1-5), value judgements as of 20 August 2020, for debate. Actor "
            "interest is the interest of the option's own actor, so it is not compared across options.</p>"
            + table(shown))


def _weighting_table() -> str:
    """The decision matrix on paper: a weight for each criterion the neutral view adds up (not actor interest:
    each option has a different owner), then each option's weighted total."""
    from ..figures import neutral_criteria
    crit = neutral_criteria()
    o = _options()
    weights = _blank_table(["criterion", "your weight (0-5)"], [c.replace("_", " ") for c in crit], "Your weights")
    head = "".join(f"<th scope='col'>{escape(c.replace('_', ' '))}</th>" for c in crit)
    body = "".join(
        f"<tr><th scope='row'>{escape(r.option_id)} {escape(r.label)}</th>"
        + "".join(f"<td>{int(getattr(r, c))} x ___</td>" for c in crit) + "<td class='blank'></td></tr>"
        for r in o.itertuples())
    totals = (f"<table aria-label='Weighted totals'><thead><tr><th scope='col'>option</th>{head}"
              f"<th scope='col'>total</th></tr></thead><tbody>{body}</tbody></table>")
    return ("<h4>The decision matrix on paper</h4><p>1. Give each criterion a weight from 0 (does not matter) to "
            "5 (matters most). Actor interest is left out: each option has a different owner, so its scores "
            "cannot be added up across options.</p>" + weights
            + "<p>2. For each option, multiply each of the kit's scores by that criterion's weight (write the "
              "weight on the line), add the results and write the total. The highest total comes first "
              "with your weights.</p>" + totals)


# -- exercises on paper ----------------------------------------------------------------------------
def _organiser_form(doc_ids: list[str]) -> str:
    from ..data_package.documents import FIELDS
    cols = ["question"] + [f"document {d}" for d in doc_ids]
    rows = [f"{part}: {ask}" for _, part, ask in FIELDS]
    return "<p><b>The organiser</b> (one column for each document):</p>" + _blank_table(cols, rows, "Organiser")


PAPER = {
    "q1.9": lambda: _organiser_form(["d1 or d5"]),
    "q2.1": lambda: ("<p><b>On paper:</b> here are the rows about the election results. Tick each row that is an "
                     "official claim (the authorities' own figure). How many did you tick?</p>"
                     + _rows(_protests(dimension="results"), ["year", "measure", "claimed_by", "figure"], True)),
    "q2.2": lambda: ("<p><b>On paper (the same skill on a smaller table):</b> these are the 2020 rows about "
                     "repression. Some measures have several rows, one per source. Count the <i>different</i> "
                     "measures.</p>"
                     + _rows(_protests(dimension="repression", year=2020), ["measure", "claimed_by", "figure"])),
    "q2.3": lambda: ("<p><b>On paper:</b> the rows for detentions in total, with who counted and over which "
                     "period: one row for each year. Divide the 2020 count by the 2006 count.</p>"
                     + _rows(_protests("detentions_total"), ["year", "claimed_by", "figure", "text"])),
    "q2.4": lambda: ("<p><b>On paper:</b> draw the two bars on the axes, using these rows.</p>"
                     + _rows(_protests("incumbent_share_official"), ["year", "claimed_by", "figure", "unit"])
                     + svg.empty_axes(["2006", "2020"], 100, 20, "Lukashenko's official share of the vote (%)")),
    "q3.2": lambda: _blank_table(["option (number and name)"] + [c.replace("_", " ") for c in CRITERIA],
                                 ["first option", "second option", "third option (if you choose one)"],
                                 "Your group's scores"),
    "q3.5": lambda: ("<p><b>On paper:</b> use the kit's scores in the options table above (or at the end).</p>"
                     + _blank_table(["place", "option", "average"], ["1", "2", "3"], "The three highest averages")),
    "q3.6": lambda: "<p><b>On paper:</b> use the protester safety column of the options table.</p>",
    "q5.6": lambda: ("<p><b>On paper:</b> use the sheet with the kit's verdicts (your teacher hands it out after "
                     "exercises 5.3 and 5.4): count the claims whose type is prediction.</p>"),
    "q5.7": lambda: ("<p><b>On paper:</b> on the sheet with the kit's verdicts, tick the claims whose verdict is "
                     "inaccurate or contested, and write their numbers here.</p>"),
    "q5.9": lambda: _organiser_form(["d1", "d2"]),
}


def referenced_paragraphs(q) -> list[int]:
    """The column's paragraphs an exercise's prompt names ("paragraph 29", "paragraphs 16-17")."""
    out = []
    for first, last in re.findall(r"[Pp]aragraphs? (\d+)(?:\s*-\s*(\d+))?", q.prompt):
        out += range(int(first), int(last or first) + 1)
    return [n for n in dict.fromkeys(out) if n in _article().paragraphs]


def exercise_html(q) -> str:
    out = [f"<div class='q' role='group' aria-label='Exercise {escape(q.qid[1:])}'>",
           f"<h3>Exercise {escape(q.qid[1:])} · {escape(q.skill)}</h3><p>{escape(paper_prompt(q))}</p>"]
    if q.kind == "choice":
        out.append("<ul style='list-style:none;padding-left:0'>" + "".join(
            f"<li><span class='box'></span>{escape(k)}) {escape(v)}</li>" for k, v in q.options.items()) + "</ul>")
    elif q.kind == "matching":
        out.append("<ul>" + "".join(f"<li><b>{escape(k)}</b>: {escape(v)}</li>" for k, v in q.options.items())
                   + "</ul>")
        out.append(_blank_table(["item", "letter"], [str(i) for i in q.items], f"Exercise {q.qid[1:]}: your letters"))
    elif q.kind == "ordering":
        out.append("<ul>" + "".join(f"<li><b>{escape(k)}</b>: {escape(v)}</li>" for k, v in q.options.items())
                   + "</ul><p>Write the letters in order, first to last: " + "<span class='box'></span>"
                   * len(q.options) + "</p>")
    elif q.kind == "text":
        out.append(PAPER.get(q.qid, lambda: "")())
        out.append("<p><b>Sentence starters</b> (use them if they help):</p><ul>"
                   + "".join(f"<li>{escape(s)}</li>" for s in q.sentence_starters) + "</ul>")
        out.append(lines(max(6, q.min_words // 10)))
    else:  # number, frame, figure: the paper route of a data exercise
        out.append(PAPER.get(q.qid, lambda: "")())
        out.append("<p>Your answer:</p>" + lines(2 if q.kind != "figure" else 0))
    out.append("</div>")
    return "".join(out)


# -- what the code cells show, drawn for paper -------------------------------------------------------
def _article():
    return views._article()


def _paragraphs(numbers) -> str:
    a = _article()
    return "".join(f"<p><b>[{n}]</b> {views.mark_terms(a.paragraphs[n])}</p>" for n in numbers)


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


def _markdown_html(text: str) -> str:
    import mistune
    text = re.sub(r"^(#+) ", lambda m: "#" * min(len(m.group(1)) + 2, 6) + " ", text, flags=re.M)
    return mistune.html(text)


def _document(doc_id: str) -> str:
    from ..data_package.documents import document, source_line
    d = document(doc_id)
    text = "".join(f"<p>{escape(p)}</p>" for p in str(d["excerpt_original"]).split("\n") if p.strip())
    return (f"<div class='doc'><h4>Document {escape(doc_id)}: {escape(d['title'])}</h4>"
            f"<p class='meta'>{escape(source_line(d))}</p>{text}</div>")


def _role_card(actor_id: str) -> str:
    r = tables.actors().set_index("actor_id").loc[actor_id]
    said = f"{r['stated_position_date']:%d %B %Y}" if pd.notna(r["stated_position_date"]) else "date not known"
    return (f"<div class='card'><h4>{escape(r['name'])}</h4><p><i>{escape(r['role'])}</i></p>"
            f"<p><b>What they said</b> ({escape(said)}): {escape(r['stated_position'])}</p>"
            f"<p class='meta'>Source of the statement: {escape(r['stated_position_url'])}</p>"
            f"<p><b>An analyst's reading</b> (a judgement you can argue with): {escape(r['analyst_reading'])}</p>"
            "</div>")


def _sentences_with(word: str) -> list[tuple[int, str]]:
    out = []
    for n, text in _article().paragraphs.items():
        for s in _sentences(text):
            if word.lower() in s.lower():
                out.append((n, s))
    return out


def _words_in_sentences(source: str) -> str:
    words = re.findall(r'"([^"]+)"', source.split("]")[0])
    rows = [(w, f"[{n}] {s}") for w in words for n, s in _sentences_with(w)[:1]]
    return table(pd.DataFrame(rows, columns=["word", "its sentence in the column (paragraph)"]))


def _names_in_paragraphs(source: str) -> str:
    names = re.findall(r'"([^"]+)"', source.split("]")[0])
    rows = [(n, ", ".join(str(p) for p in sorted({p for p, _ in _sentences_with(n)})) or "none") for n in names]
    return table(pd.DataFrame(rows, columns=["name or word", "paragraphs of the column"]))


def _compare(measure: str) -> str:
    p = tables.protests()
    rows = p[(p["measure_id"] == measure) | (p["measure"].str.lower() == measure.lower())]
    return _rows(rows, ["year", "claimed_by", "figure", "text"])


def _one_row(row_id: str) -> str:
    r = tables.protests(whole_wave=True).set_index("row_id").loc[row_id]   # a row a lesson names
    return (f"<p class='doc'>{escape(r['text'])}<br><span class='meta'>Source: {escape(r['source_title'])}, "
            f"{escape(r['source_url'])}</span></p>")


def _explorer() -> str:
    def largest(measure):
        out = []
        for year in (2006, 2020):
            rows = _protests(measure, year=year)
            top = rows[["value", "low", "high"]].max().max() if len(rows) else None
            out.append(None if top is None or pd.isna(top) else float(top))
        return out
    return (svg.bars(["2006", "2020"], largest("peak_protest_size"), "Largest protest: largest estimate", "people")
            + svg.bars(["2006", "2020"], largest("detentions_total"), "Detentions in total: largest estimate",
                       "people")
            + "<p class='meta'>Each bar is the largest estimate of that year; the rows below say who counted and "
              "how.</p>" + _rows(pd.concat([_protests("peak_protest_size"), _protests("detentions_total")]),
                                 ["year", "measure", "claimed_by", "figure"]))


def _context_table(name: str) -> str:
    from ..figures import context_table
    t = context_table(name)
    return table(_tidy(t)) if isinstance(t, pd.DataFrame) else ""


def _waves() -> str:
    """The two waves on one timeline, as a table a reader can scan: one row per event, by days from the vote."""
    from ..figures.charts import waves_table
    t = waves_table(30, 150).rename(columns={"wave": "year", "day": "day from the vote"})
    return ("<p class='meta'>A minus sign counts days before the vote: day -17 is 17 days before it.</p>"
            + _rows(t, ["year", "day from the vote", "date", "title"]))


def _o04_reasons() -> str:
    o = _options().set_index("option_id").loc["o04"]
    rows = [(c.replace("_", " "), int(o[c]), o["rationale_" + c]) for c in CRITERIA]
    return table(pd.DataFrame(rows, columns=["criterion", "the kit's score", "the kit's reason"]))


def _never_first() -> str:
    from ..figures import dominated_by, first_place_counts
    kit, author = first_place_counts("o04"), first_place_counts("o04", viewer="author")
    return (f"<p class='doc'>At least as good as o04 on every criterion: {escape(', '.join(dominated_by('o04')))}."
            f"<br>o04 with the kit's scores: first on its own with {kit['alone']} of {kit['weightings']:,} "
            f"weightings, tied first with {kit['tied']}.<br>o04 through the author's eyes: first on its own with "
            f"{author['alone']:,}, tied first with {author['tied']:,}.</p>")


def _lenses() -> str:
    labels = _options().set_index("option_id")["label"]
    rows = []
    for p in views.perspectives():
        first, last = views.first_and_last(p["actor"])
        rows.append((p["label"], labels[first], labels[last]))
    return table(pd.DataFrame(rows, columns=["through the eyes of", "first", "last"]))


def _statement_dates() -> str:
    cards = tables.actors().set_index("actor_id").loc[ROLES]
    return table(_tidy(cards[["name", "stated_position_date"]].rename(
        columns={"stated_position_date": "said on"})))


def _glossary_entry(term_id: str) -> str:
    g = tables.glossary().set_index("term_id")
    return f"<p class='doc'>{escape(g.loc[term_id, 'full_definition'])}</p>"


def _barometer(source: str) -> str:
    positions = re.findall(r'"([^"]+)"', source.split("[", 1)[1]) if "[" in source else ["yes", "not sure", "no"]
    return ("<p><b>On paper:</b> the class counts hands for each position, before the debate and again after "
            "it.</p>" + _blank_table(["position", "before the debate", "after the debate"], positions,
                                     "Class barometer"))


def _claims_to_sort() -> str:
    return table(views.claims_to_sort().rename(columns={"claim_id": "claim"}))


PAPER_CELLS = [  # (pattern in a code cell, what to print for it)
    (re.compile(r"\bbackground\(\)"), lambda m, s: _text_file("background")),
    (re.compile(r"article\.sourcing"), lambda m, s: _source_card()),
    (re.compile(r"\breader\("), lambda m, s: "<p><b>On paper:</b> the column's paragraphs 1-17 and the kit's summaries "
                                              "of 18-35 are at the end of this sheet (glossary words in yellow, idioms "
                                              "in blue, with their meanings in the tables).</p>"),
    (re.compile(r'metadata\["author"\]\.note'),
     lambda m, s: f"<p class='doc'>{escape(_article().metadata['author'].note)}</p>"),
    (re.compile(r"glossary\(\)\[\["), lambda m, s: _glossary()),
    (re.compile(r'glossary\.loc\["(\w+)"'), lambda m, s: _glossary_entry(m.group(1))),
    (re.compile(r'article\.find\("([^"]+)"\)'), lambda m, s: _names_in_paragraphs(f'["{m.group(1)}"]')),
    (re.compile(r"for word in \["), lambda m, s: _words_in_sentences(s.split("for word in ", 1)[1])),
    (re.compile(r"for name in \["), lambda m, s: _names_in_paragraphs(s.split("for name in ", 1)[1])),
    (re.compile(r"\bthesis\(\)"), lambda m, s: f"<p class='doc'>{escape(views.thesis())}</p>"),
    (re.compile(r'compare\("([^"]+)"\)'), lambda m, s: _compare(m.group(1))),
    (re.compile(r"comparison_explorer\(\)"), lambda m, s: _explorer()),
    (re.compile(r'row_id"\] == "([^"]+)"'), lambda m, s: _one_row(m.group(1))),
    (re.compile(r'context_table\("(\w+)"\)'), lambda m, s: _context_table(m.group(1))),
    (re.compile(r"waves_figure\(\)"), lambda m, s: _waves()),
    (re.compile(r"for n in \(([\d, ]+)\)"),
     lambda m, s: _paragraphs([int(n) for n in re.findall(r"\d+", m.group(1))])),
    (re.compile(r'options\[\["option_id"'), lambda m, s: _options_with_scores()),
    (re.compile(r"decision_matrix\(\)"), lambda m, s: _weighting_table()),
    (re.compile(r'loc\["o04"\]'), lambda m, s: _o04_reasons()),
    (re.compile(r"dominated_by\("), lambda m, s: _never_first()),
    (re.compile(r"first_and_last\("), lambda m, s: _lenses()),
    (re.compile(r"role_cards\("), lambda m, s: "<p><b>On paper:</b> the six role cards are at the end of this sheet; "
                                                "each group takes its own.</p>"),
    (re.compile(r"stated_position_date"), lambda m, s: _statement_dates()),
    (re.compile(r"barometer\("), lambda m, s: _barometer(s)),
    (re.compile(r"article\.links\[\["),
     lambda m, s: _rows(_article().links, ["link_id", "publisher", "title", "published", "paragraph"])),
    (re.compile(r"claim_sorter\(\)"), lambda m, s: _claims_to_sort()),
    (re.compile(r"lateral_packet\(\)"), lambda m, s: _text_file("lateral_packet")),
    (re.compile(r"\brubric\(\"(q[\d.]+)\"\)"), lambda m, s: _rubric(m.group(1))),
    (re.compile(r"\bexamples\(\"(q[\d.]+)\"\)"), lambda m, s: _examples(m.group(1))),
    (re.compile(r'timeline\["date"\] >= "2020-08-09"'), lambda m, s: _timeline("2020-08-09", "2020-08-20")),
    (re.compile(r'later = timeline'), lambda m, s: _timeline("2020-08-21", "2020-12-31")),
]


def _source_card() -> str:
    card = _article().sourcing[["fact", "value", "status"]].copy()
    card["fact"] = card["fact"].str.replace("_", " ")
    card["value"] = [v if str(v).strip() not in ("", "nan", "None") else "(not known)" for v in card["value"]]
    return table(card)


def _text_file(name: str) -> str:
    """The background narrative or the lateral-reading packet, in full."""
    from ..data_package import documents
    return "<div class='doc'>" + _markdown_html(paper_text(str(getattr(documents, name)()))) + "</div>"


def _rubric(qid: str) -> str:
    from ..exercises.api import questions
    from ..exercises.rubric import rubric_of
    return rubric_of(questions()[qid]).html


def _examples(qid: str) -> str:
    from ..exercises.api import questions
    from ..exercises.rubric import examples_of
    return examples_of(questions()[qid]).html


def _timeline(first: str, last: str) -> str:
    t = tables.timeline()
    return _rows(t[(t["date"] >= first) & (t["date"] <= last)], ["date", "title"])


def paper_output(source: str) -> str | None:
    """What a code cell shows, drawn for paper, or None when it shows nothing a paper student needs."""
    for pattern, render in PAPER_CELLS:
        m = pattern.search(source)
        if m:
            return render(m, source)
    return None


# -- materials per lesson ----------------------------------------------------------------------------
def _lesson1() -> str:
    return ("<h3>The column, paragraphs 1-17 (read in period 1)</h3><p class='meta'>Highlighted: glossary words "
            "(yellow) and idioms (blue).</p>" + _paragraphs(range(1, 18))
            + "<h3>The kit's short summaries of paragraphs 18-35 (period 2)</h3><p class='meta'>The kit's "
              "summaries, not the author's words.</p>" + _summaries(18, 35)
            + "<h3>Idioms in paragraphs 1-17</h3>" + _idioms(1, 17)
            + "<h3>Documents for the organiser (exercise 1.9)</h3>" + _document("d1") + _document("d5"))


def _lesson3() -> str:
    o = _options()
    return ("<h3>The policy options, with the kit's scores</h3>" + _options_with_scores()
            + table(o[["option_id", "label", "description"]].rename(columns={"option_id": "option"}))
            + "<p class='meta'>What happened next is shown after the role-play, not on this sheet.</p>")


def _lesson4() -> str:
    return "<h3>All six role cards (as of 20 August 2020)</h3>" + "".join(_role_card(a) for a in ROLES)


def _lesson5() -> str:
    c = tables.claims()
    return ("<h3>The column's claims (the kit's verdicts are on a separate sheet)</h3>"
            + table(c[["claim_id", "paragraph", "quote"]].rename(columns={"claim_id": "claim"}))
            + "<h3>Two documents compared (exercises 5.8 and 5.9)</h3>" + _document("d1") + _document("d2"))


def _lesson6() -> str:
    t = tables.timeline()
    t = t[(t["date"] >= "2020-05-01") & (t["date"] <= "2020-12-31")]
    p = tables.protests(whole_wave=True)   # lesson 6 comes after the reveal: the whole wave
    facts = p[(p["year"] == 2020) & p["measure_id"].isin(
        ["main_challenger", "candidates_barred_or_jailed", "incumbent_share_official", "independent_result_estimate",
         "internet_shutdown", "strikes", "detentions_first_days", "opposition_leaders_exiled", "russia_reaction"])]
    return ("<h3>Fact sheet: the timeline of 2020</h3>" + _rows(t, ["date", "title"])
            + "<h3>Fact sheet: measures of 2020</h3>" + _rows(facts, ["measure", "claimed_by", "figure"]))


MATERIALS = {1: _lesson1, 3: _lesson3, 4: _lesson4, 5: _lesson5, 6: _lesson6}


# -- the sheets handed out later in a lesson ----------------------------------------------------------
def _after_the_debrief() -> str:
    w = views.what_happened_table()
    return ("<p>Hand this out only after the debrief and the policy memo (lesson 4, period 2). It shows what "
            "each actor did after 20 August 2020. Use it for exercises 4.6 and 3.7.</p>"
            + table(w.rename(columns={"option_id": "option", "what_happened": "what happened"})))


def _verdicts() -> str:
    c = tables.claims()
    counts = c["verdict"].astype(str).value_counts()
    preds = views.predictions()
    return ("<p>Hand this out only after exercises 5.3 and 5.4 (lesson 5, period 1), once students have sorted "
            "the six claims and predicted their verdicts. The verdicts are the kit's, for debate. Use it for "
            "exercises 5.5 to 5.7.</p>"
            + svg.bars(list(counts.index), [float(v) for v in counts.values], "Claims by the kit's verdict", "claims")
            + _rows(c, ["claim_id", "paragraph", "claim_type", "verdict", "quote", "evidence"], tick=True)
            + "<h3>The column's predictions, and what happened next (period 2)</h3>"
            + _rows(preds, [k for k in ("claim_id", "paragraph", "quote", "verdict", "what_happened_next")
                            if k in preds]))


LATER_SHEETS = {4: ("after_the_debrief", "What happened after 20 August 2020", _after_the_debrief),
                5: ("verdicts", "The claims with the kit's verdicts", _verdicts)}


# -- the page ----------------------------------------------------------------------------------------
def _markdown(source: str) -> str:
    import mistune
    source = SOLUTION_MD.sub("\n\n<p><i>Your answer:</i></p>" + lines(3) + "\n\n", source)
    source = re.sub(r"^(#+) ", lambda m: "#" * min(len(m.group(1)) + 1, 6) + " ", source, flags=re.M)
    return mistune.html(source)


def _drop_dangling_colon(text: str) -> str:
    """A last line that ends with ':' introduces what a code cell shows; with nothing to show on paper, that
    sentence (or list item) is left off ("Every row has its source:" followed by nothing)."""
    rows = text.rstrip().split("\n")
    if rows and rows[-1].rstrip().endswith(":"):
        if re.match(r"\s*(?:[*-]|\d+\.)\s", rows[-1]):
            rows.pop()
        else:
            rows[-1] = " ".join(s for s in _sentences(rows[-1]) if not s.rstrip().endswith(":"))
    return "\n".join(rows).strip()


def _page(title: str, body: list[str]) -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'><style>{CSS}</style></head>"
            f"<body><main>{''.join(body)}</main></body></html>")


def worksheet_html(nb) -> str:
    from ..exercises.api import questions
    plan = nb.metadata["kit"]["lesson"]
    bank = questions()
    body = [f"<h1>Lesson {plan['number']}: {escape(plan['title'])}</h1>",
            "<p class='meta'>Name: ______________________ &nbsp; Class: ________ &nbsp; Date: __________</p>",
            "<h2>Questions for today</h2><ul>" + "".join(f"<li>{escape(q)}</li>" for q in plan["questions"])
            + "</ul>"]
    done = set()
    materials = MATERIALS.get(plan["number"])
    materials_html = materials() if materials else ""
    cells = [c for c in nb.cells if not set(c.metadata.get("tags", [])) & SKIP_TAGS]
    for i, cell in enumerate(cells):
        qid = cell.metadata.get("kit", {}).get("qid")
        if qid and qid in bank:
            if qid not in done and cell.cell_type == "markdown":
                printed = {int(n) for n in re.findall(r"<b>\[(\d+)\]</b>", "".join(body) + materials_html)}
                missing = [n for n in referenced_paragraphs(bank[qid]) if n not in printed]
                if missing:  # an exercise about a paragraph the sheet has not printed: print it here
                    body.append("<p class='meta'>From the column, for the next exercise:</p>" + _paragraphs(missing))
                body.append(exercise_html(bank[qid]))
                done.add(qid)
            continue
        if cell.cell_type == "code":
            shown = paper_output(cell.source)
            if shown:
                body.append(shown)
            continue
        if "Hand in your answers" in cell.source:
            continue
        text = paper_text(cell.source)
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        shows = nxt is not None and nxt.cell_type == "code" and not nxt.metadata.get("kit", {}).get("qid") \
            and paper_output(nxt.source) is not None
        if not shows:
            text = _drop_dangling_colon(text)
            heading_only = all(line.lstrip().startswith("#") for line in text.strip().splitlines() if line.strip())
            if text.strip() and heading_only and text.strip() != cell.source.strip():
                continue  # a heading whose section only made sense on a screen ("1. Start-up: sign in")
        if text.strip():
            body.append(_markdown(text))
    if materials_html:
        body.append("<section class='materials' aria-label='Materials'><h2>Materials</h2>" + materials_html
                    + "</section>")
    return _page(f"Worksheet, lesson {plan['number']}: {plan['title']}", body)


def later_sheet_html(nb) -> str | None:
    """The sheet handed out later in the lesson (lesson 4's what happened, lesson 5's verdicts), or None."""
    plan = nb.metadata["kit"]["lesson"]
    if plan["number"] not in LATER_SHEETS:
        return None
    _, title, render = LATER_SHEETS[plan["number"]]
    head = f"Lesson {plan['number']}: {title}"
    return _page(head, [f"<h1>{escape(head)}</h1>", render()])


def build(notebook: str | Path, out_dir: str | Path) -> Path:
    """Write the lesson's worksheet (and its later sheet, if it has one); returns the worksheet's path."""
    import nbformat
    notebook, out_dir = Path(notebook), Path(out_dir)
    nb = nbformat.read(notebook, as_version=4)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / (notebook.stem + ".html")
    out.write_text(worksheet_html(nb), encoding="utf-8")
    later = later_sheet_html(nb)
    if later:
        (out_dir / f"{notebook.stem}_{LATER_SHEETS[nb.metadata['kit']['lesson']['number']][0]}.html").write_text(
            later, encoding="utf-8")
    return out


def later_path(worksheet: Path) -> Path | None:
    number = int(worksheet.stem[:2])
    return worksheet.with_name(f"{worksheet.stem}_{LATER_SHEETS[number][0]}.html") if number in LATER_SHEETS else None


def build_all(source: str | Path = "notebooks", out_dir: str | Path = "worksheets") -> list[Path]:
    """Every lesson's worksheet, then the later sheets, in lesson order."""
    import nbformat
    written = []
    for path in sorted(Path(source).glob("[0-9][0-9]_*.ipynb")):
        if nbformat.read(path, as_version=4).metadata.get("kit", {}).get("lesson"):
            sheet = build(path, out_dir)
            written.append(sheet)
            if later_path(sheet):
                written.append(later_path(sheet))
    return written
