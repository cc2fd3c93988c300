"""Trends: how often chosen words occur across years, categories, any field, or equal parts of the corpus.

Frequencies are per million tokens of each group, with a bootstrap interval
over documents: documents are resampled with replacement within each group,
so one prolific article cannot hide the uncertainty.
"""

from __future__ import annotations

import itertools
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from toolkit.analysis.dispersion import part_bounds
from toolkit.analysis.patterns import WordPatterns
from toolkit.analysis.timeline import PERIODS, keep_dated, period_range
from toolkit.corpus.document import Document
from toolkit.counting.local import document_counts_by_group
from toolkit.counting.texts import iter_texts, sort_groups
from toolkit.deprecation import renamed_keywords
from toolkit.tokens.options import TokenOptions, token_options
from toolkit.tokens.pipeline import Pipeline


def _bootstrap(
    counts: np.ndarray, sizes: np.ndarray, n_boot: int, ci: float, random_state: int, group: str
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of per-million frequency, resampling the group's documents.

    Each group has its own generator, seeded by ``random_state`` and the group's
    label, so a group's interval does not change when other groups come or go.
    Resamples are drawn as counts of each document (multinomial weights), in
    chunks, so memory stays small whatever the number of documents.
    """
    seed = [random_state, *group.encode("utf-8")]
    rng = np.random.default_rng(seed)
    n_docs = len(sizes)
    estimates = []
    for start in range(0, n_boot, 100):
        chunk = min(100, n_boot - start)
        weights = rng.multinomial(n_docs, np.full(n_docs, 1 / n_docs), size=chunk)
        boot_sizes = weights @ sizes
        with np.errstate(invalid="ignore", divide="ignore"):
            estimates.append((weights @ counts) / boot_sizes[:, None] * 1e6)
    boot = np.vstack(estimates)
    alpha = (1 - ci) / 2
    low, high = np.nanquantile(boot, [alpha, 1 - alpha], axis=0)
    return low, high


class _NotGiven:
    """The default of ``trends(by=)``: shown as ``None``, and tells "not given" from ``by=None``."""

    def __repr__(self) -> str:
        return "None"


_BY_NOT_GIVEN: Any = _NotGiven()


def _has_year(corpus: pd.DataFrame | Iterable[Document]) -> tuple[pd.DataFrame | Iterable[Document], bool]:
    """Whether the corpus has a ``year`` field (a stream is peeked at and given back whole)."""
    if isinstance(corpus, pd.DataFrame):
        return corpus, "year" in corpus.columns
    if isinstance(corpus, Sequence):
        first = corpus[0] if len(corpus) else None
        return corpus, isinstance(first, Document) and "year" in first.meta
    stream = iter(corpus)
    first = next(stream, None)
    if first is None:
        return [], False
    return itertools.chain([first], stream), isinstance(first, Document) and "year" in first.meta


def _part_units(
    corpus: pd.DataFrame | Iterable[Document], words: WordPatterns, pipeline: Pipeline, parts: int
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Cut the token stream into ``parts`` equal parts: each part's document pieces (counts, sizes).

    One pass, holding only each document's size and the offsets of the
    matched tokens; a large file is read in pieces.
    """
    docs: list[tuple[int, int, list[int], list[int]]] = []  # start, size, hit offsets, hit labels
    offset = 0
    for _, pieces, _ in iter_texts(corpus, pieces=True):
        stream = iter(pieces)
        first, second = next(stream, ""), next(stream, None)
        whole = second is None  # one piece: the token cache may have it
        start, at, labels = offset, [], []
        for piece in itertools.chain([first], [] if whole else [second], stream):
            found, kept = words.find(pipeline.padded(piece, cached=whole))
            at.extend(offset + rank for _, rank, _ in found)
            labels.extend(j for _, _, j in found)
            offset += kept
        docs.append((start, offset - start, at, labels))
    bounds, width = part_bounds(offset, parts), len(words.labels)
    units: dict[str, tuple[list[np.ndarray], list[int]]] = {str(p + 1): ([], []) for p in range(parts)}
    for start, size, at, labels in docs:
        where = np.array(at, dtype=np.int64)
        which = np.array(labels, dtype=np.int64)
        for p in range(parts):
            lo, hi = max(start, bounds[p]), min(start + size, bounds[p + 1])
            if hi > lo:  # this document has tokens in part p: one unit of the part
                inside = (where >= lo) & (where < hi)
                units[str(p + 1)][0].append(np.bincount(which[inside], minlength=width))
                units[str(p + 1)][1].append(hi - lo)
    return {
        key: (np.array(counts, dtype=float).reshape(-1, width), np.array(sizes, dtype=float))
        for key, (counts, sizes) in units.items()
    }


@renamed_keywords(terms="pattern")
def trends(
    corpus: pd.DataFrame | Iterable[Document],
    pattern: str | Sequence[str],
    *,
    by: str | None = _BY_NOT_GIVEN,
    parts: int = 10,
    regex: bool = False,
    n_boot: int = 1000,
    ci: float = 0.95,
    random_state: int = 0,
    complete: bool = False,
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> pd.DataFrame:
    """Per-million frequency of ``pattern`` in each group, with a bootstrap interval.

    Parameters
    ----------
    corpus : pandas.DataFrame or iterable of Document
        The corpus.
    pattern : str or sequence of str
        The word(s) to follow: a string is one pattern, a list several. A
        plain word is normalised like the tokens (lower case by default); a
        glob (``"negotiat*"``) or, with ``regex=True``, a regular expression
        counts every term it matches, under its own name (see
        :class:`~toolkit.analysis.patterns.WordPatterns`; phrases are
        refused). Formerly ``terms=`` (still accepted, with a ``DeprecationWarning``).
    by : str or None, default=None
        The grouping field; groups are sorted as numbers when they all are.
        ``None``: the whole corpus cut into ``parts`` parts of equal size (in
        tokens), in document order, in a column ``part`` labelled ``"1"``,
        ``"2"``, ... Until now ``by`` defaulted to ``"year"``: when it is not
        given and the corpus has a ``year`` field, a ``DeprecationWarning``
        says so (pass ``by="year"`` to group by year).
    parts : int, default=10
        Number of equal parts when ``by=None``.
    regex : bool, default=False
        Read the patterns as regular expressions.
    n_boot : int, default=1000
        Bootstrap resamples of each group's documents (0: no interval).
    ci : float, default=0.95
        Interval coverage (percentile bootstrap).
    random_state : int, default=0
        Seed: the same seed gives the same intervals.
    complete : bool, default=False
        With ``by="month"`` or ``by="year"`` (a corpus table): follow the
        documents that have a date (the period read from ``date`` when the
        corpus has no ``by`` field, see
        :func:`~toolkit.analysis.timeline.period_values`), in time order, with
        a row for every period between the first and the last. A period with
        no document has ``tokens`` 0, ``docs`` 0 and ``per_million`` NaN: no
        text is not a frequency of zero, and a line has a gap there.
        ``attrs["left_out"]`` counts the documents without a date.
    options : TokenOptions or None
        Tokenisation; stopwords are kept by default, so ``tokens`` counts every
        word of the group.

    Returns
    -------
    pandas.DataFrame
        ``<by or "part">, term, n, tokens, per_million, docs, low, high``:
        ``tokens`` is the group's size, ``docs`` its number of documents (of
        documents with tokens in the part, with ``by=None``; a document
        across two parts counts in both, and its two pieces are resampled
        separately), ``low``/``high`` the interval of ``per_million`` (NaN for
        a one-document group). ``attrs`` says what the rows are: ``by`` (the
        field, or ``None``), ``group`` (the first column's name) and ``parts``
        (``None`` when grouped by a field).

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "year": ["2020", "2021", "2021"],
    ...     "text": ["war and war", "peace", "war again"]})
    >>> trends(corpus, "war", by="year", n_boot=0).round(1)
       year term  n  tokens  per_million  docs  low  high
    0  2020  war  2       3     666666.7     1  NaN   NaN
    1  2021  war  1       3     333333.3     2  NaN   NaN
    >>> trends(corpus, "war", by=None, parts=2, n_boot=0)[["part", "n", "tokens", "docs"]]
      part  n  tokens  docs
    0    1  2       3     1
    1    2  1       3     2
    >>> pages = pd.DataFrame({"doc_id": ["a", "b", "c"], "date": ["2024-01-05", "2024-03-01", None],
    ...     "text": ["war and war", "peace", "war again"]})
    >>> months = trends(pages, "war", by="month", complete=True, n_boot=0)
    >>> months[["month", "n", "tokens", "per_million", "docs"]].round(1)
         month  n  tokens  per_million  docs
    0  2024-01  2       3     666666.7     1
    1  2024-02  0       0          NaN     0
    2  2024-03  0       1          0.0     1
    """
    if by is _BY_NOT_GIVEN:
        by = None
        corpus, year = _has_year(corpus)
        if year:  # stacklevel 3: the caller of the renamed_keywords wrapper
            warnings.warn(
                "trends() no longer groups by 'year' unless asked: pass by='year'", DeprecationWarning, stacklevel=3
            )
    if not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1, got {ci}")
    if by is None and parts < 1:
        raise ValueError(f"parts must be 1 or more, got {parts}")
    left_out = 0
    if complete:
        if by not in PERIODS or not isinstance(corpus, pd.DataFrame):
            raise ValueError(f"complete=True needs a corpus table and by='month' or 'year'; got by={by!r}")
        corpus = keep_dated(corpus, by=by)
        left_out = corpus.attrs["left_out"]
    pipeline = Pipeline(token_options(options, **token_changes))
    words = WordPatterns(pattern, pipeline, regex=regex, caller="trends()")
    if by is None:
        units = _part_units(corpus, words, pipeline, parts)
    else:
        groups: dict[str, list[Counter[str]]] = {}
        for key, counts in document_counts_by_group(corpus, by, pipeline):
            groups.setdefault(key, []).append(counts)
        units = {}
        for key in sort_groups(groups):
            matrix, sizes = words.count_matrix(groups[key])
            units[key] = (matrix.toarray().astype(float), sizes)
        if complete and units:  # every period from the first to the last, in time order
            nothing = (np.zeros((0, len(words.labels))), np.zeros(0))
            units = {key: units.get(key, nothing) for key in period_range(min(units), max(units), by)}
    rows = []
    for key, (counts, sizes) in units.items():
        n_docs = len(sizes)
        total = sizes.sum()
        low = high = np.full(len(words.labels), np.nan)
        if n_boot and n_docs > 1:
            low, high = _bootstrap(counts, sizes, n_boot, ci, random_state, key)
        for j, term in enumerate(words.labels):
            n = int(counts[:, j].sum())
            per_million = n / total * 1e6 if total else np.nan
            rows.append((key, term, n, int(total), per_million, n_docs, low[j], high[j]))
    group = "part" if by is None else by
    table = pd.DataFrame(rows, columns=[group, "term", "n", "tokens", "per_million", "docs", "low", "high"])
    table.attrs.update(
        kind="trends",
        by=by,
        group=group,
        parts=parts if by is None else None,
        n_boot=n_boot,
        ci=ci,
        random_state=random_state,
        settings=pipeline.describe(),
        complete=complete,
        left_out=left_out,
    )
    return table


def wide_trends(table: pd.DataFrame, value: str = "per_million") -> pd.DataFrame:
    """Return a trends table one row per group: its size, its documents, then one column per term.

    Parameters
    ----------
    table : pandas.DataFrame
        A :func:`trends` table.
    value : str, default="per_million"
        The column spread across the terms (``"n"`` for counts).

    Returns
    -------
    pandas.DataFrame
        ``<group>, tokens, docs, <term>...`` in the table's group and term order
        (a term that is also one of the first three names is in quotes:
        ``'year'``).

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "year": ["2020", "2021"], "text": ["war and peace", "peace"]})
    >>> wide_trends(trends(corpus, ["war", "peace"], by="year", n_boot=0)).round(1)
       year  tokens  docs       war      peace
    0  2020       3     1  333333.3  333333.3
    1  2021       1     1       0.0  1000000.0
    """
    group = table.columns[0]
    groups = list(dict.fromkeys(table[group]))
    terms = list(dict.fromkeys(table["term"]))
    sizes = table.drop_duplicates(group).set_index(group)[["tokens", "docs"]].reindex(groups)
    spread = table.pivot(index=group, columns="term", values=value).reindex(index=groups, columns=terms)
    wide = pd.concat([sizes.reset_index(drop=True), spread.reset_index(drop=True)], axis=1)
    wide.insert(0, "_group", groups)
    # A word that is also the name of a column here ("year" followed by year) is shown in quotes.
    reserved = {str(group), "tokens", "docs"}
    wide.columns = [group, "tokens", "docs", *(f"'{t}'" if str(t) in reserved else t for t in terms)]
    wide.attrs.update(kind="trends", by=table.attrs.get("by"), value=value)
    return wide
