"""What the report notebooks call, so that notebooks hold no logic of their own.

Notebooks stay thin: every step is one call here, in the analyses or in
:mod:`toolkit.views.display` (tables and prose shown safely).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.tables import save_table
from toolkit.corpus.loading import load_corpus
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
    from toolkit.counting.terms import count_terms

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
        Arguments for :func:`~toolkit.analysis.keyness`.
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
