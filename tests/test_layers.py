"""The kit's layers point one way (issue 23): source -> data -> figures -> views -> widgets -> exercises ->
classroom, with errors.py and html.py as the foundation every layer may use, and the entry points
(kit/__init__.py, kit/__main__.py) on top. Every import counts, the ones inside functions too: an import
hidden in a function is still a dependency a reader of the folder list cannot see."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

KIT = Path(__file__).resolve().parents[1] / "kit"

# The rank of each part of kit/: a module may import from its own rank or a lower one, never a higher one.
LAYERS = {
    "kit.errors": 0, "kit.html": 0,
    "kit.source": 1,
    "kit.data_package": 2,
    "kit.figures": 3,
    "kit.views": 4,
    "kit.widgets": 5,
    "kit.exercises": 6,
    "kit.classroom": 7,
    "kit": 8, "kit.__main__": 8,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(KIT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> tuple[str, int]:
    best = max((name for name in LAYERS if module == name or module.startswith(name + ".")), key=len)
    return best, LAYERS[best]


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, imported kit module) for every import in the file, relative ones resolved."""
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "kit"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "kit":
                continue
            for alias in node.names:  # "from kit.views import lesson_views" imports a module
                sub = f"{target}.{alias.name}"
                is_module = (KIT.parent / Path(*sub.split("."))).with_suffix(".py").exists() or \
                    (KIT.parent / Path(*sub.split("."))).is_dir()
                found.append((node.lineno, sub if is_module else target))
    return found


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(KIT.rglob("*.py"))}


def graph() -> dict[str, set[str]]:
    modules = all_modules()
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for _, target in imports_of(path):
            while target not in modules and "." in target:  # a name inside a module: the module
                target = target.rpartition(".")[0]
            if target in modules and target != name:
                edges[name].add(target)
    return edges


def test_no_import_climbs_a_layer():
    climbs = []
    for name, path in all_modules().items():
        here, rank = layer_of(name)
        for line, target in imports_of(path):
            there, other = layer_of(target)
            # a package's __init__ may gather its own modules; that is not a dependency between layers
            if other > rank:
                climbs.append(f"{path.relative_to(KIT.parent)}:{line} ({here}, layer {rank}) imports "
                              f"{target} ({there}, layer {other})")
    assert not climbs, "imports that climb a layer:\n" + "\n".join(climbs)


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_no_import_circles():
    edges = graph()
    # a package's __init__ that re-exports its own modules is not a circle with them
    for name in edges:
        if all_modules()[name].name == "__init__.py":
            edges[name] = {t for t in edges[name] if not t.startswith(name + ".")}
        edges[name] = {t for t in edges[name] if not (all_modules()[t].name == "__init__.py"
                                                     and name.startswith(t + "."))}
    cycles = _cycles(edges)
    assert not cycles, "import circles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_the_checker_sees_a_climb_and_a_circle(tmp_path):
    """The two checks above can fail: a data module that imports the exercises is a climb, and two modules
    that import each other are a circle."""
    edges = {"kit.a": {"kit.b"}, "kit.b": {"kit.a"}, "kit.c": set()}
    assert _cycles(edges) == [["kit.a", "kit.b"]]
    assert layer_of("kit.data_package.documents")[1] < layer_of("kit.exercises.responses")[1]


@pytest.mark.parametrize("folder", ["source", "data_package", "figures", "views", "widgets", "exercises",
                                    "classroom"])
def test_each_layer_is_a_folder(folder):
    assert (KIT / folder / "__init__.py").is_file()


def test_only_the_foundation_and_entry_points_sit_at_the_root():
    assert sorted(p.name for p in KIT.glob("*.py")) == ["__init__.py", "__main__.py", "errors.py", "html.py"]
