"""Render an executed report: HTML with nbconvert, an Excel workbook of its tables, PDF with Chromium.

Reports open offline and show the corpus's text as text: nbconvert escapes
outputs, the page loads no script from the network, and a workbook cell that a
spreadsheet would run as a formula is made inert.
"""

from __future__ import annotations

import collections
import csv
import html
import itertools
import json
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.reports.provenance import FAILED
from toolkit.tables import neutralise_formula

# Reports open offline: nbconvert's templates load require.js and MathJax from a CDN, which reports
# never need (no widgets, no math); those script tags are dropped.
_NO_ALT = re.compile(r'alt="No description has been provided for this image"')
_REMOTE_SCRIPT = re.compile(r'<script\b[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>')
_NUMBER = re.compile(r"[-+]?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
# The characters Excel refuses in a cell (as openpyxl's ILLEGAL_CHARACTERS_RE).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: Rows of a result table that its workbook sheet holds; the full table is always its CSV.
WORKBOOK_ROWS = 20_000
_FIELD_LIMIT = 2**31 - 1
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


def _cell(value: str) -> str | int | float:
    """Return a workbook cell: numbers as numbers (not "007"), text without control characters and inert."""
    if _NUMBER.fullmatch(value):
        return float(value) if any(c in value for c in ".eE") else int(value)
    return neutralise_formula(_ILLEGAL.sub("\ufffd", value))


@dataclass
class Table:
    """A result table as the workbook gets it: its first and last rows, typed, and how many rows the CSV has.

    Attributes
    ----------
    name : str
        The table's name (its CSV's stem).
    header : list of str
        Column names.
    rows : list of list
        The rows kept, each cell a number or an inert text: all of them, or, of a capped table, the first
        ``head`` rows and then the last ones.
    total : int
        Rows in the CSV; more than ``len(rows)`` when the table is capped.
    head : int
        How many of ``rows`` come from the top of the table (all of them unless capped).

    Examples
    --------
    >>> Table("counts", ["term", "n"], [["baku", 7]], 1, 1).capped
    False
    """

    name: str
    header: list[str]
    rows: list[list[str | int | float]]
    total: int
    head: int

    @property
    def note(self) -> str:
        """Say which rows a capped table keeps and where the whole table is (``""`` when none is left out).

        Examples
        --------
        >>> Table("keyness", ["term"], [["a"], ["b"], ["y"], ["z"]], 26, 2).note
        'the first 2 and the last 2 of 26 rows; the whole table is tables/keyness.csv'
        """
        if not self.capped:
            return ""
        tail = len(self.rows) - self.head
        kept = f"the first {self.head:,} and the last {tail:,} of {self.total:,} rows"
        return f"{kept}; the whole table is tables/{self.name}.csv"

    @property
    def capped(self) -> bool:
        """Whether the CSV has rows that the workbook leaves out."""
        return self.total > len(self.rows)


def read_tables(paths: Sequence[Path], *, max_rows: int = WORKBOOK_ROWS) -> list[Table]:
    """Read result tables (CSV, as :func:`~toolkit.tables.save_table` writes them) for a workbook, capped.

    A table longer than ``max_rows`` keeps its first and its last ``max_rows // 2`` rows: result
    tables are ranked, and both ends matter (a keyness table's last rows are the reference's
    keywords).

    Parameters
    ----------
    paths : sequence of Path
        The CSV files, in the order of the workbook's sheets.
    max_rows : int, default=WORKBOOK_ROWS
        Rows kept of each table; the others are counted, and the full table stays in its CSV.

    Returns
    -------
    list of Table

    Examples
    --------
    >>> import tempfile
    >>> csv_path = Path(tempfile.mkdtemp()) / "counts.csv"
    >>> _ = csv_path.write_text("term,n\\nbaku,7\\ntalks,007\\nshusha,2\\n", "utf-8")
    >>> read_tables([csv_path])[0].rows  # numbers, but "007" stays text
    [['baku', 7], ['talks', '007'], ['shusha', 2]]
    >>> table = read_tables([csv_path], max_rows=2)[0]
    >>> table.header, table.rows, table.total, table.head, table.capped
    (['term', 'n'], [['baku', 7], ['shusha', 2]], 3, 1, True)
    """
    tables = []
    limit = csv.field_size_limit(_FIELD_LIMIT)  # a cell may hold a whole article (csv's default: 131,072)
    try:
        for path in paths:
            tables.append(_read_table(path, max_rows))
    finally:
        csv.field_size_limit(limit)
    return tables


def _read_table(path: Path, max_rows: int) -> Table:
    """Read one table for :func:`read_tables`."""
    with open(path, encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream)
        header = [str(_cell(name)) for name in next(reader, [])]
        head = list(itertools.islice(reader, max_rows // 2))
        tail: collections.deque[list[str]] = collections.deque(maxlen=max_rows - len(head))
        rest = 0
        for row in reader:  # the last rows, and how many follow the first ones
            tail.append(row)
            rest += 1
    total = len(head) + rest
    rows = [[_cell(value) for value in row] for row in itertools.chain(head, tail)]
    return Table(path.stem, header, rows, total, len(head) if total > len(rows) else total)


def _sheet_names(names: Sequence[str]) -> list[str]:
    """Excel sheet names: cut to 31 characters, unique, never ``parameters`` or ``provenance``."""
    used, sheets = {"parameters", "provenance"}, []
    for name in names:
        sheet = name[:31]
        while sheet in used:
            sheet = f"{name[:27]}_{len(used)}"
        used.add(sheet)
        sheets.append(sheet)
    return sheets


def write_workbook(
    path: Path, tables: Sequence[Table], parameters: dict[str, Any], provenance: dict[str, Any]
) -> dict[str, str]:
    """Write an Excel workbook: one sheet per result table, then ``parameters`` and ``provenance``.

    Rows stream to the file as they are written (XlsxWriter's constant-memory
    mode), so a large table costs no memory. A table longer than the cap of
    :func:`read_tables` keeps its first and last rows: its sheet says so beside
    the header and in a row between the two; the full table is its CSV. Numbers written as text in the CSV
    become numbers (``"007"`` stays text); control characters that Excel
    refuses become U+FFFD and formulas are made inert. A sheet name is cut to
    Excel's 31 characters and kept unique.

    Parameters
    ----------
    path : Path
        The ``.xlsx`` to write.
    tables : sequence of Table
        The result tables, as :func:`read_tables` gives them.
    parameters, provenance : dict
        Written as two-column sheets.

    Returns
    -------
    dict
        Sheet name -> the note of a capped sheet (empty when none is capped).

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "counts.csv").write_text("term,n\\nbaku,7\\n=cmd,007\\ntalks,3\\nzaqatala,1\\n", "utf-8")
    >>> write_workbook(folder / "r.xlsx", read_tables([folder / "counts.csv"], max_rows=2), {"n": 5}, {})
    {'counts': 'the first 1 and the last 1 of 4 rows; the whole table is tables/counts.csv'}
    >>> book = openpyxl.load_workbook(folder / "r.xlsx")
    >>> book.sheetnames
    ['counts', 'parameters', 'provenance']
    >>> for row in book["counts"].iter_rows():
    ...     print([c.value for c in row])
    ['term', 'n', 'the first 1 and the last 1 of 4 rows; the whole table is tables/counts.csv']
    ['baku', 7, None]
    ['… 2 rows left out here: the whole table is tables/counts.csv', None, None]
    ['zaqatala', 1, None]
    """
    import xlsxwriter

    capped: dict[str, str] = {}
    options = {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}
    with xlsxwriter.Workbook(str(path), {**options, "strings_to_urls": False}) as book:
        bold = book.add_format({"bold": True})
        note = book.add_format({"bold": True, "font_color": "#b00020"})
        for table, sheet_name in zip(tables, _sheet_names([t.name for t in tables]), strict=True):
            sheet = book.add_worksheet(sheet_name)
            sheet.write_row(0, 0, table.header, bold)
            if table.capped:  # a note beside the header (rows are written in order: it comes first)
                capped[sheet_name] = table.note
                sheet.write_string(0, len(table.header), table.note, note)
            _write_rows(sheet, table.rows[: table.head], start=1)
            if table.capped:  # and a row where the rows left out would be
                left_out = table.total - len(table.rows)
                gap = f"… {left_out:,} rows left out here: the whole table is tables/{table.name}.csv"
                sheet.write_string(table.head + 1, 0, gap, note)
                _write_rows(sheet, table.rows[table.head :], start=table.head + 2)
        for sheet_name, header, pairs in (
            ("parameters", ("parameter", "value"), parameters),
            ("provenance", ("field", "value"), provenance),
        ):
            sheet = book.add_worksheet(sheet_name)
            sheet.write_row(0, 0, header, bold)
            _write_rows(
                sheet,
                [[_cell(k), _cell(v if isinstance(v, str) else json.dumps(v, default=str))] for k, v in pairs.items()],
                start=1,
            )
    return capped


def _write_rows(sheet: Any, rows: Sequence[Sequence[str | int | float]], start: int) -> None:
    """Write typed rows from row ``start`` down, row by row (as constant-memory mode needs)."""
    text, number = sheet.write_string, sheet.write_number
    for r, row in enumerate(rows, start=start):
        for c, value in enumerate(row):
            if value == "":  # an empty CSV cell stays blank
                continue
            if isinstance(value, str):
                text(r, c, value)
            else:
                number(r, c, value)


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
