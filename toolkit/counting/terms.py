"""Count terms and n-grams, streaming one document at a time.

Memory holds counts, never the corpus's tokens: each document is tokenised,
counted, added to the running totals and let go. :func:`document_counts` is the
one place where a document becomes counts, so a cache can sit there.
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import contextlib
import csv
import hashlib
import itertools
import math
import multiprocessing
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from toolkit.corpus.document import Document
from toolkit.corpus.loading import is_frame
from toolkit.counting import bulk as fast
from toolkit.counting import cluster
from toolkit.tokens.options import TokenOptions, default_stopwords, token_options
from toolkit.tokens.pipeline import Pipeline

if TYPE_CHECKING:  # pandas loads on first use: the command line counts and writes CSV without it
    import pandas as pd

NGRAM_RANGE = range(1, 6)
MISSING = "(missing)"


def iter_texts(
    corpus: pd.DataFrame | Iterable[Document], by: str | None = None, *, pieces: bool = False
) -> Iterator[tuple[str, Any, Any]]:
    """Yield ``(doc_id, text, group)`` from a corpus table or a document stream.

    ``by="doc_id"`` groups by document. In a stream, a document without the
    field joins the ``"(missing)"`` group. With ``pieces=True`` the second
    item is an iterable of pieces of the text, so that a large file is never
    held whole (see :meth:`toolkit.corpus.loading.Document.pieces`).

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Hi."], "year": ["2024"]})
    >>> list(iter_texts(corpus, by="year"))
    [('a', 'Hi.', '2024')]
    """
    if is_frame(corpus):
        missing = [c for c in ("doc_id", "text") if c not in corpus.columns]
        if missing:
            raise ValueError(f"expected a corpus table (doc_id, text, ...); got columns {list(corpus.columns)}")
        if by is not None and by not in corpus.columns:
            raise ValueError(f"no field {by!r} to group by; the corpus has {list(corpus.columns)}")
        groups = corpus[by] if by is not None else [None] * len(corpus)
        for doc_id, text, group in zip(corpus["doc_id"], corpus["text"], groups, strict=True):
            yield doc_id, ([text] if pieces else text), group
        return
    for doc in corpus:  # a stream: a document without the field joins the "(missing)" group
        group = doc.doc_id if by == "doc_id" else doc.meta.get(by) if by is not None else None
        yield doc.doc_id, (doc.pieces() if pieces else doc.text), group


def group_key(value: Any) -> str:
    """Return the label of a group value; no value (None, NaN, NA) is ``"(missing)"``.

    Examples
    --------
    >>> group_key(None), group_key(2024)
    ('(missing)', '2024')
    """
    pandas = sys.modules.get("pandas")  # NA exists only once pandas is loaded
    if value is None or (isinstance(value, float) and math.isnan(value)) or (pandas and value is pandas.NA):
        return MISSING
    return str(value)


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


def _cached_counts(text: str, pipeline: Pipeline, ngram: int) -> dict[str, int] | None:
    """Return the counts of ``text`` from the cache, or None."""
    if pipeline.cache is None:
        return None
    return pipeline.cache.get(pipeline.cache.key(f"counts{ngram}", text, pipeline.count_tag))


def _count_with_pipeline(
    documents: Iterable[tuple[str, Iterable[str]]], pipeline: Pipeline, ngram: int, jobs: int
) -> fast.Totals:
    """Count documents through the cache, in ``jobs`` worker processes (a batch of documents per task).

    A worker returns one total per batch, not one ``Counter`` per document, so
    little crosses between processes; the pool starts at the first document
    that is not in the cache, so a warm count starts none. The totals of the
    whole corpus are cached too, under a key made of every document's key and
    group: an unchanged corpus is added up once, whatever the file order.
    """
    cache = pipeline.cache
    totals = fast.Totals()
    pending = _Pending(totals)
    known: list[tuple[str, str]] = []  # (group, counts key) of each document counted from the cache
    every: list[tuple[str, str]] = []  # (group, counts key) of every document
    whole = cache is not None  # False once a document is streamed in pieces (its counts are not cached)

    def large(group: str, pieces: Iterator[str]) -> None:  # streamed through this process
        nonlocal whole
        whole = False
        pending.add(group, stream_counts(pieces, pipeline, ngram))

    with contextlib.ExitStack() as stack:
        pool: cf.ProcessPoolExecutor | None = None
        in_flight: collections.deque[cf.Future[fast.Totals]] = collections.deque()
        for batch in fast.batches(documents, large, size=1 << 18):
            misses, miss_keys = [], []
            for group, text in batch:
                key = cache.key(f"counts{ngram}", text, pipeline.count_tag) if cache is not None else ""
                every.append((group, key))
                if cache is not None and cache.has(key):
                    known.append((group, key))
                else:
                    misses.append((group, [text]))
                    miss_keys.append(key)
            if not misses:
                continue
            if jobs <= 1:
                for (group, (text,)), key in zip(misses, miss_keys, strict=True):
                    counts = document_counts(text, pipeline, ngram)
                    if cache is not None:
                        cache.put(key, counts)
                    pending.add(group, counts)
                continue
            if pool is None:  # forkserver: workers start clean (no inherited cache connection)
                context = multiprocessing.get_context("forkserver")
                pool = stack.enter_context(cf.ProcessPoolExecutor(jobs, mp_context=context))
            in_flight.append(pool.submit(cluster.count_batch, misses, pipeline.options, ngram))
            while len(in_flight) >= 4 * jobs:
                totals.merge(in_flight.popleft().result())
        while in_flight:
            totals.merge(in_flight.popleft().result())
    corpus_key = ""
    if whole and cache is not None:
        digest = hashlib.sha256("\n".join(f"{g}\t{k}" for g, k in sorted(every)).encode("utf-8", "surrogatepass"))
        corpus_key = cache.key(f"corpus{ngram}", digest.hexdigest(), pipeline.count_tag)
        if len(known) == len(every):
            stored = cache.get(corpus_key)
            if stored is not None:
                return _totals_from(stored)
    for group, key in known:
        counts = cache.get(key) if cache is not None else None
        if counts is None:  # cleared while we counted: the text is gone, so say so rather than guess
            raise RuntimeError("the token cache changed during the count; run it again")
        pending.add(group, counts)
    pending.flush()
    if corpus_key and cache is not None:
        cache.put(corpus_key, {g: [totals.n[g], totals.docs[g]] for g in totals.n})
    return totals


def _totals_from(stored: dict[str, list[dict[str, int]]]) -> fast.Totals:
    totals = fast.Totals()
    for group, (n, docs) in stored.items():
        totals.n[group], totals.docs[group] = Counter(n), Counter(docs)
    return totals


class _Pending:
    """Per-document counts gathered as flat lists, then added to the totals in one vectorised step.

    Adding thousands of small dictionaries one item at a time is the slow part
    of a warm count; ``pandas.factorize`` and ``numpy.bincount`` add them all
    at once. A flush every 250,000 entries keeps memory bounded.
    """

    LIMIT = 250_000

    def __init__(self, totals: fast.Totals) -> None:
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


def sort_groups(values: Iterable[str]) -> list[str]:
    """Sort group labels: as numbers when they are numbers (2 before 10), else as text; "(missing)" last.

    Examples
    --------
    >>> sort_groups(["10", "9", "(missing)", "1990s"])
    ['9', '10', '1990s', '(missing)']
    """

    def key(value: str) -> tuple[int, float, str]:
        if value == MISSING:
            return (2, 0.0, value)
        try:
            return (0, float(value), value)
        except ValueError:
            return (1, 0.0, value)

    return sorted(values, key=key)


def count_terms(
    corpus: pd.DataFrame | Iterable[Document],
    *,
    by: str | None = None,
    ngram: int = 1,
    min_count: int = 1,
    jobs: int = 1,
    client: Any = None,
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> pd.DataFrame:
    """Count terms over a corpus, overall or per group.

    Parameters
    ----------
    corpus : pandas.DataFrame or iterable of Document
        A corpus table from :func:`~toolkit.load_corpus`, or a stream from
        :func:`~toolkit.iter_documents` (counted without holding the texts).
    by : str or None, default=None
        A metadata field to count within, e.g. ``"category"``; documents with
        no value are counted in the group ``"(missing)"``.
    ngram : int, default=1
        1 for words, 2 to 5 for n-grams (terms joined by a space).
    min_count : int, default=1
        Keep terms counted at least this often (per group).
    jobs : int, default=1
        Worker processes that tokenise documents in parallel; a few documents
        at a time are in flight, so memory stays bounded. The result does not
        depend on ``jobs``.
    client : distributed.Client or None, default=None
        Count on a Dask cluster instead (see :mod:`toolkit.counting.cluster`); the
        result is the same.
    options : TokenOptions or None, default=None
        Tokenisation; keyword arguments override fields. Unlike
        :func:`~toolkit.tokenize`, stopwords are removed unless
        ``stopwords=False`` is given.

    Returns
    -------
    pandas.DataFrame
        ``[by,] term, n, per_million, docs``. ``per_million`` is ``n`` per
        million counted terms of the group (all terms, before ``min_count``);
        ``docs`` is the number of documents that contain the term. Sorted by
        group, then ``n`` descending, then term, whatever the order of the
        input. ``attrs`` holds ``total`` (terms per group) and ``settings``.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Baku and Moscow.", "Moscow talks"]})
    >>> count_terms(corpus)
         term  n  per_million  docs
    0  moscow  2     500000.0     2
    1    baku  1     250000.0     1
    2   talks  1     250000.0     1
    """
    return term_counts(
        corpus, by=by, ngram=ngram, min_count=min_count, jobs=jobs, client=client, options=options, **token_changes
    ).frame()


@dataclass(frozen=True)
class TermCounts:
    """Counted terms as plain columns, in the order of :func:`count_terms`'s table, built without pandas.

    ``groups``, ``terms``, ``n``, ``per_million`` and ``docs`` are parallel
    lists; ``total`` is the number of terms counted in each group and
    ``settings`` describes the tokenisation.

    Examples
    --------
    >>> import io
    >>> counted = term_counts([Document("a", "Baku and Moscow."), Document("b", "Moscow talks")])
    >>> counted.terms, counted.n, counted.total
    (['moscow', 'baku', 'talks'], [2, 1, 1], {'(missing)': 4})
    >>> out = io.StringIO()
    >>> counted.write_csv(out, n=2)
    >>> print(out.getvalue(), end="")
    term,n,per_million,docs
    moscow,2,500000.0,2
    baku,1,250000.0,1
    """

    by: str | None
    groups: list[str]
    terms: list[str]
    n: list[int]
    per_million: list[float]
    docs: list[int]
    total: dict[str, int]
    settings: dict[str, str]

    def frame(self) -> pd.DataFrame:
        """Return the table of :func:`count_terms`."""
        import pandas as pd

        columns = {"term": self.terms, "n": self.n, "per_million": self.per_million, "docs": self.docs}
        if not self.terms:  # no rows: the columns of an empty table of rows, as before
            table = pd.DataFrame([], columns=[*([self.by] if self.by is not None else []), *columns])
        else:
            table = pd.DataFrame({self.by: self.groups, **columns} if self.by is not None else columns)
        table.attrs["total"] = dict(self.total)
        table.attrs["settings"] = dict(self.settings)
        return table

    def write_csv(self, stream: IO[str], n: int = 0) -> None:
        """Write ``top_terms(self.frame(), n, by=self.by)`` as ``to_csv(index=False)`` would, without pandas.

        The ``n`` most frequent terms of each group (0: all), groups in text
        order; ``tests/test_counting.py`` checks the bytes against pandas.
        """
        rows: Iterable[tuple[Any, ...]]
        header = ["term", "n", "per_million", "docs"]
        columns = (self.terms, self.n, self.per_million, self.docs)
        if self.by is None:
            rows = zip(*columns, strict=True)
            rows = itertools.islice(rows, n) if n else rows
        else:
            header.insert(0, self.by)
            ranked = sorted(zip(self.groups, *columns, strict=True), key=lambda r: (r[0], -r[2], r[1]))
            if n:
                ranked = [row for _, rows_ in itertools.groupby(ranked, key=lambda r: r[0]) for row in list(rows_)[:n]]
            rows = ranked
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def term_counts(
    corpus: pd.DataFrame | Iterable[Document],
    *,
    by: str | None = None,
    ngram: int = 1,
    min_count: int = 1,
    jobs: int = 1,
    client: Any = None,
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> TermCounts:
    """Count terms as :func:`count_terms` does, and return plain columns (no pandas needed).

    The parameters are those of :func:`count_terms`.

    Examples
    --------
    >>> term_counts([Document("a", "War and war.")], tokenizer="regexp").n
    [2]
    """
    if ngram not in NGRAM_RANGE:
        raise ValueError(f"ngram must be 1 to 5, got {ngram}")
    pipeline = Pipeline(token_options(options, **default_stopwords(options, token_changes)))
    quick = fast.applies(pipeline.options, ngram)  # the same counts, in bulk (see toolkit.counting.bulk)
    stream = ((group_key(group), pieces) for _, pieces, group in iter_texts(corpus, by, pieces=True))
    if client is not None:
        raw = cluster.count_on_cluster(stream, pipeline.options, ngram, client)
    elif quick:
        raw = fast.count_documents(stream, fast.Settings.of(pipeline.options), jobs=jobs)
    else:
        raw = _count_with_pipeline(stream, pipeline, ngram, jobs)
    totals = {key: fast.finish(counts, pipeline.keeps) for key, counts in raw.n.items()} if quick else raw.n
    counted = TermCounts(by, [], [], [], [], [], {}, {**pipeline.describe(), "ngram": str(ngram)})
    for key in sort_groups(totals):
        counts, doc_freq = totals[key], raw.docs[key]
        total = counted.total[key] = sum(counts.values())
        ranked = sorted((-n, term) for term, n in counts.items() if n >= min_count)  # n descending, then term
        counted.groups.extend([key] * len(ranked))
        for negative, term in ranked:
            counted.terms.append(term)
            counted.n.append(-negative)
            counted.per_million.append(-negative / total * 1e6)
            counted.docs.append(doc_freq[term])
    return counted


def top_terms(counts: pd.DataFrame, n: int = 20, *, by: str | None = None) -> pd.DataFrame:
    """Return the ``n`` most frequent terms, overall or within each group.

    Parameters
    ----------
    counts : pandas.DataFrame
        A counts table (``term``, ``n`` and the grouping column).
    n : int, default=20
        Terms to keep, per group when ``by`` is given; 0 keeps all.
    by : str or None, default=None
        Column to rank within, e.g. ``"category"``; ``None`` ranks the whole
        table, summing ``n`` over groups when a term appears in several.

    Returns
    -------
    pandas.DataFrame
        ``[by,] term, n, rank`` (plus the other columns when no summing was
        needed); ties share a rank and are ordered by term.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"term": ["cat", "dog", "cat"], "n": [3, 1, 2]})
    >>> top_terms(counts, n=1)
      term  n  rank
    0  cat  5     1
    """
    keys = [by, "term"] if by else ["term"]
    if counts.duplicated(keys).any():
        counts = counts.groupby(keys, as_index=False, sort=False)["n"].sum()
    ordered = counts.sort_values(
        [*(keys[:-1]), "n", "term"], ascending=[True] * (len(keys) - 1) + [False, True], kind="stable"
    )
    if by:
        ordered = ordered.assign(rank=ordered.groupby(by)["n"].rank(method="min", ascending=False).astype(int))
    else:
        ordered = ordered.assign(rank=ordered["n"].rank(method="min", ascending=False).astype(int))
    if n:
        ordered = ordered.groupby(by, sort=False).head(n) if by else ordered.head(n)
    return ordered.reset_index(drop=True)
