"""Tables and prose shown safely in a notebook or a terminal.

Output is safe to publish: tables are shown as escaped HTML (corpus text never
becomes markup or script), capped with "showing N of M", and plain text outside
a notebook front end.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from toolkit.progress import in_notebook
from toolkit.tables import capped_rows, format_cells, html_table


def _capped(table: Any, n: int, caption: str) -> tuple[pd.DataFrame, str, str]:
    """Return the rows shown (long texts cut), the caption and the "showing N of M" note ("" when all show).

    A LoadReport shows its entries, with its summary as the caption unless one is given.
    """
    from toolkit.corpus.loadreport import LoadReport

    if isinstance(table, LoadReport):
        table, caption = table.to_frame(), caption or table.summary()
    shown, note = capped_rows(table, n)
    return shown, caption, note


def table_html(table: pd.DataFrame, n: int = 20, *, caption: str = "") -> str:
    """Return a table as HTML: every cell escaped, long texts cut, capped at ``n`` rows with "showing N of M".

    Parameters
    ----------
    table : pandas.DataFrame or LoadReport
        The table; a load report shows its entries, its summary as caption.
    n : int, default=20
        Rows shown; 0 shows all.
    caption : str, default=""
        A line above the table, escaped.

    Returns
    -------
    str
        HTML in which corpus text never becomes markup.

    Examples
    --------
    >>> page = table_html(pd.DataFrame({"term": ["<b> x", "x y"], "n": [2000, 1]}), 1)
    >>> '<td style="text-align:left">&lt;b&gt; x</td>' in page, "2,000" in page, page.splitlines()[-1]
    (True, True, '<p><em>showing 1 of 2 rows</em></p>')
    """
    shown, caption, note = _capped(table, n, caption)
    return html_table(shown, caption=caption, note=note)


def table_text(table: pd.DataFrame, n: int = 20, *, caption: str = "") -> str:
    """Return a table as plain text, numbers formatted as in HTML, capped at ``n`` rows with "showing N of M".

    Parameters
    ----------
    table : pandas.DataFrame or LoadReport
        The table; a load report shows its entries, its summary as caption.
    n : int, default=20
        Rows shown; 0 shows all.
    caption : str, default=""
        A line above the table.

    Returns
    -------
    str
        The caption, the rows and the "showing N of M" note, one per line.

    Examples
    --------
    >>> print(table_text(pd.DataFrame({"term": ["a", "b"], "n": [2, 1]}), 1, caption="Top"))
    Top
    term  n
       a  2
    showing 1 of 2 rows
    """
    shown, caption, note = _capped(table, n, caption)
    lines = [caption] if caption else []
    lines.append(format_cells(shown).to_string(index=False) if len(shown.columns) else "(no columns)")
    if note:
        lines.append(note)
    return "\n".join(lines)


def show(table: pd.DataFrame | Any, n: int = 20, *, caption: str = "") -> None:
    """Display a table (or a load report), escaped and capped at ``n`` rows with "showing N of M".

    In a notebook the table is HTML with every cell escaped; elsewhere it is
    printed as text. Text cells longer than :data:`toolkit.tables.CELL_CHARS` are cut.

    Parameters
    ----------
    table : pandas.DataFrame or LoadReport
        The table.
    n : int, default=20
        Rows shown; 0 shows all.
    caption : str, default=""
        A line above the table.

    Examples
    --------
    >>> show(pd.DataFrame({"term": ["<script>"], "n": [1]}))
        term  n
    <script>  1
    """
    if not in_notebook():
        print(table_text(table, n, caption=caption))
        return
    from IPython.display import HTML, display

    display(HTML(table_html(table, n, caption=caption)))


#: Result tables the rich display formats: ``attrs["kind"]`` set by the analyses.
_KINDS = {"kwic", "keyness", "collocates", "collocations", "explain", "frequency"}


def _is_toolkit_table(table: pd.DataFrame) -> bool:
    """Return whether ``table`` is a corpus table or a result of the toolkit (by its ``attrs``)."""
    attrs = table.attrs
    return attrs.get("kind") in _KINDS or "load_report" in attrs or "settings" in attrs


def rich_display(n: int = 20) -> None:
    """Show the toolkit's tables in this notebook escaped and capped at ``n`` rows, with "showing N of M".

    Registers an IPython HTML formatter for the corpus table, counts,
    keyness, KWIC, collocates and :func:`~toolkit.analysis.explain` tables (other
    DataFrames keep pandas' display). Outside IPython it does nothing.

    Parameters
    ----------
    n : int, default=20
        Rows shown per table.

    Examples
    --------
    >>> rich_display()
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with jupyterlab
        return
    shell = get_ipython()
    if shell is None:
        return

    def formatter(table: pd.DataFrame) -> str | None:
        if _is_toolkit_table(table):
            return table_html(table, n)
        return table._repr_html_()

    shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, formatter)


def say(text: str) -> None:
    """Show a sentence of prose computed from the data, escaped.

    Parameters
    ----------
    text : str
        The sentence; HTML in a notebook (escaped), printed elsewhere.

    Examples
    --------
    >>> say("The corpus has 1 document <b>today</b>.")
    The corpus has 1 document <b>today</b>.
    """
    if not in_notebook():
        print(text)
        return
    from IPython.display import HTML, display

    display(HTML(f"<p>{html.escape(text)}</p>"))
