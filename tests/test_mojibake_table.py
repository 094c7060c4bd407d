"""The mojibake table (tests/data/mojibake_cases.json, made by make_mojibake_cases.py).

Repair level: ``Repairer(DEFAULT_OPTIONS).fix_line(broken) == original`` for every case (cases
ftfy cannot recover are strict xfails), and every must-not-change text is left alone.

Pipeline level (tests named ``*pipeline*``): through ``clean.api.Cleaner``, a broken line cleans
to what its original cleans to, and cleaning is idempotent. These import ``clean.api`` inside
the test and fail (not skip) while it cannot be imported; deselect them with ``-k "not pipeline"``.

The case counts are printed by the module fixture ``_report_counts`` when the module finishes
(pytest shows fixture output with ``-s``, or ``-rA`` for the teardown section).
"""

from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path

import pytest

from clean.repair import DEFAULT_OPTIONS, Repairer

DATA = Path(__file__).resolve().parent / "data"
TABLE = json.loads((DATA / "mojibake_cases.json").read_text("utf-8"))
CASES: list[dict[str, str]] = TABLE["cases"]
UNCHANGED: list[dict[str, str]] = TABLE["unchanged"]
KNOWN = [c for c in CASES if c["expect"] == "known-failure"]


def _reason(case: dict[str, str]) -> str:
    return f"ftfy cannot recover {case['how']}: it gives {case.get('ftfy_gives', '')!r}"


def _cases(strict: bool) -> list[object]:
    return [
        pytest.param(c, id=c["label"], marks=pytest.mark.xfail(strict=strict, reason=_reason(c)))
        if c["expect"] == "known-failure"
        else pytest.param(c, id=c["label"])
        for c in CASES
    ]


def _unchanged() -> list[object]:
    return [pytest.param(u["text"], id=u["label"]) for u in UNCHANGED]


@pytest.fixture(scope="module")
def rep() -> Repairer:
    return Repairer(DEFAULT_OPTIONS)


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    from .conftest import FIGURES

    FIGURES.append(
        f"mojibake table: {len(CASES)} cases ({len(CASES) - len(KNOWN)} fixed by ftfy, through the repairer and "
        f"the whole pipeline; {len(KNOWN)} strict known failures), {len(UNCHANGED)} must-not-change texts"
    )


@lru_cache(maxsize=1)
def _cleaner():  # type: ignore[no-untyped-def]
    from clean.api import Cleaner  # imported here: a missing engine fails these tests, never skips them

    return Cleaner()


# -- the table itself ---------------------------------------------------------------------------


def test_table_shape():
    assert len(CASES) >= 150
    assert len(UNCHANGED) >= 60
    labels = [c["label"] for c in CASES] + [u["label"] for u in UNCHANGED]
    assert len(labels) == len(set(labels))
    for c in CASES:
        assert {"label", "original", "broken", "how", "expect"} <= c.keys()
        assert c["expect"] in ("fixed", "known-failure")
        assert c["broken"] != c["original"]
        assert "\n" not in c["broken"] + c["original"]
    hows = " ".join(c["how"] for c in CASES)
    for kind in ("cp1252", "Latin-1", "MacRoman", "Shift_JIS", "double encoding", "HTML", "C1", "correct"):
        assert kind in hows, kind


def test_table_is_up_to_date():
    """The JSON is what the generator writes today (same ftfy, same Repairer)."""
    spec = importlib.util.spec_from_file_location("make_mojibake_cases", DATA / "make_mojibake_cases.py")
    gen = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(gen)  # type: ignore[union-attr]
    assert gen.dumps(gen.build()) == (DATA / "mojibake_cases.json").read_text("utf-8")


# -- repair level -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", _cases(strict=True))
def test_fix_line_recovers_original(rep, case):
    assert rep.fix_line(case["broken"]) == case["original"]


@pytest.mark.parametrize("case", [pytest.param(c, id=c["label"]) for c in CASES])
def test_explain_line_agrees(rep, case):
    fixed, steps = rep.explain_line(case["broken"])
    assert fixed == rep.fix_line(case["broken"])
    assert steps or fixed == case["broken"]


@pytest.mark.parametrize("case", [pytest.param(c, id=c["label"]) for c in CASES])
def test_originals_are_stable(rep, case):
    assert rep.fix_line(case["original"]) == case["original"]


@pytest.mark.parametrize("text", _unchanged())
def test_must_not_change(rep, text):
    assert rep.fix_line(text) == text
    assert rep.explain_line(text) == (text, [])


# -- pipeline level -----------------------------------------------------------------------------


@pytest.mark.parametrize("case", _cases(strict=True))
def test_pipeline_broken_cleans_like_original(case):
    cleaner = _cleaner()
    assert cleaner.clean(case["broken"]) == cleaner.clean(case["original"])


@pytest.mark.parametrize("text", _unchanged())
def test_pipeline_idempotent_on_must_not_change(text):
    cleaner = _cleaner()
    once = cleaner.clean(text)
    assert cleaner.clean(once) == once
    # The encoding repair never touches correct text (other rules may: quotes, spaces). The one
    # exception is by design: once BP003 strips stray tags, an entity they held is decoded.
    if "<" not in text:
        assert "ENC001" not in cleaner.explain(text).counts


@pytest.mark.parametrize("case", [pytest.param(c, id=c["label"]) for c in CASES])
def test_pipeline_idempotent_on_broken(case):
    cleaner = _cleaner()
    once = cleaner.clean(case["broken"])
    assert cleaner.clean(once) == once
