"""What each line is, for the kind ``chrome-block`` (:mod:`clean.kinds.chrome_block`): its
facts whatever the document's language, its features in a document of one language, its packed
summary, and the exact early exit that a document's summaries allow. All memoised per line: the
second pass, the engine's proof of it and other documents see the same lines again.
"""

from __future__ import annotations

import re
import struct
import sys
import unicodedata
from collections.abc import Mapping
from itertools import repeat
from typing import Any, NamedTuple

import regex

from .base import Env

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_DIGIT = regex.compile(r"\d")


# The same, faster, on text of the commonest characters: Latin (up to U+024F) and general
# punctuation (U+2000 to U+206F). On those, the standard library's \w (but _) is exactly
# [\p{L}\p{N}] and its \d exactly the regex module's \d: _fast_ok checks that once, character by
# character, with the two libraries as installed. Text with another character, or with "_",
# takes the patterns above.
_OTHER = re.compile(r"[^\x00-\x5e\x60-\u024f\u2000-\u206f]")  # a character the fast patterns are not checked on, or _
_FAST_WORD = re.compile(r"[^\W_][\w'’\-]*")
_FAST_DIGIT = re.compile(r"\d")


def _fast_ok() -> bool:
    # each pattern's matches among the characters, in one C-speed scan each ("_" left out)
    chars = "".join(map(chr, (*range(0x250), *range(0x2000, 0x2070)))).replace("_", "")
    return (regex.findall(r"[\p{L}\p{N}]", chars) == re.findall(r"\w", chars)
            and _DIGIT.findall(chars) == _FAST_DIGIT.findall(chars))


_FAST = _fast_ok()
# No character below U+1100 is CJK (Hangul Jamo start there), checked once: a line without a
# character from U+1100 on has no CJK character.
_MAY_BE_CJK = re.compile(r"[^\x00-\u10ff]")
_NO_CJK = not _CJK.search("".join(map(chr, range(0x1100))))
_MISSING = object()
_MEMO_LINES = 20_000  # lines remembered per rule before the memo starts again
FIELD = 32  # bits of one count in a line's packed summary (see LineReader._summary)
_BIG = 1 << 16  # lines of a document, or hits of a line, too many to pack
_U32 = struct.calcsize("I") == 4  # the fields as native unsigned ints, in one step
# a line's flags (see LineReader._summary): what the rule's patterns say of it
HEADER, MARK, HEAD, COUNTER = 1, 2, 4, 8


def _fields(total: int, n: int) -> list[int]:
    """The ``n`` fields of a packed sum (see LineReader._summary), lowest first."""
    if _U32:
        return memoryview(total.to_bytes(4 * n, sys.byteorder)).cast("I").tolist()
    return [(total >> (FIELD * k)) & 0xFFFFFFFF for k in range(n)]


class _Facts(NamedTuple):
    """What a line is, whatever the document's language (see ``LineReader._line``)."""

    n_words: int  # its words (see _WORD)
    cjk: int  # CJK characters
    is_cjk: bool
    latin_words: int  # words of a CJK line that are not CJK
    cjk_body: bool
    sentence: bool
    marker: bool  # starts with a list marker
    stripped: str  # the line stripped, as the counter and date patterns see it
    one: str  # the line with its whitespace runs as one space, as the header, end and comment patterns see it
    last: str  # its last character before closing quotes and brackets ("" for none)
    packed: int  # its stop words of each language (in the order of the rule's lists), packed as the first fields of a summary (see LineReader._summary)


def read_words(path: Any) -> frozenset[str]:
    """The words of a stop-word file (whitespace-separated, ``#`` starts a comment), casefolded."""
    words: set[str] = set()
    for raw in path.read_text("utf-8").splitlines():
        line = raw.split("#", 1)[0]
        words.update(w.casefold() for w in line.split())
    return frozenset(words)


def fresh_memos(stop: Mapping[str, Any]) -> dict[str, Any]:
    """The memos of one rule, empty (a compiled rule holds them; a pickle holds them empty)."""
    return {
        "memo": {},  # line -> its facts (see _line), and (pattern, text) -> whether it matches all of it (see _full)
        "quick": {},  # line -> its packed summary (see _summary)
        "codes": [{} for _ in stop],  # per language: line -> its place code (see _places)
        "flags": {},  # line -> its flags (see _summary)
        "ends": {},  # line -> whether it is an end marker (see _end)
        "extra": {},  # line -> whether it is key-value and has a digit (see _extra)
        "by_lang": [{} for _ in stop],  # per language: line -> its features (see _features)
    }


class LineReader:
    """The per-line part of ChromeBlock: what each line is, memoised, and the early exit."""

    env: Env

    # -- the early exit -----------------------------------------------------------------------

    def _summary(self, line: str, c: dict[str, Any]) -> int:
        """A line's counts, packed ``FIELD`` bits each into one int, so that a document's are
        one ``sum``, whatever its language. With ``n`` languages, field ``k < n`` holds its
        stop-word hits in language ``k``; fields ``n`` to ``n + 2`` are 1 when it is a list header,
        a comment head or mark, a counter. A blank line is 0. A line with ``_BIG`` hits or more in
        a language is field ``n + 3`` alone (too big to pack: no early exit). So no field of a
        document of fewer than ``_BIG`` lines overflows (``_BIG * _BIG <= 2 ** FIELD``).

        Also its flags (``c["flags"]``: ``HEADER`` ...), what the patterns say of it. Both
        memoised per line, like the facts; what it is in a document of a given language is
        :meth:`_places`'."""
        quick: dict[str, int] = c["quick"]
        f = self._line(line, c)
        packed = flags = 0
        if f is not None:
            n = len(c["stop"])
            bits = c["bits"]
            packed = f.packed
            one = f.one
            if one.casefold() in c["headers"] or self._whole(c, "header", one):
                flags |= HEADER
                packed |= bits[n]
            if c["comments_on"]:
                flags |= MARK if self._whole(c, "comment_mark", one) else 0
                flags |= HEAD if self._whole(c, "comment_head", one) else 0
                if flags & (MARK | HEAD):
                    packed |= bits[n + 1]
            if self._whole(c, "counter", f.stripped):
                flags |= COUNTER
                packed |= bits[n + 2]
            if f.packed & c["big"]:  # _BIG hits or more in a language
                packed = bits[n + 3]
        if len(quick) >= _MEMO_LINES:
            quick.clear()
            c["flags"].clear()
        quick[line] = packed
        c["flags"][line] = flags
        return packed

    def _whole(self, c: dict[str, Any], key: str, text: str) -> bool:
        """Whether the patterns ``c[key + "_re"]`` match all of ``text``: only when its gate
        (``key + "_gate"``, :class:`clean.prefilter.LineGate`) lets one of them through."""
        pattern = c[key + "_re"]
        if pattern is None or not c[key + "_gate"].candidates(text):
            return False
        return bool(pattern.fullmatch(text, timeout=self.env.regex_timeout))

    def _places(self, lines: list[str], c: dict[str, Any], li: int) -> bytes:
        """What each line that is not empty is in a document of the ``li``-th language: 0 blank,
        1 a body line, 2 another line, 3 a label. Memoised per language and line."""
        code: dict[str, int] = c["codes"][li]
        try:
            return bytes(map(code.__getitem__, filter(None, lines)))
        except KeyError:
            pass
        o = c["rule"].options
        out = bytearray()
        for line in filter(None, lines):
            got = code.get(line)
            if got is None:
                f = self._line(line, c)
                if f is None:
                    got = 0
                else:
                    body, label, _ = self._body_label(f, li, o)
                    got = 1 if body else 3 if label else 2
                if len(code) >= _MEMO_LINES:
                    code.clear()
                code[line] = got
            out.append(got)
        return bytes(out)

    def _nothing_to_remove(self, lines: list[str], c: dict[str, Any]) -> tuple[bool, str, int]:
        """Whether ``_decide`` provably removes nothing from ``lines``, from the sum of their
        summaries (``_summary``) and, when that does not tell, their place codes; and the
        document's language (name, index), the one ``_language`` finds.

        Why it is exact: every removal is one of these, and each needs what is checked here
        (``drop`` is empty until the first removal, so until then "not removed" is "not dropped"
        and a "bodyish" line is a body line):

        * a list header and its items: a line that is a list header. No header line: none;
        * a comment thread: ``comment_min_units`` lines or more that are comment heads or marks.
          Fewer: none;
        * then, with nothing dropped yet, in the article step, whose first removal is one of:

          - the teaser zone: it removes teasers and non-body lines at or after its start ``b``,
            which is below the article's first line ``start``, itself a body line. Each teaser
            is a body line right under a non-body line (``isolated``), so that line is after
            ``start``; the zone needs ``need`` teasers or more, and at least one (``len(teasers)
            > ratio * len(dense)``; with a ratio below 0, only non-body lines of the zone go).
            ``need`` is ``teaser_min_units`` at a list header or end marker, else
            ``unmarked_min_units``. So it needs ``max(need, 1)`` non-body lines after the first
            body line;
          - the head run: it removes non-body lines above ``start``, ``max(min_head_run, 1)``
            of them or more: lines above the first body line, and lines between the first and
            the last body line that are labels or in a headline run (``between_ok``). A
            headline run is a run of non-body lines with ``headline_run_min`` lines or more that
            are no labels; one with a line between the first and the last body line lies between
            them (body lines end a run): with fewer such lines there, no run takes one of them;
          - the tail run: non-body lines below the article's end, ``max(min_tail_run, 1)`` of
            them or more: lines below the last body line, and lines between the first and the
            last body line that are labels or in a headline run.

          Fewer non-body lines in all than the least of those (``min_nonbody``), or fewer than
          the head run needs where it takes them, fewer than the tail run needs where it takes
          them and fewer after the first body line than the zone needs: none. With no list
          header, ``need`` is
          ``unmarked_min_units`` unless a line is an end marker (only then are the end markers
          looked at). No body line: no article step;
        * then, with nothing dropped yet, the first counter removed is a counter line next to a
          label of 3 words at most in the document's language (a non-body line). No counter line
          or no such label: none.
        """
        quick: dict[str, int] = c["quick"]
        try:  # (an empty line is blank: its summary is 0)
            total = sum(map(quick.__getitem__, filter(None, lines)))
        except KeyError:
            total = sum(quick[l] if l in quick else self._summary(l, c) for l in lines)
        n = len(c["stop"])
        f = _fields(total, n + 4)
        if f[n + 3] or len(lines) >= _BIG:
            lang, li = self._language(lines, c)
            return False, lang, li
        hits = f[:n]
        most = max(hits)
        en = c["en"]
        li = en if en >= 0 and hits[en] == most else hits.index(most)
        lang = c["names"][li]
        o = c["rule"].options
        if f[n] or (c["comments_on"] and f[n + 1] >= o["comment_min_units"]):
            return False, lang, li
        # where the non-body lines stand
        place = self._places(lines, c, li)
        if f[n + 2] and self._small_label(lines, place, c, li):
            return False, lang, li
        if len(place) - place.count(0) - place.count(1) < c["min_nonbody"]:
            return True, lang, li
        first = place.find(1)
        if first < 0:
            return True, lang, li
        last = place.rfind(1)
        # lines between the first and the last body line go only as labels or in a headline run,
        # which needs headline_run_min lines there that are no labels
        labels, others = place.count(3, first, last), place.count(2, first, last)
        between = labels + (others if o["headline_run_min"] and others >= o["headline_run_min"] else 0)
        if place.count(2, 0, first) + place.count(3, 0, first) + between >= max(o["min_head_run"], 1):
            return False, lang, li
        if place.count(2, last) + place.count(3, last) + between >= max(o["min_tail_run"], 1):
            return False, lang, li
        below = place.count(2, first) + place.count(3, first)
        if below < max(min(o["teaser_min_units"], o["unmarked_min_units"]), 1):
            return True, lang, li
        if below >= max(o["unmarked_min_units"], 1):
            return False, lang, li
        # enough for a zone of teasers under a list header (there is none) or an end marker only
        return not any(map(self._end, lines, repeat(c))), lang, li

    def _small_label(self, lines: list[str], place: bytes, c: dict[str, Any], li: int) -> bool:
        """Whether a line of ``lines`` (their ``place`` codes in the ``li``-th language) is a
        label of 3 words at most there."""
        if 3 not in place:
            return False
        o = c["rule"].options
        for line, p in zip(filter(None, lines), place, strict=True):
            if p == 3:
                f = self._line(line, c)
                if f is not None and self._body_label(f, li, o)[2] <= 3:
                    return True
        return False

    def _end(self, line: str, c: dict[str, Any]) -> bool:
        """Whether a line is an end marker (a blank line is not); memoised per line."""
        ends: dict[str, bool] = c["ends"]
        got = ends.get(line)
        if got is None:
            f = self._line(line, c)
            got = f is not None and self._full(c, "end", f.one)
            if len(ends) >= _MEMO_LINES:
                ends.clear()
            ends[line] = got
        return got

    # -- features ---------------------------------------------------------------------------

    def _line(self, line: str, c: dict[str, Any]) -> _Facts | None:
        """What a line is, whatever the document's language: its words, CJK characters, sentence
        shape, list marker, key-value shape, digits, stop-word hits per language, and its text as
        the patterns see it. Memoised per line: the second pass and the engine's fixed-point check
        see the same lines again."""
        memo: dict[str, Any] = c["memo"]
        got = memo.get(line, _MISSING)
        if got is not _MISSING:
            return got
        s = line.strip()
        if not s:
            facts = None
        else:
            o = c["rule"].options
            timeout = self.env.regex_timeout
            if line.isascii():  # (NFKC leaves ASCII as it is; of ASCII, _OTHER finds only "_")
                low = line.casefold()
                fast = _FAST and "_" not in low
            else:
                low = unicodedata.normalize("NFKC", line).casefold()
                fast = _FAST and not _OTHER.search(low)
            ws = _FAST_WORD.findall(low) if fast else _WORD.findall(low)
            cjk = 0 if s.isascii() or (_NO_CJK and not _MAY_BE_CJK.search(s)) else len(_CJK.findall(s))
            tail = s.rstrip(o["closing"] + " ")
            ends = o["sentence_end"]
            sentence = bool(tail) and tail[-1] in ends and not tail.endswith("...") and not tail.endswith("…")
            marker = bool(c["marker_re"].search(s, timeout=timeout))
            is_cjk = cjk * 2 >= len(s)
            latin_words = len([w for w in ws if not _CJK.search(w)]) if is_cjk else 0
            cjk_body = is_cjk and cjk >= o["body_min_cjk_chars"] and any(ch in s for ch in ends)
            # the stop words of each language, counted in one packed sum (see _summary)
            packed = sum(filter(None, map(c["hit_of"].get, ws)))  # (every value is above 0)
            # its white space runs as one space: s itself when its only white space is single
            # spaces (every other white space character is not printable)
            one = s if "  " not in s and s.isprintable() else " ".join(s.split())
            facts = _Facts(len(ws), cjk, is_cjk, latin_words, cjk_body, sentence, marker,
                           s, one, line.rstrip(o["closing"] + " ")[-1:], packed)
        if len(memo) >= _MEMO_LINES:
            memo.clear()
        memo[line] = facts
        return facts

    def _full(self, c: dict[str, Any], key: str, text: str) -> bool:
        """:meth:`_whole` (whether the patterns ``c[key + "_re"]`` match all of ``text``),
        memoised with the line facts, for the same reason."""
        if c[key + "_re"] is None:
            return False
        memo: dict[Any, Any] = c["memo"]
        got = memo.get((key, text))
        if got is None:
            got = self._whole(c, key, text)
            if len(memo) >= _MEMO_LINES:
                memo.clear()
            memo[(key, text)] = got
        return got

    def _language(self, lines: list[str], c: dict[str, Any]) -> tuple[str, int]:
        """The document's language (name, index): the stop-word list with the most hits over all
        its lines (en first among equals, then the first in name order). Without the early exit
        only: _nothing_to_remove finds the same from the lines' summaries."""
        facts = [f for f in (self._line(l, c) for l in lines) if f is not None]
        n = len(c["stop"])
        totals = [sum(col) for col in zip(*(_fields(f.packed, n) for f in facts), strict=True)]
        counts = dict(zip(c["stop"], totals or [0] * len(c["stop"]), strict=True))
        lang = max(counts, key=lambda k: (counts[k], k == "en"))
        return lang, list(counts).index(lang)

    def _features(self, lines: list[str], c: dict[str, Any], li: int) -> tuple[list[int], list[_Facts], list[dict[str, Any]], list[tuple[Any, ...]], list[int]]:
        """The non-blank lines of a document whose language is the ``li``-th stop-word list:
        their indices in ``lines``, facts, features (as a dict and as a row: words, sentence,
        body, list item, key-value, label, digit) and flags (see _summary). The features are
        memoised per language and line, like the facts (never changed once made)."""
        o = c["rule"].options
        memo: dict[Any, Any] = c["memo"]
        got = list(map(memo.get, lines, repeat(_MISSING)))
        if _MISSING in got:
            got = [f if f is not _MISSING else self._line(line, c) for line, f in zip(lines, got, strict=True)]
        idx = [i for i, f in enumerate(got) if f is not None]
        facts: list[_Facts] = [got[i] for i in idx]
        nonblank = [lines[i] for i in idx]
        by_lang: dict[str, tuple[dict[str, Any], tuple[Any, ...]]] = c["by_lang"][li]
        pairs: list[Any] = list(map(by_lang.get, nonblank))
        if None in pairs:
            for k, (line, f) in enumerate(zip(nonblank, facts, strict=True)):
                if pairs[k] is None:
                    d = self._line_features(f, li, o, *self._extra(line, f, c))
                    pairs[k] = d, (d["words"], d["sentence"], d["body"], d["list_item"], d["key_value"], d["label"], d["digit"])
                    if len(by_lang) >= _MEMO_LINES:
                        by_lang.clear()
                    by_lang[line] = pairs[k]
        feats = [pair[0] for pair in pairs]
        rows = [pair[1] for pair in pairs]
        flags: dict[str, int] = c["flags"]
        try:
            flag = list(map(flags.__getitem__, nonblank))
        except KeyError:  # the slow path, or the memo started again within the document
            flag = [flags[line] if line in flags else (self._summary(line, c), c["flags"][line])[1] for line in nonblank]
        return idx, facts, feats, rows, flag

    def _extra(self, line: str, f: _Facts, c: dict[str, Any]) -> tuple[bool, bool]:
        """Whether a non-blank line is key-value and whether it has a digit: facts the early exit
        does not read, so made only for the documents it does not skip; memoised per line."""
        extra: dict[str, tuple[bool, bool]] = c["extra"]
        got = extra.get(line)
        if got is None:
            s = f.stripped
            kv = c["kv_re"]
            plain = _FAST and not _OTHER.search(s)  # the fast patterns may read s
            got = (bool(kv is not None and kv.search(s, timeout=self.env.regex_timeout)),
                   bool((_FAST_DIGIT if plain else _DIGIT).search(s)))
            if len(extra) >= _MEMO_LINES:
                extra.clear()
            extra[line] = got
        return got

    @staticmethod
    def _reading(f: _Facts, li: int, o: Mapping[str, Any]) -> tuple[int, float, bool, bool]:
        """A line's words, stop-word share, whether it is body and whether label-like, in a
        document whose language is the ``li``-th stop-word list."""
        if f.is_cjk:
            n_words = max(1, round(f.cjk / o["cjk_chars_per_word"])) + f.latin_words
            share = 0.0
            body = f.cjk_body
        else:
            n_words = f.n_words
            share = ((f.packed >> (FIELD * li)) & 0xFFFFFFFF) / n_words if n_words and li >= 0 else 0.0
            body = (n_words >= o["body_min_words"] and share >= o["body_min_stop_share"]) or (
                f.sentence and n_words >= o["body_min_words_sentence"] and share > 0
            )
        return n_words, share, body, not body and not f.sentence and not f.marker and n_words <= o["label_max_words"]

    @classmethod
    def _body_label(cls, f: _Facts, li: int, o: Mapping[str, Any]) -> tuple[bool, bool, int]:
        """Whether a line is body and label-like, and its words: what its summary reads of
        ``_line_features``."""
        n_words, _, body, label = cls._reading(f, li, o)
        return body, label, n_words

    @classmethod
    def _line_features(cls, f: _Facts, li: int, o: Mapping[str, Any], key_value: bool, digit: bool) -> dict[str, Any]:
        """A line's features in a document whose language is the ``li``-th stop-word list
        (``key_value`` and ``digit``: see _extra)."""
        n_words, share, body, label = cls._reading(f, li, o)
        return {
            "words": n_words,
            "stop_share": round(share, 2),
            "sentence": f.sentence,
            "body": body,
            "list_item": f.marker,
            "key_value": key_value,
            "label": label,
            "digit": digit,
            "cjk": f.is_cjk,
        }
