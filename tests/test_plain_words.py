"""Feedback and hints a B1 student on the no-code route can use (issue 24).

- Feedback (the message after a check, the misconception, the reason for half or other credit) has no code and
  no programming words: every student sees it, the no-code tool's users too.
- "Think about it: ..." is followed by a full sentence with a subject, not a bare verb phrase.
- A hint gives the words route first. Where it also gives code, it says where to type it ("With code: in a new
  code cell ..." or "in your answer cell").
"""
from __future__ import annotations

import re

from kit.exercises import questions

CODE = re.compile(r"[A-Za-z_]\(|[A-Za-z_\]]\[|\bkit\.[a-z]|==|>=|<=|\.[a-z_]+\(|\bpx\.|\{\"|\[\"|`|\w+\s*=\s*[\[{\"\w]")
PROGRAMMING = re.compile(r"\b(nunique|dataframe|data frame|dictionary|dict|variable|string|boolean|pandas|plotly|"
                         r"typed it as text|integer|float|list of letters|syntax|traceback|NaN)\b", re.I)
WHERE = re.compile(r"With code: in (a new code cell|your answer cell)\b")
SUBJECT = re.compile(r"^(This answer|This choice|You|It|The|A|An|Your)\b")


def _feedback_texts(q):
    out = [(f"feedback[{k}]", v) for k, v in q.feedback.items()]
    out += [(f"misconception[{k}]", v) for k, v in q.misconceptions.items()]
    out += [(f"partly[{k}]", v) for k, v in q.partly.items()]
    for k, v in q.accepted().items():
        if isinstance(v, dict):
            out += [(f"accept[{k}][{kk}]", vv) for kk, vv in v.items()]
        else:
            out.append((f"accept[{k}]", v))
    return out


ALL = sorted(questions().values(), key=lambda q: (q.lesson, int(q.qid.split(".")[1])))


def feedback_findings() -> list[str]:
    out = []
    for q in ALL:
        for where, text in _feedback_texts(q):
            if CODE.search(text):
                out.append(f"{q.qid} {where}: code '{CODE.search(text).group(0)}' in: {text[:70]}")
            if PROGRAMMING.search(text):
                out.append(f"{q.qid} {where}: programming word '{PROGRAMMING.search(text).group(0)}'")
    return out


def misconception_findings() -> list[str]:
    return [f"{q.qid} misconception[{k}]: no subject: {v[:60]}" for q in ALL for k, v in q.misconceptions.items()
            if not (SUBJECT.match(v) and v.rstrip().endswith((".", "?", "!")))]


def hint_findings() -> list[str]:
    out = []
    for q in ALL:
        for n, hint in enumerate(q.hints, 1):
            words_part, _, code_part = hint.partition("With code:")
            if CODE.search(words_part):
                out.append(f"{q.qid} hint {n}: code before the words route: '{CODE.search(words_part).group(0)}' "
                           f"in: {hint[:70]}")
            elif code_part and not WHERE.search(hint):
                out.append(f"{q.qid} hint {n}: code without saying where to type it")
            if len(re.findall(r"[A-Za-z]+", words_part)) < 4:
                out.append(f"{q.qid} hint {n}: no words route")
            if PROGRAMMING.search(words_part):
                out.append(f"{q.qid} hint {n}: programming word '{PROGRAMMING.search(words_part).group(0)}' "
                           f"in the words route")
    return out


def test_the_checks_catch_code_and_bare_phrases():
    assert CODE.search('kit.compare("detentions_total") shows the rows')
    assert CODE.search("use .nunique()") and PROGRAMMING.search("nunique() counts each measure once")
    assert PROGRAMMING.search("(You typed it as text; it still counts.)")
    assert not CODE.search("Look at the timeline for 10-19 August 2020 (the table of dated events).")
    assert not SUBJECT.match("takes a likely fact for a verified one")
    assert WHERE.search('Look at the rows of 2020. With code: in a new code cell, type kit.timeline() and run it.')


def test_feedback_has_no_code_and_no_programming_words():
    found = feedback_findings()
    print(f"\n{len(found)} finding(s) in feedback")
    assert not found, "\n".join(found)


def test_think_about_it_is_a_full_sentence():
    found = misconception_findings()
    print(f"\n{len(found)} misconception(s) without a subject")
    assert not found, "\n".join(found)


def test_hints_give_the_words_route_first_and_say_where_code_goes():
    found = hint_findings()
    print(f"\n{len(found)} finding(s) in hints")
    assert not found, "\n".join(found)
