"""Collocates of a pattern in a window, and collocations (adjacent word pairs), with their association measures."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from toolkit import stats
from toolkit.analysis.patterns import Memo, find_matches, normalise_pattern, word_matchers
from toolkit.corpus.document import Document
from toolkit.counting.texts import iter_texts
from toolkit.deprecation import renamed_keywords
from toolkit.tokens.options import TokenOptions
from toolkit.tokens.pipeline import listing_options


@renamed_keywords(node="pattern")
def collocates(
    corpus: pd.DataFrame | Iterable[Document],
    pattern: str,
    *,
    window: int = 5,
    min_count: int = 2,
    regex: bool = False,
    sort_by: str = "log_dice",
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> pd.DataFrame:
    """Words that occur near a pattern (the node), with their association scores.

    Windows follow Evert's (2008) surface co-occurrence: the ``window`` tokens
    on each side of each node occurrence, within a document, overlapping
    windows merged, the node's own positions excluded. Tokens are counted
    after punctuation is dropped; stopwords (on by default) are left out of the
    listing but kept in the windows and the corpus size.

    For each collocate, ``o11`` (``n``) is its count in the windows, ``r1``
    the number of window positions, ``c1`` its corpus frequency and ``N`` the
    corpus size: ``mi``, ``t_score`` and ``g2`` are
    :func:`~toolkit.stats.mutual_information`, :func:`~toolkit.stats.t_score`
    and :func:`~toolkit.stats.log_likelihood_association` of
    ``(o11, r1, c1, N)``; ``log_dice`` is
    :func:`~toolkit.stats.log_dice` of ``(o11, node frequency, c1)``
    (Rychlý 2008 uses the two words' frequencies).

    Parameters
    ----------
    corpus : pandas.DataFrame or iterable of Document
        The corpus.
    pattern : str
        The node: a word (normalised like the tokens: lower case by default,
        stemmed with ``stem=True``), a glob such as ``"negotiat*"``, a phrase
        (words separated by spaces, matched as consecutive tokens), or regular
        expressions with ``regex=True`` (see :mod:`toolkit.analysis.patterns`).
        Formerly ``node=`` (still accepted, with a ``DeprecationWarning``).
    window : int, default=5
        Tokens on each side.
    min_count : int, default=2
        Keep collocates seen at least this often in the windows.
    regex : bool, default=False
        Read the words of ``pattern`` as regular expressions.
    sort_by : str, default="log_dice"
        Column to sort by, descending (ties by collocate).
    options : TokenOptions or None
        Tokenisation; single settings may be given as keywords
        (``tokenizer="regexp"``, ``stopwords=False``).

    Returns
    -------
    pandas.DataFrame
        ``collocate, n, n_collocate, mi, t_score, log_dice, g2, expected``;
        ``attrs`` holds ``pattern``, ``node`` (the terms it matched, left out
        of the listing), ``n_node`` (its occurrences), ``window_tokens`` and
        ``tokens``.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["peace talks and peace talks and war"]})
    >>> collocates(corpus, "peace", window=1)[["collocate", "n", "n_collocate"]]
      collocate  n  n_collocate
    0     talks  2            2
    >>> collocates(corpus, "peace talks", window=1, stopwords=False)[["collocate", "n"]]
      collocate  n
    0       and  2
    """
    if window < 1:
        raise ValueError(f"window must be 1 or more, got {window}")
    pipeline, stopwords = listing_options(options, token_changes)
    words = normalise_pattern(pattern, pipeline, regex=regex)
    matchers = word_matchers(" ".join(words), regex=regex, lowercase=pipeline.options.lowercase)
    memo: Memo = {}
    in_window: Counter[str] = Counter()
    frequency: Counter[str] = Counter()
    node_terms: set[str] = set()
    n_node = window_tokens = 0
    for _, text, _ in iter_texts(corpus):
        padded = pipeline.padded(text)
        tokens = [t for t in padded if t is not None]
        frequency.update(tokens)
        starts = find_matches(padded, matchers, memo)
        if not starts:
            continue
        compact = list(itertools.accumulate((t is not None for t in padded), initial=0))  # padded -> token index
        nodes = {compact[i + k] for i in starts for k in range(len(matchers))}
        n_node += len(starts)
        node_terms.update(tokens[j] for j in nodes)
        positions = {j for i in nodes for j in range(max(0, i - window), min(len(tokens), i + window + 1))}
        positions -= nodes
        window_tokens += len(positions)
        in_window.update(tokens[j] for j in positions)
    return collocate_table(
        in_window,
        frequency,
        node=sorted(node_terms) or " ".join(words),
        pattern=pattern,
        n_node=n_node,
        window=window,
        window_tokens=window_tokens,
        min_count=min_count,
        stopwords=stopwords,
        sort_by=sort_by,
        settings=pipeline.describe(),
    )


def collocate_table(
    in_window: Mapping[str, int],
    frequency: Mapping[str, int],
    *,
    node: str | Collection[str],
    n_node: int,
    window: int,
    window_tokens: int,
    min_count: int,
    stopwords: Collection[str],
    sort_by: str = "log_dice",
    pattern: str | None = None,
    total: int | None = None,
    settings: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Score the words counted in a node's windows: the table :func:`collocates` returns.

    Parameters
    ----------
    in_window : mapping of str to int
        Each word's count in the windows (``o11``).
    frequency : mapping of str to int
        Each word's corpus frequency (``c1``); their sum is the corpus size.
    node : str or collection of str
        The node term(s) the pattern matched, left out of the listing.
    n_node, window, window_tokens : int
        Node occurrences, window size and window positions (``r1``).
    min_count, stopwords, sort_by
        As for :func:`collocates`.
    pattern : str or None, default=None
        The pattern searched for, kept in ``attrs["pattern"]`` (``None``: the node).
    total : int or None, default=None
        The corpus size (``N``); ``None`` sums ``frequency``, which then must
        hold every word of the corpus.

    Examples
    --------
    >>> collocate_table({"talks": 2}, {"peace": 2, "talks": 2, "and": 2}, node="peace", n_node=2, window=1,
    ...                 window_tokens=3, min_count=2, stopwords=())[["collocate", "n", "log_dice"]]
      collocate  n  log_dice
    0     talks  2      14.0
    """
    nodes = {node} if isinstance(node, str) else set(node)
    label = node if isinstance(node, str) else " | ".join(sorted(nodes))
    total = sum(frequency.values()) if total is None else total
    terms = sorted(t for t, o in in_window.items() if o >= min_count and t.lower() not in stopwords and t not in nodes)
    o11 = np.array([in_window[t] for t in terms], dtype=float)
    c1 = np.array([frequency[t] for t in terms], dtype=float)
    table = pd.DataFrame(
        {
            "collocate": terms,
            "n": o11.astype(int),
            "n_collocate": c1.astype(int),
            "mi": stats.mutual_information(o11, window_tokens, c1, total),
            "t_score": stats.t_score(o11, window_tokens, c1, total),
            "log_dice": stats.log_dice(o11, n_node, c1),
            "g2": stats.log_likelihood_association(o11, window_tokens, c1, total),
            "expected": stats.expected_cooccurrence(window_tokens, c1, total),
        }
    )
    if sort_by not in table.columns:
        raise ValueError(f"sort_by must be a column of {list(table.columns)}, got {sort_by!r}")
    table = table.sort_values([sort_by, "collocate"], ascending=[False, True], kind="stable").reset_index(drop=True)
    table.attrs.update(
        kind="collocates",
        node=label,
        pattern=label if pattern is None else pattern,
        n_node=n_node,
        window=window,
        window_tokens=window_tokens,
        tokens=total,
        settings=settings or {},
    )
    return table


def collocations(
    corpus: pd.DataFrame | Iterable[Document],
    *,
    min_count: int = 3,
    n: int = 50,
    sort_by: str = "g2",
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> pd.DataFrame:
    """Adjacent word pairs that occur together more than chance, via NLTK's finder.

    Candidates and counts come from ``nltk.collocations.BigramCollocationFinder``
    (per document, so no pair spans two documents; pairs never span removed
    punctuation). Scores are those of :func:`collocates` with ``r1`` the first
    word's frequency: NLTK's ``BigramAssocMeasures`` give the same values.

    Returns
    -------
    pandas.DataFrame
        ``collocation, n, n_first, n_second, mi, t_score, log_dice, g2``, the
        top ``n`` by ``sort_by`` (ties by collocation).

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Foreign minister. The foreign minister spoke."]})
    >>> collocations(corpus, min_count=2)[["collocation", "n"]]
            collocation  n
    0  foreign minister  2
    """
    from nltk.collocations import BigramCollocationFinder

    pipeline, stopwords = listing_options(options, token_changes)
    documents = (pipeline.padded(text) for _, text, _ in iter_texts(corpus))
    finder = BigramCollocationFinder.from_documents(documents)
    # NLTK skips the None gaps in both its word and pair counts.
    finder.apply_ngram_filter(lambda w1, w2: w1.lower() in stopwords or w2.lower() in stopwords)
    finder.apply_freq_filter(min_count)
    columns = ["collocation", "n", "n_first", "n_second", "mi", "t_score", "log_dice", "g2"]
    if sort_by not in columns:
        raise ValueError(f"sort_by must be a column of {columns}, got {sort_by!r}")
    pairs = sorted(finder.ngram_fd.items())
    unigrams = finder.word_fd
    total = unigrams.N()
    o11 = np.array([c for _, c in pairs], dtype=float)
    r1 = np.array([unigrams[w1] for (w1, _), _ in pairs], dtype=float)
    c1 = np.array([unigrams[w2] for (_, w2), _ in pairs], dtype=float)
    table = pd.DataFrame(
        {
            "collocation": [f"{w1} {w2}" for (w1, w2), _ in pairs],
            "n": o11.astype(int),
            "n_first": r1.astype(int),
            "n_second": c1.astype(int),
            "mi": stats.mutual_information(o11, r1, c1, total),
            "t_score": stats.t_score(o11, r1, c1, total),
            "log_dice": stats.log_dice(o11, r1, c1),
            "g2": stats.log_likelihood_association(o11, r1, c1, total),
        }
    )
    table = table.sort_values([sort_by, "collocation"], ascending=[False, True], kind="stable")
    table = table.head(n).reset_index(drop=True)
    table.attrs.update(kind="collocations", tokens=total, settings=pipeline.describe())
    return table
