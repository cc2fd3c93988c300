"""toolkit.tokens.treebank: NLTK's treebank tokeniser, Punkt and the simple tokenisers on ``re``, token for token."""

from __future__ import annotations

from pathlib import Path

import nltk
import pytest
from nltk.tokenize import NLTKWordTokenizer, PunktSentenceTokenizer, TweetTokenizer, wordpunct_tokenize
from nltk.tokenize.punkt import PunktTrainer, save_punkt_params

from conftest import SEED
from toolkit import describe_options, load_corpus
from toolkit.tokens import treebank
from toolkit.tokens.pipeline import sentence_splitter, split_tokens

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
    # The word tokenizer's patterns run on stdlib re instead of nltk.redos, on segments it memoises: not one
    # token may change. (test_treebank_memo.py does every sentence of abc and part of brown.)
    punkt, word = PunktSentenceTokenizer(), NLTKWordTokenizer()
    abc = (nltk_corpus_dir("abc") / "rural.txt").read_text("utf-8")[:400_000]
    texts = [*_documents(nltk_corpus_dir("state_union")), abc]
    treebank.WORD_TOKENIZER.clear_memo()  # cold, then warmer and warmer
    for text in texts:
        expected = [tok for sent in punkt.tokenize(text) for tok in word.tokenize(sent)]
        assert split_tokens(text) == expected
    assert len(treebank.WORD_TOKENIZER._memos[0]) > 10_000  # the memoised path was taken


def test_untrained_punkt_splits_after_abbreviations(no_nltk_data):
    # Documented behaviour of the fallback (FACTS.md): Mr. ends a sentence, so "." is split off.
    assert split_tokens("Mr. Lavrov spoke.") == ["Mr", ".", "Lavrov", "spoke", "."]


def test_other_tokenizers_match_nltk_on_real_text():
    assert split_tokens(SEED_TEXT, "wordpunct") == wordpunct_tokenize(SEED_TEXT)
    assert split_tokens(SEED_TEXT, "whitespace") == SEED_TEXT.split()
    assert split_tokens(SEED_TEXT, "tweet") == TweetTokenizer().tokenize(SEED_TEXT)


@pytest.mark.parametrize("convert_parentheses", [False, True])
def test_word_tokenizer_gives_nltk_tokens_for_every_rule(convert_parentheses):
    # Every pattern of NLTKWordTokenizer fires here, the ten contractions included (the treebank module skips them
    # only when none matches), so that the templates made into functions are checked one by one.
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
        assert treebank.WORD_TOKENIZER.tokenize(sentence, convert_parentheses=convert_parentheses) == expected
    first = treebank.WORD_TOKENIZER.tokenize(sentences[0])
    assert "can" in first and "'tis" not in first


def test_sentence_splitter_without_punkt_tab_is_stock_untrained_punkt_on_real_text(nltk_corpus_dir):
    # An empty search path: no trained model, so Punkt with default parameters (on re) must split as stock NLTK does.
    splitter, description = treebank.sentence_splitter("english", ())
    assert description == "untrained PunktSentenceTokenizer() (punkt_tab not installed)"
    stock = PunktSentenceTokenizer()
    for text in [SEED_TEXT, *_documents(nltk_corpus_dir("inaugural"))[:10]]:
        assert splitter.tokenize(text) == stock.tokenize(text)
    assert len(splitter.tokenize(SEED_TEXT)) >= 20


def test_simple_tokenizers_are_nltks_on_real_corpora(nltk_corpus_dir):
    texts = _documents(nltk_corpus_dir("inaugural"))[:15]
    for text in texts:
        assert treebank.SIMPLE["wordpunct"](text) == wordpunct_tokenize(text)
        assert treebank.SIMPLE["whitespace"](text) == text.split()
        assert treebank.SIMPLE["tweet"](text) == TweetTokenizer(preserve_case=True).tokenize(text)
