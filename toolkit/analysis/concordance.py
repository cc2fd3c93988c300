"""Concordances (KWIC): every occurrence of a pattern with the text around it.

``kwic`` matches normalised tokens (the tokens that :func:`~toolkit.count_terms`
counts with the same options), so its row count for a term equals that term's
count, and shows the document's text around them, as AntConc, Voyant and
WordSmith do: each line is a slice of the document, from the first token of
the left window to the last of the right one, found through the tokens'
character offsets (:func:`toolkit.tokens.spans.token_spans`). Patterns are
those of :mod:`toolkit.analysis.patterns`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit.analysis.patterns import Memo, find_matches, normalise_pattern, word_matchers
from toolkit.corpus.document import Document
from toolkit.counting.texts import iter_texts
from toolkit.tokens.options import TokenOptions, token_options
from toolkit.tokens.pipeline import Pipeline
from toolkit.tokens.regexp import PATTERN
from toolkit.tokens.spans import squeeze

KWIC_COLUMNS = ["doc_id", "position", "left", "keyword", "right", "start", "end"]
_WORDS = re.compile(PATTERN)


def context_rows(
    doc_id: str, shown: str, spans: np.ndarray, raw: Sequence[str], positions: Iterable[int], size: int, window: int
) -> list[tuple[str, int, str, str, str, int, int]]:
    """Return concordance rows of one document: contexts sliced from its text.

    Parameters
    ----------
    doc_id : str
        The document.
    shown, spans : str, numpy.ndarray
        The text as the tokeniser saw it and each raw token's offsets in it
        (:meth:`~toolkit.tokens.pipeline.Pipeline.spans`).
    raw : sequence of str
        The raw tokens.
    positions : iterable of int
        Raw token index where each occurrence starts.
    size, window : int
        Tokens in an occurrence; tokens of context on each side.

    Returns
    -------
    list of tuple
        ``(doc_id, position, left, keyword, right, start, end)``: whitespace
        runs shown as one space; ``start, end`` are the keyword's character
        offsets in the document.

    Examples
    --------
    >>> from toolkit.tokens.options import TokenOptions
    >>> pipe = Pipeline(TokenOptions())
    >>> text = "He said: “we can't  stop”."
    >>> raw = pipe.raw(text)
    >>> context_rows("a", *pipe.spans(text, raw), raw, [5], 2, 3)
    [('a', 5, ': “we', "can't", 'stop”.', 13, 18)]
    """
    last = len(raw)
    rows = []
    for i in positions:
        j = min(last, i + size)  # one past the occurrence's last token
        start, end = int(spans[i, 0]), int(spans[j - 1, 1])
        lo, hi = int(spans[max(0, i - window), 0]), int(spans[min(last, j + window) - 1, 1])
        keyword = squeeze(shown[start:end]) or " ".join(raw[i:j])  # a token the text does not hold as such
        rows.append((doc_id, i, squeeze(shown[lo:start]), keyword, squeeze(shown[end:hi]), start, end))
    return rows


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
        Raw tokens of context on each side (punctuation tokens included),
        shown as the text between them.
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
        ``doc_id, position, left, keyword, right, start, end``: ``position``
        is the raw token index of the keyword's first token in its document;
        ``left``, ``keyword`` and ``right`` are slices of the document's text
        (whitespace runs shown as one space; boilerplate lines that cleaning
        removed are blank); ``start, end`` are the keyword's character offsets
        in the document's text.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ['Talks in Baku, then "talks" in Moscow.']})
    >>> kwic(corpus, "talks", window=2)
      doc_id  position    left keyword    right  start  end
    0      a         0           Talks  in Baku      0    5
    1      a         6  then "   talks     " in     21   26
    """
    pipeline = Pipeline(token_options(options, **token_changes))
    words = normalise_pattern(pattern, pipeline, regex=regex)
    matchers = word_matchers(" ".join(words), regex=regex, lowercase=pipeline.options.lowercase)
    size = len(matchers)
    rows = []
    memo: Memo = {}
    for doc_id, text, _ in iter_texts(corpus):
        raw = pipeline.raw(text)
        found = find_matches(pipeline.normalise(raw), matchers, memo)
        if found:
            rows.extend(context_rows(doc_id, *pipeline.spans(text, raw), raw, found, size, window))
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
    >>> rows = pd.DataFrame({"doc_id": ["a", "a"], "position": [3, 9], "left": ["a war,", "peace talks"],
    ...     "keyword": ["ended", "ended"], "right": ["", ""]})
    >>> sort_concordance(rows, "left")["left"].tolist()
    ['peace talks', 'a war,']
    """
    if sort is None:
        return table
    if sort not in ("left", "right"):
        raise ValueError(f"sort must be 'left', 'right' or None, got {sort!r}")
    step = -1 if sort == "left" else 1  # the words nearest the keyword first
    key = table[sort].map(lambda s: tuple(_WORDS.findall(s.lower())[::step]))
    table = table.assign(_key=key).sort_values(["_key", "doc_id", "position"], kind="stable")
    return table.drop(columns="_key").reset_index(drop=True)
