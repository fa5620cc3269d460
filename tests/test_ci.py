"""What CI runs (.ci/run) installs system packages through .ci/apt, which waits while another install
holds the package system's lock instead of failing at once (issue 23)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LOCK = "/var/lib/dpkg/lock-frontend"
HOLD = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o640)
fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""

needs_apt = pytest.mark.skipif(
    shutil.which("apt-get") is None or os.geteuid() != 0 or not Path(LOCK).exists(),
    reason="needs Debian's apt-get, run as root (as CI is)")


def _holding(seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, LOCK, str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def _installed_package() -> str:
    """A package this machine already has, so that installing it again downloads nothing."""
    return "make"


def test_every_apt_call_of_ci_goes_through_the_waiting_wrapper():
    run = (ROOT / ".ci" / "run").read_text()
    calls = [line for line in run.splitlines() if "apt-get " in line and not line.lstrip().startswith("#")
             and "command -v apt-get" not in line]
    assert not calls, f"apt-get called directly (fails at once on a held lock): {calls}"
    assert "sh .ci/apt install" in run


@needs_apt
def test_plain_apt_get_fails_at_once_on_a_held_lock():
    """The case the wrapper is for: without it, a held lock is an immediate failure."""
    holder = _holding(30)
    try:
        done = subprocess.run(["apt-get", "install", "-y", "-qq", "--no-download", _installed_package()],
                              capture_output=True, text=True, timeout=60)
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode != 0 and "lock" in done.stderr


@needs_apt
def test_the_wrapper_waits_for_the_lock_and_then_succeeds():
    holder = _holding(4)
    try:
        done = subprocess.run(["sh", str(ROOT / ".ci" / "apt"), "install", "-y", "-qq", "--no-download",
                               _installed_package()], capture_output=True, text=True, timeout=300)
    finally:
        holder.wait()
    assert done.returncode == 0, done.stderr
    assert holder.returncode == 0, "the lock was held for its whole time while the wrapper waited"


@needs_apt
def test_the_wrapper_still_fails_on_a_real_error():
    done = subprocess.run(["sh", str(ROOT / ".ci" / "apt"), "install", "-y", "-qq", "--no-download",
                           "no-such-package-kit-test"], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "no-such-package-kit-test" in done.stderr
