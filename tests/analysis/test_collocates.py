"""Collocates of a pattern and collocations on real text, checked by brute force and against NLTK."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

from toolkit import collocates, collocations, count_terms, kwic, stats
from toolkit.analysis.collocates import collocate_table
from toolkit.tokens.options import TokenOptions
from toolkit.tokens.pipeline import Pipeline

COLUMNS = ["collocate", "n", "n_collocate", "mi", "t_score", "log_dice", "g2", "expected"]


def window_count(texts, starts_of, size: int, window: int, word: str) -> int:
    """Count ``word`` in the merged windows around matches, by brute force over the kept tokens."""
    pipe = Pipeline(TokenOptions())
    found = 0
    for text in texts:
        tokens = pipe.tokens(text)
        nodes = {i + k for i in starts_of(tokens) for k in range(size)}
        span = {j for i in nodes for j in range(max(0, i - window), min(len(tokens), i + window + 1))} - nodes
        found += sum(tokens[j] == word for j in span)
    return found


def test_collocates_follow_the_window_definition(inaugural: pd.DataFrame):
    table = collocates(inaugural, "freedom", window=4, min_count=3)
    assert list(table.columns) == COLUMNS
    # recount one collocate by brute force over the same tokens
    target = table.iloc[0]["collocate"]
    hits = lambda tokens: [i for i, t in enumerate(tokens) if t == "freedom"]  # noqa: E731
    assert table.iloc[0]["n"] == window_count(inaugural["text"], hits, 1, 4, target)
    a = table.attrs
    o11, c1 = table["n"].to_numpy(), table["n_collocate"].to_numpy()
    assert np.allclose(table["mi"], stats.mutual_information(o11, a["window_tokens"], c1, a["tokens"]))
    assert np.allclose(table["log_dice"], stats.log_dice(o11, a["n_node"], c1))
    assert np.allclose(table["g2"], stats.log_likelihood_association(o11, a["window_tokens"], c1, a["tokens"]))
    assert list(table["log_dice"]) == sorted(table["log_dice"], reverse=True)
    assert "the" not in set(table["collocate"]) and table["n"].min() >= 3
    assert a["pattern"] == "freedom" and a["node"] == "freedom"
    assert a["n_node"] == count_terms(inaugural).set_index("term").loc["freedom", "n"]


def test_a_phrase_is_one_node_and_its_words_are_not_collocates(inaugural: pd.DataFrame):
    table = collocates(inaugural, "united states", window=3, min_count=2)
    assert table.attrs["n_node"] == len(kwic(inaugural, "united states"))
    assert table.attrs["node"] == "states | united" and table.attrs["pattern"] == "united states"
    assert not {"united", "states"} & set(table["collocate"])

    def phrase(tokens):
        return [i for i in range(len(tokens) - 1) if tokens[i : i + 2] == ["united", "states"]]

    for row in table.head(5).itertuples():
        assert row.n == window_count(inaugural["text"], phrase, 2, 3, row.collocate)


def test_a_glob_or_regex_gathers_every_form(inaugural: pd.DataFrame):
    counts = count_terms(inaugural, stopwords=False).set_index("term")["n"]
    forms = counts[counts.index.str.fullmatch(r"liberty|liberties")]
    glob = collocates(inaugural, "libert*", window=4)
    assert glob.attrs["n_node"] == counts[counts.index.str.startswith("libert")].sum()
    regex = collocates(inaugural, "libert(y|ies)", regex=True, window=4)
    assert regex.attrs["n_node"] == forms.sum() and regex.attrs["node"] == "liberties | liberty"
    assert {"liberty", "liberties"}.isdisjoint(regex["collocate"])


def test_node_is_the_old_name_of_pattern(inaugural: pd.DataFrame):
    with pytest.warns(DeprecationWarning, match=r"collocates\(node=\.\.\.\) is deprecated; use pattern="):
        old = collocates(inaugural, node="freedom", window=4)
    pd.testing.assert_frame_equal(old, collocates(inaugural, pattern="freedom", window=4))
    with pytest.raises(TypeError, match="got both node="):
        collocates(inaugural, node="freedom", pattern="liberty")


def test_a_plain_word_is_stemmed_with_the_tokens(inaugural: pd.DataFrame):
    table = collocates(inaugural, "Freedoms", stem=True, window=4)
    stems = count_terms(inaugural, stem=True, stopwords=False).set_index("term")["n"]
    assert table.attrs["node"] == "freedom" and table.attrs["n_node"] == stems["freedom"]


def test_collocate_table_scores_given_counts():
    # the counts of the collocates doctest, scored directly: logDice = 14 + log2(2 * 2 / (2 + 2))
    in_window, frequency = {"talks": 2, "war": 1}, {"peace": 2, "talks": 2, "war": 1, "and": 2}
    settings = {"n_node": 2, "window": 1, "window_tokens": 3, "min_count": 1, "stopwords": ()}
    table = collocate_table(in_window, frequency, node="peace", pattern="peace*", **settings)
    assert table.set_index("collocate").loc["talks", "log_dice"] == pytest.approx(14.0)
    assert table.attrs["pattern"] == "peace*" and table.attrs["tokens"] == 7
    with pytest.raises(ValueError, match="sort_by must be a column"):
        collocate_table({}, {}, node="x", n_node=0, window=1, window_tokens=0, min_count=1, stopwords=(), sort_by="z")


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
