"""The classroom's speed-ups (issue 23) never change a mark or a page.

collect marks each distinct answer once (a cache keyed by the answer), grades parses each stored text once
and works out each pattern of tries once, and the feedback pages make each repeated section once. These
tests give a class answers that differ only in ways a careless key would merge (1, 1.0, True and "1";
the same pairs in another order; the same answer with another comment or another number of hints) and
compare every mark and page with what the kit gives the same answer on its own, without any cache.
"""
from __future__ import annotations

import json
import sqlite3

from kit.classroom import collect, mark, submissions
from kit.classroom import grades as grades_module
from kit.classroom.gradebook import final, rows
from kit.exercises import policy, questions
from kit.exercises.classfolder import student_id
from kit.exercises.grade import grade

NUMBER = "q2.3"     # a number exercise (key 7)
MATCHING = "q1.4"   # a matching exercise
ORDERING = "q1.10"  # an ordering exercise

# Answers a careless cache key would merge: equal in Python (1 == 1.0 == True) or in JSON text, or the same
# items in another order.
NUMBERS = [7, 7.0, True, "7", 1, 1.0, "1", "seven", None, [7], {"n": 7}]
MATCHINGS = [{"OMON": "B", "CSTO": "A", "Union State": "C", "frenemy": "D"},
             {"OMON": "A", "CSTO": "B", "Union State": "C", "frenemy": "D"},
             {"CSTO": "A", "OMON": "B", "frenemy": "D", "Union State": "C"},
             {"OMON": True, "CSTO": 1, "Union State": 1.0, "frenemy": "1"},
             ["B", "A", "C", "D"]]
ORDERINGS = [["B", "E", "D", "A", "C"], ["E", "B", "D", "A", "C"], ["B", "E", "D", "A", "C", "C"], "B E D A C"]


def _class(folder, n_copies: int = 3) -> list[tuple[str, dict]]:
    """Students who each give one combination; every combination is given by n_copies students, with
    different hints, so repeated answers meet the caches."""
    subs = folder / "submissions"
    subs.mkdir(parents=True)
    made = []
    combos = [(NUMBERS[i % len(NUMBERS)], MATCHINGS[i % len(MATCHINGS)], ORDERINGS[i % len(ORDERINGS)])
              for i in range(len(NUMBERS) * 2)]
    for i, (number, matching, ordering) in enumerate(combos * n_copies):
        name = f"Student {i:03d}"
        answers = {}
        for qid, value, wrong_first in ((NUMBER, number, "3"), (MATCHING, matching, None),
                                        (ORDERING, ordering, ["A", "B", "C", "D", "E"])):
            history = ([{"answer": wrong_first, "at": "2026-12-01T09:00:00+00:00"}] if wrong_first and i % 2 else [])
            history.append({"answer": value, "at": f"2026-12-01T09:{i % 60:02d}:00+00:00"})
            answers[qid] = {"answer": value, "attempts": len(history), "hints": i % 3, "history": history}
        sid = student_id(name)
        (subs / f"{sid}.json").write_text(json.dumps({
            "format": "kit-submission", "version": 2, "student": {"name": name, "id": sid},
            "hub_user": None, "os_user": None, "created": "2026-12-01T09:30:00+00:00", "answers": answers}))
        made.append((sid, answers))
    return made


def test_every_mark_is_the_kits_own_for_that_answer(tmp_path):
    made = _class(tmp_path)
    collect(tmp_path)
    _, answers = rows(tmp_path)
    by = {(a["student"], a["qid"]): a for a in answers}
    bank = questions()
    checked = 0
    for sid, given in made:
        for qid, entry in given.items():
            fb = grade(bank[qid], entry["answer"])
            row = by[(sid, qid)]
            assert (row["status"], row["score"]) == (fb.status, float(fb.score)), (sid, qid, entry["answer"])
            assert row["answer"] == entry["answer"] and type(row["answer"]) is type(entry["answer"])
            if isinstance(entry["answer"], dict):  # kept in the student's order, as the page shows it
                assert list(row["answer"]) == list(entry["answer"])
            checked += 1
    assert checked == len(made) * 3
    # the cache did meet repeated answers (else this test would prove nothing about it)
    assert len({submissions.frozen(e["answer"]) for _, g in made for e in g.values()}) < checked / 2


def test_the_cache_keys_keep_apart_what_json_or_python_would_merge():
    keys = [submissions.frozen(a) for a in NUMBERS + MATCHINGS[:2] + MATCHINGS[3:] + ORDERINGS]
    assert len(set(keys)) == len(keys)
    # a dict's order does not change its mark, but it changes how a page shows it
    assert submissions.frozen(MATCHINGS[0]) == submissions.frozen(MATCHINGS[2])
    assert submissions.frozen(MATCHINGS[0], ordered=True) != submissions.frozen(MATCHINGS[2], ordered=True)
    # nested answers are keyed by their JSON text
    assert submissions.frozen({"a": [1, {"b": 2}]}) == submissions.frozen({"a": [1, {"b": 2}]})
    assert submissions.frozen({"a": [1, {"b": 2}]}) != submissions.frozen({"a": [1, {"b": 3}]})


def test_grades_worked_out_once_per_pattern_equal_each_worked_out_alone(tmp_path):
    _class(tmp_path)
    collect(tmp_path)
    mark(tmp_path, "Student 001", NUMBER, 0.5, "See me.")
    for rule in (policy.Policy("best"), policy.Policy("first"), policy.Policy("last", penalty=1 / 3)):
        _, answers = rows(tmp_path, rule)
        for a in answers:
            alone = final({k: v for k, v in a.items() if k not in ("final", "how", "counted", "counted_answer")},
                          rule)  # no shared cache
            assert (alone["final"], alone["how"], alone["counted"], alone["counted_answer"]) == (
                a["final"], a["how"], a["counted"], a["counted_answer"]), (a["student"], a["qid"])


def test_each_feedback_page_equals_the_page_made_on_its_own(tmp_path):
    _class(tmp_path)
    collect(tmp_path)
    mark(tmp_path, "Student 002", NUMBER, 1, "Well found.")
    mark(tmp_path, "Student 024", NUMBER, 1, "Good.")  # the same answer as Student 002, another comment
    rule = policy.Policy("best", penalty=1 / 3)
    students, answers = rows(tmp_path, rule)
    by = grades_module._by_student(answers)
    shared = grades_module.feedback_texts(students, by, rule)
    for s in students:
        alone = grades_module.feedback_page(s, by.get(s["id"], []), rule, {})
        assert shared[f"{s['id']}.html"] == alone, s["display"]
    assert "Well found." in shared[f"{student_id('Student 002')}.html"]
    assert "Well found." not in shared[f"{student_id('Student 024')}.html"]
    assert "Good." in shared[f"{student_id('Student 024')}.html"]


def test_a_try_stores_its_answer_only_where_it_differs_and_the_page_shows_the_one_that_counts(tmp_path):
    subs = tmp_path / "submissions"
    subs.mkdir()
    for name, tries in (("Right First", ["7", "3"]), ("Right Last", ["3", "7"]), ("Once", ["7"])):
        sid = student_id(name)
        history = [{"answer": a, "at": f"2026-12-01T09:0{i}:00+00:00"} for i, a in enumerate(tries)]
        (subs / f"{sid}.json").write_text(json.dumps({
            "format": "kit-submission", "version": 2, "student": {"name": name, "id": sid}, "answers": {
                NUMBER: {"answer": tries[-1], "attempts": len(tries), "hints": 0, "history": history}}}))
    collect(tmp_path)
    con = sqlite3.connect(tmp_path / "gradebook.sqlite")
    stored = {s: json.loads(t) for s, t in con.execute("SELECT student, tries FROM answers")}
    con.close()
    assert [t.get("answer") for t in stored[student_id("Right First")]] == ["7", None]  # the last is the answer
    assert all("answer" not in t for t in stored[student_id("Once")])
    rule = policy.Policy("best")
    students, answers = rows(tmp_path, rule)
    pages = grades_module.feedback_texts(students, grades_module._by_student(answers), rule)
    first = pages[f"{student_id('Right First')}.html"].split("<section>")[1]
    assert "The answer that counts (try 1 of 2):" in first and "<p>7</p>" in first and "<p>3</p>" not in first
    last = pages[f"{student_id('Right Last')}.html"].split("<section>")[1]
    assert "The answer that counts (try 2 of 2):" in last and "<p>7</p>" in last
    once = pages[f"{student_id('Once')}.html"].split("<section>")[1]
    assert "Your answer:" in once and "<p>7</p>" in once


def test_identical_answers_are_equal_in_value_type_and_order():
    same = [("7", "7"), (7, 7), (None, None), (["B", "E"], ["B", "E"]), ({"a": "B", "b": 1}, {"a": "B", "b": 1}),
            ([{"a": 1}], [{"a": 1}])]
    different = [(7, 7.0), (1, True), ("7", 7), (["B", "E"], ["E", "B"]), ([1], [True]), ([1], [1.0]),
                 ({"a": "B", "b": "C"}, {"b": "C", "a": "B"}), ({"a": 1}, {"a": True}), ([[1]], [[True]]),
                 ([{"a": 1}], [{"a": 1.0}]), ("", None)]
    assert all(submissions.identical(a, b) for a, b in same)
    assert not any(submissions.identical(a, b) for a, b in different), [
        (a, b) for a, b in different if submissions.identical(a, b)]
