"""Chrome removed and content kept on labelled plain-text views of real pages, with two anchors.

The views are built by ``bench/chrome_views.py`` from ``../shared/aeb`` (181 real news pages
with gold article bodies) when that folder exists; every line is labelled content, neutral
(headline, byline, date, a repeat) or chrome. Each method sees the same lines and keeps or drops
each one:

* **clean**: ``Cleaner().run(text)`` on the view as plain text (lines joined with ``\\n``); the
  output paragraphs are mapped back to the input lines in order (token keys, difflib). Run twice:
  with the default policy (the over-deletion guard keeps any page the rules would cut by more than
  half as it was: on whole-page views, where chrome outweighs the article, that is most pages) and
  with ``guard_action = "allow"`` (the guard reports and lets the removal through);
* **C4 lines**: the per-line rules of datatrove's ``C4QualityFilter`` with its defaults (a line is
  kept when it ends in terminal punctuation and not in an ellipsis, has at least 3 words, no word
  over 1000 characters, no "javascript" and no policy phrase); its document-level drops (fewer
  than 5 sentences, "lorem ipsum", a curly bracket) are not applied, so it is scored on lines only;
* **jusText**: ``justext.justext`` with its default thresholds on an HTML page made of one ``<p>``
  per line, with the stoplist of the page's language (its ``<html lang>``, else the stoplist with
  the most stop words in the page), keeping the paragraphs it classifies good.

Figures: **chrome removed** = chrome lines dropped / chrome lines (recall); **content kept** =
characters of content lines kept / characters of content lines (precision). Neutral lines count
neither way.

    python bench/chrome.py [--aeb ../shared/aeb] [--per-site] [--only clean]
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/ holds html.py: the folder must not shadow the standard library's html package (ftfy
# imports it), so it leaves sys.path and chrome_views is loaded from its file.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))


def _load_views():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("chrome_views", ROOT / "bench" / "chrome_views.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["chrome_views"] = mod
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


chrome_views = _load_views()

LANGS = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
         "ru": "Russian", "id": "Indonesian", "nl": "Dutch", "pl": "Polish", "sv": "Swedish", "ko": "Korean"}


def _key(s: str) -> str:
    return " ".join(chrome_views.tokens(s))


def clean_method(policy: dict | None = None) -> Callable[[list[str], str], list[bool]]:
    from clean import Cleaner

    cleaner = Cleaner(policy=policy) if policy else Cleaner()

    def run(lines: list[str], lang: str) -> list[bool]:
        out = cleaner.run("\n".join(lines)).text
        outs = [_key(p) for p in out.split("\n") if p.strip()]
        ins = [_key(l) for l in lines]
        kept = [False] * len(lines)
        sm = difflib.SequenceMatcher(None, ins, outs, autojunk=False)
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op == "equal":
                for i in range(i1, i2):
                    kept[i] = True
            elif op == "replace":
                # an edited line (a fragment stripped, a name rewritten): pair by token overlap, in order
                j = j1
                for i in range(i1, i2):
                    a = set(ins[i].split())
                    for jj in range(j, j2):
                        b = set(outs[jj].split())
                        if a and len(a & b) / len(a) >= 0.5:
                            kept[i] = True
                            j = jj + 1
                            break
        return kept

    return run


def c4_method() -> Callable[[list[str], str], list[bool]]:
    from datatrove.pipeline.filters.c4_filters import CITATION_REGEX, ELLIPSIS, END_PUNCTUATION, POLICY_SUBSTRINGS

    def keep(line: str) -> bool:
        line = line.strip()
        words = line.split()
        if any(len(w) > 1000 for w in words):
            return False
        line = CITATION_REGEX.sub("", line)
        if not line.endswith(END_PUNCTUATION) or line.endswith(ELLIPSIS):
            return False
        if len(words) < 3:
            return False
        low = line.lower()
        if "javascript" in low:
            return False
        return not any(p in low for p in POLICY_SUBSTRINGS)

    return lambda lines, lang: [keep(l) for l in lines]


def justext_method() -> Callable[[list[str], str], list[bool]]:
    import html as html_mod

    import justext

    stoplists = {name: justext.get_stoplist(name) for name in justext.get_stoplists()}

    def stoplist_for(lines: list[str], lang: str) -> frozenset[str]:
        name = LANGS.get(lang)
        if name in stoplists:
            return stoplists[name]
        words = [w.lower() for l in lines for w in l.split()]
        return max(stoplists.values(), key=lambda sl: sum(w in sl for w in words))

    def run(lines: list[str], lang: str) -> list[bool]:
        page = "<html><body>" + "".join(f"<p>{html_mod.escape(l)}</p>" for l in lines) + "</body></html>"
        paras = justext.justext(page, stoplist_for(lines, lang))
        texts = [p.text for p in paras]
        keep = [not p.is_boilerplate for p in paras]
        if len(texts) == len(lines):
            return keep
        # jusText skipped a line it found empty: align by text
        kept = [False] * len(lines)
        sm = difflib.SequenceMatcher(None, [_key(l) for l in lines], [_key(t) for t in texts], autojunk=False)
        for op, i1, i2, j1, _ in sm.get_opcodes():
            if op == "equal":
                for k in range(i2 - i1):
                    kept[i1 + k] = keep[j1 + k]
        return kept

    return run


def site(url: str) -> str:
    m = re.match(r"https?://(?:www\.)?([^/]+)", url)
    return m.group(1) if m else url


def score(records: list[dict], method: Callable[[list[str], str], list[bool]]) -> tuple[dict[str, list[int]], list[int]]:
    per: dict[str, list[int]] = {}
    total = [0, 0, 0, 0]  # chrome removed, chrome, content chars kept, content chars
    for r in records:
        lines = [t for _, t in r["lines"]]
        labels = [lab for lab, _ in r["lines"]]
        kept = method(lines, r["lang"])
        s = [0, 0, 0, 0]
        for lab, text, k in zip(labels, lines, kept, strict=True):
            if lab == "chrome":
                s[1] += 1
                s[0] += not k
            elif lab == "content":
                s[3] += len(text)
                s[2] += len(text) if k else 0
        per[site(r["url"])] = s
        total = [a + b for a, b in zip(total, s, strict=True)]
    return per, total


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "    -"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--aeb", type=Path, default=chrome_views.DEFAULT_AEB)
    ap.add_argument("--per-site", action="store_true", help="print every site's figures")
    ap.add_argument("--only", choices=["clean", "clean-allow", "c4", "justext"], action="append")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the cached views")
    args = ap.parse_args(argv)
    records = chrome_views.load(args.aeb, force=args.rebuild)
    if records is None:
        print(f"no labelled set at {args.aeb}: nothing to measure", file=sys.stderr)
        return 0
    methods = {
        "clean": lambda: clean_method(),
        "clean-allow": lambda: clean_method({"guard_action": "allow"}),
        "c4": c4_method,
        "justext": justext_method,
    }
    names = {"clean": "clean (default policy, guard keeps)", "clean-allow": "clean (guard_action=allow)",
             "c4": "C4 line rules (datatrove)", "justext": "jusText (line = paragraph)"}
    chosen = args.only or list(methods)
    results = {m: score(records, methods[m]()) for m in chosen}
    n_lines = sum(len(r["lines"]) for r in records)
    first = results[chosen[0]][1]
    print(f"{len(records)} pages, {n_lines} lines: {first[1]} chrome lines, {first[3]} content characters")
    if args.per_site:
        print(f"{'site':34}" + "".join(f"{m[:18]:>20}" for m in chosen))
        for s in sorted(results[chosen[0]][0]):
            row = "".join(f"{pct(*results[m][0][s][:2])} {pct(*results[m][0][s][2:])}    " for m in chosen)
            print(f"{s[:34]:34}{row}")
        print()
    print("| method | chrome lines removed | content characters kept |")
    print("|---|---|---|")
    for m in chosen:
        t = results[m][1]
        print(f"| {names[m]} | {pct(t[0], t[1]).strip()} ({t[0]}/{t[1]}) | {pct(t[2], t[3]).strip()} |")
    if "clean" in chosen and "clean-allow" in chosen:
        print("\nclean is shown twice: 'default policy' is what `clean` does out of the box (the over-deletion guard "
              "keeps a page whole when the rules would remove more than half of it, as on most whole-page views); "
              "'guard_action=allow' lets that removal through (the guard still reports it).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
