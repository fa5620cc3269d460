"""Small HTML helpers. Every piece of text from data or from students goes through escape()."""
from __future__ import annotations

import html

import pandas as pd


def escape(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def table(frame: pd.DataFrame) -> str:
    """An HTML table with every cell escaped (pandas' to_html escapes too; this is explicit)."""
    head = "".join(f"<th>{escape(c)}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False))
    return f"<table class='kit-table'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
