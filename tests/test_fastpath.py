"""Every shortcut changes nothing: the fast path gives byte-identical output to the slow path
(no prechecks, no ASCII skips, ftfy on every line) on documents of the benchmark corpus, and the
explain path gives the same text as the plain path."""

from __future__ import annotations

import importlib.util
import random

import pytest

from clean import Cleaner

from .conftest import ROOT


def corpus(n: int) -> list[str]:
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "bench" / "make_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    rng = random.Random(20261121)
    paras = mod.seed_paragraphs()
    return [mod.document(i, paras, rng)["text"] for i in range(n)]


@pytest.fixture(scope="module")
def docs():
    return corpus(400)


def test_fast_equals_slow_on_benchmark_corpus(docs, cleaner):
    slow = Cleaner(fast=False)
    differ = [i for i, d in enumerate(docs) if cleaner.clean(d) != slow.clean(d)]
    assert not differ, f"fast and slow paths differ on documents {differ[:10]}"
    # the corpus exercises what the shortcuts skip: mojibake, CRLF, Japanese, curly quotes
    joined = "".join(docs)
    assert "\u00e2\u20ac" in joined and "\r\n" in joined and "\u5916\u76f8" in joined and "\u2019" in joined


def test_explain_equals_plain_on_benchmark_corpus(docs, cleaner):
    for d in docs[:150]:
        res = cleaner.explain(d)
        assert res.text == cleaner.clean(d)
        assert sum(res.counts.values()) == len(res.changes)
