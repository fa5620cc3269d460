"""The live view: while students work, per question how many are done, right, partly right, and the
misconceptions seen so far, refreshed from the class folder every few seconds.

``summary()`` and ``render()`` are pure (tested without a front end); ``live(FOLDER)`` wires them to a
widget refreshed by a background thread, which ``stop()`` (or the Stop button) ends. Unchanged files are
not read again. Projector mode shows no names.
"""
from __future__ import annotations

import html
import threading
import time
from pathlib import Path

from ..exercises import policy, questions
from ..exercises.model import CORRECT, NOT_ANSWERED, NOT_YET, PARTLY, SAVED, fmt
from . import gradebook, submissions


def summary(folder, cache: dict | None = None) -> dict:
    """Counts per question (each student's latest answer), the mean mark under the class's marking policy
    (the same function as grades.csv), and the misconceptions seen, from the submissions in the class folder."""
    subs, messages = submissions.read_all(folder, cache=cache)
    try:
        rule = policy.load(folder)
    except policy.PolicyError as err:  # the teacher's settings file: say so, use the default meanwhile
        rule = policy.Policy()
        messages = [*messages, f"skipped the class's marking policy: {err}"]
    rows = []
    for q in sorted(questions().values(), key=lambda q: (q.lesson, int(q.qid.split(".")[1]))):
        entries = [(s, s.answers[q.qid]) for s in subs.values() if q.qid in s.answers]
        done = [(s, a) for s, a in entries if a["status"] != NOT_ANSWERED]
        if not q.graded or q.discussion:  # a prediction or a view: recorded, not right or wrong (policy.py)
            done = [(s, {**a, "status": SAVED}) for s, a in done]
        seen: dict[str, list[str]] = {}
        for s, a in entries:
            for m in a["misconceptions_seen"]:
                seen.setdefault(m, []).append(s.display)
        rows.append({"question": q.qid, "kind": q.kind, "done": len(done),
                     "correct": sum(a["status"] == CORRECT for _, a in done),
                     "partly": sum(a["status"] == PARTLY for _, a in done),
                     "not_yet": sum(a["status"] == NOT_YET for _, a in done),
                     "saved": sum(a["status"] == SAVED for _, a in done),
                     "stuck": sorted(s.display for s, a in done if a["status"] == NOT_YET),
                     "mean_mark": _mean_mark(q, [a for _, a in entries], rule),
                     "misconceptions": {m: sorted(names) for m, names in seen.items()}})
    return {"students": len(subs), "rows": rows, "skipped": [m for m in messages if m.startswith("skipped ")],
            "at": time.strftime("%H:%M:%S")}


def _mean_mark(q, entries: list[dict], rule) -> str:
    """The class's mean mark on a question so far, as grades.csv will count it ("" for written answers and
    predictions, which the kit does not mark)."""
    if q.kind == "text" or not q.graded or q.discussion:
        return ""
    marks = [gradebook.final(dict(a, mark=None, mark_current=False, criteria_levels=None), rule)["final"]
             for a in entries if any(t.get("readable", True) for t in a.get("tries") or [])]
    return f"{fmt(sum(marks) / len(marks))} of {fmt(q.points)}" if marks else ""


def render(data: dict, *, names: bool = True) -> str:
    """The summary as an HTML table (escaped). Without names for the projector."""
    e = html.escape
    body = []
    for r in data["rows"]:
        if not r["done"] and not r["misconceptions"]:
            continue
        mis = "".join(f"<li>{e(m)}: {len(who)}" + (f" ({e(', '.join(who))})" if names else "") + "</li>"
                      for m, who in sorted(r["misconceptions"].items(), key=lambda kv: -len(kv[1])))
        stuck = f"<br><small>not yet: {e(', '.join(r['stuck']))}</small>" if names and r["stuck"] else ""
        body.append(f"<tr><td>{e(r['question'])}</td><td>{r['done']}</td><td>{r['correct']}</td>"
                    f"<td>{r['partly']}</td><td>{r['not_yet']}{stuck}</td><td>{r['saved']}</td>"
                    f"<td>{e(r['mean_mark'])}</td>"
                    f"<td><ul style='margin:0'>{mis}</ul></td></tr>")
    skipped = f"<p>{len(data['skipped'])} files could not be read.</p>" if data["skipped"] else ""
    return (f"<p>{data['students']} students; updated {e(data['at'])}.</p>{skipped}"
            "<table border='1' cellpadding='3' style='border-collapse:collapse'><tr><th>Question</th><th>Done</th>"
            "<th>Right</th><th>Partly</th><th>Not yet</th><th>Saved (free text, predictions)</th>"
            "<th>Mean mark (marking policy)</th><th>Misconceptions so far</th>"
            "</tr>" + ("".join(body) or "<tr><td colspan='8'>No answers yet.</td></tr>") + "</table>")


class LiveView:
    """A widget that refreshes every ``seconds`` until stopped."""

    def __init__(self, folder, seconds: float = 5.0, projector: bool = False):
        import ipywidgets as w
        self.folder, self.seconds = Path(folder), max(float(seconds), 0.5)
        self.cache: dict = {}
        self.table = w.HTML()
        self.projector = w.Checkbox(value=projector, description="Projector mode (no names)")
        self.button = w.Button(description="Stop", tooltip="Stop refreshing")
        self.status = w.HTML()
        self.box = w.VBox([w.HBox([self.projector, self.button, self.status]), self.table])
        self.projector.observe(lambda _: self.refresh(), names="value")
        self.button.on_click(lambda _: self.stop())
        self._stop = threading.Event()
        self.refresh()
        self._thread = threading.Thread(target=self._run, name="kit-live-view", daemon=True)
        self._thread.start()

    def refresh(self) -> None:
        try:
            self.table.value = render(summary(self.folder, self.cache), names=not self.projector.value)
            self.status.value = f"<span>refreshing every {self.seconds:g} s</span>"
        except Exception as err:  # a vanished folder or a glitch: say so, keep the last table, try again
            self.status.value = f"<span role='alert'>Could not refresh: {html.escape(str(err))}</span>"

    def _run(self) -> None:
        while not self._stop.wait(self.seconds):
            self.refresh()

    def stop(self) -> None:
        self._stop.set()
        self.button.disabled = True
        self.button.description = "Stopped"
        self.status.value = "<span>stopped</span>"

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _ipython_display_(self):
        from IPython.display import display
        display(self.box)

    def __repr__(self) -> str:
        return f"Live view of {self.folder} ({'running' if not self._stop.is_set() else 'stopped'})"


def live(folder, seconds: float = 5.0, projector: bool = False) -> LiveView:
    """Watch the class folder while students work: ``kit.classroom.live("class")``."""
    return LiveView(folder, seconds=seconds, projector=projector)
