"""HTML extraction on real pages: F1, precision and recall on the article-extraction-benchmark.

    python bench/html.py [--aeb ../shared/aeb] [--only NAME ...] [--dump DIR] [--bootstrap N]

Reads ``html/*.html.gz`` and ``ground-truth.json`` of the benchmark folder (default: the
``shared/aeb`` folder beside this checkout, ``$CLEAN_AEB`` when set) and scores every extractor
with the benchmark's own scorer (its ``evaluate.py``: F1 over 4-gram shingles of ``\\w+`` tokens,
per page normalized, averaged over pages), all in the same run:

* ``clean-headline-drop``: ``Cleaner(policy={"headline": "drop"}).clean_bytes(page, name="x.html")``,
  the whole pipeline as ``clean --policy headline=drop page.html`` runs it (the gold text has no
  headline, so this is the setting that matches it);
* ``clean-default``: the same with the default policy (headline kept);
* ``trafilatura-default``: ``trafilatura.extract(page)``;
* ``trafilatura-precision``: ``trafilatura.extract(page, favor_precision=True, include_comments=False)``;
* ``bs4-alone``: the project's bs4 extractor (``clean.html.soup``) alone, headline dropped, no
  text rules, with the bundled rule's class/id words;
* ``clean-headline-drop-no-class-words``, ``bs4-alone-no-class-words``: the same without any
  class/id words (``class_words = {}``): what structure alone does.

Without the benchmark folder the script says so and exits 0: nothing in the project needs it.
``--dump DIR`` writes each extractor's outputs as ``DIR/NAME.json`` (the benchmark's
prediction format) for a look at single pages; keep DIR outside the repository (third-party text).
"""

from __future__ import annotations

import os
import sys

# This file is named html.py: its folder must not shadow the standard library's html package.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]

import argparse
import gzip
import importlib.util
import json
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def default_aeb() -> Path:
    env = os.environ.get("CLEAN_AEB")
    if env:
        return Path(env)
    # /work/wt-html/bench -> /work/shared/aeb (a worktree or a checkout beside shared/)
    return ROOT.parent / "shared" / "aeb"


def load_scorer(aeb: Path):
    spec = importlib.util.spec_from_file_location("aeb_evaluate", aeb / "evaluate.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def extractors() -> dict[str, Callable[[bytes], str]]:
    from clean import Cleaner

    drop = Cleaner(policy={"headline": "drop"})
    keep = Cleaner()

    def clean_drop(data: bytes) -> str:
        return drop.clean_bytes(data, name="x.html")

    def clean_keep(data: bytes) -> str:
        return keep.clean_bytes(data, name="x.html")

    def traf_default(data: bytes) -> str:
        import trafilatura

        return trafilatura.extract(data) or ""

    def traf_precision(data: bytes) -> str:
        import trafilatura

        return trafilatura.extract(data, favor_precision=True, include_comments=False) or ""

    words = bundled_class_words()

    def bs4_alone(data: bytes) -> str:
        from clean.decode import decode
        from clean.html.soup import extract

        return extract(decode(data, errors="replace").text, headline="drop", class_words=words).text

    def bs4_structure(data: bytes) -> str:
        from clean.decode import decode
        from clean.html.soup import extract

        return extract(decode(data, errors="replace").text, headline="drop").text

    structure = Cleaner(policy={"headline": "drop"}, rules=[structure_rules()])

    def clean_structure(data: bytes) -> str:
        return structure.clean_bytes(data, name="x.html")

    return {
        "clean-headline-drop": clean_drop,
        "clean-default": clean_keep,
        "trafilatura-default": traf_default,
        "trafilatura-precision": traf_precision,
        "bs4-alone": bs4_alone,
        "clean-headline-drop-no-class-words": clean_structure,
        "bs4-alone-no-class-words": bs4_structure,
    }


def bundled_class_words() -> dict[str, list[str]]:
    """The class/id words of the bundled html rule (rules/html.toml, ``class_words``)."""
    import tomllib

    doc = tomllib.loads((ROOT / "rules" / "html.toml").read_text("utf-8"))
    return next(r for r in doc["rule"] if r.get("kind") == "html").get("class_words", {})


def structure_rules() -> Path:
    """A rules folder that overrides the bundled html rule with no class/id words (structure
    alone), in a temporary folder."""
    import tempfile

    d = Path(tempfile.mkdtemp(prefix="clean-bench-"))
    src = (ROOT / "rules" / "html.toml").read_text("utf-8")
    head, sep, _ = src.partition("  [rule.class_words]")
    examples = src[src.index("  [[rule.example]]"):]
    src = head.replace('extractor = "auto"', 'overrides = true\nextractor = "auto"', 1) + "  class_words = {}\n" + examples
    (d / "html.toml").write_text(src, "utf-8")
    return d


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--aeb", type=Path, default=default_aeb(), help="the benchmark folder (html/, ground-truth.json, evaluate.py)")
    ap.add_argument("--only", nargs="*", help="run only these extractors")
    ap.add_argument("--dump", type=Path, help="write each extractor's outputs to DIR/NAME.json")
    ap.add_argument("--bootstrap", type=int, default=0, help="bootstrap rounds for the ± (0: none)")
    args = ap.parse_args(argv)
    aeb: Path = args.aeb
    if not (aeb / "ground-truth.json").is_file() or not (aeb / "html").is_dir():
        print(f"bench/html.py: no benchmark folder at {aeb} (needs html/ and ground-truth.json); nothing to do.")
        return 0
    scorer = load_scorer(aeb)
    truth = json.loads((aeb / "ground-truth.json").read_text("utf-8"))
    pages = {k: gzip.decompress((aeb / "html" / f"{k}.html.gz").read_bytes()) for k in truth}
    chosen = extractors()
    if args.only:
        unknown = [n for n in args.only if n not in chosen]
        if unknown:
            ap.error(f"unknown extractor(s) {unknown}; known: {', '.join(chosen)}")
        chosen = {n: chosen[n] for n in args.only}
    print(f"{len(pages)} pages from {aeb}\n")
    print("| extractor | F1 | precision | recall | s/page |")
    print("|---|---|---|---|---|")
    for name, fn in chosen.items():
        out: dict[str, dict[str, str]] = {}
        failed = 0
        t = time.perf_counter()
        for key, data in pages.items():
            try:
                text = fn(data)
            except Exception as e:  # a failure scores as an empty prediction, and is reported
                failed += 1
                print(f"  {name}: {key[:12]}: {type(e).__name__}: {e}", file=sys.stderr)
                text = ""
            out[key] = {"articleBody": text}
        secs = (time.perf_counter() - t) / len(pages)
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            (args.dump / f"{name}.json").write_text(json.dumps(out, ensure_ascii=False), "utf-8")
        m = scorer.evaluate(truth, out, args.bootstrap)
        pm = (lambda k, m=m: f" ± {m[k + '_std']:.3f}") if args.bootstrap else (lambda k: "")
        note = f" ({failed} failed)" if failed else ""
        print(f"| {name}{note} | {m['f1']:.3f}{pm('f1')} | {m['precision']:.3f}{pm('precision')} | "
              f"{m['recall']:.3f}{pm('recall')} | {secs:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
