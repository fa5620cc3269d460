"""Thin ipywidgets layers over kit.views: controls wired to pure functions, nothing more.

Figures sit in a FigurePane (kit.figure_pane) that the kernel redraws in place. Where no widget front end is
present (nbconvert, HTML handouts, plain Python), each function shows a static version instead:
the same figure as a normal plotly figure and the same text, so an exported lesson still reads.
Every control has a visible label and is a native, keyboard-usable element.
"""
from __future__ import annotations

import os
import threading

import ipywidgets as w
from IPython.display import HTML, display

from ..figures import charts as figures
from ..views import lesson_views as views
from .figure_pane import ChartsRedrawn, FigurePane
from .keyboard import fit, guarded

LABEL_STYLE = {"description_width": "initial"}
WIDE = w.Layout(width="auto", min_width="22em")


def interactive() -> bool:
    """True in a live Jupyter kernel; False when exporting (KIT_STATIC=1) or outside Jupyter."""
    if os.environ.get("KIT_STATIC"):
        return False
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return False
    shell = get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


class Static:
    """What a widget shows when there is no widget front end: figures and HTML, displayed in order."""

    def __init__(self, *parts):
        self.parts = [p for p in parts if p is not None]

    def _ipython_display_(self):
        for part in self.parts:
            display(HTML(part) if isinstance(part, str) else part)


def _static_or(widget_factory, view: views.View, note: str = ""):
    if interactive():
        return guarded(widget_factory())
    return Static(view.figure, view.caption + (f"<p><i>{note}</i></p>" if note else ""))


# -- lesson 1 --------------------------------------------------------------------------------------
class Reader(w.VBox):
    """Step through the column: paragraph text with glossary terms marked, and the kit's summary."""

    def __init__(self, start: int = 1, show_summary: bool = True):
        n = len(views._article().paragraphs)
        self.paragraph = w.BoundedIntText(value=start, min=1, max=n, description="Paragraph",
                                          style=LABEL_STYLE, layout=w.Layout(width="12em"))
        self.back = w.Button(layout=fit(), description="◀ Previous", tooltip="Previous paragraph")
        self.next = w.Button(layout=fit(), description="Next ▶", tooltip="Next paragraph")
        self.summary = w.Checkbox(value=show_summary, description="Show the kit's plain-English summary",
                                  style=LABEL_STYLE, indent=False)
        self.page = w.HTML()
        self.back.on_click(lambda _: self._step(-1))
        self.next.on_click(lambda _: self._step(+1))
        self.paragraph.observe(lambda _: self.refresh(), names="value")
        self.summary.observe(lambda _: self.refresh(), names="value")
        super().__init__([w.HBox([self.back, self.paragraph, self.next, self.summary]), self.page])
        self.refresh()

    def _step(self, delta: int) -> None:
        self.paragraph.value = min(max(self.paragraph.value + delta, self.paragraph.min), self.paragraph.max)

    def refresh(self) -> None:
        self.page.value = views.reader_view(self.paragraph.value, self.summary.value)


def reader(start: int = 1, show_summary: bool = True):
    """The column, a paragraph at a time (static: every paragraph, one after another)."""
    if interactive():
        return guarded(Reader(start, show_summary))
    n = len(views._article().paragraphs)
    return Static(*[views.reader_view(i, show_summary) for i in range(1, n + 1)])


# -- lesson 2 --------------------------------------------------------------------------------------
class ComparisonExplorer(ChartsRedrawn, w.VBox):
    """Pick a dimension and a measure; see 2006 and 2020 side by side, with the sources under it."""

    def __init__(self, measure: str = "peak_protest_size"):
        from ..data_package.tables import measures, resolve_measure
        measure = resolve_measure(measure)
        table = measures().set_index("measure_id")
        dimension = str(table.loc[measure, "dimension"])
        self.dimension = w.Dropdown(options=views.dimensions(), value=dimension, description="Dimension",
                                    style=LABEL_STYLE)
        choices = views.measures_in(dimension)
        if measure not in [v for _, v in choices]:  # a measure shown once per unit: its first unit
            measure = next(v for _, v in choices if v.partition(views.UNIT_SEP)[0] == measure)
        self.measure = w.Dropdown(options=choices, value=measure,
                                  description="Measure", style=LABEL_STYLE, layout=WIDE)
        first = views.explorer_view(measure)
        self.plot = FigurePane(first.figure)
        self.figure = self.plot.figure
        self.caption = w.HTML(first.caption)
        self.dimension.observe(self._on_dimension, names="value")
        self.measure.observe(lambda change: self.show(change["new"]), names="value")
        super().__init__([w.HBox([self.dimension, self.measure]), self.plot, self.caption])

    def _on_dimension(self, change) -> None:
        options = views.measures_in(change["new"])
        self.measure.options = options
        self.measure.value = options[0][1]

    def show(self, measure: str) -> None:
        if measure is None:
            return
        view = views.explorer_view(measure)
        self.plot.show(view.figure)
        self.caption.value = view.caption


def comparison_explorer(measure: str = "peak_protest_size"):
    """2006 beside 2020 for any measure of the protests table."""
    return _static_or(lambda: ComparisonExplorer(measure), views.explorer_view(measure),
                      "In JupyterLab you can choose any measure from a menu.")


# -- lesson 3 --------------------------------------------------------------------------------------
YOUR_WEIGHTS = "your own weights"


def score_menu(description: str, tooltip: str = "", value: int = 3, low: int = 0) -> w.Dropdown:
    """A score (1-5, low=1: the scale of the kit's scores in options.csv) or a weight (0-5) as a labelled
    menu. Not a slider: ipywidgets' slider handle has no accessible name (axe: aria-input-field-name),
    while a menu is named by its label and works with the arrow keys."""
    return w.Dropdown(options=list(range(low, 6)), value=value, description=description, tooltip=tooltip,
                      style={"description_width": "11em"}, layout=w.Layout(width="18em"))


class DecisionMatrix(ChartsRedrawn, w.VBox):
    """Weight the criteria (0-5 menus); the ranking updates live. A perspective loads an actor's preset
    weights and ranks through their eyes: the interest criterion becomes that actor's interest."""

    def __init__(self):
        self.criteria = figures.criteria()
        self.sliders = {
            c["name"]: score_menu(c["name"].replace("_", " "), c["description"]) for c in self.criteria}
        self.profiles = {p["label"]: p for p in views.perspectives()}
        self.perspective = w.Dropdown(options=[YOUR_WEIGHTS] + list(self.profiles), value=YOUR_WEIGHTS,
                                      description="See it through the eyes of", style=LABEL_STYLE,
                                      layout=w.Layout(width="34em"))
        self.only_theirs = w.Checkbox(value=False, description="only that actor's own options",
                                      style=LABEL_STYLE, indent=False)
        self.why = w.HTML()
        first = views.matrix_view(self.weights())
        self.plot = FigurePane(first.figure)
        self.figure = self.plot.figure
        self.caption = w.HTML(first.caption)
        for s in self.sliders.values():
            s.observe(lambda _: self.refresh(), names="value")
        self.perspective.observe(self._on_perspective, names="value")
        self.only_theirs.observe(lambda _: self.refresh(), names="value")
        legend = w.HTML("<ul>" + "".join(f"<li><b>{c['name'].replace('_', ' ')}</b>: {c['description']}</li>"
                                         for c in self.criteria) + "</ul>")
        super().__init__([w.HBox([self.perspective, self.only_theirs]), self.why,
                          w.VBox(list(self.sliders.values())), legend, self.plot, self.caption])

    def weights(self) -> dict[str, int]:
        return {name: s.value for name, s in self.sliders.items()}

    def viewer(self) -> str | None:
        profile = self.profiles.get(self.perspective.value)
        return profile["actor"] if profile else None

    def actor(self) -> str | None:
        profile = self.profiles.get(self.perspective.value)
        return profile["actor"] if profile and self.only_theirs.value else None

    def _on_perspective(self, change) -> None:
        profile = self.profiles.get(change["new"])
        if profile:
            with self.hold_trait_notifications():
                for name, value in profile["weights"].items():
                    self.sliders[name].value = value
            self.why.value = (f"<p><b>The kit's reading of how {profile['label']} would weigh things</b> "
                              f"(a value judgement, for debate): {profile['rationale']}</p>")
        else:
            self.why.value = ""
        self.refresh()

    def refresh(self) -> None:
        profile = self.profiles.get(self.perspective.value)
        self.sliders["actor_interest"].description = (
            "their interest" if profile else "actor interest")
        view = views.matrix_view(self.weights(), self.actor(), viewer=self.viewer())
        self.plot.show(view.figure)
        self.caption.value = view.caption


def decision_matrix():
    """The policy options ranked by criteria you weight."""
    weights = {c["name"]: 3 for c in figures.criteria()}
    return _static_or(DecisionMatrix, views.matrix_view(weights),
                      "Static copy with equal weights; in JupyterLab you choose the weights in menus.")


NO_OPTION = "(no third option)"


class GroupScore(w.VBox):
    """One option the group scores: a menu, five 1-5 score menus (the scale of the kit's scores) and a reason.
    All keyboard-usable."""

    def __init__(self, number: int, choices: list[tuple[str, str]], value: str | None):
        self.option = w.Dropdown(options=choices, value=value, description=f"Option {number}",
                                 style=LABEL_STYLE, layout=w.Layout(width="34em"))
        self.sliders = {name: score_menu(name.replace("_", " "), low=1) for name in views.criterion_names()}
        self.reason = w.Textarea(placeholder="Why these scores? One or two sentences.",
                                 description=f"Reason {number}", style=LABEL_STYLE,
                                 layout=w.Layout(width="95%", height="4em"))
        super().__init__([self.option, *self.sliders.values(), self.reason],
                         layout=w.Layout(border="1px solid #999", padding="6px", margin="4px 0"))

    def entry(self) -> tuple[str | None, dict]:
        return self.option.value, {"scores": {n: s.value for n, s in self.sliders.items()},
                                   "reason": self.reason.value}


class OwnScores(ChartsRedrawn, w.VBox):
    """The group scores two or three options itself, with a reason each, and sees its ranking beside the
    kit's, with the disagreements listed. Save hands the scores to ``save`` (e.g. an exercise's evaluate)."""

    def __init__(self, options: list[str] | None = None, save=None, qid: str = ""):
        pairs = views.option_choices()
        chosen = list(options or ["o04", "o10"])[:3] + [None] * 3
        self.qid, self.save_with = qid, save
        self.groups = [GroupScore(i + 1, pairs if i < 2 else [(NO_OPTION, None)] + pairs, chosen[i])
                       for i in range(3)]
        if self.groups[0].option.value is None:
            self.groups[0].option.value = pairs[0][1]
        if self.groups[1].option.value is None:
            self.groups[1].option.value = pairs[1][1]
        self.compare = w.Button(layout=fit(), description="Compare with the kit",
                                tooltip="Show your ranking beside the kit's")
        self.save = w.Button(layout=fit(), description="Save our scores",
                             tooltip="Save your group's scores and reasons", disabled=save is None)
        self.plot = FigurePane()
        self.figure = self.plot.figure
        self.caption = w.HTML()
        self.status = w.HTML()
        # The group's answer is saved under one student's name: the others are named in it (issue 24)
        self.names = w.Text(description="Our names (everyone in the group)", placeholder="for example Ana, Ben, Chloe",
                            style={"description_width": "initial"}, layout=w.Layout(width="auto", max_width="100%"))
        self.compare.on_click(lambda _: self.refresh())
        self.save.on_click(lambda _: self._save())
        super().__init__([w.HBox(self.groups[:3], layout=w.Layout(flex_flow="row wrap")), self.names,
                          w.HBox([self.compare, self.save], layout=w.Layout(flex_flow="row wrap")), self.status,
                          self.plot, self.caption])

    def entries(self) -> dict:
        return views.group_entries([g.entry() for g in self.groups])

    def refresh(self) -> None:
        view = views.group_view(self.entries(), {n: 3 for n in views.criterion_names()})
        if view.figure is not None:
            self.plot.show(view.figure)
        self.caption.value = view.caption

    def _save(self) -> None:
        entries = self.entries()
        problems = views.check_group_scores(entries)
        if problems:
            self.status.value = views.group_view(entries, {}).caption
            return
        names = " ".join(self.names.value.split())
        if not names:
            self.status.value = ("<p role='status'>First type the names of everyone in your group, then press "
                                 "<i>Save our scores</i>.</p>")
            return
        feedback = self.save_with(f"Group: {names}\n" + views.group_answer_text(entries))
        self.status.value = feedback._repr_html_() if hasattr(feedback, "_repr_html_") else f"<p>{feedback}</p>"
        self.refresh()

    def __repr__(self) -> str:  # what exports and plain terminals show
        return f"{self.qid}: not answered yet (score two or three options, then press Save our scores)"


def own_scores(options: list[str] | None = None, save=None, qid: str = ""):
    """Students score too: a group's own 1-5 scores for two or three options, beside the kit's."""
    if interactive():
        return guarded(OwnScores(options, save, qid))  # arrow keys and letters stay with its controls
    return Static("<p>In JupyterLab your group scores two or three options here (1-5 on each criterion, with "
                  "a reason) and sees its ranking beside the kit's. On paper: copy the five criteria, score "
                  "your options, and compare with <code>options</code>.</p>"
                  + (f"<p>{qid}: not answered yet.</p>" if qid else ""))


# -- lesson 4 --------------------------------------------------------------------------------------
class WhatHappened(w.VBox):
    """Hidden until the debrief: a button reveals what the actors actually did after 20 August 2020."""

    def __init__(self):
        self.button = w.Button(description="Show what actually happened", button_style="",
                               tooltip="Only after the debrief: what the actors did after 20 August 2020",
                               layout=w.Layout(width="auto"))
        self.page = w.HTML("<p>Hidden until the debrief. Your teacher tells you when to press the button.</p>")
        self.button.on_click(lambda _: self.show())
        super().__init__([self.button, self.page])

    def show(self) -> None:
        self.page.value = views.what_happened_html()
        self.button.disabled = True


def what_happened():
    """What the actors actually did: hidden behind a button until the debrief (never in a static export)."""
    if interactive():
        return guarded(WhatHappened())  # arrow keys and letters stay with its controls
    return Static("<p>What actually happened is shown in class after the debrief.</p>")


class RoundTimer(w.VBox):
    """A round timer for the role-play: a named Start/Pause button and a Reset button (not ipywidgets'
    Play, whose icon-only buttons have no accessible name); the kernel counts the seconds."""

    def __init__(self, minutes: float = 5, rounds: int = 1):
        # rounds: the same timer used once per speaker (round 1: six groups, one minute each); the lesson plan
        # times the part as rounds x minutes, and a test checks the notebook's call against the plan.
        self.total, self.rounds = int(minutes * 60), rounds
        self.clock = w.BoundedIntText(value=0, min=0, max=self.total, description="Seconds gone",
                                      style=LABEL_STYLE, layout=w.Layout(width="14em"))
        self.left = w.Label(views.timer_text(self.total))
        self.start = w.ToggleButton(value=False, description="Start the round", tooltip="Start or pause the round")
        self.reset = w.Button(layout=fit(), description="Reset", tooltip="Back to the start of the round")
        self.clock.observe(lambda ch: setattr(self.left, "value", views.timer_text(self.total - ch["new"])),
                           names="value")
        self.start.observe(self._toggle, names="value")
        self.reset.on_click(lambda _: self._reset())
        self._stop = threading.Event()
        self._thread = None
        label = f"Round of {minutes:g} minutes" + (f", {rounds} times (reset between speakers)" if rounds > 1 else "")
        super().__init__([w.HBox([w.Label(label + ":"), self.start, self.reset, self.left]), self.clock])

    def _toggle(self, change) -> None:
        self.start.description = "Pause" if change["new"] else "Start the round"
        if change["new"] and (self._thread is None or not self._thread.is_alive()):
            self._stop.clear()
            self._thread = threading.Thread(target=self._tick, daemon=True)
            self._thread.start()
        elif not change["new"]:
            self._stop.set()

    def _tick(self) -> None:
        while not self._stop.wait(1):
            if self.clock.value >= self.total:
                self.start.value = False
                return
            self.clock.value += 1

    def _reset(self) -> None:
        self.start.value = False
        self.clock.value = 0


def round_timer(minutes: float = 5, rounds: int = 1):
    if interactive():
        return guarded(RoundTimer(minutes, rounds))  # arrow keys and letters stay with its controls
    times = f", {rounds} times" if rounds > 1 else ""
    return Static(f"<p>Round timer: {minutes:g} minutes{times}.</p>")


class Barometer(ChartsRedrawn, w.VBox):
    """The class records where it stands before and after the debate; the chart compares the two."""

    def __init__(self, question: str, positions: list[str]):
        self.question = question
        self.before = {p: w.BoundedIntText(value=0, min=0, max=500, description=p, style=LABEL_STYLE,
                                           layout=w.Layout(width="16em")) for p in positions}
        self.after = {p: w.BoundedIntText(value=0, min=0, max=500, description=p, style=LABEL_STYLE,
                                          layout=w.Layout(width="16em")) for p in positions}
        self.plot = FigurePane(figures.barometer_figure(*self.counts(), question))
        self.figure = self.plot.figure
        self.caption = w.HTML()
        for box in list(self.before.values()) + list(self.after.values()):
            box.observe(lambda _: self.refresh(), names="value")
        super().__init__([
            w.HTML(f"<b>{question}</b> Count the hands for each position."),
            w.HBox([w.VBox([w.Label("Before the debate")] + list(self.before.values())),
                    w.VBox([w.Label("After the debate")] + list(self.after.values()))]),
            self.plot, self.caption])
        self.refresh()

    def counts(self):
        return ({p: b.value for p, b in self.before.items()}, {p: b.value for p, b in self.after.items()})

    def refresh(self) -> None:
        fig = figures.barometer_figure(*self.counts(), self.question)
        self.plot.show(fig)
        self.caption.value = f"<p role='note'>{figures.description(fig)}</p>"


def barometer(question: str, positions: list[str]):
    if interactive():
        return guarded(Barometer(question, positions))  # arrow keys and letters stay with its controls
    return Static(f"<p><b>{question}</b> Positions: {', '.join(positions)}.</p>")
