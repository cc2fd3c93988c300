"""Lexical diversity measures against peers' published values, cited beside each assertion."""

from __future__ import annotations

import re
import string

import numpy as np
import pytest

from toolkit.stats import diversity

# lexicalrichness (LSYS/LexicalRichness) README quick start / docs/example.ipynb: peers' expected values.
LEXRICH_TEXT = """Measure of textual lexical diversity, computed as the mean length of sequential words in
                a text that maintains a minimum threshold TTR score.

                Iterates over words until TTR scores falls below a threshold, then increase factor
                counter by 1 and start over. McCarthy and Jarvis (2010, pg. 385) recommends a factor
                threshold in the range of [0.660, 0.750].
                (McCarthy 2005, McCarthy and Jarvis 2010)"""


def _lexicalrichness_tokens(text: str) -> list[str]:
    # lexicalrichness's default tokenizer: lowercase, drop digits and dashes, punctuation -> space, split
    text = re.sub(r"[0-9]+", "", text.lower())
    text = re.sub(r"[–—-]", "", text)
    return text.translate(str.maketrans(string.punctuation, " " * len(string.punctuation))).split()


def test_lexical_diversity_matches_lexicalrichness():
    tokens = _lexicalrichness_tokens(LEXRICH_TEXT)
    assert (len(tokens), len(set(tokens))) == (57, 39)
    assert diversity.ttr(tokens) == pytest.approx(0.6842105263157895, rel=1e-12)
    assert diversity.mattr(tokens, window=25) == pytest.approx(0.8351515151515151, rel=1e-12)
    assert diversity.mtld(tokens, threshold=0.72) == pytest.approx(46.79226361031519, rel=1e-12)
    assert diversity.hdd(tokens, sample=42) == pytest.approx(0.7468703323966486, rel=1e-9)
    assert diversity.yules_k(tokens) == pytest.approx(153.8935056940597, rel=1e-12)


def test_lexical_diversity_small_published_cases():
    # lexicalrichness tests/test_lexicalrichness.py: 10 words -> mattr(5) 0.9, mtld 14.0, hdd(5) 0.88333
    tokens = _lexicalrichness_tokens("TEST text with some text numbers 42, hyphen-here, and text punctuations.")
    assert len(tokens) == 10
    assert diversity.mattr(tokens, window=5) == pytest.approx(0.9)
    assert diversity.mtld(tokens) == pytest.approx(14.000000000000004)
    assert diversity.hdd(tokens, sample=5) == pytest.approx(0.8833333333333332)
    # quanteda.textstats test-textstat_lexdiv.R: MATTR of "one one two one one two one" = 5/6, 2/3, 1/2
    words = ["one", "one", "two", "one", "one", "two", "one"]
    assert [diversity.mattr(words, window=w) for w in (2, 3, 4)] == pytest.approx([5 / 6, 2 / 3, 0.5])
    assert diversity.ttr(["b", "a", "b", "a", "b", "a", "b", "a"]) == 0.25
    assert np.isnan(diversity.ttr([]))


def test_short_texts_give_nan_not_infinity():
    assert np.isnan(diversity.mtld(["peace", "talks", "begin"]))
    with pytest.raises(ValueError, match="window must be 1 or more"):
        diversity.mattr(["a"], window=0)
