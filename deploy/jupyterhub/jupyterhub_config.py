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
# Three server extensions the class does not use are off: Voila (the projector page runs from `make present`
# on the teacher's machine), the language-server bridge (no language server is installed) and terminals
# (the lessons never need a shell; a student's kernel already runs as the student). Measured with
# benchmarks/hub_capacity.py: Voila and the bridge 7 MB less per student server (110.5 -> 103.3 MB PSS);
# terminals about 4.5 MB less (66.1 -> 61.5 MB PSS for a bare JupyterLab server on this machine).
c.Spawner.args = ["--MappingKernelManager.cull_idle_timeout=1200",
                  "--MappingKernelManager.cull_interval=120",
                  "--MappingKernelManager.cull_connected=False",
                  "--ServerApp.jpserver_extensions=voila.server_extension=False",
                  "--ServerApp.jpserver_extensions=jupyter_lsp=False",
                  "--ServerApp.jpserver_extensions=jupyter_server_terminals=False"]
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


# The copy runs in a child process that has become the student (their uid, their group, no other
# groups, umask 027) before it reads or writes anything, so a link the student planted in their home
# can only lead where the student could already write: root never opens, writes or chowns a path in
# a home. The child still opens everything with O_NOFOLLOW relative to folder descriptors it checked,
# and refuses (with a line in the hub's log) anything in ~/lessons that is not what the hand-out made.
_COPY_AS_STUDENT = r"""
import os, stat, sys
source, home = sys.argv[1], sys.argv[2]
uid = os.getuid()
NOFOLLOW = os.O_NOFOLLOW | os.O_CLOEXEC
def refuse(why):
    print("not copied: " + why, flush=True)
try:
    home_fd = os.open(home, os.O_RDONLY | os.O_DIRECTORY | NOFOLLOW)
except OSError as err:
    refuse(f"the home {home} is not a folder that can be opened ({err.strerror})"); sys.exit(0)
st = os.fstat(home_fd)
if st.st_uid != uid:
    refuse(f"the home {home} does not belong to this student"); sys.exit(0)
os.fchmod(home_fd, stat.S_IMODE(st.st_mode) & 0o7770)  # no access for other users (useradd's default is 755)
def copy_tree(src, dst_fd, where):
    for entry in sorted(os.scandir(src), key=lambda e: e.name):
        name = entry.name
        try:
            have = os.stat(name, dir_fd=dst_fd, follow_symlinks=False)
        except FileNotFoundError:
            have = None
        if entry.is_dir(follow_symlinks=False):
            if have is None:
                os.mkdir(name, 0o750, dir_fd=dst_fd)
                have = os.stat(name, dir_fd=dst_fd, follow_symlinks=False)
            if not stat.S_ISDIR(have.st_mode) or have.st_uid != uid:
                refuse(f"{where}/{name} is not a folder of the student's own (a link?)"); continue
            sub = os.open(name, os.O_RDONLY | os.O_DIRECTORY | NOFOLLOW, dir_fd=dst_fd)
            try:
                copy_tree(entry.path, sub, f"{where}/{name}")
            finally:
                os.close(sub)
        elif entry.is_file(follow_symlinks=False):
            if have is not None:
                if not stat.S_ISREG(have.st_mode) or have.st_uid != uid:
                    refuse(f"{where}/{name} is there but is not a file of the student's own (a link?)")
                continue  # the student's own copy: never overwritten
            with open(entry.path, "rb") as fh:
                data = fh.read()
            out = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o640, dir_fd=dst_fd)
            with os.fdopen(out, "wb") as fh:
                fh.write(data)
try:
    try:
        os.mkdir("lessons", 0o750, dir_fd=home_fd)
    except FileExistsError:
        pass
    have = os.stat("lessons", dir_fd=home_fd, follow_symlinks=False)
    if not stat.S_ISDIR(have.st_mode) or have.st_uid != uid:
        refuse(f"{home}/lessons is not a folder of the student's own (a link?): nothing handed out")
        sys.exit(0)
    lessons = os.open("lessons", os.O_RDONLY | os.O_DIRECTORY | NOFOLLOW, dir_fd=home_fd)
    copy_tree(source, lessons, f"{home}/lessons")
except OSError as err:
    refuse(f"{err.filename or home}: {err.strerror or err}")
"""


def copy_handout(spawner) -> None:
    """Before a server starts: a private home, and the student version in ~/lessons (never overwritten).

    Files already in ~/lessons stay as they are, so a student's work is never replaced; a lesson the
    teacher hands out later appears at the next start. The copy runs as the student (see above); a
    refusal is logged and the server still starts. (On Kubernetes, use the nbgitpuller link instead.)
    """
    import subprocess
    user = pwd.getpwnam(spawner.user.name)
    if not Path(HANDOUT).is_dir():
        return
    try:
        done = subprocess.run([sys.executable, "-I", "-c", _COPY_AS_STUDENT, HANDOUT, user.pw_dir],
                              user=user.pw_uid, group=user.pw_gid, extra_groups=[], umask=0o027,
                              env={"PATH": "/usr/bin:/bin", "HOME": user.pw_dir, "LANG": "C.UTF-8"},
                              cwd="/", capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as err:
        spawner.log.warning("hand-out for %s not copied: %s", user.pw_name, err)
        return
    for line in (done.stdout + done.stderr).splitlines():
        if line.strip():
            spawner.log.warning("hand-out for %s %s", user.pw_name, line.strip())


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
