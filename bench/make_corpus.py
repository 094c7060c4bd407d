"""Deterministic benchmark corpus from seeds/: JSON Lines of dirty news documents.

Each document mixes paragraphs of the seeds (shuffled), site chrome of the seed sources
injected where the sites put it, mojibake made by real encode/decode round trips, curly
quotes, Japanese paragraphs, and the name variants the names stage canonicalizes. The same
arguments always give the same bytes (a fixed random seed, no time or environment input).

    python bench/make_corpus.py --size-mb 100 -o bench/data/corpus.jsonl
    python bench/make_corpus.py --size-mb 10 --profile news -o bench/data/news.jsonl
    python bench/make_corpus.py --size-mb 10 --profile dirty -o bench/data/dirty.jsonl

Profiles (``--profile``): ``seed`` (default, the original mix), ``news`` (news-like: 40% of
documents plain ASCII, mojibake in about 1% of documents, the generic chrome of sites no rule
file names), ``dirty`` (mojibake in about 10% of paragraphs).

Paragraphs drawn from a handful of seed files repeat: in a 3 MB corpus about 95% of the lines
occurred in an earlier document, which flatters any per-line memo. ``--unique`` swaps two
lower-case words of every paragraph for words of the seeds' vocabulary (names, chrome and
mojibake untouched), so article lines are new and only chrome lines repeat, as in a crawl.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHROME_TOP = [
    "Please view the main text area of the page by skipping the main menu.",
    "!-- Google tag (gtag.js) -->",
    "Skip to main content",
    "Press Releases",
]
CHROME_TAIL = [
    ["Also in The Mainichi", "Tokyo logs new cases", "Typhoon nears Okinawa", "The Mainichi on social media"],
    ["Recent Comments", "John on Tokyo talks", "Mary on Alliance news"],
    ["Back to Press Releases"],
]
JAPANESE = [
    "茂木敏充外相は２７日、ブリンケン米国務長官と電話で会談した。",
    "両氏は日米同盟の強化で一致し、「自由で開かれたインド太平洋」の実現に向けて連携を確認した。",
    "林芳正外相は記者団に対し、「信頼関係を築く上で非常に重要な一歩だ」と述べた。",
    "岸田文雄首相は来月、ワシントンを訪問する予定だ。",
]
# Chrome of sites no rule file names (the general chrome layer's families).
GENERIC_TOP = [
    "Skip to main content",
    "Home > News > World",
    "Menu",
    "Share this article",
    "Advertisement",
]
GENERIC_TAIL = [
    ["Share this article", "Facebook", "Twitter"],
    ["Sign up for our newsletter"],
    ["Read more: Tokyo logs new cases", "Most read", "Typhoon nears Okinawa", "Markets rally on rate hopes"],
    ["\u00a9 2024 Example News. All rights reserved."],
]
NAME_VARIANTS = [
    ("Toshimitsu Motegi", ["Motegi Toshimitsu", "MOTEGI Toshimitsu", "Toshimitsu MOTEGI"]),
    ("Antony Blinken", ["Antony J. Blinken", "Anthony Blinken"]),
    ("Yoshimasa Hayashi", ["Hayashi Yoshimasa", "HAYASHI Yoshimasa"]),
    ("Fumio Kishida", ["Kishida Fumio", "KISHIDA Fumio"]),
]


def seed_paragraphs() -> list[str]:
    paras: list[str] = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        for line in p.read_text("utf-8").splitlines():
            s = line.strip()
            if len(s) > 60:
                paras.append(line)
    return paras


def mojibake(text: str, rng: random.Random) -> str:
    """Real round trips: UTF-8 bytes decoded as cp1252 (once or twice) or as Latin-1."""
    how = rng.random()
    try:
        if how < 0.6:
            return text.encode("utf-8").decode("cp1252")
        if how < 0.8:
            return text.encode("utf-8").decode("cp1252").encode("utf-8").decode("cp1252")
        return text.encode("utf-8").decode("latin-1")
    except UnicodeDecodeError:
        return text


def _curly(p: str) -> str:
    return p.replace("'", "\u2019").replace(' "', " \u201c").replace('" ', "\u201d ")


def visible_mojibake(text: str, rng: random.Random) -> str:
    """Mojibake that always shows: curly quotes (or an em dash) first when the text is ASCII,
    Latin-1 when cp1252 cannot decode the bytes."""
    if text.isascii():
        text = _curly(text)
        if text.isascii():
            text = text.replace(", ", " \u2014 ", 1) if ", " in text else text + " \u2014"
    out = mojibake(text, rng)
    return out if out != text else text.encode("utf-8").decode("latin-1")


def _asciify(p: str) -> str:
    return p.encode("ascii", "ignore").decode("ascii")


def vocabulary(paras: list[str]) -> list[str]:
    """The lower-case words of the seed paragraphs (the words ``--unique`` swaps in)."""
    return sorted({w for p in paras for w in p.split() if w.isalpha() and w.islower() and len(w) >= 4})


def perturb(p: str, rng: random.Random, vocab: list[str]) -> str:
    """``p`` with two of its lower-case words replaced by words of ``vocab``: a new line."""
    words = p.split(" ")
    spots = [k for k, w in enumerate(words) if w.isalpha() and w.islower() and len(w) >= 4]
    for k in rng.sample(spots, k=min(2, len(spots))):
        words[k] = rng.choice(vocab)
    return " ".join(words)


def document(i: int, paras: list[str], rng: random.Random, profile: str = "seed", vocab: list[str] | None = None) -> dict[str, object]:
    """One document; with ``vocab`` (``--unique``), its paragraphs perturbed first."""
    if vocab is not None:
        paras = [perturb(p, rng, vocab) for p in rng.sample(paras, k=12)]
    if profile == "news":
        return news_document(i, paras, rng)
    if profile == "dirty":
        return dirty_document(i, paras, rng)
    body = rng.sample(paras, k=rng.randint(4, 12))
    if rng.random() < 0.4:  # curly quotes as most English news sites print them
        body = [p.replace("'", "\u2019").replace(' "', " \u201c").replace('" ', "\u201d ") for p in body]
    if rng.random() < 0.15:
        body.insert(rng.randrange(len(body) + 1), rng.choice(JAPANESE) + rng.choice(JAPANESE))
    if rng.random() < 0.3:
        canon, variants = rng.choice(NAME_VARIANTS)
        body = [p.replace(canon, rng.choice(variants)) for p in body]
    if rng.random() < 0.1:
        k = rng.randrange(len(body))
        body[k] = mojibake(body[k], rng)
    lines: list[str] = []
    if rng.random() < 0.5:
        lines.append(rng.choice(CHROME_TOP))
    lines.append(body[0].strip()[:80])  # a headline
    if rng.random() < 0.2:
        lines.append(lines[-1])  # printed twice
    indent = "    " if rng.random() < 0.3 else ""
    lines += [indent + p.strip() for p in body]
    if rng.random() < 0.5:
        lines += rng.choice(CHROME_TAIL)
    sep = "\r\n" if rng.random() < 0.1 else "\n"
    gap = sep * rng.choice((1, 2))
    return {"id": i, "source": "bench", "text": gap.join(lines) + sep}


def _assemble(i: int, lines_top: list[str], body: list[str], tail: list[str], rng: random.Random) -> dict[str, object]:
    lines = list(lines_top)
    lines.append(body[0].strip()[:80])  # a headline
    indent = "    " if rng.random() < 0.3 else ""
    lines += [indent + p.strip() for p in body]
    lines += tail
    sep = "\r\n" if rng.random() < 0.1 else "\n"
    gap = sep * rng.choice((1, 2))
    return {"id": i, "source": "bench", "text": gap.join(lines) + sep}


def news_document(i: int, paras: list[str], rng: random.Random) -> dict[str, object]:
    """News-like: 40% of documents plain ASCII, mojibake in about 1%, generic chrome."""
    body = rng.sample(paras, k=rng.randint(4, 12))
    plain = rng.random() < 0.42  # with the documents that happen to be ASCII: about 40%
    if plain:
        body = [_asciify(p) for p in body]
        body = [p for p in body if p.strip()] or ["Talks began on Monday."]
    else:
        if rng.random() < 0.4:
            body = [p.replace("'", "\u2019").replace(' "', " \u201c").replace('" ', "\u201d ") for p in body]
        if rng.random() < 0.1:
            body.insert(rng.randrange(len(body) + 1), rng.choice(JAPANESE))
        if rng.random() < 0.017:  # 60% of documents x 1.7%: mojibake in about 1% of documents
            k = rng.randrange(len(body))
            body[k] = visible_mojibake(body[k], rng)
    if rng.random() < 0.3:
        canon, variants = rng.choice(NAME_VARIANTS)
        body = [p.replace(canon, rng.choice(variants)) for p in body]
    top = [rng.choice(GENERIC_TOP)] if rng.random() < 0.5 else []
    tail = list(rng.choice(GENERIC_TAIL)) if rng.random() < 0.5 else []
    return _assemble(i, top, body, tail, rng)


def dirty_document(i: int, paras: list[str], rng: random.Random) -> dict[str, object]:
    """Dirty: mojibake in about 10% of paragraphs, curly quotes, Japanese, site chrome."""
    body = rng.sample(paras, k=rng.randint(4, 12))
    if rng.random() < 0.5:
        body = [p.replace("'", "\u2019").replace(' "', " \u201c").replace('" ', "\u201d ") for p in body]
    if rng.random() < 0.2:
        body.insert(rng.randrange(len(body) + 1), rng.choice(JAPANESE))
    if rng.random() < 0.3:
        canon, variants = rng.choice(NAME_VARIANTS)
        body = [p.replace(canon, rng.choice(variants)) for p in body]
    body = [visible_mojibake(p, rng) if rng.random() < 0.1 else p for p in body]
    top = [rng.choice(CHROME_TOP + GENERIC_TOP)] if rng.random() < 0.5 else []
    tail = list(rng.choice(CHROME_TAIL + GENERIC_TAIL)) if rng.random() < 0.5 else []
    return _assemble(i, top, body, tail, rng)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=float, default=100.0)
    ap.add_argument("--seed", type=int, default=20261121)
    ap.add_argument("--profile", choices=("seed", "news", "dirty"), default="seed", help="the mix of documents (see the module docstring)")
    ap.add_argument("--unique", action="store_true", help="make article lines new in every document (see the module docstring)")
    ap.add_argument("-o", "--output", default=str(ROOT / "bench" / "data" / "corpus.jsonl"))
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    paras = seed_paragraphs()
    vocab = vocabulary(paras) if args.unique else None
    target = int(args.size_mb * 1024 * 1024)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    size = n = 0
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        while size < target:
            line = json.dumps(document(n, paras, rng, args.profile, vocab), ensure_ascii=False) + "\n"
            f.write(line)
            size += len(line.encode("utf-8"))
            n += 1
    print(f"wrote {n} documents, {size / 1e6:.1f} MB to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
