"""Keyness on real text: inaugural addresses by president, ABC rural vs science, an article vs English."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from wordfreq import word_frequency

from conftest import SEED
from toolkit import count_terms, explain, keyness, load_corpus, stats
from toolkit.analysis.english import same_word
from toolkit.analysis.keyness import ENGLISH_SIZE, KEYNESS_COLUMNS, left_out_terms


def test_group_vs_rest_every_number_is_one_formula_call(inaugural: pd.DataFrame):
    table = keyness(inaugural, by="president", target="Obama")
    assert list(table.columns) == KEYNESS_COLUMNS
    c, d = table.attrs["target_size"], table.attrs["reference_size"]
    # sizes count every token (punctuation dropped), stopwords included
    sizes = count_terms(inaugural, by="president", stopwords=False).groupby("president")["n"].sum()
    assert c == sizes["Obama"] and d == sizes.sum() - sizes["Obama"]
    a, b = table["n_target"].to_numpy(), table["n_reference"].to_numpy()
    assert np.allclose(np.abs(table["g2"]), stats.log_likelihood(a, b, c, d))
    assert np.allclose(table["p_value"], stats.p_value(table["g2"]))
    assert np.allclose(table["log_ratio"], stats.log_ratio(a, b, c, d))
    assert (np.sign(table["g2"]) == np.where(a / c >= b / d, 1, -1)).all()
    assert list(table["g2"]) == sorted(table["g2"], reverse=True)
    # stopwords are not listed but the counts are those of every term
    assert "the" not in set(table["term"])
    docs = count_terms(inaugural[inaugural["president"] == "Obama"], stopwords=False).set_index("term")
    assert table.set_index("term").loc["journey", "n_target"] == docs.loc["journey", "n"]
    # document range and DP in both parts
    assert table["docs_target"].max() == 2  # Obama gave two addresses
    present = table["docs_reference"] > 0
    assert table.loc[present, "dp_reference"].between(0, 1).all()
    assert table.loc[~present, "dp_reference"].isna().all() and (~present).sum() > 100  # absent: no spread, not 0.5
    assert table.attrs["comparison"] == "president = Obama vs the rest"


def test_corpus_vs_corpus_abc_rural_and_science(nltk_corpus_dir):
    abc = load_corpus(nltk_corpus_dir("abc"))
    rural, science = abc[abc["doc_id"] == "rural.txt"], abc[abc["doc_id"] == "science.txt"]
    table = keyness(rural, reference=science).set_index("term")
    # the farming and research vocabularies of the two ABC programmes
    assert table.loc["farmers", "g2"] > 100 and table.loc["farmers", "log_ratio"] > 2
    assert table.loc["scientists", "g2"] < -100 and table.loc["scientists", "log_ratio"] < -2
    assert table.loc["farmers", "docs_reference"] == 1  # one document per side
    assert np.isnan(table.loc["farmers", "dp_target"])  # DP needs two or more documents


def test_a_path_reference_is_loaded(nltk_corpus_dir):
    folder = nltk_corpus_dir("abc")
    abc = load_corpus(folder)
    rural = abc[abc["doc_id"] == "rural.txt"]
    table = keyness(rural, reference=folder)
    pd.testing.assert_frame_equal(table, keyness(rural, reference=abc))
    assert table.attrs["comparison"] == "target vs reference corpus"


def test_a_value_of_by_is_the_reference_group(inaugural: pd.DataFrame):
    table = keyness(inaugural, by="president", target="Lincoln", reference="Washington")
    lincoln = inaugural[inaugural["president"] == "Lincoln"]
    washington = inaugural[inaugural["president"] == "Washington"]
    pd.testing.assert_frame_equal(table, keyness(lincoln, reference=washington), check_like=False)
    assert table.attrs["comparison"] == "president = Lincoln vs president = Washington"
    assert table.attrs["reference_size"] == count_terms(washington, stopwords=False)["n"].sum()
    # years are values too, whatever their type
    by_year = keyness(inaugural, by="year", target=1861, reference=1789)
    assert by_year.attrs["comparison"] == "year = 1861 vs year = 1789"
    first = inaugural[inaugural["doc_id"] == "1861-Lincoln.txt"]
    assert by_year.attrs["target_size"] == count_terms(first, stopwords=False)["n"].sum()
    assert by_year.attrs["target_size"] < table.attrs["target_size"]  # Lincoln gave two addresses


def test_a_reference_that_is_none_of_the_forms_is_a_clear_error(inaugural: pd.DataFrame):
    forms = r"None \(the rest of the corpus.*'english'.*a corpus table.*'nltk:NAME'.*a value of by"
    with pytest.raises(ValueError, match=forms) as caught:
        keyness(inaugural, by="president", target="Lincoln", reference="Nobody")
    assert "the values of president are ['Adams'" in str(caught.value)
    with pytest.raises(ValueError, match=forms):
        keyness(inaugural, reference=1789)  # a year, but no by=
    with pytest.raises(ValueError, match=forms):
        keyness(inaugural, reference=["Washington"])
    with pytest.raises(ValueError, match="the same group"):
        keyness(inaugural, by="president", target="Lincoln", reference="Lincoln")
    with pytest.raises(ValueError, match="give target="):
        keyness(inaugural, by="president", reference="Lincoln")


def test_english_is_general_english_even_when_a_group_has_that_name(inaugural: pd.DataFrame):
    both = inaugural.assign(language=["english"] * 30 + ["french"] * (len(inaugural) - 30))
    table = keyness(both, by="language", target="french", reference="english")
    assert table.attrs["reference_size"] == ENGLISH_SIZE
    group = keyness(both, by="language", target="french", reference=both[both["language"] == "english"])
    assert group.attrs["reference_size"] == count_terms(inaugural.iloc[:30], stopwords=False)["n"].sum()


def test_single_article_vs_general_english():
    table = keyness(load_corpus(SEED.parent), reference="english")
    top = list(table["term"].head(12))
    for word in ("azerbaijan", "armenia", "lavrov", "relations"):
        assert word in top
    row = table.set_index("term").loc["relations"]
    assert table.attrs["reference_size"] == ENGLISH_SIZE
    assert row["n_reference"] == round(word_frequency("relations", "en", wordlist="large") * ENGLISH_SIZE)
    assert pd.isna(row["docs_reference"]) and pd.isna(row["dp_reference"])


def test_quanteda_variant_four_term_with_williams():
    # quanteda.textstats tests/testthat/test-textstat_keyness.R, "keyness_textstat lr computation is
    # correct": d1 = "b b b b b b b a a a", d2 = "a a a a a a a b b"; feature b. quanteda's measure="lr"
    # is the four-term G2 with Williams' correction by default: 4.2008 (4.5349 with correction="none").
    corpus = pd.DataFrame(
        {"doc_id": ["d1", "d2"], "side": ["t", "r"], "text": ["b b b b b b b a a a", "a a a a a a a b b"]}
    )
    quanteda = keyness(corpus, by="side", target="t", form="four-term", williams=True, stopwords=False)
    plain = keyness(corpus, by="side", target="t", form="four-term", stopwords=False)
    assert quanteda.set_index("term").loc["b", "g2"] == pytest.approx(4.2008, abs=5e-5)
    assert plain.set_index("term").loc["b", "g2"] == pytest.approx(4.5349, abs=5e-5)
    assert plain.set_index("term").loc["a", "g2"] == pytest.approx(-4.5349, abs=5e-5)
    # the same comparison, the reference named as a value of by
    named = keyness(corpus, by="side", target="t", reference="r", form="four-term", stopwords=False)
    assert named.set_index("term").loc["b", "g2"] == pytest.approx(4.5349, abs=5e-5)


def test_bonferroni_and_errors(inaugural: pd.DataFrame):
    raw = keyness(inaugural, by="president", target="Lincoln")
    adjusted = keyness(inaugural, by="president", target="Lincoln", correction="bonferroni")
    assert np.allclose(adjusted["p_value"], np.minimum(1, raw["p_value"] * len(raw)))
    with pytest.raises(ValueError, match=r"no document has president = 'Nobody'; values are \['Adams'"):
        keyness(inaugural, by="president", target="Nobody")
    with pytest.raises(ValueError, match="give by= and target="):
        keyness(inaugural)


def test_stopwords_are_left_out_whatever_the_case(inaugural: pd.DataFrame):
    table = keyness(inaugural, by="president", target="Obama", lowercase=False)
    assert not {"The", "It", "We", "the"} & set(table["term"])
    assert "America" in set(table["term"])  # case kept


def test_against_english_every_listed_term_is_the_word_wordfreq_counts(state_union: pd.DataFrame, abc: pd.DataFrame):
    # The artefacts a new user saw at the reference end: -and, i., so-and-so, and/or, 000 (wordfreq read other words)
    for corpus in (state_union, abc):
        table = keyness(corpus, reference="english")
        for term in table["term"]:
            assert same_word(term)[0], term
        reference_end = table.tail(15)["term"].tolist()
        assert all(t.isalpha() or "'" in t for t in reference_end), reference_end
        left_out = left_out_terms(table)
        assert len(left_out) == len(table.attrs["left_out"]) > 100
        shown = table[["term", "g2"]].iloc[::-1].head(15)  # what a report does to show the reference end
        assert shown.attrs["left_out"] is table.attrs["left_out"]  # shared, not deep-copied by every operation
        assert not set(left_out["term"]) & set(table["term"])
        listed = set(count_terms(corpus, stopwords=True)["term"])
        assert set(table["term"]) | set(left_out["term"]) == listed  # every term either compared or listed
    assert {"a.", "i.", "and/or"} <= set(left_out["term"])  # abc: what the old table listed as reference keywords
    sure = left_out.set_index("term")
    assert sure.loc["and/or", "wordfreq_reads"] == "and or"
    numbers = left_out[left_out["term"].str.fullmatch(r"\d+")]
    assert len(numbers) > 10 and set(numbers["reason"]) == {"a number (wordfreq pools numbers)"}


def test_explain_says_why_a_term_was_not_compared_with_english():
    table = keyness(load_corpus(SEED.parent), reference="english")
    with pytest.raises(KeyError, match=r"'nagorno-karabakh' \(4 in the target\) is not compared with general English"):
        explain(table, "nagorno-karabakh")
    counted = explain(table, "relations").set_index("quantity")["value"]
    assert counted["terms not compared (wordfreq reads other words)"] == len(left_out_terms(table))
