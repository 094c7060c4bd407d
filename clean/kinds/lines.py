"""Line kinds of the boilerplate stage: drop, truncate, strip fragments, replace, de-duplicate.

All patterns are user data, compiled with the ``regex`` module and run with the per-rule
timeout, so a catastrophic pattern fails with the rule's id instead of hanging a run. The rules
of one kind are folded into one alternation per set of active sources (one compiled pass over
each line, not a loop over rules).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import regex

from ..errors import RuleTimeoutError
from .base import Doc, Env, Kind, Opt, Rule, compile_regex

_BACKREF = regex.compile(r"\\[1-9]|\(\?P=|\\g<")


def _combinable(pattern: str) -> bool:
    return not _BACKREF.search(pattern)


class _Matcher:
    """Full-line (or search) matching of many rules' patterns in one compiled alternation.

    ``match(s)`` returns the rule whose pattern matched, or None. Exact lines are a dict lookup.
    """

    def __init__(self, rules: Sequence[Rule], env: Env, *, lines_key: str = "lines", patterns_key: str = "patterns") -> None:
        self.timeout = env.regex_timeout
        self.exact: dict[str, Rule] = {}
        self.exact_ci: dict[str, Rule] = {}
        alts: list[str] = []
        self.marks: dict[str, Rule] = {}
        self.alone: list[tuple[Any, Rule]] = []
        for i, r in enumerate(rules):
            ci = bool(r.options.get("ignore_case"))
            for line in r.options.get(lines_key) or ():
                key = " ".join(line.split())
                if ci:
                    self.exact_ci.setdefault(key.casefold(), r)
                else:
                    self.exact.setdefault(key, r)
            for j, p in enumerate(r.options.get(patterns_key) or ()):
                if _combinable(p):
                    mark = f"_r{i}_{j}"
                    self.marks[mark] = r
                    alts.append(("(?i:" if ci else "(?:") + p + f")(?P<{mark}>)")
                else:
                    self.alone.append((compile_regex(r, p, patterns_key, ignore_case=ci), r))
        self.rules = list(rules)
        self.combined = regex.compile("|".join(alts), regex.V0) if alts else None
        # The same alternatives anchored to whole (trimmed) lines, searched over the whole text.
        self.multiline = regex.compile(r"^[ \t]*(?:" + "|".join(alts) + r")[ \t]*$", regex.MULTILINE | regex.V0) if alts else None
        self.max_exact = max((len(k) for k in [*self.exact, *self.exact_ci]), default=0)

    def scan(self, lines: list[str], fast: bool) -> dict[int, Rule]:
        """Line index -> rule, for every non-blank line that a rule matches in full (trimmed).

        Exact lines are dict lookups on lines short enough to be one; patterns are found by one
        multi-line search over the whole text, and only the lines it hits are matched in full.
        """
        hits: dict[int, Rule] = {}
        if not fast or self.combined is None or self.alone:
            for i, line in enumerate(lines):
                s = line.strip()
                if s:
                    r = self.fullmatch(s, i + 1)
                    if r is not None:
                        hits[i] = r
            return hits
        limit = self.max_exact * 2
        for i, line in enumerate(lines):
            if line and len(line) <= limit:
                s = line.strip()
                if s:
                    exact = self._exact(s)
                    if exact is not None:
                        hits[i] = exact
        text = "\n".join(lines)
        assert self.multiline is not None  # there are patterns: self.combined is set
        try:
            found = self.multiline.search(text, timeout=self.timeout)
        except TimeoutError:
            found = True
        if found:
            starts = [0]
            for line in lines:
                starts.append(starts[-1] + len(line) + 1)
            import bisect

            # A pattern may span lines in the whole text ([^x] matches a newline), so after each
            # hit the search resumes at the next line: every line that matches in full is found.
            candidates: set[int] = set()
            pos = 0
            try:
                while pos < len(text):
                    m = self.multiline.search(text, pos, timeout=self.timeout)
                    if m is None:
                        break
                    i = bisect.bisect_right(starts, m.start()) - 1
                    candidates.add(i)
                    pos = starts[i + 1]
            except TimeoutError:
                candidates = set(range(len(lines)))
            for i in sorted(candidates):
                if i in hits:
                    continue
                s = lines[i].strip()
                if s:
                    r = self.fullmatch(s, i + 1)
                    if r is not None:
                        hits[i] = r
        return hits

    def _exact(self, s: str) -> Rule | None:
        key = s if "  " not in s and "\t" not in s else " ".join(s.split())
        r = self.exact.get(key)
        if r is None and self.exact_ci:
            r = self.exact_ci.get(key.casefold())
        return r

    def fullmatch(self, s: str, line_no: int) -> Rule | None:
        if len(s) <= self.max_exact * 2:
            key = s if "  " not in s and "\t" not in s else " ".join(s.split())
            r = self.exact.get(key)
            if r is None and self.exact_ci:
                r = self.exact_ci.get(key.casefold())
            if r is not None:
                return r
        try:
            if self.combined is not None:
                m = self.combined.fullmatch(s, timeout=self.timeout)
                if m is not None:
                    return self.marks[m.lastgroup]
            for p, rule in self.alone:
                if p.fullmatch(s, timeout=self.timeout):
                    return rule
        except TimeoutError:
            raise self._culprit(s, line_no) from None
        return None

    def _culprit(self, s: str, line_no: int) -> RuleTimeoutError:
        """Find which rule's pattern hangs (the combined pattern does not say)."""
        for r in self.rules:
            for p in r.options.get("patterns") or ():
                pat = compile_regex(r, p, "patterns", ignore_case=bool(r.options.get("ignore_case")))
                try:
                    pat.fullmatch(s, timeout=self.timeout)
                except TimeoutError:
                    return RuleTimeoutError(r.id, self.timeout, line=line_no, path=r.path)
        return RuleTimeoutError(",".join(r.id for r in self.rules), self.timeout, line=line_no)


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

    def _build(self, rules: Sequence[Rule]) -> Any:
        return _Matcher(rules, self.env)

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
        for i, r in sorted(m.scan(lines, self.env.fast).items()):
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
        nonblank_after = 0
        cut: tuple[int, Rule] | None = None
        # Scan from the end so the count of following lines is known; keep the earliest valid marker.
        for i in range(len(lines) - 1, -1, -1):
            s = lines[i].strip()
            if not s:
                continue
            r = m.fullmatch(s, i + 1)
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
        compiled = []
        for r in rules:
            ci = r.options["ignore_case"]
            alt = "|".join(("(?i:" if ci else "(?:") + p + ")" for p in r.options["patterns"])
            compiled.append((regex.compile(alt, regex.V0), tuple(r.options["must_contain"]), r))
        return compiled

    def apply(self, doc: Doc) -> None:
        compiled = self.matcher(doc)
        if compiled is None:
            return
        lines = doc.lines
        fast = self.env.fast
        text: str | None = None  # the joined lines, until a rule changes one
        for pat, needles, r in compiled:
            if text is None:
                text = "\n".join(lines)
            if fast and needles and not any(n in text for n in needles):
                continue
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
                    text = None


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
