"""Ordered, bounded parallel map over worker processes.

``ordered_map(fn, items, jobs)`` yields ``fn(item)`` in input order. At most ``window`` batches
are in flight, so a 1 GB stream is never read ahead into memory (``Pool.imap`` would drain the
whole iterator in its feeder thread). Workers get the function's state once, at fork (or by
pickling the initializer arguments where fork is not available), never per item.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_STATE: dict[str, Any] = {}


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _init(state: dict[str, Any]) -> None:
    import signal

    # Workers leave Ctrl-C to the parent, which terminates them; on SIGTERM (the parent's
    # pool.terminate()) they exit through Python, so a write in progress removes its temp file.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    _STATE.update(state)


def _exit_on_sigterm(signum: int, frame: Any) -> None:
    raise SystemExit(143)


def state() -> dict[str, Any]:
    """The state given to ``ordered_map`` (in a worker, or in-process for ``jobs == 1``)."""
    return _STATE


def _run_batch(args: tuple[Callable[[Any], Any], list[Any]]) -> list[Any]:
    fn, batch = args
    return [fn(x) for x in batch]


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for x in items:
        batch.append(x)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ordered_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    shared: dict[str, Any],
    batch_size: int = 64,
    window: int | None = None,
) -> Iterator[R]:
    """``map(fn, items)`` over ``jobs`` processes, in order, with bounded read-ahead.

    ``fn`` must be a module-level function; it reads what it needs from :func:`state`, which
    holds ``shared`` (a compiled Cleaner, options) in every worker.
    """
    if jobs <= 1:
        _STATE.update(shared)
        for x in items:
            yield fn(x)
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context("spawn")
    window = window or jobs * 4
    pool = ctx.Pool(jobs, initializer=_init, initargs=(shared,))
    try:
        pending: deque[Any] = deque()
        for batch in _batches(items, batch_size):
            pending.append(pool.apply_async(_run_batch, ((fn, batch),)))
            while len(pending) >= window:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
    except GeneratorExit:
        # The consumer stopped early (--on-error fail, a closed pipe): the work in flight is
        # bounded by the window, so let the workers finish it and exit on their own.
        pool.close()
        pool.join()
        raise
    except BaseException:
        # An error, Ctrl-C or SIGTERM: stop the workers now (they remove their temp files).
        pool.terminate()
        pool.join()
        raise
    # A finished run lets its workers exit on their own. Pool.terminate() (what the context
    # manager does) drains the task queue holding its lock and signals the workers: a worker
    # waiting for that lock was seen to hang the join forever on a loaded machine, at the end
    # of a run and when the consumer stopped early.
    pool.close()
    pool.join()
