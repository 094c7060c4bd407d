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

* Japanese: ``japanese-personal-name-dataset`` (already the lexicon's source; read offline from
  its CSV files): for each name part, the readings the dataset attests for that kanji string as a
  surname and as a given name. These are readings real people bear (敏充: toshimitsu, toshimichi),
  which is what a translator picks; composing per-kanji on/kun readings (KANJIDIC2) would give
  dozens of unattested spellings per name. The KANJIDIC2 packages on PyPI were not taken:
  ``jamdict-data`` is a 54 MB download of a 2021 alpha project, ``pykakasi`` is GPL-3.0 and its
  per-kanji table is internal API.
* Mandarin: ``pypinyin`` (MIT, maintained, 4 MB, pure Python, data bundled): the most common
  reading of each character, tones dropped, as a translator writes it.

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

from .people import Person
from .romanization import fold_long, kana_to_wapuro

JAPANESE, PINYIN = "japanese", "pinyin"


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


def _pinyin(kanji: str) -> tuple[str, ...]:
    """Pinyin of a kanji string, joined and spaced ("yiwei", "yi wei"); () when a character has none."""
    table = _pinyin_table()
    syl = []
    for c in kanji:
        v = table.get(ord(c))
        if not v:
            return ()
        first = unicodedata.normalize("NFD", v.split(",")[0])
        syl.append("".join(ch for ch in first if not unicodedata.combining(ch)))
    if not syl or not all(s.isascii() and s.isalpha() for s in syl):
        return ()
    return tuple(dict.fromkeys(("".join(syl), " ".join(syl))))


def _title(s: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in s.split(" "))


def derive_readings(persons: Iterable[Person], package: str) -> list[Reading]:
    """Every derived misreading of every Japanese person with a two-part ``kanji`` (family given).

    A Japanese reading is one the dataset attests for the part; the person's own reading (any
    long-vowel spelling of it) is not a misreading. Japanese and pinyin readings are not mixed in
    one name; a part may stay in its canonical romaji while the other is misread.
    """
    persons = list(persons)
    parts = {k for p in persons if p.origin == "JP" and p.kanji for k in p.kanji.split()}
    readings = _dataset_readings(package, frozenset(parts))
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

        def options(kanji: str, canonical: str, own: set[str] = own) -> list[tuple[str, str | None]]:
            opts: list[tuple[str, str | None]] = [(canonical.lower(), None)]
            opts += [(r, JAPANESE) for r in sorted(readings.get(kanji, ())) if fold_long(r) not in own]
            opts += [(r, PINYIN) for r in _pinyin(kanji) if fold_long(r) not in own]
            return opts

        for (f, fs), (g, gs) in ((a, b) for a in options(fk, p.family) for b in options(gk, p.given)):
            if fs is None and gs is None or (fs and gs and fs != gs):
                continue
            source = fs or gs or ""
            for text in (f"{f} {g}", f"{g} {f}"):
                out.append(Reading(pi, _title(text), p.kanji, source))
    return out
