"""The public count tables: :func:`count_terms`, :class:`TermCounts` and :func:`top_terms`.

Memory holds counts, never the corpus's tokens: each document is tokenised,
counted, added to the running totals and let go. Three engines give the same
counts: the bulk ``regexp`` counting (:mod:`toolkit.counting.bulk`, in worker
processes from :mod:`toolkit.counting.workers`), the token pipeline with its
cache (:mod:`toolkit.counting.local`) and a Dask cluster
(:mod:`toolkit.counting.cluster`).
"""

from __future__ import annotations

import io
import itertools
import re
import sys
from collections import Counter
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

from toolkit.corpus.document import Document
from toolkit.corpus.loading import DocumentStream
from toolkit.counting import bulk, cluster
from toolkit.counting.counted import POLARS_ROWS, Counted
from toolkit.counting.csvlines import ROWS as _CSV_ROWS
from toolkit.counting.csvlines import write_columns
from toolkit.counting.launch import applies
from toolkit.counting.local import count_and_keep
from toolkit.counting.memo import FolderMemo
from toolkit.counting.ranking import Ranked, rank
from toolkit.counting.texts import NGRAM_RANGE, group_key, iter_texts, sort_groups
from toolkit.counting.workers import count_documents
from toolkit.deprecation import warn_deprecated
from toolkit.tokens.options import TokenOptions, counting_options
from toolkit.tokens.pipeline import Pipeline

if TYPE_CHECKING:  # pandas loads on first use: the command line counts and writes CSV without it
    import pandas as pd


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
        Tokenisation settings. Unlike :func:`~toolkit.tokenize`, the
        stopwords of ``language`` are removed unless ``stopwords`` is given
        (``False`` keeps them), the same whether the settings come here or as
        keywords.
    **token_changes
        Single fields of ``options`` changed, e.g. ``tokenizer="regexp"``,
        ``stopwords=False`` (see :class:`~toolkit.TokenOptions`).

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
    return TermCounts.from_corpus(
        corpus, by=by, ngram=ngram, min_count=min_count, jobs=jobs, client=client, options=options, **token_changes
    ).frame()


def _count_in_bulk(
    corpus: Any, stream: Iterable[tuple[str, Any]], settings: bulk.Settings, jobs: int, by: str | None
) -> Counted:
    """Count with :func:`~toolkit.counting.workers.count_documents`; the workers read a folder's small files.

    The parent then only walks the folder and sends each file's path: it
    neither reads, decodes nor sends the texts (a tenth of the time at 50 MB
    of news). Only when the groups need no text (no ``by``, or the category or
    id a path gives) and with workers; the load report is settled from what
    they find (see :mod:`toolkit.corpus.smallfiles`).
    """
    defer = jobs > 1 and by in (None, "category", "doc_id") and isinstance(corpus, DocumentStream)
    if defer:
        corpus.loader.defer_reads = True
    try:
        return count_documents(stream, settings, jobs=jobs)
    finally:
        if defer:
            corpus.loader.defer_reads = False


class TermCounts:
    """Counted terms as plain columns, in the order of :func:`count_terms`'s table, built without pandas.

    Built by :meth:`from_corpus`. ``groups``, ``terms``, ``n``,
    ``per_million`` and ``docs`` are parallel lists; ``total`` is the number
    of terms counted in each group and ``settings`` describes the
    tokenisation. Counts ranked in polars keep their table (``table``:
    ``term, n, per_million, docs``) and make the lists when one is first
    asked for: the command line writes the table without them (1.4 million
    terms make 230 MB of lists).

    Examples
    --------
    >>> import io
    >>> counted = TermCounts.from_corpus([Document("a", "Baku and Moscow."), Document("b", "Moscow talks")])
    >>> counted.terms, counted.n, counted.total
    (['moscow', 'baku', 'talks'], [2, 1, 1], {'(missing)': 4})
    >>> out = io.StringIO()
    >>> counted.write_csv(out, n=2)
    >>> print(out.getvalue(), end="")
    term,n,per_million,docs
    moscow,2,500000.0,2
    baku,1,250000.0,1
    """

    __slots__ = ("_lists", "_ranked", "by", "settings", "table", "total")

    def __init__(
        self,
        by: str | None,
        groups: list[str],
        terms: list[str],
        n: list[int],
        per_million: list[float],
        docs: list[int],
        total: dict[str, int],
        settings: dict[str, str],
    ) -> None:
        self.by, self.total, self.settings = by, total, settings
        self.table: Any = None  # the rows as a polars table (term, n, per_million, docs), when ranked in polars
        self._ranked: Any = None
        self._lists: tuple[list[str], list[str], list[int], list[float], list[int]] | None = (
            groups, terms, n, per_million, docs,
        )  # fmt: skip

    @classmethod
    def _of(cls, by: str | None, ranked: Ranked, settings: dict[str, str]) -> TermCounts:
        counted = cls(by, [], [], [], [], [], ranked.total, settings)
        counted._ranked, counted._lists = ranked, None
        counted.table = ranked.frame.select("term", "n", "per_million", "docs")
        return counted

    def _columns(self) -> tuple[list[str], list[str], list[int], list[float], list[int]]:
        if self._lists is None:
            self._lists = self._ranked.columns()
        return self._lists

    @property
    def rows(self) -> int:
        """Rows of the table (terms of every group), without making the lists of a table ranked in polars.

        Examples
        --------
        >>> TermCounts.from_corpus([Document("a", "Baku and Moscow."), Document("b", "Moscow talks")]).rows
        3
        """
        return self.table.height if self._lists is None else len(self._lists[1])

    @property
    def groups(self) -> list[str]:
        """The group of each row (``"(missing)"`` without ``by``)."""
        return self._columns()[0]

    @property
    def terms(self) -> list[str]:
        """The terms, by group, then ``n`` descending, then term."""
        return self._columns()[1]

    @property
    def n(self) -> list[int]:
        """Occurrences of each term in its group."""
        return self._columns()[2]

    @property
    def per_million(self) -> list[float]:
        """``n`` per million terms of the group."""
        return self._columns()[3]

    @property
    def docs(self) -> list[int]:
        """Documents of the group that contain the term."""
        return self._columns()[4]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TermCounts):
            return NotImplemented
        mine = (self.by, self._columns(), self.total, self.settings)
        return mine == (other.by, other._columns(), other.total, other.settings)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"TermCounts(by={self.by!r}, {len(self.terms)} rows, total={self.total!r})"

    @classmethod
    def from_corpus(
        cls,
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

        The parameters are those of :func:`count_terms`; ``frame()`` gives
        its table.

        Examples
        --------
        >>> TermCounts.from_corpus([Document("a", "War and war.")], tokenizer="regexp").n
        [2]
        """
        if ngram not in NGRAM_RANGE:
            raise ValueError(f"ngram must be 1 to 5, got {ngram}")
        pipeline = Pipeline(counting_options(options, **token_changes))
        quick = applies(pipeline.options, ngram)  # the same counts, in bulk (see toolkit.counting.bulk)
        stream = ((group_key(group), pieces) for _, pieces, group in iter_texts(corpus, by, pieces=True))
        settings = {**pipeline.describe(), "ngram": str(ngram)}
        in_bulk: Counted | None = None
        if client is not None:
            raw = cluster.count_on_cluster(stream, pipeline.options, ngram, client)
        elif quick:
            settings_bulk = bulk.Settings.of(pipeline.options, frozenset(pipeline.stopwords))
            in_bulk = _count_in_bulk(corpus, stream, settings_bulk, jobs, by)
        else:
            memo = FolderMemo.of(corpus, pipeline, by, ngram)
            recalled = memo.recall() if memo is not None else None
            raw, kept = (recalled, "") if recalled is not None else count_and_keep(stream, pipeline, ngram, jobs)
            if memo is not None and recalled is None:
                memo.keep(raw, kept)
        if in_bulk is None and isinstance(raw, Counted):  # workers' batches summed in polars, or a table kept before
            in_bulk = raw
        if in_bulk is None and ("polars" in sys.modules or sum(map(len, raw.n.values())) >= POLARS_ROWS):
            in_bulk = Counted.of(raw)
        if in_bulk is not None:
            # Ranked in polars, the vocabulary once; the pipeline's counts are already normalised (stems: no keep).
            ranked = rank(in_bulk, pipeline if quick else None, min_count)
            if ranked is not None:
                return cls._of(by, ranked, settings)
            raw = in_bulk.totals()  # a term polars cannot hold (a lone surrogate): ranked here
        totals = raw.n
        if quick:  # the bulk engine's counts: stopwords, min_length and punctuation are removed here
            totals = {key: Counter({t: n for t, n in c.items() if pipeline.keeps(t)}) for key, c in raw.n.items()}
        groups: list[str] = []
        terms: list[str] = []
        ns: list[int] = []
        per_million: list[float] = []
        docs: list[int] = []
        total: dict[str, int] = {}
        for key in sort_groups(totals):
            counts, doc_freq = totals[key], raw.docs[key]
            size = total[key] = sum(counts.values())
            if min(counts.values(), default=min_count) < min_count:
                counts = {term: n for term, n in counts.items() if n >= min_count}
            # n descending, then term: the terms sorted, then stably by n (40,000 terms of news: 40 ms, where sorting
            # (term, n) pairs, then by n, took 80); per_million is worked out once for each n.
            kept = sorted(counts)
            kept.sort(key=counts.__getitem__, reverse=True)
            kept_n = list(map(counts.__getitem__, kept))
            share = {n: n / size * 1e6 for n in set(kept_n)}
            groups.extend([key] * len(kept))
            terms.extend(kept)
            ns.extend(kept_n)
            per_million.extend(map(share.__getitem__, kept_n))
            docs.extend(map(doc_freq.__getitem__, kept))
        return cls(by, groups, terms, ns, per_million, docs, total, settings)

    def frame(self) -> pd.DataFrame:
        """Return the table of :func:`count_terms`.

        Examples
        --------
        >>> TermCounts.from_corpus([Document("a", "War and war.")]).frame()
          term  n  per_million  docs
        0  war  2    1000000.0     1
        """
        import pandas as pd

        columns = {"term": self.terms, "n": self.n, "per_million": self.per_million, "docs": self.docs}
        if not self.terms:  # no rows: the columns of an empty table of rows, as before
            table = pd.DataFrame([], columns=[*([self.by] if self.by is not None else []), *columns])
        else:
            table = pd.DataFrame({self.by: self.groups, **columns} if self.by is not None else columns)
        table.attrs["total"] = dict(self.total)
        table.attrs["settings"] = dict(self.settings)
        return table

    def write_csv(self, stream: IO[str] | IO[bytes], n: int = 0, errors: str = "strict") -> None:
        """Write ``top_terms(self.frame(), n, by=self.by)`` as ``tables.write_exact_csv`` would, without pandas.

        The ``n`` most frequent terms of each group (0: all), groups in text
        order; ``tests/counting/test_terms.py`` checks the bytes against pandas
        (a line break in a term or a group, even a bare ``"\\r"``, is quoted).
        ``stream`` is text, or binary: then it gets the same text as UTF-8, and
        polars writes its CSV there without making it a string to encode again
        (the command line writes to standard output's buffer this way: 204,000
        terms took 0.016 s, against 0.032 s as text). ``errors`` says how a
        binary stream gets what UTF-8 cannot encode (a lone surrogate, in a
        group named by an undecodable file name), as in :meth:`str.encode`.

        Examples
        --------
        >>> import io
        >>> counts = TermCounts.from_corpus([Document("a", "Café talks."), Document("b", "Talks")], tokenizer="regexp")
        >>> raw = io.BytesIO()
        >>> counts.write_csv(raw)
        >>> print(raw.getvalue().decode("utf-8"), end="")
        term,n,per_million,docs
        talks,2,666666.6666666666,2
        café,1,333333.3333333333,1
        """
        if isinstance(stream, (io.RawIOBase, io.BufferedIOBase)):
            text = io.TextIOWrapper(stream, "utf-8", errors, newline="", write_through=True)  # type: ignore[arg-type]
            try:
                return self._write_csv(text, n, stream)
            finally:
                text.detach()  # the caller's stream stays open
        return self._write_csv(stream, n, None)  # type: ignore[arg-type]

    def _write_csv(self, stream: IO[str], n: int, raw: IO[bytes] | None) -> None:
        if self.by is None and self.table is not None and max(self.total.values(), default=0) < 10**10:
            table = self.table.head(n) if n else self.table
            # Both writers quote a term with a comma or a quote alike (doubling the quote); polars quotes an empty
            # term, which csv does not: tokens hold none, and the csv module writes any table that does (or has a
            # line break). per_million lies between 1e-4 and 1e6 (with fewer than 1e10 terms), where polars writes
            # a float as repr does: the same bytes.
            if not table["term"].str.contains("^$|[\r\n]").any():
                for start in range(0, max(table.height, 1), _CSV_ROWS):  # a slice at a time: bounded memory
                    piece = table.slice(start, _CSV_ROWS)
                    if raw is None:
                        stream.write(piece.write_csv(include_header=not start))
                        continue
                    try:
                        piece.write_csv(raw, include_header=not start)
                    except OSError as err:
                        raise _python_os_error(err) from None
                return
        header = ["term", "n", "per_million", "docs"]
        columns: list[list[Any]] = [self.terms, self.n, self.per_million, self.docs]
        if self.by is None:
            columns = [column[:n] for column in columns] if n else columns
        else:
            header.insert(0, self.by)
            ranked = sorted(zip(self.groups, *columns, strict=True), key=lambda r: (r[0], -r[2], r[1]))
            if n:
                ranked = [row for _, rows_ in itertools.groupby(ranked, key=lambda r: r[0]) for row in list(rows_)[:n]]
            columns = [list(column) for column in zip(*ranked, strict=True)] if ranked else [[] for _ in header]
        write_columns(stream, header, columns)  # as csv.writer would, in less time


def _python_os_error(err: OSError) -> OSError:
    """Return an error of polars' writing as Python's own: "Broken pipe (os error 32)" as :class:`BrokenPipeError`.

    Polars says what the system said, with its number in the message and no
    ``errno``; the command line ends quietly on a broken pipe (``| head``).

    Examples
    --------
    >>> _python_os_error(OSError("Broken pipe (os error 32)"))
    BrokenPipeError(32, 'Broken pipe')
    >>> _python_os_error(OSError("something else"))
    OSError('something else')
    """
    found = re.fullmatch(r"(.*) \(os error (\d+)\)", str(err)) if err.errno is None else None
    return OSError(int(found.group(2)), found.group(1)) if found else err


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
    """Count terms as plain columns (deprecated: use :meth:`TermCounts.from_corpus`).

    The parameters are those of :func:`count_terms`.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     term_counts([Document("a", "War and war.")], tokenizer="regexp").n
    [2]
    >>> caught[0].category.__name__
    'DeprecationWarning'
    """
    warn_deprecated("term_counts()", "TermCounts.from_corpus()")
    return TermCounts.from_corpus(
        corpus, by=by, ngram=ngram, min_count=min_count, jobs=jobs, client=client, options=options, **token_changes
    )


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
