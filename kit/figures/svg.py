"""Static charts for paper: small, self-contained SVG drawn from the data (no JavaScript, no network).

Bars are dark on white with their values written on them, so a chart reads in black-and-white print and
through a screen reader (each SVG has a title and a description that lists every value).
"""
from __future__ import annotations

import hashlib

from ..html import escape

INK, BAR, GRID = "#000000", "#1f4e79", "#bbbbbb"


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 or float(v).is_integer() else f"{v:,.1f}"


def bars(labels: list[str], values: list[float], title: str, unit: str = "", width: int = 560) -> str:
    """A horizontal bar chart: one bar per label, its value written at the end of the bar."""
    row, left, top = 30, 190, 36
    height = top + row * len(labels) + 20
    top_value = max([v for v in values if v is not None] + [1])
    scale = (width - left - 90) / top_value
    key = hashlib.md5(title.encode()).hexdigest()[:8]
    desc = "; ".join(f"{lab}: {_fmt(v)} {unit}".strip() for lab, v in zip(labels, values) if v is not None)
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' role='img' width='{width}' height='{height}' "
             f"viewBox='0 0 {width} {height}' aria-labelledby='t{key} d{key}' font-family='sans-serif' font-size='13'>",
             f"<title id='t{key}'>{escape(title)}</title><desc id='d{key}'>{escape(desc)}</desc>",
             f"<text x='0' y='18' font-weight='bold' fill='{INK}'>{escape(title)}</text>"]
    for i, (lab, v) in enumerate(zip(labels, values)):
        y = top + i * row
        parts.append(f"<text x='{left - 8}' y='{y + 17}' text-anchor='end' fill='{INK}'>{escape(lab)}</text>")
        if v is None:
            parts.append(f"<text x='{left + 4}' y='{y + 17}' fill='{INK}'>no figure</text>")
            continue
        w = max(1, v * scale)
        parts.append(f"<rect x='{left}' y='{y + 4}' width='{w:.1f}' height='{row - 10}' fill='{BAR}'/>")
        parts.append(f"<text x='{left + w + 6:.1f}' y='{y + 17}' fill='{INK}'>{_fmt(v)} {escape(unit)}</text>")
    parts.append("</svg>")
    return "".join(parts)


def empty_axes(x_labels: list[str], y_max: float, y_step: float, title: str, width: int = 420,
               height: int = 260) -> str:
    """Empty axes with a grid, for a student to draw a bar chart by hand."""
    left, bottom, top = 50, height - 30, 30
    steps = int(y_max // y_step)
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' role='img' width='{width}' height='{height}' "
             f"viewBox='0 0 {width} {height}' aria-label='{escape(title)}' font-family='sans-serif' font-size='12'>",
             f"<text x='0' y='16' font-weight='bold' fill='{INK}'>{escape(title)}</text>"]
    for k in range(steps + 1):
        y = bottom - (bottom - top) * k / steps
        parts.append(f"<line x1='{left}' x2='{width - 10}' y1='{y:.1f}' y2='{y:.1f}' stroke='{GRID}'/>")
        parts.append(f"<text x='{left - 6}' y='{y + 4:.1f}' text-anchor='end' fill='{INK}'>{_fmt(k * y_step)}</text>")
    slot = (width - left - 10) / max(len(x_labels), 1)
    for i, lab in enumerate(x_labels):
        parts.append(f"<text x='{left + slot * (i + 0.5):.1f}' y='{height - 10}' text-anchor='middle' "
                     f"fill='{INK}'>{escape(lab)}</text>")
    parts.append(f"<line x1='{left}' x2='{left}' y1='{top}' y2='{bottom}' stroke='{INK}'/>")
    parts.append(f"<line x1='{left}' x2='{width - 10}' y1='{bottom}' y2='{bottom}' stroke='{INK}'/></svg>")
    return "".join(parts)
