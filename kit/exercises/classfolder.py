"""Where a class hands in its work: the class folder, and writing one student's submission into it.

The class folder is set by ``KIT_CLASS_DIR``, or by a file ``kit-class.json`` (``{"class_dir": "..."}``,
a relative path counts from that file's folder) in the notebook's folder or a parent folder.
Students write only into ``<class>/submissions/``, one file each, ``<student_id>.json``:

* replaced atomically (a new file beside it, then a rename), mode 0644 so the teacher can read it;
* never through a link: the folder is opened once and every step works inside it, and a link
  planted under the student's file name is refused, not followed;
* never over another student's file: a file of that name owned by another OS user, or claiming
  another student id, or that is not a kit submission, is refused with words that say why.
"""
from __future__ import annotations

import json
import os
import secrets
import stat
import unicodedata
from pathlib import Path

CONFIG = "kit-class.json"
SUBMISSIONS = "submissions"
MAX_CONFIG_BYTES = 10_000


class ClassFolderError(Exception):
    """The class folder, its config file or a submission file there is not usable; the message says why."""


# Identity comes from issue 10's kit.exercises.identity; these stand-ins follow the contract
# (slug-hash6, display_name) until it is merged.
try:  # pragma: no cover - depends on the merge order
    from .identity import display_name, student_id
except ImportError:  # pragma: no cover
    import hashlib
    import re

    def student_id(name: str) -> str:
        norm = unicodedata.normalize("NFC", str(name)).strip().casefold()
        digest = hashlib.sha256(norm.encode("utf-8", "surrogatepass")).hexdigest()[:6]
        try:
            from anyascii import anyascii
            ascii_name = anyascii(str(name))
        except ImportError:
            ascii_name = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-") or "student"
        return f"{slug}-{digest}"

    def display_name(name: str) -> tuple[str, bool]:
        text = str(name)
        clean = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp"))
        return clean, clean != text


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
               mode: int = 0o644, durable: bool = True) -> Path:
    """Write ``folder/name`` atomically (mode 0644 unless told), never through a link.

    With ``sid``, an existing file of that name must be this student's own earlier submission.
    ``durable=False`` skips the fsync, for files made again from the gradebook at any time.
    """
    return write_files(folder, {name: text}, create=create, sid=sid, mode=mode, durable=durable)[0]


def write_files(folder: Path, texts: dict[str, str], *, create: bool = True, sid: str | None = None,
                mode: int = 0o644, durable: bool = True) -> list[Path]:
    """Several files in one folder, each as ``write_file`` writes it; the folder is opened once."""
    for name in texts:
        if "/" in name or name in ("", ".", "..") or "\0" in name:
            raise ClassFolderError(f"not a file name: {name!r}")
    folder = Path(folder)
    dir_fd = _open_dir(folder, create=create, dir_mode=0o777 if mode & 0o044 else 0o700)
    try:
        for name, text in texts.items():
            if sid is not None:
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


def write_submission(class_folder: Path, sid: str, text: str) -> Path:
    """The student's own ``<class>/submissions/<sid>.json``; refused if it would touch another's."""
    if not class_folder.is_dir():
        raise ClassFolderError(f"the class folder {class_folder} does not exist (or is not reachable); "
                               "ask your teacher")
    return write_file(class_folder / SUBMISSIONS, f"{sid}.json", text, sid=sid)
