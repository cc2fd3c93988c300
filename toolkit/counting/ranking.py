"""Rank the bulk engine's counts in polars: remove stopwords and short words, total, sort, once per vocabulary.

:func:`rank` turns the table of :class:`~toolkit.counting.counted.Counted`
into the columns of :class:`~toolkit.counting.terms.TermCounts` as the
Python route does (``Totals``, then a filter and a sort per group), with the
same values in the same order: terms are removed once per distinct term,
groups are ordered by :func:`~toolkit.counting.texts.sort_groups`, terms by
count descending then by term. Polars compares strings by their UTF-8 bytes,
which orders them as Python orders ``str`` (by code point), and divides two
64-bit integers as Python's ``/`` does below 2**53.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from toolkit.counting.counted import Counted, exact_frame, summed
from toolkit.counting.texts import sort_groups

if TYPE_CHECKING:
    from toolkit.tokens.pipeline import Pipeline


class Ranked(NamedTuple):
    """A count table in polars (``group, term, n, per_million, docs``, in order) and the terms counted per group."""

    frame: Any
    total: dict[str, int]

    def columns(self) -> tuple[list[str], list[str], list[int], list[float], list[int]]:
        """Return the table as parallel lists: groups, terms, n, per_million, docs."""
        return tuple(self.frame[name].to_list() for name in ("group", "term", "n", "per_million", "docs"))  # type: ignore[return-value]


def rank(counted: Counted, pipeline: Pipeline | None, min_count: int = 1) -> Ranked | None:
    """Keep the terms ``pipeline.keeps`` accepts, total each group, keep ``n >= min_count`` and sort, in polars.

    Parameters
    ----------
    counted : Counted
        Raw counts of the bulk engine, or counts made in Python (:meth:`Counted.of`).
    pipeline : Pipeline or None
        Whose ``keeps`` says whether a term stays (stopwords, ``min_length``,
        punctuation): judged once per distinct term, in polars for ASCII terms
        (see :func:`dropped_terms`). ``None`` keeps every term (counts the token
        pipeline already normalised).
    min_count : int, default=1
        Keep terms counted at least this often in their group.

    Returns
    -------
    Ranked or None
        ``None`` when a term counted in Python cannot be held by polars (a
        lone surrogate, possible in a data frame): rank ``counted.totals()``
        in Python then.

    Examples
    --------
    >>> from toolkit.counting.bulk import Counting, Settings
    >>> from toolkit.tokens.options import TokenOptions
    >>> from toolkit.tokens.pipeline import Pipeline
    >>> counting = Counting(Settings())
    >>> counting.add([("2024", "War and war."), ("2023", "Peace and talks")])
    >>> ranked = rank(counting.result(), Pipeline(TokenOptions(stopwords=["and"])))
    >>> ranked.frame.select("group", "term", "n").rows()
    [('2023', 'peace', 1), ('2023', 'talks', 1), ('2024', 'war', 2)]
    >>> ranked.total
    {'2023': 2, '2024': 2}
    """
    import polars as pl

    frame = counted.frame
    extra = exact_frame(counted.exact)
    if extra is None:
        return None
    labels = sort_groups(dict.fromkeys([*counted.groups, *counted.exact.n]))
    if extra.height:
        frame = summed([frame, extra], "group", labels)
    # One lazy plan from the counts to the sorted table: the terms kept are not copied out first (at 1.4 million
    # terms that copy was 30-70 MB more at the peak, and 10% more time), and the few dropped are joined away.
    plan = frame.lazy()
    if pipeline is not None:
        terms = frame["term"] if len(labels) == 1 else frame["term"].unique()  # one group: distinct already
        dropped = dropped_terms(terms, pipeline)
        if len(dropped):
            plan = plan.join(dropped.to_frame().lazy(), on="term", how="anti")
    total = dict.fromkeys(labels, 0)
    total.update(plan.group_by("group").agg(pl.col("n").sum()).collect().iter_rows())
    if not frame.height:  # nothing counted: replace_strict cannot type an empty mapping
        return Ranked(frame.select("group", "term", "n", pl.lit(0.0).alias("per_million"), "docs"), total)
    if len(labels) == 1:  # one group: its label and order are not columns while sorting (1.4 million terms: 50 MB less)
        kept = plan.filter(pl.col("n") >= min_count).select("term", "n", "docs")
        ranked = kept.sort(["n", "term"], descending=[True, False]).collect()
        # A column of the total, not a number: polars divides by a number as it multiplies by its inverse, which
        # is not always Python's n / total (11848.341232227489 against ...487).
        totals = pl.Series([total[labels[0]]], dtype=pl.Int64).new_from_index(0, ranked.height)
        per_million = (pl.col("n") / totals * 1e6).alias("per_million")
        ranked = ranked.select(pl.lit(labels[0], dtype=pl.String).alias("group"), "term", "n", per_million, "docs")
        return Ranked(ranked, total)
    order = {label: i for i, label in enumerate(labels)}
    ranked = (
        plan.filter(pl.col("n") >= min_count)
        .with_columns(
            pl.col("group").replace_strict(order, return_dtype=pl.UInt32).alias("order"),
            (pl.col("n") / pl.col("group").replace_strict(total, return_dtype=pl.Int64) * 1e6).alias("per_million"),
        )
        .sort(["order", "n", "term"], descending=[False, True, False])
        .select("group", "term", "n", "per_million", "docs")
        .collect()
    )
    return Ranked(ranked, total)


def dropped_terms(terms: Any, pipeline: Pipeline) -> Any:
    """Return the terms of a polars Series that ``pipeline.keeps`` rejects, ASCII ones judged in polars.

    For an ASCII term, polars computes its length, its lower case and whether
    it holds a word character (``[A-Za-z0-9_]``) as Python does; any other
    term goes through ``pipeline.keeps`` itself. The terms dropped are few
    (the workers drop ASCII stopwords already), so ranking removes them with
    an anti-join: a million kept terms are neither copied nor hashed.

    Examples
    --------
    >>> import polars as pl
    >>> from toolkit.tokens.options import TokenOptions
    >>> from toolkit.tokens.pipeline import Pipeline
    >>> pipeline = Pipeline(TokenOptions(stopwords=["the"], min_length=2))
    >>> dropped_terms(pl.Series(["The", "war", "a", "--", "__", "café", "ça", "é"]), pipeline).to_list()
    ['The', 'a', '--', 'é']
    """
    import polars as pl

    options = pipeline.options
    term = pl.col("term")
    keep = term.str.len_chars() >= options.min_length
    if options.drop_punct:
        keep &= term.str.contains("[A-Za-z0-9_]")
    if pipeline.stopwords:
        stopwords = pl.Series(sorted(pipeline.stopwords), dtype=pl.String).implode()
        keep &= ~term.str.to_lowercase().is_in(stopwords)
    plain = term.str.len_bytes() == term.str.len_chars()
    frame = terms.to_frame("term")
    other = frame.filter(~plain)["term"]
    judged = pl.Series([not pipeline.keeps(word) for word in other.to_list()], dtype=pl.Boolean)
    return pl.concat([frame.filter(plain & ~keep)["term"], other.filter(judged)])
