# The Littlest JupyterHub: copy this file to /opt/tljh/config/jupyterhub_config.d/kit-class.py, edit the
# two lists, then `sudo tljh-config reload hub` (README, "For school IT"). TLJH names each Unix user
# jupyter-<name>; the class folder is made for those names by class-folder.sh.
TEACHERS = ["ms-ivanova"]
STUDENTS = ["anya", "boris", "chen"]
CLASS_DIR = "/srv/kit-class"

c.JupyterHub.load_groups = {  # noqa: F821 (TLJH provides c)
    "teachers": {"users": TEACHERS, "properties": {"kit": "teacher"}},
    "students": {"users": STUDENTS, "properties": {"kit": "student"}},
}
c.JupyterHub.load_roles = [  # noqa: F821 (TLJH provides c)
    {"name": "kit-teacher", "groups": ["teachers"],
     "scopes": ["self", "list:users!group=students", "read:users!group=students",
                "read:users:activity!group=students", "servers!group=students",
                "access:servers!group=students", "read:groups!group=students"]},
    {"name": "user", "scopes": ["self"]},
]
c.Spawner.environment.update({"KIT_CLASS_DIR": CLASS_DIR})  # noqa: F821 (TLJH provides c)
# Files a student or teacher creates are private to them (and, in the class folder, to the teachers'
# group); the kit makes each submission readable to the teachers on purpose.
c.SystemdSpawner.unit_extra_properties = {"UMask": "0027"}  # noqa: F821 (TLJH provides c)
