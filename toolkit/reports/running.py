"""Run report notebooks headless: papermill executes, nbconvert renders, a process pool runs batches.

Each run lands in its own folder ``<out>/<notebook>/<run>/`` holding the executed
notebook, a standalone HTML report with the code hidden, ``parameters.json``,
the result tables as CSV, an Excel workbook (one sheet per table plus
parameters and provenance), and ``manifest.json`` (versions, parameters, corpus
checksum, status, timings). ``<out>/index.html`` lists every run.

A run is written in a hidden temporary folder and renamed into place only when
complete, so an interrupted run never looks like a finished report. A failing
cell, a timeout or a dead kernel gives a run marked FAILED (manifest, index and
a banner in the HTML) with the error shown. The kernel runs without progress
bars, with figures inline and with ``$TOOLKIT_RESULTS_DIR`` set; the caller's
environment is left as it was.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import hashlib
import json
import multiprocessing
import multiprocessing.forkserver
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from toolkit.paths import REPORTS_DIR
from toolkit.progress import PROGRESS_ENV
from toolkit.reports.index import remove_stale, unfinished_folder, write_index
from toolkit.reports.parameters import check_parameters, notebook_parameters, resolve_notebook
from toolkit.reports.provenance import FAILED, SUCCEEDED, provenance_footer, run_manifest
from toolkit.reports.rendering import failed_page, print_pdf, read_tables, render_html, write_workbook
from toolkit.reports.warm import import_papermill, warm_up

#: Seconds a single cell may run before the report fails; always set.
DEFAULT_TIMEOUT = 600
#: The matplotlib backend of a report's kernel: figures go into the notebook (not Agg from the shell).
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
#: Past runs of a report read to guess how long its next run takes (to start the longest first).
HISTORY = 20
#: Seconds each report took on a 5 MB news corpus (benchmarks/bench_reports.py, warm): the order to start them
#: in, longest first, when ``out`` holds no run of them yet.
TYPICAL_SECONDS = {"04_concordance": 8.1, "02_frequency": 7.3, "03_keyness": 6.4, "01_overview": 4.9, "05_trends": 2.5}
#: The stages of a run, in order, as the manifest names them -> as progress lines say them.
STAGE_NAMES = {
    "execute": "executing the notebook",
    "html": "rendering HTML",
    "tables": "reading the result tables",
    "workbook": "writing the workbook",
    "pdf": "printing PDF",
}


@dataclass
class RunResult:
    """What happened to one report run.

    Attributes
    ----------
    notebook, run_id : str
        The notebook's stem and the run's folder name.
    status : {"SUCCEEDED", "FAILED"}
        How the run ended; ``error`` says why a run failed.
    folder : str
        The published run folder (``""`` when the run could not start).
    parameters : dict
        The checked parameters, under their current names.
    seconds : float
        How long the notebook ran (the ``execute`` stage).
    files : list of str
        The files of the run folder, relative to it.

    Examples
    --------
    >>> RunResult("01_overview", "", FAILED, "", {}, "ReportError: unknown parameter").status
    'FAILED'
    """

    notebook: str
    run_id: str
    status: str
    folder: str
    parameters: dict[str, Any]
    error: str = ""
    seconds: float = 0.0
    files: list[str] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)
    total_seconds: float = 0.0

    def timing(self) -> str:
        """Say how long the run took, whole and by stage.

        Examples
        --------
        >>> RunResult("01_overview", "r1", SUCCEEDED, "", {}, "", 4.2, [], {"execute": 4.2, "html": 0.5}, 4.8).timing()
        'in 4.8 s (execute 4.2, html 0.5)'
        """
        stages = ", ".join(f"{name} {seconds:.1f}" for name, seconds in self.stages.items())
        return f"in {self.total_seconds or self.seconds:.1f} s" + (f" ({stages})" if stages else "")


def _run_id(notebook: str, parameters: dict[str, Any]) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    digest = hashlib.sha256(json.dumps([notebook, parameters], sort_keys=True, default=str).encode()).hexdigest()
    return f"{stamp}-{digest[:6]}"


def _describe_error(err: BaseException) -> str:
    name = type(err).__name__
    if name == "PapermillExecutionError":
        return f"cell {err.exec_count}: {err.ename}: {err.evalue}"  # type: ignore[attr-defined]
    if name == "CellTimeoutError":
        return f"timeout: a cell ran longer than the time limit ({err})"
    if name == "DeadKernelError":
        return f"the kernel died: {err}"
    return f"{name}: {err}"


class _Stages:
    """Time the stages of one run and announce each as it starts."""

    def __init__(self, notebook: str, say: Callable[[str], None]) -> None:
        self.notebook, self.say = notebook, say
        self.seconds: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        self.say(f"  {self.notebook}: {STAGE_NAMES[stage]}")
        clock = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = round(time.perf_counter() - clock, 2)


def _produce(
    path: Path, params: dict[str, Any], tmp: Path, run_id: str, timeout: int, pdf: bool, say: Callable[[str], None]
) -> dict[str, Any]:
    """Execute the notebook into ``tmp`` and write every file of the run there; return its manifest."""
    from toolkit.reports.kernel import kernel_options
    from toolkit.reports.notebook import RESULTS_ENV

    tables_dir = tmp / "tables"
    executed = tmp / f"{path.stem}.ipynb"
    injected = {**params, "results_dir": str(tables_dir)} if "results_dir" in notebook_parameters(path) else params
    # for the kernel only: no progress bars, figures inline whatever the shell's MPLBACKEND, and
    # save_result() writes to the run's tables even in a notebook without a results_dir parameter
    kernel_env = {PROGRESS_ENV: "0", "MPLBACKEND": INLINE_BACKEND, RESULTS_ENV: str(tables_dir)}
    started = datetime.now(UTC)
    total = time.perf_counter()
    stage = _Stages(path.stem, say)
    status, error = SUCCEEDED, ""
    with stage("execute"):
        try:
            import_papermill().execute_notebook(
                str(path),
                str(executed),
                parameters=injected,
                kernel_name="python3",
                execution_timeout=timeout,
                progress_bar=False,
                log_output=False,
                **kernel_options(kernel_env),
            )
        except Exception as err:  # a report failure is data: recorded, shown, and the batch goes on
            status, error = FAILED, _describe_error(err)
    manifest = run_manifest(
        path.stem,
        run_id,
        status=status,
        error=error,
        parameters=params,
        started=started,
        seconds=stage.seconds["execute"],
    )
    (tmp / "parameters.json").write_text(json.dumps(params, indent=2, sort_keys=True) + "\n", "utf-8")
    with stage("html"):
        if executed.exists():
            try:
                page = render_html(
                    executed, title=path.stem, status=status, error=error, footer=provenance_footer(manifest)
                )
            except Exception as err:  # a truncated notebook still yields a page that says FAILED
                status, error = FAILED, error or f"could not render the executed notebook: {err}"
                manifest.update(status=status, error=error)
                page = failed_page(error)
        else:
            page = failed_page(error)
        (tmp / f"{path.stem}.html").write_text(page, "utf-8")
    try:
        with stage("tables"):
            tables = read_tables(sorted(tables_dir.glob("*.csv")))
        with stage("workbook"):
            manifest["workbook_capped"] = write_workbook(
                tmp / f"{path.stem}.xlsx", tables, params, {k: v for k, v in manifest.items() if k != "parameters"}
            )
    except OSError:  # a full disk: nothing is published
        raise
    except Exception as err:  # the report itself stands; the manifest says why there is no workbook
        manifest["workbook_error"] = f"{type(err).__name__}: {err}"
        (tmp / f"{path.stem}.xlsx").unlink(missing_ok=True)
    if pdf:
        with stage("pdf"):
            manifest["pdf"] = print_pdf(tmp / f"{path.stem}.html")
    manifest["stages"] = stage.seconds
    manifest["total_seconds"] = round(time.perf_counter() - total, 2)
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n", "utf-8")
    return manifest


def run_report(
    notebook: str,
    parameters: dict[str, Any] | None = None,
    *,
    out: Path | str = REPORTS_DIR,
    timeout: int = DEFAULT_TIMEOUT,
    pdf: bool = False,
    update_index: bool = True,
    progress: Callable[[str], None] | None = None,
) -> RunResult:
    """Execute one report notebook and publish its run folder.

    Parameters
    ----------
    notebook : str
        A report name (``"keyness"`` or ``"03_keyness"``).
    parameters : dict or None
        Notebook parameters; names and types are checked first
        (:func:`check_parameters`).
    out : path, default=reports/
        Where run folders and ``index.html`` go.
    timeout : int, default=600
        Seconds one cell may run.
    pdf : bool, default=False
        Also print the HTML to PDF with Chromium.
    update_index : bool, default=True
        Rewrite ``<out>/index.html`` afterwards.
    progress : callable or None
        Called with a line as each stage starts (see :data:`STAGE_NAMES`); ``None`` says nothing.

    Returns
    -------
    RunResult
        ``status`` is ``"SUCCEEDED"`` or ``"FAILED"`` (with ``error``).

    Raises
    ------
    ReportError
        Before anything runs, for an unknown notebook or parameter, or a value of the wrong type.

    Examples
    --------
    >>> import tempfile
    >>> result = run_report("overview", {"tokenizer": "regexp"}, out=tempfile.mkdtemp())
    >>> result.status, result.parameters
    ('SUCCEEDED', {'tokenizer': 'regexp'})
    >>> [name for name in result.files if not name.startswith("tables/")]
    ['01_overview.html', '01_overview.ipynb', '01_overview.xlsx', 'manifest.json', 'parameters.json']
    """
    path = resolve_notebook(notebook)
    params = check_parameters(path, dict(parameters or {}))
    out = Path(out)
    run_id = _run_id(path.stem, params)
    final = out / path.stem / run_id
    tmp = unfinished_folder(out, path.stem, run_id)  # named with the runner's pid: see remove_stale
    tmp.mkdir(parents=True)
    try:
        (tmp / "tables").mkdir()
        manifest = _produce(path, params, tmp, run_id, timeout, pdf, progress or (lambda line: None))
        os.replace(tmp, final)  # published whole, or not at all
    except BaseException:  # a full disk, an interrupt: leave the previous reports as they were
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    result = RunResult(
        path.stem,
        run_id,
        manifest["status"],
        str(final),
        params,
        manifest["error"],
        manifest["seconds"],
        sorted(p.relative_to(final).as_posix() for p in final.rglob("*") if p.is_file()),
        manifest["stages"],
        manifest["total_seconds"],
    )
    if update_index:
        write_index(out)
    return result


#: In a pool's worker process: where its progress lines go (a queue the runner's process reads).
_worker_progress: Callable[[str], None] | None = None


def _start_worker(lines: Any) -> None:
    """Initialise a pool worker: its runs send their progress lines to ``lines``."""
    global _worker_progress
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
        return RunResult(notebook, "", FAILED, "", parameters, _describe_error(err))


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
    """Pass the workers' progress lines on to ``say`` until a ``None`` arrives."""
    for line in iter(lines.get, None):
        say(line)


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
        Before any run starts, when one names an unknown notebook or parameter.

    Examples
    --------
    >>> run_batch([("overview", {}), ("keyness", {"colour": "red"})])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.reports.parameters.ReportError: unknown parameter 'colour' for 03_keyness; known: by, corpus, ...
    """
    say = progress or (lambda line: print(line, file=sys.stderr, flush=True))
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
        results[i] = result
        done = sum(r is not None for r in results)
        where = f" -> {result.folder}" if result.folder else ""
        detail = f": {result.error}" if result.error else ""
        say(f"[{done}/{total}] {result.notebook} {result.status} {result.timing()}{where}{detail}")

    for i, (nb, _) in enumerate(runs):
        say(f"[queued {i + 1}/{total}] {nb}")
    if jobs <= 1:
        warm_up()  # this process runs the notebooks
        for i, job in enumerate(work):
            report(i, _job(job, say))
    else:
        lines = context.SimpleQueue()
        relay = threading.Thread(target=_relay, args=(lines, say), daemon=True)
        relay.start()
        try:
            with cf.ProcessPoolExecutor(
                max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(lines,)
            ) as pool:
                # the longest runs start first, so that no worker is left with a long one at the end
                order = sorted(range(total), key=lambda i: -expected[i])
                futures = {pool.submit(_job, work[i]): i for i in order}
                for future in cf.as_completed(futures):
                    report(futures[future], future.result())
        finally:
            lines.put(None)
            relay.join()
    index = write_index(out)
    failed = sum(r.status != SUCCEEDED for r in results if r)
    say(f"{total - failed} of {total} reports succeeded in {time.perf_counter() - clock:.1f} s; index: {index}")
    return [r for r in results if r is not None]


__all__ = ["DEFAULT_TIMEOUT", "RunResult", "run_batch", "run_report"]
