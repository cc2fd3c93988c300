"""Tokenise text with NLTK, offline, and normalise tokens.

Nothing here downloads. NLTK data (the trained Punkt models ``punkt_tab`` and
the ``stopwords`` corpus) is used when it is installed, found through
``nltk.data.path`` (the ``NLTK_DATA`` variable), and otherwise replaced by what
needs no data; :func:`describe_options` says which was used.

Tokenisers
----------
``treebank`` (default)
    ``nltk.word_tokenize`` semantics: Punkt sentence split, then
    ``NLTKWordTokenizer`` on each sentence. With ``punkt_tab`` installed the
    trained model for ``language`` is used, exactly as ``nltk.word_tokenize``;
    without it, ``PunktSentenceTokenizer()`` with default parameters (it knows
    no abbreviations, so ``Mr.`` ends a sentence).
``regexp``
    Runs of word characters joined by inner apostrophes or hyphens:
    ``\\w+(?:[-'’]\\w+)*`` (``don't``, ``Armenia-Azerbaijan``).
``wordpunct``
    ``nltk.wordpunct_tokenize``: ``\\w+|[^\\w\\s]+``.
``whitespace``
    ``nltk.WhitespaceTokenizer``: split on white space.
``tweet``
    ``nltk.TweetTokenizer`` (hashtags, mentions, emoticons), case preserved
    until ``lowercase`` applies.

Normalisation, in this order: ``lowercase``; ``drop_punct`` removes tokens
with no letter, digit or underscore; ``stopwords`` removes listed words
(compared in lower case); ``min_length`` removes shorter tokens; ``stem``
applies NLTK's Snowball stemmer for ``language`` (its output is lower case).
A removed token leaves a gap, so n-grams never join words across it (the
"padding" of quanteda's ``tokens_remove(padding = TRUE)``).
"""

from __future__ import annotations

import functools
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from toolkit.cache import settings_tag, token_cache
from toolkit.corpus import nltkdata
from toolkit.corpus.cleaning import blank_removed, clean_text
from toolkit.tokens.options import DEFAULT, TOKENIZERS, TokenOptions, counting_options, token_options

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

#: Distinct raw tokens whose term a :class:`Pipeline` remembers (then it starts again: memory stays bounded).
TERMS_REMEMBERED = 500_000
_UNSEEN = object()
_PUNCT_ONLY = re.compile(r"[^\w]+")
#: English clitics that ``treebank`` splits off ("it's" -> "it", "'s"); stopwords by default.
CLITICS = frozenset({"'s", "'d", "'ll", "'m", "'re", "'ve", "n't", "’s"})


def _toolkit_version() -> str:
    """Return the toolkit's version: ``toolkit.__version__``, the package's too (no ``importlib.metadata``)."""
    from toolkit import __version__

    return __version__


def listing_options(options: TokenOptions | None, changes: dict[str, Any]) -> tuple[Pipeline, frozenset[str]]:
    """Split options for analyses that count every token but list no stopwords.

    Keyness and collocations measure sizes and windows over all tokens, then
    leave stopwords out of the listing (as AntConc's stoplist does). The
    stopwords are those of :func:`~toolkit.tokens.options.counting_options`:
    the language's list unless ``stopwords`` is given, whether as a keyword
    or in ``options``.

    Returns
    -------
    pipeline : Pipeline
        The options with ``stopwords=False``.
    stopwords : frozenset of str
        The words to leave out of the listing (compared in lower case).

    Examples
    --------
    >>> pipeline, stop = listing_options(None, {"tokenizer": "regexp"})
    >>> pipeline.options.stopwords, "the" in stop
    (False, True)
    >>> listing_options(TokenOptions(tokenizer="regexp"), {})[1] == stop
    True
    """
    resolved = counting_options(options, **changes)
    stopwords = Pipeline(resolved).stopwords
    return Pipeline(resolved.with_(stopwords=False)), stopwords


# --------------------------------------------------------------------------- NLTK resources


def sentence_splitter(language: str = "english") -> tuple[Any, str]:
    """Return the Punkt sentence splitter in use and a description of it.

    The trained model when ``punkt_tab`` is installed, otherwise
    ``PunktSentenceTokenizer()``; never a download.

    Examples
    --------
    >>> splitter, how = sentence_splitter()
    >>> splitter.tokenize("It rained. We stayed in.")
    ['It rained.', 'We stayed in.']
    """
    from toolkit.tokens import treebank

    return treebank.sentence_splitter(language, nltkdata.search_path())


@functools.lru_cache(maxsize=16)
def _stopword_list(language: str, search_path: tuple[str, ...]) -> tuple[frozenset[str], str]:
    resource = f"corpora/stopwords/{language}"
    data = nltkdata.read(resource, search_path)
    if data is not None:
        try:
            words = data.decode("utf-8").split()
        except UnicodeDecodeError as err:  # a damaged install: say which file, and where
            location, member = nltkdata.find(resource, search_path) or ("", "")
            where = f"{location}:{member}" if member else location
            raise ValueError(f"{where}: NLTK's {language} stopword list is not UTF-8 at byte {err.start}") from None
        listed = frozenset(w.lower() for w in words)
        if language == "english":  # NLTK's list lacks the clitics its own treebank tokeniser splits off
            return listed | CLITICS, f"NLTK stopwords ({language}, {len(listed)} words) + {len(CLITICS)} clitics"
        return listed, f"NLTK stopwords ({language}, {len(listed)} words)"
    try:
        from importlib import resources

        text = resources.files("toolkit").joinpath(f"data/stopwords_{language}.txt").read_text("utf-8")
    except FileNotFoundError:
        return frozenset(), f"none (no list for {language})"
    words = [w for w in (line.split("#")[0].strip() for line in text.splitlines()) if w]
    return frozenset(words), f"bundled list ({language}, {len(words)} words)"


def stopword_list(language: str = "english") -> tuple[frozenset[str], str]:
    """Return the default stopwords for ``language`` and where they came from.

    Examples
    --------
    >>> words, source = stopword_list()
    >>> "the" in words
    True
    """
    return _stopword_list(language, nltkdata.search_path())


@functools.lru_cache(maxsize=16)
def _warn_no_list(language: str) -> None:
    warnings.warn(
        f"no stopword list for {language!r}: NLTK's stopwords corpus is not installed and none is bundled; "
        "no stopwords removed",
        stacklevel=3,
    )


@functools.lru_cache(maxsize=8)
def _stemmer(language: str) -> Callable[[str], str]:
    from nltk.stem.snowball import SnowballStemmer

    if language not in SnowballStemmer.languages:
        raise ValueError(
            f"no Snowball stemmer for {language!r}; expected one of {', '.join(SnowballStemmer.languages)}"
        )
    return SnowballStemmer(language).stem


# --------------------------------------------------------------------------- tokenising


def split_tokens(text: str, tokenizer: str = "treebank", language: str = "english") -> list[str]:
    """Tokenise ``text`` with one of :data:`TOKENIZERS`; no normalisation.

    Examples
    --------
    >>> split_tokens("Mr. Lavrov didn't say.")
    ['Mr', '.', 'Lavrov', 'did', "n't", 'say', '.']
    >>> split_tokens("Armenia-Azerbaijan talks, isn't it?", "regexp")
    ['Armenia-Azerbaijan', 'talks', "isn't", 'it']
    """
    if tokenizer == "regexp":
        from toolkit.tokens.regexp import find_tokens  # regex loads here: compiling its patterns takes 15 ms

        return find_tokens(text)  # RegexpTokenizer(PATTERN).tokenize, without its per-call timeout
    if tokenizer not in TOKENIZERS:
        raise ValueError(f"unknown tokenizer {tokenizer!r}; expected one of {', '.join(TOKENIZERS)}")
    from toolkit.tokens import treebank

    if tokenizer == "treebank":
        splitter, _ = sentence_splitter(language)
        return [tok for sent in splitter.tokenize(text) for tok in treebank.WORD_TOKENIZER.tokenize(sent)]
    return treebank.SIMPLE[tokenizer](text)


class Pipeline:
    """Options resolved once (stopword set, stemmer), applied to many texts.

    ``stopwords=DEFAULT`` (options where it was not given) keeps every
    token, as token-level functions do; counts and listings resolve it first
    (:func:`~toolkit.tokens.options.counting_options`).

    Examples
    --------
    >>> pipe = Pipeline(TokenOptions(stopwords=True))
    >>> pipe.padded("The talks, in Moscow.")
    [None, 'talks', None, None, 'moscow', None]
    """

    def __init__(self, options: TokenOptions) -> None:
        self.options = options
        if options.stopwords is True or isinstance(options.stopwords, str):
            language = options.language if options.stopwords is True else options.stopwords
            self.stopwords, self.stopword_source = stopword_list(language)
            if not self.stopwords and options.stopwords is True:
                _warn_no_list(language)
            elif not self.stopwords:
                raise ValueError(
                    f"no stopword list for {language!r}: give a language whose list is installed or bundled "
                    "(NLTK's stopwords corpus), True for the list of `language`, or a list of words"
                )
        elif options.stopwords is False or options.stopwords is DEFAULT:
            self.stopwords, self.stopword_source = frozenset(), "none"
        else:
            self.stopwords = frozenset(w.lower() for w in options.stopwords)
            self.stopword_source = f"custom list ({len(self.stopwords)} words)"
        self.stem = _stemmer(options.language) if options.stem else None
        self.terms: dict[str, str | None] = {}  # raw token -> term, or None when removed (see term)
        self.cache = token_cache() if options.cache else None
        if self.cache is not None:
            self.raw_settings = {
                "tokenizer": options.tokenizer,
                "language": options.language,
                "clean": options.clean,
                "rules": repr(options.rules),
                "sentences": nltkdata.sentence_model(options.language) if options.tokenizer == "treebank" else "",
                "nltk": nltkdata.nltk_version(),
                "toolkit": _toolkit_version(),
            }
            self.count_settings = {
                **self.raw_settings,
                "lowercase": options.lowercase,
                "drop_punct": options.drop_punct,
                "stopwords": [self.stopword_source, sorted(self.stopwords)],
                "min_length": options.min_length,
                "stem": options.stem,
            }
            self.raw_tag = settings_tag(self.raw_settings)
            self.count_tag = settings_tag(self.count_settings)

    def prepare(self, text: str) -> str:
        """Return the text the tokeniser sees: cleaned unless ``clean=False``.

        Examples
        --------
        >>> Pipeline(TokenOptions()).prepare("Talks in Baku.\\nADVERTISEMENT\\nBaku agreed.")
        'Talks in Baku.\\n\\nBaku agreed.'
        """
        return clean_text(text, self.options.rules)[0] if self.options.clean else text

    def raw(self, text: str, *, cached: bool = True) -> list[str]:
        """Tokens of the prepared text, before normalisation (from the cache when they are there).

        ``cached=False`` skips the cache: the pieces of a streamed large file
        are not worth keeping, and would fill it.

        Examples
        --------
        >>> Pipeline(TokenOptions(tokenizer="regexp")).raw("The talks, in Baku.")
        ['The', 'talks', 'in', 'Baku']
        """
        if self.cache is None or not cached:
            return split_tokens(self.prepare(text), self.options.tokenizer, self.options.language)
        key = self.cache.key("raw", text, self.raw_tag)
        tokens = self.cache.get(key)
        if tokens is None:
            tokens = split_tokens(self.prepare(text), self.options.tokenizer, self.options.language)
            self.cache.put(key, tokens)
        return tokens

    def spans(self, text: str, tokens: list[str]) -> tuple[str, np.ndarray]:
        """Return the text as the tokeniser saw it, at the document's offsets, and each token's span in it.

        The text is the document with the lines cleaning removed turned to
        spaces (:func:`~toolkit.corpus.cleaning.blank_removed`), so the offsets
        are the document's; ``tokens`` are :meth:`raw` of ``text``.

        Examples
        --------
        >>> pipe = Pipeline(TokenOptions())
        >>> text = "Talks\\n20\\n\\"can't\\" stop."
        >>> shown, spans = pipe.spans(text, pipe.raw(text))
        >>> [shown[s:e] for s, e in spans]
        ['Talks', '"', 'ca', "n't", '"', 'stop', '.']
        """
        shown = blank_removed(text, clean_text(text, self.options.rules)[1]) if self.options.clean else text
        from toolkit.tokens.spans import token_spans  # numpy loads on first use: counting never needs it

        return shown, token_spans(shown, tokens)

    def keeps(self, tok: str) -> bool:
        """Whether a token survives ``drop_punct``, ``stopwords`` and ``min_length``.

        Examples
        --------
        >>> pipe = Pipeline(TokenOptions(stopwords=True, min_length=3))
        >>> pipe.keeps("Baku"), pipe.keeps("The"), pipe.keeps("EU"), pipe.keeps("--")
        (True, False, False, False)
        """
        o = self.options
        return not (
            (o.drop_punct and _PUNCT_ONLY.fullmatch(tok))
            or (self.stopwords and tok.lower() in self.stopwords)
            or len(tok) < o.min_length
        )

    def term(self, tok: str) -> str | None:
        """Return the term a raw token counts as (lower-cased, stemmed as asked), or ``None`` when it is removed.

        Each distinct token is worked out once and remembered (up to
        :data:`TERMS_REMEMBERED` of them): tokens repeat, and stemming is slow.

        Examples
        --------
        >>> pipe = Pipeline(TokenOptions(stopwords=True, stem=True))
        >>> pipe.term("Talks"), pipe.term("the"), pipe.term(",")
        ('talk', None, None)
        """
        term = self.terms.get(tok, _UNSEEN)
        if term is _UNSEEN:
            if len(self.terms) >= TERMS_REMEMBERED:
                self.terms.clear()
            term = None
            if self.keeps(tok):
                term = tok.lower() if self.options.lowercase else tok
                term = self.stem(term) if self.stem is not None else term
            self.terms[tok] = term
        return term  # type: ignore[return-value]

    def normalise(self, tokens: Iterable[str]) -> list[str | None]:
        """Normalised tokens, ``None`` where a token was removed (a gap).

        Examples
        --------
        >>> Pipeline(TokenOptions()).normalise(["Talks", ",", "Baku"])
        ['talks', None, 'baku']
        """
        tokens = tokens if isinstance(tokens, list) else list(tokens)
        known = self.terms.get  # tokens seen before (most of them): a dict lookup, not a method call each
        terms = [known(tok, _UNSEEN) for tok in tokens]
        if _UNSEEN in terms:
            terms = [self.term(tok) if term is _UNSEEN else term for tok, term in zip(tokens, terms, strict=True)]
        return terms  # type: ignore[return-value]

    def counts(self, tokens: Iterable[str]) -> Counter[str]:
        """Count the terms of raw tokens: each distinct token is normalised once, then its count added.

        Examples
        --------
        >>> Pipeline(TokenOptions(stopwords=True)).counts(["The", "talks", "Talks", "."])
        Counter({'talks': 2})
        """
        counts: Counter[str] = Counter()
        for tok, n in Counter(tokens).items():
            term = self.term(tok)
            if term is not None:
                counts[term] += n
        return counts

    def padded(self, text: str, *, cached: bool = True) -> list[str | None]:
        """Normalised tokens of ``text`` with gaps; index = raw token position.

        Examples
        --------
        >>> Pipeline(TokenOptions(tokenizer="wordpunct")).padded("Baku, again")
        ['baku', None, 'again']
        """
        return self.normalise(self.raw(text, cached=cached))

    def tokens(self, text: str) -> list[str]:
        """Normalised tokens of ``text`` without gaps.

        Examples
        --------
        >>> Pipeline(TokenOptions()).tokens("The talks, in Baku.")
        ['the', 'talks', 'in', 'baku']
        """
        return [t for t in self.padded(text) if t is not None]

    def describe(self) -> dict[str, str]:
        """Return what was used (tokeniser, sentence model, stopword list), for provenance.

        Examples
        --------
        >>> info = Pipeline(TokenOptions(tokenizer="regexp", stopwords=["baku"])).describe()
        >>> info["tokenizer"], info["stopwords"]
        ('regexp', 'custom list (1 words)')
        """
        o = self.options
        info = {
            "tokenizer": o.tokenizer,
            "lowercase": str(o.lowercase),
            "drop_punct": str(o.drop_punct),
            "stopwords": self.stopword_source,
            "min_length": str(o.min_length),
            "stem": f"Snowball ({o.language})" if o.stem else "none",
            "clean": "default rules" if o.clean and o.rules is None else str(o.clean),
            "cache": str(self.cache.folder) if self.cache is not None else "off",
            "nltk": nltkdata.nltk_version(),
        }
        if o.tokenizer == "treebank":
            info["sentences"] = nltkdata.sentence_model(o.language)
        return info


def describe_options(options: TokenOptions | None = None, **changes: Any) -> dict[str, str]:
    """Say which tokeniser, sentence model and stopword list the options resolve to.

    Examples
    --------
    >>> describe_options(tokenizer="regexp")["tokenizer"]
    'regexp'
    """
    return Pipeline(token_options(options, **changes)).describe()


def tokenize(corpus: pd.DataFrame, options: TokenOptions | None = None, **changes: Any) -> pd.DataFrame:
    """Return one row per token: ``doc_id, position, token``.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus table (``doc_id``, ``text``).
    options : TokenOptions or None, default=None
        Tokenisation settings; keyword arguments override single fields
        (``tokenizer="regexp"``, ``lowercase=False``, ...).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, position, token``; ``position`` counts raw tokens from 0
        in each document, so removed tokens leave gaps in it.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Lavrov said: ready."]})
    >>> tokenize(corpus)
      doc_id  position   token
    0      a         0  lavrov
    1      a         1    said
    2      a         3   ready
    """
    import pandas as pd

    pipe = Pipeline(token_options(options, **changes))
    rows = [
        (doc_id, pos, tok)
        for doc_id, text in zip(corpus["doc_id"], corpus["text"], strict=True)
        for pos, tok in enumerate(pipe.padded(text))
        if tok is not None
    ]
    return pd.DataFrame(rows, columns=["doc_id", "position", "token"])
