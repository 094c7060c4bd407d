"""Hostile rules and hostile inputs: each case with its exact outcome (exit code, message, files)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from .conftest import ROOT, write_rules
from .test_cli import DIRTY, run
from .test_engine import CATASTROPHIC, RULE

BODY = "Tokyo (Kyodo) -- Foreign Minister Toshimitsu Motegi said the talks went well and both sides agreed to meet again.\n"


def _cmd() -> list[str]:
    return [sys.executable, "-m", "clean"]


# ---- hostile rules


def test_catastrophic_rule_fails_the_document_in_bounded_time(tmp_path):
    rules = write_rules(tmp_path, CATASTROPHIC)
    src = tmp_path / "in"
    src.mkdir()
    (src / "a-bad.txt").write_text("a" * 60 + "!\n")
    (src / "b-good.txt").write_text("nothing here\n")
    out = tmp_path / "out"
    start = time.monotonic()
    code, _, err = run([str(src), "-o", str(out), "--rules", str(rules), "--select", "TST003"])
    assert time.monotonic() - start < 30
    assert code == 2
    assert "a-bad.txt" in err and "rule TST003" in err and "extra.toml" in err and "timed out" in err
    assert not (out / "a-bad.txt").exists()
    assert (out / "b-good.txt").read_text() == "nothing here\n"


def test_catastrophic_rule_in_jsonl_names_the_record(tmp_path):
    rules = write_rules(tmp_path, CATASTROPHIC)
    data = b'{"text": "fine"}\n{"text": "' + b"a" * 60 + b'!"}\n'
    code, out, err = run(["--jsonl", "-", "--rules", str(rules), "--select", "TST003"], data)
    assert code == 2 and "<stdin>:2: rule TST003" in err
    assert len(out.split("\n")) == 3  # both records out: the failed one passed through (keep)


EMPTY_ALL = '''
[[rule]]
id = "TST010"
name = "everything"
kind = "drop-line"
summary = "Drops every line."
why = "A broken rule, for the guard test."
patterns = ['.+']
  [[rule.example]]
  input = "x\\n"
  output = ""
  [[rule.example]]
  input = "\\n"
'''


def test_rule_that_empties_every_document_is_caught_by_the_guard(tmp_path):
    rules = write_rules(tmp_path, EMPTY_ALL)
    doc = ("  " + BODY) * 4
    f = tmp_path / "a.txt"
    f.write_text(doc)
    out = tmp_path / "out"
    code, _, err = run([str(f), "-o", str(out), "--rules", str(rules)])
    assert code == 0
    assert "guard: the rules would remove 100% of the text" in err and "kept in canonical form only" in err
    assert (out / "a.txt").read_text() == (BODY + "\n") * 3 + BODY
    code, _, err = run([str(f), "-o", str(tmp_path / "o2"), "--rules", str(rules), "--policy", "guard_action=fail"])
    assert code == 2 and "would remove 100%" in err and "TST010" in err
    assert not (tmp_path / "o2").exists()


def test_rules_that_undo_each_other_fail_with_their_ids(tmp_path):
    text = RULE.format(id="TST001", name="a-to-b", pattern="alpha", replacement="beta", ex_in="alpha", ex_out="beta")
    text += RULE.format(id="TST002", name="b-to-a", pattern="beta", replacement="alpha", ex_in="beta", ex_out="alpha")
    rules = write_rules(tmp_path, text)
    code, out, err = run(["-", "--rules", str(rules)], b"alpha\n")
    assert code == 2 and out == ""
    assert "no fixed point" in err and "TST001" in err and "TST002" in err


# ---- hostile inputs


def test_file_deleted_during_a_run(tmp_path, monkeypatch):
    import clean.files as files

    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (src / name).write_text(DIRTY)
    real = files.collect_jobs

    def collect_then_delete(*args, **kwargs):
        jobs, errors = real(*args, **kwargs)
        (src / "b.txt").unlink()  # gone between the walk and the read
        return jobs, errors

    monkeypatch.setattr(files, "collect_jobs", collect_then_delete)
    out = tmp_path / "out"
    code, _, err = run([str(src), "-o", str(out), "-j", "1"])
    assert code == 2
    assert "b.txt: cannot read" in err
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "c.txt"]
    assert "2 files cleaned, 0 unchanged, 1 failed" in err


def test_unwritable_output_directory(tmp_path):
    """As root, chmod cannot make a directory read-only, so the target is under /proc."""
    f = tmp_path / "a.txt"
    f.write_text(DIRTY)
    code, _, err = run([str(f), "-o", "/proc/clean-out"])
    assert code == 2 and "a.txt: cannot write /proc/clean-out/a.txt" in err
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a directory should be")
    code, _, err = run([str(f), "-o", str(blocker / "sub")])
    assert code == 2 and "cannot write" in err
    assert blocker.read_text() == "a file where a directory should be"


def test_symlink_loop_in_a_directory_walk(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.txt").write_text(DIRTY)
    os.symlink(src, src / "sub" / "loop")
    os.symlink(src / "missing", src / "dangling.txt")
    out = tmp_path / "out"
    code, _, err = run([str(src), "-o", str(out)])
    assert code == 0, err
    assert [p.relative_to(out).as_posix() for p in sorted(out.rglob("*")) if p.is_file()] == ["sub/a.txt"]


def test_sigterm_mid_run_leaves_no_partial_output(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    big = (("  " + BODY) * 2000).encode()
    for i in range(200):
        (src / f"{i:03}.txt").write_bytes(big)
    out = tmp_path / "out"
    p = subprocess.Popen([*_cmd(), str(src), "-o", str(out), "-j", "2", "-q"], cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and any(out.iterdir())):
        time.sleep(0.05)
    time.sleep(0.3)
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=60)
    assert p.returncode != 0
    assert b"terminated" in err and b"Traceback" not in err
    written = list(out.iterdir())
    assert not [w for w in written if w.name.endswith(".clean-tmp")], "a temp file was left behind"
    expected = (BODY + "\n") * 1999 + BODY
    for w in written:  # every file that exists is complete
        assert w.read_text() == expected
    assert len(written) < 200


def test_sigint_on_stdin_run_exits_130():
    # A job started in the background by a shell inherits SIGINT ignored, and Python then never
    # raises KeyboardInterrupt: give the child the default disposition, as a terminal would.
    p = subprocess.Popen(
        [*_cmd(), "-"], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(1.5)  # blocked reading stdin
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=30)
    assert p.returncode == 130 and out == b"" and b"Traceback" not in err


def test_long_single_line_document(tmp_path):
    """A 30 MB document on one line is cleaned (ftfy is applied slice by slice, as ftfy cuts it)."""
    words = ["alliance", "Tokyo", "said", "the", "caf\u00e9", "Kishida\u2019s", "talks", "&", "security"]
    line = " ".join(words[i % len(words)] for i in range(3_500_000))
    f = tmp_path / "long.txt"
    f.write_text("   " + line + "  \n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run([str(f), "-o", str(out)])
    assert code == 0, err
    assert (out / "long.txt").read_text("utf-8") == line.replace("\u2019", "'") + "\n"


def test_fuzz_target_runs_clean(tmp_path):
    """atheris over Cleaner.clean_bytes, starting from the seeds: a fixed seed and a fixed number
    of runs, so the same inputs every time (longer exploration: run tests/fuzz_clean.py by hand)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in (ROOT / "seeds").iterdir():
        (corpus / p.name).write_bytes(p.read_bytes())
    p = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "fuzz_clean.py"), "-seed=20261121", "-runs=1500", "-rss_limit_mb=4096", "-timeout=30", str(corpus)],
        cwd=ROOT,
        capture_output=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr[-3000:].decode("utf-8", "replace")
    assert b"Done" in p.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jsonl_streams_with_bounded_read_ahead(jobs):
    """Constant memory on an endless stream: cleaned records come out while the input is still
    open, so the tool never waits to read (or hold) the whole stream. A tool that read to EOF
    first would deadlock here: the writer waits for output before it sends the rest."""
    import json
    import threading

    p = subprocess.Popen([*_cmd(), "--jsonl", "-", "-j", jobs, "-q"], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    rec = (json.dumps({"text": "  Skip to main content\n" + BODY}) + "\n").encode()
    got_first = threading.Event()
    lines: list[bytes] = []

    def reader() -> None:  # drains stdout all along, so the tool never blocks on a full pipe
        for line in p.stdout:
            lines.append(line)
            got_first.set()

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    p.stdin.write(rec * 5000)  # more than the workers may hold in flight (jobs x 4 batches of 64)
    p.stdin.flush()
    try:
        try:
            assert got_first.wait(60), "no output before the end of the input: the stream is not streamed"
        finally:
            p.stdin.write(rec * 100)
            p.stdin.close()
        p.wait(timeout=120)
        t.join(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 0, p.stderr.read()
    assert len(lines) == 5100
    assert json.loads(lines[0])["text"] == BODY


SLOW_SOURCE = """
[source]
id = "slow"
fingerprint_patterns = ['(a|aa)+$']

[[rule]]
id = "TST050"
name = "slow-site-line"
kind = "drop-line"
summary = "Test."
why = "Test."
lines = ["Chrome"]
  [[rule.example]]
  input = "aaa\\n\\nChrome\\n\\nBody.\\n"
  output = "aaa\\n\\nBody.\\n"
  [[rule.example]]
  input = "Body.\\n"
"""


def test_catastrophic_fingerprint_fails_with_the_source_and_its_file(tmp_path):
    rules = write_rules(tmp_path, SLOW_SOURCE)
    start = time.monotonic()
    code, out, err = run(["-", "--rules", str(rules)], b"a" * 60 + b"!\n")
    assert time.monotonic() - start < 30
    assert code == 2 and out == "" and "Traceback" not in err
    assert "fingerprint of source slow" in err and "extra.toml" in err and "timed out" in err
