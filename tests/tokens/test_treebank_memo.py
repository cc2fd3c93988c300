"""toolkit.tokens.treebank's memo: sentences cut into segments, each tokenised once, still stock NLTK's tokens.

The cut is exact only if no NLTK rule can behave differently on a segment than inside its sentence
(the proof is a comment in treebank.py). These tests try to break it: random sentences made of the
characters the rules look at, the memo cold and warm, real corpora, and the cut's edge cases one by one.
"""

from __future__ import annotations

import random
import re
import sys

import pytest
from nltk.tokenize import NLTKWordTokenizer, PunktSentenceTokenizer

from toolkit import load_corpus
from toolkit.tokens import treebank

STOCK = NLTKWordTokenizer()

# Pieces of random sentences: what NLTK's rules look at (quotes, dots, commas, colons, brackets, dashes,
# clitics, contractions, case-folding letters such as K, ſ and ı) next to plain words and numbers.
WORDS = ["the", "said", "Obama", "U.S", "us", "I", "a", "x", "3", "42", "3.88", "1,000", "10:30", "é", "naïve"]
WORDS += ["well-known", "\u212a", "ſ", "ı", "İstanbul", "straße", "日本", "_", "ab1", "Z9"]
# ... and characters that re and NLTK's regex engine classify differently: combining mark, superscript, other planes
WORDS += ["cafe\u0301", "e\u0301", "x²", "\N{GRINNING FACE}", "\U00010d41"]
CONTRACTIONS = ["cannot", "CanNot", "gonna", "Gonna", "gotta", "GOTTA", "gimme", "lemme", "wanna", "WANNA"]
CONTRACTIONS += ["'tis", "'Tis", "'twas", "'TWAS", "d'ye", "D'YE", "more'n", "'tıs", "'twaſ", "whaddya", "whatcha"]
CLITICS = ["'s", "'S", "'m", "'M", "'d", "'D", "'ll", "'LL", "'re", "'RE", "'ve", "'VE", "n't", "N'T", "'", "’s"]
PUNCTUATION = ['"', "'", "''", "``", "`", "“", "”", "‘", "’", "«", "»", "„", ".", "..", "...", ",", ":", ";"]
PUNCTUATION += ["@", "#", "$", "%", "&", "?", "!", "*", "(", ")", "[", "]", "{", "}", "<", ">", "--", "-", "—"]
PUNCTUATION += ["–", "‒", "―", "'n", "'t", "'ye"]
# Mostly one space or nothing (so that cuts and the characters around them are frequent), else other whitespace.
SEPARATORS = [" "] * 30 + [""] * 10 + ["  ", "\t", "\n", "\r\n", "\xa0", "\u3000", "\x1c", "\u2028", "\x0b", " \n"]
CLEAN_SEPARATORS = [" "] * 16 + [""] * 3 + ["  ", "\n"]  # half of the sentences: more like real text, more cuts


def _piece(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.55:
        word = rng.choice(WORDS)
        return word + rng.choice(CLITICS + [","] * 4) if rng.random() < 0.25 else word
    if kind < 0.7:
        return rng.choice(CONTRACTIONS)
    return rng.choice(PUNCTUATION)


def random_sentences(count: int, seed: int) -> list[str]:
    """``count`` random sentences (seeded: the same every run), some with a final period and closing quotes."""
    rng = random.Random(seed)
    sentences = []
    for _ in range(count):
        pieces = [_piece(rng) for _ in range(rng.randint(0, 14))]
        separators = SEPARATORS if rng.random() < 0.5 else CLEAN_SEPARATORS
        text = "".join(piece + rng.choice(separators) for piece in pieces)
        if rng.random() < 0.3:
            text += rng.choice([".", '."', ".'", ".)", ". ", ".\n", ".”", ",", ":", "'"])
        sentences.append(text)
    return sentences


def _concatenated(tokenize, pieces: list[str], **kwargs) -> list[str]:
    return [token for piece in pieces for token in tokenize(piece, **kwargs)]


def test_the_rules_are_the_ones_the_proof_covers():
    # An NLTK upgrade that changes a rule turns the cut and the shortcuts off (exact, slower) and fails here:
    # re-check the proof in treebank.py, then update _PROVEN_RULES.
    assert treebank._PROVEN, f"NLTK's word-tokenizer rules changed: digest {treebank._rules_digest()}"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("He said.", ["He", "said."]),  # the final period stays with the last segment
        ("U.S. officials met", ["U.S. officials", "met"]),  # no cut after "."
        ('"Yes," he said', ['"Yes," he', "said"]),  # none after a closing quote, nor before an opening one
        ('He said "no', ["He", 'said "no']),
        ("John's book is John's", ["John's", "book", "is", "John's"]),  # "'s " consumes its space
        ("dogs' toys", ["dogs' toys"]),
        ("a\tb a\nb a  b a\xa0b", ["a\tb", "a\nb", "a  b", "a\xa0b"]),  # tabs, newlines, double spaces
        ("I wanna go", ["I", "wanna", "go"]),  # (?=\s) sees a space in both
        ("'tis so, 'twas", ["'tis", "so, 'twas"]),  # " 'tis": no cut before a quote
        ("Obama, 52, said: yes, sir", ["Obama,", "52,", "said: yes,", "sir"]),  # after "x," only
        ("a,, b a , b , c", ["a,, b", "a , b , c"]),
        ("é b \u212a b c", ["é b \u212a b", "c"]),  # ASCII letters only (K is the Kelvin sign)
        ("", [""]),
    ],
)
def test_segments_at_the_edges(sentence: str, expected: list[str]):
    assert treebank.segments(sentence) == expected
    for convert in (False, True):
        whole = STOCK.tokenize(sentence, convert_parentheses=convert)
        assert _concatenated(STOCK.tokenize, expected, convert_parentheses=convert) == whole
        assert treebank.WORD_TOKENIZER.tokenize(sentence, convert_parentheses=convert) == whole


def test_segment_tokens_concatenate_to_the_sentence_tokens_in_stock_nltk():
    # The cut itself, checked with stock NLTK only: tokens of the sentence == tokens of its segments, in order.
    sentences = random_sentences(3_000, seed=20240611)
    cut = 0
    for n, sentence in enumerate(sentences):
        pieces = treebank.segments(sentence)
        cut += len(pieces) - 1
        convert = n % 3 == 0  # a third with PTB brackets
        whole = STOCK.tokenize(sentence, convert_parentheses=convert)
        assert _concatenated(STOCK.tokenize, pieces, convert_parentheses=convert) == whole, (sentence, pieces)
    assert cut > 2_500  # the sample does exercise the cut


def test_random_sentences_give_stock_tokens_with_the_memo_cold_and_warm():
    sentences = random_sentences(4_000, seed=7)
    expected = {s: STOCK.tokenize(s) for s in sentences}
    expected_ptb = {s: STOCK.tokenize(s, convert_parentheses=True) for s in sentences[:1_500]}
    tokenizer = treebank._WordTokenizer()
    for sentence in sentences[:300]:  # a new memo each time: every segment is a miss (or a hit within the sentence)
        assert treebank._WordTokenizer().tokenize(sentence) == expected[sentence], sentence
    for rounds, order in enumerate([sentences, random.Random(1).sample(sentences, len(sentences)), sentences]):
        for sentence in order:  # first round warms the memo, the others hit it, in another order
            assert tokenizer.tokenize(sentence) == expected[sentence], (rounds, sentence)
        for sentence in order:
            if sentence in expected_ptb:
                assert tokenizer.tokenize(sentence, convert_parentheses=True) == expected_ptb[sentence], sentence
    assert 1_000 < len(tokenizer._memos[0]) <= treebank.MEMO_ENTRIES


def test_shortcut_is_what_the_rules_make_of_plain_words():
    # _shortcut skips the rules for plain words, "word," and "word.": it must return the rules' exact string.
    candidates = {piece for s in random_sentences(2_000, seed=3) for piece in treebank.segments(s)}
    candidates |= {w + end for w in [*WORDS, *CONTRACTIONS, "a-b", "-", "a-", "x--y"] for end in ("", ",", ".")}
    taken = 0
    for segment in sorted(candidates):
        shortcut = treebank._shortcut(segment)
        if shortcut is not None:
            taken += 1
            for convert in (False, True):
                assert treebank.WORD_TOKENIZER._before_contractions(segment, convert) == shortcut, segment
    assert taken > 100
    assert treebank._shortcut("x--y") is None and treebank._shortcut("...") is None and treebank._shortcut("") is None


def test_contraction_prefilter_misses_no_contraction():
    # _may_contract looks for ', nn, mm, tt after lower(): only ASCII letters fold to n, m and t in re.
    every_character = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert set(re.findall("(?i)[nmt]", every_character)) == set("nmtNMT")
    contraction_patterns = [*treebank._WordTokenizer.CONTRACTIONS2, *treebank._WordTokenizer.CONTRACTIONS3]
    texts = [f" {w} " for w in CONTRACTIONS] + [f" {s} " for s in random_sentences(2_000, seed=11)]
    for text in texts:
        if any(p.search(text) for p in contraction_patterns):
            assert treebank._may_contract(text), text


def test_characters_re_and_nltks_regex_engine_see_differently_go_to_stock_nltk():
    # Found by the random sentences: re's \s also matches U+001C-U+001F, and \w differs on combining marks,
    # superscripts... Segments holding one are tokenised by stock NLTK (the tokenizer before the memo
    # gave 'end', '.' for the last sentence below).
    for sentence in ["the 10\u00b2'x", "x\u0301'abc s", "end.\x1c", "a\x1fb's c", "10\u00b2 'x"]:
        assert treebank.WORD_TOKENIZER.tokenize(sentence) == STOCK.tokenize(sentence), sentence
    odd = [chr(c) for c in range(0x10000) if treebank._ODD.search(chr(c))]
    assert {"\x1c", "\x1f", "\u00b2", "\u0301"} <= set(odd)
    assert [c for c in odd if c.isascii()] == ["\x1c", "\x1d", "\x1e", "\x1f"]
    for c in odd:
        for sentence in (f"a{c}'s b{c}. x{c}", f"{c}'tis{c} x'{c}y"):
            assert treebank.WORD_TOKENIZER.tokenize(sentence) == STOCK.tokenize(sentence), hex(ord(c))


def test_callers_cannot_change_the_memo():
    tokenizer = treebank._WordTokenizer()
    first = tokenizer.tokenize("the cat said hello.")
    first.append("changed")
    first[0] = "THE"
    assert tokenizer.tokenize("the cat said hello.") == ["the", "cat", "said", "hello", "."]
    assert tokenizer.tokenize("the") is not tokenizer.tokenize("the")
    assert all(isinstance(tokens, tuple) for tokens in tokenizer._memos[0].values())


def test_memo_is_bounded_and_keeps_the_two_parenthesis_modes_apart(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(treebank, "MEMO_ENTRIES", 50)
    tokenizer = treebank._WordTokenizer()
    for n in range(1_000):
        assert tokenizer.tokenize(f"w{n} (x{n % 7})") == [f"w{n}", "(", f"x{n % 7}", ")"]
        assert len(tokenizer._memos[0]) <= 50
    assert tokenizer.tokenize("w1 (x1)", convert_parentheses=True) == ["w1", "-LRB-", "x1", "-RRB-"]
    long_segment = "(" * 100
    assert tokenizer.tokenize(long_segment) == STOCK.tokenize(long_segment)
    assert long_segment not in tokenizer._memos[0]  # too long to be worth keeping


def _brown_texts(nltk_corpus_dir, documents: int) -> list[str]:
    """The first ``documents`` Brown files as load_corpus(nltk.corpus.brown) rebuilds them: words joined by spaces."""
    # Read by hand: NLTK 3.10 lets corpus readers open only its data folders. A word is what precedes
    # the last "/" of a whitespace-separated token, as in TaggedCorpusReader.words().
    files = sorted(p for p in nltk_corpus_dir("brown").iterdir() if re.fullmatch(r"c[a-r]\d\d", p.name))
    texts = []
    for path in files[:documents]:
        tagged = path.read_text("ascii").split()
        texts.append(" ".join(token[: token.rfind("/")] if "/" in token else token for token in tagged))
    return texts


def test_every_sentence_of_abc_and_brown_news_through_the_memo(nltk_corpus_dir):
    # state_union and inaugural go through split_tokens (so through the memo) in test_treebank.py.
    texts = [*load_corpus(nltk_corpus_dir("abc"))["text"], *_brown_texts(nltk_corpus_dir, 60)]  # abc: 2 files
    punkt = PunktSentenceTokenizer()
    sentences = list(dict.fromkeys(s for text in texts for s in punkt.tokenize(text)))  # every distinct one
    treebank.WORD_TOKENIZER.clear_memo()
    pieces = 0
    for sentence in sentences:
        pieces += len(treebank.segments(sentence))
        assert treebank.WORD_TOKENIZER.tokenize(sentence) == STOCK.tokenize(sentence), sentence
    assert len(sentences) > 30_000 and pieces > 10 * len(sentences)  # the memoised path, not whole sentences


def test_sentences_of_texts_with_characters_re_sees_differently_are_stock_punkts():
    """U+001C-U+001F, combining marks, superscripts: the sentences (and spans) of stock untrained Punkt."""
    from nltk.tokenize import PunktSentenceTokenizer

    from toolkit.tokens.treebank import sentence_splitter

    splitter, _ = sentence_splitter("english", ())
    stock = PunktSentenceTokenizer()
    rng = random.Random(7)
    pieces = ["Talks resumed.", "Mr. Aliyev said so.", "\x1c", "\x1d", "\x1e", "\x1f", "\u0301", "²", " ", "\n", "U.S."]
    texts = ["Hello there.\x1cNext one is here.", "It ended.\x1fThen more.", "Case 10². Next."]
    texts += [" ".join(rng.choice(pieces) for _ in range(rng.randint(3, 12))) for _ in range(400)]
    for text in texts:
        assert splitter.tokenize(text) == stock.tokenize(text), repr(text)
        assert list(splitter.span_tokenize(text)) == list(stock.span_tokenize(text)), repr(text)
    assert splitter.tokenize(texts[0]) == ["Hello there.\x1cNext one is here."]
