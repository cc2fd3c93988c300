"""What a corpus covers: documents per outlet (or any field) and per month or year, with nothing dropped.

Scraped pages carry ``site``, ``date`` (``"2024-03-05"``), ``month``
(``"2024-03"``) and ``year``; other documents of the same folder have none.
Documents without a value are counted in a bucket of their own (``"(no
site)"``) or counted and said (no date), never left out silently. Periods run
from the first to the last dated document with the empty ones kept: a month
with no documents is information, not a missing row.
"""

from __future__ import annotations

import re

import pandas as pd

#: Characters of an ISO date (``"2024-03-05"``) that make each period: ``"2024-03"``, ``"2024"``.
PERIODS = {"month": 7, "year": 4}

#: Spans of more months than this are followed by year, shorter ones by month.
MONTHS_BY_MONTH = 36

#: What a value of a field is called in prose: a page's ``site`` is its outlet.
NOUNS = {"site": "outlet"}

_SHAPES = {"month": re.compile(r"\d{4}-\d{2}"), "year": re.compile(r"\d{4}")}
_FREQ = {"month": "M", "year": "Y"}


def no_value(by: str) -> str:
    """Return the label of documents with no value of ``by``.

    Examples
    --------
    >>> no_value("site")
    '(no site)'
    """
    return f"(no {by})"


def _blank(values: pd.Series) -> pd.Series:
    """Mark missing values: None, NaN, or only spaces (CSV cells load as ``""``)."""
    return values.isna() | values.astype(str).str.strip().eq("")


def count_documents(corpus: pd.DataFrame, *, by: str = "site") -> pd.DataFrame:
    """Count the documents of each value of ``by``; documents without one are counted as ``"(no <by>)"``.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus table.
    by : str, default="site"
        The field, such as ``"site"`` (the outlet of a scraped page). A
        corpus without it is a corpus whose documents all have none.

    Returns
    -------
    pandas.DataFrame
        ``<by>, docs, share``: most documents first, ties by name, and the
        ``"(no <by>)"`` row last whatever its size (it is not one group but
        what no group holds). ``share`` is the proportion of all documents.
        ``attrs``: ``by``, ``values`` (distinct values), ``missing``
        (documents with none) and ``documents``.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": list("abcd"), "text": list("wxyz"),
    ...     "site": ["Le Monde", "$5 Daily", None, "Le Monde"]})
    >>> count_documents(corpus)
            site  docs  share
    0   Le Monde     2   0.50
    1   $5 Daily     1   0.25
    2  (no site)     1   0.25
    """
    values = corpus[by] if by in corpus.columns else pd.Series([None] * len(corpus), index=corpus.index, dtype=object)
    missing = _blank(values)
    named = values[~missing].astype(str).str.strip().value_counts().rename_axis(by).reset_index(name="docs")
    named = named.sort_values(["docs", by], ascending=[False, True], kind="stable")
    rows = [named]
    if missing.any():
        rows.append(pd.DataFrame({by: [no_value(by)], "docs": [int(missing.sum())]}))
    table = pd.concat(rows, ignore_index=True)
    table["docs"] = table["docs"].astype(int)
    table["share"] = table["docs"] / max(len(corpus), 1)
    table.attrs.update(kind="documents", by=by, values=len(named), missing=int(missing.sum()), documents=len(corpus))
    return table


def describe_documents(table: pd.DataFrame) -> str:
    """Say how many values a :func:`count_documents` table found and how many documents have none.

    Examples
    --------
    >>> corpus = pd.DataFrame({"site": ["Le Monde", "$5 Daily", None, "Le Monde"]})
    >>> describe_documents(count_documents(corpus))
    '4 documents: 3 from 2 outlets (site), 1 with no site (counted as "(no site)").'
    >>> describe_documents(count_documents(corpus.drop(columns="site")))
    'No document has a site (of 4 documents; web pages name theirs).'
    """
    by, values, missing, documents = (table.attrs[k] for k in ("by", "values", "missing", "documents"))
    if not values:
        extra = "; web pages name theirs" if by == "site" else ""
        return f"No document has a {by} (of {_documents(documents)}{extra})."
    noun = NOUNS.get(by, f"value{'' if values == 1 else 's'} of {by}")
    noun = noun if by not in NOUNS else f"{noun}{'' if values == 1 else 's'} ({by})"
    named = f"{documents - missing:,} from {values:,} {noun}"
    if missing:
        return f'{_documents(documents)}: {named}, {missing:,} with no {by} (counted as "{no_value(by)}").'
    return f"{_documents(documents)}: {named}; every document has one."


def period_values(corpus: pd.DataFrame, by: str = "month") -> pd.Series:
    """Return each document's month (``"2024-03"``) or year (``"2024"``), or None when it has no date.

    The ``by`` field is read when the corpus has it, else the start of
    ``date`` (or of ``month``, for years). A value not shaped like a period
    (``"1990s"``, ``"March"``) counts as no date.

    Examples
    --------
    >>> corpus = pd.DataFrame({"date": ["2024-03-05", "", None, "soon"]})
    >>> period_values(corpus, "month").tolist()
    ['2024-03', None, None, None]
    >>> period_values(corpus, "year").tolist()
    ['2024', None, None, None]
    """
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}; got {by!r}")
    sources = [by, "date"] + (["month"] if by == "year" else [])
    values = pd.Series([None] * len(corpus), index=corpus.index, dtype=object)
    for source in sources:
        if source in corpus.columns:
            raw = corpus[source].where(~_blank(corpus[source]))
            cut = raw.astype(str).str.strip().str[: PERIODS[by]]
            shaped = raw.notna() & cut.str.fullmatch(_SHAPES[by].pattern)
            values = values.where(values.notna(), cut.where(shaped, None))
    return values.astype(object).where(values.notna(), None)


def period_range(first: str, last: str, by: str = "month") -> list[str]:
    """Return every period from ``first`` to ``last``, both included.

    Examples
    --------
    >>> period_range("2023-11", "2024-02")
    ['2023-11', '2023-12', '2024-01', '2024-02']
    >>> period_range("2022", "2024", "year")
    ['2022', '2023', '2024']
    """
    return [str(p) for p in pd.period_range(first, last, freq=_FREQ[by])]


def count_periods(corpus: pd.DataFrame, *, by: str = "month") -> pd.DataFrame:
    """Count the documents of each month (or year), every period from the first to the last kept, empty ones as 0.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus table with ``month``, ``year`` or ``date`` values.
    by : {"month", "year"}, default="month"
        The period (see :func:`period_values` for where it is read).

    Returns
    -------
    pandas.DataFrame
        ``<by>, docs`` in time order. ``attrs``: ``by``, ``undated``
        (documents with no date, not in the rows), ``dated``, ``empty``
        (periods with no document).

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": list("abcd"), "text": list("wxyz"),
    ...     "date": ["2024-01-09", "2024-03-05", "2024-03-20", None]})
    >>> months = count_periods(corpus)
    >>> months
         month  docs
    0  2024-01     1
    1  2024-02     0
    2  2024-03     2
    >>> months.attrs["undated"], months.attrs["empty"]
    (1, 1)
    """
    values = period_values(corpus, by).dropna()
    every = period_range(values.min(), values.max(), by) if len(values) else []
    table = values.value_counts().reindex(every, fill_value=0).rename_axis(by).reset_index(name="docs")
    table["docs"] = table["docs"].astype(int)
    empty = int((table["docs"] == 0).sum())
    table.attrs.update(kind="periods", by=by, dated=len(values), undated=len(corpus) - len(values), empty=empty)
    return table


def _documents(n: int) -> str:
    return f"{n:,} document" + ("" if n == 1 else "s")


def describe_periods(table: pd.DataFrame) -> str:
    """Say what a :func:`count_periods` table covers, how many periods are empty and how many documents have no date.

    Examples
    --------
    >>> corpus = pd.DataFrame({"date": ["2024-01-09", "2024-03-05", None]})
    >>> print(describe_periods(count_periods(corpus)))  # doctest: +NORMALIZE_WHITESPACE
    2 documents are dated from 2024-01 to 2024-03 (3 months, 1 of them with no document: drawn as 0);
    1 document has no date and is not counted here.
    >>> describe_periods(count_periods(pd.DataFrame({"date": [None]})))
    'No document has a month (from a date in the page, or a month field): 1 document has none.'
    """
    by, undated = table.attrs["by"], table.attrs["undated"]
    if table.empty:
        where = "from a date in the page, or a month field" if by == "month" else f"from a date, or a {by} field"
        return f"No document has a {by} ({where}): {_documents(undated)} {'has' if undated == 1 else 'have'} none."
    first, last = table.iloc[0, 0], table.iloc[-1, 0]
    empty = table.attrs["empty"]
    gaps = f", {empty:,} of them with no document: drawn as 0" if empty else ""
    sentence = f"{_documents(table.attrs['dated'])} {'is' if table.attrs['dated'] == 1 else 'are'} dated"
    sentence += f" from {first} to {last} ({len(table):,} {by}{'' if len(table) == 1 else 's'}{gaps})"
    if undated:
        verbs = ("has", "is") if undated == 1 else ("have", "are")
        return f"{sentence}; {_documents(undated)} {verbs[0]} no date and {verbs[1]} not counted here."
    return sentence + "; every document has a date."


def keep_dated(corpus: pd.DataFrame, *, by: str = "month") -> pd.DataFrame:
    """Return the documents that have a month (or year), with that period in the column ``by``.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus table.
    by : {"month", "year"}, default="month"
        The period; read as :func:`period_values` does (from ``date`` when
        the corpus has no ``by`` field).

    Returns
    -------
    pandas.DataFrame
        The dated rows, in their order; ``attrs["left_out"]`` counts the others.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["x", "y"], "date": ["2024-03-05", ""]})
    >>> dated = keep_dated(corpus)
    >>> dated[["doc_id", "month"]], dated.attrs["left_out"]
    (  doc_id    month
    0      a  2024-03, 1)
    """
    values = period_values(corpus, by)
    dated = corpus[values.notna()].assign(**{by: values[values.notna()]})
    dated.attrs.update(corpus.attrs, left_out=int(values.isna().sum()))
    return dated


def choose_period(corpus: pd.DataFrame, by: str = "") -> tuple[str, str] | None:
    """Pick the period a trend follows in a corpus of dated pages: by month, or by year over long spans.

    The rule: when ``by`` is empty (or ``"month"`` or ``"year"``) and the
    corpus has ``month`` or ``date`` values, the dated documents are followed
    by month when they span 2 to :data:`MONTHS_BY_MONTH` months (first to
    last, both counted), by year when they span more (a line of more than
    three years of months is mostly noise). Documents without a date are left
    out. A corpus with no such values, or dated within one month, is left to
    the other rules (``None``).

    Parameters
    ----------
    corpus : pandas.DataFrame
        The corpus.
    by : str, default=""
        The trend's ``by`` parameter: another field (``"site"``) is not a period, so ``None``.

    Returns
    -------
    (str, str) or None
        The period (``"month"`` or ``"year"``) for ``trends(..., by=period,
        complete=True)`` and a sentence saying why and what was left out.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": list("abc"), "text": list("xyz"),
    ...     "date": ["2023-11-02", "2024-02-10", None]})
    >>> period, sentence = choose_period(corpus)
    >>> period
    'month'
    >>> print(sentence)  # doctest: +NORMALIZE_WHITESPACE
    The 2 dated documents span 4 months (2023-11 to 2024-02), so the words are followed by month
    (the rule: by month up to 36 months, by year beyond); months with no document are gaps in the lines.
    1 document without a date is left out.
    >>> choose_period(corpus, "site") is None, choose_period(corpus.drop(columns="date")) is None
    (True, True)
    """
    if by not in ("", *PERIODS) or not {"month", "date"} & set(corpus.columns):
        return None
    months = period_values(corpus, "month").dropna()
    if months.empty:
        return None
    first, last = months.min(), months.max()
    span = len(period_range(first, last, "month"))
    if not by and span < 2:
        return None
    period = by or ("year" if span > MONTHS_BY_MONTH else "month")
    dated = len(period_values(corpus, period).dropna())
    spans = "documents span" if dated != 1 else "document spans"
    sentence = (
        f"The {dated:,} dated {spans} {span:,} month{'s' if span != 1 else ''} "
        f"({first} to {last}), so the words are followed by {period}"
    )
    sentence += (
        f" (the rule: by month up to {MONTHS_BY_MONTH} months, by year beyond)" if not by else " (the parameter by)"
    ) + f"; {period}s with no document are gaps in the lines."
    if period == "year":  # a part of a year is still a rate per million, but of fewer months: say so
        partial = [f"{first[:4]} starts in {first}"] if not first.endswith("-01") else []
        partial += [f"{last[:4]} ends in {last}"] if not last.endswith("-12") else []
        if partial:
            sentence += f" Not whole years: {' and '.join(partial)}."
    undated = len(corpus) - dated
    if undated:
        sentence += f" {_documents(undated)} without a date {'is' if undated == 1 else 'are'} left out."
    return period, sentence
