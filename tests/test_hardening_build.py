"""The student build leaks no solution (issue 14): it refuses every marker it cannot trust, naming the
notebook, cell and line, and leaves cells that still run. Property tests over the build."""
import ast
import json
import subprocess
import sys

import nbformat
import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kit.classroom import build as b
from kit.exercises import questions

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
MD_BEGIN, MD_END = "<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->"
SECRET = "answer = 42  # SECRET"


def _notebook(folder, *cells):
    nb = nbformat.v4.new_notebook()
    make = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell,
            "raw": nbformat.v4.new_raw_cell}
    nb.cells = [make["markdown"]("# A lesson")] + [make[kind](source) for kind, source in cells]
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / "01_lesson.ipynb")
    return folder


# Each: (what, cell type, source, the line the build must name). The cell is cell 2 (cell 1 is a title).
REFUSED = [
    ("BEGIN without END", "code", f"x = 1\n{BEGIN}\n{SECRET}", 2),
    ("END without BEGIN", "code", f"{SECRET}\n{END}", 2),
    ("BEGIN twice", "code", f"{BEGIN}\n{SECRET}\n{BEGIN}\n{SECRET}\n{END}", 3),
    ("###BEGIN (no space)", "code", f"###BEGIN SOLUTION\n{SECRET}\n{END}", 1),
    ("## BEGIN (two signs)", "code", f"## BEGIN SOLUTION\n{SECRET}\n{END}", 1),
    ("lower case", "code", f"### begin solution\n{SECRET}\n### end solution", 1),
    ("title case", "code", f"### Begin Solution\n{SECRET}\n{END}", 1),
    ("non-breaking space", "code", f"### BEGIN\u00a0SOLUTION\n{SECRET}\n{END}", 1),
    ("zero-width space", "code", f"### BEGIN SOL\u200bUTION\n{SECRET}\n{END}", 1),
    ("full-width letters", "code", f"### ＢＥＧＩＮ SOLUTION\n{SECRET}\n{END}", 1),
    ("a Cyrillic E", "code", f"### B\u0415GIN SOLUTION\n{SECRET}\n{END}", 1),
    ("a typo", "code", f"### BEGIN SOLUTOIN\n{SECRET}\n{END}", 1),
    ("an underscore", "code", f"### BEGIN_SOLUTION\n{SECRET}\n### END_SOLUTION", 1),
    ("text after the marker", "code", f"{BEGIN} (q1.1)\n{SECRET}\n{END}", 1),
    ("marker after code", "code", f"x = 1  {BEGIN}\n{SECRET}\n{END}", 1),
    ("near-miss END", "code", f"{BEGIN}\n{SECRET}\n### END  SOLUTION", 3),
    ("Markdown marker in a code cell", "code", f"{MD_BEGIN}\n{SECRET}\n{MD_END}", 1),
    ("code marker in a Markdown cell", "markdown", f"Our answer:\n{BEGIN}\n{SECRET}\n{END}", 2),
    ("Markdown BEGIN without END", "markdown", f"Our answer: {MD_BEGIN}{SECRET}", 1),
    ("Markdown END without BEGIN", "markdown", f"{SECRET}{MD_END}", 1),
    ("Markdown marker with no spaces", "markdown", f"<!--BEGIN SOLUTION-->{SECRET}<!--END SOLUTION-->", 1),
    ("Markdown marker in lower case", "markdown", f"<!-- begin solution -->{SECRET}<!-- end solution -->", 1),
    ("Markdown marker with a typo", "markdown", f"<!-- BEGN SOLUTION -->{SECRET}{MD_END}", 1),
    ("Markdown marker, nbsp", "markdown", f"<!-- BEGIN\u00a0SOLUTION -->{SECRET}{MD_END}", 1),
    ("marker in a raw cell", "raw", f"{BEGIN}\n{SECRET}\n{END}", 1),
    ("CRLF, BEGIN without END", "code", f"x = 1\r\n{BEGIN}\r\n{SECRET}\r\n", 2),
    ("lone CR line ends, near miss", "code", f"x = 1\r###BEGIN SOLUTION\r{SECRET}\r{END}", 2),
]


@pytest.mark.parametrize("what,kind,source,line", REFUSED, ids=[r[0] for r in REFUSED])
def test_the_build_refuses_an_untrustworthy_marker(what, kind, source, line, tmp_path):
    src = _notebook(tmp_path / "src", (kind, source))
    with pytest.raises(b.BuildError) as err:
        b.build(src, tmp_path / "student", tmp_path / "key")
    assert (err.value.cell, err.value.line) == (2, line), str(err.value)
    assert "01_lesson.ipynb" in str(err.value) and f"cell 2, line {line}" in str(err.value)
    assert not (tmp_path / "student").exists(), "nothing is written when a marker is refused"


@pytest.mark.parametrize("what,kind,source,line", REFUSED[:3] + REFUSED[17:18] + REFUSED[-2:-1],
                         ids=[r[0] for r in REFUSED[:3] + REFUSED[17:18] + REFUSED[-2:-1]])
def test_the_build_command_exits_non_zero_naming_file_cell_and_line(what, kind, source, line, tmp_path):
    src = _notebook(tmp_path / "src", (kind, source))
    out = subprocess.run([sys.executable, "-m", "kit", "build", "--source", str(src), "--student",
                          str(tmp_path / "s"), "--key", str(tmp_path / "k")], capture_output=True, text=True)
    assert out.returncode != 0
    assert f"01_lesson.ipynb, cell 2, line {line}" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "s").exists()


def test_crlf_line_ends_are_handled():
    source = f"x = 1\r\n{BEGIN}\r\nanswer = 42\r\n{END}\r\ncheck('q1.5')"
    new = b.student_code(source)
    assert new == "x = 1\r\nanswer = ...  # your answer here\r\ncheck('q1.5')"
    assert "42" not in new


def test_a_solution_that_assigns_nothing_keeps_a_placeholder_and_its_cell(tmp_path):
    src = _notebook(tmp_path / "src", ("code", f"{BEGIN}\nprint(protests.head())\n{END}"))
    b.build(src, tmp_path / "student", tmp_path / "key")
    cells = nbformat.read(tmp_path / "student" / "01_lesson.ipynb", as_version=4).cells
    assert len(cells) == 2 and cells[1].source == "# your code here"


def test_the_teachers_own_check_of_a_button_exercise_stays_out(tmp_path):
    src = _notebook(tmp_path / "src", ("code", "choose('q1.1')"),
                    ("code", f"{BEGIN}\nfrom kit.exercises import check\ncheck('q1.1', 'B')\n{END}"))
    b.build(src, tmp_path / "student", tmp_path / "key")
    cells = nbformat.read(tmp_path / "student" / "01_lesson.ipynb", as_version=4).cells
    assert [c.source for c in cells[1:]] == ["choose('q1.1')"]


@pytest.mark.parametrize("source", [
    f"def average(xs):\n    {BEGIN}\n    return sum(xs) / len(xs)\n    {END}\n\naverage([1])",
    f"def average(xs):\n{BEGIN}\n    return sum(xs) / len(xs)\n{END}\n",
    f"for x in range(3):\n    {BEGIN}\n    print(x)\n    {END}\n",
    f"class A:\n    def f(self):\n        {BEGIN}\n        total = 1\n        {END}\n",
    f"if True:\n    {BEGIN}\n    a, (b, c) = 1, (2, 3)\n    {END}\n    print(a)",
], ids=["function, indented markers", "function, markers at the margin", "loop", "method", "unpacking"])
def test_a_function_whose_body_was_a_solution_still_has_a_valid_body(source):
    new = b.student_code(source)
    ast.parse(new)  # the student version runs
    assert "sum(xs)" not in new and "print(x)" not in new and "total = 1" not in new


# -- no answer anywhere in the real student version ----------------------------------------------
@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    b.build(ROOT / "notebooks", out / "student", out / "key")
    return out


def _expected_answers() -> dict[str, list[str]]:
    """Text that gives an answer away: the solutions, the worked examples, the correct choice's words,
    and numbers' expected values (looked for in outputs, where a printed number is an answer)."""
    found: dict[str, list[str]] = {"anywhere": [], "outputs": []}
    public = set()
    for path in (ROOT / "notebooks").glob("0*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            if "instructor" not in cell.metadata.get("tags", []) and not b.teachers_own_check(cell.source):
                shown = b.student_code(cell.source) if cell.cell_type == "code" else b.student_markdown(cell.source)
                public |= {line.strip() for line in shown.splitlines()}
            for solution in b.solutions_in(cell.source):
                found["anywhere"] += [line.strip() for line in solution.splitlines() if len(line.strip()) > 12]
    found["anywhere"] = [a for a in found["anywhere"] if a not in public]
    for q in questions().values():
        found["anywhere"].append(q.hints[-1])
        if q.feedback.get("correct"):
            found["anywhere"].append(q.feedback["correct"])
        if q.kind == "choice":
            found["outputs"].append(q.options[q.expected_value()])
        if q.kind == "number":
            found["outputs"].append(f"{q.expected_value():g}")
    return found


def test_no_expected_answer_appears_in_the_student_version_outputs_included(built):
    answers = _expected_answers()
    assert len(answers["anywhere"]) > 50 and len(answers["outputs"]) > 10
    leaks = []
    for path in sorted((built / "student").glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        leaks += [(path.name, a[:60]) for a in answers["anywhere"] if json.dumps(a)[1:-1] in text or a in text]
        nb = nbformat.read(path, as_version=4)
        outputs = json.dumps([c.get("outputs", []) for c in nb.cells if c.cell_type == "code"])
        leaks += [(path.name, "output: " + a) for a in answers["outputs"] if a in outputs]
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "a stored output"
        assert not any("nbval-check-output" in c.metadata.get("tags", []) for c in nb.cells)
        assert not b._LOOKS_LIKE.search(text), "a marker reached the student version"
    assert leaks == []


def test_the_two_reference_outputs_that_printed_answers_are_gone(built):
    lesson2 = (built / "student" / "02_2006_vs_2020.ipynb").read_text()
    lesson5 = (built / "student" / "05_sources_and_hindsight.ipynb").read_text()
    assert "2020    60" not in lesson2  # the answer to q2.2
    assert "the day the page was rendered to PDF" not in lesson5  # the answer to q5.1


def test_every_student_code_cell_compiles(built):
    for path in sorted((built / "student").glob("*.ipynb")):
        for i, cell in enumerate(nbformat.read(path, as_version=4).cells):
            if cell.cell_type == "code" and not cell.source.lstrip().startswith(("%", "!")):
                ast.parse(cell.source, filename=f"{path.name} cell {i + 1}")


# -- property tests over the build ---------------------------------------------------------------
PLAIN = st.sampled_from(["x = 1", "print(x)", "# a comment", "", "check('q1.1')", "y = [1, 2]",
                         "s = 'begin the solution'", "total += 1"])
NEAR = st.sampled_from(["###BEGIN SOLUTION", "### begin solution", "### BEGIN\u00a0SOLUTION", "# BEGIN SOLUTION",
                        "### BEGIN SOLUTIONS", "### END SOLUTION.", "<!-- BEGIN SOLUTION -->", "### BEGIN  SOLUTION",
                        "### BEGIN SOLUTION\u200b", "### END_SOLUTION", "#### END SOLUTION"])


@st.composite
def cells(draw):
    """A code cell as segments: plain lines and solution blocks; maybe one marker broken on purpose."""
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    indent = draw(st.sampled_from(["", "    "]))
    lines, secrets, markers = [], [], []
    if indent:
        lines.append("def f():")
    for i in range(draw(st.integers(1, 4))):
        for _ in range(draw(st.integers(0, 2))):
            lines.append(indent + draw(PLAIN))
        if draw(st.booleans()):
            secret = f"SECRET_{i}"
            markers.append(len(lines))
            lines.append(indent + BEGIN)
            body = draw(st.sampled_from([f"a{i} = '{secret}'", f"print('{secret}')", f"a{i}, b = '{secret}', 2",
                                         f"if x:\n{indent}    z = '{secret}'", f"check('q1.1', '{secret}')"]))
            lines += [indent + line for line in body.split("\n")]
            markers.append(len(lines))
            lines.append(indent + END)
            secrets.append(secret)
    if indent:
        lines.append(indent + "return 1")
    broken = markers and draw(st.booleans())
    if broken:
        where = draw(st.sampled_from(markers))
        how = draw(st.sampled_from(["near", "drop"]))
        if how == "near":
            lines[where] = indent + draw(NEAR)
        else:
            del lines[where]
    return eol.join(lines), secrets, bool(broken)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells())
def test_property_every_cell_is_refused_or_freed_of_its_solutions(case):
    source, secrets, broken = case
    try:
        new = b.student_code(source)
    except b.BuildError as err:
        assert broken, f"a good cell was refused: {err}"
        assert err.line is not None
        return
    assert not broken, "a broken marker passed through"
    for secret in secrets:
        assert secret not in new
    assert "SOLUTION" not in new
    try:
        ast.parse(source.replace("\r\n", "\n"))
    except SyntaxError:
        return
    ast.parse(new.replace("\r\n", "\n"))


MD_PIECES = st.sampled_from(["Some text. ", "**Our answer:** ", "\n", "A list:\n- one\n", "Begin your answer. "])


@st.composite
def markdown_cells(draw):
    parts, secrets, broken = [], [], False
    for i in range(draw(st.integers(1, 3))):
        parts.append(draw(MD_PIECES))
        if draw(st.booleans()):
            begin, end = MD_BEGIN, MD_END
            if draw(st.integers(0, 4)) == 0:
                broken = True
                begin, end = draw(st.sampled_from([("<!--BEGIN SOLUTION-->", MD_END), (MD_BEGIN, ""),
                                                   ("", MD_END), ("<!-- begin solution -->", MD_END),
                                                   (BEGIN + "\n", MD_END)]))
            parts += [begin, f"SECRET_{i}", end]
            secrets.append(f"SECRET_{i}")
            if broken:  # a BEGIN-only piece and a later END-only piece would pair up into a valid one
                break
    return "".join(parts), secrets, broken


@settings(max_examples=300, deadline=None)
@given(markdown_cells())
def test_property_markdown_is_refused_or_freed_of_its_solutions(case):
    source, secrets, broken = case
    try:
        new = b.student_markdown(source)
    except b.BuildError:
        assert broken
        return
    assert not broken
    assert not any(s in new for s in secrets) and "SOLUTION" not in new
    assert new.count(b.PLACEHOLDER_MD) == len(secrets)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["code", "markdown", "raw"]), cells(), markdown_cells()),
                min_size=1, max_size=5))
def test_property_whole_notebooks_leak_nothing(notebook):
    nb = nbformat.v4.new_notebook()
    make = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell,
            "raw": nbformat.v4.new_raw_cell}
    secrets, broken = [], False
    for kind, (code, code_secrets, code_broken), (md, md_secrets, md_broken) in notebook:
        source, s, bad = {"code": (code, code_secrets, code_broken), "markdown": (md, md_secrets, md_broken),
                          "raw": ("just text", [], False)}[kind]
        cell = make[kind](source)
        if kind == "code":
            cell.outputs = [nbformat.v4.new_output("stream", text=" ".join(s) + " printed")]
        nb.cells.append(cell)
        secrets += s
        broken = broken or bad
    try:
        student = b.to_student(nb, "x.ipynb")
    except b.BuildError:
        assert broken
        return
    assert not broken
    text = nbformat.writes(student)
    assert not any(s in text for s in secrets)
    assert all(not c.get("outputs") for c in student.cells if c.cell_type == "code")
    kept = [c for c in nb.cells if not (c.cell_type == "code" and b.teachers_own_check(c.source))]
    assert len(student.cells) == len(kept), "a cell vanished"


# --- issue 22: markers that still leaked in a build that exited 0 -----------------------------------
H_BEGIN, H_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
HIDDEN = "assert answer == 42  # SECRET"

REFUSED_22 = [
    ("Markdown markers split across lines", "markdown", f"<!-- BEGIN\nSOLUTION -->\n{SECRET}\n<!-- END\nSOLUTION -->"),
    ("Markdown comments opened on their own line", "markdown",
     f"<!--\nBEGIN SOLUTION\n-->\n{SECRET}\n<!--\nEND SOLUTION\n-->"),
    ("Markdown END split across lines", "markdown", f"{MD_BEGIN}\n{SECRET}\n<!-- END\n  SOLUTION -->"),
    ("Markdown split, CRLF", "markdown", f"<!-- BEGIN\r\nSOLUTION -->\r\n{SECRET}\r\n<!-- END\r\nSOLUTION -->"),
    ("hidden tests without END", "code", f"x = 1\n{H_BEGIN}\n{HIDDEN}"),
    ("hidden tests END without BEGIN", "code", f"{HIDDEN}\n{H_END}"),
    ("hidden tests, lower case", "code", f"### begin hidden tests\n{HIDDEN}\n### end hidden tests"),
    ("hidden tests, no space", "code", f"###BEGIN HIDDEN TESTS\n{HIDDEN}\n{H_END}"),
    ("hidden tests nested in a solution", "code", f"{BEGIN}\n{H_BEGIN}\n{HIDDEN}\n{END}\n{H_END}"),
    ("hidden tests in a Markdown cell", "markdown", f"{H_BEGIN}\n{HIDDEN}\n{H_END}"),
]


@pytest.mark.parametrize("what,kind,source", REFUSED_22, ids=[r[0] for r in REFUSED_22])
def test_issue22_the_build_refuses_a_split_or_unsure_marker(what, kind, source, tmp_path):
    folder = _notebook(tmp_path / "src", (kind, source))
    with pytest.raises(b.BuildError) as err:
        b.build(folder, tmp_path / "student", tmp_path / "key")
    assert "01_lesson.ipynb" in str(err.value) and "cell 2" in str(err.value)
    assert not (tmp_path / "student").exists()


def _student_text(tmp_path, nb) -> str:
    (tmp_path / "src").mkdir(exist_ok=True)
    nbformat.write(nb, tmp_path / "src" / "01_lesson.ipynb")
    b.build(tmp_path / "src", tmp_path / "student", tmp_path / "key")
    return (tmp_path / "student" / "01_lesson.ipynb").read_text(encoding="utf-8")


def test_issue22_hidden_tests_are_removed_with_their_markers(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(f"{BEGIN}\n{SECRET}\n{END}\n{H_BEGIN}\n{HIDDEN}\n{H_END}\nprint('done')"),
                nbformat.v4.new_code_cell(f"def f():\n    return 1\n    {H_BEGIN}\n    {HIDDEN}\n    {H_END}")]
    text = _student_text(tmp_path, nb)
    assert "SECRET" not in text and "HIDDEN" not in text
    student = nbformat.reads(text, as_version=4)
    assert "print('done')" in student.cells[0].source
    for cell in student.cells:
        ast.parse(cell.source)  # still runs
    assert b.hidden_tests_in(nb.cells[0].source) == [HIDDEN]


@pytest.mark.parametrize("tag", ["instructor", "INSTRUCTOR", "Instructor", " instructor", "instructor ",
                                 "instructor-only", "Instructor_Notes", "instructors", "ＩＮＳＴＲＵＣＴＯＲ",
                                 "teacher-only", "for-teachers", "answer-key"])
def test_issue22_any_spelling_of_instructor_keeps_the_cell_out(tag, tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("Read this."),
                nbformat.v4.new_markdown_cell("The answer is B. SECRET", metadata={"tags": [tag]})]
    text = _student_text(tmp_path, nb)
    assert "SECRET" not in text and "Read this." in text


@pytest.mark.parametrize("tag", ["instrutor", "insructor-only", "instuctor"])
def test_issue22_a_near_miss_of_instructor_stops_the_build(tag, tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("The answer is B. SECRET", metadata={"tags": [tag]})]
    with pytest.raises(b.BuildError, match="looks like 'instructor'"):
        _student_text(tmp_path, nb)
    assert not (tmp_path / "student").exists()


def test_issue22_ordinary_tags_are_not_mistaken_for_instructor(tmp_path):
    tags = ["exercise", "lesson-header", "key-points", "central-question", "period-opening", "hide-input",
            "instruction", "constructor"]
    assert not [t for t in tags if b.is_instructor_tag(t)]


def test_issue22_attachments_of_a_removed_part_are_dropped(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_markdown_cell(f"A map: ![map](attachment:map.png)\n{MD_BEGIN}\n"
                                         f"![worked answer](attachment:answer.png)\n{MD_END}")
    cell["attachments"] = {"map.png": {"image/png": "bWFw"}, "answer.png": {"image/png": "U0VDUkVU"},
                           "unused.png": {"image/png": "U0VDUkVU"}}
    nb.cells = [cell]
    student = nbformat.reads(_student_text(tmp_path, nb), as_version=4)
    assert set(student.cells[0]["attachments"]) == {"map.png"}
    assert "U0VDUkVU" not in json.dumps(student)  # base64 of "SECRET"


def test_issue22_metadata_that_could_carry_a_solution_is_dropped(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kit"] = {"lesson": {"number": 1, "answer_key_note": "SECRET"}, "answer_key": "SECRET"}
    nb.metadata["nbgrader"] = {"solutions": "SECRET"}
    nb.metadata["teacher_notes"] = "SECRET"
    nb.cells = [nbformat.v4.new_code_cell("x = 1", metadata={
        "tags": ["exercise"], "kit": {"qid": "q1.1", "answer": "SECRET", "expected": "SECRET"},
        "nbgrader": {"solution": True, "grade_id": "SECRET"}, "solution": "SECRET", "jupyter": {"source_hidden": False}})]
    text = _student_text(tmp_path, nb)
    assert "SECRET" not in text
    student = nbformat.reads(text, as_version=4)
    assert student.cells[0].metadata["kit"] == {"qid": "q1.1"} and student.cells[0].metadata["tags"] == ["exercise"]
    assert student.metadata["kit"]["lesson"] == {"number": 1} and student.metadata["kit"]["version"] == "student"
