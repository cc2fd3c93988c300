"""Dispersion measures against published worked examples, cited beside each assertion."""

from __future__ import annotations

import numpy as np
import pytest

from toolkit.stats import dispersion

# Gries (2020), "Analyzing dispersion", Practical Handbook of Corpus Linguistics, pp. 99-118: toy corpus
# of 5 parts (9, 10, 10, 10, 11 tokens); values as reproduced in scattertext's test_Dispersion.py.
GRIES_SIZES = [9, 10, 10, 10, 11]


@pytest.mark.parametrize(
    ("counts", "d", "dp", "dp_norm"),
    [
        ([2, 2, 2, 2, 2], 0.968, 0.02, 0.024),  # "b"
        ([1, 0, 0, 0, 0], 0.0, 0.82, 1.0),  # "i"
        ([0, 1, 0, 0, 0], 0.0, 0.80, 0.976),  # "q"
        ([0, 0, 0, 0, 1], 0.0, 0.78, 0.951),  # "x"
    ],
)
def test_gries_2020_toy_corpus(counts, d, dp, dp_norm):
    assert dispersion.juilland_d(counts, GRIES_SIZES) == pytest.approx(d, abs=5e-4)
    assert dispersion.gries_dp(counts, GRIES_SIZES) == pytest.approx(dp, abs=5e-4)
    assert dispersion.gries_dp(counts, GRIES_SIZES, normalised=True) == pytest.approx(dp_norm, abs=5e-4)


def test_dispersion_published_equal_and_unequal_parts():
    # Carroll (1970) p. 14 (via Wordless): Juilland's D of (0, 4, 3, 2, 1) in equal parts = 0.6464
    assert dispersion.juilland_d([0, 4, 3, 2, 1], [1, 1, 1, 1, 1]) == pytest.approx(0.6464, abs=5e-5)
    # Lijffijt & Gries (2012) p. 148, Table 1: (2, 1, 0) in equal parts: DP = 1/3, DPnorm = 0.5
    assert dispersion.gries_dp([2, 1, 0], [1, 1, 1]) == pytest.approx(1 / 3)
    assert dispersion.gries_dp([2, 1, 0], [1, 1, 1], normalised=True) == pytest.approx(0.5)
    # Lyne (1985) ALLEMAND in 10 unequal parts, tlda README (Sönning): D = 0.6038797 and Gries-scaled DP
    # 0.4990705 (tlda prints 1 - DP = 0.5009295).
    sub = [2, 0, 1, 1, 3, 0, 3, 0, 0, 0]
    sizes = [8143, 8058, 8271, 8125, 7959, 7941, 8146, 8001, 8003, 7930]
    assert dispersion.juilland_d(sub, sizes) == pytest.approx(0.6038797, abs=5e-8)
    assert dispersion.gries_dp(sub, sizes) == pytest.approx(1 - 0.5009295, abs=5e-8)
    # rows are terms: the last axis holds the parts
    table = dispersion.gries_dp(np.array([[2, 2, 2, 2, 2], [1, 0, 0, 0, 0]]), GRIES_SIZES)
    assert table.round(2).tolist() == [0.02, 0.82]


def test_parts_must_match_and_number_at_least_two():
    with pytest.raises(ValueError, match="same number of parts"):
        dispersion.gries_dp([1, 2, 3], [10, 10])
    with pytest.raises(ValueError, match="at least two corpus parts"):
        dispersion.juilland_d([4], [10])
    # a term that never occurs has no dispersion: NaN, not a number that looks like one
    assert np.isnan(dispersion.juilland_d([0, 0, 0], [5, 5, 5]))
    assert np.isnan(dispersion.gries_dp([0, 0, 0], [5, 5, 5]))
