"""Explorers: the index equals the analyses, panels are linked, text is escaped, no widget front end: static."""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from toolkit import (
    collocates,
    compare_explorer,
    count_terms,
    dispersion,
    dispersion_positions,
    document_viewer,
    explain,
    explore,
    keyness,
    kwic,
    load_corpus,
    word_explorer,
)
from toolkit.analysis.termindex import TermIndex
from toolkit.paths import PROJECT_ROOT
from toolkit.progress import widgets_available
from toolkit.reports.notebook import open_corpus
from toolkit.views.display import table_html, table_text

NOTEBOOK = PROJECT_ROOT / "notebooks" / "explore.ipynb"


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return open_corpus("")


@pytest.fixture(scope="module")
def inaugural_index(inaugural) -> TermIndex:
    return TermIndex(inaugural, by="president")


# --------------------------------------------------------------------------- the index equals the analyses


@pytest.mark.parametrize(
    ("pattern", "regex", "sort", "window"),
    [
        ("liberty", False, None, 5),
        ("free*", False, "left", 3),
        ("united states", False, "right", 8),
        (r"liber(ty|ties)", True, None, 2),
    ],
)
def test_index_kwic_equals_kwic(inaugural, inaugural_index, pattern, regex, sort, window):
    expected = kwic(inaugural, pattern, window=window, regex=regex, sort=sort)
    got = inaugural_index.kwic(pattern, window=window, regex=regex, sort=sort)
    assert len(got) > 0
    assert_frame_equal(got, expected)


@pytest.mark.parametrize("term", ["liberty", "the", "government"])
def test_index_collocates_equal_collocates(inaugural, inaugural_index, term):
    expected = collocates(inaugural, term, window=5, min_count=2)
    got = inaugural_index.collocates(term, window=5, min_count=2)
    assert_frame_equal(got, expected)
    assert got.attrs == expected.attrs


def test_index_frequency_and_dispersion_equal_the_analyses(inaugural, inaugural_index):
    counts = count_terms(inaugural, by="president")
    expected = counts[counts["term"] == "liberty"].reset_index(drop=True)
    table = inaugural_index.frequency_table("liberty")
    assert len(table) == inaugural["president"].nunique()  # every group, zeros included
    got = table[table["n"] > 0].reset_index(drop=True)
    assert_frame_equal(got, expected, check_dtype=False)
    assert_frame_equal(
        inaugural_index.positions("liberty"), dispersion_positions(inaugural, ["liberty"]), check_dtype=False
    )
    assert inaugural_index.dp("liberty") == pytest.approx(dispersion(inaugural, ["liberty"])["dp"].iloc[0])


def test_one_document_uses_ten_parts(seed):
    index = TermIndex(seed)
    table = index.frequency_table("armenia")
    assert list(table["part"]) == [str(i) for i in range(1, 11)]
    assert table["n"].sum() == len(kwic(seed, "armenia"))
    assert index.dp("armenia") == pytest.approx(dispersion(seed, ["armenia"], parts=10)["dp"].iloc[0])


# --------------------------------------------------------------------------- linked panels


def test_typing_a_term_updates_every_panel(inaugural):
    explorer = explore(inaugural, "liberty", by="president", window=4)
    words = explorer.words
    box = words.widget  # built as a front end would see it
    assert box is not None
    before_png, before_kwic = words.plot.value, words.kwic_html.value
    words.term_box.value = "freedom"  # what typing + Enter does through the widget protocol
    assert explorer.term == "freedom"
    assert_frame_equal(words.kwic, kwic(inaugural, "freedom", window=4))
    assert_frame_equal(words.collocates, collocates(inaugural, "freedom", window=4, min_count=2))
    assert words.frequency["n"].sum() == len(words.kwic)
    assert set(words.positions["term"]) == {"freedom"} and len(words.positions) == len(words.kwic)
    assert words.kwic_html.value != before_kwic and "<strong>freedom</strong>" in words.kwic_html.value.lower()
    assert words.plot.value != before_png and bytes(words.plot.value).startswith(b"\x89PNG")
    assert "freedom" in words.status.value
    # the document viewer follows: the document where the term is most frequent, marked
    assert explorer.document.doc_id == explorer.document.found[0][0]
    assert "<mark>freedom</mark>" in explorer.document.highlighted().lower()


def test_picking_a_collocate_or_keyword_sets_the_term(inaugural):
    explorer = explore(inaugural, "liberty", by="president")
    explorer.widget  # noqa: B018 - build the widgets
    words = explorer.words
    first = words.collocate_picker.options[0][1]
    assert first == words.collocates["collocate"].iloc[0]
    words.collocate_picker.value = first  # a click in the list
    assert explorer.term == first and words.term_box.value == first
    assert_frame_equal(words.kwic, kwic(inaugural, first))
    keyword = explorer.compare.keyword_picker.options[1][1]
    explorer.compare.keyword_picker.value = keyword
    assert explorer.term == keyword and words.term_box.value == keyword
    assert explorer.document.term == keyword


def test_context_width_sort_and_regex_controls(inaugural):
    words = word_explorer(inaugural, "liberty")
    words.widget  # noqa: B018
    words.window_box.value = 2
    assert_frame_equal(words.kwic, kwic(inaugural, "liberty", window=2))
    words.sort_box.value = "right"
    assert_frame_equal(words.kwic, kwic(inaugural, "liberty", window=2, sort="right"))
    words.regex_box.value = True
    words.term_box.value = r"liber(ty|ties)"
    assert set(words.kwic["keyword"].str.lower()) == {"liberty", "liberties"}
    words.term_box.value = "liber(ty"  # a bad expression says so and keeps the explorer alive
    assert "bad regular expression" in words.summary() and words.kwic.empty


def test_comparison_equals_keyness(inaugural):
    explorer = compare_explorer(inaugural, "president", target="Lincoln", reference="Washington")
    lincoln = inaugural[inaugural["president"] == "Lincoln"]
    washington = inaugural[inaugural["president"] == "Washington"]
    assert_frame_equal(explorer.table, keyness(lincoln, reference=washington))
    explorer.widget  # noqa: B018
    explorer.reference_box.value = "(the rest)"
    assert_frame_equal(explorer.table, keyness(inaugural, by="president", target="Lincoln"))
    assert explain(explorer.table, "union").attrs["kind"] == "explain"


def test_one_group_is_compared_with_general_english(seed):
    explorer = compare_explorer(seed)
    assert explorer.references(explorer.target) == ["(general English)"]
    assert_frame_equal(explorer.table, keyness(seed, reference="english"))


# --------------------------------------------------------------------------- escaping and display


HOSTILE = "Peace <script>alert('x')</script> & talks about <b>peace</b>. Peace!"


def test_corpus_text_is_escaped_everywhere():
    corpus = pd.DataFrame({"doc_id": ["<img src=x onerror=alert(1)>.txt"], "text": [HOSTILE]})
    viewer = document_viewer(corpus, "peace")
    page = viewer.highlighted()
    assert "<script>" not in page and "&lt;script&gt;" in page and "<b>" not in page
    assert page.count("<mark>") == 3  # Peace, peace, Peace
    explorer = explore(corpus, "script")
    bundle = explorer._repr_mimebundle_()
    assert "<script>" not in bundle["text/html"] and "<img src=x" not in bundle["text/html"]
    assert "&lt;<mark>script</mark>&gt;alert(&#x27;x&#x27;)" in bundle["text/html"]  # marked, still escaped
    explorer.widget  # noqa: B018
    for widget in (explorer.words.kwic_html, explorer.words.collocates_html, explorer.document.text_html):
        assert "<script>" not in widget.value and "<img src=x" not in widget.value


def test_static_display_without_a_widget_front_end(seed):
    assert not widgets_available()
    explorer = explore(seed, "armenia")
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" not in bundle
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert 'src="data:image/png;base64,' in bundle["text/html"]
    assert "armenia" in bundle["text/html"] and 'class="toolkit-kwic"' in bundle["text/html"]
    text = repr(explorer)  # a terminal shows text, not "VBox(...)"
    assert "Concordance" in text and "armenia" in text.lower() and "VBox" not in text


def test_tables_are_capped_with_showing_n_of_m(seed):
    counts = count_terms(seed)
    page = table_html(counts, 5)
    assert page.count("<tr>") == 5 + 0 and f"showing 5 of {len(counts)} rows" in page
    assert f"showing 5 of {len(counts)} rows" in table_text(counts, 5)
    report = seed.attrs["load_report"]
    assert "1 document read" in report._repr_html_()
    corpus_page = table_html(seed, 5)
    assert "…" in corpus_page  # long article text is cut in the table


# --------------------------------------------------------------------------- the notebook, without widgets


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    import papermill

    out = tmp_path_factory.mktemp("explore_nb") / "explore.ipynb"
    papermill.execute_notebook(str(NOTEBOOK), str(out), kernel_name="python3", progress_bar=False)
    return out


def test_notebook_source_is_clean():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert nb.metadata.kernelspec.name == "python3"
    assert nb.cells[1].metadata.get("tags") == ["parameters"]
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
            assert "def " not in cell.source and "../" not in cell.source


def test_papermill_run_shows_the_static_explorer(executed):
    nb = nbformat.read(executed, as_version=4)
    assert not nb.metadata.papermill.get("exception")
    assert "widgets" not in nb.metadata  # no widget state that nbconvert could only render online
    last = nb.cells[-1].outputs
    assert len(last) == 1
    data = last[0]["data"]
    assert "application/vnd.jupyter.widget-view+json" not in data
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    page = data["text/html"]
    assert 'class="toolkit-kwic"' in page and "relations" in page and "showing" in page
    assert not data["text/plain"].startswith("VBox")
    report = nb.cells[3].outputs[-1]["data"]["text/html"]
    assert "1 document read" in report


def test_nbconvert_html_shows_the_fallback(executed):
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_filename(str(executed))
    assert 'class="toolkit-kwic"' in body and "data:image/png;base64," in body
    assert "widget-view+json" not in body and "unpkg.com" not in body


def test_cli_does_not_import_widgets():
    import subprocess

    code = "import sys, toolkit.cli; print(sorted(m for m in ('ipywidgets', 'matplotlib') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out.replace("'", '"')) == []


def test_explorer_on_a_folder(news_dir: Path):
    explorer = explore(load_corpus(news_dir), "baku", by="category")
    assert set(explorer.words.frequency["category"]) == {"(missing)", "politics", "world"}
    assert explorer.compare.references("politics") == ["world", "(missing)", "(the rest)", "(general English)"]
