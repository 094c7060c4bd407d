"""Lines a line-local step leaves alone, remembered across documents (fast path only).

A LINE_LOCAL step's answer on a line depends on the line and on a few facts alone: the policy
(fixed per pipeline), the document's sources among its rules' scopes and the ``doc.meta`` values
its kind reads (:meth:`clean.engine.Pipeline._step_facts`). A line on which it once recorded
nothing and changed nothing is *quiet* for it under those facts, in any document. So:

* a document whose lines are all quiet for a step is not given to it (the step would record
  nothing, change nothing, suggest nothing: declared kinds never suggest nor write ``doc.meta``);
* otherwise the step runs on the lines that are not quiet only, and their results go back in
  place, when it keeps their number (it only edits lines) and the change log is off (a log needs
  the lines' numbers in the whole document); else it runs on the whole document, and a step
  once seen to drop or split lines always does;
* every run teaches the memo the lines it recorded nothing on and left as they were.

The certificate of pass 2 (:meth:`clean.engine.Pipeline._settled`) reads and teaches the same
memo. It holds at most :data:`LIMIT` lines and starts afresh when full, so memory stays flat on
any stream; it is per process and never pickled.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from .errors import RuleTimeoutError
from .kinds.base import Doc, Kind

LIMIT = 16384


class QuietLines:
    """Per step-and-facts key, the lines known to be quiet for that step."""

    __slots__ = ("sets", "size", "limit", "whole")

    def __init__(self, limit: int = LIMIT) -> None:
        self.sets: dict[Hashable, set[str]] = {}
        self.size = 0
        self.limit = limit
        self.whole: set[int] = set()  # id() of the steps seen to change the number of lines

    def __reduce__(self) -> tuple[Any, ...]:
        return (QuietLines, (self.limit,))  # a pickled pipeline starts with an empty memo

    def known(self, key: Hashable) -> set[str] | frozenset[str]:
        return self.sets.get(key) or frozenset()

    def learn(self, key: Hashable, lines: list[str]) -> None:
        if not lines:
            return
        if self.size + len(lines) > self.limit:
            self.sets.clear()
            self.size = 0
        got = self.sets.setdefault(key, set())
        n = len(got)
        got.update(lines)
        self.size += len(got) - n


def apply_line_local(step: Kind, doc: Doc, key: Hashable, memo: QuietLines) -> None:
    """``step.apply(doc)`` for a step that is line-local on ``doc``, with ``key`` the facts it
    reads: the same lines, counts, records and removed characters, by the shortest way the memo
    allows (module docstring)."""
    lines = doc.lines
    known = memo.known(key)
    todo = [i for i, line in enumerate(lines) if line not in known] if known else None
    if todo is not None and not todo:
        return
    if todo is not None and len(todo) < len(lines) and not doc.explaining and id(step) not in memo.whole:
        if _apply_part(step, doc, todo, key, memo):
            return
        memo.whole.add(id(step))  # it drops or splits lines: it runs in full from now on
    before = list(lines)
    doc.touched = []
    try:
        step.apply(doc)
        touched = doc.touched
    finally:
        doc.touched = None
    memo.learn(key, _left_alone(before, doc.lines, touched))


def _apply_part(step: Kind, doc: Doc, todo: list[int], key: Hashable, memo: QuietLines) -> bool:
    """Run ``step`` on the lines ``todo`` of ``doc`` alone and put the results in place; False
    (``doc`` untouched) when the step changed their number or suggested: then it runs in full."""
    lines = doc.lines
    part = [lines[i] for i in todo]
    mini = Doc(list(part), policy=doc.policy, sources=doc.sources, counts={}, meta=doc.meta)
    mini.stage, mini.step, mini.date = doc.stage, doc.step, doc.date
    mini.touched = []
    try:
        step.apply(mini)
    except RuleTimeoutError:
        return False  # the run in full raises it, with the line's number in the document
    if len(mini.lines) != len(part) or mini.suggestions:
        return False
    if mini.nrecords:
        new = list(lines)
        for i, line in zip(todo, mini.lines, strict=True):
            new[i] = line
        for rid, n in mini.counts.items():
            doc.counts[rid] = doc.counts.get(rid, 0) + n
        doc.nrecords += mini.nrecords
        doc.removed += mini.removed
        doc.lines = new
    memo.learn(key, _left_alone(part, mini.lines, mini.touched))
    return True


def _left_alone(before: list[str], after: list[str], touched: list[int] | None) -> list[str]:
    """The lines of ``before`` the step recorded nothing on and kept as they were (known only
    when it recorded nothing at all, or kept the number of lines)."""
    if not touched:
        return before if after == before else []
    if len(after) != len(before):
        return []
    hit = set(touched)
    return [b for i, (b, a) in enumerate(zip(before, after, strict=True)) if i + 1 not in hit and a == b]
