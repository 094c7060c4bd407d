"""Benchmark: clean against its anchors, side by side, in one run on the same corpus.

    python bench/make_corpus.py              # once: bench/data/corpus.jsonl, about 100 MB
    python bench/run.py                      # the table (medians of --repeats runs)

What it measures, each in a fresh process so that peak RSS is that tool's own:

* in-process throughput on the same slice of documents (``--slice-mb``, default 20 MB of text):
  ``Cleaner.clean`` (all rules, names, encoding repair), ``ftfy.fix_text`` alone (defaults),
  clean-text's ``clean`` (defaults), datatrove's ``FTFYFormatter``; a tool that is not installed
  is listed as such;
* the CLI end to end on the whole JSONL file: ``clean --jsonl -j 1`` and ``-j N`` (parse, clean,
  serialize, write), with peak RSS;
* start-up: ``clean -`` on one small document against ``python -c "import ftfy, regex, bs4"``.

It is a benchmark, not a test: it asserts nothing and prints figures with the machine they ran on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "bench" / "data" / "corpus.jsonl"


def load_slice(path: Path, mb: float) -> list[str]:
    texts, size = [], 0
    limit = mb * 1024 * 1024
    with open(path, "rb") as f:
        for line in f:
            t = json.loads(line)["text"]
            texts.append(t)
            size += len(t.encode("utf-8"))
            if size >= limit:
                break
    return texts


def _tool(name: str):
    """(function text -> text) for a tool, or None if it is not installed."""
    if name == "clean":
        from clean import Cleaner

        return Cleaner().clean
    if name == "ftfy":
        import ftfy

        return ftfy.fix_text
    if name == "clean-text":
        try:
            from cleantext import clean
        except ImportError:
            return None
        return clean
    if name == "datatrove-ftfy":
        try:
            from datatrove.pipeline.formatters import FTFYFormatter
        except ImportError:
            return None
        fmt = FTFYFormatter()
        return fmt.format
    raise ValueError(name)


def one(name: str, corpus: Path, mb: float) -> None:
    """Child process: time one tool on the slice; print JSON with MB/s and peak RSS."""
    texts = load_slice(corpus, mb)
    size = sum(len(t.encode("utf-8")) for t in texts)
    fn = _tool(name)
    if fn is None:
        print(json.dumps({"name": name, "missing": True}))
        return
    fn(texts[0])  # warm caches, as a long-running pipeline would be
    t0 = time.perf_counter()
    for t in texts:
        fn(t)
    dt = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"name": name, "mbps": size / dt / 1e6, "rss_mb": rss, "seconds": dt, "mb": size / 1e6}))


def run_child(args: list[str]) -> dict:
    p = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True)
    return json.loads(p.stdout.strip().splitlines()[-1])


def cli_run(corpus: Path, jobs: int) -> dict:
    """Time `clean --jsonl` end to end; peak RSS of the largest process (parent or worker)."""
    cmd = [sys.executable, "-m", "clean", "--jsonl", str(corpus), "-o", os.devnull, "-j", str(jobs), "-q", "--isolated"]
    code = (
        "import json, resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        f"p = subprocess.run({cmd!r})\n"
        "dt = time.perf_counter() - t\n"
        "r = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps({'seconds': dt, 'rss_mb': r, 'rc': p.returncode}))\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    d = json.loads(p.stdout.strip().splitlines()[-1])
    d["mbps"] = corpus.stat().st_size / d["seconds"] / 1e6
    return d


def startup(repeats: int) -> tuple[float, float]:
    doc = b"Please view the main text area of the page by skipping the main menu.\n\nTalks began.\n"

    def t(cmd: list[str], data: bytes | None) -> float:
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            subprocess.run(cmd, input=data, capture_output=True, check=True, cwd=ROOT)
            times.append(time.perf_counter() - t0)
        return statistics.median(times)

    base = t([sys.executable, "-c", "import ftfy, regex, bs4"], None)
    # The installed console script (its modules byte-compiled by pip), with a warm cache of the
    # compiled rules, as a user runs it; the first call of all builds the cache (about 0.15 s more).
    import shutil

    exe = shutil.which("clean")
    t([exe, "-"] if exe else [sys.executable, "-m", "clean", "-"], doc)
    ours = t([exe, "-"] if exe else [sys.executable, "-m", "clean", "-"], doc)
    return ours, base


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="clean vs its anchors")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--slice-mb", type=float, default=20.0)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        one(args.one, args.corpus, args.slice_mb)
        return 0
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus}: run python bench/make_corpus.py first", file=sys.stderr)
        return 2
    n = os.cpu_count() or 1
    print(f"machine: {machine()}")
    print(f"corpus: {args.corpus} ({args.corpus.stat().st_size / 1e6:.0f} MB); in-process slice: {args.slice_mb:g} MB of text; medians of {args.repeats} runs\n")
    rows = []
    results: dict[str, list[dict]] = {}
    for _ in range(args.repeats):  # interleaved rounds, so drift hits every tool alike
        for name in ("clean", "ftfy", "clean-text", "datatrove-ftfy"):
            results.setdefault(name, []).append(run_child(["--one", name, "--corpus", str(args.corpus), "--slice-mb", str(args.slice_mb)]))
        for j in (1, n):
            results.setdefault(f"cli -j {j}", []).append(cli_run(args.corpus, j))
    ftfy_mbps = statistics.median(r["mbps"] for r in results["ftfy"])
    for name, rs in results.items():
        if rs[0].get("missing"):
            rows.append((name, "not installed", "", ""))
            continue
        mbps = statistics.median(r["mbps"] for r in rs)
        rss = statistics.median(r["rss_mb"] for r in rs)
        rows.append((name, f"{mbps:.1f}", f"{mbps / ftfy_mbps:.2f}x", f"{rss:.0f}"))
    labels = {
        "clean": "clean, Cleaner.clean (in-process, 1 core)",
        "ftfy": "ftfy.fix_text alone (anchor)",
        "clean-text": "clean-text clean() (defaults)",
        "datatrove-ftfy": "datatrove FTFYFormatter",
        "cli -j 1": "clean --jsonl -j 1 (whole file, JSON I/O)",
        f"cli -j {n}": f"clean --jsonl -j {n} (whole file, JSON I/O)",
    }
    print("| what | MB/s | x ftfy | peak RSS MB |\n|---|---|---|---|")
    for name, mbps, x, rss in rows:
        print(f"| {labels.get(name, name)} | {mbps} | {x} | {rss} |")
    j1 = statistics.median(r["mbps"] for r in results["cli -j 1"])
    jn = statistics.median(r["mbps"] for r in results[f"cli -j {n}"])
    print(f"\n-j {n} / -j 1 throughput: {jn / j1:.2f}x")
    ours, base = startup(max(5, args.repeats * 3))
    print(f"start-up, one small document: clean - {ours * 1000:.0f} ms; python -c 'import ftfy, regex, bs4' {base * 1000:.0f} ms; difference {(ours - base) * 1000:+.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
