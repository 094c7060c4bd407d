from __future__ import annotations

import functools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_configure(config):  # noqa: ARG001 - pytest hook
    """Keep the compiled-Cleaner cache of the test run apart from the user's, and make the
    generated examples the same on every run (a red CI must mean a change broke something,
    not that a new random example turned up: explore with HYPOTHESIS_PROFILE=explore)."""
    import os
    import tempfile

    from hypothesis import settings

    os.environ.setdefault("CLEAN_CACHE_DIR", tempfile.mkdtemp(prefix="clean-test-cache-"))
    settings.register_profile("ci", derandomize=True, database=None)
    settings.register_profile("explore", derandomize=False)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


# Figures the acceptance asks the test run to print: tests append lines, the summary shows them.
FIGURES: list[str] = []


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # noqa: ARG001 - pytest hook
    if FIGURES:
        terminalreporter.section("figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


@functools.cache
def cleaner_for(select: tuple[str, ...] = (), **_: object):
    from clean import Cleaner

    return Cleaner(select=select)


@pytest.fixture(scope="session")
def cleaner():
    from clean import default_cleaner

    return default_cleaner()


def write_rules(tmp_path: Path, text: str, name: str = "extra.toml") -> Path:
    d = tmp_path / "rules"
    d.mkdir(exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")
    return d
