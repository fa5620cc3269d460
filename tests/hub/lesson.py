"""What a student types in a lesson: the student notebook's cells, with their answers filled in.

The answers are the teacher version's solution cells (the code a student who gets it right would write);
a student may first try a wrong choice. Everything else is the student notebook, cell by cell.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata


def _qid(cell) -> str | None:
    return cell.metadata.get("kit", {}).get("qid")


def answers(teacher_nb) -> dict[str, list[str]]:
    from kit.classroom.build import solutions_in
    out: dict[str, list[str]] = {}
    for cell in teacher_nb.cells:
        if cell.cell_type == "code" and solutions_in(cell.source) and _qid(cell):
            out.setdefault(_qid(cell), []).append(cell.source)
    return out


def steps(student_nb, teacher_nb, name: str, wrong_first: dict[str, str] | None = None) -> list[str]:
    """The code cells a student runs, in order: the notebook's own, with answers typed in."""
    typed = answers(teacher_nb)
    cells = [c for c in student_nb.cells if c.cell_type == "code"]
    out, done = [], set()
    for i, cell in enumerate(cells):
        qid, src = _qid(cell), cell.source
        if "sign_in()" in src:
            src = src.replace("sign_in()", f"sign_in({name!r})")  # the name typed into the sign-in box
        if not (qid in typed and "# your answer here" in src):
            out.append(src)  # a placeholder cell is replaced by the answer below
        following = _qid(cells[i + 1]) if i + 1 < len(cells) else None
        if qid in typed and following != qid and qid not in done:
            if wrong_first and qid in wrong_first:
                out.append(f"from kit.exercises import check\ncheck({qid!r}, {wrong_first[qid]!r})")
            out.extend(typed[qid])
            done.add(qid)
    return out


def contract_student_id(name: str) -> str:
    """The student id of contract.md (``<slug>-<hash6>``), for checking where a submission must land."""
    try:
        from kit.exercises.identity import student_id
        return student_id(name)
    except ImportError:
        pass
    norm = unicodedata.normalize("NFC", str(name)).strip().casefold()
    digest = hashlib.sha256(norm.encode("utf-8")).hexdigest()[:6]
    try:
        from anyascii import anyascii
        ascii_name = anyascii(str(name))
    except ImportError:  # before issue 10's identity lands: the same stand-in as kit.exercises.classfolder
        ascii_name = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-") or "student"
    return f"{slug}-{digest}"
