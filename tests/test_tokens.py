"""Tokenisers checked token for token against NLTK's own classes, offline."""

from __future__ import annotations

from pathlib import Path

import nltk
import pandas as pd
import pytest
from nltk.tokenize import NLTKWordTokenizer, PunktSentenceTokenizer, TweetTokenizer, wordpunct_tokenize
from nltk.tokenize.punkt import PunktTrainer, save_punkt_params

from conftest import SEED
from toolkit import TokenOptions, describe_options, load_corpus, tokenize
from toolkit.tokens.pipeline import Pipeline, sentence_splitter, split_tokens, stopword_list

SEED_TEXT = SEED.read_text("utf-8")


def _documents(folder: Path) -> list[str]:
    return list(load_corpus(folder)["text"])


def test_treebank_is_untrained_punkt_plus_nltk_word_tokenizer(nltk_corpus_dir, no_nltk_data):
    # Without punkt_tab: PunktSentenceTokenizer() with defaults, then NLTK's word tokenizer per sentence.
    punkt, word = PunktSentenceTokenizer(), NLTKWordTokenizer()
    texts = [SEED_TEXT, *_documents(nltk_corpus_dir("inaugural"))]
    for text in texts:
        expected = [tok for sent in punkt.tokenize(text) for tok in word.tokenize(sent)]
        assert split_tokens(text) == expected
    assert describe_options()["sentences"] == "untrained PunktSentenceTokenizer() (punkt_tab not installed)"
    with pytest.raises(LookupError):
        nltk.word_tokenize("NLTK's own function needs punkt_tab, which is absent here.")


def test_treebank_equals_nltk_word_tokenize_when_punkt_tab_is_installed(
    nltk_corpus_dir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # Train a real Punkt model on State of the Union addresses and install it as punkt_tab/english.
    data = tmp_path / "nltk_data"
    model_dir = data / "tokenizers" / "punkt_tab" / "english"
    model_dir.mkdir(parents=True)
    monkeypatch.setattr(nltk.data, "path", [str(data), *nltk.data.path])
    trainer = PunktTrainer()
    trainer.train("\n".join(_documents(nltk_corpus_dir("state_union"))[:20]), finalize=True)
    save_punkt_params(trainer.get_params(), str(model_dir))
    assert sentence_splitter()[1] == "trained Punkt (punkt_tab/english)"
    for text in [SEED_TEXT, *_documents(nltk_corpus_dir("inaugural"))[-12:]]:
        assert split_tokens(text) == nltk.word_tokenize(text)


def test_fast_treebank_gives_stock_nltk_tokens_on_more_real_corpora(nltk_corpus_dir, no_nltk_data):
    # The word tokenizer's patterns run on stdlib re instead of nltk.redos: not one token may change.
    punkt, word = PunktSentenceTokenizer(), NLTKWordTokenizer()
    abc = (nltk_corpus_dir("abc") / "rural.txt").read_text("utf-8")[:400_000]
    texts = [*_documents(nltk_corpus_dir("state_union")), abc]
    for text in texts:
        expected = [tok for sent in punkt.tokenize(text) for tok in word.tokenize(sent)]
        assert split_tokens(text) == expected


def test_untrained_punkt_splits_after_abbreviations(no_nltk_data):
    # Documented behaviour of the fallback (FACTS.md): Mr. ends a sentence, so "." is split off.
    assert split_tokens("Mr. Lavrov spoke.") == ["Mr", ".", "Lavrov", "spoke", "."]


def test_other_tokenizers_match_nltk_on_real_text():
    assert split_tokens(SEED_TEXT, "wordpunct") == wordpunct_tokenize(SEED_TEXT)
    assert split_tokens(SEED_TEXT, "whitespace") == SEED_TEXT.split()
    assert split_tokens(SEED_TEXT, "tweet") == TweetTokenizer().tokenize(SEED_TEXT)


def test_regexp_keeps_inner_hyphens_and_apostrophes():
    tokens = split_tokens(SEED_TEXT, "regexp")
    for word in ("Armenia-Azerbaijan", "decades-long", "Armenia’s", "post-Soviet", "Moscow-brokered"):
        assert word in tokens
    assert "," not in tokens and "“" not in tokens
    assert split_tokens("rock 'n' roll -- don't", "regexp") == ["rock", "n", "roll", "don't"]


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


def test_unknown_options_are_clear_errors():
    with pytest.raises(ValueError, match="unknown tokenizer 'spacy'; expected one of treebank, regexp"):
        TokenOptions(tokenizer="spacy")
    with pytest.raises(TypeError, match=r"unknown token option\(s\) \['lower'\]"):
        tokenize(pd.DataFrame({"doc_id": [], "text": []}), lower=True)
    with pytest.raises(TypeError, match="not a string"):
        TokenOptions(stopwords="the")
    with pytest.raises(ValueError, match="no Snowball stemmer for 'klingon'"):
        Pipeline(TokenOptions(stem=True, language="klingon"))


def test_tokens_table_positions_index_raw_tokens():
    corpus = load_corpus(SEED.parent)
    table = tokenize(corpus)
    assert list(table.columns) == ["doc_id", "position", "token"]
    raw = Pipeline(TokenOptions()).raw(SEED_TEXT)
    for position, token in zip(table["position"], table["token"], strict=True):
        assert raw[position].lower() == token
    assert "advertisement" not in set(table["token"])  # cleaned by default
    assert "advertisement" in set(tokenize(corpus, clean=False)["token"])


@pytest.mark.parametrize("convert_parentheses", [False, True])
def test_word_tokenizer_gives_nltk_tokens_for_every_rule(convert_parentheses):
    # Every pattern of NLTKWordTokenizer fires here, the ten contractions included (toolkit.tokens.treebank skips them
    # only when none matches), so that the templates made into functions are checked one by one.
    from toolkit.tokens.treebank import WORD_TOKENIZER

    sentences = [
        "He said \"cannot\", d'ye gimme gonna gotta lemme more'n wanna go 'tis 'twas so.",
        "``Quoted'' (fine) [ok] {x} <y> -- wait... ok? yes! a:b, c: 3:30; @#$%& «q» “r” ‘s’ *star*",
        "I can't, won't; I'm sure you're right, we've seen they'll say she'd go, it's JOHN'S 'n' ROLL'S.",
        "CANNOT Gonna 'TIS  WANNA  tabs\tand  spaces   end.'\"",
        "No contraction here at all, just words and a final full stop.",
    ]
    stock = NLTKWordTokenizer()
    for sentence in sentences:
        expected = stock.tokenize(sentence, convert_parentheses=convert_parentheses)
        assert WORD_TOKENIZER.tokenize(sentence, convert_parentheses=convert_parentheses) == expected
    assert "can" in WORD_TOKENIZER.tokenize(sentences[0]) and "'tis" not in WORD_TOKENIZER.tokenize(sentences[0])
