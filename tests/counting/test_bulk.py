"""toolkit.counting.bulk: the bulk regexp counting counts exactly as the pipeline and RegexpTokenizer do."""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from collections.abc import Callable

import pandas as pd
import pytest
from nltk.tokenize import RegexpTokenizer

from conftest import SEED
from toolkit import count_terms
from toolkit.counting.bulk import Counting, Settings, Totals, text_terms
from toolkit.counting.local import document_counts_by_group
from toolkit.tokens.options import TokenOptions
from toolkit.tokens.pipeline import Pipeline
from toolkit.tokens.regexp import FLAGS, JOINERS, PATTERN

NLTK_REGEXP = RegexpTokenizer(PATTERN).tokenize  # the tokeniser the fast path must equal, token for token
STDLIB_WORD = re.compile(r"\w")


def _pipeline_counts(corpus, by=None, **options) -> tuple[dict, dict]:
    """Counts and document counts per group from the ordinary, token-by-token pipeline."""
    pipeline = Pipeline(TokenOptions(tokenizer="regexp", cache=False, **{"stopwords": True, **options}))
    n: dict[str, Counter] = {}
    docs: dict[str, Counter] = {}
    for group, counts in document_counts_by_group(corpus, by, pipeline):
        n.setdefault(group, Counter()).update(counts)
        docs.setdefault(group, Counter()).update(counts.keys())
    return n, docs


def _table_counts(table: pd.DataFrame, by: str | None) -> tuple[dict, dict]:
    n: dict[str, dict] = {}
    docs: dict[str, dict] = {}
    for row in table.itertuples(index=False):
        group = getattr(row, by) if by else None
        n.setdefault(group, {})[row.term] = row.n
        docs.setdefault(group, {})[row.term] = row.docs
    return n, docs


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize(
    "options",
    [{}, {"lowercase": False}, {"min_length": 4, "stopwords": False}, {"drop_punct": False, "clean": False}],
)
def test_counts_equal_the_token_by_token_pipeline_on_inaugural(inaugural, options, jobs):
    table = count_terms(inaugural, by="president", tokenizer="regexp", jobs=jobs, **options)
    n, docs = _pipeline_counts(inaugural, "president", **options)
    got_n, got_docs = _table_counts(table, "president")
    assert got_n == {k: dict(v) for k, v in n.items()}
    assert got_docs == {k: dict(v) for k, v in docs.items()}
    assert table.attrs["total"] == {k: sum(v.values()) for k, v in n.items()}


TRICKY = [
    *"abcXYZ019_ ",
    "\n", "\r", "\t", "\u00a0", "\u2028", "\u3000",  # spaces a text holds
    *JOINERS, "--", "''", "’’",  # joiners, single and doubled
    "İ", "ǅ", "Σ", "ς", "σ", "ß", "ẞ", "Ω", "K",  # case mappings that change length or depend on context
    "\u0301", "\u0903", "न", "म", "स", "्", "ت", "٣", "\u200d", "\u200c", "\u00ad",  # marks, scripts, joiners
    ".", ",", "!", "“", "”", "—", "…", "«", "\u202f", "ADVERTISEMENT", "12",
]  # fmt: skip


@pytest.mark.parametrize("lowercase", [True, False])
@pytest.mark.parametrize("min_length", [1, 2])
def test_random_tricky_text_gives_nltk_regexp_tokens(lowercase, min_length):
    rng = random.Random(20261127)
    settings = Settings(lowercase=lowercase, clean=False, min_length=min_length)
    for _ in range(3000):
        text = "".join(rng.choice(TRICKY) for _ in range(rng.randint(0, 40)))
        expected = NLTK_REGEXP(text)
        if lowercase:
            expected = [t.lower() for t in expected]
        got = text_terms(text, settings)
        if lowercase and (len(text.lower()) != len(text) or "Σ" in text):
            expected = [t.lower() for t in NLTK_REGEXP(text) if len(t) >= min_length]
        assert got == expected, repr(text)


@pytest.mark.parametrize("lowercase", [True, False])
def test_bulk_counting_of_tricky_texts_gives_the_regexp_tokeniser_counts(lowercase):
    """Counting in polars (ASCII chunks as they are, others through ``regex``) against the tokens one by one."""
    rng = random.Random(20261128)
    settings = Settings(lowercase=lowercase, clean=False)
    texts = ["".join(rng.choice(TRICKY) for _ in range(rng.randint(0, 60))) for _ in range(4000)]
    texts += ["Baku's talks -- don’t “stop” - 'now' Café--au-lait -x- y- -z ’tis", "", "   "]
    texts += ["'x' 'yes' q’ ’w"]  # one space after a joiner and before another: both are loose
    counting = Counting(settings)
    for start in range(0, len(texts), 300):  # batches, as the workers get them
        counting.add([(f"g{i % 3}", text) for i, text in enumerate(texts[start : start + 300], start)])
    totals = counting.totals()
    n: dict[str, Counter] = {}
    docs: dict[str, Counter] = {}
    for i, text in enumerate(texts):
        tokens = NLTK_REGEXP(text)
        tokens = [t.lower() for t in tokens] if lowercase else tokens
        n.setdefault(f"g{i % 3}", Counter()).update(tokens)
        docs.setdefault(f"g{i % 3}", Counter()).update(set(tokens))
    assert {g: dict(c) for g, c in totals.n.items()} == {g: dict(c) for g, c in n.items()}
    assert {g: dict(c) for g, c in totals.docs.items()} == {g: dict(c) for g, c in docs.items()}
    assert totals.n["g1"]["don’t"] == totals.n["g1"]["au-lait"] == totals.docs["g1"]["tis"] == 1  # a real check
    last = f"g{(len(texts) - 1) % 3}"
    assert totals.n[last]["yes"] >= 1 and totals.n[last]["w"] >= 1 and "'yes" not in totals.n[last]


def test_every_unicode_character_keeps_the_fast_path_exact():
    """The three facts the fast path rests on, checked for every code point of this Python's Unicode."""
    import regex

    word = regex.compile(r"\w", FLAGS).match
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        in_token = bool(word(char)) or char in JOINERS
        # 1. str.split() never cuts inside a token: no white space is a word character or a joiner
        assert not (char.isspace() and in_token), hex(code)
        lower = char.lower()
        if len(lower) != 1 or char == "Σ":  # these texts are lower-cased token by token
            continue
        # 2. lower-casing first gives the same tokens: it keeps every character's class
        assert bool(word(lower)) == bool(word(char)) and (lower in JOINERS) == (char in JOINERS), hex(code)
        assert lower.isspace() == char.isspace(), hex(code)
        # 3. punctuation and stopwords can be removed after lower-casing: the same tests, the same answers
        assert bool(STDLIB_WORD.match(lower)) == bool(STDLIB_WORD.match(char)), hex(code)
        assert lower.lower() == lower, hex(code)


def test_polars_counting_equals_python_counting_on_real_corpora(inaugural, state_union):
    """Counting (polars, a batch at a time) against Totals.add (text_terms, one document at a time).

    Polars drops ASCII stopwords and short words before it counts (``Settings.stopwords``, ``min_length``); Python
    counts them: the two agree on every term that either keeps.
    """
    stopwords = frozenset({"the", "of", "and", "to", "we", "america", "don't"})
    for settings in (
        Settings(),
        Settings(lowercase=False, clean=False),
        Settings.of(TokenOptions(min_length=3)),
        Settings(lowercase=False, stopwords=stopwords, min_length=2),
    ):
        counting, python = Counting(settings), Totals()
        documents = [(str(year), text) for year, text in zip(inaugural["year"], inaugural["text"], strict=True)]
        documents += [("sotu", text) for text in state_union["text"]]
        for start in range(0, len(documents), 40):
            counting.add(documents[start : start + 40])
        for group, text in documents:
            python.add(group, [text], settings)
        totals = counting.totals()

        def keep(term: str, settings: Settings = settings) -> bool:
            return len(term) >= settings.min_length and term.lower() not in settings.stopwords

        assert totals.n.keys() == python.n.keys()
        for group, n in python.n.items():
            assert _kept(totals.n[group], keep) == _kept(n, keep), group
            assert _kept(totals.docs[group], keep) == _kept(python.docs[group], keep), group
        if settings.stopwords:  # ASCII words are dropped before counting; the ranking judges the others
            assert "The" not in totals.n["sotu"] and python.n["sotu"]["The"] > 1000
            # "America¡¦s" (mojibake in state_union) is tokenised by ``regex``, where nothing is dropped early
            assert 0 < totals.n["sotu"]["America"] < 30 < python.n["sotu"]["America"]
            assert totals.n["sotu"]["Americans"] == python.n["sotu"]["Americans"] > 100
        assert sum(_kept(totals.n["sotu"], keep).values()) > 150_000


def test_finish_removes_what_the_pipeline_removes():
    settings = Settings.of(TokenOptions(tokenizer="regexp"))
    counts = Counter(text_terms(SEED.read_text("utf-8"), settings))
    pipeline = Pipeline(TokenOptions(tokenizer="regexp", stopwords=True, min_length=2))
    assert _kept(counts, pipeline.keeps) == pipeline.counts(pipeline.raw(SEED.read_text("utf-8")))
    assert "the" in counts and "the" not in _kept(counts, pipeline.keeps)


def _kept(counts: Counter[str], keep: Callable[[str], bool]) -> Counter[str]:
    return Counter({term: n for term, n in counts.items() if keep(term)})
