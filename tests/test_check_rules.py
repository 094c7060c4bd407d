"""``clean check-rules DIR``: a rules directory validated and every example run, with exit codes."""

from __future__ import annotations

import io

from clean.cli import main

from .conftest import write_rules
from .test_rule_files import GOOD


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_good_rules_pass(tmp_path):
    code, out, err = run(["check-rules", str(write_rules(tmp_path, GOOD))])
    assert code == 0, out + err
    assert out == "" and "1 rules, 2 examples, 0 failing" in err


def test_a_wrong_example_is_named_with_file_line_expected_and_actual(tmp_path):
    bad = GOOD.replace('output = "Body.\\n"', 'output = "Body!\\n"').replace('input = "Body.\\n"', 'input = "Chrome line\\n"')
    rules = write_rules(tmp_path, bad)
    code, out, err = run(["check-rules", str(rules)])
    assert code == 1
    assert f"{rules / 'extra.toml'}:2: TST001 test-chrome: example 1 (change), alone: the output differs" in out
    assert "expected: 'Body!\\n'" in out and "actual:   'Body.\\n'" in out
    assert "example 2 (must-not-change), alone: the rule fired on a must-not-change example" in out
    assert "2 failing" in err


def test_an_invalid_rule_file_exits_2_with_its_line(tmp_path):
    rules = write_rules(tmp_path, GOOD.replace('kind = "drop-line"', 'kind = "drop-lines"'))
    code, _, err = run(["check-rules", str(rules)])
    assert code == 2
    assert "extra.toml:5: rule TST001" in err and "unknown kind" in err and "did you mean 'drop-line'" in err


def test_the_rule_reference_is_current():
    """docs/rules.md is generated from the rule files: regenerate it when a rule changes."""
    from clean.ruledoc import render
    from clean.ruleset import default_rules_dir, load_ruleset

    from .conftest import ROOT

    root = default_rules_dir()
    want = render(load_ruleset([root]), root)
    assert (ROOT / "docs" / "rules.md").read_text("utf-8") == want, "docs/rules.md is stale: python -m clean.ruledoc > docs/rules.md"
