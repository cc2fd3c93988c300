"""Lexical diversity of a token sequence: TTR, MATTR, MTLD, Yule's K and HD-D.

Each function takes the tokens of one text (a list of strings) and returns a
float; a text with no tokens gives NaN.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np


def ttr(tokens: Sequence[str]) -> float:
    """Type-token ratio: distinct tokens / tokens (NaN for no tokens).

    Parameters
    ----------
    tokens : sequence of str
        The tokens of one text, in order.

    Returns
    -------
    float

    Examples
    --------
    >>> ttr("the cat saw the dog".split())
    0.8
    """
    return len(set(tokens)) / len(tokens) if len(tokens) else float("nan")


def mattr(tokens: Sequence[str], window: int = 500) -> float:
    """Moving-average TTR (Covington & McFall 2010).

    The mean TTR of every window of ``window`` consecutive tokens (step 1).
    A text shorter than the window gets its plain TTR.

    Parameters
    ----------
    tokens : sequence of str
        The tokens of one text, in order.
    window : int, default=500
        Tokens in each window (1 or more).

    Returns
    -------
    float

    Raises
    ------
    ValueError
        When ``window`` is below 1.

    Examples
    --------
    >>> mattr("a b a c".split(), window=2)
    1.0
    >>> round(mattr("a a b b".split(), window=3), 4)
    0.6667
    """
    if window < 1:
        raise ValueError(f"window must be 1 or more, got {window}")
    n = len(tokens)
    if n == 0:
        return float("nan")
    if n <= window:
        return ttr(tokens)
    counts: Counter[str] = Counter(tokens[:window])
    distinct = total = len(counts)
    for i in range(window, n):
        out, new = tokens[i - window], tokens[i]
        counts[out] -= 1
        distinct -= counts[out] == 0
        distinct += counts[new] == 0
        counts[new] += 1
        total += distinct
    return total / ((n - window + 1) * window)


def _mtld_pass(tokens: Sequence[str], threshold: float) -> float:
    """One pass of MTLD: tokens / factors, the remainder a partial factor."""
    factors = 0.0
    types: set[str] = set()
    count = 0
    current = 1.0
    for token in tokens:
        count += 1
        types.add(token)
        current = len(types) / count
        if current <= threshold:
            factors += 1
            types, count, current = set(), 0, 1.0
    if count:
        factors += (1 - current) / (1 - threshold)
    return len(tokens) / factors if factors else float("nan")


def mtld(tokens: Sequence[str], threshold: float = 0.72) -> float:
    """Measure of textual lexical diversity (McCarthy & Jarvis 2010).

    The mean text length that keeps the running TTR above ``threshold``:
    tokens / factors, where a factor ends each time the TTR falls to the
    threshold and the remainder counts as a partial factor
    ``(1 - TTR) / (1 - threshold)``; the forward and backward passes are
    averaged. A text whose TTR never falls (all tokens distinct) has no
    measurable MTLD: NaN.

    Parameters
    ----------
    tokens : sequence of str
        The tokens of one text, in order.
    threshold : float, default=0.72
        The TTR that ends a factor (McCarthy & Jarvis recommend 0.66 to 0.75).

    Returns
    -------
    float

    Examples
    --------
    >>> mtld("a b a b a b a b".split())
    4.0
    """
    if not len(tokens):
        return float("nan")
    return (_mtld_pass(tokens, threshold) + _mtld_pass(list(reversed(tokens)), threshold)) / 2


def yules_k(tokens: Sequence[str]) -> float:
    """Yule's K (Yule 1944): ``10^4 * (sum_i i^2 V_i - N) / N^2``.

    ``V_i`` is the number of types that occur ``i`` times and ``N`` the number
    of tokens; higher K is less diverse, and K does not grow with text length.

    Parameters
    ----------
    tokens : sequence of str
        The tokens of one text.

    Returns
    -------
    float

    Examples
    --------
    >>> yules_k("a a b c".split())
    1250.0
    """
    n = len(tokens)
    if n == 0:
        return float("nan")
    spectrum = Counter(Counter(tokens).values())
    return 1e4 * (sum(i * i * v for i, v in spectrum.items()) - n) / (n * n)


def hdd(tokens: Sequence[str], sample: int = 42) -> float:
    """HD-D (McCarthy & Jarvis 2007): expected TTR of a random ``sample`` of tokens.

    ``HD-D = sum over types of (1 - P(type absent from the sample)) / sample``
    with the hypergeometric probability of drawing none of the type's ``f``
    occurrences in ``sample`` draws from ``N`` tokens.

    Parameters
    ----------
    tokens : sequence of str
        The tokens of one text.
    sample : int, default=42
        Tokens drawn (at most the text's length).

    Returns
    -------
    float

    Examples
    --------
    >>> round(hdd("a b c d".split(), sample=2), 6)
    1.0
    """
    n = len(tokens)
    if n == 0:
        return float("nan")
    sample = min(sample, n)
    freqs = np.array(list(Counter(tokens).values()), dtype=float)
    # P(none of f occurrences in the sample) = C(n - f, sample) / C(n, sample)
    from scipy import special  # imported when used: 0.2 s a report that never needs it saves

    lg = special.gammaln
    with np.errstate(invalid="ignore"):
        absent = np.where(
            n - freqs >= sample,
            np.exp(lg(n - freqs + 1) - lg(n - freqs - sample + 1) - lg(n + 1) + lg(n - sample + 1)),
            0.0,
        )
    return float(np.sum(1 - absent) / sample)
