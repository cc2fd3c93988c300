"""NLTK's treebank tokeniser and Punkt, with NLTK's own patterns compiled by the standard ``re``.

Imported on first use by :mod:`toolkit.tokens.pipeline`: importing NLTK costs about a
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

from toolkit.corpus import nltkdata

_RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE | re.VERBOSE | re.ASCII


def _stdlib(pattern: Any) -> Any:
    """Return the same pattern compiled with the standard ``re`` module."""
    return re.compile(pattern.pattern, pattern.flags & _RE_FLAGS)


_GROUP = re.compile(r"\\(\d)|\\g<(\d+)>")


def _replacement(template: str) -> str | Callable[[re.Match[str]], str]:
    """Turn a ``re.sub`` template into a function of the match (or keep a template without groups).

    With a template, Python 3.11's ``re.sub`` runs Python code on every call
    and every match; a function made once runs on matches only. An unmatched
    group gives ``""``, as in a template.

    Examples
    --------
    >>> _replacement(r" \\1 \\g<0>")(re.match("(a)b", "ab")), _replacement(" -- ")
    (' a ab', ' -- ')
    """
    pieces: list[str | int] = []
    position = 0
    for found in _GROUP.finditer(template):
        pieces.append(template[position : found.start()])
        pieces.append(int(found.group(1) or found.group(2)))
        position = found.end()
    pieces.append(template[position:])
    if "\\" in "".join(p for p in pieces if isinstance(p, str)):
        raise ValueError(f"unexpected escape in NLTK's template {template!r}")  # test_treebank.py would say
    if len(pieces) == 1:
        return template
    literals = [p if isinstance(p, str) else "" for p in pieces]
    groups = [(i, p) for i, p in enumerate(pieces) if isinstance(p, int)]

    def replace(match: re.Match[str]) -> str:
        out = literals[:]
        for i, group in groups:
            out[i] = match.group(group) or ""
        return "".join(out)

    return replace


class _WordTokenizer(NLTKWordTokenizer):
    """``NLTKWordTokenizer`` with its own patterns compiled by ``re``: the same tokens, faster.

    NLTK 3.10 runs its patterns through ``nltk.redos`` (the ``regex`` module
    under a timeout), a guard against hostile *user-supplied* patterns; these
    are NLTK's fixed patterns. FACTS.md measured identical tokens on 2.57 M
    tokens and 1.5x the speed. ``tokenize`` is NLTK's, with its templates
    made into functions once, and its ten contraction patterns tried only
    when one pattern made of all ten finds something (when none matches,
    each of the ten substitutions changes nothing). ``tests/tokens/test_treebank.py``
    checks the tokens against stock NLTK on real corpora, so an NLTK upgrade
    cannot change them silently.
    """

    def tokenize(self, text: str, convert_parentheses: bool = False, return_str: bool = False) -> list[str]:
        """Split a sentence into words, as ``NLTKWordTokenizer.tokenize`` does."""
        for regexp, substitution in self.STARTING_QUOTES:
            text = regexp.sub(substitution, text)
        for regexp, substitution in self.PUNCTUATION:
            text = regexp.sub(substitution, text)
        regexp, substitution = self.PARENS_BRACKETS
        text = regexp.sub(substitution, text)
        if convert_parentheses:
            for regexp, substitution in self.CONVERT_PARENTHESES:
                text = regexp.sub(substitution, text)
        regexp, substitution = self.DOUBLE_DASHES
        text = " " + regexp.sub(substitution, text) + " "
        for regexp, substitution in self.ENDING_QUOTES:
            text = regexp.sub(substitution, text)
        if _ANY_CONTRACTION.search(text):
            for regexp in self.CONTRACTIONS2:
                text = regexp.sub(_CONTRACTION, text)
            for regexp in self.CONTRACTIONS3:
                text = regexp.sub(_CONTRACTION, text)
        return text.split()


for _name in ("STARTING_QUOTES", "ENDING_QUOTES", "PUNCTUATION", "CONVERT_PARENTHESES"):
    setattr(_WordTokenizer, _name, [(_stdlib(p), _replacement(r)) for p, r in getattr(NLTKWordTokenizer, _name)])
for _name in ("PARENS_BRACKETS", "DOUBLE_DASHES"):
    _pattern, _template = getattr(NLTKWordTokenizer, _name)
    setattr(_WordTokenizer, _name, (_stdlib(_pattern), _replacement(_template)))
for _name in ("CONTRACTIONS2", "CONTRACTIONS3"):
    setattr(_WordTokenizer, _name, [_stdlib(p) for p in getattr(NLTKWordTokenizer, _name)])
_CONTRACTION = _replacement(r" \1 \2 ")  # NLTK's template for both lists
_CONTRACTIONS = [*_WordTokenizer.CONTRACTIONS2, *_WordTokenizer.CONTRACTIONS3]
if any(p.flags != _CONTRACTIONS[0].flags or not p.pattern.startswith("(?i)") for p in _CONTRACTIONS):
    # tests/tokens/test_treebank.py runs this check
    raise ImportError("NLTK's contraction patterns changed: update toolkit.tokens.treebank")
_ANY_CONTRACTION = re.compile(
    "(?i)" + "|".join(f"(?:{p.pattern.removeprefix('(?i)')})" for p in _CONTRACTIONS), _CONTRACTIONS[0].flags
)

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
    """Return Punkt for ``language`` (trained when ``punkt_tab`` is on ``search_path``) and its description.

    Examples
    --------
    >>> splitter, how = sentence_splitter("english", ())
    >>> how
    'untrained PunktSentenceTokenizer() (punkt_tab not installed)'
    >>> splitter.tokenize("Talks resumed. Baku agreed.")
    ['Talks resumed.', 'Baku agreed.']
    """
    model = nltkdata.sentence_model(language, search_path)
    if model.startswith("trained"):
        from nltk.tokenize import PunktTokenizer

        splitter = PunktTokenizer(language)
        splitter._lang_vars, splitter._Token = _PunktVars(), _PunktToken  # NLTK's own patterns, on re
        return splitter, model
    return PunktSentenceTokenizer(lang_vars=_PunktVars(), token_cls=_PunktToken), model
