"""Instant feedback on an answer: a verdict that helps without giving the answer away.

Students call ``check("ex3.2", answer, texts)`` (some exercises also take the
corpus they worked on, or the words they chose). It prints one line with one
of three verdicts:

``correct``
    The answer is right (a rounded number too: the line says so).
``partly right``
    On the way: a recognisable slip (wrong order, the other variant of a
    formula, counting files instead of documents); the message names the slip.
``not yet``
    No answer yet, a wrong one, or one of the wrong type (the message says
    what was expected and what was given).

Hints are staged: the first wrong answer to an exercise gets the idea, the
second the function to use, the third and later the call itself. ``check``
counts the attempts per exercise in the kernel (:data:`ATTEMPTS`). When the
environment variable :data:`GRADE_LOG_ENV` names a file, every verdict is
appended to it as a JSON line, for ``python -m toolkit exercises grade``.

A check never raises and never prints the expected value.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from typing import Any

from toolkit.teaching.judges import CORRECT, EXERCISES, NOT_YET
from toolkit.teaching.registry import AnswerTypeError, exercise_order

#: Answers given so far in this kernel, per exercise id (a placeholder ``None`` is not an attempt).
ATTEMPTS: Counter[str] = Counter()
#: Environment variable naming the file that verdicts are appended to (one JSON object a line).
GRADE_LOG_ENV = "TOOLKIT_GRADE_LOG"


def check(exercise_id: Any, answer: Any, *context: Any, quiet: bool = False) -> str:
    """Judge an answer, print a short verdict with a staged hint, and return the verdict.

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
    quiet : bool, default=False
        Judge only: print nothing, count no attempt, log nothing (what an
        autograded test cell uses).

    Returns
    -------
    str
        ``"correct"``, ``"partly right"`` or ``"not yet"``. Never raises.

    Examples
    --------
    >>> ATTEMPTS.clear()  # as in a new kernel
    >>> check("ex4.2", "mi")
    ex4.2: correct.
    'correct'
    >>> check("ex4.2", None)
    ex4.2: not yet. No answer yet. Hint: A pair seen once, or twice, can top one measure's ranking.
    'not yet'
    """
    try:
        verdict, line = _judge(exercise_id, answer, context, quiet)
    except Exception as err:
        verdict, line = NOT_YET, f"{exercise_id!r}: not yet. The check itself failed ({type(err).__name__})."
    if not quiet:
        print(line)
    return verdict


def _judge(exercise_id: Any, answer: Any, context: tuple[Any, ...], quiet: bool) -> tuple[str, str]:
    if isinstance(exercise_id, list | tuple) and len(exercise_id) == 1:
        exercise_id = exercise_id[0]
    if not isinstance(exercise_id, str) or exercise_id.strip() not in EXERCISES:
        known = ", ".join(sorted(EXERCISES, key=exercise_order))
        return NOT_YET, f"{exercise_id!r}: not yet. There is no exercise with that id; known: {known}."
    exercise = EXERCISES[exercise_id.strip()]
    attempt = ATTEMPTS[exercise.id]
    if answer is None or answer is Ellipsis:
        verdict, message = NOT_YET, "No answer yet."
    else:
        try:
            verdict, message = exercise.judge(answer, *context)
        except AnswerTypeError as err:
            verdict, message = NOT_YET, f"{str(err)[0].upper()}{str(err)[1:]}."
        except Exception as err:
            verdict, message = NOT_YET, f"Your answer could not be checked ({type(err).__name__}: {err})."
        if not quiet:
            attempt = ATTEMPTS[exercise.id] = ATTEMPTS[exercise.id] + 1
    line = f"{exercise.id}: {verdict}."
    if message:
        line += f" {message}"
    if verdict != CORRECT:
        line += f" Hint: {exercise.hint(attempt)}"
    if not quiet:
        _log(exercise.id, verdict, message, attempt)
    return verdict, line


def _log(exercise_id: str, verdict: str, message: str, attempt: int) -> None:
    path = os.environ.get(GRADE_LOG_ENV)
    if not path:
        return
    record = {"exercise": exercise_id, "verdict": verdict, "message": message, "attempts": attempt}
    with open(path, "a", encoding="utf-8") as log:
        log.write(json.dumps(record, ensure_ascii=False) + "\n")
