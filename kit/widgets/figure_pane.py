"""A chart the kernel redraws: the figure a widget shows, held in an ipywidgets ``Output``.

Why not plotly's ``FigureWidget``: it is an anywidget, and its code (plotly's 5 MB bundle) travels from
the kernel with every chart. anywidget gives up on a model whose code has not started within 2 seconds
(``[anywidget] Failed to initialize model.``), and from then on it drops every update the kernel sends
to that chart: the chart freezes while the menus still move. It happened in CI, on a loaded machine; a
slow school laptop or a busy hub is the same case. Here the chart is an ordinary plotly output, drawn by
JupyterLab's own plotly renderer (loaded once and cached by the browser); an update sends only the
figure's JSON (1-5 kB for the kit's charts) and replaces the output in one message.
"""
from __future__ import annotations

import itertools
import json

import ipywidgets as w
import plotly.graph_objects as go
import plotly.io as pio

from ..figures.charts import description


def replace_content(target: go.Figure, fig: go.Figure) -> None:
    """Give ``target`` another figure's traces and layout, keeping the object (code may hold it)."""
    target.data = []
    target.add_traces(list(fig.data))
    target.layout = fig.layout


class FigurePane(w.Output):
    """One chart. ``figure`` is the plotly figure shown; ``show(fig)`` puts another in its place."""

    def __init__(self, fig: go.Figure | None = None):
        super().__init__()
        self.figure = fig if fig is not None else go.Figure()
        self.draw()

    def show(self, fig: go.Figure) -> None:
        replace_content(self.figure, fig)
        self.draw()

    def draw(self) -> None:
        """Send the figure to the browser: the plotly JSON, and its text description for anything
        that cannot draw it (a screen reader reads the caption the widgets print under the chart)."""
        if not self.figure.data:  # nothing to draw yet (a group's chart before "Compare")
            self.outputs = ()
            return
        # The bundle plotly's "plotly_mimetype" renderer makes, built here: plotly.io's renderers import
        # nbformat (only to check its version), and with it jsonschema: about 0.3 s and 6 MB in every
        # kernel that draws a chart (measured December 2026).
        spec = json.loads(pio.to_json(self.figure.to_dict(), validate=False, remove_uids=False))
        bundle = {"application/vnd.plotly.v1+json": spec}
        bundle["text/plain"] = description(self.figure) or "A chart."
        # A new number each time, so that the same figure drawn again is still sent (see ChartsRedrawn).
        metadata = {"kit_draw": next(_DRAWS)}
        self.outputs = ({"output_type": "display_data", "data": bundle, "metadata": metadata},)


_DRAWS = itertools.count(1)


def panes_in(widget) -> list[FigurePane]:
    """Every FigurePane inside a widget, however deep."""
    found, stack = [], [widget]
    while stack:
        item = stack.pop()
        if isinstance(item, FigurePane):
            found.append(item)
        stack.extend(getattr(item, "children", ()))
    return found


class ChartsRedrawn:
    """Mix into a widget that holds charts: each time it is displayed, its charts are drawn afresh.

    Why: once JupyterLab's plotly renderer has drawn a chart, it stores a PNG copy of it in the output's
    model (for saved notebooks). A second view of the same widget (``class_vote`` shown again for the
    vote after the debate) is built from that model and shows the PNG: no alternative text (axe:
    image-alt, critical) and no interactive chart until a mouse passes over it. Drawing again replaces
    the model's output with the figure alone, so every view draws the real chart."""

    def _repr_mimebundle_(self, **kwargs):
        for pane in panes_in(self):
            pane.draw()
        return super()._repr_mimebundle_(**kwargs)
