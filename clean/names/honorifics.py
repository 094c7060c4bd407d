"""Courtesy titles ("Mr.", "H.E.", "the Honorable") and honorific suffixes ("-san").

A courtesy title goes only before a *full* name (two or three name words): before a bare
surname ("Mr. Suga said") it is how English refers to a person and stays. A suffix goes only
from a known name or a word the Japanese lexicon knows as a name ("Motegi-san", not
"Osaka-shi" style place words).
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

import regex

from .gazetteer import NamesDataError, check_keys
from .lexicons import Lexicons
from .romanization import strip_marks
from .text import Mention

HONORIFIC_KEYS = {"schema_version", "courtesy", "honorable", "articles", "suffixes"}
_NAME_WORD = r"(?:\p{Lu}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}]*)?|\p{Lu}\.)"
_GENERIC_NAME_RE = regex.compile(rf"{_NAME_WORD}(?: {_NAME_WORD}){{0,3}}(?![\p{{L}}\p{{M}}\d])")
# one edit: (start, end, new text, part, detail)
Edit = tuple[int, int, str, str, dict[str, Any]]

@dataclasses.dataclass(frozen=True)
class Honorifics:
    courtesy: tuple[str, ...]
    honorable: tuple[str, ...]
    articles: tuple[str, ...]
    suffixes: tuple[str, ...]


def load_honorifics(path: Path) -> Honorifics:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except OSError as e:
        raise NamesDataError(f"cannot read: {e.strerror}") from None
    except tomllib.TOMLDecodeError as e:
        raise NamesDataError(f"TOML syntax error: {e}") from None
    check_keys(data, HONORIFIC_KEYS, "honorifics", None, "")
    if data.get("schema_version") != 1:
        raise NamesDataError("schema_version must be 1", None, "schema_version")
    vals = {}
    for k in ("courtesy", "honorable", "articles", "suffixes"):
        v = data.get(k, [])
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() == x and x for x in v):
            raise NamesDataError(f"'{k}' must be a list of non-empty strings", None, k)
        vals[k] = tuple(v)
    return Honorifics(**vals)


class HonorificMatcher:
    """The compiled courtesy-title chain and suffix patterns, with cheap pre-checks."""

    def __init__(self, hon: Honorifics, lex: Lexicons, known_names: Collection[str]) -> None:
        self.lex = lex
        self.known_names = known_names
        courtesy = sorted(hon.courtesy, key=len, reverse=True)
        honorable = sorted(hon.honorable, key=len, reverse=True)
        arts = "|".join(regex.escape(a) for a in hon.articles)
        alts = [regex.escape(c) for c in courtesy]
        if honorable:
            h = "|".join(regex.escape(x) for x in honorable)
            alts.insert(0, (f"(?:(?:{arts}) )?" if arts else "") + f"(?:{h})")
        one = "(?:" + "|".join(alts) + ")" if alts else "(?!)"
        self.honorific_re = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d.'’-])(?:{one} )+(?=\p{{Lu}})")
        self.honorific_words = frozenset({c.split()[0].rstrip(".") for c in list(courtesy) + list(honorable)})
        quick: set[str] = set()
        for c in list(courtesy) + list(honorable):
            words = c.split()
            longest = max(words, key=len).rstrip(".")
            quick.add(longest if len(longest) > 2 else c.rstrip("."))
        self.honorific_quick = re.compile("|".join(re.escape(q) for q in sorted(quick))) if quick else re.compile("(?!)")
        sfx = "|".join(regex.escape(s) for s in sorted(hon.suffixes, key=len, reverse=True))
        self.suffix_re = (
            regex.compile(rf"(?<![\p{{L}}\p{{M}}\d'’-])(\p{{Lu}}[\p{{Ll}}\p{{M}}]+)-(?:{sfx})(?![\p{{L}}\p{{M}}\d]|-[\p{{L}}])")
            if sfx
            else None
        )
        self.suffix_quick = re.compile("|".join(re.escape(f"-{s}") for s in hon.suffixes)) if hon.suffixes else re.compile("(?!)")

    def courtesy(self, line: str, mentions: list[Mention], in_quotes: Callable[[int], bool] | None) -> list[Edit]:
        """Courtesy titles to drop on ``line``: before a recognised full name, or before a run of
        two or three name words that is not a headline."""
        out = []
        starts = {m.start: m for m in mentions if m.part != "none" or m.detail.get("blocked") is None}
        for h in self.honorific_re.finditer(line):
            s, e = h.start(), h.end()
            if in_quotes and in_quotes(s):
                continue
            m = starts.get(e)
            if m is not None:
                full = m.tokens >= 2
                who = m.person or m.detail.get("person")
                name = line[m.start : m.end]
            else:
                g = _GENERIC_NAME_RE.match(line, e)
                if not g:
                    continue
                run = g.group()
                # a recognised name further on is not part of this one ("Mr. Motegi Yoko Kamikawa")
                cut = min((m.start for m in mentions if e < m.start < g.end()), default=None)
                if cut is not None:
                    run = line[e:cut]
                toks = [t for t in run.split() if not (len(t) == 2 and t.endswith("."))]
                # stop at the first word that is not a name (a title, a month, a function word)
                name_toks = []
                for t in toks:
                    if strip_marks(t).rstrip(".") in self.lex.stop:
                        break
                    name_toks.append(t)
                # two or three name words; a longer capitalised run is a title or a headline
                full = 2 <= len(name_toks) <= 3 and (len(name_toks) < len(toks) or len(toks) <= 3)
                if full and title_case_line(line):
                    full = False
                who = None
                name = g.group()
            if not full:
                continue
            detail = {"span": line[s:e].rstrip(), "name": name, "to": ""}
            if who:
                detail["person"] = who
            out.append((s, e, "", "courtesy-title", detail))
        return out

    def suffixes(self, line: str, in_quotes: Callable[[int], bool] | None) -> list[Edit]:
        """Honorific suffixes to drop on ``line`` ("Motegi-san"), after a name only."""
        out = []
        assert self.suffix_re is not None
        for m in self.suffix_re.finditer(line):
            stem = m.group(1)
            if in_quotes and in_quotes(m.start()):
                continue
            k = strip_marks(stem)
            if k in self.lex.places:
                continue
            if not (k in self.known_names or self.lex.is_surname(stem) or self.lex.is_given(stem)):
                continue
            s = m.start(1) + len(stem)
            out.append((s, m.end(), "", "honorific-suffix", {"span": m.group(), "to": stem}))
        return out


def title_case_line(line: str) -> bool:
    """A headline in Title Case: most of its (at least five) words capitalised."""
    words = line.split()
    if len(words) < 5:
        return False
    for w in words:
        core = w.strip(".,:;!?\"'()")
        if core[:1].islower() and len(core) >= 4 and core not in _HEADLINE_SMALL_WORDS:
            return False
    return True


_HEADLINE_SMALL_WORDS = frozenset({"with", "from", "into", "over", "amid", "after", "than", "that", "upon", "onto"})
