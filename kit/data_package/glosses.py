"""Plain glosses of the hard words students read in class (data/glosses.csv), matched by their own forms.

A gloss lists the exact forms it stands for ("suppress | suppressed | suppressing"), so the reader never marks
a word that only looks like it: "reported" (the verb) is not a form of "report" (a news dispatch). Forms are
matched whole, case-insensitively, in plain text or in escaped HTML."""
from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from .datasets import load, package

# Letters that continue a word: a match must not start or end inside one ("pact" is not in "impact").
_EDGE_BEFORE, _EDGE_AFTER = r"(?<![\w’'-])", r"(?![\w’-])"


def forms_pattern(forms: str, html: bool = True) -> re.Pattern:
    """The listed forms ("a | b c | d") as one whole-word pattern; spaces match any run of spaces."""
    alts = []
    for form in (f.strip() for f in forms.split("|")):
        if form:
            words = [re.escape(escape(w) if html else w) for w in form.split()]
            alts.append(r"\s+".join(words))
    alts.sort(key=len, reverse=True)  # the longest form first: "crude oil" before "crude"
    return re.compile(_EDGE_BEFORE + "(?:" + "|".join(alts) + ")" + _EDGE_AFTER, re.IGNORECASE)


@lru_cache(maxsize=4)
def _patterns_for(folder: str, html: bool) -> tuple[tuple[re.Pattern, str, str], ...]:
    try:
        glosses = load("glosses", folder)
    except Exception:  # a data folder from before the glosses: nothing to mark
        return ()
    out = [(forms_pattern(row.forms, html), row.word, row.gloss) for row in glosses.itertuples()]
    return tuple(sorted(out, key=lambda p: -len(p[0].pattern)))


def gloss_patterns(html: bool = True) -> tuple[tuple[re.Pattern, str, str], ...]:
    """(pattern, word, gloss) for every gloss, longest first; ``html`` patterns match escaped text."""
    return _patterns_for(str(package().folder), html)


def glosses_in(text: str) -> list[tuple[str, str]]:
    """The glossed words a plain text uses, in the order of the glosses table: (word, gloss)."""
    return [(word, gloss) for pattern, word, gloss in gloss_patterns(html=False) if pattern.search(text)]


def words_to_know(text: str) -> str:
    """A Markdown list of the glossed words in a text (empty if none), for texts shown outside the reader."""
    found = glosses_in(text)
    if not found:
        return ""
    return "\n\n## Words to know\n\n" + "\n".join(f"- **{word}**: {gloss}" for word, gloss in found) + "\n"
