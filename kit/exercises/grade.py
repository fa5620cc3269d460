"""Marking: grade(question, answer) -> Feedback. Pure, and it never raises.

Marks the skill a question trains, not the keystrokes of the model answer: tables are compared by the
rows' identity on the columns they share with the expected table, charts by the data their traces hold
together (either orientation, split by colour or facet, values within a rounding tolerance), free text in
any script is saved (a short one is flagged for the teacher, never marked down), and a question may list
other answers a teacher would defend. Every kind explains a wrong type (what was expected, what was
given) in words a student knows, and none of the messages show the expected answer.
"""
from __future__ import annotations

import math
import numbers
import re
import unicodedata

from . import names
from .model import CORRECT, NOT_ANSWERED, NOT_YET, PARTLY, SAVED, Feedback, Question

KIND_WORDS = {"number": "a number, like 42 or 3.4", "frame": "a pandas table (DataFrame) or column (Series)",
              "choice": "one letter, like \"B\"", "matching": "a dictionary, like {\"OMON\": \"B\"}, or pairs as text, like \"OMON B, CSTO A\"",  # noqa: E501
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
                                f"{describe_type(value)}.", readable=False)


def grade(q: Question, value) -> Feedback:
    if is_unanswered(value):
        return _fb(q, NOT_ANSWERED, 0, "Not answered yet: write your answer in the cell, run it, then check.")
    try:
        fb = GRADERS[q.kind](q, value)
    except Exception as err:  # a checker bug must never become a student's traceback
        return _fb(q, NOT_YET, 0, "The checker could not read this answer (that is not your fault). "
                                  f"Ask your teacher to look at it. [{type(err).__name__}]", readable=False)
    if q.discussion and fb.readable and fb.status in (CORRECT, PARTLY, NOT_YET):
        return _fb(q, SAVED, 0, "Saved for the class discussion: the evidence on this question is open, so the "
                   "kit does not mark it. " + q.feedback.get("discussion", "Be ready to give your reason."),
                   misconception=fb.misconception)
    return fb


# -- number --------------------------------------------------------------------------------------
_NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+)(?:[.,]\d+)?")


def _as_number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Number):
        try:
            return float(value)
        except (TypeError, ValueError, OverflowError):
            return None
    if isinstance(value, str):
        # "33", "1,000", "33 times", "about 33x", "3,5" (a decimal comma): exactly one number in the text
        found = _NUMBER.findall(unicodedata.normalize("NFKC", value))
        if len(found) != 1:
            return None
        text = found[0]
        if re.fullmatch(r"[-+]?\d+,\d{1,2}", text):
            text = text.replace(",", ".")
        try:
            return float(re.sub(r"[,\u00a0\u202f ]", "", text))
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
    note = " (You typed it as text; it still counts.)" if isinstance(value, str) else ""
    accepted = {float(k.lstrip("=")): why for k, why in q.accepted().items()}
    if abs(x - target) <= q.tolerance + 1e-9:
        why = next((w for t, w in accepted.items() if t == target), q.feedback.get(CORRECT, "Well done."))
        return _fb(q, CORRECT, q.points, why + note)
    for other, why in accepted.items():
        if abs(x - other) <= q.tolerance + 1e-9:
            return _fb(q, CORRECT, q.points, why + note)
    for wrong, message in q.feedback.items():
        if wrong.startswith("=") and math.isclose(x, float(wrong[1:]), rel_tol=1e-9, abs_tol=q.tolerance):
            return _fb(q, NOT_YET, 0, message, misconception=q.misconceptions.get(wrong, ""))
    if q.partial_within and any(abs(x - t) <= abs(t) * q.partial_within for t in [target, *accepted]):
        return _fb(q, PARTLY, q.points / 2, q.feedback.get(PARTLY, "Close, but not quite: check your rounding "
                   "and which rows you used."), reason="close to an expected value, but outside the tolerance")
    direction = "too high" if x > max([target, *accepted]) else "too low" if x < min([target, *accepted]) else \
        "between the answers the data supports"
    return _fb(q, NOT_YET, 0, f"Your number looks {direction}. {q.feedback.get(NOT_YET, '')}".strip())


# -- pandas result -------------------------------------------------------------------------------
def _norm(v) -> str:
    """One cell, so that 2006, 2006.0, "2006" and numpy or pandas numbers compare equal."""
    try:
        import pandas as pd
        if v is None or (not isinstance(v, (str, list, tuple, dict)) and bool(pd.isna(v))):
            return "<missing>"
    except (TypeError, ValueError):
        pass
    if isinstance(v, (bool,)) or type(v).__name__ in ("bool_", "bool"):
        return str(bool(v))
    if isinstance(v, numbers.Number):
        try:
            return repr(round(float(v), 6))
        except (TypeError, ValueError, OverflowError):
            return str(v)
    text = str(v).strip()
    if text in ("True", "False"):
        return text
    try:
        return repr(round(float(text), 6))
    except (ValueError, OverflowError):
        return text


def _rows(frame, columns: list[str]) -> list[tuple]:
    return sorted(tuple(_norm(v) for v in row) for row in frame[columns].itertuples(index=False, name=None))


def _as_table(value):
    """A DataFrame from a student's table or column; a meaningful index (set_index) becomes a column."""
    import pandas as pd
    frame = value.to_frame() if isinstance(value, pd.Series) else value
    frame = frame.loc[:, ~frame.columns.duplicated()]
    frame.columns = [str(c) for c in frame.columns]
    named = [n for n in frame.index.names if n is not None and str(n) not in frame.columns]
    if named:
        frame = frame.reset_index()
        frame.columns = [str(c) for c in frame.columns]
    return frame


def _frame(q: Question, value) -> Feedback:
    import pandas as pd
    if not isinstance(value, (pd.DataFrame, pd.Series)):
        return _wrong_type(q, value)
    if q.check_frame is not None:  # a table whose key became its index (set_index) gets it back as a column
        table = _as_table(value) if isinstance(value, pd.DataFrame) else value
        status, message, reason = q.check_frame(table, q.expected_value())
        score = {CORRECT: q.points, PARTLY: q.points / 2}.get(status, 0)
        return _fb(q, status, score, message, reason=reason)
    got = _as_table(value)
    want = _as_table(q.expected_value())
    shared = [c for c in want.columns if c in got.columns]
    if not shared:
        return _fb(q, NOT_YET, 0, "Your table has none of the columns of the table you started from (for "
                   f"example {', '.join(list(want.columns)[:3])}). Filter the rows and keep the columns.")
    key = [c for c in q.key if c in got.columns] or shared
    mine, right = _rows(got, key), _rows(want, key)
    if mine != right:
        missing = len(set(right) - set(mine)) if len(set(right)) == len(right) else None
        extra = len(set(mine) - set(right))
        if len(mine) != len(right):
            detail = f"Your result has {len(mine)} rows; the question's has {len(right)}."
        else:
            detail = "The right number of rows, but not the same rows."
        if missing is not None and (missing or extra) and set(mine) & set(right):
            detail += f" {len(set(right) & set(mine))} of your rows are in it"
            detail += f"; {extra} should not be there." if extra else "."
        return _fb(q, NOT_YET, 0, f"{detail} Check your filter.")
    if not any(c in got.columns for c in q.key) and len(set(right)) * 2 < len(right):
        return _fb(q, PARTLY, q.points / 2, f"Your table may have the right rows, but its columns ({', '.join(key)}) "
                   "cannot tell them apart. Keep a column that names each row"
                   + (f", such as {q.key[0]}." if q.key else "."), reason="rows cannot be told apart")
    named_missing = [c for c in q.columns if c not in got.columns]
    if named_missing:
        return _fb(q, PARTLY, q.points / 2, f"The right rows, but the question asks for the column "
                   f"{named_missing[0]}, and your table does not have it.", reason="right rows, a named column missing")
    got_sorted = got.assign(_k=[tuple(_norm(v) for v in r) for r in got[key].itertuples(index=False, name=None)])
    want_sorted = want.assign(_k=[tuple(_norm(v) for v in r) for r in want[key].itertuples(index=False, name=None)])
    for column in shared:
        if column in key:
            continue
        a = sorted(zip(got_sorted["_k"], map(_norm, got_sorted[column])))
        b = sorted(zip(want_sorted["_k"], map(_norm, want_sorted[column])))
        if a != b:
            return _fb(q, PARTLY, q.points / 2, f"The right rows, but some values in the column {column} differ "
                       "from the data. Did you change them?", reason=f"right rows, {column} differs")
    return _fb(q, CORRECT, q.points, q.feedback.get(CORRECT, "Well done: those are the rows the question asks for."))


# -- multiple choice -----------------------------------------------------------------------------
def _letter(q: Question, value) -> str | None:
    """"B", "b", "(B)", "B) opinion", "Answer: B", or the text of an option -> its letter."""
    if isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
    if not isinstance(value, str):
        return None
    text = value.strip().strip("()[]'\"").strip()
    upper = re.sub(r"^(MY\s+)?(ANSWER|CHOICE)\s*(IS)?\s*[:=]?\s*", "", text.upper()).strip().strip("()[]'\"")
    upper = upper.rstrip(").:;!")
    if upper in q.options:
        return upper
    if upper[:1] in q.options and not upper[1:2].isalnum():
        return upper[:1]  # "B) opinion" or "B - opinion" (but not "d2", a document's name)
    typed = " ".join(value.strip().strip("'\"").split()).casefold().rstrip(".")
    for letter, option in q.options.items():  # the option's own words (brackets kept: options may end in one)
        wanted = " ".join(option.split()).casefold().rstrip(".")
        if wanted in (typed, " ".join(text.split()).casefold().rstrip(".")):
            return letter
    who = names.canonical(value)  # "Tikhanovskaya" for the option "Sviatlana Tsikhanouskaya"
    named = [letter for letter, option in q.options.items() if who and names.canonical(option) == who]
    return named[0] if len(named) == 1 else None


def _choice(q: Question, value) -> Feedback:
    letter = _letter(q, value)
    if letter is None:
        if not isinstance(value, (str, list, tuple)):
            return _wrong_type(q, value)
        return _fb(q, NOT_YET, 0, f"Choose one of the letters {', '.join(q.options)}; you wrote {str(value)[:60]!r}.",
                   readable=False)
    accepted = q.accepted()
    if letter == q.expected_value():
        return _fb(q, CORRECT, q.points, q.feedback.get(CORRECT, "Well done."))
    if letter in accepted:
        return _fb(q, CORRECT, q.points, accepted[letter])
    if letter in q.partly:
        return _fb(q, PARTLY, q.points / 2, q.partly[letter], reason="half right: see the message",
                   misconception=q.misconceptions.get(letter, ""))
    return _fb(q, NOT_YET, 0, q.feedback.get(letter, "Not this one. Read the question again."),
               misconception=q.misconceptions.get(letter, ""))


# -- matching ------------------------------------------------------------------------------------
def _normalise_key(x) -> str:
    return re.sub(r"[\s_\-]+", " ", str(x)).strip().upper()


# "OMON B", "OMON: B", "OMON = (B)", "1-B", "demonstrative terror -> D": an item, then one option letter
_PAIR = re.compile(
    r"^\s*['\"]?(?P<item>.+?)['\"]?\s*(?:[-:=\u2192>]+\s*|\s+)\(?['\"]?(?P<letter>[A-Za-z])['\"]?\)?[.!]?\s*$")  # noqa: E501
# several short pairs on one line, each with a sign between item and letter: "1-B 2-A", "L2=A L4=B"
_SHORT_PAIR = re.compile(r"(?P<item>[^\s,;:=\u2192>-]+)\s*[-:=\u2192>]+\s*\(?(?P<letter>[A-Za-z])\)?(?=$|[\s,;.])")


def _text_pairs(q: Question, text: str) -> dict | None:
    """Matching typed as plain text (a student without code): "OMON B, CSTO A", or one pair a line
    ("1-B" with the item's number). None when the text is not pairs."""
    pairs = {}
    for chunk in re.split(r"[,;\n]+", text.strip().strip("{}")):
        if not chunk.strip():
            continue
        several = _SHORT_PAIR.findall(chunk)
        if len(several) > 1 and not _SHORT_PAIR.sub("", chunk).strip(" .,;"):
            found = several
        else:
            one = _PAIR.match(chunk)
            if not one:
                return None
            found = [(one["item"], one["letter"])]
        for item, letter in found:
            item = item.strip().strip("'\"")
            if item.isdigit() and 1 <= int(item) <= len(q.items) and item not in q.items:
                item = q.items[int(item) - 1]  # "1-B": the first item to match
            pairs[item] = letter.upper()
    return pairs or None


def _as_pairs(value, q: Question | None = None):
    if isinstance(value, str) and q is not None:
        return _text_pairs(q, value) or value
    try:
        import pandas as pd
        if isinstance(value, pd.Series):
            return value.to_dict()
    except Exception:  # pragma: no cover
        pass
    if isinstance(value, (list, tuple)) and value and all(isinstance(p, (list, tuple)) and len(p) == 2 for p in value):
        return {k: v for k, v in value}
    return value


def _matching(q: Question, value) -> Feedback:
    value = _as_pairs(value, q)
    if not isinstance(value, dict):
        return _wrong_type(q, value)
    expected = {_normalise_key(k): {_normalise_key(v)} for k, v in q.expected_value().items()}
    # accept: {"eu": {"B": "why B is defensible too"}}: another letter a teacher would defend for an item
    also = {(_normalise_key(k), _normalise_key(letter)): why
            for k, alts in q.accepted().items() for letter, why in dict(alts).items()}
    for k, letter in also:
        expected.setdefault(k, set()).add(letter)
    given = {}
    for k, v in value.items():
        letter = _letter(q, v) if isinstance(v, str) else None
        given[_normalise_key(k)] = letter or _normalise_key(v)
    for k in [k for k in given if k not in expected]:  # "Tikhanovskaya" or "the Kremlin" for an item's id
        who = names.canonical(k)
        if who and _normalise_key(who) in expected and _normalise_key(who) not in given:
            given[_normalise_key(who)] = given.pop(k)
    unknown = [k for k in given if k not in expected]
    if unknown:
        return _fb(q, NOT_YET, 0, f"{unknown[0][:40]!s} is not one of the items to match. "
                                  f"The items are: {', '.join(expected)}.")
    right = sum(given.get(k) in v for k, v in expected.items())
    notes = [why for (k, letter), why in also.items() if given.get(k) == letter]
    if right == len(expected):
        return _fb(q, CORRECT, q.points, " ".join([q.feedback.get(CORRECT, "All matched correctly.")] + notes))
    wrong = [k for k, v in expected.items() if given.get(k) not in v]
    missing = [k for k in expected if k not in given]
    detail = f"Look again at: {', '.join(wrong)}." + (f" Not matched yet: {', '.join(missing)}." if missing else "")
    if right:
        return _fb(q, PARTLY, q.points * right / len(expected),
                   " ".join([f"{right} of {len(expected)} matched. {detail}"] + notes),
                   reason=f"{right} of {len(expected)} pairs right")
    return _fb(q, NOT_YET, 0, f"None matched yet. {detail}")


# -- ordering ------------------------------------------------------------------------------------
def _ordering(q: Question, value) -> Feedback:
    if isinstance(value, str):
        items = [c for c in re.split(r"[\s,;>\-→]+", value.strip().upper()) if c]
        if len(items) == 1 and len(items[0]) > 1:
            items = list(items[0])
    elif isinstance(value, (list, tuple)):
        items = [_normalise_key(v) for v in value]
    else:
        return _wrong_type(q, value)
    by_text = {option.casefold(): letter for letter, option in q.options.items()}
    items = [by_text.get(i.casefold(), i.strip("()'\".").rstrip(")")) for i in items]
    expected = [_normalise_key(v) for v in q.expected_value()]
    if sorted(items) != sorted(expected):
        missing = sorted(set(expected) - set(items))
        extra = sorted(set(items) - set(expected))
        bits = []
        if missing:
            bits.append(f"missing: {', '.join(missing)}")
        if extra:
            bits.append(f"not in the list: {', '.join(x[:20] for x in extra[:5])}")
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
CHART_WORDS = {"bar": "bar chart", "pie": "pie chart", "histogram": "histogram", "box": "box plot",
               "heatmap": "heat map", "table": "table", "violin": "violin plot", "funnel": "funnel chart"}


def chart_name(trace) -> str:
    """What a student would call a trace: "line chart" for a scatter drawn as lines, and so on."""
    kind = getattr(trace, "type", "") or "scatter"
    if kind in ("scatter", "scattergl"):
        mode = getattr(trace, "mode", None) or ""
        return "line chart" if "lines" in mode or not mode else "scatter plot"
    return CHART_WORDS.get(kind, f"{kind} chart")


def _pairs(trace) -> list[tuple]:
    """(category, value) pairs of one trace, whichever way round it is drawn."""
    xs, ys = list(_values(getattr(trace, "x", None))), list(_values(getattr(trace, "y", None)))
    if getattr(trace, "orientation", None) == "h":
        xs, ys = ys, xs
    return list(zip(xs, ys))


def _values(data) -> list:
    if data is None:
        return []
    try:
        return [v.item() if hasattr(v, "item") else v for v in list(data)]
    except TypeError:
        return [data]


def _same_pairs(got: list[tuple], want: list[tuple], tolerance: float) -> bool:
    if len(got) != len(want):
        return False
    mine = sorted(got, key=lambda p: _norm(p[0]))
    right = sorted(want, key=lambda p: _norm(p[0]))
    for (a, x), (b, y) in zip(mine, right):
        if _norm(a) != _norm(b):
            return False
        try:
            if abs(float(x) - float(y)) > tolerance + 1e-9:
                return False
        except (TypeError, ValueError):
            if _norm(x) != _norm(y):
                return False
    return True


def _figure(q: Question, value) -> Feedback:
    try:
        import plotly.graph_objects as go
    except ImportError:  # pragma: no cover
        return _wrong_type(q, value)
    if not isinstance(value, go.Figure):
        return _wrong_type(q, value)
    spec = q.expected_value()  # {"type": "bar", "x": [...], "y": [...], "tolerance": 0.5, "title": True}
    if not value.data:
        return _fb(q, NOT_YET, 0, "Your figure is empty: it has no data.")
    want = list(zip(spec["x"], spec["y"]))
    tolerance = float(spec.get("tolerance", 0.5))
    wanted = CHART_WORDS.get(spec["type"], spec["type"])
    of_type = [t for t in value.data if t.type == spec["type"]]
    # Several traces (colour or facet splits) hold the data together.
    got = [p for t in (of_type or value.data) for p in _pairs(t)]
    right_data = _same_pairs(got, want, tolerance)
    flipped = not right_data and _same_pairs([(b, a) for a, b in got], want, tolerance)
    if not of_type:
        made = ", ".join(sorted({chart_name(t) for t in value.data}))
        if right_data:
            return _fb(q, PARTLY, q.points / 2, f"The right data, but as a {made}. The question asks for a {wanted}.",
                       reason=f"right data, a {made} instead of a {wanted}")
        return _fb(q, NOT_YET, 0, f"This needs a {wanted}; yours is a {made}.")
    if flipped:
        return _fb(q, PARTLY, q.points / 2, "The right data, but the axes are swapped: the bars' lengths show the "
                   "categories. Put the categories on one axis and the values on the other (for horizontal bars, "
                   "px.bar(..., orientation=\"h\")).", reason="axes swapped")
    if not right_data:
        return _fb(q, PARTLY, q.points / 2, "The right kind of chart, but not the data asked for. Check which rows "
                   "and columns you plotted.", reason=f"a {wanted}, different data")
    missing = []
    title = getattr(getattr(value.layout, "title", None), "text", None) or ""
    if spec.get("title") and not str(title).strip():
        missing.append("a title (fig.update_layout(title=...))")
    if spec.get("source"):
        texts = [str(title)] + [str(getattr(a, "text", "") or "") for a in (value.layout.annotations or ())]
        if not any(re.search(r"source|data:|from ", t, re.IGNORECASE) for t in texts):
            missing.append("the source of the numbers (in the title or a note)")
    if missing:
        return _fb(q, PARTLY, q.points / 2, f"The right chart and data. Now add {' and '.join(missing)}.",
                   reason="right chart, " + " and ".join(m.split(" (")[0] for m in missing) + " missing")
    return _fb(q, CORRECT, q.points, q.feedback.get(CORRECT, "The right kind of chart with the right data."))


# -- free text -----------------------------------------------------------------------------------
# Scripts written without spaces between words: count characters, at about so many per word.
_NO_SPACES = [(0x3040, 0x30FF, 2), (0x3400, 0x4DBF, 2), (0x4E00, 0x9FFF, 2), (0xF900, 0xFAFF, 2),
              (0x20000, 0x2FFFF, 2), (0x0E00, 0x0EFF, 5), (0x1000, 0x109F, 5), (0x1780, 0x17FF, 5)]


def word_count(text: str) -> int:
    """About how many words a text has, in any script: words between spaces, and for Chinese, Japanese,
    Thai, Lao, Khmer and Burmese (written without spaces) the letters, at about 2 (Chinese, Japanese) or
    5 (the others) per word. Combining marks do not count."""
    words, chars = 0, 0.0
    for token in str(text).split():
        spaced = False
        for ch in token:
            cp = ord(ch)
            rate = next((r for lo, hi, r in _NO_SPACES if lo <= cp <= hi), None)
            if rate is None:
                spaced = spaced or unicodedata.category(ch)[0] in "LN"
            elif not unicodedata.category(ch).startswith("M"):
                chars += 1 / rate
        words += spaced
    return words + math.ceil(round(chars, 6))


def _text(q: Question, value) -> Feedback:
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, str) for v in value):
        value = "\n".join(value)
    if not isinstance(value, str):
        return _wrong_type(q, value)
    from .responses import MAX_ANSWER_CHARS
    if len(value) > MAX_ANSWER_CHARS:
        return _fb(q, SAVED, 0, f"Saved, but your answer has {len(value):,} characters and only the first "
                   f"{MAX_ANSWER_CHARS:,} are kept. Shorten it, or copy the rest to your teacher.", flag="too long")
    words = word_count(value)
    if words < q.min_words:
        plural = "s" if words != 1 else ""
        return _fb(q, SAVED, 0, f"Saved. It is short (about {words} word{plural}; the question asks for at least "
                   f"{q.min_words}), so your teacher will see it marked as short. You can add to it and save again.",
                   flag="short")
    return _fb(q, SAVED, 0, "Saved. Your teacher will read and score it.")


GRADERS = {"number": _number, "frame": _frame, "choice": _choice, "matching": _matching,
           "ordering": _ordering, "figure": _figure, "text": _text}
