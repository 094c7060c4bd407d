"""Every example of every rule, run alone (the rule plus the layout rule) and through the whole pipeline.

A change example must produce exactly its output when the rule runs alone and must mean the same
to the whole pipeline (``pipeline(input) == pipeline(output)``); a must-not-change example must
not make the rule fire, alone or in the pipeline. Every output is a fixed point.
"""

from __future__ import annotations

import pytest

from clean.ruleset import default_rules_dir, load_ruleset
from clean.validate import LAYOUT_RULE, check_example

from .conftest import cleaner_for

RULES = load_ruleset([default_rules_dir()]).rules
CASES = [pytest.param(r, i, id=f"{r.id}-{r.name}-{i}-{'change' if ex.output is not None else 'keep'}") for r in RULES for i, ex in enumerate(r.examples)]


def test_every_rule_has_a_change_and_a_keep_example():
    for r in RULES:
        assert any(e.output is not None for e in r.examples), r.id
        assert any(e.output is None for e in r.examples), r.id


@pytest.mark.parametrize(("rule", "index"), CASES)
def test_example(rule, index, cleaner):
    """The check `clean check-rules` runs on a user's rules, on every bundled rule."""
    alone = cleaner_for(tuple(sorted({rule.id, LAYOUT_RULE})))
    failures = check_example(rule, index, alone, cleaner)
    assert not failures, "\n".join(f.describe() for f in failures)
