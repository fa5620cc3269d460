"""Robustness: no network, inert HTML, the kit's own errors for broken data, students' habits."""
import csv
import json
import os
import socket
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, run_notebook
from jupyter_client.manager import start_new_kernel

import kit
from kit.exercises import evaluate
from kit.views import lesson_views as views

GUARD = ROOT / "tests" / "netguard"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _guarded_env(tmp_path):
    log = tmp_path / "refused.log"
    return log, {"PYTHONPATH": str(GUARD), "KIT_NETGUARD_LOG": str(log),
                 "KIT_RESPONSES_DIR": str(tmp_path / "r"), "KIT_SUBMISSIONS_DIR": str(tmp_path / "r")}


def test_the_guard_refuses_outside_connections(tmp_path):
    """The guard itself works: a notebook that tries the network is refused and logged."""
    log, env = _guarded_env(tmp_path)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "import socket\ntry:\n    socket.create_connection(('93.184.216.34', 80), timeout=2)\n"
        "except OSError as e:\n    print('refused', type(e).__name__)")]
    run_notebook(nb, env)
    assert "refused ConnectionRefusedError" in nb.cells[0].outputs[0]["text"]
    assert "93.184.216.34" in log.read_text()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_run_with_outbound_sockets_refused(path, tmp_path):
    log, env = _guarded_env(tmp_path)
    nb = run_notebook(path, env)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error"]
    assert errors == []
    assert not log.exists(), f"{path.name} tried the network: {log.read_text()[:500]}"


def test_kit_tools_open_no_connection(monkeypatch, tmp_path):
    tried = []

    def refuse(self, address):
        tried.append(address)
        raise ConnectionRefusedError("no network in this test")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setenv("KIT_RESPONSES_DIR", str(tmp_path))
    kit.load_article()
    for name in kit.list_datasets():
        kit.load(name)
    assert kit.validate() == []
    from kit.classroom.build import build
    build(ROOT / "notebooks", tmp_path / "s", tmp_path / "k")
    evaluate("q1.1", "A")
    assert tried == []


# -- HTML from data and from students is inert ---------------------------------------------------
PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def _poison_csv(path: Path, columns: list[str], rows: int = 3):
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields, data = reader.fieldnames, list(reader)
    for row in data[:rows]:
        for c in columns:
            row[c] = f"{row[c]} {PAYLOAD}"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(data)


@pytest.fixture
def poisoned(data_copy, monkeypatch):
    raw = data_copy / "article" / "column_raw.txt"
    raw.write_text(raw.read_text(encoding="utf-8").replace("the incumbent", f"the incumbent {PAYLOAD}", 1),
                   encoding="utf-8")
    meta = json.loads((data_copy / "article" / "metadata.json").read_text())
    meta["fields"]["headline"]["value"] += PAYLOAD
    meta["fields"]["author"]["note"] += PAYLOAD
    (data_copy / "article" / "metadata.json").write_text(json.dumps(meta))
    desc = json.loads((data_copy / "datapackage.json").read_text())
    for r in desc["resources"]:
        r["description"] += PAYLOAD
    (data_copy / "datapackage.json").write_text(json.dumps(desc))
    _poison_csv(data_copy / "protests.csv", ["text", "claimed_by", "source_title"], rows=200)
    _poison_csv(data_copy / "glossary.csv", ["plain_definition"], rows=100)
    _poison_csv(data_copy / "claims.csv", ["quote", "evidence"], rows=100)
    _poison_csv(data_copy / "actors.csv", ["name", "role", "interests", "stance_2020", "stated_position",
                                           "analyst_reading"], rows=100)
    _poison_csv(data_copy / "options.csv", ["label"], rows=100)
    _poison_csv(data_copy / "article" / "summaries.csv", ["summary", "argument_step"], rows=100)
    monkeypatch.setenv("KIT_DATA_DIR", str(data_copy))
    return data_copy


def _inert(html: str, where: str):
    assert "<script" not in html.lower(), f"{where}: a script tag came through"
    assert "<img" not in html.lower(), f"{where}: an img tag came through"


def test_html_from_poisoned_data_is_inert(poisoned):
    article = kit.load_article()
    outputs = {
        "source card": article._repr_html_(),
        "dataset card": kit.describe("protests")._repr_html_(),
        "explorer caption": views.explorer_view("peak_protest_size").caption,
        "reader": views.reader_view(1),
        "matrix caption": views.matrix_view({"feasibility": 1, "protester_safety": 1}).caption,
        "claims listing": views.claims_view().caption,
        "role cards": views.role_cards(["eu", "russia"]),
    }
    for where, html in outputs.items():
        _inert(html, where)
    assert "&lt;script&gt;" in outputs["reader"] and "&lt;script&gt;" in outputs["explorer caption"]


def test_student_answers_are_shown_inert(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_RESPONSES_DIR", str(tmp_path))
    for qid in ("q1.1", "q1.3", "q1.5", "q1.4", "q1.10", "q2.1"):
        fb = evaluate(qid, PAYLOAD)
        _inert(fb._repr_html_(), qid)


# -- broken data in a lesson ---------------------------------------------------------------------
@pytest.mark.parametrize("damage", ["missing", "truncated", "wrong type", "no folder"])
def test_a_lesson_with_broken_data_shows_the_kits_message(damage, data_copy, tmp_path):
    target = data_copy / "protests.csv"
    if damage == "missing":
        target.unlink()
    elif damage == "truncated":
        target.write_text(target.read_text(encoding="utf-8")[:3000], encoding="utf-8")
    elif damage == "wrong type":
        text = target.read_text(encoding="utf-8").splitlines()
        text[3] = text[3].replace(",2006,", ",two thousand six,", 1)
        target.write_text("\n".join(text) + "\n", encoding="utf-8")
    folder = str(tmp_path / "nowhere") if damage == "no folder" else str(data_copy)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import kit\nkit.protests()")]
    run_notebook(nb, {"KIT_DATA_DIR": folder}, allow_errors=True)  # the cell fails, as it should
    outputs = nb.cells[0].outputs
    text = "".join(o.get("text", "") for o in outputs)
    assert not any(o.get("output_type") == "error" for o in outputs), "no traceback"
    assert text.startswith("⚠ DataError: ")
    if damage != "no folder":
        assert "protests.csv" in text
    if damage == "wrong type":
        assert "row 3" in text and "column 'year'" in text
    assert "pandas" not in text and "Traceback" not in text


# -- what students do ----------------------------------------------------------------------------
def _code_cells(path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


class Kernel:
    def __init__(self, env):
        old = dict(os.environ)
        os.environ.update(env)
        try:
            self.km, self.kc = start_new_kernel(kernel_name="python3")
        finally:
            os.environ.clear()
            os.environ.update(old)

    def run(self, code: str) -> list[dict]:
        outputs = []

        def keep(msg):
            if msg["msg_type"] in ("stream", "execute_result", "display_data", "error"):
                outputs.append({"type": msg["msg_type"], **msg["content"]})
        reply = self.kc.execute_interactive(code, timeout=120, output_hook=keep)
        if reply["content"]["status"] == "error":
            outputs.append({"type": "error", "ename": reply["content"]["ename"]})
        return outputs

    def restart(self):
        self.km.restart_kernel(now=True)
        self.kc.wait_for_ready(timeout=60)

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def _text(outputs):
    return " ".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in outputs)


def test_the_student_version_survives_what_students_do(tmp_path):
    from kit.classroom.build import build
    build(ROOT / "notebooks", tmp_path / "student", tmp_path / "key")
    cells = _code_cells(tmp_path / "student" / "02_2006_vs_2020.ipynb")
    exercises = [c for c in cells if c.metadata.get("kit", {}).get("qid")]
    env = {"KIT_RESPONSES_DIR": str(tmp_path / "r"), "KIT_SUBMISSIONS_DIR": str(tmp_path / "r")}
    k = Kernel(env)
    try:
        # out of order: the exercises first, from the last to the first, before any setup cell
        for cell in reversed(exercises):
            out = k.run(cell.source)
            assert not [o for o in out if o["type"] == "error"], cell.source
            assert "not answered yet" in _text(out).lower(), cell.source
        # the whole lesson in order, then a cell run twice
        for cell in cells:
            assert not [o for o in k.run(cell.source) if o["type"] == "error"], cell.source
        official_cell = next(c for c in exercises if 'check("q2.1")' in c.source)
        k.run("protests = kit.protests()\nofficial = protests[protests['official_claim']]\n"
              "from kit.exercises import check\ncheck('q2.1')")
        twice = [k.run("check('q2.1')") for _ in range(2)]
        assert all("Correct" in _text(o) for o in twice)
        # a variable deleted
        k.run("del official")
        assert "not answered yet" in _text(k.run("check('q2.1')")).lower()
        # the kernel restarted midway: the exercise cells still run, and saved answers are kept
        k.restart()
        out = k.run(official_cell.source)
        assert not [o for o in out if o["type"] == "error"] and "not answered yet" in _text(out).lower()
        saved = json.loads(next((tmp_path / "r").glob("*/lesson2.json")).read_text())
        assert saved["answers"]["q2.1"]["status"] == "correct" and saved["answers"]["q2.1"]["attempts"] >= 3
        for cell in cells:  # Run All after the restart works
            assert not [o for o in k.run(cell.source) if o["type"] == "error"], cell.source
    finally:
        k.close()


# -- running the teacher notebooks leaves nothing in notebooks/ (issue 14) -----------------------
def test_running_a_teacher_notebook_leaves_no_submission_file_beside_it(tmp_path):
    """The lesson's last cell calls export(); without KIT_SUBMISSIONS_DIR it used to write
    notebooks/submission_<user>.json (the stray submission_root.json)."""
    folder = ROOT / "notebooks"
    before = {p.name for p in folder.iterdir()}
    saved = os.environ.pop("KIT_SUBMISSIONS_DIR", None)
    try:
        nb = run_notebook(folder / "01_reading_the_column.ipynb", {"KIT_RESPONSES_DIR": str(tmp_path)})
    finally:
        if saved is not None:
            os.environ["KIT_SUBMISSIONS_DIR"] = saved
    assert {p.name for p in folder.iterdir()} == before
    cell = next(c for c in nb.cells if c.cell_type == "code" and c.source.strip() == "export()")
    said = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
    assert "Your answers are in" in said and str(tmp_path / "submissions") in said
    assert list((tmp_path / "submissions").glob("submission_*.json"))
