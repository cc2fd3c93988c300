"""Every statistic against published worked examples, cited beside each assertion.

Where tools differ in variant (2- vs 4-term G2, Yates or not), the test shows which variant
reproduces which published value.
"""

from __future__ import annotations

import re
import string

import numpy as np
import pytest

from toolkit import stats

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
    assert stats.g2_table(*table) == pytest.approx(published, abs=0.005)
    assert stats.log_likelihood(a, b, c, d, form="four-term") == pytest.approx(published, abs=0.005)
    # the Rayson & Garside two-term form does not reproduce Dunning's numbers
    assert abs(stats.log_likelihood(a, b, c, d) - published) > 0.05  # 10x the rounding tolerance
    # as association: o11 = k11, r1 = k11 + k12, c1 = k11 + k21, n = sum
    n = sum(table)
    assert stats.log_likelihood_association(k11, k11 + k12, k11 + k21, n) == pytest.approx(published, abs=0.005)


def test_two_term_g2_is_rayson_garside_and_vectorised():
    # Rayson & Garside (2000) / UCREL SigEff sigeff.c: G2 = 2 (a ln(a/E1) + b ln(b/E2)),
    # E1 = c (a+b)/(c+d). SigEff's sample input (C/spreadsheet, 10,000 vs 100,000 tokens): Word2 340 / 2500.
    # No published output exists for it; we check the formula term by term instead.
    a, b, c, d = 340, 2500, 10_000, 100_000
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    assert stats.expected_keyness(a, b, c, d) == pytest.approx((e1, e2))
    assert stats.log_likelihood(a, b, c, d) == pytest.approx(2 * (a * np.log(a / e1) + b * np.log(b / e2)))
    # the 0 ln 0 = 0 convention: a word absent from the reference
    assert stats.log_likelihood(7, 0, c, d) == pytest.approx(2 * 7 * np.log(7 / (c * 7 / (c + d))))
    arrays = stats.log_likelihood(np.array([340, 7]), np.array([2500, 0]), c, d)
    assert arrays.shape == (2,)
    assert arrays[0] == pytest.approx(stats.log_likelihood(340, 2500, c, d))


def test_williams_correction_as_quanteda_applies_it():
    # quanteda.textstats textstat_keyness(measure = "lr", correction = "default") divides the four-term
    # G2 by Williams' q. Its test corpus: d1 = "b b b b b b b a a a", d2 = "a a a a a a a b b";
    # feature b: 7 of 10 vs 2 of 9. G2 = 4.5349 uncorrected, 4.2008 with Williams (helper's computation,
    # checked here against the formula q = 1 + (N(1/R1+1/R2)-1)(N(1/C1+1/C2)-1)/(6N)).
    g2 = stats.log_likelihood(7, 2, 10, 9, form="four-term")
    assert g2 == pytest.approx(4.5349, abs=5e-5)
    assert g2 / stats.williams_correction(7, 2, 10, 9) == pytest.approx(4.2008, abs=5e-5)


# --------------------------------------------------------------------------- chi-squared and Yates


def test_chi_squared_manning_schutze_values_are_uncorrected():
    # Manning & Schütze (1999), Foundations of Statistical NLP, §5.3.3: "new companies" chi2 = 1.55;
    # Church & Gale "vache/cow" chi2 = 456400 (NLTK collocations.doctest prints both).
    # Cells (8, 15820, 4667, 14287173) as a = 8, b = 15820, c = 8 + 4667, d = 15820 + 14287173.
    assert stats.chi_squared(8, 15820, 4675, 15820 + 14287173) == pytest.approx(1.55, abs=0.005)
    assert stats.chi_squared(59, 8, 65, 570942) == pytest.approx(456400, abs=0.5)
    # with Yates they would not match (1.0496 and 448696)
    assert stats.chi_squared(8, 15820, 4675, 15820 + 14287173, yates=True) == pytest.approx(1.0496, abs=5e-4)


def test_chi_squared_pedersen_value_needs_yates():
    # Pedersen (1996), "Fishing for exactness", p. 10: table (1, 3, 3, 1) gives chi2 = 0.5 with Yates'
    # correction (plain Pearson gives 2.0); quoted in Wordless's tests.
    assert stats.chi_squared(1, 3, 4, 4, yates=True) == pytest.approx(0.5)
    assert stats.chi_squared(1, 3, 4, 4) == pytest.approx(2.0)
    # Dunning (1993) p. 73: table (3, 0, 0, 31774) gives 31777 without Yates.
    assert stats.chi_squared(3, 0, 3, 31774) == pytest.approx(31777, abs=0.5)


def test_p_values_and_bonferroni():
    # chi-squared with 1 df: 3.841459 is the 5% critical value, 6.634897 the 1%, 10.827566 the 0.1%
    # (any statistics table, e.g. NIST/SEMATECH e-Handbook 1.3.6.7.4).
    assert stats.p_value(3.841459) == pytest.approx(0.05, abs=1e-6)
    assert stats.p_value(6.634897) == pytest.approx(0.01, abs=1e-6)
    assert stats.p_value(-10.827566) == pytest.approx(0.001, abs=1e-6)  # signed G2 tests its size
    assert stats.bonferroni(np.array([0.01, 0.2]), 10).tolist() == [0.1, 1.0]


# --------------------------------------------------------------------------- effect sizes


def test_percent_diff_gabrielatos_marchi():
    # Gabrielatos & Marchi (2011), "Keyness: matching metrics to definitions", CL in the South,
    # slide 18 (via Wordless test_pct_diff): 206523 of 959641 vs 178174 of 1562358 -> %DIFF 88.7.
    assert stats.percent_diff(206523, 178174, 959641, 1562358) == pytest.approx(88.7, abs=0.05)
    # a zero reference frequency is replaced by 1e-18, as in the paper
    assert stats.percent_diff(5, 0, 1000, 1000) == pytest.approx((5 / 1000 - 1e-18) * 100 / 1e-18)


def test_log_ratio_hardie_definition():
    # Hardie (2014), "Log Ratio: an informal introduction" (CASS blog): binary log of the ratio of
    # relative frequencies; each point is a doubling. No published non-trivial table exists, so we
    # check the defining cases and UCREL SigEff's 0.5 substitution for a zero (sigeff.c).
    assert stats.log_ratio(20, 10, 1000, 1000) == 1.0
    assert stats.log_ratio(10, 40, 1000, 1000) == -2.0
    assert stats.log_ratio(7, 0, 10_000, 100_000) == pytest.approx(np.log2((7 / 10_000) / (0.5 / 100_000)))
    assert stats.log_ratio(7, 0, 10_000, 100_000) == pytest.approx(7.1293, abs=5e-5)


# --------------------------------------------------------------------------- association


def test_association_manning_schutze():
    # Manning & Schütze (1999) ch. 5, as in NLTK collocations.doctest and Wordless's tests:
    # t-score of "new companies" (8; 15828, 4675; 14307668) = 0.999932;
    # "Ayatollah Ruhollah" (20; 42, 20; 14307668): t = 4.4721, MI = 18.38;
    # (20; 15019, 15629; 14307668): MI = 0.29.
    n = 14307668
    assert stats.t_score(8, 15828, 4675, n) == pytest.approx(0.999932, abs=5e-7)
    assert stats.t_score(20, 42, 20, n) == pytest.approx(4.4721, abs=5e-5)
    assert stats.mutual_information(20, 42, 20, n) == pytest.approx(18.38, abs=0.005)
    assert stats.mutual_information(20, 15019, 15629, n) == pytest.approx(0.29, abs=0.005)
    # Church & Hanks (1990) p. 24 (via Wordless): 8 co-occurrences, 1105 and 44, N = 15 million: PMI 11.3
    assert stats.mutual_information(8, 1105, 44, 15_000_000) == pytest.approx(11.3, abs=0.05)


def test_log_dice_rychly():
    # Rychlý (2008), "A lexicographer-friendly association score": 14 + log2(Dice), maximum 14 when
    # o11 = r1 = c1. Smadja et al. (1996) p. 13 give Dice = 0.08 for (130; 3121, 143) (via Wordless).
    assert stats.log_dice(50, 50, 50) == 14.0
    dice = 2 * 130 / (3121 + 143)
    assert dice == pytest.approx(0.08, abs=0.005)
    assert stats.log_dice(130, 3121, 143) == pytest.approx(14 + np.log2(dice))


# --------------------------------------------------------------------------- dispersion

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
    assert stats.juilland_d(counts, GRIES_SIZES) == pytest.approx(d, abs=5e-4)
    assert stats.gries_dp(counts, GRIES_SIZES) == pytest.approx(dp, abs=5e-4)
    assert stats.gries_dp(counts, GRIES_SIZES, normalised=True) == pytest.approx(dp_norm, abs=5e-4)


def test_dispersion_published_equal_and_unequal_parts():
    # Carroll (1970) p. 14 (via Wordless): Juilland's D of (0, 4, 3, 2, 1) in equal parts = 0.6464
    assert stats.juilland_d([0, 4, 3, 2, 1], [1, 1, 1, 1, 1]) == pytest.approx(0.6464, abs=5e-5)
    # Lijffijt & Gries (2012) p. 148, Table 1: (2, 1, 0) in equal parts: DP = 1/3, DPnorm = 0.5
    assert stats.gries_dp([2, 1, 0], [1, 1, 1]) == pytest.approx(1 / 3)
    assert stats.gries_dp([2, 1, 0], [1, 1, 1], normalised=True) == pytest.approx(0.5)
    # Lyne (1985) ALLEMAND in 10 unequal parts, tlda README (Sönning): D = 0.6038797 and Gries-scaled DP
    # 0.4990705 (tlda prints 1 - DP = 0.5009295).
    sub = [2, 0, 1, 1, 3, 0, 3, 0, 0, 0]
    sizes = [8143, 8058, 8271, 8125, 7959, 7941, 8146, 8001, 8003, 7930]
    assert stats.juilland_d(sub, sizes) == pytest.approx(0.6038797, abs=5e-8)
    assert stats.gries_dp(sub, sizes) == pytest.approx(1 - 0.5009295, abs=5e-8)
    # rows are terms: the last axis holds the parts
    table = stats.gries_dp(np.array([[2, 2, 2, 2, 2], [1, 0, 0, 0, 0]]), GRIES_SIZES)
    assert table.round(2).tolist() == [0.02, 0.82]


# --------------------------------------------------------------------------- lexical diversity

# lexicalrichness (LSYS/LexicalRichness) README quick start / docs/example.ipynb: peers' expected values.
LEXRICH_TEXT = """Measure of textual lexical diversity, computed as the mean length of sequential words in
                a text that maintains a minimum threshold TTR score.

                Iterates over words until TTR scores falls below a threshold, then increase factor
                counter by 1 and start over. McCarthy and Jarvis (2010, pg. 385) recommends a factor
                threshold in the range of [0.660, 0.750].
                (McCarthy 2005, McCarthy and Jarvis 2010)"""


def _lexicalrichness_tokens(text: str) -> list[str]:
    # lexicalrichness's default tokenizer: lowercase, drop digits and dashes, punctuation -> space, split
    text = re.sub(r"[0-9]+", "", text.lower())
    text = re.sub(r"[–—-]", "", text)
    return text.translate(str.maketrans(string.punctuation, " " * len(string.punctuation))).split()


def test_lexical_diversity_matches_lexicalrichness():
    tokens = _lexicalrichness_tokens(LEXRICH_TEXT)
    assert (len(tokens), len(set(tokens))) == (57, 39)
    assert stats.ttr(tokens) == pytest.approx(0.6842105263157895, rel=1e-12)
    assert stats.mattr(tokens, window=25) == pytest.approx(0.8351515151515151, rel=1e-12)
    assert stats.mtld(tokens, threshold=0.72) == pytest.approx(46.79226361031519, rel=1e-12)
    assert stats.hdd(tokens, sample=42) == pytest.approx(0.7468703323966486, rel=1e-9)
    assert stats.yules_k(tokens) == pytest.approx(153.8935056940597, rel=1e-12)


def test_lexical_diversity_small_published_cases():
    # lexicalrichness tests/test_lexicalrichness.py: 10 words -> mattr(5) 0.9, mtld 14.0, hdd(5) 0.88333
    tokens = _lexicalrichness_tokens("TEST text with some text numbers 42, hyphen-here, and text punctuations.")
    assert len(tokens) == 10
    assert stats.mattr(tokens, window=5) == pytest.approx(0.9)
    assert stats.mtld(tokens) == pytest.approx(14.000000000000004)
    assert stats.hdd(tokens, sample=5) == pytest.approx(0.8833333333333332)
    # quanteda.textstats test-textstat_lexdiv.R: MATTR of "one one two one one two one" = 5/6, 2/3, 1/2
    words = ["one", "one", "two", "one", "one", "two", "one"]
    assert [stats.mattr(words, window=w) for w in (2, 3, 4)] == pytest.approx([5 / 6, 2 / 3, 0.5])
    assert stats.ttr(["b", "a", "b", "a", "b", "a", "b", "a"]) == 0.25
    assert np.isnan(stats.ttr([]))


def test_short_texts_give_nan_not_infinity():
    assert np.isnan(stats.mtld(["peace", "talks", "begin"]))
    with pytest.raises(ValueError, match="window must be 1 or more"):
        stats.mattr(["a"], window=0)
