"""Small HTML helpers. Every piece of text from data or from students goes through escape()."""
from __future__ import annotations

import html


def escape(value) -> str:
    import pandas as pd  # here, not at the top: `import kit` registers whole_text_html without pandas
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def table(frame) -> str:
    """An HTML table with every cell escaped (pandas' to_html escapes too; this is explicit)."""
    head = "".join(f"<th>{escape(c)}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False))
    # A wide table scrolls inside its own box (at 200 % zoom a 7-column table is wider than the screen);
    # the page around it keeps its width. WCAG 1.4.10 allows this for data tables.
    return scroll_box(f"<table class='kit-table' style='{WRAPPED}'><thead><tr>{head}</tr></thead>"
                      f"<tbody>{body}</tbody></table>")


def scroll_box(inner: str) -> str:
    """A box that scrolls sideways when its table is wider than the screen. It takes the keyboard focus
    (tabindex) and has a name, so a keyboard user can scroll it too (axe: scrollable-region-focusable)."""
    return ("<div class='kit-table-box' tabindex='0' role='region' aria-label='Table (scroll sideways if it is "
            f"wider than the screen)' style='overflow-x:auto;max-width:100%'>{inner}</div>")


# Long text wraps inside its cell instead of running off the screen or being cut with "..." (issue 24)
WRAPPED = "white-space:normal;overflow-wrap:normal;word-break:normal;hyphens:none"


def whole_text_html(frame):
    """pandas' own HTML for a table, with the whole text of every cell. pandas cuts text longer than 50
    characters with "..." by default: the sourcing table, the glossary, compare() and article.find
    showed students half a definition or half a quotation."""
    import pandas as pd
    with pd.option_context("display.max_colwidth", None):
        inner = frame._repr_html_()
    return scroll_box(inner) if inner else inner


def show_whole_text() -> None:
    """In IPython, show every table (DataFrame) with its whole text. Registered by name, so pandas is not
    imported until a table is shown; nothing changes outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - plain Python
        return
    shell = get_ipython()
    if shell is not None:  # pandas 3 names the class "pandas.DataFrame"; older pandas "pandas.core.frame"
        for module in ("pandas", "pandas.core.frame"):
            shell.display_formatter.formatters["text/html"].for_type_by_name(module, "DataFrame", whole_text_html)
