"""Dispersion: how evenly a term spreads over documents or equal-size parts.

A frequent word can be a poor keyword if one document says it forty times.
Juilland's D and Gries's DP (see :mod:`toolkit.stats`) measure the spread; a
dispersion plot shows where each occurrence falls.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from toolkit import stats
from toolkit.analysis.patterns import WordPatterns
from toolkit.corpus.document import Document
from toolkit.counting.local import document_counts_by_group
from toolkit.counting.texts import iter_texts
from toolkit.deprecation import renamed_keywords
from toolkit.tokens.options import TokenOptions, token_options
from toolkit.tokens.pipeline import Pipeline, listing_options


def document_matrix(docs: Sequence[Counter[str]], terms: Sequence[str]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Stack per-document counts of ``terms`` into a sparse matrix (documents x terms).

    Returns
    -------
    matrix : scipy.sparse.csr_matrix
        ``matrix[i, j]`` is the count of ``terms[j]`` in document ``i``.
    sizes : numpy.ndarray
        Tokens per document (all terms, not only ``terms``).

    Examples
    --------
    >>> m, sizes = document_matrix([Counter(a=2, b=1), Counter(b=3)], ["a", "b"])
    >>> m.toarray().tolist(), sizes.tolist()
    ([[2, 1], [0, 3]], [3.0, 3.0])
    """
    index = {t: j for j, t in enumerate(terms)}
    rows, cols, vals = [], [], []
    for i, counts in enumerate(docs):
        for term, n in counts.items():
            j = index.get(term)
            if j is not None:
                rows.append(i)
                cols.append(j)
                vals.append(n)
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(len(docs), len(terms)), dtype=np.int64)
    sizes = np.array([sum(c.values()) for c in docs], dtype=float)
    return matrix, sizes


def dp_from_matrix(matrix: sparse.spmatrix, sizes: np.ndarray, *, normalised: bool = False) -> np.ndarray:
    """Gries's DP of every column of a sparse parts x terms matrix.

    Equal to :func:`toolkit.stats.gries_dp` on each column, computed from the
    non-zero cells only: parts where a term is absent add their size share.

    Examples
    --------
    >>> m = sparse.csr_matrix([[8, 2], [0, 2], [0, 2], [0, 2]])
    >>> dp_from_matrix(m, np.array([100, 100, 100, 100])).tolist()
    [0.75, 0.0]
    """
    csc = sparse.csc_matrix(matrix, dtype=float)
    s = sizes / sizes.sum()
    totals = np.asarray(csc.sum(axis=0)).ravel()
    out = np.empty(csc.shape[1])
    for j in range(csc.shape[1]):
        start, end = csc.indptr[j], csc.indptr[j + 1]
        rows, values = csc.indices[start:end], csc.data[start:end]
        share = values / totals[j] if totals[j] else values
        out[j] = 0.5 * (np.abs(share - s[rows]).sum() + (1 - s[rows].sum()))
    if normalised:
        out = out / (1 - s.min())
    return out


def _juilland_from_matrix(matrix: sparse.spmatrix, sizes: np.ndarray) -> np.ndarray:
    k = matrix.shape[0]
    rel = sparse.csr_matrix(sparse.diags(1 / sizes) @ matrix)
    mean = np.asarray(rel.sum(axis=0)).ravel() / k
    square = np.asarray(rel.multiply(rel).sum(axis=0)).ravel() / k
    sd = np.sqrt(np.maximum(square - mean**2, 0))
    with np.errstate(divide="ignore", invalid="ignore"):
        return 1 - (sd / mean) / np.sqrt(k - 1)


def part_bounds(tokens: int, parts: int) -> np.ndarray:
    """Return the token offsets that cut a stream of ``tokens`` tokens into ``parts`` equal parts (rounded).

    Part ``p`` holds the tokens from ``bounds[p]`` up to ``bounds[p + 1]``:
    the parts of :func:`dispersion`, of :func:`~toolkit.trends` and of
    :class:`~toolkit.analysis.termindex.TermIndex` are the same.

    Examples
    --------
    >>> part_bounds(10, 4).tolist()
    [0, 2, 5, 8, 10]
    """
    return np.linspace(0, tokens, parts + 1).round().astype(np.int64)


def _part_counters(
    corpus: pd.DataFrame | Iterable[Document], pipeline: Pipeline, parts: int | None
) -> list[Counter[str]]:
    if parts is None:
        return [counts for _, counts in document_counts_by_group(corpus, None, pipeline)]
    if parts < 2:
        raise ValueError(f"parts must be 2 or more, got {parts}")
    stream = [tok for _, text, _ in iter_texts(corpus) for tok in pipeline.tokens(text)]
    bounds = part_bounds(len(stream), parts)
    return [Counter(stream[bounds[i] : bounds[i + 1]]) for i in range(parts)]


@renamed_keywords(terms="pattern")
def dispersion(
    corpus: pd.DataFrame | Iterable[Document],
    pattern: str | Sequence[str] | None = None,
    *,
    regex: bool = False,
    parts: int | None = None,
    min_count: int = 1,
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> pd.DataFrame:
    """Measure how evenly each term spreads over documents or equal-size parts.

    Parameters
    ----------
    corpus : pandas.DataFrame or iterable of Document
        The corpus.
    pattern : str, sequence of str or None, default=None
        The word(s) to measure: a string is one pattern, a list several. A
        plain word is normalised like the tokens; a glob (``"negotiat*"``) or,
        with ``regex=True``, a regular expression counts every term it
        matches, under its own name (see :class:`~toolkit.analysis.patterns.WordPatterns`;
        phrases are refused). ``None`` measures every term seen at least
        ``min_count`` times. Formerly ``terms=`` (still accepted, with a
        ``DeprecationWarning``).
    regex : bool, default=False
        Read the patterns as regular expressions.
    parts : int or None, default=None
        ``None`` uses the documents as parts (of their own sizes); an integer
        cuts the whole token stream, in document order, into that many parts
        of equal size (this holds the stream in memory).
    min_count : int, default=1
        With ``pattern=None``, the minimum frequency.
    options : TokenOptions or None
        Tokenisation. Part sizes count every token; stopwords (on unless
        ``stopwords=False``) are only left out of the listing when
        ``pattern=None``.

    Returns
    -------
    pandas.DataFrame
        ``term, n, range, parts, juilland_d, dp, dp_norm``: ``term`` is the
        term or pattern; ``range`` is the
        number of parts containing the term; ``parts`` counts the parts with
        tokens (documents with none, such as empty files, are left out and
        counted in ``attrs["empty_parts_dropped"]``); ``dp`` is Gries's DP (0 even, 1
        clumped), ``dp_norm`` DP / (1 - smallest part share) (Lijffijt & Gries
        2012); ``juilland_d`` 1 even, 0 clumped. Sorted by ``dp``, then term.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["war peace", "war talks"]})
    >>> dispersion(corpus, ["war", "peace"])
        term  n  range  parts  juilland_d   dp  dp_norm
    0    war  2      2      2         1.0  0.0      0.0
    1  peace  1      1      2         0.0  0.5      1.0
    >>> dispersion(corpus, "t*")[["term", "n", "range"]]
      term  n  range
    0   t*  1      1
    """
    pipeline, stopwords = listing_options(options, token_changes)
    counters = _part_counters(corpus, pipeline, parts)
    empty = sum(1 for c in counters if not c)
    counters = [c for c in counters if c]  # a part with no tokens has no share to compare with
    if len(counters) < 2:
        raise ValueError("dispersion needs at least two documents (or parts=2 or more)")
    if pattern is None:
        total: Counter[str] = Counter()
        for counts in counters:
            total.update(counts)
        terms = sorted(t for t, n in total.items() if n >= min_count and t.lower() not in stopwords)
        matrix, sizes = document_matrix(counters, terms)
    else:
        words = WordPatterns(pattern, pipeline, regex=regex, caller="dispersion()")
        terms = words.labels
        matrix, sizes = words.count_matrix(counters)
    n = np.asarray(matrix.sum(axis=0)).ravel()
    table = pd.DataFrame(
        {
            "term": terms,
            "n": n,
            "range": np.asarray((matrix > 0).sum(axis=0)).ravel(),
            "parts": len(counters),
            "juilland_d": _juilland_from_matrix(matrix, sizes),
            "dp": dp_from_matrix(matrix, sizes),
            "dp_norm": dp_from_matrix(matrix, sizes, normalised=True),
        }
    )
    table.loc[table["n"] == 0, ["juilland_d", "dp", "dp_norm"]] = np.nan
    table = table.sort_values(["dp", "term"], kind="stable").reset_index(drop=True)
    table.attrs["empty_parts_dropped"] = empty
    return table


@renamed_keywords(terms="pattern")
def dispersion_positions(
    corpus: pd.DataFrame | Iterable[Document],
    pattern: str | Sequence[str],
    *,
    regex: bool = False,
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> pd.DataFrame:
    """Where each occurrence of ``pattern`` falls in the corpus: data for a dispersion plot.

    Offsets count the kept tokens (punctuation dropped, stopwords kept unless
    asked) across the documents in order.

    Parameters
    ----------
    corpus : pandas.DataFrame or iterable of Document
        The corpus.
    pattern : str or sequence of str
        The word(s) to place, as for :func:`dispersion` (a string is one
        pattern). Formerly ``terms=`` (still accepted, with a ``DeprecationWarning``).
    regex : bool, default=False
        Read the patterns as regular expressions.
    options : TokenOptions or None
        Tokenisation (stopwords kept by default).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, term, position, offset``: ``term`` is the term or pattern
        matched, ``position`` the raw token index
        in the document (as in :func:`~toolkit.kwic`), ``offset`` the place in
        the whole corpus. ``attrs["doc_starts"]`` maps each doc_id to its first
        offset, ``attrs["tokens"]`` is the corpus length and ``attrs["terms"]``
        lists the terms or patterns in the order asked.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["War, then peace.", "Peace talks."]})
    >>> dispersion_positions(corpus, "peace")
      doc_id   term  position  offset
    0      a  peace         3       2
    1      b  peace         0       3
    """
    pipeline = Pipeline(token_options(options, **token_changes))
    words = WordPatterns(pattern, pipeline, regex=regex, caller="dispersion_positions()")
    rows, starts, offset = [], {}, 0
    for doc_id, text, _ in iter_texts(corpus):
        starts[doc_id] = offset
        found, kept = words.find(pipeline.padded(text))
        rows.extend((doc_id, words.labels[j], position, offset + rank) for position, rank, j in found)
        offset += kept
    table = pd.DataFrame(rows, columns=["doc_id", "term", "position", "offset"])
    table.attrs.update(doc_starts=starts, tokens=offset, terms=words.labels)
    return table


__all__ = ["dispersion", "dispersion_positions", "document_matrix", "dp_from_matrix", "part_bounds", "stats"]
