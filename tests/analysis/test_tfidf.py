"""TF-IDF, distinctive terms and the document-term matrix on real text."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit import add_tf_idf, count_terms, distinctive_terms, document_term_matrix


def test_tf_idf_definitions(inaugural: pd.DataFrame):
    table = add_tf_idf(count_terms(inaugural, by="doc_id", stopwords=False))
    assert np.allclose(table.groupby("doc_id")["tf"].sum(), 1.0)
    docs = table.groupby("term")["doc_id"].nunique()
    row = table[table["term"] == "constitution"].iloc[0]
    assert row["idf"] == pytest.approx(np.log(59 / docs["constitution"]))
    assert row["tf_idf"] == pytest.approx(row["tf"] * row["idf"])
    everywhere = table[table["term"].map(docs) == 59]
    assert (everywhere["tf_idf"] == 0).all() and len(everywhere) > 0


def test_distinctive_terms_per_address(inaugural: pd.DataFrame):
    top = distinctive_terms(inaugural, 5)
    assert list(top.columns) == ["doc_id", "term", "n", "tf", "idf", "tf_idf", "rank"]
    assert top.groupby("doc_id").size().max() <= 6  # ties may share the fifth rank
    biden = top[top["doc_id"] == "2021-Biden.txt"]
    assert list(biden["tf_idf"]) == sorted(biden["tf_idf"], reverse=True)
    assert (biden["idf"] > 0).all()


def test_document_term_matrix_matches_counts(inaugural: pd.DataFrame):
    dtm = document_term_matrix(inaugural, min_docs=2)
    assert dtm.matrix.shape == (59, len(dtm.terms)) and dtm.doc_ids == sorted(inaugural["doc_id"])
    counts = count_terms(inaugural, by="doc_id")
    spread = counts.groupby("term")["doc_id"].nunique()
    assert dtm.terms == sorted(spread[spread >= 2].index)
    j = dtm.terms.index("liberty")
    by_doc = counts[counts["term"] == "liberty"].set_index("doc_id")["n"]
    column = pd.Series(dtm.matrix[:, j].toarray().ravel(), index=dtm.doc_ids)
    assert (column[column > 0] == by_doc.reindex(column[column > 0].index)).all()
    assert column.sum() == by_doc.sum()


def test_document_term_matrix_keeps_documents_without_terms():
    corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["war and peace", "", "the and of"]})
    dtm = document_term_matrix(corpus)
    assert dtm.doc_ids == ["a", "b", "c"] and dtm.matrix.shape == (3, 2)
    assert dtm.matrix.sum(axis=1).ravel().tolist() == [[2, 0, 0]]
