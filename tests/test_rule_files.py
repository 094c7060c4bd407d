"""Malformed rule files: each kind of mistake gives an error naming file, line, rule and key, and exit 2."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from clean import Cleaner, RuleFileError
from clean.cli import main
from clean.ruleset import default_rules_dir, load_ruleset

from .conftest import write_rules

GOOD = '''
[[rule]]
id = "TST001"
name = "test-chrome"
kind = "drop-line"
summary = "Test chrome."
why = "Testing."
lines = ["Chrome line"]
  [[rule.example]]
  input = "Chrome line\\n\\nBody.\\n"
  output = "Body.\\n"
  [[rule.example]]
  input = "Body.\\n"
'''


def load_error(tmp_path: Path, text: str) -> RuleFileError:
    d = write_rules(tmp_path, text)
    with pytest.raises(RuleFileError) as info:
        Cleaner(d)
    return info.value


def test_good_extra_rules_dir_loads_and_fires(tmp_path):
    c = Cleaner(write_rules(tmp_path, GOOD))
    assert c.clean("Chrome line\nBody.\n") == "Body.\n"


def test_toml_syntax_error_names_file_and_line(tmp_path):
    e = load_error(tmp_path, GOOD.replace('summary = "Test chrome."', 'summary = "Test chrome'))
    assert e.path.endswith("extra.toml")
    assert e.line == 6
    assert "TOML syntax error" in str(e)
    assert re.search(r"extra\.toml:6: TOML syntax error", str(e))


def test_unknown_key_names_rule_key_and_line(tmp_path):
    e = load_error(tmp_path, GOOD.replace('lines = ["Chrome line"]', 'lines = ["Chrome line"]\nignore_cse = true'))
    assert (e.rule, e.key, e.line) == ("TST001", "ignore_cse", 9)
    assert "did you mean 'ignore_case'" in str(e)


def test_bad_regex(tmp_path):
    e = load_error(tmp_path, GOOD.replace('lines = ["Chrome line"]', "patterns = ['Chrome (line']"))
    assert (e.rule, e.key) == ("TST001", "patterns")
    assert "bad regex" in str(e) and e.line == 8


@pytest.mark.parametrize("field", ["name", "summary", "why", "kind"])
def test_missing_field(tmp_path, field):
    text = "\n".join(l for l in GOOD.splitlines() if not l.startswith(f"{field} ="))
    e = load_error(tmp_path, text)
    assert e.rule == "TST001" and e.key == field
    assert f"missing required key '{field}'" in str(e)


def test_missing_examples(tmp_path):
    e = load_error(tmp_path, GOOD.split("  [[rule.example]]")[0])
    assert e.key == "example"


def test_only_change_examples_is_an_error(tmp_path):
    e = load_error(tmp_path, GOOD.rsplit("  [[rule.example]]", 1)[0])
    assert "must-not-change" in str(e)


def test_duplicate_id_in_extra_dir(tmp_path):
    e = load_error(tmp_path, GOOD.replace("TST001", "BP001"))
    assert e.rule == "BP001" and e.key == "id"
    assert "duplicate rule id BP001" in str(e) and "general.toml" in str(e)


def test_duplicate_id_with_overrides_replaces(tmp_path):
    text = GOOD.replace("TST001", "BP001").replace('name = "test-chrome"', 'name = "test-chrome"\noverrides = true')
    c = Cleaner(write_rules(tmp_path, text))
    rule = c.ruleset.by_id("BP001")
    assert rule.name == "test-chrome"
    # the bundled skip prompt is no longer dropped; the override's line is
    assert c.clean("Skip to main content\nChrome line\n") == "Skip to main content\n"


def test_overrides_without_original_is_an_error(tmp_path):
    e = load_error(tmp_path, GOOD.replace('name = "test-chrome"', 'name = "test-chrome"\noverrides = true'))
    assert e.key == "overrides"


def test_unknown_kind(tmp_path):
    e = load_error(tmp_path, GOOD.replace('kind = "drop-line"', 'kind = "drop-lines"'))
    assert e.key == "kind" and "did you mean 'drop-line'" in str(e)


def test_bad_id_format(tmp_path):
    e = load_error(tmp_path, GOOD.replace('"TST001"', '"tst-1"'))
    assert e.key == "id"


def test_wrong_type(tmp_path):
    e = load_error(tmp_path, GOOD.replace('lines = ["Chrome line"]', 'lines = "Chrome line"'))
    assert e.key == "lines" and "expected a list" in str(e)


def test_unknown_source(tmp_path):
    e = load_error(tmp_path, GOOD.replace('kind = "drop-line"', 'kind = "drop-line"\nsource = "nowhere"'))
    assert e.key == "source" and "unknown source 'nowhere'" in str(e)


def test_cli_bad_rule_file_exits_2_with_location(tmp_path, capsys):
    d = write_rules(tmp_path, GOOD.replace('lines = ["Chrome line"]', "patterns = ['(']"))
    f = tmp_path / "in.txt"
    f.write_text("Body.\n")
    code = main([str(f), "-o", str(tmp_path / "o"), "--rules", str(d)])
    err = capsys.readouterr().err
    assert code == 2
    assert "extra.toml:8: rule TST001: key 'patterns': bad regex" in err
    assert not (tmp_path / "o").exists(), "nothing may be written when the rules are bad"


# ---- the data itself, codespell-style


def test_every_toml_file_in_rules_is_loaded():
    d = default_rules_dir()
    rs = load_ruleset([d])
    used = {Path(r.path).name for r in rs.rules} | {Path(s.path).name for s in rs.sources.values()}
    if rs.policy_path:
        used.add(Path(rs.policy_path).name)
    assert {p.name for p in d.glob("*.toml")} == used


def test_rule_data_is_tidy():
    rs = load_ruleset([default_rules_dir()])
    prefixes: dict[str, str] = {}
    for r in rs.rules:
        assert r.summary.endswith((".", ")")), f"{r.id}: summary should be a sentence"
        assert r.why.endswith("."), f"{r.id}: why should be a sentence"
        prefix = re.match(r"[A-Z]+", r.id).group()
        prefixes.setdefault(prefix, Path(r.path).name)
        for ex in r.examples:
            assert ex.input.strip(), f"{r.id}: empty example"


def test_rule_files_parse_as_plain_toml():
    for p in default_rules_dir().glob("*.toml"):
        tomllib.loads(p.read_text("utf-8"))
