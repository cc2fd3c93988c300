"""Result tables made safe to hand on: CSV a spreadsheet opens without running formulas, and capped, escaped HTML.

The HTML here is what every table display shares (the views' ``table_html`` and the load report's own
``_repr_html_``), so a corpus-layer object can show itself without importing the views above it.
"""

from __future__ import annotations

import csv
import html
import io
import numbers
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas loads on first use: the command line counts and writes CSV without it
    import pandas as pd


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Where a spreadsheet could start a formula: the start of the text, or of any line in it.
_FORMULA_AT_A_LINE_START = re.compile(r"(?:^|(?<=[\r\n]))(?=[=+\-@\t\r])")
#: Characters of a text cell shown in a table (a corpus table's ``text`` holds whole articles).
CELL_CHARS = 200
#: Rows a displayed table shows at most, even when all are asked for: a page is for reading, the CSV holds every row.
SHOWN_MAX = 1_000


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
        Rows to keep; 0 keeps all, up to :data:`SHOWN_MAX`.

    Returns
    -------
    shown : pandas.DataFrame
        The rows kept, long texts ending in "…".
    note : str
        ``"showing N of M rows"``, ``"no rows"`` for an empty table, or
        ``""`` when every row shows.

    Examples
    --------
    >>> import pandas as pd
    >>> shown, note = capped_rows(pd.DataFrame({"text": ["x" * 300, "y"]}), 1)
    >>> len(shown["text"].iloc[0]), note
    (201, 'showing 1 of 2 rows')
    >>> capped_rows(pd.DataFrame({"n": range(5000)}), 0)[1]
    'showing 1,000 of 5,000 rows'
    >>> capped_rows(pd.DataFrame({"n": []}), 0)[1]  # a header alone would read as a table not drawn
    'no rows'
    """
    import pandas as pd

    shown = table.head(min(n, SHOWN_MAX) if n else SHOWN_MAX)
    note = f"showing {len(shown):,} of {len(table):,} rows" if len(shown) < len(table) else ""
    if table.empty:
        note = "no rows"
    text_columns = [c for c in shown.columns if shown[c].dtype == object or pd.api.types.is_string_dtype(shown[c])]
    if text_columns:
        shown = shown.assign(**{str(c): shown[c].map(_cut) for c in text_columns})
    return shown, note


#: Columns shown with no thousands separator: calendar values, not counts.
CALENDAR_COLUMNS = frozenset({"year", "decade", "month", "day"})
#: Decimals shown for float columns, by column name (a name ending in one of these counts too).
DECIMALS: dict[str, int] = {
    **dict.fromkeys(("per_million", "per_thousand", "low", "high", "percent_diff"), 1),
    **dict.fromkeys(("g2", "chi2", "chi_squared", "log_likelihood", "t_score", "mi", "log_dice", "log_ratio"), 2),
    **dict.fromkeys(("expected", "z", "mtld", "yules_k", "keyness", "score"), 2),
    **dict.fromkeys(("dp", "dp_norm", "juilland_d", "ttr", "mattr", "hdd", "similarity", "tf", "idf", "tf_idf"), 3),
    **dict.fromkeys(("share", "offset", "proportion"), 3),
}
#: p-values below this are shown as "< 0.0001"; those that underflowed to 0 as "< 1e-300".
P_FLOOR = 1e-4


def format_p(value: float) -> str:
    """Show a p-value as people read it: four decimals, ``< 0.0001`` below that, ``< 1e-300`` for an underflow.

    A p-value of 0 is not zero: it is smaller than the computer can hold.

    Examples
    --------
    >>> format_p(0.04321), format_p(3e-45), format_p(0.0)
    ('0.0432', '< 0.0001', '< 1e-300')
    """
    if value != value:  # NaN
        return ""
    if value == 0:
        return "< 1e-300"
    return "< 0.0001" if value < P_FLOOR else f"{value:.4f}"


def _decimals(name: str) -> int | None:
    name = name.lower()
    for key, places in DECIMALS.items():
        if name == key or name.endswith("_" + key) or name.startswith(key + "_"):
            return places
    return None


def _plain(value: Any, places: int | None = None) -> str:
    """Show a number without scientific notation: separators, ``places`` decimals (integral floats: none)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return "" if value is None else str(value)
    if value != value:
        return ""
    if value in (float("inf"), float("-inf")):
        return "∞" if value > 0 else "-∞"
    value = float(value) if places else value
    if places is None:
        if float(value).is_integer():
            return f"{value:,.0f}"
        size = abs(value)
        places = 1 if size >= 1000 else 2 if size >= 1 else 4
    return f"{value:,.{places}f}"


def _column_places(column: pd.Series) -> int:
    """Decimals for a float column no rule names: none when every value is whole, else by the median size."""
    import numpy as np

    values = column.to_numpy(dtype=float)
    values = values[np.isfinite(values)]
    if not len(values) or np.all(values == np.round(values)):
        return 0
    typical = float(np.median(np.abs(values[values != 0]))) if np.any(values != 0) else 0.0
    return 1 if typical >= 100 else 2 if typical >= 1 else 4


def format_cells(table: pd.DataFrame) -> pd.DataFrame:
    """Return the table with every number as text in a fixed format for its column, for people to read.

    Counts get thousands separators (years do not), per-million values one
    decimal, test statistics two, proportions and dispersions three
    (:data:`DECIMALS`), other columns one number of decimals chosen from
    their typical size, p-values :func:`format_p`; a %DIFF against a zero
    reference count is ``∞``; nothing is in scientific notation. An
    ``explain`` table is formatted row by row. Missing values are empty.
    Full precision stays in CSV and Excel.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"term": ["war"], "year": [1945], "n": [27451], "g2": [19690.123],
    ...     "p_value": [0.0], "per_million": [1.2345e4], "dp": [0.51234]})
    >>> format_cells(table).iloc[0].tolist()
    ['war', '1945', '27,451', '19,690.12', '< 1e-300', '12,345.0', '0.512']
    """
    import pandas as pd

    out = pd.DataFrame(index=table.index)
    explained = table.attrs.get("kind") == "explain" and {"quantity", "value"} <= set(table.columns)
    for position, name in enumerate(table.columns):
        column = table.iloc[:, position]
        label = str(name)
        if explained and label == "value":
            cells = [
                format_p(v) if "p-value" in str(q) else _plain(v, None if float(v).is_integer() else 4)
                for q, v in zip(table["quantity"], column, strict=True)
            ]
        elif pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(column):
            cells = ["" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else _plain(v) for v in column]
        elif label.lower() in CALENDAR_COLUMNS:  # 1945, even when a missing year made the column float
            cells = ["" if pd.isna(v) else f"{v:.0f}" if float(v).is_integer() else str(v) for v in column]
        elif label.lower().startswith("p_value") or label.lower() == "p":
            cells = [format_p(float(v)) if not pd.isna(v) else "" for v in column]
        else:
            places = _decimals(label) if pd.api.types.is_float_dtype(column) else 0
            if places is None:  # a column the table does not name: one format chosen from its typical size
                places = _column_places(column)
            cells = ["" if pd.isna(v) else _plain(float(v) if places else v, places) for v in column]
            if label == "percent_diff" and "n_reference" in table.columns:
                cells = ["∞" if b == 0 and c else c for b, c in zip(table["n_reference"], cells, strict=True)]
        out[position] = cells
    out.columns = table.columns
    return out


def html_table(shown: pd.DataFrame, *, caption: str = "", note: str = "") -> str:
    """Return rows as HTML with every cell escaped, a caption above and a note below (both escaped).

    Numbers are formatted per column (:func:`format_cells`) and right-aligned
    without wrapping; a column of short words (dates, months) does not wrap
    either; text is left-aligned, except in a concordance, where
    the left context is right-aligned against the keyword, as in AntConc.

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
    >>> print(html_table(pd.DataFrame({"t": ["<b> tag"], "n": [1234]}), caption="Top & more"))
    <p><strong>Top &amp; more</strong></p>
    <table class="dataframe toolkit-table">
    <thead><tr class="toolkit-head"><th style="text-align:left">t</th><th style="text-align:right">n</th></tr></thead>
    <tbody>
    <tr><td style="text-align:left">&lt;b&gt; tag</td><td style="text-align:right;white-space:nowrap">1,234</td></tr>
    </tbody>
    </table>
    """
    import pandas as pd

    parts = [f"<p><strong>{html.escape(caption)}</strong></p>"] if caption else []
    numeric = [
        pd.api.types.is_numeric_dtype(shown.iloc[:, i]) and not pd.api.types.is_bool_dtype(shown.iloc[:, i])
        for i in range(shown.shape[1])
    ]
    if shown.attrs.get("kind") == "explain" and "value" in shown.columns:
        numeric[list(shown.columns).index("value")] = True
    heads = "".join(
        f'<th style="text-align:{"right" if num else "left"}">{html.escape(str(name), quote=False)}</th>'
        for name, num in zip(shown.columns, numeric, strict=True)
    )
    cells = format_cells(shown)
    # A column of short words (dates, months, codes) is not broken across lines: "2024-03-05" stays whole.
    # So is a document's id ("crawl-2024.warc.gz#7", not "crawl-" above "2024.warc.gz#7") when it is not long.
    longest = [48 if name == "doc_id" else 12 for name in shown.columns]
    short = [
        not num
        and bool(len(cells))
        and bool(cells.iloc[:, i].map(lambda v, most=longest[i]: len(v) <= most and " " not in v).all())
        for i, num in enumerate(numeric)
    ]
    cell_style = [
        'style="text-align:right;white-space:nowrap"'
        if num
        else 'style="text-align:left;white-space:nowrap"'
        if keep
        else 'style="text-align:left"'
        for num, keep in zip(numeric, short, strict=True)
    ]
    if {"left", "keyword", "right"} <= set(shown.columns):  # a concordance: the keywords line up in the middle
        columns = list(shown.columns)
        cell_style[columns.index("left")] = 'style="text-align:right"'
        cell_style[columns.index("keyword")] = 'style="text-align:center;font-weight:bold;white-space:nowrap"'
    rows = [
        "<tr>"
        + "".join(
            f"<td {style}>{html.escape(cell, quote=False)}</td>" for style, cell in zip(cell_style, row, strict=True)
        )
        + "</tr>"
        for row in cells.itertuples(index=False, name=None)
    ]
    parts.append(
        '<table class="dataframe toolkit-table">\n<thead><tr class="toolkit-head">' + heads + "</tr></thead>\n<tbody>"
    )
    parts.extend(rows)
    parts.append("</tbody>\n</table>")
    if note:
        parts.append(f"<p><em>{html.escape(note)}</em></p>")
    return "\n".join(parts)


def neutralise_formula(value: Any) -> Any:
    """Make a text cell inert in spreadsheets (OWASP CSV injection advice).

    A text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return gets a leading ``'``, so a spreadsheet shows it instead of running
    it as a formula; so does every line in it (after a ``"\\r"``, a ``"\\n"``
    or both) that starts so, for a program that splits rows at any line break.

    Parameters
    ----------
    value : object
        A cell; only strings are changed.

    Returns
    -------
    object
        ``value``, with ``'`` before each such start.

    Examples
    --------
    >>> neutralise_formula("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    >>> neutralise_formula("a.txt\\r=1+1")
    "a.txt\\r'=1+1"
    >>> neutralise_formula(3)
    3
    """
    if isinstance(value, str) and (value.startswith(_FORMULA_START) or "\r" in value or "\n" in value):
        return _FORMULA_AT_A_LINE_START.sub("'", value)
    return value


class _LineFeedRows(io.TextIOBase):
    """Pass on CSV written with ``"\\r\\n"`` row ends with ``"\\n"`` ones; line breaks in quoted values stay.

    With ``lineterminator="\\r\\n"``, csv (and pandas, which uses it) quotes
    every value that holds a ``"\\r"`` or a ``"\\n"``, so outside quotes a CR
    only begins a row end; a quoted value doubles its quotes, so counting
    quotes tells inside from outside, across writes too. Rows (one write each)
    are passed on a thousand at a time, to keep the cost per row small.
    """

    def __init__(self, stream: IO[str]) -> None:
        super().__init__()
        self._stream = stream
        self._quoted = False
        self._pending: list[str] = []

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._pending.append(text)
        if len(self._pending) >= 1000:
            self.flush()
        return len(text)

    def flush(self) -> None:
        text = "".join(self._pending)
        self._pending.clear()
        if not text:
            return
        if '"' not in text and not self._quoted:  # the usual case: no quoted value
            self._stream.write(text.replace("\r", ""))
            return
        parts = text.split('"')
        outside = 1 if self._quoted else 0
        parts[outside::2] = [part.replace("\r", "") for part in parts[outside::2]]
        self._quoted ^= len(parts) % 2 == 0  # an odd number of quotes went by
        self._stream.write('"'.join(parts))


def write_exact_csv(data: pd.DataFrame | Iterable[Iterable[Any]], stream: IO[str]) -> None:
    """Write a table (or rows) as CSV for programs: exact data, rows ending in ``"\\n"``, any line break quoted.

    The bytes are those of ``to_csv(index=False, lineterminator="\\n")``
    except that a value with a bare ``"\\r"`` is quoted too (csv leaves it
    bare when rows end in ``"\\n"``, and the row splits), so ``csv.reader``
    and ``pandas.read_csv`` read back the same strings and numbers. Nothing is
    neutralised: that is :func:`save_table`'s job, for people.

    Parameters
    ----------
    data : pandas.DataFrame or iterable of rows
        A table (written with its header, without the index), or rows for
        ``csv.writer`` (a header row first, if any).
    stream : text stream
        Where to write; open files with ``newline=""``.

    Examples
    --------
    >>> import pandas as pd
    >>> out = io.StringIO(newline="")
    >>> write_exact_csv(pd.DataFrame({"doc_id": ["a.txt\\r=1+1", "b.txt"], "n": [1, 2]}), out)
    >>> out.getvalue()
    'doc_id,n\\n"a.txt\\r=1+1",1\\nb.txt,2\\n'
    >>> out = io.StringIO(newline="")
    >>> write_exact_csv([["term", "n"], ["war\\rpeace", 2]], out)
    >>> out.getvalue()
    'term,n\\n"war\\rpeace",2\\n'
    """
    rows = _LineFeedRows(stream)
    try:
        if hasattr(data, "to_csv"):
            data.to_csv(rows, index=False, lineterminator="\r\n")
        else:
            csv.writer(rows, lineterminator="\r\n").writerows(data)
    finally:
        rows.flush()


#: Where Linux shows a process's umask without changing it (``Umask:``); elsewhere it is set and put back.
_STATUS = Path("/proc/self/status")


def _umask() -> int:
    """Return the process's umask, read from :data:`_STATUS` (Linux 4.7+), else set and put straight back."""
    try:
        for line in _STATUS.read_text("ascii", errors="replace").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o077)  # the umask is the process's: the most private one for the moment it is read
    os.umask(mask)
    return mask


def publish_mode(path: str | os.PathLike[str]) -> None:
    """Give a file the permissions ``open()`` gives a new file: ``0o666`` less the umask.

    A file written to a temporary name (``tempfile.mkstemp``, mode ``0o600``)
    and then moved into place would stay readable by its owner alone; call this
    before the move, so colleagues on a shared server read it as any other file.

    Parameters
    ----------
    path : str or path
        An existing file.

    Examples
    --------
    >>> handle, name = tempfile.mkstemp()
    >>> os.close(handle)
    >>> mask = os.umask(0o022)
    >>> publish_mode(name)
    >>> oct(os.stat(name).st_mode & 0o777), oct(os.umask(mask))
    ('0o644', '0o22')
    >>> os.remove(name)
    """
    os.chmod(path, 0o666 & ~_umask())


def save_table(table: pd.DataFrame, path: str | Path) -> Path:
    """Write a result table as UTF-8 CSV (with a BOM, for Excel) for people to open in a spreadsheet.

    Text cells and headers that a spreadsheet would run as a formula, on
    their first line or any other, are prefixed with ``'``
    (:func:`neutralise_formula`); use :func:`write_exact_csv` for exact data
    in pipelines. The file gets the permissions of any new file (the umask
    decides, as for ``open()``: :func:`publish_mode`).
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
        publish_mode(tmp)  # mkstemp made it 0600: readable by the group as any other file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
