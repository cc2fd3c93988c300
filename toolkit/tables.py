"""Result tables written to CSV that a spreadsheet opens safely: cells that would run as formulas are made inert."""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas loads on first use: the command line counts and writes CSV without it
    import pandas as pd


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
