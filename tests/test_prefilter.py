"""The prefilter never misses: what it rules out, the full match never finds.

The fast path of the line kinds runs a pattern only on the lines that its shape (the strings every
match starts or ends with or holds, its length bounds: :mod:`clean.prefilter`) leaves as
candidates, and skips a document that holds none of the strings the fragments or fingerprints
need. Each check here compares that with the plain way, on every rule example, on their lines
varied (case, the characters the regex module takes for other letters when ignoring case, white
space, cuts, joins), on the seed documents, and on strings generated to match each pattern.
"""

from __future__ import annotations

import functools
import re
import sys

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clean.engine import Pipeline
from clean.kinds.base import Env
from clean.kinds.line_match import LineMatcher, MatcherView
from clean.kinds.lines import _Fragments
from clean.prefilter import UNBOUNDED, fold, shape
from clean.prefilter.gate import LineGate, _fold_edge
from clean.ruleset import default_rules_dir, load_ruleset

from .conftest import SEEDS

RULESET = load_ruleset([default_rules_dir()])
ENV = Env({}, 5.0, True)
# what regex matches for a letter when ignoring case, beyond its upper and lower case
ODD = {"s": "ſ", "k": "\u212a", "i": "İ", "S": "ſ", "K": "\u212a", "I": "İ", "σ": "ς", "Σ": "ς"}


def _rules(kind: str) -> list:
    return [r for r in RULESET.rules if r.kind == kind]


def _texts() -> list[str]:
    out = []
    for r in RULESET.rules:
        for ex in r.examples:
            out.append(ex.input)
            if ex.output:
                out.append(ex.output)
    out += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return out


@functools.cache
def _lines() -> tuple[str, ...]:
    """Every line of the texts, and variants of each."""
    base = {l for t in _texts() for l in t.split("\n") if l.strip()}
    for r in _rules("drop-line") + _rules("truncate-after"):
        base.update(r.options["lines"])
    out = set(base)
    for l in base:
        s = l.strip()
        out.update({s.upper(), s.lower(), s.title(), s.swapcase(), " \t" + s + "\u3000", s[: len(s) // 2], s[len(s) // 2 :], s[1:], s[:-1]})
        out.add("".join(ODD.get(c, c) for c in s))
        out.add("".join(ODD.get(c, c) for c in s.upper()))
    ordered = sorted(out)
    out.update(a + " " + b for a, b in zip(ordered[::7], ordered[3::7], strict=False))
    return tuple(sorted(out))


@pytest.mark.parametrize("kind", ["drop-line", "truncate-after"])
def test_line_gate_never_misses_a_line(kind):
    m = LineMatcher(_rules(kind), ENV)
    wrong = []
    for line in _lines():
        s = line.strip()
        if s and m.match(s, 1) is not m.fullmatch(s, 1):
            wrong.append(s)
    assert not wrong, wrong[:20]


@pytest.mark.parametrize("kind", ["drop-line", "truncate-after"])
def test_prefiltered_scan_equals_the_full_scan(kind):
    m = LineMatcher(_rules(kind), ENV)
    lines = list(_lines())
    docs = [t.split("\n") for t in _texts()] + [lines[i : i + 40] for i in range(0, len(lines), 40)]
    for doc in docs:
        assert m.scan(doc, True) == m.scan(doc, False)


@pytest.mark.parametrize("kind", ["drop-line", "truncate-after"])
def test_a_view_answers_like_the_matcher_of_its_rules(kind):
    """The fast path matches a document against a view of the matcher of all the kind's rules,
    limited to the rules active on it: for every set of sources the same answers (rule
    included) as the plain matcher of those rules alone, line by line and document by
    document, the memo of seen lines included (each document twice)."""
    rules = _rules(kind)
    full = LineMatcher(rules, ENV)
    sources = sorted({r.source for r in rules if r.source})
    lines = list(_lines())
    docs = [t.split("\n") for t in _texts()] + [lines[i : i + 40] for i in range(0, len(lines), 40)]
    for active in [set(), *({s} for s in sources), set(sources[::2]), set(sources)]:
        subset = [r for r in rules if r.source is None or r.source in active]
        plain = LineMatcher(subset, ENV)
        view = MatcherView(full, frozenset(r.id for r in subset))
        wrong = [s for s in (l.strip() for l in lines) if s and view.match(s, 1) is not plain.fullmatch(s, 1)]
        assert not wrong, (active, wrong[:10])
        for doc in docs + docs:
            assert view.scan(doc, True) == plain.scan(doc, False), active


@pytest.mark.parametrize("rule", _rules("strip-fragment"), ids=lambda r: r.id)
def test_fragment_needs_never_skip_a_text_with_a_fragment(rule):
    frag = _Fragments(rule)
    assert frag.needs is not None, "every fragment rule has strings every match holds"
    texts = _texts() + list(_lines())
    missed = [t for t in texts if not frag.needs(t) and frag.pattern().search(t)]
    assert not missed, missed[:10]


def test_fingerprint_gate_never_hides_a_source():
    fast = Pipeline(RULESET, RULESET.policy, fast=True)
    slow = Pipeline(RULESET, RULESET.policy, fast=False)
    texts = _texts() + ["\n".join(_lines()[i : i + 30]) for i in range(0, len(_lines()), 30)]
    for src in RULESET.sources.values():
        for line in src.lines:
            texts += [f"Body.\n  {line}\t\nMore.", f"{line}\u3000\nx", f"x {line}", line.upper(), f"{line}\n{line}"]
    found = 0
    for t in texts:
        lines = t.split("\n")
        got = fast.detect_sources(lines)
        assert got == slow.detect_sources(lines), t[:200]
        found += bool(got)
    assert found > len(RULESET.sources)  # the check saw sources found, not only absent ones


def _patterns() -> list[tuple[str, str, bool]]:
    out = []
    for kind in ("drop-line", "truncate-after", "strip-fragment"):
        for r in _rules(kind):
            for p in r.options["patterns"]:
                out.append((f"{r.id}:{p[:30]}", p, bool(r.options["ignore_case"])))
    for src in RULESET.sources.values():
        for p in src.patterns:
            out.append((f"{src.id}:{p.pattern[:30]}", p.pattern, False))
    return out


def _holds(sh, s: str) -> list[str]:
    """What of the shape ``sh`` the match ``s`` breaks (its edges are those of a trimmed line)."""
    broken = []
    if not sh.min_len <= len(s) <= sh.max_len:
        broken.append("length")
    trimmed = s == s.strip()
    if trimmed and sh.starts is not None and not any(_fold_edge(s[: len(p)]) == p for p in sh.starts):
        broken.append("starts")
    if trimmed and sh.ends is not None and not any(_fold_edge(s[-len(p) :]) == p for p in sh.ends):
        broken.append("ends")
    if sh.needs is not None and not any(n in s for n in sh.needs):
        broken.append("needs")
    if sh.folded is not None and not any(n in fold(s) for n in sh.folded):
        broken.append("folded needs")
    return broken


@pytest.mark.parametrize(("name", "pattern", "ci"), _patterns(), ids=[p[0] for p in _patterns()])
@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], deadline=None)
@given(data=st.data())
def test_every_generated_match_has_the_shape(name, pattern, ci, data):
    sh = shape(pattern, ci)
    if sh is None:
        return  # no shape: such a pattern runs on every line
    try:
        s = data.draw(st.from_regex(re.compile(pattern, re.IGNORECASE if ci else 0)))
    except (re.error, NotImplementedError):  # syntax the generator does not cover
        return
    for m in regex.finditer(pattern, s, regex.V0 | (regex.IGNORECASE if ci else 0), overlapped=True):
        assert not _holds(sh, m.group()), (name, s, m.group())


def test_the_examples_keep_their_shape():
    """Every rule example a pattern matches in full (a line) or finds (a fragment) has its shape."""
    checked = 0
    for name, pattern, ci in _patterns():
        sh = shape(pattern, ci)
        if sh is None:
            continue
        rx = regex.compile(pattern, regex.V0 | (regex.IGNORECASE if ci else 0))
        for line in _lines():
            for m in [rx.fullmatch(line.strip()), *rx.finditer(line)]:
                if m is not None:
                    assert not _holds(sh, m.group()), (name, m.group())
                    checked += 1
    assert checked > 100


def test_shapes_of_known_patterns():
    sh = shape(r"(?:share|teilen)\s*[:：]?\s*(?:facebook|twitter){2,10}", True)
    assert sh is not None and sh.starts is not None and {"share:", "teilen"} <= sh.starts and sh.min_len == 19
    assert regex.fullmatch(r"(?:share|teilen)\s*[:：]?\s*(?:facebook|twitter){2,10}", "ſHARE: FACEBOOKTWITTER", regex.I)
    assert not _holds(sh, "ſHARE: FACEBOOKTWITTER")
    assert shape(r"ab{e<=1}") is None  # fuzzy matching: regex reads it otherwise than re
    assert shape(r"(a)\1") is None  # a back-reference
    assert shape(r"[[:alpha:]]+") is None  # a POSIX class
    assert shape(r"(?x) a b") is None  # verbose mode
    w = shape(r"[0-9]{2,4}x?")
    assert w is not None and (w.min_len, w.max_len) == (2, 5)
    assert shape(r"a+").max_len == UNBOUNDED
    tail = shape(r"[0-9]+\s*(?:min|minute)s?\s+read", True)
    assert tail is not None and tail.ends is not None and "read" in tail.ends


def test_the_case_classes_are_the_regex_modules():
    """The prefilter expands a case-insensitive character to what regex itself matches for it."""
    from clean.prefilter.shapes import _cases

    everything = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, sys.maxunicode + 1)))
    chars = {c for _, p, _ in _patterns() for c in p if c.isalpha()} | set("sSkKiIσΣßµ")
    probe = regex.compile("[" + "".join(regex.escape(c) for c in sorted(chars)) + "]", regex.V0 | regex.IGNORECASE)
    seen = set(probe.findall(everything))
    for c in sorted(chars):
        assert set(regex.findall(regex.escape(c), "".join(seen), regex.V0 | regex.IGNORECASE)) == _cases(c), c


def test_trimming_removes_what_regex_calls_white_space():
    """A line is trimmed with str.strip; the shapes take white space at a line's ends as trimmed."""
    everything = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, sys.maxunicode + 1)))
    assert all(c.isspace() for c in regex.findall(r"\s", everything))
    assert all(c.isspace() for c in re.findall(r"\s", everything))


def test_a_gate_looks_only_at_the_patterns_asked_for():
    """A view of a matcher asks its gate about its own rules' patterns only: the others, whose
    needed strings the text holds, are not offered to every line."""
    gate = LineGate([shape(r".{0,500}alpha.{0,500}", False), shape(r".{0,500}beta.{0,500}", False)])
    text = "alpha and beta\nneither"
    assert [a[0] for a in gate.active(text)[0]] == [0, 1]
    assert [a[0] for a in gate.active(text, frozenset({1}))[0]] == [1]
    found, _, _ = gate.scan(text.split("\n"), text, frozenset({1}))
    assert found == {0: [1], 1: [1]}
    assert gate.scan(text.split("\n"), text, frozenset())[0] == {}
