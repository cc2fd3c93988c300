"""The document viewer: escaped text, the pattern's occurrences marked, long documents capped."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import document_viewer, kwic
from toolkit.views.document_viewer import MAX_CHARS, DocumentViewer


def test_text_is_escaped_and_the_pattern_marked(hostile):
    viewer = document_viewer(hostile, "peace")
    page = viewer.highlighted()
    assert "<script>" not in page and "&lt;script&gt;" in page and "<b>" not in page
    assert page.count("<mark>") == 3  # Peace, peace, Peace
    assert "&lt;b&gt;<mark>peace</mark>&lt;/b&gt;" in page  # marked inside escaped markup
    bundle = viewer._repr_mimebundle_()
    assert "<img src=x" not in bundle["text/html"] and "&lt;img src=x onerror=alert(1)&gt;.txt" in bundle["text/html"]
    assert "image/png" not in bundle  # the viewer shows text only


def test_the_document_where_the_pattern_is_most_frequent(inaugural, inaugural_index):
    viewer = document_viewer(inaugural_index, "united states")
    hits = kwic(inaugural, "united states")["doc_id"].value_counts()
    assert viewer.doc_id == hits.index[0] and dict(viewer.found)[viewer.doc_id] == hits.iloc[0]
    assert viewer.highlighted().lower().count("<mark>united states</mark>") == hits.iloc[0]
    assert (
        viewer.summary()
        == f"{viewer.doc_id}: {hits.iloc[0]} occurrence(s) of united states; {len(hits)} document(s) contain it"
    )


def test_a_regular_expression_and_a_chosen_document(inaugural_index):
    viewer = document_viewer(inaugural_index, r"liber(ty|ties)", regex=True, doc_id="1789-Washington.txt")
    assert viewer.doc_id == "1789-Washington.txt"
    marks = viewer.highlighted().lower().count("<mark>")
    assert marks == dict(viewer.found).get("1789-Washington.txt", 0) > 0
    with pytest.raises(ValueError, match=r"no document 'nowhere\.txt'"):
        viewer.set_pattern("liberty", doc_id="nowhere.txt")


def test_long_documents_are_capped():
    text = "peace and war. " * (MAX_CHARS // 10)
    viewer = document_viewer(pd.DataFrame({"doc_id": ["long"], "text": [text]}), "war")
    page = viewer.highlighted()
    assert f"showing {MAX_CHARS:,} of {len(text):,} characters" in page
    assert page.count("<mark>") == text[:MAX_CHARS].count("war")
    assert repr(viewer).endswith("…")  # a terminal shows the start


def test_picking_a_document_in_the_list(inaugural_index):
    viewer = document_viewer(inaugural_index, "freedom")
    viewer.widget  # noqa: B018
    first = viewer.document_box.options[0]
    assert first == (f"{viewer.found[0][0]} ({viewer.found[0][1]})", viewer.found[0][0])  # most occurrences first
    other = viewer.found[-1][0]
    viewer.document_box.value = other
    assert viewer.doc_id == other and "<mark>" in viewer.text_html.value.lower()
    assert other in viewer.status.value


def test_an_empty_pattern_shows_the_first_document(seed):
    viewer = document_viewer(seed)
    assert viewer.doc_id == seed["doc_id"].iloc[0] and viewer.found == []
    assert "<mark>" not in viewer.highlighted() and viewer.summary() == viewer.doc_id


def test_term_keyword_and_set_term_still_work_and_warn(seed):
    with pytest.warns(DeprecationWarning, match=r"document_viewer\(term=\.\.\.\) is deprecated; use pattern="):
        viewer = document_viewer(seed, term="armenia")
    assert viewer.pattern == "armenia" and viewer.found
    with pytest.warns(DeprecationWarning, match=r"DocumentViewer.set_term\(\) is deprecated"):
        viewer.set_term("baku")
    assert viewer.pattern == "baku"
    with pytest.warns(DeprecationWarning, match="DocumentViewer.term is deprecated"):
        assert viewer.term == "baku"
    assert isinstance(viewer, DocumentViewer)
