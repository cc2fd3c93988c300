"""check(): one printed line per answer, a verdict and a staged hint, never the expected value, never an exception."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from toolkit.teaching import checks
from toolkit.teaching.checks import ATTEMPTS, GRADE_LOG_ENV, check
from toolkit.teaching.registry import CORRECT, EXERCISES, NOT_YET, PARTLY, exercise, judge_number

HINTS = ("Think of the area of a circle.", "Use math.pi.", "math.pi * 3 ** 2")


@pytest.fixture
def area() -> Iterator[str]:
    """A throwaway exercise: the area of a circle of radius 3 (28.27...), with one named slip (the circumference).

    Not radius 2, where area and circumference are both 4 pi: a slip must give another number.
    """

    @exercise("ex0.1", "What is the area of a circle of radius 3?", *HINTS)
    def _area(answer: object) -> tuple[str, str]:
        return judge_number(answer, math.pi * 9, [(math.pi * 6, "That is the circumference.")])

    ATTEMPTS.pop("ex0.1", None)
    yield "ex0.1"
    EXERCISES.pop("ex0.1")
    ATTEMPTS.pop("ex0.1", None)


def test_a_right_answer_is_correct_without_a_hint_and_a_rounded_one_says_so(area, capsys):
    assert check(area, 28.274333882308138) == CORRECT
    assert check(area, 28.27) == CORRECT
    assert capsys.readouterr().out.splitlines() == ["ex0.1: correct.", "ex0.1: correct. Right, up to rounding."]


def test_hints_are_staged_the_idea_then_the_function_then_the_call(area, capsys):
    for _ in range(4):
        assert check(area, 50) == NOT_YET
    printed = capsys.readouterr().out.splitlines()
    assert printed == [f"ex0.1: not yet. Hint: {hint}" for hint in (*HINTS, HINTS[2])]
    assert ATTEMPTS[area] == 4


def test_no_answer_yet_is_not_an_attempt(area, capsys):
    assert check(area, None) == check(area, ...) == NOT_YET
    assert ATTEMPTS[area] == 0
    assert capsys.readouterr().out.splitlines() == [f"ex0.1: not yet. No answer yet. Hint: {HINTS[0]}"] * 2


def test_a_wrong_type_is_named_with_what_was_expected(area, capsys):
    assert check(area, pd.DataFrame({"term": ["war"], "n": [2], "x": [1]})) == NOT_YET
    assert check(area, "twelve") == NOT_YET
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith(
        "ex0.1: not yet. A number was expected; this is a table with columns term, n, x (1 row)."
    )
    assert printed[1].startswith("ex0.1: not yet. A number was expected; this is the text 'twelve'.")


def test_a_named_slip_is_partly_right(area, capsys):
    assert check(area, 18.85) == PARTLY
    assert capsys.readouterr().out == f"ex0.1: partly right. That is the circumference. Hint: {HINTS[0]}\n"


def test_quiet_judges_only(area, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv(GRADE_LOG_ENV, str(tmp_path / "log.jsonl"))
    assert check(area, 28.274, quiet=True) == CORRECT
    assert check(area, 3, quiet=True) == NOT_YET
    assert capsys.readouterr().out == "" and ATTEMPTS[area] == 0 and not (tmp_path / "log.jsonl").exists()


def test_every_verdict_is_logged_for_grading_when_asked(area, tmp_path: Path, monkeypatch, capsys):
    log = tmp_path / "log.jsonl"
    monkeypatch.setenv(GRADE_LOG_ENV, str(log))
    check(area, None)
    check(area, 3)
    check(area, "28.274")
    records = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    assert [(r["exercise"], r["verdict"], r["attempts"]) for r in records] == [
        ("ex0.1", NOT_YET, 0),
        ("ex0.1", NOT_YET, 1),
        ("ex0.1", CORRECT, 2),
    ]
    assert records[0]["message"] == "No answer yet."


def test_an_id_given_as_a_list_or_unknown_never_raises(area, capsys):
    assert check([area], math.pi * 9) == CORRECT
    assert check(["ex0.1", "ex0.2"], 1) == NOT_YET
    assert check(42, 1) == NOT_YET
    assert check("ex9.9", 1) == NOT_YET
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "ex0.1: correct."
    assert all("There is no exercise with that id; known: ex0.1, ex1.1, ex1.2" in line for line in printed[1:])


def test_a_judge_that_fails_is_reported_not_raised(capsys):
    @exercise("ex0.2", "Divide.", "a", "b", "c")
    def _broken(answer: object) -> tuple[str, str]:
        return PARTLY, str(1 / 0)

    try:
        assert check("ex0.2", 1) == NOT_YET
        assert "could not be checked (ZeroDivisionError: division by zero)" in capsys.readouterr().out
    finally:
        EXERCISES.pop("ex0.2")
        ATTEMPTS.pop("ex0.2", None)


def test_a_print_that_fails_does_not_raise(area, monkeypatch):
    monkeypatch.setattr(checks, "_judge", lambda *a: 1 / 0)
    assert check(area, 1) == NOT_YET


def test_no_check_prints_the_expected_value(capsys):
    from toolkit import stats
    from toolkit.teaching.practice import KEYNESS_TABLE

    for value in (0.0, -3.0, 1e9, "x", None, [1, 2]):
        for exercise_id in sorted(EXERCISES):
            check(exercise_id, value)
    g2 = stats.log_likelihood(**KEYNESS_TABLE)
    printed = capsys.readouterr().out
    assert f"{g2:.2f}" not in printed and f"{g2:.1f}" not in printed
