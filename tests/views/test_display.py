"""Tables and prose shown safely: escaped, capped with "showing N of M", long texts cut, text in a terminal."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import count_terms, keyness, kwic
from toolkit.tables import CELL_CHARS
from toolkit.views.display import rich_display, say, show, table_html, table_text

HOSTILE = "Peace <script>alert('x')</script> & talks about <b>peace</b>. Peace!"


def test_a_script_in_a_term_stays_text():
    corpus = pd.DataFrame({"doc_id": ["a"], "text": [HOSTILE]})
    counts = count_terms(corpus, tokenizer="whitespace", stopwords=False, drop_punct=False, clean=False)
    assert "<script>alert('x')</script>" in set(counts["term"])  # a real term holding markup
    page = table_html(counts, caption="<i>terms</i>")
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert "<td style=\"text-align:left\">&lt;script&gt;alert('x')&lt;/script&gt;</td>" in page
    assert '<td style="text-align:left">&lt;b&gt;peace&lt;/b&gt;.</td>' in page
    assert "<p><strong>&lt;i&gt;terms&lt;/i&gt;</strong></p>" in page


def test_kwic_of_hostile_text_is_escaped():
    corpus = pd.DataFrame({"doc_id": ["<img src=x>"], "text": [HOSTILE]})
    page = table_html(kwic(corpus, "peace"))
    assert "<script>" not in page and "<img src=x>" not in page and "&lt;img src=x&gt;" in page


def test_tables_are_capped_with_showing_n_of_m(seed):
    counts = count_terms(seed)
    page = table_html(counts, 5)
    assert page.count("<tr>") == 5  # the header row has a class
    assert f"showing 5 of {len(counts):,} rows" in page
    text = table_text(counts, 5)
    assert text.splitlines()[-1] == f"showing 5 of {len(counts):,} rows"
    assert len(text.splitlines()) == 1 + 5 + 1
    assert "showing" not in table_html(counts.head(3), 5)  # nothing cut, nothing said
    assert table_html(counts, 0).count("<tr>") == len(counts)  # 0 shows every row


def test_long_texts_are_cut_in_a_cell(seed):
    assert len(seed["text"].iloc[0]) > CELL_CHARS
    page = table_html(seed)
    assert seed["text"].iloc[0][:CELL_CHARS].split()[0] in page and "…" in page
    assert seed["text"].iloc[0][CELL_CHARS + 50 : CELL_CHARS + 100] not in page


def test_a_load_report_shows_its_entries_with_its_summary(seed):
    report = seed.attrs["load_report"]
    page = table_html(report)
    assert "1 document read" in page and "000_4fd4d0f392c92bd9.txt" in page
    assert table_text(report).splitlines()[0] == report.summary()


def test_show_and_say_print_text_outside_a_notebook(seed, capsys):
    show(count_terms(seed), 3, caption="Top terms")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Top terms" and out[-1].startswith("showing 3 of ")
    say("The corpus has 1 document <b>today</b>.")
    assert capsys.readouterr().out == "The corpus has 1 document <b>today</b>.\n"


@pytest.fixture
def ipython():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    formatter = shell.display_formatter.formatters["text/html"]
    saved = dict(formatter.type_printers)
    yield shell
    formatter.type_printers.clear()
    formatter.type_printers.update(saved)
    InteractiveShell.clear_instance()


def test_rich_display_formats_toolkit_tables_only(inaugural, ipython):
    rich_display(4)
    html = ipython.display_formatter.formatters["text/html"]
    table = keyness(inaugural, by="president", target="Lincoln")
    page = html(table)
    assert 'class="dataframe toolkit-table"' in page and f"showing 4 of {len(table):,} rows" in page
    plain = pd.DataFrame({"x": range(30)})
    assert "toolkit-table" not in html(plain)  # other DataFrames keep pandas' display
    corpus_page = html(inaugural)
    assert "showing 4 of" in corpus_page and "…" in corpus_page
