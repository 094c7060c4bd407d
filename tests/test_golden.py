"""The seeds against their reviewed golden outputs; out/ is up to date; idempotence; explain == plain."""

from __future__ import annotations

import pytest

from clean.cli import main

from .conftest import GOLDEN, ROOT, SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def test_there_are_five_seeds_each_with_a_golden_file():
    assert len(SEED_FILES) == 5
    assert sorted(p.name for p in GOLDEN.glob("*.txt")) == [p.name for p in SEED_FILES]


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_seed_matches_golden(seed, cleaner):
    got = cleaner.clean_bytes(seed.read_bytes(), name=seed.name)
    assert got == (GOLDEN / seed.name).read_text("utf-8")


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_seed_is_idempotent_and_explain_matches(seed, cleaner):
    text = seed.read_text("utf-8")
    once = cleaner.clean(text)
    assert cleaner.clean(once) == once
    res = cleaner.explain(text)
    assert res.text == once
    assert res.changes, "the seeds are dirty: something must change"
    assert sum(res.counts.values()) == len(res.changes)
    assert cleaner.explain(once).changes == ()
    from clean import replay

    assert replay(text, res.changes) == once


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_seed_output_keeps_every_body_paragraph(seed, cleaner):
    """Nothing of the body is lost: every golden paragraph is there, and only chrome rules dropped lines."""
    res = cleaner.explain(seed.read_text("utf-8"))
    dropped_by = {c.rule for c in res.changes if c.after == "" and c.before.strip()}
    body_rules = {"ENC001", "ENC002", "ENC003", "ENC004", "WS001", "DEC001"}
    assert not (dropped_by & body_rules)


def test_out_dir_is_up_to_date(capsys):
    code = main([str(SEEDS), "-o", str(ROOT / "out"), "--check"])
    out = capsys.readouterr()
    assert code == 0, f"out/ is stale; run: clean seeds/ -o out/\n{out.out}{out.err}"
