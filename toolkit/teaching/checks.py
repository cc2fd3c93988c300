"""Instant feedback on an answer: a verdict that helps without giving the answer away.

Students call ``check("ex3.2", answer)`` (some exercises also take the corpus
they worked on, or the table they made). It prints one line with one of three
verdicts:

``correct``
    The answer is right.
``partly right``
    On the way: a recognisable slip (wrong order, the other variant of a
    formula, counting files instead of documents); the message names the slip.
``not yet``
    No answer yet, or a wrong one; the message gives a hint.

A check never raises and never prints the expected value.
"""

from __future__ import annotations

from typing import Any

from toolkit.teaching.judges import CORRECT, EXERCISES, NOT_YET


def check(exercise_id: str, answer: Any, *context: Any) -> str:
    """Judge an answer, print a short verdict with a hint, and return the verdict.

    Parameters
    ----------
    exercise_id : str
        Such as ``"ex3.2"``.
    answer : any
        The student's answer; ``None`` (the student version's placeholder)
        means "not answered yet".
    *context
        What some exercises need to recompute the expected result, such as
        the corpus table the student worked on.

    Returns
    -------
    str
        ``"correct"``, ``"partly right"`` or ``"not yet"``. Never raises.

    Examples
    --------
    >>> check("ex4.2", "mi")
    ex4.2: correct.
    'correct'
    >>> check("ex4.2", None)
    ex4.2: not yet. No answer yet. Hint: Which measure divides by the expected frequency, so that a pair seen once
    can score highest?
    'not yet'
    """
    exercise = EXERCISES.get(exercise_id)
    if exercise is None:
        print(f"{exercise_id}: not yet. There is no exercise with that id; known: {', '.join(sorted(EXERCISES))}.")
        return NOT_YET
    if answer is None or answer is Ellipsis:
        verdict, message = NOT_YET, "No answer yet."
    else:
        try:
            verdict, message = exercise.judge(answer, *context)
        except Exception as err:  # a check must never crash a student's notebook
            verdict, message = NOT_YET, f"Your answer could not be checked ({type(err).__name__}: {err})."
    line = f"{exercise_id}: {verdict}."
    if message:
        line += f" {message}"
    if verdict != CORRECT:
        line += f" Hint: {exercise.hint}"
    print(line)
    return verdict
