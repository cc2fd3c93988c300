"""Judges of exercises 5 to 7: keyness, concordance, dispersion (the mini-project, 8: :mod:`judges_project`).

Each judge recomputes the expected result itself: from fixed data
(:data:`~toolkit.teaching.practice.KEYNESS_TABLE`, :data:`DP_COUNTS`) or from
the corpus the student passes as context, with the words and groups the task
fixes. It never reads the answer off a table the student made.

Examples
--------
>>> from toolkit.teaching.registry import EXERCISES
>>> EXERCISES["ex5.2"].judge(1.58)
('correct', 'Right, up to rounding.')
>>> EXERCISES["ex5.2"].judge(3)
('partly right', 'That is the ratio of the relative frequencies itself; take its binary logarithm (math.log2).')
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import pandas as pd

from toolkit.teaching.practice import KEYNESS_TABLE
from toolkit.teaching.registry import (
    CORRECT,
    NOT_YET,
    PARTLY,
    ROUNDING,
    AnswerTypeError,
    corpus_of,
    describe,
    exercise,
    judge_number,
    whole_number,
    word,
)

#: Task 7.1: a word's counts in four parts of a corpus, and the parts' sizes in tokens.
DP_COUNTS = {"counts": [5, 3, 2, 0], "sizes": [1000, 1000, 2000, 4000]}
#: The words each corpus-based task fixes: on a multi-document corpus, and on the one-article fallback.
WORDS = {
    "ex5.3": ("president", "Obama"),
    "ex6.1": ("freedom", "relations"),
    "ex6.2": ("states", "relations"),
    "ex7.2": (("world", "duty", "america"), ("relations", "russia", "baku")),
}
#: Bar heights are read as drawn: a DP rounded to two decimals before plotting is still right.
HEIGHT_ROUNDING = 0.005
#: What the keyword tasks compare the target with when the corpus has no ``president`` (the fallback).
FALLBACK_REFERENCE = "english"


def corpus_context(context: tuple[Any, ...], call: str) -> pd.DataFrame:
    """Return the corpus passed as the first context value (see :func:`~toolkit.teaching.registry.corpus_of`).

    Examples
    --------
    >>> corpus_context((), 'check("ex6.1", n_lines, speeches)')
    Traceback (most recent call last):
    ...
    toolkit.teaching.registry.AnswerTypeError: Pass the corpus too: check("ex6.1", n_lines, speeches)
    """
    return corpus_of(context[0] if context else None, call)


def with_context(judge: Any) -> Any:
    """Return a missing or wrong context as a "not yet" verdict with its message, as :func:`check` would.

    Examples
    --------
    >>> with_context(lambda answer, *context: corpus_context(context, "check(...)"))(1)
    ('not yet', 'Pass the corpus too: check(...).')
    """

    def judged(answer: Any, *context: Any) -> tuple[str, str]:
        try:
            return judge(answer, *context)
        except AnswerTypeError as err:
            if not str(err).startswith("Pass "):
                raise  # the answer's own type: check() words it
            return NOT_YET, f"{err}."

    judged.__doc__ = judge.__doc__
    return judged


def _many(corpus: pd.DataFrame) -> int:
    return 0 if len(corpus) > 1 else 1


# --------------------------------------------------------------------------- 5. keyness


@exercise(
    "ex5.1",
    "Compute the two-term log-likelihood G2 for KEYNESS_TABLE by hand (math.log), then compare with the toolkit's.",
    "G2 compares each observed count with the count expected if the term were equally frequent in both corpora.",
    "E1 = c (a + b) / (c + d) and E2 = d (a + b) / (c + d); G2 = 2 (a ln(a/E1) + b ln(b/E2)), with math.log.",
    "a, b, c, d = KEYNESS_TABLE.values(); e1 = c * (a + b) / (c + d); e2 = d * (a + b) / (c + d); "
    "g2 = 2 * (a * math.log(a / e1) + b * math.log(b / e2))",
)
def _g2(answer: Any, *context: Any) -> tuple[str, str]:
    from toolkit import stats

    a, b, c, d = (KEYNESS_TABLE[k] for k in "abcd")
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    target = stats.log_likelihood(a, b, c, d)
    natural = "Use the natural logarithm, math.log"
    slips = [
        (stats.log_likelihood(a, b, c, d, form="four-term"), "That is the four-term form (Dunning's, over the whole "
         "2x2 table); this task asks for the two-term form, with the cells a and b only."),
        (stats.chi_squared(a, b, c, d), "That is chi-squared, a different test."),
        (stats.chi_squared(a, b, c, d, yates=True), "That is chi-squared with Yates' correction, a different test."),
        (target / 2, "Nearly: G2 has a factor 2 in front of the sum."),
        (-target, "G2 is never negative: check the sign."),
        (target / math.log(10), f"{natural}, not log10."),
        (target / math.log(2), f"{natural}, not log2."),
        (2 * (a * math.log(a / e2) + b * math.log(b / e1)), "The expected values are swapped: E1 goes with a "
         "(the target, of size c), E2 with b."),
    ]  # fmt: skip
    return judge_number(answer, target, slips)


@exercise(
    "ex5.2",
    "Compute the log ratio for KEYNESS_TABLE by hand, then compare with the toolkit's.",
    "Log ratio compares the term's relative frequencies (count / corpus size) in target and reference.",
    "Divide a / c by b / d, then take the binary logarithm with math.log2.",
    "lr = math.log2((a / c) / (b / d))",
)
def _log_ratio(answer: Any, *context: Any) -> tuple[str, str]:
    from toolkit import stats

    a, b, c, d = (KEYNESS_TABLE[k] for k in "abcd")
    target = stats.log_ratio(a, b, c, d)
    ratio = 2**target
    slips = [
        (math.log(ratio), "Right ratio, wrong logarithm: log ratio uses base 2 (math.log2), not math.log."),
        (math.log10(ratio), "Right ratio, wrong logarithm: log ratio uses base 2 (math.log2), not log10."),
        (ratio, "That is the ratio of the relative frequencies itself; take its binary logarithm (math.log2)."),
        (-target, "Target and reference are swapped: the target's relative frequency goes on top."),
        (math.log2(a / b), "Divide each count by its corpus size first: a / c and b / d, not a / b."),
    ]
    return judge_number(answer, target, slips)


@exercise(
    "ex5.3",
    "Compare Obama's inaugural addresses with all the others: which term is the strongest keyword (highest G2)?",
    "A keyword is more frequent in the target than in the reference; the strongest has the largest G2.",
    "keyness(corpus, by=..., target=...) returns a table sorted by G2, strongest first.",
    'top = keyness(speeches, by="president", target="Obama")["term"].iloc[0]',
)
@with_context
def _top_keyword(answer: Any, *context: Any) -> tuple[str, str]:
    from toolkit import keyness

    corpus = corpus_context(context, 'check("ex5.3", top, speeches)')
    given = word(answer)
    by, target = WORDS["ex5.3"]
    grouped = by in corpus.columns
    if grouped and not (corpus[by] == target).any():
        return NOT_YET, f"This corpus has no document with {by} {target!r}: pass the inaugural addresses."
    table = keyness(corpus, by=by, target=target) if grouped else keyness(corpus, reference=FALLBACK_REFERENCE)
    g2 = dict(zip(table["term"], table["g2"], strict=True))
    best = table["g2"].max()
    if given in g2 and math.isclose(g2[given], best, rel_tol=1e-9):
        return CORRECT, ""
    if given == table.sort_values("log_ratio", ascending=False)["term"].iloc[0]:
        return PARTLY, "That term has the largest log ratio (how big); the task asks for the largest G2 (how sure)."
    if given in set(table["term"].head(5)):
        return PARTLY, "A strong keyword, but not the strongest."
    texts = corpus.loc[corpus[by] == target, "text"] if grouped else corpus["text"]
    if given == Counter(" ".join(texts).lower().split()).most_common(1)[0][0]:
        return NOT_YET, "That is the target's most frequent word; keyness compares it with the reference."
    if given in g2:
        return NOT_YET, "That term is a keyword, but far from the strongest."
    return NOT_YET, f"{given!r} is not a keyword of this comparison."


# --------------------------------------------------------------------------- 6. concordance


@exercise(
    "ex6.1",
    "How many concordance lines does 'freedom' have in the inaugural addresses?",
    "A concordance has one line per occurrence of the word, in every document, in any case.",
    "kwic(corpus, word) returns the concordance as a table: one row per line.",
    'n_lines = len(kwic(speeches, "freedom"))',
)
@with_context
def _kwic_lines(answer: Any, *context: Any) -> tuple[str, str]:
    from toolkit import kwic

    corpus = corpus_context(context, 'check("ex6.1", n_lines, speeches)')
    term = WORDS["ex6.1"][_many(corpus)]
    given = whole_number(answer)
    lines = kwic(corpus, term)
    if given == len(lines):
        return CORRECT, ""
    slips = {
        len(kwic(corpus, term, lowercase=False)): f"That counts {term!r} in lower case only; count it in any case.",
        len(kwic(corpus, f"{term}*")): f"That counts every word that starts with {term!r}; count the word itself.",
        lines["doc_id"].nunique(): "That is the number of documents with the word; count its lines.",
        int(corpus["text"].str.lower().str.count(term).sum()): "That counts the letters inside other words too; "
        "count whole words.",
    }
    slips.pop(len(lines), None)
    if given in slips:
        return PARTLY, slips[given]
    return NOT_YET, ""


@exercise(
    "ex6.2",
    "Which word stands most often just before 'states' (its 1L word) in the inaugural addresses?",
    "The word just before the node is the last word of each line's left context.",
    "kwic(corpus, word) gives a 'left' column; count its last words with collections.Counter.",
    'before = Counter(left.split()[-1].lower() for left in kwic(speeches, "states")["left"]).most_common(1)[0][0]',
)
@with_context
def _left_word(answer: Any, *context: Any) -> tuple[str, str]:
    from toolkit import kwic

    corpus = corpus_context(context, 'check("ex6.2", before, speeches)')
    term = WORDS["ex6.2"][_many(corpus)]
    given = word(answer)
    lines = kwic(corpus, term)
    left = Counter(s.split()[-1].lower() for s in lines["left"] if s.split())
    if not left:
        return NOT_YET, f"{term!r} does not occur in this corpus: pass the inaugural addresses."
    best = max(left.values())
    if left.get(given) == best:
        return CORRECT, ""
    right = Counter(next((w.lower() for w in s.split() if any(ch.isalnum() for ch in w)), "") for s in lines["right"])
    right.pop("", None)
    if right and right.get(given) == max(right.values()):
        return PARTLY, "That word stands most often just after it (1R); the task asks for the word before (1L)."
    window = Counter(w.lower() for s in lines["left"] for w in s.split())
    if window.get(given) == max(window.values()):
        return PARTLY, "That word is the most frequent anywhere in the left context; take only the last word of it."
    if given in left:
        return PARTLY, "That word does stand just before it, but not most often."
    return NOT_YET, ""


# --------------------------------------------------------------------------- 7. dispersion


@exercise(
    "ex7.1",
    "Compute Gries's DP by hand for DP_COUNTS (a word's counts in four parts of different sizes).",
    "DP compares the share of the word's occurrences in each part with the share of the corpus that part is.",
    "v = each count / all counts, s = each size / all sizes; DP = half the sum of abs(v - s) over the parts.",
    "v = [n / sum(counts) for n in counts]; s = [m / sum(sizes) for m in sizes]; "
    "dp = 0.5 * sum(abs(x - y) for x, y in zip(v, s))",
)
def _dp(answer: Any, *context: Any) -> tuple[str, str]:
    from toolkit import stats

    counts, sizes = DP_COUNTS["counts"], DP_COUNTS["sizes"]
    target = stats.gries_dp(counts, sizes)
    equal = [1] * len(sizes)
    slips = [
        (round(target, 1), "Right, but rounded too far: give two decimals (DP ranges from 0 to 1)."),
        (stats.gries_dp(counts, sizes, normalised=True), "That is the normalised DP (Lijffijt & Gries); the task "
         "asks for Gries's DP."),
        (stats.gries_dp(counts, equal), "That treats the parts as equal in size: s is each part's share of the "
         "corpus, from the sizes."),
        (2 * target, "Nearly: DP is half the sum."),
        (1 - target, "That is 1 - DP; DP itself is 0 for a perfectly even word."),
    ]  # fmt: skip
    return judge_number(answer, target, slips)


@exercise(
    "ex7.2",
    "Of the words 'world', 'duty' and 'america', which is most evenly spread over the inaugural addresses?",
    "Evenness is not frequency: DP compares where a word occurs with how big each address is.",
    "dispersion(corpus, words) returns a table with a dp column; lower DP is more even.",
    'even = dispersion(speeches, ["world", "duty", "america"]).sort_values("dp")["term"].iloc[0]',
)
@with_context
def _more_even(answer: Any, *context: Any) -> tuple[str, str]:
    from toolkit import dispersion

    corpus = corpus_context(context, 'check("ex7.2", even, speeches)')
    words = WORDS["ex7.2"][_many(corpus)]
    given = word(answer)
    table = dispersion(corpus, list(words), parts=10 if len(corpus) < 2 else None).set_index("term")
    if given not in table.index:
        return NOT_YET, f"{given!r} is not one of the words compared: {', '.join(words)}."
    if math.isclose(table.at[given, "dp"], table["dp"].min(), rel_tol=1e-9):
        return CORRECT, ""
    if given == table["dp"].idxmax():
        return NOT_YET, "That is the most clumped of them (highest DP); lower DP is more even."
    if given == table["n"].idxmax():
        return NOT_YET, "That is the most frequent of them, but frequent is not even: compare DP."
    return NOT_YET, "Compare the words' DP: lower is more even."


def bars(answer: Any) -> list[tuple[str, float]]:
    """Return the ``(label, value)`` of each bar of a bar chart: an Axes, a Figure, or what ``plt.bar`` returns.

    Labels are the tick labels under (or beside, for ``barh``) each bar, stripped and in lower case.

    Raises
    ------
    AnswerTypeError
        When ``answer`` is not a plot.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = pd.DataFrame({"term": ["duty", "world"], "dp": [0.32, 0.44]}).plot.bar(x="term", y="dp")
    >>> [(label, round(value, 2)) for label, value in bars(ax)]
    [('duty', 0.32), ('world', 0.44)]
    """
    from matplotlib.axes import Axes
    from matplotlib.container import BarContainer
    from matplotlib.figure import Figure

    axes = answer
    if isinstance(answer, BarContainer) and answer.patches:
        axes = answer.patches[0].axes
    if isinstance(answer, Figure):
        drawn = [ax for ax in answer.axes if ax.containers]
        axes = drawn[0] if len(drawn) == 1 else answer
    if not isinstance(axes, Axes):
        raise AnswerTypeError(
            f"a plot (the Axes that .plot.bar() returns, or plt.gca()) was expected; this is {describe(answer)}"
        )
    found = []
    for container in (c for c in axes.containers if isinstance(c, BarContainer)):
        horizontal = getattr(container, "orientation", "vertical") == "horizontal"
        ticks = list(axes.get_yticks() if horizontal else axes.get_xticks())
        labels = [t.get_text() for t in (axes.get_yticklabels() if horizontal else axes.get_xticklabels())]
        for patch, value in zip(container.patches, container.datavalues, strict=True):
            box = patch.get_bbox()
            centre = (box.y0 + box.y1) / 2 if horizontal else (box.x0 + box.x1) / 2
            near = [i for i, tick in enumerate(ticks) if abs(tick - centre) < 0.25 and i < len(labels)]
            found.append((labels[near[0]].strip().lower() if near else "", float(value)))
    return found


@exercise(
    "ex7.3",
    "Draw a bar chart of the DP of the three words (one bar per word, labelled with it) and pass its Axes.",
    "A bar chart of DP makes evenness visible: one bar per word, its height the word's DP.",
    "A table's .plot.bar(x=..., y=...) draws one bar per row and returns the Axes.",
    'ax = dispersion(speeches, words).plot.bar(x="term", y="dp", legend=False)',
)
@with_context
def _dp_bars(answer: Any, *context: Any) -> tuple[str, str]:
    from toolkit import dispersion

    drawn = bars(answer)
    corpus = corpus_context(context, 'check("ex7.3", ax, speeches)')
    words = WORDS["ex7.2"][_many(corpus)]
    if not drawn:
        return NOT_YET, "The plot has no bars: draw a bar chart (.plot.bar() or plt.bar)."
    table = dispersion(corpus, list(words), parts=10 if len(corpus) < 2 else None).set_index("term")
    labelled = dict(drawn)
    named = len(labelled) == len(drawn) == len(words) and set(labelled) == set(words)

    def shows(column: str) -> bool:
        values = table[column].astype(float)
        if named:
            return all(math.isclose(labelled[w], values[w], rel_tol=ROUNDING, abs_tol=HEIGHT_ROUNDING) for w in words)
        heights = sorted(v for _, v in drawn)
        return len(heights) == len(words) and all(
            math.isclose(h, e, rel_tol=ROUNDING, abs_tol=HEIGHT_ROUNDING)
            for h, e in zip(heights, sorted(values), strict=True)
        )

    if shows("dp"):
        return (CORRECT, "") if named else (PARTLY, "The right heights: now label each bar with its word.")
    slips = {
        "n": "Those bars are the words' counts; plot their DP.",
        "juilland_d": "That is Juilland's D (1 is even); plot Gries's DP (0 is even).",
        "dp_norm": "That is the normalised DP; plot Gries's DP.",
    }
    for column, message in slips.items():
        if shows(column):
            return PARTLY, message
    if len(drawn) != len(words):
        return NOT_YET, f"The plot has {len(drawn)} bars; draw one for each of the {len(words)} words."
    return NOT_YET, "The bars' heights are not the words' DP."


from toolkit.teaching import judges_project  # noqa: E402  (registers exercise 8)

__all__ = ["DP_COUNTS", "WORDS", "bars", "corpus_context", "judges_project", "with_context"]
