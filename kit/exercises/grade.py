"""Marking: grade(question, answer) -> Feedback. Pure, and it never raises.

Every kind explains a wrong type (what was expected, what was given) in words a student knows, and
none of the messages show the expected answer.
"""
from __future__ import annotations

import math
import numbers
import re

from .model import CORRECT, NOT_ANSWERED, NOT_YET, PARTLY, SAVED, Feedback, Question

KIND_WORDS = {"number": "a number, like 42 or 3.5", "frame": "a pandas table (DataFrame) or column (Series)",
              "choice": "one letter, like \"B\"", "matching": "a dictionary, like {\"L1\": \"A\", ...}",
              "ordering": "a list of letters, like [\"C\", \"A\", \"B\"], or a string like \"CAB\"",
              "figure": "a plotly figure (for example the result of px.bar(...))",
              "text": "some sentences in your own words"}


def describe_type(value) -> str:
    """A student's answer's type, in plain words."""
    try:
        import pandas as pd
        if isinstance(value, pd.DataFrame):
            return f"a table with {len(value)} rows and {len(value.columns)} columns"
        if isinstance(value, pd.Series):
            return f"a column (Series) with {len(value)} values"
    except Exception:  # pragma: no cover - pandas is a dependency
        pass
    if isinstance(value, bool):
        return f"True/False ({value})"
    if isinstance(value, numbers.Number):
        return f"a number ({value!r})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text ({shown!r})"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)} items"
    if isinstance(value, dict):
        return f"a dictionary with {len(value)} entries"
    if callable(value):
        return "a function (did you forget the brackets to call it, or to store its result?)"
    return f"a {type(value).__name__}"


def is_unanswered(value) -> bool:
    if value is None or value is Ellipsis:
        return True
    if isinstance(value, str) and not value.strip():
        return True
    if isinstance(value, (list, tuple, dict, set)) and len(value) == 0:
        return True
    return False


def _fb(q: Question, status: str, score: float, message: str, **kw) -> Feedback:
    default = q.feedback.get(status, "")
    return Feedback(q.qid, status, round(score, 2), q.points, message or default, **kw)


def _wrong_type(q: Question, value) -> Feedback:
    return _fb(q, NOT_YET, 0, f"This question needs {KIND_WORDS[q.kind]}, but your answer is "
                                f"{describe_type(value)}.")


def grade(q: Question, value) -> Feedback:
    if is_unanswered(value):
        return _fb(q, NOT_ANSWERED, 0, "Not answered yet: write your answer in the cell, run it, then check.")
    try:
        return GRADERS[q.kind](q, value)
    except Exception as err:  # a checker bug must never become a student's traceback
        return _fb(q, NOT_YET, 0, "The checker could not read this answer (that is not your fault). "
                                  f"Ask your teacher to look at it. [{type(err).__name__}]")


# -- number --------------------------------------------------------------------------------------
def _as_number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Number):
        return float(value)
    if isinstance(value, str):
        cleaned = value.strip().replace(",", "").replace("%", "").replace(" ", "")
        try:
            return float(cleaned)
        except ValueError:
            return None
    try:  # numpy scalars, one-element Series
        import pandas as pd
        if isinstance(value, pd.Series) and len(value) == 1:
            return float(value.iloc[0])
    except (TypeError, ValueError):
        return None
    return None


def _number(q: Question, value) -> Feedback:
    x = _as_number(value)
    if x is None or math.isnan(x) or math.isinf(x):
        return _wrong_type(q, value)
    target = float(q.expected_value())
    for wrong, message in q.feedback.items():
        if wrong.startswith("=") and math.isclose(x, float(wrong[1:]), rel_tol=1e-9, abs_tol=q.tolerance):
            return _fb(q, NOT_YET, 0, message, misconception=q.misconceptions.get(wrong, ""))
    if abs(x - target) <= q.tolerance + 1e-9:
        note = " (You typed it as text; it still counts.)" if isinstance(value, str) else ""
        return _fb(q, CORRECT, q.points, q.feedback.get(CORRECT, "Well done.") + note)
    if q.partial_within and abs(x - target) <= abs(target) * q.partial_within:
        return _fb(q, PARTLY, q.points / 2, q.feedback.get(PARTLY, "Close, but not quite: check your rounding "
                   "and which rows you used."), reason="close to the expected value, but outside the tolerance")
    direction = "too high" if x > target else "too low"
    return _fb(q, NOT_YET, 0, f"Your number looks {direction}. {q.feedback.get(NOT_YET, '')}".strip())


# -- pandas result -------------------------------------------------------------------------------
def _frame(q: Question, value) -> Feedback:
    import pandas as pd
    if not isinstance(value, (pd.DataFrame, pd.Series)):
        return _wrong_type(q, value)
    if q.check_frame is not None:
        status, message, reason = q.check_frame(value, q.expected_value())
        score = {CORRECT: q.points, PARTLY: q.points / 2}.get(status, 0)
        return _fb(q, status, score, message, reason=reason)
    expected = q.expected_value()
    got = value.to_frame() if isinstance(value, pd.Series) else value
    want = expected.to_frame() if isinstance(expected, pd.Series) else expected
    if len(got) != len(want):
        return _fb(q, NOT_YET, 0, f"Your result has {len(got)} rows; the expected one has {len(want)}. "
                                  "Check your filter.")
    missing = [c for c in want.columns if c not in got.columns]
    if missing:
        return _fb(q, PARTLY, q.points / 2, f"The right number of rows, but a column is missing: {missing[0]}.",
                   reason="right rows, missing columns")
    a = got[list(want.columns)].reset_index(drop=True)
    b = want.reset_index(drop=True)
    try:
        same = a.astype(str).sort_values(list(a.columns)).reset_index(drop=True).equals(
            b.astype(str).sort_values(list(b.columns)).reset_index(drop=True))
    except TypeError:
        same = a.astype(str).equals(b.astype(str))
    if same:
        return _fb(q, CORRECT, q.points, q.feedback.get(CORRECT, "Well done: that is the expected table."))
    return _fb(q, PARTLY, q.points / 2, "The right shape, but some values differ. Check the filter and the "
               "column you used.", reason="right shape, different values")


# -- multiple choice -----------------------------------------------------------------------------
def _choice(q: Question, value) -> Feedback:
    if not isinstance(value, str):
        return _wrong_type(q, value)
    letter = value.strip().upper().rstrip(").:")
    if letter not in q.options and letter[:1] in q.options and not letter[1:2].isalpha():
        letter = letter[:1]  # "B) opinion" or "B - opinion"
    if letter not in q.options:
        return _fb(q, NOT_YET, 0, f"Choose one of the letters {', '.join(q.options)}; you wrote {value!r}.")
    correct = q.expected_value()
    if letter == correct:
        return _fb(q, CORRECT, q.points, q.feedback.get(CORRECT, "Well done."))
    return _fb(q, NOT_YET, 0, q.feedback.get(letter, "Not this one. Read the question again."),
               misconception=q.misconceptions.get(letter, ""))


# -- matching ------------------------------------------------------------------------------------
def _normalise_key(x) -> str:
    return str(x).strip().upper()


def _matching(q: Question, value) -> Feedback:
    if not isinstance(value, dict):
        return _wrong_type(q, value)
    expected = {_normalise_key(k): _normalise_key(v) for k, v in q.expected_value().items()}
    given = {_normalise_key(k): _normalise_key(v) for k, v in value.items()}
    unknown = [k for k in given if k not in expected]
    if unknown:
        return _fb(q, NOT_YET, 0, f"{unknown[0]!s} is not one of the items to match. "
                                  f"The items are: {', '.join(expected)}.")
    right = sum(given.get(k) == v for k, v in expected.items())
    if right == len(expected):
        return _fb(q, CORRECT, q.points, q.feedback.get(CORRECT, "All matched correctly."))
    wrong = [k for k, v in expected.items() if given.get(k) != v]
    missing = [k for k in expected if k not in given]
    detail = f"Look again at: {', '.join(wrong)}." + (f" Not matched yet: {', '.join(missing)}." if missing else "")
    if right:
        return _fb(q, PARTLY, q.points * right / len(expected), f"{right} of {len(expected)} matched. {detail}",
                   reason=f"{right} of {len(expected)} pairs right")
    return _fb(q, NOT_YET, 0, f"None matched yet. {detail}")


# -- ordering ------------------------------------------------------------------------------------
def _ordering(q: Question, value) -> Feedback:
    if isinstance(value, str):
        items = [c for c in re.split(r"[\s,;>\-]+", value.strip().upper()) if c]
        if len(items) == 1 and len(items[0]) > 1:
            items = list(items[0])
    elif isinstance(value, (list, tuple)):
        items = [_normalise_key(v) for v in value]
    else:
        return _wrong_type(q, value)
    expected = [_normalise_key(v) for v in q.expected_value()]
    if sorted(items) != sorted(expected):
        missing = sorted(set(expected) - set(items))
        extra = sorted(set(items) - set(expected))
        bits = []
        if missing:
            bits.append(f"missing: {', '.join(missing)}")
        if extra:
            bits.append(f"not in the list: {', '.join(extra)}")
        if len(items) != len(set(items)):
            bits.append("an item appears twice")
        return _fb(q, NOT_YET, 0, f"Use each of {', '.join(sorted(expected))} exactly once ({'; '.join(bits)}).")
    in_place = sum(a == b for a, b in zip(items, expected))
    pairs = sum(items.index(a) < items.index(b) for i, a in enumerate(expected) for b in expected[i + 1:])
    total_pairs = len(expected) * (len(expected) - 1) // 2
    if items == expected:
        return _fb(q, CORRECT, q.points, q.feedback.get(CORRECT, "Right order."))
    share = pairs / total_pairs
    if share >= 0.5:
        return _fb(q, PARTLY, round(q.points * share, 2),
                   f"{in_place} of {len(expected)} are in the right place, and most pairs are in the right order.",
                   reason=f"{pairs} of {total_pairs} pairs in the right order")
    return _fb(q, NOT_YET, 0, "Most events are out of order. Check the dates in the timeline.")


# -- plotly figure -------------------------------------------------------------------------------
def _figure(q: Question, value) -> Feedback:
    try:
        import plotly.graph_objects as go
    except ImportError:  # pragma: no cover
        return _wrong_type(q, value)
    if not isinstance(value, go.Figure):
        return _wrong_type(q, value)
    spec = q.expected_value()  # {"type": "bar", "x": [...], "y": [...]} (x/y as sets of values)
    if not value.data:
        return _fb(q, NOT_YET, 0, "Your figure is empty: it has no data.")
    kinds = {t.type for t in value.data}
    if spec["type"] not in kinds:
        return _fb(q, NOT_YET, 0, f"This needs a {spec['type']} chart; yours is a {', '.join(sorted(kinds))} chart.")
    trace = next(t for t in value.data if t.type == spec["type"])
    got = {axis: _values(getattr(trace, axis, None)) for axis in ("x", "y")}
    want = {axis: {str(v) for v in spec[axis]} for axis in ("x", "y") if axis in spec}
    matches = [axis for axis in want if _close_sets(got[axis], want[axis])]
    if len(matches) == len(want):
        return _fb(q, CORRECT, q.points, q.feedback.get(CORRECT, "The right kind of chart with the right data."))
    swapped = all(_close_sets(got["y" if a == "x" else "x"], want[a]) for a in want)
    if swapped:
        return _fb(q, PARTLY, q.points / 2, "The right data, but the axes are swapped.", reason="axes swapped")
    return _fb(q, PARTLY, q.points / 2, "The right kind of chart, but not the data asked for. Check which rows "
               "and columns you plotted.", reason="right chart type, different data")


def _values(data) -> set[str]:
    """A trace's x or y values (a list or a numpy array) as a set of strings."""
    if data is None:
        return set()
    try:
        return {str(v.item() if hasattr(v, "item") else v) for v in list(data)}
    except TypeError:
        return {str(data)}


def _close_sets(a: set[str], b: set[str]) -> bool:
    def norm(s):
        out = set()
        for v in s:
            try:
                out.add(round(float(v), 6))
            except ValueError:
                out.add(v)
        return out
    return norm(a) == norm(b)


# -- free text -----------------------------------------------------------------------------------
def _text(q: Question, value) -> Feedback:
    if not isinstance(value, str):
        return _wrong_type(q, value)
    words = len(value.split())
    if words < q.min_words:
        return _fb(q, NOT_YET, 0, f"Saved, but it is short: {words} words. Aim for at least {q.min_words}.")
    return _fb(q, SAVED, 0, "Saved. Your teacher will read and score it.")


GRADERS = {"number": _number, "frame": _frame, "choice": _choice, "matching": _matching,
           "ordering": _ordering, "figure": _figure, "text": _text}
