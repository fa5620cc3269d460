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

FORMAT = "kit-responses"
SUBMISSION_FORMAT = "kit-submission"
VERSION = 1
MAX_ANSWER_CHARS = 4000


def responses_dir() -> Path:
    return Path(os.environ.get("KIT_RESPONSES_DIR") or Path.home() / "kit-responses")


def _name_file() -> Path:
    return responses_dir() / "student-name.txt"


def safe_name(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "_", str(name).strip())[:60].strip("._")
    return cleaned or "student"


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


def lesson_file(lesson: int, student: str | None = None) -> Path:
    return responses_dir() / safe_name(student or student_name()) / f"lesson{int(lesson)}.json"


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
    data = load(path)
    data["student"] = student_name()
    data["lesson"] = lesson
    entry = data["answers"].setdefault(qid, {"attempts": 0, "hints": 0})
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    if feedback is not None:
        entry["attempts"] += 1
        entry["answer"] = summarise(answer)
        entry.update(feedback.to_record())
    if hint_used is not None:
        entry["hints"] = max(entry.get("hints", 0), hint_used)
    entry["updated"] = now
    _atomic_write(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))
    refresh_class_copy()
    return path


def hints_used(qid: str, lesson: int) -> int:
    return load(lesson_file(lesson)).get("answers", {}).get(qid, {}).get("hints", 0)


def export(target: str | os.PathLike | None = None) -> Path:
    """Write one submission file with every lesson's answers (format 2, see the contract).

    With a class folder set (``KIT_CLASS_DIR`` or ``kit-class.json``) it goes to
    ``<class>/submissions/<student_id>.json``, else next to the notebook (or ``KIT_SUBMISSIONS_DIR``).
    """
    from . import classfolder
    name = student_name()
    sid = classfolder.student_id(name)
    lessons = {}
    for path in sorted(lesson_file(0).parent.glob("lesson*.json")):
        lessons[path.stem] = load(path).get("answers", {})
    stamp = dt.datetime.now(dt.timezone.utc)
    submission = {"format": SUBMISSION_FORMAT, "version": 2, "student": {"name": name, "id": sid},
                  "hub_user": os.environ.get("JUPYTERHUB_USER") or None, "os_user": _os_user(),
                  "created": stamp.isoformat(timespec="seconds"),
                  "answers": {qid: entry for answers in lessons.values() for qid, entry in answers.items()}}
    text = json.dumps(_finite(submission), ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False)
    folder = classfolder.class_dir() if target is None else None
    if folder is not None:
        return classfolder.write_submission(folder, sid, text)
    folder_out = Path(os.environ.get("KIT_SUBMISSIONS_DIR") or Path.cwd())
    out = Path(target) if target else folder_out / f"submission_{safe_name(name)}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    return classfolder.write_file(out.parent, out.name, text, create=False)


def _finite(value):
    """The submission with NaN and infinities (pandas' missing values in a table summary) as null."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def _os_user() -> str | None:
    try:
        return getpass.getuser()
    except Exception:  # no user name on some containers
        return None


def refresh_class_copy() -> None:
    """While a class folder is set, each check refreshes the student's submission there (never raises)."""
    try:
        from .classfolder import class_dir
        if class_dir() is not None:
            export()
    except Exception:  # the check itself was saved; the next check or export() tries again and says why
        pass
