"""The column as one object: clean paragraphs, metadata with its status, embedded links, related boxes."""
from __future__ import annotations

import datetime as dt
import math
import os
import re
from dataclasses import dataclass, field

import pandas as pd

from ..errors import DataError
from ..html import escape
from ..source.parse import ParsedColumn, parse_column
from .datasets import package

RAW_FILE = "article/column_raw.txt"
METADATA_FILE = "article/metadata.json"
# The column read closely, with the reader's word help: the rate the lesson plans use for it
# (kit.classroom.lessons.COLUMN_WPM, a B1-B2 learner; this layer may not import the classroom layer, so the
# number is stated here too and tests/test_student_words.py keeps the two equal). An adult native reader's
# 200 words a minute made the card say 7 minutes where lesson 1 plans about 35 (issue 24).
COLUMN_WPM = 40
WORDS_PER_MINUTE = COLUMN_WPM  # the older name


@dataclass(frozen=True)
class Field:
    """One fact about the column, with how sure we are (verified / inferred / unknown) and why."""

    value: object
    status: str
    evidence: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, repr=False)
class Article:
    """The column. Paragraphs are numbered from 1, as every lesson and dataset refers to them."""

    title: str
    dek: str
    author: str
    outlet: str
    section: str
    genre: str
    published: dt.date
    url: str
    paragraphs: dict[int, str]
    links: pd.DataFrame
    related: pd.DataFrame
    metadata: dict[str, Field]
    disclaimer: str
    parsed: ParsedColumn = field(compare=False)

    # -- derived views --------------------------------------------------------------------------
    @property
    def text(self) -> str:
        """The clean text: paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs.values())

    @property
    def frame(self) -> pd.DataFrame:
        """One row per paragraph: paragraph (1..35), text, words."""
        rows = [(n, t, len(t.split())) for n, t in self.paragraphs.items()]
        return pd.DataFrame(rows, columns=["paragraph", "text", "words"])

    @property
    def word_count(self) -> int:
        return sum(len(t.split()) for t in self.paragraphs.values())

    @property
    def reading_minutes(self) -> int:
        return math.ceil(self.word_count / COLUMN_WPM)

    @property
    def sourcing(self) -> pd.DataFrame:
        """What is known about the column: one row per fact, with its status and the evidence."""
        rows = [(name, f.value, f.status, " ".join(f.evidence), f.note) for name, f in self.metadata.items()]
        return pd.DataFrame(rows, columns=["fact", "value", "status", "evidence", "note"])

    def status(self, name: str) -> str:
        """How sure the kit is of one metadata field: verified, inferred or unknown."""
        return self.metadata[name].status

    def find(self, term: str) -> pd.DataFrame:
        """Paragraphs that mention ``term`` (case-insensitive), with a short snippet around each match."""
        term = str(term).strip()
        rows = []
        if term:
            pattern = re.compile(re.escape(term), re.IGNORECASE)
            for number, text in self.paragraphs.items():
                match = pattern.search(text)
                if match:
                    start, end = max(0, match.start() - 40), min(len(text), match.end() + 40)
                    snippet = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
                    rows.append((number, len(pattern.findall(text)), snippet))
        return pd.DataFrame(rows, columns=["paragraph", "matches", "snippet"])

    @property
    def DESCR(self) -> str:  # noqa: N802 - the sklearn name teachers may know
        def mark(name: str) -> str:
            status = self.status(name)
            return "" if status == "verified" else f" [{status}]"
        author_note = self.metadata["author"].note
        lines = [
            self.title,
            self.dek,
            "",
            f"Outlet:     {self.outlet}, {self.section} section{mark('outlet')}",
            f"Published:  {self.published:%d %B %Y}{mark('published')}",
            f"Author:     {self.author}{mark('author')}",
            f"Genre:      {self.genre} (an argument for a point of view, not a news report)",
            f"Length:     {len(self.paragraphs)} paragraphs, {self.word_count} words, about "
            f"{self.reading_minutes} minutes to read closely at {COLUMN_WPM} words a minute (the lesson plans' rate)",
            # The text was read on a forum's copy (metadata.json keeps its address, labelled): a student page
            # names the publisher to cite, not the forum (issue 20; lesson 5 teaches to skip forums).
            "Source:     a copy posted on a discussion forum, because the Moscow Times page address is not known. "
            f"Cite it as {self.outlet}, {self.published:%d %B %Y}, never the forum.",
            f"Links:      {len(self.links)} embedded links; {len(self.related)} 'related article' boxes",
            "",
            f"About the author: {author_note}",
            f"Disclaimer: {self.disclaimer}",
            "",
            "verified = read on a page; inferred = worked out from evidence; unknown = not found.",
        ]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.DESCR

    def _repr_html_(self) -> str:
        def badge(name: str) -> str:
            status = self.status(name)
            colour = {"verified": "#1b7837", "inferred": "#b35806", "unknown": "#542788"}[status]
            return (f"<span style='border:1px solid {colour};color:{colour};border-radius:4px;"
                    f"padding:0 4px;font-size:80%'>{escape(status)}</span>")
        rows = [
            ("Outlet", f"{escape(self.outlet)}, {escape(self.section)}", "outlet"),
            ("Published", escape(f"{self.published:%d %B %Y}"), "published"),
            ("Author", escape(self.author), "author"),
            ("Genre", f"{escape(self.genre)}: an argument for a point of view, not a news report", "genre"),
        ]
        body = "".join(f"<tr><th style='text-align:left'>{k}</th><td>{v} {badge(n)}</td></tr>"
                       for k, v, n in rows)
        return (
            "<div class='kit-source-card' role='region' aria-label='Source card' "
            "style='border:1px solid #999;border-radius:6px;padding:8px 12px;max-width:46em'>"
            f"<h3 style='margin-top:0'>{escape(self.title)}</h3><p><i>{escape(self.dek)}</i></p>"
            f"<table>{body}</table>"
            f"<p style='font-size:90%'>{escape(self.metadata['author'].note)}</p>"
            f"<p style='font-size:90%'>{len(self.paragraphs)} paragraphs, {self.word_count} words, "
            f"about {self.reading_minutes} minutes to read closely with the reader's help ({COLUMN_WPM} words a "
            f"minute, as the lesson plans count). {escape(self.disclaimer)}</p></div>")


REQUIRED_FIELDS = ("headline", "author", "outlet", "section", "genre", "published", "read_at")
STATUSES = ("verified", "inferred", "unknown")


def _field(name: str, f) -> Field:
    if not isinstance(f, dict) or "value" not in f or "status" not in f:
        raise DataError("this field needs a value and a status", file=METADATA_FILE, column=name)
    if f["status"] not in STATUSES:
        raise DataError(f"the status {f['status']!r} is not one of {', '.join(STATUSES)}",
                        file=METADATA_FILE, column=name)
    evidence = f.get("evidence", [])
    if not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence):
        raise DataError("evidence must be a list of web addresses", file=METADATA_FILE, column=name)
    if not isinstance(f.get("note", ""), str):
        raise DataError("the note must be text", file=METADATA_FILE, column=name)
    return Field(f["value"], f["status"], tuple(evidence), f.get("note", ""))


def _read_metadata(folder) -> dict[str, Field]:
    from .datasets import read_json
    doc = read_json(folder / METADATA_FILE, METADATA_FILE)
    fields = doc.get("fields") if isinstance(doc, dict) else None
    if not isinstance(fields, dict):
        raise DataError("needs an object \"fields\" with one entry per fact", file=METADATA_FILE)
    meta = {str(name): _field(str(name), f) for name, f in fields.items()}
    for name in REQUIRED_FIELDS:
        if name not in meta:
            raise DataError("this field is missing", file=METADATA_FILE, column=name)
        if not isinstance(meta[name].value, str) or not meta[name].value.strip():
            raise DataError("the value must be some text", file=METADATA_FILE, column=name)
    try:
        dt.date.fromisoformat(meta["published"].value)
    except ValueError:
        raise DataError(f"{meta['published'].value!r} is not a date (write it as YYYY-MM-DD)",
                        file=METADATA_FILE, column="published") from None
    return meta


def read_raw(data_dir: str | os.PathLike | None = None) -> str:
    """The seed text exactly as it was extracted from the PDF."""
    from .datasets import decode, read_bytes
    pkg = package(data_dir)
    return decode(read_bytes(pkg.folder / RAW_FILE, RAW_FILE), RAW_FILE)


def _parse(raw: str) -> ParsedColumn:
    """The column parsed, or the kit's error naming the file and line (a file cut short, a stray block)."""
    try:
        return parse_column(raw)
    except ValueError as err:
        line = getattr(err, "line", None)
        where = f" (line {line})" if line else ""
        raise DataError(f"{err}{where}", file=RAW_FILE) from None


def load_article(data_dir: str | os.PathLike | None = None) -> Article:
    """The column, cleaned, with its metadata.

    Returns an Article with ``title``, ``dek``, ``author``, ``outlet``, ``published`` (a date), ``url``,
    ``paragraphs`` ({1: text, ...}, 35 paragraphs), ``text``, ``links`` (7 embedded links),
    ``related`` (3 related-article boxes), ``frame`` (one row per paragraph), ``DESCR`` and ``find()``.
    Source: data/article/column_raw.txt (the PDF extraction) and data/article/metadata.json.
    """
    pkg = package(data_dir)
    parsed = _parse(read_raw(data_dir))
    meta = _read_metadata(pkg.folder)
    from .datasets import load
    return Article(
        title=meta["headline"].value,
        dek=parsed.dek,
        author=meta["author"].value,
        outlet=meta["outlet"].value,
        section=meta["section"].value,
        genre=meta["genre"].value,
        published=dt.date.fromisoformat(meta["published"].value),
        url=meta["read_at"].value,
        paragraphs={n: t for n, t in enumerate(parsed.paragraphs, start=1)},
        links=load("links", data_dir),
        related=load("related", data_dir),
        metadata=meta,
        disclaimer=parsed.disclaimer,
        parsed=parsed,
    )

