"""The exercise registry and the tools every judge shares: verdicts, staged hints, fair comparisons, type feedback.

A judge recomputes the expected result itself, from fixed data or from the
corpus the student worked on (never from the student's own table), and
returns ``(verdict, message)``. It reads the answer through :func:`number`,
:func:`terms` or :func:`word`, which raise :class:`AnswerTypeError` with a message
that names what was expected and what was given; it compares numbers with
:func:`compare`, which accepts a rounded value and says so.

Examples
--------
>>> compare(59.3, 59.34)
'rounded'
>>> number(["a", "b"])
Traceback (most recent call last):
...
toolkit.teaching.registry.AnswerTypeError: a number was expected; this is a list of 2 items
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: The three verdicts, best first: right; on the way (a recognisable slip); wrong or no answer.
CORRECT = "correct"
PARTLY = "partly right"
NOT_YET = "not yet"
#: Relative difference within which a number is "the right value, rounded" (59.3 for 59.34, 1.58 for 1.585).
ROUNDING = 5e-3
#: Relative difference within which a number is the exact value (floating-point noise).
EXACT = 1e-9
#: What a judge says, besides its verdict, when rounding is the only difference.
ROUNDED_NOTE = "Right, up to rounding."


@dataclass(frozen=True)
class Exercise:
    """A checkable task: its id, what it asks, three staged hints, and the function that judges answers.

    Parameters
    ----------
    id : str
        Such as ``"ex3.2"``: notebook 3, task 2.
    task : str
        The question, as the notebook asks it.
    hints : tuple of str
        Given one at a time, as attempts add up: the idea, then the function
        to use, then the call itself (see :meth:`hint`).
    judge : callable
        ``judge(answer, *context) -> (verdict, message)``.

    Examples
    --------
    >>> exercise = Exercise("ex0.1", "Add.", ("Sum them.", "Use sum().", "sum([1, 2])"), lambda a: (CORRECT, ""))
    >>> [exercise.hint(attempt) for attempt in (1, 2, 3, 9)]
    ['Sum them.', 'Use sum().', 'sum([1, 2])', 'sum([1, 2])']
    """

    id: str
    task: str
    hints: tuple[str, str, str]
    judge: Callable[..., tuple[str, str]]

    def hint(self, attempt: int) -> str:
        """Return the hint for the ``attempt``-th answer (1: the idea; 2: the function; 3 and later: the call)."""
        return self.hints[min(max(attempt, 1), len(self.hints)) - 1]


#: Every exercise by id, filled in by the judge modules (see :mod:`toolkit.teaching.judges`).
EXERCISES: dict[str, Exercise] = {}


def exercise_order(exercise_id: str) -> tuple[int, ...]:
    """Sort key of an exercise id: by notebook, then task, as numbers (ex10.1 after ex9.2).

    Examples
    --------
    >>> sorted(["ex10.1", "ex9.2", "ex9.10"], key=exercise_order)
    ['ex9.2', 'ex9.10', 'ex10.1']
    """
    return tuple(int(part) for part in exercise_id.removeprefix("ex").split(".") if part.isdigit())


def exercise(exercise_id: str, task: str, idea: str, function: str, call: str) -> Callable:
    """Register the decorated function as the judge of ``exercise_id``, with its three staged hints.

    Examples
    --------
    >>> @exercise("ex0.9", "Say yes.", "Agree.", "Use a string.", '"yes"')
    ... def _yes(answer):
    ...     return (CORRECT, "") if word(answer) == "yes" else (NOT_YET, "")
    >>> EXERCISES.pop("ex0.9").judge(" Yes ")
    ('correct', '')
    """

    def register(judge: Callable[..., tuple[str, str]]) -> Callable[..., tuple[str, str]]:
        EXERCISES[exercise_id] = Exercise(exercise_id, task, (idea, function, call), judge)
        return judge

    return register


class AnswerTypeError(TypeError):
    """The answer is not of a kind the exercise can judge; the message says what was expected and given."""


def describe(value: Any) -> str:
    """Say what ``value`` is, in a student's words.

    Examples
    --------
    >>> import pandas as pd
    >>> describe(pd.DataFrame({"term": ["war"], "n": [2]}))
    'a table with columns term, n (1 row)'
    >>> describe("12"), describe(None), describe(3.5)
    ("the text '12'", 'None (no answer)', 'the number 3.5')
    """
    import pandas as pd

    if value is None:
        return "None (no answer)"
    if isinstance(value, pd.DataFrame):
        rows = f"{len(value)} row{'s' if len(value) != 1 else ''}"
        return f"a table with columns {', '.join(map(str, value.columns))} ({rows})"
    if isinstance(value, pd.Series):
        return f"a column ({value.name!r}) of {len(value)} values"
    if isinstance(value, bool):
        return f"the truth value {value}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, Mapping):
        return f"a dictionary of {_items(len(value))}"
    if isinstance(value, Sequence | set | frozenset):
        return f"a {type(value).__name__} of {_items(len(value))}"
    return f"a {type(value).__name__}"


def corpus_of(value: Any, call: str) -> Any:
    """Return ``value`` when it is a corpus table (with a ``text`` column); else say how to call the check.

    What every judge that recomputes from the student's corpus uses, so that a
    check called without it says the same thing in every exercise.

    Raises
    ------
    AnswerTypeError
        "Pass the corpus too: CALL", and what was passed instead, if anything.

    Examples
    --------
    >>> corpus_of(None, 'check("ex6.1", n_lines, speeches)')
    Traceback (most recent call last):
    ...
    toolkit.teaching.registry.AnswerTypeError: Pass the corpus too: check("ex6.1", n_lines, speeches)
    """
    import pandas as pd

    if isinstance(value, pd.DataFrame) and "text" in value.columns:
        return value
    given = "" if value is None else f" (this is {describe(value)}, not a corpus table with a text column)"
    raise AnswerTypeError(f"Pass the corpus too: {call}{given}")


def _items(count: int) -> str:
    return f"{count} item{'' if count == 1 else 's'}"


def number(answer: Any) -> float:
    """Return ``answer`` as a float: a number, a numeric text, or a one-value table or column.

    Raises
    ------
    AnswerTypeError
        When it is none of these.

    Examples
    --------
    >>> number("1.5"), number(2)
    (1.5, 2.0)
    >>> number(True)
    Traceback (most recent call last):
    ...
    toolkit.teaching.registry.AnswerTypeError: a number was expected; this is the truth value True
    """
    import numpy as np
    import pandas as pd

    value = answer
    if isinstance(value, pd.DataFrame | pd.Series) and value.size == 1:
        value = value.to_numpy().ravel()[0]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise AnswerTypeError(f"a number was expected; this is {describe(answer)}")
    try:
        result = float(value.replace(",", "")) if isinstance(value, str) else float(value)
    except ValueError:
        raise AnswerTypeError(f"a number was expected; this is {describe(answer)}") from None
    if not math.isfinite(result):
        raise AnswerTypeError(f"a finite number was expected; this is {describe(answer)}")
    return result


def whole_number(answer: Any) -> int:
    """Return ``answer`` as an int when it is a whole number (``3``, ``3.0``, ``"3"``).

    Examples
    --------
    >>> whole_number(3.0)
    3
    >>> whole_number(2.5)
    Traceback (most recent call last):
    ...
    toolkit.teaching.registry.AnswerTypeError: a whole number (a count) was expected; this is the number 2.5
    """
    value = number(answer)
    if not value.is_integer():
        raise AnswerTypeError(f"a whole number (a count) was expected; this is {describe(answer)}")
    return int(value)


def word(answer: Any) -> str:
    """Return ``answer`` as one lower-case word, stripped (a one-item list or column is accepted).

    Examples
    --------
    >>> word(["Relations"]), word("  Peace ")
    ('relations', 'peace')
    >>> word(4)
    Traceback (most recent call last):
    ...
    toolkit.teaching.registry.AnswerTypeError: a word (a text) was expected; this is the number 4
    """
    import pandas as pd

    value = answer
    if isinstance(value, pd.Series | list | tuple) and len(value) == 1:
        value = next(iter(value))
    if not isinstance(value, str):
        raise AnswerTypeError(f"a word (a text) was expected; this is {describe(answer)}")
    return value.strip().lower()


def terms(answer: Any, *, column: str = "term") -> list[str]:
    """Return ``answer`` as a list of terms: a list, tuple, column, or a table with a ``column`` column.

    Examples
    --------
    >>> import pandas as pd
    >>> terms(pd.DataFrame({"term": ["war", "peace"], "n": [2, 1]}))
    ['war', 'peace']
    >>> terms("war peace")
    Traceback (most recent call last):
    ...
    toolkit.teaching.registry.AnswerTypeError: a list of terms was expected; this is the text 'war peace'
    """
    import pandas as pd

    if isinstance(answer, pd.DataFrame):
        if column not in answer.columns:
            raise AnswerTypeError(
                f"a list of terms (or a table with a {column!r} column) was expected; this is {describe(answer)}"
            )
        answer = answer[column]
    if isinstance(answer, pd.Series):
        answer = answer.tolist()
    if not isinstance(answer, list | tuple) or not all(isinstance(t, str) for t in answer):
        raise AnswerTypeError(f"a list of terms was expected; this is {describe(answer)}")
    return [t.strip() for t in answer]


def _places(answer: Any, value: float) -> tuple[int, int] | None:
    """Return (decimal places, significant digits) of a number as the student wrote it, or ``None`` (a table...)."""
    if isinstance(answer, str):
        text = answer.strip().replace(",", "").lstrip("+-")
    elif isinstance(answer, int | float) and not isinstance(answer, bool):
        text = repr(abs(float(answer))) if isinstance(answer, float) else str(abs(answer))
    else:
        return None
    if "e" in text.lower() or not text.replace(".", "", 1).isdigit():
        return None
    whole, _, fraction = text.partition(".")
    digits = (whole + fraction).lstrip("0")
    return len(fraction), len(digits) if value else 0


def compare(answer: Any, target: float) -> str:
    """Compare a number with the expected value: ``"exact"``, ``"rounded"`` or ``"different"``.

    Rounded means within a relative 0.5% (:data:`ROUNDING`: 27450 for
    27451.2, 59.3 for 59.34), or, for a number written with at least two
    significant digits, within half a unit of its last decimal place and a
    relative 2% (0.33 for 1/3, 1.58 for 1.585). Exercises choose data where
    every typical slip lies further than that from the right value.

    Raises
    ------
    AnswerTypeError
        When ``answer`` is not a number (see :func:`number`).

    Examples
    --------
    >>> compare(1.58, 1.585), compare(27450, 27451.2), compare(0.33, 1 / 3), compare(0.0, 0.0)
    ('rounded', 'rounded', 'rounded', 'exact')
    >>> compare(1.6, 1.585), compare(1.7, 1.585), compare(0.3, 1 / 3), compare(1.58, 1.589)
    ('rounded', 'different', 'different', 'different')
    """
    value = number(answer)
    if math.isclose(value, target, rel_tol=EXACT, abs_tol=1e-12):
        return "exact"
    if math.isclose(value, target, rel_tol=ROUNDING):
        return "rounded"
    places = _places(answer.item() if hasattr(answer, "item") and not isinstance(answer, str) else answer, value)
    close = places is not None and places[1] >= 2 and math.isclose(value, target, rel_tol=0.02)
    if close and places is not None and abs(value - target) <= 0.5 * 10.0 ** -places[0] * (1 + 1e-9):
        return "rounded"
    return "different"


def judge_number(answer: Any, target: float, slips: Sequence[tuple[float, str]] = ()) -> tuple[str, str]:
    """Judge a number against ``target``, then against each ``(value, message)`` slip, in order.

    A rounded right value is correct, with :data:`ROUNDED_NOTE`; a slip
    (also when rounded) is "partly right" with its message; anything else
    "not yet".

    Examples
    --------
    >>> judge_number(3.142, math.pi), judge_number(6.28, math.pi, [(2 * math.pi, "That is 2 pi.")])
    (('correct', 'Right, up to rounding.'), ('partly right', 'That is 2 pi.'))
    """
    verdict = compare(answer, target)
    if verdict != "different":
        return CORRECT, ROUNDED_NOTE if verdict == "rounded" else ""
    for value, message in slips:
        if compare(answer, value) != "different":
            return PARTLY, message
    return NOT_YET, ""


def judge_top(given: Sequence[str], ranked: Sequence[tuple[str, float]], n: int) -> tuple[str, str]:
    """Judge a top-``n`` list against a ranking of ``(term, score)``, accepting every order that ties allow.

    Any list of ``n`` distinct terms whose scores, in the order given, are
    those of the true top ``n`` is correct: tied terms in another order, or
    another term with the score of the last place.

    Examples
    --------
    >>> ranking = [("war", 5), ("peace", 3), ("talks", 3), ("baku", 3), ("moscow", 1)]
    >>> judge_top(["war", "baku", "peace"], ranking, 3)
    ('correct', '')
    >>> judge_top(["peace", "war", "baku"], ranking, 3)
    ('partly right', 'The right terms, in another order: most frequent first.')
    """
    score = dict(ranked)
    expected = [s for _, s in list(ranked)[:n]]
    given = list(given)
    if len(given) != n:
        return NOT_YET, f"{n} terms were expected; this list has {len(given)}."
    if len(set(given)) != n:
        return NOT_YET, "A term is listed twice."
    if [score.get(t) for t in given] == expected:
        return CORRECT, ""
    if sorted((score.get(t, -math.inf) for t in given), reverse=True) == expected:
        return PARTLY, "The right terms, in another order: most frequent first."
    inside = sum(1 for t in given if t in score and score[t] >= expected[-1])
    if inside >= n // 2 + 1:
        return PARTLY, f"{inside} of your {n} belong in the top {n}."
    return NOT_YET, ""
