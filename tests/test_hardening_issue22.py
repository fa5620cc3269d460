"""Issue 22's low list: each case a user can meet gets the kit's own message, changes nothing, and never
hangs. Every case runs in a child process with a time limit and a memory limit (1 GB), so a hang or an
endless read fails the test instead of the machine, and with the network refused and logged."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT

TABLE = "protests.csv"
# Runs kit.load and kit.validate on a data folder and prints what each said, as JSON. Every outbound
# connection is refused and recorded; memory is capped at 1 GB (the old reader grew past 1.6 GB).
PROBE = r"""
import json, resource, socket, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
tried = []
def refuse(self, address, *a, **k):
    tried.append(str(address))
    raise ConnectionRefusedError("refused by the test")
socket.socket.connect = refuse
socket.create_connection = lambda address, *a, **k: refuse(None, address)
import kit
from kit.errors import DataError
out = {}
try:
    kit.load("protests", data_dir=sys.argv[1])
    out["load"] = "loaded"
except DataError as err:
    out["load"] = "DataError: " + str(err)
problems = kit.validate(sys.argv[1])
out["validate"] = [str(p) for p in problems]
out["network"] = tried
print(json.dumps(out))
"""


def _probe(folder: Path, timeout: float = 120) -> dict:
    try:
        done = subprocess.run([sys.executable, "-c", PROBE, str(folder)], capture_output=True, text=True,
                              timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"load or validate hung (no answer in {timeout} s)")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _snapshot(folder: Path) -> dict:
    out = {}
    for p in sorted(folder.rglob("*")):
        st = p.lstat()
        if p.is_symlink():
            out[str(p)] = ("link", os.readlink(p))
        elif p.is_file():
            out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
        else:
            out[str(p)] = (st.st_mode,)
    return out


def _agree(result: dict, words: str) -> None:
    """load refused with the kit's message, and validate reports the same problem (they agree)."""
    assert result["load"].startswith("DataError") and words in result["load"], result["load"]
    assert any(words in p for p in result["validate"]), result["validate"][:5]
    assert result["network"] == []


def test_a_table_that_links_to_dev_zero(data_copy):
    (data_copy / TABLE).unlink()
    (data_copy / TABLE).symlink_to("/dev/zero")
    before = _snapshot(data_copy)
    _agree(_probe(data_copy), "not a regular file")
    assert _snapshot(data_copy) == before


def test_a_fifo_in_place_of_a_table_does_not_hang(data_copy):
    (data_copy / TABLE).unlink()
    os.mkfifo(data_copy / TABLE)
    before = _snapshot(data_copy)
    _agree(_probe(data_copy, timeout=90), "not a regular file")
    assert _snapshot(data_copy) == before


@pytest.mark.parametrize("where,value", [("path", "http://192.0.2.1/protests.csv"),
                                         ("path", "https://192.0.2.1/protests.csv"),
                                         ("path", "ftp://192.0.2.1/protests.csv"),
                                         ("profile", "https://192.0.2.1/profile.json")])
def test_a_resource_that_is_a_web_address_is_refused_without_the_network(where, value, data_copy):
    doc = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in doc["resources"] if r["name"] == "protests")
    res[where] = value
    (data_copy / "datapackage.json").write_text(json.dumps(doc), encoding="utf-8")
    before = _snapshot(data_copy)
    result = _probe(data_copy)
    _agree(result, "web address")
    assert _snapshot(data_copy) == before


def _set_cell(folder: Path, column: str, value: str) -> None:
    import csv
    import io
    rows = list(csv.reader(io.StringIO((folder / TABLE).read_text(encoding="utf-8"), newline="")))
    rows[3][rows[0].index(column)] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    (folder / TABLE).write_text(buf.getvalue(), encoding="utf-8")


def test_a_cell_longer_than_load_accepts_is_refused_by_both(data_copy):
    _set_cell(data_copy, "note", "x" * 200_000)
    _agree(_probe(data_copy), "longer than 131,072 characters")


def test_a_50_mb_cell_is_refused_by_both(data_copy):
    _set_cell(data_copy, "note", "x" * 50_000_000)
    _agree(_probe(data_copy), "too large")


@pytest.mark.parametrize("value", ["1e400", "-1e400", "inf", "Infinity"])
def test_a_number_too_large_to_be_finite_is_refused_by_both(value, data_copy):
    _set_cell(data_copy, "value", value)
    result = _probe(data_copy)
    _agree(result, "is not a number")
    assert "row 3" in result["load"] and "'value'" in result["load"], result["load"]


# --- collect on a full disk ------------------------------------------------------------------------

@pytest.fixture
def small_disk():
    """An 8 MB tmpfs of its own (root only), so filling it touches no real disk."""
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a small disk to fill")
    where = Path(tempfile.mkdtemp(prefix="kit-full-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(where)], capture_output=True)
    if done.returncode:
        shutil.rmtree(where)
        pytest.skip(f"could not mount a tmpfs here: {done.stderr.decode()[:200]}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], capture_output=True)
        shutil.rmtree(where, ignore_errors=True)


def test_collect_on_a_full_disk_says_so_and_changes_nothing(small_disk):
    from kit.classroom.demo import demo_class
    cls = demo_class(small_disk / "class")
    first = subprocess.run([sys.executable, "-m", "kit", "collect", str(cls)], capture_output=True, text=True,
                           cwd=ROOT, timeout=300)
    assert first.returncode == 0, first.stderr
    book = cls / "gradebook.sqlite"
    before = book.read_bytes()
    # A new hand-in arrives, then the disk fills to the last byte.
    sub = next((cls / "submissions").glob("*.json"))
    data = json.loads(sub.read_text(encoding="utf-8"))
    data["student"] = {"name": "Late Student"}
    (cls / "submissions" / "late.json").write_text(json.dumps(data), encoding="utf-8")
    try:
        with open(small_disk / "filler", "wb") as fh:
            while True:
                fh.write(b"\0" * 4096)
                fh.flush()
    except OSError:  # the disk is full
        pass
    done = subprocess.run([sys.executable, "-m", "kit", "collect", str(cls)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    said = done.stdout + done.stderr
    assert done.returncode != 0 and "Traceback" not in said, said[-2000:]
    assert "full" in said and "Nothing was changed" in said, said[-1000:]
    assert "cannot rollback" not in said
    assert book.read_bytes() == before
