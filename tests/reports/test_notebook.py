"""What the report notebooks call: the corpus a parameter names, default terms, the keyness comparison, results."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from toolkit.analysis.keyness import keyness
from toolkit.counting.terms import count_terms
from toolkit.reports.notebook import (
    RESULTS_ENV,
    choose_comparison,
    choose_trend_field,
    describe_keyness,
    has_groups,
    open_corpus,
    save_result,
    top_words,
)
from toolkit.tokens.options import TokenOptions


def test_open_corpus_takes_a_name_template_and_passes_the_rest_to_load_corpus(news_dir: Path):
    texts = open_corpus(str(news_dir), name_template="{year}-{place}")
    assert list(texts["year"]) == ["2022", "2024", "2023"] and list(texts["place"]) == ["notes", "lavrov", "baku"]
    assert list(open_corpus(str(news_dir), title=False).columns) == ["doc_id", "text", "category"]
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        open_corpus(str(news_dir), colour="red")


def test_open_corpus_old_pattern_keyword_still_works_and_warns(news_dir: Path):
    with pytest.warns(DeprecationWarning, match=r"open_corpus\(pattern=\.\.\.\) is deprecated; use name_template"):
        old = open_corpus(str(news_dir), pattern="{year}-{place}")
    pd.testing.assert_frame_equal(old, open_corpus(str(news_dir), name_template="{year}-{place}"))


def test_open_corpus_reads_relative_paths_from_the_shell_folder(news_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(news_dir.parent)
    assert len(open_corpus("news")) == 3
    assert open_corpus("")["doc_id"].iloc[0] == "000_4fd4d0f392c92bd9.txt"  # empty: the project's corpus/


def test_top_words_with_options_or_single_changes(news_dir: Path):
    texts = open_corpus(str(news_dir))
    counted = list(count_terms(texts, tokenizer="regexp")["term"].head(4))
    assert top_words(texts, 4, tokenizer="regexp") == counted
    assert top_words(texts, 4, options=TokenOptions(tokenizer="regexp")) == counted
    assert top_words(texts) == list(count_terms(texts)["term"].head(3))
    assert "the" in top_words(texts, 3, options=TokenOptions(), stopwords=False)  # a change on top of the options


def test_choose_comparison_with_every_kind_of_reference(news_dir: Path, tmp_path: Path):
    texts = open_corpus(str(news_dir), name_template="{year}-{place}")
    rest, sentence = choose_comparison(texts, by="year")
    assert rest == {"by": "year", "target": "2022"}
    assert sentence.endswith(
        "compared with all the others (2022: the value of year with the most documents; the parameter target picks "
        "another)."
    )
    group, sentence = choose_comparison(texts, "year", "2024", "2023")
    assert group == {"by": "year", "target": "2024", "reference": "2023"}  # keyness takes the group itself
    assert sentence == "Documents with year = 2024 are compared with the documents with year = 2023."
    english, sentence = choose_comparison(texts, "year", "", "english")
    assert english == {"reference": "english"} and sentence == "The corpus is compared with general English (wordfreq)."
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "b.txt").write_text("Other words entirely about trade.\n", "utf-8")
    other, sentence = choose_comparison(texts, "year", "2022", str(tmp_path / "other"))
    assert len(other["reference"]) == 1 and other["target"] == "2022"
    assert sentence == f"Documents with year = 2022 are compared with the reference corpus {tmp_path / 'other'}."
    whole, sentence = choose_comparison(texts, None, "", None)
    assert whole == {"reference": "english"}
    assert sentence == "The whole corpus is compared with general English, because no grouping field was given."
    for kwargs in (rest, group, english, other, whole):
        table = keyness(texts, tokenizer="regexp", **kwargs)
        assert not table.empty and {"term", "g2"} <= set(table.columns)
    versus_2023 = keyness(texts, tokenizer="regexp", **group).set_index("term")
    assert versus_2023.loc["lavrov", "n_target"] > 0 and versus_2023.loc["lavrov", "n_reference"] == 0
    baku = texts[texts["doc_id"] == "world/2023-baku.txt"]  # the reference is that group's one document
    as_table = keyness(texts, tokenizer="regexp", by="year", target="2024", reference=baku).set_index("term")
    pd.testing.assert_frame_equal(versus_2023, as_table)


def test_choose_comparison_refuses_what_the_corpus_does_not_have(news_dir: Path):
    texts = open_corpus(str(news_dir), name_template="{year}-{place}")
    with pytest.raises(ValueError, match=r"no document has year = '1999'; values are \['2022', '2023', '2024'\]"):
        choose_comparison(texts, "year", "1999")
    with pytest.raises(ValueError, match="the target and the reference are the same group: year = '2023'"):
        choose_comparison(texts, "year", "2023", "2023")
    kwargs, sentence = choose_comparison(texts, "colour", "red", "english")  # no such field: target ignored
    assert (kwargs, sentence) == ({"reference": "english"}, "The corpus is compared with general English (wordfreq).")


def test_has_groups_says_why_not():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["x", "y"], "side": ["l", "l"]})
    assert has_groups(corpus, "") == "no grouping field was given"
    assert has_groups(corpus, "year") == "the corpus has no field 'year' (fields: side)"
    assert has_groups(corpus, "side") == "the field 'side' has 1 distinct value(s); comparing needs two or more"
    assert has_groups(corpus.assign(side=["l", "r"]), "side") == ""


def test_save_result_goes_where_it_is_told_and_nowhere_else(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    table = pd.DataFrame({"term": ["=cmd", "baku"], "n": [2, 1]})
    monkeypatch.delenv(RESULTS_ENV, raising=False)
    assert save_result(table, "counts") is None and not list(tmp_path.iterdir())  # interactive use
    assert save_result(table, "counts", str(tmp_path / "a")) == tmp_path / "a" / "counts.csv"
    monkeypatch.setenv(RESULTS_ENV, str(tmp_path / "b"))
    assert save_result(table, "counts") == tmp_path / "b" / "counts.csv"
    assert (tmp_path / "b" / "counts.csv").read_text("utf-8-sig").splitlines() == ["term,n", "'=cmd,2", "baku,1"]
    with pytest.raises(ValueError, match="plain identifier"):
        save_result(table, "../escape", str(tmp_path))
    assert not (tmp_path.parent / "escape.csv").exists()


def test_choose_trend_field_falls_back_to_year_a_field_or_equal_parts(news_dir: Path, abc: pd.DataFrame):
    texts = open_corpus(str(news_dir), name_template="{year}-{place}")
    assert choose_trend_field(texts, "year") == ("year", "The words are followed across the 3 values of year.")
    field, sentence = choose_trend_field(texts, "outlet")
    assert field == "year" and sentence.startswith("The corpus has no field 'outlet' (fields: title, category, ")
    assert sentence.endswith("across the 3 values of year instead.")
    plain = open_corpus(str(news_dir))  # no template: only category (two folders and the root) and title
    assert choose_trend_field(plain)[0] == "category"
    field, sentence = choose_trend_field(abc, "year")
    assert field is None and "cut into 10 parts of equal size in tokens, in file order" in sentence
    one = open_corpus("")
    assert choose_trend_field(one, "title")[0] is None  # a title is never a trend's field


def test_keyness_is_described_with_its_sizes_and_what_english_left_out():
    table = keyness(open_corpus(""), reference="english")
    sentence = describe_keyness(table)
    assert sentence.startswith(f"Target: {table.attrs['target_size']:,} tokens; reference: general English")
    assert "18 terms of the target are not compared" in sentence
    assert "wordfreq reads other words (12: armenia-azerbaijan, nagorno-karabakh, anti-terror, arch-rivals)" in sentence
    assert "a number (wordfreq pools numbers) (6: 2020, 100,000, 1980s, 1990s)" in sentence


def test_choose_comparison_targets_the_largest_named_group_never_a_blank_one():
    # A folder of pages and notes: notes have no site (None), a CSV's blank cells are "".
    corpus = pd.DataFrame(
        {
            "doc_id": list("abcdefg"),
            "site": [None, None, None, "", "Caspian Wire", "Daily Meridian", "Daily Meridian"],
            "text": ["talks"] * 7,
        }
    )
    kwargs, sentence = choose_comparison(corpus, "site")
    assert kwargs == {"by": "site", "target": "Daily Meridian"}
    assert "(Daily Meridian: the value of site with the most documents;" in sentence
    tied = corpus.assign(site=["b", "a", "b", "a", "", "", ""])
    assert choose_comparison(tied, "site")[0]["target"] == "a"  # ties by name
