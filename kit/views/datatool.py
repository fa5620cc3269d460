"""The table tool: the no-code route through the data exercises, as pure functions.

A student keeps rows by choosing values from lists (one filter or two), then chooses what to do with
them: show the rows, count them, count the different values of a column, find the largest or the smallest
number, or draw a bar chart. These are the steps the pandas route writes as code (a filter, ``len``,
``nunique``, ``max``, ``min``, ``px.bar``), so both routes train the same skill. The widget is in kit.exercises.nocode.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..data_package import tables

ANY = "(any)"


def words() -> pd.DataFrame:
    """The column's words to look up: for each glossary term (its short name, "CSTO" for "CSTO (Collective
    Security Treaty Organization)"), one row per paragraph that mentions it, as ``article.find`` lists them.
    Exercise 1.5 without code: keep the rows of a word, then find the smallest paragraph number."""
    from ..data_package.article import load_article
    article = load_article()
    rows = []
    for term in tables.glossary()["term"]:
        word = str(term).split(" (")[0].strip().strip('"')
        for hit in article.find(word).itertuples():
            rows.append((word, int(hit.paragraph), hit.snippet))
    return pd.DataFrame(rows, columns=["word", "paragraph", "snippet"]).drop_duplicates(["word", "paragraph"])


TABLES = {"protests": tables.protests, "claims": tables.claims, "timeline": tables.timeline,
          "options": tables.options, "words": words}
OPERATIONS = {"rows": "show the rows", "count": "count the rows",
              "distinct": "count the different values in a column", "largest": "find the largest number in a column",
              "smallest": "find the smallest number in a column", "bar": "draw a bar chart"}
ALL_NUMBERS = "value, low or high"


def load(table: str) -> pd.DataFrame:
    if table not in TABLES:
        raise ValueError(f"the table tool knows the tables {', '.join(TABLES)}, not {table!r}")
    return TABLES[table]()


def _as_text(series: pd.Series) -> pd.Series:
    return series.astype("string").fillna("(empty)")


def values_of(frame: pd.DataFrame, column: str) -> list[str]:
    """The values a filter can choose for a column, as text, in the column's own order."""
    if column not in frame:
        return []
    s = frame[column]
    if isinstance(s.dtype, pd.CategoricalDtype):
        return [str(c) for c in s.cat.categories]
    return sorted(set(_as_text(s)), key=lambda v: (len(v) > 4 and not v.isdigit(), v))


def keep_rows(frame: pd.DataFrame, filters: list[tuple[str, list[str] | tuple[str, ...]]]) -> pd.DataFrame:
    """The rows whose column holds one of the chosen values, for each (column, values) filter.
    A filter with no column (ANY) or no values keeps every row."""
    out = frame
    for column, chosen in filters:
        if column in (None, ANY) or not chosen or column not in out:
            continue
        out = out[_as_text(out[column]).isin([str(v) for v in chosen])]
    return out


def number_columns(frame: pd.DataFrame) -> list[str]:
    cols = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c]) and not
            pd.api.types.is_bool_dtype(frame[c])]
    if {"value", "low", "high"} <= set(cols):
        cols = [ALL_NUMBERS] + cols
    return cols


def result(frame: pd.DataFrame, operation: str, column: str | None = None, y: str | None = None):
    """What the chosen operation gives: a table, a number, or a figure. Never raises on a bad choice:
    it returns a short sentence that says what to choose instead."""
    if operation == "rows":
        return frame
    if operation == "count":
        return len(frame)
    if operation == "distinct":
        if column not in frame:
            return "Choose the column whose different values you want to count."
        return int(frame[column].nunique())
    if operation in ("largest", "smallest"):
        cols = ["value", "low", "high"] if column == ALL_NUMBERS else [column]
        if not all(c in frame and c in number_columns(frame) for c in cols):
            return "Choose a column with numbers."
        top = frame[cols].max().max() if operation == "largest" else frame[cols].min().min()
        return "No numbers in these rows." if pd.isna(top) else float(top)
    if operation == "bar":
        if column not in frame or y not in frame:
            return "Choose a column for the x axis and one for the y axis."
        fig = go.Figure(go.Bar(x=frame[column].tolist(), y=frame[y].tolist()))
        fig.update_layout(title=f"{y} by {column}", xaxis_title=column, yaxis_title=y, height=360,
                          template="plotly_white")
        return fig
    return f"Choose what to do: {', '.join(OPERATIONS.values())}."


def describe(value) -> str:
    """The result in words, for the screen and for a screen reader."""
    if isinstance(value, pd.DataFrame):
        return f"{len(value)} rows."
    if isinstance(value, go.Figure):
        bar = value.data[0]
        pairs = ", ".join(f"{x}: {y:g}" if isinstance(y, (int, float)) else f"{x}: {y}"
                          for x, y in zip(bar.x, bar.y))
        return f"A bar chart with {len(bar.x)} bars ({pairs})."
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, (int, float)):
        return f"{value:,}"
    return str(value)
