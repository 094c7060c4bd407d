"""Records of what a run did: changes, suggestions and per-document results."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
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
    op: str = "edit"  # "edit" (the line becomes after), "drop", "truncate" (from here to the end), "split" (after holds \n), "layout", "replace-all"
    step: int = 0  # which application of which kind, in which pass: line numbers count in that step's input

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "stage": self.stage,
            "line": self.line,
            "before": self.before,
            "after": self.after,
            "detail": self.detail,
            "op": self.op,
            "step": self.step,
        }


class ReplayError(ValueError):
    """A change log that does not fit the text it is replayed on."""


def replay(text: str, changes: Iterable[Change]) -> str:
    """Apply a change log to the text it was made from; gives the cleaned text (ftfy's apply_plan).

    Changes are grouped by ``step``; within a step, line numbers count in the step's input.
    Every edit and drop is checked against the ``before`` text it records, so a log that does
    not belong to ``text`` raises :class:`ReplayError` instead of producing something else.
    """
    lines = text.split("\n") if text else []
    group: list[Change] = []
    for c in changes:
        if group and c.step != group[0].step:
            lines = _replay_step(lines, group)
            group = []
        group.append(c)
    if group:
        lines = _replay_step(lines, group)
    return "\n".join(lines)


def _replay_step(lines: list[str], group: list[Change]) -> list[str]:
    ops = {c.op for c in group}
    if "replace-all" in ops:
        after = group[-1].after
        return after.split("\n") if after else []
    if "layout" in ops:
        out: list[str] = []
        for line in lines:
            if line.strip():
                out += [line, ""]
        return out
    if "truncate" in ops:
        cut = min(c.line for c in group) - 1
        for c in group:
            if c.line - 1 >= len(lines) or lines[c.line - 1] != c.before:
                raise ReplayError(f"change {c.rule} at line {c.line} does not match the text: {c.before!r}")
        return lines[:cut]
    work = list(lines)
    drops: set[int] = set()
    splits: dict[int, list[str]] = {}
    for c in group:
        i = c.line - 1
        if not 0 <= i < len(work) or work[i] != c.before:
            raise ReplayError(f"change {c.rule} at line {c.line} does not match the text: {c.before!r}")
        if c.op == "drop":
            drops.add(i)
        elif c.op == "split":
            splits[i] = c.after.split("\n")
        else:
            work[i] = c.after
    result: list[str] = []
    for i, line in enumerate(work):
        if i in drops:
            continue
        result.extend(splits.get(i, [line]))
    return result


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
    html: bool = False  # the input was an HTML page
    guarded: float | None = None  # share of text the rules would have removed, when over the guard
    guard_action: str | None = None  # what was done about it: "keep" (form-only text) or "allow"
    replaced: int = 0  # stray bytes of an HTML page decoded as U+FFFD (mixed encodings)

    @property
    def changed(self) -> bool:
        return bool(self.counts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "encoding": self.encoding,
            "confidence": self.confidence,
            "sources": list(self.sources),
            "html": self.html,
            "passes": self.passes,
            "guarded": self.guarded,
            "guard_action": self.guard_action,
            "replaced": self.replaced,
            "counts": dict(self.counts),
            "changes": [c.as_dict() for c in self.changes] if self.changes is not None else None,
            "suggestions": [s.as_dict() for s in self.suggestions],
        }
