"""A written task's single-point rubric, its scored example answers and its sentence starters, for the
lesson (HTML in a notebook, plain text elsewhere). The criteria are the standard; the two empty columns
are for the reader's notes: what is missing, and how the answer goes beyond the standard."""
from __future__ import annotations

from ..html import escape
from .model import Question


class Shown(str):
    """Text with an HTML face: prints plainly, displays as HTML in a notebook."""

    def __new__(cls, text: str, html: str):
        obj = super().__new__(cls, text)
        obj.html = html
        return obj

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        return self.html


def rubric_of(q: Question) -> Shown:
    rows = "".join(f"<tr><td></td><th scope='row' style='text-align:left'>{escape(c)}</th><td></td></tr>"
                   for c in q.rubric)
    html = (f"<table class='kit-rubric'><caption>Single-point rubric for {escape(q.qid)}: the middle column "
            "is the standard; note in the other two what is missing and what goes beyond it</caption>"
            "<thead><tr><th scope='col'>Not yet: what is missing</th><th scope='col'>The standard</th>"
            f"<th scope='col'>Beyond the standard</th></tr></thead><tbody>{rows}</tbody></table>")
    text = "\n".join([f"Single-point rubric for {q.qid} (the standard):"] + [f"- {c}" for c in q.rubric])
    return Shown(text, html)


def examples_of(q: Question) -> Shown:
    items = []
    for example in q.examples:
        label, _, body = example.partition(": ")
        items.append(f"<li><p><b>{escape(label)}</b></p><blockquote>{escape(body)}</blockquote></li>")
    html = f"<ol class='kit-examples'>{''.join(items)}</ol>"
    return Shown("\n\n".join(q.examples), html)


def starters_of(q: Question) -> Shown:
    html = "<ul class='kit-starters'>" + "".join(f"<li>{escape(s)}</li>" for s in q.sentence_starters) + "</ul>"
    return Shown("\n".join(f"- {s}" for s in q.sentence_starters), html)
