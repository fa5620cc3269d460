"""`make lab` serves the notebooks: start it on a free port, ask the server, stop it."""
import json
import os
import signal
import socket
import time
import urllib.request

from conftest import ROOT, server_log, start_server


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_lab_serves_the_notebooks(tmp_path):
    port, token = _free_port(), "kit-test-token"
    env = dict(os.environ, JUPYTER_TOKEN=token)
    proc = start_server(["make", "-s", "lab", f"PORT={port}", "BROWSER=no"], tmp_path / "lab.log", cwd=ROOT, env=env)
    try:
        deadline, answer = time.time() + 90, None
        while time.time() < deadline and answer is None:
            if proc.poll() is not None:
                raise AssertionError("make lab exited: " + server_log(proc))
            try:
                req = urllib.request.Request(f"http://127.0.0.1:{port}/api/contents/",
                                             headers={"Authorization": f"token {token}"})
                answer = json.load(urllib.request.urlopen(req, timeout=2))
            except OSError:
                time.sleep(0.5)
        assert answer is not None, "JupyterLab did not answer within 90 s"
        names = {item["name"] for item in answer["content"]}
        assert "01_reading_the_column.ipynb" in names  # the server's root is notebooks/
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
