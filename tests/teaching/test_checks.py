"""check(): one printed line per answer, a verdict and a hint, never the expected value, never an exception."""

from __future__ import annotations

import pytest

from toolkit import count_terms, load_corpus, stats, top_terms
from toolkit.paths import CORPUS_DIR
from toolkit.teaching.checks import check
from toolkit.teaching.judges import CORRECT, EXERCISES, NOT_YET, PARTLY
from toolkit.teaching.practice import KEYNESS_TABLE


@pytest.fixture(scope="module")
def texts():
    return load_corpus(CORPUS_DIR)


def test_a_right_answer_is_correct_without_a_hint(texts, capsys: pytest.CaptureFixture[str]):
    five = list(top_terms(count_terms(texts), 5)["term"])
    assert check("ex3.2", five, texts) == CORRECT
    assert capsys.readouterr().out == "ex3.2: correct.\n"


def test_a_slip_is_partly_right_and_named(texts, capsys: pytest.CaptureFixture[str]):
    five = list(top_terms(count_terms(texts), 5)["term"])
    assert check("ex3.2", list(reversed(five)), texts) == PARTLY
    assert check("ex5.1", stats.log_likelihood(**KEYNESS_TABLE, form="four-term")) == PARTLY
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == f"ex3.2: partly right. The right five terms, in another order. Hint: {EXERCISES['ex3.2'].hint}"
    assert "four-term form" in printed[1] and "Hint:" in printed[1]


def test_a_wrong_or_missing_answer_is_not_yet_with_a_hint(texts, capsys: pytest.CaptureFixture[str]):
    assert check("ex3.2", ["a", "b", "c", "d", "e"], texts) == NOT_YET
    assert check("ex5.1", 1.0) == NOT_YET
    assert check("ex5.1", None) == NOT_YET
    assert check("ex5.1", ...) == NOT_YET  # the other placeholder students leave
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == f"ex3.2: not yet. Hint: {EXERCISES['ex3.2'].hint}"
    assert printed[2] == printed[3] == f"ex5.1: not yet. No answer yet. Hint: {EXERCISES['ex5.1'].hint}"


def test_a_check_never_raises_and_never_prints_the_expected_value(texts, capsys: pytest.CaptureFixture[str]):
    assert check("ex2.3", "not a number", texts) == NOT_YET
    assert check("ex3.2", 42, texts) == NOT_YET  # not a list: the judge fails, the check does not
    assert check("ex3.1", 1.0) == NOT_YET  # the corpus was not passed
    assert check("ex9.9", 1) == NOT_YET
    for value in (0.0, -3.0, 1e9):
        check("ex5.1", value)
    printed = capsys.readouterr().out
    assert "could not be checked (TypeError" in printed
    assert "there is no exercise with that id; known: ex1.1, ex1.2" in printed.lower()
    g2 = stats.log_likelihood(**KEYNESS_TABLE)
    assert f"{g2:.2f}" not in printed and f"{g2:.1f}" not in printed
