"""Figures: each ``plot_*`` takes a result table and ``ax=None`` and returns what it drew.

With ``ax=None`` a new figure is made; pass an Axes to place the plot in your
own layout. Labels come from the table, so a figure can always be traced back
to its numbers.
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes

from toolkit.counting.terms import top_terms


def _axes(ax: Axes | None, size: tuple[float, float] = (7, 5)) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def _need(table: pd.DataFrame, columns: list[str], what: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"expected {what} ({', '.join(columns)}); got columns {list(table.columns)}")


def plot_top_terms(
    counts: pd.DataFrame, n: int = 20, *, by: str | None = None, ax: Axes | None = None, column: str = "n"
) -> Axes | np.ndarray:
    """Bar chart of the most frequent terms; one panel per group when ``by`` is given.

    Parameters
    ----------
    counts : pandas.DataFrame
        A counts table (``term``, ``n``; ``by`` column when faceting).
    n : int, default=20
        Terms per panel.
    by : str or None, default=None
        Facet by this column: returns a numpy array of Axes, one per group.
    ax : matplotlib Axes or None
        Where to draw (only without ``by``).
    column : str, default="n"
        What bar length shows, e.g. ``"per_million"``.

    Returns
    -------
    matplotlib.axes.Axes or numpy.ndarray of Axes
    """
    _need(counts, ["term", column], "a counts table")
    if by is None:
        ax = _axes(ax)
        top = counts.sort_values([column, "term"], ascending=[False, True], kind="stable").head(n)
        sns.barplot(data=top, x=column, y="term", ax=ax, color="#4c72b0", orient="h")
        ax.set(xlabel=column, ylabel="", title=f"Top {len(top)} terms")
        return ax
    groups = list(dict.fromkeys(top_terms(counts, n, by=by)[by]))
    fig, axes = plt.subplots(1, len(groups), figsize=(4 * len(groups), 0.3 * n + 1.5), squeeze=False)
    for group, panel in zip(groups, axes[0], strict=True):
        sub = counts[counts[by] == group]
        top = sub.sort_values([column, "term"], ascending=[False, True], kind="stable").head(n)
        sns.barplot(data=top, x=column, y="term", ax=panel, color="#4c72b0", orient="h")
        panel.set(xlabel=column, ylabel="", title=f"{by} = {group}")
    fig.tight_layout()
    return axes[0]


def plot_zipf(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Log-log rank-frequency plot of a :func:`~toolkit.zipf` table, with its fitted line."""
    _need(table, ["rank", "n"], "a zipf table")
    ax = _axes(ax)
    ax.loglog(table["rank"], table["n"], marker=".", linestyle="none", label="terms")
    if "slope" in table.attrs:
        fit = 10 ** table.attrs["intercept"] * table["rank"].astype(float) ** table.attrs["slope"]
        ax.loglog(table["rank"], fit, label=f"fit, slope {table.attrs['slope']:.2f}")
    ax.set(xlabel="rank", ylabel="frequency", title="Zipf plot")
    ax.legend()
    return ax


def plot_keyness(table: pd.DataFrame, n: int = 10, *, measure: str = "g2", ax: Axes | None = None) -> Axes:
    """Diverging bars: the ``n`` strongest keywords of the target and of the reference.

    Target keywords point right, reference keywords left; ``measure`` is
    ``"g2"`` (signed) or ``"log_ratio"``.
    """
    _need(table, ["term", measure], "a keyness table")
    ax = _axes(ax, (7, 0.35 * 2 * n + 1.5))
    ordered = table.sort_values([measure, "term"], ascending=[False, True], kind="stable")
    positive = ordered[ordered[measure] > 0].head(n)
    negative = ordered[ordered[measure] < 0].tail(n)
    shown = pd.concat([positive, negative])
    colours = ["#c44e52" if v > 0 else "#4c72b0" for v in shown[measure]]
    ax.barh(range(len(shown)), shown[measure], color=colours)
    ax.set_yticks(range(len(shown)), shown["term"])
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set(xlabel=measure, title=table.attrs.get("comparison", "keyness"))
    return ax


def plot_dispersion(positions: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Where each term occurs along the corpus (from :func:`~toolkit.dispersion_positions`).

    One row per term, top to bottom in the order asked for (NLTK's
    ``dispersion_plot`` listed them reversed), a tick per occurrence, and grey
    lines at document starts.
    """
    _need(positions, ["term", "offset"], "dispersion positions")
    terms = positions.attrs.get("terms") or list(dict.fromkeys(positions["term"]))
    ax = _axes(ax, (9, 0.5 * len(terms) + 1.5))
    row = {t: i for i, t in enumerate(terms)}
    ax.plot(positions["offset"], positions["term"].map(row), "|", markersize=14, color="#4c72b0")
    for start in positions.attrs.get("doc_starts", {}).values():
        ax.axvline(start, color="0.85", linewidth=0.6, zorder=0)
    ax.set_yticks(range(len(terms)), terms)
    ax.set_ylim(len(terms) - 0.5, -0.5)
    ax.set_xlim(0, max(positions.attrs.get("tokens", 0), int(positions["offset"].max()) + 1 if len(positions) else 1))
    ax.set(xlabel="token offset in the corpus", title="Lexical dispersion")
    return ax


def plot_trends(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Lines of per-million frequency by group for each term, with their intervals."""
    _need(table, ["term", "per_million", "low", "high"], "a trends table")
    by = table.columns[0]
    ax = _axes(ax)
    groups = list(dict.fromkeys(table[by]))
    x = np.arange(len(groups))
    for term, sub in table.groupby("term", sort=False):
        sub = sub.set_index(by).reindex(groups)
        ax.plot(x, sub["per_million"], marker="o", label=term)
        ax.fill_between(x, sub["low"].astype(float), sub["high"].astype(float), alpha=0.2)
    ax.set_xticks(x, [str(g) for g in groups], rotation=45 if len(groups) > 8 else 0)
    ax.set(xlabel=by, ylabel="per million tokens", title="Trends")
    ax.legend(title="term")
    return ax


def plot_heatmap(
    counts: pd.DataFrame, *, by: str, terms: list[str] | None = None, n: int = 20, ax: Axes | None = None
) -> Axes:
    """Heatmap of per-million frequency: terms by group.

    ``terms=None`` shows the ``n`` terms most frequent over all groups.
    """
    _need(counts, [by, "term", "per_million"], "a grouped counts table")
    if terms is None:
        terms = list(top_terms(counts, n)["term"])
    grid = counts[counts["term"].isin(terms)].pivot_table(
        index="term", columns=by, values="per_million", fill_value=0, observed=True
    )
    grid = grid.reindex(terms)
    ax = _axes(ax, (1.2 * len(grid.columns) + 3, 0.35 * len(terms) + 1.5))
    sns.heatmap(grid, ax=ax, cmap="mako_r", annot=len(terms) * len(grid.columns) <= 200, fmt=".0f")
    ax.set(xlabel=by, ylabel="", title="Per million tokens")
    return ax


def plot_collocates(table: pd.DataFrame, n: int = 15, *, measure: str = "log_dice", ax: Axes | None = None) -> Axes:
    """Bar chart of the strongest collocates by ``measure``."""
    label = "collocate" if "collocate" in table.columns else "collocation"
    _need(table, [label, measure], "a collocates table")
    ax = _axes(ax, (7, 0.35 * n + 1.5))
    top = table.sort_values([measure, label], ascending=[False, True], kind="stable").head(n)
    sns.barplot(data=top, x=measure, y=label, ax=ax, color="#55a868", orient="h")
    node = table.attrs.get("node")
    ax.set(xlabel=measure, ylabel="", title=f"Collocates of '{node}'" if node else "Collocations")
    return ax


def plot_wordcloud(
    counts: pd.DataFrame, n: int = 100, *, ax: Axes | None = None, random_state: int = 0, **options: Any
) -> Axes:
    """Word cloud of the ``n`` most frequent terms (the ``wordcloud`` library).

    ``random_state`` fixes the layout; other keyword options go to
    ``wordcloud.WordCloud`` (``colormap``, ``background_color``, ...).
    """
    from wordcloud import WordCloud

    _need(counts, ["term", "n"], "a counts table")
    top = top_terms(counts, n)
    frequencies = dict(zip(top["term"], top["n"].astype(float), strict=True))
    settings = {"width": 800, "height": 400, "background_color": "white", "random_state": random_state, **options}
    cloud = WordCloud(**settings).generate_from_frequencies(frequencies)
    ax = _axes(ax, (8, 4))
    ax.imshow(cloud, interpolation="bilinear")
    ax.set_axis_off()
    ax.set_title(f"Top {len(frequencies)} terms")
    return ax
