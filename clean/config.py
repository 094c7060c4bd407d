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
    "name_order": Opt(str, "order of Japanese names: 'given-family' (Toshimitsu Motegi) or 'family-given' (Motegi Toshimitsu); Western names stay given-first and Chinese and Korean names family-first in both", choices=("given-family", "family-given"), default="given-family"),
    "honorifics": Opt(str, "courtesy titles before a full name ('Mr. MOTEGI Toshimitsu', 'the Honorable ...'): 'drop' or 'keep'", choices=("drop", "keep"), default="drop"),
    "preserve_quoted_names": Opt(bool, "leave names inside quotation marks as written", default=False),
    "headline": Opt(str, "an HTML page's headline: 'keep' puts it first, 'drop' leaves it out (for text compared with article bodies that have none)", choices=("keep", "drop"), default="keep"),
    "guard_max_removed": Opt(float, "the over-deletion guard: the largest share of a document's characters the rules may remove", default=0.5),
    "guard_min_chars": Opt(int, "the guard judges only documents with at least this many non-space characters (a short text is too small to judge)", default=200),
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


# ---------------------------------------------------------------------------- [tool.clean]

PROJECT_KEYS: dict[str, str] = {
    "rules": "extra rules directories (list of paths, relative to pyproject.toml)",
    "default-rules": "load the bundled rules (true/false)",
    "select": "rule ids, names or id prefixes to run (list)",
    "ignore": "rule ids, names or id prefixes not to run (list)",
    "policy": "policy values (table; see clean --list-policy)",
    "output": "output directory (path, relative to pyproject.toml)",
    "encoding": "force the input encoding (string)",
}


def find_pyproject(start: Any) -> Any:
    """The nearest pyproject.toml at or above ``start`` that has a [tool.clean] table, or None."""
    from pathlib import Path

    d = Path(start).resolve()
    for p in [d, *d.parents]:
        f = p / "pyproject.toml"
        if f.is_file():
            try:
                import tomllib

                data = tomllib.loads(f.read_text("utf-8"))
            except (OSError, ValueError) as e:
                raise ConfigError(f"{f}: cannot read: {e}") from None
            if isinstance(data.get("tool"), dict) and "clean" in data["tool"]:
                return f
    return None


def load_project_config(path: Any) -> dict[str, Any]:
    """Read and validate ``[tool.clean]`` of a pyproject.toml; paths are made absolute."""
    import tomllib
    from pathlib import Path

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: TOML syntax error: {e}") from None
    table = data.get("tool", {}).get("clean", {})
    where = f"{path} [tool.clean]"
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table")
    out: dict[str, Any] = {}
    for key, value in table.items():
        k = key.replace("_", "-")
        if k not in PROJECT_KEYS:
            raise ConfigError(f"{where}: unknown key {key!r}{suggest(k, PROJECT_KEYS)}; known keys: {', '.join(sorted(PROJECT_KEYS))}")
        if k in ("rules", "select", "ignore"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: {key!r} must be a list of strings")
            if k == "rules":
                value = [str((path.parent / v).resolve()) for v in value]
        elif k == "policy":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: 'policy' must be a table")
            value = check_policy(value, where=f"{where}.policy")
        elif k == "default-rules":
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: 'default-rules' must be true or false")
        elif k in ("output", "encoding"):
            if not isinstance(value, str):
                raise ConfigError(f"{where}: {key!r} must be a string")
            if k == "output":
                value = str((path.parent / value).resolve())
        out[k] = value
    return out
