"""Per-document views: TF-IDF, distinctive terms, a document-term matrix, duplicates.

News corpora carry syndicated wire copy: the same story under several outlets
inflates every count. :func:`find_duplicates` lists exact and near duplicates
with their similarity, and :func:`remove_duplicates` drops them before any
analysis.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from toolkit.cleaning import clean_text
from toolkit.counting import count_terms, iter_texts
from toolkit.loading import Document
from toolkit.tokens import TokenOptions


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


_WORDS = re.compile(r"\w+")


def _shingles(text: str, size: int) -> set[str]:
    words = _WORDS.findall(clean_text(text)[0].lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def find_duplicates(
    corpus: pd.DataFrame | Iterable[Document],
    *,
    threshold: float = 0.8,
    shingle_size: int = 5,
    num_perm: int = 128,
    random_state: int = 1,
) -> pd.DataFrame:
    """Find exact and near-duplicate documents (syndicated copy, re-posts).

    Each document becomes the set of its word ``shingle_size``-grams (lower
    case, boilerplate cleaned). ``datasketch``'s MinHash LSH, tuned to half the
    threshold, proposes candidate pairs; each candidate's exact Jaccard
    similarity is then computed and checked against ``threshold``. Groups are joined
    transitively and each later document points to the first of its group in
    ``doc_id`` order.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, duplicate_of, similarity`` (exact Jaccard of the shingle
        sets with ``duplicate_of``), one row per document to drop, sorted by
        ``doc_id``.

    Examples
    --------
    >>> story = "Russia says it is ready to help normalise relations between Armenia and Azerbaijan today."
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [story, story + " AFP", "Other news."]})
    >>> find_duplicates(corpus).round(3)
      doc_id duplicate_of  similarity
    0      b            a       0.909
    """
    from datasketch import MinHash, MinHashLSH

    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    ids, sets = [], []
    for doc_id, text, _ in iter_texts(corpus):
        ids.append(doc_id)
        sets.append(_shingles(text, shingle_size))
    order = sorted(range(len(ids)), key=lambda i: ids[i])
    # LSH only proposes pairs; set well below the threshold so that true pairs are not missed
    # (at the threshold itself it misses many), then every pair is checked exactly.
    lsh = MinHashLSH(threshold=max(0.1, threshold / 2), num_perm=num_perm)
    parent = {i: i for i in order}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in order:
        if not sets[i]:
            continue
        signature = MinHash(num_perm=num_perm, seed=random_state)
        signature.update_batch([s.encode("utf-8") for s in sets[i]])
        for j in lsh.query(signature):
            if len(sets[i] & sets[j]) / len(sets[i] | sets[j]) >= threshold:
                a, b = sorted((root(i), root(j)), key=lambda k: ids[k])
                parent[b] = a
        lsh.insert(i, signature)
    rows = []
    for i in order:
        first = root(i)
        if first != i:
            similarity = len(sets[i] & sets[first]) / len(sets[i] | sets[first])
            rows.append((ids[i], ids[first], similarity))
    return pd.DataFrame(rows, columns=["doc_id", "duplicate_of", "similarity"])


def remove_duplicates(corpus: pd.DataFrame, duplicates: pd.DataFrame | None = None, **options: Any) -> pd.DataFrame:
    """Return the corpus without the documents :func:`find_duplicates` lists.

    The first document of each group stays; ``attrs["removed_duplicates"]``
    records what was dropped, so nothing disappears silently.

    Examples
    --------
    >>> story = "Russia says it is ready to help normalise relations between Armenia and Azerbaijan today."
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": [story, story]})
    >>> list(remove_duplicates(corpus)["doc_id"])
    ['a']
    """
    if duplicates is None:
        duplicates = find_duplicates(corpus, **options)
    dropped = set(duplicates["doc_id"])
    kept = corpus[~corpus["doc_id"].isin(dropped)].reset_index(drop=True)
    kept.attrs = {**corpus.attrs, "removed_duplicates": duplicates.copy()}
    return kept
