"""atheris fuzz target over Cleaner.clean_bytes (run by tests/test_hostile.py for a bounded time).

    python tests/fuzz_clean.py -max_total_time=60 tests/fuzz-corpus/

Any input may be refused (DecodeError/NotTextError); nothing else may raise, and every output
must be canonical and a fixed point.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["clean"]):
    from clean import Cleaner, DecodeError

CLEANER = Cleaner(regex_timeout=5.0)


def check(data: bytes) -> None:
    try:
        out = CLEANER.clean_bytes(data)
    except DecodeError:  # includes NotTextError: refusing bytes is a valid outcome
        return
    assert "\r" not in out and "\ufeff" not in out and "\u200b" not in out, repr(out)
    assert out == "" or (out.endswith("\n") and not out.endswith("\n\n") and not out.startswith("\n")), repr(out)
    assert "\n\n\n" not in out, repr(out)
    assert CLEANER.clean(out) == out, repr(out)


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
