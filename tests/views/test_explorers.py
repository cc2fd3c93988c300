"""The combined explorer: linked panels, escaped output, the static fallback, and the explorer notebook."""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import nbformat
import pytest
from pandas.testing import assert_frame_equal

from toolkit import collocates, explore, keyness, kwic, load_corpus
from toolkit.paths import PROJECT_ROOT
from toolkit.progress import widgets_available
from toolkit.views.explorers import Explorer

NOTEBOOK = PROJECT_ROOT / "notebooks" / "explore.ipynb"


# --------------------------------------------------------------------------- linked panels


def test_typing_a_pattern_updates_every_panel(inaugural):
    explorer = explore(inaugural, "liberty", by="president", window=4)
    words = explorer.words
    assert explorer.widget is not None  # built as a front end would see it
    words.term_box.value = "freedom"  # what typing + Enter does through the widget protocol
    assert explorer.pattern == "freedom"
    assert_frame_equal(words.kwic, kwic(inaugural, "freedom", window=4))
    assert_frame_equal(words.collocates, collocates(inaugural, "freedom", window=4, min_count=2))
    # the document viewer follows: the document where the pattern is most frequent, marked
    assert explorer.document.pattern == "freedom"
    assert explorer.document.doc_id == explorer.document.found[0][0]
    assert "<mark>freedom</mark>" in explorer.document.text_html.value.lower()


def test_picking_a_collocate_or_keyword_sets_the_pattern(inaugural):
    explorer = explore(inaugural, "liberty", by="president")
    explorer.widget  # noqa: B018 - build the widgets
    words = explorer.words
    first = words.collocate_picker.options[0][1]
    words.collocate_picker.value = first  # a click in the list
    assert explorer.pattern == first and explorer.document.pattern == first
    keyword = explorer.compare.keyword_picker.options[1][1]
    explorer.compare.keyword_picker.value = keyword
    assert explorer.pattern == keyword and words.term_box.value == keyword
    assert explorer.document.pattern == keyword
    assert_frame_equal(words.kwic, kwic(inaugural, keyword))


def test_a_regex_pattern_is_marked_as_a_regex_in_the_viewer(inaugural):
    explorer = explore(inaugural, r"liber(ty|ties)", by="president", regex=True)
    assert explorer.document.regex and explorer.document.found
    marks = {m.lower() for m in explorer.document.highlighted().split("<mark>")[1:]}
    assert {m.split("</mark>")[0] for m in marks} <= {"liberty", "liberties"}


def test_target_and_reference_reach_the_comparison(inaugural):
    explorer = explore(inaugural, "union", by="president", target="Lincoln", reference="english")
    lincoln = inaugural[inaugural["president"] == "Lincoln"]
    assert_frame_equal(explorer.compare.table, keyness(lincoln, reference="english"))
    rest = explore(inaugural, "union", by="president", target="Lincoln")
    assert rest.compare.reference is None
    assert_frame_equal(rest.compare.table, keyness(inaugural, by="president", target="Lincoln"))


def test_explorer_on_a_folder(news_dir: Path):
    explorer = explore(load_corpus(news_dir), "baku", by="category")
    assert set(explorer.words.frequency["category"]) == {"(missing)", "politics", "world"}
    assert explorer.compare.references("politics") == ["world", "(missing)", "(the rest)", "(general English)"]
    assert isinstance(explorer, Explorer)


# --------------------------------------------------------------------------- escaping and display


def test_corpus_text_is_escaped_everywhere(hostile):
    explorer = explore(hostile, "script")
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
    page = bundle["text/html"]
    assert page.count('src="data:image/png;base64,') == 2  # word explorer and keyness figures
    assert "armenia" in page and 'class="toolkit-kwic"' in page
    assert [h for h in ("Word explorer", "Comparison explorer", "Document viewer") if f"<h4>{h}</h4>" in page] == [
        "Word explorer",
        "Comparison explorer",
        "Document viewer",
    ]
    text = repr(explorer)  # a terminal shows text, not "VBox(...)"
    assert "Concordance" in text and "armenia" in text.lower() and "VBox" not in text


# --------------------------------------------------------------------------- the old names


def test_term_keyword_and_set_term_still_work_and_warn(seed):
    with pytest.warns(DeprecationWarning, match=r"explore\(term=\.\.\.\) is deprecated; use pattern="):
        explorer = explore(seed, term="armenia")
    assert explorer.pattern == "armenia" and explorer.document.pattern == "armenia"
    with pytest.warns(DeprecationWarning, match=r"Explorer.set_term\(\) is deprecated"):
        explorer.set_term("baku")
    assert explorer.pattern == "baku" and explorer.document.pattern == "baku"
    with pytest.warns(DeprecationWarning, match="Explorer.term is deprecated"):
        assert explorer.term == "baku"


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

    code = "import sys, toolkit.cli.main; print(sorted(m for m in ('ipywidgets', 'matplotlib') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out.replace("'", '"')) == []
