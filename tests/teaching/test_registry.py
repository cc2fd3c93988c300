"""What every judge shares: the rounding rule, tie-aware top lists, and answers read by type."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit.teaching.registry import (
    CORRECT,
    NOT_YET,
    PARTLY,
    ROUNDED_NOTE,
    AnswerTypeError,
    Exercise,
    compare,
    judge_number,
    judge_top,
    number,
    terms,
    whole_number,
    word,
)


@pytest.mark.parametrize(
    ("given", "target"),
    [(59.3, 59.34), (1.58, 1.585), (1.6, 1.585), (27450, 27451.2), (0.33, 1 / 3), ("1,024", 1024.4), (-2.37, -2.3749)],
)
def test_ordinary_rounding_is_right_and_said_so(given, target):
    assert compare(given, target) == "rounded"
    assert judge_number(given, target) == (CORRECT, ROUNDED_NOTE)


@pytest.mark.parametrize(
    ("given", "target"),
    [(59.0, 59.34), (1.7, 1.585), (0.3, 1 / 3), (1.58, 1.589), (-2.37, 2.37), (0.0, 1e-6), (1e-6, 0.0)],
)
def test_a_different_value_is_not_rounding(given, target):
    assert compare(given, target) == "different"


def test_exact_values_of_every_numeric_type_are_exact():
    for given in (12, 12.0, np.int64(12), np.float32(12), "12", pd.Series([12]), pd.DataFrame({"n": [12]})):
        assert compare(given, 12) == "exact", given


def test_slips_are_judged_after_the_right_value():
    slips = [(10.0, "That is the other form."), (20.0, "Another slip.")]
    assert judge_number(10.01, 10.0, slips) == (CORRECT, ROUNDED_NOTE)  # the right value wins over a slip
    assert judge_number(20.05, 30.0, slips) == (PARTLY, "Another slip.")
    assert judge_number(25.0, 30.0, slips) == (NOT_YET, "")


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (True, "a number was expected; this is the truth value True"),
        ("twelve", "a number was expected; this is the text 'twelve'"),
        ([1, 2], "a number was expected; this is a list of 2 items"),
        (pd.DataFrame({"term": ["a", "b"]}), "a number was expected; this is a table with columns term (2 rows)"),
        (float("nan"), "a finite number was expected; this is the number nan"),
        ({"a": 1}, "a number was expected; this is a dictionary of 1 item"),
    ],
)
def test_a_wrong_type_names_what_was_expected_and_given(answer, expected):
    with pytest.raises(AnswerTypeError) as caught:
        number(answer)
    assert str(caught.value) == expected


def test_counts_words_and_terms_are_read_from_their_usual_forms():
    assert whole_number("3") == whole_number(np.int64(3)) == whole_number(3.0) == 3
    with pytest.raises(AnswerTypeError, match="a whole number"):
        whole_number(3.5)
    assert word(pd.Series(["Peace"])) == word(" peace ") == word(("PEACE",)) == "peace"
    with pytest.raises(AnswerTypeError, match="a word"):
        word(["war", "peace"])
    table = pd.DataFrame({"term": ["war", "peace"], "n": [3, 1]})
    assert terms(table) == terms(table["term"]) == terms(("war", "peace")) == ["war", "peace"]
    with pytest.raises(AnswerTypeError, match="with a 'term' column"):
        terms(table.rename(columns={"term": "word"}))
    with pytest.raises(AnswerTypeError, match="a list of terms"):
        terms([1, 2])


RANKING = [("war", 9), ("peace", 5), ("talks", 5), ("baku", 3), ("moscow", 3), ("yerevan", 3), ("envoy", 1)]


@pytest.mark.parametrize(
    ("given", "verdict"),
    [
        (["war", "peace", "talks", "baku"], CORRECT),
        (["war", "talks", "peace", "yerevan"], CORRECT),  # another tie order, another term tied at the last place
        (["peace", "war", "talks", "baku"], PARTLY),  # the right terms, out of order
        (["war", "peace", "talks", "envoy"], PARTLY),  # three of four
        (["war", "war", "peace", "talks"], NOT_YET),
        (["war", "peace", "talks"], NOT_YET),
        (["envoy", "nato", "un", "eu"], NOT_YET),
    ],
)
def test_a_top_list_accepts_every_order_ties_allow(given, verdict):
    assert judge_top(given, RANKING, 4)[0] == verdict


def test_hints_are_given_in_stages_and_stay_at_the_last():
    staged = Exercise("ex0.1", "Task.", ("idea", "function", "call"), lambda answer: (CORRECT, ""))
    assert [staged.hint(n) for n in (0, 1, 2, 3, 4, 10)] == ["idea", "idea", "function", "call", "call", "call"]
