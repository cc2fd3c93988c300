"""Near-duplicate documents: MinHash over word shingles (datasketch), grouped, listed and removed with a record."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from toolkit.corpus.cleaning import clean_text
from toolkit.corpus.document import Document
from toolkit.counting.texts import iter_texts

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

    Parameters
    ----------
    corpus : pandas.DataFrame or iterable of Document
        The corpus.
    threshold : float, default=0.8
        Lowest Jaccard similarity of two documents' shingle sets to call them duplicates.
    shingle_size : int, default=5
        Words per shingle.
    num_perm : int, default=128
        MinHash permutations (more: fewer missed candidates, slower).
    random_state : int, default=1
        Seed of the MinHash permutations.

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


def remove_duplicates(corpus: pd.DataFrame, duplicates: pd.DataFrame | None = None, **kwargs: Any) -> pd.DataFrame:
    """Return the corpus without the documents :func:`find_duplicates` lists.

    The first document of each group stays; ``attrs["removed_duplicates"]``
    records what was dropped, so nothing disappears silently.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The corpus table.
    duplicates : pandas.DataFrame or None, default=None
        A table from :func:`find_duplicates` (``doc_id`` lists the documents
        to drop); ``None`` finds them now.
    **kwargs
        Passed to :func:`find_duplicates` when ``duplicates`` is ``None``
        (``threshold``, ``shingle_size``, ``num_perm``, ``random_state``);
        an error when ``duplicates`` is given, as they would be ignored.

    Returns
    -------
    pandas.DataFrame
        The corpus without the duplicates, index renumbered;
        ``attrs["removed_duplicates"]`` is the table of what was dropped.

    Examples
    --------
    >>> story = "Russia says it is ready to help normalise relations between Armenia and Azerbaijan today."
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": [story, story]})
    >>> list(remove_duplicates(corpus)["doc_id"])
    ['a']
    """
    if duplicates is None:
        duplicates = find_duplicates(corpus, **kwargs)
    elif kwargs:
        given = ", ".join(f"{k}=" for k in sorted(kwargs))
        raise TypeError(f"remove_duplicates() got duplicates= and {given}, which only find_duplicates() uses")
    dropped = set(duplicates["doc_id"])
    kept = corpus[~corpus["doc_id"].isin(dropped)].reset_index(drop=True)
    kept.attrs = {**corpus.attrs, "removed_duplicates": duplicates.copy()}
    return kept
