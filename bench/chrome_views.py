"""Plain-text views of real news pages, every line labelled content, neutral or chrome.

A *view* is what a scraper that keeps every block of a page gives: the page's ``<body>`` with
scripts, styles and hidden templates removed, one line per block of text (a block element's own
text; ``<br>`` also ends a line). It is built with lxml, not with this project's extractor, so the
view holds the page's chrome (menus, share rows, captions, footers) as well as its article.

Each line is labelled against the gold article body (``ground-truth.json`` of the aeb set):

* ``content``: the line's text is in the gold body. Lines of 4+ tokens: at least 70% of their
  tokens lie in a 3-token shingle of the gold body (tokens are casefolded word characters).
  Shorter lines: the line equals a gold paragraph, or it is a piece of a gold paragraph whose
  neighbouring lines are content too (an inline element cut out as its own block);
* ``neutral``: the headline (the page's ``og:title``/``<title>``/``<h1>``), a byline or a date
  line, a second copy of a content line, and lines with no letters or digits: the gold body
  leaves the first three out although they are the article's, so they are scored neither way;
* ``chrome``: every other line.

    python bench/chrome_views.py [--aeb ../shared/aeb] [--force]

writes ``bench/data/chrome_views.jsonl`` (gitignored): one record per page with its id, url,
language and ``lines`` as ``[label, text]`` pairs. ``bench/chrome.py`` builds it when missing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_AEB = ROOT.parent / "shared" / "aeb"
CACHE = ROOT / "bench" / "data" / "chrome_views.jsonl"

BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "main", "menu", "nav", "ol", "option", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "button", "select", "label", "legend",
}
DROP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas", "math"}

_TOKEN = re.compile(r"\w+", re.UNICODE)
_DATE = re.compile(
    r"\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|"
    r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|"
    r"\d+\s+(?:minutes?|hours?|days?)\s+ago|\d{1,2}:\d{2}|\d{4}年\d{1,2}月|\d{4}\.\s?\d{1,2}\.\s?\d{1,2})",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:by|von|por|par|di|por:|written by|posted by|author:?)\s+\S", re.IGNORECASE)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def view_lines(html: str) -> tuple[list[str], dict[str, str]]:
    """The page's text, one block per line, and its title, h1 and language."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # noqa: BLE001 - an unparsable page gives an empty view
        return [], {}
    meta = {"lang": (root.get("lang") or "").split("-")[0].lower()}
    for m in root.iter("meta"):
        if (m.get("property") or m.get("name") or "").lower() in ("og:title", "twitter:title") and m.get("content"):
            meta.setdefault("og_title", m.get("content"))
        if (m.get("name") or "").lower() == "author" and m.get("content"):
            meta.setdefault("author", m.get("content"))
    t = root.find(".//title")
    if t is not None and t.text_content():
        meta["title"] = t.text_content()
    h1 = root.find(".//h1")
    if h1 is not None:
        meta["h1"] = h1.text_content()
    body = root.find("body")
    if body is None:
        body = root
    out: list[str] = []
    cur: list[str] = []

    def flush() -> None:
        s = " ".join("".join(cur).split())
        if s:
            out.append(s)
        cur.clear()

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.lower() in DROP or not isinstance(el.tag, str):
            if el.tail:
                cur.append(el.tail)
            return
        if el.get("hidden") is not None or "display:none" in (el.get("style") or "").replace(" ", ""):
            if el.tail:
                cur.append(el.tail)
            return
        block = tag.lower() in BLOCK
        if block or tag.lower() == "br":
            flush()
        if el.text:
            cur.append(el.text)
        for ch in el:
            walk(ch)
        if block:
            flush()
        if el.tail:
            cur.append(el.tail)

    walk(body)
    flush()
    return out, meta


def _shingles(toks: list[str], n: int = 3) -> set[tuple[str, ...]]:
    return {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)}


def label(lines: list[str], gold: str, meta: dict[str, str]) -> list[str]:
    gold_toks = tokens(gold)
    gold_sh = _shingles(gold_toks)
    gold_joined = " " + " ".join(gold_toks) + " "
    gold_paras = {" ".join(tokens(p)) for p in gold.split("\n") if tokens(p)}
    titles = [tokens(meta[k]) for k in ("og_title", "title", "h1") if meta.get(k)]
    author = tokens(meta.get("author", ""))
    labels: list[str] = []
    short_piece: set[int] = set()
    for i, line in enumerate(lines):
        toks = tokens(line)
        if not toks:
            labels.append("neutral")
            continue
        key = " ".join(toks)
        content = False
        if len(toks) >= 4:
            covered = [False] * len(toks)
            for j in range(len(toks) - 2):
                if tuple(toks[j : j + 3]) in gold_sh:
                    covered[j] = covered[j + 1] = covered[j + 2] = True
            content = sum(covered) / len(toks) >= 0.7
        elif key in gold_paras:
            content = True
        elif f" {key} " in gold_joined:
            short_piece.add(i)
        if content:
            labels.append("content")
            continue
        if _is_headline(toks, titles) or _is_meta(line, toks, author):
            labels.append("neutral")
            continue
        labels.append("chrome")
    # A short piece of a gold paragraph between content lines is an inline element on its own line.
    for i in sorted(short_piece):
        prev = next((labels[j] for j in range(i - 1, -1, -1) if labels[j] != "neutral"), None)
        nxt = next((labels[j] for j in range(i + 1, len(labels)) if labels[j] != "neutral"), None)
        if prev == "content" and nxt == "content":
            labels[i] = "content"
    # A second copy of a content line (a teaser repeating the lead) is neither.
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if labels[i] == "content":
            key = " ".join(tokens(line))
            if key in seen:
                labels[i] = "neutral"
            seen.add(key)
    return labels


def _is_headline(toks: list[str], titles: list[list[str]]) -> bool:
    if len(toks) < 2:
        return False
    s = set(toks)
    for t in titles:
        if not t:
            continue
        inter = len(s & set(t))
        if inter / len(s) >= 0.8 and inter / len(set(t)) >= 0.5:
            return True
    return False


def _is_meta(line: str, toks: list[str], author: list[str]) -> bool:
    """A byline or a date line: short, and a date, a 'By' lead or the page's author."""
    if len(line) > 90:
        return False
    if _DATE.search(line) and len(toks) <= 12:
        return True
    if _BYLINE.match(line) and len(toks) <= 10:
        return True
    return bool(author) and len(toks) <= len(author) + 4 and set(author) <= set(toks)


def build(aeb: Path) -> list[dict]:
    gold = json.loads((aeb / "ground-truth.json").read_text("utf-8"))
    records = []
    for page_id in sorted(gold):
        path = aeb / "html" / f"{page_id}.html.gz"
        if not path.exists():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        lines, meta = view_lines(html)
        labels = label(lines, gold[page_id]["articleBody"], meta)
        records.append({"id": page_id, "url": gold[page_id].get("url", ""), "lang": meta.get("lang", ""),
                        "lines": [[lab, text] for lab, text in zip(labels, lines, strict=True)]})
    return records


def load(aeb: Path = DEFAULT_AEB, *, force: bool = False) -> list[dict] | None:
    """The labelled views, from the cache or built from ``aeb`` (None when neither exists)."""
    if CACHE.exists() and not force:
        return [json.loads(l) for l in CACHE.read_text("utf-8").splitlines() if l.strip()]
    if not (aeb / "ground-truth.json").exists():
        return None
    records = build(aeb)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return records


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--aeb", type=Path, default=DEFAULT_AEB)
    ap.add_argument("--force", action="store_true", help="rebuild the cache")
    args = ap.parse_args(argv)
    records = load(args.aeb, force=args.force)
    if records is None:
        print(f"no labelled set at {args.aeb}", file=sys.stderr)
        return 0
    counts: dict[str, int] = {}
    for r in records:
        for lab, _ in r["lines"]:
            counts[lab] = counts.get(lab, 0) + 1
    print(f"{len(records)} pages, lines: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) + f" -> {CACHE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
