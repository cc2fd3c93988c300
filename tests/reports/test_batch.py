"""Stopping a real batch of reports: each signal, at one and two jobs, then the process table, the folder and the index.

Each test runs ``python -m toolkit report all`` on corpus/ in its own session
(as a shell runs a command), waits until a report is executing, records every
process below the runner (fork server, workers, Jupyter kernels), sends the
signal the way it comes in real life (Ctrl-C: SIGINT to the whole process
group; ``kill``: SIGTERM or SIGKILL to the runner), and then looks.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from toolkit.lifeline import descendants
from toolkit.paths import PROJECT_ROOT
from toolkit.reports.batch import run_batch
from toolkit.reports.provenance import FAILED, INTERRUPTED, SUCCEEDED

REPORTS = 5  # report all


def _running(pid: int) -> bool:
    """Tell whether a process exists and is not a zombie (an orphan's zombie may wait for a reaper here)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


class Batch:
    """A ``report all`` batch on corpus/, run as a shell would run it, with its stderr read as it comes."""

    def __init__(self, out: Path, jobs: int) -> None:
        self.out, self.lines, self.started = out, [], threading.Event()
        env = {**os.environ, "PYTHONWARNINGS": ""}
        command = [sys.executable, "-m", "toolkit", "report", "all", "--jobs", str(jobs), "--out", str(out)]
        self.process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, start_new_session=True,
        )  # fmt: skip
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))
            if "executing the notebook" in line:
                self.started.set()

    def stop(self, signum: int, *, group: bool) -> tuple[float, set[int]]:
        """Wait until a report executes and its kernel runs; send ``signum``; return the time and the processes."""
        assert self.started.wait(120), "\n".join(self.lines)
        deadline = time.monotonic() + 60
        tree: set[int] = set()
        while not any(b"ipykernel" in _cmdline(pid) for pid in tree):  # a kernel runs (one job: between two
            assert time.monotonic() < deadline, "no kernel started"  # reports there is none for a moment)
            time.sleep(0.1)
            tree = set(descendants(self.process.pid))
        time.sleep(0.5)  # the notebook runs
        tree |= set(descendants(self.process.pid))
        when = datetime.now(UTC)
        if group:
            os.killpg(self.process.pid, signum)  # Ctrl-C in a terminal: the whole foreground group
        else:
            os.kill(self.process.pid, signum)
        return when.timestamp(), tree

    def finish(self) -> int:
        code = self.process.wait(timeout=60)
        self.reader.join(timeout=10)
        self.process.stdout.close()
        return code


def _left(tree: set[int], seconds: float = 5.0) -> set[int]:
    """The processes of ``tree`` still running after up to ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = {pid for pid in tree if _running(pid)}
        if not alive:
            return alive
        time.sleep(0.1)
    return {pid for pid in tree if _running(pid)}


def _manifests(out: Path) -> list[dict]:
    return [json.loads(path.read_text("utf-8")) for path in sorted(out.glob("*/*/manifest.json"))]


@pytest.mark.parametrize(
    ("jobs", "signum", "group", "code"),
    [
        (2, signal.SIGINT, True, 130),
        (2, signal.SIGTERM, False, 143),
        (1, signal.SIGINT, True, 130),
        (1, signal.SIGTERM, False, 143),
    ],
    ids=["2-jobs-ctrl-c", "2-jobs-sigterm", "1-job-ctrl-c", "1-job-sigterm"],
)
def test_a_stopped_batch_leaves_no_process_starts_nothing_and_indexes_every_run(
    tmp_path: Path, jobs: int, signum: int, group: bool, code: int
):
    batch = Batch(tmp_path / "out", jobs)
    when, tree = batch.stop(signum, group=group)
    assert batch.finish() == code, "\n".join(batch.lines)
    assert _left(tree) == set(), f"still running after the stop: {sorted(_left(tree, 0))}"
    name = signal.Signals(signum).name
    # one line says so, and nothing alarming is printed
    assert batch.lines[-1].startswith(f"interrupted ({name}): "), "\n".join(batch.lines)
    assert "none started after" in batch.lines[-1]
    assert not [line for line in batch.lines if "Traceback" in line or "Error" in line or "WARNING" in line]
    # every run is in the index: those that finished, and the others marked INTERRUPTED
    manifests = _manifests(tmp_path / "out")
    assert len(manifests) == REPORTS
    assert {m["status"] for m in manifests} <= {SUCCEEDED, FAILED, INTERRUPTED}
    stopped = [m for m in manifests if m["status"] == INTERRUPTED]
    assert stopped, "the signal came while a report ran"
    assert all(f"interrupted ({name})" in m["error"] for m in stopped)
    # the researcher reads which runs were cut short and which never began
    running = [m for m in stopped if m["error"] == f"interrupted ({name}) while it ran; nothing of it was published"]
    assert 1 <= len(running) <= jobs
    waiting = [m for m in stopped if m not in running]
    assert all(m["error"] == f"not started: the batch was interrupted ({name}) first" for m in waiting)
    page = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert f"<p>{REPORTS} runs.</p>" in page
    assert page.count(INTERRUPTED) == len(stopped)
    # nothing started after the signal, and no unfinished folder is left
    finished = [m for m in manifests if m["status"] != INTERRUPTED]
    assert all(datetime.fromisoformat(m["started"]).timestamp() < when for m in finished)
    assert not list((tmp_path / "out").glob("*/.tmp-*"))


def test_a_killed_runner_takes_its_workers_and_kernels_with_it(tmp_path: Path):
    batch = Batch(tmp_path / "out", 2)
    when, tree = batch.stop(signal.SIGKILL, group=False)
    assert batch.finish() == -signal.SIGKILL
    assert _left(tree) == set(), f"still running after SIGKILL: {sorted(_left(tree, 0))}"
    published = [p for p in (tmp_path / "out").glob("*/*") if not p.name.startswith(".")]
    assert all(p.stat().st_mtime < when + 1 for p in published), "a report was published after the kill"
    time.sleep(2)  # had a worker survived, it would have published its report by now
    assert [p for p in (tmp_path / "out").glob("*/*") if not p.name.startswith(".")] == published


def test_a_worker_killed_from_outside_fails_its_runs_and_the_batch_ends(tmp_path: Path):
    """A worker killed by the kernel's OOM killer (here SIGKILL): the batch ends, every run in the index."""
    lines: list[str] = []

    def kill_a_worker(line: str) -> None:
        lines.append(line)
        if "executing the notebook" in line and not [x for x in lines[:-1] if "executing" in x]:
            forkserver = [p for p in descendants(os.getpid()) if b"forkserver" in _cmdline(p)]
            workers = [w for p in forkserver for w in descendants(p) if b"ipykernel" not in _cmdline(w)]
            os.kill(min(workers), signal.SIGKILL)

    results = run_batch(
        [("overview", {}), ("trends", {}), ("keyness", {})], out=tmp_path, jobs=2, progress=kill_a_worker
    )
    assert len(results) == 3
    lost = [r for r in results if "a worker process died" in r.error]
    assert lost, lines
    assert all(r.status == FAILED and Path(r.folder, "manifest.json").exists() for r in lost)
    assert len(_manifests(tmp_path)) == 3
    assert "a worker process died" in (tmp_path / "index.html").read_text("utf-8")


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""
