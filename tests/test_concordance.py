"""KWIC, collocates and collocations on real text, checked against counts and NLTK."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

from conftest import SEED
from toolkit import collocates, collocations, count_terms, explain, kwic, load_corpus, stats
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


def test_collocates_follow_the_window_definition(inaugural: pd.DataFrame):
    table = collocates(inaugural, "freedom", window=4, min_count=3)
    assert list(table.columns) == ["collocate", "n", "n_collocate", "mi", "t_score", "log_dice", "g2", "expected"]
    # recount one collocate by brute force over the same tokens
    pipe = Pipeline(TokenOptions())
    target = table.iloc[0]["collocate"]
    found = 0
    for text in inaugural["text"]:
        tokens = pipe.tokens(text)
        hits = [i for i, t in enumerate(tokens) if t == "freedom"]
        span = {j for i in hits for j in range(max(0, i - 4), min(len(tokens), i + 5))} - set(hits)
        found += sum(tokens[j] == target for j in span)
    assert table.iloc[0]["n"] == found
    a = table.attrs
    o11, c1 = table["n"].to_numpy(), table["n_collocate"].to_numpy()
    assert np.allclose(table["mi"], stats.mutual_information(o11, a["window_tokens"], c1, a["tokens"]))
    assert np.allclose(table["log_dice"], stats.log_dice(o11, a["n_node"], c1))
    assert np.allclose(table["g2"], stats.log_likelihood_association(o11, a["window_tokens"], c1, a["tokens"]))
    assert list(table["log_dice"]) == sorted(table["log_dice"], reverse=True)
    assert "the" not in set(table["collocate"]) and table["n"].min() >= 3
    shown = explain(table, target).set_index("quantity")["value"]
    assert shown["logDice (Rychlý 2008)"] == pytest.approx(table.iloc[0]["log_dice"])


def test_collocations_match_nltk_association_measures(inaugural: pd.DataFrame):
    table = collocations(inaugural, min_count=5, n=30, stopwords=False)
    pipe = Pipeline(TokenOptions())
    finder = BigramCollocationFinder.from_documents(pipe.padded(t) for t in inaugural["text"])
    finder.apply_freq_filter(5)
    measures = BigramAssocMeasures()
    nltk_g2 = dict(finder.score_ngrams(measures.likelihood_ratio))
    nltk_pmi = dict(finder.score_ngrams(measures.pmi))
    for row in table.itertuples():
        pair = tuple(row.collocation.split())
        assert row.g2 == pytest.approx(nltk_g2[pair], rel=1e-9)
        assert row.mi == pytest.approx(nltk_pmi[pair], rel=1e-9)
    assert "united states" in set(table["collocation"])
