"""The widgets wire controls to the views: changing a control changes the figure, in place."""
import json
from pathlib import Path

import ipywidgets as w
import plotly.graph_objects as go
import pytest

from kit.exercises import documents_ui
from kit.figures import charts as figures
from kit.widgets import lesson_widgets as widgets


@pytest.fixture
def live(monkeypatch):
    monkeypatch.setattr(widgets, "interactive", lambda: True)
    monkeypatch.setattr(documents_ui, "interactive", lambda: True)


def _controls(widget):
    found, stack = [], [widget]
    while stack:
        x = stack.pop()
        if isinstance(x, (w.Dropdown, w.IntSlider, w.Checkbox, w.BoundedIntText, w.Button, w.ToggleButton, w.Play,
                          w.Textarea)):
            found.append(x)
        stack.extend(getattr(x, "children", ()))
    return found


def test_comparison_explorer_updates_in_place(live):
    e = widgets.comparison_explorer()
    fig = e.figure
    before = fig.to_dict()
    e.measure.value = "peak_protest_date"
    assert e.figure is fig and fig.to_dict() != before
    assert fig.layout.title.text.startswith("Day of the largest protest")
    e.dimension.value = "repression"
    assert e.measure.value in dict((v, k) for k, v in e.measure.options)
    assert "Sources" in e.caption.value


def test_decision_matrix_updates_and_perspectives_set_weights(live):
    m = widgets.decision_matrix()
    y0 = list(m.figure.data[0].x)
    m.sliders["protester_safety"].value = 5
    m.sliders["feasibility"].value = 0
    assert list(m.figure.data[0].x) != y0
    m.perspective.value = "the Kremlin"
    assert m.weights()["actor_interest"] == 5 and "Kremlin" in m.why.value
    assert m.viewer() == "russia" and m.figure.data[0].y[0].startswith("o03")
    assert m.sliders["actor_interest"].description == "their interest"
    assert "value judgement" in m.why.value and "Through the eyes of the Kremlin" in m.figure.layout.title.text
    m.only_theirs.value = True
    assert all("o0" in y or "o1" in y for y in m.figure.data[0].y)
    assert len(m.figure.data[0].y) < 12


def test_decision_matrix_your_own_weights_uses_the_takers_interest(live):
    m = widgets.decision_matrix()
    m.perspective.value = "Lukashenko and the Belarusian authorities"
    assert any(y.startswith("o11") for y in m.figure.data[0].y[:2])   # o11 ties for first through his eyes
    m.perspective.value = widgets.YOUR_WEIGHTS
    assert m.viewer() is None and "Which option scores best" in m.figure.layout.title.text
    assert m.sliders["actor_interest"].description == "actor interest"


def test_own_scores_compare_and_save(live):
    saved = []
    o = widgets.own_scores(["o04", "o10"], save=lambda text: saved.append(text) or "saved", qid="q3.2")
    assert "not answered yet" in repr(o)
    o.compare.click()
    assert "Almost there" in o.caption.value and "write a reason" in o.caption.value
    assert list(o.groups[0].sliders["belarusian_choice"].options) == [1, 2, 3, 4, 5], "the kit's own scale"
    o.groups[0].sliders["belarusian_choice"].value = 1
    o.groups[0].reason.value = "Talks behind closed doors leave Belarusians out."
    o.groups[1].reason.value = "The OSCE offered to meet both sides on 17 August."
    o.compare.click()
    assert len(o.figure.data) == 2 and "Where you disagree" in o.caption.value
    o.save.click()
    assert saved == [] and "names of everyone in your group" in o.status.value  # saved under one name only
    o.names.value = "Ana,  Ben and Chloe"
    o.save.click()
    assert saved and "Talks behind closed doors" in saved[0] and "belarusian choice 1" in saved[0]
    assert saved[0].startswith("Group: Ana, Ben and Chloe\n")
    o.groups[2].option.value = "o04"  # the same option twice
    o.save.click()
    assert len(saved) == 1 and "same option twice" in o.status.value


def test_own_scores_save_like_answers(live, tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_RESPONSES_DIR", str(tmp_path))
    from kit.exercises import evaluate, responses
    o = widgets.own_scores(["o04", "o10"], save=lambda text: evaluate("q3.2", text), qid="q3.2")
    for g in o.groups[:2]:
        g.reason.value = "A reason known by 20 August 2020, from the role card."
    o.names.value = "Ana, Ben"
    o.save.click()
    assert "Saved" in o.status.value
    entry = responses.load(responses.lesson_file(3))["answers"]["q3.2"]
    assert entry["status"] == "saved" and "o04" in entry["answer"] and "o10" in entry["answer"]


def test_what_happened_stays_hidden_until_pressed(live):
    wh = widgets.what_happened()
    assert "Hidden until the debrief" in wh.page.value and "did not" not in wh.page.value
    first = kit_options().iloc[0]["what_happened"][:40]
    assert first not in wh.page.value
    wh.button.click()
    assert first in wh.page.value and wh.button.disabled


def kit_options():
    import kit
    return kit.options()


def test_reader_steps_and_stays_in_range(live):
    r = widgets.reader()
    r.back.click()
    assert r.paragraph.value == 1
    r.next.click()
    assert r.paragraph.value == 2 and "Paragraph 2 of 35" in r.page.value
    r.paragraph.value = 35
    r.next.click()
    assert r.paragraph.value == 35


def test_claims_explorer_filters(live):
    c = documents_ui.claims_explorer()
    c.kind.value = "prediction"
    assert "claims match" in c.listing.value and "prediction" in c.listing.value


def test_barometer_and_timer(live):
    b = widgets.barometer("Q?", ["yes", "no"])
    b.before["yes"].value = 7
    b.after["no"].value = 3
    assert list(b.figure.data[0].y) == [7, 0] and list(b.figure.data[1].y) == [0, 3]
    t = widgets.round_timer(2)
    t.clock.value = 60
    assert t.left.value == "1:00 left"


def test_round_timer_counts_pauses_and_resets(live):
    import time
    t = widgets.round_timer(1)
    assert t.start.description == "Start the round"
    t.start.value = True
    assert t.start.description == "Pause"
    deadline = time.time() + 10
    while t.clock.value < 1 and time.time() < deadline:
        time.sleep(0.1)
    assert t.clock.value >= 1 and t.left.value != "1:00 left"
    t.start.value = False
    t._thread.join(timeout=3)
    paused = t.clock.value
    time.sleep(1.2)
    assert t.clock.value == paused, "paused means paused"
    t.reset.click()
    assert t.clock.value == 0 and t.left.value == "1:00 left" and not t.start.value


def test_scores_and_weights_are_named_menus_not_sliders(live):
    m = widgets.decision_matrix()
    o = widgets.own_scores()
    weights = list(m.sliders.values())
    scores = [s for g in o.groups for s in g.sliders.values()]
    assert weights and all(isinstance(x, w.Dropdown) and x.description and list(x.options) == [0, 1, 2, 3, 4, 5]
                           for x in weights)
    # a group's scores are on the kit's own scale (options.csv: 1-5); a weight may be 0
    assert scores and all(isinstance(x, w.Dropdown) and x.description and list(x.options) == [1, 2, 3, 4, 5]
                          for x in scores)
    assert not any(isinstance(x, (w.IntSlider, w.Play)) for x in _controls(m) + _controls(o))


def test_every_control_has_a_label(live):
    for make in (widgets.comparison_explorer, widgets.decision_matrix, widgets.reader,
                 documents_ui.claims_explorer, lambda: widgets.barometer("Q?", ["a", "b"]),
                 lambda: widgets.round_timer(1), widgets.own_scores, widgets.what_happened):
        for control in _controls(make()):
            label = control.description or getattr(control, "tooltip", "")
            assert label, f"{type(control).__name__} without a label"


def test_static_fallback_without_a_front_end(monkeypatch):
    monkeypatch.setenv("KIT_STATIC", "1")
    assert not widgets.interactive()
    for make in (widgets.comparison_explorer, widgets.decision_matrix, lambda: documents_ui.claims_explorer(reveal=True)):
        shown = make()
        assert isinstance(shown, widgets.Static)
        assert any(isinstance(p, go.Figure) for p in shown.parts)
        assert any(isinstance(p, str) and "What the chart shows" in p for p in shown.parts) or \
            "kit's judgements" in shown.parts[-1]
    assert len(widgets.reader().parts) == 35
    hidden = widgets.what_happened()
    assert isinstance(hidden, widgets.Static) and "after the debrief" in hidden.parts[0]
    assert kit_options().iloc[0]["what_happened"][:40] not in "".join(hidden.parts)
    assert "not answered yet" in widgets.own_scores(qid="q3.2").parts[0]


def test_the_keyboard_guard_is_the_only_anywidget_and_gets_no_messages():
    """The browser tests tolerate anywidget's "Failed to initialize model" only because the keyboard guard
    is the kit's one anywidget and has no state of its own for the kernel to send (anywidget drops the
    messages of a late model). A chart as a FigureWidget, or a guard with state, would break that."""
    import importlib
    import pkgutil

    import anywidget

    import kit
    from kit.widgets.keyboard import KeyboardGuard
    mine = set(KeyboardGuard().keys) - set(anywidget.AnyWidget().keys)
    assert mine == set(), f"the guard syncs {mine}: a late guard would lose those messages"
    found = []
    for info in pkgutil.walk_packages(kit.__path__, "kit."):
        module = importlib.import_module(info.name)
        found += [f"{info.name}.{name}" for name, obj in vars(module).items()
                  if isinstance(obj, type) and issubclass(obj, anywidget.AnyWidget) and obj.__module__ == info.name]
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert "FigureWidget(" not in source, f"{info.name} makes a FigureWidget (an anywidget chart)"
    assert found == ["kit.widgets.keyboard.KeyboardGuard"]


def test_a_chart_redraw_is_one_small_output(live):
    m = widgets.decision_matrix()
    (output,) = m.plot.outputs
    assert output["output_type"] == "display_data" and "application/vnd.plotly.v1+json" in output["data"]
    assert output["data"]["text/plain"] == figures.description(m.figure)
    m.sliders["feasibility"].value = 0
    (after,) = m.plot.outputs
    assert after["data"]["application/vnd.plotly.v1+json"] != output["data"]["application/vnd.plotly.v1+json"]
    assert len(json.dumps(after)) < 100_000, "an update sends the figure, not plotly's 5 MB bundle"


def test_showing_a_widget_again_draws_its_chart_again(live):
    """A second view is built from the output model, where JupyterLab's renderer left a PNG copy of the
    chart (no alt text, not interactive): each display sends the chart again (see ChartsRedrawn)."""
    b = widgets.barometer("Should the EU mediate?", ["yes", "no"])
    (first,) = b.plot.outputs
    b._repr_mimebundle_()
    (again,) = b.plot.outputs
    assert again["metadata"]["kit_draw"] != first["metadata"]["kit_draw"], "not sent again"
    assert again["data"] == first["data"]
    for make in (widgets.comparison_explorer, widgets.decision_matrix, widgets.own_scores,
                 lambda: documents_ui.claims_explorer(reveal=True)):
        assert isinstance(make(), widgets.ChartsRedrawn), make
