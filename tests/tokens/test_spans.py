"""Token offsets: every tokeniser's tokens found in the text they came from, as written."""

from __future__ import annotations

import pytest

from toolkit.tokens.options import TokenOptions
from toolkit.tokens.pipeline import Pipeline, split_tokens
from toolkit.tokens.spans import SLACK, squeeze, token_spans


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
