"""What every match of a regular expression must look like, read from the pattern's syntax.

A rule's pattern is user data, run with the ``regex`` module. Running hundreds of them on every
line costs most of the boilerplate stage, although they match few lines. This module reads each
pattern once (with the standard library's own regex parser) and says, without running it, what
any match must satisfy:

* ``starts``: strings of which every match begins with one (``m[:len(p)] == p``);
* ``ends``: the same at the end of every match;
* ``needs``: strings of which every match contains one;
* ``min_len`` and ``max_len``: the shortest and the longest match, in characters.

All of them are exact: a string that fails one of them cannot match (the converse does not hold;
a candidate is then matched for real). ``starts``, ``ends`` (and ``folded``, the needed strings
folded) are compared under :func:`fold`, which maps every character the ``regex`` module takes
for another when ignoring case to one (``s`` and ``ſ``, ``i`` and ``İ``): a pattern matching
case-insensitively, or not, misses nothing through case. ``needs`` lists the case variants.

A pattern whose syntax the standard parser reads differently from ``regex`` or does not know
(fuzzy matching ``{e<=1}``, POSIX classes and set operations, back-references, verbose mode,
inline version or full-case flags) gets no shape at all (``None``): it is run on every line, as
before.

:class:`LineGate` turns the shapes of many full-line patterns into two compiled searches over a
document (the lines whose trimmed start, or end, is a key) or, for a few lines, dict look-ups line
by line; :class:`Needs` and :class:`AnyOf` tell at C speed whether a text may hold a match.
"""

from __future__ import annotations

from .gate import AnyOf, LineGate, Needs
from .shapes import UNBOUNDED, Shape, fold, shape

__all__ = ["UNBOUNDED", "AnyOf", "LineGate", "Needs", "Shape", "fold", "shape"]
