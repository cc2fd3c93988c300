"""The shared conversions: scalars stay scalars, arrays stay arrays, and 0 ln 0 is 0."""

from __future__ import annotations

import math

import numpy as np

from toolkit.stats.arrays import as_arrays, as_result, o_ln_o_over_e


def test_scalars_come_back_as_floats_and_arrays_as_arrays():
    a, b = as_arrays(3, [1, 2])
    assert a.shape == () and b.tolist() == [1.0, 2.0] and b.dtype == np.float64
    scalar = as_result(a * 2)
    assert type(scalar) is float and scalar == 6.0
    assert as_result(b * 2).tolist() == [2.0, 4.0]


def test_o_ln_o_over_e_is_the_log_likelihood_term_with_its_limit_at_zero():
    o = np.array([0.0, 1.0, 4.0, 3.0])
    e = np.array([2.0, 1.0, 2.0, 0.0])  # an expected 0 with o > 0 cannot happen in a real table: no error either
    terms = o_ln_o_over_e(o, e)
    assert terms[0] == 0.0  # the limit of o ln(o / e) as o -> 0, not NaN
    assert terms[1] == 0.0
    assert math.isclose(terms[2], 4 * math.log(2))
    assert np.isfinite(terms).all()
