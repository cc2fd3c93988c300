"""What the report notebooks call, so that notebooks hold no logic of their own.

Notebooks stay thin: every step is one call here or in the analyses. Output is
safe to publish: tables are shown as escaped HTML (corpus text never becomes
markup or script), capped with "showing N of M", and plain text outside a
notebook front end.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.counting import save_table
from toolkit.loading import load_corpus
from toolkit.paths import CORPUS_DIR, resolve

#: Where the report runner asks notebooks to save their result tables.
RESULTS_ENV = "TOOLKIT_RESULTS_DIR"


def open_corpus(corpus: str = "", *, pattern: str = "", **options: Any) -> pd.DataFrame:
    """Load the corpus a notebook parameter names; empty means the project's ``corpus/``.

    Relative paths are taken from the current directory of the process that
    started the kernel (the shell's), never from the notebook's folder; an NLTK
    corpus is named ``nltk:NAME``.

    Examples
    --------
    >>> open_corpus("")["doc_id"].iloc[0]
    '000_4fd4d0f392c92bd9.txt'
    """
    source: Any = corpus or CORPUS_DIR
    if isinstance(source, str) and not source.startswith("nltk:"):
        source = resolve(source)
    return load_corpus(source, pattern=pattern or None, **options)


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with jupyterlab
        return False
    shell = get_ipython()
    return shell is not None and shell.__class__.__name__ == "ZMQInteractiveShell"


#: Characters of a text cell shown in a table (a corpus table's ``text`` holds whole articles).
CELL_CHARS = 200


def _cell(value: Any) -> Any:
    if isinstance(value, str) and len(value) > CELL_CHARS:
        return value[:CELL_CHARS] + "…"
    return value


def _capped(table: pd.DataFrame, n: int) -> tuple[pd.DataFrame, str]:
    shown = table.head(n) if n else table
    note = f"showing {len(shown)} of {len(table)} rows" if len(shown) < len(table) else ""
    text_columns = [c for c in shown.columns if shown[c].dtype == object or pd.api.types.is_string_dtype(shown[c])]
    if text_columns:
        shown = shown.assign(**{str(c): shown[c].map(_cell) for c in text_columns})
    return shown, note


def _as_table(table: Any) -> tuple[pd.DataFrame, str]:
    """Return a LoadReport as its entries with the summary as caption; a table as itself."""
    from toolkit.loadreport import LoadReport

    if isinstance(table, LoadReport):
        return table.to_frame(), table.summary()
    return table, ""


def table_html(table: pd.DataFrame, n: int = 20, *, caption: str = "") -> str:
    """Return a table as HTML: every cell escaped, long texts cut, capped at ``n`` rows with "showing N of M".

    Examples
    --------
    >>> print(table_html(pd.DataFrame({"term": ["<b>", "x"], "n": [2, 1]}), 1))
    <table border="1" class="dataframe toolkit-table">
      <thead>
        <tr style="text-align: right;">
          <th>term</th>
          <th>n</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>&lt;b&gt;</td>
          <td>2</td>
        </tr>
      </tbody>
    </table>
    <p><em>showing 1 of 2 rows</em></p>
    """
    table, summary = _as_table(table)
    caption = caption or summary
    shown, note = _capped(table, n)
    parts = []
    if caption:
        parts.append(f"<p><strong>{html.escape(caption)}</strong></p>")
    parts.append(
        shown.to_html(index=False, escape=True, na_rep="", float_format=lambda v: f"{v:,.4g}", classes="toolkit-table")
    )
    if note:
        parts.append(f"<p><em>{html.escape(note)}</em></p>")
    return "\n".join(parts)


def table_text(table: pd.DataFrame, n: int = 20, *, caption: str = "") -> str:
    """Return a table as plain text, capped at ``n`` rows with "showing N of M".

    Examples
    --------
    >>> print(table_text(pd.DataFrame({"term": ["a", "b"], "n": [2, 1]}), 1, caption="Top"))
    Top
    term  n
       a  2
    showing 1 of 2 rows
    """
    table, summary = _as_table(table)
    caption = caption or summary
    shown, note = _capped(table, n)
    lines = [caption] if caption else []
    lines.append(shown.to_string(index=False) if len(shown.columns) else "(no columns)")
    if note:
        lines.append(note)
    return "\n".join(lines)


def widgets_available() -> bool:
    """Say whether the current cell runs in a front end that can show live widgets.

    True in a Jupyter kernel whose execute request came from an interactive
    front end (JupyterLab, Notebook, VS Code allow input). False in a
    terminal and under papermill or ``nbconvert --execute``: nbclient runs
    cells without input and stores widget state that nbconvert's HTML can
    only show with scripts from the internet, so explorers give their static
    table and figure there. A front end that allows input but has no widget
    manager still shows the static part, which every explorer output carries.

    Examples
    --------
    >>> widgets_available()
    False
    """
    if not _in_notebook():
        return False
    from IPython import get_ipython

    kernel = getattr(get_ipython(), "kernel", None)
    parent = kernel.get_parent("shell") if kernel is not None else {}
    return bool((parent or {}).get("content", {}).get("allow_stdin", False))


def show(table: pd.DataFrame | Any, n: int = 20, *, caption: str = "") -> None:
    """Display a table (or a load report), escaped and capped at ``n`` rows with "showing N of M".

    In a notebook the table is HTML with every cell escaped; elsewhere it is
    printed as text. Text cells longer than :data:`CELL_CHARS` are cut.

    Examples
    --------
    >>> show(pd.DataFrame({"term": ["<script>"], "n": [1]}))
        term  n
    <script>  1
    """
    if not _in_notebook():
        print(table_text(table, n, caption=caption))
        return
    from IPython.display import HTML, display

    display(HTML(table_html(table, n, caption=caption)))


#: Result tables the rich display formats: ``attrs["kind"]`` set by the analyses.
_KINDS = {"kwic", "keyness", "collocates", "collocations", "explain", "frequency"}


def _is_toolkit_table(table: pd.DataFrame) -> bool:
    attrs = table.attrs
    return attrs.get("kind") in _KINDS or "load_report" in attrs or "settings" in attrs


def rich_display(n: int = 20) -> None:
    """Show the toolkit's tables in this notebook escaped and capped at ``n`` rows, with "showing N of M".

    Registers an IPython HTML formatter for the corpus table, counts,
    keyness, KWIC, collocates and :func:`~toolkit.explain` tables (other
    DataFrames keep pandas' display). Outside IPython it does nothing.

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

    Examples
    --------
    >>> say("The corpus has 1 document <b>today</b>.")
    The corpus has 1 document <b>today</b>.
    """
    if not _in_notebook():
        print(text)
        return
    from IPython.display import HTML, display

    display(HTML(f"<p>{html.escape(text)}</p>"))


def save_result(table: pd.DataFrame, name: str, results_dir: str = "") -> Path | None:
    """Save a result table as ``<name>.csv`` for the report's tables and workbook.

    ``results_dir`` (the notebook parameter) or else ``$TOOLKIT_RESULTS_DIR``
    names the folder; with neither, nothing is written (interactive use).
    Cells that a spreadsheet would run as formulas are made inert.

    Examples
    --------
    >>> save_result(pd.DataFrame({"n": [1]}), "counts") is None
    True
    """
    folder = results_dir or os.environ.get(RESULTS_ENV, "")
    if not folder:
        return None
    if not name.isidentifier():
        raise ValueError(f"result name must be a plain identifier, got {name!r}")
    return save_table(table, Path(folder) / f"{name}.csv")


def has_groups(corpus: pd.DataFrame, by: str) -> str:
    """Return why ``by`` cannot group this corpus, or an empty string when it can.

    Examples
    --------
    >>> has_groups(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), "year")
    "the corpus has no field 'year' (fields: none)"
    """
    fields = [c for c in corpus.columns if c not in ("doc_id", "text")]
    if not by:
        return "no grouping field was given"
    if by not in corpus.columns:
        return f"the corpus has no field {by!r} (fields: {', '.join(fields) or 'none'})"
    values = corpus[by].dropna().astype(str).unique()
    if len(values) < 2:
        return f"the field {by!r} has {len(values)} distinct value(s); comparing needs two or more"
    return ""


def top_words(corpus: pd.DataFrame, n: int = 3, **options: Any) -> list[str]:
    """Return the ``n`` most frequent terms (stopwords removed): a default for "chosen terms".

    Examples
    --------
    >>> top_words(open_corpus(""), 2)
    ['relations', 'armenia']
    """
    from toolkit.counting import count_terms

    return list(count_terms(corpus, **options)["term"].head(n))


def choose_comparison(corpus: pd.DataFrame, by: str = "", target: str = "", reference: str = "") -> tuple[dict, str]:
    """Pick the keyness comparison the parameters ask for, or the one the corpus allows.

    A ``reference`` (a corpus path or ``"english"``) wins; else ``by`` and
    ``target`` compare a group with the rest (the first value of ``by`` when
    ``target`` is empty); else, or when ``by`` cannot group this corpus, the
    corpus is compared with general English.

    Returns
    -------
    kwargs : dict
        Arguments for :func:`~toolkit.keyness`.
    sentence : str
        What is compared, and why, for the reader.

    Examples
    --------
    >>> choose_comparison(open_corpus(""), by="year")[1]
    "The whole corpus is compared with general English, because the corpus has no field 'year' (fields: title)."
    """
    if reference:
        if reference == "english":
            return {"reference": "english"}, "The corpus is compared with general English (wordfreq)."
        source: Any = reference if reference.startswith("nltk:") else resolve(reference)
        return {"reference": load_corpus(source)}, f"The corpus is compared with the reference corpus {reference}."
    problem = has_groups(corpus, by) if by else "no grouping field was given"
    if not problem:
        values = sorted(corpus[by].dropna().astype(str).unique())
        chosen = target or values[0]
        if chosen not in values:
            raise ValueError(f"no document has {by} = {chosen!r}; values are {values}")
        return {"by": by, "target": chosen}, f"Documents with {by} = {chosen} are compared with all the others."
    return {"reference": "english"}, f"The whole corpus is compared with general English, because {problem}."
