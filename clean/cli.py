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
import contextlib
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .errors import CleanError, CommandError
from .fileio import Sink, atomic_write
from .parallel import cpu_count

EXIT_OK, EXIT_CHANGES, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="clean",
        description="Turn dirty news text (scraped pages, mojibake, site chrome, names in every convention) into one canonical text. "
        "'clean suggest CORPUS' proposes new rules from a corpus (clean suggest --help); 'clean check-rules DIR' validates a rules "
        "directory and runs its examples (clean check-rules --help); to clean a file named 'suggest', write ./suggest.",
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


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None, *, stdin: Any = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    stdin = stdin or sys.stdin
    _terminate_on_sigterm()
    program = argv is None  # run as the program (console script, python -m clean): it exits after this
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        with _collector_tuned(program):
            if argv[:1] == ["check-rules"]:
                return _check_rules(argv[1:], stdout, stderr)
            if argv[:1] == ["suggest"] or "--suggest" in argv:
                rest = argv[1:] if argv[:1] == ["suggest"] else [a for a in argv if a != "--suggest"]
                return _suggest(rest, stdin, stdout, stderr)
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


@contextlib.contextmanager
def _collector_tuned(program: bool) -> Iterator[None]:
    """Python's cyclic garbage collector, tuned for one run of the command, and put back after
    it when ``main`` ran in-process (tests, notebooks: ``program`` False).

    A run keeps what it builds until the end: the compiled rules, then the per-line memos that
    fill as new text comes (up to some 150,000 objects on a stream of new text). With the
    default thresholds (700, 10, 10) the collector walks them again and again: measured 10% of
    a run on the news-unique corpus. So young objects are collected per 20,000 allocations, and
    the compiled rules are frozen (``gc.freeze``, after they are built or read from the cache):
    the collector never walks them again, in this process or in forked workers. Not when the
    caller had frozen objects already: what ``gc.freeze`` would add could then never be
    unfrozen. The program leaves them frozen: the interpreter's last collection at exit would
    walk them all once more, for nothing (measured: about 70 ms of a one-document run)."""
    old = gc.get_threshold()
    frozen = gc.get_freeze_count()
    gc.set_threshold(20_000, 20, 20)
    try:
        yield
    finally:
        if not program:
            if not frozen:
                gc.unfreeze()
            gc.set_threshold(*old)


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
    if args.check and args.diff:
        raise UsageError("--check and --diff are alternatives: use one")
    if args.in_place and args.output:
        raise UsageError("--in-place and -o/--output are alternatives: use one")
    cleaner, project = _cleaner(args)
    if not gc.get_freeze_count():
        gc.freeze()  # the compiled rules live to the end of the run (_collector_tuned)
    if args.output is None and project.get("output"):
        args.output = project["output"]
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
    jobs = args.jobs if args.jobs and args.jobs > 0 else cpu_count()
    sink = Sink(out=stdout.write, err=lambda line: print(line, file=stderr), stderr=stderr, flush=stdout.flush)
    if args.jsonl:
        return _jsonl(args, cleaner, paths, jobs, sink, stdin, stderr)
    from .files import FilesOptions, run_files

    options = FilesOptions(
        output=None if args.in_place else Path(args.output or "out"),
        in_place=args.in_place,
        check=args.check,
        diff=args.diff,
        explain=args.explain,
        explain_format=args.explain_format,
        html=args.html,
        mirror_root=Path(args.mirror_root) if args.mirror_root else None,
        report=bool(args.report),
        quiet=args.quiet,
        jobs=jobs,
    )
    n = run_files(paths, cleaner, options, sink, stdin)
    stdout.flush()
    if n.report is not None:
        _write_reports(args.report, n.report, cleaner)
    if not args.quiet and (n.inputs > 1 or any(Path(p).is_dir() for p in paths if p != "-")):
        verb = "would be cleaned" if args.check else ("would change" if args.diff else "cleaned")
        print(f"{_n(n.changed)} {verb}, {n.same} unchanged, {n.failed} failed" + (f", {n.guarded} guarded" if n.guarded else ""), file=stderr)
    if n.failed:
        return EXIT_ERROR
    if (args.check or args.diff or args.in_place or args.fail_on_write) and n.changed:
        return EXIT_CHANGES
    return EXIT_OK


def _cleaner(args: argparse.Namespace) -> tuple[Any, dict[str, Any]]:
    """The Cleaner the options and the project's [tool.clean] ask for (flags win), and that table."""
    from .api import Cleaner
    from .config import find_pyproject, load_project_config

    project: dict[str, Any] = {}
    if not getattr(args, "isolated", False):
        config = getattr(args, "config", None)
        pyproject = Path(config) if config else find_pyproject(Path.cwd())
        if pyproject is not None:
            project = load_project_config(pyproject)
    policy = dict(project.get("policy", {}))
    policy.update(_parse_policy(getattr(args, "policy", [])))
    cleaner = Cleaner(
        [*project.get("rules", []), *args.rules],
        select=_split(getattr(args, "select", [])) or project.get("select", []),
        ignore=_split(getattr(args, "ignore", [])) + list(project.get("ignore", [])),
        policy=policy,
        default_rules=not getattr(args, "no_default_rules", False) and project.get("default-rules", True),
        encoding=getattr(args, "encoding", None) or project.get("encoding"),
        errors=getattr(args, "errors", "strict"),
        cache=True,
    )
    return cleaner, project


def _jsonl(args: argparse.Namespace, cleaner: Any, paths: list[str], jobs: int, sink: Sink, stdin: Any, stderr: TextIO) -> int:
    from .jsonl import JsonlOptions, run_jsonl

    if len(paths) != 1:
        raise UsageError("--jsonl takes one input (a file or -)")
    if args.check or args.diff or args.in_place:
        raise UsageError("--jsonl writes a stream: --check, --diff and --in-place do not apply")
    options = JsonlOptions(
        field=args.field,
        counts_field=args.counts_field,
        explain=args.explain,
        html=args.html,
        on_error=args.on_error,
        report=bool(args.report),
        quiet=args.quiet,
        jobs=jobs,
    )
    n = run_jsonl(paths[0], args.output, cleaner, options, sink, stdin)
    name = "<stdin>" if paths[0] == "-" else paths[0]
    if n.stopped_at is not None:
        print(f"clean: {name}: stopped at line {n.stopped_at} (--on-error fail); nothing written", file=stderr)
        return EXIT_ERROR
    if n.report is not None:
        _write_reports(args.report, n.report, cleaner)
    if not args.quiet:
        what = {"keep": "passed through", "skip": "dropped", "fail": ""}[args.on_error]
        print(f"{n.cleaned} records cleaned ({n.changed} changed), {n.malformed} malformed" + (f" ({what})" if n.malformed else ""), file=stderr)
    return EXIT_ERROR if n.malformed else EXIT_OK


def _suggest(argv: Sequence[str], stdin: Any, stdout: TextIO, stderr: TextIO) -> int:
    from .suggest import SuggestOptions, run_suggest

    ap = argparse.ArgumentParser(prog="clean suggest", description="Propose rules (TOML) from recurring chrome in a corpus; nothing is applied.")
    ap.add_argument("paths", nargs="+", metavar="CORPUS", help="files, directories or JSONL files ('-' reads stdin)")
    ap.add_argument("--jsonl", action="store_true", help="the inputs are JSON Lines")
    ap.add_argument("--field", default="text")
    ap.add_argument("--min-docs", type=int, default=5, help="a paragraph must recur in at least this many documents (default 5)")
    ap.add_argument("--min-share", type=float, default=0.02, help="... and in at least this share of all documents (default 0.02)")
    ap.add_argument("--position-share", type=float, default=0.9, help="... standing among the first or last paragraphs this often (default 0.9)")
    ap.add_argument("-o", "--output", help="write the proposals here (default: stdout)")
    ap.add_argument("-j", "--jobs", type=int, default=0)
    ap.add_argument("--rules", action="append", default=[])
    args = ap.parse_args(list(argv))
    cleaner, _ = _cleaner(args)
    options = SuggestOptions(
        jsonl=args.jsonl,
        field=args.field,
        min_docs=args.min_docs,
        min_share=args.min_share,
        position_share=args.position_share,
        jobs=args.jobs if args.jobs > 0 else cpu_count(),
    )
    try:
        n = run_suggest(args.paths, cleaner, options, stdin)
    except CommandError as e:
        print(f"clean suggest: {e}", file=stderr)
        return EXIT_ERROR
    if args.output:
        atomic_write(Path(args.output), n.text.encode("utf-8"))
    else:
        stdout.write(n.text)
    print(f"clean suggest: {n.documents} documents, {n.proposals} rules proposed, {n.names} name candidates", file=stderr)
    return EXIT_OK


def _check_rules(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    from .validate import check_rules

    ap = _Parser(
        prog="clean check-rules",
        description="Validate rules directories and run every example of every rule in them, alone and through the whole pipeline.",
        epilog="Exit codes: 0 every example holds; 1 an example fails; 2 a rule file is invalid (file, line, rule and key are named).",
    )
    ap.add_argument("dirs", nargs="+", metavar="DIR", help="rules directories (loaded after the bundled rules)")
    ap.add_argument("--no-default-rules", action="store_true", help="do not load the bundled rules")
    args = ap.parse_args(list(argv))
    summary = check_rules(args.dirs, default_rules=not args.no_default_rules)
    for failure in summary.failures:
        print(failure.describe(), file=stdout)
    bad = len({(f.rule.id, f.index) for f in summary.failures})
    print(f"clean check-rules: {summary.rules} rules, {summary.examples} examples, {bad} failing", file=stderr)
    return EXIT_CHANGES if summary.failures else EXIT_OK


def _n(k: int) -> str:
    return f"{k} file" + ("" if k == 1 else "s")


def _write_reports(paths: Sequence[str], report: Any, cleaner: Any) -> None:
    from .report import write

    data = report.as_dict({r.id: r.name for r in cleaner.ruleset.rules})
    for path in paths:
        write(path, data)


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
    from .ruledoc import code_of

    r = cleaner.ruleset.by_id(rid)
    kind = KINDS[r.kind]
    print(f"{r.id} {r.name}", file=out)
    print(f"  kind:    {r.kind} (stage {r.stage}): {kind.DOC}", file=out)
    print(f"  code:    {code_of(kind)}", file=out)
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
