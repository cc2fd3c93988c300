"""toolkit.tokens.options: checked settings, and one stopword default whichever way the options arrive."""

from __future__ import annotations

import pickle

import pandas as pd
import pandas.testing as pdt
import pytest

from conftest import SEED
from toolkit import TokenOptions, collocates, count_terms, keyness, load_corpus, tokenize
from toolkit.analysis.termindex import TermIndex
from toolkit.tokens.options import DEFAULT, counting_options, default_stopwords, token_options
from toolkit.tokens.pipeline import Pipeline

STOPWORDS = {"the", "and", "in", "of"}


@pytest.fixture(scope="module")
def seed_corpus() -> pd.DataFrame:
    return load_corpus(SEED.parent)


def _same_table(first: pd.DataFrame, second: pd.DataFrame) -> None:
    pdt.assert_frame_equal(first, second)
    assert first.attrs == second.attrs  # totals, sizes and the settings described


def test_unknown_options_are_clear_errors():
    with pytest.raises(ValueError, match="unknown tokenizer 'spacy'; expected one of treebank, regexp"):
        TokenOptions(tokenizer="spacy")
    with pytest.raises(TypeError, match=r"unknown token option\(s\) \['lower'\]"):
        tokenize(pd.DataFrame({"doc_id": [], "text": []}), lower=True)
    with pytest.raises(TypeError, match="not the string 'the and of'"):
        TokenOptions(stopwords="the and of")
    with pytest.raises(ValueError, match="min_length must be >= 0"):
        TokenOptions(min_length=-1)
    with pytest.raises(ValueError, match="no Snowball stemmer for 'klingon'"):
        Pipeline(TokenOptions(stem=True, language="klingon"))


def test_stopwords_are_stored_in_one_form_and_options_survive_pickling():
    assert TokenOptions().stopwords is DEFAULT
    assert (
        TokenOptions(stopwords=None)
        == TokenOptions(stopwords=())
        == TokenOptions(stopwords=[])
        == TokenOptions(stopwords=False)
    )
    assert TokenOptions(stopwords=["Baku", "talks"]).stopwords == ("Baku", "talks")
    assert TokenOptions(stopwords="german").stopwords == "german"
    for options in (TokenOptions(), TokenOptions(stopwords=["war"], tokenizer="regexp")):
        copy = pickle.loads(pickle.dumps(options))  # options travel to worker processes
        assert copy == options and hash(copy) == hash(options)
    assert pickle.loads(pickle.dumps(TokenOptions())).stopwords is DEFAULT
    assert repr(TokenOptions()).count("stopwords=DEFAULT") == 1


def test_token_options_keep_the_default_and_counting_options_resolve_it():
    assert token_options(tokenizer="regexp").stopwords is DEFAULT
    assert token_options(TokenOptions(lowercase=False), tokenizer="regexp") == TokenOptions(
        tokenizer="regexp", lowercase=False
    )
    for given in ({}, {"tokenizer": "regexp"}):
        assert counting_options(**given).stopwords is True
        assert counting_options(TokenOptions(**given)) == counting_options(**given)
    for explicit in (False, None, (), ["war"], "german", True):
        assert counting_options(stopwords=explicit) == TokenOptions(stopwords=explicit)
        assert counting_options(TokenOptions(stopwords=explicit)) == TokenOptions(stopwords=explicit)
    assert counting_options(TokenOptions(stopwords=False), stopwords=DEFAULT).stopwords is True


def test_default_stopwords_is_deprecated_and_follows_the_same_default():
    with pytest.warns(DeprecationWarning, match="use counting_options"):
        assert default_stopwords(TokenOptions(), {}) == {"stopwords": True}
    with pytest.warns(DeprecationWarning, match="default_stopwords"):
        assert default_stopwords(TokenOptions(stopwords=False), {"lowercase": False}) == {"lowercase": False}


# The defect: `count_terms(c, tokenizer="regexp")` removed stopwords while `count_terms(c,
# options=TokenOptions(tokenizer="regexp"))` kept them; the same in keyness, collocates and the term index.


@pytest.mark.parametrize("tokenizer", ["regexp", "treebank"])
def test_count_terms_gives_one_table_whichever_way_the_options_come(seed_corpus, tokenizer):
    by_keyword = count_terms(seed_corpus, tokenizer=tokenizer)
    by_object = count_terms(seed_corpus, options=TokenOptions(tokenizer=tokenizer))
    _same_table(by_keyword, by_object)
    assert not STOPWORDS & set(by_object["term"]) and by_object.loc[0, "term"] == "relations"
    kept = count_terms(seed_corpus, options=TokenOptions(tokenizer=tokenizer, stopwords=False))
    assert set(kept["term"]) >= STOPWORDS
    _same_table(kept, count_terms(seed_corpus, tokenizer=tokenizer, stopwords=False))
    _same_table(kept, count_terms(seed_corpus, options=TokenOptions(tokenizer=tokenizer), stopwords=None))


def test_keyness_gives_one_table_whichever_way_the_options_come(inaugural):
    speeches = inaugural[inaugural["year"].astype(int) >= 1961]
    by_keyword = keyness(speeches, by="president", target="Obama", tokenizer="regexp")
    by_object = keyness(speeches, by="president", target="Obama", options=TokenOptions(tokenizer="regexp"))
    _same_table(by_keyword, by_object)
    assert not STOPWORDS & set(by_object["term"]) and len(by_object) > 1000
    kept = keyness(speeches, by="president", target="Obama", options=TokenOptions(tokenizer="regexp", stopwords=()))
    assert set(kept["term"]) >= STOPWORDS


def test_collocates_give_one_table_whichever_way_the_options_come(inaugural):
    by_keyword = collocates(inaugural, "freedom", window=4, tokenizer="regexp")
    by_object = collocates(inaugural, "freedom", window=4, options=TokenOptions(tokenizer="regexp"))
    _same_table(by_keyword, by_object)
    assert not STOPWORDS & set(by_object["collocate"]) and len(by_object) > 20
    kept = collocates(inaugural, "freedom", window=4, options=TokenOptions(tokenizer="regexp", stopwords=False))
    assert set(kept["collocate"]) >= STOPWORDS


def test_the_term_index_lists_the_same_whichever_way_the_options_come(seed_corpus):
    by_keyword = TermIndex(seed_corpus, tokenizer="regexp")
    by_object = TermIndex(seed_corpus, options=TokenOptions(tokenizer="regexp"))
    assert by_keyword.stopwords == by_object.stopwords and "the" in by_object.stopwords
    _same_table(by_keyword.collocates("lavrov", min_count=1), by_object.collocates("lavrov", min_count=1))
    _same_table(by_keyword.frequency_table("armenia"), by_object.frequency_table("armenia"))
    assert not STOPWORDS & set(by_object.collocates("lavrov", min_count=1)["collocate"])
    kept = TermIndex(seed_corpus, options=TokenOptions(tokenizer="regexp", stopwords=False))
    assert not kept.stopwords and STOPWORDS & set(kept.collocates("lavrov", min_count=1)["collocate"])


def test_token_level_functions_keep_every_token_whichever_way_the_options_come(seed_corpus):
    by_keyword = tokenize(seed_corpus, tokenizer="regexp")
    by_object = tokenize(seed_corpus, options=TokenOptions(tokenizer="regexp"))
    pdt.assert_frame_equal(by_keyword, by_object)
    assert set(by_object["token"]) >= STOPWORDS
    removed = tokenize(seed_corpus, options=TokenOptions(tokenizer="regexp", stopwords=True))
    assert not STOPWORDS & set(removed["token"])
