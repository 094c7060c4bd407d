"""Load, validate and select the rules of one or more rules directories.

A rules directory holds TOML *rule files* at its top level (``general.toml``, ``mainichi.toml``
...) and data files in sub-folders (``names/people.toml``). Each rule file may have:

* ``[source]``: the file's rules fire only on documents of that source, recognised by a
  fingerprint (``fingerprint_lines``: exact lines after trimming; ``fingerprint_patterns``:
  regexes searched in each line);
* ``[policy]``: default policy values (only in one file, conventionally ``policy.toml``);
* ``[[rule]]``: rule entries.

Everything is validated before any document is touched. Errors name the file, the line (where
TOML gives one, or the line of the rule's header or key), the rule id and the key, and say what
was expected (:class:`clean.errors.RuleFileError`).
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import regex

from .errors import ConfigError, RuleFileError
from .kinds import KINDS, STAGE_OF
from .kinds.base import Example, Rule
from .schema import Opt, did_you_mean, key_line

ID_RE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SOURCE_ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")

COMMON_KEYS = {
    "id": "stable rule code, e.g. BP001",
    "name": "kebab-case name of the problem, e.g. skip-to-content-prompt",
    "kind": "the rule kind",
    "summary": "one line saying what the rule removes or rewrites",
    "why": "why it is safe and useful",
    "example": "examples: [[rule.example]] tables with input and (for a change) output",
    "source": "id of the [source] the rule is limited to",
    "enabled_when": "policy values that must hold for the rule to run, e.g. {quotes = 'ascii'}",
    "overrides": "true when this rule deliberately replaces an earlier rule with the same id",
}
REQUIRED_COMMON = ("id", "name", "kind", "summary", "why", "example")
EXAMPLE_KEYS = {"input", "output", "note"}
SOURCE_KEYS = {"id", "name", "fingerprint_lines", "fingerprint_patterns", "summary"}
TOP_KEYS = {"source", "rule", "policy"}


@dataclasses.dataclass(frozen=True)
class Source:
    """A site recognised by a fingerprint."""

    id: str
    name: str
    lines: frozenset[str]
    patterns: tuple[Any, ...]  # compiled ``regex`` patterns
    path: str


@dataclasses.dataclass(frozen=True)
class RuleSet:
    """All validated rules in load order, the sources and the default policy."""

    rules: tuple[Rule, ...]
    sources: Mapping[str, Source]
    policy: Mapping[str, Any]
    policy_path: str | None = None

    def by_id(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id or r.name == rule_id:
                return r
        raise ConfigError(f"no such rule: {rule_id!r}{did_you_mean(rule_id, [r.id for r in self.rules] + [r.name for r in self.rules])}")

    def selected(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> RuleSet:
        """Keep the rules matched by ``select`` (all when empty), minus those matched by ``ignore``.

        A selector matches a rule by exact id, exact name, or id prefix (``MAI`` selects every
        Mainichi rule). A selector that matches nothing is an error (a typo must not silently
        select nothing).
        """
        select = list(select)
        ignore = list(ignore)
        for sel in select + ignore:
            if not any(_matches(sel, r) for r in self.rules):
                names = [r.id for r in self.rules] + [r.name for r in self.rules]
                raise ConfigError(f"--select/--ignore: no rule matches {sel!r}{did_you_mean(sel, names)}")
        keep = [
            r
            for r in self.rules
            if (not select or any(_matches(s, r) for s in select)) and not any(_matches(s, r) for s in ignore)
        ]
        return dataclasses.replace(self, rules=tuple(keep))


def _matches(selector: str, rule: Rule) -> bool:
    return selector in (rule.id, rule.name) or (selector.isupper() and rule.id.startswith(selector))


def default_rules_dir() -> Path:
    """The rules bundled with the package (or the checkout's ``rules/`` when run from source)."""
    here = Path(__file__).resolve().parent
    bundled = here / "_rules"
    if bundled.is_dir():
        return bundled
    checkout = here.parent / "rules"
    if checkout.is_dir():
        return checkout
    raise ConfigError(f"the default rules are missing: looked in {bundled} and {checkout}")


# --------------------------------------------------------------------------- loading


def load_ruleset(dirs: Sequence[str | Path], *, regex_timeout: float = 1.0) -> RuleSet:
    """Read every rule file of ``dirs`` (in order), validate everything, return a RuleSet."""
    rules: list[Rule] = []
    sources: dict[str, Source] = {}
    policy: dict[str, Any] = {}
    policy_path: str | None = None
    pending_source_refs: list[Rule] = []
    for d in dirs:
        d = Path(d)
        if not d.is_dir():
            raise ConfigError(f"rules directory not found: {d}")
        files = sorted(p for p in d.glob("*.toml") if p.is_file())
        if not files:
            raise ConfigError(f"no rule files (*.toml) in rules directory {d}")
        for path in files:
            data, text = _read_toml(path)
            unknown = set(data) - TOP_KEYS
            if unknown:
                key = sorted(unknown)[0]
                raise RuleFileError(
                    path,
                    f"unknown top-level key; expected one of [source], [policy], [[rule]]{did_you_mean(key, TOP_KEYS)}",
                    line=key_line(text, key, 0),
                    key=key,
                )
            if "policy" in data:
                if not isinstance(data["policy"], dict):
                    raise RuleFileError(path, "[policy] must be a table", key="policy")
                if policy_path is not None and d == Path(policy_path).parent:
                    raise RuleFileError(path, f"a second [policy] table (the first is in {policy_path})", key="policy")
                policy.update(data["policy"])
                policy_path = str(path)
            source = None
            if "source" in data:
                source = _load_source(path, text, data["source"], regex_timeout)
                if source.id in sources:
                    raise RuleFileError(path, f"source {source.id!r} is already defined in {sources[source.id].path}", key="source.id")
                sources[source.id] = source
            entries = data.get("rule", [])
            if not isinstance(entries, list):
                raise RuleFileError(path, "'rule' must be an array of tables: write [[rule]]", key="rule")
            headers = _rule_header_lines(text)
            for i, entry in enumerate(entries):
                line = headers[i] if i < len(headers) else None
                rule = _load_rule(path, text, entry, line, source, d)
                if rule.source is not None and source is None:
                    pending_source_refs.append(rule)
                rules = _add_rule(rules, rule)
    for rule in pending_source_refs:
        if rule.source not in sources:
            raise rule.error(
                f"unknown source {rule.source!r}; defined sources: {', '.join(sorted(sources)) or 'none'}", key="source"
            )
    names: dict[str, Rule] = {}
    for r in rules:
        other = names.get(r.name)
        if other is not None:
            raise r.error(f"duplicate rule name {r.name!r} (also rule {other.id} in {other.path})", key="name")
        names[r.name] = r
    return RuleSet(tuple(rules), sources, policy, policy_path)


def _add_rule(rules: list[Rule], rule: Rule) -> list[Rule]:
    for i, old in enumerate(rules):
        if old.id == rule.id:
            if not rule.overrides:
                raise rule.error(
                    f"duplicate rule id {rule.id} (first defined in {old.path}"
                    + (f":{old.line}" if old.line else "")
                    + "); use a new id, or set overrides = true to replace it on purpose",
                    key="id",
                )
            return rules[:i] + [rule] + rules[i + 1 :]
    if rule.overrides:
        raise rule.error(f"overrides = true, but no earlier rule has id {rule.id}", key="overrides")
    return rules + [rule]


def _read_toml(path: Path) -> tuple[dict[str, Any], str]:
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise RuleFileError(path, f"not UTF-8 ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise RuleFileError(path, f"cannot read: {e.strerror}") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line = int(m.group(1)) if m else None
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        raise RuleFileError(path, f"TOML syntax error: {msg}", line=line) from None


def _rule_header_lines(text: str) -> list[int]:
    return [i + 1 for i, l in enumerate(text.splitlines()) if re.match(r"^\s*\[\[\s*rule\s*\]\]", l)]


def _load_source(path: Path, text: str, data: Any, timeout: float) -> Source:
    if not isinstance(data, dict):
        raise RuleFileError(path, "[source] must be a table", key="source")
    line = key_line(text, "source", 1)
    for k in data:
        if k not in SOURCE_KEYS:
            raise RuleFileError(path, f"unknown key in [source]; expected one of {', '.join(sorted(SOURCE_KEYS))}{did_you_mean(k, SOURCE_KEYS)}", line=line, key=f"source.{k}")
    sid = data.get("id")
    if not isinstance(sid, str) or not SOURCE_ID_RE.match(sid):
        raise RuleFileError(path, "[source] needs id = a lower-case identifier such as 'mainichi'", line=line, key="source.id")
    name = data.get("name", sid)
    fl = data.get("fingerprint_lines", [])
    fp = data.get("fingerprint_patterns", [])
    if not _str_list(fl) or not _str_list(fp):
        raise RuleFileError(path, "fingerprint_lines and fingerprint_patterns must be lists of strings", line=line, key="source.fingerprint_lines")
    if not fl and not fp:
        raise RuleFileError(path, "[source] needs a fingerprint: fingerprint_lines or fingerprint_patterns", line=line, key="source")
    pats = []
    for p in fp:
        try:
            pats.append(regex.compile(p, regex.V0))
        except regex.error as e:
            raise RuleFileError(path, f"bad regex {p!r}: {e}", line=key_line(text, "fingerprint_patterns", 1), key="source.fingerprint_patterns") from None
    return Source(sid, str(name), frozenset(s.strip() for s in fl), tuple(pats), str(path))


def _str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _load_rule(path: Path, text: str, entry: Any, line: int | None, source: Source | None, base: Path) -> Rule:
    if not isinstance(entry, dict):
        raise RuleFileError(path, "each [[rule]] must be a table", line=line)
    rid = entry.get("id")
    shown = rid if isinstance(rid, str) else None

    def err(msg: str, key: str | None = None) -> RuleFileError:
        return RuleFileError(path, msg, line=key_line(text, key.split(".")[0], line) if key else line, rule=shown, key=key)

    for k in REQUIRED_COMMON:
        if k not in entry:
            raise err(f"missing required key '{k}' ({COMMON_KEYS[k]})", k)
    if not isinstance(rid, str) or not ID_RE.match(rid):
        raise err(f"id must look like BP001 (2-5 capitals and 3 digits), got {rid!r}", "id")
    for k in ("name", "kind", "summary", "why"):
        if not isinstance(entry[k], str) or not entry[k].strip():
            raise err(f"'{k}' must be a non-empty string ({COMMON_KEYS[k]})", k)
    if not NAME_RE.match(entry["name"]):
        raise err(f"name must be kebab-case (lower-case words joined by '-'), got {entry['name']!r}", "name")
    kind_name = entry["kind"]
    kind = KINDS.get(kind_name)
    if kind is None:
        raise err(f"unknown kind {kind_name!r}; known kinds: {', '.join(sorted(KINDS))}{did_you_mean(kind_name, KINDS)}", "kind")
    options: dict[str, Any] = {}
    for k, v in entry.items():
        if k in COMMON_KEYS:
            continue
        spec: Opt | None = kind.OPTIONS.get(k)
        if spec is None:
            allowed = sorted(set(COMMON_KEYS) | set(kind.OPTIONS))
            raise err(f"unknown key for kind {kind_name!r}; expected one of: {', '.join(allowed)}{did_you_mean(k, allowed)}", k)
        problem = spec.problem(v)
        if problem:
            raise err(problem, k)
        options[k] = v
    for k, spec in kind.OPTIONS.items():
        if k not in options:
            if spec.required:
                raise err(f"missing required key '{k}' for kind {kind_name!r} ({spec.doc})", k)
            options[k] = spec.default
    examples = _load_examples(entry["example"], err)
    src = entry.get("source")
    if src is not None and not isinstance(src, str):
        raise err("source must be a source id string", "source")
    if source is not None and src is not None and src != source.id:
        raise err(f"rule says source {src!r} but its file is limited to source {source.id!r}", "source")
    enabled_when = entry.get("enabled_when", {})
    if not isinstance(enabled_when, dict):
        raise err("enabled_when must be a table of policy values", "enabled_when")
    overrides = entry.get("overrides", False)
    if not isinstance(overrides, bool):
        raise err("overrides must be true or false", "overrides")
    sid = source.id if source else src
    rule = Rule(
        id=rid,
        name=entry["name"],
        kind=kind_name,
        stage=STAGE_OF[kind_name],
        summary=entry["summary"].strip(),
        why=entry["why"].strip(),
        options=options,
        examples=examples,
        path=str(path),
        line=line,
        source=sid,
        source_name=source.name if source else None,
        enabled_when=dict(enabled_when),
        overrides=overrides,
        base_dir=str(base),
    )
    kind.validate(rule)
    return rule


def _load_examples(raw: Any, err: Any) -> tuple[Example, ...]:
    if not isinstance(raw, list) or not raw:
        raise err("'example' must be a list of [[rule.example]] tables", "example")
    out = []
    for ex in raw:
        if not isinstance(ex, dict):
            raise err("each [[rule.example]] must be a table", "example")
        for k in ex:
            if k not in EXAMPLE_KEYS:
                raise err(f"unknown key in [[rule.example]]: {k!r}; expected input, output, note", f"example.{k}")
        if not isinstance(ex.get("input"), str):
            raise err("every example needs input = a string", "example.input")
        o = ex.get("output")
        if o is not None and not isinstance(o, str):
            raise err("example output must be a string", "example.output")
        if o is not None and o == ex["input"]:
            raise err("example output equals its input: leave output out for a must-not-change example", "example.output")
        out.append(Example(ex["input"], o, str(ex.get("note", ""))))
    if not any(e.output is not None for e in out):
        raise err("needs at least one example that the rule changes (with output = the expected text)", "example")
    if not any(e.output is None for e in out):
        raise err("needs at least one must-not-change example (an example without output)", "example")
    return tuple(out)
