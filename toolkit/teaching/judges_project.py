"""Judges of exercise 8, the mini-project: the keyness report run, and the student's own keyness table.

The table is judged against the keyness table this module computes itself
from the corpus, grouping column and target the student passes as context,
with numbered speeches of one president (``1965-Johnson-1``,
``1965-Johnson-2``) merged into one group (:func:`merged_groups`).

Examples
--------
>>> from toolkit.teaching.registry import EXERCISES
>>> EXERCISES["ex8.1"].judge("done")
Traceback (most recent call last):
...
toolkit.teaching.registry.AnswerTypeError: the result of run_report was expected; this is the text 'done'
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.teaching.judges_analysis import FALLBACK_REFERENCE, corpus_context, with_context
from toolkit.teaching.registry import CORRECT, NOT_YET, PARTLY, ROUNDING, AnswerTypeError, describe, exercise

#: The name template that reads NLTK's state_union file names with one group per president.
MERGING_TEMPLATE = "{year}-{president}-{speech?}"
#: A group name with a speech number, as ``"{year}-{president}"`` reads ``1965-Johnson-1``.
NUMBERED = r"^(?P<name>.+?)-\d+$"
#: A table rounded to two decimals (``.round(2)``) is still the right table.
TABLE_ROUNDING = 0.005 + 1e-9
#: How many of the student's first rows are compared term by term (all are checked for order).
COMPARED_ROWS = 50


def merged_groups(corpus: pd.DataFrame, by: str) -> pd.DataFrame:
    """Return ``corpus`` with numbered groups (``Johnson-1``, ``Johnson-2``) merged into one (``Johnson``).

    Examples
    --------
    >>> corpus = pd.DataFrame({"text": ["a", "b", "c"], "president": ["Johnson-1", "Johnson", "Ford"]})
    >>> merged_groups(corpus, "president")["president"].tolist()
    ['Johnson', 'Johnson', 'Ford']
    """
    merged = corpus.copy()
    numbered = [isinstance(v, str) and _numbered(v) for v in merged[by]]
    merged.loc[numbered, by] = [v.rsplit("-", 1)[0] for v in merged.loc[numbered, by]]
    return merged


def _numbered(value: str) -> bool:
    return re.match(NUMBERED, value) is not None


# --------------------------------------------------------------------------- 8.1 the report


@exercise(
    "ex8.1",
    "Run the keyness report on your question with run_report and pass its result.",
    "A report runs a whole analysis notebook with your parameters and publishes it as a web page.",
    "toolkit.reports.running.run_report(name, parameters, out=folder) runs one and returns a RunResult.",
    'result = run_report("keyness", {"corpus": "nltk:state_union", "name_template": "' + MERGING_TEMPLATE + '", '
    '"by": "president", "target": "Johnson"}, out=tempfile.mkdtemp())',
)
def _report_ran(answer: Any, *context: Any) -> tuple[str, str]:
    from toolkit.reports.running import RunResult

    if not isinstance(answer, RunResult):
        raise AnswerTypeError(f"the result of run_report was expected; this is {describe(answer)}")
    if "keyness" not in answer.notebook:
        return NOT_YET, f"That is the {answer.notebook} report; this task asks for the keyness report."
    if answer.status != "SUCCEEDED":
        return PARTLY, f"The keyness report ran but failed: {answer.error or 'no reason given'}"
    page = Path(answer.folder or "") / f"{answer.notebook}.html"
    if not answer.folder or not page.exists():
        return NOT_YET, "The run's folder has no web page: was it deleted?"
    parameters = answer.parameters or {}
    split = parameters.get("by") == "president" and parameters.get("name_template") == "{year}-{president}"
    if split and "state_union" in str(parameters.get("corpus", "")):
        return PARTLY, (
            f"That template makes Johnson-1 and Johnson-2 separate presidents; use name_template {MERGING_TEMPLATE!r}."
        )
    if parameters.get("by") and not parameters.get("target"):
        return PARTLY, "The report ran, but with no target: name the group your question is about."
    return CORRECT, ""


# --------------------------------------------------------------------------- 8.2 the student's own table


def _context(context: tuple[Any, ...]) -> tuple[pd.DataFrame, str | None, Any]:
    call = 'check("ex8.2", own, speeches, "president", "Johnson")'
    corpus = corpus_context(context, call)
    by, target = [*context[1:3], None, None][:2]
    if by is not None and by not in corpus.columns:
        raise AnswerTypeError(f"Pass the grouping column your corpus has (it has no {by!r}): {call}")
    if (by is None) != (target is None):
        raise AnswerTypeError(f"Pass both the grouping column and the target: {call}")
    return corpus, by, target


def _keyness(corpus: pd.DataFrame, by: str | None, target: Any) -> pd.DataFrame:
    from toolkit import keyness

    if by is None:
        return keyness(corpus, reference=FALLBACK_REFERENCE)
    return keyness(corpus, by=by, target=target)


def _close(values: list[float], expected: list[float]) -> bool:
    return len(values) == len(expected) and all(
        math.isclose(v, e, rel_tol=ROUNDING, abs_tol=TABLE_ROUNDING) for v, e in zip(values, expected, strict=True)
    )


def _same_rows(given: pd.DataFrame, expected: pd.DataFrame) -> bool:
    rows = given.head(COMPARED_ROWS)
    scores = dict(zip(expected["term"], expected["g2"], strict=True))
    if not rows["term"].isin(list(scores)).all():
        return False
    return _close([float(g) for g in rows["g2"]], [scores[t] for t in rows["term"]])


def _ordered(given: pd.DataFrame, expected: pd.DataFrame) -> bool:
    """Whether the rows are the strongest (top by G2 or by log ratio) and sorted, strongest first, by either."""
    columns = [c for c in ("g2", "log_ratio") if c in given.columns]
    descending = any(given[c].astype(float).is_monotonic_decreasing for c in columns)
    top = any(
        _close(
            sorted(map(float, given[c]), reverse=True),
            expected[c].sort_values(ascending=False).head(len(given)).tolist(),
        )
        for c in columns
    )
    return descending and top


@exercise(
    "ex8.2",
    "Make the keyness table of your comparison (your target against the other groups) and pass it.",
    "Keyness compares the target group's word frequencies with those of all the other groups together.",
    "keyness(corpus, by=column, target=group) returns the table, sorted by G2; sort it by log_ratio if you prefer.",
    'own = keyness(speeches, by="president", target="Johnson"); check("ex8.2", own, speeches, "president", "Johnson")',
)
@with_context
def _own_keyness(answer: Any, *context: Any) -> tuple[str, str]:
    if not isinstance(answer, pd.DataFrame) or not {"term", "g2"} <= set(answer.columns):
        raise AnswerTypeError(f"a keyness table (with term and g2 columns) was expected; this is {describe(answer)}")
    corpus, by, target = _context(context)
    if answer.empty:
        return NOT_YET, "The table is empty: are the target and the reference different?"
    own = merged_groups(corpus, by) if by is not None else corpus
    found = by is None or (own[by] == target).any()
    if found and _same_rows(answer, expected := _keyness(own, by, target)):
        if _ordered(answer, expected):
            return CORRECT, ""
        return PARTLY, "The right values, but keep the strongest first: sort by g2 or by log_ratio, descending."
    apart = by is not None and not own[by].equals(corpus[by]) and (corpus[by] == target).any()
    if apart and _same_rows(answer, _keyness(corpus, by, target)):
        name = str(target).rsplit("-", 1)[0] if _numbered(str(target)) else target
        return PARTLY, (
            f"In your groups a president's numbered speeches (such as {name}-1) are separate groups, so some of "
            f"the target's speeches sit in the reference: load the corpus with name_template={MERGING_TEMPLATE!r}."
        )
    if not found and not apart:
        return NOT_YET, f"No document has {by} {target!r}: check the spelling of the target."
    if by is None:
        return NOT_YET, "This is not the keyness table of this corpus against general English."
    return NOT_YET, f"This is not the keyness table of {target!r} against the others, from this corpus."
