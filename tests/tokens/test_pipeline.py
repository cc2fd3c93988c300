"""toolkit.tokens.pipeline: normalisation, stopword lists, the resolved pipeline and the tokens table, on real text."""

from __future__ import annotations

from collections import Counter

import nltk
import pytest
from nltk.tokenize import wordpunct_tokenize

from conftest import SEED
from toolkit import TokenOptions, describe_options, load_corpus, tokenize
from toolkit.tokens.options import counting_options
from toolkit.tokens.pipeline import Pipeline, listing_options, stopword_list

SEED_TEXT = SEED.read_text("utf-8")


def test_no_download_anywhere(no_nltk_data, monkeypatch: pytest.MonkeyPatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("nltk.download was called")

    monkeypatch.setattr(nltk, "download", forbidden)
    for name in ("treebank", "regexp", "wordpunct", "whitespace", "tweet"):
        pipe = Pipeline(TokenOptions(tokenizer=name, stopwords=True, stem=True))
        assert "lavrov" in pipe.tokens(SEED_TEXT)
    words, source = stopword_list()
    assert source.startswith("bundled list (english, ")
    assert {"the", "and", "n't", "'s"} <= words


def test_nltk_stopwords_are_used_when_installed(nltk_corpus_dir):
    nltk_corpus_dir("stopwords")
    words, source = stopword_list()
    assert source == "NLTK stopwords (english, 179 words) + 8 clitics"
    assert "the" in words and {"n't", "'s"} <= words


def test_normalisation_options_leave_gaps_at_removed_tokens():
    text = "The talks in Moscow, said Lavrov, were 'useful'."
    pipe = Pipeline(TokenOptions(tokenizer="wordpunct", stopwords=("the", "in", "were")))
    assert pipe.padded(text) == [
        None,
        "talks",
        None,
        "moscow",
        None,
        "said",
        "lavrov",
        None,
        None,
        None,
        "useful",
        None,
    ]
    kept = Pipeline(TokenOptions(tokenizer="wordpunct", lowercase=False, drop_punct=False)).tokens(text)
    assert kept == wordpunct_tokenize(text)
    short = Pipeline(TokenOptions(tokenizer="regexp", min_length=5)).tokens(text)
    assert short == ["talks", "moscow", "lavrov", "useful"]
    stemmed = Pipeline(TokenOptions(tokenizer="regexp", stem=True)).tokens("relations normalisation talks")
    assert stemmed == ["relat", "normalis", "talk"]  # NLTK's Snowball (English)


def test_stopwords_compare_in_lower_case_even_when_case_is_kept():
    pipe = Pipeline(TokenOptions(tokenizer="regexp", lowercase=False, stopwords=True))
    assert pipe.tokens("The Kremlin AND Baku") == ["Kremlin", "Baku"]


def test_tokens_table_positions_index_raw_tokens():
    corpus = load_corpus(SEED.parent)
    table = tokenize(corpus)
    assert list(table.columns) == ["doc_id", "position", "token"]
    raw = Pipeline(TokenOptions()).raw(SEED_TEXT)
    for position, token in zip(table["position"], table["token"], strict=True):
        assert raw[position].lower() == token
    assert "advertisement" not in set(table["token"])  # cleaned by default
    assert "advertisement" in set(tokenize(corpus, clean=False)["token"])


def test_stopwords_not_given_keep_every_token_and_share_the_cache_key_of_none():
    default, none = Pipeline(TokenOptions()), Pipeline(TokenOptions(stopwords=False))
    assert default.tokens(SEED_TEXT) == none.tokens(SEED_TEXT)
    assert {"the", "and", "in"} <= set(default.tokens(SEED_TEXT))
    assert default.stopword_source == none.stopword_source == "none"
    assert default.count_tag == none.count_tag  # the same tokens: the same cache entries
    listed = Pipeline(counting_options(TokenOptions()))
    assert listed.count_tag == Pipeline(TokenOptions(stopwords=True)).count_tag != none.count_tag
    assert "the" not in listed.tokens(SEED_TEXT)


def test_stopwords_by_language_name(nltk_corpus_dir):
    nltk_corpus_dir("stopwords")  # skips unless NLTK's stopwords corpus is installed
    german = Pipeline(TokenOptions(tokenizer="regexp", stopwords="german"))
    assert german.tokens("Die Gespräche in Baku und der Frieden") == ["gespräche", "baku", "frieden"]
    assert german.stopword_source.startswith("NLTK stopwords (german, ")
    english = Pipeline(TokenOptions(stopwords="english"))
    assert english.stopwords == Pipeline(TokenOptions(stopwords=True)).stopwords
    assert english.count_tag == Pipeline(TokenOptions(stopwords=True)).count_tag
    with pytest.raises(ValueError, match="no stopword list for 'the'"):
        Pipeline(TokenOptions(stopwords="the"))


def test_a_language_without_a_list_warns_and_removes_none():
    with pytest.warns(UserWarning, match="no stopword list for 'quenya'"):
        pipe = Pipeline(TokenOptions(tokenizer="regexp", stopwords=True, language="quenya"))
    assert pipe.tokens("Elen síla lúmenn omentielvo") == ["elen", "síla", "lúmenn", "omentielvo"]


def test_listing_options_count_every_token_and_list_the_same_stopwords_whichever_way_they_come():
    by_keyword = listing_options(None, {"tokenizer": "regexp"})
    by_object = listing_options(TokenOptions(tokenizer="regexp"), {})
    assert by_keyword[1] == by_object[1] == stopword_list()[0]
    assert by_keyword[0].options == by_object[0].options and by_object[0].options.stopwords is False
    every = Pipeline(TokenOptions(tokenizer="regexp", stopwords=False)).tokens(SEED_TEXT)
    assert by_object[0].tokens(SEED_TEXT) == every and "the" in every  # every token is counted
    kept = listing_options(TokenOptions(tokenizer="regexp", stopwords=False), {})
    assert kept[1] == frozenset()
    own = listing_options(None, {"stopwords": ["Baku"]})
    assert own[1] == {"baku"}


def test_counts_are_the_counter_of_the_tokens_on_real_text():
    for options in (TokenOptions(), TokenOptions(tokenizer="regexp", stopwords=True, stem=True)):
        pipe = Pipeline(options)
        assert pipe.counts(pipe.raw(SEED_TEXT)) == Counter(pipe.tokens(SEED_TEXT))


def test_describe_options_names_what_was_used():
    info = describe_options(tokenizer="regexp", stopwords=True)
    assert info["tokenizer"] == "regexp" and info["stopwords"] == stopword_list()[1]
    assert describe_options()["stopwords"] == "none"  # tokenize keeps every token
    assert "sentences" in describe_options() and "sentences" not in info


def test_a_damaged_stopword_file_is_an_error_naming_it_and_the_byte(tmp_path, monkeypatch: pytest.MonkeyPatch):
    listing = tmp_path / "corpora" / "stopwords" / "english"
    listing.parent.mkdir(parents=True)
    listing.write_bytes(b"the\nof\ncaf\xe9\n")  # Latin-1 where NLTK's lists are UTF-8
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    with pytest.raises(ValueError, match=f"^{listing}: NLTK's english stopword list is not UTF-8 at byte 10$"):
        stopword_list()
