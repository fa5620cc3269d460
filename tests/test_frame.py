"""The 20 August frame: nothing a student sees before lesson 4's reveal mentions a later event or its outcome.

Lessons 1-4 are set on (or before) 20 August 2020, the day of the role-play. What happened next is shown
only after the debrief in lesson 4 ("Only now: what actually happened"). Everything a student meets before
that point is checked here:

- the built student notebooks of lessons 1-4 (lesson 4 up to the reveal cell), their key points included;
- the bank items those notebooks ask (prompt, options, hints, feedback): a choice's options are on screen;
- the paper worksheets of lessons 1-4 (lesson 4's up to the reveal; its later sheet is the reveal);
- the charts and tables the lessons draw before the reveal (lesson 2's timeline, the options, role cards).

Two checks: a date after 20 August 2020 (in any of the usual forms), and a later event's own words. The
words come from the data, not from a list typed here: the title of every timeline and aftermath row dated
after 20 August 2020, reduced to its distinctive terms (numbers with units, names, and word pairs that no
row up to 20 August uses).
"""
from __future__ import annotations

import html as htmllib
import re
from functools import lru_cache

import nbformat
import pandas as pd
import pytest
from conftest import ROOT

from kit.classroom.build import to_student
from kit.classroom.worksheets import worksheet_html
from kit.data_package import tables
from kit.exercises import questions

FRAME = pd.Timestamp("2020-08-20")
LESSONS = ["01_reading_the_column", "02_2006_vs_2020", "03_policy_options", "04_role_play"]
REVEAL_CELL = "what_happened()"          # lesson 4's reveal: the button that shows what happened next
REVEAL_HEADING = "Only now: what actually happened"

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
MON = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
DATE_PATTERNS = [
    (re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b"), lambda m: (int(m[1]), int(m[2]), int(m[3]))),
    (re.compile(rf"\b(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?\s+({MONTHS}|{MON})\.?,?\s+(20\d\d)\b"),
     lambda m: (int(m[3]), _month(m[2]), int(m[1]))),
    (re.compile(rf"\b({MONTHS}|{MON})\.?\s+(\d{{1,2}}),?\s+(20\d\d)\b"), lambda m: (int(m[3]), _month(m[1]), int(m[2]))),
    (re.compile(rf"\b({MONTHS})\s+(20\d\d)\b"), lambda m: (int(m[2]), _month(m[1]), 1)),
    # a day and month with no year: in lessons set in 2020, read as 2020
    (re.compile(rf"\b(\d{{1,2}})\s+({MONTHS})\b(?!\.?,?\s+(?:19|20)\d\d)"), lambda m: (2020, _month(m[2]), int(m[1]))),
    # a year after 2020 on its own ("by 2025", "in 2021")
    (re.compile(r"(?<![\d/.-])(202[1-9])(?![\d/-])"), lambda m: (int(m[1]), 1, 1)),
]


def _month(name: str) -> int:
    name = name[:3].lower()
    return ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].index(name) + 1


def later_dates(text: str) -> list[str]:
    """Every date in the text that is after 20 August 2020."""
    found, taken = [], set()
    for pattern, parts in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if taken & set(range(*m.span())):
                continue  # part of a date already read in a fuller form
            taken |= set(range(*m.span()))
            try:
                when = pd.Timestamp(*parts(m))
            except ValueError:
                continue
            if when > FRAME:
                found.append((m.start(), m.group(0)))
    return [hit for _, hit in sorted(found)]


STOP = set("""a an the of to in on at for by and or but with from as is are was were be been its his her their
it this that these those after before over under into out up down not no new first second third about than
into says said say who what when how why which more most some all one two three four five""".split())


def _words(text: str) -> list[str]:
    return re.findall(r"[\w$.,’'-]+", text)


def _content(word: str) -> str:
    return word.strip(".,’'").lower()


def _before_text() -> str:
    """Everything the data dates up to 20 August 2020: timeline and aftermath rows, the documents, the actors'
    stated positions (all dated by that day). A term found here is not distinctive of a later event."""
    timeline, aftermath, docs, actors = tables.timeline(), tables.aftermath(), tables.documents(), tables.actors()
    parts = (list(timeline.loc[timeline["date"] <= FRAME, ["title", "description"]].astype(str).agg(" ".join, axis=1))
             + list(aftermath.loc[aftermath["date"] <= FRAME, ["title", "what_happened"]].astype(str)
                    .agg(" ".join, axis=1))
             + list(docs.loc[docs["date"] <= FRAME, "excerpt_original"].astype(str))
             + list(actors["stated_position"].dropna().astype(str)))
    return " ".join(parts).lower()


@lru_cache(maxsize=1)
def later_terms() -> dict[str, str]:
    """{term: the later row it comes from}: the distinctive words of each event after 20 August 2020.

    From each later row's title: amounts ("$1.5 billion") and pairs of content words (names are pairs too:
    "Roman Bondarenko", "Ryanair flight"); a term that the data up to 20 August also uses is dropped."""
    timeline, aftermath = tables.timeline(), tables.aftermath()
    before = _before_text()
    later = ([(f"timeline {r.event_id}", r.title) for r in timeline[timeline["date"] > FRAME].itertuples()]
             + [(f"aftermath {r.item_id}", r.title) for r in aftermath[aftermath["date"] > FRAME].itertuples()])
    terms: dict[str, str] = {}
    for where, title in later:
        for m in re.finditer(r"\$?\d[\d.,]*\s+(?:billion|million)", title):
            terms[m.group(0).lower()] = where
        words = [_content(w) for w in _words(title)]
        for low, nxt in zip(words, words[1:]):
            if low in STOP or nxt in STOP or len(low) < 4 or len(nxt) < 4 or low.isdigit() or nxt.isdigit():
                continue
            pair = f"{low} {nxt}"
            if pair not in before:
                terms[pair] = where
    return terms


def later_words(text: str) -> list[str]:
    low = re.sub(r"\s+", " ", text.lower())
    return [f"{term!r} ({where})" for term, where in later_terms().items()
            if re.search(rf"(?<![\w]){re.escape(term)}(?![\w])", low)]


# -- what students see before the reveal ------------------------------------------------------------------
def _notebook(name: str):
    return nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)


def before_reveal(name: str) -> list:
    """The student copy's cells, up to (not including) lesson 4's reveal."""
    cells = to_student(_notebook(name), name).cells
    for i, cell in enumerate(cells):
        if cell.cell_type == "code" and REVEAL_CELL in cell.source and name == LESSONS[-1]:
            # the heading that introduces the reveal is the reveal too
            return cells[:i - 1] if REVEAL_HEADING in cells[i - 1].source else cells[:i]
    return cells


def _qids(cells) -> list[str]:
    known = questions()
    asked = []
    for cell in cells:
        for qid in re.findall(r"""["'](q\d\.\d+)["']""", cell.source) + [cell.metadata.get("kit", {}).get("qid", "")]:
            if qid in known and qid not in asked:
                asked.append(qid)
    return asked


def _question_text(q) -> str:
    parts = [q.prompt]
    for field in ("options", "feedback", "misconceptions", "accept"):
        value = getattr(q, field, None) or {}
        if isinstance(value, (dict, list, tuple)):
            parts += [str(v) for v in (value.values() if isinstance(value, dict) else value)]
    parts += [str(h) for h in (getattr(q, "hints", None) or [])]
    items = getattr(q, "items", None) or []
    parts += [str(i) for i in (items.values() if isinstance(items, dict) else items)]
    return "\n".join(parts)


def _page_text(page: str) -> str:
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", page)))


SOURCE_COLUMNS = ("source_url", "source_title")


def _measures_text(table: pd.DataFrame | None = None) -> str:
    """The 2020 rows of the protests table that lesson 2 shows (kit.protests(), as of 20 August 2020): every
    text column but the citations (a page's address or title may carry its own later date, e.g. the
    encyclopaedia article '2020–2021 Belarusian protests'; it names a page, not an event)."""
    protests = tables.protests() if table is None else table
    shown = protests[protests["year"] == 2020]
    text = [c for c in shown.columns if c not in SOURCE_COLUMNS and not pd.api.types.is_numeric_dtype(shown[c])
            and not pd.api.types.is_datetime64_any_dtype(shown[c]) and not pd.api.types.is_bool_dtype(shown[c])]
    return " | ".join(shown[text].astype("string").fillna("").agg(" ".join, axis=1))


def surfaces() -> list[tuple[str, str]]:
    """(where, text) for everything a student sees before lesson 4's reveal."""
    from kit.figures import description, waves_figure
    from kit.views import role_cards
    out = []
    bank = questions()
    for name in LESSONS:
        cells = before_reveal(name)
        out += [(f"{name} cell {c.get('id', i)}", c.source) for i, c in enumerate(cells)]
        out += [(f"{name} item {qid}", _question_text(bank[qid])) for qid in _qids(cells)]
        sheet = _page_text(worksheet_html(_notebook(name)))
        if name == LESSONS[-1]:
            sheet = sheet.split(REVEAL_HEADING)[0]
        out.append((f"worksheet {name}", sheet))
    fig = waves_figure()
    out.append(("lesson 2 timeline chart (description)", description(fig)))
    out.append(("lesson 2 timeline chart (hover texts)",
                " | ".join(" ".join(map(str, t.hovertext or [])) for t in fig.data if t.visible in (None, True))))
    options = tables.options()
    shown = [c for c in options.columns if c not in ("what_happened",)
             and not c.endswith(("_url", "_title")) and options[c].dtype == object]
    out.append(("options table (lesson 3)", " | ".join(options[shown].astype(str).agg(" ".join, axis=1))))
    out.append(("role cards (lesson 4)", _page_text(role_cards(["eu", "russia", "usa", "lukashenko",
                                                                 "tsikhanouskaya", "osce"]))))
    return out


def _others_data() -> str:
    """Text from data tables other helpers own that lessons 1-4 show: option descriptions, the actors' roles,
    the glossary. A hit that comes from here is reported by its own test (below), so the owner can fix it."""
    options, actors, glossary = tables.options(), tables.actors(), tables.glossary()
    parts = (list(options["description"].astype(str)) + list(actors["role"].dropna().astype(str))
             + list(glossary["full_definition"].dropna().astype(str)))
    return re.sub(r"\s+", " ", " ".join(parts))


@lru_cache(maxsize=1)
def all_violations() -> list[tuple[str, str]]:
    """(where, what) for every mention of a later event before the reveal."""
    found = []
    for where, text in surfaces():
        for hit in later_dates(text):
            found.append((where, f"date {hit!r}"))
        for hit in later_words(text):
            found.append((where, f"words {hit}"))
    return found


def _from_others_data(what: str) -> bool:
    blob = _others_data()
    term = re.match(r"(?:date|words) '([^']+)'", what).group(1)
    return term in blob or term in blob.lower()


def violations() -> list[str]:
    return [f"{w}: {h}" for w, h in all_violations() if not _from_others_data(h)]


# -- the checks can fail ----------------------------------------------------------------------------------
def test_the_date_check_finds_later_dates_and_only_those():
    assert later_dates("On 27 August 2020 Putin spoke; on 14 Sept. 2020 a loan.") == ["27 August 2020", "14 Sept. 2020"]
    assert later_dates("By 2025 he was still in power; 2020-10-02; October 2020; 23 September") == [
        "2025", "2020-10-02", "October 2020", "23 September"]
    assert later_dates("9 August 2020, 16 Aug 2020, 19-20 August, 2020-08-20, 2006, March 2006") == []


def test_the_words_come_from_the_later_rows_not_from_the_earlier_ones():
    terms = later_terms()
    assert "$1.5 billion" in terms and "police reserve" in terms and any("ceremony" in t for t in terms)
    assert "ryanair flight" in terms
    # used by rows up to 20 August, so not distinctive of a later event
    assert "lukashenko" not in terms and "sanctions" not in terms and "tsikhanouskaya" not in terms
    assert later_words("Russia lends $1.5 billion") and not later_words("Russia offered help 'if needed'")


def test_the_reveal_is_found_and_cuts_lesson_4():
    cells = before_reveal(LESSONS[-1])
    full = to_student(_notebook(LESSONS[-1])).cells
    assert 0 < len(cells) < len(full)
    assert not any(REVEAL_CELL in c.source or REVEAL_HEADING in c.source for c in cells)


# -- the frame itself ---------------------------------------------------------------------------------------
def test_nothing_before_the_reveal_mentions_a_later_event():
    found = violations()
    assert not found, f"{len(found)} mentions of events after 20 August 2020 before lesson 4's reveal:\n" + \
        "\n".join(found)


@pytest.mark.parametrize("name", LESSONS[:3])
def test_lessons_1_to_3_show_no_what_happened_widget(name):
    """The reveal belongs to lesson 4: an earlier lesson offers no button that shows what happened next."""
    assert not any(REVEAL_CELL in c.source for c in before_reveal(name))


def test_data_lessons_1_to_4_show_stay_in_the_frame():
    """Option descriptions, role cards and glossary entries: what was known or said by 20 August 2020.
    (Before the fix it failed 3 times: o08/o05 and the US role card said 'Belarusian officials', the later
    sanctions' words; the glossary's 'colour revolution' quoted Lavrov in 2023.)"""
    found = [f"{w}: {h}" for w, h in all_violations() if _from_others_data(h)]
    # an option is a proposal as of 20 August: it does not say what was 'later' added (o05, o08 did)
    options = tables.options()
    found += [f"option {r.option_id}: 'later' in {r.description!r}" for r in options.itertuples()
              if re.search(r"\blater\b", r.description, re.I)]
    assert not found, "\n".join(found)


def test_lesson_2_measures_stay_in_the_frame():
    """Lesson 2 shows the 2020 wave as it stood on 20 August 2020: kit.protests() leaves out the rows marked
    after_frame (the 23 August march, counts to December, a death on 12 November, GDP for all of 2020...),
    which kit.protests(whole_wave=True) keeps for lessons 5 and 6. (On the data before the split it
    failed with 55 later dates and 4 later events' words in the 2020 rows.)"""
    assert later_dates(_measures_text()) == []
    assert later_words(_measures_text()) == []


def test_the_measures_check_can_fail_on_the_whole_wave():
    whole = tables.protests(whole_wave=True)
    assert "12 November" in later_dates(_measures_text(whole))
    assert len(whole) > len(tables.protests()) and tables.protests()["after_frame"].eq(False).all()


def test_a_row_dated_after_20_august_is_marked_after_frame():
    """The flag follows the data: a row whose own date is after 20 August 2020 is after the frame."""
    whole = tables.protests(whole_wave=True)
    late = whole[(whole["date"] > FRAME) & ~whole["after_frame"].astype(bool)]
    assert late.empty, list(late["row_id"])


def test_lesson_2_views_use_the_frame():
    """What lesson 2 draws from the table (compare, the explorer's measures, the context table, the exercise
    keys) has no row marked after_frame; the whole wave is there when asked for."""
    from kit.figures import context_table
    rows = tables.compare("detentions_total")
    assert not rows["after_frame"].any() and (rows["year"] == 2020).any()
    assert tables.compare("detentions_total", whole_wave=True)["after_frame"].any()
    later_only = set(tables.measures(whole_wave=True)["measure_id"]) - set(tables.measures()["measure_id"])
    assert {"inauguration", "sunday_march_size", "gdp_growth_2020"} <= later_only
    assert not later_dates(" ".join(context_table("context").astype(str).agg(" ".join, axis=1)))
    def ratio(table):
        d = table[table["measure_id"] == "detentions_total"]
        return round(d[d["year"] == 2020][["value", "low", "high"]].max().max()
                     / d[d["year"] == 2006][["value", "low", "high"]].max().max())
    key = questions()["q2.3"].expected()
    assert key == ratio(tables.protests()) != ratio(tables.protests(whole_wave=True))


# -- the document set ----------------------------------------------------------------------------------------
QUOTED = re.compile(r"""(?:^|(?<=[\s(]))(?:'([^']+?)'|"([^"]+?)"|“([^”]+?)”)(?=[\s.,;:!?)]|$)""")


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"'))


def quoted_spans(text: str) -> list[str]:
    return [next(g for g in m.groups() if g) for m in QUOTED.finditer(text)]


def misquoted(original: str, modified: str) -> list[str]:
    """The quoted spans of a modified text that are not the original's words. A quotation may leave words out
    ("...", "…") and add words in square brackets; each remaining piece must be in the original as it is."""
    source, bad = _plain(original), []
    for span in quoted_spans(modified):
        pieces = [p.strip(" ,.;:") for p in re.split(r"\.\.\.|…|\[[^\]]*\]", _plain(span))]
        if any(p and p not in source for p in pieces):
            bad.append(span)
    return bad


def test_the_quote_check_can_fail():
    original = "We must free all political prisoners and prepare new elections."
    assert misquoted(original, "She said 'free all political prisoners' and 'prepare [...] elections'.") == []
    assert misquoted(original, "She says: 'You voted for me.' and 'free all prisoners'") == [
        "You voted for me.", "free all prisoners"]
    assert misquoted(original, "The president's view: 'prepare new elections'") == []   # an apostrophe is no quote


def test_every_quotation_in_a_modified_document_is_exact():
    docs = tables.documents()
    bad = {r.doc_id: misquoted(r.excerpt_original, r.excerpt_modified) for r in docs.itertuples()}
    assert not any(bad.values()), {k: v for k, v in bad.items() if v}


def test_every_document_is_assigned_in_an_exercise_or_organiser_task():
    """A document in the set is used: an exercise names it, or a lesson opens it in the organiser."""
    bank = " ".join(_question_text(q) for q in questions().values())
    cells = " ".join(c.source for p in sorted((ROOT / "notebooks").glob("0[1-6]_*.ipynb"))
                     for c in nbformat.read(p, as_version=4).cells)
    tasks = set(re.findall(r"\bd\d+\b", bank)) | set(re.findall(r"""(?:organiser|document_set)\(["'](d\d+)""", cells))
    unused = sorted(set(tables.documents()["doc_id"]) - tasks)
    assert not unused, f"documents no exercise or organiser task uses: {unused}"


def test_a_headnote_gives_context_not_the_answer_and_names_no_private_writer():
    docs = tables.documents().set_index("doc_id")
    # d1's old headnote ended with the answer to exercise 5.8 ("no aid, no CSTO")
    assert not docs["note"].str.contains("does not say|no aid", case=False).any()
    letters = docs[docs["genre"].str.contains("letter", case=False)]
    assert len(letters) and letters["author"].str.startswith("A reader in").all()


def test_a_government_document_from_minsk_in_the_week_of_the_column():
    docs = tables.documents()
    minsk = docs[docs["publisher"].str.contains("president.gov.by|BelTA", regex=True)
                 & docs["date"].between("2020-08-15", "2020-08-19")]
    assert len(minsk) >= 1
    assert minsk["source_url"].str.contains(r"president\.gov\.by|belta\.by").all()
