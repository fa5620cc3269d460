"""Lesson plans: kept in each notebook's metadata (``metadata.kit.lesson``), shown in its header cell.

The header and key-points cells are generated from the metadata (``python -m kit headers``), and a
test checks they agree, so a teacher who edits the plan in one place sees it everywhere.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

HEADER_TAG, KEY_POINTS_TAG = "lesson-header", "key-points"


def header_markdown(plan: dict) -> str:
    teach = sum(t["teaching"] for t in plan["timings"])
    practise = sum(t["exercises"] for t in plan["timings"])
    lines = [f"# Lesson {plan['number']}: {plan['title']}", "",
             f"**Time:** {teach + practise} minutes ({teach} teaching, {practise} exercises)", "",
             "**Questions**", ""]
    lines += [f"- {q}" for q in plan["questions"]]
    lines += ["", "**Objectives**: by the end of the lesson you can", ""]
    lines += [f"- {o}" for o in plan["objectives"]]
    lines += ["", "| part | teaching (min) | exercises (min) |", "|---|---|---|"]
    lines += [f"| {t['part']} | {t['teaching']} | {t['exercises']} |" for t in plan["timings"]]
    if plan.get("routes"):
        lines += ["", f"**Basic route:** {plan['routes']['basic']}  ",
                  f"**Advanced route:** {plan['routes']['advanced']}"]
    return "\n".join(lines)


def key_points_markdown(plan: dict) -> str:
    return "\n".join(["## Key points", ""] + [f"- {k}" for k in plan["key_points"]])


def sync(nb) -> bool:
    """Rewrite the header and key-points cells from the metadata. Returns True if anything changed."""
    plan = nb.metadata.get("kit", {}).get("lesson")
    if not plan:
        return False
    changed = False
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        want = (header_markdown(plan) if HEADER_TAG in tags else
                key_points_markdown(plan) if KEY_POINTS_TAG in tags else None)
        if want is not None and cell.source != want:
            cell.source, changed = want, True
    return changed


def plans(folder: str | Path = ".") -> list[dict]:
    """The lesson plans of every notebook in a folder, in file order."""
    import nbformat
    out = []
    for path in sorted(Path(folder).glob("[0-9][0-9]_*.ipynb")):
        plan = nbformat.read(path, as_version=4).metadata.get("kit", {}).get("lesson")
        if plan:
            out.append({**plan, "notebook": path.name})
    return out


def schedule(folder: str | Path = ".") -> pd.DataFrame:
    """The unit's schedule: one row per part of each lesson, with teaching and exercise minutes."""
    rows = [(p["number"], p["title"], t["part"], t["teaching"], t["exercises"])
            for p in plans(folder) for t in p["timings"]]
    return pd.DataFrame(rows, columns=["lesson", "title", "part", "teaching_min", "exercise_min"])
