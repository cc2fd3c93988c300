"""Statistics of corpus linguistics as plain functions of counts.

Every function takes scalars or numpy arrays (broadcast together) and returns
the same, so any number in a result table can be explained by calling one of
these on its counts. Each docstring gives the formula, the variant and a source.

Notation for keyness (a 2x2 table of a term in two corpora):
``a`` frequency in the target, ``b`` frequency in the reference, ``c`` target
size, ``d`` reference size (all in tokens).

Notation for association (a node and a collocate): ``o11`` co-occurrences,
``r1`` the row total (the node's frequency, or the size of the windows around
it), ``c1`` the collocate's frequency, ``n`` the corpus size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Literal

import numpy as np
from scipy import special as _special

ArrayLike = float | int | np.ndarray

#: Substitute for a zero reference frequency in %DIFF (Gabrielatos & Marchi 2012).
PERCENT_DIFF_ZERO = 1e-18


def _arrays(*values: ArrayLike) -> list[np.ndarray]:
    return [np.asarray(v, dtype=float) for v in values]


def _out(value: np.ndarray) -> ArrayLike:
    return value.item() if value.ndim == 0 else value


def _o_ln_o_over_e(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    """``o * ln(o / e)``, with the limit 0 where ``o == 0``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(o > 0, o * np.log(np.where(o > 0, o, 1) / np.where(e > 0, e, 1)), 0.0)


# --------------------------------------------------------------------------- keyness


def expected_keyness(a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike) -> tuple[ArrayLike, ArrayLike]:
    """Return the expected frequencies of a term in target and reference (independence).

    ``E1 = c (a + b) / (c + d)`` and ``E2 = d (a + b) / (c + d)`` (Rayson &
    Garside 2000).

    Examples
    --------
    >>> expected_keyness(10, 20, 1000, 4000)
    (6.0, 24.0)
    """
    a, b, c, d = _arrays(a, b, c, d)
    total = c + d
    return _out(c * (a + b) / total), _out(d * (a + b) / total)


def g2_table(o11: ArrayLike, o12: ArrayLike, o21: ArrayLike, o22: ArrayLike) -> ArrayLike:
    """Log-likelihood G2 over a full 2x2 contingency table (Dunning 1993).

    ``G2 = 2 * sum(O_ij * ln(O_ij / E_ij))`` over the four cells, with
    ``E_ij = R_i * C_j / N`` and ``0 * ln 0 = 0``.

    Examples
    --------
    >>> round(g2_table(10, 90, 20, 880), 4)
    12.649
    """
    o11, o12, o21, o22 = _arrays(o11, o12, o21, o22)
    n = o11 + o12 + o21 + o22
    r1, r2 = o11 + o12, o21 + o22
    k1, k2 = o11 + o21, o12 + o22
    total = (
        _o_ln_o_over_e(o11, r1 * k1 / n)
        + _o_ln_o_over_e(o12, r1 * k2 / n)
        + _o_ln_o_over_e(o21, r2 * k1 / n)
        + _o_ln_o_over_e(o22, r2 * k2 / n)
    )
    return _out(2 * total)


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

    Examples
    --------
    >>> round(log_likelihood(10, 20, 1000, 4000), 4)
    2.9237
    >>> round(log_likelihood(10, 20, 1000, 4000, form="four-term"), 4)
    2.9438
    """
    if form == "four-term":
        a_, b_, c_, d_ = _arrays(a, b, c, d)
        return g2_table(a_, b_, c_ - a_, d_ - b_)
    if form != "two-term":
        raise ValueError(f"form must be 'two-term' or 'four-term', got {form!r}")
    a, b, c, d = _arrays(a, b, c, d)
    e1, e2 = (np.asarray(e) for e in expected_keyness(a, b, c, d))
    return _out(2 * (_o_ln_o_over_e(a, e1) + _o_ln_o_over_e(b, e2)))


def williams_correction(a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike) -> ArrayLike:
    """Williams' (1976) correction factor ``q`` for G2 on a 2x2 table; use ``G2 / q``.

    ``q = 1 + (N (1/R1 + 1/R2) - 1) (N (1/C1 + 1/C2) - 1) / (6 N)`` with rows
    term / other words and columns target / reference; quanteda applies it to
    ``measure = "lr"`` by default.

    Examples
    --------
    >>> round(williams_correction(10, 20, 1000, 4000), 6)
    1.029168
    """
    a, b, c, d = _arrays(a, b, c, d)
    n = c + d
    r1, r2 = a + b, n - a - b
    return _out(1 + (n * (1 / r1 + 1 / r2) - 1) * (n * (1 / c + 1 / d) - 1) / (6 * n))


def chi_squared(a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike, *, yates: bool = False) -> ArrayLike:
    """Pearson's chi-squared on the 2x2 table, optionally with Yates' correction.

    ``chi2 = N (|O11 O22 - O12 O21| - k)^2 / (R1 R2 C1 C2)`` with cells
    ``O11 = a, O12 = b, O21 = c - a, O22 = d - b``, ``N = c + d``, and
    ``k = N / 2`` with Yates' continuity correction (never below 0), else 0.

    Examples
    --------
    >>> round(chi_squared(10, 20, 1000, 4000), 4)
    3.3535
    >>> round(chi_squared(10, 20, 1000, 4000, yates=True), 4)
    2.5675
    """
    a, b, c, d = _arrays(a, b, c, d)
    o11, o12, o21, o22 = a, b, c - a, d - b
    n = c + d
    diff = np.abs(o11 * o22 - o12 * o21)
    if yates:
        diff = np.maximum(diff - n / 2, 0)
    return _out(n * diff**2 / ((o11 + o12) * (o21 + o22) * c * d))


def log_ratio(a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike) -> ArrayLike:
    """Log Ratio effect size (Hardie 2014): ``log2((a / c) / (b / d))``.

    A zero frequency is replaced by 0.5 ("adjusted frequency"), so the value is
    finite; +1 means twice as frequent in the target, -1 half as frequent.

    Examples
    --------
    >>> log_ratio(20, 10, 1000, 1000)
    1.0
    >>> log_ratio(4, 0, 1000, 1000)
    3.0
    """
    a, b, c, d = _arrays(a, b, c, d)
    a = np.where(a == 0, 0.5, a)
    b = np.where(b == 0, 0.5, b)
    return _out(np.log2((a / c) / (b / d)))


def percent_diff(a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike) -> ArrayLike:
    """%DIFF effect size (Gabrielatos & Marchi 2012).

    ``%DIFF = (NF_target - NF_reference) * 100 / NF_reference`` with normalised
    frequencies ``a / c`` and ``b / d``; a zero reference frequency is replaced
    by ``1e-18`` as in the paper.

    Examples
    --------
    >>> round(percent_diff(30, 10, 1000, 1000), 6)
    200.0
    >>> percent_diff(10, 20, 1000, 1000)
    -50.0
    """
    a, b, c, d = _arrays(a, b, c, d)
    nf_t = a / c
    nf_r = np.where(b == 0, PERCENT_DIFF_ZERO, b / d)
    return _out((nf_t - nf_r) * 100 / nf_r)


def p_value(statistic: ArrayLike, df: int = 1) -> ArrayLike:
    """Upper-tail p-value of a G2 or chi-squared statistic (chi-squared, ``df`` = 1).

    Examples
    --------
    >>> round(p_value(3.8415), 4)
    0.05
    """
    return _out(np.asarray(_special.chdtrc(df, np.abs(np.asarray(statistic, dtype=float)))))


def bonferroni(p: ArrayLike, m: int) -> ArrayLike:
    """Bonferroni-adjusted p-values: ``min(1, p * m)`` for ``m`` tests.

    Examples
    --------
    >>> bonferroni(0.01, 10)
    0.1
    """
    return _out(np.minimum(1.0, np.asarray(p, dtype=float) * m))


# --------------------------------------------------------------------------- association


def expected_cooccurrence(r1: ArrayLike, c1: ArrayLike, n: ArrayLike) -> ArrayLike:
    """Return the expected co-occurrences under independence: ``E11 = r1 * c1 / n``.

    Examples
    --------
    >>> expected_cooccurrence(100, 50, 10000)
    0.5
    """
    r1, c1, n = _arrays(r1, c1, n)
    return _out(r1 * c1 / n)


def mutual_information(o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike) -> ArrayLike:
    """Pointwise mutual information (Church & Hanks 1990): ``log2(o11 / E11)``.

    Examples
    --------
    >>> mutual_information(8, 100, 50, 10000)
    4.0
    """
    o11 = np.asarray(o11, dtype=float)
    with np.errstate(divide="ignore"):
        return _out(np.log2(o11 / np.asarray(expected_cooccurrence(r1, c1, n))))


def t_score(o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike) -> ArrayLike:
    """T-score (Church et al. 1991): ``(o11 - E11) / sqrt(o11)``.

    Examples
    --------
    >>> round(t_score(8, 100, 50, 10000), 6)
    2.65165
    """
    o11 = np.asarray(o11, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return _out((o11 - np.asarray(expected_cooccurrence(r1, c1, n))) / np.sqrt(o11))


def log_dice(o11: ArrayLike, r1: ArrayLike, c1: ArrayLike) -> ArrayLike:
    """LogDice (Rychlý 2008): ``14 + log2(2 * o11 / (r1 + c1))``; at most 14.

    Examples
    --------
    >>> log_dice(75, 100, 50)
    14.0
    """
    o11, r1, c1 = _arrays(o11, r1, c1)
    with np.errstate(divide="ignore"):
        return _out(14 + np.log2(2 * o11 / (r1 + c1)))


def log_likelihood_association(o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike) -> ArrayLike:
    """G2 over the full 2x2 co-occurrence table (Dunning 1993).

    Cells ``o11``, ``o12 = r1 - o11``, ``o21 = c1 - o11``,
    ``o22 = n - r1 - c1 + o11``; see :func:`g2_table`.

    Examples
    --------
    >>> round(log_likelihood_association(8, 100, 50, 10000), 4)
    31.1458
    """
    o11, r1, c1, n = _arrays(o11, r1, c1, n)
    return g2_table(o11, r1 - o11, c1 - o11, n - r1 - c1 + o11)


# --------------------------------------------------------------------------- dispersion


def _parts(counts: ArrayLike, sizes: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
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
    return _out(1 - v / np.sqrt(k - 1))


def gries_dp(counts: ArrayLike, sizes: ArrayLike, *, normalised: bool = False) -> ArrayLike:
    """Gries's deviation of proportions DP (Gries 2008), optionally normalised.

    ``DP = 0.5 * sum_i |v_i - s_i|`` where ``v_i`` is the share of the term's
    occurrences in part ``i`` and ``s_i`` the share of the corpus that part
    ``i`` makes up. 0 is perfectly even; values near 1 are clumped.
    ``normalised=True`` divides by ``1 - min(s_i)`` (Lijffijt & Gries 2012), so
    the maximum is 1 whatever the part sizes.

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
    return _out(dp)


# --------------------------------------------------------------------------- lexical diversity


def ttr(tokens: Sequence[str]) -> float:
    """Type-token ratio: distinct tokens / tokens (NaN for no tokens).

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
    lg = _special.gammaln
    with np.errstate(invalid="ignore"):
        absent = np.where(
            n - freqs >= sample,
            np.exp(lg(n - freqs + 1) - lg(n - freqs - sample + 1) - lg(n + 1) + lg(n - sample + 1)),
            0.0,
        )
    return float(np.sum(1 - absent) / sample)
