"""Turn the PDF extraction of the column into clean paragraphs, and keep what was taken out.

The seed text is kept unchanged in data/article/column_raw.txt. Its artefacts, and what this module does:

* the dek (standfirst) is the first sentence, before the first paragraph   -> metadata
* a block of link URLs sits at a page break, inside a sentence ("A short" / "statement of
  solidarity ...")                                                           -> removed; sentence joined
* "Related article: ..." lines are the site's boxes                          -> metadata, with position
* the closing disclaimer                                                    -> metadata
* lines wrapped at the page width, "anti-" + "Russian" split at a hyphen    -> mended

A new paragraph starts after a blank line, or on a line indented by one space when the line before
ended a sentence (the extractor's mark for a paragraph break without a blank line).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

RELATED_PREFIX = "Related article:"
DISCLAIMER_START = "The views expressed in opinion pieces"
_SENTENCE_END = re.compile(r"[.!?”\"’]\s*$")
_URL_LINE = re.compile(r"^\s*https?://\S+\s*$")


class ColumnTextError(ValueError):
    """The text is not the column as the kit knows it; ``line`` (from 1) says where, when known."""

    def __init__(self, problem: str, line: int | None = None):
        super().__init__(problem)
        self.line = line


@dataclass
class ParsedColumn:
    dek: str
    paragraphs: list[str]
    related: list[tuple[int, str]]  # (the paragraph the box follows, its title)
    urls: list[str]                 # the page-break block, in order, repeats kept
    disclaimer: str
    hyphen_mends: list[str] = field(default_factory=list)  # e.g. "anti-Russian"
    page_break_join: str = ""       # the paragraph text around the URL block, e.g. "A short statement"


def _join_lines(lines: list[str], mends: list[str]) -> str:
    text = ""
    for line in lines:
        if text.endswith("-"):
            # A line ending in a hyphen is a compound split at the wrap ("anti-" / "Russian"):
            # keep the hyphen, drop the line break.
            mends.append(text.split()[-1] + line.split()[0])
            text += line
        else:
            text = f"{text} {line}".strip()
    return text


def parse_column(raw: str) -> ParsedColumn:
    """Split the raw extraction into dek, paragraphs and artefacts. Pure: text in, structure out."""
    blocks: list[list[str]] = []   # paragraphs, as lists of stripped lines
    starts: list[int] = []         # the line (from 1) each block starts on
    related: list[tuple[int, str]] = []
    urls: list[str] = []
    current: list[str] = []
    url_block_after: int | None = None  # index of the block open when the URL block began

    def close() -> None:
        nonlocal current
        if current:
            blocks.append(current)
            starts.append(current_start)
            current = []

    current_start = 0
    url_line = 0
    if "\x00" in raw:
        line = raw[: raw.index("\x00")].count("\n") + 1
        raise ColumnTextError("the text contains a NUL byte (the file is damaged)", line)
    for number, line in enumerate(raw.splitlines(), start=1):
        stripped = line.strip()
        if _URL_LINE.match(line):
            if url_block_after is None:
                close()
                url_block_after, url_line = len(blocks) - 1, number
            urls.append(stripped)
            continue
        if not stripped:
            close()
            continue
        if stripped.startswith(RELATED_PREFIX):
            close()
            related.append((len(blocks), stripped[len(RELATED_PREFIX):].strip()))
            continue
        if line.startswith(" ") and current and _SENTENCE_END.search(current[-1]):
            close()
        if not current:
            current_start = number
        current.append(stripped)
    close()

    if len(blocks) < 3:
        raise ColumnTextError("the column text is empty or cut short: it needs a dek, paragraphs and "
                              "the closing disclaimer")
    dek_lines, *body, disclaimer_lines = blocks
    if not " ".join(disclaimer_lines).startswith(DISCLAIMER_START):
        raise ColumnTextError("the column text does not end with the Moscow Times disclaimer (is the file cut "
                              "short?)", starts[-1])

    mends: list[str] = []
    paragraphs = [_join_lines(b, mends) for b in body]
    join = ""
    if url_block_after is not None:
        # The block that ended just before the URLs (index in `blocks`; body is shifted by the dek).
        i = url_block_after - 1
        if not 0 <= i < len(paragraphs) - 1:
            raise ColumnTextError("the block of link addresses must sit between two parts of a paragraph "
                                  "(a page break)", url_line)
        head, tail = paragraphs[i], paragraphs[i + 1]
        join = f"{head.split()[-1]} {tail.split()[0]}"
        paragraphs[i:i + 2] = [f"{head} {tail}"]
        # Boxes after the join point move up by one paragraph.
        related = [(n - 1 if n > url_block_after else n, t) for n, t in related]
    # Box positions count blocks including the dek: block k is paragraph k (1-based) after the dek.
    related = [(n - 1, t) for n, t in related]
    return ParsedColumn(
        dek=_join_lines(dek_lines, []),
        paragraphs=paragraphs,
        related=related,
        urls=urls,
        disclaimer=_join_lines(disclaimer_lines, []),
        hyphen_mends=mends,
        page_break_join=join,
    )
