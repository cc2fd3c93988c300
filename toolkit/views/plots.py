"""Figures: each ``plot_*`` takes a result table and ``ax=None`` and returns the Axes it drew on.

With ``ax=None`` a new figure is made; pass an Axes to place the plot in your
own layout. Labels come from the table, so a figure can always be traced back
to its numbers.
"""

from __future__ import annotations

from typing import Any

# seaborn is imported in the functions that draw with it: its import (with scipy.stats) takes 0.6 s,
# which a report that never draws with it (keyness, trends) need not spend.
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from toolkit.counting.terms import top_terms
from toolkit.counting.texts import MISSING, group_key, sort_groups
from toolkit.deprecation import renamed_keywords
from toolkit.views.literal import literal_text
from toolkit.views.timeplots import need_columns as _need
from toolkit.views.timeplots import new_axes as _axes
from toolkit.views.timeplots import plot_trends as plot_trends  # drawn there, with the other figures over time
from toolkit.views.timeplots import short_label

#: Most groups a grouped figure draws (bars of top terms, heatmap columns): the largest by terms counted.
MAX_GROUPS = {"bars": 12, "heatmap": 30}


def _largest(counts: pd.DataFrame, labels: pd.Series, most: int) -> tuple[list[str], str]:
    """Return the groups to draw, at most ``most`` (the largest in counts), in group order, and a note when capped."""
    sizes = counts["n"].groupby(labels).sum() if "n" in counts.columns else labels.value_counts()
    groups = sort_groups(sizes.index)
    groups = [g for g in groups if str(g).strip()] + [g for g in groups if not str(g).strip()]  # blank: last
    if len(groups) <= most:
        return groups, ""
    kept = set(sizes.sort_values(ascending=False, kind="stable").index[:most])
    return [g for g in groups if g in kept], f" (the {most} largest of {len(groups):,} groups, by terms counted)"


def _label(group: object) -> str:
    """Return a group's label for a figure: its value, cut when long (see ``short_label``); empty: "(missing)"."""
    text = str(group).strip()
    return short_label(text) if text else MISSING


def _top(counts: pd.DataFrame, n: int, sort_by: str) -> pd.DataFrame:
    """Return the ``n`` rows highest on ``sort_by``, ties by term (0 keeps all)."""
    ordered = counts.sort_values([sort_by, "term"], ascending=[False, True], kind="stable")
    return ordered.head(n) if n else ordered


@renamed_keywords(column="sort_by")
def plot_top_terms(
    counts: pd.DataFrame, n: int = 20, *, by: str | None = None, ax: Axes | None = None, sort_by: str = "n"
) -> Axes:
    """Draw horizontal bars of the most frequent terms on one Axes, grouped and coloured by ``by``.

    Parameters
    ----------
    counts : pandas.DataFrame
        A counts table (``term`` and ``sort_by``; the ``by`` column when grouping).
    n : int, default=20
        Terms shown, per group when ``by`` is given.
    by : str or None, default=None
        Grouping column: each group's top ``n`` terms form a block of bars
        in the group's colour under a bold ``"{by} = {group}"`` label, groups
        (at most ``MAX_GROUPS["bars"]``, the largest, as the title says)
        in order (numbers as numbers). ``None``: the table as one whole.
    ax : matplotlib Axes or None
        Where to draw; ``None`` makes a new figure.
    sort_by : str, default="n"
        The column that ranks the terms and that bar length shows, e.g.
        ``"per_million"``. ``column=`` is its deprecated old name.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax`` (or the new Axes), also with ``by``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> counts = pd.DataFrame({"side": ["x", "x", "y"], "term": ["war", "peace", "talks"], "n": [3, 1, 2]})
    >>> ax = plot_top_terms(counts, 1, by="side", ax=Figure().subplots())
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['side = x', 'war', 'side = y', 'talks']
    >>> [int(bar.get_width()) for bar in ax.patches]
    [3, 2]
    """
    _need(counts, ["term", sort_by, *([by] if by else [])], "a counts table")
    if by is None:
        if counts["term"].duplicated().any():  # a grouped table drawn as one whole
            if sort_by != "n":
                raise ValueError("terms repeat (a grouped table?): give by=, or sort_by='n' to sum counts")
            counts = counts.groupby("term", as_index=False, sort=False)["n"].sum()
        blocks, capped = [("", _top(counts, n, sort_by), "#4c72b0")], ""
    else:
        labels = counts[by].map(group_key)
        groups, capped = _largest(counts, labels, MAX_GROUPS["bars"])
        import seaborn as sns

        palette = sns.color_palette("tab10" if len(groups) <= 10 else "husl", len(groups))
        blocks = [
            (f"{by} = {_label(g)}", _top(counts[labels == g], n, sort_by), colour)
            for g, colour in zip(groups, palette, strict=True)
        ]
    rows = sum(len(top) + bool(header) for header, top, _ in blocks)
    ax = _axes(ax, (7, 0.3 * rows + 1.5))
    ticks: list[int] = []
    names: list[str] = []
    headers: list[int] = []
    y = 0
    for header, top, colour in blocks:
        if header:
            headers.append(len(names))
            ticks.append(y)
            names.append(header)
            y += 1
        ax.barh(np.arange(y, y + len(top)), top[sort_by].astype(float), color=colour, label=header or None)
        ticks += range(y, y + len(top))
        names += [str(t) for t in top["term"]]
        y += len(top)
    ax.set_yticks(ticks, names)
    for i in headers:
        ax.get_yticklabels()[i].set_fontweight("bold")
    ax.set_ylim(max(y, 1) - 0.5, -0.5)  # the first row at the top
    shown = max((len(top) for _, top, _ in blocks), default=0)
    ax.set(xlabel=sort_by, ylabel="", title=f"Top {shown} terms" + (f" by {by}" if by else "") + capped)
    return literal_text(ax)


def plot_zipf(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Draw the log-log rank-frequency plot of a :func:`~toolkit.zipf` table, with its fitted line.

    Parameters
    ----------
    table : pandas.DataFrame
        A zipf table (``rank``, ``n``; the fit in ``attrs``).
    ax : matplotlib Axes or None
        Where to draw; ``None`` makes a new figure.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> table = pd.DataFrame({"rank": [1, 2, 3], "term": ["the", "of", "war"], "n": [12, 6, 4]})
    >>> plot_zipf(table, ax=Figure().subplots()).get_xscale()
    'log'
    """
    _need(table, ["rank", "n"], "a zipf table")
    ax = _axes(ax)
    ax.loglog(table["rank"], table["n"], marker=".", linestyle="none", label="terms")
    if "slope" in table.attrs:
        fit = 10 ** table.attrs["intercept"] * table["rank"].astype(float) ** table.attrs["slope"]
        ax.loglog(table["rank"], fit, label=f"fit, slope {table.attrs['slope']:.2f}")
    ax.set(xlabel="rank", ylabel="frequency", title="Zipf plot")
    ax.legend()
    return literal_text(ax)


@renamed_keywords(measure="sort_by")
def plot_keyness(table: pd.DataFrame, n: int = 10, *, sort_by: str = "g2", ax: Axes | None = None) -> Axes:
    """Draw diverging bars: the ``n`` strongest keywords of the target and of the reference.

    Parameters
    ----------
    table : pandas.DataFrame
        A :func:`~toolkit.keyness` table.
    n : int, default=10
        Keywords shown on each side.
    sort_by : str, default="g2"
        The column that ranks the keywords and that bar length shows:
        ``"g2"`` (signed) or ``"log_ratio"``. ``measure=`` is its deprecated
        old name.
    ax : matplotlib Axes or None
        Where to draw; ``None`` makes a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        Target keywords point right (red), reference keywords left (blue).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> table = pd.DataFrame({"term": ["war", "peace", "talks"], "g2": [5.5, -0.4, -1.0]})
    >>> ax = plot_keyness(table, 1, ax=Figure().subplots())
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['war', 'talks']
    """
    _need(table, ["term", sort_by], "a keyness table")
    ax = _axes(ax, (7, 0.35 * 2 * n + 1.5))
    ordered = table.sort_values([sort_by, "term"], ascending=[False, True], kind="stable")
    positive = ordered[ordered[sort_by] > 0].head(n)
    negative = ordered[ordered[sort_by] < 0].tail(n)
    shown = pd.concat([positive, negative])
    colours = ["#c44e52" if v > 0 else "#4c72b0" for v in shown[sort_by]]
    ax.barh(range(len(shown)), shown[sort_by], color=colours)
    ax.set_yticks(range(len(shown)), shown["term"])
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set(xlabel=sort_by, title=table.attrs.get("comparison", "keyness"))
    return literal_text(ax)


def plot_dispersion(positions: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Draw where each term occurs along the corpus (from :func:`~toolkit.dispersion_positions`).

    One row per term, top to bottom in the order asked for (NLTK's
    ``dispersion_plot`` listed them reversed), a tick per occurrence, and grey
    lines at document starts.

    Parameters
    ----------
    positions : pandas.DataFrame
        A positions table (``term``, ``offset``; ``attrs`` with ``terms``,
        ``doc_starts`` and ``tokens`` when made by ``dispersion_positions``).
    ax : matplotlib Axes or None
        Where to draw; ``None`` makes a new figure.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> positions = pd.DataFrame({"term": ["war", "peace", "war"], "offset": [0, 4, 9]})
    >>> ax = plot_dispersion(positions, ax=Figure().subplots())
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['war', 'peace']
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
    return literal_text(ax)


#: Documents below which lengths are drawn one bar each rather than as a histogram.
FEW_DOCUMENTS = 12


def plot_lengths(documents: pd.DataFrame, *, ax: Axes | None = None) -> Axes | None:
    """Draw how long the documents are: a histogram, one bar per document when there are few, nothing for one.

    Parameters
    ----------
    documents : pandas.DataFrame
        ``doc_id`` (or a group column first) and ``tokens``, such as
        :func:`~toolkit.lexical_diversity` returns.
    ax : matplotlib Axes or None
        Where to draw; ``None`` makes a new figure.

    Returns
    -------
    matplotlib.axes.Axes or None
        ``None`` for a single document: a distribution of one value says nothing.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> few = pd.DataFrame({"doc_id": ["a", "b"], "tokens": [120, 80]})
    >>> len(plot_lengths(few, ax=Figure().subplots()).patches)
    2
    >>> plot_lengths(few.head(1)) is None
    True
    """
    _need(documents, ["tokens"], "a table of documents with their tokens")
    if len(documents) < 2:
        return None
    label = documents.columns[0]
    if len(documents) < FEW_DOCUMENTS:
        ax = _axes(ax, (7, 0.4 * len(documents) + 1.2))
        ax.barh([str(v) for v in documents[label]][::-1], documents["tokens"].to_numpy()[::-1])
        ax.set(xlabel="tokens", ylabel="", title="Document length (tokens)")
        return literal_text(ax)
    ax = _axes(ax, (7, 4))
    import seaborn as sns

    sns.histplot(documents, x="tokens", bins=min(30, len(documents)), ax=ax)
    ax.set(xlabel="tokens", ylabel="documents", title=f"Document length (tokens), {len(documents):,} documents")
    return literal_text(ax)


def plot_heatmap(
    counts: pd.DataFrame, *, by: str, terms: list[str] | None = None, n: int = 20, ax: Axes | None = None
) -> Axes:
    """Draw a heatmap of per-million frequency: terms by group.

    Parameters
    ----------
    counts : pandas.DataFrame
        A grouped counts table (``by``, ``term``, ``per_million``).
    by : str
        The grouping column (the heatmap's columns: at most ``MAX_GROUPS["heatmap"]``, the largest, as the title says).
    terms : list of str or None, default=None
        The rows; ``None`` shows the ``n`` terms most frequent over all groups.
    n : int, default=20
        Terms shown when ``terms`` is None.
    ax : matplotlib Axes or None
        Where to draw; ``None`` makes a new figure.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> counts = pd.DataFrame({"side": ["x", "y"], "term": ["war", "war"], "n": [2, 1],
    ...     "per_million": [2e5, 1e5]})
    >>> ax = plot_heatmap(counts, by="side", ax=Figure().subplots())
    >>> [label.get_text() for label in ax.get_xticklabels()]
    ['x', 'y']
    """
    _need(counts, [by, "term", "per_million"], "a grouped counts table")
    if terms is None:
        terms = list(top_terms(counts, n)["term"])
    grid = counts[counts["term"].isin(terms)].pivot_table(
        index="term", columns=by, values="per_million", fill_value=0, observed=True
    )
    columns, capped = _largest(counts, counts[by].map(group_key), MAX_GROUPS["heatmap"])
    grid = grid.reindex(index=terms, columns=[c for c in grid.columns if group_key(c) in set(columns)])
    ax = _axes(ax, (min(16.0, 1.2 * len(grid.columns) + 3), 0.35 * len(terms) + 1.5))
    import seaborn as sns
    from seaborn.utils import axis_ticklabels_overlap

    # labels set here, not by seaborn, which draws them to test overlap before they are marked literal
    annotate = len(terms) * len(grid.columns) <= 200
    sns.heatmap(grid, ax=ax, cmap="mako_r", annot=annotate, fmt=".0f", xticklabels=False, yticklabels=False)
    ax.set_xticks(np.arange(len(grid.columns)) + 0.5, [_label(g) for g in grid.columns])
    ax.set_yticks(np.arange(len(grid.index)) + 0.5, [str(t) for t in grid.index], va="center")
    ax.set(xlabel=by, ylabel="", title="Per million tokens" + capped)
    literal_text(ax)
    if axis_ticklabels_overlap(ax.get_xticklabels()):
        ax.tick_params(axis="x", labelrotation=90)
    return ax


@renamed_keywords(measure="sort_by")
def plot_collocates(table: pd.DataFrame, n: int = 15, *, sort_by: str = "log_dice", ax: Axes | None = None) -> Axes:
    """Draw a bar chart of the strongest collocates (or collocations) by ``sort_by``.

    Parameters
    ----------
    table : pandas.DataFrame
        A :func:`~toolkit.collocates` or :func:`~toolkit.collocations` table.
    n : int, default=15
        Bars shown.
    sort_by : str, default="log_dice"
        The column that ranks the collocates and that bar length shows, e.g.
        ``"mi"`` or ``"g2"``. ``measure=`` is its deprecated old name.
    ax : matplotlib Axes or None
        Where to draw; ``None`` makes a new figure.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> table = pd.DataFrame({"collocate": ["talks", "treaty"], "log_dice": [11.2, 12.5]})
    >>> ax = plot_collocates(table, ax=Figure().subplots())
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['treaty', 'talks']
    """
    label = "collocate" if "collocate" in table.columns else "collocation"
    _need(table, [label, sort_by], "a collocates table")
    ax = _axes(ax, (7, 0.35 * n + 1.5))
    top = table.sort_values([sort_by, label], ascending=[False, True], kind="stable").head(n)
    import seaborn as sns

    sns.barplot(data=top, x=sort_by, y=label, ax=ax, color="#55a868", orient="h")
    node = table.attrs.get("pattern") or table.attrs.get("node")
    node = ", ".join(map(str, node)) if isinstance(node, list | tuple) else node
    ax.set(xlabel=sort_by, ylabel="", title=f"Collocates of '{node}'" if node else "Collocations")
    return literal_text(ax)


def plot_wordcloud(
    counts: pd.DataFrame, n: int = 100, *, ax: Axes | None = None, random_state: int = 0, **kwargs: Any
) -> Axes:
    """Draw a word cloud of the ``n`` most frequent terms (the ``wordcloud`` library).

    Parameters
    ----------
    counts : pandas.DataFrame
        A counts table (``term``, ``n``); a grouped table is summed over groups.
    n : int, default=100
        Terms drawn.
    ax : matplotlib Axes or None
        Where to draw; ``None`` makes a new figure.
    random_state : int, default=0
        Fixes the layout: the same table draws the same cloud.
    **kwargs
        Passed to ``wordcloud.WordCloud``, e.g. ``colormap="viridis"``,
        ``background_color="black"``, ``width``, ``height`` (800 x 400 by
        default), ``max_font_size``.

    Returns
    -------
    matplotlib.axes.Axes
        With the cloud as an image, axes hidden.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> counts = pd.DataFrame({"term": ["war", "peace"], "n": [3, 2]})
    >>> ax = plot_wordcloud(counts, ax=Figure().subplots(), width=200, height=100)
    >>> ax.get_images()[0].get_array().shape[:2]
    (100, 200)
    """
    from wordcloud import WordCloud

    _need(counts, ["term", "n"], "a counts table")
    top = top_terms(counts, n)
    frequencies = dict(zip(top["term"], top["n"].astype(float), strict=True))
    settings = {"width": 800, "height": 400, "background_color": "white", "random_state": random_state, **kwargs}
    cloud = WordCloud(**settings).generate_from_frequencies(frequencies)
    ax = _axes(ax, (8, 4))
    ax.imshow(cloud, interpolation="bilinear")
    ax.set_axis_off()
    ax.set_title(f"Top {len(frequencies)} terms")
    return literal_text(ax)
