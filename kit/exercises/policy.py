"""The marking policy: what an answer is worth, in one place. Every surface asks this module (the check's
feedback, the student's own summary, the gradebook, grades.csv, the feedback pages, the report).

The policy in one sentence (the default): **the best attempt counts; for choice, matching and ordering,
where guessing is possible, each wrong attempt before it takes off a third of the item's points, never
below zero; an answer the checker could not read (text for a number, a checker error) is not an attempt
and costs nothing.** A written task is marked by the teacher, one point per rubric criterion met (or per
level, where a criterion has a scale). An item that asks for a prediction or a view is recorded, not marked.

Why best and not first: the instant feedback invites a second try, so the mark must not punish the try;
the penalty on guessable kinds keeps "try every letter" from earning full marks. The misconception report
still counts first attempts: diagnosing is not grading.

A class chooses another policy in ``<class folder>/kit-grading.json``, e.g. ``{"attempt": "first"}`` or
``{"attempt": "best", "penalty": 0.5}``; ``python -m kit grades``/``report`` take ``--attempt`` and
``--penalty`` for one run. Students' instant feedback reads the same file through the class folder.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from .model import CORRECT, NOT_ANSWERED, PARTLY, SAVED, fmt

ATTEMPTS = ("best", "first", "last")
DEFAULT_ATTEMPT = "best"
DEFAULT_PENALTY = 1 / 3
GUESSABLE = ("choice", "matching", "ordering")
SETTINGS = "kit-grading.json"
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}


class PolicyError(ValueError):
    """A marking policy that cannot be used; the message says what is wrong and where."""


def share_words(x: float) -> str:
    """0.333 -> "a third", 0.5 -> "half", 0.25 -> "a quarter", 0.2 -> "1/5"."""
    words = {Fraction(1, 2): "half", Fraction(1, 3): "a third", Fraction(2, 3): "two thirds",
             Fraction(1, 4): "a quarter", Fraction(3, 4): "three quarters", Fraction(1, 1): "all"}
    f = Fraction(x).limit_denominator(12)
    if abs(float(f) - x) > 1e-3:
        return f"{x:g}"
    return words.get(f, f"{f.numerator}/{f.denominator}")


def parse_penalty(value) -> float:
    """A penalty share from the command line or a settings file: "1/3", "0.25", 0.5, "0"."""
    if isinstance(value, bool):
        raise PolicyError(f"the penalty must be a share of the item's points from 0 to 1, like 1/3; got {value!r}")
    try:
        x = float(Fraction(value.strip())) if isinstance(value, str) else float(value)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        raise PolicyError(f"the penalty must be a share of the item's points from 0 to 1, like 1/3 or 0.25; "
                          f"got {str(value)[:40]!r}") from None
    if not (math.isfinite(x) and 0 <= x <= 1):
        raise PolicyError(f"the penalty must be from 0 to 1 (a share of the item's points); got {str(value)[:40]}")
    return x


@dataclass(frozen=True)
class Policy:
    attempt: str = DEFAULT_ATTEMPT
    penalty: float = DEFAULT_PENALTY  # share of an item's points taken off per earlier wrong attempt (guessable)

    def __post_init__(self):
        if self.attempt not in ATTEMPTS:
            raise PolicyError(f"attempt must be one of {', '.join(ATTEMPTS)}, not {str(self.attempt)[:40]!r}")
        object.__setattr__(self, "penalty", parse_penalty(self.penalty))

    def describe(self) -> str:
        """The policy in one sentence, for the report and the feedback pages."""
        which = {"best": "The best attempt counts", "first": "The first attempt counts",
                 "last": "The last attempt counts"}[self.attempt]
        penalty = ""
        if self.penalty and self.attempt != "first":
            penalty = (f"; for choice, matching and ordering each wrong attempt before it takes off "
                       f"{share_words(self.penalty)} of the item's points, never below zero")
        return (f"{which}{penalty}. An answer the checker could not read costs nothing. Written tasks get one "
                "point per rubric criterion met. Predictions are recorded, not marked.")


def load(folder) -> Policy:
    """The class's policy from ``<folder>/kit-grading.json``; the default when there is none."""
    path = Path(folder) / SETTINGS
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Policy()
    except (OSError, UnicodeDecodeError) as err:
        raise PolicyError(f"{path} could not be read ({getattr(err, 'strerror', None) or type(err).__name__})") \
            from None
    try:
        data = json.loads(text)
    except ValueError as err:
        raise PolicyError(f"{path} is not valid JSON ({err}); write for example "
                          '{"attempt": "best", "penalty": "1/3"}') from None
    if not isinstance(data, dict) or set(data) - {"attempt", "penalty"}:
        raise PolicyError(f"{path} may set only \"attempt\" (best, first or last) and \"penalty\" (0 to 1)")
    try:
        return Policy(data.get("attempt", DEFAULT_ATTEMPT), data.get("penalty", DEFAULT_PENALTY))
    except PolicyError as err:
        raise PolicyError(f"{path}: {err}") from None


def resolve(folder=None, attempt: str | None = None, penalty=None) -> Policy:
    """The class's policy with the command line's choices on top (None: keep the class's)."""
    base = load(folder) if folder is not None else Policy()
    return Policy(attempt or base.attempt, base.penalty if penalty is None else penalty)


def save(folder, policy: Policy) -> Path:
    """Write the class's policy file (what a teacher could also write by hand)."""
    path = Path(folder) / SETTINGS
    path.write_text(json.dumps({"attempt": policy.attempt, "penalty": round(policy.penalty, 6)}) + "\n",
                    encoding="utf-8")
    return path


def for_student() -> Policy:
    """The policy of the student's class folder, for instant feedback; the default if none. Never raises."""
    try:
        from .classfolder import class_dir
        folder = class_dir()
        return load(folder) if folder is not None else Policy()
    except Exception:  # no class folder, or a bad settings file: the teacher's tools say so, not the student's
        return Policy()


# -- what an answer is worth ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Try:
    status: str
    score: float
    readable: bool = True


@dataclass(frozen=True)
class Mark:
    score: float            # what counts, rounded to 2 decimals (never -0)
    points: float           # what the item is worth
    how: str                # one plain sentence: which attempt, what it scored, what was taken off
    counted: int | None     # which readable try counts (1 = the first); None when none does
    status: str             # the status of that try
    tries: int              # readable tries
    unreadable: int         # answers the checker could not read (not counted)
    graded: bool = True


def _round(x: float) -> float:
    return round(float(x), 2) + 0.0


def _pts(x: float) -> str:
    return f"{fmt(x)} point{'' if x == 1 else 's'}"


def _nth(i: int) -> str:
    return ORDINALS.get(i, f"{i}th")


def tries_from_history(history) -> list[Try]:
    """Tries from a student's saved history (their own file: for instant feedback, not for grades)."""
    out = []
    for h in history if isinstance(history, list) else []:
        if not isinstance(h, dict) or h.get("status") in (None, NOT_ANSWERED):
            continue
        score = h.get("score")
        score = float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) \
            and math.isfinite(score) else 0.0
        out.append(Try(str(h["status"]), score, h.get("readable", True) is not False))
    return out


def mark(q, tries, policy: Policy | None = None, *, teacher: float | None = None, teacher_how: str = "") -> Mark:
    """What an answer is worth: ``q`` the question (kind, points, graded), ``tries`` in order, and the
    teacher's current mark if there is one (it counts as given)."""
    policy = policy or Policy()
    tries = [t for t in tries if t.status != NOT_ANSWERED]
    readable = [t for t in tries if t.readable]
    unreadable = len(tries) - len(readable)
    points = float(q.points)
    not_read = (f" ({unreadable} answer{'s' if unreadable != 1 else ''} of the wrong kind did not count)"
                if unreadable else "")
    if not getattr(q, "graded", True) or getattr(q, "discussion", False):
        what = "a prediction" if not getattr(q, "graded", True) else "an open question"
        return Mark(0.0, 0.0, f"Not marked: {what}, recorded for the class discussion.", None,
                    readable[-1].status if readable else NOT_ANSWERED, len(readable), unreadable, graded=False)
    if teacher is not None:
        score = _round(min(max(float(teacher), 0.0), points))
        how = teacher_how or f"{fmt(score)} of {_pts(points)}, marked by your teacher."
        return Mark(score, points, how, len(readable) or None, readable[-1].status if readable else SAVED,
                    len(readable), unreadable)
    if q.kind == "text":
        how = "Not marked yet: your teacher marks written answers." if readable else "Not answered yet."
        return Mark(0.0, points, how, None, SAVED if readable else NOT_ANSWERED, len(readable), unreadable)
    if not readable:
        how = ("Not counted: your answer is not the kind the question needs, so it "
               "costs nothing. Try again." if unreadable else "Not answered yet.")
        return Mark(0.0, points, how, None, NOT_ANSWERED, 0, unreadable)
    penalty = policy.penalty if q.kind in GUESSABLE else 0.0
    values, wrong = [], 0
    for t in readable:
        values.append((_round(max(0.0, t.score - penalty * points * wrong)), wrong))
        wrong += t.status != CORRECT
    if policy.attempt == "first":
        i = 0
    elif policy.attempt == "last":
        i = len(values) - 1
    else:
        i = max(range(len(values)), key=lambda k: (values[k][0], readable[k].score, -k))
    score, wrong_before = values[i]
    t = readable[i]
    result = {CORRECT: "right", PARTLY: f"partly right ({_pts(_round(t.score))})"}.get(t.status, "not right")
    which = {"first": "your first try counts", "last": "your last try counts",
             "best": "your best try counts"}[policy.attempt]
    on = "the first try" if i == 0 else f"try {i + 1}"
    if all(r.score == 0 for r in readable):
        tried = "not right yet" if len(readable) == 1 else f"none of your {len(readable)} tries is right yet"
        how = f"Worth 0 of {_pts(points)}: {tried}{not_read}."
    elif len(readable) == 1:
        how = f"Worth {fmt(score)} of {_pts(points)}: {result} on the first try{not_read}."
    else:
        how = f"Worth {fmt(score)} of {_pts(points)}: {which}, {result} on {on} of {len(readable)}"
        if wrong_before and penalty and t.score > 0:
            each = "the wrong try" if wrong_before == 1 else f"each of the {wrong_before} wrong tries"
            how += f", less {share_words(penalty)} of the item's points for {each} before it"
            if score == 0:
                how += " (never below zero)"
        how += f"{not_read}."
    return Mark(score, points, how, i + 1, t.status, len(readable), unreadable)


def guessable_note(q, policy: Policy | None = None) -> str:
    """What the next wrong try would cost, said before the student tries again (choice, matching, ordering)."""
    policy = policy or Policy()
    if q.kind not in GUESSABLE or not policy.penalty or policy.attempt == "first":
        return ""
    return f"Each wrong try takes {share_words(policy.penalty)} of the item's points off a later right answer."
