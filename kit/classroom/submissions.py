"""Students' submission files, read as untrusted input: one job, shared by collect, the report and the live view.

Each file is opened without following links (a FIFO or device is refused, not waited on), size-checked,
parsed as JSON only with numbers checked as they are read (no NaN or infinity, no integers of
thousands of digits), and checked field by field. Any failure skips that file with its reason.

Whose work a file is: in a drop box (``submissions/`` with the sticky bit, as class-folder.sh makes it on
a hub or a shared server with real accounts) the file's OS owner, never what the file says. Such a file
is keyed by its owner; one whose hub user, OS user, id or typed name claims someone else is set aside
and listed for the teacher; "newest" is decided only among one owner's own files; the "hub user" is
the owner. Elsewhere (a folder of files copied from laptops or a shared drive without accounts) the
kit cannot know who wrote a file: it keys files by the name inside, as typed, and says so.

What the teacher can trust is what the kit observes: the OS owner and the modification time of the file,
and the marks the kit recomputes from the stored answer (every kind but tables and figures, which are
stored summarised: their claimed marks are kept, clamped and labelled "claimed"). Names are kept as
typed and cleaned for display (control, bidi and zero-width characters removed, and flagged).
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import pwd
import re
import stat
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..exercises import questions
from ..exercises.classfolder import SUBMISSIONS, display_name, student_id
from ..exercises.grade import grade
from ..exercises.model import CORRECT, NOT_ANSWERED, NOT_YET, PARTLY, SAVED
from ..exercises.responses import SUBMISSION_FORMAT

MAX_BYTES = 1_000_000
MAX_NAME = 100
MAX_DIGITS = 18
MAX_HISTORY = 200
STATUSES = (CORRECT, PARTLY, NOT_YET, NOT_ANSWERED, SAVED)
RECOMPUTED = ("number", "choice", "matching", "ordering", "text")   # from the stored answer
CLAIMED = ("frame", "figure")                                       # stored summarised: kept as claimed


class Skip(Exception):
    """A submission that cannot be used; the message says why."""


@dataclass
class Submission:
    path: Path
    name: str                 # as typed
    display: str              # for display: control, bidi and zero-width characters removed
    flagged: bool             # True if display != name
    sid: str                  # the kit's id for the name (computed, never taken from the file)
    hub_user: str | None
    os_user: str | None       # what the file says
    owner: str                # the OS owner of the file (what the kit observes)
    mtime_ns: int
    size: int
    version: int
    answers: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    unchanged: bool = False   # already in the gradebook, not read again
    claimed_sid: str = ""     # by owner: the id of the name typed inside (sid is then the owner's)


# -- parsing -------------------------------------------------------------------------------------
def _int(text: str):
    if len(text) <= MAX_DIGITS:  # the common case, decided without a second look
        return int(text)
    if len(text.lstrip("-")) > MAX_DIGITS:
        _PROBLEMS.now.append(f"an integer of {len(text)} digits")
        return None
    return int(text)


def _float(text: str):
    value = float(text)
    if not math.isfinite(value):
        _PROBLEMS.now.append(f"a number too large to use ({text[:20]})")
        return None
    return value


def _constant(name: str):
    _PROBLEMS.now.append(name)
    return None


# One decoder for every file (making one costs more than reading a small file); what its number hooks find
# goes to the list of the parse under way in this thread.
_DECODER = json.JSONDecoder(parse_int=_int, parse_float=_float, parse_constant=_constant)
_PROBLEMS = threading.local()


def parse(raw: bytes, problems: list | None = None):
    """JSON from bytes. Numbers that would poison a class (NaN, infinities, integers of more than 18
    digits) are read as null and listed in ``problems``; text that is not valid Unicode skips the file."""
    _PROBLEMS.now = [] if problems is None else problems
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Skip("not UTF-8 text") from None
    try:
        if text.startswith("\ufeff"):  # as json.loads says it
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        data = _DECODER.decode(text)
    except RecursionError:
        raise Skip("not valid JSON (nested too deeply)") from None
    except json.JSONDecodeError as err:
        raise Skip(f"not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})") from None
    except ValueError as err:
        raise Skip(f"holds {err}") from None
    try:
        if _SURROGATE.search(text):  # only an escape can make one: a quick look first, the full check if so
            json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise Skip("holds text that is not valid Unicode (a lone surrogate)") from None
    except (RecursionError, ValueError) as err:
        raise Skip(f"could not be checked ({type(err).__name__})") from None
    return data


_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


_OWNERS: dict[int, str] = {}  # a class folder has one owner per student: one lookup each (not kept: a miss)


def owner_name(uid: int) -> str:
    if uid in _OWNERS:
        return _OWNERS[uid]
    try:
        name = pwd.getpwuid(uid).pw_name
    except (KeyError, OverflowError):
        return str(uid)
    if len(_OWNERS) < 100_000:
        _OWNERS[uid] = name
    return name


def read_bytes(path: Path) -> tuple[bytes, os.stat_result]:
    """The file's bytes and its stat, without following a link or waiting on a FIFO."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as err:
        if os.path.islink(path):
            raise Skip("not a regular file (a link)") from None
        if err.errno == 13:
            raise Skip("cannot be read: permission denied (students' files should be mode 0644)") from None
        raise Skip(f"cannot be opened ({err.strerror or type(err).__name__})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Skip("not a regular file")
        if st.st_size > MAX_BYTES:
            raise Skip(f"too large ({st.st_size:,} bytes; the limit is {MAX_BYTES:,})")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise Skip(f"too large (over {MAX_BYTES:,} bytes)")
        return raw, st
    except OSError as err:
        raise Skip(f"cannot be read ({err.strerror or type(err).__name__})") from None
    finally:
        os.close(fd)


def _short_text(value, limit: int) -> str | None:
    return value.strip()[:limit] if isinstance(value, str) and value.strip() else None


# -- answers -------------------------------------------------------------------------------------
# json.dumps builds a new encoder on every call with options; a class folder makes hundreds of thousands.
SORTED_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
PLAIN_JSON = json.JSONEncoder(ensure_ascii=False).encode
_NUMPY_REPR = re.compile(r"^(?:np|numpy)\.\w+\(([-+0-9.eE]+)\)$")
_CACHE: dict = {}


def _regrade(q, answer) -> tuple[str, float, str, bool]:
    """Status, score, misconception and readable for an answer, from the kit's own marking (cached)."""
    if isinstance(answer, str) and q.kind == "number":
        match = _NUMPY_REPR.match(answer.strip())  # a numpy number saved by its repr
        answer = match.group(1) if match else answer
    key_part = frozen(answer)
    key = None if key_part is None else (q.qid, key_part)
    if key is None or key not in _CACHE:
        if len(_CACHE) > 100_000:
            _CACHE.clear()
        fb = grade(q, answer)
        result = (fb.status, float(fb.score) if fb.status != SAVED else 0.0, fb.misconception, bool(fb.readable))
        if key is None:
            return result
        _CACHE[key] = result
    return _CACHE[key]


_FLAT = (str, int, float, type(None))  # bool is an int


def frozen(answer, ordered: bool = False):
    """A cache key for an answer, or None. Answers are small lists and dicts of text and numbers: a tuple
    of them is a faster key than their JSON. Types are kept in the key, so 1, 1.0 and True stay apart.
    A dict's order of keys does not change its mark, but it does change how it is shown: ``ordered``."""
    if isinstance(answer, str):
        return answer
    if isinstance(answer, list) and all(type(v) in _FLAT for v in answer):
        return ("list", *((type(v), v) for v in answer))
    if isinstance(answer, dict) and all(type(v) in _FLAT for v in answer.values()):
        items = ((k, type(v), v) for k, v in answer.items())
        return ("dict", *(items if ordered else sorted(items)))
    if type(answer) in _FLAT or isinstance(answer, bool):
        return (type(answer), answer)
    try:
        return ("json", (PLAIN_JSON if ordered else SORTED_JSON)(answer))
    except (TypeError, ValueError, RecursionError):
        return None  # not JSON: marked each time, never cached


def identical(a, b) -> bool:
    """The same answer value for value, type for type and in the same order (their ordered ``frozen`` keys):
    1 is not True or 1.0, and a dict with its keys in another order is shown differently. Text, the most
    common answer, is decided by one comparison."""
    if type(a) is not type(b) or a != b:
        return False
    if type(a) is str:
        return True
    key = frozen(a, ordered=True)
    return key is not None and key == frozen(b, ordered=True)


def _known(q) -> frozenset:
    """The misconceptions an exercise can name (made once per exercise)."""
    known = _KNOWN.get(q.qid)
    if known is None:
        known = _KNOWN[q.qid] = frozenset(q.misconceptions.values())
    return known


_KNOWN: dict[str, frozenset] = {}


def _claimed(q, entry: dict) -> tuple[str, float, str]:
    status = entry.get("status") if entry.get("status") in STATUSES else NOT_ANSWERED
    score = entry.get("score")
    score = float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) else 0.0
    score = min(max(score, 0.0), float(q.points)) if math.isfinite(score) else 0.0
    misconception = entry.get("misconception")
    return status, score, misconception if misconception in _known(q) else "", entry.get("readable") is not False


def _attempt(q, entry) -> tuple[str, float, str, bool] | None:
    """(status, score, misconception, readable) of one saved attempt; None if it holds no answer."""
    if not isinstance(entry, dict):
        return None
    if q.kind in RECOMPUTED:
        return _regrade(q, entry["answer"]) if "answer" in entry else None
    return _claimed(q, entry)


def _tries(history: list, attempts: list, sames: list, entry_attempts: int, first, last) -> list[dict]:
    """Every attempt as the marking policy needs it (status, score, readable, answer), in order. An older
    submission with no history counts its first and its last answer.

    A try whose answer is the answer itself (``sames``; the last try, most often: ``identical``) leaves its
    answer out: the gradebook then shows the answer, so it is not stored (or parsed) twice."""
    out = [{"status": a[0], "score": a[1], "readable": a[3], **({} if same else {"answer": h["answer"]})}
           for h, a, same in zip(history, attempts, sames) if a is not None and a[0] != NOT_ANSWERED and "answer" in h]
    if out:
        return out
    if entry_attempts > 1 and first[0] != NOT_ANSWERED:
        out.append({"status": first[0], "score": first[1], "readable": True, "answer": None})
    if last[0] != NOT_ANSWERED:
        out.append({"status": last[0], "score": last[1], "readable": True})
    return out


def _small_int(value, top: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= top else 0


def clean_entry(qid: str, entry, bank: dict | None = None) -> dict | None:
    """One answer, checked; its marks recomputed where the kit can. None if the exercise is unknown."""
    q = (bank or questions()).get(qid)
    if q is None or not isinstance(entry, dict):
        return None
    answer = entry.get("answer")
    if q.kind in RECOMPUTED:
        last = _regrade(q, answer)
    else:
        last = _claimed(q, entry)
    history = entry.get("history") if isinstance(entry.get("history"), list) else []
    history = history[:MAX_HISTORY]
    # one marking per attempt, also for the policy's tries below; an attempt whose text is the answer's own
    # (the last one, most often) has the answer's marks
    sames = [isinstance(h, dict) and "answer" in h and identical(h["answer"], answer) for h in history]
    each = [last if same and q.kind in RECOMPUTED else _attempt(q, h) for h, same in zip(history, sames)]
    attempts = [a for a in each if a is not None]
    first = each[0] if history else None
    if first is None and isinstance(entry.get("first"), dict):
        first = _attempt(q, entry["first"]) if "answer" in entry["first"] else _claimed(q, entry["first"])
    first = first or last
    known = _known(q)
    seen = {a[2] for a in (*attempts, first, last) if a[2] in known}
    scores = [a[1] for a in (*attempts, last)]
    count = _small_int(entry.get("attempts"), 100_000)
    return {"qid": qid, "lesson": q.lesson, "kind": q.kind, "points": float(q.points), "answer": answer,
            "status": last[0], "score": last[1], "misconception": last[2],
            "source": "kit" if q.kind in RECOMPUTED else "claimed",
            "first_status": first[0], "first_score": first[1], "first_misconception": first[2],
            "best_score": max(scores), "misconceptions_seen": sorted(seen),
            "attempts": count, "hints": _small_int(entry.get("hints"), 50),
            # the answer as stored (in the student's order) and its digest (of the keys sorted): one text
            # serves both unless the answer holds a dict, where the order of keys differs
            "answer_json": text if "{" not in (text := SORTED_JSON(answer)) else PLAIN_JSON(answer),
            "digest": _digest_of(text),
            "tries": _tries(history, each, sames, count, first, last),
            # the reason a student gives beside an answer where the question asks for one (2.3's table tool)
            "reason": _short_text(entry.get("reason"), 2000) or ""}


def digest(answer) -> str:
    """What identifies an answer: a teacher's mark stays with the answer it was given for."""
    return _digest_of(SORTED_JSON(answer))


def _digest_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# -- one file ------------------------------------------------------------------------------------
def drop_box(folder: str | os.PathLike) -> bool:
    """True when ``folder/submissions`` is a drop box (a real folder with the sticky bit): files there are
    keyed by their OS owner."""
    try:
        st = os.lstat(Path(folder) / SUBMISSIONS)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and bool(st.st_mode & stat.S_ISVTX)


class SetAside(Skip):
    """A file whose claim disagrees with its owner: not graded, listed for the teacher."""


def read(path: str | os.PathLike, by_owner: bool = False) -> Submission:
    """One file. ``by_owner``: the file is keyed by its OS owner, and set aside if it claims another."""
    path = Path(path)
    raw, st = read_bytes(path)
    problems: list[str] = []
    data = parse(raw, problems)
    if not isinstance(data, dict) or data.get("format") != SUBMISSION_FORMAT:
        raise Skip("not a kit submission (no \"format\": \"kit-submission\")")
    version = data.get("version", 1)
    if version not in (1, 2):
        raise Skip(f"a submission format this kit does not know (version {str(version)[:10]})")
    student = data.get("student")
    claimed_id = None
    if isinstance(student, dict):
        claimed_id, student = student.get("id"), student.get("name")
    if not isinstance(student, str) or not student.strip() or len(student) > MAX_NAME:
        raise Skip("the student name is missing or too long")
    name = student.strip()
    display, flagged = display_name(name)
    display = display.strip() or "(a name with no printable letters)"
    sid = student_id(name)
    answers = data.get("answers")
    if not isinstance(answers, dict) or len(answers) > 500:
        raise Skip("\"answers\" is not a list of answers")
    sub = Submission(path=path, name=name, display=display, flagged=flagged, sid=sid,
                     hub_user=_short_text(data.get("hub_user"), 100), os_user=_short_text(data.get("os_user"), 100),
                     owner=owner_name(st.st_uid), mtime_ns=st.st_mtime_ns, size=st.st_size, version=version)
    if by_owner:
        owner = sub.owner
        for what, value in (("hub user", sub.hub_user), ("OS user", sub.os_user)):
            if value is not None and value != owner:
                raise SetAside(f"it says its {what} is {value[:60]!r}, but its owner is {owner!r}")
        if claimed_id is not None and claimed_id != sid:
            raise SetAside(f"the id inside ({str(claimed_id)[:60]!r}) is not the id of the name inside ({sid})")
        sub.claimed_sid = sid
        sub.sid = student_id(owner)
        sub.hub_user = sub.os_user = owner
    if problems:
        shown = ", ".join(sorted(set(problems))[:3])
        sub.notes.append(f"{path.name}: {len(problems)} values were not usable numbers ({shown}); read as empty")
    if flagged:
        sub.notes.append(f"{path.name}: the name has hidden or control characters; shown as {display!r}")
    if claimed_id is not None and claimed_id != sid:
        sub.notes.append(f"{path.name}: the id in the file ({str(claimed_id)[:60]!r}) does not match the name; "
                         f"the kit uses {sid}")
    if path.parent.name == SUBMISSIONS and path.stem != sid and not by_owner:
        sub.notes.append(f"{path.name}: the file name is not the student's id ({sid}.json)")
    if sub.os_user and sub.os_user != sub.owner:
        sub.notes.append(f"{path.name}: the file says it was written by {sub.os_user!r}, but its owner is "
                         f"{sub.owner!r}")
    bank = questions()
    for qid, entry in answers.items():
        clean = clean_entry(str(qid), entry, bank)
        if clean is None:
            sub.notes.append(f"{path.name}: ignored an answer to an unknown exercise ({str(qid)[:40]!r})")
        else:
            sub.answers[str(qid)] = clean
    return sub


# -- a folder ------------------------------------------------------------------------------------
def files(folder: str | os.PathLike) -> list[Path]:
    """The candidate files: ``folder/submissions/*.json`` and ``folder/*.json`` (hidden ones left out)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no such folder: {folder}")
    found = []
    for where in (folder / SUBMISSIONS, folder):
        if where.is_dir() and not where.is_symlink():
            found += sorted((p for p in where.glob("*.json") if not p.name.startswith(".")), key=lambda p: p.name)
    return found


def read_all(folder: str | os.PathLike, cache: dict | None = None,
             known: dict | None = None) -> tuple[dict[str, Submission], list[str]]:
    """The usable submissions (the newest file per student, by file time) and a message per problem.

    ``cache`` (path -> (stat key, result)) lets a caller that reads often skip unchanged files;
    ``known`` (path -> (mtime_ns, size, sid)) names files already collected: when a file's time and size
    match, it is not read again and comes back as a Submission with ``unchanged`` True and no answers.
    """
    by_student: dict[str, list[Submission]] = {}
    messages: list[str] = []
    owned = drop_box(folder)
    for path in files(folder):
        try:
            st = path.lstat()
            key = (st.st_mtime_ns, st.st_size, st.st_ino)
            seen = (known or {}).get(str(path))
            if seen is not None and seen[:2] == (st.st_mtime_ns, st.st_size):
                result = Submission(path=path, name="", display=seen[2], flagged=False, sid=seen[2], hub_user=None,
                                    os_user=None, owner="", mtime_ns=st.st_mtime_ns, size=st.st_size, version=0,
                                    unchanged=True)
            elif cache is not None and path in cache and cache[path][0] == key:
                result = cache[path][1]
            else:
                try:
                    result = (read(path, by_owner=True) if owned and path.parent.name == SUBMISSIONS
                              else read(path))
                except Skip as why:
                    result = why
                if cache is not None:
                    cache[path] = (key, result)
        except (OSError, ValueError, UnicodeError, RecursionError) as err:  # whatever else: skip, with why
            result = Skip(f"could not be read ({type(err).__name__})")
        if isinstance(result, SetAside):
            messages.append(f"skipped {_rel(path, folder)}: set aside, not graded: {result} "
                            "(the file's owner is who handed it in; check with the student)")
            continue
        if isinstance(result, Skip):
            messages.append(f"skipped {_rel(path, folder)}: {result}")
            continue
        by_student.setdefault(result.sid, []).append(result)
    if owned:
        _set_aside_claims(by_student, messages, folder)
    for subs in by_student.values():
        for sub in subs:
            messages += sub.notes
    chosen = {}
    for sid, subs in by_student.items():
        subs.sort(key=lambda s: (s.mtime_ns, s.path.parent.name == SUBMISSIONS, s.path.name))
        if len(subs) > 1:
            names = ", ".join(_rel(s.path, folder) for s in subs)
            messages.append(f"{subs[-1].display} ({sid}) handed in more than once: {len(subs)} files claim this "
                            f"student ({names}); "
                            f"the newest by file time counts: {_rel(subs[-1].path, folder)}")
        chosen[sid] = subs[-1]
    return chosen, messages


def _set_aside_claims(by_student: dict[str, list[Submission]], messages: list[str], folder) -> None:
    """By owner: a typed name that is another owner's login is a claim on a classmate: set aside. Two
    owners typing the same name keep their own rows, and the teacher is told."""
    logins = {sub.owner.casefold(): sid for sid, subs in by_student.items() for sub in subs if sub.owner}
    names: dict[str, set[str]] = {}
    for sid, subs in list(by_student.items()):
        kept = []
        for sub in subs:
            if not sub.name:  # unchanged since the last collect: checked then
                kept.append(sub)
                continue
            other = logins.get(sub.name.casefold())
            if other is not None and other != sid:
                messages.append(f"skipped {_rel(sub.path, folder)}: set aside, not graded: the name inside is "
                                f"another user's login ({sub.name[:60]!r}), but its owner is {sub.owner!r} "
                                "(the file's owner is who handed it in; check with the student)")
                continue
            names.setdefault(sub.claimed_sid, set()).add(sub.owner)
            kept.append(sub)
        if kept:
            by_student[sid] = kept
        else:
            del by_student[sid]
    for claimed, owners in names.items():
        if len(owners) > 1 and claimed:
            messages.append(f"the same name ({claimed}) is typed in the files of {len(owners)} users: "
                            f"{', '.join(sorted(owners))}; each keeps their own row (by file owner): check who is who")


def _rel(path: Path, folder) -> str:
    try:
        return str(path.relative_to(folder))
    except ValueError:
        return path.name
