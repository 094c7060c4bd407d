"""The ftfy kind: ftfy, line by line, with a fast path for lines that cannot hold mojibake."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from .base import CharSet, Doc, Env, Kind, Opt, Rule

_MEMO_LINES = 4096  # repaired lines remembered per rule before the memo starts again


def _freeze(options: Any) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted(options.items()))


@functools.lru_cache(maxsize=8)
def _repairer(options: tuple[tuple[str, Any], ...]) -> Any:
    """One Repairer per distinct ftfy table (building its precheck parses ftfy's data: ~80 ms)."""
    from ..repair import Repairer

    return Repairer(dict(options))


def _ftfy_fix_text(line: str, config: Any) -> str:
    import ftfy

    return ftfy.fix_text(line, config=config)


class Ftfy(Kind):
    KIND = "ftfy"
    STAGE = "characters"
    LINE_LOCAL = True  # not STABLE: ftfy.fix_text is not idempotent on every input
    DOC = (
        "Repairs mojibake, leftover HTML entities and control characters with ftfy, line by line. "
        "The ftfy options are the rule's data (`ftfy`, a table of ftfy.TextFixerConfig fields)."
    )
    OPTIONS = {"ftfy": Opt(dict, "ftfy.TextFixerConfig fields to set", default={})}

    @classmethod
    def validate(cls, rule: Rule) -> None:
        try:
            _repairer(_freeze(rule.options["ftfy"]))
        except (ValueError, TypeError) as e:
            raise rule.error(str(e), key="ftfy") from None

    def __init__(self, rules: Sequence[Rule], env: Env) -> None:
        super().__init__(rules, env)
        self.items: list[tuple[Any, CharSet, Rule]] = []
        for r in rules:
            rep = _repairer(_freeze(r.options["ftfy"]))
            self.items.append((rep, CharSet(rep.trigger), r))
        self._memo: list[dict[str, str]] = [{} for _ in self.items]

    def __getstate__(self) -> dict[str, Any]:
        # The memo is the process's own: a pickled Cleaner starts with an empty one.
        return {**self.__dict__, "_memo": [{} for _ in self.items]}

    def apply(self, doc: Doc) -> None:
        lines = doc.lines
        explaining = doc.explaining
        fast = self.env.fast
        for n, (rep, trigger, r) in enumerate(self.items):
            if fast and not rep.may_need_repair(doc.text(), trigger.in_doc(doc)):
                continue
            memo = self._memo[n]
            needs = rep.needs_repair
            for i, line in enumerate(lines):
                if fast and not needs(line):
                    continue
                if not fast and not explaining:
                    # The slow path: ftfy itself on every line, no precheck.
                    new = _ftfy_fix_text(line, rep.config)
                    if new != line:
                        doc.record(r, i + 1, line, new)
                        lines[i] = new
                    continue
                if explaining:
                    new, steps = rep.explain_line(line)
                    if new != line:
                        doc.record(r, i + 1, line, new, [list(s) for s in steps])
                        lines[i] = new
                else:
                    # ftfy is a pure function of the line and the config: a line met before
                    # (the same mojibake line in many documents of a site) is looked up.
                    cached = memo.get(line)
                    if cached is None:
                        cached = rep.fix_line(line)
                        if len(memo) >= _MEMO_LINES:
                            memo.clear()
                        memo[line] = cached
                    new = cached
                    if new != line:
                        doc.record(r, i + 1, line, new)
                        lines[i] = new
