"""A small demo class folder, so the marking notebook runs anywhere (and under nbval) with no real class.

Six made-up students (names in Latin, Cyrillic and Chinese script) with answers to lessons 1 and 2: every
exercise the kit can check from a stored answer, and free text built from short sentences. The folder carries a
marker file; ``remove()`` deletes only a folder that has it.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from ..exercises import questions
from ..exercises.classfolder import SUBMISSIONS, student_id, write_file

MARKER = ".kit-demo-class"
LESSONS = (1, 2)
NAMES = ["Ana Silva", "Аня Петрова", "王小明", "Jonas Müller", "Fatima Zahra", "Leo Novak"]
SENTENCES = ["I think the column was written for readers outside Belarus.", "It uses numbers from two sources.",
             "The official figure and the rights group's figure are far apart.", "That is a limit of the data.",
             "My answer would change if a third source said something else.", "The evidence points one way."]


def _answer(q, i: int):
    if q.kind == "text":
        words = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(8))
        return f"{NAMES[i].split()[0]}: {words}"
    right = q.expected_value()
    wrong = next(iter(q.misconceptions), None)
    if i % 3 == 2 and wrong is not None:  # every third student shows a misconception
        return float(wrong[1:]) if wrong.startswith("=") else wrong
    return right


def demo_class(folder: str | Path | None = None) -> Path:
    """Make a demo class folder (a new temporary folder unless given) with six students' submissions."""
    folder = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="kit-demo-class-"))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text("made by kit.classroom.demo; remove() deletes this folder\n")
    for i, name in enumerate(NAMES):
        answers = {}
        for q in questions().values():
            if q.kind in ("frame", "figure") or q.lesson not in LESSONS:
                continue
            answer = _answer(q, i)
            answers[q.qid] = {"answer": answer, "attempts": 1 + i % 2, "hints": i % 3,
                              "history": [{"answer": answer, "at": "2026-12-01T09:00:00+00:00"}]}
        sid = student_id(name)
        sub = {"format": "kit-submission", "version": 2, "student": {"name": name, "id": sid},
               "hub_user": None, "os_user": None, "created": "2026-12-01T09:30:00+00:00", "answers": answers}
        write_file(folder / SUBMISSIONS, f"{sid}.json", json.dumps(sub, ensure_ascii=False, indent=1))
    return folder


def remove(folder: str | Path) -> None:
    """Delete a demo class folder (only one that demo_class() made)."""
    folder = Path(folder)
    if not (folder / MARKER).is_file():
        raise ValueError(f"{folder} is not a demo class folder: it was not removed")
    shutil.rmtree(folder)
