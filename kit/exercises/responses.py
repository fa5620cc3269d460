"""Saving a student's answers as they work: one JSON file per student and lesson, written atomically.

Each save reads the file, updates one question and writes a new file beside it before replacing the
old one (os.replace is atomic), so a crash mid-save or a second save never loses earlier answers. A
file that cannot be read is kept under another name, never overwritten.
"""
from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import re
import tempfile
from pathlib import Path

from .identity import student_id

FORMAT = "kit-responses"
SUBMISSION_FORMAT = "kit-submission"
VERSION = 1
SUBMISSION_VERSION = 2
MAX_HISTORY = 20  # attempts kept per question: the first and the latest 19 (the first is also kept apart)
HISTORY_TEXT_CHARS = 500  # a free-text answer in the history is shortened; the latest is kept in full
MAX_ANSWER_CHARS = 4000


def responses_dir() -> Path:
    return Path(os.environ.get("KIT_RESPONSES_DIR") or Path.home() / "kit-responses")


def _name_file() -> Path:
    return responses_dir() / "student-name.txt"


def safe_name(name: str) -> str:
    """The folder name of kit versions before student ids (read only, to carry old work over)."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "_", str(name).strip())[:60].strip("._")
    return cleaned or "student"


def _os_user() -> str | None:
    try:
        return getpass.getuser()
    except Exception:  # no user name on some containers
        return None


def student_name() -> str:
    """Who is working: the name given with sign_in(), else the JupyterHub or system user."""
    try:
        stored = _name_file().read_text(encoding="utf-8").strip()
        if stored:
            return stored
    except OSError:
        pass
    return os.environ.get("KIT_STUDENT") or os.environ.get("JUPYTERHUB_USER") or getpass.getuser()


def set_student_name(name: str) -> str:
    name = str(name).strip()[:60]
    if not name:
        raise ValueError("empty name")
    _atomic_write(_name_file(), name)
    return name


def student_folder(student: str | None = None) -> Path:
    """``responses_dir()/<student_id(name)>``: one folder per student, whatever script the name is in."""
    return responses_dir() / student_id(student or student_name())


def lesson_file(lesson: int, student: str | None = None) -> Path:
    return student_folder(student) / f"lesson{int(lesson)}.json"


def _legacy_file(lesson: int, student: str | None = None) -> Path:
    return responses_dir() / safe_name(student or student_name()) / f"lesson{int(lesson)}.json"


def load_lesson(lesson: int, student: str | None = None) -> dict:
    """A student's record for one lesson; work saved by an older kit (folder by ASCII name) carries over
    when the name is all ASCII (older kits folded every other name into one shared folder)."""
    path = lesson_file(lesson, student)
    if not path.exists():
        name = str(student or student_name())
        legacy = _legacy_file(lesson, student)
        if name.isascii() and safe_name(name) != "student" and legacy.is_file():
            return load(legacy)
    return load(path)


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def load(path: Path) -> dict:
    """A responses file; an unreadable one is set aside (renamed) and a fresh record begins."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("answers"), dict):
            return data
        raise ValueError("not a responses file")
    except FileNotFoundError:
        pass
    except (OSError, ValueError):
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
        try:
            path.rename(path.with_name(f"{path.name}.unreadable-{stamp}"))
        except OSError:
            pass
    return {"format": FORMAT, "version": VERSION, "answers": {}}


def summarise(value):
    """A JSON-safe record of an answer (tables and figures are described, not stored whole)."""
    try:
        import pandas as pd
        import plotly.graph_objects as go
        if isinstance(value, (pd.DataFrame, pd.Series)):
            frame = value.to_frame() if isinstance(value, pd.Series) else value
            return {"table": {"rows": len(frame), "columns": [str(c) for c in frame.columns][:20],
                              "head": frame.head(5).astype(str).to_dict("records")}}
        if isinstance(value, go.Figure):
            return {"figure": [t.type for t in value.data]}
    except Exception:  # pragma: no cover
        pass
    if value is Ellipsis or value is None:
        return None
    if isinstance(value, (bool, int, float, str)):
        return value if not isinstance(value, str) else value[:MAX_ANSWER_CHARS]
    if isinstance(value, (list, tuple)):
        return [summarise(v) for v in list(value)[:50]]
    if isinstance(value, dict):
        return {str(k)[:100]: summarise(v) for k, v in list(value.items())[:50]}
    return repr(value)[:200]


def record(qid: str, lesson: int, *, answer=None, feedback=None, hint_used: int | None = None) -> Path:
    """Save one check or one hint request for the current student."""
    path = lesson_file(lesson)
    data = load_lesson(lesson)
    data["student"] = {"name": student_name(), "id": student_id(student_name())}
    data["lesson"] = lesson
    entry = data["answers"].setdefault(qid, {"attempts": 0, "hints": 0})
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    if feedback is not None:
        add_attempt(entry, summarise(answer), feedback.to_record(), now)
    if hint_used is not None:
        entry["hints"] = max(entry.get("hints", 0), hint_used)
    entry["updated"] = now
    _atomic_write(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))
    return path


def add_attempt(entry: dict, answer, result: dict, at: str) -> None:
    """One more attempt: the latest fields at the top level (as before), every attempt in ``history``,
    and the first one in ``first`` (what the marks and the misconception report use by default)."""
    brief = {"status": result.get("status"), "score": result.get("score"),
             "misconception": result.get("misconception", "")}
    history = entry.get("history")
    if not isinstance(history, list):  # an entry from an older kit: its last answer was its only record
        history = []
        if entry.get("attempts") and "status" in entry:
            history.append({"status": entry.get("status"), "score": entry.get("score"),
                            "misconception": entry.get("misconception", ""), "at": entry.get("updated"),
                            "answer": entry.get("answer")})
    if not isinstance(entry.get("first"), dict):
        entry["first"] = dict(history[0]) if history else dict(brief)
        entry["first"].pop("at", None)
        entry["first"].pop("answer", None)
    history.append({**brief, "at": at, "answer": _brief_answer(answer)})
    entry["history"] = history[:1] + history[1:][-(MAX_HISTORY - 1):]
    entry["attempts"] = int(entry.get("attempts") or 0) + 1
    entry["answer"] = answer
    entry.update(result)


def _brief_answer(answer):
    """An answer as the history keeps it: tables without their first rows, long text shortened."""
    if isinstance(answer, dict) and isinstance(answer.get("table"), dict):
        return {"table": {k: v for k, v in answer["table"].items() if k != "head"}}
    if isinstance(answer, str) and len(answer) > HISTORY_TEXT_CHARS:
        return answer[:HISTORY_TEXT_CHARS] + "…"
    return answer


def hints_used(qid: str, lesson: int) -> int:
    return load_lesson(lesson).get("answers", {}).get(qid, {}).get("hints", 0)


def export(target: str | os.PathLike | None = None) -> Path:
    """Write one submission file with every lesson's answers, to hand in."""
    name = student_name()
    lessons = {}
    numbers = {int(p.stem[6:]) for folder in (student_folder(), responses_dir() / safe_name(name))
               for p in folder.glob("lesson*.json") if p.stem[6:].isdigit()}
    for number in sorted(numbers):
        lessons[f"lesson{number}"] = load_lesson(number).get("answers", {})
    stamp = dt.datetime.now(dt.timezone.utc)
    submission = {"format": SUBMISSION_FORMAT, "version": SUBMISSION_VERSION,
                  "student": {"name": name, "id": student_id(name)},
                  "hub_user": os.environ.get("JUPYTERHUB_USER") or None, "os_user": _os_user(),
                  "created": stamp.isoformat(timespec="seconds"),
                  "answers": {qid: entry for answers in lessons.values() for qid, entry in answers.items()}}
    folder_out = Path(os.environ.get("KIT_SUBMISSIONS_DIR") or Path.cwd())
    out = Path(target) if target else folder_out / f"submission_{student_id(name)}.json"
    _atomic_write(out, json.dumps(submission, ensure_ascii=False, indent=1, sort_keys=True))
    return out
