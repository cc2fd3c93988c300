"""KWIC on real text: row counts equal term counts, contexts are slices of the text, sorting and sampling."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from conftest import SEED
from toolkit import count_terms, kwic, load_corpus
from toolkit.analysis.termindex import TermIndex
from toolkit.tokens.options import TokenOptions
from toolkit.tokens.pipeline import Pipeline
from toolkit.tokens.spans import squeeze


def test_kwic_counts_agree_with_count_terms(inaugural: pd.DataFrame):
    counts = count_terms(inaugural, stopwords=False).set_index("term")["n"]
    for word in ("freedom", "liberty", "constitution"):
        assert len(kwic(inaugural, word)) == counts[word]
    both = kwic(inaugural, "free(dom|doms)", regex=True)
    assert len(both) == counts["freedom"] + counts["freedoms"]
    starting = counts[counts.index.str.startswith("freedom")]
    assert len(starting) > 2  # freedom, freedoms, and hyphenated forms
    assert len(kwic(inaugural, "freedom*")) == starting.sum()
    bigrams = count_terms(inaugural, ngram=2, stopwords=False).set_index("term")["n"]
    assert len(kwic(inaugural, "united states")) == bigrams["united states"]


def test_kwic_rows_show_the_text_as_written_at_the_right_position():
    corpus = load_corpus(SEED.parent)
    text = SEED.read_text("utf-8")
    table = kwic(corpus, "relations", window=3)
    assert list(table.columns) == ["doc_id", "position", "left", "keyword", "right", "start", "end"]
    raw = Pipeline(TokenOptions()).raw(text)
    for row in table.itertuples():
        assert raw[row.position].lower() == "relations"
        assert text[row.start : row.end] == row.keyword
    assert table.iloc[0]["left"] == "to help normalise"  # in the title line


def _no_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("tokenizer", ["treebank", "regexp", "wordpunct", "whitespace", "tweet"])
def test_every_line_is_a_slice_of_the_document_on_real_corpora(real_corpora, tokenizer: str):
    # Treebank writes " as `` or '' and splits can't into ca n't; a concordance shows neither (AntConc, Voyant)
    corpora = real_corpora if tokenizer == "treebank" else {"state_union": real_corpora["state_union"]}
    for name, corpus in corpora.items():
        texts = dict(zip(corpus["doc_id"], corpus["text"], strict=True))
        squeezed = {doc_id: _no_space(text) for doc_id, text in texts.items()}
        table = kwic(corpus, "said|america.*|people|ca|n't|&", regex=True, window=6, tokenizer=tokenizer)
        assert len(table) > 100
        for row in table.itertuples():
            text = texts[row.doc_id]
            assert row.keyword == squeeze(text[row.start : row.end]), (name, row)
            shown = _no_space(row.left + row.keyword + row.right)
            assert shown in squeezed[row.doc_id], (name, row)
            for line in (row.left, row.keyword, row.right):
                for mark in ("``", "''"):  # treebank's quote tokens; 1985-Reagan.txt and others write them
                    assert mark not in line or mark in texts[row.doc_id], (name, row)
                assert "  " not in line and line == line.strip()
        if tokenizer == "treebank" and name == "state_union":
            cant = kwic(corpus, "ca", window=2)
            assert len(cant) > 10
            assert set(cant["keyword"].str.lower()) == {"ca"}  # the token, as written inside "can't"
            assert all(r.startswith("n't") or r.startswith("n’t") for r in cant["right"])
            quoted = kwic(corpus, "said", window=3)
            assert any('"' in r for r in quoted["right"]) and not any("''" in r for r in quoted["right"])


def test_contexts_skip_boilerplate_lines_and_offsets_are_the_documents():
    text = 'Talks began.\n1.2K\nADVERTISEMENT\nThe talks, he said, "went well".\n'
    corpus = pd.DataFrame({"doc_id": ["a"], "text": [text]})
    table = kwic(corpus, "talks", window=4)
    assert table["left"].tolist() == ["", "Talks began. The"]  # not "1.2K ADVERTISEMENT": cleaning removed them
    assert table["right"].tolist() == ["began. The talks", ", he said,"]
    assert [text[s:e] for s, e in zip(table["start"], table["end"], strict=True)] == ["Talks", "talks"]
    raw = kwic(corpus, "talks", window=4, clean=False)
    assert raw["left"].tolist()[1] == ". 1.2K ADVERTISEMENT The"


def test_kwic_sorting_and_seeded_sampling(inaugural: pd.DataFrame):
    lines = kwic(inaugural, "nation")
    left = kwic(inaugural, "nation", sort="left")
    keys = [tuple(reversed(re.findall(r"\w+(?:[-'’]\w+)*", s.lower()))) for s in left["left"]]
    assert keys == sorted(keys)
    assert keys[0] < keys[-1]
    right = kwic(inaugural, "nation", sort="right")
    words = [re.findall(r"\w+(?:[-'’]\w+)*", s.lower()) for s in right["right"]]
    assert words == sorted(words)
    assert sorted(map(tuple, left.to_numpy().tolist())) == sorted(map(tuple, lines.to_numpy().tolist()))
    sample = kwic(inaugural, "nation", n=10, random_state=7)
    assert len(sample) == 10
    pd.testing.assert_frame_equal(sample, kwic(inaugural, "nation", n=10, random_state=7))
    assert not sample.equals(kwic(inaugural, "nation", n=10, random_state=8))
    assert set(map(tuple, sample.to_numpy().tolist())) <= set(map(tuple, lines.to_numpy().tolist()))


def test_plain_words_are_stemmed_like_the_tokens(inaugural: pd.DataFrame):
    # with stem=True the tokens are stems: a plain word is stemmed too, so "freedoms" finds both forms
    stems = count_terms(inaugural, stem=True, stopwords=False).set_index("term")["n"]
    assert len(kwic(inaugural, "freedoms", stem=True)) == stems["freedom"]
    assert len(kwic(inaugural, "Freedom", stem=True)) == stems["freedom"]
    counts = count_terms(inaugural, stopwords=False).set_index("term")["n"]
    assert stems["freedom"] == counts["freedom"] + counts["freedoms"]


def test_bad_patterns_are_clear_errors(inaugural: pd.DataFrame):
    with pytest.raises(ValueError, match="empty pattern"):
        kwic(inaugural, "  ")
    with pytest.raises(ValueError, match="bad regular expression 'free\\('"):
        kwic(inaugural, "free(", regex=True)
    with pytest.raises(ValueError, match="sort must be"):
        kwic(inaugural, "nation", sort="middle")


def test_a_word_the_tokeniser_splits_is_found_as_written(state_union: pd.DataFrame):
    # "can't" typed by a researcher: treebank's tokens are "ca" "n't", so it used to find nothing
    lines = kwic(state_union, "can't", window=3)
    pieces = kwic(state_union, "ca n't", window=3)
    assert len(lines) == len(pieces) > 20
    assert set(lines["keyword"].str.lower()) <= {"can't", "can’t"}
    assert len(kwic(state_union, "cannot")) == len(kwic(state_union, "can not"))  # treebank: can not
    assert len(kwic(state_union, "can't", tokenizer="regexp")) == len(lines)  # one token there
    index = TermIndex(state_union)
    from_index = index.kwic("can't", window=3)
    pd.testing.assert_frame_equal(from_index, lines)
