"""Result tables made safe to hand on: CSV a spreadsheet opens without running formulas, and capped, escaped HTML.

The HTML here is what every table display shares (the views' ``table_html`` and the load report's own
``_repr_html_``), so a corpus-layer object can show itself without importing the views above it.
"""

from __future__ import annotations

import csv
import html
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas loads on first use: the command line counts and writes CSV without it
    import pandas as pd


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Characters of a text cell shown in a table (a corpus table's ``text`` holds whole articles).
CELL_CHARS = 200


def _cut(value: Any) -> Any:
    if isinstance(value, str) and len(value) > CELL_CHARS:
        return value[:CELL_CHARS] + "…"
    return value


def capped_rows(table: pd.DataFrame, n: int) -> tuple[pd.DataFrame, str]:
    """Return the first ``n`` rows (all with 0), text cells cut at :data:`CELL_CHARS`, and "showing N of M".

    Parameters
    ----------
    table : pandas.DataFrame
        Any table.
    n : int
        Rows to keep; 0 keeps all.

    Returns
    -------
    shown : pandas.DataFrame
        The rows kept, long texts ending in "…".
    note : str
        ``"showing N of M rows"``, or ``""`` when every row shows.

    Examples
    --------
    >>> import pandas as pd
    >>> shown, note = capped_rows(pd.DataFrame({"text": ["x" * 300, "y"]}), 1)
    >>> len(shown["text"].iloc[0]), note
    (201, 'showing 1 of 2 rows')
    """
    import pandas as pd

    shown = table.head(n) if n else table
    note = f"showing {len(shown)} of {len(table)} rows" if len(shown) < len(table) else ""
    text_columns = [c for c in shown.columns if shown[c].dtype == object or pd.api.types.is_string_dtype(shown[c])]
    if text_columns:
        shown = shown.assign(**{str(c): shown[c].map(_cut) for c in text_columns})
    return shown, note


def html_table(shown: pd.DataFrame, *, caption: str = "", note: str = "") -> str:
    """Return rows as HTML with every cell escaped, a caption above and a note below (both escaped).

    Parameters
    ----------
    shown : pandas.DataFrame
        The rows to show (see :func:`capped_rows`).
    caption, note : str, default=""
        A line above the table and one below it.

    Returns
    -------
    str
        HTML in which corpus text never becomes markup.

    Examples
    --------
    >>> import pandas as pd
    >>> print(html_table(pd.DataFrame({"term": ["<b>"]}), caption="Top & more"))
    <p><strong>Top &amp; more</strong></p>
    <table border="1" class="dataframe toolkit-table">
      <thead>
        <tr style="text-align: right;">
          <th>term</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>&lt;b&gt;</td>
        </tr>
      </tbody>
    </table>
    """
    parts = [f"<p><strong>{html.escape(caption)}</strong></p>"] if caption else []
    parts.append(
        shown.to_html(index=False, escape=True, na_rep="", float_format=lambda v: f"{v:,.4g}", classes="toolkit-table")
    )
    if note:
        parts.append(f"<p><em>{html.escape(note)}</em></p>")
    return "\n".join(parts)


def neutralise_formula(value: Any) -> Any:
    """Make a text cell inert in spreadsheets (OWASP CSV injection advice).

    A text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return gets a leading ``'``, so a spreadsheet shows it instead of running
    it as a formula.

    Parameters
    ----------
    value : object
        A cell; only strings are changed.

    Returns
    -------
    object
        ``value``, or ``"'" + value``.

    Examples
    --------
    >>> neutralise_formula("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    >>> neutralise_formula(3)
    3
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def save_table(table: pd.DataFrame, path: str | Path) -> Path:
    """Write a result table as UTF-8 CSV (with a BOM, for Excel) for people to open in a spreadsheet.

    Text cells and headers that a spreadsheet would run as a formula are
    prefixed with ``'``; use ``table.to_csv`` for exact data in pipelines.
    Rows end with CRLF, as RFC 4180 and Excel have them, so a value that holds
    a line break of either kind (a bare ``"\\r"`` too) is quoted and stays one
    cell.

    Parameters
    ----------
    table : pandas.DataFrame
        The result table (not changed).
    path : str or pathlib.Path
        The CSV file to write.

    Returns
    -------
    pathlib.Path
        The file written (its folder is created); written whole or not at all.

    Examples
    --------
    >>> import pandas as pd
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> path = save_table(pd.DataFrame({"term": ["=1+1"], "n": [2]}), folder / "t.csv")
    >>> path.read_bytes().decode("utf-8-sig")
    "term,n\\r\\n'=1+1,2\\r\\n"
    """
    import pandas as pd

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    safe = table.copy()
    safe.columns = [neutralise_formula(str(c)) for c in safe.columns]
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_formula)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as stream:  # the BOM tells Excel it is UTF-8
            # csv quotes a value only for the characters of the line terminator: with "\n" alone, a bare
            # "\r" in a value (old Mac text in a KWIC context) would end the row in a spreadsheet
            safe.to_csv(stream, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
