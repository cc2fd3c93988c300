"""toolkit.counting.chunking: prepared texts become the regexp tokeniser's tokens in polars."""

from __future__ import annotations

import random
from collections import Counter

import polars as pl
from nltk.tokenize import RegexpTokenizer

from toolkit.counting.bulk import Counting, Settings
from toolkit.counting.chunking import MARK, TYPOGRAPHY, mark_typography, plain_tokens, regex_tokens, split_chunks
from toolkit.tokens.regexp import PATTERN

NLTK_REGEXP = RegexpTokenizer(PATTERN).tokenize


def test_typography_is_blanked_and_the_curly_apostrophe_marked_in_one_pass():
    text = "“Don’t” — Baku’s «talks»… 10\u00a0km"
    frame = pl.DataFrame({"text": pl.Series([text.encode("utf-8")], dtype=pl.Binary)})
    (marked,) = frame.select(mark_typography(pl))["text"].to_list()
    assert marked == f" Don{MARK}t    Baku{MARK}s  talks   10 km"
    assert "’" not in TYPOGRAPHY and "-" not in TYPOGRAPHY and "“" in TYPOGRAPHY


def test_ascii_chunks_are_tokens_less_stopwords_and_short_ones_and_others_go_through_regex():
    chunks = pl.DataFrame({"doc": [0, 0, 0, 1, 1, 1], "text": ["the", "war", "", "a", f"don{MARK}t", "café-au-lait"]})
    ascii_chunks = chunks.filter(pl.col("text").str.len_bytes() == pl.col("text").str.len_chars())
    kept = plain_tokens(pl, ascii_chunks.lazy(), Settings(min_length=2, stopwords=frozenset({"the", "don’t"})))
    # "don’t" is a stopword, but with the placeholder in it: left to the ranking, which judges the real word
    assert kept.collect().rows() == [(0, "war"), (1, f"don{MARK}t")]
    odd = chunks.filter(pl.col("text") == "café-au-lait")
    assert regex_tokens(pl, odd).rows() == [(1, "café-au-lait")]


def test_split_chunks_leaves_a_joiner_only_between_two_other_characters():
    texts = pl.LazyFrame({"doc": [0, 1], "text": ["'-x--y' z-'-w", f"{MARK}{MARK}a{MARK}b {MARK}"]})
    chunks = [c for c in split_chunks(pl, texts).collect()["text"] if c]
    assert chunks == ["x", "y", "z", "w", f"a{MARK}b"]


def test_runs_of_joiners_spaces_and_text_ends_give_the_regexp_tokeniser_counts():
    """Loose joiners are blanked in pairs (two passes): every mix of joiners, spaces and text ends, counted in bulk.

    30,000 random texts of two letters, joiners (``-``, ``'``, ``’``), spaces, a full stop and a curly quote
    (blanked as typography, which puts a space beside a joiner): long runs of joiners, joiners at either end.
    """
    rng = random.Random(20261204)
    alphabet = ["a", "b", " ", "-", "'", "’", ".", "“", "--", "'-'", " ’"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for _ in range(30_000)]
    counting = Counting(Settings(clean=False))
    for start in range(0, len(texts), 5_000):
        counting.add([("g", text) for text in texts[start : start + 5_000]])
    totals = counting.totals()
    n: Counter = Counter()
    docs: Counter = Counter()
    for text in texts:
        tokens = [token.lower() for token in NLTK_REGEXP(text)]
        n.update(tokens)
        docs.update(set(tokens))
    assert dict(totals.n["g"]) == dict(n) and dict(totals.docs["g"]) == dict(docs)
    assert n["a-b"] > 10 and n["a’b"] > 10 and n["b'a"] > 10 and len(n) > 200  # joiners inside tokens too
