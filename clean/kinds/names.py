"""The ``names`` kind: people's names in one canonical form.

One kind, several *parts*; each ``[[rule]]`` of ``rules/names.toml`` switches one part on and is
the rule id its changes are recorded under:

``gazetteer``            known people (``names/people.toml``): every derived variant of a person
                         (family-first, ALL-CAPS family in either position, macron / circumflex /
                         oh / ou / oo long vowels, middle initial, generational suffix) and every
                         ``auto`` alias without a date window becomes the canonical form. ``suggest``
                         aliases are reported, never applied.
``time-gated-alias``     aliases with ``date_between``: applied only when the document's time (its
                         own date, else the office-holders it names with their titles) lies inside
                         the window; otherwise left alone and reported.
``courtesy-title``       "Mr.", "Ms.", "H.E.", "the Honorable" ... directly before a *full* name are
                         dropped (policy ``honorifics = "drop"``); before a bare surname they stay.
``honorific-suffix``     "Motegi-san" -> "Motegi" (policy ``honorifics = "drop"``).
``caps-family-name``     names outside the gazetteer in MOFA style: an ALL-CAPS family name next to
                         a Title-case given name is reordered and recased when the Japanese name
                         lexicon supports it ("KAMIKAWA Yoko" -> "Yoko Kamikawa"), only recased for
                         Chinese/Korean surnames ("PARK Jin" -> "Park Jin"); a lone ALL-CAPS family
                         name of a known person right after a title is recased ("Minister MOTEGI"
                         -> "Minister Motegi"); without lexicon evidence only a suggestion.
``family-first-lexicon`` Title-case Japanese pairs outside the gazetteer in the order the policy does
                         not want ("Mogi Ken") are reordered only on strong lexicon evidence (first
                         token a surname and not a given name, second a given name and not a
                         surname); weaker evidence gives a suggestion.

Output order (policy ``name_order``): ``given-family`` (default) or ``family-given``; the policy
applies to Japanese names. Chinese and Korean names (origins in :data:`FAMILY_FIRST_ORIGINS`) keep
family-first; Western names stay given-first. A person's ``display``, when set, is the exact
canonical text in every policy ("Kim Jong-un", "Yoko Ono", "George W. Bush"); when it adds to the
plain name (the "W."), the plain "George Bush" is ambiguous and is not matched.

Guards (each tested): bare surnames are never rewritten ("Motegi and Blinken agreed"); all-caps
spans and headlines are left alone; acronyms and stop tokens ("U.S. STATE Department", "Osaka
Governor", "Toyota Motor") never form a name; gazetteer blocklists ("Donald Blinken"); people who
share a surname only match with their own given name; policy ``preserve_quoted_names`` leaves
names inside quotation marks alone.

Speed: every derived variant, alias and blocklist text of every person is one key of a single
Aho-Corasick automaton run over the lower-cased line; boundary, case and context checks run on
hits only. The other parts are guarded by cheap per-line pre-checks.

Alias conditions: ``preceded_by`` patterns are *searched* in the text before the alias on its
line (write them ending in ``$``); ``not_followed_by`` patterns are *matched* at the end of the
alias (anchored there); ``date_between = [from, to]`` is inclusive.

The document date is kept in ``doc.meta["date"]`` (a :class:`datetime.date` or None), with
``doc.meta["date_source"]``; see :func:`document_date` for the policy. A date already in
``doc.meta["date"]`` (set by the engine from lines an earlier stage dropped) is used as is. Without
a date, the terms of the people named with a title of theirs ("Secretary of State Antony Blinken",
not "former ...") are intersected (each person's terms as a union) and kept, as a hull, in
``doc.meta["date_window"]``; a time-gated alias applies only when every possible date lies in its
window.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as _dt
import functools
import importlib.util
import itertools
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import ahocorasick
import regex

from ..errors import RuleFileError
from .base import Doc, Env, Kind, Opt, Rule

PARTS: tuple[str, ...] = (
    "gazetteer",
    "time-gated-alias",
    "courtesy-title",
    "honorific-suffix",
    "caps-family-name",
    "family-first-lexicon",
)
# Origins whose names are written family-first in English and never reordered.
FAMILY_FIRST_ORIGINS = frozenset({"CN", "KR", "KP", "TW", "HK", "MO", "VN"})
# Origins the ``name_order`` policy applies to.
POLICY_ORDER_ORIGINS = frozenset({"JP"})
ALIAS_KINDS = ("variant", "misreading", "mt_error", "short", "romanization")
ALIAS_ACTIONS = ("auto", "suggest")
PERSON_KEYS = {
    "id", "origin", "family", "given", "family_hepburn", "given_hepburn", "kanji", "kana", "native",
    "middle", "suffix", "display", "blocklist", "role", "alias", "note",
}
ROLE_KEYS = {"office", "title", "from", "to", "note"}
ALIAS_KEYS = {"text", "kind", "action", "note", "preceded_by", "not_followed_by", "date_between"}
GAZ_TOP_KEYS = {"schema_version", "person"}
HONORIFIC_KEYS = {"schema_version", "courtesy", "honorable", "articles", "suffixes"}
PERSON_ID_RE = re.compile(r"^[a-z]{2}\.[a-z0-9_]+$")
ORIGIN_RE = re.compile(r"^[A-Z]{2}$")
BEFORE_FORMER_RE = re.compile(r"(?i)(?:\b(?:former|ex|then|late|past)[- ]\s*(?:\S+\s+)?)$")

# --------------------------------------------------------------------------- small helpers


def _strip_marks(s: str) -> str:
    """Lower-case ASCII-ish fold: macrons and circumflexes removed ("Kōno" -> "kono")."""
    s = s.lower()
    if s.isascii():
        return s
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


_OH_RE = re.compile(r"oh(?![aeiou])")


def lexicon_keys(token: str) -> tuple[str, ...]:
    """Keys to look a romanized Japanese token up in the lexicon (passport, oh- and wapuro forms)."""
    k = _strip_marks(token)
    keys = [k]
    if "oh" in k:
        k2 = _OH_RE.sub("o", k)
        if k2 != k:
            keys.append(k2)
    return tuple(keys)


def passport_forms(wapuro: str) -> set[str]:
    """Forms under which a dataset reading (wapuro: "satou", "oosaka") may appear in text."""
    w = wapuro.strip().lower()
    forms = {w}
    p = w.replace("ou", "o").replace("uu", "u")
    p = re.sub(r"oo(?!$)", "o", p)
    forms.add(p)
    for f in list(forms):
        forms.add(re.sub(r"n(?=[bmp])", "m", f))
    return {f for f in forms if f}


_JP_SYLLABLES = regex.compile(
    r"^(?:(?:kk|ss|tt|pp|tch|cch|t(?=ch))?(?:ky|gy|sh|ch|j|ny|hy|by|py|my|ry|ts|[kgsztdnhbpmyrwf])?[aeiou](?:h(?![aeiou]))?|n(?![aeiouy])|m(?=[bmp]))+$"
)
_CJK_SYLLABLES = regex.compile(
    r"^(?:(?:ch|sh|zh|kk|tt|pp|ss|jj|ts|[bcdfghjklmnpqrstwxyz])?(?:[aeiouy]|ü)+(?:ng|n|r|m|k|l|p|t)?)+$"
)


def looks_japanese(token: str) -> bool:
    return bool(_JP_SYLLABLES.match(_strip_marks(token)))


def looks_cjk_given(token: str) -> bool:
    return all(_CJK_SYLLABLES.match(part) for part in _strip_marks(token).split("-") if part) and bool(token)


def _fold_long(s: str) -> str:
    s = _OH_RE.sub("o", _strip_marks(s)).replace("'", "").replace("’", "")
    return re.sub(r"n(?=[bmp])", "m", s)


def _read_list(path: Path) -> list[str]:
    out: list[str] = []
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def _words(path: Path) -> set[str]:
    return {w.lower() for line in _read_list(path) for w in line.split()}


def _file_key(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return (str(path.resolve()), st.st_mtime_ns, st.st_size)


def _line_of(text: str, needle: str, start: int = 1) -> int | None:
    for i, l in enumerate(text.splitlines()[start - 1 :], start):
        if needle in l:
            return i
    return None


# --------------------------------------------------------------------------- kana -> romaji

_KANA = {
    "あ": "a", "い": "i", "う": "u", "え": "e", "お": "o", "か": "ka", "き": "ki", "く": "ku", "け": "ke", "こ": "ko",
    "さ": "sa", "し": "shi", "す": "su", "せ": "se", "そ": "so", "た": "ta", "ち": "chi", "つ": "tsu", "て": "te", "と": "to",
    "な": "na", "に": "ni", "ぬ": "nu", "ね": "ne", "の": "no", "は": "ha", "ひ": "hi", "ふ": "fu", "へ": "he", "ほ": "ho",
    "ま": "ma", "み": "mi", "む": "mu", "め": "me", "も": "mo", "や": "ya", "ゆ": "yu", "よ": "yo",
    "ら": "ra", "り": "ri", "る": "ru", "れ": "re", "ろ": "ro", "わ": "wa", "ゐ": "i", "ゑ": "e", "を": "o", "ん": "n",
    "が": "ga", "ぎ": "gi", "ぐ": "gu", "げ": "ge", "ご": "go", "ざ": "za", "じ": "ji", "ず": "zu", "ぜ": "ze", "ぞ": "zo",
    "だ": "da", "ぢ": "ji", "づ": "zu", "で": "de", "ど": "do", "ば": "ba", "び": "bi", "ぶ": "bu", "べ": "be", "ぼ": "bo",
    "ぱ": "pa", "ぴ": "pi", "ぷ": "pu", "ぺ": "pe", "ぽ": "po", "ゔ": "vu",
}
_YOUON = {"ゃ": "a", "ゅ": "u", "ょ": "o"}


def kana_to_wapuro(kana: str) -> str | None:
    """Hiragana/katakana reading -> wapuro romaji ("こうの" -> "kouno"); None if it can't."""
    s = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in kana.strip())
    out: list[str] = []
    geminate = False
    for i, c in enumerate(s):
        if c in _YOUON:
            if not out:
                return None
            prev = out.pop()
            base = prev[:-1]
            if base in ("sh", "ch", "j"):
                out.append(base + _YOUON[c])
            else:
                out.append(base + "y" + _YOUON[c])
            continue
        if c in "っッ":
            geminate = True
            continue
        if c == "ー":
            if not out:
                return None
            out.append(out[-1][-1])
            continue
        r = _KANA.get(c)
        if r is None:
            return None
        if geminate:
            r = ("t" + r) if r.startswith("ch") else (r[0] + r)
            geminate = False
        out.append(r)
    return "".join(out)


# Long-vowel spelling styles: how a long O / long U is written.
_LONG_STYLES = (
    ("o", "u"),  # passport / news ASCII
    ("oh", "u"),  # passport "oh" (Kohno)
    ("ou", "uu"),  # wapuro
    ("oo", "uu"),
    ("ô", "û"),  # circumflex
    ("ō", "ū"),  # macron
)


def _long_vowel_template(text: str, wapuro: bool) -> list[str] | None:
    """Split a lower-case reading into literal pieces and long-vowel markers "<O>" / "<U>"."""
    s = text.lower()
    out: list[str] = []
    i = 0
    found = False
    while i < len(s):
        c = s[i]
        if c in "ōô":
            out.append("<O>"); found = True; i += 1; continue
        if c in "ūû":
            out.append("<U>"); found = True; i += 1; continue
        if wapuro and s.startswith(("ou", "oo"), i):
            out.append("<O>"); found = True; i += 2; continue
        if wapuro and s.startswith("uu", i):
            out.append("<U>"); found = True; i += 2; continue
        out.append(c)
        i += 1
    return out if found else None


def long_vowel_variants(canonical: str, hepburn: str | None, kana: str | None) -> set[str]:
    """Lower-case spellings of one name token: ASCII, oh, ou, oo, circumflex, macron.

    Built from the Hepburn form when given, else from the kana reading; used only when the
    ASCII style reproduces the canonical spelling (so a wrong reading never adds variants).
    """
    forms = {canonical.lower()}
    templates: list[list[str]] = []
    if hepburn:
        forms.add(hepburn.lower())
        h = hepburn.replace("’", "'")
        for x in {h, h.replace("'", "")}:
            t = _long_vowel_template(x, wapuro=False)
            if t is not None:
                templates.append(t)
    elif kana:
        w = kana_to_wapuro(kana)
        if w:
            t = _long_vowel_template(w, wapuro=True)
            if t is not None:
                templates.append(t)
    for template in templates:
        ascii_form = "".join({"<O>": "o", "<U>": "u"}.get(p, p) for p in template)
        if _fold_long(ascii_form) != _fold_long(canonical):
            continue
        for o, u in _LONG_STYLES:
            forms.add("".join({"<O>": o, "<U>": u}.get(p, p) for p in template))
    return forms


# --------------------------------------------------------------------------- gazetteer data


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


class _GazErr(Exception):
    def __init__(self, message: str, line: int | None = None, key: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.key = key


def _date(v: Any, what: str, line: int | None) -> _dt.date:
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date):
        return v
    raise _GazErr(f"{what} must be a TOML date (YYYY-MM-DD, unquoted), got {v!r}", line)


def _str(d: Mapping[str, Any], key: str, what: str, line: int | None, *, required: bool = False) -> str | None:
    v = d.get(key)
    if v is None:
        if required:
            raise _GazErr(f"{what}: missing required key '{key}'", line, key)
        return None
    if not isinstance(v, str) or not v.strip():
        raise _GazErr(f"{what}: '{key}' must be a non-empty string, got {v!r}", line, key)
    if v != v.strip() or "  " in v:
        raise _GazErr(f"{what}: '{key}' has leading, trailing or doubled spaces: {v!r}", line, key)
    return v


def _patterns(v: Any, what: str, key: str, line: int | None) -> tuple[Any, ...]:
    if v is None:
        return ()
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise _GazErr(f"{what}: '{key}' must be a list of regex strings", line, key)
    out = []
    for p in v:
        try:
            out.append(regex.compile(p, regex.V0))
        except regex.error as e:
            raise _GazErr(f"{what}: bad regex in '{key}' {p!r}: {e}", line, key) from None
    return tuple(out)


def _unknown(d: Mapping[str, Any], allowed: set[str], what: str, line: int | None, prefix: str) -> None:
    import difflib

    for k in d:
        if k not in allowed:
            close = difflib.get_close_matches(k, sorted(allowed), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise _GazErr(f"{what}: unknown key '{k}'; expected one of {', '.join(sorted(allowed))}{hint}", line, f"{prefix}{k}")


def parse_gazetteer(path: Path) -> Gazetteer:
    """Read and check a gazetteer file; raise :class:`_GazErr` for bad data."""
    try:
        text = path.read_text("utf-8")
    except OSError as e:
        raise _GazErr(f"cannot read the gazetteer: {e.strerror}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        raise _GazErr(f"TOML syntax error: {re.sub(r' *[(]at line.*', '', str(e))}", int(m.group(1)) if m else None) from None
    _unknown(data, GAZ_TOP_KEYS, "gazetteer", None, "")
    if data.get("schema_version") != 1:
        raise _GazErr(f"schema_version must be 1, got {data.get('schema_version')!r}", _line_of(text, "schema_version"), "schema_version")
    raw = data.get("person", [])
    if not isinstance(raw, list):
        raise _GazErr("'person' must be an array of tables: write [[person]]", None, "person")
    persons: list[Person] = []
    seen: dict[str, int | None] = {}
    for i, d in enumerate(raw):
        pid = d.get("id") if isinstance(d, dict) else None
        line = _line_of(text, f'"{pid}"') if isinstance(pid, str) else None
        what = f"person {pid!r}" if isinstance(pid, str) else f"person #{i + 1}"
        if not isinstance(d, dict):
            raise _GazErr(f"{what} must be a table", line)
        _unknown(d, PERSON_KEYS, what, line, "person.")
        if not isinstance(pid, str) or not PERSON_ID_RE.match(pid):
            raise _GazErr(f"{what}: id must look like 'jp.motegi_toshimitsu' (country code, dot, lower-case name)", line, "person.id")
        if pid in seen:
            raise _GazErr(f"duplicate person id {pid!r} (first at line {seen[pid]})", line, "person.id")
        seen[pid] = line
        origin = _str(d, "origin", what, line, required=True)
        assert origin is not None
        if not ORIGIN_RE.match(origin):
            raise _GazErr(f"{what}: origin must be a two-letter upper-case country code such as 'JP', got {origin!r}", line, "person.origin")
        family = _str(d, "family", what, line, required=True)
        given = _str(d, "given", what, line) or ""
        fields = {k: _str(d, k, what, line) for k in ("family_hepburn", "given_hepburn", "kanji", "kana", "native", "middle", "suffix", "display")}
        for k in ("family", "given"):
            hk = f"{k}_hepburn"
            if fields[hk] and k in d and _fold_long(fields[hk]) != _fold_long(d[k]):
                raise _GazErr(f"{what}: {hk} {fields[hk]!r} is not a long-vowel spelling of {k} {d[k]!r}", line, f"person.{hk}")
        bl = d.get("blocklist", [])
        if not isinstance(bl, list) or not all(isinstance(x, str) and x.strip() for x in bl):
            raise _GazErr(f"{what}: blocklist must be a list of texts", line, "person.blocklist")
        roles: list[Role] = []
        for r in d.get("role", []) or []:
            if not isinstance(r, dict):
                raise _GazErr(f"{what}: each [[person.role]] must be a table", line, "person.role")
            _unknown(r, ROLE_KEYS, f"{what} role", line, "person.role.")
            office = _str(r, "office", f"{what} role", line, required=True)
            title = _str(r, "title", f"{what} role", line, required=True)
            if "from" not in r:
                raise _GazErr(f"{what} role {title!r}: missing required key 'from'", line, "person.role.from")
            start = _date(r["from"], f"{what} role {title!r} 'from'", line)
            end = _date(r["to"], f"{what} role {title!r} 'to'", line) if "to" in r else None
            if end is not None and end < start:
                raise _GazErr(f"{what} role {title!r}: 'to' {end} is before 'from' {start}", line, "person.role.to")
            roles.append(Role(office or "", title or "", start, end))
        aliases: list[Alias] = []
        for a in d.get("alias", []) or []:
            if not isinstance(a, dict):
                raise _GazErr(f"{what}: each [[person.alias]] must be a table", line, "person.alias")
            atext = a.get("text")
            aline = _line_of(text, f'"{atext}"', line or 1) if isinstance(atext, str) else line
            awhat = f"{what} alias {atext!r}"
            _unknown(a, ALIAS_KEYS, awhat, aline, "person.alias.")
            atext = _str(a, "text", awhat, aline, required=True)
            kind = a.get("kind")
            if kind not in ALIAS_KINDS:
                raise _GazErr(f"{awhat}: kind must be one of {', '.join(ALIAS_KINDS)}, got {kind!r}", aline, "person.alias.kind")
            action = a.get("action", "auto")
            if action not in ALIAS_ACTIONS:
                raise _GazErr(f"{awhat}: action must be 'auto' or 'suggest', got {action!r}", aline, "person.alias.action")
            db = a.get("date_between")
            window = None
            if db is not None:
                if not isinstance(db, list) or len(db) != 2:
                    raise _GazErr(f"{awhat}: date_between must be [from, to], two TOML dates", aline, "person.alias.date_between")
                window = (_date(db[0], f"{awhat} date_between", aline), _date(db[1], f"{awhat} date_between", aline))
                if window[1] < window[0]:
                    raise _GazErr(f"{awhat}: date_between ends before it starts", aline, "person.alias.date_between")
            note = a.get("note", "")
            if not isinstance(note, str):
                raise _GazErr(f"{awhat}: note must be a string", aline, "person.alias.note")
            aliases.append(
                Alias(
                    atext or "",
                    kind,
                    action,
                    note,
                    _patterns(a.get("preceded_by"), awhat, "person.alias.preceded_by", aline),
                    _patterns(a.get("not_followed_by"), awhat, "person.alias.not_followed_by", aline),
                    window,
                    aline,
                )
            )
        persons.append(
            Person(
                id=pid,
                origin=origin,
                family=family or "",
                given=given,
                blocklist=tuple(bl),
                roles=tuple(roles),
                aliases=tuple(aliases),
                line=line,
                **fields,
            )
        )
    return Gazetteer(str(path), tuple(persons), _build_keys(persons, text))


def _build_keys(persons: Sequence[Person], text: str) -> dict[str, tuple[tuple[int, str, int], ...]]:
    """All keys of all persons, checking that aliases are unambiguous."""
    full_names: dict[tuple[str, str], list[int]] = {}
    for i, p in enumerate(persons):
        full_names.setdefault((p.given.lower(), p.family.lower()), []).append(i)
    keys: dict[str, list[tuple[int, str, int]]] = {}
    derived_of: dict[str, set[int]] = {}
    canonical_of: dict[str, int] = {}
    for i, p in enumerate(persons):
        generic = not p.family_first and p.origin != "JP" and len(full_names[(p.given.lower(), p.family.lower())]) == 1
        for k in derived_variants(p, generic):
            keys.setdefault(k, []).append((i, "derived", -1))
            derived_of.setdefault(k, set()).add(i)
        for c in p.canonical_forms():
            canonical_of.setdefault(c.lower(), i)
    for i, p in enumerate(persons):
        own = derived_variants(p, False)
        for b in p.blocklist:
            if b.lower() in own:
                raise _GazErr(f"person {p.id!r}: blocklist text {b!r} is one of the person's own names", p.line, "person.blocklist")
            keys.setdefault(b.lower(), []).append((i, "block", -1))
    alias_of: dict[str, list[tuple[int, Alias]]] = {}
    for i, p in enumerate(persons):
        for j, a in enumerate(p.aliases):
            k = a.text.lower()
            c = canonical_of.get(k)
            if c is not None and c != i:
                raise _GazErr(
                    f"person {p.id!r}: alias {a.text!r} is the canonical name of person {persons[c].id!r}", a.line, "person.alias.text"
                )
            others = derived_of.get(k, set()) - {i}
            if others and not a.conditional:
                o = persons[min(others)]
                raise _GazErr(
                    f"person {p.id!r}: alias {a.text!r} is also a name of person {o.id!r}; give the alias conditions "
                    "(preceded_by, not_followed_by, date_between) or remove it",
                    a.line,
                    "person.alias.text",
                )
            for oi, oa in alias_of.get(k, []):
                if oi == i:
                    continue
                if oa.date_between and a.date_between and (oa.date_between[1] < a.date_between[0] or a.date_between[1] < oa.date_between[0]):
                    continue
                raise _GazErr(
                    f"person {p.id!r}: alias {a.text!r} also maps to person {persons[oi].id!r} (line {oa.line}); "
                    "two people may share an alias only with disjoint date_between windows",
                    a.line,
                    "person.alias.text",
                )
            alias_of.setdefault(k, []).append((i, a))
            keys.setdefault(k, []).append((i, "alias", j))
    return {k: tuple(v) for k, v in keys.items()}


_GAZ_CACHE: dict[tuple[str, int, int], Gazetteer | _GazErr] = {}


def load_gazetteer(path: Path) -> Gazetteer:
    key = _file_key(path)
    got = _GAZ_CACHE.get(key)
    if got is None:
        try:
            got = parse_gazetteer(path)
        except _GazErr as e:
            got = e
        _GAZ_CACHE[key] = got
    if isinstance(got, _GazErr):
        raise got
    return got


# --------------------------------------------------------------------------- other data


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
        raise _GazErr(f"cannot read: {e.strerror}") from None
    except tomllib.TOMLDecodeError as e:
        raise _GazErr(f"TOML syntax error: {e}") from None
    _unknown(data, HONORIFIC_KEYS, "honorifics", None, "")
    if data.get("schema_version") != 1:
        raise _GazErr("schema_version must be 1", None, "schema_version")
    vals = {}
    for k in ("courtesy", "honorable", "articles", "suffixes"):
        v = data.get(k, [])
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() == x and x for x in v):
            raise _GazErr(f"'{k}' must be a list of non-empty strings", None, k)
        vals[k] = tuple(v)
    return Honorifics(**vals)


@dataclasses.dataclass(frozen=True)
class Lexicons:
    stop: frozenset[str]
    titles: frozenset[str]
    acronyms: frozenset[str]
    cjk: frozenset[str]
    places: frozenset[str]
    never_reorder: frozenset[str]
    title_synonyms: Mapping[str, tuple[str, ...]]
    surnames: Mapping[str, int]  # passport/wapuro form -> population (0 when unknown)
    given: frozenset[str]


@functools.lru_cache(maxsize=4)
def _jp_dataset(package: str) -> tuple[dict[str, int], frozenset[str]]:
    """Surname forms (with population) and given-name forms of the Japanese name dataset."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise _GazErr(f"the Japanese name lexicon package {package!r} is not installed")
    base = Path(list(spec.submodule_search_locations)[0]) / "dataset"
    surnames: dict[str, int] = {}
    given: set[str] = set()
    with open(base / "last_name_org.csv", encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            if len(row) >= 4:
                pop = int(row[1]) if row[1].isdigit() else 0
                for form in passport_forms(row[3]):
                    surnames[form] = max(pop, surnames.get(form, 0))
    for name in ("first_name_man_org.csv", "first_name_woman_org.csv"):
        with open(base / name, encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                if len(row) >= 2:
                    given |= passport_forms(row[1])
    return surnames, frozenset(given)


def load_lexicons(directory: Path, package: str) -> Lexicons:
    def words(name: str) -> set[str]:
        p = directory / name
        return _words(p) if p.exists() else set()

    surnames, given = _jp_dataset(package)
    surnames = dict(surnames)
    for w in words("jp_surnames_extra.txt"):
        for form in passport_forms(w):
            surnames.setdefault(form, 0)
    given_set = (set(given) | words("jp_given_extra.txt")) - words("jp_not_given.txt")
    syn: dict[str, tuple[str, ...]] = {}
    sp = directory / "title_synonyms.toml"
    if sp.exists():
        data = tomllib.loads(sp.read_text("utf-8"))
        _unknown(data, {"schema_version", "synonyms"}, "title_synonyms.toml", None, "")
        for k, v in (data.get("synonyms") or {}).items():
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise _GazErr(f"title_synonyms.toml: {k!r} must map to a list of titles", None, k)
            syn[k.lower()] = tuple(x.lower() for x in v)
    nr = directory / "never_reorder.txt"
    return Lexicons(
        stop=frozenset(words("stop_tokens.txt")),
        titles=frozenset(words("titles.txt")),
        acronyms=frozenset(w.upper() for w in words("acronyms.txt")),
        cjk=frozenset(words("cjk_surnames.txt")),
        places=frozenset(words("places.txt")),
        never_reorder=frozenset(x.lower() for x in _read_list(nr)) if nr.exists() else frozenset(),
        title_synonyms=syn,
        surnames=surnames,
        given=frozenset(given_set),
    )


# --------------------------------------------------------------------------- the document date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_RE = r"(Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
_DATE_RE = re.compile(
    rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b"
    rf"|\b(\d{{1,2}})\s+{_MONTH_RE}\s+((?:19|20)\d\d)\b"
    r"|\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b"
    r"|\b((?:19|20)\d\d)/(\d\d?)/(\d\d?)\b"
)
_DATE_LINE_RE = re.compile(
    r"^(?:(?:Published|Updated|Posted|Date)\s*:?\s*)?(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
    r"(?P<d>.+?)(?:\s*(?:,|at|-)?\s*\d{1,2}:\d\d(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*\w{2,4})?)?\s*$"
)


_YEAR_QUICK = re.compile(r"(?:19|20)\d\d")


def _date_of(m: re.Match[str]) -> _dt.date | None:
    g = m.groups()
    try:
        if g[0]:
            return _dt.date(int(g[2]), _MONTHS[g[0][:3].lower()], int(g[1]))
        if g[3]:
            return _dt.date(int(g[5]), _MONTHS[g[4][:3].lower()], int(g[3]))
        if g[6]:
            return _dt.date(int(g[6]), int(g[7]), int(g[8]))
        if g[9]:
            return _dt.date(int(g[9]), int(g[10]), int(g[11]))
    except (ValueError, KeyError):
        return None
    return None


def document_date(lines: Sequence[str]) -> tuple[_dt.date | None, str | None]:
    """The document's own date, and where it came from.

    Policy: the first *date line* (a line that is only a date, optionally with a weekday, a time
    or "Published:") wins: it is the publication date of press releases and news pages. Else the
    latest full date (day, month and year) mentioned anywhere: a report is written on or after
    the events it dates ("file photo, Jan. 8, 2021" ... "talks in Tokyo on March 16, 2021").
    Dates without a year are ignored.
    """
    latest: _dt.date | None = None
    for line in lines:
        if len(line) < 8 or _YEAR_QUICK.search(line) is None:
            continue
        for m in _DATE_RE.finditer(line):
            d = _date_of(m)
            if d is None:
                continue
            if len(line) <= 60:
                dl = _DATE_LINE_RE.match(line.strip())
                if dl and _DATE_RE.fullmatch(dl.group("d").strip()):
                    return d, "date line"
            if latest is None or d > latest:
                latest = d
    return (latest, "latest date in text") if latest else (None, None)


# --------------------------------------------------------------------------- matching helpers

_TOKEN_RE = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’.-]*")
_CAPS_TOKEN_RE = regex.compile(r"(?<![\p{L}\p{M}\d.'’-])\p{Lu}[\p{Lu}\p{M}]+(?:-\p{Lu}[\p{Lu}\p{M}]+)?(?![\p{L}\p{M}\d'’]|[.-][\p{L}\d])")
_NAME_WORD = r"(?:\p{Lu}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}]*)?|\p{Lu}\.)"
_GENERIC_NAME_RE = regex.compile(rf"{_NAME_WORD}(?: {_NAME_WORD}){{0,3}}(?![\p{{L}}\p{{M}}\d])")
_QUOTE_CHARS = ('"', "“", "”")


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _boundary_ok(line: str, start: int, end: int) -> bool:
    if start > 0:
        c = line[start - 1]
        if _is_word(c) or c in "'’" and start > 1 and _is_word(line[start - 2]):
            return False
        if c in "-." and start > 1 and _is_word(line[start - 2]):
            return False
    if end < len(line):
        c = line[end]
        if _is_word(c):
            return False
        if c == "-" and end + 1 < len(line) and _is_word(line[end + 1]):
            return False
        if c == "." and end + 1 < len(line) and _is_word(line[end + 1]):
            return False
    return True


def _quoted_spans(line: str) -> list[tuple[int, int]]:
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


def _recase(token: str) -> str:
    """ALL-CAPS name token -> Title case, hyphen parts too for Japanese ("KAMIKAWA" -> "Kamikawa")."""
    return "-".join(p[:1] + p[1:].lower() for p in token.split("-"))


@dataclasses.dataclass
class _Mention:
    start: int
    end: int
    part: str  # the part that makes the edit (or "none": recognised, left as is)
    person: str | None
    new: str | None  # replacement text, None when nothing to change
    tokens: int  # name tokens in the span (1 = bare surname)
    detail: dict[str, Any]
    suggestion: str | None = None


# --------------------------------------------------------------------------- the kind


class NamesKind(Kind):
    KIND = "names"
    STAGE = "names"
    DOC = (
        "People's names in one canonical form: gazetteer variants and aliases, courtesy titles before full "
        "names, honorific suffixes, MOFA ALL-CAPS family names and family-first Japanese pairs. Each rule "
        "switches one part on (option `part`)."
    )
    POLICY = {
        "name_order": Opt(str, "order of Japanese names: 'given-family' (Toshimitsu Motegi) or 'family-given' (Motegi Toshimitsu); Western names stay given-first and Chinese and Korean names family-first in both", choices=("given-family", "family-given")),
        "honorifics": Opt(str, "courtesy titles before a full name ('Mr. MOTEGI Toshimitsu', 'the Honorable ...'): 'drop' or 'keep'", choices=("drop", "keep")),
        "preserve_quoted_names": Opt(bool, "leave names inside quotation marks as written"),
    }
    OPTIONS = {
        "part": Opt(str, "which sub-rule this entry is", required=True, choices=PARTS),
        "gazetteer": Opt(str, "the gazetteer of known people, relative to the rules directory", default="names/people.toml"),
        "honorifics": Opt(str, "courtesy titles and honorific suffixes, relative to the rules directory", default="names/honorifics.toml"),
        "lexicons": Opt(str, "folder of word lists (stop tokens, acronyms, CJK surnames ...), relative to the rules directory", default="names/lexicons"),
        "jp_lexicon": Opt(str, "the Python package of the Japanese personal-name dataset (read offline)", default="japanese_personal_name_dataset"),
        "action": Opt(str, "auto: rewrite on strong evidence; suggest: only report (family-first-lexicon and caps-family-name)", default="auto", choices=("auto", "suggest")),
    }

    # ------------------------------------------------------------------ load time

    @staticmethod
    def _load_file(rule: Rule, key: str, default: str, loader: Any) -> Any:
        """Load the data file a rule names under ``key``; errors name that file, its line and key."""
        path = rule.data_path(rule.options.get(key) or default)
        if not path.is_file():
            raise rule.error(f"{key} file not found: {path}", key=key)
        try:
            return loader(path)
        except _GazErr as e:
            raise RuleFileError(path, e.message, line=e.line, rule=rule.id, key=e.key) from None

    @classmethod
    def _data(cls, rule: Rule) -> tuple[Gazetteer, Honorifics, Lexicons]:
        opts = rule.options
        gaz = cls._load_file(rule, "gazetteer", "names/people.toml", load_gazetteer)
        hon = cls._load_file(rule, "honorifics", "names/honorifics.toml", load_honorifics)
        ldir = rule.data_path(opts.get("lexicons") or "names/lexicons")
        if not ldir.is_dir():
            raise rule.error(f"lexicons folder not found: {ldir}", key="lexicons")
        try:
            lex = _load_lexicons_cached(str(ldir.resolve()), _dir_stamp(ldir), opts.get("jp_lexicon") or "japanese_personal_name_dataset")
        except _GazErr as e:
            raise rule.error(e.message, key="jp_lexicon" if "package" in e.message else "lexicons") from None
        return gaz, hon, lex

    @classmethod
    def validate(cls, rule: Rule) -> None:
        part = rule.options.get("part")
        if part not in PARTS:
            raise rule.error(f"part must be one of {', '.join(PARTS)}, got {part!r}", key="part")
        if rule.options.get("action", "auto") != "auto" and part not in ("caps-family-name", "family-first-lexicon"):
            raise rule.error(
                f"action = 'suggest' is only for the caps-family-name and family-first-lexicon parts (this rule is part {part!r}); "
                "make a gazetteer alias suggest-only with action = 'suggest' in the gazetteer",
                key="action",
            )
        cls._data(rule)

    @classmethod
    def compile(cls, rules: Sequence[Rule], env: Env) -> NamesKind:
        return cls(rules, env)

    def __init__(self, rules: Sequence[Rule], env: Env) -> None:
        super().__init__(rules, env)
        self.part_rule: dict[str, Rule] = {}
        self.part_action: dict[str, str] = {}
        for r in self.rules:
            p = r.options.get("part")
            if p not in self.part_rule:
                self.part_rule[p] = r
                self.part_action[p] = r.options.get("action") or "auto"
        policy = env.policy
        self.order = policy.get("name_order", "given-family")
        self.drop_honorifics = policy.get("honorifics", "drop") != "keep"
        self.preserve_quotes = bool(policy.get("preserve_quoted_names", False))
        self.timeout = env.regex_timeout
        # data: persons of every gazetteer named (usually one)
        persons: list[Person] = []
        keys: dict[str, list[tuple[int, str, int]]] = {}
        seen_gaz: set[str] = set()
        hon = lex = None
        for r in self.rules:
            gaz, h, l = self._data(r)
            hon = hon or h
            lex = lex or l
            if gaz.path in seen_gaz:
                continue
            seen_gaz.add(gaz.path)
            base = len(persons)
            persons.extend(gaz.persons)
            for k, v in gaz.keys.items():
                keys.setdefault(k, []).extend((base + i, t, j) for i, t, j in v)
        assert hon is not None and lex is not None
        self.persons = tuple(persons)
        self.known_keys = frozenset(keys)  # every lower-cased variant, alias and blocklist entry
        self.lex = lex
        self.hon = hon
        self.rendered = tuple(p.render(self.order) for p in self.persons)
        auto = ahocorasick.Automaton()
        for k, v in keys.items():
            auto.add_word(k, (k, tuple(v)))
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
        # honorific chains
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
        # office-holder evidence: "<title> <name>" keys -> (person, role)
        self._role_auto: Any = None
        self._lex_memo: tuple[str | None, bool] = (None, False)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.pop("_hits_memo", None)  # memos are rebuilt in each process, not shipped
        state.pop("_other_memo", None)
        state.pop("_stable_memo", None)
        return state

    # ------------------------------------------------------------------ apply

    def observe(self, doc: Doc) -> None:
        """Date the document from its text before the boilerplate stage drops date lines/captions."""
        if "time-gated-alias" in self.part_rule:
            d, src = document_date(doc.lines)
            doc.meta["date"] = d
            doc.meta["date_source"] = src
            doc.date = d

    def apply(self, doc: Doc) -> None:
        parts = self.part_rule
        if not parts:
            return
        lines = doc.lines
        gated = "time-gated-alias" in parts
        if gated and "date" not in doc.meta:
            d, src = document_date(lines)
            doc.meta["date"] = d
            doc.meta["date_source"] = src
            doc.date = d
        per_line: list[tuple[int, list[_Mention]]] = []
        pending_gated = False
        strip_suffixes = self.drop_honorifics and "honorific-suffix" in parts and self.suffix_re is not None
        for i, line in enumerate(lines):
            if not line:
                continue
            if strip_suffixes and self.suffix_quick.search(line):
                # first, so the other parts see "Motegi", not "Motegi-san"
                line = self._strip_suffixes(doc, i)
            mentions = self._gazetteer_hits(line)
            if mentions:
                per_line.append((i, mentions))
                if any(m.detail.get("gated") for m in mentions):
                    pending_gated = True
            elif self._maybe_other(line):
                per_line.append((i, []))
        if not per_line:
            return
        window: list[tuple[_dt.date, _dt.date]] | None = None
        if pending_gated:
            window = self._time_window(doc, per_line)
        stable = self.__dict__.setdefault("_stable_memo", set())
        for i, mentions in per_line:
            line = doc.lines[i]
            if line in stable:
                continue  # processed before, with no change and nothing to report: same again
            undated = not any(m.detail.get("gated") for m in mentions)
            n_counts, n_sugg = sum(doc.counts.values()), len(doc.suggestions)
            # a rewrite can make a new name with its neighbour ("Motegi Toshimichi Shigeki"): settle
            # the line here, so that a second run changes nothing
            for n in range(3):
                if not self._process_line(doc, i, mentions, window, suggest=n == 0):
                    break
                mentions = self._gazetteer_hits(doc.lines[i])
            if undated and doc.lines[i] == line and sum(doc.counts.values()) == n_counts and len(doc.suggestions) == n_sugg:
                if len(stable) > 50_000:
                    stable.clear()
                stable.add(line)

    def _maybe_other(self, line: str) -> bool:
        """Cheap test: could any non-gazetteer part change this line? (memoised, like the hits)"""
        memo = self.__dict__.setdefault("_other_memo", {})
        got = memo.get(line)
        if got is None:
            if len(memo) > 50_000:
                memo.clear()
            got = memo[line] = self._maybe_other_uncached(line)
        return got

    def _maybe_other_uncached(self, line: str) -> bool:
        p = self.part_rule
        if "caps-family-name" in p and _has_caps_pair(line):
            return True
        if "family-first-lexicon" in p and self._lexicon_candidate(line):
            return True
        if self.drop_honorifics:
            if "courtesy-title" in p and self.honorific_quick.search(line):
                return True
        return False

    # .................................................................. gazetteer

    def _gazetteer_hits(self, line: str) -> list[_Mention]:
        """The gazetteer mentions of one line: a pure function of the line, memoised.

        The engine's confirming pass sees again every line the first pass produced, so a bounded
        memo halves the cost of this stage without changing any result (mentions are not mutated).
        """
        memo = self.__dict__.setdefault("_hits_memo", {})  # line -> mentions
        got = memo.get(line)
        if got is None:
            if len(memo) > 50_000:
                memo.clear()
            got = memo[line] = tuple(self._gazetteer_hits_uncached(line))
        # copies: later steps write document facts (a date window) into a mention's detail
        return [dataclasses.replace(m, detail=dict(m.detail)) for m in got]

    def _gazetteer_hits_uncached(self, line: str) -> list[_Mention]:
        if not len(self.auto):
            return []
        low = line.lower()
        if len(low) != len(line):
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in line)
        hits = list(self.auto.iter(low))
        if not hits:
            return []
        out: list[_Mention] = []
        blocks: list[tuple[int, int, int]] = []
        for end_idx, (key, entries) in hits:
            start, end = end_idx - len(key) + 1, end_idx + 1
            if not _boundary_ok(line, start, end):
                continue
            span = line[start:end]
            for pi, typ, ai in entries:
                if typ == "block":
                    blocks.append((start, end, pi))
                    continue
                m = self._check_hit(line, start, end, span, pi, typ, ai)
                if m is not None:
                    out.append(m)
        if blocks:
            out = [m for m in out if not any(b0 < m.end and m.start < b1 and self.persons[pi].id == m.person for b0, b1, pi in blocks)]
            for b0, b1, pi in blocks:
                out.append(_Mention(b0, b1, "none", None, None, 2, {"blocked": self.persons[pi].id, "span": line[b0:b1]}))
        return out

    def _check_hit(self, line: str, start: int, end: int, span: str, pi: int, typ: str, ai: int) -> _Mention | None:
        p = self.persons[pi]
        toks = span.replace(",", " ").split()
        # case: every name token starts upper-case; an all-caps span is a headline or a credit
        alpha = [t for t in toks if any(c.isalpha() for c in t)]
        if not alpha or not all(t[0].isupper() for t in alpha):
            return None
        if len(alpha) > 1 and all(t.isupper() for t in alpha):
            return None
        if len(alpha) == 1 and alpha[0].isupper() and len(alpha[0]) > 1:
            return None
        detail: dict[str, Any] = {"person": p.id, "span": span}
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
                nxt = _word_right(line, end)
                if nxt and line[end : nxt[0]] == " " and _is_title_word(nxt[2]) and _strip_marks(nxt[2]) not in self.lex.stop:
                    return None
            new = p.family if single else self.rendered[pi]
            part = "time-gated-alias" if a.date_between else "gazetteer"
            if part not in self.part_rule:
                return None
            detail.update({"alias": a.text, "alias_kind": a.kind, "to": new})
            if a.date_between:
                detail["gated"] = (a.date_between[0], a.date_between[1])
            if a.action == "suggest":
                return _Mention(start, end, part, p.id, None, len(alpha), detail, suggestion=f"{span!r} may be {self.rendered[pi]!r} ({a.kind}{': ' + a.note if a.note else ''})")
            return _Mention(start, end, part, p.id, new if new != span else None, len(alpha), detail)
        new = self.rendered[pi]
        detail["to"] = new
        if "gazetteer" not in self.part_rule:
            return None
        return _Mention(start, end, "gazetteer", p.id, new if new != span else None, len(alpha), detail)

    # .................................................................. document time

    def _time_window(self, doc: Doc, per_line: list[tuple[int, list[_Mention]]]) -> list[tuple[_dt.date, _dt.date]] | None:
        """The dates the document may be from: its own date, else the office-holders' terms."""
        d = doc.meta.get("date")
        if isinstance(d, _dt.date):
            return [(d, d)]
        window = self._office_window(doc.lines, per_line)
        doc.meta["date_window"] = (window[0][0], window[-1][1]) if window else None
        if window is not None:
            doc.meta["date_source"] = "office holders"
        return window

    def _office_window(self, lines: list[str], per_line: list[tuple[int, list[_Mention]]]) -> list[tuple[_dt.date, _dt.date]] | None:
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
        gated_spans = {(i, m.start, m.end) for i, ms in per_line for m in ms if m.detail.get("gated")}
        for i, line in enumerate(lines):
            if not line:
                continue
            low = line.lower()
            if len(low) != len(line):
                continue
            hits = [(end_idx - len(key) + 1, end_idx + 1, entries) for end_idx, (key, entries) in auto.iter(low)]
            hits = [h for h in hits if _boundary_ok(line, h[0], h[1])]
            for start, end, entries in hits:
                # only the longest title: "former Chief Cabinet Secretary X", not "Secretary X"
                if any(s2 <= start and end <= e2 and (s2, e2) != (start, end) for s2, e2, _ in hits):
                    continue
                if any(gi == i and s < end and start < e for gi, s, e in gated_spans):
                    continue
                if BEFORE_FORMER_RE.search(line[max(0, start - 40) : start]):
                    continue
                terms = []
                for pi, ri in entries:
                    r = self.persons[pi].roles[ri]
                    terms.append((r.start, r.end or _dt.date.max))
                allowed = _intersect(allowed, _union(terms))
                found = True
        if not found or not allowed:
            return None
        return allowed

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

    # .................................................................. one line

    def _process_line(
        self, doc: Doc, i: int, gaz: list[_Mention], window: list[tuple[_dt.date, _dt.date]] | None, *, suggest: bool = True
    ) -> bool:
        """Rewrite line ``i``; True when it changed."""
        line = doc.lines[i]
        quoted = _quoted_spans(line) if self.preserve_quotes and any(q in line for q in _QUOTE_CHARS) else []

        def in_quotes(s: int) -> bool:
            return any(a < s < b for a, b in quoted)

        # time gate
        mentions: list[_Mention] = []
        for m in gaz:
            g = m.detail.get("gated")
            if g:
                m.detail.pop("gated")
                if window is None or not all(g[0] <= a and b <= g[1] for a, b in window):
                    if not window:
                        when = "no document date"
                    elif len(window) == 1 and window[0][0] == window[0][1]:
                        when = f"document date {window[0][0]}"
                    else:
                        when = "document time " + ", ".join(f"{a}..{b}" for a, b in window)
                    m.suggestion = (
                        f"{m.detail['span']!r} may be {m.detail['to']!r} ({m.detail['alias_kind']}, only between "
                        f"{g[0]} and {g[1]}; {when}): left as written"
                    )
                    m.new = None
                m.detail["window"] = [str(g[0]), str(g[1])]
            mentions.append(m)
        # resolve overlaps: leftmost, then longest; "none" (blocked) spans count as occupied
        chosen = _resolve(mentions)
        chosen = self._ambiguity(chosen)
        taken = [(m.start, m.end) for m in chosen]
        if "caps-family-name" in self.part_rule and _has_caps_pair(line):
            chosen += self._caps(line, taken)
            taken = [(m.start, m.end) for m in chosen]
        if "family-first-lexicon" in self.part_rule and self._lexicon_candidate(line):
            chosen += self._lexicon_pairs(line, taken)
        edits: list[tuple[int, int, str, str, dict[str, Any]]] = []
        for m in chosen:
            if quoted and in_quotes(m.start):
                continue
            if m.suggestion and suggest:
                doc.suggest(self.part_rule[m.part].id, i + 1, m.detail.get("span", line[m.start : m.end]), m.suggestion)
            if m.new is not None and m.part in self.part_rule:
                edits.append((m.start, m.end, m.new, m.part, m.detail))
        if self.drop_honorifics:
            if "courtesy-title" in self.part_rule and self.honorific_quick.search(line):
                edits += self._courtesy(line, chosen, in_quotes if quoted else None)
        if not edits:
            return False
        edits.sort(key=lambda e: e[0], reverse=True)
        cur = line
        last_start = len(line) + 1
        for s, e, new, part, detail in edits:
            if e > last_start:  # overlapping edits: keep the right-most
                continue
            before = cur
            cur = cur[:s] + new + cur[e:]
            last_start = s
            rid = self.part_rule[part].id
            doc.record(rid, i + 1, before, cur, detail)
        doc.lines[i] = cur
        return cur != line

    def _ambiguity(self, chosen: list[_Mention]) -> list[_Mention]:
        """Several people behind one span: rewrite only when they all render the same."""
        out: list[_Mention] = []
        by_span: dict[tuple[int, int], list[_Mention]] = {}
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

    # .................................................................. MOFA capitals

    def _caps(self, line: str, taken: list[tuple[int, int]]) -> list[_Mention]:
        lex = self.lex
        caps = [(m.start(), m.end(), m.group()) for m in _CAPS_TOKEN_RE.finditer(line)]
        caps = [c for c in caps if c[2] not in lex.acronyms and c[2].replace("-", "") not in lex.acronyms]
        if not caps:
            return []
        # headline guard: most words upper-case
        words = _TOKEN_RE.findall(line)
        nwords = len(words)
        if nwords and sum(1 for w in words if w.isupper() and len(w) > 1) * 2 > nwords:
            return []
        action = self.part_action.get("caps-family-name", "auto")
        out: list[_Mention] = []
        for s, e, tok in caps:
            if any(a < e and s < b for a, b in taken):
                continue
            # a neighbouring upper-case word makes it an upper-case phrase, not a name
            left = _word_left(line, s)
            right = _word_right(line, e)
            if (left and left[2].isupper() and len(left[2].rstrip(".")) > 1) or (right and right[2].isupper() and len(right[2]) > 1):
                continue
            low = tok.lower()
            is_cjk = low in lex.cjk
            given = None
            order = None
            if right and _is_title_word(right[2]) and line[e : right[0]] == " ":
                given, order = right, "family-first"
            elif left and _is_title_word(left[2]) and line[left[1] : s] == " " and left[2].lower() not in lex.stop:
                given, order = left, "given-first"
            if given is None:
                # a lone ALL-CAPS family name of a known person ("Minister MOTEGI stated")
                cased = self.caps_family.get(tok)
                after_title = left is not None and line[left[1] : s] == " " and (
                    _strip_marks(left[2]).rstrip(".") in lex.titles or left[2].rstrip(".") in self.honorific_words
                )
                if cased and not is_cjk and after_title:
                    out.append(_Mention(s, e, "caps-family-name", None, cased, 1, {"span": tok, "to": cased, "reason": "known family name"}))
                continue
            gtok = given[2]
            if gtok.lower() in lex.stop or gtok in self.honorific_words:
                continue
            span_s, span_e = min(s, given[0]), max(e, given[1])
            if any(a < span_e and span_s < b for a, b in taken):
                continue
            span = line[span_s:span_e]
            if is_cjk and order == "family-first" and looks_cjk_given(gtok):
                new = f"{_recase(tok)} {gtok}"
                out.append(_Mention(span_s, span_e, "caps-family-name", None, new if action == "auto" else None, 2, {"span": span, "to": new, "reason": "Chinese/Korean surname: recased, order kept"}, None if action == "auto" else f"{span!r} -> {new!r}?"))
                continue
            if low in lex.stop:
                continue
            jp = (self._is_surname(tok) or self._is_given(gtok)) and looks_japanese(tok) and looks_japanese(gtok)
            fam = _recase(tok)
            if jp:
                new = f"{fam} {gtok}" if self.order == "family-given" else f"{gtok} {fam}"
                if new.lower() in lex.never_reorder:
                    continue
                out.append(_Mention(span_s, span_e, "caps-family-name", None, new if action == "auto" else None, 2, {"span": span, "to": new, "reason": "ALL-CAPS family name, Japanese name lexicon"}, None if action == "auto" else f"{span!r} -> {new!r}?"))
            else:
                # no lexicon evidence: only a suggestion, and only when one word is a known name
                # (capitalised acronyms next to a word, "JSON Lines", are not names)
                if gtok.lower() not in self.known_names and low not in self.known_names:
                    continue
                new = f"{gtok} {fam}"
                out.append(_Mention(span_s, span_e, "caps-family-name", None, None, 2, {"span": span, "to": new}, f"ALL-CAPS family name {span!r}: {new!r}? (not in the gazetteer, no lexicon evidence)"))
        return out

    # .................................................................. lexicon pairs

    def _is_surname(self, tok: str) -> bool:
        return any(k in self.lex.surnames for k in lexicon_keys(tok))

    def _is_given(self, tok: str) -> bool:
        return any(k in self.lex.given for k in lexicon_keys(tok))

    def _surname_strong(self, tok: str) -> bool:
        ks = lexicon_keys(tok)
        for k in ks:
            pop = self.lex.surnames.get(k)
            if pop is not None and (k not in self.lex.given or pop >= 100_000):
                return True
        return False

    def _given_strong(self, tok: str) -> bool:
        ks = lexicon_keys(tok)
        return any(k in self.lex.given for k in ks) and not any(k in self.lex.surnames for k in ks)

    def _lexicon_candidate(self, line: str) -> bool:
        """Cheap test: a pair of Title-case words with a Japanese given name in the needed place."""
        if self._lex_memo[0] is line:
            return self._lex_memo[1]
        found = False
        if _TITLE_PAIR_QUICK.search(line) is not None:
            g, o = (1, 2) if self.order == "family-given" else (2, 1)
            given, stop = self.lex.given, self.lex.stop
            for m in _TITLE_PAIR_RE.finditer(line):
                k = _strip_marks(m.group(g))
                if (k in given or ("oh" in k and _OH_RE.sub("o", k) in given)) and _strip_marks(m.group(o)) not in stop:
                    found = True
                    break
        self._lex_memo = (line, found)
        return found

    def _lexicon_pairs(self, line: str, taken: list[tuple[int, int]]) -> list[_Mention]:
        lex = self.lex
        out: list[_Mention] = []
        action = self.part_action.get("family-first-lexicon", "auto")
        want_family_first = self.order == "family-given"
        given = lex.given
        for m in _TITLE_PAIR_RE.finditer(line):
            t1, t2 = m.group(1), m.group(2)
            s = m.start(1)
            e = m.start(2) + len(t2)
            k1, k2 = _strip_marks(t1), _strip_marks(t2)
            # a given name is needed in the second place (given-family output) or the first
            if want_family_first:
                if k1 not in given and not self._is_given(t1):
                    continue
            elif k2 not in given and not self._is_given(t2):
                continue
            if not _pair_boundaries_ok(line, s, e):
                continue
            if k1 in lex.stop or k2 in lex.stop or len(k1) < 2 or len(k2) < 2:
                continue
            if any(a < e and s < b for a, b in taken):
                continue
            if k1 in lex.cjk:
                continue
            if f"{k1} {k2}" in lex.never_reorder:
                continue
            # the pair must stand alone: no capitalised name word right before or after
            left = _word_left(line, s)
            if left and line[left[1] : s] == " " and left[2][:1].isupper() and not _is_title_word_or_stop(left[2], lex, self.honorific_words):
                continue
            right = _word_right(line, e)
            if right and line[e : right[0]] == " " and right[2][:1].isupper() and _strip_marks(right[2]).rstrip(".,") not in lex.stop:
                continue
            if not (looks_japanese(t1) and looks_japanese(t2)):
                continue
            span = line[s:e]
            if not want_family_first:
                # family-first pair that should be given-first
                strong = self._surname_strong(t1) and self._given_strong(t2)
                weak = not strong and self._given_strong(t2) and not self._is_given(t1) and len(k1) >= 4 and len(k2) >= 4
            else:
                strong = self._given_strong(t1) and self._surname_strong(t2) and not self._is_given(t2)
                weak = False
            if not (strong or weak):
                continue
            new = f"{t2} {t1}"
            if strong and action == "auto":
                out.append(_Mention(s, e, "family-first-lexicon", None, new, 2, {"span": span, "to": new, "reason": "Japanese name lexicon"}))
            else:
                why = "Japanese name lexicon" if strong else "second word is a Japanese given name; first word unknown"
                out.append(_Mention(s, e, "family-first-lexicon", None, None, 2, {"span": span, "to": new}, f"{span!r} may be a family-first Japanese name: {new!r}? ({why})"))
            taken = taken + [(s, e)]
        return out

    # .................................................................. honorifics

    def _courtesy(self, line: str, mentions: list[_Mention], in_quotes: Any) -> list[tuple[int, int, str, str, dict[str, Any]]]:
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
                    if _strip_marks(t).rstrip(".") in self.lex.stop:
                        break
                    name_toks.append(t)
                # two or three name words; a longer capitalised run is a title or a headline
                full = 2 <= len(name_toks) <= 3 and (len(name_toks) < len(toks) or len(toks) <= 3)
                if full and _title_case_line(line):
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

    def _strip_suffixes(self, doc: Doc, i: int) -> str:
        """Drop honorific suffixes on line ``i`` (recording each); return the new line."""
        line = doc.lines[i]
        quoted = _quoted_spans(line) if self.preserve_quotes and any(q in line for q in _QUOTE_CHARS) else []
        edits = self._suffixes(line, (lambda s: any(a < s < b for a, b in quoted)) if quoted else None)
        rid = self.part_rule["honorific-suffix"].id
        for s, e, new, _part, detail in sorted(edits, key=lambda x: x[0], reverse=True):
            before = line
            line = line[:s] + new + line[e:]
            doc.record(rid, i + 1, before, line, detail)
        doc.lines[i] = line
        return line

    def _suffixes(self, line: str, in_quotes: Any) -> list[tuple[int, int, str, str, dict[str, Any]]]:
        out = []
        assert self.suffix_re is not None
        for m in self.suffix_re.finditer(line):
            stem = m.group(1)
            if in_quotes and in_quotes(m.start()):
                continue
            k = _strip_marks(stem)
            if k in self.lex.places:
                continue
            if not (k in self.known_names or self._is_surname(stem) or self._is_given(stem)):
                continue
            s = m.start(1) + len(stem)
            out.append((s, m.end(), "", "honorific-suffix", {"span": m.group(), "to": stem}))
        return out


# --------------------------------------------------------------------------- module helpers


def _union(spans: list[tuple[_dt.date, _dt.date]]) -> list[tuple[_dt.date, _dt.date]]:
    out: list[tuple[_dt.date, _dt.date]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _intersect(xs: list[tuple[_dt.date, _dt.date]], ys: list[tuple[_dt.date, _dt.date]]) -> list[tuple[_dt.date, _dt.date]]:
    out = []
    for a, b in xs:
        for c, d in ys:
            lo, hi = max(a, c), min(b, d)
            if lo <= hi:
                out.append((lo, hi))
    return _union(out)


def _resolve(mentions: list[_Mention]) -> list[_Mention]:
    """Leftmost-longest non-overlapping mentions; equal spans are all kept (ambiguity check)."""
    ms = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    out: list[_Mention] = []
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


_CAPS_PAIR_QUICK = re.compile(r"[A-Z][A-Z]")
_TITLE_PAIR_RE = re.compile(r"(?<![^\W_])([A-Z][^\W\d_A-Z]+) (?=([A-Z][^\W\d_A-Z]+)(?![^\W_]))")


def _pair_boundaries_ok(line: str, s: int, e: int) -> bool:
    """No letter, digit, '.', "'" or '-' glued before the pair; nothing but a possessive after it."""
    if s > 0 and line[s - 1] in ".'’-":
        return False
    if e < len(line) and line[e] in "-." and e + 1 < len(line) and _is_word(line[e + 1]):
        return False
    return True


_TITLE_PAIR_QUICK = re.compile(r"[A-Z][a-z\u00e0-\u024f]+ [A-Z][a-z\u00e0-\u024f]")


def _has_caps_pair(line: str) -> bool:
    return _CAPS_PAIR_QUICK.search(line) is not None


_WORD_LEFT_RE = regex.compile(r"([\p{L}\p{M}][\p{L}\p{M}'’.-]*)[ ]*$")
_WORD_RIGHT_RE = regex.compile(r"[ ]*([\p{L}\p{M}][\p{L}\p{M}'’-]*\.?)")


def _word_left(line: str, s: int) -> tuple[int, int, str] | None:
    seg = line[max(0, s - 40) : s]
    m = _WORD_LEFT_RE.search(seg)
    if not m or (m.end(1) < len(seg) and seg[m.end(1) :].strip()):
        return None
    off = max(0, s - 40)
    return (off + m.start(1), off + m.end(1), m.group(1))


def _word_right(line: str, e: int) -> tuple[int, int, str] | None:
    m = _WORD_RIGHT_RE.match(line, e)
    if not m:
        return None
    w = m.group(1)
    end = m.end(1)
    if w.endswith(".") and not (len(w) == 2):
        w = w[:-1]
        end -= 1
    return (m.start(1), end, w)


def _title_case_line(line: str) -> bool:
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


def _is_title_word(w: str) -> bool:
    """A Title-case name word: "Yoko", "Jae-in", "Tarō" (not "YOKO", not "yoko")."""
    parts = w.split("-")
    core = parts[0]
    return len(core) >= 2 and core[0].isupper() and core[1:].islower() and all(p.isalpha() for p in parts)


def _is_title_word_or_stop(w: str, lex: Lexicons, honorific_words: Iterable[str]) -> bool:
    k = _strip_marks(w).rstrip(".,")
    return k in lex.stop or w.rstrip(".") in honorific_words


def _dir_stamp(d: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(sorted(_file_key(p) for p in d.iterdir() if p.is_file()))


@functools.lru_cache(maxsize=8)
def _load_lexicons_cached(directory: str, stamp: Any, package: str) -> Lexicons:
    return load_lexicons(Path(directory), package)
