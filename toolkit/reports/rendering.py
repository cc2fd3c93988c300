"""Render an executed report: HTML with nbconvert, an Excel workbook of its tables, PDF with Chromium.

Reports open offline and show the corpus's text as text: nbconvert escapes
outputs, the page loads no script from the network, and a workbook cell that a
spreadsheet would run as a formula is made inert.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from toolkit.reports.provenance import FAILED
from toolkit.tables import neutralise_formula

# Reports open offline: nbconvert's templates load require.js and MathJax from a CDN, which reports
# never need (no widgets, no math); those script tags are dropped.
_NO_ALT = re.compile(r'alt="No description has been provided for this image"')
_REMOTE_SCRIPT = re.compile(r'<script\b[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>')
_NUMBER = re.compile(r"[-+]?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_BROWSERS = ("chromium", "chromium-headless-shell", "chromium-browser", "google-chrome")


def render_html(notebook_path: Path, *, title: str, status: str, error: str = "", footer: dict[str, Any]) -> str:
    """Return a standalone HTML page of an executed notebook: outputs only, a provenance footer.

    Parameters
    ----------
    notebook_path : Path
        The executed notebook.
    title : str
        The page title.
    status : {"SUCCEEDED", "FAILED"}
        A failed run gets a red banner at the top that shows ``error``.
    footer : dict
        Label -> value, shown in a table at the foot (see
        :func:`~toolkit.reports.provenance.provenance_footer`).

    Returns
    -------
    str
        The page; code cells and prompts are hidden and no script is loaded from the network.

    Examples
    --------
    >>> import tempfile, nbformat
    >>> book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Talks in Baku")])
    >>> path = Path(tempfile.mkdtemp()) / "talks.ipynb"
    >>> nbformat.write(book, path)
    >>> page = render_html(path, title="talks", status="FAILED", error="cell 2: ValueError", footer={"run": "r1"})
    >>> "Talks in Baku" in page, 'class="toolkit-failed"' in page, "<th style='text-align:left;" in page
    (True, True, True)
    >>> re.search(r'<script[^>]*src="https?://', page) is None  # no script loaded from the network
    True
    """
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
    figures = itertools.count(1)  # nbconvert's alt text says nothing: a screen reader hears "figure 2 of 03_keyness"
    body = _NO_ALT.sub(lambda _: f'alt="figure {next(figures)} of {html.escape(title)}"', body)
    body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + banner, body, count=1)
    return body.replace("</body>", provenance + "</body>", 1)


def failed_page(error: str) -> str:
    """Return the page of a run whose notebook could not be rendered: FAILED and why.

    Examples
    --------
    >>> failed_page("the kernel died: <signal 9>")
    '<html><body><h1>FAILED</h1><p>the kernel died: &lt;signal 9&gt;</p></body></html>'
    """
    return f"<html><body><h1>FAILED</h1><p>{html.escape(error)}</p></body></html>"


def _cell(value: Any) -> Any:
    """Return a workbook cell: numbers as numbers (not "007"), text without control characters and inert."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        if _NUMBER.fullmatch(value):
            return float(value) if any(c in value for c in ".eE") else int(value)
        return neutralise_formula(ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
    return value


def write_workbook(path: Path, tables: dict[str, Path], parameters: dict[str, Any], provenance: dict[str, Any]) -> None:
    """Write an Excel workbook: one sheet per result table, then ``parameters`` and ``provenance``.

    Numbers written as text in the CSV become numbers (``"007"`` stays text);
    control characters that Excel refuses become U+FFFD and formulas are made
    inert. A sheet name is cut to Excel's 31 characters and kept unique.

    Parameters
    ----------
    path : Path
        The ``.xlsx`` to write.
    tables : dict
        Sheet name -> CSV file (UTF-8, as :func:`~toolkit.tables.save_table` writes).
    parameters, provenance : dict
        Written as two-column sheets.

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "counts.csv").write_text("term,n\\nbaku,7\\n=cmd,007\\n", "utf-8")
    >>> write_workbook(folder / "r.xlsx", {"counts": folder / "counts.csv"}, {"n": 5}, {"status": "SUCCEEDED"})
    >>> book = openpyxl.load_workbook(folder / "r.xlsx")
    >>> book.sheetnames
    ['counts', 'parameters', 'provenance']
    >>> [[c.value for c in row] for row in book["counts"].iter_rows()]
    [['term', 'n'], ['baku', 7], ["'=cmd", '007']]
    """
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


def find_chromium() -> str | None:
    """Return the path of a Chromium able to print PDF, or ``None``.

    Examples
    --------
    >>> found = find_chromium()
    >>> found is None or Path(found).is_file()
    True
    """
    for name in _BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(page: Path) -> str:
    """Print an HTML report to PDF beside it with headless Chromium.

    Returns
    -------
    str
        The PDF's file name, or a sentence starting ``"no PDF:"`` that says why
        there is none (no Chromium, or Chromium failed).

    Examples
    --------
    >>> import tempfile
    >>> page = Path(tempfile.mkdtemp()) / "report.html"
    >>> _ = page.write_text("<html><body><h1>Talks in Baku</h1></body></html>", "utf-8")
    >>> done = print_pdf(page)
    >>> done == "report.pdf" or done.startswith("no PDF: Chromium")
    True
    """
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
