"""Every example of every rule, run alone (the rule plus the layout rule) and through the whole pipeline.

A change example must produce exactly its output when the rule runs alone and must mean the same
to the whole pipeline (``pipeline(input) == pipeline(output)``); a must-not-change example must
not make the rule fire, alone or in the pipeline. Every output is a fixed point.
"""

from __future__ import annotations

import pytest

from clean.ruleset import default_rules_dir, load_ruleset

from .conftest import cleaner_for

RULES = load_ruleset([default_rules_dir()]).rules
LAYOUT = "LAY001"
CASES = [pytest.param(r, ex, id=f"{r.id}-{r.name}-{i}-{'change' if ex.output is not None else 'keep'}") for r in RULES for i, ex in enumerate(r.examples)]


def test_every_rule_has_a_change_and_a_keep_example():
    for r in RULES:
        assert any(e.output is not None for e in r.examples), r.id
        assert any(e.output is None for e in r.examples), r.id


@pytest.mark.parametrize(("rule", "ex"), CASES)
def test_example_alone(rule, ex):
    c = cleaner_for(tuple(sorted({rule.id, LAYOUT})))
    res = c.explain(ex.input)
    if ex.output is not None:
        assert res.text == ex.output
        assert res.counts.get(rule.id, 0) > 0, f"{rule.id} did not fire"
    else:
        assert res.counts.get(rule.id, 0) == 0, f"{rule.id} fired on a must-not-change example: {res.changes}"
    assert c.clean(res.text) == res.text


@pytest.mark.parametrize(("rule", "ex"), CASES)
def test_example_through_pipeline(rule, ex, cleaner):
    res = cleaner.explain(ex.input)
    if ex.output is not None:
        # In the pipeline an earlier rule may do the work first (ftfy also composes NFC), so
        # the example must mean the same to the pipeline: input and output clean alike.
        assert res.text == cleaner.clean(ex.output)
        assert res.changes, "a change example must change something in the pipeline"
    else:
        assert res.counts.get(rule.id, 0) == 0, f"{rule.id} fired on a must-not-change example: {res.changes}"
    assert cleaner.clean(res.text) == res.text
