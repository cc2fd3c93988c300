"""Count in this process and its worker processes: one document at a time through the token pipeline and its cache."""

from __future__ import annotations

import collections
import concurrent.futures as cf
import contextlib
import hashlib
import itertools
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from toolkit.cache import TokenCache
from toolkit.corpus.document import Document
from toolkit.counting import bulk
from toolkit.counting.counted import POLARS_ROWS, Counted, Sums, empty_frame, exact_frame
from toolkit.counting.launch import applies, prestart
from toolkit.counting.texts import group_key, iter_texts
from toolkit.counting.workers import batches
from toolkit.lifeline import main_not_imported, watch
from toolkit.tokens.options import TokenOptions
from toolkit.tokens.pipeline import Pipeline

if TYPE_CHECKING:  # pandas loads on first use: the command line counts and writes CSV without it
    import pandas as pd


#: One pipeline per options in a worker process (a pool's or a cluster's), built on its first batch.
_PIPELINES: dict[TokenOptions, Pipeline] = {}


def document_counts(text: str, pipeline: Pipeline, ngram: int = 1) -> Counter[str]:
    """Count the terms (or n-grams, joined by a space) of one text.

    N-grams never span a removed token (punctuation, stopword, ...).

    Examples
    --------
    >>> pipe = Pipeline(TokenOptions())
    >>> sorted(document_counts("Armenia and Azerbaijan. Armenia!", pipe, 2).items())
    [('and azerbaijan', 1), ('armenia and', 1)]
    """
    if ngram == 1:
        return pipeline.counts(pipeline.raw(text))
    padded = pipeline.padded(text)
    grams = zip(*(padded[i:] for i in range(ngram)), strict=False)
    return Counter(" ".join(g) for g in grams if None not in g)


def stream_counts(pieces: Iterable[str], pipeline: Pipeline, ngram: int) -> Counter[str]:
    """Count a document given in pieces; n-grams that span two pieces are counted once, as in one text.

    A document in one piece (all but large files) is looked up in the cache first.

    Examples
    --------
    >>> pipe = Pipeline(TokenOptions(cache=False))
    >>> stream_counts(["Peace talks\\n", "talks resumed"], pipe, 2)
    Counter({'peace talks': 1, 'talks talks': 1, 'talks resumed': 1})
    """
    iterator = iter(pieces)
    first = next(iterator, "")
    second = next(iterator, None)
    if second is None and pipeline.cache is not None:
        key = pipeline.cache.key(f"counts{ngram}", first, pipeline.count_tag)
        cached = pipeline.cache.get(key)
        if cached is not None:
            return Counter(cached)
        counts = document_counts(first, pipeline, ngram)
        pipeline.cache.put(key, counts)
        return counts
    counts: Counter[str] = Counter()
    tail: list[str | None] = []
    for piece in itertools.chain([first], [] if second is None else [second], iterator):
        if ngram == 1:
            counts.update(pipeline.counts(pipeline.raw(piece, cached=second is None)))
            continue
        padded = pipeline.padded(piece, cached=second is None)
        sequence = tail + padded
        grams = zip(*(sequence[i:] for i in range(ngram)), strict=False)
        counts.update(" ".join(g) for g in grams if None not in g)
        tail = sequence[-(ngram - 1) :]
    return counts


def document_counts_by_group(
    corpus: pd.DataFrame | Iterable[Document], by: str | None, pipeline: Pipeline, ngram: int = 1
) -> Iterator[tuple[str, Counter[str]]]:
    """Yield ``(group, counts)`` for each document, in order: the one place where a document becomes counts.

    Counts come from the cache when they are there; a large file is counted
    piece by piece. ``group`` is the label of the document's ``by`` value (see
    :func:`group_key`). :func:`count_terms` adds them up in worker processes
    when asked (``jobs``); analyses that need each document's counts in order
    (keyness, dispersion, trends) take them from here.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["war and war"], "year": [2024]})
    >>> list(document_counts_by_group(corpus, "year", Pipeline(TokenOptions(cache=False))))
    [('2024', Counter({'war': 2, 'and': 1}))]
    """
    for _, pieces, group in iter_texts(corpus, by, pieces=True):
        yield group_key(group), stream_counts(pieces, pipeline, ngram)


def count_batch(batch: Iterable[tuple[str, Iterable[str]]], options: TokenOptions, ngram: int = 1) -> bulk.Totals:
    """Count a batch of ``(group, pieces)`` documents; what a worker process runs (a local pool's or a cluster's).

    Fast-path counts are raw (before stopwords and ``min_length``, removed by
    the caller); otherwise they are the pipeline's normalised counts.

    Examples
    --------
    >>> totals = count_batch([("2024", ["Talks in Baku."])], TokenOptions(stopwords=True, cache=False))
    >>> dict(totals.n["2024"])
    {'talks': 1, 'baku': 1}
    """
    totals = bulk.Totals()
    if applies(options, ngram):
        settings = bulk.Settings.of(options)
        for group, pieces in batch:
            totals.add(group, pieces, settings)
        return totals
    pipeline = _PIPELINES.get(options)
    if pipeline is None:
        pipeline = _PIPELINES[options] = Pipeline(options)
    with _together(pipeline.cache):
        for group, pieces in batch:  # their tokens and counts go to the cache in one transaction
            counts = stream_counts(pieces, pipeline, ngram)
            totals.n.setdefault(group, Counter()).update(counts)
            totals.docs.setdefault(group, Counter()).update(counts.keys())
    return totals


def _together(cache: TokenCache | None) -> contextlib.AbstractContextManager[None]:
    """Return a block whose puts ``cache`` stores in one transaction (:meth:`TokenCache.together`); none without one."""
    return cache.together() if cache is not None else contextlib.nullcontext()


def count_and_keep(
    documents: Iterable[tuple[str, Iterable[str]]], pipeline: Pipeline, ngram: int, jobs: int
) -> tuple[bulk.Totals | Counted, str]:
    """Count documents through the cache, in ``jobs`` worker processes; return the totals and their name in the cache.

    A worker returns one total per batch, not one ``Counter`` per document, so
    little crosses between processes; the pool starts at the first document
    that is not in the cache, so a warm count starts none. The totals of the
    whole corpus are cached too, under a key made of every document's key and
    group: an unchanged corpus is added up once, whatever the file order. A
    vocabulary of :data:`~toolkit.counting.counted.POLARS_ROWS` terms or more
    is kept as a polars table (:meth:`Counted.to_bytes`) and returned as one.

    Parameters
    ----------
    documents : iterable of (str, iterable of str)
        Group labels and texts, whole (one piece) or in pieces.
    pipeline : Pipeline
        The resolved tokenisation, with its cache (``cache=False``: none).
    ngram : int
        1 for words, 2 to 5 for n-grams.
    jobs : int
        Worker processes; 1 counts here.

    Returns
    -------
    Totals or Counted
        Normalised counts and document counts per group: a ``Counted`` when
        worker processes counted (their batches summed in polars, see
        :class:`Gathered`) or a large corpus's totals come from the cache.
    str
        The name the totals are kept under in the cache (:func:`keep_totals`),
        or ``""`` when they are not (no cache, or a document counted in pieces).

    Examples
    --------
    >>> pipe = Pipeline(TokenOptions(stopwords=True, cache=False))
    >>> totals, name = count_and_keep([("a", ["Talks in Baku."]), ("a", ["Baku"])], pipe, 1, 1)
    >>> dict(totals.n["a"]), dict(totals.docs["a"]), name
    ({'talks': 1, 'baku': 2}, {'talks': 1, 'baku': 2}, '')
    """
    cache = pipeline.cache
    totals = bulk.Totals()
    pending = _Pending(totals)
    gathered = Gathered()  # the workers' totals
    known: list[tuple[str, str]] = []  # (group, counts key) of each document counted from the cache
    every: list[tuple[str, str]] = []  # (group, counts key) of every document
    whole = cache is not None  # False once a document is streamed in pieces (its counts are not cached)

    def large(group: str, pieces: Iterator[str]) -> None:  # streamed through this process
        nonlocal whole
        whole = False
        pending.add(group, stream_counts(pieces, pipeline, ngram))

    with contextlib.ExitStack() as stack:
        pool: cf.ProcessPoolExecutor | None = None
        in_flight: collections.deque[cf.Future[bulk.Totals]] = collections.deque()
        for batch in batches(documents, large, size=1 << 18):
            misses, miss_keys = [], []
            keys, stored = [""] * len(batch), set()
            if cache is not None:
                keys = [cache.key(f"counts{ngram}", text, pipeline.count_tag) for _, text in batch]
                stored = cache.present(keys)
            for (group, text), key in zip(batch, keys, strict=True):
                every.append((group, key))
                if key in stored:
                    known.append((group, key))
                else:
                    misses.append((group, [text]))
                    miss_keys.append(key)
            if not misses:
                continue
            if jobs <= 1:
                with _together(cache):
                    for (group, (text,)), key in zip(misses, miss_keys, strict=True):
                        counts = document_counts(text, pipeline, ngram)
                        if cache is not None:
                            cache.put(key, counts)
                        pending.add(group, counts)
                continue
            if pool is None:  # forkserver: workers start clean (no inherited cache connection), with NLTK loaded
                context = prestart(tokenisers=True)
                pool = stack.enter_context(
                    cf.ProcessPoolExecutor(jobs, mp_context=context, initializer=watch, initargs=(os.getpid(),))
                )
            with main_not_imported():  # the pool starts its workers as work arrives
                in_flight.append(pool.submit(count_batch, misses, pipeline.options, ngram))
            while len(in_flight) >= 4 * jobs:
                gathered.add(in_flight.popleft().result())
        while in_flight:
            gathered.add(in_flight.popleft().result())
    name = ""
    if whole and cache is not None:
        digest = hashlib.sha256("\n".join(f"{g}\t{k}" for g, k in sorted(every)).encode("utf-8", "surrogatepass"))
        name = f"corpus{ngram}:{digest.hexdigest()}"
        if len(known) == len(every):
            recalled = recall_totals(cache, name, pipeline.count_tag)
            if recalled is not None:
                return recalled, name
    for group, key in known:
        counts = cache.get(key) if cache is not None else None
        if counts is None:  # cleared while we counted: the text is gone, so say so rather than guess
            raise RuntimeError("the token cache changed during the count; run it again")
        pending.add(group, counts)
    pending.flush()
    result = gathered.result(totals)
    if name and cache is not None:
        keep_totals(cache, name, pipeline.count_tag, result)
    return result, name


def keep_totals(cache: TokenCache, name: str, tag: str, totals: bulk.Totals | Counted) -> None:
    """Keep a corpus's totals in the cache under ``name`` (for :func:`recall_totals`).

    A large vocabulary is kept as a polars table (read back in milliseconds,
    and ranked in polars anyway); a small one as JSON, which needs no polars.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> cache, totals = TokenCache(Path(tempfile.mkdtemp())), bulk.Totals()
    >>> totals.n["a"], totals.docs["a"] = Counter({"war": 2}), Counter({"war": 1})
    >>> keep_totals(cache, "news", "tag", totals)
    >>> recall_totals(cache, "news", "tag").n
    {'a': Counter({'war': 2})}
    >>> recall_totals(cache, "news", "another tag") is None
    True
    """
    if isinstance(totals, Counted):
        large = totals.frame.height >= POLARS_ROWS
        table = totals.to_bytes() if large else None
        totals = totals.totals() if table is None else totals
    else:
        table = Counted.of(totals).to_bytes() if sum(map(len, totals.n.values())) >= POLARS_ROWS else None
    if table is not None:
        cache.put_bytes(cache.key("table", name, tag), table)
    else:
        # Per group: its terms, then their counts and documents, in that order (5 MB of news: read back in 21 ms,
        # against 49 ms for a mapping of each term to its count, then another to its documents, as kept before).
        cache.put(cache.key("totals", name, tag), {g: _listed(totals.n[g], totals.docs[g]) for g in totals.n})


def _listed(counts: Counter[str], docs: Counter[str]) -> list[list[Any]]:
    """Return a group's totals as three lists for JSON: its terms, their counts and their documents."""
    return [list(counts), list(counts.values()), list(map(docs.__getitem__, counts))]


def point_totals(cache: TokenCache, name: str, tag: str, kept: str) -> None:
    """Make ``name`` recall the totals kept under ``kept`` (:func:`keep_totals`), without storing them again.

    Encoding 46,000 terms of 5 MB of news took 20-35 ms: a folder's memo
    (:class:`~toolkit.counting.memo.FolderMemo`) points to the totals its count
    kept a moment before.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> cache, totals = TokenCache(Path(tempfile.mkdtemp())), bulk.Totals()
    >>> totals.n["a"], totals.docs["a"] = Counter({"war": 2}), Counter({"war": 1})
    >>> keep_totals(cache, "news", "tag", totals)
    >>> point_totals(cache, "folder", "tag", "news")
    >>> recall_totals(cache, "folder", "tag").n
    {'a': Counter({'war': 2})}
    """
    cache.put(cache.key("same as", name, tag), kept)


def recall_totals(cache: TokenCache, name: str, tag: str) -> bulk.Totals | Counted | None:
    """Return the totals kept under ``name`` by :func:`keep_totals`, or None."""
    name = cache.get(cache.key("same as", name, tag)) or name
    table = cache.get_bytes(cache.key("table", name, tag))
    if table is not None:
        return Counted.from_bytes(table)
    stored = cache.get(cache.key("totals", name, tag))
    if stored is None:
        return None
    totals = bulk.Totals()
    for group, kept in stored.items():
        if len(kept) == 2:  # as kept before: a mapping of each term to its count, then another to its documents
            totals.n[group], totals.docs[group] = Counter(kept[0]), Counter(kept[1])
        else:
            terms, n, docs = kept
            totals.n[group], totals.docs[group] = (
                Counter(dict(zip(terms, n, strict=True))),
                Counter(dict(zip(terms, docs, strict=True))),
            )
    return totals


class Gathered:
    """The totals of the workers' batches (a local pool's or a cluster's), added up in polars, not term by term.

    Adding a batch's ``Counter`` to a ``Counter`` runs a Python loop over its
    terms, in this process, beside workers that keep the cores busy: at 50 MB
    of news (190 batches, 204,000 distinct terms) that loop took 2.1 s of this
    process's 2.95 s of CPU. A batch's totals become a polars table (a few
    milliseconds); the tables are summed when they hold more than :data:`ROWS`
    rows and twice the rows of the last sum (:class:`~toolkit.counting.counted.Sums`:
    a larger vocabulary is not summed again at every batch), and once at the end.
    """

    ROWS = 1_000_000

    def __init__(self) -> None:
        self.sums = Sums(self.ROWS)
        self.groups: dict[str, None] = {}  # every group, with a term or not, in the order seen
        self.exact = bulk.Totals()  # a batch with a term polars cannot hold (a lone surrogate)

    def add(self, batch: bulk.Totals) -> None:
        """Add the totals of one batch."""
        self.groups.update(dict.fromkeys(batch.n))
        frame = exact_frame(batch)
        if frame is None:
            self.exact.merge(batch)
            return
        if self.sums.add(frame):
            self.sums.sum("group", list(self.groups))

    def result(self, here: bulk.Totals) -> bulk.Totals | Counted:
        """Return the totals of every batch with ``here`` (counted in this process): ``here`` when no worker counted.

        Examples
        --------
        >>> from toolkit.counting.bulk import Settings
        >>> gathered, batch, here = Gathered(), bulk.Totals(), bulk.Totals()
        >>> batch.add("a", ["War and war."], Settings())
        >>> here.add("b", ["Peace."], Settings())
        >>> gathered.add(batch)
        >>> gathered.add(batch)
        >>> counted = gathered.result(here)
        >>> counted.frame.sort("term").rows(), counted.groups
        ([('a', 'and', 2, 2), ('a', 'war', 4, 2)], ['a', 'b'])
        >>> counted.totals().n["b"]
        Counter({'peace': 1})
        """
        if not self.groups:
            return here
        here.merge(self.exact)
        groups = list(dict.fromkeys([*self.groups, *here.n]))
        self.sums.sum("group", groups)
        return Counted(self.sums.frames[0] if self.sums.frames else empty_frame(), here, groups)


class _Pending:
    """Per-document counts gathered as flat lists, then added to the totals in one vectorised step.

    Adding thousands of small dictionaries one item at a time is the slow part
    of a warm count; ``pandas.factorize`` and ``numpy.bincount`` add them all
    at once. A flush every 250,000 entries keeps memory bounded.
    """

    LIMIT = 250_000

    def __init__(self, totals: bulk.Totals) -> None:
        self.totals = totals
        self.terms: dict[str, list[str]] = {}
        self.counts: dict[str, list[int]] = {}
        self.size = 0

    def add(self, group: str, counts: dict[str, int]) -> None:
        self.terms.setdefault(group, []).extend(counts)
        self.counts.setdefault(group, []).extend(counts.values())
        self.size += len(counts)
        if self.size >= self.LIMIT:
            self.flush()

    def flush(self) -> None:
        if not self.size:  # nothing added here (a cold count with workers): numpy and pandas took 0.15-0.2 s to load
            return
        import numpy as np
        import pandas as pd

        for group, terms in self.terms.items():
            codes, uniques = pd.factorize(np.array(terms, dtype=object))
            n = np.bincount(codes, weights=np.array(self.counts[group], dtype=np.float64))
            docs = np.bincount(codes)  # a document lists a term once
            self.totals.n.setdefault(group, Counter()).update(
                dict(zip(uniques, n.astype(np.int64).tolist(), strict=True))
            )
            self.totals.docs.setdefault(group, Counter()).update(dict(zip(uniques, docs.tolist(), strict=True)))
        self.terms, self.counts, self.size = {}, {}, 0
