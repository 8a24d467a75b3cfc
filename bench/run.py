#!/usr/bin/env python3
"""mtlint's benchmark: throughput against codespell and proselint, scaling, jobs, memory, start-up.

    python bench/run.py                    # the default run (a few minutes)
    python bench/run.py --base-kb 1024     # larger corpora
    python bench/run.py --feed-mb 1024     # add the streaming check on a 1 GB JSONL feed
    python bench/run.py --line-mb 50 --large-only   # only one 50 MB article on a single line

Everything runs in this one process's children, side by side, on the same files:

1. a reproducible corpus (``random.Random(SEED)``) of news articles: the project's own
   samples (clean English prose and machine-translated passages with artifacts, from
   ``corpora/samples``) and, when ``../shared/data/wmt-fr-en`` is present, its machine and
   human translations cut into articles of 20 lines; written at 1×, 4× and 16× the base size;
2. mtlint (default rule set, ``--jobs 1``), codespell and proselint on the 1× and 4× corpora,
   each pinned to one core: MB/s and peak RSS, and mtlint's ratio to each;
3. mtlint's cost at 1×, 4× and 16×, and on one article made of a single line of 1× and 4×
   the base size (a quadratic step would show here), as seconds per MB;
4. ``--jobs 1`` against ``--jobs 2`` on the 16× corpus (same output, checked byte for byte);
5. start-up: ``mtlint check`` on a one-paragraph file (median of five runs, warm disk cache,
   byte-compiled modules as after an install);
6. with ``--feed-mb``: peak RSS of ``--format jsonl`` on a JSONL feed of that size (an RSS
   feed with ``--feed-format rss``);
7. with ``--line-mb``: seconds per MB and peak RSS of one article of that size on a single
   line, pinned to one core (``--line-mb 50``: the largest article the project plans for).
   ``--large-only`` runs 6 and 7 without 2 to 5;
8. with ``--headlines N``: a JSONL feed of N one-sentence items (sentences drawn from the
   articles), ``--format jsonl``, with ``--jobs 1`` (one core) and ``--jobs 2``: items per
   second, where what every article pays whatever its length (reading, segmentation, each
   rule's set-up, output) dominates. It runs with ``--large-only`` too.

codespell and proselint are installed from PyPI into ``bench/.venv-compare`` (ignored by git)
when they are missing. Results are printed as a table and written to ``bench/results.json``
(``results-feed.json`` or ``results-feed-rss.json``, ``results-line.json`` and ``results-headlines.json`` for 6, 7 and 8).
"""
from __future__ import annotations

import argparse
import compileall
import html
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
WMT = ROOT.parent / "shared" / "data" / "wmt-fr-en"
COMPARE_VENV = ROOT / "bench" / ".venv-compare"
SEED = 20201007
MB = 1_000_000


# -- the corpus ------------------------------------------------------------------------------
def articles() -> list[str]:
    """Every article the corpus is drawn from: the project's samples and the WMT texts."""
    samples = ROOT / "corpora" / "samples"
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples.glob("*.txt"))
             + sorted((samples / "clean").glob("*.txt"))]
    for name in ("sys-google-translate.en", "sys-bing-translator.en", "google-dev.txt", "ref.en"):
        path = WMT / name
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            texts += ["\n\n".join(lines[i:i + 20]) + "\n" for i in range(0, len(lines), 20)]
    return texts


def drawn(size: int) -> list[str]:
    """Articles drawn (seeded) from ``articles()`` until they weigh ``size`` bytes: the corpus
    that ``build_corpus`` writes, in memory (for the scripts that time the code in-process)."""
    rng, pool = random.Random(SEED), articles()
    texts, weight = [], 0
    while weight < size:
        texts.append(rng.choice(pool))
        weight += len(texts[-1].encode("utf-8"))
    return texts


def build_corpus(directory: Path, size: int, pool: list[str], seed: int = SEED) -> int:
    """Articles drawn (seeded) from ``pool`` until ``size`` bytes, 50 to a folder; bytes written."""
    rng = random.Random(seed)
    written = n = 0
    while written < size:
        text = rng.choice(pool)
        folder = directory / f"{n // 50:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"article-{n:06d}.txt").write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))
        n += 1
    return written


def write_headlines(path: Path, count: int, pool: list[str]) -> None:
    """A JSONL feed of ``count`` items of one sentence each (a line of an article, seeded)."""
    rng = random.Random(SEED)
    lines = [line.strip() for text in pool for line in text.split("\n") if len(line.split()) >= 5]
    with open(path, "w", encoding="utf-8") as fh:
        for n in range(count):
            fh.write(json.dumps({"id": n, "text": rng.choice(lines)}, ensure_ascii=False) + "\n")


def single_line(path: Path, size: int, pool: list[str]) -> int:
    """One article of ``size`` bytes on one line (the worst case for per-line or per-paragraph work)."""
    rng = random.Random(SEED)
    parts, written = [], 0
    while written < size:
        text = " ".join(rng.choice(pool).split())
        parts.append(text)
        written += len(text.encode("utf-8")) + 1
    path.write_text(" ".join(parts) + "\n", encoding="utf-8")
    return written


def write_feed(path: Path, size: int, pool: list[str], rss: bool = False) -> int:
    """A JSONL (or RSS) feed of ``size`` bytes, written in pieces (it may be larger than memory)."""
    rng = random.Random(SEED)
    written = n = 0
    with open(path, "w", encoding="utf-8") as fh:
        if rss:
            fh.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Feed</title>\n')
        while written < size:
            text = rng.choice(pool)
            line = (f"<item><guid>{n}</guid><description>{html.escape(text, quote=False)}</description></item>\n"
                    if rss else json.dumps({"id": n, "text": text}, ensure_ascii=False) + "\n")
            fh.write(line)
            written += len(line.encode("utf-8"))
            n += 1
        if rss:
            fh.write("</channel></rss>\n")
    return written


# -- running tools -------------------------------------------------------------------------
def measure(cmd: list[str], core: Optional[int] = 0, stdout=subprocess.DEVNULL) -> dict:
    """Wall time, CPU time (user + system) and peak RSS (MB) of one command, optionally pinned
    to one core. CPU time is the steadier figure on a machine that other jobs share."""
    pin = (lambda: os.sched_setaffinity(0, {core})) if core is not None and hasattr(os, "sched_setaffinity") \
        else None
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL, preexec_fn=pin, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"seconds": seconds, "cpu_s": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
            "exit": proc.returncode}


def best_of(runs: int, cmd: list[str], **kwargs) -> dict:
    """The fastest of ``runs`` runs (the least disturbed by other work on the machine)."""
    return min((measure(cmd, **kwargs) for _ in range(runs)), key=lambda r: r["seconds"])


def comparison_tools() -> dict[str, list[str]]:
    """codespell and proselint, installed into bench/.venv-compare from PyPI when missing."""
    bin_dir = COMPARE_VENV / ("Scripts" if os.name == "nt" else "bin")
    if not (bin_dir / "codespell").exists() or not (bin_dir / "proselint").exists():
        subprocess.run([sys.executable, "-m", "venv", str(COMPARE_VENV)], check=True)
        subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", "codespell", "proselint"], check=True)
    return {"codespell": [str(bin_dir / "codespell")], "proselint": [str(bin_dir / "proselint"), "check"]}


# mtlint from this checkout, whatever is installed.
MTLINT = [sys.executable, "-c", "import sys, cli; sys.argv = ['mtlint'] + sys.argv[1:]; cli.main()"]


def mtlint(*args: str) -> list[str]:
    return [*MTLINT, "check", "-q", *args]


def versions(tools: dict[str, list[str]]) -> dict[str, str]:
    out = {"mtlint": subprocess.run([*MTLINT, "--version"], capture_output=True, text=True, cwd=ROOT).stdout.strip()}
    out["codespell"] = subprocess.run(tools["codespell"] + ["--version"], capture_output=True, text=True).stdout.strip()
    pip = COMPARE_VENV / "bin" / "pip"
    shown = subprocess.run([str(pip), "show", "proselint"], capture_output=True, text=True).stdout
    out["proselint"] = next((line.split()[1] for line in shown.splitlines() if line.startswith("Version")), "?")
    return out


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


# -- the benchmark ---------------------------------------------------------------------------
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base-kb", type=int, default=256, help="size of the 1x corpus (default 256 KB)")
    ap.add_argument("--runs", type=int, default=2, help="runs per measurement; the fastest counts")
    ap.add_argument("--feed-mb", type=int, default=0, help="also stream a JSONL feed of this size")
    ap.add_argument("--feed-select", default="", help="rules for the feed run (default: all)")
    ap.add_argument("--feed-format", choices=("jsonl", "rss"), default="jsonl",
                    help="the format of the --feed-mb feed (the report is JSONL either way)")
    ap.add_argument("--line-mb", type=int, default=0,
                    help="also check one article of this size written on a single line (one core)")
    ap.add_argument("--headlines", type=int, default=0,
                    help="also check a JSONL feed of this many one-sentence items, on one and two cores")
    ap.add_argument("--large-only", action="store_true",
                    help="run only the checks of --feed-mb and --line-mb")
    ap.add_argument("--keep", action="store_true", help="keep the generated corpora")
    args = ap.parse_args()
    os.chdir(ROOT)
    # Byte-compile the tree, as installing a wheel does (and as the comparison tools are):
    # where PYTHONDONTWRITEBYTECODE is set, a source checkout would otherwise recompile every
    # module on every start.
    compileall.compile_dir(ROOT / "qa", quiet=1)
    compileall.compile_file(ROOT / "cli.py", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="mtlint-bench-"))
    tools = comparison_tools()
    pool = articles()
    base = args.base_kb * 1000
    results: dict = {"machine": machine(), "versions": versions(tools), "base_bytes": base}
    print(f"machine: {results['machine']}\nversions: {results['versions']}\n")
    try:
        if not args.large_only:
            main_measurements(args, work, tools, pool, base, results)
            write_results("results.json", results)
        if args.feed_mb:
            feed = work / f"feed.{args.feed_format}"
            size = write_feed(feed, args.feed_mb * MB, pool, rss=args.feed_format == "rss")
            select = ["--select", args.feed_select] if args.feed_select else []
            r = measure(mtlint("--format", "jsonl", *select, str(feed)), core=None)
            write_results(f"results-feed{'-rss' if args.feed_format == 'rss' else ''}.json",
                          {**results, "feed": {**r, "bytes": size, "select": args.feed_select or "all"}})
            print(f"\nstreaming a {size / MB:.0f} MB {args.feed_format.upper()} feed (--format jsonl, all cores, rules: "
                  f"{args.feed_select or 'all'}): {r['seconds']:.1f} s, peak RSS {r['rss_mb']:.1f} MB")
        if args.line_mb:
            line = work / "line.txt"
            size = single_line(line, args.line_mb * MB, pool)
            r = measure(mtlint("--jobs", "1", "--format", "json", str(line)))
            write_results("results-line.json", {**results, "line": {**r, "bytes": size,
                                                                    "s_per_mb": r["seconds"] / (size / MB)}})
            print(f"\none {size / MB:.0f} MB article on a single line (one core): {r['seconds']:.1f} s, "
                  f"{r['seconds'] / (size / MB):.2f} s/MB, peak RSS {r['rss_mb']:.1f} MB")
        if args.headlines:
            feed = work / "headlines.jsonl"
            write_headlines(feed, args.headlines, pool)
            write_results("results-headlines.json", {**results, "headlines": headlines(feed, args.headlines)})
    finally:
        if args.keep:
            print(f"\ncorpora kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def headlines(feed: Path, count: int) -> dict:
    """Items per second on a feed of one-sentence items, on one core and on two (section 8)."""
    print(f"\na feed of {count} one-sentence items (--format jsonl)")
    out = {}
    for jobs, core in ((1, 0), (2, None)):
        r = measure(mtlint("--jobs", str(jobs), "--format", "jsonl", str(feed)), core=core)
        out[f"jobs {jobs}"] = {**r, "items_s": count / r["seconds"]}
        print(f"  --jobs {jobs}  {r['seconds']:8.2f} s  {count / r['seconds']:8.0f} items/s  "
              f"peak RSS {r['rss_mb']:6.1f} MB")
    out["speedup"] = out["jobs 1"]["seconds"] / out["jobs 2"]["seconds"]
    print(f"  speed-up {out['speedup']:.2f}x")
    return out


def write_results(name: str, results: dict) -> None:
    (ROOT / "bench" / name).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def main_measurements(args: argparse.Namespace, work: Path, tools: dict[str, list[str]], pool: list[str],
                      base: int, results: dict) -> None:
    """Throughput, scaling, jobs and start-up (sections 2 to 5 of the module's description)."""
    corpora = {}
    for factor in (1, 4, 16):
        corpora[factor] = (work / f"corpus-{factor}x", build_corpus(work / f"corpus-{factor}x", base * factor, pool))
    subprocess.run(mtlint(str(corpora[1][0])), stdout=subprocess.DEVNULL, cwd=ROOT)  # fill the disk cache

    print("throughput, one core (fastest of %d runs)" % args.runs)
    throughput = {}
    for factor in (1, 4):
        path, size = corpora[factor]
        row = {}
        for name, cmd in (("mtlint", mtlint("--jobs", "1", "--format", "json", str(path))),
                          ("codespell", tools["codespell"] + [str(path)]),
                          ("proselint", tools["proselint"] + [str(path)])):
            r = best_of(args.runs, cmd)
            row[name] = {**r, "mb_s": size / MB / r["seconds"], "mb_cpu_s": size / MB / r["cpu_s"]}
            print(f"  {factor:>2}x {size / MB:6.2f} MB  {name:<10} {r['seconds']:8.2f} s "
                  f"{row[name]['mb_s']:7.3f} MB/s  (CPU {r['cpu_s']:6.2f} s, {row[name]['mb_cpu_s']:7.3f} MB/s)  "
                  f"peak RSS {r['rss_mb']:6.1f} MB")
        for other in ("codespell", "proselint"):
            ratio = row["mtlint"]["mb_s"] / row[other]["mb_s"]
            cpu_ratio = row["mtlint"]["mb_cpu_s"] / row[other]["mb_cpu_s"]
            row[f"mtlint/{other}"], row[f"mtlint/{other} (CPU)"] = ratio, cpu_ratio
            print(f"      mtlint / {other}: {ratio:.2f}x (by CPU time {cpu_ratio:.2f}x)")
        throughput[f"{factor}x"] = row
    results["throughput"] = throughput

    print("\nscaling (mtlint, one core, seconds per MB)")
    scaling = {}
    for factor in (1, 4, 16):
        path, size = corpora[factor]
        r = measure(mtlint("--jobs", "1", "--format", "json", str(path)))
        scaling[f"{factor}x"] = {**r, "bytes": size, "s_per_mb": r["seconds"] / (size / MB)}
    for factor in (1, 4):
        line = work / f"line-{factor}x.txt"
        size = single_line(line, base * factor, pool)
        r = measure(mtlint("--jobs", "1", "--format", "json", str(line)))
        scaling[f"one line {factor}x"] = {**r, "bytes": size, "s_per_mb": r["seconds"] / (size / MB)}
    reference = scaling["1x"]["s_per_mb"]
    for name, r in scaling.items():
        print(f"  {name:<12} {r['bytes'] / MB:7.2f} MB {r['seconds']:8.2f} s  {r['s_per_mb']:7.2f} s/MB "
              f"({r['s_per_mb'] / reference:4.2f} of 1x)  peak RSS {r['rss_mb']:6.1f} MB")
    results["scaling"] = scaling

    print("\njobs (mtlint on the 16x corpus: fixed costs, such as loading langdetect's profiles in each worker, weigh less)")
    path, size = corpora[16]
    outputs, jobs = {}, {}
    for n in (1, 2):
        out = work / f"jobs-{n}.json"
        with open(out, "wb") as fh:
            r = measure(mtlint("--jobs", str(n), "--format", "json", str(path)), core=None, stdout=fh)
        outputs[n] = out.read_bytes()
        jobs[n] = {**r, "mb_s": size / MB / r["seconds"]}
        print(f"  --jobs {n}  {r['seconds']:8.2f} s  {jobs[n]['mb_s']:7.3f} MB/s")
    jobs["speedup"] = jobs[1]["seconds"] / jobs[2]["seconds"]
    jobs["identical"] = outputs[1] == outputs[2]
    print(f"  speed-up {jobs['speedup']:.2f}x; output identical: {jobs['identical']}")
    results["jobs"] = jobs

    print("\nstart-up (one paragraph, median of 5)")
    paragraph = work / "paragraph.txt"
    paragraph.write_text(pool[0].split("\n\n")[1] + "\n", encoding="utf-8")
    times = [measure(mtlint(str(paragraph)), core=None)["seconds"] for _ in range(5)]
    results["startup_s"] = statistics.median(times)
    print(f"  {results['startup_s']:.3f} s")


if __name__ == "__main__":
    main()
