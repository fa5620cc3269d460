"""The people and actors of the unit under every spelling a student may meet.

Belarusian names reach English in two transliterations: from Belarusian (Tsikhanouskaya, Lukashenka,
Kalesnikava, Babaryka, Tsapkala) and from Russian (Tikhanovskaya, Lukashenko, Kolesnikova, Babariko,
Tsepkalo). News sites use both, so a student who writes either, or the surname alone, or the name in
Cyrillic, has named the right person. A state may be named by its capital or its leader ("the Kremlin",
"Brussels"). The husband and wife Tsikhanouski and Tsikhanouskaya stay two people: only whole names are
compared, never a part of one.

``canonical(text)`` gives the id the exercises use ("tsikhanouskaya", "russia", ...) or None.
"""
from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

# id -> spellings (lower case, Latin; Cyrillic is transliterated by anyascii before the lookup).
# Given names are optional: "Sviatlana Tsikhanouskaya" and "Tsikhanouskaya" are both listed through GIVEN.
SURNAMES = {
    "tsikhanouskaya": ["tsikhanouskaya", "tikhanovskaya", "tsikhanovskaya", "tsikhanouskaja", "cichanouskaja",
                       "tichanovskaja", "tikhanovskaia", "tsikhanouskaia"],
    "tsikhanouski": ["tsikhanouski", "tikhanovsky", "tikhanovskiy", "tikhanovskii", "tsikhanovsky",
                     "cichanouski", "tichanovskij"],
    "lukashenko": ["lukashenko", "lukashenka", "lukasenka", "lukashenko's", "lukaschenko", "loukachenko"],
    "babariko": ["babariko", "babaryka", "babarika"],
    "tsepkalo": ["tsepkalo", "tsapkala", "tsapkalo", "tsepkala"],
    "kalesnikava": ["kalesnikava", "kolesnikova", "kalesnikova"],
}
GIVEN = {
    "tsikhanouskaya": ["sviatlana", "svetlana", "sviatlana g", "svyatlana"],
    "tsikhanouski": ["siarhei", "sergei", "sergey", "siarhiej"],
    "lukashenko": ["alexander", "aleksandr", "alyaksandr", "aliaksandr", "alexandr"],
    "babariko": ["viktor", "viktar"],
    "tsepkalo": ["valery", "valeriy", "valer", "valeri"],
    "kalesnikava": ["maria", "maryia", "mariya", "maryja"],
}
# Actors of the role-play, named as a state, an institution, a capital or a leader.
ACTORS = {
    "russia": ["russia", "the kremlin", "kremlin", "moscow", "russian federation", "the russian government",
               "putin", "vladimir putin"],
    "eu": ["eu", "the eu", "european union", "the european union", "brussels", "european council",
           "the european council"],
    "usa": ["usa", "us", "the us", "the usa", "united states", "the united states", "washington", "america"],
    "osce": ["osce", "the osce", "organization for security and co-operation in europe",
             "organization for security and cooperation in europe"],
}


def _plain(text: str) -> str:
    """Lower case, Latin letters, no accents or punctuation (but the apostrophe of a possessive goes)."""
    text = anyascii(unicodedata.normalize("NFKC", str(text))).casefold()
    text = re.sub(r"'s\b", "", text)
    return " ".join(re.sub(r"[^a-z0-9&]+", " ", text).split())


def _table() -> dict[str, str]:
    table = {}
    for ident, surnames in SURNAMES.items():
        for surname in surnames:
            table[_plain(surname)] = ident
            for given in GIVEN.get(ident, []):
                table[_plain(f"{given} {surname}")] = ident
    for ident, names in ACTORS.items():
        for name in names:
            table[_plain(name)] = ident
    return table


SPELLINGS = _table()


def canonical(text) -> str | None:
    """The id of the person or actor ``text`` names as a whole, or None ("Tikhanovskaya" ->
    "tsikhanouskaya"; "the Kremlin" -> "russia"; "Tsikhanouskaya rejected it" -> None)."""
    if not isinstance(text, str):
        return None
    return SPELLINGS.get(_plain(text))
