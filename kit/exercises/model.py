"""What a question is, and what a check says back. Pure data: no widgets, no files."""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, Callable

SKILLS = ("sourcing", "contextualisation", "corroboration", "close reading", "use of evidence",
          "working with data", "vocabulary")
KINDS = ("number", "frame", "choice", "matching", "ordering", "figure", "text")
# Shown in the answer box of a written task that has no starters of its own.
GENERIC_STARTERS = ("I think ... because ...", "One piece of evidence is ... (source: ...).",
                    "On the other hand, ...", "So, in the end, ...")

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
    points: int = 1
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

    def __post_init__(self):
        assert self.kind in KINDS, f"{self.qid}: unknown kind {self.kind}"
        assert self.skill in SKILLS, f"{self.qid}: unknown skill {self.skill}"
        assert len(self.hints) >= 3, f"{self.qid}: two hints and a worked example"
        if self.no_code:
            assert self.kind in ("frame", "number", "figure"), f"{self.qid}: a no-code route is for data exercises"

    @property
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

    ICONS = {CORRECT: "✔", PARTLY: "◐", NOT_YET: "✘", NOT_ANSWERED: "…", SAVED: "✎"}
    COLOURS = {CORRECT: "#1b7837", PARTLY: "#b35806", NOT_YET: "#b2182b", NOT_ANSWERED: "#555555",
               SAVED: "#2166ac"}

    @property
    def headline(self) -> str:
        words = {CORRECT: "Correct", PARTLY: "Partly right", NOT_YET: "Not yet",
                 NOT_ANSWERED: "Not answered yet", SAVED: "Saved"}[self.status]
        scored = "" if self.status in (NOT_ANSWERED, SAVED) else f" ({self.score:g} of {self.points} points)"
        return f"{self.ICONS[self.status]} {self.qid}: {words}{scored}"

    def __str__(self) -> str:
        lines = [self.headline, self.message]
        if self.reason:
            lines.append(f"Partial credit: {self.reason}")
        if self.misconception:
            lines.append(f"Think about it: {self.misconception}")
        return "\n".join(line for line in lines if line)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        e = html.escape
        colour = self.COLOURS[self.status]
        extra = ""
        if self.reason:
            extra += f"<div><b>Partial credit:</b> {e(self.reason)}</div>"
        if self.misconception:
            extra += f"<div><b>Think about it:</b> {e(self.misconception)}</div>"
        return (f"<div role='status' aria-live='polite' style='border-left:5px solid {colour};"
                f"padding:4px 10px;margin:4px 0'><b style='color:{colour}'>{e(self.headline)}</b>"
                f"<div>{e(self.message)}</div>{extra}</div>")

    def to_record(self) -> dict:
        return {"status": self.status, "score": self.score, "points": self.points,
                "misconception": self.misconception, "flag": self.flag}
