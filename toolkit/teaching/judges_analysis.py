"""Judges of exercises 5 to 8: keyness, concordance, dispersion, the mini-project."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.teaching.practice import KEYNESS_TABLE
from toolkit.teaching.registry import CORRECT, NOT_YET, PARTLY, exercise


def _close(value: Any, target: float, tolerance: float) -> bool:
    try:
        return math.isclose(float(value), target, rel_tol=0, abs_tol=tolerance)
    except (TypeError, ValueError):
        return False


# --------------------------------------------------------------------------- 5. keyness


@exercise(
    "ex5.1",
    "Compute the two-term log-likelihood G2 for KEYNESS_TABLE.",
    "stats.log_likelihood(a, b, c, d) with the default form.",
    "stats.log_likelihood(a, b, c, d) with the default form.",
    "stats.log_likelihood(a, b, c, d) with the default form.",
)
def _g2(answer: Any) -> tuple[str, str]:
    from toolkit import stats

    if _close(answer, stats.log_likelihood(**KEYNESS_TABLE), 0.01):
        return CORRECT, ""
    if _close(answer, stats.log_likelihood(**KEYNESS_TABLE, form="four-term"), 0.01):
        return PARTLY, "That is the four-term form; this exercise asks for Rayson & Garside's two-term form."
    if _close(answer, stats.chi_squared(**KEYNESS_TABLE), 0.01):
        return PARTLY, "That is chi-squared, a different test."
    return NOT_YET, ""


@exercise(
    "ex5.2",
    "Compute the log ratio for KEYNESS_TABLE.",
    "Log ratio is the binary logarithm of the ratio of the two relative frequencies.",
    "Log ratio is the binary logarithm of the ratio of the two relative frequencies.",
    "Log ratio is the binary logarithm of the ratio of the two relative frequencies.",
)
def _log_ratio(answer: Any) -> tuple[str, str]:
    from toolkit import stats

    expected = stats.log_ratio(**KEYNESS_TABLE)
    if _close(answer, expected, 0.001):
        return CORRECT, ""
    ratio = 2**expected
    if _close(answer, math.log(ratio), 0.001) or _close(answer, math.log10(ratio), 0.001):
        return PARTLY, "Right ratio, wrong logarithm: use base 2."
    if _close(answer, ratio, 0.001):
        return PARTLY, "That is the ratio itself; take its binary logarithm."
    return NOT_YET, ""


@exercise(
    "ex5.3",
    "Which term is the strongest keyword of the comparison set up in the notebook?",
    "keyness(...) is sorted by G2: the first row.",
    "keyness(...) is sorted by G2: the first row.",
    "keyness(...) is sorted by G2: the first row.",
)
def _top_keyword(answer: Any, table: Any) -> tuple[str, str]:
    terms = list(table["term"])
    if str(answer) == terms[0]:
        return CORRECT, ""
    if str(answer) in terms[:5]:
        return PARTLY, "A strong keyword, but not the strongest."
    return NOT_YET, ""


# --------------------------------------------------------------------------- 6. concordance


@exercise(
    "ex6.1",
    "How many concordance lines does 'relations' have in corpus/?",
    "len(kwic(texts, 'relations')); it equals the term's count.",
    "len(kwic(texts, 'relations')); it equals the term's count.",
    "len(kwic(texts, 'relations')); it equals the term's count.",
)
def _kwic_lines(answer: Any, texts: Any) -> tuple[str, str]:
    from toolkit.analysis.concordance import kwic

    expected = len(kwic(texts, "relations"))
    if answer == expected:
        return CORRECT, ""
    if answer == len(kwic(texts, "relations", lowercase=False)) or answer == len(kwic(texts, "relation*")):
        return PARTLY, "Check case and wildcards: the exercise asks for the word 'relations' in any case."
    return NOT_YET, ""


@exercise(
    "ex6.2",
    "Which word stands most often just before 'relations' (its 1L word)?",
    "Sort kwic(...) by the left context, or count the last word of each left context.",
    "Sort kwic(...) by the left context, or count the last word of each left context.",
    "Sort kwic(...) by the left context, or count the last word of each left context.",
)
def _left_word(answer: Any, texts: Any) -> tuple[str, str]:
    from toolkit.analysis.concordance import kwic

    lefts = Counter(s.split()[-1].lower() for s in kwic(texts, "relations")["left"] if s.split())
    ranked = sorted(lefts.items(), key=lambda kv: (-kv[1], kv[0]))
    best = ranked[0][1]
    given = str(answer).strip().lower()
    if lefts.get(given) == best:
        return CORRECT, ""
    if given in lefts:
        return PARTLY, "That word does stand before 'relations', but not most often."
    return NOT_YET, ""


# --------------------------------------------------------------------------- 7. dispersion


@exercise(
    "ex7.1",
    "Compute Gries's DP for counts [8, 0, 0, 0] in four parts of equal size.",
    "DP = half the sum of |share of the term's occurrences - share of the corpus| over the parts.",
    "DP = half the sum of |share of the term's occurrences - share of the corpus| over the parts.",
    "DP = half the sum of |share of the term's occurrences - share of the corpus| over the parts.",
)
def _dp(answer: Any) -> tuple[str, str]:
    from toolkit import stats

    if _close(answer, stats.gries_dp([8, 0, 0, 0], [1, 1, 1, 1]), 0.001):
        return CORRECT, ""
    if _close(answer, stats.gries_dp([8, 0, 0, 0], [1, 1, 1, 1], normalised=True), 0.001):
        return PARTLY, "That is the normalised DP; the exercise asks for Gries's original DP."
    return NOT_YET, ""


@exercise(
    "ex7.2",
    "Of the two words compared in the notebook, which is more evenly spread (lower DP)?",
    "dispersion(texts, [word1, word2]) lists DP; lower is more even.",
    "dispersion(texts, [word1, word2]) lists DP; lower is more even.",
    "dispersion(texts, [word1, word2]) lists DP; lower is more even.",
)
def _more_even(answer: Any, table: Any) -> tuple[str, str]:
    ordered = table.sort_values(["dp", "term"])["term"].tolist()
    if str(answer) == ordered[0]:
        return CORRECT, ""
    if str(answer) in ordered:
        return NOT_YET, "That one is the more clumped of the two."
    return NOT_YET, f"{answer!r} is not one of {ordered}."


# --------------------------------------------------------------------------- 8. mini-project


@exercise(
    "ex8.1",
    "Run a report on your question with toolkit.reports.running.run_report and pass its result.",
    "run_report('keyness', {...}, out=...) returns a RunResult; read its status and error.",
    "run_report('keyness', {...}, out=...) returns a RunResult; read its status and error.",
    "run_report('keyness', {...}, out=...) returns a RunResult; read its status and error.",
)
def _report_ran(answer: Any) -> tuple[str, str]:
    status = getattr(answer, "status", None)
    folder = Path(getattr(answer, "folder", "") or ".")
    if status == "SUCCEEDED" and (folder / f"{answer.notebook}.html").exists():
        return CORRECT, ""
    if status == "FAILED":
        return PARTLY, f"The run failed: {answer.error}"
    return NOT_YET, "Pass the object run_report returns."


@exercise(
    "ex8.2",
    "Pass the keyness table of your own group comparison.",
    "keyness(texts, by=..., target=...) returns it, sorted by G2.",
    "keyness(texts, by=..., target=...) returns it, sorted by G2.",
    "keyness(texts, by=..., target=...) returns it, sorted by G2.",
)
def _own_keyness(answer: Any) -> tuple[str, str]:
    from toolkit.analysis.keyness import KEYNESS_COLUMNS

    if not isinstance(answer, pd.DataFrame) or not set(KEYNESS_COLUMNS) <= set(answer.columns):
        return NOT_YET, "Expected a keyness table."
    if answer.empty:
        return PARTLY, "The table is empty: are target and reference different?"
    if list(answer["g2"]) != sorted(answer["g2"], reverse=True):
        return PARTLY, "Keep the table sorted by G2, strongest first."
    return CORRECT, ""
