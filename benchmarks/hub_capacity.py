"""Capacity of a class hub, measured on a real JupyterHub (tests/hub/harness.py) on this machine.

    sudo .venv/bin/python benchmarks/hub_capacity.py         # alone (prints JSON); make bench calls measure()

For N = 1, 4 and 8 students working at once, each from a fresh start: the time from signing in to the
first executed cell, the whole lesson's run time, and the time of one check while all N check at once.
After the lesson at the largest N: each student's memory (single-user server plus kernel; PSS, which
shares the libraries fairly between processes, and RSS), the hub's and the proxy's. Everything runs in
the hub's own environment (deploy/jupyterhub/install.sh), the one schools install.
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hub import harness  # noqa: E402
from hub.lesson import steps  # noqa: E402

LESSON = "02_2006_vs_2020.ipynb"
NAMES = ["Аня Петрова", "李明", "Zoë Ångström", "Siobhán O'Brien", "Nguyễn Văn An", "Jan Kowalski",
         "María José López", "Omar Al-Farsi"]
CHECK = "from kit.exercises import check\ncheck('q2.5', 'A')"


def _mb(n: float) -> float:
    return round(n / 2**20, 1)


def memory_of(uid: int) -> dict:
    """PSS and RSS of a user's processes, split into the server and its kernels."""
    import psutil
    out = {"server_pss": 0, "kernel_pss": 0, "other_pss": 0, "rss": 0, "kernels": 0}
    for proc in psutil.process_iter(["uids", "cmdline"]):
        try:
            if not proc.info["uids"] or proc.info["uids"].real != uid:
                continue
            mem = proc.memory_full_info()
            cmd = " ".join(proc.info["cmdline"] or [])
            key = ("server_pss" if "jupyterhub-singleuser" in cmd or "jupyterhub.singleuser" in cmd
                   else "kernel_pss" if "ipykernel" in cmd else "other_pss")
            out[key] += mem.pss
            out["rss"] += mem.rss
            out["kernels"] += key == "kernel_pss"
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    out["total_pss"] = out["server_pss"] + out["kernel_pss"] + out["other_pss"]
    return {k: (_mb(v) if k != "kernels" else v) for k, v in out.items()}


def memory_of_pid(pid: int) -> dict:
    import psutil
    proc = psutil.Process(pid)
    procs = [proc, *[c for c in proc.children(recursive=True) if c.uids().real == proc.uids().real]]
    return {"pss": _mb(sum(p.memory_full_info().pss for p in procs)),
            "rss": _mb(sum(p.memory_full_info().rss for p in procs))}


def _session(room, user, teacher_nb):
    """Sign in, start the server, open the lesson, run its first cell: the seconds for each step."""
    import nbformat
    t0 = time.monotonic()
    room.sign_in(user)
    room.start_server(user)
    t_ready = time.monotonic()
    model = room.user_api(user, "GET", f"contents/lessons/{LESSON}")
    cells = steps(nbformat.from_dict(model["content"]), teacher_nb, NAMES[room.students.index(user)])
    kernel = room.kernel(user, f"lessons/{LESSON}")
    kernel.run(cells[0])
    t_first = time.monotonic()
    for code in cells[1:]:
        kernel.run(code)
    t_done = time.monotonic()
    return kernel, {"server_ready_s": t_ready - t0, "first_cell_s": t_first - t0,
                    "lesson_s": t_done - t_first}


def _stop_all(room):
    with ThreadPoolExecutor(len(room.students)) as pool:
        list(pool.map(lambda u: room.api("DELETE", f"users/{u}/server", ok=(202, 204, 400, 404)),
                      room.students))
    for user in room.students:
        deadline = time.monotonic() + 60
        while room.server(user) and time.monotonic() < deadline:
            time.sleep(0.5)


def measure(ns=(1, 4, 8)) -> dict:
    why = harness.missing()
    if why:
        return {"skipped": why}
    import nbformat
    teacher_nb = nbformat.read(ROOT / "notebooks" / LESSON, as_version=4)
    room = harness.Classroom(students=max(ns))
    result = {"lesson": LESSON, "by_n": {}}
    try:
        room.setup()
        result["hub_start_s"] = round(room.start_hub(), 2)
        kernels = []
        for n in ns:
            _stop_all(room)
            users = room.students[:n]
            with ThreadPoolExecutor(n) as pool:
                runs = list(pool.map(lambda u: _session(room, u, teacher_nb), users))
            kernels = [k for k, _ in runs]
            times = [t for _, t in runs]

            def one_check(kernel):
                start = time.monotonic()
                kernel.run(CHECK)
                return time.monotonic() - start
            with ThreadPoolExecutor(n) as pool:
                checks = list(pool.map(one_check, kernels))
            row = {}
            for key in ("server_ready_s", "first_cell_s", "lesson_s"):
                values = [t[key] for t in times]
                row[key] = {"median": round(statistics.median(values), 2), "max": round(max(values), 2)}
            row["check_s"] = {"median": round(statistics.median(checks), 3), "max": round(max(checks), 3)}
            result["by_n"][n] = row
        # Memory after the lesson, with the largest class still working.
        per = {u: memory_of(room.uid(u)) for u in room.students[:max(ns)]}
        result["per_student_mb"] = per
        for key in ("total_pss", "server_pss", "kernel_pss", "rss"):
            values = [m[key] for m in per.values()]
            result[f"student_{key}_mb"] = {"median": round(statistics.median(values), 1), "max": max(values)}
        result["hub_mb"] = memory_of_pid(room.hub.pid)  # the hub and the proxy it started
        for kernel in kernels:
            kernel.close()
    finally:
        room.close()
    return result


def import_speed() -> dict:
    """The first plot's import path in the hub environment against make's (both without rfc3987-syntax)."""
    code = "import plotly.io as pio; pio.renderers"
    out = {}
    for name, python in (("hub_env", harness.HUB_PYTHON), ("make_env", ROOT / ".venv" / "bin" / "python")):
        if not Path(python).exists():
            continue
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([str(python), "-c", code], check=True)
            times.append(time.perf_counter() - start)
        has = subprocess.run([str(python), "-c", "import rfc3987_syntax"], capture_output=True).returncode == 0
        out[name] = {"first_plot_imports_s": round(statistics.median(times), 2), "rfc3987_syntax": has}
    return out


def stack_memory() -> dict:
    """What a kernel's memory is made of: the libraries alone, then the kit with a lesson's data loaded."""
    base = "import psutil, ipykernel.kernelapp, pandas, plotly.express, plotly.graph_objects, ipywidgets"
    kit = base + "; import kit; kit.load_article(); kit.protests(); kit.compare('peak protest size')"
    out = {}
    for name, code in (("libraries_pss_mb", base), ("libraries_and_kit_pss_mb", kit)):
        run = subprocess.run([str(harness.HUB_PYTHON), "-c", code + "; print(psutil.Process().memory_full_info().pss)"],
                             capture_output=True, text=True, check=True)
        out[name] = _mb(int(run.stdout.split()[-1]))
    return out


def capacity_table(result: dict, sizes_gb=(4, 8, 16, 32)) -> dict:
    """Students at once per server size, from the measured memory (the kit's planning rule, for debate).

    Planning memory per student = the largest measured student (server + kernel, PSS) plus 50 % for
    a second open notebook or a bigger table, rounded up to 64 MB; the hub and proxy as measured;
    1 GB kept for the operating system and 20 % headroom (The Littlest JupyterHub suggests 20-40 %).
    """
    import math
    worst = result["student_total_pss_mb"]["max"]
    plan = math.ceil(worst * 1.5 / 64) * 64
    hub = result["hub_mb"]["pss"]
    rows, measured = {}, {}
    for gb in sizes_gb:
        usable = gb * 1024 * 0.8 - 1024 - hub
        rows[f"{gb} GB"] = max(0, int(usable // plan))
        measured[f"{gb} GB"] = max(0, int(usable // worst))
    return {"planning_mb_per_student": plan, "students_at_once": rows, "at_measured_memory": measured,
            "z2jh": {"memory.guarantee": f"{plan}M", "memory.limit": "1G"}}


def summary() -> dict:
    """Everything make bench reports about a class hub."""
    result = measure()
    if "skipped" not in result:
        result["table"] = capacity_table(result)
    result["imports"] = import_speed()
    result["kernel_parts"] = stack_memory() if harness.HUB_PYTHON.exists() else {}
    return result


if __name__ == "__main__":
    print(json.dumps(summary(), indent=1, ensure_ascii=False))
