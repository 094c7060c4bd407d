"""People's names: the data and the matchers behind the ``names`` kind.

This package holds no knowledge of particular people (that is ``rules/names/``) and does not
import the engine, the kinds or the commands: the kind :class:`clean.kinds.names.Names` and the
``clean suggest`` command both build on it.

==================  ==========================================================================
module              what it holds
==================  ==========================================================================
``romanization``    folding marks and long vowels, kana -> romaji, long-vowel spellings
``people``          the gazetteer model (person, role, alias) and the variants derived from it
``gazetteer``       reading and checking a gazetteer file, the key table, data errors
``lexicons``        word lists and the Japanese personal-name dataset
``dates``           the document's date, date-interval arithmetic
``text``            boundaries, neighbouring words, quoted spans, :class:`~.text.Mention`
``readings``        misreadings derived from the kanji: Japanese readings, pinyin
``index``           :class:`~.index.NameIndex`: one automaton over every key, hits -> mentions
``honorifics``      courtesy titles and honorific suffixes
``unlisted``        names outside the gazetteer: ALL-CAPS family names, family-first pairs
``plans``           what the stage does to one line on its own, worked out once and replayed
==================  ==========================================================================

Third-party packages: ``pyahocorasick`` (one automaton for every variant: matching costs one
pass over a line whatever the number of people), ``regex`` (Unicode classes in the name
patterns), ``japanese-personal-name-dataset`` (surnames and given names, read offline),
``pypinyin`` (the Mandarin reading of each kanji; see :mod:`.readings` for why these two).
"""

from __future__ import annotations

from .dates import document_date
from .gazetteer import NamesDataError, load_gazetteer, parse_gazetteer
from .index import NameIndex
from .people import Alias, Gazetteer, Person, Role, derived_variants
from .romanization import kana_to_wapuro, long_vowel_variants

__all__ = [
    "Alias",
    "Gazetteer",
    "NameIndex",
    "NamesDataError",
    "Person",
    "Role",
    "derived_variants",
    "document_date",
    "kana_to_wapuro",
    "load_gazetteer",
    "long_vowel_variants",
    "parse_gazetteer",
]
