"""Per-document views: TF-IDF, distinctive terms and a document-term matrix.

Duplicate documents, which inflate every count, are found and dropped by
:mod:`toolkit.analysis.duplicates`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from toolkit.corpus.document import Document
from toolkit.counting.terms import count_terms
from toolkit.tokens.options import TokenOptions


def add_tf_idf(counts: pd.DataFrame, *, by: str = "doc_id") -> pd.DataFrame:
    """Add ``tf``, ``idf`` and ``tf_idf`` to per-document counts (tidytext's ``bind_tf_idf``).

    ``tf = n / terms in the document``, ``idf = ln(documents / documents
    containing the term)``, ``tf_idf = tf * idf`` (Silge & Robinson 2017,
    *Text Mining with R*, ch. 3).

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts per document: ``count_terms(corpus, by="doc_id")``.
    by : str, default="doc_id"
        The document column.

    Returns
    -------
    pandas.DataFrame
        ``counts`` with ``tf, idf, tf_idf`` added.

    Examples
    --------
    >>> counts = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["war", "talks", "talks"], "n": [3, 1, 2]})
    >>> add_tf_idf(counts).round(3)
      doc_id   term  n    tf    idf  tf_idf
    0      a    war  3  0.75  0.693    0.52
    1      a  talks  1  0.25  0.000    0.00
    2      b  talks  2  1.00  0.000    0.00
    """
    if by not in counts.columns:
        raise ValueError(f"expected counts per document (a {by!r} column); got columns {list(counts.columns)}")
    n_docs = counts[by].nunique()
    doc_totals = counts.groupby(by)["n"].transform("sum")
    docs_with = counts.groupby("term")[by].transform("nunique")
    tf = counts["n"] / doc_totals
    idf = np.log(n_docs / docs_with)
    return counts.assign(tf=tf, idf=idf, tf_idf=tf * idf)


def distinctive_terms(
    corpus: pd.DataFrame | Iterable[Document],
    n: int = 10,
    *,
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> pd.DataFrame:
    """Return the ``n`` terms of highest TF-IDF in each document.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, term, n, tf, idf, tf_idf, rank`` sorted by document, then
        ``tf_idf`` descending, then term.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["war war talks", "talks trade"]})
    >>> distinctive_terms(corpus, 1)[["doc_id", "term", "rank"]]
      doc_id   term  rank
    0      a    war     1
    1      b  trade     1
    """
    counts = add_tf_idf(count_terms(corpus, by="doc_id", options=options, **token_changes))
    ranked = counts.sort_values(["doc_id", "tf_idf", "term"], ascending=[True, False, True], kind="stable")
    ranked = ranked.assign(rank=ranked.groupby("doc_id")["tf_idf"].rank(method="min", ascending=False).astype(int))
    ranked = ranked.groupby("doc_id", sort=False).head(n) if n else ranked
    return ranked[["doc_id", "term", "n", "tf", "idf", "tf_idf", "rank"]].reset_index(drop=True)


@dataclass(frozen=True)
class DocumentTermMatrix:
    """A sparse document-term matrix that scikit-learn accepts as ``X``.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        Counts, one row per document, one column per term.
    doc_ids : list of str
        Row labels.
    terms : list of str
        Column labels, sorted.

    Examples
    --------
    >>> dtm = DocumentTermMatrix(sparse.csr_matrix([[2, 0], [1, 1]]), ["a", "b"], ["peace", "war"])
    >>> dtm.matrix[:, dtm.terms.index("war")].toarray().ravel().tolist()
    [0, 1]
    """

    matrix: sparse.csr_matrix
    doc_ids: list[str]
    terms: list[str]


def document_term_matrix(
    corpus: pd.DataFrame | Iterable[Document],
    *,
    min_count: int = 1,
    min_docs: int = 1,
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> DocumentTermMatrix:
    """Build a sparse document-term matrix (for scikit-learn, gensim, ...).

    Parameters
    ----------
    min_count : int, default=1
        Keep terms seen at least this often in the corpus.
    min_docs : int, default=1
        Keep terms found in at least this many documents.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["war war talks", "talks trade"]})
    >>> dtm = document_term_matrix(corpus)
    >>> dtm.terms, dtm.matrix.toarray().tolist()
    (['talks', 'trade', 'war'], [[1, 0, 2], [1, 1, 0]])
    """
    counts = count_terms(corpus, by="doc_id", options=options, **token_changes)
    totals = counts.groupby("term")["n"].sum()
    spread = counts.groupby("term")["doc_id"].nunique()
    keep = sorted(t for t in totals.index if totals[t] >= min_count and spread[t] >= min_docs)
    doc_ids = sorted(counts.attrs["total"])  # every document, also those with no counted term
    kept = counts[counts["term"].isin(set(keep))]
    rows = kept["doc_id"].map({d: i for i, d in enumerate(doc_ids)}).to_numpy()
    cols = kept["term"].map({t: j for j, t in enumerate(keep)}).to_numpy()
    matrix = sparse.csr_matrix((kept["n"].to_numpy(), (rows, cols)), shape=(len(doc_ids), len(keep)), dtype=np.int64)
    return DocumentTermMatrix(matrix, doc_ids, keep)
