"""What a question is, and what a check says back. Pure data: no widgets, no files."""
from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

SKILLS = ("sourcing", "contextualisation", "corroboration", "close reading", "use of evidence",
          "working with data", "vocabulary")
KINDS = ("number", "frame", "choice", "matching", "ordering", "figure", "text")
# Shown in the answer box of a written task that has no starters of its own.
GENERIC_STARTERS = ("I think ... because ...", "One piece of evidence is ... (source: ...).",
                    "On the other hand, ...", "So, in the end, ...")



class Criterion(str):
    """One criterion of a written task's rubric: its text, and the levels it is scored on.

    A plain string in a rubric is met or not (0 or 1 point). ``Criterion(text, levels=("missing", "partly",
    "met"))`` is scored 0, 1 or 2, with a short descriptor per level; the task is worth the sum of the top
    levels. It is a ``str``, so everything that shows a rubric as text keeps working."""

    levels: tuple[str, ...]

    def __new__(cls, text: str, levels=("not met", "met")):
        obj = super().__new__(cls, text)
        obj.levels = tuple(str(x) for x in levels)
        assert len(obj.levels) >= 2, f"{text[:40]}: a criterion needs at least two levels"
        return obj

    @property
    def top(self) -> int:
        return len(self.levels) - 1


def criteria(rubric) -> list[Criterion]:
    """A rubric's criteria as Criterion objects (plain strings: met or not)."""
    out = []
    for c in rubric:
        if isinstance(c, Criterion):
            out.append(c)
        elif isinstance(c, str) and len(getattr(c, "levels", ()) or ()) >= 2:  # a bank's own str with levels
            crit = Criterion(str.__str__(c), c.levels)
            crit.id = getattr(c, "id", None)
            out.append(crit)
        elif isinstance(c, dict):  # {"text": ..., "levels": [...]} as a bank may write it
            out.append(Criterion(c.get("text") or c.get("criterion", ""), c.get("levels", ("not met", "met"))))
        elif isinstance(c, (tuple, list)) and len(c) == 2 and not isinstance(c[1], str):
            out.append(Criterion(c[0], c[1]))
        else:
            out.append(Criterion(str(c)))
    return out


# Statuses, in the words a student sees.
CORRECT, PARTLY, NOT_YET, NOT_ANSWERED, SAVED = "correct", "partly", "not yet", "not answered yet", "saved"


@dataclass
class Question:
    """One exercise. Expected answers that come from the data are computed when checked (``expected``
    may be a function), so they are not written out in the notebooks."""

    qid: str
    kind: str
    prompt: str
    skill: str
    hints: list[str]                 # hint 1, hint 2, then a worked example
    variable: str | None = None      # the name check(qid) reads when no answer is given
    points: int = 1                  # a written task: worked out from its rubric (see __post_init__)
    expected: Any = None             # number / frame / figure spec / order / matching dict
    tolerance: float = 0.0           # number: absolute tolerance
    partial_within: float = 0.0      # number: half credit within this share of the answer (0 = none)
    options: dict[str, str] = field(default_factory=dict)          # choice/matching/ordering: letter -> text
    items: list[str] = field(default_factory=list)                 # matching: the things to match
    misconceptions: dict[str, str] = field(default_factory=dict)   # wrong answer -> what it reveals
    feedback: dict[str, str] = field(default_factory=dict)         # "correct", "partly", wrong values
    min_words: int = 0               # text: how many words make an answer
    rubric: list[str] = field(default_factory=list)                # text: single-point rubric criteria
    examples: list[str] = field(default_factory=list)              # text: example answers for the key
    check_frame: Callable | None = None  # frame: custom comparison, returns (status, message)
    # Other answers a teacher would defend: number "=27" or choice letter -> why it is right (full credit).
    # May be a function, so answers that come from the data are worked out when checked.
    accept: Any = field(default_factory=dict)
    partly: dict[str, str] = field(default_factory=dict)          # choice letter -> why it is half right
    columns: list[str] = field(default_factory=list)               # frame: the columns the question names
    key: list[str] = field(default_factory=list)                   # frame: the columns that identify a row
    discussion: bool = False         # open evidence: record the answer, leave the marking to the class
    starters: list[str] = field(default_factory=list)              # text: sentence starters shown by the box
    no_code: dict = field(default_factory=dict)  # frame/number/figure: the table tool's set-up (no-code route)
    # False for an item that asks for a prediction or a view before the evidence: recorded for the
    # discussion and shown in the report, worth no points (diagnosing a prior is not grading it).
    graded: bool = True

    def __post_init__(self):
        assert self.kind in KINDS, f"{self.qid}: unknown kind {self.kind}"
        assert self.skill in SKILLS, f"{self.qid}: unknown skill {self.skill}"
        assert len(self.hints) >= 3, f"{self.qid}: two hints and a worked example"
        if self.no_code:
            assert self.kind in ("frame", "number", "figure"), f"{self.qid}: a no-code route is for data exercises"
        if self.kind == "text" and self.rubric:
            # One point per criterion met (or per level, on a scale): the rubric, not a number typed
            # beside it, says what a written task is worth.
            self.rubric = criteria(self.rubric)
            self.points = sum(c.top for c in self.rubric)
        if not self.graded or self.discussion:
            self.points = 0

    @cached_property  # read about a million times when a class of 3,000 is graded
    def lesson(self) -> int:
        return int(self.qid[1:].split(".")[0])

    @property
    def sentence_starters(self) -> list[str]:
        return list(self.starters) or list(GENERIC_STARTERS)

    def expected_value(self):
        return self.expected() if callable(self.expected) else self.expected

    def accepted(self) -> dict:
        return dict(self.accept() if callable(self.accept) else self.accept)


@dataclass
class Feedback:
    """What a student sees after checking: status, score, the teacher's message, the reason for
    partial credit, and the misconception a wrong choice reveals."""

    qid: str
    status: str
    score: float
    points: int
    message: str
    misconception: str = ""
    reason: str = ""
    flag: str = ""          # for the teacher, e.g. "short": saved, but shorter than the question asks
    readable: bool = True   # False when the answer could not be read as the kind the question needs
    worth: str = ""         # what the answer is worth now under the class's marking policy, and why
    counted: float | None = None  # that mark (None: the score of this try is all there is to say)

    ICONS = {CORRECT: "✔", PARTLY: "◐", NOT_YET: "✘", NOT_ANSWERED: "…", SAVED: "✎"}
    COLOURS = {CORRECT: "#1b7837", PARTLY: "#b35806", NOT_YET: "#b2182b", NOT_ANSWERED: "#555555",
               SAVED: "#2166ac"}

    @property
    def headline(self) -> str:
        words = {CORRECT: "Correct", PARTLY: "Partly right", NOT_YET: "Not yet",
                 NOT_ANSWERED: "Not answered yet", SAVED: "Saved"}[self.status]
        if not self.readable and self.status == NOT_YET:
            words = "Not read, so not counted"
        score = self.score if self.counted is None else self.counted
        if self.counted is not None and self.counted < self.score and self.status in (CORRECT, PARTLY):
            words = "Right on this try" if self.status == CORRECT else "Partly right on this try"
        scored = "" if self.status in (NOT_ANSWERED, SAVED) or not self.readable else \
            f" ({fmt(score)} of {fmt(self.points)} point{'' if self.points == 1 else 's'})"
        return f"{self.ICONS[self.status]} {self.qid}: {words}{scored}"

    def __str__(self) -> str:
        lines = [self.headline, self.message]
        if self.worth:
            lines.append(self.worth)
        if self.reason:
            lines.append(f"Partial credit: {self.reason}")
        if self.misconception:
            lines.append(f"Think about it: {self.misconception}")
        return "\n".join(line for line in lines if line)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        e = html.escape
        colour = self.COLOURS[self.status]
        extra = f"<div><b>{e(self.worth)}</b></div>" if self.worth else ""
        if self.reason:
            extra += f"<div><b>Partial credit:</b> {e(self.reason)}</div>"
        if self.misconception:
            extra += f"<div><b>Think about it:</b> {e(self.misconception)}</div>"
        return (f"<div role='status' aria-live='polite' style='border-left:5px solid {colour};"
                f"padding:4px 10px;margin:4px 0'><b style='color:{colour}'>{e(self.headline)}</b>"
                f"<div>{e(self.message)}</div>{extra}</div>")

    def to_record(self) -> dict:
        return {"status": self.status, "score": self.score, "points": self.points,
                "misconception": self.misconception, "flag": self.flag, "readable": self.readable}


def fmt(x) -> str:
    """A mark as a teacher writes it: 0.67, 2, never "-0"."""
    try:
        x = round(float(x), 2) + 0.0  # + 0.0 turns -0.0 into 0.0
    except (TypeError, ValueError, OverflowError):
        return str(x)
    return f"{x:g}"
