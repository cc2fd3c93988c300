"""Scalars or numpy arrays in, the same out: the conversions every statistic shares.

Each statistic takes scalars or arrays (broadcast together), computes on float
arrays, and gives a plain float back when all its inputs were scalars.
"""

from __future__ import annotations

import numpy as np

#: What the statistics take and give: a number or a numpy array of numbers.
ArrayLike = float | int | np.ndarray


def as_arrays(*values: ArrayLike) -> list[np.ndarray]:
    """Return each value as a float numpy array (a scalar becomes a 0-d array).

    Parameters
    ----------
    *values : float, int or numpy.ndarray
        Counts or sizes.

    Returns
    -------
    list of numpy.ndarray
        One float array per value, in order.

    Examples
    --------
    >>> [a.dtype.name for a in as_arrays(3, [1, 2])]
    ['float64', 'float64']
    """
    return [np.asarray(v, dtype=float) for v in values]


def as_result(value: np.ndarray) -> ArrayLike:
    """Return a 0-d array as a Python float, any other array unchanged.

    Parameters
    ----------
    value : numpy.ndarray
        A computed statistic.

    Returns
    -------
    float or numpy.ndarray

    Examples
    --------
    >>> as_result(np.asarray(2.5))
    2.5
    >>> as_result(np.array([1.0, 2.0]))
    array([1., 2.])
    """
    return value.item() if value.ndim == 0 else value


def o_ln_o_over_e(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Return ``o * ln(o / e)`` element-wise, with the limit 0 where ``o == 0``.

    The term of the log-likelihood sum for one cell with observed ``o`` and
    expected ``e`` frequency (the convention ``0 ln 0 = 0``).

    Parameters
    ----------
    o, e : numpy.ndarray
        Observed and expected frequencies (broadcast together).

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> o_ln_o_over_e(np.array([0.0, 2.0]), np.array([1.0, 2.0])).tolist()
    [0.0, 0.0]
    >>> round(float(o_ln_o_over_e(np.asarray(4.0), np.asarray(2.0))), 6)
    2.772589
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(o > 0, o * np.log(np.where(o > 0, o, 1) / np.where(e > 0, e, 1)), 0.0)
