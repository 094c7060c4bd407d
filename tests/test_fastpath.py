"""Every shortcut changes nothing: the fast path gives byte-identical output to the slow path
(no prechecks, no ASCII skips, ftfy on every line) on documents of the benchmark corpus, and the
explain path gives the same text as the plain path."""

from __future__ import annotations

import importlib.util
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clean import Cleaner
from clean.kinds.base import CharSet, Doc

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


@pytest.mark.parametrize("limit", [40, 16384])
def test_quiet_line_memo_is_bounded_not_pickled_and_changes_nothing(limit, full2):
    """Lines a line-local step left alone are remembered (clean.quiet) and skipped, in pass 1 and
    in the certificate; steps run on the other lines alone. With a tiny bound the memo starts
    afresh over and over. Either way every result equals the full second pass's and the slow
    path's, the change log included."""
    import pickle

    from clean.quiet import QuietLines

    c = Cleaner()
    c.pipeline._quiet = QuietLines(limit)
    slow = Cleaner(fast=False)
    docs = profile_corpus("news", 150) + profile_corpus("dirty", 100)
    for i, d in enumerate(docs):
        a = c.run(d)
        assert _same(a, full2.run(d)), f"document {i}"
        assert c.pipeline._quiet.size <= limit
        if i % 5 == 0:
            assert _same(a, slow.run(d)), f"document {i}: fast and slow differ"
            e, es = c.explain(d), slow.explain(d)
            assert e.changes == es.changes, f"document {i}: change logs differ"
    assert c.pipeline._quiet.sets
    assert pickle.loads(pickle.dumps(c.pipeline))._quiet.sets == {}


def _spied_step(select: str, kind: str):
    """A Cleaner of the ``select`` rules, its ``kind`` step, the lines every call of the step's
    apply was given, and the unspied apply."""
    c = Cleaner(select=[select])
    (step,) = [k for _, k in c.pipeline.steps if k.KIND == kind]
    calls: list[list[str]] = []
    apply = step.apply

    def spy(doc):
        calls.append(list(doc.lines))
        apply(doc)

    step.apply = spy
    return c, step, calls, apply


def test_quiet_line_memo_skips_and_runs_part_of_a_document():
    """A document whose lines a step has all left alone before is not given to it; one with a
    new line gives the step that line alone (counts and text as a run on the whole document)."""
    from clean.quiet import QuietLines, apply_line_local

    c, step, calls, _ = _spied_step("WS", "normalize-spaces")
    memo = QuietLines()
    lines = ["one line", "another line", "a  third"]
    doc = Doc(list(lines), policy=c.pipeline.policy, counts={})
    apply_line_local(step, doc, "k", memo)
    assert calls == [lines] and doc.lines == ["one line", "another line", "a third"] and doc.counts == {"WS001": 1}
    doc = Doc(["another line", "one line"], policy=c.pipeline.policy, counts={})
    apply_line_local(step, doc, "k", memo)
    assert len(calls) == 1 and doc.nrecords == 0  # all known: not run
    doc = Doc(["one line", "new  line", "another line"], policy=c.pipeline.policy, counts={})
    apply_line_local(step, doc, "k", memo)
    assert calls[-1] == ["new  line"]
    assert doc.lines == ["one line", "new line", "another line"] and doc.counts == {"WS001": 1} and doc.nrecords == 1
    assert memo.known("k") == {"one line", "another line"}  # the lines it changed are not quiet


def _facts_differ(monkeypatch) -> list[tuple[bool, bool]]:
    """Record, for every pass-2 proof, whether the sources and the date worked out on the pass-1
    output differ from pass 1's (then each step compares only the facts it reads)."""
    from clean.engine import Pipeline
    from clean.kinds.base import Doc

    seen: list[tuple[bool, bool]] = []
    settled = Pipeline._settled

    def spy(self, text, trace, facts):
        if facts is not None:
            lines = text.split("\n") if text else []
            d = Doc(list(lines), policy=self.policy, meta={})
            d.sources = self.detect_sources(lines)
            for o in self._observers:
                o.observe(d)
            seen.append((d.sources != facts[0], d.meta.get("date") != facts[1].get("date")))
        return settled(self, text, trace, facts)

    monkeypatch.setattr(Pipeline, "_settled", spy)
    return seen


@pytest.mark.parametrize("profile", ["seed", "news", "dirty"])
def test_certificate_where_sources_or_date_differ_between_passes(profile, cleaner, full2, monkeypatch):
    """Fingerprint lines the boilerplate stage removed, or a date line it dropped: the facts of
    pass 2 differ from pass 1's, each step compares only its own (sources of its rules' scopes,
    its READS_META keys). Certified and full second passes agree on those documents."""
    seen = _facts_differ(monkeypatch)
    docs = profile_corpus(profile, 200)
    sources = date = certified = 0
    for i, d in enumerate(docs):
        n = len(seen)
        a = cleaner.run(d)
        differ = seen[n:]
        if not differ or not any(x or y for x, y in differ):
            continue
        b = full2.run(d)
        assert _same(a, b), f"{profile} document {i}: facts differ, certified and full second pass differ"
        sources += differ[0][0]
        date += differ[0][1]
        certified += a.passes == 2 and b.passes == 2
    # the corpus does exercise both, and the certificate holds on them
    assert sources >= 10 and date >= 10 and certified >= 10, (sources, date, certified)


def test_kinds_read_only_the_meta_they_declare(cleaner, docs):
    """READS_META is what the pass-2 proof compares: a kind reading an undeclared doc.meta key
    would be proven with facts it does not compare."""
    from clean.kinds.base import Doc

    class Spy(dict):
        def __init__(self, *a):
            super().__init__(*a)
            self.read: set[str] = set()

        def get(self, k, default=None):
            self.read.add(k)
            return super().get(k, default)

        def __getitem__(self, k):
            self.read.add(k)
            return super().__getitem__(k)

        def __contains__(self, k):
            self.read.add(k)
            return super().__contains__(k)

    p = cleaner.pipeline
    for d in docs[:120]:
        doc = Doc(d.replace("\r\n", "\n").split("\n"), policy=p.policy, counts={}, meta={})
        for stage, step in p.steps:
            if stage == "html":
                continue
            if stage == "boilerplate" and not doc.sources:
                doc.sources = p.detect_sources(doc.lines)
                for o in p._observers:
                    o.observe(doc)
            doc.stage = stage
            spy = Spy(doc.meta)
            doc.meta = spy
            step.apply(doc)
            assert spy.read <= set(step.READS_META), (step.KIND, spy.read)
            doc.meta = dict(spy)


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


SOURCE_APPEARS = {
    "strip.toml": """
[[rule]]
id = "TST020"
name = "strip-ad-tag"
kind = "strip-fragment"
summary = "Test."
why = "Test: removing a tag can leave a source's fingerprint line standing alone."
patterns = ['\\s*\\[ad\\]']
  [[rule.example]]
  input = "a [ad]\\n"
  output = "a\\n"
  [[rule.example]]
  input = "nothing here\\n"
""",
    "wire.toml": """
[source]
id = "wire"
name = "Example Wire"
fingerprint_lines = ["Example Wire"]

[[rule]]
id = "TST021"
name = "wire-footer"
kind = "drop-line"
summary = "Test."
why = "Test: a line dropped on this source's documents only."
lines = ["Wire footer qq"]
  [[rule.example]]
  input = "Example Wire\\n\\nBody.\\n\\nWire footer qq\\n"
  output = "Example Wire\\n\\nBody.\\n"
  [[rule.example]]
  input = "Body.\\n"
""",
}


@pytest.mark.parametrize("doc", ["Example Wire [ad]\n\nBody.\n\nWire footer qq\n", "Example Wire [ad]\n\nBody.\n\nWire footer qq"])
def test_certificate_reruns_a_step_whose_source_appears_in_pass_two(tmp_path, doc):
    """Pass 1 makes a fingerprint line (stripping a tag leaves "Example Wire" alone): in pass 2
    the source's drop-line rule applies. Its step did nothing in pass 1, but its sources differ,
    so the proof runs it in full, it fires, and the real passes follow."""
    for name, text in SOURCE_APPEARS.items():
        (tmp_path / name).write_text(text, "utf-8")
    c = Cleaner(rules=[tmp_path])
    full = Cleaner(rules=[tmp_path])
    full.pipeline.certify = False
    a, b = c.run(doc), full.run(doc)
    assert a.text == b.text == "Example Wire\n\nBody.\n"
    assert a.passes == b.passes == 3 and a.counts == b.counts and a.counts["TST021"] == 1


# -- the document's text and character inventory, shared by the character kinds -------------

@given(st.lists(st.text(max_size=30).map(lambda s: s.replace("\n", "")), max_size=6), st.text(min_size=1, max_size=8))
def test_charset_in_doc_equals_a_search_of_the_text(lines, chars):
    doc = Doc(list(lines), policy={})
    text = "\n".join(lines)
    assert CharSet(chars).in_doc(doc) == any(c in text for c in chars)
    assert doc.inventory() == frozenset(c for c in text if not (" " <= c <= "~" or c == "\n"))


def test_doc_text_and_inventory_follow_recorded_changes():
    doc = Doc(["plain", "text"], policy={})
    assert doc.text() == "plain\ntext" and doc.inventory() == frozenset()
    doc.record("X", 1, "plain", "pl\u00a0ain")
    doc.lines[0] = "pl\u00a0ain"
    assert doc.text() == "pl\u00a0ain\ntext" and doc.inventory() == {"\u00a0"}
    doc.lines = ["new\tlist"]
    assert doc.text() == "new\tlist" and doc.inventory() == {"\t"}


def test_ftfy_line_memo_gives_what_a_fresh_cleaner_gives(docs, cleaner):
    """The ftfy kind remembers repaired lines across documents: the same answers as no memory."""
    import pickle

    outs = [cleaner.clean(d) for d in docs[:120] * 2]  # every mojibake line met twice
    step = next(k for _, k in cleaner.pipeline.steps if type(k).__name__ == "Ftfy")
    assert any(step._memo) and not any(pickle.loads(pickle.dumps(step))._memo)
    fresh = []
    for d in docs[:120]:
        step._memo = [{} for _ in step._memo]
        fresh.append(cleaner.clean(d))
    assert outs == fresh * 2


@pytest.mark.parametrize(
    "text",
    ["a\r\nb\r\n", "a\rb\r\n", "\r\n\r\n", "a\r\r\nb", "x\r\ny\u2028z\r\n", "x\r\ny\x85\r\n", "one\ntwo\r", "\r", "a\r\n\r\nb\r\nc"],
)
def test_crlf_lines_without_the_pattern_split_as_with_it(text):
    """line-endings works out a line that ends in its only CR without the pattern when no other
    separator is in the document: the same lines, records and log as the slow path."""
    fast, slow = Cleaner(select=["DEC"]).explain(text), Cleaner(select=["DEC"], fast=False).explain(text)
    assert (fast.text, fast.counts, fast.changes) == (slow.text, slow.counts, slow.changes)


def test_quiet_line_memo_replays_the_edits_of_a_canonical_form_step():
    """translate-characters edits a line with curly quotes the same way in every document: the
    second time, its records are replayed from the memo instead of running the step."""
    from clean.quiet import QuietLines, apply_line_local

    c, step, calls, apply = _spied_step("ENC", "translate-characters")
    memo = QuietLines()
    curly = "It\u2019s \u201cdone\u201d"
    for lines, ran in ((["plain", curly], [["plain", curly]]), ([curly, "plain", curly], []), (["new \u2018x\u2019", curly], [["new \u2018x\u2019"]])):
        doc = Doc(list(lines), policy=c.pipeline.policy, counts={})
        slow = Doc(list(lines), policy=c.pipeline.policy, counts={})
        n = len(calls)
        apply_line_local(step, doc, "k", memo, replay=True)
        apply(slow)
        assert calls[n:] == ran
        assert (doc.lines, doc.counts, doc.nrecords) == (slow.lines, slow.counts, slow.nrecords)


def test_a_step_quiet_on_every_line_is_passed_over_in_the_run_and_the_certificate(monkeypatch):
    """A step line-local on every document that reads no fact (one of ``Pipeline._direct``) is
    passed over where every line is known quiet for it: not given the document in pass 1, nor
    shown quiet again in the certificate of pass 2; the text is still the slow path's."""
    import clean.engine as engine

    c = Cleaner()
    pipe = c.pipeline
    n = next(i for i, (_, k) in enumerate(pipe.steps) if k.KIND == "normalize-spaces")
    assert pipe._direct[n] == n
    assert all(pipe._direct[i] is None for i, (_, k) in enumerate(pipe.steps) if not k.LINE_LOCAL)
    text = "Talks in Tokyo resume after a pause of two years.\nThe envoys met on Monday."
    c.clean(text)  # the memo learns the lines (and the blank line the layout adds)
    seen: list[str] = []
    real_apply, real_alone = engine.apply_line_local, engine.leaves_alone
    monkeypatch.setattr(engine, "apply_line_local", lambda step, *a, **k: (seen.append("run"), real_apply(step, *a, **k))[1] if step is pipe.steps[n][1] else real_apply(step, *a, **k))
    monkeypatch.setattr(engine, "leaves_alone", lambda step, *a, **k: (seen.append("proof"), real_alone(step, *a, **k))[1] if step is pipe.steps[n][1] else real_alone(step, *a, **k))
    again = "The envoys met on Monday.\nTalks in Tokyo resume after a pause of two years."
    res = c.run(again)
    assert res.passes == 2 and seen == []
    assert res.text == Cleaner(fast=False).clean(again)
    res = c.run("The envoys  met on Monday.")  # a line it changes: given to the step
    assert seen and res.text == "The envoys met on Monday.\n"
