"""Trends: how often chosen terms occur across years, categories or any field.

Frequencies are per million tokens of each group, with a bootstrap interval
over documents: documents are resampled with replacement within each group,
so one prolific article cannot hide the uncertainty.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from toolkit.analysis.dispersion import document_matrix, normalise_terms
from toolkit.corpus.document import Document
from toolkit.counting.terms import document_counts_by_group, sort_groups
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


def trends(
    corpus: pd.DataFrame | Iterable[Document],
    terms: Sequence[str],
    *,
    by: str = "year",
    n_boot: int = 1000,
    ci: float = 0.95,
    random_state: int = 0,
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> pd.DataFrame:
    """Per-million frequency of ``terms`` in each group, with a bootstrap interval.

    Parameters
    ----------
    corpus : pandas.DataFrame or iterable of Document
        The corpus.
    terms : sequence of str
        Terms to follow (normalised like the tokens: lower case by default).
    by : str, default="year"
        The grouping field; groups are sorted as numbers when they all are.
    n_boot : int, default=1000
        Bootstrap resamples of each group's documents (0: no interval).
    ci : float, default=0.95
        Interval coverage (percentile bootstrap).
    random_state : int, default=0
        Seed: the same seed gives the same intervals.
    options : TokenOptions or None
        Tokenisation; stopwords are kept by default, so ``tokens`` counts every
        word of the group.

    Returns
    -------
    pandas.DataFrame
        ``by, term, n, tokens, per_million, docs, low, high``: ``tokens`` is
        the group's size, ``docs`` its number of documents, ``low``/``high``
        the interval of ``per_million`` (NaN for a one-document group).

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "year": ["2020", "2021", "2021"],
    ...     "text": ["war and war", "peace", "war again"]})
    >>> trends(corpus, ["war"], n_boot=0).round(1)
       year term  n  tokens  per_million  docs  low  high
    0  2020  war  2       3     666666.7     1  NaN   NaN
    1  2021  war  1       3     333333.3     2  NaN   NaN
    """
    if not terms:
        raise ValueError("give at least one term to follow")
    if not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1, got {ci}")
    pipeline = Pipeline(token_options(options, **token_changes))
    wanted = list(dict.fromkeys(normalise_terms(terms, pipeline)))
    groups: dict[str, list[Counter[str]]] = {}
    for key, counts in document_counts_by_group(corpus, by, pipeline):
        groups.setdefault(key, []).append(counts)
    rows = []
    for key in sort_groups(groups):
        matrix, sizes = document_matrix(groups[key], wanted)
        counts = matrix.toarray().astype(float)
        n_docs = len(sizes)
        total = sizes.sum()
        low = high = np.full(len(wanted), np.nan)
        if n_boot and n_docs > 1:
            low, high = _bootstrap(counts, sizes, n_boot, ci, random_state, key)
        for j, term in enumerate(wanted):
            n = int(counts[:, j].sum())
            per_million = n / total * 1e6 if total else np.nan
            rows.append((key, term, n, int(total), per_million, n_docs, low[j], high[j]))
    table = pd.DataFrame(rows, columns=[by, "term", "n", "tokens", "per_million", "docs", "low", "high"])
    table.attrs.update(kind="trends", n_boot=n_boot, ci=ci, random_state=random_state, settings=pipeline.describe())
    return table
