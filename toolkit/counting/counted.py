"""The raw counts of the bulk engine: one polars table of every group's terms, and what Python counted.

:class:`Counted` is what the counting processes made, once their tables are
summed (:mod:`toolkit.counting.workers`), what :meth:`Counted.merge` adds up in
one grouping of all their rows, and what :func:`~toolkit.counting.ranking.rank`
turns into a count table. Counts made in Python (the token pipeline's, a
cluster's) are wrapped by :meth:`Counted.of` and ranked the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from toolkit.counting.bulk import Totals

#: Counts from the token pipeline or a cluster are ranked in polars from this many rows, or when polars is
#: imported already; fewer are ranked in Python as fast as polars is imported (0.2 s), with the same result.
POLARS_ROWS = 100_000


def empty_frame() -> Any:
    """Return a polars table of counts with no rows: ``group``, ``term``, ``n``, ``docs``.

    Examples
    --------
    >>> empty_frame().columns
    ['group', 'term', 'n', 'docs']
    """
    import polars as pl

    return pl.DataFrame(schema={"group": pl.String, "term": pl.String, "n": pl.Int64, "docs": pl.Int64})


def summed(frames: list[Any], key: str, values: Sequence[Any], engine: str = "auto") -> Any:
    """Add up polars tables of ``key``, ``term``, ``n``, ``docs`` per key and term, ``values`` being the keys held.

    When ``key`` has one value (a count without ``by``), the tables are
    grouped by the term alone, which does not encode two keys into a row
    first (two halves of 1.4 million terms: 78 MB over the tables at the
    peak, against 150 MB). The tables are concatenated lazily: an eager
    concat copies every row first (at 50 MB of news a worker's compaction
    took 4x the time and 2.4x the memory).

    Examples
    --------
    >>> import polars as pl
    >>> frame = pl.DataFrame({"g": ["a", "a"], "term": ["war", "peace"], "n": [2, 1], "docs": [1, 1]})
    >>> summed([frame, frame], "g", ["a"]).sort("term").rows()
    [('a', 'peace', 2, 2), ('a', 'war', 4, 2)]
    >>> both = summed([frame, frame], "g", ["a", "b"])  # grouped by both keys
    >>> both.sort("term").rows() == summed([frame, frame], "g", ["a"]).sort("term").rows()
    True
    """
    import polars as pl

    plan = pl.concat([frame.lazy() for frame in frames])
    sums = (pl.col("n").sum(), pl.col("docs").sum())
    if len(values) != 1:
        return plan.group_by(key, "term").agg(*sums).collect(engine=engine)
    dtype = frames[0].collect_schema()[key]
    one = plan.group_by("term").agg(*sums).select(pl.lit(values[0], dtype=dtype).alias(key), pl.all())
    return one.collect(engine=engine)


class Sums:
    """Polars tables of counts, summed into one when their rows have doubled since the last sum.

    Summing costs the rows kept so far: summing when they have doubled (and
    number more than ``floor``) costs each row a bounded number of times,
    however large the vocabulary, where a fixed threshold summed it all again
    after every batch. A worker's :class:`~toolkit.counting.bulk.Counting` and
    the command's :class:`~toolkit.counting.local.Gathered` keep their counts
    this way.

    Examples
    --------
    >>> import polars as pl
    >>> sums = Sums(floor=2)
    >>> frame = pl.DataFrame({"g": ["a", "a"], "term": ["war", "peace"], "n": [2, 1], "docs": [1, 1]})
    >>> sums.add(frame), sums.add(frame)  # 4 rows: more than 2 and than twice 0
    (False, True)
    >>> sums.sum("g", ["a"])
    >>> sums.rows, sums.summed_rows, sums.add(frame)  # due again above 4 rows (twice the last sum)
    (2, 2, False)
    """

    def __init__(self, floor: int) -> None:
        self.floor = floor
        self.frames: list[Any] = []  # tables of key, term, n, docs
        self.rows = 0
        self.summed_rows = 0  # rows after the last sum

    def add(self, frame: Any) -> bool:
        """Keep ``frame`` (unless empty); return whether the tables are due to be summed."""
        if frame.height:
            self.frames.append(frame)
            self.rows += frame.height
        return self.rows > max(self.floor, 2 * self.summed_rows)

    def sum(self, key: str, values: Sequence[Any]) -> None:
        """Sum the tables into one (see :func:`summed`)."""
        if len(self.frames) > 1:
            self.frames = [summed(self.frames, key, values)]
        self.rows = self.summed_rows = sum(frame.height for frame in self.frames)

    def clear(self) -> None:
        """Forget every table."""
        self.frames, self.rows, self.summed_rows = [], 0, 0


@dataclass
class Counted:
    """Raw counts of the bulk engine: a polars table, the counts of texts tokenised in Python, the groups seen.

    ``frame`` holds one row per group and term (``group``, ``term``, ``n``,
    ``docs``), before stopwords and ``min_length`` are removed; ``exact``
    the texts that :func:`text_terms` tokenised in Python (see
    :class:`Counting`); ``groups`` every group seen, with or without terms.

    Examples
    --------
    >>> from toolkit.counting.bulk import Counting, Settings
    >>> counting = Counting(Settings())
    >>> counting.add([("a", "War and war.")])
    >>> counted = Counted.merge([counting.result(), counting.result()])
    >>> counted.frame.sort("term").rows()
    [('a', 'and', 2, 2), ('a', 'war', 4, 2)]
    """

    frame: Any
    exact: Totals
    groups: list[str]

    @classmethod
    def of(cls, totals: Totals) -> Counted:
        """Wrap counts made in Python (the token pipeline's, a cluster's), to be ranked as the bulk engine's are.

        Examples
        --------
        >>> from toolkit.counting.bulk import Settings
        >>> totals = Totals()
        >>> totals.add("a", ["War and war."], Settings())
        >>> Counted.of(totals).groups, Counted.of(totals).frame.height
        (['a'], 0)
        """
        return cls(empty_frame(), totals, list(totals.n))

    @classmethod
    def merge(cls, parts: Iterable[Counted]) -> Counted:
        """Add up the counts of several workers, in one grouping of all their rows (the vocabulary once).

        Examples
        --------
        >>> Counted.merge([]).frame.height, Counted.merge([]).groups
        (0, [])
        """
        parts = list(parts)
        exact = Totals()
        for part in parts:
            exact.merge(part.exact)
        groups = list(dict.fromkeys(group for part in parts for group in part.groups))
        frames = [part.frame for part in parts if part.frame.height]
        if len(frames) <= 1:
            return cls(frames[0] if frames else empty_frame(), exact, groups)
        return cls(summed(frames, "group", groups), exact, groups)

    def to_bytes(self) -> bytes | None:
        """Return every count as one compressed Arrow table, with the groups; ``None`` for a term polars cannot hold.

        What the token cache keeps for a whole corpus: :meth:`from_bytes` reads
        it back in milliseconds, where JSON took a quarter of a second for
        200,000 terms.

        Examples
        --------
        >>> totals = Totals()
        >>> totals.n["a"], totals.docs["a"] = Counter({"war": 2}), Counter({"war": 1})
        >>> totals.n["b"], totals.docs["b"] = Counter(), Counter()
        >>> again = Counted.from_bytes(Counted.of(totals).to_bytes())
        >>> again.frame.rows(), again.groups
        ([('a', 'war', 2, 1)], ['a', 'b'])
        """
        import io
        import json

        import polars as pl

        extra = exact_frame(self.exact)
        if extra is None:
            return None
        frame = pl.concat([self.frame, extra]) if extra.height else self.frame
        if extra.height and self.frame.height:
            frame = frame.group_by("group", "term").agg(pl.col("n").sum(), pl.col("docs").sum())
        header = json.dumps(self.groups).encode("utf-8")
        table = io.BytesIO()
        frame.write_ipc(table, compression="zstd")
        return len(header).to_bytes(8, "little") + header + table.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes) -> Counted:
        """Read counts written by :meth:`to_bytes` (see there)."""
        import json

        import polars as pl

        size = int.from_bytes(blob[:8], "little")
        groups = json.loads(blob[8 : 8 + size].decode("utf-8"))
        return cls(pl.read_ipc(blob[8 + size :]), Totals(), groups)

    def totals(self) -> Totals:
        """Return the counts as :class:`Totals` (dictionaries), with those counted in Python.

        Examples
        --------
        >>> from toolkit.counting.bulk import Counting, Settings
        >>> counting = Counting(Settings())
        >>> counting.add([("a", "War and war.")])
        >>> counting.result().totals().n
        {'a': Counter({'war': 2, 'and': 1})}
        """
        totals = Totals()
        for group in self.groups:
            totals.n[group], totals.docs[group] = Counter(), Counter()
        for (group,), part in self.frame.partition_by("group", as_dict=True).items():
            terms = part["term"].to_list()
            totals.n[group] = Counter(dict(zip(terms, part["n"].to_list(), strict=True)))
            totals.docs[group] = Counter(dict(zip(terms, part["docs"].to_list(), strict=True)))
        totals.merge(self.exact)
        return totals


def exact_frame(exact: Totals) -> Any:
    """Return counts made in Python as a polars table, or ``None`` when a term is not UTF-8 (a lone surrogate).

    Examples
    --------
    >>> totals = Totals()
    >>> totals.n["a"], totals.docs["a"] = Counter({"war": 2}), Counter({"war": 1})
    >>> exact_frame(totals).rows()
    [('a', 'war', 2, 1)]
    """
    import polars as pl

    groups: list[str] = []
    terms: list[str] = []
    n: list[int] = []
    docs: list[int] = []
    for group, counts in exact.n.items():
        doc_counts = exact.docs[group]
        groups += [group] * len(counts)
        terms += counts
        n += counts.values()
        docs += [doc_counts[term] for term in counts]
    try:
        "".join([*exact.n, *terms]).encode("utf-8")
    except UnicodeEncodeError:
        return None
    schema = {"group": pl.String, "term": pl.String, "n": pl.Int64, "docs": pl.Int64}
    return pl.DataFrame({"group": groups, "term": terms, "n": n, "docs": docs}, schema=schema)
