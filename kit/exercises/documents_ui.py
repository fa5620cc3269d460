"""The exercises built on the document set (kit.data_package.documents): the document viewer, the
organiser, the claim sorter and the claims explorer (its verdicts stay hidden until 5.3 and 5.4 are
saved). Every control is a native, labelled, keyboard-usable element; with no widget front end
(exports, plain Python) each shows a static version instead.
"""
from __future__ import annotations

import ipywidgets as w

from ..data_package import documents as docs
from ..data_package.datasets import load
from ..figures import charts as figures
from ..html import table
from ..views import lesson_views as views
from ..widgets.figure_pane import ChartsRedrawn, FigurePane
from ..widgets.keyboard import guarded
from ..widgets.lesson_widgets import LABEL_STYLE, Static, interactive
from . import organiser as organiser_answers
from . import responses

BOX = w.Layout(width="100%", min_width="20em", height="4.5em")


class DocumentSet(w.VBox):
    """One document at a time: choose it, and choose the original or the MODIFIED version."""

    def __init__(self, doc_id: str = "d1", version: str = "original"):
        ids = list(docs.documents()["doc_id"])
        titles = {r.doc_id: f"{r.doc_id}: {r.title[:60]}" for r in docs.documents().itertuples()}
        self.doc = w.Dropdown(options=[(titles[i], i) for i in ids], value=doc_id, description="Document",
                              style=LABEL_STYLE, layout=w.Layout(width="auto"))
        self.version = w.ToggleButtons(options=[("Original excerpt", "original"), ("Modified (easier)", "modified")],
                                       value=version, description="Version", style=LABEL_STYLE,
                                       tooltips=["The author's words", "Shortened and simplified by the kit"])
        self.card = w.HTML()
        for control in (self.doc, self.version):
            control.observe(lambda _: self.refresh(), names="value")
        super().__init__([w.HBox([self.doc, self.version]), self.card])
        self.refresh()

    def refresh(self) -> None:
        self.card.value = docs.card_html(self.doc.value, self.version.value)


def document_set(doc_id: str = "d1", version: str = "original"):
    """Read the documents beside the column, one at a time (original or modified version)."""
    if interactive():
        return guarded(DocumentSet(doc_id, version))  # arrow keys and letters stay with its controls
    return Static(*[docs.card_html(d, version) for d in docs.documents()["doc_id"]])


class Organiser(w.VBox):
    """The organiser for one document: four parts, saved like an answer, printable as a worksheet."""

    def __init__(self, doc_id: str = "d1", lesson: int = 1):
        self.lesson = lesson
        ids = list(docs.documents()["doc_id"])
        self.doc = w.Dropdown(options=ids, value=doc_id, description="Organiser for document", style=LABEL_STYLE)
        self.boxes: dict[str, w.Widget] = {}
        rows, part = [], None
        for key, this_part, question in docs.FIELDS:
            if this_part != part:
                rows.append(w.HTML(f"<b>{this_part}</b>"))
                part = this_part
            if key == "agrees":
                box = w.Dropdown(options=[("(choose)", "")] + [(c, c) for c in docs.AGREE_CHOICES], value="",
                                 description=question, style=LABEL_STYLE)
            else:
                box = w.Textarea(description=question, placeholder="Your notes", style=LABEL_STYLE, layout=BOX)
            self.boxes[key] = box
            rows.append(box)
        self.save_button = w.Button(
            layout=w.Layout(width="auto"), description="Save my organiser", tooltip="Saves it with your answers")
        self.sheet_button = w.Button(
            layout=w.Layout(width="auto"), description="Show my worksheet",
            tooltip="A printable page of your organisers")
        self.status = w.HTML()
        self.sheet = w.HTML()
        self.save_button.on_click(lambda _: self.save())
        self.sheet_button.on_click(lambda _: self.show_sheet())
        self.doc.observe(lambda _: self.load(), names="value")
        super().__init__([self.doc, *rows, w.HBox([self.save_button, self.sheet_button]), self.status, self.sheet])
        self.load()

    def entry(self) -> dict[str, str]:
        return {key: box.value for key, box in self.boxes.items()}

    def load(self) -> None:
        saved = organiser_answers.saved(self.lesson).get(self.doc.value, docs.blank_entry())
        for key, box in self.boxes.items():
            box.value = saved.get(key, "") if key != "agrees" or saved.get(key, "") in docs.AGREE_CHOICES else ""
        self.status.value = ""

    def save(self) -> str:
        message = organiser_answers.save(self.doc.value, self.entry(), self.lesson)
        self.status.value = f"<p role='status'>{message}</p>"
        return message

    def show_sheet(self) -> None:
        page = docs.worksheet(organiser_answers.saved(self.lesson), fmt="html")
        self.sheet.value = page.split("<body>")[1].split("</body>")[0]


def organiser(doc_id: str = "d1", lesson: int = 1):
    """Fill in the organiser for a document; Save keeps it with your answers."""
    if interactive():
        return guarded(Organiser(doc_id, lesson))  # arrow keys and letters stay with its controls
    return Static(docs.worksheet(doc_ids=[doc_id], fmt="html").split("<body>")[1].split("</body>")[0])


class ClaimSorter(w.VBox):
    """Sort six claims by type and predict a verdict for each, before the kit's verdicts are shown."""

    def __init__(self):
        claims = views.claims_to_sort()
        self.types, self.verdicts, rows = {}, {}, []
        blank = [("(choose)", "")]
        for c in claims.itertuples():
            self.types[c.claim_id] = w.Dropdown(
                options=blank + [(v, k) for k, v in views.TYPE_LETTERS.items()], value="",
                description=f"{c.claim_id} type", style=LABEL_STYLE)
            self.verdicts[c.claim_id] = w.Dropdown(
                options=blank + [(v, k) for k, v in views.VERDICT_LETTERS.items()], value="",
                description=f"{c.claim_id} your verdict", style=LABEL_STYLE)
            rows += [w.HTML(f"<p><b>{c.claim_id}</b> (paragraph {c.paragraph}): “{c.quote}”</p>"),
                     w.HBox([self.types[c.claim_id], self.verdicts[c.claim_id]])]
        self.save_button = w.Button(
            layout=w.Layout(width="auto"), description="Save my sorting", tooltip="Saves exercises 5.3 and 5.4")
        self.result = w.HTML()
        self.save_button.on_click(lambda _: self.save())
        super().__init__([*rows, self.save_button, self.result])

    def answers(self) -> tuple[dict, dict]:
        types = {k: d.value for k, d in self.types.items() if d.value}
        verdicts = {k: d.value for k, d in self.verdicts.items() if d.value}
        return types, verdicts

    def save(self) -> None:
        from .checking import evaluate
        types, verdicts = self.answers()
        if len(types) < len(self.types) or len(verdicts) < len(self.verdicts):
            self.result.value = ("<p role='status'>Choose a type and a verdict for every claim first: "
                                 f"{len(types)} types and {len(verdicts)} verdicts chosen of {len(self.types)}.</p>")
            return
        shown = [evaluate(views.SORT_QUESTION, types), evaluate(views.PREDICT_QUESTION, verdicts)]
        compared = views.sorting_compared(types, verdicts)
        self.result.value = ("".join(fb._repr_html_() for fb in shown)
                             + "<p>Your sorting beside the kit's (the kit's are judgements, for debate):</p>"
                             + table(compared))


def claim_sorter():
    """Exercises 5.3 and 5.4 as one form: a type and a verdict for each of six claims."""
    if interactive():
        return guarded(ClaimSorter())  # arrow keys and letters stay with its controls
    claims = views.claims_to_sort()
    types = ", ".join(f"{k}) {v}" for k, v in views.TYPE_LETTERS.items())
    verdicts = ", ".join(f"{k}) {v}" for k, v in views.VERDICT_LETTERS.items())
    return Static(f"<p>Types: {types}. Verdicts: {verdicts}.</p>" + table(claims))


def verdicts_unlocked() -> bool:
    """True once this student has saved both the sorting (q5.3) and the verdict predictions (q5.4)."""
    try:
        answers = responses.load(responses.lesson_file(5))["answers"]
    except Exception:
        return False
    return all(answers.get(q, {}).get("attempts", 0) > 0 for q in (views.SORT_QUESTION, views.PREDICT_QUESTION))


# -- lesson 5 --------------------------------------------------------------------------------------
class ClaimsExplorer(ChartsRedrawn, w.VBox):
    """Filter the column's claims by type and verdict. The kit's verdicts stay hidden until the student
    has sorted the claims and predicted verdicts (verdicts_unlocked, saved with the answers)."""

    def __init__(self, reveal: bool | None = None):
        claims = load("claims")
        self.revealed = verdicts_unlocked() if reveal is None else bool(reveal)
        self.kind = w.Dropdown(options=[views.ALL] + [str(c) for c in claims["claim_type"].cat.categories],
                               description="Type of claim", style=LABEL_STYLE)
        self.verdict = w.Dropdown(options=[views.ALL] + [str(c) for c in claims["verdict"].cat.categories],
                                  description="Verdict", style=LABEL_STYLE, disabled=not self.revealed)
        self.show = w.Button(
            layout=w.Layout(width="auto"), description="Show the kit's verdicts", disabled=self.revealed,
                             tooltip="Works once you have saved exercises 5.3 and 5.4")
        self.status = w.HTML()
        self.figure = self.plot = None
        self.listing = w.HTML()
        for control in (self.kind, self.verdict):
            control.observe(lambda _: self.refresh(), names="value")
        self.show.on_click(lambda _: self.try_reveal())
        super().__init__([w.HBox([self.kind, self.verdict]), w.HBox([self.show, self.status]), self.listing])
        if self.revealed:
            self._add_figure()
        self.refresh()

    def _add_figure(self) -> None:
        first = views.claims_view()
        self.plot = FigurePane(first.figure)
        self.figure = self.plot.figure
        self.children = (self.plot, w.HTML(f"<p role='note'>{figures.description(first.figure)}</p>"),
                         *self.children)

    def try_reveal(self) -> None:
        if not verdicts_unlocked():
            self.status.value = ("<span role='status'>Not yet: save your sorting (5.7) and your verdict "
                                 "predictions (5.8) first.</span>")
            return
        self.revealed, self.verdict.disabled, self.show.disabled = True, False, True
        self.status.value = "<span role='status'>The kit's verdicts are shown below.</span>"
        self._add_figure()
        self.refresh()

    def refresh(self) -> None:
        verdict = self.verdict.value if self.revealed else views.ALL
        self.listing.value = views.claims_view(self.kind.value, verdict, reveal=self.revealed).caption


def claims_explorer(reveal: bool | None = None):
    """The claims explorer. reveal=None: verdicts show once this student has saved 5.7 and 5.4."""
    if interactive():
        return guarded(ClaimsExplorer(reveal))  # arrow keys and letters stay with its controls
    shown = verdicts_unlocked() if reveal is None else bool(reveal)
    view = views.claims_view(reveal=shown)
    return Static(view.figure, view.caption + ("<p><i>In JupyterLab you can filter the claims by type and "
                                               "verdict.</i></p>" if shown else ""))
