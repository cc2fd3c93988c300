"""Judges of exercises 1 to 4: loading, tokenisation, frequency, collocations.

Each judge recomputes the expected result from what the check is given as
context (the practice folder, or the corpus table the student loaded), never
from the student's own table, and compares numbers with a relative tolerance
(:func:`~toolkit.teaching.registry.compare`). The data are chosen so that
every typical slip gives a number more than that tolerance away from the
right one (see ``tests/teaching/test_judges_text.py``, the verdict matrix).

Examples
--------
>>> _log_dice(10.35)
('correct', 'Right, up to rounding.')
>>> _log_dice(0.0797)[0]
'partly right'
>>> _per_million(2831.8)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
toolkit.teaching.registry.AnswerTypeError: Pass the corpus too: check("ex3.1", ...)
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.teaching.practice import DICE_COUNTS, SENTENCE
from toolkit.teaching.registry import (
    CORRECT,
    NOT_YET,
    PARTLY,
    AnswerTypeError,
    compare,
    corpus_of,
    describe,
    exercise,
    judge_number,
    judge_top,
    number,
    terms,
    whole_number,
    word,
)

#: Relative difference within which a wrong number is "close": the message asks for more decimals.
NEAR = 0.05

Judged = tuple[str, str]


def _judged(
    answer: Any,
    target: float,
    slips: Sequence[tuple[float, str]] = (),
    mistakes: Sequence[tuple[float, str]] = (),
    *,
    count: bool = False,
) -> Judged:
    """Judge a number: right (maybe rounded), a slip (partly right), a named mistake, or close but not right.

    A ``count`` is exact: another whole number is not a rounding of it (710
    is not 713), so it is compared, and matched with slips, exactly.
    "Close" (within :data:`NEAR`) is said only of targets that are not whole numbers.

    Examples
    --------
    >>> _judged(3, 6, mistakes=[(3, "That is half.")]), _judged(6.1, 6.2)[1]
    (('not yet', 'That is half.'), 'Close, but further off than rounding: recompute, or keep more decimals.')
    >>> _judged(710, 713), _judged(710, 713, count=True)
    (('correct', 'Right, up to rounding.'), ('not yet', ''))
    """
    if count:
        given = whole_number(answer)
        if given == target:
            return CORRECT, ""
        named = [(PARTLY, text) for value, text in slips if value == given]
        named += [(NOT_YET, text) for value, text in mistakes if value == given]
        return named[0] if named else (NOT_YET, "")
    verdict, message = judge_number(answer, target, slips)
    if verdict != NOT_YET:
        return verdict, message
    for value, text in mistakes:
        if compare(answer, value) != "different":
            return NOT_YET, text
    if not float(target).is_integer() and math.isclose(number(answer), target, rel_tol=NEAR):
        return NOT_YET, "Close, but further off than rounding: recompute, or keep more decimals."
    return NOT_YET, ""


def _corpus(texts: Any, exercise_id: str, name: str = "speeches") -> pd.DataFrame:
    """Return the corpus table passed as context, or say how to call the check (:func:`corpus_of`)."""
    return corpus_of(texts, f'check("{exercise_id}", answer, {name})')


# --------------------------------------------------------------------------- 1. loading


def _report(folder: Any, exercise_id: str) -> Any:
    """Return the load report of the practice folder, loaded afresh (not the student's table)."""
    from toolkit.corpus.loading import load_corpus, load_report

    if not isinstance(folder, str | Path) or not Path(folder).is_dir():
        given = "" if folder is None else f"; this is {describe(folder)}, not a folder"
        raise AnswerTypeError(f'the check needs the practice folder too: check("{exercise_id}", answer, folder){given}')
    return load_report(load_corpus(folder))


@exercise(
    "ex1.1",
    "How many documents did the loader read from the practice folder?",
    "A document is a file the loader read, even one that was empty or needed another encoding.",
    "load_report(texts) returns the report; it counts the documents it read.",
    "load_report(texts).n_documents",
)
def _documents_read(answer: Any, folder: Any = None) -> Judged:
    report = _report(folder, "ex1.1")
    files = [p for p in Path(folder).rglob("*") if p.is_file()]
    return _judged(
        answer,
        report.n_documents,
        slips=[
            (len(files), "That counts every file; some were skipped, not read as documents."),
            (sum(p.suffix == ".txt" for p in files), "That counts the .txt files; one of them is not text at all."),
            (report.n_documents - len(report.empty), "An empty file is read too: a document, flagged as empty."),
            (sum(e.status == "read" for e in report.entries), "Files decoded with another encoding were read too."),
        ],
        mistakes=[(len(report.skipped), "That is the number of files skipped, not of documents read.")],
        count=True,
    )


@exercise(
    "ex1.2",
    "How many files did the loader skip (not read at all)?",
    "Skipped files are not in the corpus table at all; empty files are.",
    "load_report(texts).skipped lists the skipped files.",
    "len(load_report(texts).skipped)",
)
def _files_skipped(answer: Any, folder: Any = None) -> Judged:
    report = _report(folder, "ex1.2")
    skipped = len(report.skipped)
    return _judged(
        answer,
        skipped,
        slips=[
            (skipped + len(report.empty), "An empty file is still a document (flagged, not skipped)."),
            (sum(not e.path.endswith(".txt") for e in report.skipped), "A file named .txt can be skipped too."),
        ],
        mistakes=[(report.n_documents, "That is the number of documents read, not of files skipped.")],
        count=True,
    )


@exercise(
    "ex1.3",
    "At which byte offset is the first byte that is not UTF-8 in the Windows-1252 article?",
    "The loader tried UTF-8 first and says where it failed.",
    "load_report(texts).fallbacks lists the files decoded with another encoding, with the reason.",
    "load_report(texts).fallbacks[0].reason",
)
def _bad_byte(answer: Any, folder: Any = None) -> Judged:
    report = _report(folder, "ex1.3")
    offsets = [int(m.group(1)) for e in report.fallbacks if (m := re.search(r"at byte (\d+)", e.reason))]
    if not offsets:
        raise AnswerTypeError("the check needs the practice folder (it holds a Windows-1252 article)")
    return _judged(answer, offsets[0], slips=[(offsets[0] + 1, "Off by one: byte offsets count from 0.")], count=True)


@exercise(
    "ex1.4",
    "What is the mean length of an inaugural address in words (text.split()), computed with a comprehension?",
    "Count the words of each document, then average over the documents.",
    "len(text.split()) counts the words of one text; speeches['text'] holds them all.",
    "sum(len(t.split()) for t in speeches['text']) / len(speeches)",
)
def _mean_words(answer: Any, texts: Any = None) -> Judged:
    lengths = [len(t.split()) for t in _corpus(texts, "ex1.4")["text"]]
    return _judged(
        answer,
        statistics.fmean(lengths),
        slips=[
            (statistics.median(lengths), "That is the median; the task asks for the mean."),
            (sum(lengths), "That is the total over all addresses; divide by their number."),
        ],
        mistakes=[
            (statistics.fmean(len(t) for t in texts["text"]), "That counts characters; count the words of each text.")
        ],
    )


# --------------------------------------------------------------------------- 2. tokenisation


@exercise(
    "ex2.1",
    "List the tokens the regexp tokeniser gives for SENTENCE (case kept).",
    "A tokeniser turns a text into a list of tokens; each one splits differently.",
    "split_tokens(text, name) in toolkit.tokens.pipeline applies the tokeniser called name.",
    'split_tokens(SENTENCE, "regexp")',
)
def _regexp_tokens(answer: Any) -> Judged:
    from toolkit.tokens.options import TOKENIZERS
    from toolkit.tokens.pipeline import split_tokens

    given, expected = terms(answer), split_tokens(SENTENCE, "regexp")
    if given == expected:
        return CORRECT, ""
    if [t.lower() for t in given] == [t.lower() for t in expected]:
        return PARTLY, "Right tokens, but the case was changed."
    if sorted(given) == sorted(expected):
        return PARTLY, "Right tokens, in another order: keep the order of the sentence."
    for name in TOKENIZERS:
        if given == split_tokens(SENTENCE, name):
            return NOT_YET, f"Those are the tokens of the {name} tokeniser."
    if len(given) != len(expected):
        return NOT_YET, f"{len(expected)} tokens were expected; this list has {len(given)}."
    return NOT_YET, ""


@exercise(
    "ex2.2",
    "Which tokeniser keeps both didn't and Russia-brokered whole, and drops the quotes around 'no'?",
    "Look at what each tokeniser makes of didn't, Russia-brokered and 'no'.",
    "toolkit.TOKENIZERS names them; split_tokens(SENTENCE, name) shows each one's tokens.",
    "for name in TOKENIZERS: print(name, split_tokens(SENTENCE, name))",
)
def _whole_words(answer: Any) -> Judged:
    from toolkit.tokens.options import TOKENIZERS
    from toolkit.tokens.pipeline import split_tokens

    name = word(answer)
    if name not in TOKENIZERS:
        return NOT_YET, f"{name!r} is not one of the tokenisers: {', '.join(TOKENIZERS)}."
    tokens = split_tokens(SENTENCE, name)
    whole = "didn't" in tokens and "Russia-brokered" in tokens
    if whole and not any("'" in t for t in tokens if t not in ("didn't", "Armenia's")):
        return CORRECT, ""
    if whole:
        return PARTLY, f"{name} keeps the words whole, but the quotes stay (in a token or as tokens)."
    return NOT_YET, f"{name} splits didn't or Russia-brokered."


@exercise(
    "ex2.3",
    "How many more distinct types do the inaugural addresses have when case is kept than when it is lowered "
    "(stopwords kept in both)?",
    "Count the distinct terms twice, once keeping case and once lowering it; the difference is what case adds.",
    "count_terms(speeches, lowercase=..., stopwords=False) has one row per distinct term.",
    "len(count_terms(speeches, lowercase=False, stopwords=False)) - len(count_terms(speeches, stopwords=False))",
)
def _case_types(answer: Any, texts: Any = None) -> Judged:
    from toolkit.counting.terms import count_terms

    texts = _corpus(texts, "ex2.3")
    kept = len(count_terms(texts, lowercase=False, stopwords=False))
    lowered = len(count_terms(texts, stopwords=False))
    kept_no_stop, lowered_no_stop = len(count_terms(texts, lowercase=False)), len(count_terms(texts))
    return _judged(
        answer,
        kept - lowered,
        slips=[
            (lowered - kept, "Right size, wrong sign: keeping case gives more types, not fewer."),
            (kept_no_stop - lowered_no_stop, "Stopwords were removed; keep them in both counts (stopwords=False)."),
            (kept - lowered_no_stop, "One count kept the stopwords and the other removed them."),
        ],
        mistakes=[(kept, "That is the number of types with case kept; subtract those with case lowered.")],
        count=True,
    )


# --------------------------------------------------------------------------- 3. frequency


@exercise(
    "ex3.1",
    "Compute by hand the frequency per million of 'freedom' in the inaugural addresses (stopwords removed).",
    "Per million: the term's count divided by the number of terms counted, times a million.",
    "count_terms(speeches) gives n per term; the sum of its n column is the number of terms counted.",
    'counts.set_index("term").loc["freedom", "n"] / counts["n"].sum() * 1_000_000',
)
def _per_million(answer: Any, texts: Any = None) -> Judged:
    from toolkit.counting.terms import count_terms

    counts = count_terms(_corpus(texts, "ex3.1"))
    n = int(counts.set_index("term")["n"].get("freedom", 0))
    return _judged(
        answer,
        n / counts["n"].sum() * 1e6,
        slips=[
            (
                n / count_terms(texts, stopwords=False)["n"].sum() * 1e6,
                "You divided by all tokens; divide by the terms counted (stopwords removed).",
            ),
            (n / len(counts) * 1e6, "You divided by the number of distinct terms (rows); divide by the sum of n."),
            (n / counts["n"].sum() * 1e3, "That is per thousand; the task asks per million."),
        ],
        mistakes=[(n, "That is the raw count n; normalise it by the number of terms counted.")],
    )


def _ranking(texts: pd.DataFrame, **changes: Any) -> list[tuple[str, float]]:
    from toolkit.counting.terms import count_terms

    counts = count_terms(texts, **changes)
    return list(zip(counts["term"], counts["n"], strict=True))


@exercise(
    "ex3.2",
    "List the seven most frequent terms of the inaugural addresses (stopwords removed), most frequent first.",
    "Count the terms, sort by count, keep the first seven; terms with the same count may come in any order.",
    "count_terms(speeches) counts; top_terms(counts, n) keeps the n most frequent.",
    'list(top_terms(count_terms(speeches), 7)["term"])',
)
def _top_seven(answer: Any, texts: Any = None) -> Judged:
    texts = _corpus(texts, "ex3.2")
    given, ranking = [t.lower() for t in terms(answer)], _ranking(texts)
    verdict, message = judge_top(given, ranking, 7)
    if verdict != CORRECT and len(given) == 7 and judge_top(given, _ranking(texts, stopwords=False), 7)[0] != NOT_YET:
        return PARTLY, "That is a top seven with stopwords kept; remove them (count_terms' default)."
    return verdict, message


@exercise(
    "ex3.3",
    "What slope does a Zipf fit give for the inaugural addresses (stopwords kept)?",
    "Zipf's law: log frequency falls along a straight line in log rank; the slope says how fast.",
    "zipf(counts) ranks the terms and keeps the fitted line in its attrs.",
    'zipf(count_terms(speeches, stopwords=False)).attrs["slope"]',
)
def _zipf_slope(answer: Any, texts: Any = None) -> Judged:
    from toolkit.analysis.diversity import zipf
    from toolkit.counting.terms import count_terms

    fit = zipf(count_terms(_corpus(texts, "ex3.3"), stopwords=False)).attrs
    removed = zipf(count_terms(texts)).attrs["slope"]
    return _judged(
        answer,
        fit["slope"],
        slips=[
            (-fit["slope"], "Frequency falls as rank grows: the slope is negative."),
            (removed, "That is the slope with stopwords removed; keep them (stopwords=False)."),
        ],
        mistakes=[(fit["intercept"], "That is the intercept of the line, not its slope.")],
    )


def _bars(answer: Any) -> tuple[list[float], list[str]]:
    """Return the bar lengths, longest first, and labels of a chart: its Axes, Figure, or the bars plt.bar returns."""
    from matplotlib.axes import Axes
    from matplotlib.container import BarContainer
    from matplotlib.figure import Figure

    ax = answer.axes[0] if isinstance(answer, Figure) and len(answer.axes) == 1 else answer
    if isinstance(answer, BarContainer) and answer.patches:
        ax = answer.patches[0].axes
    if not isinstance(ax, Axes):
        raise AnswerTypeError(f"a plot (the Axes that .plot.bar returns) was expected; this is {describe(answer)}")
    horizontal = any(getattr(c, "orientation", "") == "horizontal" for c in ax.containers)
    bars = [p for p in ax.patches if hasattr(p, "get_height")]
    values = [float(p.get_width() if horizontal else p.get_height()) for p in bars]
    ticks = ax.get_yticklabels() if horizontal else ax.get_xticklabels()
    labels = [t.get_text() for t in ticks] if len(ticks) == len(values) else []
    if horizontal and values[:1] < values[-1:]:  # pandas draws the first row at the bottom
        values, labels = values[::-1], labels[::-1]
    return values, labels


def _same(values: Sequence[float], targets: Sequence[float]) -> bool:
    if len(values) != len(targets):
        return False
    return all(compare(v, t) != "different" for v, t in zip(values, targets, strict=True))


@exercise(
    "ex3.4",
    "Draw a bar chart of the ten most frequent terms of the inaugural addresses (stopwords removed), "
    "one bar per term, its height the count n, most frequent first.",
    "A bar chart of a frequency list: one bar per term, as tall as its count, tallest on the left.",
    "top_terms(counts, 10) keeps the ten; a table's .plot.bar(x=..., y=...) draws it and returns the Axes.",
    'top_terms(count_terms(speeches), 10).plot.bar(x="term", y="n")',
)
def _top_ten_bars(answer: Any, texts: Any = None) -> Judged:
    from toolkit.counting.terms import count_terms

    texts = _corpus(texts, "ex3.4")
    values, labels = _bars(answer)
    if len(values) != 10:
        return NOT_YET, f"10 bars were expected; this plot has {len(values)}."
    ranking = _ranking(texts)
    if _same(values, [n for _, n in ranking[:10]]):
        if any(label in dict(ranking) for label in labels):
            return judge_top(labels, ranking, 10)
        return CORRECT, "The heights are right; label each bar with its term too."
    if _same(sorted(values, reverse=True), [n for _, n in ranking[:10]]):
        return PARTLY, "The right bars, in another order: the most frequent first."
    if _same(values, list(count_terms(texts)["per_million"][:10])):
        return PARTLY, "The bars show per_million; the task asks for the counts n."
    if _same(values, [n for _, n in _ranking(texts, stopwords=False)[:10]]):
        return PARTLY, "Those are the counts with stopwords kept; remove them (count_terms' default)."
    return NOT_YET, "The bar heights are not the counts of the ten most frequent terms."


# --------------------------------------------------------------------------- 4. collocations

#: The node and the collocate of exercise 4.1, and the windows whose counts are slips.
NODE, COLLOCATE, WINDOWS = "peace", "world", (1, 2, 3, 4, 10)


@exercise(
    "ex4.1",
    "How often does 'world' occur within 5 tokens of 'peace' in the inaugural addresses?",
    "Count the occurrences of the collocate in the windows around each occurrence of the node.",
    "collocates(speeches, node, window=...) lists the words near node; its n column counts them in the windows.",
    'collocates(speeches, "peace", window=5, min_count=1).set_index("collocate").loc["world", "n"]',
)
def _cooccurrence(answer: Any, texts: Any = None) -> Judged:
    from toolkit.analysis.collocates import collocates
    from toolkit.counting.terms import count_terms

    texts = _corpus(texts, "ex4.1")

    def near(window: int) -> int:
        table = collocates(texts, NODE, window=window, min_count=1).set_index("collocate")
        return int(table["n"].get(COLLOCATE, 0))

    given, target = whole_number(answer), near(5)
    if given == target:
        return CORRECT, ""
    frequency = count_terms(texts, stopwords=False).set_index("term")["n"]
    return _judged(
        given,
        target,
        slips=[(near(w), f"That is the count within {w} tokens; the task asks for 5.") for w in WINDOWS],
        mistakes=[
            (int(frequency.get(NODE, 0)), f"That is how often {NODE} occurs in the corpus, not {COLLOCATE} near it."),
            (int(frequency.get(COLLOCATE, 0)), f"That is how often {COLLOCATE} occurs anywhere (n_collocate)."),
        ],
        count=True,
    )


#: Spellings of the measures of exercise 4.2, and why each one but MI is not the answer.
MEASURES = {
    "mi": "",
    "pmi": "",
    "mutual_information": "",
    "t_score": "t-score grows with the co-occurrence count, so it favours frequent pairs.",
    "log_dice": "logDice depends on the pair's share of each word's occurrences, not on rarity.",
    "g2": "G2 grows with the amount of evidence, so it favours frequent pairs.",
}


@exercise(
    "ex4.2",
    "Which association measure favours rare pairs: mi, t_score, log_dice or g2?",
    "A pair seen once, or twice, can top one measure's ranking.",
    "Sort the collocates table by each measure's column and look at n in the first rows.",
    'for measure in ["g2", "log_dice", "mi", "t_score"]: print(company.nlargest(5, measure)[["collocate", "n"]])',
)
def _rare_pairs(answer: Any) -> Judged:
    name = re.sub(r"[\s-]+", "_", word(answer))
    if name not in MEASURES:
        return NOT_YET, f"{answer!r} is not one of mi, t_score, log_dice, g2."
    return (CORRECT, "") if not MEASURES[name] else (NOT_YET, MEASURES[name])


@exercise(
    "ex4.3",
    "Compute logDice by hand for DICE_COUNTS (o11 = 130, r1 = 3121, c1 = 143; Smadja et al. 1996).",
    "logDice is 14 plus the base-2 logarithm of the Dice coefficient, 2 * o11 / (r1 + c1).",
    "math.log2 takes the base-2 logarithm; toolkit.stats.log_dice gives the value to compare with.",
    '14 + math.log2(2 * DICE_COUNTS["o11"] / (DICE_COUNTS["r1"] + DICE_COUNTS["c1"]))',
)
def _log_dice(answer: Any) -> Judged:
    from toolkit import stats

    o11, r1, c1 = DICE_COUNTS["o11"], DICE_COUNTS["r1"], DICE_COUNTS["c1"]
    dice = 2 * o11 / (r1 + c1)
    return _judged(
        answer,
        stats.log_dice(o11, r1, c1),
        slips=[
            (dice, "That is Dice; logDice is 14 + log2 of it."),
            (math.log2(dice), "That is log2 of Dice; logDice adds 14."),
            (14 + math.log(dice), "That uses the natural logarithm; logDice uses log2."),
            (14 + math.log10(dice), "That uses log10; logDice uses log2."),
            (14 + math.log2(o11 / (r1 + c1)), "Dice doubles o11: 2 * o11 / (r1 + c1)."),
        ],
    )
