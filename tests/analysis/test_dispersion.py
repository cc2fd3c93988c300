"""Dispersion on real text: inaugural addresses as parts, equal-size parts, words, globs and regexes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit import count_terms, dispersion, dispersion_positions, stats


def test_dispersion_over_documents_equals_the_formulas(inaugural: pd.DataFrame):
    table = dispersion(inaugural, ["government", "freedom", "america", "journey"]).set_index("term")
    assert list(table.columns) == ["n", "range", "parts", "juilland_d", "dp", "dp_norm"]
    per_doc = count_terms(inaugural, by="doc_id", stopwords=False)
    sizes = per_doc.groupby("doc_id")["n"].sum()
    for term in table.index:
        counts = per_doc[per_doc["term"] == term].set_index("doc_id")["n"].reindex(sizes.index, fill_value=0)
        assert table.loc[term, "n"] == counts.sum()
        assert table.loc[term, "range"] == (counts > 0).sum()
        assert table.loc[term, "dp"] == pytest.approx(stats.gries_dp(counts.to_numpy(), sizes.to_numpy()))
        assert table.loc[term, "juilland_d"] == pytest.approx(stats.juilland_d(counts.to_numpy(), sizes.to_numpy()))
    # "government" is in nearly every address; "journey" in a handful
    assert table.loc["government", "dp"] < 0.3 < table.loc["journey", "dp"]


def test_equal_size_parts(inaugural: pd.DataFrame):
    table = dispersion(inaugural, ["america"], parts=10)
    assert table.loc[0, "parts"] == 10
    # "America" is a modern word in these addresses: clumped towards the later parts
    positions = dispersion_positions(inaugural, ["america"], stopwords=True)
    assert positions["offset"].median() > positions.attrs["tokens"] * 0.7
    assert table.loc[0, "dp"] > 0.4
    with pytest.raises(ValueError, match="parts must be 2 or more"):
        dispersion(inaugural, ["america"], parts=1)


def test_positions_for_the_plot(inaugural: pd.DataFrame):
    positions = dispersion_positions(inaugural, ["Liberty", "freedom"])
    counts = count_terms(inaugural, stopwords=False).set_index("term")["n"]
    assert positions["term"].value_counts().to_dict() == counts[["liberty", "freedom"]].to_dict()
    assert positions["offset"].is_monotonic_increasing
    starts = positions.attrs["doc_starts"]
    assert list(starts) == list(inaugural["doc_id"]) and starts["1789-Washington.txt"] == 0
    assert positions.attrs["terms"] == ["liberty", "freedom"]
    assert positions.attrs["tokens"] == counts.sum()
    assert np.all(positions["offset"] < positions.attrs["tokens"])


def test_empty_documents_are_not_parts():
    corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["war peace", "war talks", ""]})
    table = dispersion(corpus, ["war", "peace"]).set_index("term")
    assert table.loc["war", "juilland_d"] == 1.0 and table.loc["peace", "dp_norm"] == 1.0
    assert table.loc["war", "parts"] == 2


def test_a_string_is_one_pattern(inaugural: pd.DataFrame):
    # a string used to be read as a list of one-letter terms
    one = dispersion(inaugural, "America")
    assert list(one["term"]) == ["america"]
    pd.testing.assert_frame_equal(one, dispersion(inaugural, ["america"]))
    positions = dispersion_positions(inaugural, "America")
    assert set(positions["term"]) == {"america"} and positions.attrs["terms"] == ["america"]


def test_globs_and_regexes_count_every_form_under_their_own_name(inaugural: pd.DataFrame):
    counts = count_terms(inaugural, by="doc_id", stopwords=False)
    forms = counts[counts["term"].str.startswith("freedom")]
    assert forms["term"].nunique() > 2
    table = dispersion(inaugural, ["freedom*", "liberty"]).set_index("term")
    assert table.loc["freedom*", "n"] == forms["n"].sum()
    assert table.loc["freedom*", "range"] == forms["doc_id"].nunique()
    sizes = counts.groupby("doc_id")["n"].sum()
    per_doc = forms.groupby("doc_id")["n"].sum().reindex(sizes.index, fill_value=0)
    assert table.loc["freedom*", "dp"] == pytest.approx(stats.gries_dp(per_doc.to_numpy(), sizes.to_numpy()))
    regex = dispersion(inaugural, r"freedoms?", regex=True)
    assert regex.loc[0, "term"] == "freedoms?"
    assert regex.loc[0, "n"] == forms.set_index("term").loc[["freedom", "freedoms"], "n"].sum()
    positions = dispersion_positions(inaugural, ["freedom*", "freedom"])
    assert (positions["term"] == "freedom*").sum() == forms["n"].sum()
    # a token matching two patterns is placed under each
    assert (positions["term"] == "freedom").sum() == forms.set_index("term").loc["freedom", "n"].sum()


def test_phrases_are_refused_with_where_to_go(inaugural: pd.DataFrame):
    with pytest.raises(ValueError, match=r"dispersion\(\) follows single words.*'united states' is a phrase"):
        dispersion(inaugural, "united states")
    with pytest.raises(ValueError, match=r"dispersion_positions\(\) follows single words.*kwic\(\)"):
        dispersion_positions(inaugural, ["liberty", "united states"])
    with pytest.raises(ValueError, match="at least one pattern"):
        dispersion(inaugural, [])


def test_terms_is_the_old_name_of_pattern(inaugural: pd.DataFrame):
    with pytest.warns(DeprecationWarning, match=r"dispersion\(terms=\.\.\.\) is deprecated; use pattern="):
        old = dispersion(inaugural, terms=["liberty"])
    pd.testing.assert_frame_equal(old, dispersion(inaugural, pattern=["liberty"]))
    with pytest.warns(DeprecationWarning, match=r"dispersion_positions\(terms=\.\.\.\)"):
        positions = dispersion_positions(inaugural, terms=["liberty"])
    pd.testing.assert_frame_equal(positions, dispersion_positions(inaugural, "liberty"))
