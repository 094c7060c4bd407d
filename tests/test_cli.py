"""The CLI contract, in-process (main(argv)) and end to end through a subprocess."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys

from clean.cli import main

from .conftest import ROOT, SEEDS

DIRTY = "Please view the main text area of the page by skipping the main menu.\r\n\r\n    Talks\u00a0began.\r\n"
CLEAN = "Talks began.\n"


class FakeStdin(io.TextIOWrapper):
    def isatty(self) -> bool:
        return False


def stdin_of(data: bytes) -> FakeStdin:
    return FakeStdin(io.BytesIO(data), encoding="utf-8")


def run(argv, data: bytes = b""):
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=stdin_of(data), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_stdin_to_stdout():
    code, out, err = run(["-"], DIRTY.encode())
    assert (code, out) == (0, CLEAN)


def test_no_path_reads_piped_stdin():
    code, out, _ = run([], DIRTY.encode())
    assert (code, out) == (0, CLEAN)


def test_a_run_tunes_the_collector_and_puts_it_back(monkeypatch):
    """The command collects young objects less often while it runs and freezes its compiled
    rules (clean.cli._collector_tuned), and leaves the process's collector as it found it, also
    when the run fails."""
    import gc

    from clean import cli

    states = []
    real = cli._main

    def spy(*args):
        states.append((gc.get_threshold(), gc.get_freeze_count()))
        code = real(*args)
        states.append((gc.get_threshold(), gc.get_freeze_count()))
        return code

    monkeypatch.setattr(cli, "_main", spy)
    gc.unfreeze()  # (whatever ran before in this process)
    before = gc.get_threshold(), gc.get_freeze_count()
    assert run(["-"], DIRTY.encode())[:2] == (0, CLEAN)
    assert run(["--no-such-option"])[0] == 2
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
    (start, frozen_at_start), (end, frozen_at_end) = states[:2]
    assert start == end == (20_000, 20, 20)
    assert frozen_at_start == 0 and frozen_at_end > 0

    # a caller's frozen objects stay as they are: the run freezes nothing more, unfreezes nothing
    calls = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "unfreeze", lambda: calls.append("unfreeze"))
    monkeypatch.setattr(gc, "get_freeze_count", lambda: 1)
    assert run(["-"], DIRTY.encode())[:2] == (0, CLEAN)
    assert calls == []


def test_empty_input_empty_output():
    assert run(["-"], b"")[:2] == (0, "")


def test_directory_mirrors_names_and_html_becomes_txt(tmp_path):
    src = tmp_path / "in"
    (src / "sub dir").mkdir(parents=True)
    (src / "a.txt").write_text(DIRTY)
    (src / "sub dir" / "b\u00e9.txt").write_text(DIRTY)
    (src / "page.html").write_text("<!DOCTYPE html><html><body><article><h1>Head</h1><p>Body.</p></article></body></html>")
    (src / ".hidden").write_text(DIRTY)
    out = tmp_path / "out"
    code, _, err = run([str(src), "-o", str(out)])
    assert code == 0, err
    assert (out / "a.txt").read_text() == CLEAN
    assert (out / "sub dir" / "b\u00e9.txt").read_text() == CLEAN
    assert (out / "page.txt").read_text() == "Head\n\nBody.\n"
    assert not (out / ".hidden").exists()
    assert "3 files cleaned, 0 unchanged, 0 failed" in err
    # a second run finds everything up to date
    code, _, err = run([str(src), "-o", str(out)])
    assert code == 0 and "0 files cleaned, 3 unchanged, 0 failed" in err


def test_check_writes_nothing_and_exits_1(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(DIRTY)
    out = tmp_path / "out"
    code, stdout, _ = run([str(f), "-o", str(out), "--check"])
    assert code == 1 and "would clean" in stdout and not out.exists()
    run([str(f), "-o", str(out)])
    assert run([str(f), "-o", str(out), "--check"])[0] == 0


def test_diff_writes_nothing_and_exits_1(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(DIRTY)
    code, stdout, _ = run([str(f), "-o", str(tmp_path / "out"), "--diff"])
    assert code == 1
    assert "-Please view the main text area" in stdout and "+Talks began." in stdout
    assert not (tmp_path / "out").exists()
    g = tmp_path / "clean.txt"
    g.write_text(CLEAN)
    assert run([str(g), "-o", str(tmp_path / "out"), "--diff"])[:2] == (0, "")


def test_in_place_rewrites_and_exits_1(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(DIRTY)
    code, _, _ = run([str(f), "--in-place"])
    assert code == 1 and f.read_text() == CLEAN
    assert run([str(f), "--in-place"])[0] == 0


def test_input_never_overwritten(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    f = d / "a.txt"
    f.write_bytes(DIRTY.encode())
    code, _, err = run([str(f), "-o", str(d)])
    assert code == 2 and "refusing to write its output over an input" in err
    assert f.read_bytes() == DIRTY.encode()


def test_bad_file_reported_run_goes_on(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(DIRTY)
    (src / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde")
    (src / "c.txt").write_text(DIRTY)
    out = tmp_path / "out"
    code, _, err = run([str(src), "-o", str(out)])
    assert code == 2
    assert "b.png" in err and "PNG" in err
    assert (out / "a.txt").read_text() == CLEAN and (out / "c.txt").read_text() == CLEAN
    assert not (out / "b.png").exists()
    assert "2 files cleaned, 0 unchanged, 1 failed" in err


def test_missing_path_is_exit_2(tmp_path):
    code, _, err = run([str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o")])
    assert code == 2 and "no such file or directory" in err


def test_explain_text_and_json(tmp_path):
    code, out, err = run(["-", "--explain"], DIRTY.encode())
    assert code == 0 and out == CLEAN
    assert "BP001 skip-to-main-text-prompt [boilerplate] line 1" in err
    code, out, err = run(["-", "--explain", "--explain-format", "json"], DIRTY.encode())
    doc = json.loads(err.strip().splitlines()[-1])
    assert doc["encoding"] == "ascii" or doc["encoding"].startswith("utf")
    assert doc["counts"]["BP001"] == 1
    assert any(c["rule"] == "DEC001" for c in doc["changes"])


def test_list_and_show_rules():
    code, out, _ = run(["--list-rules"])
    assert code == 0 and "BP001" in out and "skip-to-main-text-prompt" in out and "mainichi" in out
    code, out, _ = run(["--show-rule", "MAI001"])
    assert code == 0 and "also-in-the-mainichi" in out and "Examples" in out and "The Mainichi" in out
    code, _, err = run(["--show-rule", "NOPE001"])
    assert code == 2 and "no such rule" in err


def test_usage_errors_exit_2():
    assert run(["--check", "--diff", "-"])[0] == 2
    assert run(["--bogus"])[0] == 2
    code, _, err = run(["--select", "ZZ999", "-"], b"x")
    assert code == 2 and "no rule matches" in err
    code, _, err = run(["--policy", "quotes=curly", "-"], b"x")
    assert code == 2 and "quotes" in err


def test_seeds_cli_matches_api(tmp_path, cleaner):
    out = tmp_path / "out"
    code, _, err = run([str(SEEDS), "-o", str(out)])
    assert code == 0, err
    for seed in SEEDS.glob("*.txt"):
        assert (out / seed.name).read_text("utf-8") == cleaner.clean_bytes(seed.read_bytes())


# ---- end to end, through a real process


def _cmd():
    exe = shutil.which("clean")
    return [exe] if exe else [sys.executable, "-m", "clean"]


def test_subprocess_python_m_clean_stdin():
    p = subprocess.run([sys.executable, "-m", "clean", "-"], input=DIRTY.encode(), capture_output=True, cwd=ROOT, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout == CLEAN.encode()


def test_subprocess_console_script_directory(tmp_path):
    out = tmp_path / "o"
    p = subprocess.run([*_cmd(), str(SEEDS), "-o", str(out)], capture_output=True, timeout=120, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert sorted(x.name for x in out.iterdir()) == sorted(x.name for x in SEEDS.iterdir())
    assert b"5 files cleaned, 0 unchanged, 0 failed" in p.stderr


def test_subprocess_png_refused_nothing_on_stdout():
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    p = subprocess.run([sys.executable, "-m", "clean", "-"], input=png, capture_output=True, cwd=ROOT, timeout=60)
    assert p.returncode == 2 and p.stdout == b""
    assert b"PNG" in p.stderr


def test_subprocess_closed_pipe_no_traceback(tmp_path):
    big = ("Paragraph of text.\n\n" * 20000).encode()
    p = subprocess.run(f"{' '.join(_cmd())} - | head -1", shell=True, input=big, capture_output=True, timeout=120, cwd=ROOT)
    assert b"Traceback" not in p.stderr
    assert p.stdout == b"Paragraph of text.\n"


def test_subprocess_bad_rules_dir_exit_2(tmp_path):
    d = tmp_path / "r"
    d.mkdir()
    (d / "x.toml").write_text("[[rule]]\nid = 'X'\n")
    p = subprocess.run([*_cmd(), "--rules", str(d), "-"], input=b"x", capture_output=True, timeout=60)
    assert p.returncode == 2 and b"x.toml" in p.stderr and p.stdout == b""
