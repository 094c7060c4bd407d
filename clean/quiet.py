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
* a step of the stages that only put text in canonical form (it removes nothing the guard
  counts) also has its edits remembered: the line it makes of a line and the rules that
  recorded it, replayed (same counts, same text) when the line comes again and the change log
  is off;
* every run teaches the memo the lines it recorded nothing on and left as they were, and those
  edits.

The certificate of pass 2 (:meth:`clean.engine.Pipeline._settled`) reads and teaches the same
memo (:func:`leaves_alone`). It holds at most :data:`LIMIT` lines and starts afresh when full, so memory stays flat on
any stream; it is per process and never pickled.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

from .errors import RuleTimeoutError
from .kinds.base import Doc, Kind

LIMIT = 16384


class QuietLines:
    """Per step-and-facts key, the lines known to be quiet for that step, and what it does to
    the lines it edits (for the steps whose records can be replayed)."""

    __slots__ = ("sets", "outcomes", "size", "limit", "whole")

    def __init__(self, limit: int = LIMIT) -> None:
        self.sets: dict[Hashable, set[str]] = {}
        # line -> (the line it becomes, the ids of the rules that recorded it, in order)
        self.outcomes: dict[Hashable, dict[str, tuple[str, tuple[str, ...]]]] = {}
        self.size = 0
        self.limit = limit
        self.whole: set[int] = set()  # id() of the steps seen to change the number of lines

    def __reduce__(self) -> tuple[Any, ...]:
        return (QuietLines, (self.limit,))  # a pickled pipeline starts with an empty memo

    def known(self, key: Hashable) -> set[str] | frozenset[str]:
        return self.sets.get(key) or frozenset()

    def learn(self, key: Hashable, lines: list[str], outcomes: dict[str, tuple[str, tuple[str, ...]]] | None = None) -> None:
        if not lines and not outcomes:
            return
        if self.size + len(lines) + len(outcomes or ()) > self.limit:
            self.sets.clear()
            self.outcomes.clear()
            self.size = 0
        if lines:
            got = self.sets.setdefault(key, set())
            n = len(got)
            got.update(lines)
            self.size += len(got) - n
        if outcomes:
            done = self.outcomes.setdefault(key, {})
            n = len(done)
            done.update(outcomes)
            self.size += len(done) - n


def apply_line_local(step: Kind, doc: Doc, key: Hashable, memo: QuietLines, *, replay: bool = False) -> None:
    """``step.apply(doc)`` for a step that is line-local on ``doc``, with ``key`` the facts it
    reads: the same lines, counts, records and removed characters, by the shortest way the memo
    allows (module docstring). ``replay``: the step's records of an edited line may be replayed
    from the memo (it removes no text the guard counts)."""
    lines = doc.lines
    known = memo.known(key)
    if known and known.issuperset(lines):  # (at C speed: the commonest case)
        return
    outs = memo.outcomes.get(key) if replay and not doc.explaining else None
    if known or outs:
        todo: list[int] = []
        redo: list[int] = []
        for i, line in enumerate(lines):
            if line in known:
                continue
            if outs is not None and line in outs:
                redo.append(i)
            else:
                todo.append(i)
        if not todo and not redo:
            return
        if not todo or (len(todo) < len(lines) and not doc.explaining and id(step) not in memo.whole):
            if _apply_part(step, doc, todo, redo, outs, key, memo, replay):
                return
            memo.whole.add(id(step))  # it drops or splits lines: it runs in full from now on
    before = list(lines)
    doc.touched = []
    try:
        step.apply(doc)
        touched = doc.touched
    finally:
        doc.touched = None
    memo.learn(key, *_learned(before, doc.lines, touched, replay))


def leaves_alone(step: Kind, lines: set[str], order: Iterable[str], doc: Doc, key: Hashable | None, memo: QuietLines) -> bool:
    """Whether ``step`` records nothing and changes nothing on ``lines`` (lines of a document
    ``doc``, whose facts it reads; run in the order of ``order``), the lines known quiet under
    ``key`` not run again; the others it left alone are learned. ``key`` None: none known, none
    learned."""
    if key is not None:
        lines = lines.difference(memo.known(key))  # (iterates the lines, not the memo)
    if not lines:
        return True
    todo = [line for line in order if line in lines]
    mini = Doc(list(todo), policy=doc.policy, sources=doc.sources, counts={}, meta=dict(doc.meta))
    mini.stage = doc.stage
    step.apply(mini)
    if mini.nrecords or mini.lines != todo:
        return False
    if key is not None:
        memo.learn(key, todo)
    return True


def _apply_part(step: Kind, doc: Doc, todo: list[int], redo: list[int], outs: dict[str, tuple[str, tuple[str, ...]]] | None,
                key: Hashable, memo: QuietLines, replay: bool) -> bool:
    """Run ``step`` on the lines ``todo`` of ``doc`` alone, replay its known edits of the lines
    ``redo``, and put the results in place; False (``doc`` untouched) when the step changed the
    number of lines or suggested: then it runs in full."""
    lines = doc.lines
    new: list[str] | None = None
    if todo:
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
        memo.learn(key, *_learned(part, mini.lines, mini.touched, replay))
    if redo:
        assert outs is not None
        new = list(lines) if new is None else new
        for i in redo:
            line = lines[i]
            after, rids = outs[line]
            for rid in rids:
                doc.record(rid, i + 1, line, after)
            new[i] = after
    if new is not None:
        doc.lines = new
    return True


def _learned(before: list[str], after: list[str], touched: list[tuple[int, str]] | None, replay: bool) -> tuple[list[str], dict[str, tuple[str, tuple[str, ...]]] | None]:
    """The lines of ``before`` the step recorded nothing on and kept as they were, and (when
    ``replay``) what it made of the others with the rules that recorded them: known only when it
    recorded nothing at all, or kept the number of lines."""
    if not touched:
        return (before if after == before else []), None
    if len(after) != len(before):
        return [], None
    by_line: dict[int, list[str]] = {}
    for line_no, rid in touched:
        by_line.setdefault(line_no, []).append(rid)
    quiet = [b for i, (b, a) in enumerate(zip(before, after, strict=True)) if i + 1 not in by_line and a == b]
    if not replay:
        return quiet, None
    return quiet, {before[n - 1]: (after[n - 1], tuple(rids)) for n, rids in by_line.items() if 0 < n <= len(before)}
