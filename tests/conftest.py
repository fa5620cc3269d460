import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path):
    """A private copy of data/ that a test may break without touching the real one."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("_staging", "__pycache__"))
    return target


@pytest.fixture
def private_responses(tmp_path, monkeypatch):
    """A student's answers and submissions go to this test's own folder, under no signed-in name."""
    monkeypatch.setenv("KIT_RESPONSES_DIR", str(tmp_path / "responses"))
    monkeypatch.setenv("KIT_SUBMISSIONS_DIR", str(tmp_path / "submissions"))
    monkeypatch.delenv("KIT_STUDENT", raising=False)


@pytest.fixture(scope="session")
def article():
    import kit
    return kit.load_article()


def run_notebook(path, env: dict, allow_errors: bool = False, timeout: int = 180):
    """Execute a notebook in a fresh kernel whose environment includes ``env``; return the notebook."""
    import os

    import nbformat
    from nbclient import NotebookClient
    nb = nbformat.read(path, as_version=4) if not hasattr(path, "cells") else path
    folder = str(path.parent) if hasattr(path, "parent") else "."
    old = dict(os.environ)
    os.environ.update(env)
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=allow_errors,
                       resources={"metadata": {"path": folder}}).execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    return nb


def start_server(cmd: list[str], log: Path, **kwargs):
    """Start a server in its own process group, its output in a log file.

    Never a pipe: nobody reads a pipe while the test runs, and a server that fills one (64 KB of log)
    blocks on its next write and stops answering.
    """
    import subprocess
    handle = open(log, "wb")
    proc = subprocess.Popen(cmd, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True, **kwargs)
    proc.log = log
    return proc


def server_log(proc) -> str:
    return Path(proc.log).read_text(errors="replace")[-3000:]
