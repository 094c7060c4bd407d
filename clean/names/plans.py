"""The plan of one line for the names stage: what the stage does to a line when the rest of the
document does not matter, worked out once per distinct line and replayed on every document that
has it (:meth:`clean.kinds.names.Names.apply`).

A line's plan is a pure function of the line and the compiled stage: the honorific suffixes it
drops, its gazetteer mentions, and, unless a mention reads the document (a time-gated alias
reads the document's time, a derived reading the earlier full mentions), the line's new text,
its records and its suggestions, collected on a :class:`OneLine` stand-in for the document.
"""

from __future__ import annotations

from typing import Any

from .text import Mention

# one recorded edit without its line number: (rule id, before, after, detail)
Record = tuple[str, str, str, Any]
# a line's outcome on its own: (its new text, its records, its suggestions as (rule id, text, message))
Outcome = tuple[str, tuple[Record, ...], tuple[tuple[str, str, str], ...]]


class OneLine:
    """A one-line stand-in for :class:`Doc`: collects what processing one line records and
    suggests, to be replayed on every document that has the line."""

    __slots__ = ("lines", "records", "suggestions")

    def __init__(self, line: str) -> None:
        self.lines = [line]
        self.records: list[Record] = []
        self.suggestions: list[tuple[str, str, str]] = []

    def record(self, rule: str, line: int, before: str, after: str, detail: Any = None) -> None:
        self.records.append((rule, before, after, detail))

    def suggest(self, rule: str, line: int, text: str, message: str) -> None:
        self.suggestions.append((rule, text, message))


class LinePlan:
    """What the names stage does to one line (``Names._plan``)."""

    __slots__ = ("acts", "certain", "gated", "hits", "interesting", "line", "outcome", "suffix_records")

    def __init__(
        self,
        line: str,
        suffix_records: tuple[Record, ...],
        hits: tuple[Mention, ...],
        interesting: bool,
        gated: bool,
        certain: tuple[tuple[str, int], ...],
        outcome: Outcome | None,
    ) -> None:
        self.line = line  # after the honorific suffixes are dropped
        self.suffix_records = suffix_records
        self.hits = hits  # the gazetteer mentions of ``line`` (shared: read only)
        self.interesting = interesting  # hits, or another part may change the line
        self.gated = gated  # a hit reads the document's time or earlier mentions
        self.certain = certain  # (person, column) of each full mention, for derived readings
        self.outcome = outcome
        # processing the line changes, records or suggests something, or reads the document
        self.acts = interesting and (outcome is None or outcome[0] != line or bool(outcome[1] or outcome[2]))


# a line no part touches
BORING = LinePlan("", (), (), False, False, (), None)


def reads_doc(m: Mention) -> bool:
    """A time-gated alias or a derived reading: what it does depends on the rest of the document."""
    return bool(m.detail.get("gated")) or m.part == "derived-reading"
