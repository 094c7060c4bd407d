"""The engine: a fixed order of stages, each running the compiled rules of its kinds, to a fixed point.

Stage order (fixed in code; rule files select, they never reorder):

1. ``decoding``    bytes -> text happens before (``clean.decode``); here: line ends become ``\\n``.
2. ``html``        an HTML page becomes its article text (first pass only, HTML input only).
3. ``characters``  mojibake, entities, control and invisible characters, NFC, quote style:
                   first, so every later pattern matches real characters.
4. ``whitespace``  odd spaces, runs of spaces, indentation: before boilerplate and names, so
                   their patterns can assume single spaces and trimmed lines.
5. ``boilerplate`` site chrome, leftover markup, repeated paragraphs, captions and credits.
6. ``names``       people's names in one canonical form.
7. ``layout``      one paragraph per line, one blank line between, one final newline: last,
                   because dropped lines leave gaps.

The whole pass is a pure function of the text (and the fixed options), and the engine repeats
it until the text stops changing, so ``clean(clean(x)) == clean(x)`` holds by construction:
the returned text is one on which a pass changes nothing. Rules that undo each other never
settle; after ``max_passes`` the engine raises :class:`clean.errors.FixedPointError` naming them.
Within a stage, kinds run in the order of :data:`clean.kinds.KINDS`, rules in file order.

The second pass, proven without running it in full (``fast=True``): pass 2 changes nothing iff
every step, given the pass-1 output ``T`` (every step before it having changed nothing), records
nothing. :meth:`Pipeline._settled` checks that step by step, from what pass 1 recorded of each
step (its input, its output, its number of changes and suggestions) and what each kind declares
(:class:`clean.kinds.base.Kind`: ``LINE_LOCAL``, ``STABLE``). The document facts
(sources, what observers store) are worked out again on ``T``; a step whose own facts differ
from pass 1's (the sources among its rules' scopes, the ``doc.meta`` keys its kind declares in
``READS_META``) runs in full. A step is skipped when

* its pass-1 input was ``T`` (no later step changed or recorded anything): same input, same
  facts, same answer (nothing);
* it is STABLE and its own output was ``T`` (only steps that did nothing came after it);
* it is LINE_LOCAL (for this document's sources) and STABLE, or did nothing in pass 1: then it
  runs only on the lines of ``T`` that were not among its own output lines (lines that later
  steps made), and must record nothing there. A line it was already shown to leave alone, in an
  earlier document with the same facts for it, is not run again (a line-local step's answer on a
  line depends on the line and those facts alone).

Any other step runs in full on ``T`` and must record nothing. A step that suggested or set a
document fact in pass 1 is never skipped that way, so the suggestions and facts are those of pass
2 (declared kinds never write ``doc.meta``). If anything records a change, the certificate is
dropped and the real second pass runs (and any further passes), exactly as ``fast=False`` does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from .changes import Change, Result
from .errors import FixedPointError, GuardError, RuleTimeoutError
from .kinds import KINDS
from .kinds.base import CONTENT_STAGES, Doc, Env, Kind, Rule, ink, ink_at_least
from .quiet import QuietLines, apply_line_local, leaves_alone
from .ruleset import RuleSet
from .schema import Opt

STAGES: tuple[str, ...] = ("decoding", "html", "characters", "whitespace", "boilerplate", "names", "layout")
# The stages that only put text in canonical form; what the over-deletion guard falls back to.
FORM_STAGES: frozenset[str] = frozenset({"decoding", "html", "characters", "whitespace", "layout"})


def _fingerprint_checks(sources: tuple[Any, ...]) -> tuple[tuple[Any, str | None, list[Any], Any], ...]:
    """Per source, multi-line patterns for its fingerprint lines and patterns.

    Each check is (source, the exact line or None, [pattern, flags, compiled or None], the check
    of the strings every match of the pattern holds, or None): patterns compile on first use, as
    most documents never need them. They are searched one by one over the whole text: measured 3x
    faster than one alternation of all of them, because each pattern alone keeps the regex
    engine's literal-prefix scan. An exact line comes with its literal, checked first without a
    regex.
    """
    import regex

    from .prefilter import Needs, shape

    checks: list[tuple[Any, str | None, list[Any], Any]] = []
    for src in sources:
        for line in sorted(src.lines):
            checks.append((src, line, [r"^[ \t]*" + regex.escape(line) + r"[ \t]*$", regex.MULTILINE, None], None))
        for p in src.patterns:
            needs = Needs.any([shape(p.pattern, bool(p.flags & regex.IGNORECASE))])
            checks.append((src, None, [p.pattern, p.flags | regex.MULTILINE, None], needs))
    return tuple(checks)


def _has_line(text: str, line: str) -> bool:
    """Whether ``line`` stands alone on a line of ``text`` (spaces and tabs around it allowed)."""
    start = text.find(line)
    while start != -1:
        before = text.rfind("\n", 0, start) + 1
        end = start + len(line)
        after = text.find("\n", end)
        if after == -1:
            after = len(text)
        if not text[before:start].strip(" \t") and not text[end:after].strip(" \t"):
            return True
        start = text.find(line, start + 1)
    return False


_MISSING = object()

# The policy keys the engine itself reads (the over-deletion guard); kinds declare theirs.
POLICY: dict[str, Opt] = {
    "guard_max_removed": Opt(float, "the over-deletion guard: the largest share of a document's characters the rules may remove"),
    "guard_min_chars": Opt(int, "the guard judges only documents with at least this many non-space characters (a short text is too small to judge)"),
    "guard_action": Opt(str, "what to do with a document over the guard: 'keep' it as it was (reported), 'fail' it, or 'allow' the removal (reported)", choices=("keep", "fail", "allow")),
}


def policy_allows(rule: Rule, policy: Mapping[str, Any]) -> bool:
    return all(policy.get(k) == v for k, v in rule.enabled_when.items())


class Pipeline:
    """The compiled steps of one rule set under one policy. Picklable; build once, run many."""

    def __init__(self, ruleset: RuleSet, policy: Mapping[str, Any], *, regex_timeout: float = 1.0, max_passes: int = 8, fast: bool = True) -> None:
        self.ruleset = ruleset
        self.policy = dict(policy)
        self.max_passes = max_passes
        self.regex_timeout = regex_timeout
        self.fast = fast
        # Prove pass 2's fixed point step by step (module docstring); False runs it in full.
        self.certify = fast
        env = Env(self.policy, regex_timeout, fast)
        active = [r for r in ruleset.rules if policy_allows(r, self.policy)]
        self.rules = {r.id: r for r in active}
        kind_order = list(KINDS)
        steps: list[tuple[str, Kind]] = []
        for stage in STAGES:
            for kind_name in kind_order:
                kind = KINDS[kind_name]
                if kind.STAGE != stage:
                    continue
                rules = [r for r in active if r.kind == kind_name]
                if rules:
                    steps.append((stage, kind.compile(rules, env)))
        self.steps = tuple(steps)
        self._observers = tuple(k for _, k in steps if type(k).observe is not Kind.observe)
        # The document facts each step reads (module docstring): the sources among its own rules'
        # scopes (kinds read sources only through ``doc.applies`` on their rules) and the
        # ``doc.meta`` keys its kind declares (``Kind.READS_META``).
        self._reads: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = tuple(
            (frozenset(r.source for r in k.rules if r.source), tuple(k.READS_META)) for _, k in steps
        )
        used = {r.source for r in active if r.source}
        self.sources = tuple(s for sid, s in ruleset.sources.items() if sid in used)
        self._fingerprints = _fingerprint_checks(self.sources)
        # the single-line fingerprints: line -> the ids of the sources it marks
        self._fingerprint_lines: dict[str, frozenset[str]] = {}
        for src, literal, _, _ in self._fingerprints:
            if literal is not None and "\n" not in literal:
                self._fingerprint_lines[literal] = self._fingerprint_lines.get(literal, frozenset()) | {src.id}
        self._fingerprint_rest = tuple(c for c in self._fingerprints if c[1] is None or "\n" in c[1])
        self._form_rules = frozenset(r.id for r in active if r.stage in FORM_STAGES)
        self._quiet = QuietLines()  # lines line-local steps leave alone (clean.quiet)
        # Per step, on the fast path: its memo key when it is line-local on every document and
        # reads no fact (_step_facts is then its number), else None. Such a step is skipped, in
        # the run and in the certificate, right where every line is known quiet for it: what
        # apply_line_local would find first, without the calls.
        self._direct: tuple[int | None, ...] = tuple(
            n if fast and k.LINE_LOCAL and type(k).line_local is Kind.line_local and self._reads[n] == (frozenset(), ()) else None
            for n, (_, k) in enumerate(steps)
        )

    def detect_sources(self, lines: list[str], text: str | None = None) -> frozenset[str]:
        """The sources whose fingerprint occurs in the document, searched over the whole text.

        A fingerprint pattern that runs past the regex timeout fails the document with the
        source's id and rule file, like a rule's pattern does. The fast path looks a fingerprint
        line up among the document's lines (each trimmed of spaces and tabs) and searches for a
        pattern only in a text that holds one of the strings every match of it holds
        (``_fingerprint_checks``). ``text``: the lines joined with ``\n``, when the caller has it.
        """
        checks = self._fingerprints
        if not checks:
            return frozenset()
        found: set[str] = set()
        if self.fast and self._fingerprint_lines:
            # _has_line's answer for every single-line fingerprint at once: the document's lines,
            # each trimmed of spaces and tabs, that are fingerprints
            marks = self._fingerprint_lines
            for line in {line.strip(" \t") for line in lines}.intersection(marks):
                found |= marks[line]
        for src, literal, pattern, needs in self._fingerprint_rest if self.fast else checks:
            if src.id in found:
                continue
            if self.fast and literal is not None:
                if "\n" in literal:  # a fingerprint of several lines: searched in the text
                    text = "\n".join(lines) if text is None else text
                    if _has_line(text, literal):
                        found.add(src.id)
                continue
            text = "\n".join(lines) if text is None else text
            if self.fast and needs is not None and not needs(text):
                continue
            if pattern[2] is None:
                import regex

                pattern[2] = regex.compile(pattern[0], pattern[1])
            try:
                if pattern[2].search(text, timeout=self.regex_timeout):
                    found.add(src.id)
            except TimeoutError:
                raise RuleTimeoutError(src.id, self.regex_timeout, path=src.path, what="fingerprint of source") from None
        return frozenset(found)

    def run(self, text: str, *, html: bool = False, explain: bool = False) -> Result:
        """Run to a fixed point, then apply the over-deletion guard (policy ``guard_*``).

        The guard compares what the content stages (boilerplate, names) removed with the text
        they were given, both counted in non-space characters. Both come from the run's own
        records, so a document and its canonical-form-only text get the same verdict (the
        guard cannot break ``clean(clean(x)) == clean(x)``), at no extra cost.
        """
        result, removed = self._run(text, html=html, explain=explain)
        limit = float(self.policy.get("guard_max_removed", 1.0))
        if limit >= 1.0 or removed <= 0:
            return result
        least = int(self.policy.get("guard_min_chars", 0))
        given = ink_at_least(result.text) + removed  # no more than the count: when it clears
        if given >= least and removed <= limit * given:  # the guard, the count does too
            return result
        given = ink(result.text) + removed
        if given < least or removed <= limit * given:
            return result
        share = removed / given
        action = self.policy.get("guard_action", "keep")
        if action == "fail":
            raise GuardError(
                f"the rules would remove {share:.0%} of the document (guard_max_removed = {limit:.0%}); "
                f"rules that removed text: {', '.join(sorted(k for k in result.counts if k not in self._form_rules))}"
            )
        kept = self._run(text, html=html, explain=explain, stages=FORM_STAGES)[0] if action == "keep" else result
        return dataclasses.replace(kept, guarded=round(share, 4), guard_action=action)

    def _settled(self, text: str, trace: list[tuple[int, Kind, list[str], list[str], bool, bool]], facts: tuple[frozenset[str], dict[str, Any]] | None) -> list[Any] | None:
        """The suggestions of a second pass over ``text`` (the output of pass 1, traced step by
        step in ``trace``) when that pass provably changes nothing; None when it may (the caller
        then runs it in full).
        """
        final = text.split("\n") if text else []
        unique = dict.fromkeys(final)
        # The last step that changed, recorded, suggested or set a fact; every step after it
        # saw ``final`` itself in pass 1 and did nothing.
        last = max((i for i, t in enumerate(trace) if t[4]), default=-1)
        doc = Doc(list(final), policy=self.policy, counts={}, meta={})
        detected = False
        same_sources = same_meta = True
        direct, quiet = self._direct, self._quiet.sets
        for idx, (n_step, step, _, after, acted, _) in enumerate(trace):
            stage = step.STAGE
            if stage == "boilerplate" and not detected:
                doc.sources = self.detect_sources(doc.lines, text)
                for observer in self._observers:
                    observer.observe(doc)
                detected = True
                same_sources = facts is not None and doc.sources == facts[0]
                same_meta = facts is not None and doc.meta == facts[1]
            doc.stage = stage
            same_facts = True
            if not (same_sources and same_meta):
                # compare only the facts this step reads: its own rules' sources, its meta keys
                scopes, keys = self._reads[n_step]
                same_facts = facts is not None and (
                    (same_sources or doc.sources & scopes == facts[0] & scopes)
                    and (same_meta or all(doc.meta.get(k, _MISSING) == facts[1].get(k, _MISSING) for k in keys))
                )
            if same_facts:
                if idx > last:
                    continue
                key = direct[n_step]
                if key is not None:
                    known = quiet.get(key)
                    if known is not None and known.issuperset(unique):  # quiet on every line
                        continue
                if step.STABLE and after == final:
                    continue
                if (step.STABLE or not acted) and step.line_local(doc):
                    # Quiet on every line of its own output (stable, or it fired on no line):
                    # only lines that later steps made can fire it.
                    made = unique.keys() - after  # (at C speed; kept in the text's order below)
                    # lines it left alone before, with the same facts, are not run again
                    if made and not leaves_alone(step, made, unique, doc, self._step_facts(n_step, doc), self._quiet):
                        return None
                    continue
            step.apply(doc)
            if doc.nrecords or doc.lines != final:
                return None
        return doc.suggestions

    def _apply(self, n_step: int, step: Kind, doc: Doc, key: Any = None) -> None:
        """``step.apply(doc)``; on the fast path a step that is line-local on ``doc`` skips the
        lines it is known to leave alone (:mod:`clean.quiet`). ``key``: the step's memo key
        when it is one of ``_direct``."""
        if key is not None:
            apply_line_local(step, doc, key, self._quiet, replay=step.STAGE not in CONTENT_STAGES)
            return
        if self.fast and step.LINE_LOCAL and step.line_local(doc):
            key = self._step_facts(n_step, doc)
            if key is not None:
                apply_line_local(step, doc, key, self._quiet, replay=step.STAGE not in CONTENT_STAGES)
                return
        step.apply(doc)

    def _step_facts(self, n_step: int, doc: Doc) -> Any:
        """What a step's answer on a line may depend on besides the line (the policy is the
        pipeline's): the step, its rules' sources among the document's, the ``doc.meta`` values
        its kind reads. None when a value cannot be a key."""
        scopes, keys = self._reads[n_step]
        if not scopes and not keys:
            return n_step  # (the commonest case: a step whose rules no source scopes, reading no fact)
        key = (n_step, doc.sources & scopes, tuple(doc.meta.get(k, _MISSING) for k in keys))
        try:
            hash(key)
        except TypeError:
            return None
        return key

    def _run(self, text: str, *, html: bool = False, explain: bool = False, stages: frozenset[str] | None = None) -> tuple[Result, int]:
        log: list[Change] | None = [] if explain else None
        counts: dict[str, int] = {}
        first_sources: frozenset[str] | None = None
        suggestions: list[Any] = []
        passes = 0
        removed = 0
        while True:
            passes += 1
            before_counts = dict(counts)
            # meta lives for one pass, so that every pass is a function of its input text alone.
            doc = Doc(text.split("\n") if text else [], policy=self.policy, log=log, counts=counts, meta={})
            detected = False
            # What pass 1 did step by step, for the certificate of pass 2 (fast path only): the
            # step, its input and output lines, whether it acted (changed, recorded, suggested or
            # set a document fact) and whether it recorded.
            trace: list[tuple[int, Kind, list[str], list[str], bool, bool]] | None = [] if (self.certify and passes == 1 and not html and self.max_passes >= 2) else None
            facts: tuple[frozenset[str], dict[str, Any]] | None = None
            direct, quiet = self._direct, self._quiet.sets
            for n_step, (stage, step) in enumerate(self.steps):
                if stages is not None and stage not in stages:
                    continue
                if stage == "html" and not (html and passes == 1):
                    continue
                if stage == "boilerplate" and not detected:
                    doc.sources = self.detect_sources(doc.lines, doc.text())
                    for observer in self._observers:
                        observer.observe(doc)
                    detected = True
                    if trace is not None:
                        facts = (doc.sources, dict(doc.meta))
                key = direct[n_step]
                if key is not None:
                    known = quiet.get(key)
                    if known is not None and known.issuperset(doc.lines):  # it does nothing here
                        if trace is not None:
                            before_lines = trace[-1][3] if trace else list(doc.lines)
                            trace.append((n_step, step, before_lines, before_lines, False, False))
                        continue
                doc.stage = stage
                doc.step = passes * 1000 + n_step
                if trace is not None:
                    # (the lines a step is given are those the step before it left)
                    before_lines = trace[-1][3] if trace else list(doc.lines)
                    given, n_rec, n_sugg, meta = doc.lines, doc.nrecords, len(doc.suggestions), dict(doc.meta)
                    self._apply(n_step, step, doc, key)
                    # (the same list with no new record holds the same lines: Doc.record's contract)
                    after = before_lines if doc.lines is given and doc.nrecords == n_rec else list(doc.lines)
                    acted = doc.nrecords != n_rec or len(doc.suggestions) != n_sugg or after != before_lines or doc.meta != meta
                    trace.append((n_step, step, before_lines, after, acted, doc.nrecords != n_rec))
                else:
                    self._apply(n_step, step, doc, key)
            removed += doc.removed
            if first_sources is None:
                first_sources = doc.sources
            new = "\n".join(doc.lines)
            suggestions = doc.suggestions
            # A fixed point is a pass that changes nothing at all. A pass whose changes cancel out
            # (two rules undoing each other) is not one: it goes on until max_passes and fails.
            if new == text and counts == before_counts and not (html and passes == 1):
                break
            settled = self._settled(new, trace, facts) if trace is not None and new != text else None
            if settled is not None:
                # Pass 2 is proven to change nothing: ``new`` is the fixed point the full second
                # pass would find; it counts as that pass, with the suggestions it would make.
                suggestions = settled
                text = new
                passes += 1
                break
            if passes >= self.max_passes:
                moved = sorted(k for k, v in counts.items() if v != before_counts.get(k, 0))
                raise FixedPointError(moved, passes)
            text = new
        result = Result(
            text=text,
            changes=tuple(log) if log is not None else None,
            counts=counts,
            sources=tuple(sorted(first_sources or ())),
            suggestions=tuple(suggestions),
            passes=passes,
            html=html,
        )
        return result, removed
