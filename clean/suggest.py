"""``clean suggest CORPUS``: propose rules from the corpus itself, for a person to review.

Two streaming passes over the corpus (files, directories or JSONL), on all cores:

1. every document is cleaned with the current rules, and each short paragraph of the output is
   counted (by a stable hash): in how many documents it occurs, how often it stands among the
   first or last paragraphs, and in which source (by the rule files' fingerprints);
2. for the paragraphs that recur (``--min-docs``, ``--min-share``) and stand at the head or the
   tail of the documents nearly every time (``--position-share``), the second pass collects
   which of them occur together (one site's chrome), what follows a tail line (a marker with
   varying links after it is a ``truncate-after``, a line that closes the text is a
   ``drop-line``), two documents to quote as examples, and a paragraph where the same text is
   real content (the negative example).

Paragraphs that recur but move around (shuffled article bodies, a standard sentence inside the
article) or are long sentences are not proposed: chrome sits at the same place on every page.

The output is TOML ready to paste into ``rules/`` (one file per site that has no fingerprint
yet, with a ``[source]`` table), each rule with its counts, two positive examples from the
corpus and a negative one. The names stage's suggestions (likely unknown spellings of
gazetteer people, unknown family-first names) are listed after them as comments with counts
and contexts. Nothing is applied.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .errors import CommandError
from .fileio import iter_lines, open_input, read_stdin, walk
from .kinds.names import name_index
from .parallel import ordered_map, state

HEAD, TAIL = 3, 6  # a paragraph among the first HEAD or the last TAIL is at the head or tail
MAX_CHROME_CHARS = 200
# Two or three capitalised words: the shape of a person's name (and of many other things;
# only those close to a gazetteer person are reported).
NAME_SHAPE = re.compile(r"(?<![\w.'-])(?:[A-Z][a-z]+|[A-Z]{2,})(?:[ -](?:[A-Z][a-z]+|[A-Z]{2,}))+(?![\w'-])")


def name_windows(text: str) -> Iterator[str]:
    """Every run of two or three capitalised words inside a capitalised run ("Prime Minister
    Fumio Kishidah" gives "Fumio Kishidah" among others)."""
    for m in NAME_SHAPE.finditer(text):
        words = m.group().split(" ")
        for size in (2, 3):
            for i in range(len(words) - size + 1):
                yield " ".join(words[i : i + size])
FUZZ_CUTOFF = 80.0


def _h(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def _is_sentence(p: str) -> bool:
    """A long paragraph of several words ending like a sentence is content, wherever it stands."""
    return len(p) > 80 and p.rstrip().endswith((".", "!", "?", '"', "'", ")")) and p.count(" ") >= 10


# --------------------------------------------------------------------------- reading


def iter_documents(paths: Sequence[str], jsonl: bool, field: str) -> Iterator[tuple[str, bytes | str]]:
    """(name, bytes of a file | text of a JSONL record), streaming."""
    for raw in paths:
        p = Path(raw)
        files = walk(p) if p.is_dir() else [p]
        for f in files:
            if jsonl:
                with open_input(str(f), None) as fh:
                    for i, line in enumerate(iter_lines(fh), 1):
                        try:
                            obj = json.loads(line)
                            text = obj[field]
                        except (ValueError, KeyError, TypeError):
                            continue
                        if isinstance(text, str):
                            yield f"{f}:{i}", text
            else:
                yield str(f), f.read_bytes()


def _paragraphs(item: tuple[str, bytes | str]) -> tuple[str, tuple[str, ...], list[str], list[dict[str, Any]]]:
    name, data = item
    cleaner = state()["cleaner"]
    try:
        res = cleaner.run_bytes(data, name=name) if isinstance(data, bytes) else cleaner.run(data)
    except Exception:  # noqa: BLE001 - an unreadable document has no chrome to learn from
        return name, (), [], []
    paras = res.text[:-1].split("\n\n") if res.text else []
    return name, res.sources, paras, [s.as_dict() for s in res.suggestions]


def _pass1(item: tuple[str, bytes | str]) -> tuple[tuple[str, ...], list[tuple[int, bool, bool]], list[dict[str, Any]], str]:
    name, sources, paras, sugg = _paragraphs(item)
    for i, p in enumerate(paras):
        for w in set(name_windows(p)):
            sugg.append({"rule": "NAME", "text": w, "message": "", "line": 2 * i + 1})
    n = len(paras)
    seen: dict[int, tuple[int, bool, bool]] = {}
    for i, p in enumerate(paras):
        if len(p) <= MAX_CHROME_CHARS:
            h = _h(p)
            head, tail = i < HEAD, i >= n - TAIL
            old = seen.get(h)
            seen[h] = (h, head or (old[1] if old else False), tail or (old[2] if old else False))
    return sources, list(seen.values()), sugg, name


def _pass2(item: tuple[str, bytes | str]) -> dict[str, Any]:
    name, sources, paras, _ = _paragraphs(item)
    cands: dict[int, str] = state()["candidates"]
    texts: list[str] = state()["candidate_texts"]
    hits = {}
    for i, p in enumerate(paras):
        if len(p) <= MAX_CHROME_CHARS:
            h = _h(p)
            if h in cands and h not in hits:
                hits[h] = i
    negatives = {}
    for t in texts:
        for p in paras:
            if t in p and p != t and len(p) > len(t) + 20:
                negatives[t] = p
                break
    return {"name": name, "sources": sources, "paras": paras if hits else [], "hits": hits, "negatives": negatives}


# --------------------------------------------------------------------------- analysis


@dataclasses.dataclass
class Candidate:
    hash: int
    text: str = ""
    docs: int = 0
    head: int = 0
    tail: int = 0
    groups: Counter[tuple[str, ...]] = dataclasses.field(default_factory=Counter)
    after: list[int] = dataclasses.field(default_factory=list)  # paragraphs after it, per document
    after_unique: int = 0  # of the paragraphs after it, how many are not candidates themselves
    examples: list[tuple[str, list[str], int]] = dataclasses.field(default_factory=list)
    negative: str | None = None

    @property
    def position_share(self) -> float:
        return max(self.head, self.tail) / self.docs if self.docs else 0.0

    @property
    def at_tail(self) -> bool:
        return self.tail >= self.head


@dataclasses.dataclass
class Proposal:
    site: int
    source: str | None
    kind: str
    candidate: Candidate
    fingerprint: str


def analyse(
    cleaner: Any,
    paths: Sequence[str],
    *,
    jsonl: bool = False,
    field: str = "text",
    jobs: int = 1,
    min_docs: int = 5,
    min_share: float = 0.02,
    position_share: float = 0.9,
) -> tuple[list[Proposal], dict[str, Any], Counter[tuple[str, str, str]], dict[tuple[str, str, str], list[str]], int]:
    shared = {"cleaner": cleaner}
    df: Counter[int] = Counter()
    head: Counter[int] = Counter()
    tail: Counter[int] = Counter()
    groups: dict[int, Counter[tuple[str, ...]]] = defaultdict(Counter)
    group_sizes: Counter[tuple[str, ...]] = Counter()
    names: Counter[tuple[str, str, str]] = Counter()
    name_ctx: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    n_docs = 0
    shapes: Counter[str] = Counter()
    shape_ctx: dict[str, list[str]] = defaultdict(list)
    for sources, items, sugg, doc in ordered_map(_pass1, iter_documents(paths, jsonl, field), jobs=jobs, shared=shared, batch_size=32):
        n_docs += 1
        group_sizes[sources] += 1
        for h, is_head, is_tail in items:
            df[h] += 1
            head[h] += is_head
            tail[h] += is_tail
            groups[h][sources] += 1
        for s in sugg:
            if s["rule"] == "NAME":
                shapes[s["text"]] += 1
                if len(shape_ctx[s["text"]]) < 2:
                    shape_ctx[s["text"]].append(f"{doc}:{s['line']}")
                continue
            key = (s["rule"], s["text"], s["message"])
            names[key] += 1
            if len(name_ctx[key]) < 2:
                name_ctx[key].append(f"{doc}:{s['line']}")
    for key, n in fuzzy_name_variants(cleaner, shapes).items():
        names[key] += n
        name_ctx[key] = shape_ctx.get(key[1], [])
    threshold = max(min_docs, int(min_share * n_docs))
    cands = {h: Candidate(h, docs=n, head=head[h], tail=tail[h], groups=groups[h]) for h, n in df.items() if n >= threshold}
    cands = {h: c for h, c in cands.items() if c.position_share >= position_share}
    shared2 = {"cleaner": cleaner, "candidates": {h: "" for h in cands}, "candidate_texts": []}
    cooc: Counter[tuple[int, int]] = Counter()
    for d in ordered_map(_pass2, iter_documents(paths, jsonl, field), jobs=jobs, shared=shared2, batch_size=32):
        hits: dict[int, int] = d["hits"]
        paras: list[str] = d["paras"]
        for h, i in hits.items():
            c = cands[h]
            c.text = paras[i]
            after = paras[i + 1 :]
            c.after.append(len(after))
            c.after_unique += sum(1 for p in after if _h(p) not in cands)
            if len(c.examples) < 2:
                c.examples.append((d["name"], paras, i))
        hs = sorted(hits)
        for a in range(len(hs)):
            for b in range(a + 1, len(hs)):
                cooc[(hs[a], hs[b])] += 1
    # drop what looks like content after all: sentences
    cands = {h: c for h, c in cands.items() if c.text and not _is_sentence(c.text)}
    # negatives: a third pass only over the few candidate texts (substring search per paragraph)
    shared3 = {"cleaner": cleaner, "candidates": {}, "candidate_texts": [c.text for c in cands.values()]}
    for d in ordered_map(_pass2, iter_documents(paths, jsonl, field), jobs=jobs, shared=shared3, batch_size=32):
        for t, p in d["negatives"].items():
            for c in cands.values():
                if c.text == t and c.negative is None:
                    c.negative = p
    # sites: candidates that occur together in most documents of the rarer one
    parent = {h: h for h in cands}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (a, b), n in cooc.items():
        if a in cands and b in cands and n >= 0.5 * min(cands[a].docs, cands[b].docs):
            parent[find(a)] = find(b)
    sites: dict[int, list[Candidate]] = defaultdict(list)
    for h, c in cands.items():
        sites[find(h)].append(c)
    proposals: list[Proposal] = []
    for k, (_, members) in enumerate(sorted(sites.items(), key=lambda kv: -max(c.docs for c in kv[1]))):
        members.sort(key=lambda c: (-c.docs, c.text))
        known: Counter[str] = Counter()
        for c in members:
            for g, n in c.groups.items():
                for src in g:
                    known[src] += n
        site_source = known.most_common(1)[0][0] if known and known.most_common(1)[0][1] >= 0.8 * members[0].docs else None
        fingerprint = members[0].text
        for c in members:
            avg_after = sum(c.after) / len(c.after) if c.after else 0
            varied_tail = c.at_tail and avg_after >= 1 and c.after_unique >= 0.5 * sum(c.after)
            proposals.append(Proposal(k, site_source, "truncate-after" if varied_tail else "drop-line", c, fingerprint))
    # a line that only ever follows a truncate marker of its site is covered by the marker
    covered = set()
    for p in proposals:
        if p.kind == "truncate-after":
            for q in proposals:
                if q.site == p.site and q is not p and q.candidate.at_tail:
                    a, b = p.candidate.hash, q.candidate.hash
                    both = cooc.get((min(a, b), max(a, b)), 0)
                    if both >= 0.9 * q.candidate.docs and _always_after(q.candidate, p.candidate):
                        covered.add(id(q))
    proposals = [p for p in proposals if id(p) not in covered]
    return proposals, {"documents": n_docs, "groups": {",".join(g) or "unknown": n for g, n in group_sizes.items()}}, names, name_ctx, threshold


def fuzzy_name_variants(cleaner: Any, shapes: Counter[str], limit: int = 5000) -> dict[tuple[str, str, str], int]:
    """Name-shaped spans close to a gazetteer person but unknown to the gazetteer.

    rapidfuzz's token_sort_ratio (order-blind: "Hayashi Yoshimasa" ~ "Yoshimasa Hayashi") against
    every person's canonical forms, on the ``limit`` most frequent spans only (a fuzzy match costs
    about 0.2 ms; it is never run on every word). Spans the gazetteer already knows (variants,
    aliases, blocklist) are not reported: they are handled, or deliberately not.
    """
    from rapidfuzz import fuzz, process

    index = name_index(cleaner.pipeline.steps)
    if index is None:
        return {}
    choices = index.canonical_forms()
    out: dict[tuple[str, str, str], int] = {}
    for span, n in shapes.most_common(limit):
        low = span.lower()
        words = low.replace("-", " ").split()
        # known, or a known name with a title word beside it ("State Antony Blinken")
        if index.knows(low) or any(index.knows(" ".join(words[i : i + 2])) for i in range(len(words) - 1)):
            continue
        hit = process.extractOne(span, list(choices), scorer=fuzz.token_sort_ratio, processor=str.lower, score_cutoff=FUZZ_CUTOFF)
        if hit is None:
            continue
        form, score, _ = hit
        out[("NAME", span, f"likely a spelling of {form} ({choices[form]}), similarity {score:.0f}: add it as an alias if it is")] = n
    return out


def _always_after(q: Candidate, marker: Candidate) -> bool:
    for _, paras, i in q.examples:
        if marker.text not in paras[:i]:
            return False
    return True


# --------------------------------------------------------------------------- TOML output


def _toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())[:5]
    return "-".join(words) or "chrome-line"


def _example(p: Proposal, name: str, paras: list[str], i: int) -> tuple[str, str]:
    lo = max(0, i - 1)
    if p.kind == "truncate-after":
        hi = min(len(paras), i + 4)
        kept = paras[lo:i]
    else:
        hi = min(len(paras), i + 2)
        kept = paras[lo:i] + paras[i + 1 : hi]
    window = paras[lo:hi]
    if p.source is None and p.fingerprint not in window:
        window = [p.fingerprint, *window]
        kept = [p.fingerprint, *kept] if p.fingerprint != p.candidate.text else kept
    inp = "\n\n".join(window) + "\n"
    out = "\n\n".join(kept) + "\n" if kept else ""
    return inp, out


def render(proposals: list[Proposal], summary: dict[str, Any], names: Counter[tuple[str, str, str]], name_ctx: dict[Any, list[str]], threshold: int) -> str:
    lines = [
        "# Rules proposed by `clean suggest` from the corpus itself. Review each one before use:",
        f"# {summary['documents']} documents; groups by source: {summary['groups']};",
        f"# a paragraph is proposed when it recurs in at least {threshold} documents at the same place (head or tail).",
    ]
    by_site: dict[int, list[Proposal]] = defaultdict(list)
    for p in proposals:
        by_site[p.site].append(p)
    n = 0
    for site, props in sorted(by_site.items()):
        src = props[0].source
        lines.append("")
        lines.append(f"# ---- site {site + 1}: {'source ' + src if src else 'no fingerprint yet'} ({len(props)} rules) ----")
        if src is None:
            lines += ["# [source]", f'# id = "site{site + 1}"', f"# fingerprint_lines = [{_toml_str(props[0].fingerprint)}]"]
        for p in props:
            n += 1
            c = p.candidate
            pos = "last" if c.at_tail else "first"
            lines += [
                "",
                "[[rule]]",
                f'id = "SUG{n:03d}"',
                f'name = "{_slug(c.text)}"',
                f'kind = "{p.kind}"',
                f"summary = {_toml_str(f'Recurring {pos}-paragraph chrome: {c.text[:80]}' + ('' if c.text.endswith('.') else '.'))}",
                f"why = {_toml_str(f'In {c.docs} documents, among the {pos} paragraphs in {c.position_share:.0%} of them' + ('; what follows it varies (links)' if p.kind == 'truncate-after' else '') + '.')}",
            ]
            if src:
                lines.append(f'source = "{src}"')
            lines.append(f"lines = [{_toml_str(c.text)}]")
            if p.kind == "truncate-after":
                lines.append(f"max_tail_lines = {max(c.after) + 5 if c.after else 30}")
            for name, paras, i in c.examples[:2]:
                inp, out = _example(p, name, paras, i)
                lines += ["  [[rule.example]]", f"  input = {_toml_str(inp)}", f"  output = {_toml_str(out)}", f"  note = {_toml_str('from ' + name)}"]
            neg = c.negative or f"The report quoted the words {c.text!r} in a sentence."
            lines += ["  [[rule.example]]", f"  input = {_toml_str(neg + chr(10))}", f"  note = {_toml_str('the same text as content' + ('' if c.negative else ' (made up: none found in the corpus)'))}"]
    if names:
        lines += ["", "# ---- names: candidates for the gazetteer (never applied) ----"]
        for (rule, text, msg), k in names.most_common(100):
            lines.append(f"# {rule} {text!r} x{k}: {msg}  [{', '.join(name_ctx.get((rule, text, msg), []))}]")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- command


@dataclasses.dataclass(frozen=True)
class SuggestOptions:
    jsonl: bool = False
    field: str = "text"
    min_docs: int = 5
    min_share: float = 0.02
    position_share: float = 0.9
    jobs: int = 1


@dataclasses.dataclass(frozen=True)
class SuggestSummary:
    text: str  # the proposals as TOML, names as comments
    documents: int
    proposals: int
    names: int


def run_suggest(paths: Sequence[str], cleaner: Any, options: SuggestOptions, stdin: Any = None) -> SuggestSummary:
    """Propose rules from the corpus in ``paths`` (``["-"]`` reads it from ``stdin``)."""
    paths = list(paths)
    tmp = None
    if paths == ["-"]:
        tmp = tempfile.NamedTemporaryFile(prefix="clean-suggest-", suffix=".jsonl" if options.jsonl else ".txt", delete=False)  # noqa: SIM115
        tmp.write(read_stdin(stdin))
        tmp.close()
        paths = [tmp.name]
    try:
        for p in paths:
            if not Path(p).exists():
                raise CommandError(f"{p}: no such file or directory")
        proposals, summary, names, ctx, threshold = analyse(
            cleaner,
            paths,
            jsonl=options.jsonl,
            field=options.field,
            jobs=options.jobs,
            min_docs=options.min_docs,
            min_share=options.min_share,
            position_share=options.position_share,
        )
    finally:
        if tmp is not None:
            Path(tmp.name).unlink(missing_ok=True)
    text = render(proposals, summary, names, ctx, threshold)
    return SuggestSummary(text=text, documents=summary["documents"], proposals=len(proposals), names=len(names))
