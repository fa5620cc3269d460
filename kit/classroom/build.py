"""Teacher notebooks -> student/ (solutions out) and key/ (answer key). Deterministic output.

Markers, as nbgrader users know them:
* code: lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` become ``name = ...`` for each
  name the solution assigns (so ``check`` then says "not answered yet"), or disappear;
* Markdown: text between ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->`` becomes
  "*Your answer here*";
* cells tagged ``instructor`` are left out of the student version;
* notebooks whose metadata says ``kit.audience = "teachers"`` (the guide, the projector page) go to
  key/ only.
Exercises are found by the question id in each cell's metadata (``kit.qid``), never by position.
"""
from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

CODE_SOLUTION = re.compile(r"^[ \t]*### BEGIN SOLUTION[ \t]*\n(.*?)^[ \t]*### END SOLUTION[ \t]*(?:\n|$)", re.S | re.M)
MD_SOLUTION = re.compile(r"<!-- BEGIN SOLUTION -->(.*?)<!-- END SOLUTION -->", re.S)
INSTRUCTOR_TAG = "instructor"
PLACEHOLDER_MD = "*Your answer here*"


def _assigned_names(code: str) -> list[str]:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    names: list[str] = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, (ast.AnnAssign, ast.AugAssign)) else []
        for t in targets:
            if isinstance(t, ast.Name) and t.id not in names:
                names.append(t.id)
    return names


def student_code(source: str) -> str:
    def placeholder(match: re.Match) -> str:
        names = _assigned_names(match.group(1))
        return "".join(f"{n} = ...  # your answer here\n" for n in names)
    return CODE_SOLUTION.sub(placeholder, source).rstrip("\n")


def student_markdown(source: str) -> str:
    return MD_SOLUTION.sub(PLACEHOLDER_MD, source)


def solutions_in(source: str) -> list[str]:
    return [m.group(1).strip() for m in CODE_SOLUTION.finditer(source)] + \
           [m.group(1).strip() for m in MD_SOLUTION.finditer(source)]


def to_student(nb):
    """A student copy of a teacher notebook (a new object; the original is untouched)."""
    import copy
    out = copy.deepcopy(nb)
    cells = []
    for cell in out.cells:
        if INSTRUCTOR_TAG in cell.metadata.get("tags", []):
            continue
        if cell.cell_type == "code":
            new = student_code(cell.source)
            if new != cell.source:
                if not new.strip():
                    continue  # a cell that held only the solution
                cell.source, cell.outputs, cell.execution_count = new, [], None
        elif cell.cell_type == "markdown":
            cell.source = student_markdown(cell.source)
        cells.append(cell)
    out.cells = cells
    out.metadata.setdefault("kit", {})["version"] = "student"
    return out


def is_for_teachers(nb) -> bool:
    return nb.metadata.get("kit", {}).get("audience") == "teachers"


def build(source: str | Path = "notebooks", student: str | Path = "student", key: str | Path = "key") -> dict:
    import nbformat

    from .answer_key import answer_key_markdown
    source, student, key = Path(source), Path(student), Path(key)
    for folder in (student, key):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    written = {"student": [], "key": []}
    teacher_nbs = {}
    for path in sorted(source.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        teacher_nbs[path.name] = nb
        nbformat.write(nb, key / path.name)
        written["key"].append(key / path.name)
        if not is_for_teachers(nb):
            nbformat.write(to_student(nb), student / path.name)
            written["student"].append(student / path.name)
    (key / "answer_key.md").write_text(answer_key_markdown(teacher_nbs), encoding="utf-8")
    written["key"].append(key / "answer_key.md")
    return written
