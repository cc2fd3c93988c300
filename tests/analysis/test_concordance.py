"""KWIC on real text: row counts equal term counts, raw context at the right place, sorting and sampling."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import SEED
from toolkit import count_terms, kwic, load_corpus
from toolkit.tokens.options import TokenOptions
from toolkit.tokens.pipeline import Pipeline


def test_kwic_counts_agree_with_count_terms(inaugural: pd.DataFrame):
    counts = count_terms(inaugural, stopwords=False).set_index("term")["n"]
    for word in ("freedom", "liberty", "constitution"):
        assert len(kwic(inaugural, word)) == counts[word]
    both = kwic(inaugural, "free(dom|doms)", regex=True)
    assert len(both) == counts["freedom"] + counts["freedoms"]
    starting = counts[counts.index.str.startswith("freedom")]
    assert len(starting) > 2  # freedom, freedoms, and hyphenated forms
    assert len(kwic(inaugural, "freedom*")) == starting.sum()
    bigrams = count_terms(inaugural, ngram=2, stopwords=False).set_index("term")["n"]
    assert len(kwic(inaugural, "united states")) == bigrams["united states"]


def test_kwic_rows_show_raw_context_at_the_right_position():
    corpus = load_corpus(SEED.parent)
    table = kwic(corpus, "relations", window=3)
    assert list(table.columns) == ["doc_id", "position", "left", "keyword", "right"]
    raw = Pipeline(TokenOptions()).raw(SEED.read_text("utf-8"))
    for row in table.itertuples():
        assert raw[row.position] == row.keyword
        assert row.left == " ".join(raw[max(0, row.position - 3) : row.position])
        assert row.right == " ".join(raw[row.position + 1 : row.position + 4])
    assert table.iloc[0]["left"] == "to help normalise"  # in the title line


def test_kwic_sorting_and_seeded_sampling(inaugural: pd.DataFrame):
    lines = kwic(inaugural, "nation")
    left = kwic(inaugural, "nation", sort="left")
    keys = [tuple(reversed(s.lower().split())) for s in left["left"]]
    assert keys == sorted(keys)
    right = kwic(inaugural, "nation", sort="right")
    assert [s.lower().split() for s in right["right"]] == sorted(s.lower().split() for s in right["right"])
    assert sorted(map(tuple, left.to_numpy().tolist())) == sorted(map(tuple, lines.to_numpy().tolist()))
    sample = kwic(inaugural, "nation", n=10, random_state=7)
    assert len(sample) == 10
    pd.testing.assert_frame_equal(sample, kwic(inaugural, "nation", n=10, random_state=7))
    assert not sample.equals(kwic(inaugural, "nation", n=10, random_state=8))
    assert set(map(tuple, sample.to_numpy().tolist())) <= set(map(tuple, lines.to_numpy().tolist()))


def test_plain_words_are_stemmed_like_the_tokens(inaugural: pd.DataFrame):
    # with stem=True the tokens are stems: a plain word is stemmed too, so "freedoms" finds both forms
    stems = count_terms(inaugural, stem=True, stopwords=False).set_index("term")["n"]
    assert len(kwic(inaugural, "freedoms", stem=True)) == stems["freedom"]
    assert len(kwic(inaugural, "Freedom", stem=True)) == stems["freedom"]
    counts = count_terms(inaugural, stopwords=False).set_index("term")["n"]
    assert stems["freedom"] == counts["freedom"] + counts["freedoms"]


def test_bad_patterns_are_clear_errors(inaugural: pd.DataFrame):
    with pytest.raises(ValueError, match="empty pattern"):
        kwic(inaugural, "  ")
    with pytest.raises(ValueError, match="bad regular expression 'free\\('"):
        kwic(inaugural, "free(", regex=True)
    with pytest.raises(ValueError, match="sort must be"):
        kwic(inaugural, "nation", sort="middle")
