"""Who a student is, for files and for display: any name, in any script, gives a distinct, stable id.

``student_id("Аня Петрова")`` -> ``"anya-petrova-1a2b3c"``: a readable ASCII slug (transliterated with
anyascii) and six hex digits of a hash of the name, so two names that transliterate alike (or not at
all) never share a folder. ``display_name`` strips invisible characters for showing a name; the name as
typed is kept wherever it is stored.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from anyascii import anyascii

MAX_SLUG = 40
# Bidirectional controls and zero-width characters (their category is Cf, "format") can make a name
# look like another, or reverse the text around it; control characters (Cc) break lines and files.
_HIDDEN_CATEGORIES = {"Cc", "Cf"}


def _canonical(name) -> str:
    return unicodedata.normalize("NFC", str(name)).strip().casefold()


def student_id(name) -> str:
    """``<slug>-<hash6>``: ASCII, lower case, safe as a file or folder name, the same for the same name."""
    text = str(name)
    slug = re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")[:MAX_SLUG].strip("-")
    digest = hashlib.sha256(_canonical(text).encode("utf-8")).hexdigest()[:6]
    return f"{slug or 'student'}-{digest}"


def display_name(name) -> tuple[str, bool]:
    """The name without control, bidi or zero-width characters, and whether anything was removed."""
    text = str(name)
    clean = "".join(ch for ch in text if unicodedata.category(ch) not in _HIDDEN_CATEGORIES)
    return clean, clean != text
