"""Lexical diversity, Zipf and vocabulary growth on real text."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import count_terms, lexical_diversity, stats, vocabulary_growth, zipf
from toolkit.tokens.options import TokenOptions
from toolkit.tokens.pipeline import Pipeline


def test_lexical_diversity_per_document_and_group(inaugural: pd.DataFrame):
    table = lexical_diversity(inaugural)
    assert list(table.columns) == ["doc_id", "tokens", "types", "ttr", "mattr", "mtld", "yules_k", "hdd"]
    tokens = Pipeline(TokenOptions()).tokens(inaugural.iloc[0]["text"])
    first = table.iloc[0]
    assert (first["tokens"], first["types"]) == (len(tokens), len(set(tokens)))
    assert first["mtld"] == pytest.approx(stats.mtld(tokens))
    assert first["yules_k"] == pytest.approx(stats.yules_k(tokens))
    # TTR falls with length; MATTR does not: the longest address has the lowest TTR but not the lowest MATTR
    longest = table.loc[table["tokens"].idxmax()]
    assert longest["ttr"] == table["ttr"].min()
    assert longest["mattr"] > table["mattr"].min()
    grouped = lexical_diversity(inaugural, by="president")
    assert grouped.loc[grouped["president"] == "Washington", "tokens"].item() == table.iloc[:2]["tokens"].sum()


def test_zipf_slope_on_real_text(inaugural: pd.DataFrame):
    table = zipf(count_terms(inaugural, stopwords=False))
    assert list(table.columns) == ["rank", "term", "n"]
    assert table.iloc[0]["term"] == "the" and table["rank"].tolist() == list(range(1, len(table) + 1))
    assert -1.4 < table.attrs["slope"] < -0.8  # Zipf's law: a slope near -1


@pytest.mark.parametrize("fixture", ["inaugural", "state_union", "abc"])
def test_the_zipf_line_is_not_tilted_by_the_words_seen_once(fixture: str, request: pytest.FixtureRequest):
    # Fitted on every rank, brown gave -1.33 and state_union -1.43, with a line starting at 30x the top count
    table = zipf(count_terms(request.getfixturevalue(fixture), stopwords=False))
    assert -1.15 < table.attrs["slope"] < -0.9
    assert table.attrs["fit_ranks"] == (table["n"] >= 2).sum()
    assert 0.5 < 10 ** table.attrs["intercept"] / table["n"].iloc[0] < 3  # the line starts near the top word


def test_vocabulary_growth(inaugural: pd.DataFrame):
    growth = vocabulary_growth(inaugural, step=1000)
    assert growth["types"].is_monotonic_increasing
    counts = count_terms(inaugural, stopwords=False)
    assert growth.iloc[-1]["tokens"] == counts["n"].sum() and growth.iloc[-1]["types"] == len(counts)
