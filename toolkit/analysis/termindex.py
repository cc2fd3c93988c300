"""A term index: a corpus tokenised once, so that looking up a new term is only lookups.

The explorers (:mod:`toolkit.views.explorers`) answer "show me this word" many times a
minute. :class:`TermIndex` tokenises every document once (through the token
cache), keeps each document's raw tokens for contexts and the normalised
tokens as integer ids in one array, with a postings list per term. A term's
concordance, frequency by group, collocates and dispersion are then array
lookups, and equal what :func:`~toolkit.kwic`, :func:`~toolkit.count_terms`,
:func:`~toolkit.collocates`, :func:`~toolkit.dispersion_positions` and
:func:`~toolkit.analysis.dispersion` compute from scratch (the tests compare them).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import sparse

from toolkit.analysis.collocates import collocate_table
from toolkit.analysis.concordance import KWIC_COLUMNS, context_rows, sort_concordance
from toolkit.analysis.dispersion import dp_from_matrix, part_bounds
from toolkit.analysis.patterns import is_plain, normalise_pattern, word_matchers
from toolkit.corpus.document import Document
from toolkit.counting.texts import group_key, iter_texts, sort_groups
from toolkit.tokens.options import TokenOptions
from toolkit.tokens.pipeline import listing_options
from toolkit.tokens.spans import squeeze

#: Equal parts of the token stream used when there is no grouping field (as Voyant's trends do).
PARTS = 10


class TermIndex:
    """A corpus tokenised once: per-term lookups for concordances, counts, collocates and dispersion.

    Tokens are normalised as by :func:`~toolkit.kwic` (stopwords kept); the
    stopword list only leaves words out of listings and per-million bases, as
    in :func:`~toolkit.count_terms` and :func:`~toolkit.collocates`.

    Parameters
    ----------
    corpus : pandas.DataFrame or iterable of Document
        The corpus.
    by : str or None, default=None
        Field whose values are the groups of :meth:`frequency`; ``None`` cuts
        the corpus into :data:`PARTS` equal parts.
    options : TokenOptions or None
        Tokenisation; with ``cache=True`` (the default) tokens come from the
        persistent token cache.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Talks in Baku.", "Baku talks, Moscow waits."]})
    >>> index = TermIndex(corpus)
    >>> index.kwic("baku", window=1)
      doc_id  position left keyword  right  start  end
    0      a         2   in    Baku      .      9   13
    1      b         0         Baku  talks      0    4
    >>> index.count("talk*")
    2
    """

    def __init__(
        self,
        corpus: pd.DataFrame | Iterable[Document],
        *,
        by: str | None = None,
        options: TokenOptions | None = None,
        **token_changes: Any,
    ) -> None:
        self.pipeline, self.stopwords = listing_options(options, token_changes)
        self.by = by
        self.doc_ids: list[str] = []
        self.texts: list[str] = []
        self.groups: list[str] = []
        self.raw: list[list[str]] = []
        # Each document's text as the tokeniser saw it and its tokens' offsets, worked out when first shown.
        self._spans: dict[int, tuple[str, np.ndarray]] = {}
        vocabulary: dict[str, int] = {}
        ids: list[int] = []
        raw_positions: list[int] = []
        starts = [0]
        for doc_id, text, group in iter_texts(corpus, by):
            raw = self.pipeline.raw(text)
            for position, token in enumerate(self.pipeline.normalise(raw)):
                if token is not None:
                    ids.append(vocabulary.setdefault(token, len(vocabulary)))
                    raw_positions.append(position)
            self.doc_ids.append(str(doc_id))
            self.texts.append(text)
            self.groups.append(group_key(group))
            self.raw.append(raw)
            starts.append(len(ids))
        self.vocabulary = list(vocabulary)
        self.term_ids = vocabulary
        self.ids = np.array(ids, dtype=np.int64)
        self.raw_positions = np.array(raw_positions, dtype=np.int64)
        self.starts = np.array(starts, dtype=np.int64)
        self.frequency = np.bincount(self.ids, minlength=len(self.vocabulary))
        self.is_stopword = np.array([t.lower() in self.stopwords for t in self.vocabulary], dtype=bool)
        order = np.argsort(self.ids, kind="stable")
        self._postings = order
        self._bounds = np.searchsorted(self.ids[order], np.arange(len(self.vocabulary) + 1))
        self.doc_sizes = np.diff(self.starts)
        counted = (~self.is_stopword[self.ids]).astype(np.int64) if len(self.ids) else np.zeros(0, np.int64)
        self._counted_cumsum = np.concatenate([[0], np.cumsum(counted)])

    # ------------------------------------------------------------------ matching

    def __len__(self) -> int:
        return len(self.doc_ids)

    @property
    def tokens(self) -> int:
        """Number of tokens (punctuation dropped, stopwords kept).

        Examples
        --------
        >>> TermIndex(pd.DataFrame({"doc_id": ["a"], "text": ["Talks in Baku."]})).tokens
        3
        """
        return len(self.ids)

    def matching_terms(self, pattern: str, *, regex: bool = False) -> list[list[str]]:
        """Return the terms each word of ``pattern`` matches (wildcards or regex as in :func:`~toolkit.kwic`).

        Examples
        --------
        >>> TermIndex(pd.DataFrame({"doc_id": ["a"], "text": ["Talks, talked, walks."]})).matching_terms("talk*")
        [['talked', 'talks']]
        """
        words = normalise_pattern(pattern, self.pipeline, regex=regex)
        matchers = word_matchers(" ".join(words), regex=regex, lowercase=self.pipeline.options.lowercase)
        out = []
        for word, matcher in zip(words, matchers, strict=True):
            if is_plain(word, regex=regex):  # a plain word: one dictionary lookup
                out.append([word] if word in self.term_ids else [])
            else:
                out.append(sorted(t for t in self.vocabulary if matcher.fullmatch(t)))
        return out

    def _postings_of(self, terms: list[str]) -> np.ndarray:
        chunks = [self._postings[self._bounds[i] : self._bounds[i + 1]] for i in (self.term_ids[t] for t in terms)]
        return np.sort(np.concatenate(chunks)) if chunks else np.zeros(0, dtype=np.int64)

    def hits(self, pattern: str, *, regex: bool = False) -> np.ndarray:
        """Token indices (in :attr:`ids`) where ``pattern`` starts; a phrase matches consecutive tokens.

        Examples
        --------
        >>> index = TermIndex(pd.DataFrame({"doc_id": ["a"], "text": ["Talks in Baku, Baku talks."]}))
        >>> index.hits("baku talks").tolist()
        [3]
        """
        return self._phrase_hits(self.matching_terms(pattern, regex=regex))

    def _phrase_hits(self, words: list[list[str]]) -> np.ndarray:
        """Token indices where consecutive tokens match each word's terms (:meth:`matching_terms`)."""
        start = self._postings_of(words[0])
        for k, terms in enumerate(words[1:], 1):
            nxt = start + k
            ok = nxt < len(self.ids)
            start, nxt = start[ok], nxt[ok]
            wanted = np.zeros(len(self.vocabulary), dtype=bool)
            wanted[[self.term_ids[t] for t in terms]] = True
            same_doc = self._doc_of(nxt) == self._doc_of(start)
            adjacent = self.raw_positions[nxt] == self.raw_positions[start] + k
            start = start[wanted[self.ids[nxt]] & same_doc & adjacent]
        return start

    def _doc_of(self, index: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.starts, index, side="right") - 1

    def count(self, pattern: str, *, regex: bool = False) -> int:
        """Occurrences of ``pattern`` in the corpus.

        Examples
        --------
        >>> TermIndex(pd.DataFrame({"doc_id": ["a"], "text": ["Talks in Baku, Baku talks."]})).count("baku")
        2
        """
        return len(self.hits(pattern, regex=regex))

    # ------------------------------------------------------------------ tables

    def kwic(
        self,
        pattern: str,
        *,
        window: int = 5,
        regex: bool = False,
        sort: Literal["left", "right"] | None = None,
    ) -> pd.DataFrame:
        """Return the concordance of ``pattern``: the table :func:`~toolkit.kwic` returns, from the index.

        Examples
        --------
        >>> index = TermIndex(pd.DataFrame({"doc_id": ["a"], "text": ["Talks in Baku, then Moscow."]}))
        >>> index.kwic("baku", window=1)[["left", "keyword", "right"]]
          left keyword right
        0   in    Baku     ,
        """
        words = self.matching_terms(pattern, regex=regex)  # the pattern read once: its tokens and their terms
        size, hits = len(words), self._phrase_hits(words)
        docs = self._doc_of(hits)
        rows = []
        for doc, positions in itertools.groupby(
            zip(docs.tolist(), self.raw_positions[hits].tolist(), strict=True), key=lambda pair: pair[0]
        ):
            rows.extend(
                context_rows(
                    self.doc_ids[doc], *self.spans(doc), self.raw[doc], [p for _, p in positions], size, window
                )
            )
        table = sort_concordance(pd.DataFrame(rows, columns=KWIC_COLUMNS), sort)
        table.attrs.update(kind="kwic", pattern=pattern, settings=self.pipeline.describe())
        return table

    def spans(self, doc: int) -> tuple[str, np.ndarray]:
        """Return document ``doc``'s text as the tokeniser saw it and its raw tokens' offsets (kept once worked out).

        Examples
        --------
        >>> index = TermIndex(pd.DataFrame({"doc_id": ["a"], "text": ["Talks, again."]}))
        >>> index.spans(0)[1].tolist()
        [[0, 5], [5, 6], [7, 12], [12, 13]]
        """
        if doc not in self._spans:
            self._spans[doc] = self.pipeline.spans(self.texts[doc], self.raw[doc])
        return self._spans[doc]

    def _counted(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Tokens that are not stopwords between token indices ``lo`` and ``hi``."""
        return self._counted_cumsum[hi] - self._counted_cumsum[lo]

    def frequency_table(self, pattern: str, *, regex: bool = False) -> pd.DataFrame:
        """How often ``pattern`` occurs in each group (or each of :data:`PARTS` equal parts).

        Returns
        -------
        pandas.DataFrame
            ``<by or "part">, term, n, per_million, docs``, one row per group
            (zeros included), groups in :func:`~toolkit.counting.texts.sort_groups`
            order. ``per_million`` is per million counted terms (stopwords left
            out, as in :func:`~toolkit.count_terms`); ``docs`` counts documents
            containing the term.

        Examples
        --------
        >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "side": ["x", "y"], "text": ["war war peace", "peace"]})
        >>> TermIndex(corpus, by="side").frequency_table("war")[["side", "n", "docs"]]
          side  n  docs
        0    x  2     1
        1    y  0     0
        """
        hits = self.hits(pattern, regex=regex)
        docs = self._doc_of(hits)
        if self.by is not None:
            labels = sort_groups(set(self.groups))
            where = {g: i for i, g in enumerate(labels)}
            doc_group = np.array([where[g] for g in self.groups], dtype=np.int64)
            n = np.bincount(doc_group[docs], minlength=len(labels))
            base = np.bincount(
                doc_group, weights=self._counted(self.starts[:-1], self.starts[1:]), minlength=len(labels)
            )
            with_term = np.unique(docs)
            doc_count = np.bincount(doc_group[with_term], minlength=len(labels))
            column: str = self.by
        else:
            bounds = part_bounds(len(self.ids), PARTS)
            labels = [str(i) for i in range(1, PARTS + 1)]
            part = np.searchsorted(bounds, hits, side="right") - 1
            n = np.bincount(part, minlength=PARTS)
            base = self._counted(bounds[:-1], bounds[1:]).astype(float)
            pairs = np.unique(np.stack([part, docs]), axis=1) if len(hits) else np.zeros((2, 0), dtype=np.int64)
            doc_count = np.bincount(pairs[0], minlength=PARTS)
            column = "part"
        with np.errstate(divide="ignore", invalid="ignore"):
            per_million = np.where(base > 0, n / np.where(base > 0, base, 1) * 1e6, 0.0)
        table = pd.DataFrame(
            {column: labels, "term": pattern, "n": n.astype(int), "per_million": per_million, "docs": doc_count}
        )
        table.attrs.update(kind="frequency", pattern=pattern)
        return table

    def collocates(
        self,
        pattern: str,
        *,
        window: int = 5,
        min_count: int = 2,
        regex: bool = False,
        sort_by: str = "log_dice",
    ) -> pd.DataFrame:
        """Collocates of the terms ``pattern`` matches: the table :func:`~toolkit.collocates` returns.

        Examples
        --------
        >>> index = TermIndex(pd.DataFrame({"doc_id": ["a"], "text": ["peace talks and peace talks and war"]}))
        >>> index.collocates("peace", window=1)[["collocate", "n"]]
          collocate  n
        0     talks  2
        """
        if window < 1:
            raise ValueError(f"window must be 1 or more, got {window}")
        words = self.matching_terms(pattern, regex=regex)  # the pattern read once: its tokens and their terms
        size, hits = len(words), self._phrase_hits(words)
        # sets of token positions as boolean masks: linear, where np.unique would sort or hash
        is_node = np.zeros(len(self.ids), dtype=bool)
        is_node[(hits[:, None] + np.arange(size)[None, :]).ravel()] = True
        nodes = np.flatnonzero(is_node)
        docs = self._doc_of(nodes)
        lo, hi = self.starts[docs], self.starts[docs + 1]
        offsets = np.array([k for k in range(-window, window + 1) if k], dtype=np.int64)
        candidates = nodes[:, None] + offsets[None, :]
        inside = (candidates >= lo[:, None]) & (candidates < hi[:, None])
        in_a_window = np.zeros(len(self.ids), dtype=bool)
        in_a_window[candidates[inside]] = True
        positions = np.flatnonzero(in_a_window & ~is_node)
        in_window = np.bincount(self.ids[positions], minlength=len(self.vocabulary))
        seen = np.flatnonzero(in_window)
        node_terms = sorted({self.vocabulary[i] for i in self.ids[nodes].tolist()})
        return collocate_table(
            {self.vocabulary[i]: int(in_window[i]) for i in seen},
            {self.vocabulary[i]: int(self.frequency[i]) for i in seen},
            total=len(self.ids),
            node=node_terms or " ".join(normalise_pattern(pattern, self.pipeline, regex=regex)),
            pattern=pattern,
            n_node=len(hits),
            window=window,
            window_tokens=len(positions),
            min_count=min_count,
            stopwords=self.stopwords,
            sort_by=sort_by,
            settings=self.pipeline.describe(),
        )

    def positions(self, pattern: str, *, regex: bool = False) -> pd.DataFrame:
        """Where ``pattern`` occurs: the table :func:`~toolkit.dispersion_positions` returns, labelled ``pattern``.

        Examples
        --------
        >>> index = TermIndex(pd.DataFrame({"doc_id": ["a", "b"], "text": ["War, then peace.", "Peace talks."]}))
        >>> index.positions("peace*")
          doc_id    term  position  offset
        0      a  peace*         3       2
        1      b  peace*         0       3
        """
        hits = self.hits(pattern, regex=regex)
        docs = self._doc_of(hits)
        table = pd.DataFrame(
            {
                "doc_id": [self.doc_ids[d] for d in docs.tolist()],
                "term": pattern,
                "position": self.raw_positions[hits],
                "offset": hits,
            }
        )
        table.attrs.update(
            doc_starts=dict(zip(self.doc_ids, self.starts[:-1].tolist(), strict=True)),
            tokens=len(self.ids),
            terms=[pattern],
        )
        return table

    def dp(self, pattern: str, *, regex: bool = False) -> float:
        """Gries's DP of ``pattern`` over the documents (over :data:`PARTS` equal parts with fewer than two).

        Equal to the ``dp`` of :func:`~toolkit.analysis.dispersion` with ``parts=None``
        (or ``parts=10`` for a one-document corpus); NaN when the term is absent.

        Examples
        --------
        >>> index = TermIndex(pd.DataFrame({"doc_id": ["a", "b"], "text": ["war peace", "war talks"]}))
        >>> index.dp("war"), index.dp("peace")
        (0.0, 0.5)
        """
        hits = self.hits(pattern, regex=regex)
        if not len(hits):
            return float("nan")
        if int((self.doc_sizes > 0).sum()) >= 2:
            keep = self.doc_sizes > 0
            counts = np.bincount(self._doc_of(hits), minlength=len(self.doc_ids))[keep]
            sizes = self.doc_sizes[keep].astype(float)
        else:
            bounds = part_bounds(len(self.ids), PARTS)
            counts = np.bincount(np.searchsorted(bounds, hits, side="right") - 1, minlength=PARTS)
            sizes = np.diff(bounds).astype(float)
        return float(dp_from_matrix(sparse.csr_matrix(counts.reshape(-1, 1)), sizes)[0])

    def documents_with(self, pattern: str, *, regex: bool = False) -> list[tuple[str, int]]:
        """``(doc_id, occurrences)`` of the documents containing ``pattern``, most first, then by doc_id.

        Examples
        --------
        >>> TermIndex(pd.DataFrame({"doc_id": ["a", "b"], "text": ["war", "war and war"]})).documents_with("war")
        [('b', 2), ('a', 1)]
        """
        counts = np.bincount(self._doc_of(self.hits(pattern, regex=regex)), minlength=len(self.doc_ids))
        found = [(self.doc_ids[i], int(c)) for i, c in enumerate(counts.tolist()) if c]
        return sorted(found, key=lambda item: (-item[1], item[0]))

    def occurrences(self, doc_id: str, pattern: str, *, regex: bool = False) -> list[tuple[int, int]]:
        """Return the character offsets ``(start, end)`` of ``pattern``'s occurrences in one document.

        Examples
        --------
        >>> index = TermIndex(pd.DataFrame({"doc_id": ["a"], "text": ["War, war and\\nWAR talks."]}))
        >>> index.occurrences("a", "war talks")
        [(13, 22)]
        """
        doc = self.doc_ids.index(doc_id)
        words = self.matching_terms(pattern, regex=regex)  # the pattern read once: its tokens and their terms
        size, hits = len(words), self._phrase_hits(words)
        positions = self.raw_positions[hits[self._doc_of(hits) == doc]].tolist()
        spans = self.spans(doc)[1]
        last = len(self.raw[doc])
        return [(int(spans[p, 0]), int(spans[min(last, p + size) - 1, 1])) for p in positions]

    def surface_forms(self, doc_id: str, pattern: str, *, regex: bool = False) -> list[str]:
        """Return the spellings of ``pattern``'s occurrences in one document, as written.

        Examples
        --------
        >>> TermIndex(pd.DataFrame({"doc_id": ["a"], "text": ["War, war and WAR."]})).surface_forms("a", "war")
        ['WAR', 'War', 'war']
        """
        text = self.spans(self.doc_ids.index(doc_id))[0]
        forms = {squeeze(text[start:end]) for start, end in self.occurrences(doc_id, pattern, regex=regex)}
        return sorted(forms, key=lambda f: (-len(f), f))
