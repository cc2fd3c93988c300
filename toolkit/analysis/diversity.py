"""Vocabulary: lexical diversity per document or group, Zipf's law, vocabulary growth."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from toolkit import stats
from toolkit.corpus.document import Document
from toolkit.counting.texts import group_key, iter_texts, sort_groups
from toolkit.tokens.options import TokenOptions, token_options
from toolkit.tokens.pipeline import Pipeline

DIVERSITY_COLUMNS = ["tokens", "types", "ttr", "mattr", "mtld", "yules_k", "hdd"]


def lexical_diversity(
    corpus: pd.DataFrame | Iterable[Document],
    *,
    by: str | None = None,
    window: int = 100,
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> pd.DataFrame:
    """Lexical diversity of each document, or of each group's documents joined in order.

    Measures from :mod:`toolkit.stats`: TTR, MATTR over ``window`` tokens
    (Covington & McFall 2010), MTLD (McCarthy & Jarvis 2010), Yule's K and
    HD-D. TTR falls as texts grow; compare texts of different lengths with
    MATTR, MTLD or HD-D.

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` (or ``by``), ``tokens, types, ttr, mattr, mtld, yules_k,
        hdd``; NaN for a document with no tokens.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["war and war", "peace talks"]})
    >>> lexical_diversity(corpus)[["doc_id", "tokens", "types", "ttr"]].round(3)
      doc_id  tokens  types    ttr
    0      a       3      2  0.667
    1      b       2      2  1.000
    """
    pipeline = Pipeline(token_options(options, **token_changes))
    sequences: dict[str, list[str]] = {}
    for doc_id, text, group in iter_texts(corpus, by):
        key = doc_id if by is None else group_key(group)
        sequences.setdefault(key, []).extend(pipeline.tokens(text))
    rows = []
    for key in sort_groups(sequences) if by else sequences:
        tokens = sequences[key]
        rows.append(
            (
                key,
                len(tokens),
                len(set(tokens)),
                stats.ttr(tokens),
                stats.mattr(tokens, window),
                stats.mtld(tokens),
                stats.yules_k(tokens),
                stats.hdd(tokens),
            )
        )
    return pd.DataFrame(rows, columns=[by or "doc_id", *DIVERSITY_COLUMNS])


#: Ranks on which the Zipf line is fitted, spread evenly on the log axis.
FIT_POINTS = 60


def zipf(counts: pd.DataFrame) -> pd.DataFrame:
    """Rank-frequency data for a Zipf plot, with the fitted slope.

    Ranks run 1, 2, 3 ... by descending ``n`` (ties ordered by term). The
    least-squares line of log10(n) on log10(rank) is in
    ``attrs["slope"]`` and ``attrs["intercept"]`` (Zipf's law predicts a slope
    near -1). It is fitted on :data:`FIT_POINTS` ranks spread evenly on the
    log axis, from 1 to the last word seen twice (``attrs["fit_ranks"]``):
    fitted on every rank, the long flat tail of words seen once outweighs
    the rest and tilts the line (brown: -1.33 instead of -1.03).

    Returns
    -------
    pandas.DataFrame
        ``rank, term, n``.

    Examples
    --------
    >>> counts = pd.DataFrame({"term": ["a", "b", "c", "d"], "n": [12, 6, 4, 3]})
    >>> table = zipf(counts)
    >>> round(table.attrs["slope"], 3)
    -1.0
    """
    if counts.duplicated("term").any():
        counts = counts.groupby("term", as_index=False)["n"].sum()
    table = counts.sort_values(["n", "term"], ascending=[False, True], kind="stable")[["term", "n"]]
    table = table.reset_index(drop=True)
    table.insert(0, "rank", np.arange(1, len(table) + 1))
    seen_twice = int((table["n"] >= 2).sum())
    last = seen_twice if seen_twice >= 2 else len(table)
    if last >= 2:
        # ranks spread evenly on the log axis: each tenfold range of ranks weighs the same, so the
        # tens of thousands of words seen once (a flat tail of ties) cannot tilt the line
        at = np.unique(np.round(np.logspace(0, np.log10(last), FIT_POINTS))).astype(int) - 1
        slope, intercept = np.polyfit(np.log10(table["rank"].to_numpy()[at]), np.log10(table["n"].to_numpy()[at]), 1)
        table.attrs.update(slope=float(slope), intercept=float(intercept), fit_ranks=last)
    return table


def vocabulary_growth(
    corpus: pd.DataFrame | Iterable[Document],
    *,
    step: int = 100,
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> pd.DataFrame:
    """Types seen after every ``step`` tokens, reading the documents in order (Heaps' law).

    Returns
    -------
    pandas.DataFrame
        ``tokens, types``, with a last row at the corpus end.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["war and war and peace"]})
    >>> vocabulary_growth(corpus, step=2)
       tokens  types
    0       2      2
    1       4      2
    2       5      3
    """
    if step < 1:
        raise ValueError(f"step must be 1 or more, got {step}")
    pipeline = Pipeline(token_options(options, **token_changes))
    seen: set[str] = set()
    rows, count = [], 0
    for _, text, _ in iter_texts(corpus):
        for token in pipeline.tokens(text):
            seen.add(token)
            count += 1
            if count % step == 0:
                rows.append((count, len(seen)))
    if count % step:
        rows.append((count, len(seen)))
    return pd.DataFrame(rows, columns=["tokens", "types"])
