"""The term index on inaugural addresses: each lookup equals the analysis computed from scratch."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from conftest import SEED
from toolkit import collocates, count_terms, dispersion, dispersion_positions, kwic, load_corpus
from toolkit.analysis.termindex import PARTS, TermIndex


@pytest.fixture(scope="module")
def index(inaugural: pd.DataFrame) -> TermIndex:
    return TermIndex(inaugural, by="president")


@pytest.mark.parametrize(
    ("pattern", "regex", "sort", "window"),
    [
        ("liberty", False, None, 5),
        ("free*", False, "left", 3),
        ("united states", False, "right", 8),
        (r"liber(ty|ties)", True, None, 2),
    ],
)
def test_kwic_equals_kwic(inaugural, index, pattern, regex, sort, window):
    expected = kwic(inaugural, pattern, window=window, regex=regex, sort=sort)
    got = index.kwic(pattern, window=window, regex=regex, sort=sort)
    assert len(got) > 0
    assert_frame_equal(got, expected)
    assert index.count(pattern, regex=regex) == len(expected)


@pytest.mark.parametrize(
    ("pattern", "regex"),
    [
        ("liberty", False),
        ("the", False),
        ("Government", False),
        ("free*", False),
        ("united states", False),
        (r"liber(ty|ties)", True),
        ("nonword", False),
    ],
)
def test_collocates_equal_collocates(inaugural, index, pattern, regex):
    expected = collocates(inaugural, pattern, window=5, min_count=2, regex=regex)
    got = index.collocates(pattern, window=5, min_count=2, regex=regex)
    assert_frame_equal(got, expected)
    assert got.attrs == expected.attrs


def test_frequency_positions_and_dispersion_equal_the_analyses(inaugural, index):
    counts = count_terms(inaugural, by="president")
    expected = counts[counts["term"] == "liberty"].reset_index(drop=True)
    table = index.frequency_table("liberty")
    assert len(table) == inaugural["president"].nunique()  # every group, zeros included
    got = table[table["n"] > 0].reset_index(drop=True)
    assert_frame_equal(got, expected, check_dtype=False)
    assert_frame_equal(index.positions("liberty"), dispersion_positions(inaugural, "liberty"), check_dtype=False)
    assert index.dp("liberty") == pytest.approx(dispersion(inaugural, "liberty")["dp"].iloc[0])
    # a glob is one row in both, under its own name
    assert_frame_equal(index.positions("freedom*"), dispersion_positions(inaugural, "freedom*"), check_dtype=False)
    assert index.dp("freedom*") == pytest.approx(dispersion(inaugural, "freedom*")["dp"].iloc[0])


def test_one_document_uses_equal_parts():
    seed = load_corpus(SEED.parent)
    index = TermIndex(seed)
    table = index.frequency_table("armenia")
    assert list(table["part"]) == [str(i) for i in range(1, PARTS + 1)]
    assert table["n"].sum() == len(kwic(seed, "armenia"))
    assert index.dp("armenia") == pytest.approx(dispersion(seed, "armenia", parts=PARTS)["dp"].iloc[0])


def test_documents_and_surface_forms(inaugural, index):
    found = index.documents_with("united states")
    per_doc = kwic(inaugural, "united states").groupby("doc_id").size()
    assert dict(found) == per_doc.to_dict()
    assert [n for _, n in found] == sorted(per_doc, reverse=True)
    forms = index.surface_forms("1789-Washington.txt", "united states")
    assert forms and all(f.lower() == "united states" for f in forms)


def test_plain_words_are_stemmed_with_the_tokens(inaugural):
    stemmed = TermIndex(inaugural, stem=True)
    assert stemmed.matching_terms("Freedoms") == [["freedom"]]
    assert stemmed.count("freedoms") == len(kwic(inaugural, "freedoms", stem=True))
    assert stemmed.matching_terms("nonword") == [[]] and stemmed.count("nonword") == 0
