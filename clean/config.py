"""Policies: the options a user may set, validated with messages that suggest the right key.

The *values* of the default policy live in ``rules/policy.toml`` (data); this module holds the
schema: which keys exist, their types and allowed values.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from .errors import ConfigError
from .kinds.base import Opt

POLICY: dict[str, Opt] = {
    "quotes": Opt(str, "typographic quotes and apostrophes: 'ascii' straightens them, 'typographic' keeps them", choices=("ascii", "typographic"), default="ascii"),
    "name_order": Opt(str, "order of Japanese (and Western) names: 'given-family' (Toshimitsu Motegi) or 'family-given' (Motegi Toshimitsu); Chinese and Korean names keep family-first in both", choices=("given-family", "family-given"), default="given-family"),
    "honorifics": Opt(str, "courtesy titles before a full name ('Mr. MOTEGI Toshimitsu', 'the Honorable ...'): 'drop' or 'keep'", choices=("drop", "keep"), default="drop"),
    "preserve_quoted_names": Opt(bool, "leave names inside quotation marks as written", default=False),
    "guard_max_removed": Opt(float, "the over-deletion guard: the largest share of a document's characters the rules may remove", default=0.5),
    "guard_action": Opt(str, "what to do with a document over the guard: 'keep' it as it was (reported), 'fail' it, or 'allow' the removal (reported)", choices=("keep", "fail", "allow"), default="keep"),
}


def suggest(word: str, options: list[str] | Any) -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_policy(values: Mapping[str, Any], *, where: str = "policy") -> dict[str, Any]:
    """Validate policy values; unknown keys and bad values are ConfigErrors naming the key."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        key_norm = key.replace("-", "_")
        spec = POLICY.get(key_norm)
        if spec is None:
            raise ConfigError(f"{where}: unknown policy key {key!r}{suggest(key_norm, POLICY)}; known keys: {', '.join(sorted(POLICY))}")
        ok = isinstance(value, spec.type) and not (isinstance(value, bool) and spec.type is not bool)
        if spec.type is float and isinstance(value, int) and not isinstance(value, bool):
            ok = True
            value = float(value)
        if not ok:
            raise ConfigError(f"{where}: policy key {key!r} expects {spec.type.__name__}, got {value!r}")
        if spec.choices is not None and value not in spec.choices:
            raise ConfigError(f"{where}: policy key {key!r} must be one of {', '.join(map(repr, spec.choices))}, got {value!r}{suggest(str(value), spec.choices)}")
        out[key_norm] = value
    return out


def resolve_policy(defaults: Mapping[str, Any], overrides: Mapping[str, Any] | None, *, defaults_where: str = "policy") -> dict[str, Any]:
    policy = {k: o.default for k, o in POLICY.items()}
    policy.update(check_policy(defaults, where=defaults_where))
    if overrides:
        policy.update(check_policy(overrides, where="options"))
    return policy
