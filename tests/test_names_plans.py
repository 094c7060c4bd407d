"""The names stage's line plans: each distinct line's outcome worked out once and replayed
(``Env.fast``) gives exactly what the direct path (``fast=False``) gives: the lines, every record
(rule, line, before, after, detail), the suggestions, the removed count and the document facts.

The documents are generated from every names case, date lines, office-holders with their titles,
time-gated aliases and derived readings with and without an earlier full mention, so that the
lines whose outcome reads the rest of the document (its time, its earlier mentions) are mixed
with the lines that replay. One fast kind serves every example: its plans are warm, and the same
line comes back in documents of other times and other neighbours.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from clean.kinds.base import Doc, Env
from clean.kinds.names import Names

from .test_names_cases import CASES, DEFAULT_POLICY, _rules
from .test_names_readings import PEOPLE

_POLICIES = [{}, {"name_order": "family-given"}, {"honorifics": "keep"}, {"preserve_quoted_names": True}]

_LINES = sorted(
    {line for c in CASES for line in c[1].split("\n")}
    | {f"{title} {jp or py} said the talks would continue." for _, _, title, jp, py in PEOPLE}
    | {f"Later {py} said the talks would continue." for *_, py in PEOPLE}
    | {f"{canonical} arrived in Beijing." for canonical, *_ in PEOPLE}
    | {date for _, date, *_ in PEOPLE}
    | {
        "March 16, 2021",
        "March 12, 2011",
        "Published: 2024-01-15",
        "Prime Minister Kan plans to visit, Motegi-san said.",
        "Foreign Minister Motegi met Secretary of State Antony Blinken.",
        "Prime Minister Yoshihide Suga and Mr. MOTEGI Toshimitsu",
        "Chief Cabinet Secretary Kato Masanobu, former Prime Minister Kan Naoto",
        "Kishida Fumio met Kim Jong Un.",  # a rewrite, and a suggestion left on the new text
        "Mr. Suga Yoshihide and Sugamo Hiroshi said",
        "",
    }
)
_DOC = st.lists(st.sampled_from(_LINES), min_size=1, max_size=8)
_DATES = st.sampled_from([None, None, dt.date(2021, 3, 16), dt.date(2011, 3, 12), dt.date(2023, 1, 10)])


@functools.lru_cache(maxsize=16)
def _kind(policy_items: tuple[tuple[str, Any], ...], fast: bool) -> Names:
    return Names.compile(_rules(), Env({**DEFAULT_POLICY, **dict(policy_items)}, fast=fast))


def _run(kind: Names, lines: list[str], date: dt.date | None, explain: bool = True) -> tuple[Any, ...]:
    log: list[Any] | None = [] if explain else None
    meta = {"date": date} if date else {}
    doc = Doc(list(lines), policy=kind.env.policy, log=log, counts={}, meta=meta)
    doc.stage = "names"
    kind.apply(doc)
    changes = [(c.rule, c.line, c.before, c.after, c.detail) for c in log] if log is not None else None
    return doc.lines, doc.counts, changes, doc.suggestions, doc.meta, doc.removed, doc.date


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(_DOC, _DATES, st.sampled_from(_POLICIES))
def test_line_plans_give_what_the_direct_path_gives(lines, date, policy):
    items = tuple(sorted(policy.items()))
    want = _run(_kind(items, False), lines, date)
    fast = _kind(items, True)
    assert _run(fast, lines, date) == want
    assert _run(fast, lines, date) == want  # every line's plan known now: all replayed
    assert _run(fast, lines, date, explain=False) == (*want[:2], None, *want[3:])
    # what the stage gives back is a fixed point on both paths
    assert _run(fast, want[0], date)[0] == _run(_kind(items, False), want[0], date)[0]


def test_the_generated_documents_exercise_every_path():
    """The lines replay, read the document's time, and read earlier mentions (derived readings)."""
    kind = _kind((), True)
    plans = [kind._plan(line) for line in _LINES if line]
    assert any(p.outcome is not None and p.outcome[1] for p in plans)  # replayed rewrites
    assert any(p.gated and any(m.part == "time-gated-alias" for m in p.hits) for p in plans)
    assert any(any(m.part == "derived-reading" for m in p.hits) for p in plans)
    assert any(p.suffix_records for p in plans)


def test_a_replayed_record_owns_its_detail():
    """Two documents with the same line log two details: changing one changes neither the other
    nor what a third document logs."""
    kind = _kind((), True)
    line = "Mr. MOTEGI Toshimitsu said"
    first = _run(kind, [line], None)[2]
    second = _run(kind, [line], None)[2]
    assert first == second and first
    expected = copy.deepcopy(second)
    first[0][4]["person"] = "someone else"
    assert second == expected
    assert _run(kind, [line], None)[2] == expected


def test_office_window_memo_changes_nothing():
    """The office-holders' terms, memoised per line, give the window a fresh index gives."""
    kind = _kind((), True)
    index = kind.index
    docs = [list(_LINES[i : i + 6]) for i in range(0, len(_LINES), 3)]
    for lines in docs:
        per_line = [(i, index.hits(line)) for i, line in enumerate(lines)]
        warm = index.office_window(lines, per_line)
        index.__dict__.pop("_terms_memo", None)
        assert index.office_window(lines, per_line) == warm


def _fields(plan: Any) -> tuple[Any, ...]:
    return (plan.line, plan.suffix_records, plan.hits, plan.interesting, plan.gated, plan.certain, plan.outcome)


def test_a_rewritten_lines_plan_is_the_plan_worked_out_afresh():
    """Working out a line's plan also gives the plan of the line it becomes (for the next pass):
    the same as working that line out on its own."""
    for policy in _POLICIES:
        items = tuple(sorted(policy.items()))
        seeded = Names.compile(_rules(), Env({**DEFAULT_POLICY, **dict(items)}))
        for date in (None, dt.date(2021, 3, 16), dt.date(2011, 3, 12)):
            _run(seeded, _LINES, date)
        fresh = Names.compile(_rules(), Env({**DEFAULT_POLICY, **dict(items)}))  # no plans: nothing seeded
        plans = seeded.__dict__["_plans"]
        outputs = [line for line in plans if line not in _LINES]
        assert outputs, "no rewritten line was seeded"
        for line, plan in plans.items():
            assert _fields(plan) == _fields(fresh._plan(line)), line


_REFERENCE_TITLE_PAIR = r"(?<![^\W_])([A-Z][^\W\d_A-Z]+) (?=([A-Z][^\W\d_A-Z]+)(?![^\W_]))"
_PIECES = ["Kan", "Ōno", "AB", "ab", "é", "_", "9", "\u4e00", " ", " ", "'", "-"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join) | st.sampled_from(_LINES))
@example("_Kan Ōno")
@example("9Kan Ōno")
@example("éKan Ōno")
@example("-Kan Ōno_")
def test_title_pair_pattern_finds_what_the_reference_finds(text):
    """The title-pair pattern with its look-behind after the capital (faster) finds exactly the
    pairs the reference, with the look-behind first, finds."""
    import re

    from clean.names.unlisted import _TITLE_PAIR_RE

    spans = [(m.span(1), m.span(2)) for m in _TITLE_PAIR_RE.finditer(text)]
    assert spans == [(m.span(1), m.span(2)) for m in re.finditer(_REFERENCE_TITLE_PAIR, text)]


def _reference_line_of(text: str, needle: str, start: int = 1) -> int | None:
    for i, line in enumerate(text.splitlines()[start - 1 :], start):
        if needle in line:
            return i
    return None


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ab\n\r\x1c\u2028\"", max_size=30), st.text(alphabet="ab\n\r\"", min_size=1, max_size=4), st.integers(1, 12))
def test_line_of_finds_the_line_the_reference_finds(text, needle, start):
    """Error lines of the gazetteer: the search over the whole text (faster) names the line the
    line-by-line scan names, line ends of every kind included."""
    from clean.names.gazetteer import _line_of

    assert _line_of(text, needle, start) == _reference_line_of(text, needle, start)


from .test_names import _FRAGMENTS  # noqa: E402

_NAME_LINE = st.lists(st.sampled_from(_FRAGMENTS + _LINES), min_size=1, max_size=6).map(" ".join)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(_NAME_LINE)
def test_a_span_checked_once_gives_the_mention_checked_in_place(line):
    """A hit that is not an alias is checked once per span and moved to each place it occurs:
    the mentions are those of a check in place (an index that has seen no other line)."""
    kind = _kind((), True)
    index = kind.index
    warm = index._hits_uncached(line)
    saved = index.__dict__.pop("_checked", None)
    try:
        assert index._hits_uncached(line) == warm
    finally:
        if saved is not None:
            index.__dict__["_checked"] = saved


def _reference_lexicon_candidate(unlisted: Any, line: str) -> bool:
    import re

    from clean.names.romanization import OH_RE, strip_marks

    g, o = (1, 2) if unlisted.order == "family-given" else (2, 1)
    for m in re.finditer(_REFERENCE_TITLE_PAIR, line):
        k = strip_marks(m.group(g))
        if (k in unlisted.lex.given or ("oh" in k and OH_RE.sub("o", k) in unlisted.lex.given)) and strip_marks(m.group(o)) not in unlisted.lex.stop:
            return True
    return False


_TITLE_WORDS = ["Ken", "Mogi", "China", "Tokyo", "Ohno", "John", "Kōno", "Taro", "Sugamo", "Hiroshi", "The", "Prime", "Minister", "Yuriko"]


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(_TITLE_WORDS + [" ", " ", "-", "'", "9", "é"]), max_size=8).map("".join) | _NAME_LINE, st.sampled_from(_POLICIES[:2]))
def test_lexicon_candidate_is_the_reference_test(line, policy):
    """The lexicon pre-check (with its sure "no given name here" shortcut) says what the plain
    scan of every title pair says."""
    unlisted = _kind(tuple(sorted(policy.items())), True).unlisted
    unlisted._lex_memo.clear()
    assert unlisted.lexicon_candidate(line) == _reference_lexicon_candidate(unlisted, line)
