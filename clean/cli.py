"""The command line: files, directories and stdin in; canonical text out.

Exit codes (like ruff and black):

* ``0`` success, or nothing to do;
* ``1`` ``--check``/``--diff`` found files that would change, or ``--in-place`` changed files;
* ``2`` usage error, bad rule file or option, an input that could not be read or decoded, or an
  internal error. One bad input is reported (file and reason on stderr) and the run goes on
  with the others; the exit code is 2 at the end.

The CLI holds no text logic: it reads bytes, calls :class:`clean.Cleaner`, and writes atomically.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .errors import CleanError, ConfigError
from .parallel import cpu_count, ordered_map, state
from .report import RunReport, doc_stats

EXIT_OK, EXIT_CHANGES, EXIT_ERROR = 0, 1, 2
HTML_SUFFIXES = (".html", ".htm")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="clean",
        description="Turn dirty news text (scraped pages, mojibake, site chrome, names in every convention) into one canonical text. "
        "'clean suggest CORPUS' proposes new rules from a corpus (clean suggest --help); to clean a file named 'suggest', write ./suggest.",
        epilog="Exit codes: 0 ok; 1 changes found (--check/--diff) or made (--in-place); 2 usage, rule-file, decoding or internal error.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (recursively); '-' or nothing with piped stdin reads stdin")
    p.add_argument("-o", "--output", metavar="DIR", default=None, help="write outputs under DIR, mirroring relative names (default: out/)")
    p.add_argument("--in-place", action="store_true", help="overwrite each input with its cleaned text")
    p.add_argument("--check", action="store_true", help="write nothing; list outputs that would change; exit 1 if any")
    p.add_argument("--diff", action="store_true", help="write nothing; print a unified diff of each input against its cleaned text; exit 1 if any")
    p.add_argument("--explain", action="store_true", help="print every change (rule id, line, before -> after) on stderr")
    p.add_argument("--explain-format", choices=("text", "json"), default="text", help="format of --explain (json: one object per document)")
    p.add_argument("--rules", metavar="DIR", action="append", default=[], help="an extra rules directory (repeatable); loaded after the bundled rules")
    p.add_argument("--no-default-rules", action="store_true", help="do not load the bundled rules")
    p.add_argument("--select", metavar="IDS", action="append", default=[], help="only these rules (ids, names or id prefixes, comma-separated)")
    p.add_argument("--ignore", metavar="IDS", action="append", default=[], help="not these rules (ids, names or id prefixes, comma-separated)")
    p.add_argument("--policy", metavar="KEY=VALUE", action="append", default=[], help="set a policy value (see --list-policy)")
    p.add_argument("--encoding", metavar="NAME", default=None, help="force the input encoding instead of detecting it")
    p.add_argument("--errors", choices=("strict", "replace"), default="strict", help="undecodable bytes: fail the file (strict, default) or write U+FFFD (replace)")
    p.add_argument("--html", dest="html", action="store_true", default=None, help="treat every input as HTML")
    p.add_argument("--no-html", dest="html", action="store_false", help="never treat input as HTML")
    p.add_argument("--suggest", action="store_true", help="same as 'clean suggest PATH...': propose rules and list likely name variants the gazetteer lacks; nothing is applied")
    p.add_argument("--report", metavar="FILE", action="append", default=[], help="write a run report: FILE.html (self-contained page with charts) or FILE.json; repeatable")
    p.add_argument("--mirror-root", metavar="DIR", default=None, help="name outputs by their path relative to DIR (for file lists from pre-commit: seeds/a/b.txt -> out/a/b.txt)")
    p.add_argument("--fail-on-write", action="store_true", help="exit 1 when an output file was written (pre-commit fix hooks)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line, no progress bar")
    p.add_argument("-j", "--jobs", type=int, default=0, metavar="N", help="worker processes for directories and JSONL (default: all cores); output order is kept")
    p.add_argument("--jsonl", action="store_true", help="JSON Lines in (PATH or stdin; .gz/.zst by extension), JSON Lines out (-o FILE or stdout)")
    p.add_argument("--field", default="text", help="with --jsonl: the field holding the text (default: text)")
    p.add_argument("--counts-field", metavar="NAME", default=None, help="with --jsonl: add per-rule counts (and with --explain the changes) under NAME")
    p.add_argument("--on-error", choices=("keep", "skip", "fail"), default="keep", help="with --jsonl: a malformed record is passed through (keep, default), dropped (skip) or stops the run (fail); always reported")
    p.add_argument("--list-rules", action="store_true", help="list the rules (id, name, kind, stage, source, summary) and exit")
    p.add_argument("--show-rule", metavar="ID", help="show one rule: what it does, why, its examples; and exit")
    p.add_argument("--list-policy", action="store_true", help="list the policy keys with their values and exit")
    p.add_argument("--config", metavar="PYPROJECT", default=None, help="read [tool.clean] from this file (default: the nearest pyproject.toml with a [tool.clean] table)")
    p.add_argument("--isolated", action="store_true", help="ignore any [tool.clean] configuration")
    p.add_argument("--version", action="version", version=f"clean {__version__}")
    return p


def _split(values: Sequence[str]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _parse_policy(items: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items:
        if "=" not in item:
            raise UsageError(f"--policy expects KEY=VALUE, got {item!r}")
        k, v = item.split("=", 1)
        val: Any = v
        if v.lower() in ("true", "false"):
            val = v.lower() == "true"
        else:
            try:
                val = float(v) if any(c in v for c in ".e") else int(v)
            except ValueError:
                val = v
        out[k.strip()] = val
    return out


# --------------------------------------------------------------------------- inputs


@dataclasses.dataclass(frozen=True)
class Job:
    src: Path | None  # None: stdin
    display: str
    dest: Path | None  # None: stdout


def _walk(root: Path, skip: set[Path]) -> Iterator[Path]:
    """Regular files below ``root``, sorted, hidden entries and the output folder left out.

    Symbolic links to directories are not followed (so a link loop cannot trap the walk).
    """
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        d = Path(dirpath)
        dirnames[:] = sorted(n for n in dirnames if not n.startswith(".") and (d / n).resolve() not in skip)
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            p = d / name
            if p.is_file():
                yield p


def collect_jobs(paths: Sequence[str], out_dir: Path | None, in_place: bool, mirror_root: Path | None = None) -> tuple[list[Job], list[str]]:
    jobs: list[Job] = []
    errors: list[str] = []
    skip = {out_dir.resolve()} if out_dir is not None and not in_place else set()

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
            for f in _walk(p, skip):
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


# --------------------------------------------------------------------------- output


def atomic_write(path: Path, data: bytes, *, mode_from: Path | None = None) -> None:
    """Write ``data`` to ``path`` through a temp file and a rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".clean-tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        if mode_from is not None:
            os.chmod(tmp, os.stat(mode_from).st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def format_explain(display: str, result: Any, rules: dict[str, Any]) -> str:
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


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None, *, stdin: Any = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    stdin = stdin or sys.stdin
    _terminate_on_sigterm()
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] == ["suggest"] or "--suggest" in argv:
            from .suggest import main as suggest_main

            rest = argv[1:] if argv[:1] == ["suggest"] else [a for a in argv if a != "--suggest"]
            return suggest_main(rest, stdin=stdin, stdout=stdout, stderr=stderr)
        return _main(argv, stdin, stdout, stderr)
    except UsageError as e:
        print(f"clean: error: {e}", file=stderr)
        print("usage: clean [PATH ...] [-o DIR] [--check | --diff | --in-place] [--explain] (clean --help for more)", file=stderr)
        return EXIT_ERROR
    except CleanError as e:
        print(f"clean: error: {e}", file=stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (clean ... | head): stop quietly, no traceback.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("clean: interrupted; outputs already written are complete, none is half-written", file=stderr)
        return 130
    except Terminated:
        print("clean: terminated; outputs already written are complete, none is half-written", file=stderr)
        return 143


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that temp files are removed on the way out."""


def _raise_terminated(signum: int, frame: Any) -> None:
    raise Terminated()


def _terminate_on_sigterm() -> None:
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _raise_terminated)


def _main(argv: Sequence[str] | None, stdin: Any, stdout: TextIO, stderr: TextIO) -> int:
    args = build_parser().parse_args(argv)
    from .api import Cleaner

    if args.check and args.diff:
        raise UsageError("--check and --diff are alternatives: use one")
    if args.in_place and args.output:
        raise UsageError("--in-place and -o/--output are alternatives: use one")
    from .config import find_pyproject, load_project_config

    project: dict[str, Any] = {}
    if not args.isolated:
        pyproject = Path(args.config) if args.config else find_pyproject(Path.cwd())
        if pyproject is not None:
            project = load_project_config(pyproject)
    policy = dict(project.get("policy", {}))
    policy.update(_parse_policy(args.policy))
    if args.output is None and project.get("output"):
        args.output = project["output"]
    cleaner = Cleaner(
        [*project.get("rules", []), *args.rules],
        select=_split(args.select) or project.get("select", []),
        ignore=_split(args.ignore) + list(project.get("ignore", [])),
        policy=policy,
        default_rules=not args.no_default_rules and project.get("default-rules", True),
        encoding=args.encoding or project.get("encoding"),
        errors=args.errors,
    )
    if args.list_rules:
        return _list_rules(cleaner, stdout)
    if args.show_rule:
        return _show_rule(cleaner, args.show_rule, stdout)
    if args.list_policy:
        from .config import POLICY

        for k, o in POLICY.items():
            print(f"{k} = {cleaner.policy[k]!r}  # {o.doc}" + (f" (one of {', '.join(map(repr, o.choices))})" if o.choices else ""), file=stdout)
        return EXIT_OK

    paths = list(args.paths)
    if not paths:
        if stdin.isatty():
            raise UsageError("no input: give files or directories, or '-' to read stdin")
        paths = ["-"]
    jobs_n = args.jobs if args.jobs and args.jobs > 0 else cpu_count()
    if args.jsonl:
        from .jsonl import run_jsonl

        return run_jsonl(args, cleaner, paths, jobs_n, stdin, stdout, stderr)
    out_dir = None if args.in_place else Path(args.output or "out")
    jobs, errors = collect_jobs(paths, out_dir, args.in_place, Path(args.mirror_root) if args.mirror_root else None)
    for e in errors:
        print(f"clean: {e}", file=stderr)
    report = RunReport() if args.report else None
    opts = {
        "cleaner": cleaner,
        "report": report is not None,
        "explain": args.explain,
        "explain_format": args.explain_format,
        "check": args.check,
        "diff": args.diff,
        "in_place": args.in_place,
        "html": args.html,
    }
    n = {"changed": 0, "same": 0, "failed": len(errors), "guarded": 0}
    file_jobs = [j for j in jobs if j.src is not None]
    for job in jobs:
        if job.src is None:
            _stdin_job(job, opts, stdin, stdout, stderr, n, report)
    # Small runs stay in-process: starting workers costs more than it saves.
    total = sum(_size(j.src) for j in file_jobs)
    workers = jobs_n if len(file_jobs) > 1 and total > 256 * 1024 else 1
    progress = _progress(stderr, args.quiet, total=len(file_jobs), unit="file")
    try:
        for out in ordered_map(_file_worker, file_jobs, jobs=workers, shared=opts, batch_size=4):
            if out.stdout:
                stdout.write(out.stdout)
            for line in out.stderr:
                print(line, file=stderr)
            n[out.status] += 1
            n["guarded"] += out.guarded
            if report is not None:
                if out.stats is not None:
                    report.add(out.display, out.stats)
                elif out.status == "failed":
                    report.fail(out.display, "; ".join(out.stderr))
            if progress is not None:
                progress.update(1)
                if out.status == "failed":
                    progress.set_postfix(failed=n["failed"], refresh=False)
    finally:
        if progress is not None:
            progress.close()
    stdout.flush()
    if report is not None:
        _write_reports(args.report, report, cleaner)
    if not args.quiet and (len(jobs) + len(errors) > 1 or any(Path(p).is_dir() for p in paths if p != "-")):
        verb = "would be cleaned" if args.check else ("would change" if args.diff else "cleaned")
        print(
            f"{_n(n['changed'])} {verb}, {n['same']} unchanged, {n['failed']} failed" + (f", {n['guarded']} guarded" if n["guarded"] else ""),
            file=stderr,
        )
    if n["failed"]:
        return EXIT_ERROR
    if (args.check or args.diff or args.in_place or args.fail_on_write) and n["changed"]:
        return EXIT_CHANGES
    return EXIT_OK


@dataclasses.dataclass
class Outcome:
    status: str  # "changed" | "same" | "failed"
    stdout: str = ""
    stderr: list[str] = dataclasses.field(default_factory=list)
    guarded: int = 0
    display: str = ""
    stats: dict[str, Any] | None = None


def _write_reports(paths: Sequence[str], report: RunReport, cleaner: Any) -> None:
    from .report import write

    data = report.as_dict({r.id: r.name for r in cleaner.ruleset.rules})
    for path in paths:
        write(path, data)


def _size(p: Path | None) -> int:
    try:
        return p.stat().st_size if p is not None else 0
    except OSError:
        return 0


def _progress(stderr: TextIO, quiet: bool, **kw: Any) -> Any:
    """A progress bar on a terminal, shown only for runs that last over a second."""
    if quiet or not getattr(stderr, "isatty", lambda: False)():
        return None
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover
        return None
    return tqdm(file=stderr, delay=1.0, dynamic_ncols=True, **kw)


def _report(result: Any, display: str, dest: str | None, opts: dict[str, Any]) -> list[str]:
    lines = []
    if result.replaced:
        lines.append(
            f"clean: {display}: mixed encodings: {result.replaced} bytes not valid {result.encoding} "
            "were replaced with U+FFFD"
        )
    if result.guarded is not None:
        cleaner = opts["cleaner"]
        what = "kept in canonical form only" if result.guard_action == "keep" else "removal allowed by policy"
        lines.append(
            f"clean: {display}: guard: the rules would remove {result.guarded:.0%} of the text "
            f"(over guard_max_removed = {cleaner.policy['guard_max_removed']:.0%}); {what}"
        )
    if opts["explain"]:
        if opts["explain_format"] == "json":
            lines.append(explain_json(display, dest, result))
        else:
            lines.append(format_explain(display, result, opts["cleaner"].pipeline.rules))
    return lines


def _stdin_job(job: Job, opts: dict[str, Any], stdin: Any, stdout: TextIO, stderr: TextIO, n: dict[str, int], report: RunReport | None) -> None:
    cleaner = opts["cleaner"]
    data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode("utf-8")
    try:
        decoded, result = cleaner.decode_and_run(data, html=opts["html"], explain=opts["explain"] or opts["report"])
    except CleanError as e:
        print(f"clean: <stdin>: {e}", file=stderr)
        n["failed"] += 1
        if report is not None:
            report.fail("<stdin>", str(e))
        return
    if report is not None:
        report.add("<stdin>", doc_stats(result, decoded.text))
    for line in _report(result, "<stdin>", None, opts):
        print(line, file=stderr)
    n["guarded"] += result.guarded is not None
    same = result.text.encode("utf-8") == data
    if opts["diff"]:
        _print_diff(data, result.text, "<stdin>", "<stdout>", stdout, original=decoded.text)
    elif not opts["check"]:
        stdout.write(result.text)
        stdout.flush()
    n["same" if same else "changed"] += 1


def _file_worker(job: Job) -> Outcome:
    """Clean one file: read, clean, compare, write (or check/diff). Runs in a worker process."""
    opts = state()
    cleaner = opts["cleaner"]
    assert job.src is not None and job.dest is not None
    try:
        data = job.src.read_bytes()
    except OSError as e:
        return Outcome("failed", stderr=[f"clean: {job.display}: cannot read: {e.strerror or e}"])
    try:
        decoded, result = cleaner.decode_and_run(data, name=job.display, html=opts["html"], explain=opts["explain"] or opts["report"])
    except CleanError as e:
        msg = str(e)
        return Outcome("failed", stderr=[f"clean: {msg if msg.startswith(job.display) else f'{job.display}: {msg}'}"], display=job.display)
    err = _report(result, job.display, str(job.dest), opts)
    guarded = int(result.guarded is not None)
    stats = doc_stats(result, decoded.text) if opts["report"] else None
    new = result.text.encode("utf-8")
    kw = {"stderr": err, "guarded": guarded, "display": job.display, "stats": stats}
    if opts["diff"]:
        original = decoded.text
        if original == result.text:
            return Outcome("same", **kw)
        buf = io.StringIO()
        _print_diff(data, result.text, f"a/{job.display}", f"b/{job.dest}", buf, original=original)
        return Outcome("changed", stdout=buf.getvalue(), **kw)
    try:
        old = job.dest.read_bytes() if job.dest.exists() else None
    except OSError:
        old = None
    if old == new:
        return Outcome("same", **kw)
    if opts["check"]:
        return Outcome("changed", stdout=f"would clean: {job.display if opts['in_place'] else job.dest}\n", **kw)
    try:
        atomic_write(job.dest, new, mode_from=job.src if opts["in_place"] else None)
    except OSError as e:
        err.append(f"clean: {job.display}: cannot write {job.dest}: {e.strerror or e}")
        return Outcome("failed", **kw)
    return Outcome("changed", **kw)


def _n(k: int) -> str:
    return f"{k} file" + ("" if k == 1 else "s")


def _print_diff(data: bytes, new: str, a: str, b: str, out: TextIO, *, original: str | None = None) -> None:
    if original is None:
        original = data.decode("utf-8", "replace")
    diff = difflib.unified_diff(original.splitlines(keepends=True), new.splitlines(keepends=True), a, b)
    for line in diff:
        out.write(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")


def _list_rules(cleaner: Any, out: TextIO) -> int:
    rows = [("ID", "NAME", "KIND", "STAGE", "SOURCE", "SUMMARY")]
    for r in cleaner.ruleset.rules:
        rows.append((r.id, r.name, r.kind, r.stage, r.source or "all", r.summary))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        print("  ".join(c.ljust(widths[i]) for i, c in enumerate(row[:5])) + "  " + row[5], file=out)
    return EXIT_OK


def _show_rule(cleaner: Any, rid: str, out: TextIO) -> int:
    from .kinds import KINDS

    try:
        r = cleaner.ruleset.by_id(rid)
    except ConfigError:
        raise
    kind = KINDS[r.kind]
    print(f"{r.id} {r.name}", file=out)
    print(f"  kind:    {r.kind} (stage {r.stage}): {kind.DOC}", file=out)
    print(f"  source:  {r.source_name or r.source or 'every document'}", file=out)
    if r.enabled_when:
        print(f"  enabled when: {', '.join(f'{k} = {v!r}' for k, v in r.enabled_when.items())}", file=out)
    print(f"  file:    {r.path}" + (f":{r.line}" if r.line else ""), file=out)
    print(f"\nWhat it does\n  {r.summary}\n\nWhy\n  {r.why}\n\nOptions", file=out)
    for k, v in r.options.items():
        print(f"  {k} = {v!r}", file=out)
    print("\nExamples", file=out)
    for ex in r.examples:
        label = "changes" if ex.output is not None else "leaves alone"
        print(f"  {label}:\n    {ex.input!r}", file=out)
        if ex.output is not None:
            print(f"    -> {ex.output!r}", file=out)
        if ex.note:
            print(f"    ({ex.note})", file=out)
    return EXIT_OK
