# ruff: noqa: E501  (addresses are cited whole)
"""Issue 20, second pass: copies replaced by the original publisher's page (or dropped where a row's other pages
already say the same), from the decisions in originals_found.csv. Loaded by sources_review_apply.py, which applies it.

Each decision in originals_found.csv was made by reading the pages with the search tool (corpus `pages`) on 4 Dec
2026: `checked` says what was read and quotes the page. A decision is applied only when every text edit it needs
(`edit`: "table:row:column: OLD => NEW") can be made exactly; otherwise it counts as `keep` and the copy stays, with
the reason in the log (never a replacement whose page does not say what the row says).
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

FOUND = Path(__file__).with_name("originals_found.csv")
TABLES = ("protests", "actors", "timeline", "claims", "option_lenses", "glossary", "options", "aftermath", "documents")
OVERRIDE_MINT = ("the rows and the lens rule (datapackage.json) quote the English wording of the Putin-Merkel readout "
                 "as reported; the Kremlin's own page is in Russian")
VESTI_KEPT = ("the Kremlin's readout of 16 Aug stays on the outlet's own English report (quoting the Kremlin press "
              "service): the alternative, a Bulgarian report, would turn the readout's quoted words into paraphrase on "
              "pages where students read those words closely")
# Decisions the lead overrode after reading the report (decision id -> why it is kept as a copy).
OVERRIDE = {
    "agency2#26": "RT (Russian state media) offered for what Lukashenko said; the Moscow Times page stays (a reputable outlet, with AFP named)",
    "agency2#1": OVERRIDE_MINT,
    "r2a#40": VESTI_KEPT,
    "r2a#41": VESTI_KEPT,
    "r2a#42": VESTI_KEPT,
    "r2a#43": VESTI_KEPT,
    "r2a#44": VESTI_KEPT,
    "r2a#45": VESTI_KEPT,
    "r2a#46": VESTI_KEPT,
    "r2a#47": VESTI_KEPT,
    "r2a#48": VESTI_KEPT,
    "r2a#49": VESTI_KEPT,
    "r2a#50": VESTI_KEPT,
    "r2a#51": VESTI_KEPT,
    "r2a#52": VESTI_KEPT,
    "r2a#53": VESTI_KEPT,
    "r2a#54": VESTI_KEPT,
    "r2b#16": OVERRIDE_MINT,
    "agency1#10": "the new page does not carry the OSCE part of the row (the helper's own note)",
}
_PART = re.compile(r"\s+(?:\|\||\||;)\s+(?=(?:" + "|".join(TABLES) + r"):)")
_EDIT = re.compile(r"^(\w+):([^\s:]+(?::o\d\d)?):(\w+):\s+(.*?)\s+=>\s+(.*)$", re.S)
_DROP = re.compile(r"^(\w+):([^\s:]+):(\w+):\s+(?:drop|delete the sentence)\s+'(.*)'\s*(?:\(.*\))?$", re.S)
_CONDITIONAL = re.compile(r"\((?:unless|only if|if |read on|add )", re.I)
_NOTE_TO_LEAD = re.compile(r"\s*\((?:check |the dictionary gives|glossary:|date is on)[^()]*\)\s*$", re.I)


# The data package's `type` values (datapackage.json) for the words the researchers used.
TYPES = {"dictionary": "encyclopaedia", "dictionary entry": "encyclopaedia", "encyclopedia": "encyclopaedia",
         "encyclopedia entry": "encyclopaedia", "editorial": "opinion", "news analysis": "analysis",
         "interview transcript": "official statement", "official document": "official statement",
         "official fact-check": "official statement", "official meeting summary": "official statement",
         "official page": "official statement", "press release": "official statement",
         "photo gallery with captions": "news report", "news photo gallery": "news report",
         "official transcript": "official statement", "scholarly article": "analysis"}


def _type(text: str) -> str:
    text = text.strip()
    if text.startswith("official statement"):
        return "official statement"
    if text.startswith("news report"):
        return "news report"
    return TYPES.get(text, text or "news report")


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0] == text[-1] == "'":
        text = text[1:-1].replace("''", "'")
    return text


def _row_key(table: str, row: str):
    m = re.match(r"^([a-z_]+)(?:/|\(|:)(o\d\d)\)?$", row) if table == "option_lenses" else None
    return (m.group(1), m.group(2)) if m else row


def parse_edits(text: str) -> list[tuple] | None:
    """The edits as (table, row key, column, old, new); None if any part is an instruction, not an edit."""
    out = []
    for part in _PART.split(text.strip()) if text.strip() else []:
        part = part.strip()
        if part.endswith("no change needed") or re.search(r":\s*no change needed", part):
            continue
        m = _DROP.match(part)
        if m:
            table, row, col, old = m.groups()
            out.append((table, _row_key(table, row), col, old, ""))
            continue
        m = _EDIT.match(part)
        if not m or m.group(1) not in TABLES:
            return None
        table, row, col, old, new = m.groups()
        new = _NOTE_TO_LEAD.sub("", new)
        if _CONDITIONAL.search(new) or _CONDITIONAL.search(old):
            return None
        out.append((table, _row_key(table, row), col, _unquote(old), _unquote(new)))
    return out


def _scope(text: str) -> set | None:
    out = set()
    for item in text.split():
        parts = item.split(":")
        if len(parts) == 3:
            out.add((parts[0], (parts[1], parts[2])))
        elif len(parts) == 2:
            out.add((parts[0], _row_key(parts[0], parts[1])))
    return out or None


def load(read) -> tuple[dict, list, dict, list[str]]:
    """(scoped rules per old page, edits, new pages, log). ``read(table)`` gives a table as text cells."""
    rules: dict[str, list] = {}
    edits, new, log = [], {}, []
    frames = {}
    with open(FOUND, encoding="utf-8", newline="") as fh:
        decisions = list(csv.DictReader(fh))
    for d in decisions:
        action = d["action"].strip()
        if action not in ("replace", "drop"):
            continue
        if d["decision"] in OVERRIDE:
            log.append(f"kept ({d['decision']}): {OVERRIDE[d['decision']]}")
            continue
        parsed = parse_edits(d["edit"])
        if parsed is None:
            log.append(f"kept ({d['decision']}): its text edit is an instruction, not an exact edit: {d['edit'][:120]}")
            continue
        ok = True
        for table, key, col, old, new_text in parsed:
            frame = frames.setdefault(table, read(table))
            if col not in frame.columns:
                ok = False
                break
            if isinstance(key, tuple):
                mask = (frame.iloc[:, 0] == key[0]) & (frame.iloc[:, 1] == key[1])
            else:
                mask = frame.iloc[:, 0] == key
            cells = list(frame.loc[mask, col])
            if not cells or not all(old in c or (new_text and new_text in c) for c in cells):
                ok = False
                break
        if not ok:
            log.append(f"kept ({d['decision']}): an edit's old text is not in the row as it stands: {d['edit'][:120]}")
            continue
        edits += [(t, k, c, o, n) for t, k, c, o, n in parsed]
        url = d["new_url"].strip()
        targets = [url] if action == "replace" and url else []
        if action == "replace" and not url:
            log.append(f"kept ({d['decision']}): no new page given")
            continue
        rules.setdefault(d["old_url"].strip(), []).append((targets, _scope(d["scope"])))
        if url:
            kind = d["new_kind"].strip() if d["new_kind"].strip() in ("original", "official", "wire") else "original"
            new.setdefault(url, dict(
                title=d["new_title"].strip() or url, publisher=d["new_publisher"].strip() or "see the title",
                date=d["new_date"].strip() if re.fullmatch(r"\d{4}-\d\d-\d\d", d["new_date"].strip()) else "",
                type=_type(d["new_type"]), kind=kind,
                original_publisher=re.sub(r"\s*\(.*\)$", "", d["new_publisher"].strip()) or d["new_publisher"].strip(),
                note=(("" if re.fullmatch(r"\d{4}-\d\d-\d\d|", d["new_date"].strip())
                       else f"Dated {d['new_date'].strip()} (no day given). ")
                      + "Read with the search tool on 4 Dec 2026 (issue 20, originals pass, " + d["decision"] + "): "
                      + " ".join(d["checked"].split())[:400])))
    return rules, edits, new, log


def rule_for(rules: dict, url: str, table: str, frame, i) -> list[str] | None:
    """The pages that replace ``url`` in this row (an empty list drops it), or None if no decision covers it."""
    first = frame.iat[i, 0]
    second = frame.iat[i, 1] if frame.shape[1] > 1 else None
    for targets, scope in sorted(rules.get(url, []), key=lambda r: r[1] is None):  # a row named first
        if scope is None or (table, first) in scope or (table, (first, second)) in scope:
            return targets
    return None


def sought_in_vain() -> set[str]:
    """Pages a researcher kept as copies after searching for the original (a `keep` decision, or one the lead
    overrode), in either pass."""
    with open(FOUND, encoding="utf-8", newline="") as fh:
        return {d["old_url"].strip() for d in csv.DictReader(fh)
                if d["action"].strip() == "keep" or d["decision"] in OVERRIDE}
