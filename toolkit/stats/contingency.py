"""Keyness statistics on a term's 2x2 table: expected frequencies, G2, chi-squared, effect sizes, p-values.

Notation: ``a`` frequency in the target, ``b`` frequency in the reference,
``c`` target size, ``d`` reference size (all in tokens). Every function takes
scalars or numpy arrays (broadcast together) and returns the same; each
docstring gives the formula, the variant and a source.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from toolkit.stats.arrays import ArrayLike, as_arrays, as_result, o_ln_o_over_e

#: Substitute for a zero reference frequency in %DIFF (Gabrielatos & Marchi 2012).
PERCENT_DIFF_ZERO = 1e-18


def expected_keyness(a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike) -> tuple[ArrayLike, ArrayLike]:
    """Return the expected frequencies of a term in target and reference (independence).

    ``E1 = c (a + b) / (c + d)`` and ``E2 = d (a + b) / (c + d)`` (Rayson &
    Garside 2000).

    Parameters
    ----------
    a, b : float, int or numpy.ndarray
        The term's frequency in the target and in the reference.
    c, d : float, int or numpy.ndarray
        The sizes of the target and the reference, in tokens.

    Returns
    -------
    E1, E2 : float or numpy.ndarray
        The expected frequencies in the target and in the reference.

    Examples
    --------
    >>> expected_keyness(10, 20, 1000, 4000)
    (6.0, 24.0)
    """
    a, b, c, d = as_arrays(a, b, c, d)
    total = c + d
    return as_result(c * (a + b) / total), as_result(d * (a + b) / total)


def g2_table(o11: ArrayLike, o12: ArrayLike, o21: ArrayLike, o22: ArrayLike) -> ArrayLike:
    """Log-likelihood G2 over a full 2x2 contingency table (Dunning 1993).

    ``G2 = 2 * sum(O_ij * ln(O_ij / E_ij))`` over the four cells, with
    ``E_ij = R_i * C_j / N`` and ``0 * ln 0 = 0``.

    Parameters
    ----------
    o11, o12, o21, o22 : float, int or numpy.ndarray
        The four cells, row by row: ``o11`` and ``o12`` are the first row.

    Returns
    -------
    float or numpy.ndarray
        A float when every input is a scalar, else an array.

    Examples
    --------
    >>> round(g2_table(10, 90, 20, 880), 4)
    12.649
    """
    o11, o12, o21, o22 = as_arrays(o11, o12, o21, o22)
    n = o11 + o12 + o21 + o22
    r1, r2 = o11 + o12, o21 + o22
    k1, k2 = o11 + o21, o12 + o22
    total = (
        o_ln_o_over_e(o11, r1 * k1 / n)
        + o_ln_o_over_e(o12, r1 * k2 / n)
        + o_ln_o_over_e(o21, r2 * k1 / n)
        + o_ln_o_over_e(o22, r2 * k2 / n)
    )
    return as_result(2 * total)


def log_likelihood(
    a: ArrayLike,
    b: ArrayLike,
    c: ArrayLike,
    d: ArrayLike,
    *,
    form: Literal["two-term", "four-term"] = "two-term",
) -> ArrayLike:
    """Log-likelihood G2 of a term's frequency in target vs reference.

    ``form="two-term"`` (default) is Rayson & Garside (2000), as in the UCREL
    log-likelihood calculator and WordSmith:
    ``G2 = 2 (a ln(a / E1) + b ln(b / E2))`` with ``E1, E2`` from
    :func:`expected_keyness`.

    ``form="four-term"`` is G2 over the whole 2x2 table (term / other words by
    target / reference), as in Dunning (1993) and quanteda's
    ``textstat_keyness(measure = "lr")``; it adds the cells ``c - a`` and
    ``d - b``. The two agree closely when the term is rare.

    Both are unsigned; :func:`toolkit.analysis.keyness` signs them by direction.

    Parameters
    ----------
    a, b : float, int or numpy.ndarray
        The term's frequency in the target and in the reference.
    c, d : float, int or numpy.ndarray
        The sizes of the target and the reference, in tokens.
    form : {"two-term", "four-term"}, default="two-term"
        Which G2 (see above).

    Returns
    -------
    float or numpy.ndarray
        A float when every input is a scalar, else an array.

    Examples
    --------
    >>> round(log_likelihood(10, 20, 1000, 4000), 4)
    2.9237
    >>> round(log_likelihood(10, 20, 1000, 4000, form="four-term"), 4)
    2.9438
    """
    if form not in ("two-term", "four-term"):
        raise ValueError(f"form must be 'two-term' or 'four-term', got {form!r}")
    a, b, c, d = as_arrays(a, b, c, d)
    if form == "four-term":
        return g2_table(a, b, c - a, d - b)
    e1, e2 = (np.asarray(e) for e in expected_keyness(a, b, c, d))
    return as_result(2 * (o_ln_o_over_e(a, e1) + o_ln_o_over_e(b, e2)))


def williams_correction(a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike) -> ArrayLike:
    """Williams' (1976) correction factor ``q`` for G2 on a 2x2 table; use ``G2 / q``.

    ``q = 1 + (N (1/R1 + 1/R2) - 1) (N (1/C1 + 1/C2) - 1) / (6 N)`` with rows
    term / other words and columns target / reference; quanteda applies it to
    ``measure = "lr"`` by default.

    Parameters
    ----------
    a, b : float, int or numpy.ndarray
        The term's frequency in the target and in the reference.
    c, d : float, int or numpy.ndarray
        The sizes of the target and the reference, in tokens.

    Returns
    -------
    float or numpy.ndarray
        A float when every input is a scalar, else an array.

    Examples
    --------
    >>> round(williams_correction(10, 20, 1000, 4000), 6)
    1.029168
    """
    a, b, c, d = as_arrays(a, b, c, d)
    n = c + d
    r1, r2 = a + b, n - a - b
    return as_result(1 + (n * (1 / r1 + 1 / r2) - 1) * (n * (1 / c + 1 / d) - 1) / (6 * n))


def chi_squared(a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike, *, yates: bool = False) -> ArrayLike:
    """Pearson's chi-squared on the 2x2 table, optionally with Yates' correction.

    ``chi2 = N (|O11 O22 - O12 O21| - k)^2 / (R1 R2 C1 C2)`` with cells
    ``O11 = a, O12 = b, O21 = c - a, O22 = d - b``, ``N = c + d``, and
    ``k = N / 2`` with Yates' continuity correction (never below 0), else 0.

    Parameters
    ----------
    a, b : float, int or numpy.ndarray
        The term's frequency in the target and in the reference.
    c, d : float, int or numpy.ndarray
        The sizes of the target and the reference, in tokens.
    yates : bool, default=False
        Apply Yates' continuity correction.

    Returns
    -------
    float or numpy.ndarray
        A float when every input is a scalar, else an array.

    Examples
    --------
    >>> round(chi_squared(10, 20, 1000, 4000), 4)
    3.3535
    >>> round(chi_squared(10, 20, 1000, 4000, yates=True), 4)
    2.5675
    """
    a, b, c, d = as_arrays(a, b, c, d)
    o11, o12, o21, o22 = a, b, c - a, d - b
    n = c + d
    diff = np.abs(o11 * o22 - o12 * o21)
    if yates:
        diff = np.maximum(diff - n / 2, 0)
    return as_result(n * diff**2 / ((o11 + o12) * (o21 + o22) * c * d))


def log_ratio(a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike) -> ArrayLike:
    """Log Ratio effect size (Hardie 2014): ``log2((a / c) / (b / d))``.

    A zero frequency is replaced by 0.5 ("adjusted frequency"), so the value is
    finite; +1 means twice as frequent in the target, -1 half as frequent.

    Parameters
    ----------
    a, b : float, int or numpy.ndarray
        The term's frequency in the target and in the reference.
    c, d : float, int or numpy.ndarray
        The sizes of the target and the reference, in tokens.

    Returns
    -------
    float or numpy.ndarray
        A float when every input is a scalar, else an array.

    Examples
    --------
    >>> log_ratio(20, 10, 1000, 1000)
    1.0
    >>> log_ratio(4, 0, 1000, 1000)
    3.0
    """
    a, b, c, d = as_arrays(a, b, c, d)
    a = np.where(a == 0, 0.5, a)
    b = np.where(b == 0, 0.5, b)
    return as_result(np.log2((a / c) / (b / d)))


def percent_diff(a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike) -> ArrayLike:
    """%DIFF effect size (Gabrielatos & Marchi 2012).

    ``%DIFF = (NF_target - NF_reference) * 100 / NF_reference`` with normalised
    frequencies ``a / c`` and ``b / d``; a zero reference frequency is replaced
    by ``1e-18`` as in the paper.

    Parameters
    ----------
    a, b : float, int or numpy.ndarray
        The term's frequency in the target and in the reference.
    c, d : float, int or numpy.ndarray
        The sizes of the target and the reference, in tokens.

    Returns
    -------
    float or numpy.ndarray
        A float when every input is a scalar, else an array.

    Examples
    --------
    >>> round(percent_diff(30, 10, 1000, 1000), 6)
    200.0
    >>> percent_diff(10, 20, 1000, 1000)
    -50.0
    """
    a, b, c, d = as_arrays(a, b, c, d)
    nf_t = a / c
    nf_r = np.where(b == 0, PERCENT_DIFF_ZERO, b / d)
    return as_result((nf_t - nf_r) * 100 / nf_r)


def p_value(statistic: ArrayLike, df: int = 1) -> ArrayLike:
    """Upper-tail p-value of a G2 or chi-squared statistic (chi-squared, ``df`` = 1).

    Parameters
    ----------
    statistic : float or numpy.ndarray
        G2 or chi-squared values; a signed G2 is tested by its size.
    df : int, default=1
        Degrees of freedom (1 for a 2x2 table).

    Returns
    -------
    float or numpy.ndarray
        A float when every input is a scalar, else an array.

    Examples
    --------
    >>> round(p_value(3.8415), 4)
    0.05
    """
    from scipy import special  # imported when used: 0.2 s a report that never needs it saves

    return as_result(np.asarray(special.chdtrc(df, np.abs(np.asarray(statistic, dtype=float)))))


def bonferroni(p: ArrayLike, m: int) -> ArrayLike:
    """Bonferroni-adjusted p-values: ``min(1, p * m)`` for ``m`` tests.

    Parameters
    ----------
    p : float or numpy.ndarray
        Unadjusted p-values.
    m : int
        The number of tests made (e.g. the number of terms compared).

    Returns
    -------
    float or numpy.ndarray
        A float when every input is a scalar, else an array.

    Examples
    --------
    >>> bonferroni(0.01, 10)
    0.1
    """
    return as_result(np.minimum(1.0, np.asarray(p, dtype=float) * m))
