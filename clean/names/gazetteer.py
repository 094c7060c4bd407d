"""Reading and checking a gazetteer file (``rules/names/people.toml``).

Every error names the file's line and key (:class:`NamesDataError`), because the people who
edit the gazetteer are not the people who wrote this code. :func:`build_keys` also refuses
ambiguous aliases: an alias that is another person's name must carry conditions.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import re
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import regex

from .people import Alias, Gazetteer, Person, Role, derived_variants
from .romanization import fold_long

ALIAS_KINDS = ("variant", "misreading", "mt_error", "short", "romanization")
ALIAS_ACTIONS = ("auto", "suggest")
PERSON_KEYS = {
    "id", "origin", "family", "given", "family_hepburn", "given_hepburn", "kanji", "kana", "native", "hanja",
    "middle", "suffix", "display", "blocklist", "role", "alias", "note",
}
ROLE_KEYS = {"office", "title", "from", "to", "note"}
ALIAS_KEYS = {"text", "kind", "action", "note", "preceded_by", "not_followed_by", "date_between"}
GAZ_TOP_KEYS = {"schema_version", "person"}
PERSON_ID_RE = re.compile(r"^[a-z]{2}\.[a-z0-9_]+$")
ORIGIN_RE = re.compile(r"^[A-Z]{2}$")
HANJA_RE = re.compile(r"^[\u4E00-\u9FFF\uF900-\uFAFF]+(?: [\u4E00-\u9FFF\uF900-\uFAFF]+)?$")


def file_key(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return (str(path.resolve()), st.st_mtime_ns, st.st_size)


def _line_of(text: str, needle: str, start: int = 1) -> int | None:
    """The number of the first line from line ``start`` on that holds ``needle``, else None."""
    lines, offsets = _lines(text)
    if start - 1 >= len(lines):
        return None
    pos = text.find(needle, offsets[start - 1])
    while pos != -1:
        i = bisect.bisect_right(offsets, pos) - 1
        if needle in lines[i]:  # not an occurrence across a line end
            return i + 1
        pos = text.find(needle, pos + 1)
    return None


@functools.lru_cache(maxsize=2)
def _lines(text: str) -> tuple[list[str], list[int]]:
    """The lines of a gazetteer's text and where each starts, for all the look-ups of one parse."""
    ends = text.splitlines(keepends=True)
    offsets = [0]
    for line in ends[:-1]:
        offsets.append(offsets[-1] + len(line))
    return text.splitlines(), offsets


class NamesDataError(Exception):
    """Bad names data: the message, and the line and key to point at (the caller adds the file)."""

    def __init__(self, message: str, line: int | None = None, key: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.key = key


def _date(v: Any, what: str, line: int | None) -> _dt.date:
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date):
        return v
    raise NamesDataError(f"{what} must be a TOML date (YYYY-MM-DD, unquoted), got {v!r}", line)


def _str(d: Mapping[str, Any], key: str, what: str, line: int | None, *, required: bool = False) -> str | None:
    v = d.get(key)
    if v is None:
        if required:
            raise NamesDataError(f"{what}: missing required key '{key}'", line, key)
        return None
    if not isinstance(v, str) or not v.strip():
        raise NamesDataError(f"{what}: '{key}' must be a non-empty string, got {v!r}", line, key)
    if v != v.strip() or "  " in v:
        raise NamesDataError(f"{what}: '{key}' has leading, trailing or doubled spaces: {v!r}", line, key)
    return v


def _patterns(v: Any, what: str, key: str, line: int | None) -> tuple[Any, ...]:
    if v is None:
        return ()
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise NamesDataError(f"{what}: '{key}' must be a list of regex strings", line, key)
    out = []
    for p in v:
        try:
            out.append(regex.compile(p, regex.V0))
        except regex.error as e:
            raise NamesDataError(f"{what}: bad regex in '{key}' {p!r}: {e}", line, key) from None
    return tuple(out)


def check_keys(d: Mapping[str, Any], allowed: set[str], what: str, line: int | None, prefix: str) -> None:
    """Refuse an unknown key, with a did-you-mean: a typo must not silently drop data."""
    import difflib

    for k in d:
        if k not in allowed:
            close = difflib.get_close_matches(k, sorted(allowed), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise NamesDataError(f"{what}: unknown key '{k}'; expected one of {', '.join(sorted(allowed))}{hint}", line, f"{prefix}{k}")


def parse_gazetteer(path: Path) -> Gazetteer:
    """Read and check a gazetteer file; raise :class:`NamesDataError` for bad data."""
    try:
        text = path.read_text("utf-8")
    except OSError as e:
        raise NamesDataError(f"cannot read the gazetteer: {e.strerror}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        raise NamesDataError(f"TOML syntax error: {re.sub(r' *[(]at line.*', '', str(e))}", int(m.group(1)) if m else None) from None
    check_keys(data, GAZ_TOP_KEYS, "gazetteer", None, "")
    if data.get("schema_version") != 1:
        raise NamesDataError(f"schema_version must be 1, got {data.get('schema_version')!r}", _line_of(text, "schema_version"), "schema_version")
    raw = data.get("person", [])
    if not isinstance(raw, list):
        raise NamesDataError("'person' must be an array of tables: write [[person]]", None, "person")
    persons: list[Person] = []
    seen: dict[str, int | None] = {}
    for i, d in enumerate(raw):
        pid = d.get("id") if isinstance(d, dict) else None
        line = _line_of(text, f'"{pid}"') if isinstance(pid, str) else None
        what = f"person {pid!r}" if isinstance(pid, str) else f"person #{i + 1}"
        if not isinstance(d, dict):
            raise NamesDataError(f"{what} must be a table", line)
        check_keys(d, PERSON_KEYS, what, line, "person.")
        if not isinstance(pid, str) or not PERSON_ID_RE.match(pid):
            raise NamesDataError(f"{what}: id must look like 'jp.motegi_toshimitsu' (country code, dot, lower-case name)", line, "person.id")
        if pid in seen:
            raise NamesDataError(f"duplicate person id {pid!r} (first at line {seen[pid]})", line, "person.id")
        seen[pid] = line
        origin = _str(d, "origin", what, line, required=True)
        assert origin is not None
        if not ORIGIN_RE.match(origin):
            raise NamesDataError(f"{what}: origin must be a two-letter upper-case country code such as 'JP', got {origin!r}", line, "person.origin")
        family = _str(d, "family", what, line, required=True)
        given = _str(d, "given", what, line) or ""
        fields = {k: _str(d, k, what, line) for k in ("family_hepburn", "given_hepburn", "kanji", "kana", "native", "hanja", "middle", "suffix", "display")}
        hanja = fields["hanja"]
        if hanja is not None and (origin not in ("KR", "KP") or not HANJA_RE.match(hanja) or (given and len(hanja.split()) != 2)):
            raise NamesDataError(f"{what}: hanja is for Korean names, written 'family given' in Chinese characters with one space, got {hanja!r}", line, "person.hanja")
        for k in ("family", "given"):
            hk = f"{k}_hepburn"
            spelled = fields[hk]
            if spelled and k in d and fold_long(spelled) != fold_long(d[k]):
                raise NamesDataError(f"{what}: {hk} {fields[hk]!r} is not a long-vowel spelling of {k} {d[k]!r}", line, f"person.{hk}")
        bl = d.get("blocklist", [])
        if not isinstance(bl, list) or not all(isinstance(x, str) and x.strip() for x in bl):
            raise NamesDataError(f"{what}: blocklist must be a list of texts", line, "person.blocklist")
        roles: list[Role] = []
        for r in d.get("role", []) or []:
            if not isinstance(r, dict):
                raise NamesDataError(f"{what}: each [[person.role]] must be a table", line, "person.role")
            check_keys(r, ROLE_KEYS, f"{what} role", line, "person.role.")
            office = _str(r, "office", f"{what} role", line, required=True)
            title = _str(r, "title", f"{what} role", line, required=True)
            if "from" not in r:
                raise NamesDataError(f"{what} role {title!r}: missing required key 'from'", line, "person.role.from")
            start = _date(r["from"], f"{what} role {title!r} 'from'", line)
            end = _date(r["to"], f"{what} role {title!r} 'to'", line) if "to" in r else None
            if end is not None and end < start:
                raise NamesDataError(f"{what} role {title!r}: 'to' {end} is before 'from' {start}", line, "person.role.to")
            roles.append(Role(office or "", title or "", start, end))
        aliases: list[Alias] = []
        for a in d.get("alias", []) or []:
            if not isinstance(a, dict):
                raise NamesDataError(f"{what}: each [[person.alias]] must be a table", line, "person.alias")
            atext = a.get("text")
            aline = _line_of(text, f'"{atext}"', line or 1) if isinstance(atext, str) else line
            awhat = f"{what} alias {atext!r}"
            check_keys(a, ALIAS_KEYS, awhat, aline, "person.alias.")
            atext = _str(a, "text", awhat, aline, required=True)
            kind = a.get("kind")
            if kind not in ALIAS_KINDS:
                raise NamesDataError(f"{awhat}: kind must be one of {', '.join(ALIAS_KINDS)}, got {kind!r}", aline, "person.alias.kind")
            action = a.get("action", "auto")
            if action not in ALIAS_ACTIONS:
                raise NamesDataError(f"{awhat}: action must be 'auto' or 'suggest', got {action!r}", aline, "person.alias.action")
            db = a.get("date_between")
            window = None
            if db is not None:
                if not isinstance(db, list) or len(db) != 2:
                    raise NamesDataError(f"{awhat}: date_between must be [from, to], two TOML dates", aline, "person.alias.date_between")
                window = (_date(db[0], f"{awhat} date_between", aline), _date(db[1], f"{awhat} date_between", aline))
                if window[1] < window[0]:
                    raise NamesDataError(f"{awhat}: date_between ends before it starts", aline, "person.alias.date_between")
            note = a.get("note", "")
            if not isinstance(note, str):
                raise NamesDataError(f"{awhat}: note must be a string", aline, "person.alias.note")
            aliases.append(
                Alias(
                    atext or "",
                    kind,
                    action,
                    note,
                    _patterns(a.get("preceded_by"), awhat, "person.alias.preceded_by", aline),
                    _patterns(a.get("not_followed_by"), awhat, "person.alias.not_followed_by", aline),
                    window,
                    aline,
                )
            )
        persons.append(
            Person(
                id=pid,
                origin=origin,
                family=family or "",
                given=given,
                blocklist=tuple(bl),
                roles=tuple(roles),
                aliases=tuple(aliases),
                line=line,
                **fields,
            )
        )
    return Gazetteer(str(path), tuple(persons), build_keys(persons, text))


def build_keys(persons: Sequence[Person], text: str) -> dict[str, tuple[tuple[int, str, int], ...]]:
    """All keys of all persons, checking that aliases are unambiguous."""
    full_names: dict[tuple[str, str], list[int]] = {}
    for i, p in enumerate(persons):
        full_names.setdefault((p.given.lower(), p.family.lower()), []).append(i)
    keys: dict[str, list[tuple[int, str, int]]] = {}
    derived_of: dict[str, set[int]] = {}
    canonical_of: dict[str, int] = {}
    for i, p in enumerate(persons):
        generic = not p.family_first and p.origin != "JP" and len(full_names[(p.given.lower(), p.family.lower())]) == 1
        for k in derived_variants(p, generic):
            keys.setdefault(k, []).append((i, "derived", -1))
            derived_of.setdefault(k, set()).add(i)
        for c in p.canonical_forms():
            canonical_of.setdefault(c.lower(), i)
    for i, p in enumerate(persons):
        own = derived_variants(p, False)
        for b in p.blocklist:
            if b.lower() in own:
                raise NamesDataError(f"person {p.id!r}: blocklist text {b!r} is one of the person's own names", p.line, "person.blocklist")
            keys.setdefault(b.lower(), []).append((i, "block", -1))
    alias_of: dict[str, list[tuple[int, Alias]]] = {}
    for i, p in enumerate(persons):
        for j, a in enumerate(p.aliases):
            k = a.text.lower()
            owner = canonical_of.get(k)
            if owner is not None and owner != i:
                raise NamesDataError(
                    f"person {p.id!r}: alias {a.text!r} is the canonical name of person {persons[owner].id!r}", a.line, "person.alias.text"
                )
            others = derived_of.get(k, set()) - {i}
            if others and not a.conditional:
                o = persons[min(others)]
                raise NamesDataError(
                    f"person {p.id!r}: alias {a.text!r} is also a name of person {o.id!r}; give the alias conditions "
                    "(preceded_by, not_followed_by, date_between) or remove it",
                    a.line,
                    "person.alias.text",
                )
            for oi, oa in alias_of.get(k, []):
                if oi == i:
                    continue
                if oa.date_between and a.date_between and (oa.date_between[1] < a.date_between[0] or a.date_between[1] < oa.date_between[0]):
                    continue
                raise NamesDataError(
                    f"person {p.id!r}: alias {a.text!r} also maps to person {persons[oi].id!r} (line {oa.line}); "
                    "two people may share an alias only with disjoint date_between windows",
                    a.line,
                    "person.alias.text",
                )
            alias_of.setdefault(k, []).append((i, a))
            keys.setdefault(k, []).append((i, "alias", j))
    return {k: tuple(v) for k, v in keys.items()}


_GAZ_CACHE: dict[tuple[str, int, int], Gazetteer | NamesDataError] = {}  # parsed once per file version


def load_gazetteer(path: Path) -> Gazetteer:
    key = file_key(path)
    got = _GAZ_CACHE.get(key)
    if got is None:
        try:
            got = parse_gazetteer(path)
        except NamesDataError as e:
            got = e
        _GAZ_CACHE[key] = got
    if isinstance(got, NamesDataError):
        raise got
    return got

