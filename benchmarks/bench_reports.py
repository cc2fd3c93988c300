"""Benchmark the reports: all five on a 5 MB news corpus, cold and warm, and ``make report``'s job, beside baselines.

Run with ``NLTK_DATA=../shared/nltk_data .venv/bin/python benchmarks/bench_reports.py`` (``make bench``).
Everything is timed in one run on this machine, as whole commands (a fresh process each):

- the corpus: :func:`newscorpus.build_news` writes about 2,000 scraped-news articles (5 MB) in five
  category folders, no two alike and with a vocabulary that grows with size as real news does
  (Heaps' law fitted on NLTK's corpora); its articles, tokens and distinct terms are printed first;
- ``python -m toolkit report all --jobs 2`` on it with an empty token cache (cold), then again with the
  cache that run filled (warm), each with its total and the time of each stage of each report
  (from the run manifests) against the issue's targets (40 s cold, 25 s warm);
- the baseline a user without the toolkit would script: the plain ``papermill`` CLI running the five
  notebooks one after another, then ``jupyter nbconvert --to html --no-input`` on each (no tables, no
  workbook), with the same empty-cache start;
- ``make report``'s job, ``python -m toolkit report all --jobs 2`` on the project's ``corpus/``
  (one article), against its 10 s target, beside the same papermill + nbconvert baseline there.

Usage::

    python benchmarks/bench_reports.py [--data DIR] [--mb 5] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from newscorpus import build_news, corpus_stats

from toolkit.paths import CORPUS_DIR, PROJECT_ROOT
from toolkit.reports.parameters import list_notebooks

#: The issue's targets (#15), in seconds: all five reports on the 5 MB corpus, and make report on corpus/.
TARGETS = {"cold": 40.0, "warm": 25.0, "main job": 10.0}


def _timed(command: Sequence[str], env: dict[str, str]) -> float:
    """Run a whole command quietly; return its wall time (it must succeed)."""
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=PROJECT_ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def _stages(out: Path) -> list[tuple[str, float, dict[str, float]]]:
    """Each run's notebook, total and stages, from the manifests under ``out``."""
    found = []
    for path in sorted(out.glob("*/*/manifest.json")):
        manifest = json.loads(path.read_text("utf-8"))
        found.append((manifest["notebook"], manifest["total_seconds"], manifest["stages"]))
    return found


def _print_run(label: str, seconds: float, out: Path, target: float) -> None:
    verdict = "met" if seconds <= target else "NOT MET"
    print(f"{label:<52} {seconds:6.1f} s   target {target:.0f} s: {verdict}")
    for notebook, total, stages in _stages(out):
        parts = "  ".join(f"{name} {value:5.1f}" for name, value in stages.items())
        print(f"    {notebook:<16} {total:5.1f} s   {parts}")


def _baseline(corpus: str, out: Path, env: dict[str, str]) -> float:
    """Time papermill's CLI on the five notebooks, one after another, then nbconvert's HTML of each."""
    bin_dir = Path(sys.executable).parent
    out.mkdir(parents=True)
    start = time.perf_counter()
    for stem, path in list_notebooks().items():
        executed = out / f"{stem}.ipynb"
        parameters = ["-p", "corpus", corpus] if corpus else []
        command = [str(bin_dir / "papermill"), str(path), str(executed), *parameters, "--no-progress-bar"]
        subprocess.run(command, env=env, cwd=PROJECT_ROOT, check=True, capture_output=True)
        command = [str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)]
        subprocess.run(command, env=env, cwd=PROJECT_ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    """Build the corpus, then time the reports cold, warm and on corpus/, each beside its baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="where the corpus is built and kept (a temp folder)")
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in millions of bytes (5)")
    parser.add_argument("--keep", action="store_true", help="keep the reports (their folder is printed)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    data = args.data or work
    corpus = build_news(data / f"news-{args.mb:g}mb", args.mb)
    stats = corpus_stats(corpus)
    print(
        f"corpus: {corpus} - {stats['files']:,} articles in 5 categories, {stats['bytes'] / 1e6:.1f} MB, "
        f"{stats['tokens']:,} tokens, {stats['terms']:,} distinct terms (case kept)"
    )
    python = sys.executable
    report = [python, "-m", "toolkit", "report", "all", "--jobs", "2"]
    env = {**os.environ, "TOOLKIT_CACHE_DIR": str(work / "cache")}

    cold = _timed([*report, "--corpus", str(corpus), "--out", str(work / "cold")], env)
    _print_run("toolkit report all --jobs 2, 5 MB, cold (empty cache)", cold, work / "cold", TARGETS["cold"])
    warm = _timed([*report, "--corpus", str(corpus), "--out", str(work / "warm")], env)
    _print_run("toolkit report all --jobs 2, 5 MB, warm (same cache)", warm, work / "warm", TARGETS["warm"])
    baseline = _baseline(str(corpus), work / "baseline", {**env, "TOOLKIT_CACHE_DIR": str(work / "cache-baseline")})
    print(f"{'baseline: papermill CLI x5 + nbconvert HTML, 5 MB, cold':<52} {baseline:6.1f} s")

    main_job = _timed([*report, "--out", str(work / "main")], env)
    articles = len(list(CORPUS_DIR.rglob("*.txt")))
    _print_run(f"make report's job on corpus/ ({articles} article)", main_job, work / "main", TARGETS["main job"])
    baseline_main = _baseline("", work / "baseline-main", env)
    print(f"{'baseline: papermill CLI x5 + nbconvert HTML, corpus/':<52} {baseline_main:6.1f} s")

    print()
    print(f"5 MB cold: {baseline / cold:.2f}x faster than the baseline (which writes no tables or workbook)")
    print(f"5 MB warm: {baseline / warm:.2f}x faster than the baseline; warm vs cold {cold / warm:.2f}x")
    print(f"corpus/:   {baseline_main / main_job:.2f}x faster than the baseline")
    if args.keep:
        print(f"reports kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
