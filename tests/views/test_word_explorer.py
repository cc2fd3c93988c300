"""The word explorer: its tables equal the analyses, its controls work, its output is escaped and capped."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from toolkit import collocates, count_terms, dispersion, dispersion_positions, kwic, word_explorer
from toolkit.analysis.termindex import TermIndex
from toolkit.views.word_explorer import WordExplorer

# --------------------------------------------------------------------------- the tables equal the analyses


@pytest.mark.parametrize(
    ("pattern", "regex", "sort", "window"),
    [
        ("liberty", False, None, 5),
        ("free*", False, "left", 3),
        ("united states", False, "right", 8),
        (r"liber(ty|ties)", True, None, 2),
    ],
)
def test_concordance_equals_kwic(inaugural, inaugural_index, pattern, regex, sort, window):
    explorer = word_explorer(inaugural_index, pattern, window=window, regex=regex, sort=sort)
    expected = kwic(inaugural, pattern, window=window, regex=regex, sort=sort)
    assert len(explorer.kwic) > 0
    assert_frame_equal(explorer.kwic, expected)


@pytest.mark.parametrize("pattern", ["liberty", "the", "government"])
def test_collocates_equal_collocates(inaugural, inaugural_index, pattern):
    explorer = word_explorer(inaugural_index, pattern, window=5, min_count=2)
    expected = collocates(inaugural, pattern, window=5, min_count=2)
    assert_frame_equal(explorer.collocates, expected)
    assert explorer.collocates.attrs == expected.attrs


def test_frequency_and_dispersion_equal_the_analyses(inaugural, inaugural_index):
    explorer = word_explorer(inaugural_index, "liberty")
    counts = count_terms(inaugural, by="president")
    expected = counts[counts["term"] == "liberty"].reset_index(drop=True)
    assert len(explorer.frequency) == inaugural["president"].nunique()  # every group, zeros included
    got = explorer.frequency[explorer.frequency["n"] > 0].reset_index(drop=True)
    assert_frame_equal(got, expected, check_dtype=False)
    assert_frame_equal(explorer.positions, dispersion_positions(inaugural, ["liberty"]), check_dtype=False)
    assert explorer.dp == pytest.approx(dispersion(inaugural, ["liberty"])["dp"].iloc[0])
    summary = explorer.summary()
    assert summary.startswith(f"liberty: {len(explorer.kwic)} occurrences in ")
    assert f"of {len(inaugural)} documents; Gries's DP {explorer.dp:.2f}" in summary


def test_without_by_one_document_is_cut_into_ten_parts(seed):
    explorer = word_explorer(seed, "armenia")
    assert list(explorer.frequency["part"]) == [str(i) for i in range(1, 11)]
    assert explorer.frequency["n"].sum() == len(kwic(seed, "armenia")) == len(explorer.kwic)
    assert explorer.dp == pytest.approx(dispersion(seed, ["armenia"], parts=10)["dp"].iloc[0])


# --------------------------------------------------------------------------- controls


def test_context_width_sort_and_regex_controls(inaugural, inaugural_index):
    words = word_explorer(inaugural_index, "liberty")
    words.widget  # noqa: B018 - built as a front end would see it
    words.window_box.value = 2
    assert_frame_equal(words.kwic, kwic(inaugural, "liberty", window=2))
    words.sort_box.value = "right"
    assert_frame_equal(words.kwic, kwic(inaugural, "liberty", window=2, sort="right"))
    words.regex_box.value = True
    words.term_box.value = r"liber(ty|ties)"
    assert words.pattern == r"liber(ty|ties)"
    assert set(words.kwic["keyword"].str.lower()) == {"liberty", "liberties"}
    words.term_box.value = "liber(ty"  # a bad expression says so and keeps the explorer alive
    assert "bad regular expression" in words.summary() and words.kwic.empty
    assert "bad regular expression" in words.status.value


def test_typing_a_pattern_redraws_tables_and_figure(inaugural, inaugural_index):
    words = word_explorer(inaugural_index, "liberty", window=4)
    words.widget  # noqa: B018
    before_png, before_kwic = words.plot.value, words.kwic_html.value
    heard = []
    words.listeners.append(heard.append)
    words.term_box.value = "freedom"  # what typing + Enter does through the widget protocol
    assert words.pattern == "freedom" and heard == ["freedom"]
    assert_frame_equal(words.kwic, kwic(inaugural, "freedom", window=4))
    assert words.frequency["n"].sum() == len(words.kwic)
    assert set(words.positions["term"]) == {"freedom"} and len(words.positions) == len(words.kwic)
    assert words.kwic_html.value != before_kwic and "<strong>freedom</strong>" in words.kwic_html.value.lower()
    assert words.plot.value != before_png and bytes(words.plot.value).startswith(b"\x89PNG")
    assert "freedom" in words.status.value


def test_picking_a_collocate_makes_it_the_pattern(inaugural, inaugural_index):
    words = word_explorer(inaugural_index, "liberty")
    words.widget  # noqa: B018
    first = words.collocate_picker.options[0][1]
    assert first == words.collocates["collocate"].iloc[0]
    words.collocate_picker.value = first  # a click in the list
    assert words.pattern == first and words.term_box.value == first
    assert_frame_equal(words.kwic, kwic(inaugural, first))


def test_set_pattern_checks_its_settings(inaugural_index):
    words = WordExplorer(inaugural_index, "liberty")
    with pytest.raises(TypeError, match="unknown setting 'colour'"):
        words.set_pattern("war", colour="red")
    words.set_pattern("")
    assert words.kwic.empty and words.summary().startswith("Type a word")
    assert words.png().startswith(b"\x89PNG")  # an empty explorer still draws (a prompt)


# --------------------------------------------------------------------------- display


def test_output_is_escaped_and_capped(hostile, inaugural_index):
    words = word_explorer(hostile, "peace")
    page = words._repr_mimebundle_()["text/html"]
    assert "<script>" not in page and "<img src=x" not in page and "<b>" not in page
    assert '<td style="text-align:right">talks about &lt;b&gt;</td>' in page  # the concordance shows the text
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in page
    assert page.count("<strong>Peace</strong>") == 2 and page.count("<strong>peace</strong>") == 1
    many = word_explorer(inaugural_index, "the", n=5)
    page = many.to_html()
    assert f"showing 5 of {len(many.kwic):,} rows" in page
    assert f"showing 5 of {len(many.frequency):,} rows" in page
    assert page.count('<td style="text-align:center">') == 5


def test_static_display_and_text(seed):
    words = word_explorer(seed, "armenia")
    bundle = words._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" not in bundle
    assert bundle["image/png"] and 'src="data:image/png;base64,' in bundle["text/html"]
    text = repr(words)
    assert text.startswith("Word explorer\narmenia: ") and "Concordance" in text and "VBox" not in text


# --------------------------------------------------------------------------- the old names


def test_term_keyword_and_set_term_still_work_and_warn(seed):
    with pytest.warns(DeprecationWarning, match=r"word_explorer\(term=\.\.\.\) is deprecated; use pattern="):
        words = word_explorer(seed, term="armenia")
    assert words.pattern == "armenia" and len(words.kwic) == len(kwic(seed, "armenia"))
    with pytest.warns(DeprecationWarning, match=r"set_term\(\) is deprecated; use WordExplorer.set_pattern"):
        words.set_term("baku")
    assert words.pattern == "baku"
    with pytest.warns(DeprecationWarning, match=r"WordExplorer.term is deprecated"):
        assert words.term == "baku"
    with pytest.raises(TypeError, match="both term="):
        word_explorer(seed, pattern="baku", term="baku")


def test_an_index_is_reused_not_rebuilt(inaugural_index):
    words = word_explorer(inaugural_index, "liberty")
    assert words.index is inaugural_index
    assert isinstance(word_explorer(pd.DataFrame({"doc_id": ["a"], "text": ["x"]})).index, TermIndex)


def test_patterns_and_group_labels_are_drawn_as_typed_not_as_mathtext():
    import matplotlib

    matplotlib.use("Agg")
    docs = pd.DataFrame(
        {
            "doc_id": ["a.txt", "b.txt"],
            "band": ["$5m-$10m", "$1m"],
            "text": [r"The fund $\alert$ grew $5m-$10m and \alert again.", r"Small \alert funds of $1m."],
        }
    )
    index = TermIndex(docs, by="band")
    missing = WordExplorer(index, r"$\alert$")  # no match: the figure says so in words, the pattern among them
    assert missing.png().startswith(b"\x89PNG")  # as mathtext, "\alert" fails the draw
    found = WordExplorer(index, "\\alert")
    figure = found.figure()
    assert found.png().startswith(b"\x89PNG")
    top = figure.axes[0]
    labels = [(t.get_text(), t.get_parse_math()) for t in top.get_xticklabels()]
    assert labels == [("$1m", False), ("$5m-$10m", False)]  # not "5m-" in italics
    assert top.get_title() == "'\\alert' by band" and not top.title.get_parse_math()
