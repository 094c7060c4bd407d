"""The rule reference (``docs/rules.md``), generated from the rule files and the kinds.

``python -m clean.ruledoc > docs/rules.md`` writes it; a test fails when the file in the
repository is not what this module makes of the current rules, so the reference never drifts.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from .kinds import KINDS
from .kinds.base import Kind, Rule
from .ruleset import RuleSet, default_rules_dir, load_ruleset


def code_of(kind: type[Kind]) -> str:
    """The module and class that run a kind, e.g. ``clean.kinds.lines.DropLine``."""
    return f"{kind.__module__}.{kind.__qualname__}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(ruleset: RuleSet, root: Path) -> str:
    out = [
        "# Rule reference",
        "",
        "Generated from `rules/` by `python -m clean.ruledoc > docs/rules.md`; do not edit by hand.",
        "`clean --show-rule ID` shows the same for one rule, with its examples.",
        "",
        "## Kinds",
        "",
        "| kind | stage | code | what it does |",
        "| --- | --- | --- | --- |",
    ]
    for name, kind in KINDS.items():
        out.append(f"| `{name}` | {kind.STAGE} | `{code_of(kind)}` | {_cell(kind.DOC)} |")
    by_file: dict[str, list[Rule]] = defaultdict(list)
    for r in ruleset.rules:
        by_file[r.path].append(r)
    out += ["", "## Rules", ""]
    for path, rules in by_file.items():
        rel = Path(path).resolve().relative_to(root.resolve()).as_posix() if Path(path).resolve().is_relative_to(root.resolve()) else Path(path).name
        source = rules[0].source_name or rules[0].source
        out += [f"### `rules/{rel}`" + (f" ({source})" if source else ""), ""]
        for r in rules:
            out.append(f"- **{r.id}** `{r.name}` ({r.kind}, {r.stage}): {r.summary}")
            out.append(f"  *Why:* {r.why}")
            opts = {k: v for k, v in r.options.items() if v != KINDS[r.kind].OPTIONS[k].default}
            if opts:
                out.append("  *Options:* " + ", ".join(f"`{k}`" for k in opts))
            n_change = sum(e.output is not None for e in r.examples)
            out.append(f"  *Examples:* {n_change} that change, {len(r.examples) - n_change} that must not change")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def main() -> None:
    root = default_rules_dir()
    sys.stdout.write(render(load_ruleset([root]), root))


if __name__ == "__main__":
    main()
