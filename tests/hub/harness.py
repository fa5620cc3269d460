"""A real JupyterHub for one class on loopback: Unix users, the class folder, the hub, servers, kernels.

Used by tests/test_hub.py and benchmarks/hub.py. Everything runs the project's own files: the hub runs
deploy/jupyterhub/jupyterhub_config.py (loaded from a small test configuration that only swaps in the
test authenticator, loopback ports, a temporary state folder and a service token for the driver), the
class folder is made by deploy/jupyterhub/class-folder.sh, the lessons handed out by hand-out.sh.

Needs root (it creates Unix users, so file permissions are the operating system's, not a simulation)
and the proxy from npm (``npm install --prefix deploy/jupyterhub``). ``Classroom.close()`` stops every
process it started and removes every user, group, mount and folder it made.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "jupyterhub"
PROXY = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
# The hub's own environment, built by deploy/jupyterhub/install.sh (make install does it).
HUB_PYTHON = Path(os.environ.get("KIT_HUB_PYTHON") or ROOT / ".venv" / "hub" / "bin" / "python")
MARK = "kit hub test pid"  # in the GECOS field of every user made here, to find leftovers


def missing() -> str:
    """Why a hub cannot run here ('' when it can)."""
    if not PROXY.exists():
        return (f"the proxy is not installed ({PROXY} is missing): run "
                "`npm install --prefix deploy/jupyterhub` (make install does it when npm is present)")
    if shutil.which("node") is None:
        return "Node.js is not installed (the proxy needs it)"
    if os.geteuid() != 0:
        return "the hub test creates Unix users, so it must run as root (CI does)"
    if not HUB_PYTHON.exists():
        return (f"the hub environment {HUB_PYTHON.parent.parent} is missing: run make install "
                "(it runs deploy/jupyterhub/install.sh --editable .venv/hub)")
    return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(*cmd: str) -> str:
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed ({out.returncode}): {out.stderr.strip() or out.stdout.strip()}")
    return out.stdout


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def kill_user_processes(uids: set[int], sig=signal.SIGKILL) -> None:
    """End the processes of the given (test) users, by pid."""
    import psutil
    for proc in psutil.process_iter(["uids"]):
        try:
            if proc.info["uids"] and proc.info["uids"].real in uids:
                proc.send_signal(sig)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass


def remove_leftover_users() -> list[str]:
    """Users made by an earlier run that died before cleaning up (its pid is gone)."""
    removed = []
    for entry in pwd.getpwall():
        if entry.pw_gecos.startswith(MARK):
            pid = int(entry.pw_gecos.rsplit(" ", 1)[-1])
            if not _alive(pid):
                kill_user_processes({entry.pw_uid})
                subprocess.run(["userdel", "--remove", entry.pw_name], capture_output=True)
                removed.append(entry.pw_name)
    return removed


class ExecResult:
    def __init__(self):
        self.stdout, self.outputs, self.error, self.status = "", [], None, None

    @property
    def text(self) -> str:
        parts = [self.stdout] + [o.get("text/plain", "") for o in self.outputs]
        return "\n".join(p for p in parts if p)

    def __repr__(self):
        return f"ExecResult(status={self.status!r}, stdout={self.stdout[-500:]!r}, error={self.error!r})"


class Kernel:
    """One kernel on a user's server, driven over the Jupyter server's websocket, as JupyterLab does."""

    def __init__(self, room: Classroom, user: str, path: str):
        self.room, self.user, self.path = room, user, path
        self.session = uuid.uuid4().hex
        self.reconnects = 0
        r = room.user_api(user, "POST", "sessions",
                          json={"path": path, "type": "notebook", "name": Path(path).name,
                                "kernel": {"name": "python3"}})
        self.kernel_id = r["kernel"]["id"]
        self.connect()

    def connect(self, timeout: float = 60):
        import websocket
        url = (f"ws://127.0.0.1:{self.room.port}/user/{self.user}/api/kernels/{self.kernel_id}/channels"
               f"?session_id={self.session}")
        self.ws = websocket.create_connection(url, header=[f"Authorization: token {self.room.token}"],
                                              timeout=timeout)

    def _reconnect(self):
        self.reconnects += 1
        if self.reconnects > 10:
            raise ConnectionError(f"{self.user}: the kernel connection dropped {self.reconnects} times")
        self.close()
        self.connect()

    def _send(self, text: str):
        import websocket
        try:
            self.ws.send(text)
        except (websocket.WebSocketConnectionClosedException, ConnectionError):
            self._reconnect()
            self.ws.send(text)

    def close(self):
        try:
            self.ws.close()
        except Exception:
            pass

    def execute(self, code: str, timeout: float = 180) -> ExecResult:
        import websocket
        msg_id = uuid.uuid4().hex
        self._send(json.dumps({
            "header": {"msg_id": msg_id, "username": self.user, "session": self.session,
                       "msg_type": "execute_request", "version": "5.3",
                       "date": dt.datetime.now(dt.UTC).isoformat()},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        result, idle, replied = ExecResult(), False, False
        deadline = time.monotonic() + timeout
        while not (idle and replied):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.user}: no answer from the kernel in {timeout} s for {code[:80]!r}")
            try:
                msg = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                continue
            except (websocket.WebSocketConnectionClosedException, ConnectionError):
                # A dropped connection (a busy server or proxy): reconnect with the same session, as
                # JupyterLab does; the server replays what the kernel said meanwhile.
                self._reconnect()
                continue
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                result.stdout += content["text"]
            elif kind in ("execute_result", "display_data"):
                result.outputs.append(content["data"])
            elif kind == "error":
                result.error = f"{content['ename']}: {content['evalue']}"
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
            elif kind == "execute_reply":
                replied, result.status = True, content["status"]
        return result

    def run(self, code: str, timeout: float = 180) -> ExecResult:
        """Execute and insist that the cell ran without an error."""
        result = self.execute(code, timeout)
        if result.error or result.status != "ok":
            raise AssertionError(f"{self.user}: cell failed: {result.error}\n--- code:\n{code}\n--- out:\n"
                                 f"{result.stdout[-2000:]}")
        return result


class Classroom:
    """A teacher and N students with real Unix accounts, a class folder, and a hub serving them."""

    def __init__(self, students: int = 8, class_size_mb: int = 16, python: str | Path = HUB_PYTHON,
                 extra_config: str = ""):
        import requests
        self.python = str(python)
        self.extra_config = extra_config
        self.starts = 0
        self.http = requests.Session()
        self.procs: list = []
        self.hub = None
        self.made_users: list[str] = []
        self.mounted = False
        self.mount_error = ""
        remove_leftover_users()
        tag = secrets.token_hex(2)
        self.teacher = f"kh{tag}-teacher"
        self.students = [f"kh{tag}-s{i:02d}" for i in range(1, students + 1)]
        self.group = f"kh{tag}-teachers"
        self.base = Path(tempfile.mkdtemp(prefix="kit-hub-"))
        self.base.chmod(0o755)  # users must reach their homes and the class folder
        self.homes = self.base / "home"
        self.homes.mkdir(mode=0o755)
        self.state = self.base / "hub-state"
        self.class_dir = self.base / "class"
        self.class_dir.mkdir()
        self.class_size_mb = class_size_mb
        self.token = secrets.token_hex(32)
        self.port, self.hub_port, self.api_port = free_port(), free_port(), free_port()
        self.config = self.base / "jupyterhub_test_config.py"
        self.netguard_log = self.base / "netguard.log"

    # --- set-up ----------------------------------------------------------------------------------
    def setup(self) -> Classroom:
        for name in [self.teacher, *self.students]:
            _run("useradd", "--create-home", "--home-dir", str(self.homes / name), "--shell", "/bin/sh",
                 "--user-group", "--comment", f"{MARK} {os.getpid()}", name)
            self.made_users.append(name)
        self.netguard_log.touch()
        self.netguard_log.chmod(0o666)  # every user's kernel may report a refused connection
        try:  # a small disk of its own, so a test can fill it; some containers may not mount
            _run("mount", "-t", "tmpfs", "-o", f"size={self.class_size_mb}m,mode=0755", "tmpfs", str(self.class_dir))
            self.mounted = True
        except RuntimeError as err:
            self.mount_error = str(err)
        _run(str(DEPLOY / "class-folder.sh"), str(self.class_dir), self.group, self.teacher)
        _run(str(DEPLOY / "hand-out.sh"), str(self.class_dir), self.python)
        self._write_config()
        return self

    def _write_config(self):
        role = {"name": "kit-test-driver", "services": ["kit-test-driver"],
                "scopes": ["admin:users", "admin:servers", "admin:server_state", "access:servers",
                           "list:users", "read:users", "list:groups", "read:groups", "tokens"]}
        self.config.write_text(f"""# Written by tests/hub/harness.py: the school's configuration, with test-only swaps.
c = get_config()
load_subconfig({str(DEPLOY / 'jupyterhub_config.py')!r})
c.JupyterHub.authenticator_class = "dummy"   # any password; only the class list may sign in
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {self.hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{self.api_port}"
c.ConfigurableHTTPProxy.command = [{str(PROXY)!r}]
c.Spawner.ip = "127.0.0.1"
c.JupyterHub.services = [{{"name": "kit-test-driver", "api_token": {self.token!r}}}]
c.JupyterHub.load_roles = c.JupyterHub.load_roles + [{role!r}]
c.JupyterHub.log_level = "INFO"
# Every Python process of the class (hub, servers, kernels) refuses outbound connections and logs tries.
c.Spawner.environment.update({{"KIT_NETGUARD_LOG": {str(self.netguard_log)!r}}})
""" + self.extra_config)

    def hub_env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIT_")}
        env.update(KIT_CLASS_DIR=str(self.class_dir), KIT_HUB_TEACHERS=self.teacher,
                   KIT_HUB_STUDENTS=",".join(self.students), KIT_HUB_STATE=str(self.state),
                   KIT_HUB_URL=f"http://127.0.0.1:{self.port}", KIT_NETGUARD_LOG=str(self.netguard_log),
                   # kept for the servers (Spawner.env_keep); the kit from this checkout first, so a run
                   # from a copy of an older commit tests that commit's code
                   PYTHONPATH=os.pathsep.join([str(ROOT / "tests" / "netguard"), str(ROOT)]))
        return env

    def start_hub(self, timeout: float = 180) -> float:
        """Start the hub and wait until its API answers; the seconds it took."""
        sys.path.insert(0, str(ROOT / "tests"))
        from conftest import start_server
        start = time.monotonic()
        self.starts += 1
        self.hub = start_server([self.python, "-m", "jupyterhub", "-f", str(self.config)],
                                self.base / f"hub.{self.starts}.log", env=self.hub_env(), cwd=str(self.base))
        self.procs.append(self.hub)
        deadline = start + timeout
        while time.monotonic() < deadline:
            if self.hub.poll() is not None:
                raise RuntimeError(f"the hub exited ({self.hub.returncode}):\n{self.hub_log()}")
            try:
                if self.http.get(f"{self.url}/hub/api/", timeout=5).ok:
                    return time.monotonic() - start
            except Exception:
                pass
            time.sleep(0.3)
        raise TimeoutError(f"the hub did not answer in {timeout} s:\n{self.hub_log()}")

    def stop_hub(self, sig=signal.SIGTERM, timeout: float = 30):
        if self.hub and self.hub.poll() is None:
            self.hub.send_signal(sig)
            try:
                self.hub.wait(timeout)
            except subprocess.TimeoutExpired:
                self.hub.kill()
                self.hub.wait(10)

    def hub_log(self, tail: int | None = 4000) -> str:
        path = self.base / f"hub.{self.starts}.log"
        text = path.read_text(errors="replace") if path.exists() else ""
        return text[-tail:] if tail else text

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- the hub's REST API ----------------------------------------------------------------------
    def api(self, method: str, path: str, ok=(200, 201, 202, 204), **kw):
        r = self.http.request(method, f"{self.url}/hub/api/{path}", timeout=60,
                              headers={"Authorization": f"token {self.token}"}, **kw)
        if r.status_code not in ok:
            raise RuntimeError(f"{method} /hub/api/{path}: {r.status_code} {r.text[:500]}")
        return r.json() if r.content else None

    def user_api(self, user: str, method: str, path: str, ok=(200, 201, 204), **kw):
        r = self.http.request(method, f"{self.url}/user/{user}/api/{path}", timeout=60,
                              headers={"Authorization": f"token {self.token}"}, **kw)
        if r.status_code not in ok:
            raise RuntimeError(f"{method} /user/{user}/api/{path}: {r.status_code} {r.text[:500]}")
        return r.json() if r.content else None

    def sign_in(self, user: str):
        """Sign in through the hub's login form, as a browser does; the signed-in session."""
        import requests
        s = requests.Session()
        s.get(f"{self.url}/hub/login", timeout=30)
        r = s.post(f"{self.url}/hub/login", timeout=60, allow_redirects=False,
                   data={"username": user, "password": "class", "_xsrf": s.cookies.get("_xsrf", "")})
        if r.status_code != 302:
            raise RuntimeError(f"sign-in of {user} failed: {r.status_code} {r.text[:300]}")
        return s

    def server(self, user: str) -> dict | None:
        return self.api("GET", f"users/{user}").get("servers", {}).get("")

    def start_server(self, user: str, timeout: float = 180) -> float:
        start = time.monotonic()
        self.api("POST", f"users/{user}/server")
        while time.monotonic() - start < timeout:
            server = self.server(user)
            if server and server.get("ready"):
                return time.monotonic() - start
            time.sleep(0.5)
        raise TimeoutError(f"{user}'s server was not ready in {timeout} s:\n{self.hub_log()}")

    def start_servers(self, users: list[str]) -> dict[str, float]:
        with ThreadPoolExecutor(len(users)) as pool:
            return dict(zip(users, pool.map(self.start_server, users)))

    def stop_server(self, user: str, timeout: float = 60) -> None:
        self.api("DELETE", f"users/{user}/server", ok=(202, 204))
        start = time.monotonic()
        while self.server(user) and time.monotonic() - start < timeout:
            time.sleep(0.5)
        if self.server(user):
            raise TimeoutError(f"{user}'s server did not stop in {timeout} s")

    def server_pid(self, user: str) -> int:
        return int(self.server(user)["state"]["pid"])

    def kernel(self, user: str, path: str) -> Kernel:
        return Kernel(self, user, path)

    # --- files, as the users see them ------------------------------------------------------------
    def uid(self, user: str) -> int:
        return pwd.getpwnam(user).pw_uid

    def gid_teachers(self) -> int:
        import grp
        return grp.getgrnam(self.group).gr_gid

    def home(self, user: str) -> Path:
        return self.homes / user

    def submissions(self) -> Path:
        return self.class_dir / "submissions"

    # --- tear-down -------------------------------------------------------------------------------
    def close(self):
        """Stop servers, hub and proxy; remove users, the mount and the folders. Never raises."""
        errors = []
        if self.hub and self.hub.poll() is None:
            def stop(user):
                try:
                    self.api("DELETE", f"users/{user}/server", ok=(202, 204, 400, 404))
                except Exception as err:
                    errors.append(err)
            with ThreadPoolExecutor(len(self.students) + 1) as pool:
                list(pool.map(stop, [self.teacher, *self.students]))
        self.stop_hub()
        proxy_pid = self.state / "jupyterhub-proxy.pid"
        try:
            os.kill(int(proxy_pid.read_text().strip()), signal.SIGTERM)
        except (OSError, ValueError):
            pass
        uids = set()
        for name in self.made_users:
            try:
                uids.add(self.uid(name))
            except KeyError:
                pass
        kill_user_processes(uids)
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
        time.sleep(0.5)
        for name in self.made_users:
            subprocess.run(["userdel", "--remove", name], capture_output=True)
        subprocess.run(["groupdel", self.group], capture_output=True)
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.class_dir)], capture_output=True)
        keep = ROOT / ".venv" / "hub-test-logs"  # the last run's logs, for a failure's post-mortem
        shutil.rmtree(keep, ignore_errors=True)
        keep.mkdir(parents=True, exist_ok=True)
        for log in self.base.glob("hub.*.log"):
            shutil.copy(log, keep / log.name)
        shutil.rmtree(self.base, ignore_errors=True)
        return errors
