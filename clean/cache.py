"""An on-disk cache of compiled Cleaners: the command line's start-up aid (off in the API).

Building a Cleaner reads and validates every rule file, loads the names gazetteer and lexicon,
and derives ftfy's precheck: about 0.15 s, paid by every ``clean -`` call. With
``Cleaner(cache=True)`` (what the command line asks for) the compiled result is pickled under
``$CLEAN_CACHE_DIR`` (default ``$XDG_CACHE_HOME/clean`` or ``~/.cache/clean``), keyed by
everything it depends on: the options, every file of every rules directory (path, size,
modification time), the package's own modules (the same, looked up once per process) and the
versions of Python, clean and the libraries whose data it derives from. A changed rule file
changes the key, so the rules are validated again and errors are reported as usual.

A pickle is code: the cache is used only in a folder that belongs to the user and that no one
else can write (it is created 0700), and only from files the user owns; any other folder is
ignored, as is a cache that cannot be read or written. At most :data:`MAX_ENTRIES` entries are
kept (the oldest go first). ``CLEAN_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import pickle
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .fileio import atomic_write

MAX_ENTRIES = 16
# The libraries whose objects or data a compiled Cleaner holds, by import name.
_LIBS = ("ftfy", "regex", "ahocorasick", "japanese_personal_name_dataset", "pypinyin", "charset_normalizer", "bs4")


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off or the folder is not safe to read from."""
    if os.environ.get("CLEAN_NO_CACHE"):
        return None
    d = os.environ.get("CLEAN_CACHE_DIR")
    if d:
        path = Path(d)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        path = Path(base) / "clean"
    return path if _safe(path) else None


def _safe(path: Path) -> bool:
    """Missing (it will be created private), or a real folder of the user's that only they can write."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _private(st)


def _private(st: os.stat_result) -> bool:
    """Owned by the user, and no one else can write it: the one trust test for folder and pickles."""
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


@functools.cache
def _code_and_versions() -> str:
    """The package's modules and the libraries' installed files (path, size, mtime): once per process.

    A library is found without importing it (``find_spec``), and its main file and folder are
    stamped: installing another version rewrites them. (``importlib.metadata`` would cost more
    start-up than the whole cache saves on a small run.)
    """
    h = hashlib.sha256(sys.version.encode())
    for lib in _LIBS:
        try:
            spec = importlib.util.find_spec(lib)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        stamp = "?"
        if origin:
            try:
                st, folder = os.stat(origin), os.stat(os.path.dirname(origin))
                stamp = f"{origin}\0{st.st_size}\0{st.st_mtime_ns}\0{folder.st_mtime_ns}"
            except OSError:
                pass
        h.update(f"{lib}={stamp}\n".encode())
    # The package's own code too: a pickle holds its objects, and a checkout or an editable
    # install changes code without changing the version.
    package = Path(__file__).resolve().parent
    for p in sorted(package.rglob("*.py")):
        st = p.stat()
        h.update(f"{p}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def key(dirs: Sequence[Path], options: Any) -> str | None:
    """The cache key of a Cleaner built from ``dirs`` with ``options``; None if a file cannot be read."""
    h = hashlib.sha256()
    h.update(repr((_code_and_versions(), options)).encode())
    for d in dirs:
        try:
            files = sorted(p for p in Path(d).rglob("*") if p.is_file())
            for p in files:
                st = p.stat()
                h.update(f"{p.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        except OSError:
            return None
    return h.hexdigest()


def load(k: str | None) -> Any:
    d = cache_dir()
    if d is None or k is None:
        return None
    try:
        with open(d / f"{k}.pickle", "rb") as f:
            if not _private(os.fstat(f.fileno())):
                return None
            return pickle.load(f)
    except Exception:  # noqa: BLE001 - a missing, stale or corrupt cache is rebuilt
        return None


def store(k: str | None, value: Any) -> None:
    d = cache_dir()
    if d is None or k is None:
        return
    try:
        d.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(d / f"{k}.pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), private=True)
        _prune(d)
    except Exception:  # noqa: BLE001 - no cache is no error
        pass


def _prune(d: Path) -> None:
    """Keep the :data:`MAX_ENTRIES` newest entries."""
    entries = sorted(d.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for p in entries[MAX_ENTRIES:]:
        p.unlink(missing_ok=True)
