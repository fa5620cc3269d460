"""One unit that agrees with itself (issue 19).

Reads every surface a student (or the teacher marking them) sees -- the notebooks as built for students,
their key points and plan text, the worksheets and later sheets, the answer key, the role cards, the
documents, the background, the glossary and the data tables' own text -- and cross-checks mechanically:

- every number given for a measure against the data (one number per meaning; where the data holds two
  numbers for one measure, e.g. a preliminary and a final result, the sentence must say which);
- every total given with what was added must account for what was there before;
- every claim verdict or claim type quoted next to a claim id against ``claims.csv``;
- every date given for a timeline event against the timeline.

The checks are patterns plus data: the values come from the data tables at run time, and the patterns find
any sentence about a measure, so text that other helpers add is checked too. Each mismatch names the file
and the place. The test fails with the full list.
"""
from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import nbformat
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]


@dataclass(frozen=True)
class Text:
    file: str
    place: str
    text: str
    context: str = ""      # for a data row: its id, name or title, date or year, and the column's name


# -- the surfaces ------------------------------------------------------------------------------------
def _plain(markup: str) -> str:
    """Visible text of HTML or Markdown, with tags dropped and entities decoded."""
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    # A table row, a list item or a paragraph is a unit of its own: never run two into one sentence.
    markup = re.sub(r"(?i)</(tr|li|p|h\d|div|caption)>|<br\s*/?>", "\n", markup)
    markup = re.sub(r"(?s)<[^>]+>", " ", markup)
    return re.sub(r"[ \t]+", " ", html_lib.unescape(markup))


def _strings(value, place: str):
    """Every string inside a plan's metadata (key points, questions, notes), with where it sits."""
    if isinstance(value, str):
        yield place, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{place}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{place}[{i}]")


def _table_texts(name: str, key: str, skip=("source_url", "source_title", "url", "stated_position_url",
                                            "rationale_sources", "original_url", "link_url")) -> list[Text]:
    frame = pd.read_csv(DATA / f"{name}.csv", dtype=str).fillna("")
    out = []
    about = [c for c in ("name", "title", "term", "subject", "date", "year") if c in frame.columns]
    for _, row in frame.iterrows():
        for col, val in row.items():
            if col not in skip and isinstance(val, str) and len(val) > 3:
                context = " ".join([row[key], col] + [row[c] for c in about])
                out.append(Text(f"data/{name}.csv", f"{row[key]}.{col}", val, context))
    return out


BUILD_ERRORS: list[str] = []


@lru_cache(maxsize=1)
def surfaces() -> tuple[Text, ...]:
    from kit.classroom.answer_key import answer_key_markdown
    from kit.classroom.build import solutions_in, to_student
    from kit.classroom.worksheets import later_sheet_html, worksheet_html
    from kit.views.lesson_views import role_cards

    out: list[Text] = []
    teacher_nbs = {}
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        teacher_nbs[path.name] = nb
        rel = f"notebooks/{path.name}"
        plan = nb.metadata.get("kit", {}).get("lesson")
        if plan:
            out += [Text(rel, f"plan{p}", s) for p, s in _strings(plan, "")]
        student = to_student(nb, str(path)) if nb.metadata.get("kit", {}).get("audience") != "teachers" else nb
        for i, cell in enumerate(student.cells, 1):
            if cell.cell_type == "markdown":
                out.append(Text(rel + (" (student)" if student is not nb else ""), f"cell {i}", cell.source))
        if plan:
            out.append(Text(f"worksheet {path.stem}", "page", _plain(worksheet_html(nb))))
            later = later_sheet_html(nb)
            if later:
                out.append(Text(f"worksheet {path.stem} (later sheet)", "page", _plain(later)))
    try:
        key = answer_key_markdown(teacher_nbs, solutions_in)
    except Exception as exc:   # a surface that cannot be built is reported, and the other surfaces still checked
        BUILD_ERRORS.append(f"answer key: {type(exc).__name__}: {exc}")
        key = ""
    for i, part in enumerate(re.split(r"\n(?=### )", key)):
        head = part.splitlines()[0] if part else ""
        out.append(Text("answer key", head.strip("# ") or f"part {i}", part))
    actors = pd.read_csv(DATA / "actors.csv", dtype=str)
    for aid in actors["actor_id"]:
        out.append(Text("role card", aid, _plain(role_cards([aid])), aid))
    out.append(Text("data/background.md", "text", (DATA / "background.md").read_text(encoding="utf-8")))
    for name, key_col in [("timeline", "event_id"), ("aftermath", "item_id"), ("claims", "claim_id"),
                          ("actors", "actor_id"), ("options", "option_id"), ("protests", "row_id"),
                          ("glossary", "term_id"), ("documents", "doc_id")]:
        out += _table_texts(name, key_col)
    lenses = pd.read_csv(DATA / "option_lenses.csv", dtype=str).fillna("")
    out += [Text("data/option_lenses.csv", f"{r.viewer}/{r.option_id}.rationale", r.rationale)
            for r in lenses.itertuples()]
    return tuple(out)


def sentences(text: str) -> list[str]:
    """Sentences, split at a full stop, a line break or a table cell; a decimal point does not split."""
    text = text.replace("|", "\n")
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'“(])|;\s+|\n+", text)
    return [p.strip() for p in parts if p.strip()]


def _num(s: str) -> float:
    return float(s.replace(",", ""))


# -- measures: a pattern finds every sentence about the measure; the data give the allowed numbers ----
@lru_cache(maxsize=1)
def protests() -> pd.DataFrame:
    return pd.read_csv(DATA / "protests.csv")


def _shares(year: int) -> dict[float, str]:
    """Lukashenko's official share in a year: each protests.csv row of an incumbent_share_* measure,
    labelled by the measure's kind (official = final; preliminary; valid_votes)."""
    p = protests()
    rows = p[(p.year == year) & p.measure_id.str.startswith("incumbent_share") & p.value.notna()]
    out = {}
    for r in rows.itertuples():
        kind = r.measure_id.removeprefix("incumbent_share_")
        out[round(float(r.value), 2)] = "final" if kind == "official" else kind
    return out


# The words a sentence needs to give a number that is not the measure's main (final) value.
LABEL_WORDS = {
    "final": None,
    "preliminary": r"prelim|initial|first (?:official )?result|early|on (?:the night of )?(?:20 March|10 August)|"
                   r"20 March 2006|10 Aug",
    "valid_votes": r"valid",
}


def _share_mentions(sentence: str, year: int, final: float, context: str = ""):
    row = context
    context = {2006: r"\b2006\b|third term|19 March", 2020: r"\b2020\b|sixth term|9 August"}[year]
    other = {2006: r"\b(?:2020|2001|2010|2015|1994|2004)\b|sixth|2025", 2020: r"\b(?:2006|2001|2010|2015|1994|2004)\b|third term|2025"}[year]
    if re.search(other, sentence) or not (re.search(context, sentence) or re.search(context, row)):
        return
    if not re.search(r"Lukashenk|\bhe\b|\bhim\b|\bhis\b|incumbent|winner|won|official result", sentence, re.I):
        return
    for m in re.finditer(r"(about |around |nearly |almost |some )?(\d{2}(?:\.\d+)?)\s?(?:%|percent|per cent)",
                         sentence):
        before = sentence[max(0, m.start() - 40):m.start()].lower()
        value = float(m.group(2))
        if abs(value - final) > 6 or re.search(r"turnout|took part|favou?r|yes|referendum|poll|estimat", before):
            continue
        yield m, value, bool(m.group(1))


def check_shares(texts) -> list[str]:
    bad = []
    for year in (2006, 2020):
        allowed = _shares(year)
        final = next((v for v, k in allowed.items() if k == "final"), None)
        assert final is not None, f"protests.csv has no official (final) share for {year}"
        for t in texts:
            for s in sentences(t.text):
                for m, value, about in _share_mentions(s, year, final, t.context):
                    match = [(v, k) for v, k in allowed.items()
                             if (abs(v - value) < 0.5 if about else
                                 round(v, len(m.group(2).split(".")[1]) if "." in m.group(2) else 0) == value)]
                    if not match:
                        bad.append(f"{t.file} [{t.place}]: {year} result {m.group(0)!r} is in no protests.csv row "
                                   f"(data: {allowed}) -- {s[:160]!r}")
                        continue
                    if all(k != "final" for _, k in match):
                        kind = match[0][1]
                        if LABEL_WORDS.get(kind) and not re.search(LABEL_WORDS[kind], s, re.I):
                            bad.append(f"{t.file} [{t.place}]: {year} result {m.group(0)!r} is the {kind} figure "
                                       f"but the sentence does not say so -- {s[:160]!r}")
    return bad


QUALIFIER = r"(more than |over |at least |almost |nearly |about |around |some |up to )?"


KINDS = {"more than": "at least", "over": "at least", "at least": "at least", "about": "about", "around": "about",
         "some": "about", "nearly": "about", "almost": "about", "up to": "up to", "": "exactly"}


def _kind(qualifier: str | None) -> str:
    """'more than 450' and 'at least 450' both give a lower bound; '450' alone is an exact count."""
    return KINDS[(qualifier or "").strip().lower()]


def _qualifier_of(text: str, number: str) -> str:
    m = re.search(QUALIFIER + re.escape(number), text, re.I)
    return _kind(m.group(1)) if m else "exactly"


@dataclass
class Measure:
    """A count given in prose. ``where``: what a sentence must say to be about it (and ``unless``: what
    makes it about something else); ``number``: the count's pattern; ``rows``: the protests.csv rows
    (by measure_id and claimant) that hold it. A sentence must give one of their numbers, with the
    row's own qualifier ("more than", or none)."""
    name: str
    where: str
    number: str
    measure_id: str
    claimed_by: str
    unless: str = r"$^"


MEASURES = [
    Measure("UN experts' count of torture cases (2020)", r"\bUN\b|United Nations|U\.N\.",
            QUALIFIER + r"([\d,]+) (?:documented )?(?:cases|reports) of torture", "torture_reports", "UN human rights experts"),
    Measure("Viasna's count of detentions in 2020", r"detain|detention|arrest",
            QUALIFIER + r"(\d{2},\d{3}|\d{5}) (?:people )?(?:were )?(?:detained|detentions|arrested|arrests|people detained)",
            "detentions_total", "Viasna", unless=r"since 9 August|High Commissioner|Grodno|\bmarch|\brall|crowd|(?i:per day|a day|on the day|night)"),
]


def _measure_rows(m: Measure) -> list[tuple[float, str]]:
    p = protests()
    rows = p[(p.measure_id == m.measure_id) & (p.claimed_by == m.claimed_by)]
    out = []
    for r in rows.itertuples():
        for col in ("value", "low", "high"):
            v = getattr(r, col)
            if pd.notna(v):
                shown = f"{int(v):,}" if float(v).is_integer() else str(v)
                out.append((float(v), _qualifier_of(r.text, shown) or _qualifier_of(r.text, shown.replace(",", ""))))
    assert out, f"protests.csv has no row for {m.measure_id} by {m.claimed_by}"
    return out


def check_measures(texts) -> list[str]:
    bad = []
    for m in MEASURES:
        allowed = _measure_rows(m)
        for t in texts:
            for s in sentences(t.text):
                if not re.search(m.where, s) or re.search(m.unless, s):
                    continue
                for hit in re.finditer(m.number, s, re.I):
                    value, qual = _num(hit.group(2)), _kind(hit.group(1))
                    if (value, qual) not in allowed:
                        bad.append(f"{t.file} [{t.place}]: {m.name}: {hit.group(0)!r}, but the data say "
                                   f"{' or '.join(q + ' ' + f'{v:,.0f}' for v, q in allowed)} -- {s[:160]!r}")
    return bad


# -- totals: "added N ..., bringing the total to M" must say where the other M - N came from ----------
TOTAL = re.compile(r"(?:add(?:ed|s)|put|placed) (\d+)\b[^.]*?(?:total (?:of |to )?|(?:then )?covered |in all |now (?:apply to|covers?) )"
                   r"(?:a total of )?(\d+)", re.I)


def check_totals(texts) -> list[str]:
    bad = []
    for t in texts:
        numbers_in_item = [int(n) for n in re.findall(r"\b(\d{1,4})\b", t.text)]
        for s in sentences(t.text):
            for m in TOTAL.finditer(s):
                added, total = int(m.group(1)), int(m.group(2))
                rest = total - added
                if rest <= 0:
                    continue
                others = [n for n in numbers_in_item if n not in (added, total)]
                # The rest is explained if the item gives it, or parts that add up to it.
                explained = rest in others or any(a + b == rest for i, a in enumerate(others) for b in others[i + 1:])
                if not explained:
                    bad.append(f"{t.file} [{t.place}]: {added} added and {total} in total, but nothing says "
                               f"where the other {rest} came from -- {s[:160]!r}")
    return bad


# -- one event, one count: rows of the timeline and the aftermath on the same day give the same numbers --
FAMILIES = {"detained": r"detain|detention|arrest", "prisoners": r"prisoner", "killed": r"killed|died|dead|deaths"}
COUNT = re.compile(r"(?<![\d,.])" + QUALIFIER + r"(\d{1,3}(?:,\d{3})+|\d{2,6})\b(?! ?%)([^.;,]{0,40})")


def _claimant(sentence: str) -> str:
    if re.search(r"government|ministry|authorities|officials? said|police said|official", sentence, re.I):
        return "official"
    if re.search(r"rights|Viasna|activists|opposition|Tsikhanouskaya", sentence, re.I):
        return "rights groups or opposition"
    return "unnamed"


def _event_rows() -> list[tuple[str, str, str]]:
    rows = []
    for name, key, cols in (("timeline", "event_id", ("title", "description", "note")),
                            ("aftermath", "item_id", ("title", "what_happened", "note"))):
        frame = pd.read_csv(DATA / f"{name}.csv", dtype=str).fillna("")
        for r in frame.to_dict("records"):
            for col in cols:
                rows.append((r["date"], f"data/{name}.csv [{r[key]}.{col}]", r[col]))
    return rows


def check_same_event_counts(rows=None) -> list[str]:
    """Two rows (not one row giving a range with its sources) on the same day, giving different numbers for
    the same kind of count from the same kind of claimant."""
    rows = _event_rows() if rows is None else rows
    seen: dict[tuple, dict] = {}
    for date, where, text in rows:
        for s in sentences(text):
            for m in COUNT.finditer(s):
                after = m.group(3)
                family = next((f for f, pat in FAMILIES.items() if re.search(pat, after, re.I)), None)
                if not family or re.search(r"\b(19|20)\d\d\b", m.group(2)):
                    continue
                value = _num(m.group(2))
                clause = s      # sentences() splits at ';', so a clause with its own claimant stands alone
                seen.setdefault((date, family, _claimant(clause)), {}).setdefault(value, []).append((where, s[:120]))
    bad = []
    for (date, family, who), values in seen.items():
        row_of = {v: {w.split(".")[0] for w, _ in ws} for v, ws in values.items()}
        if len(values) > 1 and len(set().union(*row_of.values())) > 1:
            bad.append(f"{date}, {family} ({who}): {len(values)} different numbers for one event in different rows: "
                       + " | ".join(f"{v:,.0f} in {ws[0][0]}: {ws[0][1]!r}" for v, ws in values.items()))
    return bad


# -- claim verdicts and types quoted next to a claim id ----------------------------------------------
@lru_cache(maxsize=1)
def claims() -> pd.DataFrame:
    return pd.read_csv(DATA / "claims.csv").set_index("claim_id")


def check_claim_labels(texts) -> list[str]:
    c = claims()
    verdicts = sorted(set(c.verdict) | set(c.claim_type), key=len, reverse=True)
    label = re.compile(r"\b(" + "|".join(re.escape(v) for v in verdicts) + r")\b", re.I)
    bad = []
    for t in texts:
        if t.file.startswith("data/claims.csv"):
            continue
        for s in sentences(t.text):
            ids = re.findall(r"\b(c\d\d)\b", s)
            if len(set(ids)) != 1:
                continue      # a sentence naming several claims does not tie a label to one of them
            cid = ids[0]
            if cid not in c.index:
                bad.append(f"{t.file} [{t.place}]: {cid} is not in claims.csv -- {s[:160]!r}")
                continue
            # A label tied to the id: "c03 ... is inaccurate", "\"c03\": \"C\" (inaccurate)", "calls c10 a fact".
            after = s[s.index(cid):s.index(cid) + 90]
            m = label.search(after)
            # Words that make the label a student's answer the key accepts or a prediction, not the kit's
            # own verdict: "c03 -> B: You predicted 'contested'", "sorting c10 as an opinion gets credit".
            if not m or re.search(r"\b(not|never|or|could|defensible|you called|if|predicted|predict|accepted|"
                                  r"accepts|credit|as an?)\b", after[:m.start()], re.I):
                continue
            said = m.group(1).lower()
            if said not in (c.at[cid, "verdict"], c.at[cid, "claim_type"]):
                bad.append(f"{t.file} [{t.place}]: {cid} is called {said!r}, but claims.csv has verdict "
                           f"{c.at[cid, 'verdict']!r} and type {c.at[cid, 'claim_type']!r} -- {s[:160]!r}")
    return bad


# -- dates given for timeline events ------------------------------------------------------------------
VERBS = {  # the words a sentence uses for the event a title names (a title's verb -> its forms)
    "leaves": r"\b(?:leaves|left|leave|leaving|fled|flees|arrived|arrives)\b",
    "takes": r"\b(?:takes|took|taken|arrived|arrives|left|leaves|fled)\b",
}
DATE = re.compile(r"\b(\d{1,2})(?:\s?[-–]\s?(\d{1,2}))? (" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\.?(?: (\d{4}))?",
                  re.I)


@lru_cache(maxsize=1)
def event_signatures() -> list[tuple[str, pd.Timestamp, list[str], str]]:
    """For each dated timeline or aftermath event whose title is 'Name verb ... Place': the names that must
    appear, the verb's forms, and the date."""
    out = []
    for name, key in (("timeline", "event_id"), ("aftermath", "item_id")):
        frame = pd.read_csv(DATA / f"{name}.csv")
        for r in frame.itertuples():
            if getattr(r, "date_precision", "day") != "day":
                continue
            words = r.title.split()
            verb = next((w for w in words if w.lower() in VERBS), None)
            if not verb:
                continue
            names = [w.strip(",.") for w in words if w[:1].isupper() and w.lower() not in VERBS][:3]
            if len(names) >= 2:
                out.append((getattr(r, key), pd.Timestamp(r.date), names, VERBS[verb.lower()]))
    return out


def check_event_dates(texts) -> list[str]:
    bad = []
    for t in texts:
        for s in sentences(t.text):
            for eid, when, names, verb in event_signatures():
                if not all(n in s or n in t.context for n in names):
                    continue
                v = re.search(verb, s, re.I)
                if not v:
                    continue
                for d in DATE.finditer(s):
                    if abs(d.start() - v.end()) > 60 and abs(v.start() - d.end()) > 60:
                        continue
                    month = [m[:3] for m in MONTHS].index(d.group(3)[:3].lower()) + 1
                    year = int(d.group(4)) if d.group(4) else when.year
                    if (year, month) != (when.year, when.month):
                        continue    # another event in the same sentence
                    first, last = int(d.group(1)), int(d.group(2) or d.group(1))
                    if (first, last) != (when.day, when.day):
                        bad.append(f"{t.file} [{t.place}]: {d.group(0)!r} for {eid} ({' '.join(names)}), which the "
                                   f"data date {when.day} {when:%B %Y} -- {s[:160]!r}")
    return bad


CHECKS = {"results": check_shares, "measures": check_measures, "totals": check_totals,
          "same event": lambda texts: check_same_event_counts(
              [(t.context, f"{t.file} [{t.place}]", t.text) for t in texts] if texts and texts[0].file == "planted"
              else None),
          "claim labels": check_claim_labels, "event dates": check_event_dates}


def all_mismatches() -> dict[str, list[str]]:
    texts = surfaces()
    return {name: check(texts) for name, check in CHECKS.items()}


# -- the tests ------------------------------------------------------------------------------------------
def test_surfaces_are_read():
    """The check reads every kind of surface, so a surface that stops being read fails loudly."""
    files = {t.file.split(" (")[0].split(" 0")[0] for t in surfaces()}
    assert not BUILD_ERRORS, "a student-facing surface could not be built: " + "; ".join(BUILD_ERRORS)
    for kind in ("answer key", "role card", "worksheet", "data/background.md", "data/glossary.csv",
                 "data/documents.csv", "data/timeline.csv", "data/claims.csv"):
        assert any(f.startswith(kind) for f in files), f"no text read from {kind}"
    assert any("(student)" in t.file for t in surfaces()), "no student notebook read"
    assert any(t.place.startswith("plan.key_points") for t in surfaces()), "no key points read"


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_unit_agrees_with_itself(check):
    bad = CHECKS[check](surfaces())
    assert not bad, f"{len(bad)} mismatch(es):\n" + "\n".join(bad)


# The checks must be able to fail: each catches a planted contradiction of the kind issue 19 found.
def test_checks_catch_planted_mismatches():
    final06 = next(v for v, k in _shares(2006).items() if k == "final")
    planted = [Text("planted", "1", f"In March 2006 Lukashenko was declared the winner with {final06 - 0.4:.1f}%."),
               Text("planted", "2", "UN experts had more than 450 documented cases of torture."),
               Text("planted", "3", "The EU added 15 officials, bringing the total to 59 people."),
               Text("planted", "4", "Sviatlana Tsikhanouskaya left Belarus for Lithuania on 10-11 August 2020."),
               Text("planted", "6", "Tsikhanouskaya said more than 1,100 political prisoners remained.", "2025-06-21"),
               Text("planted", "7", "Tsikhanouskaya called for the release of a further 1,150 prisoners.", "2025-06-21"),
               Text("planted", "5", f"The kit calls c03 {'supported' if claims().at['c03', 'verdict'] != 'supported' else 'inaccurate'}.")]
    found = {name: check(planted) for name, check in CHECKS.items()}
    assert found["results"] and found["measures"] and found["totals"]
    assert found["event dates"] and found["claim labels"] and found["same event"]
    good = [Text("planted", "1", f"In March 2006 Lukashenko was declared the winner with {final06:.1f}%."),
            Text("planted", "3", "The EU added 15 officials; 4 were listed since 2004 and 40 in October, so the "
                                 "list then covered 59 people.")]
    assert not any(check(good) for check in CHECKS.values())


# -- one rule for every actor (issue 19) ---------------------------------------------------------------
def _perspectives() -> dict:
    from kit.data_package.datasets import package
    return package().resource("options")["kit:perspectives"]


def rule_mismatches(perspectives: dict) -> list[str]:
    """Every lens weight follows the stated rule from a dated statement (or is the same for every actor)."""
    steps, bad = perspectives["steps"], []
    sources = set(pd.read_csv(DATA / "sources.csv")["url"])
    alike: dict[str, set] = {}
    for p in perspectives["profiles"]:
        for criterion, weight in p["weights"].items():
            src = p.get("weight_sources", {}).get(criterion)
            where = f"kit:perspectives {p['actor']}.{criterion}"
            if not src:
                bad.append(f"{where}: weight {weight} has no source")
                continue
            if src["step"] == "alike":
                alike.setdefault(criterion, set()).add(weight)
                continue
            if steps.get(src["step"]) != weight:
                bad.append(f"{where}: step {src['step']!r} gives {steps.get(src['step'])}, the weight is {weight}")
            if src["step"] != "silent":
                if not src.get("evidence") or not src.get("url") or not src.get("date"):
                    bad.append(f"{where}: a {src['step']!r} weight needs the statement, its date and its page")
                elif src["date"] > "2020-08-20":
                    bad.append(f"{where}: the statement of {src['date']} is after 20 August 2020")
                elif src["url"] not in sources:
                    bad.append(f"{where}: {src['url']} is not in sources.csv")
    for criterion, weights in alike.items():
        if len(weights) != 1:
            bad.append(f"kit:perspectives: {criterion} is 'the same for every actor' but weighs {sorted(weights)}")
    return bad


def test_every_lens_weight_follows_one_rule():
    p = _perspectives()
    assert "One rule for every actor" in p["rule"]
    bad = rule_mismatches(p)
    assert not bad, "\n".join(bad)
    # the Kremlin's stated line (no outside interference) shows in its weights, as the EU's shows in the EU's
    kremlin = next(x for x in p["profiles"] if x["actor"] == "russia")
    assert kremlin["weights"]["belarusian_choice"] > 1 and "interfere" in kremlin["weight_sources"]["belarusian_choice"]["evidence"]


def test_the_rule_check_can_fail():
    import copy
    p = copy.deepcopy(_perspectives())
    p["profiles"][0]["weights"]["protester_safety"] = 0          # a weight the statements do not give
    p["profiles"][1]["weights"]["actor_interest"] = 2             # interest no longer alike for all
    p["profiles"][2]["weight_sources"]["de_escalation"]["date"] = "2020-09-01"
    assert len(rule_mismatches(p)) >= 3


def test_interests_are_inference_for_every_actor_and_stated_positions_verified_by_a_dated_quote():
    actors = pd.read_csv(DATA / "actors.csv")
    bad = []
    for r in actors.itertuples():
        note = r.note if isinstance(r.note, str) else ""
        if "Interests follow" in note or "interests follow" in note:
            bad.append(f"actors.csv {r.actor_id}.note: says interests 'follow' statements; an interest is the kit's inference")
        if isinstance(r.interests, str) and not r.interests.startswith(("Not known", "Not applicable")) \
                and "inferred" not in note and "kit's reading" not in note:
            bad.append(f"actors.csv {r.actor_id}: the note does not say its interests are the kit's reading (inferred)")
        if isinstance(r.stated_position, str) and (pd.isna(r.stated_position_date) or "'" not in r.stated_position):
            bad.append(f"actors.csv {r.actor_id}: a stated position needs a dated quotation")
        if isinstance(r.stated_position, str) and r.confidence == "inferred" \
                and "Role and stances are stated on the cited pages; 'interests' is the kit's reading of them (inferred)." in note:
            bad.append(f"actors.csv {r.actor_id}: inferred only because of its interests, though its position is a dated quote")
    assert not bad, "\n".join(bad)


# -- keys that sort claims: each key's label is the claim's verdict or type in claims.csv -------------
def key_label_mismatches(questions) -> list[str]:
    c = claims()
    vocab = set(c.verdict) | set(c.claim_type)
    bad = []
    for q in questions:
        items = getattr(q, "items", None) or []
        if q.kind != "matching" or not items or not all(str(i) in c.index for i in items):
            continue
        options = q.options or {}
        if not set(options.values()) <= vocab:
            continue
        for cid, letter in q.expected_value().items():
            label = options.get(letter, letter)
            if label not in (c.at[cid, "verdict"], c.at[cid, "claim_type"]):
                bad.append(f"bank {q.qid}: the key gives {cid} {label!r}; claims.csv has verdict "
                           f"{c.at[cid, 'verdict']!r} and type {c.at[cid, 'claim_type']!r}")
    return bad


def test_claim_sorting_keys_agree_with_claims_csv():
    from kit.exercises import questions
    qs = list(questions().values())
    assert any(getattr(q, "items", None) and str(q.items[0]).startswith("c") for q in qs), "no claim-sorting key read"
    bad = key_label_mismatches(qs)
    assert not bad, "\n".join(bad)


def test_the_key_check_can_fail():
    from types import SimpleNamespace
    c = claims()
    wrong = next(v for v in sorted(set(c.verdict)) if v != c.at["c03", "verdict"])
    fake = SimpleNamespace(qid="qX", kind="matching", items=["c03"], options={"A": wrong},
                           expected_value=lambda: {"c03": "A"})
    assert key_label_mismatches([fake])
