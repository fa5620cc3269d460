"""A class on a real JupyterHub: a teacher and eight students with Unix accounts, on loopback.

The hub runs the school configuration in deploy/jupyterhub/ (with the test authenticator and loopback
ports swapped in), from the hub environment deploy/jupyterhub/install.sh builds, behind the npm proxy.
Students sign in, their servers start through the hub's REST API, each runs lesson 2's student notebook
through the Jupyter server's API (a kernel over its websocket), answers and exports into the class
folder; the operating system, not the kit, stops one student writing another's file. Faults: a server
killed mid-lesson, the hub restarted while students work, the class folder full.

Skips (with the reason) only where the proxy or the hub environment could not be installed or the
run is not root; with CI set it fails instead.
"""
from __future__ import annotations

import json
import os
import stat
import time
import warnings
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT
from hub import harness
from hub.lesson import contract_student_id, steps

LESSON = "02_2006_vs_2020.ipynb"
LESSON_QIDS = {"q2.1", "q2.2", "q2.3", "q2.4", "q2.5", "q2.6", "q2.7"}
# Names as typed into the sign-in box: several scripts, an apostrophe, a comma.
NAMES = ["Аня Петрова", "李明", "Zoë Ångström", "Siobhán O'Brien", "Nguyễn Văn An", "Jan Kowalski",
         "María José López", "Omar Al-Farsi"]
TEACHER_NAME = "Ms Ivanova"


def _has_class_folder_export() -> bool:
    """Issue 13's class-folder export (kit.exercises.classfolder) is in this checkout."""
    return (ROOT / "kit" / "exercises" / "classfolder.py").exists()


# Until issue 13's class-folder export is merged, the student's own kernel copies what today's
# export() wrote to the contract's place (<class>/submissions/<student_id>.json, mode 0644), as that
# student, so the permissions tested are still the operating system's.
BRIDGE = """
import json, os
from kit.exercises import responses
_src = responses.export()
_dst = os.path.join(os.environ["KIT_CLASS_DIR"], "submissions", {sid!r} + ".json")
_tmp = _dst + ".tmp"
_fd = os.open(_tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
try:
    os.fchmod(_fd, 0o644)
    with os.fdopen(_fd, "w") as _fh:
        _fh.write(open(_src, encoding="utf-8").read())
    os.replace(_tmp, _dst)
finally:
    if os.path.exists(_tmp):
        os.unlink(_tmp)
print("Your answers are in", _dst)
"""


def _export_code(name: str) -> str:
    return "print(export())" if _has_class_folder_export() else BRIDGE.format(sid=contract_student_id(name))


@pytest.fixture(scope="module")
def room():
    why = harness.missing()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"the hub test must run in CI, but {why}")
        pytest.skip(f"no JupyterHub here: {why}")
    room = harness.Classroom(students=len(NAMES))
    try:
        room.setup()
        room.start_hub()
        room.names = dict(zip(room.students, NAMES))
        room.names[room.teacher] = TEACHER_NAME
        room.kernels = {}
        yield room
    finally:
        for kernel in getattr(room, "kernels", {}).values():
            kernel.close()
        room.close()


def _notebooks():
    teacher = nbformat.read(ROOT / "notebooks" / LESSON, as_version=4)
    return teacher


def _submission(room, user) -> Path:
    """The student's hand-in: the newest file in the drop box owned by that student (its name is not
    a function of the typed name, so it is found by its owner, as collect finds it)."""
    uid = room.uid(user)
    own = [p for p in room.submissions().iterdir()
           if not p.name.startswith(".") and p.lstat().st_uid == uid and p.name.endswith(".json")]
    assert own, f"{user} has no file in the drop box"
    return max(own, key=lambda p: p.lstat().st_mtime_ns)


def _run_lesson(room, user, wrong_first=None):
    """Open the student notebook from the student's home and run it as the student would."""
    model = room.user_api(user, "GET", f"contents/lessons/{LESSON}")
    student_nb = nbformat.from_dict(model["content"])
    assert student_nb.metadata["kit"]["version"] == "student"
    kernel = room.kernel(user, f"lessons/{LESSON}")
    room.kernels[user] = kernel
    cells = steps(student_nb, _notebooks(), room.names[user], wrong_first)
    for code in cells:
        if code.strip() == "export()":
            code = _export_code(room.names[user])
        kernel.run(code)
    return len(cells)


def test_class_signs_in_and_every_submission_arrives(room):
    # Groups and roles come from the school configuration.
    groups = {g["name"]: set(g["users"]) for g in room.api("GET", "groups")}
    assert groups["teachers"] == {room.teacher}
    assert groups["students"] == set(room.students)
    # Everyone signs in through the login form (the test authenticator stands in for PAM or SSO).
    for user in [room.teacher, *room.students]:
        room.sign_in(user)
    with pytest.raises(RuntimeError, match="sign-in"):
        room.sign_in("not-in-this-class")
    # Roles: a teacher lists the class; a student sees no one else.
    def token(user):
        return room.api("POST", f"users/{user}/tokens", json={"note": "role check"})["token"]
    def list_users(tok):
        return room.http.get(f"{room.url}/hub/api/users", headers={"Authorization": f"token {tok}"}, timeout=30)
    listed = list_users(token(room.teacher))
    assert listed.status_code == 200 and set(room.students) <= {u["name"] for u in listed.json()}
    assert list_users(token(room.students[0])).status_code == 403
    started = room.start_servers([room.teacher, *room.students])
    assert set(started) == {room.teacher, *room.students}
    # The two server extensions the class does not use are off (7 MB a server): Voila and the LSP bridge.
    def status_of(path):
        return room.http.get(f"{room.url}/user/{room.students[0]}/{path}", timeout=30,
                             headers={"Authorization": f"token {room.token}"}).status_code
    assert status_of("api/status") == 200
    assert status_of("lsp/status") == 404 and status_of("voila/render/lessons/" + LESSON) == 404
    assert status_of("api/terminals") == 404, "terminals are off in student servers"
    # The hand-out reached every home, owned by its student.
    for user in room.students:
        copy = room.home(user) / "lessons" / LESSON
        assert copy.stat().st_uid == room.uid(user)
        assert stat.S_IMODE(room.home(user).stat().st_mode) & 0o007 == 0, "a home open to other users"

    from concurrent.futures import ThreadPoolExecutor
    wrong = {user: {"q2.5": "B"} for user in room.students[::2]}
    with ThreadPoolExecutor(len(room.students)) as pool:
        ran = list(pool.map(lambda u: _run_lesson(room, u, wrong.get(u)), room.students))
    assert all(n > 15 for n in ran)
    if not _has_class_folder_export():
        warnings.warn("issue 13's class-folder export is not merged: the test copied each submission "
                      "into the class folder from the student's own kernel (BRIDGE in tests/test_hub.py)", stacklevel=2)

    for user in room.students:
        path = _submission(room, user)
        assert path.exists(), f"{user}'s submission did not arrive at {path}"
        st = path.stat()
        assert st.st_uid == room.uid(user), "a submission must be owned by the student who wrote it"
        # Readable by the teachers' group only: a classmate who learns the file name cannot read it.
        assert stat.S_IMODE(st.st_mode) == 0o640, oct(st.st_mode)
        assert st.st_gid == room.gid_teachers()
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["format"] == "kit-submission"
        assert LESSON_QIDS <= set(data["answers"]), f"{user}: answers missing: {LESSON_QIDS - set(data['answers'])}"
        for qid in LESSON_QIDS:
            assert data["answers"][qid]["status"] in ("correct", "saved"), (user, qid, data["answers"][qid])
        attempts = data["answers"]["q2.5"]["attempts"]
        assert attempts == (2 if user in wrong else 1)
        if isinstance(data["student"], dict):  # version 2 (issue 13): identity and hub user recorded
            assert data["student"]["name"] == room.names[user]
            assert data["hub_user"] == user and data["os_user"] == user
    # Nothing else landed in the drop box (no temporary files left behind).
    names = sorted(p.name for p in room.submissions().iterdir())
    assert names == sorted(_submission(room, u).name for u in room.students)


PROBE = """
import json, os
sub = os.path.join(os.environ["KIT_CLASS_DIR"], "submissions")
target = os.path.join(sub, {target!r})
tries = {{
    "append to it": lambda: open(target, "a").write("x"),
    "truncate it": lambda: open(target, "w").close(),
    "delete it": lambda: os.unlink(target),
    "make it writable": lambda: os.chmod(target, 0o666),
    "list the drop box": lambda: os.listdir(sub),
    "write in the class folder": lambda: open(os.path.join(os.environ["KIT_CLASS_DIR"], "grades.csv"), "w"),
    "read a classmate's home": lambda: os.listdir({home!r}),
}}
def _replace():
    tmp = os.path.join(sub, "probe-" + str(os.getpid()))
    open(tmp, "w").close()
    try:
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
tries["replace it"] = _replace
out = {{}}
for what, attempt in tries.items():
    try:
        attempt()
        out[what] = "done"
    except PermissionError:
        out[what] = "PermissionError"
    except OSError as err:
        out[what] = type(err).__name__ + ": " + str(err)
print(json.dumps(out))
"""


def test_no_student_can_write_another_students_submission(room):
    victim, intruder = room.students[0], room.students[1]
    path = _submission(room, victim)
    before = path.read_bytes()
    result = room.kernels[intruder].run(PROBE.format(target=path.name, home=str(room.home(victim))))
    tried = json.loads(result.stdout.strip().splitlines()[-1])
    assert tried == {what: "PermissionError" for what in tried}, tried
    assert path.read_bytes() == before and path.stat().st_uid == room.uid(victim)
    if _has_class_folder_export():
        # Signing in under a classmate's name does not let the kit overwrite their file either.
        out = room.kernels[intruder].run(f"from kit.exercises import sign_in, export\n"
                                         f"sign_in({room.names[victim]!r})\nprint(export())")
        assert "Traceback" not in out.text, out.text
        room.kernels[intruder].run(f"sign_in({room.names[intruder]!r})")
        assert path.read_bytes() == before


def test_teacher_collects_and_exports_grades(room):
    kernel = room.kernel(room.teacher, f"lessons/{LESSON}")
    room.kernels[room.teacher] = kernel
    cls = str(room.class_dir)
    has_collect = "collect" in kernel.run(
        "import subprocess, sys\n"
        "print(subprocess.run([sys.executable, '-m', 'kit', '--help'], capture_output=True, text=True).stdout)"
    ).stdout
    if not has_collect:
        # Before issue 13 lands: the teacher (a member of the teachers' group) reads every file.
        out = kernel.run(f"import json, os\nsub = os.path.join({cls!r}, 'submissions')\n"
                         "print(json.dumps({f: len(json.load(open(os.path.join(sub, f)))['answers']) "
                         "for f in os.listdir(sub)}))")
        read = json.loads(out.stdout.strip().splitlines()[-1])
        assert set(read) == {_submission(room, u).name for u in room.students}
        assert all(n >= len(LESSON_QIDS) for n in read.values())
        warnings.warn("python -m kit collect/grades (issue 13) is not merged: the teacher read the "
                      "submissions directly", stacklevel=2)
        return
    out = kernel.run("import subprocess, sys\n"
                     f"r = subprocess.run([sys.executable, '-m', 'kit', 'collect', {cls!r}], capture_output=True, text=True)\n"
                     "print(r.returncode, r.stdout, r.stderr)\n"
                     f"r = subprocess.run([sys.executable, '-m', 'kit', 'grades', {cls!r}], capture_output=True, text=True)\n"
                     "print(r.returncode, r.stdout, r.stderr)")
    assert out.stdout.count("0 ") >= 2 and "Traceback" not in out.stdout, out.stdout
    import csv
    grades = room.class_dir / "grades.csv"
    rows = list(csv.DictReader(grades.open(encoding="utf-8-sig")))
    assert len(rows) == len(room.students)
    # "Hub user", the key for the school's gradebook, is each file's owner: one row per student.
    assert sorted(row["Hub user"] for row in rows) == sorted(room.students)
    # The teacher's files stay private to the teachers' group (the hub's umask 027).
    for made in (grades, room.class_dir / "gradebook.sqlite"):
        assert made.stat().st_uid == room.uid(room.teacher)
        assert stat.S_IMODE(made.stat().st_mode) & 0o007 == 0, f"{made.name} is readable by students"
    assert len(list((room.class_dir / "feedback").glob("*.html"))) == len(room.students)


def test_server_killed_mid_lesson_loses_no_saved_answer(room):
    import signal
    user = room.students[2]
    kernel = room.kernels[user]
    kernel.run("from kit.exercises import check\ncheck('q1.1', 'B')\ncheck('q1.2', 'B')")  # lesson 1 begins
    browser = room.sign_in(user)
    os.kill(room.server_pid(user), signal.SIGKILL)
    kernel.close()
    # What the student's browser gets now: the hub's page, in plain words, not a traceback.
    deadline = time.monotonic() + 30
    while True:
        page = browser.get(f"{room.url}/user/{user}/lab", headers={"Accept": "text/html"}, timeout=30)
        if "appears to be down" in page.text or "not running" in page.text or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert "appears to be down" in page.text or "not running" in page.text, page.text[:500]
    assert "Traceback" not in page.text
    room.start_server(user)
    kernel = room.kernels[user] = room.kernel(user, f"lessons/{LESSON}")
    kernel.run("from kit.exercises import check, export\n"
               "check('q1.6', ['B', 'E', 'D', 'A', 'C'])")
    kernel.run(_export_code(room.names[user]))
    data = json.loads(_submission(room, user).read_text(encoding="utf-8"))
    assert {"q1.1", "q1.2", "q1.6"} | LESSON_QIDS <= set(data["answers"]), sorted(data["answers"])


def test_hub_restart_while_students_work(room):
    users = room.students[3:5]
    for user in users:
        room.kernels[user].run("from kit.exercises import check\nbefore_restart = 41\ncheck('q1.1', 'B')")
    (room.base / "servers").mkdir(exist_ok=True)
    for user in users:
        (room.base / "servers" / user).write_text(str(room.server_pid(user)))
    room.stop_hub()
    assert room.hub.returncode is not None
    # The hub is down: the servers, their kernels and the proxy keep running; students keep working.
    pids = {user: int((room.base / "servers" / user).read_text()) for user in users}
    for user in users:
        os.kill(pids[user], 0)  # still running
        room.kernels[user].run("check('q1.2', 'B')")
    room.start_hub()
    for kernel in room.kernels.values():  # the proxy restarted with the hub: reconnect, as JupyterLab does
        kernel.close()
        kernel.connect()
    for user in users:
        server = room.server(user)
        assert server and server["ready"], f"{user}'s server did not survive the hub restart"
        kernel = room.kernels[user]
        out = kernel.run("print(before_restart + 1)\ncheck('q1.6', ['B', 'E', 'D', 'A', 'C'])")
        assert out.stdout.strip().startswith("42"), "the kernel (and the student's variables) did not survive"
        kernel.run(_export_code(room.names[user]))
        data = json.loads(_submission(room, user).read_text(encoding="utf-8"))
        assert {"q1.1", "q1.2", "q1.6"} | LESSON_QIDS <= set(data["answers"]), sorted(data["answers"])


def test_class_folder_full(room):
    if not room.mounted:  # never fill a real disk: the class folder must be a small tmpfs of its own
        message = f"the class folder could not be a tmpfs of its own here: {room.mount_error}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    user = room.students[5]
    path = _submission(room, user)
    before = json.loads(path.read_text(encoding="utf-8"))
    filler = room.class_dir / "filler.bin"  # root fills the class folder's disk to the last byte
    with open(filler, "wb") as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass
    try:
        kernel = room.kernels[user]
        checked = kernel.run("from kit.exercises import check, export\ncheck('q1.1', 'B')")
        assert "Traceback" not in checked.text
        if _has_class_folder_export():
            out = kernel.run("print(export())")
            words = out.text.lower()
            assert "Traceback" not in out.text and "teacher" in words and ("full" in words or "space" in words), out.text
        else:  # the bridge's plain copy fails as the disk does
            out = kernel.execute(_export_code(room.names[user]))
            assert out.error and "No space left" in out.error, out
        # The earlier submission is intact, and the new answer is saved in the student's home.
        assert json.loads(path.read_text(encoding="utf-8")) == before
        saved_files = list((room.home(user) / "kit-responses").glob("*/lesson1.json"))
        assert saved_files and "q1.1" in json.loads(saved_files[0].read_text(encoding="utf-8"))["answers"]
    finally:
        filler.unlink()
    kernel.run(_export_code(room.names[user]))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {"q1.1"} | LESSON_QIDS <= set(data["answers"])


# --- a hostile student (issue 22) ------------------------------------------------------------------

def _collect_and_grades(room) -> tuple[str, list[dict]]:
    """The teacher runs collect and grades from their own server; returns what collect said and grades.csv."""
    import csv
    kernel = room.kernels.get(room.teacher) or room.kernel(room.teacher, f"lessons/{LESSON}")
    room.kernels[room.teacher] = kernel
    cls = str(room.class_dir)
    out = kernel.run("import subprocess, sys\n"
                     f"r = subprocess.run([sys.executable, '-m', 'kit', 'collect', {cls!r}], capture_output=True, text=True)\n"
                     "print(r.returncode, r.stdout, r.stderr)\n"
                     f"r = subprocess.run([sys.executable, '-m', 'kit', 'grades', {cls!r}], capture_output=True, text=True)\n"
                     "print(r.returncode, r.stdout, r.stderr)")
    assert "Traceback" not in out.stdout, out.stdout
    rows = list(csv.DictReader((room.class_dir / "grades.csv").open(encoding="utf-8-sig")))
    return out.stdout, rows


def _rows_of(rows: list[dict], user: str) -> list[dict]:
    return [row for row in rows if row.get("Hub user") == user]


def test_a_link_in_a_home_never_makes_root_write_or_chown_outside_it(room):
    """A student plants a link at ~/lessons, another inside ~/lessons, then their servers restart: the
    hand-out runs before the server starts (as root, in the old set-up); nothing outside the homes is
    written or chowned, and the hub's log says what was refused."""
    at_lessons, inside = room.students[6], room.students[7]
    target = room.base / "root-only"  # stands in for a system folder
    target.mkdir(mode=0o755)
    (target / "keep.txt").write_text("root's file\n")
    before = {p.name: (p.lstat().st_uid, p.lstat().st_mode) for p in [target, *target.iterdir()]}
    room.kernels[at_lessons].run(
        "import os\nh = os.path.expanduser('~')\n"
        "os.rename(os.path.join(h, 'lessons'), os.path.join(h, 'lessons-mine'))\n"
        f"os.symlink({str(target)!r}, os.path.join(h, 'lessons'))")
    room.kernels[inside].run(
        "import os\nh = os.path.expanduser('~/lessons')\n"
        "for name in ('kit-class.json', " + repr(LESSON) + "):\n"
        "    os.rename(os.path.join(h, name), os.path.join(h, name + '.mine'))\n"
        f"os.symlink({str(target / 'planted.json')!r}, os.path.join(h, 'kit-class.json'))\n"
        f"os.symlink({str(target)!r}, os.path.join(h, {LESSON!r}))")
    for user in (at_lessons, inside):
        room.kernels.pop(user).close()
        room.stop_server(user)
        room.start_server(user)
        room.kernels[user] = room.kernel(user, f"lessons-mine/{LESSON}" if user == at_lessons
                                         else f"lessons/{LESSON}.mine")
    after = {p.name: (p.lstat().st_uid, p.lstat().st_mode) for p in [target, *target.iterdir()]}
    assert after == before, f"root wrote or chowned outside a home: {before} -> {after}"
    assert (target / "keep.txt").read_text() == "root's file\n"
    refused = [line for line in room.hub_log(tail=None).splitlines() if "not copied" in line]
    assert any(at_lessons in line for line in refused) and any(inside in line for line in refused), refused


FORGE = """
import json, os, random
sub = os.path.join(os.environ["KIT_CLASS_DIR"], "submissions")
def drop(name, content, when=None):
    path = os.path.join(sub, name)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as err:
        return name + ": " + type(err).__name__
    os.fchmod(fd, 0o644)
    with os.fdopen(fd, "w") as fh:
        json.dump(content, fh)
    if when:
        os.utime(path, (when, when))
    return name + ": written"
def claim(name, sid, user, answers=None):
    return {{"format": "kit-submission", "version": 2, "student": {{"name": name, "id": sid}},
             "hub_user": user, "os_user": user, "created": "2099-01-01T00:00:00+00:00", "answers": answers or {{}}}}
mine = json.load(open({own!r}, encoding="utf-8"))
done = [
    # a file claiming the victim, with a time in 2099
    drop("claim-%06d.json" % random.randrange(10**6), claim({victim_name!r}, {victim_sid!r}, {victim!r}), 4070908800),
    # every name the late classmate's file could have: their kit id, their login
    drop({late_sid!r} + ".json", claim({late_name!r}, {late_sid!r}, {late!r})),
    drop({late!r} + ".json", claim({late_name!r}, {late_sid!r}, {late!r})),
    # the attacker's own work, under the victim's hub user
    drop("mine-%06d.json" % random.randrange(10**6), dict(mine, hub_user={victim!r}, os_user={victim!r})),
]
try:
    open({victim_file!r}, encoding="utf-8").read(100)
    done.append("read: done")
except PermissionError:
    done.append("read: PermissionError")
print(json.dumps(done))
"""


def test_a_student_cannot_claim_squat_forge_or_read_a_classmates_work(room):
    victim, attacker, late = room.students[0], room.students[1], room.students[4]
    for user in (attacker, late):  # fresh kernels: earlier tests restarted the hub and servers
        room.kernels[user].close()
        room.kernels[user] = room.kernel(user, f"lessons/{LESSON}")
    _, rows = _collect_and_grades(room)
    victim_row, late_row = _rows_of(rows, victim), _rows_of(rows, late)
    assert len(victim_row) == 1 and len(late_row) == 1
    victim_file, own = _submission(room, victim), _submission(room, attacker)
    victim_bytes = victim_file.read_bytes()
    # The late classmate has not handed in yet (a new term: root emptied their place in the drop box).
    late_work = json.loads(_submission(room, late).read_text(encoding="utf-8"))["answers"]
    _submission(room, late).unlink()
    out = room.kernels[attacker].run(FORGE.format(
        own=str(own), victim=victim, victim_name=room.names[victim], victim_sid=contract_student_id(room.names[victim]),
        late=late, late_name=room.names[late], late_sid=contract_student_id(room.names[late]),
        victim_file=str(victim_file)))
    done = json.loads(out.stdout.strip().splitlines()[-1])
    failed = []  # every attack is checked, then all that got through are reported together
    if done[-1] != "read: PermissionError":
        failed.append(f"a student read a classmate's submission: {done}")
    # The late classmate hands in after the squatter: their work reaches the class folder, as theirs.
    said = room.kernels[late].run("from kit.exercises import export\nprint(export())")
    assert "Traceback" not in said.text, said.text
    try:
        arrived = json.loads(_submission(room, late).read_text(encoding="utf-8"))["answers"]
    except AssertionError:
        arrived = {}
    if set(arrived) != set(late_work):
        failed.append(f"the late classmate's work did not arrive: {said.text}")
    # The teacher collects: the classmates' marks are what they were, and the forged files are listed.
    collected, rows = _collect_and_grades(room)
    if _rows_of(rows, victim) != victim_row:
        failed.append(f"a classmate's grades changed: {victim_row} -> {_rows_of(rows, victim)}")
    if _rows_of(rows, late) != late_row:
        failed.append(f"a late classmate's grades changed: {late_row} -> {_rows_of(rows, late)}")
    # Every file the gradebook grades is owned by the hub user it is graded for.
    import sqlite3
    with sqlite3.connect(room.class_dir / "gradebook.sqlite") as con:
        graded = con.execute("SELECT file, hub_user FROM students").fetchall()
    for file, hub_user in graded:
        owner = Path(file).lstat().st_uid
        if hub_user not in room.students or owner != room.uid(hub_user):
            failed.append(f"{Path(file).name} (owner uid {owner}) is graded as {hub_user}'s")
    if victim_file.read_bytes() != victim_bytes:
        failed.append("a classmate's file changed")
    forged = [entry.split(":")[0] for entry in done[:-1] if entry.endswith("written")]
    assert len(forged) >= 3, done
    for name in forged:
        if not any(name in line and "set aside" in line for line in collected.splitlines()):
            failed.append(f"{name} is not listed as set aside")
    assert failed == [], "\n".join(failed) + "\n" + collected


def test_nothing_in_the_class_touched_the_network(room):
    """The hub, every server and every kernel ran with outbound connections refused and logged."""
    assert room.netguard_log.read_text() == ""
    # The guard was really on in the students' kernels: a try now is refused and logged.
    probe = room.kernels[room.students[-1]].execute("import socket\nsocket.create_connection(('192.0.2.1', 80), 1)")
    assert probe.error and "refused by the test" in probe.error, probe
    assert "192.0.2.1" in room.netguard_log.read_text()


# --- the deployment files, without a hub ------------------------------------------------------------

def _load_config(path: Path, env: dict) -> object:
    from traitlets.config import Config
    config = Config()
    old = dict(os.environ)
    os.environ.update(env)
    try:
        exec(compile(path.read_text(), str(path), "exec"), {"get_config": lambda: config, "c": config,
                                                           "__file__": str(path)})
    finally:
        os.environ.clear()
        os.environ.update(old)
    return config


def test_school_configurations_agree(tmp_path):
    deploy = ROOT / "deploy" / "jupyterhub"
    hub = _load_config(deploy / "jupyterhub_config.py",
                       {"KIT_HUB_TEACHERS": "ms-ivanova", "KIT_HUB_STUDENTS": "anya,boris",
                        "KIT_HUB_STATE": str(tmp_path), "KIT_CLASS_DIR": "/srv/kit-class"})
    tljh = _load_config(deploy / "tljh" / "kit-class.py", {})
    import yaml
    z2jh = yaml.safe_load((deploy / "z2jh" / "values.yaml").read_text())
    assert hub.JupyterHub.load_groups["teachers"]["users"] == ["ms-ivanova"]
    assert set(hub.Authenticator.allowed_users) == {"ms-ivanova", "anya", "boris"}
    teacher_scopes = [r for r in hub.JupyterHub.load_roles if r["name"] == "kit-teacher"][0]["scopes"]
    # One role for teachers everywhere: students' servers and activity, nobody else's.
    assert [r for r in tljh.JupyterHub.load_roles if r["name"] == "kit-teacher"][0]["scopes"] == teacher_scopes
    assert z2jh["hub"]["loadRoles"]["kit-teacher"]["scopes"] == teacher_scopes
    assert all(s == "self" or s.endswith("!group=students") for s in teacher_scopes)
    assert hub.Spawner.environment["KIT_CLASS_DIR"] == "/srv/kit-class"
    assert z2jh["singleuser"]["extraEnv"]["KIT_CLASS_DIR"] == "/srv/kit-class"
    assert hub.JupyterHub.cleanup_servers is False  # a hub restart does not stop lessons
    assert (tmp_path / "proxy-token").stat().st_mode & 0o077 == 0


def test_hub_environment_does_not_need_rfc3987_syntax():
    """install.sh removes rfc3987-syntax (slow imports); it only checks the JSON-schema formats 'iri' and
    'iri-reference', and no schema installed in the hub environment uses either."""
    import re
    import subprocess
    if not harness.HUB_PYTHON.exists():
        if os.environ.get("CI"):
            pytest.fail(f"no hub environment at {harness.HUB_PYTHON}")
        pytest.skip(f"no hub environment at {harness.HUB_PYTHON} (make install builds it)")
    probe = subprocess.run([str(harness.HUB_PYTHON), "-c", "import rfc3987_syntax"], capture_output=True)
    assert probe.returncode != 0, "rfc3987-syntax is installed in the hub environment: every first plot is slower"
    site = Path(subprocess.run([str(harness.HUB_PYTHON), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    iri = re.compile(r"""["']?format["']?\s*:\s*["']iri(-reference)?["']""")
    schemas = [p for ext in ("json", "yaml", "yml") for p in site.rglob(f"*.{ext}")]
    assert len(schemas) > 50  # the scan did look at the environment's schemas
    users = [str(p) for p in schemas if p.stat().st_size < 300_000 and iri.search(p.read_text(errors="ignore"))]
    assert users == []
