"""Run a batch of reports in a pool of worker processes; one failure does not stop the others, a signal stops all.

Every run of a batch appears in ``index.html``: published runs with their
status, runs that failed before they had a folder as FAILED, and, when the
batch is stopped (SIGINT, SIGTERM), the runs it stopped as INTERRUPTED. On a
stop no report starts and none is published afterwards, every worker and
kernel is killed (:mod:`toolkit.reports.interrupts`), and :class:`Interrupted`
reaches the caller (the command line exits 130 or 143). Each worker also ends
with the runner if the runner is killed outright (:func:`toolkit.lifeline.watch`).
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import json
import multiprocessing
import multiprocessing.forkserver
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from toolkit.lifeline import main_not_imported, watch
from toolkit.paths import REPORTS_DIR
from toolkit.progress import printable
from toolkit.reports.index import record_run, remove_stale, write_index
from toolkit.reports.interrupts import Interrupted, end_workers, hold_signals, interruptible
from toolkit.reports.parameters import check_parameters, check_timeout, resolve_notebook
from toolkit.reports.provenance import FAILED, INTERRUPTED, SUCCEEDED
from toolkit.reports.running import DEFAULT_TIMEOUT, RunResult, describe_error, run_report
from toolkit.reports.warm import warm_up

#: Past runs of a report read to guess how long its next run takes (to start the longest first).
HISTORY = 20
#: Seconds each report took on a 5 MB news corpus (benchmarks/bench_reports.py, warm): the order to start them
#: in, longest first, when ``out`` holds no run of them yet.
TYPICAL_SECONDS = {"04_concordance": 8.1, "02_frequency": 7.3, "03_keyness": 6.4, "01_overview": 4.9, "05_trends": 2.5}
#: In a pool's worker process: where its progress lines go (a queue the runner's process reads).
_worker_progress: Callable[[str], None] | None = None


def _start_worker(lines: Any, runner: int) -> None:
    """Initialise a pool worker: it ends with the ``runner`` process, and its runs send progress lines to ``lines``."""
    global _worker_progress
    watch(runner)
    _worker_progress = lines.put


def _job(args: tuple[int, str, dict[str, Any], str, int, bool], say: Callable[[str], None] | None = None) -> RunResult:
    number, notebook, parameters, out, timeout, pdf = args
    send = say or _worker_progress or (lambda line: None)
    try:
        return run_report(
            notebook,
            parameters,
            out=out,
            timeout=timeout,
            pdf=pdf,
            update_index=False,
            progress=lambda line: send(f"  #{number} {line.lstrip()}"),  # the number it was queued with
        )
    except Exception as err:  # reported as a failed run; the batch goes on
        return RunResult(notebook, "", FAILED, "", parameters, describe_error(err))


def _expected_seconds(out: Path, notebook: str, parameters: dict[str, Any]) -> float:
    """How long a run will take: the last run of this report with these parameters, else of this report, else long.

    Only the last :data:`HISTORY` runs of the report are read. A report never run here takes its
    :data:`TYPICAL_SECONDS`, and a notebook of one's own an hour (so that it starts early).
    """
    last: float | None = None
    stem = resolve_notebook(notebook).stem
    for manifest_path in sorted((out / stem).glob("*/manifest.json"), reverse=True)[:HISTORY]:
        try:
            manifest = json.loads(manifest_path.read_text("utf-8"))
            seconds = float(manifest.get("total_seconds", manifest.get("seconds")))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if manifest.get("parameters") == parameters:
            return seconds
        last = seconds if last is None else last
    return TYPICAL_SECONDS.get(stem, 3600.0) if last is None else last


def _relay(lines: Any, say: Callable[[str], None]) -> None:
    """Pass the workers' progress lines waiting in ``lines`` on to ``say``.

    The runner only reads the queue, never writes to it: a worker killed while it wrote a line (a broken
    pool, a stop) may hold the queue's lock for ever, and only writers take it. A line is one atomic write
    of the pipe, so what a killed worker leaves is a whole line or nothing.
    """
    while not lines.empty():
        say(lines.get())


def run_batch(
    runs: Sequence[tuple[str, dict[str, Any]]],
    *,
    out: Path | str = REPORTS_DIR,
    jobs: int = 1,
    timeout: int = DEFAULT_TIMEOUT,
    pdf: bool = False,
    progress: Callable[[str], None] | None = None,
) -> list[RunResult]:
    """Run many reports in a pool of ``jobs`` worker processes; one failure does not stop the others.

    Parameters are checked for every run before any starts (an old parameter
    name is noted once, here). Temporary folders of runs whose runner died are
    removed first. Results come back in the order of ``runs``; ``index.html``
    is rewritten at the end.

    Parameters
    ----------
    runs : sequence of (str, dict)
        Report name and parameters, as :func:`~toolkit.reports.parameters.expand_runs` gives them.
    out : path, default=reports/
        Where run folders and ``index.html`` go.
    jobs : int, default=1
        Reports run at once, each in its own worker process and kernel.
    timeout, pdf
        As for :func:`run_report`.
    progress : callable or None
        Called with one line per queued run, one as each stage of a run starts,
        one per finished run (its time, whole and by stage) and a last summary;
        ``None`` prints them to stderr.

    Returns
    -------
    list of RunResult
        In the order of ``runs``.

    Raises
    ------
    ReportError
        Before any run starts, when one names an unknown notebook or parameter, or the timeout is not positive.
    Interrupted
        On SIGINT or SIGTERM: every worker and kernel is killed, the index is
        written (the runs that did not finish marked INTERRUPTED), then this
        is raised; its ``code`` is the exit status a shell expects (130, 143).

    Examples
    --------
    >>> run_batch([("overview", {}), ("keyness", {"colour": "red"})])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.reports.parameters.ReportError: unknown parameter 'colour' for 03_keyness; known: by, corpus, ...
    """
    tell = progress or (lambda line: print(printable(line), file=sys.stderr, flush=True))
    started: set[int] = set()  # the runs that began (their first stage line came), by the number they were queued with

    def say(line: str) -> None:
        if line.startswith("  #"):
            started.add(int(line[3:].split(" ", 1)[0]))
        tell(line)

    check_timeout(timeout)
    if jobs > 1:  # the fork server imports papermill & co. while this process checks the parameters
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["toolkit.reports.preload"])  # workers fork with them imported
        multiprocessing.forkserver.ensure_running()
    runs = [(notebook, check_parameters(resolve_notebook(notebook), parameters)) for notebook, parameters in runs]
    remove_stale(out)
    total = len(runs)
    results: list[RunResult | None] = [None] * total
    work = [(i + 1, nb, params, str(out), timeout, pdf) for i, (nb, params) in enumerate(runs)]
    expected = [_expected_seconds(Path(out), nb, params) for nb, params in runs]
    clock = time.perf_counter()

    def report(i: int, result: RunResult) -> None:
        if not result.folder:  # failed before its folder existed: the index still lists it
            _record(out, result)
        results[i] = result
        done = sum(r is not None for r in results)
        where = f" -> {result.folder}" if result.folder else ""
        detail = f": {result.error}" if result.error else ""
        say(f"[{done}/{total}] {result.notebook} {result.status} {result.timing()}{where}{detail}")

    for i, (nb, _) in enumerate(runs):
        say(f"[queued {i + 1}/{total}] {nb}")
    stopped: Interrupted | None = None
    with interruptible(first=_end_kernels):
        try:
            if jobs <= 1:
                warm_up()  # this process runs the notebooks
                for i, job in enumerate(work):
                    report(i, _job(job, say))
            else:
                # the longest runs start first, so that no worker is left with a long one at the end
                _run_in_pool(context, jobs, work, sorted(range(total), key=lambda i: -expected[i]), report, say)
        except Interrupted as stop:
            hold_signals()  # a second Ctrl-C does not cut the clean-up short
            stopped = stop
            remove_stale(out)  # the unfinished folders of the runs that were stopped
            for i, (nb, params) in enumerate(runs):
                if results[i] is None:
                    error = (
                        f"interrupted ({stop.name}) while it ran; nothing of it was published"
                        if i + 1 in started
                        else f"not started: the batch was interrupted ({stop.name}) first"
                    )
                    results[i] = _record(out, RunResult(nb, "", INTERRUPTED, "", params, error))
        index = write_index(out)
    if stopped is not None:
        finished = sum(r.status != INTERRUPTED for r in results if r)
        say(f"interrupted ({stopped.name}): {finished} of {total} reports finished, none started after; index: {index}")
        raise stopped
    failed = sum(r.status != SUCCEEDED for r in results if r)
    say(f"{total - failed} of {total} reports succeeded in {time.perf_counter() - clock:.1f} s; index: {index}")
    return [r for r in results if r is not None]


def _record(out: Path | str, result: RunResult) -> RunResult:
    """Give a run that has no folder one holding its manifest, so that the index lists it; return the run.

    A run that cannot be recorded either (the disk is full) stays as it is: its line on stderr says what
    happened.
    """
    with contextlib.suppress(OSError):
        stem = resolve_notebook(result.notebook).stem
        folder = record_run(out, stem, result.parameters, result.status, result.error)
        result.run_id, result.folder = folder.name, str(folder)
    return result


def _end_kernels() -> None:
    """Kill the kernels this process runs (with one job, the stopped run's), before the stop unwinds the run.

    Killed first, a kernel cannot print errors about the connection that the stop is closing.
    """
    kernel = sys.modules.get("toolkit.reports.kernel")  # not loaded: no kernel was started here
    if kernel is not None:
        kernel.end_kernels()


def _run_in_pool(
    context: Any,
    jobs: int,
    work: list[tuple[int, str, dict[str, Any], str, int, bool]],
    order: list[int],
    report: Callable[[int, RunResult], None],
    say: Callable[[str], None],
) -> None:
    """Run ``work`` in ``jobs`` worker processes, starting in ``order``; on an interrupt, end the workers first."""
    lines = context.SimpleQueue()
    pool = cf.ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(lines, os.getpid())
    )
    try:
        with main_not_imported():  # the pool starts its workers as work arrives; a script is not run again
            futures = {pool.submit(_job, work[i]): i for i in order}
        pending = set(futures)
        while pending:
            done, pending = cf.wait(pending, timeout=0.05, return_when=cf.FIRST_COMPLETED)
            _relay(lines, say)  # a run's stage lines were sent before its result: they come first
            for future in sorted(done, key=futures.__getitem__):
                report(futures[future], _result(future, work[futures[future]]))
        pool.shutdown()
        _relay(lines, say)
    except BaseException:
        hold_signals()
        end_workers(pool)  # no run starts, none is published, no kernel is left behind
        raise


def _result(future: cf.Future[RunResult], job: tuple[int, str, dict[str, Any], str, int, bool]) -> RunResult:
    """Return the result of a run, or a failed run if its worker was killed (out of memory, or from outside)."""
    try:
        return future.result()
    except cf.process.BrokenProcessPool:
        _, notebook, parameters, *_ = job
        error = "a worker process died (out of memory, or killed from outside) before this run finished"
        return RunResult(notebook, "", FAILED, "", parameters, error)


__all__ = ["HISTORY", "TYPICAL_SECONDS", "run_batch"]
