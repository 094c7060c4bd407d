"""The names package is a lower layer: it never imports the engine, the kinds, the API or the
commands (so the kind and ``clean suggest`` can both build on it without a cycle), and each of
its modules stays readable in one sitting."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "clean" / "names"
FORBIDDEN = ("clean.kinds", "clean.engine", "clean.api", "clean.cli", "clean.suggest", "clean.jsonl", "clean.runreport", "clean.cache")
MODULES = sorted(PACKAGE.glob("*.py"))


def _imports(path: Path) -> set[str]:
    """Absolute names of every module ``path`` imports, inside functions too."""
    out: set[str] = set()
    pkg = "clean.names"
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.rsplit(".", node.level - 1)[0] if node.level > 1 else pkg
                mod = f"{base}.{node.module}" if node.module else base
            else:
                mod = node.module or ""
            out.add(mod)
            out |= {f"{mod}.{a.name}" for a in node.names}
    return out


def test_the_package_has_modules():
    assert len(MODULES) >= 8


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_names_package_imports_one_way(path):
    bad = sorted(i for i in _imports(path) if i.startswith(FORBIDDEN))
    assert not bad, f"{path.name} imports {bad}"


def test_the_checker_sees_a_forbidden_import(tmp_path):
    f = tmp_path / "x.py"
    f.write_text("def f():\n    from ..kinds.base import Doc\n", "utf-8")
    assert any(i.startswith(FORBIDDEN) for i in _imports(f))


@pytest.mark.parametrize("path", [*MODULES, PACKAGE.parent / "kinds" / "names.py"], ids=lambda p: p.name)
def test_no_module_over_500_lines(path):
    assert len(path.read_text("utf-8").splitlines()) <= 500
