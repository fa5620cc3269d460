"""Teacher notebooks -> student/ (solutions out) and key/ (answer key). Deterministic output.

Markers, as nbgrader users know them:
* code: lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` become ``name = ...`` for each
  name the solution assigns (so ``check`` then says "not answered yet"), else ``# your code here``
  (``...  # your code here`` inside a function or loop, so its body stays valid); a cell that is only
  the teacher's own ``check(...)`` of a button or text-box exercise is left out;
* Markdown: text between ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->`` becomes
  "*Your answer here*";
* code: lines between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS`` (nbgrader's hidden tests)
  are removed with their markers;
* cells with a tag that reads as instructor-only, in any case or spelling (``instructor``,
  ``INSTRUCTOR``, `` Instructor``, ``instructor-only``, ``instructor_notes``, ``teacher-only``, ...) are
  left out of the student version; a tag that is a near miss of one (``instrutor``) stops the build;
* attachments a removed Markdown part used are dropped, and so is any metadata the kit does not know
  (cell and notebook): only Jupyter's display keys, ``tags`` and the kit's own (minus any key that reads
  as an answer, a solution or a key) are kept;
* notebooks whose metadata says ``kit.audience = "teachers"`` (the guide, the projector page) go to
  key/ only.
Exercises are found by the question id in each cell's metadata (``kit.qid``), never by position.

The build refuses (BuildError: notebook, cell and line) any marker it cannot trust: BEGIN without END,
END without BEGIN, a near miss (``###BEGIN SOLUTION``, lower case, a non-breaking space), a marker in
the wrong kind of cell, a Markdown marker split across lines, markers that overlap. Line ends may be
``\n`` or ``\r\n``. Student notebooks keep no stored output.
"""
from __future__ import annotations

import ast
import re
import shutil
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path

CODE_BEGIN, CODE_END = "### BEGIN SOLUTION", "### END SOLUTION"
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
MD_BEGIN, MD_END = "<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->"
INSTRUCTOR_TAG = "instructor"
REFERENCE_TAG = "nbval-check-output"
PLACEHOLDER_MD = "*Your answer here*"
# Anything that looks like a marker, once case, spacing, non-breaking and zero-width characters, and
# the comment signs are ignored: "###BEGIN SOLUTION", "### begin solution", "<!--END SOLUTION-->", ...
_LOOKS_LIKE = re.compile(r"\b(begin|end)[\s_\-]*(hidden[\s_\-]*)?(solution|tests?\b)", re.I)
_EXACT_MD = re.compile(re.escape(MD_BEGIN) + "|" + re.escape(MD_END))
_HTML_COMMENT = re.compile(r"<!--(.*?)(?:-->|$)", re.S)


class BuildError(Exception):
    """A solution marker the build cannot trust: says which notebook, cell (from 1) and line (from 1)."""

    def __init__(self, problem: str, file: str = "", cell: int | None = None, line: int | None = None):
        self.problem, self.file, self.cell, self.line = problem, file, cell, line
        where = ", ".join(x for x in (file, f"cell {cell}" if cell else "", f"line {line}" if line else "") if x)
        super().__init__(f"{where}: {problem}" if where else problem)


def _normalised(line: str) -> str:
    """A line as a reader sees it: compatibility forms folded, invisible characters dropped, spaces one."""
    text = unicodedata.normalize("NFKC", line)
    text = "".join(" " if ch.isspace() else ch for ch in text if unicodedata.category(ch) != "Cf")
    return text


def _lines(source: str) -> list[str]:
    """Lines with their ends kept ("\n" or "\r\n"), so the cell is rebuilt byte for byte."""
    return source.splitlines(keepends=True) if "\n" in source or "\r" in source else [source]


def _near_miss(text: str, fuzzy: bool) -> bool:
    """True if ``text`` looks like a marker: the words in any case or spacing, or (``fuzzy``, for a
    comment) letters close to "begin solution" / "end solution" (a typo, a look-alike letter)."""
    norm = _normalised(text)
    if _LOOKS_LIKE.search(norm):
        return True
    if not fuzzy:
        return False
    import difflib
    letters = "".join(ch for ch in norm.casefold() if ch.isalpha())
    return 8 <= len(letters) <= 24 and any(
        difflib.SequenceMatcher(None, letters, word).ratio() >= 0.8
        for word in ("beginsolution", "endsolution", "beginhiddentests", "endhiddentests"))


@dataclass
class _Marker:
    kind: str   # "begin" or "end" (a solution), "hbegin" or "hend" (nbgrader's hidden tests)
    line: int   # index in the cell's lines
    start: int  # for Markdown: position in the cell's text
    end: int


def _code_markers(lines: list[str], where) -> list[_Marker]:
    found = []
    for i, line in enumerate(lines):
        bare = line.rstrip("\r\n").strip(" \t")
        if bare in (CODE_BEGIN, CODE_END):
            found.append(_Marker("begin" if bare == CODE_BEGIN else "end", i, 0, 0))
        elif bare in (HIDDEN_BEGIN, HIDDEN_END):
            found.append(_Marker("hbegin" if bare == HIDDEN_BEGIN else "hend", i, 0, 0))
        elif _near_miss(line, fuzzy=line.lstrip().startswith("#")) or any(
                _near_miss(c, True) for c in _HTML_COMMENT.findall(line)):
            hint = (" (a Markdown marker in a code cell: use '### BEGIN SOLUTION' here)"
                    if "<!--" in line else "")
            raise where(f"this looks like a solution marker but is not exactly '{CODE_BEGIN}', "
                        f"'{CODE_END}', '{HIDDEN_BEGIN}' or '{HIDDEN_END}' on a line of its own{hint}: "
                        f"{line.strip()!r}", i)
    return found


def _md_markers(source: str, where) -> list[_Marker]:
    found, offset = [], 0
    for i, line in enumerate(_lines(source)):
        exact = list(_EXACT_MD.finditer(line))
        for m in exact:
            found.append(_Marker("begin" if m.group(0) == MD_BEGIN else "end", i, offset + m.start(),
                                 offset + m.end()))
        rest = _EXACT_MD.sub(" ", line)
        if _near_miss(rest, fuzzy=False) or any(_near_miss(c, True) for c in _HTML_COMMENT.findall(rest)):
            hint = " (a code marker in a Markdown cell)" if "#" in rest else ""
            raise where(f"this looks like a solution marker but is not exactly '{MD_BEGIN}' or "
                        f"'{MD_END}'{hint}: {line.strip()!r}", i)
        offset += len(line)
    # A marker split across lines ("<!-- BEGIN\nSOLUTION -->") is neither exact nor seen line by line:
    # look at every comment, and at the whole text, with line breaks read as spaces.
    rest = _EXACT_MD.sub(" ", source)
    for m in _HTML_COMMENT.finditer(rest):
        if "\n" in m.group(0) and _near_miss(" ".join(m.group(1).split()), True):
            line = rest[:m.start()].count("\n")
            raise where("a solution marker split across lines: write it on one line, exactly "
                        f"'{MD_BEGIN}' or '{MD_END}': {' '.join(m.group(0).split())[:80]!r}", line)
    whole = _LOOKS_LIKE.search(" ".join(_normalised(rest).split()))
    if whole:
        raise where(f"this looks like a solution marker split across lines: {whole.group(0)!r}", 0)
    return found


def _paired(markers: list[_Marker], where, kinds=("begin", "end")) -> list[tuple[_Marker, _Marker]]:
    markers = [m for m in markers if m.kind in kinds]
    pairs, open_ = [], None
    for m in markers:
        if m.kind == kinds[0]:
            if open_ is not None:
                raise where("BEGIN SOLUTION again before the END SOLUTION of the one on line "
                            f"{open_.line + 1}", m.line)
            open_ = m
        else:
            if open_ is None:
                raise where("END SOLUTION without a BEGIN SOLUTION before it", m.line)
            pairs.append((open_, m))
            open_ = None
    if open_ is not None:
        raise where("BEGIN SOLUTION without an END SOLUTION after it (the solution would reach students)",
                    open_.line)
    return pairs


def _assigned_names(code: str) -> list[str]:
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError:
        return []
    names: list[str] = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, (ast.AnnAssign, ast.AugAssign)) else []
        for t in targets:
            for n in ast.walk(t):  # a, b = ... and (a, b) = ... assign both
                if isinstance(n, ast.Name) and n.id not in names:
                    names.append(n.id)
    return names


def _placeholder(solution: list[str], marker_line: str) -> list[str]:
    """What replaces a solution: ``name = ...`` for each name it assigned, else a comment; inside an
    indented block (a function body, a loop) ``...`` keeps the block valid."""
    end = "\r\n" if marker_line.endswith("\r\n") else "\n"
    body = [s for s in solution if s.strip()]
    first = body[0] if body else marker_line
    indent = first[: len(first) - len(first.lstrip(" \t"))]
    names = _assigned_names("".join(solution))
    if names:
        return [f"{indent}{n} = ...  # your answer here{end}" for n in names]
    if indent:
        return [f"{indent}...  # your code here{end}"]
    return [f"# your code here{end}"]


def _compiles(source: str) -> bool:
    try:
        ast.parse(source)
        return True
    except (SyntaxError, ValueError):
        return False


def _hidden_pairs(markers: list[_Marker], where) -> list[tuple[_Marker, _Marker]]:
    try:
        return _paired(markers, where, ("hbegin", "hend"))
    except BuildError as err:  # the same words, for the hidden tests' markers
        raise BuildError(err.problem.replace("SOLUTION", "HIDDEN TESTS"), err.file, err.cell, err.line) from None


def _no_overlap(pairs: list[tuple[_Marker, _Marker]], where) -> list[tuple[_Marker, _Marker]]:
    pairs = sorted(pairs, key=lambda p: p[0].line)
    for (_, end), (begin, _) in zip(pairs, pairs[1:]):
        if begin.line < end.line:
            raise where("a SOLUTION and a HIDDEN TESTS block overlap or nest: close one before the other begins",
                        begin.line)
    return pairs


def student_code(source: str, where=None) -> str:
    """A code cell's source with each solution replaced by its placeholder and nbgrader's hidden tests
    removed. Refuses unsure markers."""
    where = where or _raiser("")
    lines = _lines(source)
    markers = _code_markers(lines, where)
    pairs = _paired(markers, where)
    hidden = _hidden_pairs(markers, where)
    out, i = [], 0
    for begin, end in _no_overlap(pairs + hidden, where):
        out += lines[i:begin.line]
        if begin.kind == "begin":
            out += _placeholder(lines[begin.line + 1:end.line], lines[begin.line])
        i = end.line + 1
    out += lines[i:]
    new = "".join(out).rstrip("\r\n")
    if (pairs or hidden) and _compiles(source) and not _compiles(new):
        raise where("the student version of this cell would not run: check the markers' indentation", 0)
    return new


def student_markdown(source: str, where=None) -> str:
    where = where or _raiser("")
    for i, line in enumerate(_lines(source)):
        if line.strip() in (HIDDEN_BEGIN, HIDDEN_END):
            raise where("a HIDDEN TESTS marker in a Markdown cell: hidden tests belong in code cells", i)
    pairs = _paired(_md_markers(source, where), where)
    out, i = [], 0
    for begin, end in pairs:
        out.append(source[i:begin.start] + PLACEHOLDER_MD)
        i = end.end
    return "".join(out) + source[i:]


def _raiser(file: str, cell: int | None = None):
    def where(problem: str, line: int) -> BuildError:
        return BuildError(problem, file, cell, line + 1)
    return where


def solutions_in(source: str) -> list[str]:
    """The text of every solution in a cell (for the answer key and the leak tests)."""
    found = []
    try:
        lines = _lines(source)
        for begin, end in _paired(_code_markers(lines, _raiser("")), _raiser("")):
            found.append("".join(lines[begin.line + 1:end.line]).strip())
    except BuildError:
        pass
    try:
        for begin, end in _paired(_md_markers(source, _raiser("")), _raiser("")):
            found.append(source[begin.end:end.start].strip())
    except BuildError:
        pass
    return found


def hidden_tests_in(source: str) -> list[str]:
    """The text of every hidden-tests block in a code cell (for the leak tests)."""
    try:
        lines = _lines(source)
        return ["".join(lines[b.line + 1:e.line]).strip()
                for b, e in _hidden_pairs(_code_markers(lines, _raiser("")), _raiser(""))]
    except BuildError:
        return []


# -- tags and metadata ---------------------------------------------------------------------------
_INSTRUCTOR_WORDS = ("instructor", "teacheronly", "teachersonly", "forteachers", "forteacher", "teachernotes",
                     "teachersnotes", "answerkey", "solutiononly")
# Jupyter's own display keys: nothing a solution could ride in that the student would not see anyway.
_CELL_KEYS = {"tags", "kit", "editable", "deletable", "collapsed", "scrolled", "jupyter", "slideshow",
              "execution", "trusted"}
_NOTEBOOK_KEYS = {"kernelspec", "language_info", "kit"}
# A key that reads as an answer, a solution or a teacher's note (``answer_key_note`` in a lesson plan):
# dropped at any depth of the kit's notebook metadata. ``key_points`` (shown to students) is not a key.
_SECRET_KEY = re.compile(r"answer|solution|secret|instructor|teacher|hidden|expected|^key$|_key$|^key_(?!points)",
                         re.I)
_KIT_CELL_KEYS = {"qid", "period"}


def _letters(tag) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", str(tag)).casefold() if ch.isalnum())


def is_instructor_tag(tag, where=None, line: int = 0) -> bool:
    """True for a tag that reads as instructor-only in any case or spelling; a near miss (a typo)
    raises through ``where`` when given: a cell meant for teachers must not reach students by a typo."""
    letters = _letters(tag)
    if any(word in letters for word in _INSTRUCTOR_WORDS):
        return True
    near = any(_distance(letters[:len(word)], word) <= 2 and letters not in _REAL_WORDS
               for word in ("instructor", "teacheronly"))
    if near and where is not None:
        raise where(f"the tag {str(tag)!r} looks like 'instructor' but is not: correct it (or remove it)", line)
    return near


# Words a tag may be that are near "instructor" by letters but mean something else.
_REAL_WORDS = {"instruction", "instructions", "constructor", "constructors", "construction", "destructor",
               "obstructor"}


def _distance(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions): how far a typo is from the word."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _clean_metadata(meta: dict, allowed: set[str], kit_allowed: set[str] | None = None) -> dict:
    kept = {k: v for k, v in meta.items() if k in allowed}
    if isinstance(kept.get("kit"), dict):
        kit = kept["kit"]
        kept["kit"] = ({k: v for k, v in kit.items() if k in kit_allowed} if kit_allowed is not None
                       else _without_secrets(kit))
    return kept


def _without_secrets(value):
    if isinstance(value, dict):
        return {k: _without_secrets(v) for k, v in value.items() if not _SECRET_KEY.search(str(k))}
    if isinstance(value, list):
        return [_without_secrets(v) for v in value]
    return value


def _referenced_attachments(cell) -> None:
    """Keep only the attachments the student version of the cell still shows."""
    attachments = cell.get("attachments")
    if not attachments:
        cell.pop("attachments", None)
        return
    kept = {name: data for name, data in attachments.items() if f"attachment:{name}" in cell.source}
    if kept:
        cell["attachments"] = kept
    else:
        cell.pop("attachments", None)


def teachers_own_check(source: str) -> bool:
    """A cell that is one solution which only imports and calls check(): the teacher's answer to an
    exercise students answer with buttons or a text box. It stays out of the student version."""
    solutions = solutions_in(source)
    stripped = source.strip()
    if len(solutions) != 1 or not (stripped.startswith(CODE_BEGIN) and stripped.endswith(CODE_END)):
        return False
    try:
        tree = ast.parse(textwrap.dedent(solutions[0]))
    except SyntaxError:
        return False
    return bool(tree.body) and all(
        isinstance(node, (ast.Import, ast.ImportFrom)) or (
            isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name) and node.value.func.id in ("check", "evaluate"))
        for node in tree.body)


def _check_other_cell(cell, where) -> None:
    """Raw cells and the like hold no solutions: a marker there would pass through untouched."""
    for i, line in enumerate(_lines(cell.source)):
        if _near_miss(line, fuzzy=True):
            raise where(f"a solution marker in a {cell.cell_type} cell: markers work in code and Markdown "
                        "cells only", i)


def to_student(nb, name: str = ""):
    """A student copy of a teacher notebook (a new object; the original is untouched).

    Every stored output is left out: a reference output can print an answer."""
    import copy
    out = copy.deepcopy(nb)
    cells = []
    for number, cell in enumerate(out.cells, start=1):
        where = _raiser(name, number)
        tags = cell.metadata.get("tags", [])
        if not isinstance(tags, list):
            raise where("the cell's tags are not a list of words: the build cannot tell who it is for", 0)
        if any(is_instructor_tag(t, where) for t in tags):
            continue
        cell.metadata = _clean_metadata(cell.metadata, _CELL_KEYS, _KIT_CELL_KEYS)
        if cell.cell_type == "code":
            new = student_code(cell.source, where)
            if teachers_own_check(cell.source):
                continue
            cell.source, cell.outputs, cell.execution_count = new, [], None
            tags = [t for t in cell.metadata.get("tags", []) if t != REFERENCE_TAG]
            if "tags" in cell.metadata:
                cell.metadata["tags"] = tags
        elif cell.cell_type == "markdown":
            cell.source = student_markdown(cell.source, where)
            _referenced_attachments(cell)
        else:
            _check_other_cell(cell, where)
            _referenced_attachments(cell)
        cells.append(cell)
    out.cells = cells
    out.metadata = _clean_metadata(out.metadata, _NOTEBOOK_KEYS)
    out.metadata.setdefault("kit", {})["version"] = "student"
    return out


def is_for_teachers(nb) -> bool:
    return nb.metadata.get("kit", {}).get("audience") == "teachers"


def build(source: str | Path = "notebooks", student: str | Path = "student", key: str | Path = "key") -> dict:
    """Write student/ and key/. Every notebook is checked first: on a BuildError nothing is written."""
    import nbformat

    from .answer_key import answer_key_markdown
    source, student, key = Path(source), Path(student), Path(key)
    teacher_nbs, students = {}, {}
    for path in sorted(source.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        teacher_nbs[path.name] = nb
        if not is_for_teachers(nb):
            students[path.name] = to_student(nb, str(path))
    for folder in (student, key):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    written = {"student": [], "key": []}
    for name, nb in teacher_nbs.items():
        nbformat.write(nb, key / name)
        written["key"].append(key / name)
        if name in students:
            nbformat.write(students[name], student / name)
            written["student"].append(student / name)
    (key / "answer_key.md").write_text(answer_key_markdown(teacher_nbs, solutions_in), encoding="utf-8")
    written["key"].append(key / "answer_key.md")
    return written
