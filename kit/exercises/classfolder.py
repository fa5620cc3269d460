"""Where a class hands in its work: the class folder, and writing one student's submission into it.

The class folder is set by ``KIT_CLASS_DIR``, or by a file ``kit-class.json`` (``{"class_dir": "..."}``,
a relative path counts from that file's folder) in the notebook's folder or a parent folder.
Students write only into ``<class>/submissions/``. In a drop box (the sticky bit set, as class-folder.sh
makes it for a hub or a shared server with real accounts), one file each, ``<login>-<random>.json``:

* under a name no classmate can guess (the login and 16 random hex digits, kept in the student's own
  ``kit-responses/class-submission.json``), created with O_EXCL: a file a classmate made first can
  never stand in the way; a name that is taken is given up and another one drawn;
* replaced atomically (a new file beside it, then a rename), mode 0640: the drop box's group (the
  teachers', set by class-folder.sh) reads it, classmates do not;
* never through a link: the folder is opened once and every step works inside it, and a link
  planted under the student's file name is refused, not followed;
* never over another student's file: a file of that name owned by another OS user is refused.

Who handed a file in is decided by the teacher's side from the file's owner, not from what it says
(kit.classroom.submissions); the name inside is only shown.

In a folder without the sticky bit (a shared drive without accounts, a laptop) the file is
``<student_id>.json`` as before, mode 0644, and refused if that name holds another student's work: there
the kit cannot tell who wrote a file, so it does not pretend to (README, "What the set-up guarantees").
"""
from __future__ import annotations

import errno
import json
import os
import re
import secrets
import stat
from pathlib import Path

from .identity import display_name, student_id  # noqa: F401  (kept importable from here)

CONFIG = "kit-class.json"
SUBMISSIONS = "submissions"
MAX_CONFIG_BYTES = 10_000


class ClassFolderError(Exception):
    """The class folder, its config file or a submission file there is not usable; the message says why."""


def _config_dir(config: Path) -> Path:
    try:
        if config.stat().st_size > MAX_CONFIG_BYTES:
            raise ClassFolderError(f"{config} is too large to be a class folder setting")
        data = json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as err:
        raise ClassFolderError(f"{config} could not be read ({type(err).__name__}); it should hold "
                               '{"class_dir": "the class folder"}') from None
    folder = data.get("class_dir") if isinstance(data, dict) else None
    if not isinstance(folder, str) or not folder.strip():
        raise ClassFolderError(f'{config} has no "class_dir"; it should hold {{"class_dir": "the class folder"}}')
    path = Path(os.path.expandvars(os.path.expanduser(folder.strip())))
    return path if path.is_absolute() else config.parent / path


def class_dir(start: str | os.PathLike | None = None) -> Path | None:
    """The class folder set for this notebook, or None when there is none."""
    env = os.environ.get("KIT_CLASS_DIR", "").strip()
    if env:
        return Path(env)
    here = Path(start) if start is not None else Path.cwd()
    try:
        here = here.resolve()
    except OSError:
        return None
    for folder in (here, *here.parents):
        config = folder / CONFIG
        try:
            if config.is_file():
                return _config_dir(config)
        except OSError:
            continue
    return None


def _open_dir(path: Path, *, create: bool, dir_mode: int = 0o777) -> int:
    if create:
        try:
            path.mkdir(mode=dir_mode, parents=False, exist_ok=True)
        except FileNotFoundError:
            raise ClassFolderError(f"the class folder {path.parent} does not exist; ask your teacher") from None
        except OSError as err:
            raise ClassFolderError(f"cannot make the folder {path} ({err.strerror})") from None
    try:
        # O_PATH: a drop box (mode 1733) lets students write into it but not list it, so not open it to read
        return os.open(path, getattr(os, "O_PATH", os.O_RDONLY) | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError as err:
        raise ClassFolderError(f"cannot open the folder {path} ({err.strerror or err}); "
                               "it must be a real folder, not a link") from None


def _check_own(dir_fd: int, name: str, folder: Path) -> None:
    """Refuse to replace anything but a regular file of this OS user's own."""
    try:
        st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(st.st_mode):
        raise ClassFolderError(f"{folder / name} is not a regular file (a link?): it was not written")
    if st.st_uid != os.geteuid():
        raise ClassFolderError(f"{folder / name} belongs to another user of this computer: it was not replaced")


def _check_existing(dir_fd: int, name: str, sid: str, folder: Path) -> None:
    """Refuse to replace a file that is not this student's own earlier submission."""
    try:
        st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return
    where = folder / name
    if stat.S_ISLNK(st.st_mode):
        raise ClassFolderError(f"{where} is a link, not a file: it was not written. Tell your teacher.")
    if not stat.S_ISREG(st.st_mode):
        raise ClassFolderError(f"{where} is not a regular file: it was not written. Tell your teacher.")
    if st.st_uid != os.geteuid():
        raise ClassFolderError(f"{where} belongs to another user of this computer: it was not replaced. "
                               "Check the name you signed in with, or tell your teacher.")
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=dir_fd)
        with os.fdopen(fd, "rb") as fh:
            data = json.loads(fh.read(2_000_001).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        data = None
    claimed = None
    if isinstance(data, dict) and data.get("format") == "kit-submission":
        student = data.get("student")
        claimed = student.get("id") if isinstance(student, dict) else (
            student_id(student) if isinstance(student, str) else None)
    if claimed is None:
        raise ClassFolderError(f"{where} is there but is not a kit submission: it was not replaced. "
                               "Tell your teacher.")
    if claimed != sid:
        raise ClassFolderError(f"{where} holds the work of another student ({claimed!r}): it was not "
                               "replaced. Check the name you signed in with, or tell your teacher.")


def write_file(folder: Path, name: str, text: str, *, create: bool = True, sid: str | None = None,
               mode: int = 0o644, durable: bool = True, own_only: bool = False) -> Path:
    """Write ``folder/name`` atomically (mode 0644 unless told), never through a link.

    With ``sid``, an existing file of that name must be this student's own earlier submission.
    ``durable=False`` skips the fsync, for files made again from the gradebook at any time.
    """
    return write_files(folder, {name: text}, create=create, sid=sid, mode=mode, durable=durable,
                       own_only=own_only)[0]


def write_files(folder: Path, texts: dict[str, str], *, create: bool = True, sid: str | None = None,
                mode: int = 0o644, durable: bool = True, own_only: bool = False) -> list[Path]:
    """Several files in one folder, each as ``write_file`` writes it; the folder is opened once.

    ``own_only``: an existing file of that name must be a regular file of this OS user's own."""
    for name in texts:
        if "/" in name or name in ("", ".", "..") or "\0" in name:
            raise ClassFolderError(f"not a file name: {name!r}")
    folder = Path(folder)
    dir_fd = _open_dir(folder, create=create, dir_mode=0o777 if mode & 0o044 else 0o700)
    try:
        for name, text in texts.items():
            if own_only:
                _check_own(dir_fd, name, folder)
            elif sid is not None:
                _check_existing(dir_fd, name, sid, folder)
            else:
                try:
                    if stat.S_ISLNK(os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode):
                        raise ClassFolderError(f"{folder / name} is a link, not a file: it was not written.")
                except FileNotFoundError:
                    pass
            _write_in(dir_fd, name, text, mode, durable)
    finally:
        os.close(dir_fd)
    return [folder / name for name in texts]


def _write_in(dir_fd: int, name: str, text: str, mode: int, durable: bool) -> None:
    tmp = f".{name}.{secrets.token_hex(6)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode, dir_fd=dir_fd)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)
            fh.write(text.encode("utf-8"))
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        try:
            os.unlink(tmp, dir_fd=dir_fd)
        except OSError:
            pass
        raise


SUBMISSION_MODE = 0o640
RECORD = "class-submission.json"
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,40}-[0-9a-f]{16}\.json$")


def _record_path() -> Path:
    """Where the student's own file name in the drop box is kept: their private responses folder."""
    return Path(os.environ.get("KIT_RESPONSES_DIR") or Path.home() / "kit-responses") / RECORD


_SESSION_NAMES: dict[str, str] = {}  # also kept in memory, for a home where the record cannot be written


def _recorded_name(folder: Path) -> str | None:
    if str(folder) in _SESSION_NAMES:
        return _SESSION_NAMES[str(folder)]
    try:
        data = json.loads(_record_path().read_text(encoding="utf-8"))
        name = data.get(str(folder)) if isinstance(data, dict) else None
    except (OSError, ValueError, RecursionError):
        return None
    return name if isinstance(name, str) and _NAME.match(name) else None


def _record_name(folder: Path, name: str) -> None:
    _SESSION_NAMES[str(folder)] = name
    path = _record_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        data = data if isinstance(data, dict) else {}
    except (OSError, ValueError, RecursionError):
        data = {}
    data[str(folder)] = name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path.parent, path.name, json.dumps(data, indent=1), create=False, mode=0o600)
    except (OSError, ClassFolderError):
        pass  # the next hand-in draws a new name; the teacher's collect keeps the newest file per owner


def _is_drop_box(folder: Path) -> bool:
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and bool(st.st_mode & stat.S_ISVTX)


def _why(err: Exception) -> str:
    if isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the class folder's disk is full (no space left)."
    if isinstance(err, OSError):
        return f"{err.strerror or type(err).__name__}."
    return str(err)


def _login() -> str:
    try:
        import pwd
        login = pwd.getpwuid(os.geteuid()).pw_name
    except (KeyError, ImportError):  # a uid without an account name (a container)
        login = str(os.geteuid())
    return re.sub(r"[^a-z0-9._-]+", "-", login.lower()).strip("-._")[:40] or "student"


def _new_name() -> str:
    return f"{_login()}-{secrets.token_hex(8)}.json"


# The last time a hand-in did not reach the class folder, why (None when the last one did). A check
# refreshes the class copy without raising; this lets the check's feedback say so in plain words.
last_problem: str | None = None


def write_submission(class_folder: Path, sid: str, text: str) -> Path:
    """The student's own file in ``<class>/submissions/``, under a name no classmate can guess.

    A name already taken by someone else (or anything there that is not the student's own file) is
    given up for a new one; after several tries the student is told their work did not arrive.
    ``sid`` is kept for the caller's sake; the file name does not depend on it.
    """
    global last_problem
    if not class_folder.is_dir():
        last_problem = (f"Your work did NOT reach the class folder: {class_folder} does not exist (or is not "
                        "reachable). Your answers are saved in your own folder; tell your teacher.")
        raise ClassFolderError(last_problem)
    folder = class_folder / SUBMISSIONS
    if not _is_drop_box(folder):
        # A folder without the drop box's sticky bit (a shared drive, a laptop): today's behaviour, one
        # file per typed name, <student id>.json; the README says what this cannot guarantee.
        try:
            path = write_file(folder, f"{sid}.json", text, sid=sid)
        except (ClassFolderError, OSError) as err:
            last_problem = f"Your work did NOT reach the class folder: {_why(err)} Your answers are saved in " \
                           "your own folder; tell your teacher."
            raise ClassFolderError(last_problem) from None
        last_problem = None
        return path
    name = _recorded_name(class_folder)
    why = ""
    for _ in range(5):
        name = name or _new_name()
        try:
            path = write_file(folder, name, text, mode=SUBMISSION_MODE, own_only=True)
        except ClassFolderError as err:
            if "cannot make" in str(err) or "cannot open" in str(err) or "does not exist" in str(err):
                why = str(err)
                break
            why, name = str(err), None  # taken or not ours: draw another name
            _SESSION_NAMES.pop(str(class_folder), None)
            continue
        except OSError as err:
            why = f"{err.strerror or type(err).__name__}"
            if err.errno in (errno.EPERM, errno.EACCES, errno.EEXIST):
                name = None  # the name was taken between the check and the rename: draw another
                _SESSION_NAMES.pop(str(class_folder), None)
                continue
            if err.errno in (errno.ENOSPC, errno.EDQUOT):
                why = "the class folder's disk is full (no space left)"
            break
        _record_name(class_folder, name)
        last_problem = None
        return path
    last_problem = (f"Your work did NOT reach the class folder ({why}). Your answers are saved in your own "
                    "folder; tell your teacher.")
    raise ClassFolderError(last_problem)
