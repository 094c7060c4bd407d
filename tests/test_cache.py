"""The compiled-Cleaner cache: same results, rebuilt when a rule file or an option changes."""

from __future__ import annotations

import os
import time

import pytest

from clean import Cleaner, RuleFileError

from .conftest import write_rules
from .test_rule_files import GOOD


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("CLEAN_CACHE_DIR", str(d))
    monkeypatch.delenv("CLEAN_NO_CACHE", raising=False)
    return d


def test_second_cleaner_comes_from_the_cache_and_agrees(cache_dir, tmp_path):
    rules = write_rules(tmp_path, GOOD)
    first = Cleaner(rules, cache=True)
    second = Cleaner(rules, cache=True)
    assert not first.from_cache and second.from_cache
    text = "Chrome line\n\n  Skip to main content\n\u201cBody\u201d Motegi Toshimitsu said.\n"
    assert first.clean(text) == second.clean(text) == '"Body" Toshimitsu Motegi said.\n'
    assert list(cache_dir.glob("*.pickle"))


def test_changed_rule_file_or_option_is_rebuilt_and_validated(cache_dir, tmp_path):
    rules = write_rules(tmp_path, GOOD)
    Cleaner(rules, cache=True)
    time.sleep(0.01)
    (rules / "extra.toml").write_text(GOOD.replace("Chrome line", "Other chrome"))
    c = Cleaner(rules, cache=True)
    assert not c.from_cache and c.clean("Other chrome\nBody.\n") == "Body.\n"
    assert not Cleaner(rules, policy={"quotes": "typographic"}, cache=True).from_cache
    time.sleep(0.01)
    (rules / "extra.toml").write_text(GOOD.replace("Chrome line", "Other chrome").replace('kind = "drop-line"', 'kind = "drop-lines"'))
    with pytest.raises(RuleFileError, match="unknown kind"):
        Cleaner(rules, cache=True)


def test_corrupt_cache_is_rebuilt_and_no_cache_means_none(cache_dir, tmp_path, monkeypatch):
    rules = write_rules(tmp_path, GOOD)
    Cleaner(rules, cache=True)
    for p in cache_dir.glob("*.pickle"):
        p.write_bytes(b"not a pickle")
    c = Cleaner(rules, cache=True)
    assert not c.from_cache and c.clean("Chrome line\nBody.\n") == "Body.\n"
    monkeypatch.setenv("CLEAN_NO_CACHE", "1")
    assert not Cleaner(rules, cache=True).from_cache and not Cleaner(rules, cache=True).from_cache
    assert oct(os.stat(cache_dir).st_mode & 0o777) == "0o700"


def test_key_follows_the_package_code(cache_dir, tmp_path):
    """A pickle holds the package's objects: changed code (same version) must not reuse it."""
    from pathlib import Path

    from clean import cache

    rules = write_rules(tmp_path, GOOD)
    module = Path(cache.__file__)
    before = cache.key([rules], ())
    st = module.stat()
    try:
        os.utime(module, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
        # looked up once per process: a new process (here: a cleared memo) sees the change
        assert cache.key([rules], ()) == before
        cache._code_and_versions.cache_clear()
        assert cache.key([rules], ()) != before
    finally:
        os.utime(module, ns=(st.st_atime_ns, st.st_mtime_ns))
        cache._code_and_versions.cache_clear()
    assert cache.key([rules], ()) == before


def test_api_leaves_the_disk_alone_by_default(cache_dir, tmp_path):
    rules = write_rules(tmp_path, GOOD)
    Cleaner(rules)
    Cleaner(rules)
    assert not cache_dir.exists()


def test_a_folder_others_can_write_is_never_read(cache_dir, tmp_path):
    rules = write_rules(tmp_path, GOOD)
    Cleaner(rules, cache=True)
    assert list(cache_dir.glob("*.pickle"))
    os.chmod(cache_dir, 0o777)
    try:
        assert not Cleaner(rules, cache=True).from_cache
    finally:
        os.chmod(cache_dir, 0o700)
    assert Cleaner(rules, cache=True).from_cache
    for p in cache_dir.glob("*.pickle"):
        os.chmod(p, 0o666)  # a pickle others could have written is not loaded either
    assert not Cleaner(rules, cache=True).from_cache


def test_entries_are_bounded(cache_dir, tmp_path):
    from clean import cache

    rules = write_rules(tmp_path, GOOD)
    for i in range(cache.MAX_ENTRIES + 3):
        Cleaner(rules, cache=True, regex_timeout=1.0 + i / 100)
    assert len(list(cache_dir.glob("*.pickle"))) == cache.MAX_ENTRIES
