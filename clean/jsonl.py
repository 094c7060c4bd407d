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

import gzip
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, TextIO

from .errors import CleanError
from .parallel import ordered_map, state


def open_read(path: str, stdin: Any) -> IO[bytes]:
    if path == "-":
        return stdin.buffer if hasattr(stdin, "buffer") else io.BytesIO(stdin.read().encode("utf-8"))
    if path.endswith(".gz"):
        return gzip.open(path, "rb")
    if path.endswith(".zst"):
        import zstandard

        return zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), closefd=True)
    return open(path, "rb")


def _lines(fh: IO[bytes]) -> Iterator[bytes]:
    if isinstance(fh, io.BufferedIOBase) or hasattr(fh, "readline"):
        try:
            yield from fh
            return
        except io.UnsupportedOperation:  # pragma: no cover - zstd readers iterate by chunks
            pass
    buf = b""
    while True:
        chunk = fh.read(1 << 20)
        if not chunk:
            break
        buf += chunk
        *whole, buf = buf.split(b"\n")
        for line in whole:
            yield line + b"\n"
    if buf:
        yield buf


class _Out:
    """Atomic output: a temp file beside the target, compressed by extension, renamed on success."""

    def __init__(self, path: str | None, stdout: TextIO) -> None:
        self.path = path
        self.stdout = stdout
        self.tmp: str | None = None
        if path is None or path == "-":
            self.fh: Any = None
            return
        target = Path(path)
        if target.exists() and not target.is_file():
            # A device or a pipe (/dev/null, a FIFO): write straight to it, there is nothing to rename.
            raw = open(target, "wb")  # noqa: SIM115 - closed in commit/abort
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, self.tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".clean-tmp")
            raw = os.fdopen(fd, "wb")
        if path.endswith(".gz"):
            self.fh = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0)
            self._raw: Any = raw
        elif path.endswith(".zst"):
            import zstandard

            self.fh = zstandard.ZstdCompressor().stream_writer(raw, closefd=False)
            self._raw = raw
        else:
            self.fh = raw
            self._raw = None

    def write(self, line: bytes) -> None:
        if self.fh is None:
            self.stdout.write(line.decode("utf-8"))
        else:
            self.fh.write(line)

    def commit(self) -> None:
        if self.fh is None:
            self.stdout.flush()
            return
        self.fh.close()
        if self._raw is not None:
            self._raw.close()
        if self.tmp is not None:
            assert self.path is not None
            os.replace(self.tmp, self.path)
            self.tmp = None

    def abort(self) -> None:
        if self.tmp is not None:
            try:
                self.fh.close()
                if self._raw is not None:
                    self._raw.close()
            except Exception:  # noqa: BLE001 - best effort while failing
                pass
            try:
                os.unlink(self.tmp)
            except OSError:
                pass


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
    stats = None
    if st["report"]:
        from .report import doc_stats

        stats = doc_stats(res, text)
    return lineno, line, None, res.text != text, stats


def run_jsonl(args: Any, cleaner: Any, paths: list[str], jobs: int, stdin: Any, stdout: TextIO, stderr: TextIO) -> int:
    if len(paths) != 1:
        print("clean: error: --jsonl takes one input (a file or -)", file=stderr)
        return 2
    if args.check or args.diff or args.in_place:
        print("clean: error: --jsonl writes a stream: --check, --diff and --in-place do not apply", file=stderr)
        return 2
    src = paths[0]
    name = "<stdin>" if src == "-" else src
    if args.output and src != "-" and Path(args.output).resolve() == Path(src).resolve():
        print(f"clean: error: {name}: refusing to write the output over the input", file=stderr)
        return 2
    try:
        fh = open_read(src, stdin)
    except OSError as e:
        print(f"clean: {name}: cannot read: {e.strerror or e}", file=stderr)
        return 2
    counts_field = args.counts_field or ("clean" if args.explain else None)
    from .report import RunReport

    report = RunReport() if args.report else None
    shared = {"cleaner": cleaner, "field": args.field, "counts_field": counts_field, "explain": args.explain, "html": args.html, "report": report is not None}
    out = _Out(args.output, stdout)
    n_ok = n_changed = n_bad = 0
    size = os.path.getsize(src) if src != "-" and not src.endswith((".gz", ".zst")) else None
    from .cli import _progress

    progress = _progress(stderr, args.quiet, total=size, unit="B", unit_scale=True)
    raws: dict[int, bytes] = {}
    keep = args.on_error == "keep"

    def items() -> Iterator[tuple[int, bytes]]:
        for i, line in enumerate(_lines(fh), 1):
            if keep:
                raws[i] = line
            if progress is not None:
                progress.update(len(line))
            yield i, line

    try:
        for lineno, line, err, changed, stats in ordered_map(clean_record, items(), jobs=jobs, shared=shared, batch_size=64):
            raw = raws.pop(lineno, None)
            if report is not None:
                if stats is not None:
                    report.add(f"{name}:{lineno}", stats)
                elif err is not None:
                    report.fail(f"{name}:{lineno}", err)
            if err is None:
                assert line is not None
                out.write(line)
                n_ok += 1
                n_changed += changed
                continue
            n_bad += 1
            print(f"clean: {name}:{lineno}: {err}", file=stderr)
            if progress is not None:
                progress.set_postfix(failed=n_bad, refresh=False)
            if args.on_error == "fail":
                out.abort()
                print(f"clean: {name}: stopped at line {lineno} (--on-error fail); nothing written", file=stderr)
                return 2
            if keep and raw is not None:
                out.write(raw if raw.endswith(b"\n") else raw + b"\n")
        out.commit()
        if report is not None:
            from .cli import _write_reports

            _write_reports(args.report, report, cleaner)
    except BaseException:
        out.abort()
        raise
    finally:
        if progress is not None:
            progress.close()
        if fh is not getattr(stdin, "buffer", None):
            fh.close()
    if not args.quiet:
        what = {"keep": "passed through", "skip": "dropped", "fail": ""}[args.on_error]
        print(f"{n_ok} records cleaned ({n_changed} changed), {n_bad} malformed" + (f" ({what})" if n_bad else ""), file=stderr)
    return 2 if n_bad else 0
