"""JupyterHub for one class with the Belarus column kit (one server, local Unix users).

    sudo deploy/jupyterhub/install.sh                 # the kit, JupyterHub and the proxy, fast
    sudo deploy/jupyterhub/class-folder.sh /srv/kit-class kit-teachers ms-ivanova
    sudo KIT_HUB_TEACHERS=ms-ivanova KIT_HUB_STUDENTS=anya,boris,chen \
         /opt/kit-hub/bin/jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

Who is who: the JupyterHub group "teachers" and the group "students" (made from the two lists
above), each with a role. Every user is a real Unix user, so the operating system, not the kit,
keeps one student from writing another's submission:

    /srv/kit-class/                 root:kit-teachers  2771  teachers read and write; students pass through
    /srv/kit-class/submissions/     root:kit-teachers  3773  a drop box: students create their own file,
                                                             cannot list, replace or delete anyone else's
    /srv/kit-class/handout/         root:kit-teachers  2775  the student version, copied into each home

Every server starts with KIT_CLASS_DIR set, so kit.exercises.export() and every check write the
student's submission into submissions/ (see the README, "For school IT"). Settings come from the
environment so that the tests run this very file; edit the defaults below for your school.
"""
import os
import pwd
import shutil
import sys
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner

c = get_config()  # noqa: F821 (JupyterHub provides it)


def _names(variable: str) -> list[str]:
    return [n.strip() for n in os.environ.get(variable, "").split(",") if n.strip()]


CLASS_DIR = os.environ.get("KIT_CLASS_DIR", "/srv/kit-class")
HANDOUT = os.environ.get("KIT_HUB_HANDOUT", os.path.join(CLASS_DIR, "handout"))
TEACHERS = _names("KIT_HUB_TEACHERS")
STUDENTS = _names("KIT_HUB_STUDENTS")
ADMINS = _names("KIT_HUB_ADMINS")  # school IT; teachers need not be admins
STATE = os.environ.get("KIT_HUB_STATE", "/srv/jupyterhub")  # database, cookie secret, proxy token
if not TEACHERS or not STUDENTS:
    sys.exit("The class list is empty: set KIT_HUB_TEACHERS and KIT_HUB_STUDENTS to comma-separated "
             "Unix user names (or edit them in deploy/jupyterhub/jupyterhub_config.py).")

# --- who may sign in, and what each role may do -------------------------------------------------
c.JupyterHub.authenticator_class = "pam"  # the server's own accounts; swap for your school's SSO
c.Authenticator.allowed_users = set(TEACHERS + STUDENTS)
c.Authenticator.admin_users = set(ADMINS)
c.JupyterHub.load_groups = {
    "teachers": {"users": TEACHERS, "properties": {"kit": "teacher"}},
    "students": {"users": STUDENTS, "properties": {"kit": "student"}},
}
c.JupyterHub.load_roles = [
    # A teacher sees the class list, who is working, and can open a stuck student's server to help.
    {"name": "kit-teacher", "groups": ["teachers"],
     "scopes": ["self", "list:users!group=students", "read:users!group=students",
                "read:users:activity!group=students", "servers!group=students",
                "access:servers!group=students", "read:groups!group=students"]},
    # A student has their own server and nothing else.
    {"name": "user", "scopes": ["self"]},
]

# --- the single-user servers --------------------------------------------------------------------
# Python and jupyterhub-singleuser from the environment the hub runs in (install.sh builds it).
c.Spawner.cmd = [os.path.join(os.path.dirname(sys.executable), "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab/tree/lessons"
c.Spawner.environment = {"KIT_CLASS_DIR": CLASS_DIR}
# A kernel nobody is connected to (a lesson left open in a closed browser) stops after 20 minutes
# idle, and its memory returns to the class; answers are saved at every check, so nothing is lost.
# Two server extensions the class does not use are off: Voila (the projector page runs from `make present`
# on the teacher's machine) and the language-server bridge (no language server is installed). Measured
# with benchmarks/hub_capacity.py: 7 MB less per student server (110.5 -> 103.3 MB PSS).
c.Spawner.args = ["--MappingKernelManager.cull_idle_timeout=1200",
                  "--MappingKernelManager.cull_interval=120",
                  "--MappingKernelManager.cull_connected=False",
                  "--ServerApp.jpserver_extensions=voila.server_extension=False",
                  "--ServerApp.jpserver_extensions=jupyter_lsp=False"]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# Measured (README, "How many students a server holds"): 214 MB per student after a lesson.
# LocalProcessSpawner only reports these; The Littlest JupyterHub and Kubernetes enforce them.
c.Spawner.mem_guarantee = "256M"
c.Spawner.mem_limit = "1G"
# A hub restart or upgrade must not stop lessons: servers and the proxy keep running, and the hub
# picks them up again from its database when it comes back.
c.JupyterHub.cleanup_servers = False
c.JupyterHub.cleanup_proxy = False


class ClassSpawner(LocalProcessSpawner):
    """LocalProcessSpawner whose servers create files without access for "others" (umask 027).

    The kit makes each submission readable on purpose; everything else a student or a teacher writes
    (their notes, the gradebook, grades.csv) stays private to them and, in the class folder, to the
    teachers' group.
    """

    def make_preexec_fn(self, name):
        switch_user = super().make_preexec_fn(name)

        def preexec():
            os.umask(0o027)
            switch_user()
        return preexec


c.JupyterHub.spawner_class = ClassSpawner


def copy_handout(spawner) -> None:
    """Before a server starts: a private home, and the student version in ~/lessons (never overwritten).

    Files already in ~/lessons stay as they are, so a student's work is never replaced; a lesson the
    teacher hands out later appears at the next start. (On Kubernetes, use the nbgitpuller link instead.)
    """
    user = pwd.getpwnam(spawner.user.name)
    home = Path(user.pw_dir)
    if home.is_dir():
        home.chmod(home.stat().st_mode & 0o7770)  # no access for other users (useradd's default is 755)
    source = Path(HANDOUT)
    if not source.is_dir():
        return
    target = home / "lessons"
    for path in sorted(source.rglob("*")):
        dest = target / path.relative_to(source)
        if dest.exists():
            continue
        if path.is_dir():
            dest.mkdir(parents=True)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)
        for made in [dest, *[p for p in dest.parents if p == target or target in p.parents]]:
            os.chown(made, user.pw_uid, user.pw_gid)


c.Spawner.pre_spawn_hook = copy_handout

# --- the hub's own files and address ------------------------------------------------------------
os.makedirs(STATE, mode=0o700, exist_ok=True)
c.JupyterHub.db_url = f"sqlite:///{STATE}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{STATE}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = f"{STATE}/jupyterhub.pid"
c.ConfigurableHTTPProxy.pid_file = f"{STATE}/jupyterhub-proxy.pid"
# The proxy installed by install.sh (npm install --prefix deploy/jupyterhub), else one on PATH.
_proxy = Path(__file__).resolve().parent / "node_modules" / ".bin" / "configurable-http-proxy"
if _proxy.exists():
    c.ConfigurableHTTPProxy.command = [str(_proxy)]
# The proxy outlives a hub restart, so both must share its token: keep it in a file.
_token_file = Path(STATE) / "proxy-token"
if not _token_file.exists():
    _token_file.write_text(os.urandom(32).hex())
    _token_file.chmod(0o600)
c.ConfigurableHTTPProxy.auth_token = _token_file.read_text().strip()
c.JupyterHub.bind_url = os.environ.get("KIT_HUB_URL", "http://:8000")  # put HTTPS in front (README)
