"""Shared I/O for the commands: atomic writes, compressed streams, input walking, stdin, progress.

Everything here is below the commands (``files``, ``jsonl``, ``suggest``, ``report``) and above
nothing of the package: it imports no other module of ``clean``, so any command can use it and
no import circle can close through it.
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, TextIO

COMPRESSED_SUFFIXES = (".gz", ".zst")


@dataclasses.dataclass
class Sink:
    """Where a command's text goes: its product (``out``) and its messages (``err``, one a call).

    Commands never print: the command line gives them a sink on stdout and stderr, a test or a
    program may give them lists.
    """

    out: Callable[[str], Any]
    err: Callable[[str], Any]
    stderr: TextIO | None = None  # for a progress bar, when it is a terminal
    flush: Callable[[], Any] | None = None  # after the product of a stream is complete


def atomic_write(path: Path, data: bytes, *, mode_from: Path | None = None, private: bool = False) -> None:
    """Write ``data`` to ``path`` through a temp file and a rename: never a half-written file.

    ``mode_from`` copies the permission bits of another file (``--in-place`` keeps the input's);
    ``private`` makes the file readable by its owner only (the compiled-rules cache).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".clean-tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        if mode_from is not None:
            os.chmod(tmp, os.stat(mode_from).st_mode & 0o7777)
        elif not private:
            _umask_mode(tmp)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _umask_mode(path: str) -> None:
    """mkstemp creates 0600; an ordinary output gets the usual mode under the user's umask."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def read_stdin(stdin: Any) -> bytes:
    """All of standard input as bytes (a text stream without a buffer is encoded as UTF-8)."""
    return stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode("utf-8")


def open_input(path: str, stdin: Any) -> IO[bytes]:
    """A byte stream of ``path`` (``-``: standard input), decompressed by extension (.gz, .zst)."""
    if path == "-":
        return stdin.buffer if hasattr(stdin, "buffer") else io.BytesIO(stdin.read().encode("utf-8"))
    if path.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]  # a GzipFile is a binary stream
    if path.endswith(".zst"):
        import zstandard

        return zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), closefd=True)  # noqa: SIM115 - the reader closes it
    return open(path, "rb")  # noqa: SIM115 - the caller closes it


def iter_lines(fh: IO[bytes]) -> Iterator[bytes]:
    """The lines of a byte stream, split on ``\\n`` only, each with its ``\\n`` (the last may lack it).

    ``str.splitlines`` would also split on U+2028 and U+0085, which JSON allows unescaped inside
    strings; bytes split on ``\\n`` never cut a JSON record.
    """
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


class AtomicOutput:
    """A byte stream to ``path`` written to a temp file beside it and renamed on :meth:`commit`.

    Compressed by extension (.gz, .zst). ``None`` or ``-`` writes to the sink's ``out`` instead; a device
    or a pipe (``/dev/null``, a FIFO) is written straight to, there being nothing to rename.
    :meth:`abort` removes the temp file, so a failed or interrupted run leaves nothing half-written.
    """

    def __init__(self, path: str | None, sink: Sink) -> None:
        self.path = path
        self.sink = sink
        self.tmp: str | None = None
        self._raw: Any = None
        if path is None or path == "-":
            self.fh: Any = None
            return
        target = Path(path)
        if target.exists() and not target.is_file():
            raw = open(target, "wb")  # noqa: SIM115 - closed in commit/abort
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, self.tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".clean-tmp")
            raw = os.fdopen(fd, "wb")
        if path.endswith(".gz"):
            self.fh = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0)
            self._raw = raw
        elif path.endswith(".zst"):
            import zstandard

            self.fh = zstandard.ZstdCompressor().stream_writer(raw, closefd=False)
            self._raw = raw
        else:
            self.fh = raw

    def write(self, line: bytes) -> None:
        if self.fh is None:
            self.sink.out(line.decode("utf-8"))
        else:
            self.fh.write(line)

    def commit(self) -> None:
        if self.fh is None:
            if self.sink.flush is not None:
                self.sink.flush()
            return
        self.fh.close()
        if self._raw is not None:
            self._raw.close()
        if self.tmp is not None:
            assert self.path is not None
            _umask_mode(self.tmp)
            os.replace(self.tmp, self.path)
            self.tmp = None

    def abort(self) -> None:
        if self.tmp is None:
            return
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
        self.tmp = None


def walk(root: Path, skip: frozenset[Path] = frozenset()) -> Iterator[Path]:
    """Regular files below ``root``, sorted, hidden entries and the folders in ``skip`` left out.

    The one walking rule of every command: symbolic links to directories are not followed (so a
    link loop cannot trap the walk), names starting with ``.`` are skipped.
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


def progress(stderr: TextIO, quiet: bool, **kw: Any) -> Any:
    """A tqdm progress bar on a terminal, shown only for runs that last over a second; else None."""
    if quiet or not getattr(stderr, "isatty", lambda: False)():
        return None
    from tqdm import tqdm

    return tqdm(file=stderr, delay=1.0, dynamic_ncols=True, **kw)
