"""Line kinds of the boilerplate stage: drop, truncate, strip fragments, replace, de-duplicate.

All patterns are user data, compiled with the ``regex`` module and run with the per-rule
timeout, so a catastrophic pattern fails with the rule's id instead of hanging a run. The plain
path folds the rules of one kind into one alternation per set of active sources (one compiled
pass over each line, not a loop over rules). The fast path first reads what every match of each
pattern must look like (:mod:`clean.prefilter`) and runs a pattern only on the lines that can
match it, or skips a document that holds none of the strings every fragment needs: the same
answers, without trying hundreds of patterns at every line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import regex

from ..errors import RuleTimeoutError
from ..prefilter import Needs, shape
from .base import Doc, Env, Kind, Opt, Rule, compile_regex
from .line_match import LineMatcher, MatcherView

__all__ = ["DedupeParagraphs", "DropLine", "Replace", "StripFragment", "TruncateAfter"]


def _validate_patterns(rule: Rule, *keys: str) -> None:
    for key in keys:
        for p in rule.options.get(key) or ():
            compile_regex(rule, p, key, ignore_case=bool(rule.options.get("ignore_case")))


class _Scoped(Kind):
    """Builds one matcher per set of rules active for a document (by source), cached."""

    def __init__(self, rules: Sequence[Rule], env: Env) -> None:
        super().__init__(rules, env)
        self._cache: dict[tuple[int, ...], Any] = {}
        # the document's sources -> its matcher (None: no rule applies); a function of the
        # sources alone, so the rules are not walked again for every document
        self._by_sources: dict[frozenset[str], Any] = {}
        self._full: LineMatcher | None = None
        if env.fast:
            # The matcher of every rule (of which each document's is a view) with its line gate,
            # or the matcher of a document no source rule file names (most documents), built
            # now: a cached Cleaner then starts with it instead of working out every pattern's
            # shape on the first document.
            m = self.matcher(Doc([], policy=env.policy))
            m = self._full if self._full is not None else m
            if isinstance(m, LineMatcher) and m.order:
                m.gate()

    def _build(self, rules: Sequence[Rule]) -> Any:
        """The matcher of ``rules``; on the fast path, a view of the matcher of all the kind's
        rules (one line gate for every set of sources)."""
        if not self.env.fast:
            return LineMatcher(rules, self.env)
        if self._full is None:
            self._full = LineMatcher(self.rules, self.env)
        return MatcherView(self._full, None if len(rules) == len(self.rules) else frozenset(r.id for r in rules))

    def matcher(self, doc: Doc) -> Any:
        try:
            return self._by_sources[doc.sources]
        except KeyError:
            pass
        key = tuple(i for i, r in enumerate(self.rules) if doc.applies(r))
        m = None
        if key:
            m = self._cache.get(key)
            if m is None:
                m = self._cache[key] = self._build([self.rules[i] for i in key])
        if len(self._by_sources) < 4096:
            self._by_sources[doc.sources] = m
        return m


# The options of the kinds that recognise whole lines (drop-line, truncate-after).
LINE_OPTIONS = {
    "lines": Opt(list, "exact lines (compared after trimming and folding inner spaces)", item=str, default=[]),
    "patterns": Opt(list, "regexes that must match the whole trimmed line", item=str, default=[]),
    "ignore_case": Opt(bool, "compare case-insensitively", default=False),
}


def _validate_line_rule(rule: Rule, count_key: str) -> None:
    if not rule.options["lines"] and not rule.options["patterns"]:
        raise rule.error("needs lines or patterns", key="lines")
    if rule.options[count_key] < 0:
        raise rule.error("must be 0 or more", key=count_key)
    _validate_patterns(rule, "patterns")


class DropLine(_Scoped):
    KIND = "drop-line"
    STAGE = "boilerplate"
    # A dropped line is gone and a kept line was judged alone: stable. drop_preceding reads the
    # lines above a match: not line-local on documents where such a rule applies (line_local).
    LINE_LOCAL = True
    STABLE = True
    DOC = "Drops every line that is, after trimming, exactly one of `lines` or fully matches one of `patterns`."
    OPTIONS = {
        **LINE_OPTIONS,
        "drop_preceding": Opt(int, "also drop up to this many non-blank lines right above a match (a caption above its credit line)", default=0),
    }

    @classmethod
    def validate(cls, rule: Rule) -> None:
        _validate_line_rule(rule, "drop_preceding")

    def line_local(self, doc: Doc) -> bool:
        memo = self.__dict__.setdefault("_local_memo", {})  # sources -> answer
        got = memo.get(doc.sources)
        if got is None:
            got = not any(r.options["drop_preceding"] and doc.applies(r) for r in self.rules)
            if len(memo) < 4096:
                memo[doc.sources] = got
        return got

    def apply(self, doc: Doc) -> None:
        m = self.matcher(doc)
        if m is None:
            return
        lines = doc.lines
        drop: dict[int, Rule] = {}
        for i, r in sorted(m.scan(lines, self.env.fast, doc.text()).items()):
            drop[i] = r
            n = r.options["drop_preceding"]
            j = i - 1
            while n > 0 and j >= 0:
                if lines[j].strip():
                    drop.setdefault(j, r)
                    n -= 1
                j -= 1
        if drop:
            for i in sorted(drop):
                doc.record(drop[i], i + 1, lines[i], "", op="drop")
            doc.lines = [l for i, l in enumerate(lines) if i not in drop]


class TruncateAfter(_Scoped):
    KIND = "truncate-after"
    STAGE = "boilerplate"
    DOC = (
        "Cuts the document from a marker line to its end (related-article lists, comment widgets, social links). "
        "The cut is made only when at most `max_tail_lines` non-blank lines follow the marker, so a marker "
        "that appears early in a long article cannot gut it."
    )
    OPTIONS = {
        **LINE_OPTIONS,
        "include_marker": Opt(bool, "drop the marker line itself too", default=True),
        "max_tail_lines": Opt(int, "cut only when at most this many non-blank lines follow the marker", default=30),
    }

    @classmethod
    def validate(cls, rule: Rule) -> None:
        _validate_line_rule(rule, "max_tail_lines")

    def apply(self, doc: Doc) -> None:
        m = self.matcher(doc)
        if m is None:
            return
        lines = doc.lines
        match = m.match if self.env.fast else m.fullmatch
        nonblank_after = 0
        cut: tuple[int, Rule] | None = None
        # Scan from the end so the count of following lines is known; keep the earliest valid marker.
        for i in range(len(lines) - 1, -1, -1):
            s = lines[i].strip()
            if not s:
                continue
            r = match(s, i + 1)
            if r is not None and nonblank_after <= r.options["max_tail_lines"]:
                cut = (i, r)
            nonblank_after += 1
            if cut is None and nonblank_after > 200:
                break
        if cut is None:
            return
        i, r = cut
        start = i if r.options["include_marker"] else i + 1
        for j in range(start, len(lines)):
            if lines[j].strip():
                doc.record(r, j + 1, lines[j], "", op="truncate")
        doc.lines = lines[:start]


class StripFragment(_Scoped):
    KIND = "strip-fragment"
    STAGE = "boilerplate"
    LINE_LOCAL = True  # not STABLE: stripping a fragment can join the parts of another
    DOC = (
        "Removes leftover fragments (stray HTML comments and tags) inside lines; a line left empty is dropped."
    )
    OPTIONS = {
        "patterns": Opt(list, "regexes of the fragments to remove (searched anywhere in a line)", item=str, required=True),
        "ignore_case": Opt(bool, "match case-insensitively", default=False),
        "must_contain": Opt(list, "literal strings of which every fragment holds at least one; a document without any is skipped at C speed", item=str, default=[]),
    }

    @classmethod
    def validate(cls, rule: Rule) -> None:
        if not rule.options["patterns"]:
            raise rule.error("needs at least one pattern", key="patterns")
        _validate_patterns(rule, "patterns")
        needles = rule.options["must_contain"]
        for ex in rule.examples:
            if ex.output is not None and needles and not any(n in ex.input for n in needles):
                raise rule.error("a change example holds none of the must_contain strings: the prefilter would skip it", key="must_contain")

    def _build(self, rules: Sequence[Rule]) -> Any:
        return [_Fragments(r) for r in rules]

    def apply(self, doc: Doc) -> None:
        compiled = self.matcher(doc)
        if compiled is None:
            return
        lines = doc.lines
        fast = self.env.fast
        for frag in compiled:
            r, needles = frag.rule, frag.needles
            text = doc.text()  # joined again only after a rule changed a line
            if fast and frag.needs is not None and not frag.needs(text):
                continue  # no match can be in a text without any string every match holds
            if fast and needles and not any(n in text for n in needles):
                continue
            pat = frag.pattern()
            try:
                if fast and not pat.search(text, timeout=self.env.regex_timeout):
                    continue
            except TimeoutError:
                pass  # find the line below
            for i, line in enumerate(lines):
                try:
                    if not pat.search(line, timeout=self.env.regex_timeout):
                        continue
                    new = pat.sub("", line, timeout=self.env.regex_timeout)
                except TimeoutError:
                    raise RuleTimeoutError(r.id, self.env.regex_timeout, line=i + 1, path=r.path) from None
                new = " ".join(new.split()) if new.strip() != line.strip() else new
                if new != line:
                    doc.record(r, i + 1, line, new)
                    lines[i] = new


class _Fragments:
    """One strip-fragment rule: its patterns in one alternation (compiled on first use) and, when
    every pattern has one, the strings of which every match holds one (``needs``)."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.needles = tuple(rule.options["must_contain"])
        ci = bool(rule.options["ignore_case"])
        self._src = "|".join(("(?i:" if ci else "(?:") + p + ")" for p in rule.options["patterns"])
        self._compiled: Any = None
        self.needs = Needs.any(shape(p, ci) for p in rule.options["patterns"])

    def pattern(self) -> Any:
        if self._compiled is None:
            self._compiled = regex.compile(self._src, regex.V0)
        return self._compiled


class Replace(_Scoped):
    KIND = "replace"
    STAGE = "boilerplate"
    LINE_LOCAL = True  # not STABLE: a replacement may make another match
    DOC = "Replaces a phrase (`text`) or a pattern (`pattern`, a regex) inside lines with `replacement`."
    OPTIONS = {
        "text": Opt(str, "a literal phrase to replace", default=None),
        "pattern": Opt(str, "a regex to replace (group references such as \\1 allowed in the replacement)", default=None),
        "replacement": Opt(str, "the replacement text", required=True),
        "ignore_case": Opt(bool, "match case-insensitively", default=False),
    }

    @classmethod
    def validate(cls, rule: Rule) -> None:
        o = rule.options
        if (o["text"] is None) == (o["pattern"] is None):
            raise rule.error("needs exactly one of text or pattern", key="pattern")
        if o["text"] == "":
            raise rule.error("text must not be empty", key="text")
        if o["pattern"] is not None:
            compile_regex(rule, o["pattern"], "pattern", ignore_case=o["ignore_case"])
            try:
                # Check the replacement template (group references) against the pattern's groups.
                probe = regex.compile("(?:" + o["pattern"] + ")|(?P<_probe>)")
                m = probe.search("")
                if m is not None:
                    m.expand(o["replacement"])
            except (regex.error, IndexError) as e:
                raise rule.error(f"bad replacement: {e}", key="replacement") from None

    def _build(self, rules: Sequence[Rule]) -> Any:
        out = []
        for r in rules:
            o = r.options
            src = o["pattern"] if o["pattern"] is not None else regex.escape(o["text"])
            repl = o["replacement"] if o["pattern"] is not None else o["replacement"].replace("\\", "\\\\")
            out.append((compile_regex(r, src, "pattern", ignore_case=o["ignore_case"]), repl, r))
        return out

    def apply(self, doc: Doc) -> None:
        compiled = self.matcher(doc)
        if compiled is None:
            return
        lines = doc.lines
        t = self.env.regex_timeout
        for pat, repl, r in compiled:
            for i, line in enumerate(lines):
                try:
                    new = pat.sub(repl, line, timeout=t)
                except TimeoutError:
                    raise RuleTimeoutError(r.id, t, line=i + 1, path=r.path) from None
                except (regex.error, IndexError) as e:
                    raise r.error(f"bad replacement: {e}", key="replacement") from None
                if new != line:
                    doc.record(r, i + 1, line, new)
                    lines[i] = new


class DedupeParagraphs(_Scoped):
    KIND = "dedupe-paragraphs"
    STAGE = "boilerplate"
    DOC = (
        "Drops a paragraph that repeats an earlier paragraph of the same document (a headline printed twice). "
        "With `only_leading`, only repeats of the first paragraphs count: pages really repeat other lines "
        "(a table's header row, a product's feature list, a question asked twice), and a text cleaned from "
        "HTML and the same text cleaned again must lose the same lines, so the test is on the text alone."
    )
    OPTIONS = {
        "min_chars": Opt(int, "only paragraphs at least this long are compared (short lines repeat legitimately)", default=20),
        "only_leading": Opt(int, "only a repeat of one of the first N non-blank paragraphs is dropped (0: of any)", default=0),
        "ignore_case": Opt(bool, "compare case-insensitively", default=False),
    }

    def _build(self, rules: Sequence[Rule]) -> Any:
        return list(rules)

    def apply(self, doc: Doc) -> None:
        rules = self.matcher(doc)
        if not rules:
            return
        r = rules[0]
        min_chars = r.options["min_chars"]
        ci = r.options["ignore_case"]
        leading = r.options["only_leading"]
        seen: set[str] = set()
        drop = []
        nonblank = 0
        for i, line in enumerate(doc.lines):
            s = line.strip()
            if s:
                nonblank += 1
            if len(s) < min_chars:
                continue
            key = s if "  " not in s and "\t" not in s else " ".join(s.split())
            if ci:
                key = key.casefold()
            if key in seen:
                drop.append(i)
            elif not leading or nonblank <= leading:
                seen.add(key)
        if drop:
            for i in drop:
                doc.record(r, i + 1, doc.lines[i], "", op="drop")
            dropped = set(drop)
            doc.lines = [l for i, l in enumerate(doc.lines) if i not in dropped]
