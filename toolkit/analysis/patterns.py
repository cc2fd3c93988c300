"""Patterns: the words a user searches for, matched against normalised tokens.

A pattern is a word (``"freedom"``), a glob with ``*`` and ``?``
(``"negotiat*"``), a phrase of such words separated by spaces (``"united
states"``, matched as consecutive tokens), or, with ``regex=True``, regular
expressions that must match whole tokens. Case follows the ``lowercase``
token option (on by default: case-insensitive). :func:`~toolkit.kwic`,
:func:`~toolkit.collocates` and :class:`~toolkit.analysis.termindex.TermIndex`
take any pattern; :func:`~toolkit.analysis.dispersion.dispersion`,
:func:`~toolkit.dispersion_positions` and :func:`~toolkit.trends` follow
single-word patterns (:class:`WordPatterns`), one or several.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from toolkit.tokens.pipeline import Pipeline, split_tokens

if TYPE_CHECKING:  # scipy.sparse loads with count_matrix: kwic and collocates never need it
    from scipy import sparse

#: Characters that make a word a glob rather than a plain word.
WILDCARDS = "*?["

#: What :func:`find_matches` remembers across documents: for each matcher, the tokens tried and those matched.
Memo = dict[re.Pattern[str], tuple[set[str], set[str]]]


def word_matchers(pattern: str, *, regex: bool, lowercase: bool) -> list[re.Pattern[str]]:
    """One compiled pattern per word of ``pattern`` (a phrase matches consecutive tokens).

    Examples
    --------
    >>> [bool(m.fullmatch("talks")) for m in word_matchers("talk* in", regex=False, lowercase=True)]
    [True, False]
    """
    words = pattern.split()
    if not words:
        raise ValueError("empty pattern")
    flags = re.IGNORECASE if lowercase else 0
    if regex:
        try:
            return [re.compile(w, flags) for w in words]
        except re.error as err:
            raise ValueError(f"bad regular expression {pattern!r}: {err}") from None
    return [re.compile(fnmatch.translate(w), flags) for w in words]


def is_plain(word: str, *, regex: bool = False) -> bool:
    """Whether ``word`` is a plain word: no wildcard and not a regular expression.

    Examples
    --------
    >>> is_plain("peace"), is_plain("peace*"), is_plain("peace", regex=True)
    (True, False, False)
    """
    return not regex and not any(c in word for c in WILDCARDS)


def normalise_terms(terms: Iterable[str], pipeline: Pipeline) -> list[str]:
    """Apply case and stemming to user-given terms, as to tokens.

    Examples
    --------
    >>> from toolkit.tokens.options import TokenOptions
    >>> normalise_terms(["Talks", "Baku"], Pipeline(TokenOptions(stem=True, cache=False)))
    ['talk', 'baku']
    """
    out = []
    for term in terms:
        t = term.lower() if pipeline.options.lowercase else term
        out.append(pipeline.stem(t) if pipeline.stem is not None else t)
    return out


def normalise_pattern(pattern: str, pipeline: Pipeline, *, regex: bool = False) -> list[str]:
    """Return the words of ``pattern``, its plain words normalised like tokens (case, stemming).

    Globs and regular expressions are kept as given: they are matched with the
    case the tokens have (:func:`word_matchers` ignores case when tokens are
    lower-cased).

    A plain word that the tokeniser splits into several tokens it keeps
    becomes those tokens, so a pattern is read as the text is: with
    ``treebank``, ``can't`` is the phrase ``ca n't`` and ``cannot`` is
    ``can not`` (a word whose pieces include punctuation, such as ``U.S.``,
    stays whole).

    Examples
    --------
    >>> from toolkit.tokens.options import TokenOptions
    >>> normalise_pattern("Peace Talks*", Pipeline(TokenOptions(stem=True, cache=False)))
    ['peac', 'Talks*']
    >>> normalise_pattern("can't stop", Pipeline(TokenOptions(cache=False)))
    ['ca', "n't", 'stop']
    >>> normalise_pattern("can't", Pipeline(TokenOptions(tokenizer="regexp", cache=False)))
    ["can't"]
    """
    words: list[str] = []
    for word in pattern.split():
        if not is_plain(word, regex=regex):
            words.append(word)
            continue
        pieces = split_tokens(word, pipeline.options.tokenizer, pipeline.options.language)
        whole = len(pieces) < 2 or not all(pipeline.keeps(piece) for piece in pieces)
        words.extend(normalise_terms([word] if whole else pieces, pipeline))
    return words


def matching_tokens(tokens: set[str], matcher: re.Pattern[str], memo: Memo) -> set[str]:
    """Return the tokens of ``tokens`` that ``matcher`` matches whole, trying each token once across calls.

    Examples
    --------
    >>> memo: Memo = {}
    >>> sorted(matching_tokens({"talks", "talked", "walks"}, re.compile("talk.*"), memo))
    ['talked', 'talks']
    """
    tried, matched = memo.setdefault(matcher, (set(), set()))
    for token in tokens - tried:
        if matcher.fullmatch(token):
            matched.add(token)
    tried |= tokens
    return tokens & matched


def find_matches(
    padded: Sequence[str | None],
    matchers: Sequence[re.Pattern[str]],
    memo: Memo | None = None,
) -> list[int]:
    """Return the positions in ``padded`` where consecutive tokens match ``matchers``.

    ``padded`` is a document's normalised tokens with ``None`` at removed
    tokens (:meth:`~toolkit.tokens.pipeline.Pipeline.padded`), so that a
    phrase never spans removed punctuation. ``memo`` remembers each
    matcher's answer for each token across calls (pass the same dict for
    every document): a token is tried once, and a document where no token
    matches is not scanned.

    Examples
    --------
    >>> find_matches(["united", "states", None, "united", "nations"], word_matchers("united s*",
    ...     regex=False, lowercase=True))
    [0]
    """
    memo = {} if memo is None else memo
    tokens = set(padded)
    tokens.discard(None)
    found = [matching_tokens(tokens, matcher, memo) for matcher in matchers]  # type: ignore[arg-type]
    if not all(found):
        return []
    first, rest = found[0], list(enumerate(found[1:], 1))
    last = len(padded) - len(matchers)  # the last position a phrase can start at
    return [
        i for i, token in enumerate(padded) if token in first and i <= last and all(padded[i + k] in f for k, f in rest)
    ]


def as_patterns(pattern: str | Iterable[str]) -> list[str]:
    """Return the patterns asked for: a string is one pattern, otherwise each item is one (repeats dropped).

    Examples
    --------
    >>> as_patterns("war"), as_patterns(["war", "peace", "war"])
    (['war'], ['war', 'peace'])
    """
    patterns = [pattern] if isinstance(pattern, str) else list(dict.fromkeys(pattern))
    if not patterns:
        raise ValueError("give at least one pattern")
    for item in patterns:
        if not isinstance(item, str):
            raise TypeError(f"a pattern is a string; got {item!r}")
    return patterns


class WordPatterns:
    """Single-word patterns (plain words, globs or regular expressions) matched against terms.

    A plain word is normalised like the tokens (case, stemming) and is its own
    label; a glob or regular expression is labelled as given and counts every
    term it matches. A phrase is refused: its words must be next to each other,
    which counts per document cannot tell (:func:`~toolkit.kwic` and
    :class:`~toolkit.analysis.termindex.TermIndex` find phrases).

    Parameters
    ----------
    pattern : str or iterable of str
        One pattern, or several.
    pipeline : Pipeline
        The tokenisation whose terms are matched.
    regex : bool, default=False
        Read the patterns as regular expressions.
    caller : str, default="this analysis"
        Named in the error about phrases.

    Examples
    --------
    >>> from toolkit.tokens.options import TokenOptions
    >>> words = WordPatterns(["War", "peace*"], Pipeline(TokenOptions(cache=False)))
    >>> words.labels, words.matches("war"), words.matches("peaceful")
    (['war', 'peace*'], (0,), (1,))
    """

    def __init__(
        self, pattern: str | Iterable[str], pipeline: Pipeline, *, regex: bool = False, caller: str = "this analysis"
    ) -> None:
        self.labels: list[str] = []
        self._exact: dict[str, int] = {}
        self._matchers: list[tuple[int, re.Pattern[str]]] = []
        self._memo: dict[str, tuple[int, ...]] = {}  # every term tried: the patterns it matches
        self._matched: set[str] = set()  # the terms tried that some pattern matches
        for item in as_patterns(pattern):
            words = item.split()
            if len(words) != 1:
                what = "an empty pattern" if not words else f"{item!r} is a phrase"
                raise ValueError(
                    f"{caller} follows single words (plain, with * or ? wildcards, or regex=True); "
                    f"{what}: kwic() and TermIndex find phrases"
                )
            plain = is_plain(words[0], regex=regex)
            label = normalise_terms(words, pipeline)[0] if plain else words[0]
            if label in self.labels:
                continue
            self.labels.append(label)
            if plain:
                self._exact[label] = len(self.labels) - 1
            else:
                matcher = word_matchers(label, regex=regex, lowercase=pipeline.options.lowercase)[0]
                self._matchers.append((len(self.labels) - 1, matcher))

    def matches(self, term: str) -> tuple[int, ...]:
        """Return the indices (in :attr:`labels`) of the patterns that ``term`` matches.

        Examples
        --------
        >>> from toolkit.tokens.options import TokenOptions
        >>> WordPatterns(["war", "w*"], Pipeline(TokenOptions(cache=False))).matches("war")
        (0, 1)
        """
        found = self._memo.get(term)
        if found is None:
            hits = [j for j, matcher in self._matchers if matcher.fullmatch(term)]
            if term in self._exact:
                hits.append(self._exact[term])
            found = self._memo[term] = tuple(sorted(hits))
            if found:
                self._matched.add(term)
        return found

    def _matching(self, terms: set[str]) -> set[str]:
        """Return the terms of ``terms`` that some pattern matches; each term is tried once across calls."""
        if not self._matchers:  # plain words only: the terms that are labels
            return terms.intersection(self._exact)
        for term in terms.difference(self._memo):
            self.matches(term)
        return terms & self._matched

    def find(self, padded: Sequence[str | None]) -> tuple[list[tuple[int, int, int]], int]:
        """Find the patterns in a document's padded tokens (``None`` at removed tokens).

        Returns
        -------
        matches : list of tuple of int
            ``(position, rank, j)`` of each match, in order: ``position`` in
            ``padded``, ``rank`` among the kept tokens, ``j`` in :attr:`labels`.
        kept : int
            Tokens that are not ``None``.

        Examples
        --------
        >>> from toolkit.tokens.options import TokenOptions
        >>> WordPatterns(["war", "w*"], Pipeline(TokenOptions(cache=False))).find([None, "peace", "war"])
        ([(2, 1, 0), (2, 1, 1)], 2)
        """
        if self._matchers:
            tokens = set(padded)
            tokens.discard(None)
            hit = self._matching(tokens)  # type: ignore[arg-type]
        else:  # plain words only: one scan in C for each
            hit = {term for term in self._exact if term in padded}
        found: list[tuple[int, int, int]] = []
        if hit:  # only a document with a match is scanned
            rank = 0
            for position, token in enumerate(padded):
                if token is not None:
                    if token in hit:
                        found.extend((position, rank, j) for j in self.matches(token))
                    rank += 1
        return found, len(padded) - padded.count(None)

    def count_matrix(self, docs: Sequence[Mapping[str, int]]) -> tuple[sparse.csr_matrix, np.ndarray]:
        """Count the patterns in each of ``docs`` (term counts).

        Returns
        -------
        matrix : scipy.sparse.csr_matrix
            ``matrix[i, j]``: occurrences of the terms ``labels[j]`` matches in document ``i``.
        sizes : numpy.ndarray
            Tokens per document (all terms).

        Examples
        --------
        >>> from collections import Counter
        >>> from toolkit.tokens.options import TokenOptions
        >>> words = WordPatterns(["war*"], Pipeline(TokenOptions(cache=False)))
        >>> m, sizes = words.count_matrix([Counter(war=2, wars=1, peace=1), Counter(peace=3)])
        >>> m.toarray().tolist(), sizes.tolist()
        ([[3], [0]], [4.0, 3.0])
        """
        from scipy import sparse

        rows, cols, vals = [], [], []
        for i, counts in enumerate(docs):
            for term in self._matching(set(counts)):
                for j in self.matches(term):
                    rows.append(i)
                    cols.append(j)
                    vals.append(counts[term])
        matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(len(docs), len(self.labels)), dtype=np.int64)
        sizes = np.array([sum(c.values()) for c in docs], dtype=float)
        return matrix, sizes
