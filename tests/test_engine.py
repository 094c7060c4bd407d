"""Engine behaviour: canonical text contract, fixed point, hostile rules, source scoping, pickling."""

from __future__ import annotations

import pickle
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clean import Cleaner, FixedPointError, RuleTimeoutError, clean_text
from clean.kinds.base import ink, ink_at_least

from .conftest import write_rules

RULE = '''
[[rule]]
id = "{id}"
name = "{name}"
kind = "replace"
summary = "Test."
why = "Test."
pattern = '{pattern}'
replacement = "{replacement}"
  [[rule.example]]
  input = "{ex_in}\\n"
  output = "{ex_out}\\n"
  [[rule.example]]
  input = "nothing here\\n"
'''


def test_empty_input_gives_empty_output(cleaner):
    assert cleaner.clean("") == ""
    assert cleaner.clean("\n\n  \n\t\n") == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb\rc\n", "a\n\nb\n\nc\n"),
        ("  indented\u00a0text  with   runs \n", "indented text with runs\n"),
        ("x\u200by\ufeffz soft\u00adhyphen\n", "xyz softhyphen\n"),
        ("Cafe\u0301\n", "Caf\u00e9\n"),
        ("\u201cQuoted\u201d and it\u2019s\n", "\"Quoted\" and it's\n"),
        ("one\n\n\n\ntwo", "one\n\ntwo\n"),
        ("\u300c\u6771\u4eac\u300d\u3001\uff21\uff22\uff23\u3002\n", "\u300c\u6771\u4eac\u300d\u3001\uff21\uff22\uff23\u3002\n"),
    ],
)
def test_canonical_text_contract(cleaner, text, expected):
    assert cleaner.clean(text) == expected


def test_typographic_quote_policy_keeps_quotes():
    c = Cleaner(policy={"quotes": "typographic"})
    assert c.clean("\u201cQuoted\u201d it\u2019s\n") == "\u201cQuoted\u201d it\u2019s\n"


def test_unknown_policy_key_suggests():
    from clean import ConfigError

    with pytest.raises(ConfigError, match="did you mean 'quotes'"):
        Cleaner(policy={"quote": "ascii"})
    with pytest.raises(ConfigError, match="must be one of"):
        Cleaner(policy={"quotes": "curly"})


def test_clean_text_module_level():
    assert clean_text("Skip to main content\n\nBody.") == "Body.\n"


def test_rules_that_undo_each_other_are_named(tmp_path):
    text = RULE.format(id="TST001", name="a-to-b", pattern="alpha", replacement="beta", ex_in="alpha", ex_out="beta")
    text += RULE.format(id="TST002", name="b-to-a", pattern="beta", replacement="alpha", ex_in="beta", ex_out="alpha")
    c = Cleaner(write_rules(tmp_path, text))
    with pytest.raises(FixedPointError) as info:
        c.clean("alpha\n")
    assert set(info.value.rules) >= {"TST001", "TST002"}
    assert "TST001" in str(info.value) and "undo each other" in str(info.value)


CATASTROPHIC = """
[[rule]]
id = "TST003"
name = "catastrophic"
kind = "replace"
summary = "Test."
why = "Test."
pattern = '(a|aa)+$'
replacement = "x"
  [[rule.example]]
  input = "aaa\\n"
  output = "x\\n"
  [[rule.example]]
  input = "nothing here\\n"
"""


def test_catastrophic_regex_times_out_with_rule_id(tmp_path):
    c = Cleaner(write_rules(tmp_path, CATASTROPHIC), regex_timeout=0.2, select=["TST003"])
    assert c.clean("aaa\n") == "x\n"
    start = time.monotonic()
    with pytest.raises(RuleTimeoutError) as info:
        c.clean("a" * 60 + "!\n")
    assert time.monotonic() - start < 5
    assert info.value.rule == "TST003" and info.value.line == 1


def test_source_rules_fire_only_on_their_source(cleaner):
    mainichi = "Motegi spoke.\n\nAlso in The Mainichi\n\nOther story\n"
    other = "Motegi spoke.\n\nRecent Comments\n\nAlso in The Mainichi\n"
    assert cleaner.clean(mainichi) == "Motegi spoke.\n"
    res = cleaner.explain("Motegi spoke. (Kyodo)\n")
    assert "MAI002" not in res.counts
    assert "MAI001" not in cleaner.explain(other).counts


def test_select_and_ignore(cleaner):
    c = Cleaner(ignore=["BP001"])
    assert c.clean("Skip to main content\n") == "Skip to main content\n"
    c = Cleaner(select=["BP", "LAY001"])
    assert all(r.id.startswith(("BP", "LAY")) for r in c.ruleset.rules)
    from clean import ConfigError

    with pytest.raises(ConfigError, match="no rule matches 'BP999'"):
        Cleaner(select=["BP999"])


def test_cleaner_pickles_and_gives_same_output(cleaner):
    text = "  Skip to main content\n\u201cHi\u201d  there\r\n"
    clone = pickle.loads(pickle.dumps(cleaner))
    assert clone.clean(text) == cleaner.clean(text)


def test_change_log_names_rule_stage_line(cleaner):
    res = cleaner.explain("Skip to main content\n\n  Body\u00a0text.\n")
    by_rule = {c.rule: c for c in res.changes}
    assert by_rule["BP001"].stage == "boilerplate" and by_rule["BP001"].line == 1 and by_rule["BP001"].after == ""
    assert by_rule["WS001"].before == "  Body\u00a0text." and by_rule["WS001"].after == "Body text."
    assert res.counts["BP001"] == 1


def test_counts_kept_without_explain(cleaner):
    res = cleaner.run("Skip to main content\n\nBody.\n")
    assert res.changes is None and res.counts["BP001"] == 1


def test_replay_checks_the_log_against_the_text(cleaner):
    from clean import ReplayError, replay

    text = "Skip to main content\n\n  Body\u00a0text.\n"
    res = cleaner.explain(text)
    assert replay(text, res.changes) == res.text
    with pytest.raises(ReplayError, match="does not match"):
        replay("Another document\n\nBody text.\n", res.changes)


def test_html_replays_from_the_extracted_text(cleaner):
    from clean import replay

    page = "<!DOCTYPE html><html><body><nav>Home</nav><article><h1>Head</h1><p>Body \u201cquoted\u201d.</p></article></body></html>"
    res = cleaner.explain(page)
    assert res.text == 'Head\n\nBody "quoted".\n'
    assert res.changes[0].op == "replace-all" and res.changes[0].rule == "MK001"
    assert replay(page, res.changes) == res.text


_SPACES = [chr(c) for c in range(0x3100) if chr(c).isspace()]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(_SPACES), st.characters(blacklist_categories=("Cs",)), st.sampled_from(["\ud800", "é", "日"]))))
def test_ink_counts_what_split_leaves_and_the_bound_stays_under_it(text):
    # the guard's count (C-speed byte deletion for ASCII) against its definition, and the cheap
    # bound the guard tries first: it must never exceed the count
    assert ink(text) == len("".join(text.split()))
    assert ink_at_least(text) <= ink(text)
    assert ink_at_least(text) == ink(text) or not text.isascii()
