"""``clean check-rules DIR``: validate a rules directory and run every example of every rule in it.

What the test suite does for the bundled rules, for people who write their own: each example
runs with its rule alone (plus the layout rule, so the text is laid out) and through the whole
pipeline. A change example must give exactly its output alone and mean the same to the pipeline
(``pipeline(input) == pipeline(output)``); a must-not-change example must not make its rule
fire, alone or in the pipeline; every output must be a fixed point.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .api import Cleaner
from .kinds.base import Example, Rule

LAYOUT_RULE = "LAY001"


@dataclasses.dataclass(frozen=True)
class ExampleFailure:
    rule: Rule
    index: int  # 0-based, in the rule's file order
    where: str  # "alone" | "pipeline"
    problem: str
    expected: str | None
    actual: str

    def describe(self) -> str:
        ex = self.rule.examples[self.index]
        what = "change" if ex.output is not None else "must-not-change"
        head = f"{self.rule.path}:{self.rule.line or 0}: {self.rule.id} {self.rule.name}: example {self.index + 1} ({what}), {self.where}: {self.problem}"
        lines = [head, f"    input:    {ex.input!r}"]
        if self.expected is not None:
            lines.append(f"    expected: {self.expected!r}")
        lines.append(f"    actual:   {self.actual!r}")
        return "\n".join(lines)


def check_example(rule: Rule, index: int, alone: Cleaner, pipeline: Cleaner) -> list[ExampleFailure]:
    """The problems of one example (an empty list when it holds)."""
    ex: Example = rule.examples[index]
    out: list[ExampleFailure] = []

    def fail(where: str, problem: str, expected: str | None, actual: str) -> None:
        out.append(ExampleFailure(rule, index, where, problem, expected, actual))

    res = alone.explain(ex.input)
    if ex.output is not None:
        if res.text != ex.output:
            fail("alone", "the output differs", ex.output, res.text)
        elif not res.counts.get(rule.id):
            fail("alone", "the rule did not fire", ex.output, res.text)
    elif res.counts.get(rule.id):
        fail("alone", "the rule fired on a must-not-change example", ex.input, res.text)
    if alone.clean(res.text) != res.text:
        fail("alone", "the output is not a fixed point", res.text, alone.clean(res.text))
    res = pipeline.explain(ex.input)
    if ex.output is not None:
        # An earlier rule may do the work first (ftfy also composes NFC), so the example must
        # mean the same to the pipeline: its input and its output clean alike.
        want = pipeline.clean(ex.output)
        if res.text != want:
            fail("pipeline", "input and output do not clean alike", want, res.text)
        elif not res.changes:
            fail("pipeline", "a change example changes nothing", want, res.text)
    elif res.counts.get(rule.id):
        fail("pipeline", "the rule fired on a must-not-change example", None, res.text)
    if pipeline.clean(res.text) != res.text:
        fail("pipeline", "the output is not a fixed point", res.text, pipeline.clean(res.text))
    return out


@dataclasses.dataclass
class CheckSummary:
    rules: int = 0
    examples: int = 0
    failures: list[ExampleFailure] = dataclasses.field(default_factory=list)


def check_rules(dirs: Sequence[str | Path], *, default_rules: bool = True, progress: Callable[[Rule], Any] | None = None) -> CheckSummary:
    """Validate ``dirs`` (loaded after the bundled rules unless ``default_rules`` is false) and
    run every example of every rule they define. A bad rule file raises :class:`RuleFileError`."""
    pipeline = Cleaner(list(dirs), default_rules=default_rules)
    wanted = {str(Path(d).resolve()) for d in dirs}
    mine = [r for r in pipeline.ruleset.rules if str(Path(r.path).resolve().parent) in wanted]
    known = {r.id for r in pipeline.ruleset.rules}
    summary = CheckSummary(rules=len(mine))
    for rule in mine:
        if progress is not None:
            progress(rule)
        select = sorted({rule.id, LAYOUT_RULE} & known | {rule.id})
        alone = Cleaner(list(dirs), default_rules=default_rules, select=select)
        for i in range(len(rule.examples)):
            summary.examples += 1
            summary.failures += check_example(rule, i, alone, pipeline)
    return summary
