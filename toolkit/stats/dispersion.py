"""Dispersion of a term over corpus parts: Juilland's D and Gries's DP.

Both take the term's count in each part and the parts' sizes; the last axis
holds the parts, so a 2-D array of counts (one row per term) gives one value
per term.
"""

from __future__ import annotations

import numpy as np

from toolkit.stats.arrays import ArrayLike, as_result


def _parts(counts: ArrayLike, sizes: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Check and convert the counts per part and the part sizes."""
    counts = np.asarray(counts, dtype=float)
    sizes = np.asarray(sizes, dtype=float)
    if sizes.shape[-1] != counts.shape[-1]:
        raise ValueError(f"counts and sizes need the same number of parts, got {counts.shape} and {sizes.shape}")
    if sizes.shape[-1] < 2:
        raise ValueError("dispersion needs at least two corpus parts")
    return counts, sizes


def juilland_d(counts: ArrayLike, sizes: ArrayLike) -> ArrayLike:
    """Juilland's D over corpus parts (Juilland & Chang-Rodríguez 1964).

    ``D = 1 - V / sqrt(k - 1)`` where ``V`` is the coefficient of variation
    (population standard deviation / mean) of the term's relative frequencies
    ``counts_i / sizes_i`` in the ``k`` parts; with equal parts this is the
    original, with unequal parts the usual generalisation (Gries 2008). 1 is
    perfectly even. The last axis of ``counts`` holds the parts.

    Parameters
    ----------
    counts : array-like
        The term's count in each part (last axis: the parts).
    sizes : array-like
        The size of each part, in tokens.

    Returns
    -------
    float or numpy.ndarray
        NaN for a term that occurs in no part.

    Raises
    ------
    ValueError
        When counts and sizes differ in length, or there are fewer than two parts.

    Examples
    --------
    >>> juilland_d([2, 2, 2, 2], [100, 100, 100, 100])
    1.0
    >>> round(juilland_d([8, 0, 0, 0], [100, 100, 100, 100]), 4)
    0.0
    """
    counts, sizes = _parts(counts, sizes)
    rel = counts / sizes
    k = rel.shape[-1]
    mean = rel.mean(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        v = rel.std(axis=-1) / mean
    return as_result(1 - v / np.sqrt(k - 1))


def gries_dp(counts: ArrayLike, sizes: ArrayLike, *, normalised: bool = False) -> ArrayLike:
    """Gries's deviation of proportions DP (Gries 2008), optionally normalised.

    ``DP = 0.5 * sum_i |v_i - s_i|`` where ``v_i`` is the share of the term's
    occurrences in part ``i`` and ``s_i`` the share of the corpus that part
    ``i`` makes up. 0 is perfectly even; values near 1 are clumped.
    ``normalised=True`` divides by ``1 - min(s_i)`` (Lijffijt & Gries 2012), so
    the maximum is 1 whatever the part sizes.

    Parameters
    ----------
    counts : array-like
        The term's count in each part (last axis: the parts).
    sizes : array-like
        The size of each part, in tokens.
    normalised : bool, default=False
        Divide by the largest value the part sizes allow.

    Returns
    -------
    float or numpy.ndarray
        NaN for a term that occurs in no part.

    Raises
    ------
    ValueError
        When counts and sizes differ in length, or there are fewer than two parts.

    Examples
    --------
    >>> gries_dp([2, 2, 2, 2], [100, 100, 100, 100])
    0.0
    >>> gries_dp([8, 0, 0, 0], [100, 100, 100, 100])
    0.75
    >>> gries_dp([8, 0, 0, 0], [100, 100, 100, 100], normalised=True)
    1.0
    """
    counts, sizes = _parts(counts, sizes)
    s = sizes / sizes.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        v = counts / counts.sum(axis=-1, keepdims=True)
    dp = 0.5 * np.abs(v - s).sum(axis=-1)
    if normalised:
        dp = dp / (1 - s.min(axis=-1))
    return as_result(dp)
