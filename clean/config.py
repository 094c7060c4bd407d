"""Policies and ``[tool.clean]``: the options a user may set, validated with did-you-mean.

The policy keys are declared where they are read: by the engine (the guard) and by each kind
(``Kind.POLICY``); their default values are data, in ``rules/policy.toml``. This module joins
the two and checks what users set.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .engine import POLICY as ENGINE_POLICY
from .errors import ConfigError
from .kinds import KINDS
from .ruleset import default_rules_dir
from .schema import Opt, did_you_mean


def _schema() -> dict[str, Opt]:
    keys: dict[str, Opt] = dict(ENGINE_POLICY)
    for kind in KINDS.values():
        for k, opt in kind.POLICY.items():
            if k in keys and keys[k] != opt:
                raise ConfigError(f"policy key {k!r} is declared twice, differently (kind {kind.KIND!r})")
            keys[k] = opt
    return keys


POLICY: dict[str, Opt] = _schema()
POLICY_FILE = "policy.toml"


@functools.cache
def default_policy() -> tuple[tuple[str, Any], ...]:
    """The bundled ``rules/policy.toml``'s values: the one place the defaults are written."""
    path = default_rules_dir() / POLICY_FILE
    try:
        data = tomllib.loads(path.read_text("utf-8")).get("policy", {})
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: cannot read the default policy: {e}") from None
    values = check_policy(data, where=str(path))
    missing = sorted(set(POLICY) - set(values))
    if missing:
        raise ConfigError(f"{path}: no default for the policy keys {', '.join(missing)}")
    return tuple(values.items())


def check_policy(values: Mapping[str, Any], *, where: str = "policy") -> dict[str, Any]:
    """Validate policy values; unknown keys and bad values are ConfigErrors naming the key."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        key_norm = key.replace("-", "_")
        spec = POLICY.get(key_norm)
        if spec is None:
            raise ConfigError(f"{where}: unknown policy key {key!r}{did_you_mean(key_norm, POLICY)}; known keys: {', '.join(sorted(POLICY))}")
        problem = spec.problem(value)
        if problem:
            raise ConfigError(f"{where}: policy key {key!r}: {problem}")
        out[key_norm] = float(value) if spec.type is float else value
    return out


def resolve_policy(defaults: Mapping[str, Any], overrides: Mapping[str, Any] | None, *, defaults_where: str = "policy") -> dict[str, Any]:
    """The bundled defaults, then a rules directory's ``[policy]`` (``defaults``), then ``overrides``."""
    policy = dict(default_policy())
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
    d = Path(start).resolve()
    for p in [d, *d.parents]:
        f = p / "pyproject.toml"
        if f.is_file():
            try:
                data = tomllib.loads(f.read_text("utf-8"))
            except (OSError, ValueError) as e:
                raise ConfigError(f"{f}: cannot read: {e}") from None
            if isinstance(data.get("tool"), dict) and "clean" in data["tool"]:
                return f
    return None


def load_project_config(path: Any) -> dict[str, Any]:
    """Read and validate ``[tool.clean]`` of a pyproject.toml; paths are made absolute."""
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
            raise ConfigError(f"{where}: unknown key {key!r}{did_you_mean(k, PROJECT_KEYS)}; known keys: {', '.join(sorted(PROJECT_KEYS))}")
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
