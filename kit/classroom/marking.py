"""Marking free text: ``mark(FOLDER, student, qid, score, comment)`` or ``mark(..., criteria_met=[0, 2])``
from code, ``marking(FOLDER)`` as a widget.

A written task is worth one point per rubric criterion met (or the sum of the levels, where a criterion
has a scale such as 0 missing, 1 partly, 2 met). The widget goes question by question or student by
student. Each answer is shown escaped, beside a tick box per criterion (a choice of level for a scaled
criterion), with the example answers and a comment box; the mark is the sum of the ticks, saved to the
gradebook at once (one transaction per Save). What the widget shows is computed by ``cards()``, a pure
function of the gradebook, so it is tested without a front end.
"""
from __future__ import annotations

import html
from pathlib import Path

from ..exercises import questions
from ..exercises.model import criteria, fmt
from . import gradebook
from .gradebook import GradebookError
from .grades import show_answer


def mark(folder, student: str, qid: str, score=None, comment: str = "", *, criteria_met=None) -> dict:
    """Save a mark for one answer: ``mark("class", "Ana Silva", "q2.7", 2, "Two numbers, well used.")``, or by
    the criteria met, by number or by (the start of) their words: ``mark("class", "Ana Silva", "q2.7",
    criteria_met=[0, 2])``; for a criterion with a scale, ``criteria_met={0: 2, 3: 1}`` (criterion: level)."""
    return gradebook.mark(folder, student, qid, score, comment, criteria_met=criteria_met)


def text_questions() -> list[str]:
    return [q.qid for q in sorted(questions().values(), key=lambda q: (q.lesson, int(q.qid.split(".")[1])))
            if q.kind == "text"]


def cards(folder, *, by: str = "question", key: str | None = None, hide_names: bool = False) -> list[dict]:
    """The free-text answers to mark: every student's answer to one question, or one student's answers."""
    students, answers = gradebook.rows(folder)
    names = {s["id"]: s["display"] for s in students}
    order = {s["id"]: i for i, s in enumerate(students)}
    bank = questions()
    chosen = [a for a in answers if a["kind"] == "text"
              and (key is None or (a["qid"] == key if by == "question" else a["student"] == key))]
    chosen.sort(key=lambda a: (order.get(a["student"], 0), a["lesson"], a["qid"]))
    out = []
    for i, a in enumerate(chosen, 1):
        q = bank[a["qid"]]
        out.append({"student": a["student"], "name": f"Student {i}" if hide_names else names.get(a["student"], "?"),
                    "qid": a["qid"], "prompt": q.prompt, "answer": a["answer"], "points": q.points,
                    "rubric": list(q.rubric), "examples": list(q.examples), "status": a["status"],
                    "criteria": [(str(c), list(c.levels)) for c in criteria(q.rubric)],
                    "levels": a["criteria_levels"] if a["mark_current"] else None,
                    "mark": a["mark"] if a["mark_current"] else None, "comment": a["comment"] or "",
                    "earlier_mark": a["mark"] if a["mark"] is not None and not a["mark_current"] else None})
    return out


def card_html(card: dict) -> str:
    e = html.escape
    examples = "".join(f"<blockquote>{e(x)}</blockquote>" for x in card["examples"])
    earlier = (f"<p style='color:#b35806'>The answer changed since you marked it (earlier mark: "
               f"{card['earlier_mark']:g}). Mark it again.</p>" if card["earlier_mark"] is not None else "")
    scale = ("one point per criterion met" if all(len(levels) == 2 for _, levels in card["criteria"])
             else "points per criterion as its scale says")
    return (f"<div class='kit-card'><h4>{e(card['name'])}: {e(card['qid'])} ({fmt(card['points'])} points: "
            f"{scale})</h4><p><i>{e(card['prompt'])}</i></p><div style='background:#f4f4f4;padding:4px 8px'>"
            f"{show_answer(card['answer'])}</div>{earlier}"
            f"<details><summary>Example answers</summary>{examples}</details></div>")


def marking(folder):
    """The marking widget for a class folder (run ``python -m kit collect FOLDER`` first)."""
    import ipywidgets as w
    return MarkingWidget(Path(folder), w)


class MarkingWidget:
    """Thin wiring: a choice of view, then one card per answer with a score, a comment and Save."""

    def __init__(self, folder: Path, w):
        self.folder, self.w = folder, w
        self.by = w.ToggleButtons(options=[("By question", "question"), ("By student", "student")],
                                  value="question", description="Mark")
        self.pick = w.Dropdown(description="Show", style={"description_width": "initial"})
        self.hide = w.Checkbox(value=False, description="Hide names (projector)")
        self.list = w.VBox()
        self.note = w.HTML()
        self.by.observe(lambda _: self._choices(), names="value")
        self.pick.observe(lambda _: self.show(), names="value")
        self.hide.observe(lambda _: self.show(), names="value")
        self.box = w.VBox([w.HBox([self.by, self.hide]), self.pick, self.note, self.list])
        self._choices()

    def _ipython_display_(self):
        from IPython.display import display
        display(self.box)

    def __repr__(self) -> str:
        return f"Marking widget for {self.folder}"

    def _choices(self) -> None:
        try:
            if self.by.value == "question":
                options = [(f"{qid}: {questions()[qid].prompt[:60]}", qid) for qid in text_questions()]
            else:
                students, _ = gradebook.rows(self.folder)
                options = [(s["display"], s["id"]) for s in students]
        except GradebookError as err:
            self.note.value = f"<p role='alert'>{html.escape(str(err))}</p>"
            return
        self.pick.options = options
        self.pick.value = options[0][1] if options else None
        self.show()

    def show(self) -> None:
        try:
            found = cards(self.folder, by=self.by.value, key=self.pick.value, hide_names=self.hide.value)
        except GradebookError as err:
            self.note.value = f"<p role='alert'>{html.escape(str(err))}</p>"
            return
        self.note.value = f"<p>{len(found)} answers to mark.</p>" if found else "<p>No answers here yet.</p>"
        self.list.children = [self._card(c) for c in found]

    def _card(self, card: dict):
        """One answer: beside it a tick box per criterion (a choice of level where a criterion has a scale),
        the mark as the sum of the ticks, a comment box and Save. Native inputs: Tab moves between them,
        Space ticks, the arrow keys choose a level."""
        w = self.w
        status = w.HTML("<span>marked</span>" if card["mark"] is not None else "<span>not marked yet</span>")
        comment = w.Textarea(value=card["comment"], placeholder="A comment for the student",
                             layout=w.Layout(width="95%", height="4em"))
        save = w.Button(description="Save mark", button_style="primary",
                        tooltip=f"Save the mark for {card['qid']}")
        if card["criteria"]:
            levels = card["levels"] or [0] * len(card["criteria"])
            boxes = []
            for i, (text, names) in enumerate(card["criteria"]):
                if len(names) == 2:
                    boxes.append(w.Checkbox(value=bool(levels[i]), description=f"{i + 1}. {text}", indent=False,
                                            style={"description_width": "initial"},
                                            layout=w.Layout(width="auto")))
                else:
                    boxes.append(w.RadioButtons(options=[(f"{n}: {name}", n) for n, name in enumerate(names)],
                                                value=levels[i], description=f"{i + 1}. {text}",
                                                style={"description_width": "initial"},
                                                layout=w.Layout(width="auto")))
            total = w.HTML()

            def chosen() -> dict:
                return {i: int(b.value) for i, b in enumerate(boxes)}

            def show_total(_=None):
                total.value = (f"<span class='kit-mark'>Mark: {fmt(sum(chosen().values()))} of "
                               f"{fmt(card['points'])} points (the ticks)</span>")
            for b in boxes:
                b.observe(show_total, names="value")
            show_total()

            def saved(_):
                try:
                    done = mark(self.folder, card["student"], card["qid"], comment=comment.value,
                                criteria_met={i: n for i, n in chosen().items() if n})
                    status.value = (f"<span role='status'>Saved: {fmt(done['score'])} of {fmt(card['points'])} "
                                    "points.</span>")
                except GradebookError as err:
                    status.value = f"<span role='alert'>Not saved: {html.escape(str(err))}</span>"
            save.on_click(saved)
            ticks = w.VBox([w.HTML("<b>Criteria met</b>"), *boxes, total],
                           layout=w.Layout(width="45%", padding="0 0 0 8px"))
            box = w.VBox([w.HBox([w.HTML(card_html(card), layout=w.Layout(width="55%")), ticks]),
                          w.HBox([save, status]), comment],
                         layout=w.Layout(border="1px solid #ccc", padding="6px", margin="6px 0"))
            box.ticks, box.total, box.save, box.status, box.comment = boxes, total, save, status, comment
            return box
        score = w.BoundedFloatText(value=card["mark"] or 0, min=0, max=card["points"], step=0.5,
                                   description="Score", layout=w.Layout(width="12em"))

        def saved_score(_):
            try:
                mark(self.folder, card["student"], card["qid"], float(score.value), comment.value)
                status.value = f"<span role='status'>Saved: {score.value:g} of {card['points']} points.</span>"
            except GradebookError as err:
                status.value = f"<span role='alert'>Not saved: {html.escape(str(err))}</span>"
        save.on_click(saved_score)
        return w.VBox([w.HTML(card_html(card)), w.HBox([score, save, status]), comment],
                      layout=w.Layout(border="1px solid #ccc", padding="6px", margin="6px 0"))
