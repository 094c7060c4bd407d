"""Derived readings: the ways a person's kanji name is misread, generated, never typed.

Machine-translated news misreads a kanji name in two ways:

* **another Japanese reading** of the same kanji (岩屋 毅 "Iwaya Tsuyoshi" for Takeshi Iwaya,
  浜田 靖一 "Hamada Seiichi" for Yasukazu Hamada, 茂木 敏充 "Toshimichi Mogi");
* **the Mandarin reading** in pinyin, when the text went through Chinese (上川 陽子 "Shangchuan
  Yangzi", 菅 義偉 "Jian Yiwei"), whole or in part (family name kept, given name in pinyin).

For every person with ``kanji`` in the gazetteer this module builds those spellings from reading
data, in both name orders, pinyin joined ("Yiwei") and spaced ("Yi Wei"). They go into the same
automaton as the other variants, but a hit is only a *candidate*: the kind rewrites it only
where the context pins the person (see :mod:`clean.kinds.names`).

Reading data, and why these packages:

* Japanese, attested readings of a whole name part: ``japanese-personal-name-dataset`` (the
  lexicon's source, read offline from its CSV files; one reading per surname, every reading a
  given name is attested with: 敏充 toshimitsu, toshimichi).
* Japanese, on/kun readings: Jim Breen's KANJIDIC2 and JMnedict (EDRDG, CC BY-SA 4.0), the only
  permissively licensed and complete source of per-kanji on/kun readings (``pykakasi`` is
  GPL-3.0; ``cutlet``/``unidic-lite`` and ``sudachidict-small`` are morphological dictionaries,
  compiled word lattices with no per-kanji readings; aligning the name dataset's own names gives
  kun readings only: no name in it reads 菅 as かん). Only the few hundred facts the gazetteer's
  names need are kept, in ``names/kanji_readings.tsv`` next to the gazetteer (a few kilobytes,
  read in milliseconds); ``tools/make_kanji_readings.py`` regenerates it from ``jamdict-data``,
  which is a maintainer's tool, not a dependency (a 54 MB download, 325 MB on disk).
  The explosion is controlled at the source: a part gets (a) the readings JMnedict attests for
  the *same kanji string as a name of the same kind* (surname for a family name, given name for a
  given name: 菅 かん, 茂木 しげき/もぎ, 河野 かわの, 靖一 せいいち) and (b) its all-on reading from
  KANJIDIC2 only where each kanji's on-reading is itself attested in names (a one-kanji name or
  a nanori read that way); at most :data:`MAX_PER_PART` readings a part and
  :data:`MAX_PER_PERSON` spellings a person, the nearest first (one part misread before both);
  the blocklists and ``not_readings.txt`` still veto.
* Mandarin: ``pypinyin`` (MIT, maintained, 4 MB, pure Python, data bundled): the most common
  reading of each character, tones dropped, as a translator writes it. Korean names come through
  Chinese the same way, from the gazetteer's optional ``hanja`` (朴振 "Piao Zhen" for Park Jin);
  a Korean family character is read with its first two readings (朴: pu, piao).

The cost is paid once when the rules are compiled (the Cleaner is cached): a few thousand keys.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import importlib.util
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

from .gazetteer import NamesDataError, file_key
from .people import Person
from .romanization import NM_RE, OO_RE, fold_long, kana_to_wapuro

JAPANESE, PINYIN = "japanese", "pinyin"
KANJI_READINGS_FILE = "kanji_readings.tsv"  # next to the gazetteer, written by tools/make_kanji_readings.py
MAX_PER_PART = 6  # Japanese misreadings of one name part (dataset first, then on-reading, then JMnedict)
MAX_PER_PERSON = 60  # derived spellings of one person, nearest first
NAME_TYPES = {"family": ("surname",), "given": ("given", "masc", "fem")}


@dataclasses.dataclass(frozen=True)
class Reading:
    """One derived misreading of a person's name."""

    person: int  # index into the index's persons
    text: str  # as written, family and given in the order of the key ("Shangchuan Yangzi")
    kanji: str  # the gazetteer's kanji ("上川 陽子")
    source: str  # JAPANESE or PINYIN (a part kept in its canonical romaji counts for neither)

    def describe(self, canonical: str) -> str:
        """kanji -> reading -> canonical, for the change log."""
        return f"{self.kanji} -> {self.source} reading {self.text!r} -> {canonical}"


def _passport(wapuro: str) -> set[str]:
    """Ways a wapuro reading is written in English news: passport long vowels, n or m before b/m/p."""
    p = wapuro.replace("ou", "o").replace("uu", "u")
    p = OO_RE.sub("o", p)
    return {p, NM_RE.sub("m", p)}


@functools.lru_cache(maxsize=4)
def _dataset_readings(package: str, wanted: frozenset[str]) -> Mapping[str, frozenset[str]]:
    """kanji string -> the readings (passport romaji) the name dataset gives it, surname or given.

    Only the ``wanted`` strings are kept: the files are scanned once, nothing else is stored.
    """
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return {}
    base = Path(list(spec.submodule_search_locations)[0]) / "dataset"
    out: dict[str, set[str]] = {}

    def add(kanji: str, kana: str) -> None:
        if kanji in wanted:
            w = kana_to_wapuro(kana)
            if w:
                out.setdefault(kanji, set()).update(_passport(w))

    with open(base / "last_name_org.csv", encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            if len(row) >= 3:
                add(row[0], row[2])
    for name in ("first_name_man_org.csv", "first_name_woman_org.csv"):
        with open(base / name, encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                for kanji in row[2:]:
                    add(kanji, row[0])
    return {k: frozenset(v) for k, v in out.items()}


def _hira(kana: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in kana)


@dataclasses.dataclass(frozen=True)
class KanjiReadings:
    """The KANJIDIC2 and JMnedict facts the derivation needs (``names/kanji_readings.tsv``).

    ``on``: kanji -> its on-readings in KANJIDIC2 order, each with whether names attest it (a
    JMnedict entry of the kanji alone or a nanori with that reading). ``names``: (kind, kanji
    string) -> its JMnedict readings as a name of that kind, "family" (surname) or "given".
    """

    on: Mapping[str, tuple[tuple[str, bool], ...]]
    names: Mapping[tuple[str, str], tuple[str, ...]]


_KANA_RE = re.compile(r"^[\u3041-\u3096\u30FC]+$")
_KANJI_RE = re.compile(r"^[\u3005\u3041-\u3096\u30A1-\u30FA\u4E00-\u9FFF\uF900-\uFAFF]+$")


def parse_kanji_readings(text: str) -> KanjiReadings:
    """Read the rows of a kanji readings file (see its header); NamesDataError names the line."""
    on: dict[str, tuple[tuple[str, bool], ...]] = {}
    names: dict[tuple[str, str], tuple[str, ...]] = {}
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 3 or cols[0] not in ("on", "family", "given"):
            raise NamesDataError(f"line {i}: expected 'on|family|given<TAB>kanji<TAB>readings', got {line!r}", i)
        kind, k, value = cols
        if not _KANJI_RE.match(k) or (kind == "on" and len(k) != 1):
            raise NamesDataError(f"line {i}: {k!r} is not {'one kanji' if kind == 'on' else 'a kanji string'}", i)
        rs = () if value == "-" else tuple(value.split(" "))
        if any(not _KANA_RE.match(r.removesuffix("*") if kind == "on" else r) for r in rs):
            raise NamesDataError(f"line {i}: readings must be hiragana separated by single spaces (or '-'), got {value!r}", i)
        if (kind, k) in names or (kind == "on" and k in on):
            raise NamesDataError(f"line {i}: {kind} {k} listed twice", i)
        if kind == "on":
            on[k] = tuple((r.removesuffix("*"), r.endswith("*")) for r in rs)
        else:
            names[(kind, k)] = rs
    return KanjiReadings(on, names)


@functools.lru_cache(maxsize=4)
def _load_kanji_readings(path: str, stamp: tuple[str, int, int]) -> KanjiReadings:
    try:
        return parse_kanji_readings(Path(path).read_text("utf-8"))
    except UnicodeDecodeError as e:
        raise NamesDataError(f"not UTF-8 text: {e}") from None


def load_kanji_readings(path: Path) -> KanjiReadings:
    """:func:`parse_kanji_readings` of a file, once per version of the file (one per process)."""
    return _load_kanji_readings(str(path), file_key(path))


def _kanji_readings(table: KanjiReadings, family: Iterable[str], given: Iterable[str]) -> Mapping[tuple[str, str], tuple[str, ...]]:
    """(kind, kanji string) -> kana readings from KANJIDIC2 and JMnedict, most plausible first.

    ``kind`` is "family" or "given". The all-on reading comes first, kept only where every
    kanji's first on-reading attested in names exists; then the JMnedict readings of the same
    string as a name of that kind (菅 -> かん; 靖一 -> せいいち). A string or kanji the table
    does not list gives nothing of its own (``tools/make_kanji_readings.py`` regenerates it).
    """

    def on_attested(c: str) -> str | None:
        return next((o for o, named in table.on.get(c, ()) if named), None)

    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for kind, parts in (("family", family), ("given", given)):
        for k in sorted(set(parts)):
            got: list[str] = []
            ons = [on_attested(c) for c in k]
            if all(ons):
                got.append("".join(o for o in ons if o))
            got += table.names.get((kind, k), ())
            out[(kind, k)] = tuple(dict.fromkeys(got))
    return out


@functools.lru_cache(maxsize=1)
def _pinyin_table() -> Mapping[int, str]:
    """pypinyin's per-character table (code point -> "yì,yí", most common reading first).

    Read from the package's own data file: importing ``pypinyin`` loads its phrase tables too
    (about 0.4 s), which a name's characters, read one by one as a translator does, never need.
    """
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pypinyin is not installed: pip install pypinyin")
    path = Path(list(spec.submodule_search_locations)[0]) / "pinyin_dict.json"
    return {int(k): v for k, v in json.loads(path.read_text("utf-8")).items()}


def _syllables(c: str, n: int = 1) -> list[str]:
    v = _pinyin_table().get(ord(c))
    if not v:
        return []
    out = []
    for r in v.split(",")[:n]:
        s = "".join(ch for ch in unicodedata.normalize("NFD", r) if not unicodedata.combining(ch))
        if s.isascii() and s.isalpha():
            out.append(s)
    return list(dict.fromkeys(out))


def _pinyin(kanji: str) -> tuple[str, ...]:
    """Pinyin of a kanji string, joined and spaced ("yiwei", "yi wei"); () when a character has none."""
    syl = []
    for c in kanji:
        got = _syllables(c)
        if not got:
            return ()
        syl.append(got[0])
    if not syl:
        return ()
    return tuple(dict.fromkeys(("".join(syl), " ".join(syl))))


def _korean(persons: list[Person]) -> list[Reading]:
    """Pinyin readings of Korean names from their ``hanja``, family-first and given-first."""
    out: list[Reading] = []
    for pi, p in enumerate(persons):
        if p.origin not in ("KR", "KP") or not p.hanja or len(p.hanja.split()) != 2:
            continue
        fk, gk = p.hanja.split()
        fams = _syllables(fk, 2) if len(fk) == 1 else list(_pinyin(fk)[:1])
        givs = list(_pinyin(gk))
        seen = {p.render("given-family").lower(), p.render("family-given").lower()}
        for f in fams:
            for g in givs:
                for text in (f"{f} {g}", f"{g} {f}"):
                    t = _title(text)
                    if t.lower() not in seen:
                        seen.add(t.lower())
                        out.append(Reading(pi, t, p.hanja, PINYIN))
    return out


def _title(s: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in s.split(" "))


def derive_readings(persons: Iterable[Person], package: str, kanji: KanjiReadings | None = None) -> list[Reading]:
    """Every derived misreading of every Japanese person with a two-part ``kanji`` (family given).

    A Japanese reading is one the dataset attests for the part, or one the ``kanji`` readings
    table (KANJIDIC2 and JMnedict) gives it; the person's own reading (any long-vowel spelling of
    it) is not a misreading. Japanese and pinyin readings are not mixed in one name; a part may
    stay in its canonical romaji while the other is misread.
    """
    persons = list(persons)
    parts = {k for p in persons if p.origin == "JP" and p.kanji for k in p.kanji.split()}
    readings = _dataset_readings(package, frozenset(parts))
    jp = [p.kanji.split() for p in persons if p.origin == "JP" and p.kanji and len(p.kanji.split()) == 2]
    extra = _kanji_readings(kanji, (k[0] for k in jp), (k[1] for k in jp)) if kanji else {}
    out: list[Reading] = []
    for pi, p in enumerate(persons):
        if p.origin != "JP" or not p.kanji or len(p.kanji.split()) != 2 or not p.given:
            continue
        fk, gk = p.kanji.split()
        own = {fold_long(p.family), fold_long(p.given)}
        if p.family_hepburn:
            own.add(fold_long(p.family_hepburn))
        if p.given_hepburn:
            own.add(fold_long(p.given_hepburn))

        def options(kanji: str, canonical: str, kind: str, own: set[str] = own) -> list[tuple[int, str, str | None]]:
            jpn = sorted(readings.get(kanji, ()))
            for kana in extra.get((kind, kanji), ()):
                w = kana_to_wapuro(kana)
                if w:
                    jpn += sorted(_passport(w))
            jpn = [r for r in dict.fromkeys(jpn) if len(r) >= 3 and fold_long(r) not in own]
            opts: list[tuple[int, str, str | None]] = [(0, canonical.lower(), None)]
            opts += [(i + 1, r, JAPANESE) for i, r in enumerate(jpn[:MAX_PER_PART])]
            opts += [(1, r, PINYIN) for r in _pinyin(kanji) if fold_long(r) not in own]
            return opts

        combos = [
            (fr + gr, f, g, fs or gs or "")
            for fr, f, fs in options(fk, p.family, "family")
            for gr, g, gs in options(gk, p.given, "given")
            if not (fs is None and gs is None or (fs and gs and fs != gs))
        ]
        combos.sort(key=lambda c: c[0])  # the nearest misreadings first: one part, then both
        mine: list[Reading] = []
        for _, f, g, source in combos:
            for text in (f"{f} {g}", f"{g} {f}"):
                mine.append(Reading(pi, _title(text), p.kanji, source))
        out += mine[:MAX_PER_PERSON]
    return out + _korean(persons)
