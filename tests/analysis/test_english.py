"""General English as a reference: a term is compared only where wordfreq reads it as that same single word."""

from __future__ import annotations

from wordfreq import word_frequency

from toolkit.analysis.english import TREEBANK_PIECES, english_frequencies, english_reference, same_word


def test_same_word_follows_wordfreq_tokenisation_and_normalisation():
    assert same_word("Relations") == (True, "relations", "")
    assert same_word("don’t")[0] and same_word("can't")[0]  # wordfreq's own apostrophe handling
    for artefact, reads in (("-and", "and"), ("i.", "i"), (".this", "this"), ("well-being", "well being")):
        assert same_word(artefact)[:2] == (False, reads)
    assert not same_word("1945")[0] and not same_word("21st")[0]  # numbers are pooled by wordfreq
    assert not same_word("ca")[0] and same_word("ca", tokenizer="regexp")[0]  # "ca" of ca n't is treebank's


def test_english_reference_splits_terms_and_keeps_wordfreq_frequencies():
    counts = {"relations": 7, "-and": 3, "so-and-so": 1, "2020": 3, "lavrov": 4, "zzyzxqv": 2}
    frequencies, left_out = english_reference(counts)
    assert sorted(frequencies) == ["lavrov", "relations", "zzyzxqv"]  # an unknown word is rare, not left out
    assert frequencies["relations"] == word_frequency("relations", "en", wordlist="large") > 0
    assert frequencies["zzyzxqv"] == 0
    assert left_out.to_numpy().tolist() == [
        ["-and", 3, "and", "wordfreq reads other words"],
        ["2020", 3, "2020", "a number (wordfreq pools numbers)"],
        ["so-and-so", 1, "so and so", "wordfreq reads other words"],
    ]  # most frequent first, ties by term
    assert english_frequencies(["the", "of"])["the"] > english_frequencies(["of"])["of"]


def test_the_fast_path_for_plain_words_is_what_wordfreq_reads(state_union, abc):
    """same_word answers lower-case ASCII words without asking wordfreq: check it against wordfreq on real text."""
    from wordfreq import lossy_tokenize

    from toolkit import count_terms

    plain = set()
    for corpus in (state_union, abc):
        terms = count_terms(corpus, stopwords=False)["term"]
        plain |= {term for term in terms if term.isascii() and term.isalpha() and term.islower()}
    assert len(plain) > 20_000
    for term in sorted(plain):
        expected = lossy_tokenize(term, "en") == [term] and term not in TREEBANK_PIECES
        assert same_word(term)[0] == expected, term
        if expected:
            assert same_word(term) == (True, term, "")
    assert [same_word(piece)[0] for piece in ("wo", "gon", "na")] == [False] * 3  # treebank's pieces still go
    assert same_word("wo", tokenizer="regexp") == (True, "wo", "")
