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
import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from toolkit.paths import REPORTS_DIR
from toolkit.progress import PROGRESS_ENV
from toolkit.reports.index import remove_stale, unfinished_folder, write_index
from toolkit.reports.parameters import check_parameters, notebook_parameters, resolve_notebook
from toolkit.reports.provenance import FAILED, SUCCEEDED, provenance_footer, run_manifest
from toolkit.reports.rendering import failed_page, print_pdf, render_html, write_workbook

#: Seconds a single cell may run before the report fails; always set.
DEFAULT_TIMEOUT = 600
#: The matplotlib backend of a report's kernel: figures go into the notebook (not Agg from the shell).
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


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
        How long the notebook ran.
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


def _produce(
    path: Path, params: dict[str, Any], tmp: Path, run_id: str, timeout: int, pdf: bool
) -> tuple[str, str, float]:
    """Execute the notebook into ``tmp`` and write every file of the run there; return status, error, seconds."""
    import papermill

    from toolkit.reports.kernel import kernel_options
    from toolkit.reports.notebook import RESULTS_ENV

    tables_dir = tmp / "tables"
    executed = tmp / f"{path.stem}.ipynb"
    injected = {**params, "results_dir": str(tables_dir)} if "results_dir" in notebook_parameters(path) else params
    # for the kernel only: no progress bars, figures inline whatever the shell's MPLBACKEND, and
    # save_result() writes to the run's tables even in a notebook without a results_dir parameter
    kernel_env = {PROGRESS_ENV: "0", "MPLBACKEND": INLINE_BACKEND, RESULTS_ENV: str(tables_dir)}
    started = datetime.now(UTC)
    clock = time.perf_counter()
    status, error = SUCCEEDED, ""
    try:
        papermill.execute_notebook(
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
    seconds = time.perf_counter() - clock
    manifest = run_manifest(
        path.stem, run_id, status=status, error=error, parameters=params, started=started, seconds=seconds
    )
    (tmp / "parameters.json").write_text(json.dumps(params, indent=2, sort_keys=True) + "\n", "utf-8")
    tables = {p.stem: p for p in sorted(tables_dir.glob("*.csv"))}
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
        write_workbook(
            tmp / f"{path.stem}.xlsx", tables, params, {k: v for k, v in manifest.items() if k != "parameters"}
        )
    except OSError:  # a full disk: nothing is published
        raise
    except Exception as err:  # the report itself stands; the manifest says why there is no workbook
        manifest["workbook_error"] = f"{type(err).__name__}: {err}"
        (tmp / f"{path.stem}.xlsx").unlink(missing_ok=True)
    if pdf:
        manifest["pdf"] = print_pdf(tmp / f"{path.stem}.html")
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n", "utf-8")
    return manifest["status"], manifest["error"], seconds


def run_report(
    notebook: str,
    parameters: dict[str, Any] | None = None,
    *,
    out: Path | str = REPORTS_DIR,
    timeout: int = DEFAULT_TIMEOUT,
    pdf: bool = False,
    update_index: bool = True,
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
        status, error, seconds = _produce(path, params, tmp, run_id, timeout, pdf)
        os.replace(tmp, final)  # published whole, or not at all
    except BaseException:  # a full disk, an interrupt: leave the previous reports as they were
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    result = RunResult(
        path.stem,
        run_id,
        status,
        str(final),
        params,
        error,
        round(seconds, 2),
        sorted(p.relative_to(final).as_posix() for p in final.rglob("*") if p.is_file()),
    )
    if update_index:
        write_index(out)
    return result


def _job(args: tuple[str, dict[str, Any], str, int, bool]) -> RunResult:
    notebook, parameters, out, timeout, pdf = args
    try:
        return run_report(notebook, parameters, out=out, timeout=timeout, pdf=pdf, update_index=False)
    except Exception as err:  # reported as a failed run; the batch goes on
        return RunResult(notebook, "", FAILED, "", parameters, _describe_error(err))


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
        Called with one line per queued and finished run and a last summary;
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
    runs = [(notebook, check_parameters(resolve_notebook(notebook), parameters)) for notebook, parameters in runs]
    remove_stale(out)
    total = len(runs)
    results: list[RunResult | None] = [None] * total
    work = [(nb, params, str(out), timeout, pdf) for nb, params in runs]
    clock = time.perf_counter()

    def report(i: int, result: RunResult) -> None:
        results[i] = result
        done = sum(r is not None for r in results)
        where = f" -> {result.folder}" if result.folder else ""
        detail = f": {result.error}" if result.error else ""
        say(f"[{done}/{total}] {result.notebook} {result.status} in {result.seconds:.1f} s{where}{detail}")

    for i, (nb, _) in enumerate(runs):
        say(f"[queued {i + 1}/{total}] {nb}")
    if jobs <= 1:
        for i, job in enumerate(work):
            report(i, _job(job))
    else:
        context = multiprocessing.get_context("forkserver")
        with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            futures = {pool.submit(_job, job): i for i, job in enumerate(work)}
            for future in cf.as_completed(futures):
                report(futures[future], future.result())
    index = write_index(out)
    failed = sum(r.status != SUCCEEDED for r in results if r)
    say(f"{total - failed} of {total} reports succeeded in {time.perf_counter() - clock:.1f} s; index: {index}")
    return [r for r in results if r is not None]


__all__ = ["DEFAULT_TIMEOUT", "RunResult", "run_batch", "run_report"]
