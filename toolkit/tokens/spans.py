"""Where each token is in its text: character offsets, as NLTK's ``span_tokenize`` gives them.

Concordances show the words as written, not the tokens: ``treebank`` turns
``"`` into ``` `` ``` or ``''`` and splits ``can't`` into ``ca`` and ``n't``.
:func:`token_spans` finds every token of a text in that text, in order, so a
context is one slice of the document. It is the alignment of
:meth:`nltk.tokenize.NLTKWordTokenizer.span_tokenize` (which finds each token
with ``str.index`` from the end of the last one, and the straight quotes that
became ``` `` ``` or ``''``), made safe for every tokeniser: a token that is
not in the text (the ``tweet`` tokeniser unescapes ``&amp;``) gets an empty
span instead of an error, and never drags the next tokens out of place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import regex

from toolkit.tokens.regexp import FLAGS, PATTERN

#: What a treebank quote token can stand for in the text (NLTK's ``span_tokenize`` list).
_QUOTE = re.compile(r"``|''|\"")
_TREEBANK_QUOTES = frozenset({"``", "''", '"'})
#: A word character: none may lie in a long gap between one token and the next, or the match is not the token.
_WORD = re.compile(r"[^\W_]")
#: Every character ``str.isspace`` calls whitespace, as code points (what ``\\s`` and ``str.split`` skip).
_SPACES = np.array([c for c in range(0x3001) if chr(c).isspace()], dtype=np.uint32)
_SPACE_RUN = re.compile(r"\s+")
_REGEXP = regex.compile(PATTERN, FLAGS).finditer
#: Characters allowed between two tokens whatever they are: what a rewritten token (``&amp;``) leaves.
SLACK = 12


def token_spans(text: str, tokens: Sequence[str]) -> np.ndarray:
    """Return the ``(start, end)`` character offsets of each token of ``text``.

    Parameters
    ----------
    text : str
        The text the tokens were split from.
    tokens : sequence of str
        Its tokens, in order, from any of the toolkit's tokenisers.

    Returns
    -------
    numpy.ndarray
        Shape ``(len(tokens), 2)``, int64: ``text[start:end]`` is the token
        as written. A token that is not in the text where the previous one
        ended (only a tokeniser that rewrites text makes one) gets the empty
        span at that place. A token is not taken from further on when more
        than :data:`SLACK` characters with a letter or digit among them lie
        before it: that would be a later occurrence.

    Examples
    --------
    >>> text = 'He said "we can\\'t".'
    >>> tokens = ["He", "said", "``", "we", "ca", "n't", "''", "."]
    >>> [text[s:e] for s, e in token_spans(text, tokens)]
    ['He', 'said', '"', 'we', 'ca', "n't", '"', '.']
    >>> token_spans("a &amp; b", ["a", "&", "b"]).tolist()
    [[0, 1], [2, 3], [8, 9]]
    """
    spans = joined_spans(text, tokens)
    if spans is None:
        spans = pattern_spans(text, tokens)
    return spans if spans is not None else walked_spans(text, tokens)


def pattern_spans(text: str, tokens: Sequence[str]) -> np.ndarray | None:
    """Return the spans of the ``regexp`` tokeniser's matches when they are exactly ``tokens``; else ``None``.

    Examples
    --------
    >>> pattern_spans("Talks, Baku's", ["Talks", "Baku's"]).tolist()
    [[0, 5], [7, 13]]
    >>> pattern_spans("Talks, Baku", ["Talks", ",", "Baku"]) is None
    True
    """
    found = list(_REGEXP(text))
    if [m.group() for m in found] != list(tokens):
        return None
    return np.array([m.span() for m in found], dtype=np.int64).reshape(-1, 2)


def joined_spans(text: str, tokens: Sequence[str]) -> np.ndarray | None:
    """Return the spans at C speed when the tokens, joined, are the text without its whitespace; else ``None``.

    So it is for ``treebank`` (once each quote token is given the one or two
    characters it stands for), ``wordpunct`` and ``whitespace``: a token's
    offset in the text without whitespace is the sum of the lengths before
    it, and one array maps those offsets back to the text's. The joined
    tokens are compared with that text whole, so a wrong guess is never
    used: the caller walks the text instead (:func:`walked_spans`).

    Examples
    --------
    >>> joined_spans('He said "no".', ["He", "said", "``", "no", "''", "."]).tolist()
    [[0, 2], [3, 7], [8, 9], [9, 11], [11, 12], [12, 13]]
    >>> joined_spans("Talks, Baku", ["Talks", "Baku"]) is None  # the comma is no token: walk
    True
    """
    if not tokens:
        return np.empty((0, 2), dtype=np.int64)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    solid = np.flatnonzero(~np.isin(codes, _SPACES))  # where each non-space character is in the text
    stripped = _SPACE_RUN.sub("", text)
    if len(stripped) != len(solid):  # a space character this table lacks: walk instead
        return None
    lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    pieces = list(tokens)
    quotes = [k for k, token in enumerate(tokens) if token in _TREEBANK_QUOTES]
    if quotes:
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        shift = 0
        for k in quotes:  # each quote token is `` '' or " in the text: one or two characters
            at = int(starts[k]) - shift
            written = stripped[at : at + 2]
            size = 2 if written in ("``", "''") else 1
            shift += len(tokens[k]) - size
            lengths[k] = size
            pieces[k] = stripped[at : at + size]
    if "".join(pieces) != stripped:
        return None
    ends = np.cumsum(lengths)
    starts = ends - lengths
    spans = np.empty((len(tokens), 2), dtype=np.int64)
    spans[:, 0] = solid[np.minimum(starts, len(solid) - 1)]
    spans[:, 1] = solid[np.maximum(ends - 1, 0)] + 1
    if np.any((spans[:, 1] - spans[:, 0] != lengths) & (lengths > 0)):  # a token across whitespace: not ours
        return None
    return spans


def walked_spans(text: str, tokens: Sequence[str]) -> np.ndarray:
    """Find each token with ``str.find`` from the end of the last one (NLTK's ``align_tokens``, made safe).

    Examples
    --------
    >>> walked_spans("Talks, Baku", ["Talks", "Baku"]).tolist()
    [[0, 5], [7, 11]]
    """
    spans = np.empty((len(tokens), 2), dtype=np.int64)
    find, word = text.find, _WORD.search
    point = 0
    for k, token in enumerate(tokens):
        if token in _TREEBANK_QUOTES:
            match = _QUOTE.search(text, point)
            start, end = (match.start(), match.end()) if match else (-1, -1)
        else:
            start = find(token, point)
            end = start + len(token)
        if start < 0 or (start - point > SLACK and word(text, point, start)):
            start = end = point  # not here: an empty span, and the next token is looked for from the same place
        spans[k] = start, end
        point = end
    return spans


def squeeze(text: str) -> str:
    """Return ``text`` with every run of whitespace shown as one space, and no space at the ends.

    Examples
    --------
    >>> squeeze("  peace\\n\\n talks ")
    'peace talks'
    """
    return " ".join(text.split())
