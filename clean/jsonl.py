"""JSON Lines: one record in, one record out, in order, streaming with flat memory.

Each input line is parsed on its own (the file is iterated as bytes split on ``\\n`` only:
``str.splitlines`` would also split on U+2028 and U+0085, which JSON allows unescaped inside
strings). The text field is cleaned; every other field is kept as it was. A malformed line
(not JSON, not an object, no such field, not a string) or a document that fails (a rule
timeout, the guard with ``guard_action = "fail"``) is reported with its line number and, by
``--on-error``: passed through unchanged (``keep``, the default), dropped (``skip``), or stops
the run (``fail``). Any such line makes the exit code 2. Output to a file is written to a temp
file and renamed at the end, so a failed or interrupted run leaves no half-written output.
Files ending in ``.gz`` or ``.zst`` are read and written compressed.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import CleanError, CommandError
from .fileio import COMPRESSED_SUFFIXES, AtomicOutput, Sink, iter_lines, open_input, progress
from .parallel import ordered_map, state
from .report import RunReport, doc_stats


@dataclasses.dataclass(frozen=True)
class JsonlOptions:
    """How the JSONL command treats each record."""

    field: str = "text"
    counts_field: str | None = None
    explain: bool = False
    html: bool | None = None
    on_error: str = "keep"  # "keep" | "skip" | "fail"
    report: bool = False
    quiet: bool = False
    jobs: int = 1


@dataclasses.dataclass
class JsonlSummary:
    cleaned: int = 0
    changed: int = 0
    malformed: int = 0
    stopped_at: int | None = None  # the line that stopped the run (on_error = "fail")
    report: RunReport | None = None


def clean_record(item: tuple[int, bytes]) -> tuple[int, bytes | None, str | None, bool, Any]:
    """Worker: (line number, raw line) -> (line number, output line or None, error or None, changed, report stats)."""
    lineno, raw = item
    st = state()
    field: str = st["field"]
    if not raw.strip():
        return lineno, raw, None, False, None
    try:
        obj = json.loads(raw)
    except ValueError as e:
        return lineno, None, f"malformed JSON: {e}", False, None
    if not isinstance(obj, dict):
        return lineno, None, f"not a JSON object (a {type(obj).__name__})", False, None
    if field not in obj:
        return lineno, None, f"no field {field!r}", False, None
    text = obj[field]
    if not isinstance(text, str):
        return lineno, None, f"field {field!r} is not a string (a {type(text).__name__})", False, None
    try:
        res = st["cleaner"].run(text, html=st["html"], explain=st["explain"] or st["report"])
    except CleanError as e:
        return lineno, None, str(e), False, None
    obj[field] = res.text
    cf = st["counts_field"]
    if cf:
        info: dict[str, Any] = {"counts": dict(res.counts)}
        if st["explain"]:
            info["changes"] = [c.as_dict() for c in res.changes or ()]
        if res.guarded is not None:
            info["guarded"] = res.guarded
        obj[cf] = info
    line = json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n"
    stats = doc_stats(res, text) if st["report"] else None
    return lineno, line, None, res.text != text, stats


def run_jsonl(src: str, output: str | None, cleaner: Any, options: JsonlOptions, sink: Sink, stdin: Any = None) -> JsonlSummary:
    """Clean the JSON Lines of ``src`` (``-``: stdin) into ``output`` (None or ``-``: ``sink.out``).

    Every malformed record is reported through ``sink.err`` with its line number as it is met;
    an input that cannot be read raises :class:`clean.errors.CommandError`.
    """
    name = "<stdin>" if src == "-" else src
    if output and src != "-" and Path(output).resolve() == Path(src).resolve():
        raise CommandError(f"{name}: refusing to write the output over the input")
    try:
        fh = open_input(src, stdin)
    except OSError as e:
        raise CommandError(f"{name}: cannot read: {e.strerror or e}") from None
    summary = JsonlSummary(report=RunReport() if options.report else None)
    counts_field = options.counts_field or ("clean" if options.explain else None)
    shared = {"cleaner": cleaner, "field": options.field, "counts_field": counts_field, "explain": options.explain, "html": options.html, "report": options.report}
    out = AtomicOutput(output, sink)
    size = os.path.getsize(src) if src != "-" and not src.endswith(COMPRESSED_SUFFIXES) else None
    bar = progress(sink.stderr, options.quiet, total=size, unit="B", unit_scale=True) if sink.stderr is not None else None
    raws: dict[int, bytes] = {}
    keep = options.on_error == "keep"

    def items() -> Iterator[tuple[int, bytes]]:
        for i, line in enumerate(iter_lines(fh), 1):
            if keep:
                raws[i] = line
            if bar is not None:
                bar.update(len(line))
            yield i, line

    try:
        for lineno, line, err, changed, stats in ordered_map(clean_record, items(), jobs=options.jobs, shared=shared, batch_size=64):
            raw = raws.pop(lineno, None)
            if summary.report is not None:
                if stats is not None:
                    summary.report.add(f"{name}:{lineno}", stats)
                elif err is not None:
                    summary.report.fail(f"{name}:{lineno}", err)
            if err is None:
                assert line is not None
                out.write(line)
                summary.cleaned += 1
                summary.changed += changed
                continue
            summary.malformed += 1
            sink.err(f"clean: {name}:{lineno}: {err}")
            if bar is not None:
                bar.set_postfix(failed=summary.malformed, refresh=False)
            if options.on_error == "fail":
                out.abort()
                summary.stopped_at = lineno
                return summary
            if keep and raw is not None:
                out.write(raw if raw.endswith(b"\n") else raw + b"\n")
        out.commit()
    except BaseException:
        out.abort()
        raise
    finally:
        if bar is not None:
            bar.close()
        if fh is not getattr(stdin, "buffer", None):
            fh.close()
    return summary
