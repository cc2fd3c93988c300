"""Patterns on real text: words, globs, phrases and regexes matched as kwic, collocates and dispersion match them."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest

from toolkit import count_terms, kwic
from toolkit.analysis.patterns import (
    WordPatterns,
    as_patterns,
    find_matches,
    normalise_pattern,
    word_matchers,
)
from toolkit.tokens.options import TokenOptions
from toolkit.tokens.pipeline import Pipeline


def test_find_matches_counts_what_kwic_lists(inaugural: pd.DataFrame):
    pipe = Pipeline(TokenOptions())
    memo: dict = {}  # shared by the three patterns: each matcher has its own answers
    for pattern in ("united states", "free*", "liberty"):
        matchers = word_matchers(pattern, regex=False, lowercase=True)
        found = sum(len(find_matches(pipe.padded(t), matchers, memo)) for t in inaugural["text"])
        assert found == len(kwic(inaugural, pattern)) > 0
    # a phrase never spans removed punctuation: "states, united" has a gap
    padded = pipe.padded("The United States, united we stand.")
    assert find_matches(padded, word_matchers("states united", regex=False, lowercase=True)) == []


def test_word_patterns_count_the_terms_of_real_documents(inaugural: pd.DataFrame):
    pipe = Pipeline(TokenOptions())
    words = WordPatterns(["Liberty", "freedom*", r"nation(s|al)?"], pipe)
    assert words.labels == ["liberty", "freedom*", r"nation(s|al)?"]
    docs = [pipe.counts(pipe.raw(t)) for t in inaugural["text"]]
    matrix, sizes = words.count_matrix(docs)
    totals: Counter[str] = Counter()
    for counts in docs:
        totals.update(counts)
    assert matrix[:, 0].sum() == totals["liberty"]
    assert matrix[:, 1].sum() == sum(n for t, n in totals.items() if t.startswith("freedom"))
    assert sizes.sum() == count_terms(inaugural, stopwords=False)["n"].sum()
    regex = WordPatterns(r"nation(s|al)?", pipe, regex=True)
    assert regex.count_matrix(docs)[0].sum() == totals["nation"] + totals["nations"] + totals["national"]


def test_plain_words_are_normalised_and_phrases_refused():
    stemmed = Pipeline(TokenOptions(stem=True, cache=False))
    assert normalise_pattern("Freedoms free* FREE?", stemmed) == ["freedom", "free*", "FREE?"]
    assert normalise_pattern("Freedoms", stemmed, regex=True) == ["Freedoms"]
    assert WordPatterns("Freedoms", stemmed).labels == ["freedom"]
    with pytest.raises(ValueError, match=r"trends\(\) follows single words.*'cold war' is a phrase"):
        WordPatterns(["peace", "cold war"], stemmed, caller="trends()")
    with pytest.raises(ValueError, match="at least one pattern"):
        as_patterns([])
    with pytest.raises(TypeError, match="a pattern is a string"):
        as_patterns(["war", 1])
    with pytest.raises(ValueError, match="bad regular expression"):
        word_matchers("free(", regex=True, lowercase=True)
