"""Hints teach without giving the answer away (issue 18).

Every hint of every item is checked against that item's own key: the correct letter and text of a choice,
each matching pair (and any pair the key also accepts), the position of an ordering item, the number of a
number item, and the numbers, dates and phrases of a written task's example answers. A worked example must
use a parallel case (another text, another pair, another year). Numbers and words that the prompt itself
gives are not a leak: the student has them already.
"""
from __future__ import annotations

import re

import pytest

from kit.data_package import tables
from kit.exercises import questions
from kit.exercises.bank import lesson2, lesson6

# The events behind each ordering item (letter -> timeline event), so a hint that dates one of them is caught.
ORDER_EVENTS = {"q2.6": lesson2.EVENTS, "q6.10": lesson6.EVENTS}
STOP = set("""a an the and or of to in on at by for with from as is are was were be been it its this that these
those which who whom what when where how why not no but if then than so do does did has have had he she they
them their his her we our you your one two three four each other into out up about after before only also
all any some more most very can could would should will may might must there here just like same such""".split())
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"\b(\d{{1,2}})\s+({MONTHS})\b")
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
POSITION = re.compile(r"\b(first|last|starts? with|begins? with|ends? with|earliest|latest)\b", re.I)


def _words(text: str) -> set[str]:
    """Content words, lower case, without a possessive or a plural s (a rough stem is enough here)."""
    out = set()
    for w in re.findall(r"[A-Za-z][A-Za-z'-]+", text.lower()):
        w = re.sub(r"'s$", "", w).rstrip("'")
        w = w[:-1] if len(w) > 4 and w.endswith("s") else w
        if w not in STOP and len(w) > 2:
            out.add(w)
    return out


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;!?])\s+", text) if s.strip()]


def _numbers(text: str) -> set[float]:
    out = set()
    for n in NUMBER.findall(text):
        try:
            out.add(float(n.replace(",", "").rstrip(".")))
        except ValueError:
            pass
    return out


def _letter_given(text: str, letter: str) -> bool:
    """A letter given as an answer: "B", (B), 'B', B) at the start, or "answer is B"."""
    return bool(re.search(rf"[\"'(]{letter}[\"')]|\banswer (?:is )?{letter}\b|(?:^|\s){letter}\)", text))


def _pair_given(text: str, item: str, letter: str, option: str) -> str:
    """Does the text give the pair item -> letter, by notation or by saying the option in the item's sentence?"""
    if re.search(rf"[\"']?{re.escape(item)}[\"']?\s*(?::|→|->|=)\s*[\"']?{letter}[\"']?(?![\w])", text, re.I):
        return "gives the pair in notation"
    item_words = _words(item.replace("_", " "))
    want = _words(option) - item_words
    for sentence in _sentences(text):
        if item.lower() not in sentence.lower():
            continue
        if _letter_given(sentence, letter):
            return f"names {item} with its letter"
        shared = want & (_words(sentence) - item_words)
        if len(shared) >= 2 and len(shared) >= 0.3 * len(want):
            return f"names {item} with the words of its answer ({', '.join(sorted(shared))})"
    return ""


def _pairs(q) -> list[tuple[str, str]]:
    pairs = list(q.expected_value().items())
    for item, also in q.accepted().items():
        if isinstance(also, dict):
            pairs += [(item, letter) for letter in also]
    return pairs


def findings(q) -> list[str]:
    """Every way the hints of q give away its key: 'qid hint n: what'."""
    out = []
    prompt_numbers = _numbers(q.prompt)
    prompt_words = _words(q.prompt)
    for n, hint in enumerate(q.hints, 1):
        where = f"{q.qid} hint {n}"
        if q.kind == "choice":
            right = [q.expected_value()] + [k for k in q.accepted() if not k.startswith("=")]
            for letter in right:
                if _letter_given(hint, letter):
                    out.append(f"{where}: gives the letter {letter}")
                option = q.options[letter]
                want = _words(option) - prompt_words
                for sentence in _sentences(hint):
                    shared = want & _words(sentence)
                    if want and (shared == want if len(want) <= 2 else len(shared) >= 0.6 * len(want)):
                        out.append(f"{where}: says option {letter} in its own words ({', '.join(sorted(shared))})")
        elif q.kind == "matching":
            for item, letter in _pairs(q):
                why = _pair_given(hint, item, letter, q.options[letter])
                if why:
                    out.append(f"{where}: {why} ({item} -> {letter})")
        elif q.kind == "ordering":
            order = q.expected_value()
            for letter in q.options:
                if _letter_given(hint, letter):
                    out.append(f"{where}: gives the letter {letter} (position {order.index(letter) + 1})")
                words = _words(q.options[letter])
                for sentence in _sentences(hint):
                    shared = words & _words(sentence) - {"event", "first", "last", "earliest", "latest"}
                    if POSITION.search(sentence) and shared:
                        out.append(f"{where}: gives the position of {letter} ({', '.join(sorted(shared))})")
            events = ORDER_EVENTS.get(q.qid, {})
            if events:
                dates = tables.timeline().set_index("event_id")["date"]
                for letter, event in events.items():
                    when = dates[event]
                    year = float(str(when)[:4])
                    if year in _numbers(hint) - prompt_numbers:
                        out.append(f"{where}: gives the year of {letter} ({year:g})")
        elif q.kind == "number":
            targets = [float(q.expected_value())]
            targets += [float(k.lstrip("=")) for k in q.accepted() if str(k).startswith("=")]
            tol = max(q.tolerance, 1e-9)
            for got in _numbers(hint) - prompt_numbers:
                for t in targets:
                    if abs(got - t) <= tol or (t >= 100 and round(got) == round(t)):
                        out.append(f"{where}: gives the number {got:g} (key {t:g})")
        elif q.kind == "text" and q.examples:
            examples = " ".join(q.examples)
            big = {x for x in _numbers(examples) if x >= 100 and not 1900 <= x <= 2030} - prompt_numbers
            for got in _numbers(hint) & big:
                out.append(f"{where}: gives the example answer's number {got:g}")
            for day, month in set(DATE.findall(hint)) & set(DATE.findall(examples)):
                if f"{day} {month}" not in q.prompt:
                    out.append(f"{where}: gives the example answer's date {day} {month}")
            ex = re.findall(r"[a-z0-9']+", examples.lower())
            grams = {" ".join(ex[i:i + 6]) for i in range(len(ex) - 5)}
            hw = re.findall(r"[a-z0-9']+", hint.lower())
            for i in range(len(hw) - 5):
                if " ".join(hw[i:i + 6]) in grams:
                    out.append(f"{where}: copies the example answer ('{' '.join(hw[i:i + 6])}')")
                    break
    return out


ALL = sorted(questions().values(), key=lambda q: (q.lesson, int(q.qid.split(".")[1])))


def test_the_checker_catches_the_ways_a_hint_can_give_an_answer_away():
    """Each detector finds a planted leak (so a clean bank is a finding, not a blind test)."""
    q = questions()
    import dataclasses
    planted = {
        "q1.4": 'Worked example: OMON are riot police, so "OMON": "B".',
        "q6.8": "Worked example: on 11 August 2020 Tsikhanouskaya left for Lithuania, her base in exile.",
        "q1.1": "Worked example: it is an opinion column.",
        "q6.10": 'Worked example: Tsepkalo left for Moscow first.',
        "q2.6": "Worked example: the Union State treaty is from 1999.",
        "q6.7": "Worked example: the ministry counted 6,700.",
        "q2.7": "Worked example: Reuters counted around 200,000.",
    }
    for qid, text in planted.items():
        leaky = dataclasses.replace(q[qid], hints=[*q[qid].hints[:2], text])
        assert findings(leaky), f"the check missed a planted leak in {qid}: {text}"


def test_no_hint_gives_away_its_own_items_key():
    found = [f for q in ALL for f in findings(q)]
    print(f"\n{len(found)} finding(s) over {sum(len(q.hints) for q in ALL)} hints of {len(ALL)} items")
    assert not found, "Hints that give away their own item's key:\n" + "\n".join(found)


@pytest.mark.parametrize("q", [q for q in ALL if q.kind != "text"], ids=lambda q: q.qid)
def test_the_worked_example_says_it_is_a_parallel_case_or_a_method(q):
    """The last hint is a worked example of another case (or the method), so it can be read without guilt."""
    last = q.hints[-1]
    assert re.match(r"Worked example \((an? (made-up )?similar|the method|another|the same (steps|reasoning))", last), \
        f"{q.qid}: the worked example does not say what parallel case it works: {last[:80]}"
