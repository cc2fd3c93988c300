"""General English as a keyness reference: wordfreq's frequencies, compared like with like.

``wordfreq.word_frequency(term)`` tokenises its argument: ``"-and"`` gets the
frequency of "and", ``"so-and-so"`` an estimate for the three words "so and
so", and digits are pooled into buckets. A corpus term has a general-English
frequency here only when wordfreq reads it as that same single word, checked
with wordfreq's own tokenisation and normalisation (:func:`same_word`). Other
terms are left out of the comparison, and :func:`english_reference` says which
and how wordfreq reads each.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

#: Pieces of contractions that NLTK's treebank tokeniser splits off (can't -> ca n't, gonna -> gon na).
TREEBANK_PIECES = frozenset({"ca", "wo", "sha", "ai", "gon", "wan", "gim", "lem", "na", "ta", "n't", "'s", "'t"})
_DIGIT = re.compile(r"\d")
_PLAIN = re.compile(r"[a-z]+")
#: Columns of the table of terms left out: the term, its count in the target, and why.
LEFT_OUT_COLUMNS = ["term", "n_target", "wordfreq_reads", "reason"]


def english_frequencies(terms: Iterable[str], language: str = "en") -> dict[str, float]:
    """Return the frequency of each term in general English, from ``wordfreq``.

    wordfreq's "large" list blends Wikipedia, film subtitles, news, books, web
    text, Twitter and Reddit (wordfreq 3.x, data frozen in 2021); a frequency is
    the term's share of all tokens, down to about 1e-8, and 0 for unknown terms.
    Use it for terms that :func:`same_word` accepts: for the others wordfreq
    answers for other words.

    Examples
    --------
    >>> english_frequencies(["the"])["the"] > 0.04
    True
    """
    from wordfreq import word_frequency

    return {t: word_frequency(t, language, wordlist="large") for t in terms}


def same_word(term: str, tokenizer: str = "treebank", language: str = "en") -> tuple[bool, str, str]:
    """Whether wordfreq reads ``term`` as that same single word, what it reads, and why not.

    The term is compared with wordfreq's ``lossy_tokenize`` (what
    ``word_frequency`` looks up) after wordfreq's normalisation: case folded,
    NFC, and ``’`` as ``'``. Terms with digits are left out (wordfreq pools
    numbers into buckets), and so are the pieces of contractions that the
    treebank tokeniser makes (``ca`` of "can't" is not the word "ca").

    Returns
    -------
    same : bool
        Whether the term can be compared.
    reads : str
        The words wordfreq reads, joined by spaces.
    reason : str
        ``""`` when comparable, otherwise why not, in words.

    Examples
    --------
    >>> same_word("Talks"), same_word("-and")[:2], same_word("so-and-so")[2]
    ((True, 'talks', ''), (False, 'and'), 'wordfreq reads other words')
    >>> same_word("000")[2], same_word("ca")[2]
    ('a number (wordfreq pools numbers)', 'a piece of a contraction (treebank)')
    """
    if language == "en" and _PLAIN.fullmatch(term) and not (tokenizer == "treebank" and term in TREEBANK_PIECES):
        return True, term, ""  # what lossy_tokenize gives for lower-case ASCII letters, 20x faster (a test checks)
    from wordfreq import lossy_tokenize

    words = lossy_tokenize(term, language)
    reads = " ".join(words)
    if _DIGIT.search(term):
        return False, reads, "a number (wordfreq pools numbers)"
    normal = unicodedata.normalize("NFC", term.casefold()).replace("’", "'")
    if tokenizer == "treebank" and normal in TREEBANK_PIECES:
        return False, reads, "a piece of a contraction (treebank)"
    if words != [normal]:
        return False, reads, "wordfreq reads other words" if words else "wordfreq reads no word"
    return True, reads, ""


def english_reference(
    counts: dict[str, int], tokenizer: str = "treebank", language: str = "en"
) -> tuple[dict[str, float], pd.DataFrame]:
    """Split target terms into those compared with general English, with their frequencies, and those left out.

    Parameters
    ----------
    counts : dict of str to int
        Each term's count in the target.
    tokenizer : str, default="treebank"
        The tokeniser that made the terms.
    language : str, default="en"
        wordfreq's language code.

    Returns
    -------
    frequencies : dict of str to float
        The general-English frequency of each compared term.
    left_out : pandas.DataFrame
        ``term, n_target, wordfreq_reads, reason``, most frequent first, ties by term.

    Examples
    --------
    >>> frequencies, left_out = english_reference({"talks": 3, "-and": 2, "so-and-so": 1})
    >>> list(frequencies), left_out["term"].tolist()
    (['talks'], ['-and', 'so-and-so'])
    """
    rows = []
    comparable = []
    for term, n in counts.items():
        same, reads, reason = same_word(term, tokenizer, language)
        if same:
            comparable.append(term)
        else:
            rows.append((term, int(n), reads, reason))
    frequencies = english_frequencies(comparable, language)
    left_out = pd.DataFrame(rows, columns=LEFT_OUT_COLUMNS)
    left_out = left_out.sort_values(["n_target", "term"], ascending=[False, True], kind="stable")
    return frequencies, left_out.reset_index(drop=True)
