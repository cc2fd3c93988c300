"""Association of a node and a collocate: mutual information, t-score, logDice and log-likelihood.

Notation: ``o11`` co-occurrences, ``r1`` the row total (the node's frequency,
or the size of the windows around it), ``c1`` the collocate's frequency, ``n``
the corpus size. Every function takes scalars or numpy arrays (broadcast
together) and returns the same.
"""

from __future__ import annotations

import numpy as np

from toolkit.stats.arrays import ArrayLike, as_arrays, as_result
from toolkit.stats.contingency import g2_table


def expected_cooccurrence(r1: ArrayLike, c1: ArrayLike, n: ArrayLike) -> ArrayLike:
    """Return the expected co-occurrences under independence: ``E11 = r1 * c1 / n``.

    Parameters
    ----------
    r1 : float, int or numpy.ndarray
        The row total: the node's frequency, or the size of its windows.
    c1 : float, int or numpy.ndarray
        The collocate's frequency.
    n : float, int or numpy.ndarray
        The corpus size, in tokens.

    Returns
    -------
    float or numpy.ndarray

    Examples
    --------
    >>> expected_cooccurrence(100, 50, 10000)
    0.5
    """
    r1, c1, n = as_arrays(r1, c1, n)
    return as_result(r1 * c1 / n)


def mutual_information(o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike) -> ArrayLike:
    """Pointwise mutual information (Church & Hanks 1990): ``log2(o11 / E11)``.

    Parameters
    ----------
    o11 : float, int or numpy.ndarray
        Co-occurrences of node and collocate.
    r1, c1, n : float, int or numpy.ndarray
        As in :func:`expected_cooccurrence`.

    Returns
    -------
    float or numpy.ndarray
        ``-inf`` where ``o11`` is 0.

    Examples
    --------
    >>> mutual_information(8, 100, 50, 10000)
    4.0
    """
    o11 = np.asarray(o11, dtype=float)
    with np.errstate(divide="ignore"):
        return as_result(np.log2(o11 / np.asarray(expected_cooccurrence(r1, c1, n))))


def t_score(o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike) -> ArrayLike:
    """T-score (Church et al. 1991): ``(o11 - E11) / sqrt(o11)``.

    Parameters
    ----------
    o11 : float, int or numpy.ndarray
        Co-occurrences of node and collocate.
    r1, c1, n : float, int or numpy.ndarray
        As in :func:`expected_cooccurrence`.

    Returns
    -------
    float or numpy.ndarray

    Examples
    --------
    >>> round(t_score(8, 100, 50, 10000), 6)
    2.65165
    """
    o11 = np.asarray(o11, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return as_result((o11 - np.asarray(expected_cooccurrence(r1, c1, n))) / np.sqrt(o11))


def log_dice(o11: ArrayLike, r1: ArrayLike, c1: ArrayLike) -> ArrayLike:
    """LogDice (Rychlý 2008): ``14 + log2(2 * o11 / (r1 + c1))``; at most 14.

    Parameters
    ----------
    o11 : float, int or numpy.ndarray
        Co-occurrences of node and collocate.
    r1, c1 : float, int or numpy.ndarray
        The node's and the collocate's frequencies.

    Returns
    -------
    float or numpy.ndarray

    Examples
    --------
    >>> log_dice(75, 100, 50)
    14.0
    """
    o11, r1, c1 = as_arrays(o11, r1, c1)
    with np.errstate(divide="ignore"):
        return as_result(14 + np.log2(2 * o11 / (r1 + c1)))


def log_likelihood_association(o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike) -> ArrayLike:
    """G2 over the full 2x2 co-occurrence table (Dunning 1993).

    Cells ``o11``, ``o12 = r1 - o11``, ``o21 = c1 - o11``,
    ``o22 = n - r1 - c1 + o11``; see :func:`~toolkit.stats.contingency.g2_table`.

    Parameters
    ----------
    o11 : float, int or numpy.ndarray
        Co-occurrences of node and collocate.
    r1, c1, n : float, int or numpy.ndarray
        As in :func:`expected_cooccurrence`.

    Returns
    -------
    float or numpy.ndarray

    Examples
    --------
    >>> round(log_likelihood_association(8, 100, 50, 10000), 4)
    31.1458
    """
    o11, r1, c1, n = as_arrays(o11, r1, c1, n)
    return g2_table(o11, r1 - o11, c1 - o11, n - r1 - c1 + o11)
