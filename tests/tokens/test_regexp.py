"""toolkit.tokens.regexp: find_tokens gives exactly nltk.RegexpTokenizer's tokens, on real corpora."""

from __future__ import annotations

import re

from nltk.tokenize import RegexpTokenizer

from conftest import SEED
from toolkit import load_corpus
from toolkit.tokens.pipeline import split_tokens
from toolkit.tokens.regexp import FLAGS, JOINERS, PATTERN, find_tokens

SEED_TEXT = SEED.read_text("utf-8")
#: The tokeniser as the documentation states it, written out: the module's pattern must not drift from it.
NLTK = RegexpTokenizer(r"\w+(?:[-'’]\w+)*")


def test_find_tokens_equals_nltk_regexp_tokenizer_on_real_corpora(nltk_corpus_dir):
    abc = (nltk_corpus_dir("abc") / "science.txt").read_text("latin-1")[:300_000]
    texts = [SEED_TEXT, abc, *load_corpus(nltk_corpus_dir("inaugural"))["text"]]
    compared = 0
    for text in texts:
        expected = NLTK.tokenize(text)
        assert find_tokens(text) == expected
        compared += len(expected)
    assert compared > 180_000  # tokens compared


def test_pattern_flags_and_joiners_are_those_of_nltk():
    assert NLTK._pattern == PATTERN
    assert NLTK._flags == FLAGS  # UNICODE | MULTILINE | DOTALL, RegexpTokenizer's default
    assert set(JOINERS) == set(re.sub(r"[^-'’]", "", PATTERN))


def test_inner_hyphens_and_apostrophes_join_words_of_a_real_article():
    tokens = find_tokens(SEED_TEXT)
    for word in ("Armenia-Azerbaijan", "decades-long", "Armenia’s", "post-Soviet", "Moscow-brokered"):
        assert word in tokens
    assert "," not in tokens and "“" not in tokens
    assert find_tokens("rock 'n' roll -- don't") == ["rock", "n", "roll", "don't"]
    assert split_tokens(SEED_TEXT, "regexp") == tokens  # the pipeline's regexp tokeniser is this one
