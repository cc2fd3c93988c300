"""NLTK's treebank tokeniser and Punkt, with NLTK's own patterns compiled by the standard ``re``.

Imported on first use by :mod:`toolkit.tokens`: importing NLTK costs about a
second, which counting from the cache or with the ``regexp`` tokeniser never
pays.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from nltk.tokenize import (
    NLTKWordTokenizer,
    PunktSentenceTokenizer,
    TweetTokenizer,
    WhitespaceTokenizer,
    WordPunctTokenizer,
)
from nltk.tokenize.punkt import PunktLanguageVars, PunktToken

from toolkit import nltkdata

_RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE | re.VERBOSE | re.ASCII


def _stdlib(pattern: Any) -> Any:
    """Return the same pattern compiled with the standard ``re`` module."""
    return re.compile(pattern.pattern, pattern.flags & _RE_FLAGS)


class _WordTokenizer(NLTKWordTokenizer):
    """``NLTKWordTokenizer`` with its own patterns compiled by ``re``: the same tokens, faster.

    NLTK 3.10 runs its patterns through ``nltk.redos`` (the ``regex`` module
    under a timeout), a guard against hostile *user-supplied* patterns; these
    are NLTK's fixed patterns. FACTS.md measured identical tokens on 2.57 M
    tokens and 1.5x the speed; ``tests/test_tokens.py`` checks the tokens
    against stock NLTK on real corpora, so an NLTK upgrade cannot change them
    silently.
    """


for _name in ("STARTING_QUOTES", "ENDING_QUOTES", "PUNCTUATION", "CONVERT_PARENTHESES"):
    setattr(_WordTokenizer, _name, [(_stdlib(p), r) for p, r in getattr(NLTKWordTokenizer, _name)])
for _name in ("PARENS_BRACKETS", "DOUBLE_DASHES"):
    _pattern, _replacement = getattr(NLTKWordTokenizer, _name)
    setattr(_WordTokenizer, _name, (_stdlib(_pattern), _replacement))
for _name in ("CONTRACTIONS2", "CONTRACTIONS3"):
    setattr(_WordTokenizer, _name, [_stdlib(p) for p in getattr(NLTKWordTokenizer, _name)])

WORD_TOKENIZER = _WordTokenizer()


class _PunktVars(PunktLanguageVars):
    """Punkt's English language variables with NLTK's patterns compiled by ``re`` (same sentences)."""

    __slots__ = ()
    re_boundary_realignment = _stdlib(PunktLanguageVars.re_boundary_realignment)

    def _word_tokenizer_re(self) -> Any:
        pattern = super()._word_tokenizer_re()
        if not isinstance(pattern, re.Pattern):
            pattern = self._re_word_tokenizer = _stdlib(pattern)
        return pattern

    def period_context_re(self) -> Any:
        """Return the sentence-boundary context pattern, compiled by ``re``."""
        pattern = super().period_context_re()
        if not isinstance(pattern, re.Pattern):
            pattern = self._re_period_context = _stdlib(pattern)
        return pattern


_NON_PUNCT = re.compile(r"[^\W\d]", re.UNICODE)


class _PunktToken(PunktToken):
    """Punkt's token with its type patterns compiled by ``re``."""

    __slots__ = ()
    _RE_ELLIPSIS = _stdlib(PunktToken._RE_ELLIPSIS)
    _RE_NUMERIC = _stdlib(PunktToken._RE_NUMERIC)
    _RE_INITIAL = _stdlib(PunktToken._RE_INITIAL)
    _RE_ALPHA = _stdlib(PunktToken._RE_ALPHA)

    @property
    def is_non_punct(self) -> Any:
        """Whether the type holds a letter (as NLTK's, on ``re``)."""
        return _NON_PUNCT.search(self.type)


SIMPLE: dict[str, Callable[[str], list[str]]] = {
    "wordpunct": WordPunctTokenizer().tokenize,
    "whitespace": WhitespaceTokenizer().tokenize,
    "tweet": TweetTokenizer(preserve_case=True).tokenize,
}


@functools.lru_cache(maxsize=16)
def sentence_splitter(language: str, search_path: tuple[str, ...]) -> tuple[Any, str]:
    """Return Punkt for ``language`` (trained when ``punkt_tab`` is on ``search_path``) and its description."""
    model = nltkdata.sentence_model(language, search_path)
    if model.startswith("trained"):
        from nltk.tokenize import PunktTokenizer

        splitter = PunktTokenizer(language)
        splitter._lang_vars, splitter._Token = _PunktVars(), _PunktToken  # NLTK's own patterns, on re
        return splitter, model
    return PunktSentenceTokenizer(lang_vars=_PunktVars(), token_cls=_PunktToken), model
