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


# -- the second pass proven step by step (engine docstring) against the full second pass -------

def _full_second_pass() -> Cleaner:
    c = Cleaner()
    c.pipeline.certify = False  # every other shortcut on: only the certificate differs
    return c


@pytest.fixture(scope="module")
def full2():
    return _full_second_pass()


def _same(a, b) -> bool:
    return (a.text, a.counts, a.sources, a.suggestions, a.passes, a.guarded) == (b.text, b.counts, b.sources, b.suggestions, b.passes, b.guarded)


def profile_corpus(profile: str, n: int) -> list[str]:
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "bench" / "make_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    rng = random.Random(20261121)
    paras = mod.seed_paragraphs()
    return [mod.document(i, paras, rng, profile)["text"] for i in range(n)]


@pytest.mark.parametrize("profile", ["seed", "news", "dirty"])
def test_certified_second_pass_equals_full_and_slow(profile, cleaner, full2):
    docs = profile_corpus(profile, 200)
    slow = Cleaner(fast=False)
    certified = 0
    for i, d in enumerate(docs):
        a, b = cleaner.run(d), full2.run(d)
        assert _same(a, b), f"{profile} document {i}: certified and full second pass differ"
        if i < 60:
            assert cleaner.clean(d) == slow.clean(d), f"{profile} document {i}: fast and slow differ"
        # the explain path gives the same text and logs every change
        if i < 40:
            e = cleaner.explain(d)
            assert e.text == a.text and sum(e.counts.values()) == len(e.changes)
        certified += a.passes == 2 and b.passes == 2
    assert certified > len(docs) // 2  # the corpus does exercise the certificate


def test_certified_second_pass_on_rule_examples_and_seeds(cleaner, full2):
    from .conftest import SEEDS

    texts = [ex.input for r in cleaner.ruleset.rules for ex in r.examples]
    texts += [ex.output for r in cleaner.ruleset.rules for ex in r.examples if ex.output is not None]
    texts += [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    differ = [t[:60] for t in texts if not _same(cleaner.run(t), full2.run(t))]
    assert not differ, differ[:5]


STRIP_NESTED = """
[[rule]]
id = "TST010"
name = "strip-ad-tag"
kind = "strip-fragment"
summary = "Test."
why = "Test: stripping one tag can join the parts of another, so this kind is not stable."
patterns = ['\\[ad\\]']
  [[rule.example]]
  input = "a [ad] b\\n"
  output = "a b\\n"
  [[rule.example]]
  input = "nothing here\\n"
"""


def test_certificate_falls_back_when_pass_two_changes_something(tmp_path):
    (tmp_path / "t.toml").write_text(STRIP_NESTED, "utf-8")
    c = Cleaner(rules=[tmp_path])
    full = Cleaner(rules=[tmp_path])
    full.pipeline.certify = False
    doc = "Talks began [a[ad]d] today.\n\nMore text.\n"
    a, b = c.run(doc), full.run(doc)
    assert a.text == b.text == "Talks began today.\n\nMore text.\n"
    assert a.passes == b.passes == 3 and a.counts == b.counts


def test_kinds_declare_only_what_they_are():
    from clean.kinds import KINDS

    line_local = {k for k, v in KINDS.items() if v.LINE_LOCAL}
    stable = {k for k, v in KINDS.items() if v.STABLE}
    # Document-level kinds read other lines: they must never claim to be line-local.
    assert not line_local & {"truncate-after", "dedupe-paragraphs", "chrome-block", "names", "layout", "html"}
    # ftfy, strip-fragment and replace can make a new match in their own output.
    assert not stable & {"ftfy", "strip-fragment", "replace", "names", "chrome-block"}
