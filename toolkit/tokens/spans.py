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

#: What a treebank quote token can stand for in the text (NLTK's ``span_tokenize`` list).
_QUOTE = re.compile(r"``|''|\"")
_TREEBANK_QUOTES = frozenset({"``", "''", '"'})
#: A word character: none may lie in a long gap between one token and the next, or the match is not the token.
_WORD = re.compile(r"[^\W_]")
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
