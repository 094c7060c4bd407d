"""The files command: files, directories and stdin in; canonical text out, or a check or a diff.

:func:`run_files` takes typed options and a :class:`Sink` (where its text goes) and returns a
:class:`FilesSummary`; the command line prints the summary and maps it to an exit code. Outputs
are written atomically, an input is never written over unless ``in_place``; one bad input is
reported and the run goes on with the others.
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from .errors import CleanError
from .fileio import Sink, atomic_write, progress, read_stdin, walk
from .parallel import ordered_map, state
from .report import RunReport, doc_stats

HTML_SUFFIXES = (".html", ".htm")


@dataclasses.dataclass(frozen=True)
class FilesOptions:
    """What the files command does with each input."""

    output: Path | None = None  # the output directory (None with in_place or for stdin only)
    in_place: bool = False
    check: bool = False
    diff: bool = False
    explain: bool = False
    explain_format: str = "text"  # "text" | "json"
    html: bool | None = None
    mirror_root: Path | None = None
    report: bool = False  # collect the run report's figures
    quiet: bool = False
    jobs: int = 1


@dataclasses.dataclass
class FilesSummary:
    changed: int = 0
    same: int = 0
    failed: int = 0
    guarded: int = 0
    inputs: int = 0
    report: RunReport | None = None


@dataclasses.dataclass(frozen=True)
class Job:
    src: Path | None  # None: stdin
    display: str
    dest: Path | None  # None: stdout


def collect_jobs(paths: Sequence[str], out_dir: Path | None, in_place: bool, mirror_root: Path | None = None) -> tuple[list[Job], list[str]]:
    """One job per input file (directories walked), and the inputs that cannot be taken."""
    jobs: list[Job] = []
    errors: list[str] = []
    skip = frozenset({out_dir.resolve()}) if out_dir is not None and not in_place else frozenset()

    def dest_for(src: Path, rel: Path) -> Path:
        if in_place:
            return src
        assert out_dir is not None
        if rel.suffix.lower() in HTML_SUFFIXES:
            rel = rel.with_suffix(".txt")
        return out_dir / rel

    for raw in paths:
        if raw == "-":
            jobs.append(Job(None, "<stdin>", None))
            continue
        p = Path(raw)
        if p.is_dir():
            for f in walk(p, skip):
                jobs.append(Job(f, str(f), dest_for(f, f.relative_to(p))))
        elif p.is_file():
            rel = Path(p.name)
            if mirror_root is not None:
                try:
                    rel = p.resolve().relative_to(mirror_root.resolve())
                except ValueError:
                    errors.append(f"{raw}: not under --mirror-root {mirror_root}")
                    continue
            jobs.append(Job(p, str(p), dest_for(p, rel)))
        elif p.exists():
            errors.append(f"{raw}: not a regular file or directory")
        else:
            errors.append(f"{raw}: no such file or directory")
    if not in_place:
        inputs = {j.src.resolve() for j in jobs if j.src is not None}
        kept = []
        for j in jobs:
            if j.dest is not None and j.dest.resolve() in inputs:
                errors.append(f"{j.display}: refusing to write its output over an input ({j.dest}); choose another -o DIR or use --in-place")
            else:
                kept.append(j)
        jobs = kept
    return jobs, errors


def format_explain(display: str, result: Any, rules: dict[str, Any]) -> str:
    """The ``--explain`` text of one document: its encoding and sources, then every change."""
    head = f"{display}: encoding {result.encoding or 'text'}"
    if result.confidence is not None:
        head += f" ({result.confidence:.2f})"
    if result.sources:
        head += f", source {', '.join(result.sources)}"
    if result.html:
        head += ", html"
    if result.replaced:
        head += f", {result.replaced} undecodable bytes replaced with U+FFFD"
    lines = [head]
    for c in result.changes or ():
        name = rules[c.rule].name if c.rule in rules else ""
        after = f"<{c.after.count(chr(10)) + 1} lines>" if c.op == "replace-all" else (repr(c.after) if c.after else "(dropped)")
        lines.append(f"  {c.rule} {name} [{c.stage}] line {c.line}: {c.before!r} -> {after}")
        if c.detail:
            lines.append(f"      {json.dumps(c.detail, ensure_ascii=False)}")
    for s in result.suggestions:
        lines.append(f"  suggestion {s.rule} line {s.line}: {s.text!r}: {s.message}")
    if not result.changes:
        lines.append("  no changes")
    return "\n".join(lines)


def explain_json(display: str, dest: str | None, result: Any) -> str:
    d = {"file": display, "output": dest}
    d.update(result.as_dict())
    return json.dumps(d, ensure_ascii=False)


@dataclasses.dataclass
class Outcome:
    status: str  # "changed" | "same" | "failed"
    stdout: str = ""
    stderr: list[str] = dataclasses.field(default_factory=list)
    guarded: int = 0
    display: str = ""
    stats: dict[str, Any] | None = None


def run_files(paths: Sequence[str], cleaner: Any, options: FilesOptions, sink: Sink, stdin: Any = None) -> FilesSummary:
    """Clean every input; ``paths`` may hold ``-`` (``stdin``). Returns the counts."""
    out_dir = None if options.in_place else (options.output or Path("out"))
    jobs, errors = collect_jobs(paths, out_dir, options.in_place, options.mirror_root)
    for e in errors:
        sink.err(f"clean: {e}")
    summary = FilesSummary(failed=len(errors), inputs=len(jobs) + len(errors), report=RunReport() if options.report else None)
    shared = {"cleaner": cleaner, "options": options}
    file_jobs = [j for j in jobs if j.src is not None]
    for job in jobs:
        if job.src is None:
            _stdin_job(cleaner, options, read_stdin(stdin), sink, summary)
    # Small runs stay in-process: starting workers costs more than it saves.
    total = sum(_size(j.src) for j in file_jobs)
    workers = options.jobs if len(file_jobs) > 1 and total > 256 * 1024 else 1
    bar = progress(sink.stderr, options.quiet, total=len(file_jobs), unit="file") if sink.stderr is not None else None
    try:
        for out in ordered_map(_file_worker, file_jobs, jobs=workers, shared=shared, batch_size=4):
            if out.stdout:
                sink.out(out.stdout)
            for line in out.stderr:
                sink.err(line)
            setattr(summary, out.status, getattr(summary, out.status) + 1)
            summary.guarded += out.guarded
            if summary.report is not None:
                if out.stats is not None:
                    summary.report.add(out.display, out.stats)
                elif out.status == "failed":
                    summary.report.fail(out.display, "; ".join(out.stderr))
            if bar is not None:
                bar.update(1)
                if out.status == "failed":
                    bar.set_postfix(failed=summary.failed, refresh=False)
    finally:
        if bar is not None:
            bar.close()
    return summary


def _size(p: Path | None) -> int:
    try:
        return p.stat().st_size if p is not None else 0
    except OSError:
        return 0


def _messages(result: Any, display: str, dest: str | None, cleaner: Any, options: FilesOptions) -> list[str]:
    lines = []
    if result.replaced:
        lines.append(f"clean: {display}: mixed encodings: {result.replaced} bytes not valid {result.encoding} were replaced with U+FFFD")
    if result.guarded is not None:
        what = "kept in canonical form only" if result.guard_action == "keep" else "removal allowed by policy"
        lines.append(
            f"clean: {display}: guard: the rules would remove {result.guarded:.0%} of the text "
            f"(over guard_max_removed = {cleaner.policy['guard_max_removed']:.0%}); {what}"
        )
    if options.explain:
        if options.explain_format == "json":
            lines.append(explain_json(display, dest, result))
        else:
            lines.append(format_explain(display, result, cleaner.pipeline.rules))
    return lines


def _stdin_job(cleaner: Any, options: FilesOptions, data: bytes, sink: Sink, summary: FilesSummary) -> None:
    try:
        decoded, result = cleaner.decode_and_run(data, html=options.html, explain=options.explain or options.report)
    except CleanError as e:
        sink.err(f"clean: <stdin>: {e}")
        summary.failed += 1
        if summary.report is not None:
            summary.report.fail("<stdin>", str(e))
        return
    if summary.report is not None:
        summary.report.add("<stdin>", doc_stats(result, decoded.text))
    for line in _messages(result, "<stdin>", None, cleaner, options):
        sink.err(line)
    summary.guarded += result.guarded is not None
    if options.diff:
        buf = io.StringIO()
        print_diff(result.text, "<stdin>", "<stdout>", buf, original=decoded.text)
        sink.out(buf.getvalue())
    elif not options.check:
        sink.out(result.text)
    if result.text.encode("utf-8") == data:
        summary.same += 1
    else:
        summary.changed += 1


def _file_worker(job: Job) -> Outcome:
    """Clean one file: read, clean, compare, write (or check/diff). Runs in a worker process."""
    st = state()
    cleaner, options = st["cleaner"], st["options"]
    assert job.src is not None and job.dest is not None
    try:
        data = job.src.read_bytes()
    except OSError as e:
        return Outcome("failed", stderr=[f"clean: {job.display}: cannot read: {e.strerror or e}"])
    try:
        decoded, result = cleaner.decode_and_run(data, name=job.display, html=options.html, explain=options.explain or options.report)
    except CleanError as e:
        msg = str(e)
        return Outcome("failed", stderr=[f"clean: {msg if msg.startswith(job.display) else f'{job.display}: {msg}'}"], display=job.display)
    err = _messages(result, job.display, str(job.dest), cleaner, options)
    guarded = int(result.guarded is not None)
    stats = doc_stats(result, decoded.text) if options.report else None
    new = result.text.encode("utf-8")
    kw: dict[str, Any] = {"stderr": err, "guarded": guarded, "display": job.display, "stats": stats}
    if options.diff:
        if decoded.text == result.text:
            return Outcome("same", **kw)
        buf = io.StringIO()
        print_diff(result.text, f"a/{job.display}", f"b/{job.dest}", buf, original=decoded.text)
        return Outcome("changed", stdout=buf.getvalue(), **kw)
    try:
        old = job.dest.read_bytes() if job.dest.exists() else None
    except OSError:
        old = None
    if old == new:
        return Outcome("same", **kw)
    if options.check:
        return Outcome("changed", stdout=f"would clean: {job.display if options.in_place else job.dest}\n", **kw)
    try:
        atomic_write(job.dest, new, mode_from=job.src if options.in_place else None)
    except OSError as e:
        err.append(f"clean: {job.display}: cannot write {job.dest}: {e.strerror or e}")
        return Outcome("failed", **kw)
    return Outcome("changed", **kw)


def print_diff(new: str, a: str, b: str, out: TextIO, *, original: str) -> None:
    """A unified diff of ``original`` against ``new`` (files ``a`` and ``b``) written to ``out``."""
    diff = difflib.unified_diff(original.splitlines(keepends=True), new.splitlines(keepends=True), a, b)
    for line in diff:
        out.write(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
