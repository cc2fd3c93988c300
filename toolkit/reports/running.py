"""Run report notebooks headless: papermill executes, nbconvert renders.

Each run lands in its own folder ``<out>/<notebook>/<run>/`` holding the executed
notebook, a standalone HTML report with the code hidden, ``parameters.json``,
the result tables as CSV, an Excel workbook (one sheet per table plus
parameters and provenance), and ``manifest.json`` (versions, parameters, corpus
checksum, status, timings). ``<out>/index.html`` lists every run.

A run is written in a hidden temporary folder and renamed into place only when
complete, so an interrupted run never looks like a finished report. A failing
cell, a timeout or a dead kernel gives a run marked FAILED (manifest, index and
a banner in the HTML) with the error shown.
"""

from __future__ import annotations

import ast
import concurrent.futures as cf
import functools
import hashlib
import html
import json
import multiprocessing
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from toolkit.tables import neutralise_formula
from toolkit.paths import CORPUS_DIR, PROJECT_ROOT, REPORTS_DIR
from toolkit.progress import PROGRESS_ENV

NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
#: Seconds a single cell may run before the report fails; always set.
DEFAULT_TIMEOUT = 600
SUCCEEDED, FAILED = "SUCCEEDED", "FAILED"
# Reports open offline: nbconvert's templates load require.js and MathJax from a CDN, which reports
# never need (no widgets, no math); those script tags are dropped.
_REMOTE_SCRIPT = re.compile(r'<script\b[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>')
_VERSIONED = ("toolkit", "nltk", "pandas", "numpy", "matplotlib", "seaborn", "papermill", "nbconvert", "ipykernel")


class ReportError(Exception):
    """A report cannot start: unknown notebook, unknown or ill-typed parameter."""


# --------------------------------------------------------------------------- notebooks and parameters


def list_notebooks(folder: Path = NOTEBOOKS_DIR) -> dict[str, Path]:
    """Map report names to notebooks: ``"overview"`` and ``"01_overview"`` both name ``01_overview.ipynb``.

    Examples
    --------
    >>> sorted(list_notebooks())[:2]
    ['01_overview', '02_frequency']
    """
    found: dict[str, Path] = {}
    for path in sorted(folder.glob("[0-9]*.ipynb")):
        found[path.stem] = path
    return found


def resolve_notebook(name: str, folder: Path = NOTEBOOKS_DIR) -> Path:
    """Return the notebook for a report name (with or without its number), or a path to an ``.ipynb``."""
    if name.endswith(".ipynb"):
        path = Path(name).expanduser().absolute()
        if not path.is_file():
            raise ReportError(f"no notebook at {path}")
        return path
    books = list_notebooks(folder)
    if name in books:
        return books[name]
    short = {stem.split("_", 1)[-1]: path for stem, path in books.items()}
    if name in short:
        return short[name]
    raise ReportError(f"no report notebook named {name!r}; known: {', '.join(sorted(short))} (or all)")


@dataclass(frozen=True)
class Parameter:
    """A parameter declared in a notebook's ``parameters`` cell."""

    name: str
    type_name: str
    default: str
    help: str


def notebook_parameters(path: Path) -> dict[str, Parameter]:
    """Read the typed parameters a notebook declares (papermill's inspection).

    Examples
    --------
    >>> params = notebook_parameters(resolve_notebook("trends"))
    >>> params["n_boot"].type_name, params["n_boot"].default
    ('int', '1000')
    """
    stat = Path(path).stat()
    return dict(_inspect(str(path), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=64)
def _inspect(path: str, mtime: int, size: int) -> tuple[tuple[str, Parameter], ...]:
    import papermill

    inspected = papermill.inspect_notebook(path)
    return tuple(
        (name, Parameter(name, info["inferred_type_name"], info["default"], info["help"]))
        for name, info in inspected.items()
    )


def _cast(value: Any, type_name: str, name: str) -> Any:
    """Cast a value given on the command line or in YAML to the declared type."""
    try:
        if type_name == "str":
            return str(value)
        if type_name == "int":
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError
            return int(value)
        if type_name == "float":
            return float(value)
        if type_name == "bool":
            if isinstance(value, bool):
                return value
            if str(value).lower() in ("true", "1", "yes"):
                return True
            if str(value).lower() in ("false", "0", "no"):
                return False
            raise ValueError
        if type_name == "list":
            if isinstance(value, list | tuple):
                return [str(v) for v in value]
            text = str(value).strip()
            if text.startswith("["):
                parsed = ast.literal_eval(text)
                if not isinstance(parsed, list):
                    raise ValueError
                return [str(v) for v in parsed]
            return [part.strip() for part in text.split(",") if part.strip()]
    except (ValueError, SyntaxError):
        raise ReportError(f"parameter {name}: expected {type_name}, got {value!r}") from None
    raise ReportError(f"parameter {name}: unsupported declared type {type_name!r}")


def check_parameters(path: Path, given: dict[str, Any]) -> dict[str, Any]:
    """Validate parameter names against the notebook and cast values to their declared types.

    Raises
    ------
    ReportError
        For a name that is not an identifier or not declared (listing the known
        ones), or a value that cannot be cast.

    Examples
    --------
    >>> check_parameters(resolve_notebook("trends"), {"n_boot": "50", "terms": "war,peace"})
    {'n_boot': 50, 'terms': ['war', 'peace']}
    """
    declared = notebook_parameters(path)
    out: dict[str, Any] = {}
    for name, value in given.items():
        if not (isinstance(name, str) and name.isidentifier()):
            raise ReportError(f"parameter name {name!r} is not a Python identifier")
        if name not in declared:
            raise ReportError(f"unknown parameter {name!r} for {path.stem}; known: {', '.join(sorted(declared))}")
        out[name] = _cast(value, declared[name].type_name, name)
    return out


# --------------------------------------------------------------------------- provenance


def corpus_checksum(corpus: str) -> str:
    """SHA-256 over the corpus: every file's relative name and bytes, in sorted order.

    A changed byte or a renamed file changes it; ``nltk:NAME`` hashes the
    installed corpus's files. Returns ``""`` when the corpus cannot be found.

    Examples
    --------
    >>> len(corpus_checksum(""))
    64
    """
    digest = hashlib.sha256()
    if corpus.startswith("nltk:"):
        import nltk.data

        try:
            root = Path(str(nltk.data.find(f"corpora/{corpus[5:]}.zip")))
        except LookupError:
            return ""
        files = [(root.name, root)]
    else:
        root = Path(corpus).expanduser() if corpus else CORPUS_DIR
        if root.is_file():
            files = [(root.name, root)]
        elif root.is_dir():
            files = sorted(
                (p.relative_to(root).as_posix(), p) for p in root.rglob("*") if p.is_file() and not p.is_symlink()
            )
        else:
            return ""
    for name, path in files:
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        with open(path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


def library_versions() -> dict[str, str]:
    """Versions of Python and the libraries a report depends on."""
    versions = {"python": platform.python_version()}
    for name in _VERSIONED:
        try:
            versions[name] = metadata.version("corpus-notebook-toolkit" if name == "toolkit" else name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


# --------------------------------------------------------------------------- one run


@dataclass
class RunResult:
    """What happened to one report run."""

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
        return f"cell {err.exec_count}: {err.ename}: {err.evalue}"
    if name == "CellTimeoutError":
        return f"timeout: a cell ran longer than the time limit ({err})"
    if name == "DeadKernelError":
        return f"the kernel died: {err}"
    return f"{name}: {err}"


def _render_html(notebook_path: Path, *, title: str, status: str, error: str, footer: dict[str, Any]) -> str:
    import nbformat
    from nbconvert import HTMLExporter

    book = nbformat.read(notebook_path, as_version=4)
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(book, resources={"metadata": {"name": title}})
    banner = ""
    if status == FAILED:
        banner = (
            '<div class="toolkit-failed" style="background:#b00020;color:white;padding:1em;font:16px sans-serif">'
            f"<strong>FAILED</strong>: this report did not run to the end. {html.escape(error)}</div>"
        )
    rows = "".join(
        f"<tr><th style='text-align:left;padding-right:1em'>{html.escape(str(k))}</th>"
        f"<td>{html.escape(v if isinstance(v, str) else json.dumps(v, default=str))}</td></tr>"
        for k, v in footer.items()
    )
    provenance = (
        '<footer class="toolkit-provenance" style="font:12px sans-serif;color:#444;margin:2em;'
        'border-top:1px solid #ccc;padding-top:1em"><p><strong>Provenance</strong></p>'
        f"<table>{rows}</table></footer>"
    )
    body = _REMOTE_SCRIPT.sub("", body)
    body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + banner, body, count=1)
    return body.replace("</body>", provenance + "</body>", 1)


_NUMBER = re.compile(r"[-+]?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")


def _cell(value: Any) -> Any:
    """Return a workbook cell: numbers as numbers (not "007"), text without control characters and inert."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        if _NUMBER.fullmatch(value):
            return float(value) if any(c in value for c in ".eE") else int(value)
        return neutralise_formula(ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
    return value


def _write_workbook(
    path: Path, tables: dict[str, Path], parameters: dict[str, Any], provenance: dict[str, Any]
) -> None:
    import pandas as pd

    reserved = {"parameters", "provenance"}
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        used: set[str] = set(reserved)
        for name, csv_path in tables.items():
            frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            frame.columns = [str(_cell(c)) for c in frame.columns]
            sheet = name[:31]
            while sheet in used:
                sheet = f"{name[:27]}_{len(used)}"
            used.add(sheet)
            frame.map(_cell).to_excel(writer, sheet_name=sheet, index=False)
        pd.DataFrame(
            [(k, json.dumps(v) if not isinstance(v, str) else v) for k, v in parameters.items()],
            columns=["parameter", "value"],
        ).map(_cell).to_excel(writer, sheet_name="parameters", index=False)
        pd.DataFrame(
            [(k, v if isinstance(v, str) else json.dumps(v, default=str)) for k, v in provenance.items()],
            columns=["field", "value"],
        ).map(_cell).to_excel(writer, sheet_name="provenance", index=False)


def _produce(
    path: Path, params: dict[str, Any], tmp: Path, run_id: str, timeout: int, pdf: bool
) -> tuple[str, str, float]:
    """Execute the notebook into ``tmp`` and write every file of the run there; return status, error, seconds."""
    import papermill

    tables_dir = tmp / "tables"
    executed = tmp / f"{path.stem}.ipynb"
    injected = {**params, "results_dir": str(tables_dir)} if "results_dir" in notebook_parameters(path) else params
    started = datetime.now(UTC)
    clock = time.perf_counter()
    status, error = SUCCEEDED, ""
    os.environ[PROGRESS_ENV] = "0"  # the kernel inherits it: no progress bars in reports
    try:
        papermill.execute_notebook(
            str(path),
            str(executed),
            parameters=injected,
            kernel_name="python3",
            execution_timeout=timeout,
            progress_bar=False,
            log_output=False,
        )
    except Exception as err:  # a report failure is data: recorded, shown, and the batch goes on
        status, error = FAILED, _describe_error(err)
    seconds = time.perf_counter() - clock
    corpus = str(params.get("corpus", ""))
    manifest = {
        "notebook": path.stem,
        "run": run_id,
        "status": status,
        "error": error,
        "parameters": params,
        "corpus": corpus or str(CORPUS_DIR),
        "corpus_sha256": corpus_checksum(corpus),
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(seconds, 2),
        "versions": library_versions(),
    }
    (tmp / "parameters.json").write_text(json.dumps(params, indent=2, sort_keys=True) + "\n", "utf-8")
    tables = {p.stem: p for p in sorted(tables_dir.glob("*.csv"))}
    footer = {
        "notebook": path.stem,
        "status": status,
        "parameters": params,
        "corpus": manifest["corpus"],
        "corpus sha256": manifest["corpus_sha256"],
        "run": run_id,
        "started (UTC)": manifest["started"],
        "toolkit": manifest["versions"]["toolkit"],
        "versions": manifest["versions"],
    }
    if executed.exists():
        try:
            page = _render_html(executed, title=path.stem, status=status, error=error, footer=footer)
        except Exception as err:  # a truncated notebook still yields a page that says FAILED
            status, error = FAILED, error or f"could not render the executed notebook: {err}"
            manifest.update(status=status, error=error)
            page = f"<html><body><h1>FAILED</h1><p>{html.escape(error)}</p></body></html>"
    else:
        page = f"<html><body><h1>FAILED</h1><p>{html.escape(error)}</p></body></html>"
    (tmp / f"{path.stem}.html").write_text(page, "utf-8")
    try:
        _write_workbook(
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

    Returns
    -------
    RunResult
        ``status`` is ``"SUCCEEDED"`` or ``"FAILED"`` (with ``error``).
    """
    path = resolve_notebook(notebook)
    params = check_parameters(path, dict(parameters or {}))
    out = Path(out)
    run_id = _run_id(path.stem, params)
    final = out / path.stem / run_id
    tmp = out / path.stem / f".tmp-{os.getpid()}-{run_id}"  # the runner's pid: see remove_stale
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


# --------------------------------------------------------------------------- PDF, index, batches


def find_chromium() -> str | None:
    """Return the path of a Chromium able to print PDF, or ``None``."""
    for name in ("chromium", "chromium-headless-shell", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(page: Path) -> str:
    """Print an HTML report to PDF beside it with headless Chromium; return what happened."""
    import subprocess

    browser = find_chromium()
    if browser is None:
        return "no PDF: Chromium is not installed (Debian: apt-get install chromium)"
    target = page.with_suffix(".pdf")
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--print-to-pdf={target}",
        "--no-pdf-header-footer",
        page.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0 or not target.exists():
        return f"no PDF: Chromium failed ({done.returncode}): {done.stderr.strip()[-300:]}"
    return target.name


def write_index(out: Path | str = REPORTS_DIR) -> Path:
    """Write ``index.html`` listing every run under ``out`` with its status and links."""
    out = Path(out)
    runs = []
    for manifest_path in sorted(out.glob("*/*/manifest.json")):
        if manifest_path.parent.name.startswith("."):  # an unfinished run
            continue
        try:
            manifest = json.loads(manifest_path.read_text("utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        runs.append((manifest_path.parent, manifest))
    runs.sort(key=lambda r: (r[1].get("notebook", ""), r[1].get("run", "")), reverse=False)
    rows = []
    for folder, m in runs:
        rel = folder.relative_to(out).as_posix()
        name = html.escape(str(m.get("notebook", "")))
        status = html.escape(str(m.get("status", "")))
        colour = "#1b5e20" if m.get("status") == SUCCEEDED else "#b00020"
        links = " ".join(
            f'<a href="{html.escape(rel)}/{html.escape(file)}">{label}</a>'
            for file, label in (
                (f"{m.get('notebook')}.html", "report"),
                (f"{m.get('notebook')}.ipynb", "notebook"),
                (f"{m.get('notebook')}.xlsx", "workbook"),
                ("manifest.json", "manifest"),
            )
            if (folder / file).exists()
        )
        params = html.escape(json.dumps(m.get("parameters", {}), sort_keys=True))
        error = html.escape(str(m.get("error", "")))
        rows.append(
            f"<tr><td>{name}</td><td>{html.escape(str(m.get('run', '')))}</td>"
            f'<td style="color:{colour};font-weight:bold">{status}</td>'
            f"<td>{html.escape(str(m.get('seconds', '')))}</td><td><code>{params}</code></td>"
            f"<td>{links}</td><td>{error}</td></tr>"
        )
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Reports</title>"
        "<style>body{font:14px sans-serif;margin:2em}td,th{padding:4px 8px;border-bottom:1px solid #ddd;"
        "text-align:left;vertical-align:top}</style></head><body><h1>Reports</h1>"
        f"<p>{len(runs)} runs.</p><table><tr><th>notebook</th><th>run</th><th>status</th><th>seconds</th>"
        "<th>parameters</th><th>files</th><th>error</th></tr>" + "".join(rows) + "</table></body></html>\n"
    )
    out.mkdir(parents=True, exist_ok=True)
    index = out / "index.html"
    handle, tmp = tempfile.mkstemp(prefix=".index.", suffix=".tmp", dir=out)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(page)
    os.replace(tmp, index)
    return index


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True
    return True


def remove_stale(out: Path | str = REPORTS_DIR) -> list[Path]:
    """Delete the temporary folders of runs whose runner died (killed, power cut); return them.

    A folder whose runner process is still alive (a concurrent run) is left alone.
    """
    stale = []
    for folder in sorted(Path(out).glob("*/.tmp-*")):
        owner = folder.name.split("-")[1]
        if owner.isdigit() and _alive(int(owner)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        stale.append(folder)
    return stale


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

    Parameters are checked for every run before any starts. Results come back
    in the order of ``runs``; ``index.html`` is rewritten at the end.
    """
    say = progress or (lambda line: print(line, file=sys.stderr, flush=True))
    for notebook, parameters in runs:
        check_parameters(resolve_notebook(notebook), parameters)
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


def expand_runs(names: Iterable[str], parameter_sets: Sequence[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """Pair report names (``all`` for every notebook) with parameter sets.

    A set may name its own ``notebook``; otherwise it applies to each of ``names``.

    Examples
    --------
    >>> [nb for nb, _ in expand_runs(["all"], [{}])][:2]
    ['01_overview', '02_frequency']
    """
    expanded = []
    for params in parameter_sets or [{}]:
        params = dict(params)
        own = params.pop("notebook", None)
        targets = [own] if own else list(names)
        for name in targets:
            books = list(list_notebooks()) if name == "all" else [name]
            expanded += [(book, dict(params)) for book in books]
    return expanded


def load_parameter_file(path: Path | str) -> list[dict[str, Any]]:
    """Read a YAML parameter file: one mapping (one run) or a list of mappings (a batch)."""
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text("utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise ReportError(f"{path}: cannot read parameters: {err}") from None
    sets = data if isinstance(data, list) else [data or {}]
    for i, item in enumerate(sets, 1):
        if not isinstance(item, dict):
            raise ReportError(f"{path}: entry {i} must be a mapping of parameter names to values")
    return [{k: v for k, v in item.items() if v is not None} for item in sets]  # "name:" alone: not given


__all__ = [
    "ReportError",
    "RunResult",
    "check_parameters",
    "corpus_checksum",
    "expand_runs",
    "list_notebooks",
    "load_parameter_file",
    "notebook_parameters",
    "run_batch",
    "run_report",
    "write_index",
]
