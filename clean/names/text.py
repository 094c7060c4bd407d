"""Small text helpers shared by the name matchers: word boundaries, neighbouring words, quoted
spans, and :class:`Mention`, one recognised name on a line.

Matching runs on hits only (an automaton or a cheap pre-check finds candidates), so these
helpers look a few characters around a span, never scan a line.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import regex

QUOTE_CHARS = ('"', "“", "”")


def is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def boundary_ok(line: str, start: int, end: int) -> bool:
    """The span is a whole name: no word glued on ("Kishidas"), no hyphenated or dotted part."""
    if start > 0:
        c = line[start - 1]
        if is_word(c) or c in "'’" and start > 1 and is_word(line[start - 2]):
            return False
        if c in "-." and start > 1 and is_word(line[start - 2]):
            return False
    if end < len(line):
        c = line[end]
        if is_word(c):
            return False
        if c == "-" and end + 1 < len(line) and is_word(line[end + 1]):
            return False
        if c == "." and end + 1 < len(line) and is_word(line[end + 1]):
            return False
    return True


def quoted_spans(line: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, c in enumerate(line):
        if c == "“" or (c == '"' and open_at is None):
            if open_at is None:
                open_at = i
        elif c in '"”' and open_at is not None:
            spans.append((open_at, i))
            open_at = None
    if open_at is not None:
        spans.append((open_at, len(line)))
    return spans


def recase(token: str) -> str:
    """ALL-CAPS name token -> Title case, hyphen parts too for Japanese ("KAMIKAWA" -> "Kamikawa")."""
    return "-".join(p[:1] + p[1:].lower() for p in token.split("-"))


@dataclasses.dataclass
class Mention:
    """One recognised name (or name-shaped span) on a line, and what to do with it."""

    start: int
    end: int
    part: str  # the part that makes the edit (or "none": recognised, left as is)
    person: str | None
    new: str | None  # replacement text, None when nothing to change
    tokens: int  # name tokens in the span (1 = bare surname)
    detail: dict[str, Any]
    suggestion: str | None = None
    certain: bool = False  # a full derived variant of a known person: pins that person later on
    literal: tuple[tuple[Any, Any], ...] = ()  # a time-gated alias: terms of the person it literally names


def resolve(mentions: list[Mention]) -> list[Mention]:
    """Leftmost-longest non-overlapping mentions; equal spans are all kept (ambiguity check)."""
    ms = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    last_end = -1
    last_span: tuple[int, int] | None = None
    for m in ms:
        if (m.start, m.end) == last_span:
            out.append(m)
            continue
        if m.start < last_end:
            continue
        out.append(m)
        last_end = m.end
        last_span = (m.start, m.end)
    # a blocked span wins over anything else on exactly the same span
    blocked = {(m.start, m.end) for m in out if m.part == "none"}
    return [m for m in out if m.part == "none" or (m.start, m.end) not in blocked]


def settle_ambiguity(chosen: list[Mention]) -> list[Mention]:
    """Several people behind one span: rewrite only when they all render the same."""
    out: list[Mention] = []
    by_span: dict[tuple[int, int], list[Mention]] = {}
    for m in chosen:
        by_span.setdefault((m.start, m.end), []).append(m)
    for ms in by_span.values():
        if len(ms) == 1:
            out.append(ms[0])
            continue
        news = {m.new for m in ms if m.suggestion is None}
        live = [m for m in ms if m.suggestion is None]
        if live and len(news) == 1:
            m = live[0]
            m.detail["person"] = sorted({x.person for x in live if x.person})
            if len(m.detail["person"]) == 1:
                m.detail["person"] = m.detail["person"][0]
            out.append(m)
        elif live:
            m = live[0]
            names = sorted({x.detail.get("to", "") for x in live})
            m.suggestion = f"{m.detail['span']!r} names several people in the gazetteer ({', '.join(names)}): left as written"
            m.new = None
            out.append(m)
        else:
            out.append(ms[0])
    return out


_WORD_LEFT_RE = regex.compile(r"([\p{L}\p{M}][\p{L}\p{M}'’.-]*)[ ]*$")
_WORD_RIGHT_RE = regex.compile(r"[ ]*([\p{L}\p{M}][\p{L}\p{M}'’-]*\.?)")


def word_left(line: str, s: int) -> tuple[int, int, str] | None:
    seg = line[max(0, s - 40) : s]
    m = _WORD_LEFT_RE.search(seg)
    if not m or (m.end(1) < len(seg) and seg[m.end(1) :].strip()):
        return None
    off = max(0, s - 40)
    return (off + m.start(1), off + m.end(1), m.group(1))


def word_right(line: str, e: int) -> tuple[int, int, str] | None:
    m = _WORD_RIGHT_RE.match(line, e)
    if not m:
        return None
    w = m.group(1)
    end = m.end(1)
    if w.endswith(".") and not (len(w) == 2):
        w = w[:-1]
        end -= 1
    return (m.start(1), end, w)


def is_title_word(w: str) -> bool:
    """A Title-case name word: "Yoko", "Jae-in", "Tarō" (not "YOKO", not "yoko")."""
    parts = w.split("-")
    core = parts[0]
    return len(core) >= 2 and core[0].isupper() and core[1:].islower() and all(p.isalpha() for p in parts)
