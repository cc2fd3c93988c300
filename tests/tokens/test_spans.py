"""Token offsets: every tokeniser's tokens found in the text they came from, as written."""

from __future__ import annotations

import pytest

from toolkit.tokens.options import TokenOptions
from toolkit.tokens.pipeline import Pipeline, split_tokens
from toolkit.tokens.spans import SLACK, joined_spans, pattern_spans, squeeze, token_spans, walked_spans


def test_treebank_quotes_and_contractions_map_back_to_the_text():
    text = 'He said, "We can\'t stop" -- and "won\'t."'
    tokens = split_tokens(text)
    assert "``" in tokens and "ca" in tokens and "wo" in tokens  # what treebank writes
    shown = [text[s:e] for s, e in token_spans(text, tokens)]
    assert shown == ["He", "said", ",", '"', "We", "ca", "n't", "stop", '"', "--", "and", '"', "wo", "n't", ".", '"']


@pytest.mark.parametrize("tokenizer", ["treebank", "regexp", "wordpunct", "whitespace", "tweet"])
def test_every_tokeniser_on_real_text_every_span_is_its_token(state_union, tokenizer: str):
    text = " ".join(state_union["text"].head(3))
    tokens = split_tokens(text, tokenizer)
    spans = token_spans(text, tokens)
    assert spans[:, 0].tolist() == sorted(spans[:, 0].tolist())  # in order, never overlapping backwards
    quotes = {"``", "''"}
    for token, (start, end) in zip(tokens, spans.tolist(), strict=True):
        written = text[start:end]
        assert written == token or (token in quotes and written in ('"', "``", "''")), (token, written)


def test_a_token_the_text_does_not_hold_gets_an_empty_span_and_the_rest_stay_in_place():
    assert token_spans("a &amp; b", ["a", "&", "b"]).tolist() == [[0, 1], [2, 3], [8, 9]]
    far = "x " + "words " * 10 + "target"
    # a token that is not here is not taken from further on, past letters: that would be another occurrence
    assert token_spans(far, ["x", "target", "words"]).tolist() == [[0, 1], [1, 1], [2, 7]]
    assert token_spans(far, ["x", "missing", "words"]).tolist() == [[0, 1], [1, 1], [2, 7]]
    assert len(far) > SLACK


def test_pipeline_spans_are_document_offsets_with_boilerplate_blanked():
    text = "Talks began.\n1.2K\nADVERTISEMENT\nTalks ended."
    pipe = Pipeline(TokenOptions())
    shown, spans = pipe.spans(text, pipe.raw(text))
    assert len(shown) == len(text) and "ADVERTISEMENT" not in shown
    assert [text[s:e] for s, e in spans] == ["Talks", "began", ".", "Talks", "ended", "."]
    assert squeeze(shown[spans[2][1] : spans[3][0]]) == ""  # only blank lines between the sentences


@pytest.mark.parametrize("tokenizer", ["treebank", "regexp", "wordpunct", "whitespace", "tweet"])
def test_the_fast_path_gives_thewalked_spans_or_steps_aside(real_corpora, tokenizer: str):
    # token_spans joins the tokens and compares them with the text without whitespace (C speed);
    # wherever it answers, it must answer what the token-by-token walk (NLTK's align_tokens) answers
    answered = 0
    for corpus in real_corpora.values():
        for text in corpus["text"].head(8):
            tokens = split_tokens(text, tokenizer)
            fast = joined_spans(text, tokens)
            if fast is not None:
                answered += 1
                assert fast.tolist() == walked_spans(text, tokens).tolist()
            if tokenizer == "regexp":
                assert pattern_spans(text, tokens).tolist() == walked_spans(text, tokens).tolist()
    if tokenizer in ("treebank", "wordpunct", "whitespace"):
        assert answered == 8 + 8 + 2  # every document: inaugural, state_union, abc's two files
    if tokenizer == "regexp":
        assert answered == 0  # punctuation is not a token: the pattern's own matches give the spans
    assert joined_spans('a "b" c', ["a", "``", "b", "''", "c"]).tolist() == [[0, 1], [2, 3], [3, 4], [4, 5], [6, 7]]
    assert joined_spans("a b", ["ab"]) is None  # a token across a space is not one of the text's
