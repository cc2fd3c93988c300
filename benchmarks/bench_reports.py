"""Benchmark the report runner: the main job, and a batch of 6 reports with 1 and 2 jobs.

Run with ``.venv/bin/python benchmarks/bench_reports.py``. Everything is timed in one run on
this machine, and each figure is printed beside its baseline (six plain ``papermill`` CLI
processes, one after another: what a user without the toolkit would script).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from toolkit.paths import PROJECT_ROOT
from toolkit.reports.parameters import resolve_notebook
from toolkit.reports.running import run_batch

BATCH = ["overview", "frequency", "keyness", "concordance", "trends", "overview"]


def timed(label: str, action) -> float:
    """Run ``action`` once, print and return its wall time."""
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    print(f"{label:<58} {seconds:7.1f} s", flush=True)
    return seconds


def main() -> None:
    """Time the main job, the plain-papermill baseline and the toolkit batch with 1 and 2 jobs."""
    out = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    python = sys.executable
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "check": True, "cwd": PROJECT_ROOT}
    print(f"reports on corpus/ ({PROJECT_ROOT / 'corpus'}), output under {out}")
    main_job = timed(
        "make report's job: python -m toolkit report all --jobs 2",
        lambda: subprocess.run(
            [python, "-m", "toolkit", "report", "all", "--jobs", "2", "--out", str(out / "main")], **quiet
        ),
    )
    papermill = str(Path(python).with_name("papermill"))
    paths = [resolve_notebook(name) for name in BATCH]
    baseline = timed(
        "baseline: 6 x papermill CLI, one after another",
        lambda: [
            subprocess.run([papermill, str(p), str(out / f"cli-{i}.ipynb"), "--no-progress-bar"], **quiet)
            for i, p in enumerate(paths)
        ],
    )
    silent = lambda line: None  # noqa: E731
    one = timed(
        "toolkit batch of 6, --jobs 1 (papermill API, one process)",
        lambda: run_batch([(n, {}) for n in BATCH], out=out / "j1", jobs=1, progress=silent),
    )
    two = timed(
        "toolkit batch of 6, --jobs 2 (process pool)",
        lambda: run_batch([(n, {}) for n in BATCH], out=out / "j2", jobs=2, progress=silent),
    )
    print()
    print(f"main job under 60 s target: {'yes' if main_job < 60 else 'NO'} ({main_job:.1f} s)")
    print(f"batch, jobs 1 vs papermill CLI: {baseline / one:.2f}x faster (includes HTML, tables, workbook)")
    print(f"batch, jobs 2 vs jobs 1:        {one / two:.2f}x faster")
    print(f"batch, jobs 2 vs papermill CLI: {baseline / two:.2f}x faster")


if __name__ == "__main__":
    main()
