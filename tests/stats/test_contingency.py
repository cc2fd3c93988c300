"""Keyness statistics against published worked examples, cited beside each assertion.

Where tools differ in variant (2- vs 4-term G2, Yates or not), the test shows which variant
reproduces which published value.
"""

from __future__ import annotations

import numpy as np
import pytest

from toolkit.stats import contingency

# --------------------------------------------------------------------------- G2: which form matches Dunning

# Dunning (1993), "Accurate methods for the statistics of surprise and coincidence",
# Computational Linguistics 19(1), p. 72, bigram tables (k11, k12, k21, k22) and -2 log lambda,
# as quoted in NLTK's nltk/test/collocations.doctest and Wordless's statistical-significance tests.
DUNNING = [
    ((110, 2442, 111, 29114), 270.72),
    ((29, 13, 123, 31612), 263.90),
    ((9, 12, 429, 31327), 48.94),
    ((8, 5, 24, 31740), 95.29),
    ((10, 0, 3, 31764), 167.23),
]


@pytest.mark.parametrize(("table", "published"), DUNNING)
def test_dunning_1993_values_match_the_four_term_g2_only(table, published):
    k11, k12, k21, k22 = table
    # as keyness: a = k11 in "target" column of size c = k11 + k21, b = k12 in the reference of size d = k12 + k22
    a, b, c, d = k11, k12, k11 + k21, k12 + k22
    assert contingency.g2_table(*table) == pytest.approx(published, abs=0.005)
    assert contingency.log_likelihood(a, b, c, d, form="four-term") == pytest.approx(published, abs=0.005)
    # the Rayson & Garside two-term form does not reproduce Dunning's numbers
    assert abs(contingency.log_likelihood(a, b, c, d) - published) > 0.05  # 10x the rounding tolerance


def test_two_term_g2_is_rayson_garside_and_vectorised():
    # Rayson & Garside (2000) / UCREL SigEff sigeff.c: G2 = 2 (a ln(a/E1) + b ln(b/E2)),
    # E1 = c (a+b)/(c+d). SigEff's sample input (C/spreadsheet, 10,000 vs 100,000 tokens): Word2 340 / 2500.
    # No published output exists for it; we check the formula term by term instead.
    a, b, c, d = 340, 2500, 10_000, 100_000
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    assert contingency.expected_keyness(a, b, c, d) == pytest.approx((e1, e2))
    assert contingency.log_likelihood(a, b, c, d) == pytest.approx(2 * (a * np.log(a / e1) + b * np.log(b / e2)))
    # the 0 ln 0 = 0 convention: a word absent from the reference
    assert contingency.log_likelihood(7, 0, c, d) == pytest.approx(2 * 7 * np.log(7 / (c * 7 / (c + d))))
    arrays = contingency.log_likelihood(np.array([340, 7]), np.array([2500, 0]), c, d)
    assert arrays.shape == (2,)
    assert arrays[0] == pytest.approx(contingency.log_likelihood(340, 2500, c, d))


def test_williams_correction_as_quanteda_applies_it():
    # quanteda.textstats textstat_keyness(measure = "lr", correction = "default") divides the four-term
    # G2 by Williams' q. Its test corpus: d1 = "b b b b b b b a a a", d2 = "a a a a a a a b b";
    # feature b: 7 of 10 vs 2 of 9. G2 = 4.5349 uncorrected, 4.2008 with Williams (helper's computation,
    # checked here against the formula q = 1 + (N(1/R1+1/R2)-1)(N(1/C1+1/C2)-1)/(6N)).
    g2 = contingency.log_likelihood(7, 2, 10, 9, form="four-term")
    assert g2 == pytest.approx(4.5349, abs=5e-5)
    assert g2 / contingency.williams_correction(7, 2, 10, 9) == pytest.approx(4.2008, abs=5e-5)


# --------------------------------------------------------------------------- chi-squared and Yates


def test_chi_squared_manning_schutze_values_are_uncorrected():
    # Manning & Schütze (1999), Foundations of Statistical NLP, §5.3.3: "new companies" chi2 = 1.55;
    # Church & Gale "vache/cow" chi2 = 456400 (NLTK collocations.doctest prints both).
    # Cells (8, 15820, 4667, 14287173) as a = 8, b = 15820, c = 8 + 4667, d = 15820 + 14287173.
    assert contingency.chi_squared(8, 15820, 4675, 15820 + 14287173) == pytest.approx(1.55, abs=0.005)
    assert contingency.chi_squared(59, 8, 65, 570942) == pytest.approx(456400, abs=0.5)
    # with Yates they would not match (1.0496 and 448696)
    assert contingency.chi_squared(8, 15820, 4675, 15820 + 14287173, yates=True) == pytest.approx(1.0496, abs=5e-4)


def test_chi_squared_pedersen_value_needs_yates():
    # Pedersen (1996), "Fishing for exactness", p. 10: table (1, 3, 3, 1) gives chi2 = 0.5 with Yates'
    # correction (plain Pearson gives 2.0); quoted in Wordless's tests.
    assert contingency.chi_squared(1, 3, 4, 4, yates=True) == pytest.approx(0.5)
    assert contingency.chi_squared(1, 3, 4, 4) == pytest.approx(2.0)
    # Dunning (1993) p. 73: table (3, 0, 0, 31774) gives 31777 without Yates.
    assert contingency.chi_squared(3, 0, 3, 31774) == pytest.approx(31777, abs=0.5)


def test_p_values_and_bonferroni():
    # chi-squared with 1 df: 3.841459 is the 5% critical value, 6.634897 the 1%, 10.827566 the 0.1%
    # (any statistics table, e.g. NIST/SEMATECH e-Handbook 1.3.6.7.4).
    assert contingency.p_value(3.841459) == pytest.approx(0.05, abs=1e-6)
    assert contingency.p_value(6.634897) == pytest.approx(0.01, abs=1e-6)
    assert contingency.p_value(-10.827566) == pytest.approx(0.001, abs=1e-6)  # signed G2 tests its size
    assert contingency.bonferroni(np.array([0.01, 0.2]), 10).tolist() == [0.1, 1.0]


# --------------------------------------------------------------------------- effect sizes


def test_percent_diff_gabrielatos_marchi():
    # Gabrielatos & Marchi (2011), "Keyness: matching metrics to definitions", CL in the South,
    # slide 18 (via Wordless test_pct_diff): 206523 of 959641 vs 178174 of 1562358 -> %DIFF 88.7.
    assert contingency.percent_diff(206523, 178174, 959641, 1562358) == pytest.approx(88.7, abs=0.05)
    # a zero reference frequency is replaced by 1e-18, as in the paper
    assert contingency.percent_diff(5, 0, 1000, 1000) == pytest.approx((5 / 1000 - 1e-18) * 100 / 1e-18)


def test_log_ratio_hardie_definition():
    # Hardie (2014), "Log Ratio: an informal introduction" (CASS blog): binary log of the ratio of
    # relative frequencies; each point is a doubling. No published non-trivial table exists, so we
    # check the defining cases and UCREL SigEff's 0.5 substitution for a zero (sigeff.c).
    assert contingency.log_ratio(20, 10, 1000, 1000) == 1.0
    assert contingency.log_ratio(10, 40, 1000, 1000) == -2.0
    assert contingency.log_ratio(7, 0, 10_000, 100_000) == pytest.approx(np.log2((7 / 10_000) / (0.5 / 100_000)))
    assert contingency.log_ratio(7, 0, 10_000, 100_000) == pytest.approx(7.1293, abs=5e-5)


def test_an_unknown_g2_form_is_an_error_and_arrays_broadcast_against_scalars():
    with pytest.raises(ValueError, match="form must be 'two-term' or 'four-term', got 'three-term'"):
        contingency.log_likelihood(10, 20, 1000, 4000, form="three-term")
    # one reference size for many terms: the sizes broadcast, each value equals its scalar call
    a, b = np.array([10, 0, 30]), np.array([20, 5, 0])
    for measure in (contingency.log_ratio, contingency.percent_diff, contingency.chi_squared):
        table = measure(a, b, 1000, 4000)
        assert table.tolist() == pytest.approx([measure(x, y, 1000, 4000) for x, y in zip(a, b, strict=True)])
    assert isinstance(contingency.p_value(3.84), float)  # scalars in, a plain float out
