"""The verdict matrix of exercises 5 to 7: right, rounded, other-looking right, typical slips, wrong types.

Exercise 8 has its own module, as its judges do (tests/teaching/test_judges_project.py).

Every case is an answer a student could give, with the verdict the check must
give and a part of its message. The false verdicts of issue #17 are cases
here: a made-up answer that the old judges read off the student's own table,
case, rounding, and the hints that gave the call away.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from conftest import assert_case, judged
from toolkit import dispersion, keyness, kwic, load_corpus, stats
from toolkit.corpus.document import CorpusError
from toolkit.paths import CORPUS_DIR
from toolkit.teaching.checks import check
from toolkit.teaching.judges import EXERCISES
from toolkit.teaching.judges_analysis import DP_COUNTS
from toolkit.teaching.practice import KEYNESS_TABLE

C, P, N = "correct", "partly right", "not yet"


@pytest.fixture(scope="module")
def inaugural() -> pd.DataFrame:
    try:
        return load_corpus("nltk:inaugural", name_template="{year}-{president}")
    except CorpusError:
        pytest.skip("NLTK's inaugural corpus is not installed (set NLTK_DATA)")


@pytest.fixture(scope="module")
def article() -> pd.DataFrame:
    return load_corpus(CORPUS_DIR)


# --------------------------------------------------------------------------- fixed data: 5.1, 5.2, 7.1

G2 = 59.3367  # Rayson & Garside (2000) two-term G2, computed below by hand as the UCREL calculator does
A, B, Cs, D = (KEYNESS_TABLE[k] for k in "abcd")


def test_the_fixed_statistics_match_the_published_formulas():
    # Rayson & Garside (2000), UCREL log-likelihood calculator: E1 = c(a+b)/(c+d), G2 = 2 sum O ln(O/E)
    e1, e2 = Cs * (A + B) / (Cs + D), D * (A + B) / (Cs + D)
    assert stats.log_likelihood(**KEYNESS_TABLE) == pytest.approx(2 * (A * math.log(A / e1) + B * math.log(B / e2)))
    assert stats.log_likelihood(**KEYNESS_TABLE) == pytest.approx(G2, abs=1e-4)
    # Hardie (2014): log ratio = log2 of the ratio of relative frequencies; here 1.2% / 0.4% = 3 times
    assert stats.log_ratio(**KEYNESS_TABLE) == pytest.approx(math.log2(3))
    # Gries (2020) toy corpus, word "i": DP 0.82, normalised 1.0 (as in tests/stats/test_dispersion.py)
    assert stats.gries_dp([1, 0, 0, 0, 0], [9, 10, 10, 10, 11]) == pytest.approx(0.82)
    # Task 7.1 by the definition (Gries 2008): v = (.5, .3, .2, 0), s = (.125, .125, .25, .5)
    assert stats.gries_dp(DP_COUNTS["counts"], DP_COUNTS["sizes"]) == pytest.approx(0.55)


FIXED = [
    # 5.1: G2 = 59.34
    ("ex5.1", "exact", G2, C, ""),
    ("ex5.1", "rounded (59.3 for 59.34)", 59.3, C, "rounding"),
    ("ex5.1", "numpy number", np.float64(59.34), C, ""),
    ("ex5.1", "numeric text", "59.34", C, ""),
    ("ex5.1", "one-value Series", pd.Series([59.34]), C, ""),
    ("ex5.1", "rounded to a whole number", 59, C, "rounding"),
    ("ex5.1", "four-term form", 59.77, P, "four-term"),
    ("ex5.1", "four-term rounded", 59.8, P, "four-term"),
    ("ex5.1", "chi-squared", 64.43, P, "chi-squared"),
    ("ex5.1", "no factor 2", 29.67, P, "factor 2"),
    ("ex5.1", "log10", 25.77, P, "log10"),
    ("ex5.1", "expectations swapped", 3.89, P, "swapped"),
    ("ex5.1", "made up", 42.0, N, ""),
    ("ex5.1", "wrong type: the table", KEYNESS_TABLE, N, "a number was expected; this is a dictionary"),
    ("ex5.1", "wrong type: text", "G2 is big", N, "a number was expected"),
    # 5.2: log ratio = log2(3) = 1.585
    ("ex5.2", "exact", math.log2(3), C, ""),
    ("ex5.2", "rounded (1.58 for 1.585)", 1.58, C, "rounding"),
    ("ex5.2", "rounded up", "1.59", C, "rounding"),
    ("ex5.2", "rounded to one decimal", 1.6, C, "rounding"),
    ("ex5.2", "natural log", 1.0986, P, "math.log"),
    ("ex5.2", "log10", 0.477, P, "log10"),
    ("ex5.2", "the ratio", 3, P, "ratio"),
    ("ex5.2", "swapped", -1.585, P, "swapped"),
    ("ex5.2", "counts not normalised", 0.585, P, "corpus size"),
    ("ex5.2", "wrong type: list", [1.585], N, "a number was expected; this is a list of 1 item"),
    ("ex5.2", "wrong type: bool", True, N, "truth value"),
    # 7.1: DP = 0.55
    ("ex7.1", "exact", 0.55, C, ""),
    ("ex7.1", "numpy number", np.float32(0.55), C, "rounding"),  # float32 is 0.55 up to 1e-8
    ("ex7.1", "rounded too far", 0.6, P, "rounded too far"),
    ("ex7.1", "normalised DP", 0.6286, P, "normalised"),
    ("ex7.1", "normalised rounded", 0.63, P, "normalised"),
    ("ex7.1", "equal parts", 0.3, P, "equal in size"),
    ("ex7.1", "no half", 1.1, P, "half"),
    ("ex7.1", "1 - DP", 0.45, P, "1 - DP"),
    ("ex7.1", "made up", 0.75, N, ""),
    ("ex7.1", "wrong type: None-like text", "n/a", N, "a number was expected"),
]


@pytest.mark.parametrize(
    ("exercise_id", "case", "answer", "verdict", "says"), FIXED, ids=[f"{c[0]}-{c[1]}" for c in FIXED]
)
def test_fixed_data_matrix(exercise_id, case, answer, verdict, says):
    assert_case(exercise_id, answer, (), verdict, says)


def test_the_typical_slips_of_the_fixed_tasks_lie_beyond_the_rounding_tolerance():
    for exercise_id, _, answer, verdict, _ in FIXED:
        if verdict == P and not isinstance(answer, str):
            assert judged(exercise_id, answer)[0] == P  # a slip is never taken for the right value, rounded


# --------------------------------------------------------------------------- corpus tasks: 5.3, 6.1, 6.2, 7.2


def test_ex5_3_strongest_keyword_is_judged_by_the_checker_s_own_keyness(inaugural):
    table = keyness(inaugural, by="president", target="Obama")
    top, second = table["term"].iloc[:2]
    by_ratio = table.sort_values("log_ratio", ascending=False)["term"].iloc[0]
    washington = keyness(inaugural, by="president", target="Washington")["term"].iloc[0]
    cases = [
        (top, C, ""),
        (top.upper(), C, ""),  # case does not matter
        ([top], C, ""),
        (pd.Series([f" {top} "]), C, ""),
        (by_ratio, P, "log ratio"),
        (second, P, "not the strongest"),
        ("the", N, "most frequent word"),
        (washington, N, ""),  # another president's strongest keyword
        ("zzzz", N, "not a keyword"),  # made up
        (table, N, "a word (a text) was expected; this is a table"),  # the old judge compared with this
        (33.68, N, "a word (a text) was expected; this is the number"),
    ]
    for answer, verdict, says in cases:
        assert_case("ex5.3", answer, (inaugural,), verdict, says)
    assert judged("ex5.3", top) == (N, 'Pass the corpus too: check("ex5.3", top, speeches).')
    fake = pd.DataFrame({"term": ["zzzz"], "g2": [99.0]})
    assert judged("ex5.3", "zzzz", fake)[0] == N  # a made-up table is no context: it is not a corpus


def test_ex5_3_accepts_every_term_tied_for_the_top():
    texts = ["alpha beta x y", "x y z w", "x y z w", "x y z w"]
    corpus = pd.DataFrame({"doc_id": list("abcd"), "text": texts, "president": ["Obama", "P", "Q", "R"]})
    assert judged("ex5.3", "alpha", corpus) == judged("ex5.3", "Beta", corpus) == (C, "")
    assert judged("ex5.3", "x", corpus)[0] != C
    corpus["president"] = ["O", "P", "Q", "R"]
    assert judged("ex5.3", "alpha", corpus) == (
        N,
        "This corpus has no document with president 'Obama': pass the inaugural addresses.",
    )


def test_ex6_1_counts_concordance_lines_in_a_multi_document_corpus(inaugural):
    lines = kwic(inaugural, "freedom")
    n = len(lines)
    cases = [
        (n, C, ""),
        (float(n), C, ""),
        (str(n), C, ""),
        (np.int64(n), C, ""),
        (len(kwic(inaugural, "freedom", lowercase=False)), P, "lower case only"),
        (len(kwic(inaugural, "freedom*")), P, "starts with"),
        (lines["doc_id"].nunique(), P, "number of documents"),
        (int(inaugural["text"].str.lower().str.count("freedom").sum()), P, "inside other words"),
        (n + 0.5, N, "a whole number (a count) was expected"),
        (lines, N, "a number was expected; this is a table"),
        (42, N, ""),
    ]
    assert len({c[0] for c in cases[4:8]} | {n}) == 5  # each slip gives its own number
    for answer, verdict, says in cases:
        assert_case("ex6.1", answer, (inaugural,), verdict, says)
    assert judged("ex6.1", n) == (N, 'Pass the corpus too: check("ex6.1", n_lines, speeches).')


def test_ex6_1_on_the_one_article_fallback(article):
    n = len(kwic(article, "relations"))
    assert judged("ex6.1", n, article) == (C, "")
    assert judged("ex6.1", n + 1, article)[0] != C


def test_ex6_2_the_word_before_states(inaugural):
    lines = kwic(inaugural, "states")
    left = pd.Series([s.split()[-1].lower() for s in lines["left"]]).value_counts()
    assert left.iloc[0] > left.iloc[1]  # one clear winner here; ties are accepted (see the synthetic test)
    cases = [
        ("united", C, ""),  # "United States"
        (left.index[0].capitalize(), C, ""),
        ((left.index[0],), C, ""),
        ("and", P, "just after it"),  # the most frequent 1R word
        ("the", P, "anywhere in the left context"),
        ("several", P, "not most often"),
        ("zzzz", N, ""),
        (left, N, "a word (a text) was expected"),
        (7, N, "a word (a text) was expected; this is the number 7"),
    ]
    for answer, verdict, says in cases:
        assert_case("ex6.2", answer, (inaugural,), verdict, says)


def test_ex6_2_accepts_every_word_tied_for_most_frequent():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["old states and new states", "our states ."]})
    for tied in ("old", "new", "our"):
        assert judged("ex6.2", tied, corpus) == (C, "")
    corpus["text"] = ["no such word", "here"]
    assert judged("ex6.2", "old", corpus) == (
        N,
        "'states' does not occur in this corpus: pass the inaugural addresses.",
    )


def test_ex7_2_most_even_word_is_judged_by_dp_not_frequency(inaugural):
    table = dispersion(inaugural, ["world", "duty", "america"]).set_index("term")
    assert table["dp"].idxmin() == "duty" and table["n"].idxmax() == "world" and table["dp"].idxmax() == "america"
    cases = [
        ("duty", C, ""),
        ("DUTY", C, ""),
        (["duty"], C, ""),
        ("world", N, "most frequent"),
        ("america", N, "most clumped"),
        ("government", N, "not one of the words"),  # the old judge took the words from the student's table
        (table, N, "a word (a text) was expected; this is a table"),
        (0.32, N, "a word (a text) was expected"),
    ]
    for answer, verdict, says in cases:
        assert_case("ex7.2", answer, (inaugural,), verdict, says)


def test_ex7_2_is_not_judged_against_the_student_s_own_table(inaugural):
    made_up = pd.DataFrame({"term": ["world", "duty"], "dp": [0.1, 0.9]})  # the old judge read the answer off this
    assert judged("ex7.2", "world", made_up) == (
        N,
        'Pass the corpus too: check("ex7.2", even, speeches) (this is a table with columns term, dp (2 rows), '
        "not a corpus table with a text column).",
    )
    assert judged("ex7.2", "world", inaugural)[0] == N


def test_ex7_2_and_7_3_on_the_one_article_fallback(article, plt):
    assert judged("ex7.2", "Relations", article) == (C, "")
    assert judged("ex7.2", "baku", article)[0] == N
    table = dispersion(article, ["relations", "russia", "baku"], parts=10)
    assert judged("ex7.3", table.plot.bar(x="term", y="dp"), article) == (C, "")
    assert judged("ex7.3", table.plot.bar(x="term", y="dp_norm"), article)[0] == P  # 10 parts: 11% apart


@pytest.fixture
def plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as pyplot

    yield pyplot
    pyplot.close("all")


def test_ex7_3_reads_the_bars_of_the_student_s_plot(inaugural, plt):
    words = ["world", "duty", "america"]
    table = dispersion(inaugural, words)
    by_word = table.set_index("term")

    def barh():
        return plt.subplots()[1].barh(table["term"], table["dp"])  # the BarContainer plt.barh returns

    cases = [
        (table.plot.bar(x="term", y="dp", legend=False), C, ""),
        (table.sort_values("dp").plot.bar(x="term", y="dp"), C, ""),  # another order, with a legend
        (barh(), C, ""),  # horizontal bars; the container, not the Axes
        (table.round(2).plot.bar(x="term", y="dp").figure, C, ""),  # rounded heights; the Figure
        (table.plot.bar(x="term", y="n"), P, "counts"),
        (table.plot.bar(x="term", y="juilland_d"), P, "Juilland"),
        (plt.subplots()[1].bar(range(3), table["dp"]), P, "label each bar"),  # unlabelled bars
        (table.assign(dp=[0.1, 0.5, 0.9]).plot.bar(x="term", y="dp"), N, "not the words' DP"),  # made-up heights
        (table.head(2).plot.bar(x="term", y="dp"), N, "2 bars"),
        (table.plot(x="term", y="dp"), N, "no bars"),  # a line plot
        (table, N, "a plot (the Axes that .plot.bar() returns, or plt.gca()) was expected; this is a table"),
        (by_word["dp"].tolist(), N, "a plot"),
    ]
    for answer, verdict, says in cases:
        assert_case("ex7.3", answer, (inaugural,), verdict, says)
    ax = table.plot.bar(x="term", y="dp")
    assert judged("ex7.3", ax) == (N, 'Pass the corpus too: check("ex7.3", ax, speeches).')


# --------------------------------------------------------------------------- hints and check()


ANSWER_NAMES = {
    "ex5.1": "g2",
    "ex5.2": "lr",
    "ex5.3": "top",
    "ex6.1": "n_lines",
    "ex6.2": "before",
    "ex7.1": "dp",
    "ex7.2": "even",
}


@pytest.mark.parametrize(("exercise_id", "name"), ANSWER_NAMES.items())
def test_hints_are_staged_and_only_the_third_gives_the_call(exercise_id, name):
    idea, function, call = EXERCISES[exercise_id].hints
    assert len({idea, function, call}) == 3
    assert f"{name} =" in call and f"{name} =" not in idea + function
    assert EXERCISES[exercise_id].hint(1) == idea  # the first wrong answer gets the idea, not the call


def test_hints_never_give_the_answer_value():
    values = ["59.3", "1.58", "0.55", "freedom: 185"]
    for exercise_id in ("ex5.1", "ex5.2", "ex7.1", "ex6.1"):
        assert not any(v in hint for hint in EXERCISES[exercise_id].hints for v in values)


@pytest.mark.parametrize("exercise_id", list(ANSWER_NAMES))
def test_check_never_raises_whatever_it_is_given(exercise_id):
    for answer in (None, object(), pd.DataFrame(), float("nan"), {"a": 1}, b"bytes", [None]):
        for context in ((), (None,), (pd.DataFrame({"x": [1]}),), ("corpus",)):
            assert check(exercise_id, answer, *context, quiet=True) in (C, P, N)
