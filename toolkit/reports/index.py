"""The index of report runs, and the hidden folders that runs are written in.

A run is written in ``<out>/<notebook>/.tmp-<pid>-<run>/`` and renamed into
place when complete: the index never lists such a folder, and
:func:`remove_stale` deletes the ones whose runner died.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from toolkit.paths import REPORTS_DIR
from toolkit.reports.provenance import SUCCEEDED
from toolkit.tables import publish_mode


def unfinished_folder(out: Path | str, notebook: str, run_id: str) -> Path:
    """Return the hidden folder a run is written in; its name carries this process's id.

    Examples
    --------
    >>> folder = unfinished_folder("/tmp/reports", "01_overview", "20260102-000000-000000-abcdef")
    >>> folder.parent.name, folder.name == f".tmp-{os.getpid()}-20260102-000000-000000-abcdef"
    ('01_overview', True)
    """
    return Path(out) / notebook / f".tmp-{os.getpid()}-{run_id}"


def new_run_id(notebook: str, parameters: dict[str, Any]) -> str:
    """Name a new run: the time to the microsecond (runs sort by it), then a digest of notebook and parameters.

    Examples
    --------
    >>> run = new_run_id("01_overview", {"n": 5})
    >>> len(run), run[8], run[15], run[-7]
    (29, '-', '-', '-')
    """
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    digest = hashlib.sha256(json.dumps([notebook, parameters], sort_keys=True, default=str).encode()).hexdigest()
    return f"{stamp}-{digest[:6]}"


def record_run(out: Path | str, notebook: str, parameters: dict[str, Any], status: str, error: str) -> Path:
    """Write the folder of a run that has no report (stopped, or failed before it began): its manifest alone.

    The index lists it like any run, with its status and error, so that every
    run of a batch appears there; it has no report, notebook or workbook.

    Parameters
    ----------
    out : path
        The reports folder.
    notebook : str
        The notebook's stem.
    parameters : dict
        The run's parameters.
    status, error : str
        Why there is no report (``INTERRUPTED`` or ``FAILED``, and the message).

    Returns
    -------
    Path
        ``<out>/<notebook>/<run>``.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> folder = record_run(out, "01_overview", {"n": 5}, "INTERRUPTED", "interrupted (SIGTERM)")
    >>> sorted(p.name for p in folder.iterdir())
    ['manifest.json']
    >>> "INTERRUPTED" in write_index(out).read_text("utf-8")
    True
    """
    run = new_run_id(notebook, parameters)
    folder = Path(out) / notebook / run
    folder.mkdir(parents=True)
    manifest = {
        "notebook": notebook,
        "run": run,
        "status": status,
        "error": error,
        "parameters": parameters,
        "corpus": str(parameters.get("corpus", "")),
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n", "utf-8")
    return folder


def write_index(out: Path | str = REPORTS_DIR) -> Path:
    """Write ``index.html`` listing every run under ``out``: status, time, corpus, parameters and links.

    The page is replaced whole (written beside it, then renamed); unfinished
    runs are left out and every value from a manifest is escaped.

    Parameters
    ----------
    out : path, default=reports/
        The folder of the runs, ``<out>/<notebook>/<run>/manifest.json``.

    Returns
    -------
    Path
        ``<out>/index.html``.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> (out / "01_overview" / "r1").mkdir(parents=True)
    >>> _ = (out / "01_overview" / "r1" / "manifest.json").write_text(
    ...     '{"notebook": "01_overview", "run": "r1", "status": "SUCCEEDED", "corpus": "nltk:abc", '
    ...     '"parameters": {"n": "<5>"}}')
    >>> page = write_index(out).read_text("utf-8")
    >>> "<p>1 runs.</p>" in page, "SUCCEEDED" in page, "&lt;5&gt;" in page, "<td>nltk:abc</td>" in page
    (True, True, True, True)
    """
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
            f"<td>{_timing(m)}</td><td>{html.escape(str(m.get('corpus', '')))}</td>"
            f"<td><code>{params}</code></td>"
            f"<td>{links}</td><td>{error}</td></tr>"
        )
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Reports</title>"
        "<style>body{font:14px sans-serif;margin:2em}td,th{padding:4px 8px;border-bottom:1px solid #ddd;"
        "text-align:left;vertical-align:top}</style></head><body><h1>Reports</h1>"
        f"<p>{len(runs)} runs.</p><table><tr><th>notebook</th><th>run</th><th>status</th><th>seconds (by stage)</th>"
        "<th>corpus</th><th>parameters</th><th>files</th><th>error</th></tr>"
        + "".join(rows)
        + "</table></body></html>\n"
    )
    out.mkdir(parents=True, exist_ok=True)
    index = out / "index.html"
    handle, tmp = tempfile.mkstemp(prefix=".index.", suffix=".tmp", dir=out)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(page)
    publish_mode(tmp)  # readable by the group, as any new file (mkstemp made it 0600)
    os.replace(tmp, index)
    return index


def _timing(manifest: dict[str, Any]) -> str:
    """Return the run's whole time and, below it, each stage's time, as escaped HTML for the index."""
    total = manifest.get("total_seconds", manifest.get("seconds", ""))
    stages = manifest.get("stages") or {}
    if not isinstance(stages, dict) or not stages:
        return html.escape(str(total))
    parts = ", ".join(f"{name} {seconds}" for name, seconds in stages.items())
    return f"{html.escape(str(total))}<br><small>{html.escape(parts)}</small>"


def _alive(pid: int) -> bool:
    """Tell whether a process runs (one of another user's counts as running)."""
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

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> (out / "01_overview" / ".tmp-999999999-r1").mkdir(parents=True)  # no such process
    >>> unfinished_folder(out, "01_overview", "r2").mkdir()  # this process: alive
    >>> [folder.name for folder in remove_stale(out)]
    ['.tmp-999999999-r1']
    >>> [folder.name[:5] for folder in (out / "01_overview").iterdir()]
    ['.tmp-']
    """
    stale = []
    for folder in sorted(Path(out).glob("*/.tmp-*")):
        owner = folder.name.split("-")[1]
        if owner.isdigit() and _alive(int(owner)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        stale.append(folder)
    return stale
