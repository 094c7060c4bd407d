"""Checks built from pattern shapes: which lines a full-line pattern may match (``LineGate``),
whether a text may hold a match (``Needs``, ``AnyOf``). See :mod:`clean.prefilter`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from .shapes import _EACH, UNBOUNDED, Shape, _cost, fold, unfold

_FAN = 12  # a trie node with more branches than this tries them in groups
_SHORT = 400  # a pattern without a usable edge matching at most this many characters is looked for line by line


def _score(strings: Iterable[str]) -> float:
    strings = tuple(strings)
    return _cost(strings) + _EACH * len(strings)


def _gate_cost(strings: frozenset[str] | None) -> float:
    return UNBOUNDED if strings is None else _cost(strings)


class LineGate:
    """Which of many full-line patterns can match a trimmed line.

    Each pattern with a shape sits in the look-up table of its rarer edge (the strings its matches
    start or end with); its other edge and its length bounds are checked on the candidates. A
    pattern without a usable edge is a candidate on every line of a length it can match that holds
    one of the strings every match holds (when they are few enough to look for).
    ``candidates(s)`` returns the indices (ascending) of the patterns that may match ``s`` in full.
    """

    def __init__(self, shapes: Sequence[Shape | None], *, max_cost: float = 0.5) -> None:
        heads: dict[int, dict[str, list[int]]] = {}
        tails: dict[int, dict[str, list[int]]] = {}
        # per pattern: min_len, max_len, and the edge not used for the look-up: whether it is the
        # end, its string lengths and its strings (None: not checked)
        self.checks: list[tuple[int, int, bool, tuple[int, ...], frozenset[str] | None]] = []
        # the patterns without a usable edge: index, length bounds, what every match holds
        always: list[tuple[int, int, int, Needs | None]] = []
        for i, sh in enumerate(shapes):
            other: frozenset[str] | None = None
            at_end = False
            if sh is None:
                always.append((i, 0, UNBOUNDED, None))
            elif min(_gate_cost(sh.starts), _gate_cost(sh.ends)) > max_cost:
                always.append((i, sh.min_len, sh.max_len, Needs.of(sh)))
            elif _gate_cost(sh.starts) <= _gate_cost(sh.ends):
                assert sh.starts is not None
                for x in sh.starts:
                    heads.setdefault(len(x), {}).setdefault(x, []).append(i)
                other, at_end = sh.ends, True
            else:
                assert sh.ends is not None
                for x in sh.ends:
                    tails.setdefault(len(x), {}).setdefault(x, []).append(i)
                other = sh.starts
            lengths = tuple(sorted({len(x) for x in other})) if other is not None else ()
            self.checks.append((sh.min_len if sh else 0, sh.max_len if sh else UNBOUNDED, at_end, lengths, other))
        self.always = tuple(always)
        for t in (*heads.values(), *tails.values()):
            for x in [x for x in t if "\n" in x]:
                del t[x]  # no line holds a line break: no line starts or ends with such a key
        self._heads = _closure(heads, False)
        self._tails = _closure(tails, True)
        self._k = max(heads, default=0)
        self._kt = max(tails, default=0)
        self._keys = ({x for t in heads.values() for x in t}, {x for t in tails.values() for x in t})
        self._res: tuple[Any, Any] | None = None

    def _searches(self) -> tuple[Any, Any]:
        """Two searches over "\n" + a text (reversed, for the ends), each key character standing
        for every character that folds to it: at each line whose trimmed start (end) is a key,
        the longest such key, in group 1."""
        if self._res is None:
            head, tail = self._keys
            self._res = (_search(head), _search({x[::-1] for x in tail}))
        return self._res

    def scan(self, lines: Sequence[str], text: str, only: frozenset[int] | None = None) -> tuple[dict[int, list[int]], int, Any]:
        """The lines that patterns may match, for ``lines`` joined as ``text`` (of the patterns
        ``only``, when given, among those without a usable edge: see :meth:`active`).

        Returns (line index -> the patterns that may match it trimmed, ascending; a length;
        a check): two compiled searches find the lines whose start or end is a key, and the
        patterns without a usable edge whose needed strings ``text`` holds are added to every
        line they fit, except those of at most the returned length: the caller passes each of
        its lines that short, trimmed, to the check, which returns those patterns for it.
        """
        found: dict[int, list[int]] = {}
        heads, tails = self._searches()
        for search, table, rev in ((heads, self._heads, False), (tails, self._tails, True)):
            if search is None:
                continue
            src = "\n" + (text[::-1] if rev else text)
            row = last = 0
            for m in search.finditer(src):
                at = m.start()
                row += src.count("\n", last, at)
                last = at
                i = len(lines) - 1 - row if rev else row
                found.setdefault(i, []).extend(table[_fold_edge(m.group(1)[::-1] if rev else m.group(1))])
        out: dict[int, list[int]] = {}
        for i, js in found.items():
            got = self._check(lines[i].strip(), sorted(set(js)) if len(js) > 1 else js)
            if got:
                out[i] = got
        wide, short = self.active(text, only)
        if wide:
            for i, line in enumerate(lines):
                s = line.strip()
                n = len(s)
                more = [j for j, lo, hi, _ in wide if lo <= n <= hi and s]
                if more:
                    out[i] = sorted(set(out.get(i, [])) | set(more))
        if not short:
            return out, 0, None
        return out, max(hi for _, _, hi, _ in short), (lambda s: [j for j, lo, hi, needs in short if lo <= len(s) <= hi and (needs is None or needs(s))])

    def _check(self, s: str, js: Iterable[int]) -> list[int]:
        """The patterns of ``js`` whose length bounds and other edge ``s`` meets."""
        n = len(s)
        out = []
        for i in js:
            lo, hi, at_end, lengths, other = self.checks[i]
            if n < lo or n > hi:
                continue
            if other is not None:
                for k in lengths:
                    if _fold_edge(s[-k:] if at_end else s[:k]) in other:
                        break
                else:
                    continue
            out.append(i)
        return out

    def active(self, text: str, only: frozenset[int] | None = None) -> tuple[tuple[tuple[int, int, int, Needs | None], ...], tuple[tuple[int, int, int, Needs | None], ...]]:
        """The patterns without a usable edge that may match a line of ``text``, those whose
        needed strings ``text`` does not hold left out, and those not in ``only`` (when given:
        the caller's patterns of interest, a document's rules): (those matching more than _SHORT
        characters; those matching at most _SHORT, whose needed strings are then looked for in
        each line short enough)."""
        wide = []
        short = []
        folded: str | None = None
        for i, lo, hi, needs in self.always:
            if only is not None and i not in only:
                continue
            if needs is not None:
                # a line holds a needed string only if the text does (fold works character by
                # character, a line end cutting every case context): most texts rule it out here
                if folded is None and needs.folds:
                    folded = fold(text)
                if not needs(text, folded):
                    continue
            if hi <= _SHORT:
                short.append((i, lo, hi, needs))
            else:
                wide.append((i, lo, hi, None))
        return tuple(wide), tuple(short)

    def candidates(self, s: str, always: tuple[tuple[int, int, int, Needs | None], ...] | None = None) -> list[int]:
        """The patterns that may match ``s`` in full; ``always``: ``active(text)`` of a text that
        holds ``s`` (the needed strings are then looked for in it, not in ``s``)."""
        found: tuple[int, ...] = ()
        if self._k:
            # the longest start of s that starts a key; its entry lists every key it starts with
            x = s[: self._k]
            head = _fold_edge(x)
            whole = len(head) == len(x)  # one folded character per character
            table = self._heads
            for k in range(1, len(x) + 1):
                got = table.get(head[:k] if whole else _fold_edge(x[:k]))
                if got is None:
                    break
                found = got
        if self._kt:
            x = s[-self._kt :]
            tail = _fold_edge(x)
            whole = len(tail) == len(x)
            table = self._tails
            more: tuple[int, ...] = ()
            for k in range(1, len(x) + 1):
                got = table.get(tail[-k:] if whole else _fold_edge(x[-k:]))
                if got is None:
                    break
                more = got
            if more:
                found = found + more if found else more
        n = len(s)
        out = self._check(s, sorted(set(found)) if len(found) > 1 else found) if found else []
        if always is None:
            always = self.always
        if always:
            added = False
            for i, lo, hi, needs in always:
                if lo <= n <= hi and (needs is None or needs(s)):
                    out.append(i)
                    added = True
            if added and found:
                out.sort()
        return out


def _search(keys: set[str]) -> Any:
    """The search for a line (after "\n" and white space) starting with one of ``keys``; a
    look-ahead at the first character rejects most lines before the trie's alternatives."""
    if not keys:
        return None
    first = "".join(sorted({c for k in keys for c in unfold(k[0])}))
    return re.compile(r"(?i)\n[^\S\n]*(?=[" + "".join(re.escape(c) for c in first) + "])(" + _trie(keys) + ")")


@lru_cache(maxsize=4096)
def _members(ch: str) -> str:
    """A regular expression (case-insensitive, as the searches are) of every character that
    ``fold`` maps to the folded ``ch``: the character itself where the ``re`` module's case
    folding already takes in all of them (it compiles faster), else all of them listed."""
    got = sorted(unfold(ch))
    one = re.compile(re.escape(ch), re.IGNORECASE)
    if all(one.fullmatch(c) for c in got):
        return re.escape(ch)
    return "[" + "".join(re.escape(c) for c in got) + "]"


def _trie(keys: Iterable[str]) -> str:
    """A regular expression of the (folded) keys as a trie: where a key ends and a longer one
    may go on, the longer is tried first, so a match is the longest key the text has there."""
    root: dict[str, Any] = {}
    for key in keys:
        node = root
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        kids = sorted(ch for ch in node if ch)
        if not kids:
            return ""
        alts = [_members(ch) + build(node[ch]) for ch in kids]
        if len(alts) > _FAN:
            # the regex engine tries alternatives one by one: in groups, each behind a look-ahead
            # at the group's first characters, a character skips a whole group at once
            step = max(2, int(len(alts) ** 0.5))
            groups = []
            for j in range(0, len(alts), step):
                first = "".join(re.escape(c) for ch in kids[j : j + step] for c in sorted(unfold(ch)))
                groups.append("(?=[" + first + "])(?:" + "|".join(alts[j : j + step]) + ")")
            alts = groups
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(root)


def _closure(table: dict[int, dict[str, list[int]]], rev: bool) -> dict[str, tuple[int, ...]]:
    """Every start (end, when ``rev``) of every key -> the patterns of the keys it begins (ends)
    with: a line's longest start found in it gives all the keys the line starts with."""
    keys: dict[str, list[int]] = {}
    for t in table.values():
        for x, pats in t.items():
            keys.setdefault(x, []).extend(pats)
    out: dict[str, tuple[int, ...]] = {}
    for x in keys:
        for k in range(1, len(x) + 1):
            q = x[-k:] if rev else x[:k]
            if q not in out:
                got: set[int] = set()
                for j in range(1, k + 1):
                    got.update(keys.get(q[-j:] if rev else q[:j], ()))
                out[q] = tuple(sorted(got))
    return out


def _fold_edge(x: str) -> str:
    return x.lower() if x.isascii() else fold(x)


class AnyOf:
    """Whether a text contains one of some strings, at C speed: ``in`` for a string alone, one
    regex alternation for the strings sharing a first character (the regex engine then scans for
    that character as a literal prefix, where an alternation of unlike strings would try every
    alternative at every position)."""

    def __init__(self, strings: Iterable[str]) -> None:
        given = set(strings)
        # a string that holds another is found whenever that one is
        self.strings = tuple(sorted(s for s in given if not any(o != s and o in s for o in given)))
        by_first: dict[str, list[str]] = {}
        for x in self.strings:
            by_first.setdefault(x[:1], []).append(x)
        self._words = tuple(g[0] for g in by_first.values() if len(g) == 1)
        self._res = tuple(re.compile("|".join(re.escape(x) for x in g)).search for g in by_first.values() if len(g) > 1)

    def __call__(self, text: str) -> bool:
        for x in self._words:
            if x in text:
                return True
        for search in self._res:
            if search(text) is not None:
                return True
        return False


class Needs:
    """Whether a text may hold a match of a pattern, from the strings every match holds: looked for
    as they are, or, when their case variants are too many, in the text folded (:func:`fold`)."""

    def __init__(self, raw: frozenset[str] | None, folded: frozenset[str] | None, *, most: int = 16) -> None:
        self._raw = AnyOf(raw) if raw is not None else None
        self._folded = AnyOf(folded) if folded is not None else None
        if self._raw is not None and self._folded is not None:
            # the cheaper look-up (folding the text costs about two more strings to look for)
            if len(self._raw.strings) > most or _score(self._folded.strings) + 2 * _EACH < _score(self._raw.strings):
                self._raw = None
            else:
                self._folded = None

    @classmethod
    def of(cls, sh: Shape | None, *, most: int = 16) -> Needs | None:
        """The check for one shape, or None when it has nothing to look for (or too much)."""
        if sh is None or sh.needs is None:
            return None
        got = cls(sh.needs, sh.folded, most=most)
        return got if got.size <= most else None

    @classmethod
    def any(cls, shapes: Iterable[Shape | None]) -> Needs | None:
        """The check for a text that may hold a match of any of the shapes' patterns (None: every
        text may, as a pattern without a shape or without needed strings may match anything)."""
        raw: set[str] = set()
        folded: set[str] | None = set()
        for sh in shapes:
            if sh is None or sh.needs is None:
                return None
            raw |= sh.needs
            folded = None if folded is None or sh.folded is None else folded | sh.folded
        return cls(frozenset(raw), frozenset(folded) if folded is not None else None, most=24)

    @property
    def size(self) -> int:
        return len((self._raw or self._folded or AnyOf(())).strings)

    @property
    def folds(self) -> bool:
        """Whether the check looks in the folded text."""
        return self._raw is None

    def __call__(self, text: str, folded: str | None = None) -> bool:
        """Whether ``text`` may hold a match (``folded``: ``fold(text)``, when already made)."""
        if self._raw is not None:
            return self._raw(text)
        assert self._folded is not None
        return self._folded(fold(text) if folded is None else folded)
