"""Concordances (KWIC): every occurrence of a pattern with the raw tokens around it.

``kwic`` matches normalised tokens (the tokens that :func:`~toolkit.count_terms`
counts with the same options) and shows the raw tokens around them, so its row
count for a term equals that term's count. Patterns are those of
:mod:`toolkit.analysis.patterns`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit.analysis.patterns import Memo, find_matches, normalise_pattern, word_matchers
from toolkit.corpus.document import Document
from toolkit.counting.texts import iter_texts
from toolkit.tokens.options import TokenOptions, token_options
from toolkit.tokens.pipeline import Pipeline

KWIC_COLUMNS = ["doc_id", "position", "left", "keyword", "right"]


def kwic(
    corpus: pd.DataFrame | Iterable[Document],
    pattern: str,
    *,
    window: int = 5,
    regex: bool = False,
    sort: Literal["left", "right"] | None = None,
    n: int | None = None,
    random_state: int | None = None,
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> pd.DataFrame:
    """Find every occurrence of a word or phrase with its context: a concordance.

    Parameters
    ----------
    corpus : pandas.DataFrame or iterable of Document
        The corpus.
    pattern : str
        A word, or a phrase (words separated by spaces, matched as consecutive
        tokens). Without ``regex`` each word matches whole tokens, with ``*``
        and ``?`` as wildcards (``"negotiat*"``); with ``regex`` each word is a
        regular expression that must match a whole token. Case follows
        ``lowercase`` (on by default: case-insensitive); plain words are
        stemmed like the tokens with ``stem=True``.
    window : int, default=5
        Raw tokens shown on each side (punctuation included).
    regex : bool, default=False
        Treat the words of ``pattern`` as regular expressions.
    sort : {"left", "right"} or None, default=None
        ``"left"`` sorts by the word just before the keyword, then the one
        before that (as AntConc's 1L, 2L); ``"right"`` by the words after;
        ``None`` keeps corpus order.
    n : int or None, default=None
        Return a random sample of ``n`` rows.
    random_state : int or None, default=None
        Seed of the sample; the same seed gives the same rows.
    options : TokenOptions or None
        Tokenisation (stopwords kept by default).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, position, left, keyword, right``; ``position`` is the raw
        token index of the keyword's first token in its document; the context
        columns hold raw tokens joined by spaces.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Talks in Baku, then talks in Moscow."]})
    >>> kwic(corpus, "talks", window=2)
      doc_id  position    left keyword       right
    0      a         0            Talks    in Baku
    1      a         5  , then   talks   in Moscow
    """
    pipeline = Pipeline(token_options(options, **token_changes))
    words = normalise_pattern(pattern, pipeline, regex=regex)
    matchers = word_matchers(" ".join(words), regex=regex, lowercase=pipeline.options.lowercase)
    size = len(matchers)
    rows = []
    memo: Memo = {}
    for doc_id, text, _ in iter_texts(corpus):
        raw = pipeline.raw(text)
        for i in find_matches(pipeline.normalise(raw), matchers, memo):
            rows.append(
                (
                    doc_id,
                    i,
                    " ".join(raw[max(0, i - window) : i]),
                    " ".join(raw[i : i + size]),
                    " ".join(raw[i + size : i + size + window]),
                )
            )
    table = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    if n is not None and n < len(table):
        picked = np.sort(np.random.default_rng(random_state).choice(len(table), size=n, replace=False))
        table = table.iloc[picked].reset_index(drop=True)
    table = sort_concordance(table, sort)
    table.attrs.update(kind="kwic", pattern=pattern, settings=pipeline.describe())
    return table


def sort_concordance(table: pd.DataFrame, sort: Literal["left", "right"] | None) -> pd.DataFrame:
    """Sort concordance rows by their context, as :func:`kwic` does with ``sort=``.

    ``"left"`` sorts by the word just before the keyword, then the one before
    that; ``"right"`` by the words after; ties keep ``doc_id, position``
    order; ``None`` returns ``table`` as it is.

    Examples
    --------
    >>> rows = pd.DataFrame({"doc_id": ["a", "a"], "position": [3, 9], "left": ["a war", "peace talks"],
    ...     "keyword": ["ended", "ended"], "right": ["", ""]})
    >>> sort_concordance(rows, "left")["left"].tolist()
    ['peace talks', 'a war']
    """
    if sort is None:
        return table
    if sort not in ("left", "right"):
        raise ValueError(f"sort must be 'left', 'right' or None, got {sort!r}")
    step = -1 if sort == "left" else 1  # the words nearest the keyword first
    key = table[sort].map(lambda s: tuple(s.lower().split()[::step]))
    table = table.assign(_key=key).sort_values(["_key", "doc_id", "position"], kind="stable")
    return table.drop(columns="_key").reset_index(drop=True)
