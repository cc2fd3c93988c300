"""Judges of exercises 1 to 4: loading, tokenisation, frequency, collocations."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from toolkit.teaching.practice import DICE_COUNTS, SENTENCE
from toolkit.teaching.registry import CORRECT, NOT_YET, PARTLY, exercise


def _close(value: Any, target: float, tolerance: float) -> bool:
    try:
        return math.isclose(float(value), target, rel_tol=0, abs_tol=tolerance)
    except (TypeError, ValueError):
        return False


# --------------------------------------------------------------------------- 1. loading


def _load_report(folder: Any) -> Any:
    """Return the load report of the practice folder, loaded as the student loaded it."""
    from toolkit.corpus.loading import load_corpus

    return load_corpus(folder).attrs["load_report"]


@exercise(
    "ex1.1",
    "How many documents did the loader read from the practice folder?",
    "Ask the load report.",
    "Ask the load report.",
    "Ask the load report.",
)
def _documents_read(answer: Any, folder: Any) -> tuple[str, str]:
    report = _load_report(folder)
    if answer == report.n_documents:
        return CORRECT, ""
    files = sum(1 for p in Path(folder).rglob("*") if p.is_file())
    if answer == files:
        return PARTLY, "That counts every file; some were not read as documents."
    return NOT_YET, ""


@exercise(
    "ex1.2",
    "How many files did the loader skip?",
    "Skipped files have the status 'skipped'.",
    "Skipped files have the status 'skipped'.",
    "Skipped files have the status 'skipped'.",
)
def _files_skipped(answer: Any, folder: Any) -> tuple[str, str]:
    report = _load_report(folder)
    if answer == len(report.skipped):
        return CORRECT, ""
    if answer == len(report.skipped) + len(report.empty):
        return PARTLY, "An empty file is still a document (flagged, not skipped)."
    return NOT_YET, ""


@exercise(
    "ex1.3",
    "At which byte offset is the first byte that is not UTF-8 in the Windows-1252 article?",
    "The load report's reason for the fallback names it.",
    "The load report's reason for the fallback names it.",
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


@exercise(
    "ex2.1",
    "List the tokens the regexp tokeniser gives for SENTENCE (case kept).",
    "Use toolkit.tokens.pipeline.split_tokens with the tokenizer name.",
    "Use toolkit.tokens.pipeline.split_tokens with the tokenizer name.",
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


@exercise(
    "ex2.2",
    "Which tokeniser keeps both didn't and Russia-brokered whole, and drops the quotes?",
    "Try each name in toolkit.TOKENIZERS on SENTENCE.",
    "Try each name in toolkit.TOKENIZERS on SENTENCE.",
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


@exercise(
    "ex2.3",
    "How many more distinct types does corpus/ have when case is kept than when it is lowered?",
    "Count terms twice (lowercase=True and False, stopwords kept) and compare the number of rows.",
    "Count terms twice (lowercase=True and False, stopwords kept) and compare the number of rows.",
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


@exercise(
    "ex3.1",
    "What is the frequency per million of 'relations' in corpus/ (stopwords removed)?",
    "per_million is n divided by the number of counted terms, times a million.",
    "per_million is n divided by the number of counted terms, times a million.",
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


@exercise(
    "ex3.2",
    "List the five most frequent terms of corpus/ (stopwords removed), most frequent first.",
    "top_terms(count_terms(texts), 5); ties are ordered alphabetically.",
    "top_terms(count_terms(texts), 5); ties are ordered alphabetically.",
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


@exercise(
    "ex3.3",
    "What slope does a Zipf fit give for the practice corpus (stopwords kept)?",
    "zipf(...) stores the fitted slope in its attrs.",
    "zipf(...) stores the fitted slope in its attrs.",
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


@exercise(
    "ex4.1",
    "How often does 'relations' occur within 5 tokens of 'armenia' in corpus/?",
    "collocates(texts, 'armenia', window=5): the n column.",
    "collocates(texts, 'armenia', window=5): the n column.",
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


@exercise(
    "ex4.2",
    "Which association measure favours rare pairs: mi, t_score, log_dice or g2?",
    "Which measure divides by the expected frequency, so that a pair seen once can score highest?",
    "Which measure divides by the expected frequency, so that a pair seen once can score highest?",
    "Which measure divides by the expected frequency, so that a pair seen once can score highest?",
)
def _rare_pairs(answer: Any) -> tuple[str, str]:
    name = str(answer).strip().lower().replace("-", "_").replace(" ", "_")
    if name in ("mi", "mutual_information", "pmi"):
        return CORRECT, ""
    if name in ("t_score", "log_dice", "g2"):
        return NOT_YET, f"{name} does not reward rarity the most."
    return NOT_YET, f"{answer!r} is not one of mi, t_score, log_dice, g2."


@exercise(
    "ex4.3",
    "Compute logDice for o11 = 130, r1 = 3121, c1 = 143 (Smadja et al. 1996).",
    "logDice = 14 + log2(2 * o11 / (r1 + c1)); toolkit.stats.log_dice does it.",
    "logDice = 14 + log2(2 * o11 / (r1 + c1)); toolkit.stats.log_dice does it.",
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
