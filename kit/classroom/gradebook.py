"""The gradebook: one SQLite file per class folder, ``<class>/gradebook.sqlite`` (standard library only).

* Every write is one transaction (``BEGIN IMMEDIATE``); a second writer waits up to ``BUSY_SECONDS``,
  then gets a clear message and changes nothing. Files are parsed before the transaction starts.
* The rollback journal (SQLite's default), not WAL: WAL needs shared memory, which network drives
  (a school's shared folder) do not give.
* A gradebook that is a link is refused; a damaged one gets a message and is left exactly as it is.
* Collecting again is safe: a student's answers are replaced only by a newer file (by file time), and a
  teacher's mark stays with the answer it was given for (``digest``): unchanged answers keep their marks,
  a changed answer shows its earlier mark as "to mark again". Every mark ever given is kept in ``marks_log``.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import os
import sqlite3
import stat
from pathlib import Path

from ..exercises import questions
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
ANSWER_FIELDS = ("lesson", "kind", "answer", "status", "score", "points", "misconception", "source",
                 "first_status", "first_score", "first_misconception", "best_score", "misconceptions_seen",
                 "attempts", "hints", "digest")


class GradebookError(Exception):
    """The gradebook cannot be used right now; the message says why and what to do. Nothing was changed."""


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


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
    except BaseException:
        con.execute("ROLLBACK")
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
                _store(con, sub, now)
                updated += 1
            for message in messages:
                con.execute("INSERT OR REPLACE INTO problems VALUES (?, ?, ?)", ("", message[:1000], now))
            skipped = sum(m.startswith("skipped ") for m in messages)
            con.execute("INSERT INTO collections VALUES (?, ?, ?, ?)", (now, read, updated, skipped))
    return {"files": read, "students": len(subs), "updated": updated, "skipped": skipped, "messages": messages}


def _store(con, sub: submissions.Submission, now: str) -> None:
    con.execute("INSERT OR REPLACE INTO students VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (sub.sid, sub.name, sub.display, int(sub.flagged), sub.hub_user, sub.os_user, sub.owner,
                 str(sub.path), sub.mtime_ns, sub.size, now))
    for qid, a in sub.answers.items():
        values = [a[k] for k in ANSWER_FIELDS]
        values[ANSWER_FIELDS.index("answer")] = json.dumps(a["answer"], ensure_ascii=False)
        values[ANSWER_FIELDS.index("misconceptions_seen")] = json.dumps(a["misconceptions_seen"])
        old = con.execute("SELECT digest FROM answers WHERE student = ? AND qid = ?", (sub.sid, qid)).fetchone()
        if old is not None and old["digest"] == a["digest"]:
            con.execute(f"UPDATE answers SET {', '.join(f'{k} = ?' for k in ANSWER_FIELDS)} "
                        "WHERE student = ? AND qid = ?", (*values, sub.sid, qid))
        else:
            con.execute(f"INSERT OR REPLACE INTO answers (student, qid, {', '.join(ANSWER_FIELDS)}, updated) "
                        f"VALUES (?, ?, {', '.join('?' * len(ANSWER_FIELDS))}, ?)", (sub.sid, qid, *values, now))


# -- marks ---------------------------------------------------------------------------------------
def find_student(con, student: str) -> sqlite3.Row:
    key = str(student).strip()
    row = con.execute("SELECT * FROM students WHERE id = ? OR name = ? OR display = ?", (key, key, key)).fetchall()
    if len(row) == 1:
        return row[0]
    if not row:
        raise GradebookError(f"no student {key!r} in the gradebook (give the name or the id, as in grades.csv)")
    raise GradebookError(f"{len(row)} students match {key!r}: give the id instead")


def mark(folder: str | os.PathLike, student: str, qid: str, score, comment: str = "") -> dict:
    """Save a teacher's mark (score and comment) for one answer, at once, in one transaction."""
    q = questions().get(str(qid).strip().lower())
    if q is None:
        raise GradebookError(f"there is no exercise {qid!r}")
    if isinstance(score, bool) or not isinstance(score, (int, float)) or not math.isfinite(float(score)):
        raise GradebookError(f"the score must be a number from 0 to {q.points}; got {score!r}")
    if not 0 <= float(score) <= q.points:
        raise GradebookError(f"the score for {q.qid} must be from 0 to {q.points}; got {score:g}")
    comment = str(comment or "")
    if len(comment) > 5000:
        raise GradebookError(f"the comment is {len(comment):,} characters; the limit is 5,000")
    folder = Path(folder)
    with connect(folder) as con:
        with transaction(con, path_for(folder)):
            who = find_student(con, student)
            answer = con.execute("SELECT digest FROM answers WHERE student = ? AND qid = ?",
                                 (who["id"], q.qid)).fetchone()
            if answer is None:
                raise GradebookError(f"{who['display']} has not answered {q.qid}: nothing to mark")
            row = (who["id"], q.qid, float(score), comment, answer["digest"], _now())
            con.execute("INSERT OR REPLACE INTO marks VALUES (?, ?, ?, ?, ?, ?)", row)
            con.execute("INSERT INTO marks_log VALUES (?, ?, ?, ?, ?, ?)", row)
    return {"student": who["id"], "qid": q.qid, "score": float(score), "comment": comment}


# -- reading -------------------------------------------------------------------------------------
def rows(folder: str | os.PathLike, attempt: str = "first") -> tuple[list[dict], list[dict]]:
    """Students and their answers with the teacher's marks (``mark_current`` False: the answer changed)."""
    with connect(folder) as con:
        students = [dict(r) for r in con.execute("SELECT * FROM students ORDER BY display, id")]
        answers = [dict(r) for r in con.execute(
            "SELECT a.*, m.score AS mark, m.comment AS comment, m.digest AS mark_digest, m.marked AS marked "
            "FROM answers a LEFT JOIN marks m ON m.student = a.student AND m.qid = a.qid "
            "ORDER BY a.student, a.lesson, a.qid")]
    for a in answers:
        a["answer"] = json.loads(a["answer"]) if a["answer"] is not None else None
        a["misconceptions_seen"] = json.loads(a["misconceptions_seen"])
        a["mark_current"] = a["mark"] is not None and a["mark_digest"] == a["digest"]
        a["final"] = final_score(a, attempt)
    return students, answers


ATTEMPTS = ("first", "best", "last")


def final_score(a: dict, attempt: str = "first") -> float:
    """The points an answer earns: the teacher's current mark, else the kit's on the attempt that counts
    (the first by default, as the report: a guess corrected after feedback is not the same skill; the
    teacher can choose "best" or "last"). Free text earns 0 until marked."""
    if attempt not in ATTEMPTS:
        raise ValueError(f"attempt must be one of {', '.join(ATTEMPTS)}, not {attempt!r}")
    if a.get("mark_current"):
        return float(a["mark"])
    if a["kind"] == "text":
        return 0.0
    return float({"first": a["first_score"], "best": a["best_score"], "last": a["score"]}[attempt])


def problems(folder: str | os.PathLike) -> list[str]:
    with connect(folder) as con:
        return [r["message"] for r in con.execute("SELECT message FROM problems ORDER BY seen, message")]
