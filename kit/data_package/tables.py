"""One small function per dataset (in the manner of plotly.express.data), and compare().

Each docstring states the rows, the columns and the source; tests/test_tables.py checks the row counts
against the data, so a docstring cannot silently go stale.
"""
from __future__ import annotations

import difflib
from functools import lru_cache

import pandas as pd

from ..errors import UnknownDatasetError
from .datasets import load

FRAME_DATE = "2020-08-20"   # the day lessons 3 and 4 are set on; lesson 2 shows nothing after it


def protests(whole_wave: bool = False) -> pd.DataFrame:
    """The 2006 and 2020 elections and protest waves, side by side, in tidy form.

    Rows: 143, one per year, measure and claimant (2006: 54, 2020: 89). By default the 35 rows marked
    after_frame (figures and events after 20 August 2020, or counts that run past it) are left out: 108 rows
    (2020: 54); whole_wave=True gives all 143.
    Columns: row_id, year, dimension, measure_id, measure, claimed_by, official_claim, value, low,
    high, unit, text, date, after_frame, source_url, source_title, confidence, note.
    Source: news reports, official statements, observers' and human rights reports (see source_url).

    Lesson 2 (and everything before lesson 4's reveal) uses the default: the 2020 wave as it stood on
    20 August 2020. Lessons 5 and 6, after the reveal, may ask for the whole wave.
    """
    table = load("protests")
    if whole_wave:
        return table
    return table[~table["after_frame"].astype(bool)].reset_index(drop=True)


def timeline() -> pd.DataFrame:
    """Dated events from 1994 to 2025.

    Rows: 86, one per event. Columns: event_id, date, date_precision, title, description, actors,
    category, column_paragraphs, source_url, source_title, confidence, note.
    Source: news reports and encyclopaedia pages (see source_url).
    """
    return load("timeline")


def actors() -> pd.DataFrame:
    """The people, states and bodies the column names, and key ones it leaves out.

    Rows: 39. Columns: actor_id, name, kind, role, named_in_column, column_paragraphs, interests,
    stance_2006, stance_2020, known_by, stated_position, stated_position_date, stated_position_url,
    analyst_reading, source_url, source_title, confidence, note.
    The role-play actors have a role card as of 20 Aug 2020: what they said (stated_position, its date and
    page) and, labelled apart, the kit's reading of their interests (analyst_reading).
    Source: news reports and encyclopaedia pages; interests are partly the kit's reading.
    """
    return load("actors")


def options() -> pd.DataFrame:
    """The policy options of August 2020, with the kit's scores on five criteria, as of 20 Aug 2020.

    Rows: 12. Columns: option_id, actors, label, description, column_view, column_paragraphs,
    expected_benefits, risks, precedents, what_happened, five scores (feasibility, de_escalation,
    protester_safety, belarusian_choice, actor_interest) and a rationale for each, source_url,
    source_title, known_by, rationale_sources, judgement, confidence, note.
    Source: the column for what it says; news reports for what happened (what_happened, hindsight: for
    after the debate). The scores are the kit's value judgements as of the decision day (known_by), for
    debate; their rationales cite only pages dated up to that day (rationale_sources).
    """
    return load("options")


def option_lenses() -> pd.DataFrame:
    """Each viewer's interest in each policy option, as of 20 Aug 2020: the options through their eyes.

    Rows: 72, one per viewer and option (6 viewers x 12 options). Columns: viewer, option_id, interest
    (0-5), rationale, known_by, source_url, source_title, judgement, confidence, note.
    Viewers: lukashenko, russia (the Kremlin), eu, coordination_council (the protesters and the
    opposition), usa, author (the column's author).
    Source: the actors' own statements of 10-20 Aug 2020 and the column (see source_url); the scores are
    the kit's value judgements, for debate.
    """
    return load("option_lenses")


def glossary() -> pd.DataFrame:
    """Terms a student meets, with a plain and a fuller definition.

    Rows: 48. Columns: term_id, term, plain_definition, full_definition, also_known_as,
    column_paragraphs, source_url, source_title, confidence, note.
    Source: encyclopaedia pages and news reports.
    """
    return load("glossary")


def claims() -> pd.DataFrame:
    """The column's claims, paragraph by paragraph, with a fact-checker's verdict.

    Rows: 55, one per claim. Columns: claim_id, paragraph, quote, claim_type, link_url, verdict, evidence,
    source_url, source_title, confidence, note.
    Source: the column for the quotes; news reports, official and human rights reports for the evidence.
    """
    return load("claims")


def aftermath() -> pd.DataFrame:
    """What happened next, 2020-2025, for the people and the predictions.

    Rows: 41, one per item. Columns: item_id, date, date_precision, subject, title, what_happened,
    related_claims, source_url, source_title, confidence, note.
    Source: news reports and human rights reports.
    """
    return load("aftermath")


def documents() -> pd.DataFrame:
    """A document set beside the column: seven short contemporary documents, 7-20 August 2020.

    Rows: 7, one per document (d1-d7). Columns: doc_id, title, author, publisher, date, genre,
    source_url, source_title, copy_of, original_url, excerpt_original, excerpt_modified, glossary,
    confidence, note.
    Source: the Kremlin's readouts of 15 and 16 Aug 2020 (as quoted by Interfax-Ukraine; a copy of the
    English text), the European Council's conclusions of 19 Aug (WiredGov's copy), Tsikhanouskaya's
    statement of 17 Aug (Euroradio), the Belarusian presidency's readout of 7 Aug and its report of the
    Security Council of 18 Aug (president.gov.by), and a reader's letter in The Washington Post of 20 Aug.
    excerpt_modified is the kit's own simplified version, labelled MODIFIED.
    """
    return load("documents")


def sources() -> pd.DataFrame:
    """Every source the kit's data cites.

    Rows: 506, one per page. Columns: url, title, publisher, date, type, kind (original, official, wire or
    copy), original_publisher, original_url, datasets, note. The column itself is the row ``kit:column``.
    """
    return load("sources")


COMPARE_COLUMNS = ["year", "measure", "claimed_by", "official_claim", "value", "low", "high", "unit",
                   "text", "date", "after_frame", "confidence", "source_url", "source_title", "note"]


def measures(whole_wave: bool = False) -> pd.DataFrame:
    """The measures of the protests table: id, label, dimension, and the years that have it
    (by default as of 20 August 2020, like protests(); whole_wave=True adds the later rows)."""
    from .datasets import _cached_frame_key, package
    return _measures_for(_cached_frame_key(package(), "protests"), whole_wave).copy()


@lru_cache(maxsize=8)
def _measures_for(key: tuple, whole_wave: bool = False) -> pd.DataFrame:
    """Computed once per version of protests.csv (the explorer asks on every change)."""
    table = protests(whole_wave)
    grouped = table.groupby("measure_id", sort=False, observed=True)
    out = grouped.agg(measure=("measure", "first"), dimension=("dimension", "first"))
    years = grouped["year"].unique()
    out["years"] = [" ".join(str(int(y)) for y in sorted(ys)) for ys in years.reindex(out.index)]
    out["paired"] = out["years"] == "2006 2020"
    return out.reset_index().sort_values(["dimension", "measure_id"], kind="stable").reset_index(drop=True)


def resolve_measure(measure: str) -> str:
    """Accept a measure id or its label (any case); suggest the closest when unknown."""
    table = measures(whole_wave=True)
    key = str(measure).strip()
    by_id = {m.lower(): m for m in table["measure_id"]}
    by_label = {str(label).lower(): m for label, m in zip(table["measure"], table["measure_id"])}
    for candidate in (key.lower(), key.lower().replace(" ", "_")):
        for lookup in (by_id, by_label):
            if candidate in lookup:
                return lookup[candidate]
    close = difflib.get_close_matches(key.lower().replace(" ", "_"), list(by_id), n=3, cutoff=0.4)
    hint = f" Did you mean: {', '.join(by_id[c] for c in close)}?" if close else ""
    raise UnknownDatasetError(f"There is no measure called '{measure}'.{hint} "
                              "kit.measures() lists them all.")


def compare(measure: str, whole_wave: bool = False) -> pd.DataFrame:
    """2006 and 2020 side by side for one measure: every claim with its range and its sources.

    ``measure`` is a measure id (``"peak_protest_size"``) or its label. Rows are sorted by year; a
    year with no sourced figure has no row (the dataset description lists such gaps). Like protests(),
    2020 stops at 20 August 2020 unless whole_wave=True.
    """
    measure_id = resolve_measure(measure)
    table = protests(whole_wave)
    rows = table[table["measure_id"] == measure_id].sort_values(["year", "row_id"])
    return rows[COMPARE_COLUMNS].reset_index(drop=True)
