"""The pre-commit hooks, tested for real: a throw-away repository uses this checkout through
``pre-commit try-repo`` and commits a messy seed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00\x00\x00IEND\xaeB`\x82"


def git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def consumer(tmp_path_factory):
    repo = tmp_path_factory.mktemp("consumer")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "t@example.com")
    git(repo, "config", "user.name", "t")
    (repo / "README").write_text("x\n")
    git(repo, "add", "README")
    git(repo, "commit", "-qm", "init")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pc-home")), PRE_COMMIT_COLOR="never")
    return repo, env


def try_repo(repo, env, hook, *files):
    cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--verbose"]
    if files:
        cmd += ["--files", *files]
    return subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def test_precommit_is_installed():
    assert shutil.which("git")
    import pre_commit  # noqa: F401


def test_clean_seeds_hook_writes_out_then_passes(consumer):
    repo, env = consumer
    (repo / "seeds").mkdir()
    (repo / "seeds" / "messy.txt").write_bytes(
        b"Please view the main text area of the page by skipping the main menu.\r\n\r\n    Kishida\xe2\x80\x99s  visit.\r\n"
    )
    git(repo, "add", "seeds/messy.txt")
    first = try_repo(repo, env, "clean-seeds")
    assert first.returncode == 1, first.stdout + first.stderr
    assert (repo / "out" / "messy.txt").read_text("utf-8") == "Kishida's visit.\n"
    git(repo, "add", "out/messy.txt")
    second = try_repo(repo, env, "clean-seeds")
    assert second.returncode == 0, second.stdout + second.stderr
    check = try_repo(repo, env, "clean-check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_clean_check_fails_on_stale_out_and_writes_nothing(consumer):
    repo, env = consumer
    (repo / "seeds").mkdir(exist_ok=True)
    (repo / "seeds" / "new.txt").write_text("Skip to main content\nNew body.\n")
    git(repo, "add", "seeds/new.txt")
    res = try_repo(repo, env, "clean-check")
    assert res.returncode == 1, res.stdout + res.stderr
    assert "out/new.txt" in res.stdout
    assert not (repo / "out" / "new.txt").exists()


def test_binary_seed_fails_with_its_name(consumer):
    repo, env = consumer
    (repo / "seeds").mkdir(exist_ok=True)
    (repo / "seeds" / "photo.png").write_bytes(PNG)
    git(repo, "add", "seeds/photo.png")
    res = try_repo(repo, env, "clean-seeds", "seeds/photo.png")
    assert res.returncode != 0
    assert "seeds/photo.png" in res.stdout and "PNG" in res.stdout
    assert not (repo / "out" / "photo.png").exists()
