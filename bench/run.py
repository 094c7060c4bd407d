"""Benchmark: clean against its anchors, side by side, in one run on the same corpus.

    python bench/run.py                      # both corpora, 10 MB each (made when missing)
    python bench/run.py --size-mb 0.5 --repeats 1    # a quick check

What it measures, on each corpus of ``bench/make_corpus.py`` (``--profile news``: news-like,
40% plain ASCII documents, mojibake in about 1% of documents, generic chrome; ``--profile dirty``:
mojibake in about 10% of paragraphs), each tool a whole process on the same JSONL file (read,
parse, fix, serialize, write), so that time and peak RSS are that tool's own:
``clean --jsonl -j 1`` and ``-j 2``, and a script that runs ``ftfy.fix_text`` (the anchor),
datatrove's ``FTFYFormatter`` or clean-text's ``clean`` (defaults) on each record; a tool that
is not installed is listed as such. Then start-up: ``clean -`` on one small document against
``python -c "import ftfy, regex, bs4"``. (``--one NAME`` times one tool in-process on a slice.)

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
    # The installed console script with its modules byte-compiled, as pip leaves a regular install
    # (an editable install, or PYTHONDONTWRITEBYTECODE, would compile the package's source in
    # every process: about 40 ms here) and with a warm cache of the compiled rules, as a user runs
    # it; the first call of all builds the cache (about 0.15 s more).
    import compileall
    import shutil

    import clean

    compileall.compile_dir(str(Path(clean.__file__).parent), quiet=1)

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


ANCHOR_SCRIPT = r"""
import json, sys
name, path = sys.argv[1], sys.argv[2]
if name == "ftfy":
    import ftfy
    fn = ftfy.fix_text
elif name == "clean-text":
    try:
        from cleantext import clean as fn
    except ImportError:
        print("missing"); raise SystemExit(0)
elif name == "datatrove-ftfy":
    try:
        from datatrove.pipeline.formatters import FTFYFormatter
    except ImportError:
        print("missing"); raise SystemExit(0)
    fn = FTFYFormatter().format
with open(path, encoding="utf-8") as f, open("/dev/null", "w", encoding="utf-8") as out:
    for line in f:
        d = json.loads(line)
        d["text"] = fn(d["text"])
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
"""


def process_run(cmd: list[str]) -> dict:
    """Run ``cmd`` as a whole process; wall seconds and its peak RSS (largest process)."""
    code = (
        "import json, resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        f"p = subprocess.run({cmd!r}, capture_output=True, text=True)\n"
        "dt = time.perf_counter() - t\n"
        "r = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps({'seconds': dt, 'rss_mb': r, 'rc': p.returncode, 'missing': p.stdout.strip() == 'missing'}))\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(p.stdout.strip().splitlines()[-1])


def corpus_for(profile: str, size_mb: float) -> Path:
    path = ROOT / "bench" / "data" / f"{profile}-{size_mb:g}mb.jsonl"
    if not path.exists():
        # "news-unique": the news profile with new article lines in every document (--unique)
        base, _, unique = profile.partition("-")
        extra = ["--unique"] if unique == "unique" else []
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), "--profile", base, *extra, "--size-mb", str(size_mb), "-o", str(path)], check=True)
    return path


def tools(corpus: Path, jobs: int) -> dict[str, list[str]]:
    clean = [sys.executable, "-m", "clean", "--jsonl", str(corpus), "-o", os.devnull, "-q", "--isolated"]
    anchor = [sys.executable, "-c", ANCHOR_SCRIPT]
    return {
        "ftfy": [*anchor, "ftfy", str(corpus)],
        "clean -j 1": [*clean, "-j", "1"],
        f"clean -j {jobs}": [*clean, "-j", str(jobs)],
        "datatrove-ftfy": [*anchor, "datatrove-ftfy", str(corpus)],
        "clean-text": [*anchor, "clean-text", str(corpus)],
    }


LABELS = {
    "ftfy": "ftfy.fix_text, a script on the same JSONL (anchor)",
    "clean -j 1": "clean --jsonl -j 1 (whole process)",
    "datatrove-ftfy": "datatrove FTFYFormatter, a script on the same JSONL",
    "clean-text": "clean-text clean() (defaults), a script on the same JSONL",
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="clean vs its anchors on the news-like and dirty corpora")
    ap.add_argument("--size-mb", type=float, default=10.0, help="size of each corpus (made with bench/make_corpus.py when missing); 0.5 for a quick check")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2, help="the -j of the parallel run")
    ap.add_argument("--profiles", default="news,dirty,news-unique,dirty-unique", help="corpora: news, dirty, and the same with new article lines in every document (-unique)")
    ap.add_argument("--corpus", type=Path, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--slice-mb", type=float, default=20.0, help=argparse.SUPPRESS)
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        one(args.one, args.corpus or DEFAULT_CORPUS, args.slice_mb)
        return 0
    print(f"machine: {machine()}")
    print(f"corpora: {args.size_mb:g} MB each; whole processes, rounds interleaved, medians of {args.repeats}\n")
    for profile in args.profiles.split(","):
        corpus = corpus_for(profile, args.size_mb)
        size = corpus.stat().st_size
        cmds = tools(corpus, args.jobs)
        results: dict[str, list[dict]] = {name: [] for name in cmds}
        for _ in range(args.repeats):  # interleaved rounds, so drift hits every tool alike
            for name, cmd in cmds.items():
                results[name].append(process_run(cmd))
        ftfy_s = statistics.median(r["seconds"] for r in results["ftfy"])
        print(f"## {profile} ({corpus.name}, {size / 1e6:.1f} MB)\n")
        print("| what | seconds | MB/s | x ftfy | peak RSS MB |\n|---|---|---|---|---|")
        for name, rs in results.items():
            label = LABELS[name] if name in LABELS else f"clean --jsonl {name[len('clean '):]} (whole process)"
            if rs[0].get("missing"):
                print(f"| {label} | not installed | | | |")
                continue
            if any(r["rc"] for r in rs):
                print(f"| {label} | failed (exit {max(r['rc'] for r in rs)}) | | | |")
                continue
            sec = statistics.median(r["seconds"] for r in rs)
            rss = statistics.median(r["rss_mb"] for r in rs)
            print(f"| {label} | {sec:.2f} | {size / sec / 1e6:.2f} | {ftfy_s / sec:.2f}x | {rss:.0f} |")
        j1 = statistics.median(r["seconds"] for r in results["clean -j 1"])
        jn = statistics.median(r["seconds"] for r in results[f"clean -j {args.jobs}"])
        print(f"\n-j {args.jobs} / -j 1 throughput: {j1 / jn:.2f}x\n")
    ours, base = startup(max(5, args.repeats * 3))
    print(f"start-up, one small document: clean - {ours * 1000:.0f} ms; python -c 'import ftfy, regex, bs4' {base * 1000:.0f} ms; difference {(ours - base) * 1000:+.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
