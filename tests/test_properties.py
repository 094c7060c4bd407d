"""Properties over generated documents (hypothesis): seed paragraphs, chrome lines, random
Unicode (astral, combining marks, RTL, CJK, controls), mojibake made by real round trips.

For every document: no exception; the output is canonical text; clean(clean(x)) == clean(x);
the same output on every run and from a pickled copy; every change is counted; the change log
replays to the output; every word the output lacks was removed by a change that names its rule."""

from __future__ import annotations

import pickle
import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clean import Cleaner, default_cleaner, replay
from clean.ruleset import default_rules_dir, load_ruleset

from .conftest import SEEDS

SEED_PARAS = [l.strip() for p in sorted(SEEDS.glob("*.txt")) for l in p.read_text("utf-8").splitlines() if l.strip()]
CHROME = sorted({l for r in load_ruleset([default_rules_dir()]).rules for ex in r.examples for l in ex.input.splitlines() if l.strip() and len(l) < 200})

unicode_text = st.text(
    alphabet=st.characters(
        codec=None,
        categories=("Lu", "Ll", "Lo", "Mn", "Mc", "Nd", "Po", "Ps", "Pe", "Pi", "Pf", "Sm", "Sc", "So", "Zs", "Cc", "Cf"),
        exclude_characters="\n",
    ),
    max_size=80,
)
scripts = st.sampled_from(
    [
        "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645",  # Arabic (RTL)
        "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd",  # Hebrew (RTL)
        "\u8302\u6728\u654f\u5145\u5916\u76f8\u306f\u300c\u540c\u76df\u300d\u3092\u5f37\u8abf\u3057\u305f\u3002",  # Japanese
        "\u738b\u6bc5\u5916\u957f\u8868\u793a\u3002",  # Chinese
        "\ubc15\uc9c4 \uc678\uad50\ubd80 \uc7a5\uad00",  # Korean
        "\U0001F468\u200d\U0001F469\u200d\U0001F467 \U0001F1EF\U0001F1F5 \U0001D400\U0001D401",  # astral
        "e\u0301 a\u0308 o\u0302\u0323",  # combining marks
    ]
)


@st.composite
def mojibake(draw):
    para = draw(st.sampled_from(SEED_PARAS))
    codec = draw(st.sampled_from(["cp1252", "latin-1", "mac_roman"]))
    try:
        return para.encode("utf-8").decode(codec)
    except UnicodeDecodeError:
        return para


paragraph = st.one_of(st.sampled_from(SEED_PARAS), st.sampled_from(CHROME), unicode_text, scripts, mojibake())


@st.composite
def documents(draw):
    paras = draw(st.lists(paragraph, min_size=0, max_size=12))
    out = []
    for p in paras:
        indent = draw(st.sampled_from(["", "", "  ", "\t", "\u00a0", "\u3000"]))
        end = draw(st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\n\n\n", " \n"]))
        out.append(indent + p + end)
    return "".join(out)


INVISIBLE = set("\u200b\u2060\ufeff\u00ad\u180e")
CURLY = set("\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f")


def assert_canonical(out: str) -> None:
    if out == "":
        return
    assert out.endswith("\n") and not out.startswith("\n")
    assert "\r" not in out and "\n\n\n" not in out and not out.endswith("\n\n")
    assert unicodedata.is_normalized("NFC", out)
    paras = out[:-1].split("\n\n")
    for p in paras:
        assert p and "\n" not in p, repr(p)
        assert p == p.strip() and "  " not in p, repr(p)
        assert not (set(p) & INVISIBLE) and not (set(p) & CURLY), repr(p)
        assert not any(unicodedata.category(c) == "Cc" for c in p), repr(p)
        assert "\u00a0" not in p and "\t" not in p and "\u3000" not in p


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(documents())
def test_output_is_canonical_and_a_fixed_point(doc):
    c = default_cleaner()
    out = c.clean(doc)
    assert_canonical(out)
    assert c.clean(out) == out


_FULL_SECOND_PASS: list[Cleaner] = []


@SETTINGS
@given(documents())
def test_certified_second_pass_equals_the_full_second_pass(doc):
    """The engine's certificate for pass 2 gives what running pass 2 in full gives."""
    if not _FULL_SECOND_PASS:
        full = Cleaner()
        full.pipeline.certify = False
        _FULL_SECOND_PASS.append(full)
    a, b = default_cleaner().run(doc), _FULL_SECOND_PASS[0].run(doc)
    assert (a.text, a.counts, a.sources, a.suggestions, a.passes, a.guarded) == (b.text, b.counts, b.sources, b.suggestions, b.passes, b.guarded)


@SETTINGS
@given(documents())
def test_same_output_every_run_and_from_a_pickled_copy(doc):
    c = default_cleaner()
    assert c.clean(doc) == c.clean(doc) == pickle.loads(pickle.dumps(c)).clean(doc)


@SETTINGS
@given(documents())
def test_explain_matches_plain_counts_every_change_and_replays(doc):
    c = default_cleaner()
    res = c.explain(doc)
    assert res.text == c.clean(doc)
    assert sum(res.counts.values()) == len(res.changes)
    assert all(ch.rule in c.pipeline.rules for ch in res.changes)
    assert replay(doc, res.changes) == res.text


WORD = re.compile(r"[^\W_]{3,}")


@SETTINGS
@given(documents())
def test_every_lost_word_was_removed_by_a_named_rule(doc):
    c = default_cleaner()
    res = c.explain(doc)
    kept = set(WORD.findall(res.text))
    removed_text = "\n".join(ch.before for ch in res.changes if ch.rule in c.pipeline.rules)
    for word in set(WORD.findall(unicodedata.normalize("NFC", doc))):
        if word not in kept:
            assert word in removed_text, f"{word!r} vanished without a change that names its rule"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_are_cleaned_or_refused(data):
    from clean import DecodeError

    c = default_cleaner()
    try:
        out = c.clean_bytes(data)
    except DecodeError:
        return
    assert_canonical(out)
    assert c.clean(out) == out


def test_cleaner_instances_agree():
    doc = "".join(SEED_PARAS[:20])
    assert Cleaner().clean(doc) == default_cleaner().clean(doc)
