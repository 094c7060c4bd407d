"""The gazetteer's model: a person, their roles (offices with dates) and aliases, and the
variants derived from an entry.

Only what cannot be derived is stored per person (the canonical spelling, readings, offices,
misreadings that no rule produces); :func:`derived_variants` builds every spelling that names the
person unambiguously, so adding a person never means typing their spellings.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import itertools
from collections.abc import Mapping
from typing import Any

from .romanization import long_vowel_variants

# Origins whose names are written family-first in English and never reordered.
FAMILY_FIRST_ORIGINS = frozenset({"CN", "KR", "KP", "TW", "HK", "MO", "VN"})
# Origins the ``name_order`` policy applies to.
POLICY_ORDER_ORIGINS = frozenset({"JP"})

@dataclasses.dataclass(frozen=True)
class Alias:
    text: str
    kind: str
    action: str
    note: str
    preceded_by: tuple[Any, ...]  # compiled ``regex`` patterns
    not_followed_by: tuple[Any, ...]
    date_between: tuple[_dt.date, _dt.date] | None
    line: int | None

    @property
    def conditional(self) -> bool:
        return bool(self.preceded_by or self.not_followed_by or self.date_between)


@dataclasses.dataclass(frozen=True)
class Role:
    office: str
    title: str
    start: _dt.date
    end: _dt.date | None


@dataclasses.dataclass(frozen=True)
class Person:
    id: str
    origin: str
    family: str
    given: str
    family_hepburn: str | None = None
    given_hepburn: str | None = None
    kanji: str | None = None
    kana: str | None = None
    native: str | None = None
    hanja: str | None = None  # Korean names: the Chinese characters, "family given"
    middle: str | None = None
    suffix: str | None = None
    display: str | None = None
    blocklist: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    aliases: tuple[Alias, ...] = ()
    line: int | None = None

    @property
    def family_first(self) -> bool:
        return self.origin in FAMILY_FIRST_ORIGINS

    def render(self, order: str) -> str:
        """The canonical text of this person under the order policy.

        ``display`` is the exact canonical text whatever the policy (Chinese and Korean names,
        stage names such as "Yoko Ono", "George W. Bush" with the initial that tells him from his
        father); otherwise Japanese names follow ``name_order`` and the others are given-first.
        """
        if self.display:
            return self.display
        if self.family_first:
            return " ".join(x for x in (self.family, self.given) if x)
        if order == "family-given" and self.origin in POLICY_ORDER_ORIGINS and self.given:
            return f"{self.family} {self.given}"
        return " ".join(x for x in (self.given, self.family) if x)

    @property
    def plain_is_canonical(self) -> bool:
        """False when ``display`` adds to the plain name ("George W. Bush"): then the plain
        "George Bush" is ambiguous and is not a variant of this person."""
        if not self.display or not self.given:
            return True
        d = self.display.lower()
        f, g = self.family.lower(), self.given.lower()
        return d in (f"{g} {f}", f"{f} {g}")

    def canonical_forms(self) -> set[str]:
        return {self.render("given-family"), self.render("family-given")}

    def family_forms(self) -> set[str]:
        kana = self.kana.split()[0] if self.kana and len(self.kana.split()) == 2 else None
        return long_vowel_variants(self.family, self.family_hepburn, kana)

    def given_forms(self) -> set[str]:
        if not self.given:
            return set()
        kana = self.kana.split()[1] if self.kana and len(self.kana.split()) == 2 else None
        return long_vowel_variants(self.given, self.given_hepburn, kana)


@dataclasses.dataclass(frozen=True)
class Gazetteer:
    path: str
    persons: tuple[Person, ...]
    # lower-cased key -> ((person index, "derived" | "alias" | "block", alias index), ...)
    keys: Mapping[str, tuple[tuple[int, str, int], ...]]


def derived_variants(p: Person, generic_initials: bool) -> set[str]:
    """Lower-case texts that name ``p`` unambiguously, derived from the entry (no aliases)."""
    fams = p.family_forms()
    givs = p.given_forms()
    out: set[str] = {c.lower() for c in p.canonical_forms()}
    if p.display:
        out.add(p.display.lower())
    if not givs:
        return out
    if p.plain_is_canonical:
        for f, g in itertools.product(fams, givs):
            out.add(f"{f} {g}")
            if not p.family_first:
                out.add(f"{g} {f}")
    if p.family_first:
        return out
    family = p.family.lower()
    given = p.given.lower()
    middles: list[str] = []
    if p.middle:
        m = p.middle.lower()
        middles += [m, m.rstrip(".")]
    elif generic_initials:
        middles += [f"{c}." for c in "abcdefghijklmnopqrstuvwxyz"]
    suffixes: list[str] = []
    if p.suffix:
        s = p.suffix.lower()
        suffixes += [f" {s}", f", {s}"]
        if s.endswith("."):
            suffixes += [f" {s[:-1]}", f", {s[:-1]}"]
    for m in middles:
        out.add(f"{given} {m} {family}")
        for s in suffixes:
            out.add(f"{given} {m} {family}{s}")
    if p.plain_is_canonical:
        for s in suffixes:
            out.add(f"{given} {family}{s}")
    return out

