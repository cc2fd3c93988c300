"""The word explorer: a pattern's frequency by group, concordance, collocates and dispersion, linked.

The corpus is tokenised once (:class:`~toolkit.analysis.termindex.TermIndex`,
through the token cache), so a new pattern is only lookups; its tables equal
those of :func:`~toolkit.kwic`, :func:`~toolkit.collocates` and
:func:`~toolkit.dispersion_positions`. Corpus text is always escaped.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from typing import Any, Literal

import pandas as pd

from toolkit.analysis.concordance import KWIC_COLUMNS
from toolkit.analysis.termindex import TermIndex
from toolkit.deprecation import renamed_keywords, warn_deprecated
from toolkit.tokens.options import TokenOptions
from toolkit.views.display import table_html, table_text
from toolkit.views.panel import Panel, blank_figure, img_tag


def _kwic_html(table: pd.DataFrame, n: int) -> str:
    """Return a concordance as an escaped HTML table, the keyword centred, capped at ``n`` rows."""
    shown = table.head(n) if n else table
    rows = "".join(
        f'<tr><td style="text-align:right">{html.escape(left)}</td>'
        f'<td style="text-align:center"><strong>{html.escape(keyword)}</strong></td>'
        f'<td style="text-align:left">{html.escape(right)}</td>'
        f"<td>{html.escape(str(doc_id))}</td></tr>"
        for doc_id, left, keyword, right in zip(
            shown["doc_id"], shown["left"], shown["keyword"], shown["right"], strict=True
        )
    )
    head = "<tr><th>left</th><th>keyword</th><th>right</th><th>doc_id</th></tr>"
    note = f"<p><em>showing {len(shown):,} of {len(table):,} rows</em></p>" if len(shown) < len(table) else ""
    return f'<table class="toolkit-kwic">{head}{rows}</table>{note}'


class WordExplorer(Panel):
    """A pattern's frequency by group, concordance, collocates and dispersion, updated together.

    Made by :func:`word_explorer` or :func:`explore`. Call
    :meth:`set_pattern` (or type in the widget's box, or pick a collocate)
    and every table and the figure follow. Functions in :attr:`listeners`
    are called with the new pattern, which links other panels.

    Parameters
    ----------
    index : TermIndex
        The tokenised corpus.
    pattern : str, default=""
        The first pattern shown (see :func:`word_explorer`).
    window, n, min_count, regex, sort
        As in :func:`word_explorer`.

    Examples
    --------
    >>> index = TermIndex(pd.DataFrame({"doc_id": ["a"], "text": ["Peace talks and peace."]}))
    >>> explorer = WordExplorer(index, "peace")
    >>> explorer.pattern, len(explorer.kwic)
    ('peace', 2)
    """

    title = "Word explorer"

    def __init__(
        self,
        index: TermIndex,
        pattern: str = "",
        *,
        window: int = 5,
        n: int = 20,
        min_count: int = 2,
        regex: bool = False,
        sort: Literal["left", "right"] | None = None,
    ) -> None:
        super().__init__()
        self.index = index
        self.window, self.n, self.min_count, self.regex, self.sort = window, n, min_count, regex, sort
        self.listeners: list[Callable[[str], None]] = []
        self.pattern = ""
        self.error = ""
        self.set_pattern(pattern)

    @property
    def term(self) -> str:
        """Deprecated: the pattern shown; use :attr:`pattern`."""
        warn_deprecated("WordExplorer.term", "WordExplorer.pattern")
        return self.pattern

    def set_term(self, term: str, **changes: Any) -> None:
        """Show ``term``: a deprecated alias of :meth:`set_pattern`."""
        warn_deprecated("WordExplorer.set_term()", "WordExplorer.set_pattern()")
        self.set_pattern(term, **changes)

    def set_pattern(self, pattern: str, **changes: Any) -> None:
        """Show ``pattern`` (and change ``window``, ``regex``, ``sort``, ``min_count`` if given).

        Parameters
        ----------
        pattern : str
            A word, a glob with ``*`` and ``?``, a phrase, or a regular
            expression when ``regex`` is true; ``""`` clears the panels.
        **changes
            New values of ``window``, ``regex``, ``sort`` or ``min_count``.

        Examples
        --------
        >>> index = TermIndex(pd.DataFrame({"doc_id": ["a"], "text": ["Peace talks and peace."]}))
        >>> explorer = WordExplorer(index)
        >>> explorer.set_pattern("pea*", window=1)
        >>> list(explorer.kwic["right"])
        ['talks', '.']
        """
        for name, value in changes.items():
            if name not in ("window", "regex", "sort", "min_count"):
                raise TypeError(f"unknown setting {name!r}; expected window, regex, sort or min_count")
            setattr(self, name, value)
        started = time.perf_counter()
        self.pattern = pattern.strip()
        self.error = ""
        index = self.index
        try:
            if self.pattern:
                self.kwic = index.kwic(self.pattern, window=self.window, regex=self.regex, sort=self.sort or None)
                self.frequency = index.frequency_table(self.pattern, regex=self.regex)
                self.collocates = index.collocates(
                    self.pattern, window=self.window, min_count=self.min_count, regex=self.regex
                )
                self.positions = index.positions(self.pattern, regex=self.regex)
                self.dp = index.dp(self.pattern, regex=self.regex)
        except ValueError as err:  # a bad regular expression: say so, keep the panels
            self.error = str(err)
        if not self.pattern or self.error:
            self.kwic = pd.DataFrame(columns=KWIC_COLUMNS)
            self.frequency = pd.DataFrame(columns=[index.by or "part", "term", "n", "per_million", "docs"])
            self.collocates = pd.DataFrame(columns=["collocate", "n"])
            self.positions = pd.DataFrame(columns=["doc_id", "term", "position", "offset"])
            self.dp = float("nan")
        self.seconds = time.perf_counter() - started
        self._update_widgets()
        for listener in self.listeners:
            listener(self.pattern)

    def summary(self) -> str:
        """Return one sentence on the current pattern."""
        if self.error:
            return self.error
        if not self.pattern:
            return "Type a word or a phrase (wildcards * and ?, or a regular expression with regex)."
        docs = self.kwic["doc_id"].nunique()
        dp = "" if self.dp != self.dp else f"; Gries's DP {self.dp:.2f}"  # NaN check
        return (
            f"{self.pattern}: {len(self.kwic)} occurrences in {docs} of {len(self.index)} documents{dp}"
            f" (looked up in {self.seconds:.3f} s)"
        )

    def figure(self) -> Any:
        """Return frequency by group (per million) above the dispersion plot."""
        from toolkit.views.literal import literal_text
        from toolkit.views.plots import plot_dispersion

        groups = len(self.frequency)
        fig = blank_figure(max(7.0, min(14.0, 0.3 * groups + 3)), 5.2)
        top, bottom = fig.subplots(2, 1, height_ratios=[3, 2])
        column = self.frequency.columns[0] if len(self.frequency.columns) else "part"
        if self.pattern and not self.error:
            labels = [str(v) for v in self.frequency[column]]
            top.bar(range(len(labels)), self.frequency["per_million"], color="#4c72b0")
            top.set_xticks(range(len(labels)), labels, rotation=60 if len(labels) > 10 else 0, fontsize=8)
            top.set(ylabel="per million", title=f"'{self.pattern}' by {column}")
            plot_dispersion(self.positions, ax=bottom)
        else:
            for ax in (top, bottom):
                ax.set_axis_off()
            top.text(0.5, 0.5, self.summary(), ha="center", va="center", wrap=True)
        literal_text(top)  # the pattern and the group labels are corpus text, never mathtext
        return fig

    def _html_body(self, png: bytes) -> str:
        return (
            self._status(self.summary())
            + img_tag(png, f"frequency and dispersion of {self.pattern}")
            + table_html(self.frequency, self.n, caption="Frequency by group")
            + "<p><strong>Concordance</strong></p>"
            + _kwic_html(self.kwic, self.n)
            + table_html(self.collocates, self.n, caption="Collocates")
        )

    def _text_body(self) -> str:
        return "\n\n".join(
            [
                self.summary(),
                table_text(self.frequency, self.n, caption="Frequency by group"),
                table_text(self.kwic[["doc_id", "left", "keyword", "right"]], self.n, caption="Concordance"),
                table_text(self.collocates, self.n, caption="Collocates"),
            ]
        )

    def _build(self) -> Any:
        import ipywidgets as w

        self.term_box = w.Text(
            value=self.pattern,
            placeholder="type a word, press Enter",
            description="term",
            continuous_update=False,
        )
        self.term_box.add_class("toolkit-term")
        self.regex_box = w.Checkbox(value=self.regex, description="regex", indent=False)
        self.window_box = w.IntSlider(value=self.window, min=1, max=20, description="context")
        self.sort_box = w.Dropdown(
            options=[("corpus order", ""), ("left context", "left"), ("right context", "right")],
            value=self.sort or "",
            description="sort by",
        )
        self.status = w.HTML()
        self.plot = w.Image(format="png")
        self.plot.add_class("toolkit-word-plot")
        self.frequency_html = w.HTML()
        self.kwic_html = w.HTML()
        self.kwic_html.add_class("toolkit-kwic-panel")
        self.collocates_html = w.HTML()
        self.collocate_picker = w.Select(options=[], rows=10, description="explore")
        self.collocate_picker.add_class("toolkit-collocate-picker")

        def on_pattern(change: dict) -> None:
            if not self._busy:
                self.set_pattern(change["new"])

        def on_setting(name: str) -> Callable[[dict], None]:
            def handler(change: dict) -> None:
                if not self._busy:
                    self.set_pattern(self.pattern, **{name: change["new"] or None if name == "sort" else change["new"]})

            return handler

        def on_pick(change: dict) -> None:
            if not self._busy and change["new"]:
                self.set_pattern(change["new"])

        self.term_box.observe(on_pattern, names="value")
        self.regex_box.observe(on_setting("regex"), names="value")
        self.window_box.observe(on_setting("window"), names="value")
        self.sort_box.observe(on_setting("sort"), names="value")
        self.collocate_picker.observe(on_pick, names="value")
        return w.VBox(
            [
                w.HBox([self.term_box, self.regex_box, self.window_box, self.sort_box]),
                self.status,
                self.plot,
                w.HBox([self.frequency_html, w.VBox([self.collocates_html, self.collocate_picker])]),
                w.HTML("<strong>Concordance</strong>"),
                self.kwic_html,
            ]
        )

    def _refresh(self) -> None:
        self.term_box.value = self.pattern
        self.regex_box.value = self.regex
        self.window_box.value = self.window
        self.sort_box.value = self.sort or ""
        self.status.value = self._status(self.summary())
        self.plot.value = self.png()
        self.frequency_html.value = table_html(self.frequency, self.n, caption="Frequency by group")
        self.kwic_html.value = _kwic_html(self.kwic, self.n)
        self.collocates_html.value = table_html(self.collocates, self.n, caption="Collocates")
        top = self.collocates.head(self.n)
        self.collocate_picker.options = [
            (f"{term} ({count})", term) for term, count in zip(top["collocate"], top["n"], strict=True)
        ]
        self.collocate_picker.value = None


@renamed_keywords(term="pattern")
def word_explorer(
    corpus: pd.DataFrame | TermIndex,
    pattern: str = "",
    *,
    by: str | None = None,
    window: int = 5,
    n: int = 20,
    min_count: int = 2,
    regex: bool = False,
    sort: Literal["left", "right"] | None = None,
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> WordExplorer:
    """Explore a word: frequency by group, sortable concordance, collocates and dispersion, linked.

    Parameters
    ----------
    corpus : pandas.DataFrame or TermIndex
        The corpus table (tokenised once, through the token cache), or an
        index already built.
    pattern : str, default=""
        The first pattern shown: a word, wildcards ``*`` and ``?``, a phrase
        (words separated by spaces), or a regular expression with
        ``regex=True``. ``term=`` is its deprecated old name.
    by : str or None, default=None
        Field to count the pattern by; ``None`` means no grouping: the
        corpus as one whole, cut into ten equal parts in document order.
    window : int, default=5
        Tokens of context in the concordance and of the collocate window.
    n : int, default=20
        Rows shown per table.
    min_count : int, default=2
        Collocates seen at least this often.
    regex : bool, default=False
        Read ``pattern`` as a regular expression.
    sort : {"left", "right"} or None, default=None
        Concordance order, as in :func:`~toolkit.kwic`.
    options : TokenOptions or None
        Tokenisation.
    **token_changes
        Single tokenisation settings, e.g. ``lowercase=False``.

    Returns
    -------
    WordExplorer
        Displays as widgets in JupyterLab, as a static table and figure
        under papermill or nbconvert, as text in a terminal. Its tables are
        attributes: ``kwic``, ``frequency``, ``collocates``, ``positions``.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Peace talks and peace again."]})
    >>> explorer = word_explorer(corpus, "peace", window=1)
    >>> explorer.kwic[["left", "keyword", "right"]]
      left keyword  right
    0        Peace  talks
    1  and   peace  again
    >>> explorer.set_pattern("talks")
    >>> len(explorer.kwic)
    1
    """
    index = corpus if isinstance(corpus, TermIndex) else TermIndex(corpus, by=by, options=options, **token_changes)
    return WordExplorer(index, pattern, window=window, n=n, min_count=min_count, regex=regex, sort=sort)
