"""Compare our HTML extraction (clean.html.soup.extract) with trafilatura on the HTML fixtures.

For every ``tests/fixtures/html/*.html`` that has a ``.expected.txt`` next to it:

* **recall**: the share of expected paragraphs found in the extractor's output, both sides
  fuzzy-normalized (white space collapsed, curly quotes straightened, no-break spaces as spaces,
  a leading list marker such as "1. " ignored);
* **chrome**: how many known-chrome strings (``*.chrome.txt``, one per line) are still in the output;
* **ms/page**: median wall time of a few runs.

    python bench/compare_extractors.py [--runs 5] [-v]

trafilatura is a core dependency; this script compares it with the bs4 extractor alone on the fixtures
(``bench/html.py`` scores both, and clean as a whole, on real pages).
It runs with its defaults except ``include_comments=False`` (reader comments are not main text);
its plain-text output has no headline (that is metadata for trafilatura), which costs it the
headline paragraph in recall.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "html"
sys.path.insert(0, str(ROOT))

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u00a0": " "})


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.translate(_QUOTES)).strip()


_LIST_MARKER = re.compile(r"^(?:[-*\u2022]|\d{1,3}[.)]|[a-zA-Z][.)])\s+")


def recall(expected: list[str], got: str) -> tuple[int, list[str]]:
    """Expected paragraphs (list markers such as "1. " or "- " aside) found in the output."""
    text = norm(got.replace("\n", " "))
    missed = [p for p in expected if norm(_LIST_MARKER.sub("", p)) not in text]
    return len(expected) - len(missed), missed


def timed(fn: Callable[[str], str], html: str, runs: int) -> tuple[str, float]:
    out, times = "", []
    for _ in range(runs):
        t = time.perf_counter()
        out = fn(html)
        times.append(time.perf_counter() - t)
    return out, statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="timed runs per page and extractor (median)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list missed paragraphs and chrome left")
    args = ap.parse_args(argv)

    try:
        import trafilatura
    except ImportError as e:
        print(f"trafilatura is not installed ({e}); `pip install trafilatura` to run the comparison.")
        return 0
    from clean.html.soup import extract

    extractors: dict[str, Callable[[str], str]] = {
        "ours": lambda h: extract(h).text,
        "trafilatura": lambda h: trafilatura.extract(h, include_comments=False) or "",
    }
    pages = sorted(p for p in FIXTURES.glob("*.html") if p.with_suffix(".expected.txt").exists())
    if not pages:
        print(f"no fixtures with .expected.txt under {FIXTURES}")
        return 0

    name_w = max(len("page"), *(len(p.stem) for p in pages))
    cols = list(extractors)
    head = f"{'page':<{name_w}} |" + "|".join(f" {c + ': recall':>22} {'chrome':>7} {'ms/page':>8} " for c in cols)
    print(f"trafilatura {getattr(trafilatura, '__version__', '?')}, {args.runs} runs per page (median time)\n")
    print(head)
    print("-" * len(head))
    totals = {c: [0, 0, 0, 0, 0.0] for c in cols}  # found, expected, chrome left, chrome known, ms
    notes: list[str] = []
    for p in pages:
        html = p.read_text(encoding="utf-8")
        exp = [line for line in p.with_suffix(".expected.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
        chrome_file = p.with_suffix(".chrome.txt")
        chrome = [s for s in chrome_file.read_text(encoding="utf-8").splitlines() if s.strip()] if chrome_file.exists() else []
        row = f"{p.stem:<{name_w}} |"
        cells = []
        for c, fn in extractors.items():
            out, ms = timed(fn, html, args.runs)
            found, missed = recall(exp, out)
            left = [s for s in chrome if s in out]
            t = totals[c]
            t[0] += found
            t[1] += len(exp)
            t[2] += len(left)
            t[3] += len(chrome)
            t[4] += ms
            cells.append(f" {f'{found}/{len(exp)} {found / len(exp):6.1%}':>22} {f'{len(left)}/{len(chrome)}':>7} {ms:8.1f} ")
            if args.verbose:
                for m in missed:
                    notes.append(f"  {p.stem} [{c}] missed: {m[:90]}")
                for s in left:
                    notes.append(f"  {p.stem} [{c}] chrome left: {s}")
        print(row + "|".join(cells))
    print("-" * len(head))
    cells = []
    for c in cols:
        f, e, left, known, ms = totals[c]
        cells.append(f" {f'{f}/{e} {f / e:6.1%}':>22} {f'{left}/{known}':>7} {ms / len(pages):8.1f} ")
    print(f"{'all (ms: mean)':<{name_w}} |" + "|".join(cells))
    if notes:
        print()
        print("\n".join(notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
