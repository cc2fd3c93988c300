"""toolkit.counting.texts: documents from tables and streams, group labels and their order, on real corpora."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit import count_terms, iter_documents, load_corpus
from toolkit.corpus.document import LARGE_FILE
from toolkit.counting.texts import MISSING, NGRAM_RANGE, group_key, iter_texts, sort_groups


def test_a_table_and_a_stream_of_the_same_folder_give_the_same_texts_and_groups(news_dir: Path):
    table = list(iter_texts(load_corpus(news_dir), by="category"))
    stream = list(iter_texts(iter_documents(news_dir), by="category"))
    assert [(d, t) for d, t, _ in table] == [(d, t) for d, t, _ in stream]
    assert [group_key(g) for *_, g in table] == [group_key(g) for *_, g in stream] == [MISSING, "politics", "world"]
    assert "Lavrov" in table[1][1] and "Aliyev" in table[2][1]
    by_document = [g for *_, g in iter_texts(iter_documents(news_dir), by="doc_id")]
    assert by_document == [d for d, _, _ in stream]


def test_pieces_join_back_to_the_text_of_a_large_file(tmp_path: Path, nltk_corpus_dir):
    speeches = "".join(load_corpus(nltk_corpus_dir("inaugural"))["text"])
    copies = LARGE_FILE // len(speeches.encode("utf-8")) + 2
    (tmp_path / "all.txt").write_text(speeches * copies, "utf-8")  # over LARGE_FILE: read in pieces
    ((doc_id, pieces, group),) = iter_texts(iter_documents(tmp_path), pieces=True)
    parts = list(pieces)
    assert doc_id == "all.txt" and group is None and len(parts) > 1
    assert "".join(parts) == speeches * copies
    ((_, whole, _),) = iter_texts(pd.DataFrame({"doc_id": ["a"], "text": [speeches]}), pieces=True)
    assert whole == [speeches]


def test_a_table_without_the_columns_or_the_field_is_a_clear_error(inaugural):
    with pytest.raises(ValueError, match="expected a corpus table"):
        list(iter_texts(inaugural.rename(columns={"text": "body"})))
    with pytest.raises(ValueError, match="no field 'party' to group by"):
        list(iter_texts(inaugural, by="party"))


def test_group_labels_and_their_order(inaugural):
    assert [group_key(v) for v in (None, float("nan"), pd.NA, np.nan)] == [MISSING] * 4
    assert [group_key(v) for v in (1789, "Obama", 2.5)] == ["1789", "Obama", "2.5"]
    years = [group_key(y) for y in inaugural["year"]]
    assert sort_groups(set(years)) == sorted(set(years), key=int)
    assert sort_groups(["10", "9", MISSING, "x", "1990s", "-1"]) == ["-1", "9", "10", "1990s", "x", MISSING]
    corpus = pd.DataFrame(
        {"doc_id": list("abcd"), "text": ["war", "peace", "talks", "truce"], "issue": ["10", "9", "x", None]}
    )
    assert list(count_terms(corpus, by="issue")["issue"]) == ["9", "10", "x", MISSING]
    assert list(NGRAM_RANGE) == [1, 2, 3, 4, 5]
