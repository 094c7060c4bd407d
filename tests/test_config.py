"""[tool.clean] in a user's pyproject.toml: rules, policy, select/ignore, output; errors suggest keys."""

from __future__ import annotations

import io

import pytest

from clean.cli import main

from .test_rule_files import GOOD


def run_in(path, argv, data=b""):
    import os

    from .test_cli import stdin_of

    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(path)
    try:
        code = main(argv, stdin=stdin_of(data), stdout=out, stderr=err)
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()


def project(tmp_path, table: str):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n\n[tool.clean]\n" + table)
    (tmp_path / "my-rules").mkdir(exist_ok=True)
    (tmp_path / "my-rules" / "site.toml").write_text(GOOD)
    sub = tmp_path / "sub"
    sub.mkdir(exist_ok=True)
    return sub


def test_rules_policy_and_output_from_pyproject(tmp_path):
    sub = project(tmp_path, 'rules = ["my-rules"]\noutput = "cleaned"\n[tool.clean.policy]\nquotes = "typographic"\n')
    (sub / "a.txt").write_text("Chrome line\n\u201cBody\u201d.\n")
    code, _, err = run_in(sub, ["a.txt"])
    assert code == 0, err
    assert (tmp_path / "cleaned" / "a.txt").read_text() == "\u201cBody\u201d.\n"


def test_select_and_ignore_from_pyproject(tmp_path):
    sub = project(tmp_path, 'rules = ["my-rules"]\nignore = ["TST001"]\n')
    code, out, _ = run_in(sub, ["-"], b"Chrome line\n")
    assert (code, out) == (0, "Chrome line\n")


def test_cli_flags_override_pyproject(tmp_path):
    sub = project(tmp_path, '[tool.clean.policy]\nquotes = "typographic"\n')
    code, out, _ = run_in(sub, ["-", "--policy", "quotes=ascii"], "\u201cx\u201d\n".encode())
    assert out == '"x"\n'


def test_isolated_ignores_pyproject(tmp_path):
    sub = project(tmp_path, 'bogus = 1\n')
    code, out, _ = run_in(sub, ["-", "--isolated"], b"x\n")
    assert (code, out) == (0, "x\n")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('rule = ["my-rules"]\n', "unknown key 'rule' (did you mean 'rules'?)"),
        ('selct = ["BP"]\n', "unknown key 'selct' (did you mean 'select'?)"),
        ('[tool.clean.policy]\nquote = "ascii"\n', "unknown policy key 'quote' (did you mean 'quotes'?)"),
        ('[tool.clean.policy]\nname_order = "surname-first"\n', "must be one of 'given-family', 'family-given'"),
        ('rules = "my-rules"\n', "'rules' must be a list of strings"),
    ],
)
def test_config_errors_exit_2_and_name_the_file(tmp_path, table, message):
    sub = project(tmp_path, table)
    code, _, err = run_in(sub, ["-"], b"x\n")
    assert code == 2
    assert "pyproject.toml" in err and message in err
