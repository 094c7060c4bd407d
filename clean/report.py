"""Records of what a run did: changes, suggestions and per-document results."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, NamedTuple


class Change(NamedTuple):
    """One change a rule made: which rule, in which stage, on which line, before and after.

    ``line`` is 1-based, counted in the stage's input. ``after`` is ``""`` for a dropped line.
    ``detail`` carries what made the change where the rule has sub-steps (ftfy's steps, the
    gazetteer entry of a name ...).
    """

    rule: str
    stage: str
    line: int
    before: str
    after: str
    detail: Any = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "stage": self.stage,
            "line": self.line,
            "before": self.before,
            "after": self.after,
            "detail": self.detail,
        }


class Suggestion(NamedTuple):
    """Something a person should review (a likely name variant ...); never applied."""

    rule: str
    line: int
    text: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return self._asdict()


@dataclasses.dataclass(frozen=True)
class Result:
    """What :meth:`clean.Cleaner.explain` returns."""

    text: str
    changes: tuple[Change, ...] | None
    counts: Mapping[str, int]
    encoding: str | None = None
    confidence: float | None = None
    sources: tuple[str, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    passes: int = 1
    markup: bool = False
    guarded: float | None = None  # share of text the rules would have removed, when over the guard
    guard_action: str | None = None  # what was done about it: "keep" (form-only text) or "allow"

    @property
    def changed(self) -> bool:
        return bool(self.counts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "encoding": self.encoding,
            "confidence": self.confidence,
            "sources": list(self.sources),
            "markup": self.markup,
            "passes": self.passes,
            "guarded": self.guarded,
            "guard_action": self.guard_action,
            "counts": dict(self.counts),
            "changes": [c.as_dict() for c in self.changes] if self.changes is not None else None,
            "suggestions": [s.as_dict() for s in self.suggestions],
        }
