"""An on-disk cache of compiled Cleaners, for start-up.

Building a Cleaner reads and validates every rule file, loads the names gazetteer and lexicon,
and derives ftfy's precheck: about 0.15 s, paid by every ``clean -`` call. The compiled result
is pickled under ``$CLEAN_CACHE_DIR`` (default ``$XDG_CACHE_HOME/clean`` or ``~/.cache/clean``),
keyed by everything it depends on: the options, every file of every rules directory and every
module of the package (path, size, modification time), and the versions of Python, clean and
the libraries whose data it derives from. A changed rule file changes the key, so the rules are validated again and errors
are reported as usual; a cache that cannot be read or written is ignored. ``CLEAN_NO_CACHE=1``
turns it off. The cache is a pickle: keep its folder private to you (it is created 0700).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

_LIBS = ("clean-news", "ftfy", "regex", "pyahocorasick", "japanese-personal-name-dataset", "pypinyin", "charset-normalizer", "beautifulsoup4")


def cache_dir() -> Path | None:
    if os.environ.get("CLEAN_NO_CACHE"):
        return None
    d = os.environ.get("CLEAN_CACHE_DIR")
    if d:
        return Path(d)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "clean"


def _versions() -> list[str]:
    out = [sys.version]
    for lib in _LIBS:
        try:
            out.append(f"{lib}={metadata.version(lib)}")
        except metadata.PackageNotFoundError:
            out.append(f"{lib}=?")
    return out


def key(dirs: Sequence[Path], options: Any) -> str | None:
    h = hashlib.sha256()
    h.update(repr((_versions(), options)).encode())
    # The package's own code too: a pickle holds its objects, and a checkout or an editable
    # install changes code without changing the version.
    package = Path(__file__).resolve().parent
    for d in [package, *dirs]:
        try:
            files = sorted(p for p in Path(d).rglob("*") if p.is_file() and (d is not package or p.suffix == ".py"))
        except OSError:
            return None
        for p in files:
            try:
                st = p.stat()
            except OSError:
                return None
            h.update(f"{p.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def load(k: str | None) -> Any:
    d = cache_dir()
    if d is None or k is None:
        return None
    try:
        with open(d / f"{k}.pickle", "rb") as f:
            return pickle.load(f)
    except Exception:  # noqa: BLE001 - a missing, stale or corrupt cache is rebuilt
        return None


def store(k: str | None, value: Any) -> None:
    d = cache_dir()
    if d is None or k is None:
        return
    try:
        d.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=d, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, d / f"{k}.pickle")
    except Exception:  # noqa: BLE001 - no cache is no error
        try:
            os.unlink(tmp)  # type: ignore[possibly-undefined]
        except Exception:  # noqa: BLE001
            pass
