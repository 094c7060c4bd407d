"""Lint the names gazetteer data (rules/names/people.toml), codespell-style.

Checks the schema (clean/names/gazetteer.py), the internal consistency of every entry, the
alias table (no ambiguous auto-rewrites), and coverage: for every required office and
every day since 2000-01-01 at most one person holds it, and gaps are documented below.

Role intervals are half-open: a role covers [from, to); `to` is the day the successor
took office (or the person left) and is omitted while the person is in office.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import tomllib
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
import regex

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = ROOT / "rules" / "names" / "people.toml"

AS_OF = dt.date(2026, 11, 30)  # data are current as of November 2026
COVERAGE_START = dt.date(2000, 1, 1)

PERSON_REQUIRED = {"id", "origin", "family", "given"}
PERSON_KEYS = PERSON_REQUIRED | {
    "family_hepburn",
    "given_hepburn",
    "kanji",
    "kana",
    "native",
    "hanja",
    "middle",
    "suffix",
    "display",
    "blocklist",
    "role",
    "alias",
}
ROLE_REQUIRED = {"office", "title", "from"}
ROLE_KEYS = ROLE_REQUIRED | {"to", "note"}
ALIAS_REQUIRED = {"text", "kind", "action"}
ALIAS_KEYS = ALIAS_REQUIRED | {"note", "preceded_by", "not_followed_by", "date_between"}
ALIAS_KINDS = {"variant", "misreading", "mt_error", "short", "romanization"}
ALIAS_ACTIONS = {"auto", "suggest"}

ORIGINS = {"JP", "US", "CN", "KR", "KP", "TW", "NO"}
FAMILY_FIRST_ORIGINS = {"CN", "KR", "KP", "TW"}

OFFICES = {
    "jp.prime_minister",
    "jp.foreign_minister",
    "jp.defense_minister",
    "jp.chief_cabinet_secretary",
    "us.president",
    "us.vice_president",
    "us.secretary_of_state",
    "us.secretary_of_defense",
    "us.national_security_advisor",
    "us.ambassador_to_japan",
    "cn.president",
    "cn.general_secretary",
    "cn.premier",
    "cn.foreign_minister",
    "cn.director_foreign_affairs_commission",
    "kr.president",
    "kr.foreign_minister",
    "kp.supreme_leader",
    "kp.foreign_minister",
    "tw.president",  # added with this file
    "other",
}

# Offices whose holders since 2000 must all be present (the coverage the README promises).
REQUIRED_OFFICES = [
    "jp.prime_minister",
    "jp.foreign_minister",
    "jp.defense_minister",
    "jp.chief_cabinet_secretary",
    "us.president",
    "us.vice_president",
    "us.secretary_of_state",
    "us.secretary_of_defense",
    "cn.president",
    "cn.general_secretary",
    "cn.premier",
    "cn.foreign_minister",
    "kr.president",
    "kr.foreign_minister",
    "kp.supreme_leader",
    "kp.foreign_minister",
]

SAMPLE_DATES = [
    dt.date(2000, 6, 1),
    dt.date(2005, 1, 1),
    dt.date(2010, 1, 1),
    dt.date(2015, 1, 1),
    dt.date(2021, 3, 16),
    dt.date(2024, 1, 1),
    dt.date(2026, 6, 1),
]

# Documented vacancies (office, first vacant day, first day filled again): reason.
ALLOWED_GAPS = {
    ("us.secretary_of_state", dt.date(2009, 1, 20), dt.date(2009, 1, 21)): "Clinton sworn in the day after the inauguration",
    ("us.secretary_of_state", dt.date(2017, 1, 20), dt.date(2017, 2, 1)): "acting secretary Tom Shannon (not listed)",
    ("us.secretary_of_state", dt.date(2018, 3, 31), dt.date(2018, 4, 26)): "acting secretary John J. Sullivan (not listed)",
    ("us.secretary_of_state", dt.date(2021, 1, 20), dt.date(2021, 1, 26)): "acting secretary Daniel Smith (not listed)",
    ("us.secretary_of_state", dt.date(2025, 1, 20), dt.date(2025, 1, 21)): "acting secretary for one day (not listed)",
    ("us.secretary_of_defense", dt.date(2019, 7, 15), dt.date(2019, 7, 23)): "acting secretary Richard Spencer (not listed)",
    ("us.secretary_of_defense", dt.date(2021, 1, 20), dt.date(2021, 1, 22)): "acting secretary David Norquist (not listed)",
    ("us.secretary_of_defense", dt.date(2025, 1, 20), dt.date(2025, 1, 25)): "acting secretary Robert Salesses (not listed)",
    ("kr.president", dt.date(2017, 3, 10), dt.date(2017, 5, 10)): "Park removed; acting president Hwang Kyo-ahn (role 'other')",
    ("kr.president", dt.date(2025, 4, 4), dt.date(2025, 6, 4)): "Yoon removed; acting presidents (role 'other')",
    ("kr.foreign_minister", dt.date(2006, 11, 10), dt.date(2006, 12, 1)): "Ban Ki-moon left for the UN; vice minister acting",
    ("kr.foreign_minister", dt.date(2010, 9, 6), dt.date(2010, 10, 8)): "Yu Myung-hwan resigned; vice minister acting",
    ("kp.foreign_minister", dt.date(2007, 1, 2), dt.date(2007, 5, 18)): "Paek Nam-sun died; post filled in an acting capacity",
}

ID_RE = re.compile(r"^[a-z]{2}\.[a-z0-9]+_[a-z0-9]+$")
KANA_RE = re.compile(r"^[\u3041-\u3096ー]+ [\u3041-\u3096ー]+$")
HANJA_RE = re.compile(r"^[\u4E00-\u9FFF\uF900-\uFAFF]+ [\u4E00-\u9FFF\uF900-\uFAFF]+$")
KANJI_RE = re.compile(r"^[\u3041-\u3096\u30A1-\u30FA\u3005\u4E00-\u9FFF]+ [\u3041-\u3096\u30A1-\u30FA\u3005\u4E00-\u9FFF]+$")


def load() -> dict:
    with PEOPLE.open("rb") as f:
        return tomllib.load(f)


DATA = load()
PERSONS: list[dict] = DATA.get("person", [])
BY_ID = {p["id"]: p for p in PERSONS if "id" in p}


def pid(p: dict) -> str:
    return p.get("id", "?")


def slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", s.lower())


def canonical_forms(p: dict) -> set[str]:
    """The texts that name this person without any alias (compared case-insensitively)."""
    g, f = p["given"], p["family"]
    forms = {f"{g} {f}", f"{f} {g}"}
    if p.get("middle"):
        forms.add(f"{g} {p['middle']} {f}")
    if p.get("display"):
        forms.add(p["display"])
    return {x.casefold() for x in forms}


def roles(office: str):
    for p in PERSONS:
        for r in p.get("role", []):
            if r.get("office") == office:
                yield p, r


def holds(r: dict, day: dt.date) -> bool:
    return r["from"] <= day and (r.get("to") is None or day < r["to"])


def walk_strings(obj, path=""):
    if isinstance(obj, str):
        yield path, obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from walk_strings(v, f"{path}.{k}" if path else k)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from walk_strings(v, f"{path}[{i}]")


# --- kana -> modified Hepburn, enough to cross-check readings -------------------------

_KANA = {
    "あ": "a", "い": "i", "う": "u", "え": "e", "お": "o",
    "か": "ka", "き": "ki", "く": "ku", "け": "ke", "こ": "ko",
    "が": "ga", "ぎ": "gi", "ぐ": "gu", "げ": "ge", "ご": "go",
    "さ": "sa", "し": "shi", "す": "su", "せ": "se", "そ": "so",
    "ざ": "za", "じ": "ji", "ず": "zu", "ぜ": "ze", "ぞ": "zo",
    "た": "ta", "ち": "chi", "つ": "tsu", "て": "te", "と": "to",
    "だ": "da", "ぢ": "ji", "づ": "zu", "で": "de", "ど": "do",
    "な": "na", "に": "ni", "ぬ": "nu", "ね": "ne", "の": "no",
    "は": "ha", "ひ": "hi", "ふ": "fu", "へ": "he", "ほ": "ho",
    "ば": "ba", "び": "bi", "ぶ": "bu", "べ": "be", "ぼ": "bo",
    "ぱ": "pa", "ぴ": "pi", "ぷ": "pu", "ぺ": "pe", "ぽ": "po",
    "ま": "ma", "み": "mi", "む": "mu", "め": "me", "も": "mo",
    "や": "ya", "ゆ": "yu", "よ": "yo",
    "ら": "ra", "り": "ri", "る": "ru", "れ": "re", "ろ": "ro",
    "わ": "wa", "を": "o", "ん": "n",
}
_SMALL = {"ゃ": "a", "ゅ": "u", "ょ": "o"}


def kana_to_hepburn(kana: str) -> str:
    out: list[str] = []
    i = 0
    gem = False
    while i < len(kana):
        c = kana[i]
        if c == "っ":
            gem = True
            i += 1
            continue
        syl = _KANA[c]
        if i + 1 < len(kana) and kana[i + 1] in _SMALL:
            base = syl[:-1]  # き -> k, し -> sh, ち -> ch, じ -> j
            if base in ("sh", "ch", "j"):
                syl = base + _SMALL[kana[i + 1]]
            else:
                syl = base + "y" + _SMALL[kana[i + 1]]
            i += 1
        if gem:
            syl = ("t" if syl.startswith("ch") else syl[0]) + syl
            gem = False
        if c == "ん" and i + 1 < len(kana) and _KANA.get(kana[i + 1], "x")[0] in "aiueoy":
            syl = "n'"
        out.append(syl)
        i += 1
    s = "".join(out)
    s = s.replace("ou", "ō").replace("oo", "ō").replace("uu", "ū")
    return s


def ascii_spellings(hepburn: str) -> set[str]:
    """News ASCII spellings a modified-Hepburn name can legitimately have."""
    h = hepburn.lower().replace("'", "")
    parts: list[list[str]] = []
    i = 0
    while i < len(h):
        c = h[i]
        if c == "ō":
            parts.append(["o", "oh", "ou", "oo"])
        elif c == "ū":
            parts.append(["u", "uu"])
        elif c == "n" and i + 1 < len(h) and h[i + 1] in "bmp":
            parts.append(["n", "m"])
        else:
            parts.append([c])
        i += 1
    return {"".join(x) for x in itertools.product(*parts)}


# --- file level -----------------------------------------------------------------------


def test_file_parses_and_schema_version():
    assert DATA.get("schema_version") == 1
    assert set(DATA) == {"schema_version", "person"}, f"unexpected top-level keys: {set(DATA)}"
    assert len(PERSONS) >= 100


def test_file_is_nfc_utf8_without_tabs_or_trailing_space():
    raw = PEOPLE.read_bytes()
    text = raw.decode("utf-8")
    assert unicodedata.is_normalized("NFC", text)
    for n, line in enumerate(text.splitlines(), 1):
        assert "\t" not in line, f"line {n}: tab"
        assert line == line.rstrip(), f"line {n}: trailing whitespace"


# --- persons --------------------------------------------------------------------------


@pytest.mark.parametrize("p", PERSONS, ids=pid)
def test_person_keys(p):
    missing = PERSON_REQUIRED - set(p)
    assert not missing, f"{pid(p)}: missing {sorted(missing)}"
    unknown = set(p) - PERSON_KEYS
    assert not unknown, f"{pid(p)}: unknown keys {sorted(unknown)}"
    for r in p.get("role", []):
        assert ROLE_REQUIRED <= set(r), f"{pid(p)}: role missing {sorted(ROLE_REQUIRED - set(r))}"
        assert set(r) <= ROLE_KEYS, f"{pid(p)}: role has unknown keys {sorted(set(r) - ROLE_KEYS)}"
    for a in p.get("alias", []):
        assert ALIAS_REQUIRED <= set(a), f"{pid(p)}: alias missing {sorted(ALIAS_REQUIRED - set(a))}"
        assert set(a) <= ALIAS_KEYS, f"{pid(p)}: alias has unknown keys {sorted(set(a) - ALIAS_KEYS)}"


@pytest.mark.parametrize("p", PERSONS, ids=pid)
def test_strings_are_nfc_and_trimmed(p):
    for path, s in walk_strings(p):
        assert s, f"{pid(p)}.{path}: empty string"
        assert unicodedata.is_normalized("NFC", s), f"{pid(p)}.{path}: not NFC: {s!r}"
        assert s == s.strip(), f"{pid(p)}.{path}: leading/trailing space: {s!r}"
        assert "  " not in s or path.endswith(("preceded_by", "not_followed_by")) or "[" in path, (
            f"{pid(p)}.{path}: double space: {s!r}"
        )


def test_ids_unique():
    ids = [pid(p) for p in PERSONS]
    dup = {i for i in ids if ids.count(i) > 1}
    assert not dup, f"duplicate ids: {sorted(dup)}"


@pytest.mark.parametrize("p", PERSONS, ids=pid)
def test_id_well_formed_and_consistent(p):
    assert ID_RE.match(p["id"]), f"{pid(p)}: id must match {ID_RE.pattern}"
    expected = f"{p['origin'].lower()}.{slug(p['family'])}_{slug(p['given'])}"
    assert p["id"] == expected, f"{pid(p)}: id should be {expected!r}"


@pytest.mark.parametrize("p", PERSONS, ids=pid)
def test_names(p):
    assert p["origin"] in ORIGINS, f"{pid(p)}: origin {p['origin']!r}"
    for key in ("family", "given", "middle", "suffix"):
        if key in p:
            v = p[key]
            assert v.isascii(), f"{pid(p)}.{key}: canonical spelling must be ASCII (macrons go in *_hepburn): {v!r}"
            assert v[0].isupper(), f"{pid(p)}.{key}: must start with a capital: {v!r}"
            assert not v.isupper() or len(v) <= 4, f"{pid(p)}.{key}: ALL-CAPS is derived, don't store it: {v!r}"
    assert " " not in p["family"], f"{pid(p)}: family name with a space"
    if "blocklist" in p:
        assert isinstance(p["blocklist"], list) and p["blocklist"], f"{pid(p)}: blocklist must be a non-empty list"


@pytest.mark.parametrize("p", [p for p in PERSONS if p["origin"] == "JP"], ids=pid)
def test_japanese_entry(p):
    for key in ("native",):
        assert key not in p, f"{pid(p)}: JP uses kanji/kana, not {key}"
    if p.get("role"):
        assert "kanji" in p and "kana" in p, f"{pid(p)}: office holders need kanji and kana"
    if "kanji" in p:
        assert KANJI_RE.match(p["kanji"]), f"{pid(p)}: kanji must be 'family given' with one space: {p['kanji']!r}"
    if "kana" in p:
        assert KANA_RE.match(p["kana"]), f"{pid(p)}: kana must be hiragana 'family given': {p['kana']!r}"
    for part, hep_key in (("family", "family_hepburn"), ("given", "given_hepburn")):
        ascii_name = p[part]
        hep = p.get(hep_key)
        if hep is not None:
            assert hep != ascii_name, f"{pid(p)}: {hep_key} identical to {part}; omit it"
            assert not hep.isascii() or "'" in hep or hep.lower() != ascii_name.lower(), f"{pid(p)}: {hep_key} adds nothing"
            assert ascii_name.lower() in ascii_spellings(hep), (
                f"{pid(p)}: {part} {ascii_name!r} is not an ASCII spelling of {hep_key} {hep!r}"
            )
        if "kana" in p:
            kana = p["kana"].split(" ")[0 if part == "family" else 1]
            reading = kana_to_hepburn(kana)
            want = (hep or ascii_name).lower().replace("'", "")
            assert reading.replace("'", "") == want, (
                f"{pid(p)}: kana {kana!r} reads {reading!r}, but {hep_key if hep else part} is {hep or ascii_name!r}"
                " (missing macron, or a typo)"
            )
    if "display" in p:
        assert p["display"] in (f"{p['given']} {p['family']}", f"{p['family']} {p['given']}"), (
            f"{pid(p)}: JP display must be the name in one order"
        )


@pytest.mark.parametrize("p", [p for p in PERSONS if p["origin"] != "JP"], ids=pid)
def test_non_japanese_entry(p):
    for key in ("kanji", "kana", "family_hepburn", "given_hepburn"):
        assert key not in p, f"{pid(p)}: {key} is for JP names only"
    if "hanja" in p:
        assert p["origin"] in ("KR", "KP"), f"{pid(p)}: hanja is for Korean names"
        assert HANJA_RE.match(p["hanja"]), f"{pid(p)}: hanja must be 'family given' in Chinese characters: {p['hanja']!r}"
        fam, giv = p["hanja"].split(" ")
        # one character a syllable: 朴 振 for 박진, 尹 錫悅 for 윤석열
        assert len(fam) + len(giv) == len(p["native"]), f"{pid(p)}: hanja {p['hanja']!r} does not match native {p['native']!r}"
    if p["origin"] in FAMILY_FIRST_ORIGINS:
        assert "native" in p, f"{pid(p)}: {p['origin']} names need `native`"
        assert "display" in p, f"{pid(p)}: {p['origin']} names carry an explicit display form"
        assert p["display"].startswith(p["family"] + " "), f"{pid(p)}: display must be family-first"
        assert slug(p["display"]) == slug(p["family"] + p["given"]), f"{pid(p)}: display must spell family + given"
    elif "display" in p:
        d = p["display"]
        assert d.startswith(p["given"] + " ") and d.endswith(" " + p["family"]), f"{pid(p)}: display must be given ... family"


# --- roles ----------------------------------------------------------------------------


@pytest.mark.parametrize("p", [p for p in PERSONS if p.get("role")], ids=pid)
def test_roles(p):
    prev = None
    for r in p["role"]:
        assert r["office"] in OFFICES, f"{pid(p)}: unknown office {r['office']!r}"
        f, t = r["from"], r.get("to")
        assert type(f) is dt.date, f"{pid(p)}: from must be a TOML local date, got {f!r}"
        assert f <= AS_OF, f"{pid(p)}: from {f} is in the future"
        if t is not None:
            assert type(t) is dt.date, f"{pid(p)}: to must be a TOML local date, got {t!r}"
            assert f < t, f"{pid(p)}: {r['office']} from {f} is not before to {t}"
            assert t <= AS_OF, f"{pid(p)}: to {t} is in the future; omit `to` while in office"
        if prev is not None:
            assert prev <= f, f"{pid(p)}: roles not in chronological order ({prev} then {f})"
        prev = f
        for word in ("verify", "TODO", "?"):
            assert word not in r["title"], f"{pid(p)}: unsure facts go in `note`, not the title"


@pytest.mark.parametrize("office", REQUIRED_OFFICES)
def test_office_has_one_holder_on_sample_dates(office):
    for day in SAMPLE_DATES:
        holders = [pid(p) for p, r in roles(office) if holds(r, day)]
        assert len(holders) == 1, f"{office} on {day}: holders {holders}"


@pytest.mark.parametrize("office", REQUIRED_OFFICES)
def test_office_has_no_overlaps_and_only_documented_gaps(office):
    spans = sorted(((r["from"], r.get("to") or dt.date.max), pid(p)) for p, r in roles(office))
    assert spans, f"no holders of {office}"
    assert spans[0][0][0] <= COVERAGE_START, f"{office}: first holder starts after {COVERAGE_START}"
    assert spans[-1][0][1] == dt.date.max, f"{office}: nobody in office now (last holder {spans[-1][1]})"
    cursor = spans[0][0][1]
    seen_gaps = set()
    for (start, end), who in spans[1:]:
        if end <= COVERAGE_START:
            cursor = max(cursor, end)
            continue
        assert start >= cursor or cursor <= COVERAGE_START, f"{office}: {who} starts {start} before the previous holder left ({cursor})"
        if start > cursor and cursor >= COVERAGE_START:
            key = (office, cursor, start)
            assert key in ALLOWED_GAPS, f"{office}: undocumented vacancy {cursor} .. {start} (before {who})"
            seen_gaps.add(key)
        cursor = max(cursor, end)
    stale = {k for k in ALLOWED_GAPS if k[0] == office} - seen_gaps
    assert not stale, f"{office}: documented gaps no longer present: {sorted(stale)}"


def test_only_one_current_holder_of_each_keyed_office():
    for office in OFFICES - {"other", "us.ambassador_to_japan"}:
        current = [pid(p) for p, r in roles(office) if holds(r, AS_OF)]
        assert len(current) <= 1, f"{office}: several current holders {current}"


# --- aliases --------------------------------------------------------------------------


def alias_items():
    for p in PERSONS:
        for a in p.get("alias", []):
            yield p, a


@pytest.mark.parametrize(("p", "a"), list(alias_items()), ids=lambda x: x.get("text", x.get("id")))
def test_alias_fields(p, a):
    assert a["kind"] in ALIAS_KINDS, f"{pid(p)}: alias kind {a['kind']!r}"
    assert a["action"] in ALIAS_ACTIONS, f"{pid(p)}: alias action {a['action']!r}"
    assert a["text"].casefold() not in canonical_forms(p), (
        f"{pid(p)}: alias {a['text']!r} is the person's own canonical form (derived; don't type it)"
    )
    for key, anchor in (("preceded_by", "$"), ("not_followed_by", "^")):
        pats = a.get(key)
        if pats is None:
            continue
        assert isinstance(pats, list) and pats, f"{pid(p)}: {key} must be a non-empty list"
        for pat in pats:
            regex.compile(pat)  # raises on a bad pattern
            if anchor == "$":
                assert pat.endswith("$"), f"{pid(p)}: preceded_by pattern must end with $: {pat!r}"
            else:
                assert pat.startswith("^"), f"{pid(p)}: not_followed_by pattern must start with ^: {pat!r}"
    if "date_between" in a:
        db = a["date_between"]
        assert isinstance(db, list) and len(db) == 2, f"{pid(p)}: date_between must be [start, end]"
        assert all(type(d) is dt.date for d in db), f"{pid(p)}: date_between needs TOML local dates"
        assert db[0] < db[1], f"{pid(p)}: date_between not ordered: {db}"
    bare = " " not in a["text"]
    if bare and a["action"] == "auto":
        assert "preceded_by" in a and "date_between" in a, (
            f"{pid(p)}: single-word auto alias {a['text']!r} needs preceded_by and date_between"
        )


def test_alias_text_is_not_another_persons_name():
    canon = defaultdict(set)
    for p in PERSONS:
        for f in canonical_forms(p):
            canon[f].add(pid(p))
    for p, a in alias_items():
        others = canon.get(a["text"].casefold(), set()) - {pid(p)}
        assert not others, f"{pid(p)}: alias {a['text']!r} is the canonical name of {sorted(others)}"


def _window(a):
    return tuple(a["date_between"]) if "date_between" in a else None


def test_alias_maps_to_one_person_unless_disjoint():
    by_text = defaultdict(list)
    for p, a in alias_items():
        by_text[a["text"].casefold()].append((p, a))
    for text, entries in by_text.items():
        people = {pid(p) for p, _ in entries}
        if len(people) < 2:
            continue
        for (p1, a1), (p2, a2) in itertools.combinations(entries, 2):
            if pid(p1) == pid(p2):
                continue
            w1, w2 = _window(a1), _window(a2)
            cond = all(("preceded_by" in a or "date_between" in a) for a in (a1, a2))
            assert cond and w1 and w2, f"alias {text!r} maps to {pid(p1)} and {pid(p2)} without conditions"
            assert w1[1] <= w2[0] or w2[1] <= w1[0], f"alias {text!r}: windows of {pid(p1)} and {pid(p2)} overlap"


def test_duplicate_alias_text_within_a_person_differs_in_conditions():
    for p in PERSONS:
        seen = {}
        for a in p.get("alias", []):
            key = (a["text"].casefold(), tuple(a.get("preceded_by", [])), _window(a))
            assert key not in seen, f"{pid(p)}: duplicate alias {a['text']!r}"
            seen[key] = a


def test_blocklist_entries_are_not_canonical_names():
    canon = set().union(*(canonical_forms(p) for p in PERSONS))
    aliases = {a["text"].casefold() for _, a in alias_items()}
    for p in PERSONS:
        for b in p.get("blocklist", []):
            assert b.casefold() not in canon, f"{pid(p)}: blocklist entry {b!r} is a person's canonical name"
            assert b.casefold() not in aliases, f"{pid(p)}: blocklist entry {b!r} is also an alias"


# --- the specific entries the names cases and the seeds rely on ----------------------------------


def names_index() -> dict[str, set[str]]:
    idx = defaultdict(set)
    for p in PERSONS:
        for f in canonical_forms(p):
            idx[f].add(pid(p))
        for a in p.get("alias", []):
            idx[a["text"].casefold()].add(pid(p))
    return idx


SEED_NAMES = {
    "Toshimitsu Motegi": "jp.motegi_toshimitsu",
    "Motegi Toshimitsu": "jp.motegi_toshimitsu",
    "Antony Blinken": "us.blinken_antony",
    "John Blinken": "us.blinken_antony",
    "Joe Biden": "us.biden_joe",
    "Lloyd Austin": "us.austin_lloyd",
    "Nobuo Kishi": "jp.kishi_nobuo",
    "Hayashi Yoshimasa": "jp.hayashi_yoshimasa",
    "Kishida Fumio": "jp.kishida_fumio",
    "Toshimichi Motegi": "jp.motegi_toshimitsu",
    "Toshimichi Mogi": "jp.motegi_toshimitsu",
    "Toshimichi Shigeki": "jp.motegi_toshimitsu",
    "Yang Jiechi": "cn.yang_jiechi",
    "Wang Yi": "cn.wang_yi",
    "Jake Sullivan": "us.sullivan_jake",
    "Yoshihide Suga": "jp.suga_yoshihide",
    "Kim Yo-jong": "kp.kim_yojong",
    "Kim Yo Jong": "kp.kim_yojong",
    "Kim Jong-un": "kp.kim_jongun",
    "Kazuhiro Nogi": "jp.nogi_kazuhiro",
}

TEST_CASE_NAMES = {
    "Rahm Emanuel": "us.emanuel_rahm",
    "Kamikawa Yoko": "jp.kamikawa_yoko",
    "Anthony Blinken": "us.blinken_antony",
    "Naoto Kan": "jp.kan_naoto",
    "Nobusuke Kishi": "jp.kishi_nobusuke",
    "Kono Taro": "jp.kono_taro",
    "Yohei Kono": "jp.kono_yohei",
    "Abe Shinzo": "jp.abe_shinzo",
    "Shintaro Abe": "jp.abe_shintaro",
    "Xi Jinping": "cn.xi_jinping",
    "Li Qiang": "cn.li_qiang",
    "Qin Gang": "cn.qin_gang",
    "Moon Jae-in": "kr.moon_jaein",
    "Park Jin": "kr.park_jin",
    "Yoon Suk Yeol": "kr.yoon_sukyeol",
    "Lee Jae-myung": "kr.lee_jaemyung",
    "Kim Jong Un": "kp.kim_jongun",
    "Jens Stoltenberg": "no.stoltenberg_jens",
    "Hirofumi Yoshimura": "jp.yoshimura_hirofumi",
    "Koike Yuriko": "jp.koike_yuriko",
    "Naomi Osaka": "jp.osaka_naomi",
    "Toyoda Akio": "jp.toyoda_akio",
    "Ishiba Shigeru": "jp.ishiba_shigeru",
    "Takaichi Sanae": "jp.takaichi_sanae",
    "Yoko Ono": "jp.ono_yoko",
    "Takeshi Iwaya": "jp.iwaya_takeshi",
    "Gen Nakatani": "jp.nakatani_gen",
    "Lin Fangzheng": "jp.hayashi_yoshimasa",
}


@pytest.mark.parametrize(("name", "who"), sorted({**SEED_NAMES, **TEST_CASE_NAMES}.items()))
def test_named_people_present(name, who):
    assert names_index().get(name.casefold()) == {who}, f"{name!r} should name exactly {who}"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("jp.kishi_nobuo", "jp.kishi_nobusuke"),
        ("jp.kishi_nobuo", "jp.kishida_fumio"),
        ("jp.kono_taro", "jp.kono_yohei"),
        ("jp.abe_shinzo", "jp.abe_shintaro"),
        ("jp.kan_naoto", "jp.suga_yoshihide"),
    ],
)
def test_distinct_people(a, b):
    assert a in BY_ID and b in BY_ID
    assert canonical_forms(BY_ID[a]).isdisjoint(canonical_forms(BY_ID[b]))


def _alias(pid_, text):
    return [a for a in BY_ID[pid_].get("alias", []) if a["text"] == text]


def _before(a, text_before):
    return any(regex.search(p, text_before) for p in a["preceded_by"])


def test_motegi_aliases():
    kinds = {a["text"]: a["kind"] for a in BY_ID["jp.motegi_toshimitsu"]["alias"]}
    assert kinds["Toshimichi Motegi"] == "misreading"
    assert kinds["Toshimichi Mogi"] == "misreading"
    assert kinds["Toshimichi Shigeki"] == "mt_error"
    mogi = _alias("jp.motegi_toshimitsu", "Mogi")
    assert mogi and all("preceded_by" in a and "date_between" in a for a in mogi)
    first = [a for a in mogi if a["date_between"][0] == dt.date(2019, 9, 11)]
    assert first and first[0]["date_between"][1] == dt.date(2021, 11, 4)
    assert _before(first[0], "Japanese Foreign Minister ")
    assert _before(first[0], "Minister ")
    assert not _before(first[0], "economist ")


def test_suga_kan_alias_is_gated():
    kans = _alias("jp.suga_yoshihide", "Kan")
    assert len(kans) == 2
    pm = next(a for a in kans if a["date_between"][0] == dt.date(2020, 9, 16))
    assert pm["date_between"][1] == dt.date(2021, 10, 4)
    assert _before(pm, "Prime Minister ")
    assert _before(pm, "Japanese Prime Minister ")
    assert not _before(pm, "former Prime Minister ")
    assert not _before(pm, "Mr. ")
    assert any(regex.search(p, " Naoto said") for p in pm["not_followed_by"])
    ccs = next(a for a in kans if a is not pm)
    assert _before(ccs, "Chief Cabinet Secretary ")
    assert not _before(ccs, "Prime Minister ")
    # Naoto Kan's premiership is outside both windows.
    for a in kans:
        assert not (a["date_between"][0] <= dt.date(2011, 3, 12) < a["date_between"][1])


def test_blinken_aliases_and_blocklist():
    john = _alias("us.blinken_antony", "John Blinken")
    assert john and john[0]["kind"] == "mt_error"
    for before in ("Secretary of State ", "U.S. Secretary of State ", "Secretary ", "U.S. "):
        assert _before(john[0], before), before
    assert not _before(john[0], "said ")
    assert not _before(john[0], "told us ")
    assert _alias("us.blinken_antony", "Anthony Blinken")
    assert {"Donald Blinken", "Alan Blinken"} <= set(BY_ID["us.blinken_antony"]["blocklist"])


def test_family_first_names_never_reordered_in_display():
    for name, who in [("Yoon Suk Yeol", "kr.yoon_sukyeol"), ("Kim Jong-un", "kp.kim_jongun"), ("Wang Yi", "cn.wang_yi")]:
        assert BY_ID[who]["display"] == name
    assert BY_ID["jp.osaka_naomi"]["display"] == "Naomi Osaka"
