"""The document set and the organiser students fill in per document: pure logic, no widgets.

A student reads a document (the original excerpt, or the version MODIFIED by the kit for weaker
readers), then fills in the organiser's four parts: sourcing, context, close reading, corroboration.
Entries are saved like answers (kit.exercises.responses, under the lesson's organiser question, one
entry per document) and print as a worksheet (markdown or HTML). kit.document_widgets is the thin
widget layer over these functions.
"""
from __future__ import annotations

import difflib
import re

import pandas as pd

from ..errors import UnknownDatasetError
from ..html import escape
from .datasets import load

#: The organiser: (key, part, question). "agrees" is a choice; the rest are short text.
FIELDS = [
    ("who", "Sourcing", "Who wrote or said it, and who published it?"),
    ("when", "Sourcing", "When? Before or after the column (16 August 2020)?"),
    ("why", "Sourcing", "Why was it written, and for whom?"),
    ("context", "Context", "What was happening in Belarus when it was written?"),
    ("claims", "Close reading", "What does it claim? Quote a few words."),
    ("words", "Close reading", "Which words show the author's point of view?"),
    ("agrees", "Corroboration", "Does it agree with the column?"),
    ("compare", "Corroboration", "Compare it with another document: which one, and do they agree?"),
]
AGREE_CHOICES = ("agrees", "partly agrees", "disagrees", "is about something else", "not sure yet")
#: The organiser question of each lesson that uses the document set (a text question in the bank).
ORGANISER_QUESTION = {1: "q1.9", 5: "q5.9"}
MAX_CHARS = 600


def documents() -> pd.DataFrame:
    """The document set (kit.documents()), in document order."""
    return load("documents")


def document(doc_id: str) -> pd.Series:
    """One document's row. An unknown id gets a message naming the ids there are."""
    docs = documents()
    key = str(doc_id).strip().lower()
    rows = docs[docs["doc_id"] == key]
    if rows.empty:
        ids = list(docs["doc_id"])
        close = difflib.get_close_matches(key, ids, n=1, cutoff=0.5)
        hint = f" Did you mean \"{close[0]}\"?" if close else ""
        raise UnknownDatasetError(f"There is no document called {doc_id!r}.{hint} "
                                  f"The documents are {', '.join(ids)}.")
    return rows.iloc[0]


def glossary_pairs(cell) -> list[tuple[str, str]]:
    """'word: meaning; word: meaning' as a list of (word, meaning)."""
    pairs = []
    for item in str(cell or "").split(";"):
        word, _, meaning = item.partition(":")
        if word.strip() and meaning.strip():
            pairs.append((word.strip(), meaning.strip()))
    return pairs


def source_line(doc: pd.Series) -> str:
    """Author, publisher and date, and, for a copy, what it is a copy of."""
    line = f"{doc.author}. {doc.publisher}, {doc.date:%d %B %Y}."
    if isinstance(doc.copy_of, str) and doc.copy_of:
        line += f" Read in a copy of: {doc.copy_of}."
    return line


def card_html(doc_id: str, version: str = "original") -> str:
    """A document as students see it: title, source line, the excerpt, the hard words.

    ``version`` is "original" (quoted exactly) or "modified" (the kit's simplified version, labelled
    as such on the card)."""
    if version not in ("original", "modified"):
        raise ValueError(f"version must be 'original' or 'modified', not {version!r}")
    doc = document(doc_id)
    text = doc.excerpt_original if version == "original" else doc.excerpt_modified
    label = ("Original excerpt: quoted exactly from the page read (some paragraphs are left out)"
             if version == "original" else
             "MODIFIED version: shortened and simplified by the kit, not the author's words")
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in str(text).split("\n") if p.strip())
    from .glosses import glosses_in
    pairs = glossary_pairs(doc.glossary)
    # The document's own hard words, then any other word above B1 it uses (data/glosses.csv).
    known = {word.lower()[:5] for term, _ in pairs for word in term.split()}  # "reaffirmed" covers "reaffirm"
    pairs += [(w, g) for w, g in glosses_in(str(text)) if w.lower()[:5] not in known]
    words = "".join(f"<li><b>{escape(w)}</b>: {escape(m)}</li>" for w, m in pairs)
    return (f"<section class='kit-document' aria-label='Document {escape(doc.doc_id)}'>"
            f"<h4>Document {escape(doc.doc_id)}: {escape(doc.title)}</h4>"
            f"<p><b>Source:</b> {escape(source_line(doc))} ({escape(doc.genre)})<br>"
            f"<b>Page read:</b> <code>{escape(doc.source_url)}</code><br>"
            f"<b>How sure we are of the wording:</b> {escape(doc.confidence)}. {escape(doc.note)}</p>"
            f"<p><i>{escape(label)}</i></p><blockquote>{paragraphs}</blockquote>"
            f"<details open><summary>Hard words</summary><ul>{words}</ul></details></section>")


# -- the organiser ---------------------------------------------------------------------------------
def blank_entry() -> dict[str, str]:
    return {key: "" for key, _, _ in FIELDS}


def clean_entry(doc_id: str, entry) -> tuple[dict[str, str], list[str]]:
    """A student's organiser entry, tidied, and a kind message for each problem (never raises).

    Unknown fields are reported, not kept; text is trimmed to MAX_CHARS; "agrees" must be one of
    AGREE_CHOICES (or empty)."""
    problems: list[str] = []
    try:
        document(doc_id)
    except UnknownDatasetError as err:
        return blank_entry(), [str(err)]
    if not isinstance(entry, dict):
        return blank_entry(), ["The organiser needs a dictionary, for example {\"who\": \"...\", \"when\": \"...\"}."]
    out = blank_entry()
    for key, value in entry.items():
        if key not in out:
            problems.append(f"'{key}' is not a part of the organiser; the parts are {', '.join(out)}.")
            continue
        text = re.sub(r"\s+", " ", str(value if value is not None else "")).strip()
        if len(text) > MAX_CHARS:
            problems.append(f"'{key}' is long; the first {MAX_CHARS} characters are kept.")
            text = text[:MAX_CHARS]
        out[key] = text
    if out["agrees"] and out["agrees"] not in AGREE_CHOICES:
        problems.append(f"For 'agrees', choose one of: {', '.join(AGREE_CHOICES)}.")
        out["agrees"] = ""
    return out, problems


def missing_parts(entry: dict[str, str]) -> list[str]:
    """The organiser's parts (Sourcing, Context, ...) that have an empty box."""
    parts = []
    for key, part, _ in FIELDS:
        if not entry.get(key) and part not in parts:
            parts.append(part)
    return parts


def as_text(doc_id: str, entry: dict[str, str]) -> str:
    """One document's organiser as plain sentences (what the teacher reads in the answers)."""
    lines = [f"Document {doc_id}."]
    lines += [f"{question} {entry.get(key) or '(empty)'}" for key, _, question in FIELDS]
    return " ".join(lines)


def worksheet(entries: dict[str, dict[str, str]] | None = None, doc_ids: list[str] | None = None,
              fmt: str = "markdown", student: str = "") -> str:
    """A printable worksheet: for each document its source line and the organiser, filled in with the
    student's entries where there are any (blank lines otherwise). fmt is "markdown" or "html"."""
    if fmt not in ("markdown", "html"):
        raise ValueError(f"fmt must be 'markdown' or 'html', not {fmt!r}")
    entries = entries or {}
    ids = doc_ids or (sorted(entries) if entries else list(documents()["doc_id"]))
    blocks = []
    for doc_id in ids:
        doc = document(doc_id)
        entry = entries.get(doc.doc_id, {})
        rows = [(part, question, entry.get(key, "")) for key, part, question in FIELDS]
        blocks.append((doc, rows))
    title = "Document organiser" + (f": {student}" if student else "")
    if fmt == "markdown":
        lines = [f"# {title}", ""]
        for doc, rows in blocks:
            lines += [f"## Document {doc.doc_id}: {doc.title}", "", source_line(doc), "",
                      "| part | question | your notes |", "|---|---|---|"]
            lines += [f"| {p} | {q} | {(a or '_' * 30).replace('|', '/')} |" for p, q, a in rows]
            lines.append("")
        return "\n".join(lines)
    sections = []
    for doc, rows in blocks:
        body = "".join(f"<tr><th scope='row'>{escape(p)}</th><td>{escape(q)}</td>"
                       f"<td class='answer'>{escape(a) or '&nbsp;'}</td></tr>" for p, q, a in rows)
        sections.append(f"<section><h2>Document {escape(doc.doc_id)}: {escape(doc.title)}</h2>"
                        f"<p>{escape(source_line(doc))}</p><table><thead><tr><th>part</th><th>question</th>"
                        f"<th>your notes</th></tr></thead><tbody>{body}</tbody></table></section>")
    style = ("body{font-family:sans-serif;max-width:50em;margin:auto}table{border-collapse:collapse;"
             "width:100%}td,th{border:1px solid #444;padding:6px;vertical-align:top;text-align:left}"
             "td.answer{height:3em;width:50%}section{page-break-inside:avoid;margin-bottom:2em}")
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title>"
            f"<style>{style}</style></head><body><h1>{escape(title)}</h1>{''.join(sections)}</body></html>")


# -- reading before the documents ------------------------------------------------------------------
class Text(str):
    """Markdown text that a notebook renders (and plain Python prints as it is)."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        return str(self)


def _read_text(name: str) -> Text:
    from ..source.files import data_dir
    return Text((data_dir() / name).read_text(encoding="utf-8"))


def background() -> Text:
    """Belarus 1994-2020 in about 300 plain words, with numbered sources (data/background.md), then the
    hard words it uses with their plain glosses (data/glosses.csv)."""
    from .glosses import words_to_know
    text = _read_text("background.md")
    return Text(text + words_to_know(text.split("\n## Sources")[0]))


def lateral_packet() -> Text:
    """The offline lateral-reading packet about the outlet and the author (data/lateral_reading.md)."""
    return _read_text("lateral_reading.md")
