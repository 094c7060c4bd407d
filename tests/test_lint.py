"""The code's own checks, run by the test command: docstring examples, ruff and mypy."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import subprocess
import sys

import clean

from .conftest import ROOT


def test_docstring_examples_run():
    found = failed = 0
    for info in pkgutil.walk_packages(clean.__path__, "clean."):
        if info.name == "clean.__main__":  # a script: importing it runs the command line
            continue
        module = importlib.import_module(info.name)
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        found += result.attempted
        failed += result.failed
    assert failed == 0
    assert found >= 8, f"only {found} docstring examples found: the walk over the package is broken"


def test_ruff_is_clean():
    res = subprocess.run([sys.executable, "-m", "ruff", "check", "clean", "tests", "bench", "tools"], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_mypy_is_clean():
    res = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
