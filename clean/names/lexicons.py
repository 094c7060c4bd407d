"""Word lists the names stage consults: stop tokens, titles, acronyms, CJK surnames, places, and
the Japanese personal-name dataset (surnames with population, given names).

The dataset (package ``japanese-personal-name-dataset``, read offline from its CSV files) is what
lets the stage reorder "KAMIKAWA Yoko" without the person being in the gazetteer; the small lists
in ``rules/names/lexicons/`` correct it and say what is never a name.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import importlib.util
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .gazetteer import NamesDataError, check_keys, file_key
from .romanization import lexicon_keys, passport_forms


def _read_list(path: Path) -> list[str]:
    out: list[str] = []
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def _words(path: Path) -> set[str]:
    return {w.lower() for line in _read_list(path) for w in line.split()}


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
    # full spellings never taken as a derived reading: a real other person spelled that way
    not_readings: frozenset[str] = frozenset()

    def is_surname(self, tok: str) -> bool:
        return any(k in self.surnames for k in lexicon_keys(tok))

    def is_given(self, tok: str) -> bool:
        return any(k in self.given for k in lexicon_keys(tok))

    def surname_strong(self, tok: str) -> bool:
        """A surname that is not also a given name, or a very common one (100,000 people or more)."""
        ks = lexicon_keys(tok)
        for k in ks:
            pop = self.surnames.get(k)
            if pop is not None and (k not in self.given or pop >= 100_000):
                return True
        return False

    def given_strong(self, tok: str) -> bool:
        ks = lexicon_keys(tok)
        return any(k in self.given for k in ks) and not any(k in self.surnames for k in ks)


@functools.lru_cache(maxsize=4)
def _jp_dataset(package: str) -> tuple[dict[str, int], frozenset[str]]:
    """Surname forms (with population) and given-name forms of the Japanese name dataset."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise NamesDataError(f"the Japanese name lexicon package {package!r} is not installed")
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
        check_keys(data, {"schema_version", "synonyms"}, "title_synonyms.toml", None, "")
        for k, v in (data.get("synonyms") or {}).items():
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise NamesDataError(f"title_synonyms.toml: {k!r} must map to a list of titles", None, k)
            syn[k.lower()] = tuple(x.lower() for x in v)
    nr = directory / "never_reorder.txt"
    xr = directory / "not_readings.txt"
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
        not_readings=frozenset(x.lower() for x in _read_list(xr)) if xr.exists() else frozenset(),
    )



def _dir_stamp(d: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(sorted(file_key(p) for p in d.iterdir() if p.is_file()))


@functools.lru_cache(maxsize=8)
def _load_lexicons_cached(directory: str, stamp: Any, package: str) -> Lexicons:
    return load_lexicons(Path(directory), package)


def load_lexicons_cached(directory: Path, package: str) -> Lexicons:
    """:func:`load_lexicons`, loaded once per version of the folder's files (one per process)."""
    return _load_lexicons_cached(str(directory.resolve()), _dir_stamp(directory), package)
