"""Whole-line matching for the line kinds (:mod:`clean.kinds.lines`): the matcher of many rules'
exact lines and patterns, and the fast path's view of it limited to the rules active on a
document."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import regex

from ..errors import RuleTimeoutError
from ..prefilter import LineGate, shape
from .base import Env, Rule, compile_regex

__all__ = ["LineMatcher", "MatcherView"]

_BACKREF = regex.compile(r"\\[1-9]|\(\?P=|\\g<")


# a document of at most this many lines is matched line by line, larger ones by whole-text searches
_FEW = 8
# the trimmed lines whose answer a matcher remembers (it starts afresh when full)
_SEEN_MAX = 8192
_UNSEEN = object()


def _combinable(pattern: str) -> bool:
    return not _BACKREF.search(pattern)


class LineMatcher:
    """Full-line matching of many rules' patterns, in rule order; exact lines are a dict lookup.

    ``fullmatch(s)`` is the plain way: the exact lines, then one compiled alternation of every
    pattern (first alternative that matches in full wins), then the patterns that cannot join it.
    ``match(s)`` gives the same answer from the patterns that :class:`clean.prefilter.LineGate`
    leaves as candidates for ``s`` (the rest provably cannot match it), each run alone: the fast
    path. Both compile lazily, so a process that never takes one path never pays for it.
    """

    def __init__(self, rules: Sequence[Rule], env: Env, *, lines_key: str = "lines", patterns_key: str = "patterns") -> None:
        self.timeout = env.regex_timeout
        self.patterns_key = patterns_key
        # exact line (inner spaces folded; casefolded for ignore_case) -> every rule with it, in
        # order: the first answers, or the first a view allows
        self.exact: dict[str, tuple[Rule, ...]] = {}
        self.exact_ci: dict[str, tuple[Rule, ...]] = {}
        alts: list[str] = []
        self.marks: dict[str, Rule] = {}
        alone: list[tuple[str, bool, Rule]] = []
        # every pattern in the order the plain path tries them: (pattern, ignore_case, rule)
        self.order: list[tuple[str, bool, Rule]] = []
        for i, r in enumerate(rules):
            ci = bool(r.options.get("ignore_case"))
            for line in r.options.get(lines_key) or ():
                key = " ".join(line.split())
                table, k = (self.exact_ci, key.casefold()) if ci else (self.exact, key)
                table[k] = (*table.get(k, ()), r)
            for j, p in enumerate(r.options.get(patterns_key) or ()):
                if _combinable(p):
                    mark = f"_r{i}_{j}"
                    self.marks[mark] = r
                    alts.append(("(?i:" if ci else "(?:") + p + f")(?P<{mark}>)")
                    self.order.append((p, ci, r))
                else:
                    alone.append((p, ci, r))
        self.order += alone
        self._alone_src = alone
        self._alts = alts
        self._plain: tuple[Any, list[tuple[Any, Rule]]] | None = None
        self._gate: LineGate | None = None
        self._single: list[Any] = [None] * len(self.order)
        self.rules = list(rules)
        self.max_exact = max((len(k) for k in [*self.exact, *self.exact_ci]), default=0)

    def _plain_patterns(self) -> tuple[Any, list[tuple[Any, Rule]]]:
        if self._plain is None:
            combined = regex.compile("|".join(self._alts), regex.V0) if self._alts else None
            alone = [(compile_regex(r, p, self.patterns_key, ignore_case=ci), r) for p, ci, r in self._alone_src]
            self._plain = (combined, alone)
        return self._plain

    def gate(self) -> LineGate:
        if self._gate is None:
            self._gate = LineGate([shape(p, ci) for p, ci, _ in self.order])
        return self._gate

    def scan(self, lines: list[str], fast: bool, text: str | None = None, allowed: frozenset[str] | None = None) -> dict[int, Rule]:
        """Line index -> rule, for every non-blank line that a rule matches in full (trimmed);
        ``text``: the lines joined with ``\n``, when the caller has it; ``allowed``: the ids of
        the rules that may answer (None: all), on the fast path."""
        hits: dict[int, Rule] = {}
        if not fast:
            for i, line in enumerate(lines):
                s = line.strip()
                if s:
                    r = self.fullmatch(s, i + 1)
                    if r is not None:
                        hits[i] = r
            return hits
        if len(lines) <= _FEW:  # a few lines: looked up one by one (no whole-text search to build)
            for i, line in enumerate(lines):
                s = line.strip()
                if s:
                    r = self.match(s, i + 1, allowed)
                    if r is not None:
                        hits[i] = r
            return hits
        limit = self.max_exact * 2
        found: dict[int, list[int]] = {}
        short: Any = None
        if self.order:
            found, width, short = self.gate().scan(lines, "\n".join(lines) if text is None else text, self._patterns_of(allowed))
            limit = max(limit, width)
        if limit:  # the short lines: exact lines, and the patterns looked for line by line
            for i, line in enumerate(lines):
                s = line.strip()
                if s and len(s) <= limit:
                    r = self._exact(s, allowed)
                    if r is not None:
                        hits[i] = r
                    elif short is not None:
                        more = short(s)
                        if more:
                            found[i] = sorted(set(found.get(i, [])) | set(more))
        for i in sorted(found):
            if i not in hits:
                r = self._first(lines[i].strip(), found[i], i + 1, allowed)
                if r is not None:
                    hits[i] = r
        return hits

    def _patterns_of(self, allowed: frozenset[str] | None) -> frozenset[int] | None:
        """The indices (in ``order``) of the patterns of the ``allowed`` rules (None: all);
        worked out once per set of rules."""
        if allowed is None:
            return None
        memo = self.__dict__.setdefault("_of_allowed", {})
        got = memo.get(allowed)
        if got is None:
            got = frozenset(j for j, (_, _, r) in enumerate(self.order) if r.id in allowed)
            if len(memo) < 4096:
                memo[allowed] = got
        return got

    def _exact(self, s: str, allowed: frozenset[str] | None = None) -> Rule | None:
        if len(s) > self.max_exact * 2:
            return None
        key = s if "  " not in s and "\t" not in s else " ".join(s.split())
        # the first (allowed) rule with the line, exact case first
        for r in self.exact.get(key, ()):
            if allowed is None or r.id in allowed:
                return r
        if self.exact_ci:
            for r in self.exact_ci.get(key.casefold(), ()):
                if allowed is None or r.id in allowed:
                    return r
        return None

    def match(self, s: str, line_no: int, allowed: frozenset[str] | None = None) -> Rule | None:
        """``fullmatch`` by the fast path: only the candidate patterns of the line gate run."""
        r = self._exact(s, allowed)
        if r is not None or not self.order:
            return r
        return self._first(s, (self._gate or self.gate()).candidates(s), line_no, allowed)

    def _first(self, s: str, candidates: Iterable[int], line_no: int, allowed: frozenset[str] | None = None) -> Rule | None:
        """The rule of the first of the candidate patterns that matches ``s`` in full (of the
        allowed rules' patterns, when ``allowed`` is given)."""
        for j in candidates:
            pat = self._single[j]
            p, ci, rule = self.order[j]
            if allowed is not None and rule.id not in allowed:
                continue
            if pat is None:
                pat = self._single[j] = compile_regex(rule, p, self.patterns_key, ignore_case=ci)
            try:
                if pat.fullmatch(s, timeout=self.timeout) is not None:
                    return rule
            except TimeoutError:
                raise RuleTimeoutError(rule.id, self.timeout, line=line_no, path=rule.path) from None
        return None

    def fullmatch(self, s: str, line_no: int) -> Rule | None:
        r = self._exact(s)
        if r is not None or not self.order:
            return r
        combined, alone = self._plain_patterns()
        try:
            if combined is not None:
                m = combined.fullmatch(s, timeout=self.timeout)
                if m is not None:
                    return self.marks[m.lastgroup]
            for p, rule in alone:
                if p.fullmatch(s, timeout=self.timeout):
                    return rule
        except TimeoutError:
            raise self._culprit(s, line_no) from None
        return None

    def _culprit(self, s: str, line_no: int) -> RuleTimeoutError:
        """Find which rule's pattern hangs (the combined pattern does not say)."""
        for r in self.rules:
            for p in r.options.get(self.patterns_key) or ():
                pat = compile_regex(r, p, self.patterns_key, ignore_case=bool(r.options.get("ignore_case")))
                try:
                    pat.fullmatch(s, timeout=self.timeout)
                except TimeoutError:
                    return RuleTimeoutError(r.id, self.timeout, line=line_no, path=r.path)
        return RuleTimeoutError(",".join(r.id for r in self.rules), self.timeout, line=line_no)


class MatcherView:
    """The fast path's matcher of the rules active on a document: the kind's matcher of all its
    rules, its answers limited to the active ones (``allowed``; the first of them that matches,
    in the same order as their own matcher), so one line gate serves every set of sources. It
    remembers each trimmed line's answer (a line's answer is its own: every pattern matches the
    whole line) and works out only the lines it has not seen."""

    def __init__(self, full: LineMatcher, allowed: frozenset[str] | None) -> None:
        self.full = full
        self.allowed = allowed
        self._seen: dict[str, Rule | None] = {}  # not pickled

    def __getstate__(self) -> dict[str, Any]:
        return {"full": self.full, "allowed": self.allowed, "_seen": {}}

    def match(self, s: str, line_no: int) -> Rule | None:
        return self.full.match(s, line_no, self.allowed)

    def scan(self, lines: list[str], fast: bool, text: str | None = None) -> dict[int, Rule]:
        seen = self._seen
        hits: dict[int, Rule] = {}
        todo: list[int] = []
        for i, line in enumerate(lines):
            s = line.strip()
            if s:
                r = seen.get(s, _UNSEEN)
                if r is _UNSEEN:
                    todo.append(i)
                elif r is not None:
                    hits[i] = r  # type: ignore[assignment]
        if not todo:
            return hits
        full, allowed = self.full, self.allowed
        if len(todo) == len(lines):
            got = full.scan(lines, True, text, allowed)
        else:
            try:
                got = {todo[j]: r for j, r in full.scan([lines[i] for i in todo], True, None, allowed).items()}
            except RuleTimeoutError:
                got = full.scan(lines, True, text, allowed)  # raised again, with the line's number in the document
        if len(seen) + len(todo) > _SEEN_MAX:
            seen.clear()
        for i in todo:
            seen[lines[i].strip()] = got.get(i)
        hits.update(got)
        return hits
