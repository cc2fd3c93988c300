"""What each exercise asks, its hint, and how an answer is judged: the registry :func:`check` reads.

A judge recomputes the expected result with the toolkit, on small fixed data
or on the corpus the student worked on, and returns ``(verdict, message)``:
one of the three verdicts below, and a message that may name the slip but
never gives the answer.

Examples
--------
>>> EXERCISES["ex4.2"].judge("t_score")
('not yet', 't_score does not reward rarity the most.')
>>> sorted(EXERCISES)[:3]
['ex1.1', 'ex1.2', 'ex1.3']
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.teaching.practice import DICE_COUNTS, KEYNESS_TABLE, SENTENCE

#: The three verdicts, best first: right; on the way (a recognisable slip); wrong or no answer.
CORRECT = "correct"
PARTLY = "partly right"
NOT_YET = "not yet"


@dataclass(frozen=True)
class Exercise:
    """A checkable task: its id, what it asks, a hint, and the function that judges answers.

    Parameters
    ----------
    id : str
        Such as ``"ex3.2"``: notebook 3, task 2.
    task : str
        The question, as the notebook asks it.
    hint : str
        Printed with every verdict but ``correct``; it must not give the answer away.
    judge : callable
        ``judge(answer, *context) -> (verdict, message)``.

    Examples
    --------
    >>> EXERCISES["ex5.1"].task
    'Compute the two-term log-likelihood G2 for KEYNESS_TABLE.'
    >>> EXERCISES["ex5.1"].judge(1.0)
    ('not yet', '')
    """

    id: str
    task: str
    hint: str
    judge: Callable[..., tuple[str, str]]


#: Every exercise by id, filled in as the judges below are defined.
EXERCISES: dict[str, Exercise] = {}


def _exercise(exercise_id: str, task: str, hint: str) -> Callable:
    """Register the decorated function as the judge of ``exercise_id``."""

    def register(judge: Callable[..., tuple[str, str]]) -> Callable[..., tuple[str, str]]:
        EXERCISES[exercise_id] = Exercise(exercise_id, task, hint, judge)
        return judge

    return register


def _close(value: Any, target: float, tolerance: float) -> bool:
    """Whether ``value`` is a number within ``tolerance`` of ``target`` (a text or ``None`` is not)."""
    try:
        return math.isclose(float(value), target, rel_tol=0, abs_tol=tolerance)
    except (TypeError, ValueError):
        return False


# --------------------------------------------------------------------------- 1. loading


def _load_report(folder: Any) -> Any:
    """Return the load report of the practice folder, loaded as the student loaded it."""
    from toolkit.corpus.loading import load_corpus

    return load_corpus(folder).attrs["load_report"]


@_exercise("ex1.1", "How many documents did the loader read from the practice folder?", "Ask the load report.")
def _documents_read(answer: Any, folder: Any) -> tuple[str, str]:
    report = _load_report(folder)
    if answer == report.n_documents:
        return CORRECT, ""
    files = sum(1 for p in Path(folder).rglob("*") if p.is_file())
    if answer == files:
        return PARTLY, "That counts every file; some were not read as documents."
    return NOT_YET, ""


@_exercise("ex1.2", "How many files did the loader skip?", "Skipped files have the status 'skipped'.")
def _files_skipped(answer: Any, folder: Any) -> tuple[str, str]:
    report = _load_report(folder)
    if answer == len(report.skipped):
        return CORRECT, ""
    if answer == len(report.skipped) + len(report.empty):
        return PARTLY, "An empty file is still a document (flagged, not skipped)."
    return NOT_YET, ""


@_exercise(
    "ex1.3",
    "At which byte offset is the first byte that is not UTF-8 in the Windows-1252 article?",
    "The load report's reason for the fallback names it.",
)
def _bad_byte(answer: Any, folder: Any) -> tuple[str, str]:
    report = _load_report(folder)
    offsets = [int(m.group(1)) for e in report.fallbacks if (m := re.search(r"at byte (\d+)", e.reason))]
    if answer in offsets:
        return CORRECT, ""
    if any(isinstance(answer, int) and abs(answer - o) == 1 for o in offsets):
        return PARTLY, "Off by one: offsets count from 0."
    return NOT_YET, ""


# --------------------------------------------------------------------------- 2. tokenisation


@_exercise(
    "ex2.1",
    "List the tokens the regexp tokeniser gives for SENTENCE (case kept).",
    "Use toolkit.tokens.pipeline.split_tokens with the tokenizer name.",
)
def _regexp_tokens(answer: Any) -> tuple[str, str]:
    from toolkit.tokens.pipeline import split_tokens

    expected = split_tokens(SENTENCE, "regexp")
    given = list(answer)
    if given == expected:
        return CORRECT, ""
    if [t.lower() for t in given] == [t.lower() for t in expected]:
        return PARTLY, "Right tokens, but the case was changed."
    if sorted(given) == sorted(expected):
        return PARTLY, "Right tokens in the wrong order."
    return NOT_YET, ""


@_exercise(
    "ex2.2",
    "Which tokeniser keeps both didn't and Russia-brokered whole, and drops the quotes?",
    "Try each name in toolkit.TOKENIZERS on SENTENCE.",
)
def _whole_words(answer: Any) -> tuple[str, str]:
    from toolkit.tokens.options import TOKENIZERS
    from toolkit.tokens.pipeline import split_tokens

    name = str(answer).strip().lower()
    if name not in TOKENIZERS:
        return NOT_YET, f"{name!r} is not one of the tokenisers."
    tokens = split_tokens(SENTENCE, name)
    whole = any("didn't" in t for t in tokens) and any("Russia-brokered" in t for t in tokens)
    quoted = any(t.startswith("'") or t.endswith("'") for t in tokens)
    if whole and not quoted:
        return CORRECT, ""
    if whole:
        return PARTLY, "It keeps the words whole, but the quotes stay in the tokens."
    return NOT_YET, ""


@_exercise(
    "ex2.3",
    "How many more distinct types does corpus/ have when case is kept than when it is lowered?",
    "Count terms twice (lowercase=True and False, stopwords kept) and compare the number of rows.",
)
def _case_types(answer: Any, texts: Any) -> tuple[str, str]:
    from toolkit.counting.terms import count_terms

    kept = len(count_terms(texts, lowercase=False, stopwords=False))
    lowered = len(count_terms(texts, stopwords=False))
    if answer == kept - lowered:
        return CORRECT, ""
    if answer == lowered - kept:
        return PARTLY, "Right size, wrong sign: keeping case gives more types, not fewer."
    return NOT_YET, ""


# --------------------------------------------------------------------------- 3. frequency


@_exercise(
    "ex3.1",
    "What is the frequency per million of 'relations' in corpus/ (stopwords removed)?",
    "per_million is n divided by the number of counted terms, times a million.",
)
def _per_million(answer: Any, texts: Any) -> tuple[str, str]:
    from toolkit.counting.terms import count_terms

    counts = count_terms(texts)
    row = counts.set_index("term").loc["relations"]
    if _close(answer, row["per_million"], 0.5):
        return CORRECT, ""
    every = count_terms(texts, stopwords=False)
    if _close(answer, row["n"] / every["n"].sum() * 1e6, 0.5):
        return PARTLY, "You divided by all tokens; the table divides by the terms it counted (stopwords removed)."
    return NOT_YET, ""


@_exercise(
    "ex3.2",
    "List the five most frequent terms of corpus/ (stopwords removed), most frequent first.",
    "top_terms(count_terms(texts), 5); ties are ordered alphabetically.",
)
def _top_five(answer: Any, texts: Any) -> tuple[str, str]:
    from toolkit.counting.terms import count_terms, top_terms

    expected = list(top_terms(count_terms(texts), 5)["term"])
    given = [str(t) for t in answer]
    if given == expected:
        return CORRECT, ""
    overlap = len(set(given) & set(expected))
    if overlap == 5:
        return PARTLY, "The right five terms, in another order."
    if overlap >= 3:
        return PARTLY, f"{overlap} of your five are in the top five."
    return NOT_YET, ""


@_exercise(
    "ex3.3",
    "What slope does a Zipf fit give for the practice corpus (stopwords kept)?",
    "zipf(...) stores the fitted slope in its attrs.",
)
def _zipf_slope(answer: Any, texts: Any) -> tuple[str, str]:
    from toolkit.analysis.diversity import zipf
    from toolkit.counting.terms import count_terms

    slope = zipf(count_terms(texts, stopwords=False)).attrs["slope"]
    if _close(answer, slope, 0.01):
        return CORRECT, ""
    if _close(answer, -slope, 0.01):
        return PARTLY, "Frequency falls as rank grows: the slope is negative."
    return NOT_YET, ""


# --------------------------------------------------------------------------- 4. collocations


@_exercise(
    "ex4.1",
    "How often does 'relations' occur within 5 tokens of 'armenia' in corpus/?",
    "collocates(texts, 'armenia', window=5): the n column.",
)
def _cooccurrence(answer: Any, texts: Any) -> tuple[str, str]:
    from toolkit.analysis.collocates import collocates

    expected = collocates(texts, "armenia", window=5, min_count=1).set_index("collocate").loc["relations", "n"]
    if answer == expected:
        return CORRECT, ""
    for window in (1, 2, 3, 4, 10):
        table = collocates(texts, "armenia", window=window, min_count=1).set_index("collocate")
        if "relations" in table.index and answer == table.loc["relations", "n"]:
            return PARTLY, "That is the count for another window size."
    return NOT_YET, ""


@_exercise(
    "ex4.2",
    "Which association measure favours rare pairs: mi, t_score, log_dice or g2?",
    "Which measure divides by the expected frequency, so that a pair seen once can score highest?",
)
def _rare_pairs(answer: Any) -> tuple[str, str]:
    name = str(answer).strip().lower().replace("-", "_").replace(" ", "_")
    if name in ("mi", "mutual_information", "pmi"):
        return CORRECT, ""
    if name in ("t_score", "log_dice", "g2"):
        return NOT_YET, f"{name} does not reward rarity the most."
    return NOT_YET, f"{answer!r} is not one of mi, t_score, log_dice, g2."


@_exercise(
    "ex4.3",
    "Compute logDice for o11 = 130, r1 = 3121, c1 = 143 (Smadja et al. 1996).",
    "logDice = 14 + log2(2 * o11 / (r1 + c1)); toolkit.stats.log_dice does it.",
)
def _log_dice(answer: Any) -> tuple[str, str]:
    from toolkit import stats

    expected = stats.log_dice(**DICE_COUNTS)
    if _close(answer, expected, 0.001):
        return CORRECT, ""
    dice = 2 * DICE_COUNTS["o11"] / (DICE_COUNTS["r1"] + DICE_COUNTS["c1"])
    if _close(answer, dice, 0.001) or _close(answer, math.log2(dice), 0.001):
        return PARTLY, "That is Dice (or its log); logDice adds 14 to log2 of it."
    return NOT_YET, ""


# --------------------------------------------------------------------------- 5. keyness


@_exercise(
    "ex5.1",
    "Compute the two-term log-likelihood G2 for KEYNESS_TABLE.",
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


@_exercise(
    "ex5.2",
    "Compute the log ratio for KEYNESS_TABLE.",
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


@_exercise(
    "ex5.3",
    "Which term is the strongest keyword of the comparison set up in the notebook?",
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


@_exercise(
    "ex6.1",
    "How many concordance lines does 'relations' have in corpus/?",
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


@_exercise(
    "ex6.2",
    "Which word stands most often just before 'relations' (its 1L word)?",
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


@_exercise(
    "ex7.1",
    "Compute Gries's DP for counts [8, 0, 0, 0] in four parts of equal size.",
    "DP = half the sum of |share of the term's occurrences - share of the corpus| over the parts.",
)
def _dp(answer: Any) -> tuple[str, str]:
    from toolkit import stats

    if _close(answer, stats.gries_dp([8, 0, 0, 0], [1, 1, 1, 1]), 0.001):
        return CORRECT, ""
    if _close(answer, stats.gries_dp([8, 0, 0, 0], [1, 1, 1, 1], normalised=True), 0.001):
        return PARTLY, "That is the normalised DP; the exercise asks for Gries's original DP."
    return NOT_YET, ""


@_exercise(
    "ex7.2",
    "Of the two words compared in the notebook, which is more evenly spread (lower DP)?",
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


@_exercise(
    "ex8.1",
    "Run a report on your question with toolkit.reports.running.run_report and pass its result.",
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


@_exercise(
    "ex8.2",
    "Pass the keyness table of your own group comparison.",
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
