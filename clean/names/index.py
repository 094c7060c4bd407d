"""The name index: every key of every gazetteer in one Aho-Corasick automaton, and the checks
that turn an automaton hit into a :class:`~.text.Mention`.

One automaton over the lower-cased line finds every derived variant, alias and blocklist text at
once; boundary, case and context checks run on hits only. The names kind and ``clean suggest``
both use it through its public methods (:meth:`NameIndex.hits`, :meth:`NameIndex.knows`,
:meth:`NameIndex.canonical_forms`, :meth:`NameIndex.office_window`).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Collection, Sequence
from typing import Any

import ahocorasick

from .dates import intersect, union
from .gazetteer import Gazetteer
from .lexicons import Lexicons
from .people import Person, derived_variants
from .readings import KanjiReadings, Reading, derive_readings
from .romanization import strip_marks
from .text import Mention, boundary_ok, is_title_word, is_word, word_right

_APPOSITION_RE = re.compile(r",\s+(?:the\s+|japan's\s+|japanese\s+)?")
BEFORE_FORMER_RE = re.compile(r"(?i)(?:\b(?:former|ex|then|late|past)[- ]\s*(?:\S+\s+)?)$")


def copy_mentions(mentions: Sequence[Mention]) -> list[Mention]:
    """Copies of ``mentions`` with their own ``detail`` dicts (``dataclasses.replace`` without
    its per-field work: a shallow copy of the instance dict)."""
    out = []
    new = object.__new__
    for m in mentions:
        c = new(Mention)
        c.__dict__.update(m.__dict__)
        c.detail = dict(m.detail)
        out.append(c)
    return out


_UNSEEN: Any = object()


def _moved(m: Mention, start: int, end: int) -> Mention:
    """A copy of ``m`` (its own ``detail``) at ``start``..``end``."""
    c = object.__new__(Mention)
    c.__dict__.update(m.__dict__)
    c.start, c.end = start, end
    c.detail = dict(m.detail)
    return c


class NameIndex:
    """Every person of the given gazetteers, and the automaton of their keys.

    ``parts`` are the names parts switched on (a hit of a part that is off is no mention);
    ``order`` is the ``name_order`` policy; ``timeout`` bounds each alias-condition regex.
    """

    def __init__(
        self,
        gazetteers: Sequence[Gazetteer],
        lex: Lexicons,
        order: str,
        parts: Collection[str],
        timeout: float,
        readings_package: str | None = None,
        kanji_readings: KanjiReadings | None = None,
    ) -> None:
        persons: list[Person] = []
        keys: dict[str, list[tuple[int, str, int]]] = {}
        seen_gaz: set[str] = set()
        for gaz in gazetteers:
            if gaz.path in seen_gaz:
                continue
            seen_gaz.add(gaz.path)
            base = len(persons)
            persons.extend(gaz.persons)
            for k, v in gaz.keys.items():
                keys.setdefault(k, []).extend((base + i, t, j) for i, t, j in v)
        self.persons = tuple(persons)
        self._pid: dict[str, int] = {}
        for i, p in enumerate(self.persons):
            self._pid.setdefault(p.id, i)
        self.lex = lex
        self.order = order
        self.parts = frozenset(parts)
        self.timeout = timeout
        self.readings: tuple[Reading, ...] = ()
        if "derived-reading" in self.parts and readings_package:
            self.readings = self._add_readings(keys, readings_package, kanji_readings)
        self.known_keys = frozenset(keys)  # every lower-cased variant, alias, reading and blocklist entry
        self.literal_terms = self._literal_terms()
        self.rendered = tuple(p.render(order) for p in self.persons)
        auto = ahocorasick.Automaton()
        for k, hits in keys.items():
            auto.add_word(k, (k, tuple(hits)))
        if len(auto):
            auto.make_automaton()
        self.auto = auto
        # ALL-CAPS family names of known people -> their cased spelling
        self.caps_family: dict[str, str] = {}
        self.known_names: set[str] = set()
        for p in self.persons:
            for f in p.family_forms():
                cased = f[:1].upper() + f[1:]
                self.caps_family.setdefault(cased.upper(), cased)
            self.known_names.add(p.family.lower())
            if p.given:
                self.known_names.add(p.given.lower())
        # office-holder evidence: "<title> <name>" keys -> (person, role), built here once (not
        # per process on first use: the compiled pipeline is cached and shipped with it)
        self._role_auto: Any = None
        self._role_automaton()

    def _add_readings(self, keys: dict[str, list[tuple[int, str, int]]], package: str, kanji: KanjiReadings | None) -> tuple[Reading, ...]:
        """Add every derived misreading as a key of its own type, except where the spelling is
        taken: a key of the gazetteer (another person's name, an alias, a blocklist entry), a
        reading of two people, or a spelling listed in ``not_readings.txt``."""
        derived = derive_readings(self.persons, package, kanji)
        by_key: dict[str, list[Reading]] = {}
        for r in derived:
            k = r.text.lower()
            if k not in keys and k not in self.lex.not_readings:
                by_key.setdefault(k, []).append(r)
        kept: list[Reading] = []
        for k, rs in by_key.items():
            if len({r.person for r in rs}) != 1:
                continue
            keys[k] = [(rs[0].person, "reading", len(kept))]
            kept.append(rs[0])
        return tuple(kept)

    def _literal_terms(self) -> dict[tuple[int, int], tuple[tuple[_dt.date, _dt.date], ...]]:
        """For each time-gated alias, the terms of the *other* people the alias text literally
        names ("Kan" is Naoto Kan's family name): the alias is wrong while any of them held office."""
        out: dict[tuple[int, int], tuple[tuple[_dt.date, _dt.date], ...]] = {}
        for pi, p in enumerate(self.persons):
            for ai, a in enumerate(p.aliases):
                if not a.date_between:
                    continue
                t = a.text.lower()
                terms = [
                    (r.start, r.end or _dt.date.max)
                    for qi, q in enumerate(self.persons)
                    if qi != pi and (t == q.family.lower() or t in derived_variants(q, False))
                    for r in q.roles
                ]
                out[(pi, ai)] = tuple(union(terms))
        return out

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.pop("_hits_memo", None)  # memos are rebuilt in each process, not shipped
        state.pop("_terms_memo", None)
        state.pop("_checked", None)
        return state

    # ------------------------------------------------------------------ public

    def __len__(self) -> int:
        """The number of keys in the automaton."""
        return len(self.auto)

    def person_index(self, pid: str) -> int:
        """The index of the person with id ``pid`` (the first, if several gazetteers repeat it)."""
        return self._pid[pid]

    def knows(self, text: str) -> bool:
        """Is ``text`` (any case) a variant, alias or blocklist entry of some person?"""
        return text.lower() in self.known_keys

    def canonical_forms(self) -> dict[str, str]:
        """Every canonical form of every person (both orders) -> the person's id."""
        out: dict[str, str] = {}
        for p in self.persons:
            for form in p.canonical_forms():
                out[form] = p.id
        return out

    def hits(self, line: str) -> list[Mention]:
        """The gazetteer mentions of one line: a pure function of the line, memoised.

        The engine's confirming pass sees again every line the first pass produced, so a bounded
        memo halves the cost of this stage without changing any result (mentions are not mutated).
        """
        # copies: later steps write document facts (a date window) into a mention's detail
        return copy_mentions(self.shared_hits(line))

    def shared_hits(self, line: str) -> tuple[Mention, ...]:
        """:meth:`hits` without the copies: the memo's own mentions, for reading only."""
        memo = self.__dict__.setdefault("_hits_memo", {})  # line -> mentions
        got: tuple[Mention, ...] | None = memo.get(line)
        if got is None:
            if len(memo) > 50_000:
                memo.clear()
            got = memo[line] = tuple(self._hits_uncached(line))
        return got

    def _hits_uncached(self, line: str) -> list[Mention]:
        if not len(self.auto):
            return []
        low = line.lower()
        if len(low) != len(line):
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in line)
        hits = list(self.auto.iter(low))
        if not hits:
            return []
        out: list[Mention] = []
        blocks: list[tuple[int, int, int]] = []
        checked = self.__dict__.setdefault("_checked", {})  # (span, person, type, entry) -> mention at 0
        for end_idx, (key, entries) in hits:
            start, end = end_idx - len(key) + 1, end_idx + 1
            if not boundary_ok(line, start, end):
                continue
            span = line[start:end]
            for pi, typ, ai in entries:
                if typ == "block":
                    blocks.append((start, end, pi))
                    continue
                if typ == "alias":  # its conditions read the rest of the line
                    m = self._check_hit(line, start, end, span, pi, typ, ai)
                else:  # the span alone decides: checked once per span, moved to its place
                    ck = (span, pi, typ, ai)
                    m = checked.get(ck, _UNSEEN)
                    if m is _UNSEEN:
                        if len(checked) > 50_000:
                            checked.clear()
                        m = checked[ck] = self._check_hit(line, 0, end - start, span, pi, typ, ai)
                    if m is not None:
                        m = _moved(m, start, end)
                if m is not None:
                    out.append(m)
        if blocks:
            out = [m for m in out if not any(b0 < m.end and m.start < b1 and self.persons[pi].id == m.person for b0, b1, pi in blocks)]
            for b0, b1, pi in blocks:
                out.append(Mention(b0, b1, "none", None, None, 2, {"blocked": self.persons[pi].id, "span": line[b0:b1]}))
        return out

    def _check_hit(self, line: str, start: int, end: int, span: str, pi: int, typ: str, ai: int) -> Mention | None:
        p = self.persons[pi]
        toks = span.replace(",", " ").split()
        # case: every name token starts upper-case; an all-caps span is a headline or a credit
        alpha = [t for t in toks if any(map(str.isalpha, t))]
        if not alpha or not all(t[0].isupper() for t in alpha):
            return None
        if len(alpha) > 1 and all(t.isupper() for t in alpha):
            return None
        if len(alpha) == 1 and alpha[0].isupper() and len(alpha[0]) > 1:
            return None
        detail: dict[str, Any] = {"person": p.id, "span": span}
        if typ == "reading":
            if "derived-reading" not in self.parts:
                return None
            new = self.rendered[pi]
            detail.update({"to": new, "reading": self.readings[ai].describe(new)})
            return Mention(start, end, "derived-reading", p.id, new, len(alpha), detail)
        if typ == "alias":
            a = p.aliases[ai]
            before, after = line[:start], line[end:]
            try:
                if a.preceded_by and not any(r.search(before, timeout=self.timeout) for r in a.preceded_by):
                    return None
                if any(r.match(after, timeout=self.timeout) for r in a.not_followed_by):
                    return None
            except TimeoutError:
                return None
            single = len(alpha) == 1
            if single:
                # a one-word alias followed by another name word is part of a longer name
                # ("Prime Minister Mogi Ken" is Ken Mogi, not Motegi)
                nxt = word_right(line, end)
                if nxt and line[end : nxt[0]] == " " and is_title_word(nxt[2]) and strip_marks(nxt[2]) not in self.lex.stop:
                    return None
            new = p.family if single else self.rendered[pi]
            part = "time-gated-alias" if a.date_between else "gazetteer"
            if part not in self.parts:
                return None
            detail.update({"alias": a.text, "alias_kind": a.kind, "to": new})
            literal: tuple[tuple[_dt.date, _dt.date], ...] = ()
            if a.date_between:
                detail["gated"] = (a.date_between[0], a.date_between[1])
                literal = self.literal_terms.get((pi, ai), ())
            if a.action == "suggest":
                return Mention(start, end, part, p.id, None, len(alpha), detail, suggestion=f"{span!r} may be {self.rendered[pi]!r} ({a.kind}{': ' + a.note if a.note else ''})")
            return Mention(start, end, part, p.id, new if new != span else None, len(alpha), detail, literal=literal)
        new = self.rendered[pi]
        detail["to"] = new
        if "gazetteer" not in self.parts:
            return None
        return Mention(start, end, "gazetteer", p.id, new if new != span else None, len(alpha), detail, certain=len(alpha) >= 2)

    def title_pin(self, pi: int, line: str, start: int, end: int, window: list[tuple[_dt.date, _dt.date]] | None) -> str | None:
        """A title of person ``pi``, held at the document's time (any of their titles when the
        time is unknown), directly before ``line[start:end]`` or in apposition after it
        ("..., Minister for Foreign Affairs"); None when there is none. "former ..." does not pin."""
        syn = self.lex.title_synonyms
        before = line[:start].lower()
        after = line[end:].lower()
        m = _APPOSITION_RE.match(after)
        for r in self.persons[pi].roles:
            if window and not any(a <= (r.end or _dt.date.max) and r.start <= b for a, b in window):
                continue
            for t in (r.title.lower(), *syn.get(r.title.lower(), ())):
                k = len(before) - len(t) - 1
                if before.endswith(t + " ") and (k == 0 or not is_word(before[k - 1])) and not BEFORE_FORMER_RE.search(before[:k]):
                    return r.title
                if m and after.startswith(t, m.end()) and (m.end() + len(t) == len(after) or not is_word(after[m.end() + len(t)])):
                    return r.title
        return None

    def office_window(self, lines: list[str], per_line: Sequence[tuple[int, Sequence[Mention]]]) -> list[tuple[_dt.date, _dt.date]] | None:
        """Intersection of the terms of every person named with a title of theirs (not "former ...").

        One mention may stand for several terms (Motegi was foreign minister twice; a title may fit
        two roles): it allows the union of them. Returns sorted disjoint intervals, or None when no
        office-holder is named or the terms do not overlap.
        """
        auto = self._role_automaton()
        if auto is None:
            return None
        allowed: list[tuple[_dt.date, _dt.date]] = [(_dt.date.min, _dt.date.max)]
        found = False
        # a misreading (time-gated alias or derived reading) names no office-holder for the window:
        # "Prime Minister Kan Yoshihide" is not Naoto Kan's term
        gated: dict[int, list[tuple[int, int]]] = {}
        for i, ms in per_line:
            for m in ms:
                if m.detail.get("gated") or m.part == "derived-reading":
                    gated.setdefault(i, []).append((m.start, m.end))
        memo = self.__dict__.setdefault("_terms_memo", {})  # (line, misread spans) -> its terms
        for i, line in enumerate(lines):
            if not line:
                continue
            spans = gated.get(i)
            key: Any = (line, tuple(spans)) if spans else line
            got = memo.get(key)
            if got is None:
                if len(memo) > 50_000:
                    memo.clear()
                got = memo[key] = self._line_terms(auto, line, spans or ())
            for terms in got:
                allowed = intersect(allowed, terms)
                found = True
        if not found or not allowed:
            return None
        return allowed

    def _line_terms(self, auto: Any, line: str, misread: Sequence[tuple[int, int]]) -> tuple[list[tuple[_dt.date, _dt.date]], ...]:
        """:meth:`office_window` on one line: for each office-holder named with a title of theirs
        (outside the ``misread`` spans), the union of the terms that title and name allow."""
        low = line.lower()
        if len(low) != len(line):
            return ()
        hits = [(end_idx - len(key) + 1, end_idx + 1, entries) for end_idx, (key, entries) in auto.iter(low)]
        hits = [h for h in hits if boundary_ok(line, h[0], h[1])]
        out = []
        for start, end, entries in hits:
            # only the longest title: "former Chief Cabinet Secretary X", not "Secretary X"
            if any(s2 <= start and end <= e2 and (s2, e2) != (start, end) for s2, e2, _ in hits):
                continue
            if any(s < end and start < e for s, e in misread):
                continue
            if BEFORE_FORMER_RE.search(line[max(0, start - 40) : start]):
                continue
            terms = []
            for pi, ri in entries:
                r = self.persons[pi].roles[ri]
                terms.append((r.start, r.end or _dt.date.max))
            out.append(union(terms))
        return tuple(out)

    def _role_automaton(self) -> Any:
        if self._role_auto is not None:
            return self._role_auto or None
        keys: dict[str, list[tuple[int, int]]] = {}
        syn = self.lex.title_synonyms
        for pi, p in enumerate(self.persons):
            names = {p.family.lower()} | {v for v in derived_variants(p, False) if " " in v}
            # misreadings name the person too, so the window is the same before and after rewriting
            names |= {a.text.lower() for a in p.aliases if a.action == "auto" and not a.conditional and " " in a.text}
            for ri, r in enumerate(p.roles):
                titles = {r.title.lower(), *syn.get(r.title.lower(), ())}
                # the head word alone, as in later mentions ("Minister Motegi", "Secretary Blinken")
                heads = [w for w in r.title.lower().split() if w in self.lex.titles]
                if heads:
                    titles.add(heads[-1])
                for t in titles:
                    for n in names:
                        keys.setdefault(f"{t} {n}", []).append((pi, ri))
                for n in names:
                    if " " in n:  # "Toshimitsu Motegi, Minister for Foreign Affairs"
                        for t in titles:
                            keys.setdefault(f"{n}, {t}", []).append((pi, ri))
        if not keys:
            self._role_auto = False
            return None
        a = ahocorasick.Automaton()
        for k, v in keys.items():
            a.add_word(k, (k, tuple(v)))
        a.make_automaton()
        self._role_auto = a
        return a
