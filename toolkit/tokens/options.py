"""Tokenisation settings: one frozen, hashable TokenOptions that every analysis takes as options=.

Stopwords have one default whichever way the options arrive: a
``TokenOptions`` whose ``stopwords`` was not given holds :data:`DEFAULT`,
which each function resolves the same way as when no options are given at all.
Counts and listings (:func:`~toolkit.count_terms`, keyness, collocates, the
term index) leave the language's stopwords out (:func:`counting_options`);
token-level functions (:func:`~toolkit.tokenize`, KWIC, trends) keep every
token. An explicit value is always honoured.
"""

from __future__ import annotations

import enum
from collections.abc import Collection
from dataclasses import asdict, dataclass, replace
from typing import Any

from toolkit.corpus.cleaning import CleaningRule
from toolkit.deprecation import warn_deprecated

TOKENIZERS = ("treebank", "regexp", "wordpunct", "whitespace", "tweet")


class DefaultType(enum.Enum):
    """The type of :data:`DEFAULT`: one value, hashable and picklable (options travel to worker processes).

    Examples
    --------
    >>> DefaultType.DEFAULT is DEFAULT, DEFAULT
    (True, DEFAULT)
    """

    DEFAULT = "default"

    def __repr__(self) -> str:
        return "DEFAULT"


#: ``TokenOptions.stopwords`` when it is not given: the function's own default (counts and listings remove the
#: language's stopwords, token-level functions keep every token).
DEFAULT = DefaultType.DEFAULT

#: What ``TokenOptions.stopwords`` holds once checked.
Stopwords = bool | str | tuple[str, ...] | DefaultType


@dataclass(frozen=True)
class TokenOptions:
    """How text becomes tokens: one vocabulary for every analysis.

    Attributes
    ----------
    tokenizer : str, default="treebank"
        One of :data:`TOKENIZERS`.
    lowercase : bool, default=True
        Lower-case tokens (after tokenising, which sees the original case).
    drop_punct : bool, default=True
        Drop tokens made only of punctuation or symbols.
    stopwords : DEFAULT, bool, str, list of str or None, default=DEFAULT
        Words to remove. :data:`DEFAULT` (not given) is the function's
        default, the same as when no options are given: counts and listings
        (:func:`~toolkit.count_terms`, :func:`~toolkit.keyness`,
        :func:`~toolkit.collocates`, the explorers) remove the stopwords of
        ``language``; token-level functions (:func:`~toolkit.tokenize`,
        :func:`~toolkit.kwic`, :func:`~toolkit.trends`) keep every token.
        ``True`` is the list for ``language`` (NLTK's when installed, else
        the bundled list); a language name (``"german"``) is that language's
        list; a list of words is your own list; ``False``, ``None`` or
        ``()`` remove none (stored as ``False``).
    min_length : int, default=1
        Drop tokens shorter than this many characters.
    stem : bool, default=False
        Apply NLTK's Snowball stemmer for ``language``.
    language : str, default="english"
        For Punkt, stopwords and the stemmer.
    clean : bool, default=True
        Remove scraped-web boilerplate first (see :mod:`toolkit.corpus.cleaning`).
    rules : tuple of CleaningRule or None, default=None
        Cleaning rules; ``None`` is :data:`toolkit.corpus.cleaning.DEFAULT_RULES`.
    cache : bool, default=True
        Reuse tokens and counts from the persistent cache (see
        :mod:`toolkit.cache`); it never changes a result.

    Examples
    --------
    >>> TokenOptions(tokenizer="regexp").stopwords
    DEFAULT
    >>> TokenOptions(stopwords=None) == TokenOptions(stopwords=()) == TokenOptions(stopwords=False)
    True
    >>> TokenOptions(stopwords=["The", "and"]).stopwords
    ('The', 'and')
    """

    tokenizer: str = "treebank"
    lowercase: bool = True
    drop_punct: bool = True
    stopwords: Stopwords | Collection[str] | None = DEFAULT
    min_length: int = 1
    stem: bool = False
    language: str = "english"
    clean: bool = True
    rules: tuple[CleaningRule, ...] | None = None
    cache: bool = True

    def __post_init__(self) -> None:
        if self.tokenizer not in TOKENIZERS:
            raise ValueError(f"unknown tokenizer {self.tokenizer!r}; expected one of {', '.join(TOKENIZERS)}")
        object.__setattr__(self, "stopwords", _checked_stopwords(self.stopwords))
        if self.rules is not None:
            object.__setattr__(self, "rules", tuple(self.rules))
        if self.min_length < 0:
            raise ValueError(f"min_length must be >= 0, got {self.min_length}")

    def with_(self, **changes: Any) -> TokenOptions:
        """Return a copy with some options changed.

        Examples
        --------
        >>> TokenOptions(tokenizer="regexp").with_(stopwords=True).stopwords
        True
        """
        return replace(self, **changes)


def _checked_stopwords(value: Any) -> Stopwords:
    """Return ``stopwords`` in its stored form: ``False`` for none, a tuple for a list."""
    if value is None:
        return False
    if isinstance(value, bool | DefaultType):
        return value
    if isinstance(value, str):
        if not (value.isalpha() and value.islower()):
            raise TypeError(
                f"stopwords must be True, False, a language name or a list of words, not the string {value!r}"
            )
        return value
    return tuple(value) or False


def token_options(options: TokenOptions | None = None, **changes: Any) -> TokenOptions:
    """Build options from an existing object and keyword overrides.

    ``stopwords`` stays :data:`DEFAULT` unless given: token-level functions
    then keep every token (see :func:`counting_options` for counts).

    Examples
    --------
    >>> token_options(tokenizer="wordpunct", lowercase=False).lowercase
    False
    """
    base = options or TokenOptions()
    unknown = set(changes) - set(asdict(base))
    if unknown:
        raise TypeError(f"unknown token option(s) {sorted(unknown)}; expected some of {sorted(asdict(base))}")
    return base.with_(**changes) if changes else base


def counting_options(options: TokenOptions | None = None, **changes: Any) -> TokenOptions:
    """Build options for a count or a listing: stopwords the function's default, :data:`DEFAULT`, become ``True``.

    Frequency lists and listings leave the language's stopwords out by
    default, whether the options come as keywords, as a ``TokenOptions`` or
    not at all; an explicit ``stopwords`` (``False``, a list, a language) is
    kept as given.

    Examples
    --------
    >>> counting_options(tokenizer="regexp").stopwords
    True
    >>> counting_options(TokenOptions(tokenizer="regexp")) == counting_options(tokenizer="regexp")
    True
    >>> counting_options(TokenOptions(stopwords=False)).stopwords, counting_options(stopwords=["war"]).stopwords
    (False, ('war',))
    """
    resolved = token_options(options, **changes)
    return resolved.with_(stopwords=True) if resolved.stopwords is DEFAULT else resolved


def default_stopwords(options: TokenOptions | None, changes: dict[str, Any]) -> dict[str, Any]:
    """Return ``changes`` with stopwords switched on where the options leave them to the default (deprecated).

    Use :func:`counting_options`, which gives the same options in one step.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     default_stopwords(TokenOptions(), {"lowercase": False})
    {'lowercase': False, 'stopwords': True}
    """
    warn_deprecated("default_stopwords()", "counting_options()")
    if token_options(options, **changes).stopwords is DEFAULT:
        return {**changes, "stopwords": True}
    return dict(changes)
