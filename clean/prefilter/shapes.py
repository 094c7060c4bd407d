"""The shape of a regular expression: what every match must look like, read from its syntax.

See :mod:`clean.prefilter`. The analysis parses the pattern with the standard library's parser
and walks the tree; ``fold`` is the case folding the folded strings are compared under.
"""

from __future__ import annotations

import importlib
import re
import sys
import warnings
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import Any

_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

UNBOUNDED = sys.maxsize
_K = 6  # the longest start or end worked out (a key of the line gate)
_CAP = 256  # the most strings a start, end or needs set may hold before the analysis gives up or stops
_LANG_CAP = 64  # the most (folded) strings a literal run may expand to
_RAW_CAP = 16  # the same for raw strings, case variants included (more are looked for folded)
_RANGE_CAP = 64  # the widest character range expanded
_EACH = 0.001  # what one more string to look for costs, against the rough chance of a false hit


class Shape:
    """What every match of one pattern satisfies (see :mod:`clean.prefilter`).

    ``starts`` and ``ends`` are folded (``fold``), for a match that is a trimmed line (white
    space the pattern allows at either end of a match is taken as matching nothing); None: no
    useful set. ``needs`` (as they are, case variants listed) and ``folded`` (folded) are worked
    out on first use: most patterns of the line gate never need them.
    """

    __slots__ = ("_folded", "_needs", "ends", "ignore_case", "max_len", "min_len", "pattern", "starts")

    def __init__(self, pattern: str, min_len: int, max_len: int, starts: frozenset[str] | None, ends: frozenset[str] | None, ignore_case: bool) -> None:
        self.pattern = pattern
        self.min_len = min_len
        self.max_len = max_len  # UNBOUNDED when there is no bound
        self.starts = starts
        self.ends = ends
        self.ignore_case = ignore_case
        self._needs: Any = _UNSET
        self._folded: Any = _UNSET

    @property
    def needs(self) -> frozenset[str] | None:
        """Strings of which every match holds one, or None."""
        if self._needs is _UNSET:
            self._needs = _frozen(_safe_needs(self.pattern, self.ignore_case, False))
        return self._needs

    @property
    def folded(self) -> frozenset[str] | None:
        """The same, folded: one string per case class of strings."""
        if self._folded is _UNSET:
            self._folded = _frozen(_safe_needs(self.pattern, self.ignore_case, True))
        return self._folded


_UNSET = object()


def _safe_needs(pattern: str, ignore_case: bool, fo: bool) -> set[str] | None:
    try:
        tree = _parse(pattern)
        return _needs(tree.data, _flags(ignore_case, tree.state.flags & ~_c.SRE_FLAG_UNICODE, 0), fo)
    except (_Unsupported, _TooBig, RecursionError, ValueError, TypeError, re.error, FutureWarning, DeprecationWarning):
        return None


def _parse(pattern: str) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "possible nested set" and the like: regex reads them otherwise
        return _parser.parse(pattern)


class _Unsupported(Exception):
    """Syntax whose meaning under ``regex`` the analysis does not vouch for."""


class _TooBig(Exception):
    """A set grew past its cap: that piece of the analysis is dropped."""


@lru_cache(maxsize=4096)
def _cases(ch: str) -> frozenset[str]:
    """Every character the ``regex`` module matches for ``ch`` when ignoring case."""
    try:
        import regex
        from regex import _regex

        return frozenset(chr(c) for c in _regex.get_all_cases(regex.IGNORECASE | regex.UNICODE, ord(ch))) | {ch}
    except Exception:  # no such internal in this version of regex: treat the character as unknown
        raise _Unsupported("case classes unavailable") from None


def _chars(op: Any, av: Any, ci: bool, folded: bool) -> frozenset[str] | None:
    """The characters a one-character item matches, or None when they are many or unknown.

    ``folded``: as :func:`fold` maps them (one character per case class, whatever ``ci``)."""
    if op is _c.LITERAL:
        if av == 0x7B:  # "{": regex reads some braces as fuzzy-matching constraints
            raise _Unsupported("brace")
        return _literal(av, ci, folded)
    elif op is _c.IN:
        out = set()
        for sop, sav in av:
            if sop is _c.LITERAL:
                out.add(chr(sav))
            elif sop is _c.RANGE and sav[1] - sav[0] < _RANGE_CAP:
                out.update(chr(c) for c in range(sav[0], sav[1] + 1))
            else:  # NEGATE, CATEGORY, a wide range
                return None
    elif op in (_c.ANY, _c.NOT_LITERAL):
        return None
    else:
        raise AssertionError(op)
    if folded:
        return frozenset(_canon(ch) for ch in out)
    if ci:
        out = set().union(*(_cases(ch) for ch in out))
    return frozenset(out)


@lru_cache(maxsize=4096)
def _literal(code: int, ci: bool, folded: bool) -> frozenset[str]:
    ch = chr(code)
    if folded:
        return frozenset((_canon(ch),))
    return _cases(ch) if ci else frozenset((ch,))


# the parser's operators (opcodes, compared by value: no two opcodes share one)
_ONE_CHAR = frozenset({_c.LITERAL, _c.IN, _c.ANY, _c.NOT_LITERAL})
_ZERO_WIDTH = frozenset({_c.AT, _c.ASSERT, _c.ASSERT_NOT})
_REPEATS = frozenset({_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT})
_SUBPATTERN = _c.SUBPATTERN
_ATOMIC = _c.ATOMIC_GROUP
_BRANCH = _c.BRANCH


def _flags(ci: bool, add: int, dele: int) -> bool:
    if (add | dele) & ~(_c.SRE_FLAG_IGNORECASE | _c.SRE_FLAG_DOTALL | _c.SRE_FLAG_MULTILINE | _c.SRE_FLAG_UNICODE | _c.SRE_FLAG_ASCII):
        raise _Unsupported("inline flag")
    if add & _c.SRE_FLAG_IGNORECASE:
        return True
    if dele & _c.SRE_FLAG_IGNORECASE:
        return False
    return ci


# ---- widths


def _width(items: Iterable[tuple[Any, Any]], ci: bool) -> tuple[int, int]:
    lo = hi = 0
    for op, av in items:
        if op in _ONE_CHAR:
            if av == 0x7B and op is _c.LITERAL:  # "{": regex reads some braces as fuzzy matching
                raise _Unsupported("brace")
            a, b = 1, 1
        elif op in _ZERO_WIDTH:
            a, b = 0, 0
        elif op is _SUBPATTERN:
            a, b = _width(av[3].data, _flags(ci, av[1], av[2]))
        elif op is _ATOMIC:
            a, b = _width(av.data, ci)
        elif op is _BRANCH:
            ws = [_width(br.data, ci) for br in av[1]]
            a, b = min(w[0] for w in ws), max(w[1] for w in ws)
        elif op in _REPEATS:
            sa, sb = _width(av[2].data, ci)
            a = sa * av[0]
            b = 0 if sb == 0 else (UNBOUNDED if av[1] >= _c.MAXREPEAT or sb >= UNBOUNDED else sb * av[1])
        else:  # GROUPREF, GROUPREF_EXISTS, anything new
            raise _Unsupported(str(op))
        lo = min(lo + a, UNBOUNDED)
        hi = min(hi + b, UNBOUNDED)
    return lo, hi


# ---- starts and ends: the first (last) up to _K characters of every match


def _edge(items: Sequence[tuple[Any, Any]], ci: bool, rev: bool, edge: bool) -> tuple[set[str], set[str]]:
    """(closed, open) for a sequence: every match either is one of ``open`` (all shorter than _K)
    or begins (ends, when ``rev``) with one of ``closed``; a closed string shorter than _K stops
    where an item matches characters that are too many to list.

    ``edge``: the sequence starts (ends) the whole pattern, which matches a trimmed line: white
    space repeated there matches nothing.
    """
    closed: set[str] = set()
    opened = {""}
    for op, av in reversed(items) if rev else items:
        at_edge = edge and "" in opened
        c, o = _edge_item(op, av, ci, rev, at_edge and len(opened) == 1)
        if at_edge and len(opened) > 1:
            ce, oe = _edge_item(op, av, ci, rev, True)
        nxt: set[str] = set()
        grown = set(closed)
        over = len(opened) * (len(c) + len(o)) > 4 * _CAP  # too many ways on, before even trying
        if not over:
            for a in opened:
                cc, oo = (ce, oe) if at_edge and not a and len(opened) > 1 else (c, o)
                if rev:
                    grown.update([(b + a)[-_K:] for b in cc])
                    xs = [b + a for b in oo]
                    for x in xs:
                        (grown if len(x) >= _K else nxt).add(x[-_K:])
                else:
                    grown.update([(a + b)[:_K] for b in cc])
                    xs = [a + b for b in oo]
                    for x in xs:
                        (grown if len(x) >= _K else nxt).add(x[:_K])
        if over or len(grown) > _CAP or len(nxt) > _CAP:  # too many ways on: every match begins with what came before
            if len(closed) + len(opened) > _CAP:
                raise _TooBig
            return closed | opened, set()
        closed = grown
        opened = nxt
        if not opened:
            break
    return closed, opened


def _blank(sub: Any) -> bool:
    """Whether a repeated item only matches white space that trimming a line removes."""
    if len(sub.data) != 1:
        return False
    op, av = sub.data[0]
    if op is _c.LITERAL:
        return chr(av).isspace()
    if op is _c.IN:
        for sop, sav in av:
            if sop is _c.LITERAL and chr(sav).isspace():
                continue
            if sop is _c.CATEGORY and sav is _c.CATEGORY_SPACE:  # regex's \s: tested to be str.isspace
                continue
            return False
        return True
    return False


def _edge_item(op: Any, av: Any, ci: bool, rev: bool, edge: bool) -> tuple[set[str], set[str]]:
    try:
        return _edge_item_sets(op, av, ci, rev, edge)
    except _TooBig:  # too many strings: the item's characters are as good as unknown
        return {""}, set()


def _edge_item_sets(op: Any, av: Any, ci: bool, rev: bool, edge: bool) -> tuple[set[str], set[str]]:
    if op in _ONE_CHAR:
        chars = _chars(op, av, ci, True)
        return ({""}, set()) if chars is None else (set(), set(chars))
    if op in _ZERO_WIDTH:
        return set(), {""}
    if op is _SUBPATTERN:
        return _edge(av[3].data, _flags(ci, av[1], av[2]), rev, edge)
    if op is _ATOMIC:
        return _edge(av.data, ci, rev, edge)
    if op is _BRANCH:
        closed: set[str] = set()
        opened: set[str] = set()
        for br in av[1]:
            c, o = _edge(br.data, ci, rev, edge)
            closed |= c
            opened |= o
        return closed, opened
    if op in _REPEATS:
        lo, hi, sub = av
        if edge and lo == 0 and _blank(sub):
            return set(), {""}
        c1, o1 = _edge(sub.data, ci, rev, False)
        closed = set()
        before: set[str] = set()
        result = {""} if lo == 0 else set()
        cur = {""}
        j = 0
        while cur and j < hi:
            j += 1
            nxt: set[str] = set()
            over = len(cur) * (len(c1) + len(o1)) > 4 * _CAP or j > 4096
            if not over:
                for a in cur:
                    for b in c1:
                        closed.add((b + a)[-_K:] if rev else (a + b)[:_K])
                    for b in o1:
                        x = b + a if rev else a + b
                        if len(x) >= _K:
                            closed.add(x[-_K:] if rev else x[:_K])
                        else:
                            nxt.add(x)
            if over or len(closed) > _CAP or len(nxt) > _CAP:  # too many ways on
                closed = before | cur
                if len(closed) > _CAP:
                    raise _TooBig
                break
            before = set(closed)
            if j >= lo:
                if nxt == cur and j > lo:
                    break  # a fixed point: more repetitions add nothing
                result |= nxt
            cur = nxt
        return closed, result
    raise _Unsupported(str(op))


def _edges(items: Sequence[tuple[Any, Any]], ci: bool, rev: bool) -> frozenset[str] | None:
    try:
        closed, opened = _edge(items, ci, rev, True)
    except _TooBig:
        return None
    out = closed | opened
    return None if "" in out or not out else frozenset(out)


# ---- needs: strings of which every match holds one


def _lang(items: Sequence[tuple[Any, Any]], ci: bool, fo: bool) -> set[str] | None:
    """Every string the sequence matches (folded when ``fo``), when they are few; else None."""
    cur = {""}
    for op, av in items:
        got = _lang_item(op, av, ci, fo)
        if got is None:
            return None
        cur = {a + b for a in cur for b in got}
        if len(cur) > (_LANG_CAP if fo else _RAW_CAP):
            return None
    return cur


def _lang_item(op: Any, av: Any, ci: bool, fo: bool) -> set[str] | None:
    if op in _ONE_CHAR:
        chars = _chars(op, av, ci, fo)
        return None if chars is None or len(chars) > (_LANG_CAP if fo else _RAW_CAP) else set(chars)
    if op in _ZERO_WIDTH:
        return {""}
    if op is _SUBPATTERN:
        return _lang(av[3].data, _flags(ci, av[1], av[2]), fo)
    if op is _ATOMIC:
        return _lang(av.data, ci, fo)
    if op is _BRANCH:
        out: set[str] = set()
        for br in av[1]:
            got = _lang(br.data, ci, fo)
            if got is None:
                return None
            out |= got
        return out if len(out) <= (_LANG_CAP if fo else _RAW_CAP) else None
    if op in _REPEATS:
        lo, hi, sub = av
        if hi > 4:
            return None
        one = _lang(sub.data, ci, fo)
        if one is None:
            return None
        out, cur = set(), {""}
        for j in range(hi + 1):
            if j >= lo:
                out |= cur
            cur = {a + b for a in cur for b in one}
            if len(out) > (_LANG_CAP if fo else _RAW_CAP) or len(cur) > (_LANG_CAP if fo else _RAW_CAP):
                return None
        return out
    raise _Unsupported(str(op))


@lru_cache(maxsize=4096)
def _p(ch: str) -> float:
    """A rough chance that a character of text is ``ch``: only to prefer rare strings."""
    if ch == " ":
        return 0.15
    if ch.isascii():
        if ch.islower():
            return 0.04
        if ch.isupper() or ch.isdigit():
            return 0.02
        return 0.01
    return 0.003


@lru_cache(maxsize=65536)
def _cost1(s: str) -> float:
    p = 1.0
    for ch in s:
        p *= _p(ch)
    return p


def _cost(strings: Iterable[str]) -> float:
    return sum(map(_cost1, strings))


def _trim(strings: set[str]) -> set[str] | None:
    """The same set with spaces cut from both ends (a part of a needed string is needed too)."""
    out = {s.strip(" ") or s for s in strings}
    return out if out and "" not in out else None


def _needs(items: Sequence[tuple[Any, Any]], ci: bool, fo: bool) -> set[str] | None:
    """The cheapest set of strings of which every match of the sequence holds one (folded when
    ``fo``), or None."""
    options: list[set[str]] = []
    run = {""}  # every string the items since the last unlisted one match
    tail = {""}  # the same since the last item with more than one string

    def close(*runs: set[str]) -> None:
        for r in runs:
            got = _trim(r)
            if got:
                options.append(got)

    for op, av in items:
        got = _lang_item(op, av, ci, fo)
        if got is not None:
            if len(got) > 1:  # the strings before it, and after it, are needed too, and fewer
                close(run, tail)
                tail = {""}
            else:
                tail = {a + b for a in tail for b in got}
            nxt = {a + b for a in run for b in got}
            if len(nxt) > (_LANG_CAP if fo else _RAW_CAP):
                close(run)
                run = got
            else:
                run = nxt
            continue
        close(run, tail)
        run, tail = {""}, {""}
        sub: set[str] | None = None
        if op is _SUBPATTERN:
            sub = _needs(av[3].data, _flags(ci, av[1], av[2]), fo)
        elif op is _ATOMIC:
            sub = _needs(av.data, ci, fo)
        elif op is _BRANCH:
            sub = set()
            for br in av[1]:
                one = _needs(br.data, ci, fo)
                if one is None:
                    sub = None
                    break
                sub |= one
        elif op in _REPEATS and av[0] >= 1:
            sub = _needs(av[2].data, ci, fo)
        if sub and len(sub) <= _CAP:
            options.append(sub)
    close(run, tail)
    return min(options, key=lambda o: _cost(o) + _EACH * len(o)) if options else None


# ---- the whole pattern


@lru_cache(maxsize=4096)
def shape(pattern: str, ignore_case: bool = False) -> Shape | None:
    """The shape of ``pattern`` as the ``regex`` module (version 0) runs it, or None when the
    standard parser cannot vouch for its meaning."""
    try:
        tree = _parse(pattern)
        ci = _flags(ignore_case, tree.state.flags & ~_c.SRE_FLAG_UNICODE, 0)
        items = tree.data
        lo, hi = _width(items, ci)
        return Shape(pattern, lo, hi, _edges(items, ci, False), _edges(items, ci, True), ignore_case)
    except (_Unsupported, re.error, RecursionError, OverflowError, FutureWarning, DeprecationWarning, ValueError, TypeError):
        return None


def _frozen(s: set[str] | None) -> frozenset[str] | None:
    return None if not s else frozenset(s)


# ---- case folding for the folded look-ups

# character -> the canonical lower-case character of its case class, for every character (of a
# class that a folded string uses) whose ``lower()`` is not that character in every context
_FIX: dict[int, str] = {}
_fix_re: Any = None
# folded character -> the characters of the registered case classes that fold to it
_UNFOLD: dict[str, frozenset[str]] = {}


@cache
def _canon(ch: str) -> str:
    """The character ``fold`` maps ``ch`` and every case variant of it to; registers them."""
    global _fix_re
    members = _cases(ch)
    canon = min((c.lower() for c in members if len(c.lower()) == 1), default=ch)
    for m in members:
        # a variant whose lower() is another character, or depends on its neighbours (final sigma)
        if (m.lower() != canon or ("A" + m).lower()[1:] != canon) and _FIX.get(ord(m)) != canon:
            _FIX[ord(m)] = canon
            _fix_re = None
    _UNFOLD[canon] = _UNFOLD.get(canon, frozenset()) | members
    return canon


def unfold(ch: str) -> frozenset[str]:
    """Every character (of a registered case class) that ``fold`` maps to the folded ``ch``."""
    return _UNFOLD.get(ch, frozenset({ch}))


def fold(text: str) -> str:
    """``text`` lower-cased, with the characters of a case class mapped to one (see ``_FIX``):
    a folded string found in ``fold(text)`` whenever any of its case variants is in ``text``."""
    global _fix_re
    if text.isascii():
        return text.lower()
    if _FIX:
        if _fix_re is None:
            _fix_re = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FIX)) + "]")
        if _fix_re.search(text):
            text = text.translate(_FIX)
    return text.lower()
