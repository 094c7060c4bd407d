"""The one schema vocabulary: options, their type checks, did-you-mean and key lines.

Rule options (each kind's ``OPTIONS``), policy keys (each kind's ``POLICY``) and the
``[tool.clean]`` table are all checked with these helpers, so a mistake reads the same
wherever it is made.

>>> check_type(True, int), check_type(3, float), check_type("a", (str, list))
(False, True, True)
>>> did_you_mean("name_ordr", ["name_order", "quotes"])
" (did you mean 'name_order'?)"
>>> key_line('[[rule]]\\nid = "X001"\\nlines = ["a"]\\n', "lines", 1)
3
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable
from typing import Any

TypeSpec = type | tuple[type, ...]
_RULE_HEADER = re.compile(r"^\s*\[\[\s*rule\s*\]\]")


@dataclasses.dataclass(frozen=True)
class Opt:
    """One option: its type(s), doc, whether it is required, its default (rule options only:
    policy defaults are data, in ``rules/policy.toml``), item type for lists, allowed values."""

    type: TypeSpec
    doc: str
    required: bool = False
    default: Any = None
    item: TypeSpec | None = None
    choices: tuple[Any, ...] | None = None

    def problem(self, value: Any) -> str | None:
        """What is wrong with ``value`` for this option, or None."""
        if not check_type(value, self.type):
            return f"expected {type_name(self.type)}, got {type(value).__name__} {value!r}"
        if self.item is not None and isinstance(value, list):
            for item in value:
                if not check_type(item, self.item):
                    return f"every item must be {type_name(self.item)}, got {item!r}"
        if self.choices is not None and value not in self.choices:
            return f"must be one of {', '.join(map(repr, self.choices))}, got {value!r}{did_you_mean(str(value), map(str, self.choices))}"
        return None


def type_name(t: type | tuple[type, ...]) -> str:
    names = {str: "a string", bool: "true or false", int: "an integer", float: "a number", list: "a list", dict: "a table"}
    if isinstance(t, tuple):
        return " or ".join(names.get(x, x.__name__) for x in t)
    return names.get(t, t.__name__)


def check_type(value: Any, t: type | tuple[type, ...]) -> bool:
    """isinstance, except that a bool is not an int and an int is a float."""
    ts = t if isinstance(t, tuple) else (t,)
    if isinstance(value, bool) and bool not in ts:
        return False
    if float in ts and isinstance(value, int) and not isinstance(value, bool):
        return True
    return isinstance(value, ts)


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``options``, or an empty string."""
    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def key_line(text: str, key: str | None, start: int | None) -> int | None:
    """The first line (1-based) at or after ``start`` that sets ``key``, within the same [[rule]].

    ``key`` may be dotted (``rule.example``, ``source.id``): its first part is looked for.
    Gives ``start`` when the key is not found (the error then points at the rule's header).
    """
    if key is None or start is None:
        return start
    name = key.split(".")[0]
    pat = re.compile(r"^\s*(?:\[+\s*(?:rule\.)?)?" + re.escape(name) + r"\s*(?:=|\]|\.)")
    lines = text.splitlines()
    for i in range(max(start - 1, 0), len(lines)):
        if i > start - 1 and _RULE_HEADER.match(lines[i]):
            break
        if pat.match(lines[i]):
            return i + 1
    return start or None
