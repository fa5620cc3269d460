"""Expected answers computed from the data when a check runs (so none is written in a notebook)."""
from __future__ import annotations

from ...data_package import tables


def first_paragraph_with(term: str) -> int:
    from ...data_package.article import load_article
    return int(load_article().find(term)["paragraph"].min())


def section_order(letters: dict[str, str]) -> list[str]:
    from ...data_package.datasets import load
    order = [str(c) for c in load("summaries")["section"].cat.categories]
    return sorted(letters, key=lambda k: order.index(letters[k]))


def events_in_order(letters: dict[str, str]) -> list[str]:
    dates = tables.timeline().set_index("event_id")["date"]
    return sorted(letters, key=lambda k: dates[letters[k]])


def largest(measure_id: str, year: int) -> float:
    p = tables.protests()
    rows = p[(p["measure_id"] == measure_id) & (p["year"] == year)]
    return float(rows[["value", "low", "high"]].max().max())
