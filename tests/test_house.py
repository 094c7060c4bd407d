"""The house: every third-party import declared, imports one way, no module too long to read.

Read from the source (nothing of the package is imported), counting imports inside functions.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "clean"

# Layers, top to bottom: a module may import its own layer or lower ones, never a higher one.
# The command line on top; then the commands and the engines' adapters; then what they share;
# the API; the engine and its rule loading; the kinds; the code the kinds call; and at the
# bottom what everything may use (errors, change records, schema, file I/O), which imports
# nothing of the package above it.
LAYERS: list[tuple[str, ...]] = [
    ("clean.cli", "clean.__main__"),
    ("clean.files", "clean.jsonl", "clean.suggest", "clean.spark", "clean.ray", "clean.datatrove"),
    ("clean.report", "clean.parallel", "clean.ruledoc", "clean.validate"),
    ("clean", "clean.api", "clean.cache"),
    ("clean.engine", "clean.ruleset", "clean.config", "clean.quiet"),
    ("clean.kinds",),
    ("clean.names", "clean.html", "clean.decode", "clean.repair"),
    ("clean.sniff",),
    ("clean.changes", "clean.errors", "clean.fileio", "clean.prefilter", "clean.schema"),
]
# Extras whose feature lives in one module: that module may import the extra's packages.
EXTRA_OF_MODULE = {"clean.spark": "spark", "clean.ray": "ray", "clean.datatrove": "datatrove"}
MAX_LINES = 600


def modules() -> dict[str, Path]:
    out = {}
    for p in PKG.rglob("*.py"):
        parts = p.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = p
    return out


MODULES = modules()


def imports(name: str) -> tuple[set[str], set[str]]:
    """(modules of the package, top-level third-party names) that module ``name`` imports."""
    path = MODULES[name]
    tree = ast.parse(path.read_text("utf-8"))
    here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    internal: set[str] = set()
    third: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            # "from . import cache" imports the module clean.cache; "from .x import f" imports clean.x
            subs = [f"{prefix}.{a.name}" for a in node.names if f"{prefix}.{a.name}" in MODULES]
            targets = subs or [prefix]
        else:
            continue
        for t in targets:
            if t.split(".")[0] == "clean":
                while t not in MODULES:
                    t = t.rpartition(".")[0]
                if t != name:
                    internal.add(t)
            elif not (isinstance(node, ast.ImportFrom) and node.level):
                third.add(t.split(".")[0])
    return internal, third - set(sys.stdlib_module_names) - {"__future__"}


def layer(name: str) -> int:
    best = None
    for i, group in enumerate(LAYERS):
        for g in group:
            if name == g or name.startswith(g + ".") and g != "clean":
                if best is None or len(g) > best[1]:
                    best = (i, len(g))
    if best is None:
        raise AssertionError(f"{name} is in no layer of tests/test_house.py: place it")
    return best[0]


def test_every_module_sits_in_a_layer_and_imports_downward():
    wrong = []
    for name in MODULES:
        mine = layer(name)
        for dep in imports(name)[0]:
            if layer(dep) < mine:
                wrong.append(f"{name} (layer {mine} from the top) imports {dep} (layer {layer(dep)}, above it)")
    assert not wrong, "imports that run upward:\n" + "\n".join(sorted(wrong))


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of the import graph (ignoring a package's own import of its submodules), or None."""
    colour: dict[str, int] = {}
    path: list[str] = []

    def visit(v: str) -> list[str] | None:
        colour[v] = 1
        path.append(v)
        for w in sorted(graph.get(v, ())):
            if v.startswith(w + ".") or w.startswith(v + "."):
                continue  # a package and its own submodules
            if colour.get(w) == 1:
                return path[path.index(w) :] + [w]
            if w not in colour:
                found = visit(w)
                if found:
                    return found
        colour[v] = 2
        path.pop()
        return None

    for v in sorted(graph):
        if v not in colour:
            found = visit(v)
            if found:
                return found
    return None


def test_no_import_cycle():
    graph = {name: imports(name)[0] for name in MODULES}
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or ())


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def _requirement_names(reqs: list[str]) -> set[str]:
    return {_norm(re.split(r"[\s\[<>=!~;]", r, maxsplit=1)[0]) for r in reqs}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_third_party_import_is_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    core = _requirement_names(project["dependencies"])
    extras = {k: _requirement_names(v) for k, v in project["optional-dependencies"].items()}
    dists = importlib.metadata.packages_distributions()
    missing = []
    for name in sorted(MODULES):
        allowed = core | extras.get(EXTRA_OF_MODULE.get(name, ""), set())
        for mod in sorted(imports(name)[1]):
            provided = {_norm(d) for d in dists.get(mod, [])}
            if not provided:
                missing.append(f"{name} imports {mod}, which no installed distribution provides")
            elif not provided & allowed:
                where = "core dependencies" if name not in EXTRA_OF_MODULE else f"core dependencies or the {EXTRA_OF_MODULE[name]!r} extra"
                missing.append(f"{name} imports {mod} (from {', '.join(sorted(provided))}), not in the {where} of pyproject.toml")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_fits_in_one_reading(name):
    lines = sum(1 for _ in MODULES[name].open(encoding="utf-8"))
    assert lines <= MAX_LINES, f"{name}: {lines} lines (over {MAX_LINES}): split it"


def test_no_reference_outside_the_repository():
    """A user's clone has no brief, no design folder of ours and no issue tracker notes."""
    pattern = re.compile(r"\.\./shared(?!/aeb)|the brief|DEVELOPERS\.md|NAMES\.md|STYLE\.md|PERFORMANCE\.md|issue notes|\(issue \d+\)", re.IGNORECASE)
    hits = []
    for p in [*PKG.rglob("*.py"), *(ROOT / "rules").rglob("*.toml"), ROOT / "README.md", *(ROOT / "tests").glob("*.py")]:
        if p.name == "test_house.py":
            continue
        for i, line in enumerate(p.read_text("utf-8").splitlines(), 1):
            if pattern.search(line):
                hits.append(f"{p.relative_to(ROOT)}:{i}: {line.strip()}")
    assert not hits, "\n".join(hits)


def test_an_optional_feature_without_its_extra_names_the_extra(monkeypatch):
    import importlib
    import importlib.util

    import clean.spark
    from clean.errors import MissingExtraError

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name in ("pyspark", "datatrove") else real(name, *a))
    with pytest.raises(MissingExtraError, match=r"pip install \"clean-news\[spark\]\""):
        clean.spark.clean_column(object(), "text")
    monkeypatch.delitem(sys.modules, "clean.datatrove", raising=False)
    with pytest.raises(MissingExtraError, match=r"from the 'datatrove' extra"):
        importlib.import_module("clean.datatrove")
