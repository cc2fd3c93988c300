"""Turn prepared texts into the ``regexp`` tokeniser's tokens in polars, for :mod:`toolkit.counting.bulk`.

A prepared text holds word characters, joiners, other non-ASCII characters and
spaces (see :mod:`toolkit.counting.bulk`). Polars blanks the typography around
words and writes the joiner "’" as a placeholder (:func:`mark_typography`), blanks the
joiners that are never inside a token and splits the texts into chunks
(:func:`split_chunks`), keeps the ASCII chunks as tokens (:func:`plain_tokens`),
and the ``regex`` module tokenises each other distinct chunk once
(:func:`regex_tokens`). ``tests/counting/test_bulk.py`` checks the counts
against :class:`nltk.tokenize.RegexpTokenizer`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import regex

from toolkit.tokens.regexp import FLAGS, JOINERS, find_tokens

if TYPE_CHECKING:
    from toolkit.counting.bulk import Settings

#: Whether a character is a word character (``\w``) for the ``regex`` module.
WORD_CHAR = regex.compile(r"\w", FLAGS).match
#: Non-ASCII punctuation and spaces common in news (curly quotes, dashes, ellipsis, no-break spaces), those that
#: are neither word characters nor joiners: polars blanks them, so that the words beside them stay ASCII chunks.
TYPOGRAPHY = "".join(
    char
    for char in "“”‘„‚«»‹›—–−…•·′″\u00a0\u2002\u2003\u2009\u200a\u202f\u00ad©®™°§¶†‡"
    if not WORD_CHAR(char) and char not in JOINERS
)
#: Polars writes the joiner "’" as this control character (a space in every prepared text, so never in one), which
#: keeps chunks such as "don’t" ASCII; terms get their "’" back at the end.
MARK = "\x01"
_MARKING, _MARKED_AS = [*TYPOGRAPHY, "’"], [" "] * len(TYPOGRAPHY) + [MARK]
_MARKED_JOINERS = "".join(joiner for joiner in JOINERS if joiner.isascii()) + MARK
#: The pairs of characters that make a joiner *loose*, never inside a token: a joiner beside a space or beside another
#: joiner (a run of two or more). Polars blanks every such pair in the whole text before it splits it (Aho-Corasick,
#: ``str.replace_many``), which costs less than stripping every chunk, and a third of the regular expressions it
#: replaces (``[J]{2,}|(?:^| )[J]+`` then ``[J]+(?: |$)``; 20 MB of the benchmark's news, one thread: 0.0094 s
#: against 0.0287 s). The texts' ends are stripped of joiners first. Two passes blank them all: a pass leaves no two
#: joiners side by side (at a joiner the scan either matches the pair it starts or has just blanked it), so what it
#: leaves of a loose run is single joiners beside a space, which the second pass blanks, exposing no other joiner. A
#: joiner between two other characters is never in a pair, and stays. See :func:`split_chunks`.
_LOOSE_PAIRS = [a + b for a in " " + _MARKED_JOINERS for b in _MARKED_JOINERS] + [j + " " for j in _MARKED_JOINERS]


def mark_typography(pl: Any) -> Any:
    """Return binary ``text`` as a string, typography (never in a token) blanked, the joiner "’" as :data:`MARK`.

    One pass of single characters (Aho-Corasick): 0.0163 s against 0.0190 s for a regular expression's class and
    a second pass, for the 3,904 texts that are not ASCII among 8,000 (20 MB) of the benchmark's news, one thread.
    """
    return pl.col("text").cast(pl.String).str.replace_many(_MARKING, _MARKED_AS)


def split_chunks(pl: Any, texts: Any) -> Any:
    """Return the chunks of texts: loose joiners blanked (:data:`_LOOSE_PAIRS`), split at spaces, a row each.

    Examples
    --------
    >>> import polars as pl
    >>> texts = pl.LazyFrame({"doc": [0], "text": ["-a-b -- c' 'd --e-'f \\x01g\\x01 h-"]})
    >>> [chunk for chunk in split_chunks(pl, texts).collect()["text"] if chunk]
    ['a-b', 'c', 'd', 'e', 'f', 'g', 'h']
    """
    text = pl.col("text").str.strip_chars(_MARKED_JOINERS)
    blanks = ["  "] * len(_LOOSE_PAIRS)
    for _ in range(2):
        text = text.str.replace_many(_LOOSE_PAIRS, blanks)
    return texts.select(pl.exclude("text"), text.str.split(" ")).explode("text")


def plain_tokens(pl: Any, chunks: Any, settings: Settings) -> Any:
    """ASCII chunks, without runs of joiners or joiners at their ends (see :data:`_LOOSE_PAIRS`), are each one token.

    Tokens shorter than ``min_length``, and stopwords, are dropped here: these
    tokens are ASCII, whose lower case and length polars computes as Python
    does (a stopword with the placeholder of "’" in it is left to the ranking).
    """
    term = pl.col("term")
    keep = term != ""
    if settings.min_length > 1:
        keep = term.str.len_chars() >= settings.min_length
    stopwords = sorted(word for word in settings.stopwords if MARK not in word)
    if stopwords:
        lowered = term if settings.lowercase else term.str.to_lowercase()
        keep = keep & ~lowered.is_in(pl.Series(stopwords, dtype=pl.String).implode())
    return chunks.select(pl.exclude("text"), pl.col("text").alias("term")).filter(keep)


def regex_tokens(pl: Any, chunks: Any) -> Any:
    """Chunks with a non-ASCII character, tokenised by ``regex`` once per distinct chunk."""
    pairs = [
        (chunk, token.replace("’", MARK))
        for chunk in chunks["text"].unique().to_list()
        for token in find_tokens(chunk.replace(MARK, "’"))
    ]
    tokens = pl.DataFrame(pairs, schema={"text": pl.String, "term": pl.String}, orient="row")
    return chunks.join(tokens, on="text").drop("text")
