"""Tokenisation settings: one frozen, hashable TokenOptions that every analysis takes as options=."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from toolkit.corpus.cleaning import CleaningRule

if TYPE_CHECKING:
    pass


TOKENIZERS = ("treebank", "regexp", "wordpunct", "whitespace", "tweet")


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
    stopwords : bool or tuple of str, default=False
        ``True`` drops the stopword list for ``language`` (NLTK's when
        installed, else the bundled list); a tuple gives your own list.
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
        :mod:`toolkit.tokens.cache`); it never changes a result.

    Examples
    --------
    >>> TokenOptions(tokenizer="regexp").with_(stopwords=True).stopwords
    True
    """

    tokenizer: str = "treebank"
    lowercase: bool = True
    drop_punct: bool = True
    stopwords: bool | tuple[str, ...] = False
    min_length: int = 1
    stem: bool = False
    language: str = "english"
    clean: bool = True
    rules: tuple[CleaningRule, ...] | None = None
    cache: bool = True

    def __post_init__(self) -> None:
        if self.tokenizer not in TOKENIZERS:
            raise ValueError(f"unknown tokenizer {self.tokenizer!r}; expected one of {', '.join(TOKENIZERS)}")
        if isinstance(self.stopwords, str):
            raise TypeError("stopwords must be True, False or a list of words, not a string")
        if not isinstance(self.stopwords, bool):
            object.__setattr__(self, "stopwords", tuple(self.stopwords))
        if self.rules is not None:
            object.__setattr__(self, "rules", tuple(self.rules))
        if self.min_length < 0:
            raise ValueError(f"min_length must be >= 0, got {self.min_length}")

    def with_(self, **changes: Any) -> TokenOptions:
        """Return a copy with some options changed."""
        return replace(self, **changes)


def token_options(options: TokenOptions | None = None, **changes: Any) -> TokenOptions:
    """Build options from an existing object and keyword overrides.

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


def default_stopwords(options: TokenOptions | None, changes: dict[str, Any]) -> dict[str, Any]:
    """Return ``changes`` with stopwords switched on, unless options or ``stopwords=`` say otherwise.

    Frequency lists and listings leave stopwords out by default; ``tokenize``
    and KWIC keep every token.

    Examples
    --------
    >>> default_stopwords(None, {"lowercase": False})
    {'lowercase': False, 'stopwords': True}
    """
    if options is None and "stopwords" not in changes:
        return {**changes, "stopwords": True}
    return dict(changes)
