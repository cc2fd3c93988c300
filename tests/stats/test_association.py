"""Association measures against published worked examples, cited beside each assertion."""

from __future__ import annotations

import numpy as np
import pytest

from toolkit.stats import association

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
def test_log_likelihood_association_reproduces_dunning_1993(table, published):
    k11, k12, k21, _ = table
    # as association: o11 = k11, r1 = k11 + k12, c1 = k11 + k21, n = sum
    n = sum(table)
    assert association.log_likelihood_association(k11, k11 + k12, k11 + k21, n) == pytest.approx(published, abs=0.005)


def test_association_manning_schutze():
    # Manning & Schütze (1999) ch. 5, as in NLTK collocations.doctest and Wordless's tests:
    # t-score of "new companies" (8; 15828, 4675; 14307668) = 0.999932;
    # "Ayatollah Ruhollah" (20; 42, 20; 14307668): t = 4.4721, MI = 18.38;
    # (20; 15019, 15629; 14307668): MI = 0.29.
    n = 14307668
    assert association.t_score(8, 15828, 4675, n) == pytest.approx(0.999932, abs=5e-7)
    assert association.t_score(20, 42, 20, n) == pytest.approx(4.4721, abs=5e-5)
    assert association.mutual_information(20, 42, 20, n) == pytest.approx(18.38, abs=0.005)
    assert association.mutual_information(20, 15019, 15629, n) == pytest.approx(0.29, abs=0.005)
    # Church & Hanks (1990) p. 24 (via Wordless): 8 co-occurrences, 1105 and 44, N = 15 million: PMI 11.3
    assert association.mutual_information(8, 1105, 44, 15_000_000) == pytest.approx(11.3, abs=0.05)


def test_log_dice_rychly():
    # Rychlý (2008), "A lexicographer-friendly association score": 14 + log2(Dice), maximum 14 when
    # o11 = r1 = c1. Smadja et al. (1996) p. 13 give Dice = 0.08 for (130; 3121, 143) (via Wordless).
    assert association.log_dice(50, 50, 50) == 14.0
    dice = 2 * 130 / (3121 + 143)
    assert dice == pytest.approx(0.08, abs=0.005)
    assert association.log_dice(130, 3121, 143) == pytest.approx(14 + np.log2(dice))


def test_expected_cooccurrence_and_the_edge_of_no_cooccurrence():
    # E11 = r1 c1 / n; with o11 = E11 every measure says "no association": MI 0, t 0
    assert association.expected_cooccurrence(100, 50, 10_000) == 0.5
    assert association.mutual_information(0.5, 100, 50, 10_000) == 0.0
    assert association.t_score(0.5, 100, 50, 10_000) == 0.0
    # never together: MI and logDice are -inf, not an error; arrays give one value per collocate
    values = association.mutual_information(np.array([0, 8]), 100, np.array([50, 50]), 10_000)
    assert values.tolist() == [-np.inf, 4.0]
    assert association.log_dice(0, 100, 50) == -np.inf
