"""The gradebook: one SQLite file per class folder, ``<class>/gradebook.sqlite`` (standard library only).

* Every write is one transaction (``BEGIN IMMEDIATE``); a second writer waits up to ``BUSY_SECONDS``,
  then gets a clear message and changes nothing. Files are parsed before the transaction starts.
* The rollback journal (SQLite's default), not WAL: WAL needs shared memory, which network drives
  (a school's shared folder) do not give.
* A gradebook that is a link is refused; a damaged one gets a message and is left exactly as it is.
* Collecting again is safe: a student's answers are replaced only by a newer file (by file time), and a
  teacher's mark stays with the answer it was given for (``digest``): unchanged answers keep their marks,
  a changed answer shows its earlier mark as "to mark again". Every mark ever given is kept in ``marks_log``.
* Every attempt at an answer is kept (``tries``: status, score, readable, and the answer where it is not
  the stored answer itself), so the class's marking policy (``kit.exercises.policy``) is applied when
  grades are read, by one function (``final``) that grades.csv, the feedback pages and the report all use.
  A written task's mark may be given as the criteria met (``marks.criteria``: the level reached on each
  criterion); the mark is their sum.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import operator
import os
import sqlite3
import stat
from pathlib import Path

from ..exercises import policy, questions
from ..exercises.model import NOT_ANSWERED, criteria, fmt
from . import submissions

NAME = "gradebook.sqlite"
BUSY_SECONDS = 30.0
SCHEMA = """
CREATE TABLE IF NOT EXISTS students (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, display TEXT NOT NULL, name_flagged INTEGER NOT NULL,
  hub_user TEXT, os_user TEXT, owner TEXT NOT NULL, file TEXT NOT NULL, mtime_ns INTEGER NOT NULL,
  size INTEGER NOT NULL, collected TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
  student TEXT NOT NULL, qid TEXT NOT NULL, lesson INTEGER NOT NULL, kind TEXT NOT NULL,
  answer TEXT, status TEXT NOT NULL, score REAL NOT NULL, points REAL NOT NULL, misconception TEXT NOT NULL,
  source TEXT NOT NULL, first_status TEXT NOT NULL, first_score REAL NOT NULL,
  first_misconception TEXT NOT NULL, best_score REAL NOT NULL, misconceptions_seen TEXT NOT NULL,
  attempts INTEGER NOT NULL, hints INTEGER NOT NULL, digest TEXT NOT NULL, updated TEXT NOT NULL,
  PRIMARY KEY (student, qid));
CREATE TABLE IF NOT EXISTS marks (
  student TEXT NOT NULL, qid TEXT NOT NULL, score REAL NOT NULL, comment TEXT NOT NULL,
  digest TEXT NOT NULL, marked TEXT NOT NULL, PRIMARY KEY (student, qid));
CREATE TABLE IF NOT EXISTS marks_log (
  student TEXT NOT NULL, qid TEXT NOT NULL, score REAL NOT NULL, comment TEXT NOT NULL,
  digest TEXT NOT NULL, marked TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS problems (
  student TEXT NOT NULL, message TEXT NOT NULL, seen TEXT NOT NULL, PRIMARY KEY (student, message));
CREATE TABLE IF NOT EXISTS collections (
  at TEXT NOT NULL, files INTEGER NOT NULL, updated INTEGER NOT NULL, skipped INTEGER NOT NULL);
"""
# Columns added after the first release: a gradebook made by an older kit gets them when it is opened.
ADDED = {"answers": [("tries", "TEXT NOT NULL DEFAULT '[]'"), ("reason", "TEXT NOT NULL DEFAULT ''")],
         "marks": [("criteria", "TEXT NOT NULL DEFAULT ''")],
         "marks_log": [("criteria", "TEXT NOT NULL DEFAULT ''")]}
ANSWER_FIELDS = ("lesson", "kind", "answer", "status", "score", "points", "misconception", "source",
                 "first_status", "first_score", "first_misconception", "best_score", "misconceptions_seen",
                 "attempts", "hints", "digest", "tries", "reason")


class GradebookError(Exception):
    """The gradebook cannot be used right now; the message says why and what to do. Nothing was changed."""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def path_for(folder: str | os.PathLike) -> Path:
    return Path(folder) / NAME


def _explain(err: sqlite3.Error, path: Path) -> GradebookError:
    text = str(err).lower()
    if "locked" in text or "busy" in text:
        return GradebookError(f"the gradebook {path} is busy: someone else (another collect, or a marking "
                              f"notebook) is writing to it. Nothing was changed; try again in a minute.")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return GradebookError(f"the gradebook {path} is damaged ({err}). It was left exactly as it is. Restore "
                              "a backup copy, or move it aside and run `python -m kit collect` again (the "
                              "answers come back from the submissions; marks are only in the old file).")
    if "full" in text or "no space" in text:
        return GradebookError(f"the disk that holds the gradebook {path} is full. Nothing was changed: free some "
                              "space (or ask school IT), then run the command again.")
    return GradebookError(f"the gradebook {path} could not be used ({err}). Nothing was changed.")


@contextlib.contextmanager
def connect(folder: str | os.PathLike, *, create: bool = False):
    """An open gradebook; ``create`` makes it (mode 0600) if it is not there yet."""
    folder = Path(folder)
    path = path_for(folder)
    if not folder.is_dir():
        raise GradebookError(f"no such class folder: {folder}")
    try:
        st = path.lstat()
        if stat.S_ISLNK(st.st_mode) or not stat.S_ISREG(st.st_mode):
            raise GradebookError(f"{path} is not a regular file (a link?): the kit will not use it. "
                                 "Remove it, and check who can write to the class folder.")
    except FileNotFoundError:
        if not create:
            raise GradebookError(f"there is no gradebook in {folder} yet: run `python -m kit collect "
                                 f"{folder}` first") from None
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
        except FileExistsError:
            pass
        except OSError as err:
            raise GradebookError(f"cannot create {path} ({err.strerror})") from None
    try:
        con = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    except sqlite3.Error as err:
        raise _explain(err, path) from None
    try:
        con.row_factory = sqlite3.Row
        con.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        with transaction(con, path):
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    con.execute(statement)
            for table, columns in ADDED.items():
                have = {r[1] for r in con.execute(f"PRAGMA table_info({table})")}
                for name, decl in columns:
                    if name not in have:
                        con.execute(f"ALTER TABLE {table} ADD COLUMN {name} {decl}")
        yield con
    except sqlite3.Error as err:
        raise _explain(err, path) from None
    finally:
        con.close()


@contextlib.contextmanager
def transaction(con: sqlite3.Connection, path: Path | None = None):
    """One write transaction: all of it, or (on any error) none of it."""
    try:
        con.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as err:
        raise _explain(err, path or Path(NAME)) from None
    try:
        yield con
        con.execute("COMMIT")
    except BaseException as err:
        # On a full disk SQLite has already rolled back when COMMIT fails; a second ROLLBACK would only
        # say "cannot rollback" and hide why (issue 22). Roll back if still open, then say the real reason.
        if con.in_transaction:
            try:
                con.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        if isinstance(err, sqlite3.Error):
            raise _explain(err, path or Path(NAME)) from None
        raise


def check(con: sqlite3.Connection, path: Path) -> None:
    try:
        result = con.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.Error as err:
        raise _explain(err, path) from None
    if result != "ok":
        raise GradebookError(f"the gradebook {path} is damaged ({result}). It was left as it is: restore a "
                             "backup copy, or move it aside and run collect again.")


# -- collect -------------------------------------------------------------------------------------
def collect(folder: str | os.PathLike) -> dict:
    """Read every submission into the gradebook. Returns counts and a message per problem."""
    folder = Path(folder)
    updated = 0
    with connect(folder, create=True) as con:
        check(con, path_for(folder))
        known = {r["file"]: (r["mtime_ns"], r["size"], r["id"])
                 for r in con.execute("SELECT id, file, mtime_ns, size FROM students")}
        subs, messages = submissions.read_all(folder, known=known)  # parsed before the write lock is taken
        read = len(submissions.files(folder))
        with transaction(con, path_for(folder)):
            now = _now()
            changed = []
            for sid, sub in subs.items():
                if sub.unchanged:
                    continue
                row = con.execute("SELECT file, mtime_ns, size FROM students WHERE id = ?", (sid,)).fetchone()
                if row is not None and (row["mtime_ns"], row["size"], row["file"]) == (
                        sub.mtime_ns, sub.size, str(sub.path)):
                    continue  # unchanged since the last collect
                if row is not None and sub.mtime_ns < row["mtime_ns"]:
                    messages.append(f"{sub.path.name}: older than the file already collected for {sub.display} "
                                    f"({Path(row['file']).name}); kept the newer one")
                    continue
                changed.append(sub)
                updated += 1
            _store(con, changed, now)
            for message in messages:
                con.execute("INSERT OR REPLACE INTO problems VALUES (?, ?, ?)", ("", message[:1000], now))
            skipped = sum(m.startswith("skipped ") for m in messages)
            con.execute("INSERT INTO collections VALUES (?, ?, ?, ?)", (now, read, updated, skipped))
    return {"files": read, "students": len(subs), "updated": updated, "skipped": skipped, "messages": messages}


def _store(con, subs: list[submissions.Submission], now: str) -> None:
    """The students' rows and all their answers, in two statements (executemany: one call into SQLite)."""
    con.executemany("INSERT OR REPLACE INTO students VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(sub.sid, sub.name, sub.display, int(sub.flagged), sub.hub_user, sub.os_user, sub.owner,
                      str(sub.path), sub.mtime_ns, sub.size, now) for sub in subs])
    con.executemany(_UPSERT, [(sub.sid, qid, *_answer_values(a), now)
                              for sub in subs for qid, a in sub.answers.items()])


# One statement for every answer of a student (executemany): an answer the gradebook already holds with the
# same digest keeps its `updated` time, so a teacher's mark given for it stays current.
_UPSERT = (f"INSERT INTO answers (student, qid, {', '.join(ANSWER_FIELDS)}, updated) "
           f"VALUES (?, ?, {', '.join('?' * len(ANSWER_FIELDS))}, ?) "
           f"ON CONFLICT (student, qid) DO UPDATE SET {', '.join(f'{k} = excluded.{k}' for k in ANSWER_FIELDS)}, "
           "updated = CASE WHEN answers.digest = excluded.digest THEN answers.updated ELSE excluded.updated END")


_IN_ORDER = operator.itemgetter(*ANSWER_FIELDS)


def _answer_values(a: dict) -> tuple:
    """An answer's columns in ANSWER_FIELDS order (the one list of them); lists and the answer as JSON text."""
    seen = a["misconceptions_seen"]
    return _IN_ORDER({**a, "answer": a["answer_json"] if "answer_json" in a else submissions.SORTED_JSON(a["answer"]),
                      "misconceptions_seen": submissions.PLAIN_JSON(seen) if seen else "[]",
                      "tries": submissions.PLAIN_JSON(a.get("tries") or []), "reason": a.get("reason", "")})


def final(a: dict, rule: policy.Policy, seen: dict | None = None, tries_text: str | None = None) -> dict:
    """Work out what one answer is worth (the one function every surface uses): ``final``, ``how`` (one
    sentence), ``counted`` (which try), ``counted_answer``, and for written tasks the criteria met.

    A class repeats the same few patterns of tries for each item: ``seen`` (one per reading of the
    gradebook) keeps each pattern's mark, which depends on nothing else (and Mark is frozen); with
    ``tries_text`` (the tries as stored) a pattern is known by its text before its tries are rebuilt."""
    q = questions()[a["qid"]]
    teacher, how = None, ""
    levels = a.get("criteria_levels")
    if a.get("mark_current"):
        teacher = float(a["mark"])
        if levels:
            how = criteria_sentence(q, levels, teacher)
    quick = (q.qid, tries_text, a["status"], a["score"], rule, teacher, how) if tries_text is not None else None
    known = seen.get(quick) if seen is not None and quick is not None else None
    if known is None:
        tries = [policy.Try(t["status"], float(t["score"]), bool(t.get("readable", True)))
                 for t in a.get("tries") or [] if isinstance(t, dict) and t.get("status")]
        if not tries and a["status"] != NOT_ANSWERED:
            tries = [policy.Try(a["status"], float(a["score"]))]
        key = (q.qid, tuple(tries), rule, teacher, how)
        m = seen.get(key) if seen is not None else None
        if m is None:
            m = policy.mark(q, tries, rule, teacher=teacher, teacher_how=how)
        readable = [t for t in a.get("tries") or [] if isinstance(t, dict) and t.get("readable", True)]
        counted = (readable[m.counted - 1].get("answer") if m.counted and m.counted <= len(readable) else None)
        known = (m, counted)
        if seen is not None:
            seen[key] = m
            if quick is not None:
                seen[quick] = known
    m, counted = known
    a.update(final=m.score, how=m.how, counted=m.counted, graded=m.graded, tries_counted=m.tries,
             unreadable=m.unreadable, counted_status=m.status,
             counted_answer=counted if counted is not None else a["answer"])
    return a


def criteria_sentence(q, levels: list[int], score: float) -> str:
    met = [c for c, n in zip(criteria(q.rubric), levels) if n >= c.top]
    return (f"{fmt(score)} of {fmt(q.points)} point{'' if q.points == 1 else 's'}, marked by your teacher: "
            f"{len(met)} of {len(q.rubric)} criteria met in full.")


def _levels_from(q, given) -> list[int]:
    """The level reached on each criterion, from names or numbers of criteria met, or {criterion: level}."""
    crits = criteria(q.rubric)
    if not crits:
        raise GradebookError(f"{q.qid} has no rubric: give a score instead of criteria")
    levels = [0] * len(crits)

    def index(key) -> int:
        if isinstance(key, bool):
            raise GradebookError(f"{key!r} is not a criterion of {q.qid}")
        if isinstance(key, int):
            if 0 <= key < len(crits):
                return key
            raise GradebookError(f"{q.qid} has criteria 0 to {len(crits) - 1}; got {key}")
        text = str(key).strip().casefold()
        found = [i for i, c in enumerate(crits) if c.casefold() == text] or \
                [i for i, c in enumerate(crits) if text and c.casefold().startswith(text)]
        if len(found) != 1:
            raise GradebookError(f"{str(key)[:60]!r} is not {'one' if not found else 'only one'} of the criteria "
                                 f"of {q.qid}: " + "; ".join(f"{i}: {c}" for i, c in enumerate(crits)))
        return found[0]

    items = given.items() if isinstance(given, dict) else ((k, None) for k in given)
    for key, level in items:
        i = index(key)
        top = crits[i].top
        if level is None or level is True:
            level = top
        if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= top:
            raise GradebookError(f"criterion {i} of {q.qid} is scored 0 to {top}; got {str(level)[:20]}")
        levels[i] = level
    return levels


# -- marks ---------------------------------------------------------------------------------------
def find_student(con, student: str) -> sqlite3.Row:
    key = str(student).strip()
    row = con.execute("SELECT * FROM students WHERE id = ? OR name = ? OR display = ?", (key, key, key)).fetchall()
    if len(row) == 1:
        return row[0]
    if not row:
        raise GradebookError(f"no student {key!r} in the gradebook (give the name or the id, as in grades.csv)")
    raise GradebookError(f"{len(row)} students match {key!r}: give the id instead")


def mark(folder: str | os.PathLike, student: str, qid: str, score=None, comment: str = "", *,
         criteria_met=None) -> dict:
    """Save a teacher's mark for one answer, at once, in one transaction: a ``score``, or the criteria met
    (``criteria_met``: names or numbers of criteria, or {criterion: level} where a criterion has a scale);
    the mark is then the sum of the levels. Bad input is refused with a message; nothing is changed."""
    q = questions().get(str(qid).strip().lower())
    if q is None:
        raise GradebookError(f"there is no exercise {str(qid)[:40]!r}")
    if not q.graded or q.discussion:
        raise GradebookError(f"{q.qid} is recorded for the discussion, not marked: it carries no points")
    levels = None
    if criteria_met is not None:
        if isinstance(criteria_met, (str, int)):
            criteria_met = [criteria_met]
        levels = _levels_from(q, criteria_met)
        total = float(sum(levels))
        if score is not None and _number(score, q) != total:
            raise GradebookError(f"the score {fmt(_number(score, q))} does not match the criteria met ({fmt(total)})")
        score = total
    if score is None:
        raise GradebookError(f"give a score from 0 to {fmt(q.points)} or the criteria met")
    score = _number(score, q)
    comment = str(comment or "")
    if len(comment) > 5000:
        raise GradebookError(f"the comment is {len(comment):,} characters; the limit is 5,000")
    try:
        comment.encode("utf-8")
    except UnicodeEncodeError as err:
        raise GradebookError(f"the comment has a character that is not valid text (a lone surrogate, at "
                             f"character {err.start + 1}); remove it and save again. Nothing was saved.") from None
    folder = Path(folder)
    with connect(folder) as con:
        with transaction(con, path_for(folder)):
            who = find_student(con, student)
            answer = con.execute("SELECT digest FROM answers WHERE student = ? AND qid = ?",
                                 (who["id"], q.qid)).fetchone()
            if answer is None:
                raise GradebookError(f"{who['display']} has not answered {q.qid}: nothing to mark")
            chosen = json.dumps(levels) if levels is not None else ""
            row = (who["id"], q.qid, score, comment, answer["digest"], _now(), chosen)
            con.execute("INSERT OR REPLACE INTO marks (student, qid, score, comment, digest, marked, criteria) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)", row)
            con.execute("INSERT INTO marks_log (student, qid, score, comment, digest, marked, criteria) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)", row)
    return {"student": who["id"], "qid": q.qid, "score": score, "comment": comment, "criteria": levels}


def _number(score, q) -> float:
    """A score as a float from 0 to the item's points; -0 is 0. Anything else: a message."""
    if isinstance(score, bool) or not isinstance(score, (int, float)):
        raise GradebookError(f"the score must be a number from 0 to {fmt(q.points)}; got {str(score)[:40]!r}")
    try:
        value = float(score) + 0.0  # + 0.0: -0.0 is stored (and shown) as 0
    except OverflowError:
        value = math.inf
    if not math.isfinite(value) or not 0 <= value <= q.points:
        shown = f"{value:g}" if math.isfinite(value) else "a number too large to use"
        raise GradebookError(f"the score for {q.qid} must be from 0 to {fmt(q.points)}; got {shown}")
    return value


# -- reading -------------------------------------------------------------------------------------
def rows(folder: str | os.PathLike, attempt=None) -> tuple[list[dict], list[dict]]:
    """Students and their answers with the teacher's marks (``mark_current`` False: the answer changed), each
    worth what the class's marking policy says (``final``, ``how``). ``attempt``: a Policy, or "first",
    "best", "last" (the class's penalty share), or None for the class's policy."""
    rule = attempt if isinstance(attempt, policy.Policy) else _rule(folder, attempt)
    with connect(folder) as con:
        students = _dicts(con.execute("SELECT * FROM students ORDER BY display, id"))
        answers = _dicts(con.execute(
            "SELECT a.*, m.score AS mark, m.comment AS comment, m.digest AS mark_digest, m.marked AS marked, "
            "m.criteria AS mark_criteria "
            "FROM answers a LEFT JOIN marks m ON m.student = a.student AND m.qid = a.qid "
            "ORDER BY a.student, a.lesson, a.qid"))
    bank = questions()
    answers = [a for a in answers if a["qid"] in bank]
    # A class gives the same few answers and patterns of tries to an item again and again: each text is
    # parsed once per reading (the values are only read from here on, never changed), and each pattern's
    # mark is worked out once (``seen``).
    parsed: dict = {}
    seen: dict = {}
    for a in answers:
        tries_text = a["tries"]
        for column in ("answer", "misconceptions_seen", "tries", "mark_criteria"):
            text = a[column]
            key = (column, text)
            if key not in parsed:
                parsed[key] = _json_column(a, column, folder)
            a[column] = parsed[key]
        a["mark_current"] = a["mark"] is not None and a["mark_digest"] == a["digest"]
        a["criteria_levels"] = a["mark_criteria"] if isinstance(a["mark_criteria"], list) else None
        final(a, rule, seen, tries_text=tries_text)
    return students, answers


def _dicts(cursor) -> list[dict]:
    """Rows as dicts (a plain tuple per row and its column names: faster than sqlite3.Row for a class)."""
    cursor.row_factory = None
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def _json_column(a: dict, column: str, folder) -> object:
    text = a.get(column)
    if text is None or (column == "mark_criteria" and text == ""):
        return None
    if text == "[]":  # most misconception lists: no parser needed
        return []
    try:
        return json.loads(text)
    except (TypeError, ValueError, RecursionError):
        raise GradebookError(f"the gradebook {path_for(folder)} has a value that is not JSON in the column "
                             f"{column} ({a['student']}, {a['qid']}): it was changed outside the kit. Nothing was "
                             "written. Restore a backup copy, or move it aside and run `python -m kit collect` "
                             "again.") from None


def _rule(folder, attempt) -> policy.Policy:
    try:
        return policy.resolve(folder, attempt)
    except policy.PolicyError as err:
        raise GradebookError(str(err)) from None


def final_score(a: dict, attempt=None) -> float:
    """The points an answer earns under a policy (kept for callers of older kits)."""
    return final(dict(a), attempt if isinstance(attempt, policy.Policy) else policy.Policy(attempt or "best"))["final"]


def problems(folder: str | os.PathLike) -> list[str]:
    with connect(folder) as con:
        return [r["message"] for r in con.execute("SELECT message FROM problems ORDER BY seen, message")]
