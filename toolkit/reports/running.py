"""Run one report notebook headless: papermill executes, nbconvert renders (batches: :mod:`toolkit.reports.batch`).

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

import contextlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from toolkit.paths import REPORTS_DIR
from toolkit.progress import PROGRESS_ENV
from toolkit.reports.index import new_run_id, unfinished_folder, write_index
from toolkit.reports.parameters import check_parameters, check_timeout, notebook_parameters, resolve_notebook
from toolkit.reports.provenance import FAILED, SUCCEEDED, provenance_footer, run_manifest
from toolkit.reports.rendering import failed_page, print_pdf, read_tables, render_html, write_workbook
from toolkit.reports.warm import import_papermill

#: Seconds a single cell may run before the report fails; always set.
DEFAULT_TIMEOUT = 600
#: The matplotlib backend of a report's kernel: figures go into the notebook (not Agg from the shell).
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
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


def describe_error(err: BaseException) -> str:
    """Say in one line why a run failed: the cell and its error, a timeout, a dead kernel, or the exception.

    Examples
    --------
    >>> describe_error(OSError(28, "No space left on device"))
    'OSError: [Errno 28] No space left on device'
    """
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


def _name_final_folder(executed: Path, tmp: Path, final: Path) -> None:
    """Make the executed notebook name the run's published folder, not the temporary one it ran in.

    The injected ``results_dir`` (and any output that printed a path of the run) then points where the
    tables are once the run is published.
    """
    text = executed.read_text("utf-8")
    written, published = json.dumps(str(tmp))[1:-1], json.dumps(str(final))[1:-1]
    if written in text:
        executed.write_text(text.replace(written, published), "utf-8")


def _produce(
    path: Path,
    params: dict[str, Any],
    folders: tuple[Path, Path],
    run_id: str,
    timeout: int,
    pdf: bool,
    say: Callable[[str], None],
) -> dict[str, Any]:
    """Execute the notebook into the temporary folder and write every file of the run there; return its manifest.

    ``folders`` is (temporary, published): the run is written in the first and will be renamed to the second.
    """
    tmp, final = folders
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
            status, error = FAILED, describe_error(err)
    if executed.exists():
        _name_final_folder(executed, tmp, final)
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
    check_timeout(timeout)
    path = resolve_notebook(notebook)
    params = check_parameters(path, dict(parameters or {}))
    out = Path(out)
    run_id = new_run_id(path.stem, params)
    final = out / path.stem / run_id
    tmp = unfinished_folder(out, path.stem, run_id)  # named with the runner's pid: see remove_stale
    tmp.mkdir(parents=True)
    try:
        (tmp / "tables").mkdir()
        manifest = _produce(path, params, (tmp, final), run_id, timeout, pdf, progress or (lambda line: None))
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


__all__ = ["DEFAULT_TIMEOUT", "RunResult", "run_report"]
