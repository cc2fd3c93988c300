"""Figures of what a corpus covers and how words move: documents per outlet, per period, and trends.

Each ``plot_*`` takes a result table and ``ax=None`` and returns the Axes it
drew on; every text from the corpus (outlet names, terms, labels) is drawn as
typed (see :mod:`toolkit.views.literal`). :mod:`toolkit.views.plots` draws the
other figures with the two helpers defined here.
"""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from toolkit.views.literal import literal_text

#: Characters of a label drawn beside a bar; longer names are cut with "…" (the table has them whole).
LABEL_CHARS = 40

#: Most tick labels on a time axis; with more periods every k-th is labelled.
TIME_LABELS = 50

_MISSING = re.compile(r"\(no .+\)")
_PERIOD = re.compile(r"\d{4}(-\d{2})?")


def new_axes(ax: Axes | None, size: tuple[float, float] = (7, 5)) -> Axes:
    """Return ``ax``, or the Axes of a new figure of ``size`` inches when it is None.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> given = Figure().subplots()
    >>> new_axes(given) is given
    True
    """
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def need_columns(table: pd.DataFrame, columns: list[str], what: str) -> None:
    """Raise a ValueError naming the columns expected and those given, unless ``table`` has ``columns``.

    Examples
    --------
    >>> need_columns(pd.DataFrame({"n": [1]}), ["term", "n"], "a counts table")
    Traceback (most recent call last):
    ...
    ValueError: expected a counts table (term, n); got columns ['n']
    """
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"expected {what} ({', '.join(columns)}); got columns {list(table.columns)}")


def short_label(text: str, chars: int = LABEL_CHARS) -> str:
    """Return ``text`` cut to ``chars`` characters with "…" when longer.

    Examples
    --------
    >>> short_label("The Northern Courier and Evening Gazette", 20)
    'The Northern Courie…'
    """
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def plot_documents(table: pd.DataFrame, n: int = 30, *, ax: Axes | None = None) -> Axes:
    """Draw horizontal bars of documents per value (outlet), largest first, with their counts.

    Parameters
    ----------
    table : pandas.DataFrame
        A :func:`~toolkit.analysis.timeline.count_documents` table (the
        field first, then ``docs``).
    n : int, default=30
        Values drawn: the ``n`` largest, and the ``"(no <field>)"`` bar
        (grey) whatever its size; the title says how many are not drawn.
    ax : matplotlib Axes or None
        Where to draw; ``None`` makes a new figure.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> table = pd.DataFrame({"site": ["Le Monde", "$5 Daily", "(no site)"], "docs": [5, 2, 1]})
    >>> ax = plot_documents(table, 1, ax=Figure().subplots())
    >>> [label.get_text() for label in ax.get_yticklabels()], ax.get_title()
    (['Le Monde', '(no site)'], 'Documents per site: the 1 largest of 2 values drawn (all in the table)')
    """
    by = table.columns[0]
    need_columns(table, [by, "docs"], "a table of documents per value")
    missing = table[by].astype(str).str.fullmatch(_MISSING.pattern)
    named, bucket = table[~missing], table[missing]
    shown = pd.concat([named.head(n) if n else named, bucket])
    ax = new_axes(ax, (8, 0.3 * len(shown) + 1.5))
    colours = ["0.6" if gone else "#4c72b0" for gone in missing[shown.index]]
    y = np.arange(len(shown))
    ax.barh(y, shown["docs"].to_numpy(dtype=float), color=colours)
    for row, docs in zip(y, shown["docs"], strict=True):
        ax.annotate(f"{docs:,}", (docs, row), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(y, [short_label(str(v)) for v in shown[by]])
    ax.set_ylim(len(shown) - 0.5, -0.5)  # the largest at the top
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(x=0.1)
    title = f"Documents per {by}"
    if n and len(named) > n:
        title += f": the {n} largest of {len(named):,} values drawn (all in the table)"
    ax.set(xlabel="documents", ylabel="", title=title)
    return literal_text(ax)


def _time_ticks(ax: Axes, x: np.ndarray, labels: list[str]) -> None:
    """Label a time axis of positions: at most :data:`TIME_LABELS` labels, slanted when many."""
    step = max(1, int(np.ceil(len(labels) / TIME_LABELS)))
    slanted = len(labels) > 6
    ax.set_xticks(x[::step], labels[::step], rotation=60 if slanted else 0, ha="right" if slanted else "center")


def plot_periods(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Draw documents per month (or year) as bars over time; a period with no document is a visible 0.

    Parameters
    ----------
    table : pandas.DataFrame
        A :func:`~toolkit.analysis.timeline.count_periods` table (the
        period first, every period in order, then ``docs``).
    ax : matplotlib Axes or None
        Where to draw; ``None`` makes a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        One bar per period; empty periods are marked with a grey "0" at the
        foot of their place.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> table = pd.DataFrame({"month": ["2024-01", "2024-02", "2024-03"], "docs": [4, 0, 2]})
    >>> ax = plot_periods(table, ax=Figure().subplots())
    >>> [int(bar.get_height()) for bar in ax.patches], [t.get_text() for t in ax.texts]
    ([4, 0, 2], ['0'])
    """
    by = table.columns[0]
    need_columns(table, [by, "docs"], "a table of documents per period")
    ax = new_axes(ax, (min(16.0, max(7.0, 0.25 * len(table))), 4))
    x = np.arange(len(table), dtype=float)
    docs = table["docs"].to_numpy(dtype=float)
    ax.bar(x, docs, width=0.8, color="#4c72b0")
    for place in x[docs == 0]:
        ax.annotate("0", (place, 0), xytext=(0, 2), textcoords="offset points", ha="center", color="0.5", fontsize=8)
    _time_ticks(ax, x, [str(v) for v in table[by]])
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(-0.6, len(table) - 0.4)
    dated = int(docs.sum())
    ax.set(xlabel=by, ylabel="documents", title=f"Documents per {by} ({dated:,} dated)")
    return literal_text(ax)


def plot_trends(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Draw lines of per-million frequency by group for each term, with their intervals.

    Parameters
    ----------
    table : pandas.DataFrame
        A :func:`~toolkit.trends` table (the group column first, ``term``,
        ``per_million``, ``low``, ``high``).
    ax : matplotlib Axes or None
        Where to draw; ``None`` makes a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        A line and a band per term over years (a numeric axis, so gaps show),
        months (in order, one place each: a month with no document, NaN in a
        ``complete=True`` table, is a gap in the line on a grey band saying
        "no documents") or parts; over
        categories, which have no order, a point and an error bar per term and
        group, not joined.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> table = pd.DataFrame({"year": [1990, 2000], "term": ["war", "war"], "per_million": [50.0, 80.0],
    ...     "low": [40.0, 70.0], "high": [60.0, 90.0]})
    >>> len(plot_trends(table, ax=Figure().subplots()).lines)
    1
    >>> months = pd.DataFrame({"month": ["2024-01", "2024-02", "2024-03"], "term": "war",
    ...     "per_million": [50.0, np.nan, 80.0], "low": np.nan, "high": np.nan})
    >>> plot_trends(months, ax=Figure().subplots()).lines[0].get_ydata()
    array([50., nan, 80.])
    """
    need_columns(table, ["term", "per_million", "low", "high"], "a trends table")
    by = table.columns[0]
    groups = list(dict.fromkeys(table[by]))
    ax = new_axes(ax, (min(16.0, max(8.0, 0.3 * len(groups))), 4.5))  # room for every group's label
    numbers = pd.to_numeric(pd.Series(groups, dtype=object), errors="coerce")
    periods = by == "part" or all(_PERIOD.fullmatch(str(g)) for g in groups)  # in order, one after another
    if by != "part" and len(groups) > 1 and numbers.notna().all():  # years: a real axis, so gaps show
        x, labels = numbers.to_numpy(dtype=float), None
    else:
        x, labels = np.arange(len(groups), dtype=float), [str(g) for g in groups]
    ordered = labels is None or periods  # parts and months follow each other; categories do not
    terms = list(dict.fromkeys(table["term"]))
    for k, term in enumerate(terms):
        sub = table[table["term"] == term].set_index(by).reindex(groups)
        y = sub["per_million"].to_numpy(dtype=float)
        low, high = sub["low"].to_numpy(dtype=float), sub["high"].to_numpy(dtype=float)
        if ordered:
            ax.plot(x, y, marker="o", markersize=3 if len(groups) > 30 else 5, label=term)
            ax.fill_between(x, low, high, alpha=0.2)
        else:  # unordered groups: a point and its interval each, side by side, never joined by a line
            shift = (k - (len(terms) - 1) / 2) * min(0.8 / max(len(terms), 1), 0.15)
            below, above = np.nan_to_num(y - low), np.nan_to_num(high - y)
            ax.errorbar(x + shift, y, yerr=[below, above], fmt="o", capsize=3, label=term)
    if ordered and "tokens" in table.columns:  # periods with no text: a grey band says why the lines break
        empty = table.drop_duplicates(by).set_index(by)["tokens"].reindex(groups).to_numpy() == 0
        width = np.min(np.diff(x)) if len(x) > 1 else 1.0
        for place in x[empty]:
            ax.axvspan(place - width / 2, place + width / 2, color="0.93", zorder=0)
            ax.annotate(
                "no documents",
                (place, 0.5),
                xycoords=("data", "axes fraction"),
                rotation=90,
                ha="center",
                va="center",
                color="0.5",
                fontsize=8,
            )
    if labels is not None:
        _time_ticks(ax, x, labels)
    elif len(groups) < 12:  # a few years: one tick each, never 2020.5
        ax.set_xticks(x, [f"{v:g}" for v in x])
    what = "part of the corpus (equal sizes, in file order)" if by == "part" else by
    ax.set(xlabel=what, ylabel="per million tokens", title="Trends")
    ax.set_ylim(bottom=0)
    ax.legend(title="term", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return literal_text(ax)
