"""pyproject.toml and environment.yml list the same packages with the same floors."""
import re
import tomllib

import yaml
from conftest import ROOT


def _floors(specs):
    out = {}
    for spec in specs:
        m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(?:>=\s*([0-9][0-9.]*))?\s*", spec)
        assert m, f"unexpected requirement form: {spec!r}"
        out[m.group(1).lower().replace("_", "-")] = m.group(2)
    return out


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_side = _floors(project["dependencies"] + project["optional-dependencies"]["test"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "conda-forge" in env["channels"]
    conda_specs = [d for d in env["dependencies"] if isinstance(d, str)]
    conda_side = _floors(conda_specs)
    python_floor = conda_side.pop("python")
    conda_side.pop("pip")
    assert project["requires-python"] == f">={python_floor}"
    pip_section = [d for d in env["dependencies"] if isinstance(d, dict)][0]["pip"]
    assert pip_section[-1] == "-e .", "the kit itself is installed from the checkout"
    # A package conda-forge does not carry (cefrpy, the word-level list) is installed by pip, with its floor.
    pip_only = _floors([spec.split("#")[0] for spec in pip_section[:-1]])
    assert not set(pip_only) & set(conda_side), "a package listed twice"
    assert {**conda_side, **pip_only} == pip_side, "environment.yml and pyproject.toml have drifted apart"


def test_runtime_dependencies_include_what_the_widgets_need():  # anywidget: the keyboard guard
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = set(_floors(project["dependencies"]))
    assert {"jupyterlab", "ipywidgets", "pandas", "plotly", "anywidget"} <= names
    assert {"pytest", "nbval"} <= set(_floors(project["optional-dependencies"]["test"]))
