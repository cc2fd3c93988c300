"""Explorers for JupyterLab: linked panels on a word, a comparison and a document.

:func:`explore` shows a word explorer (type or pick a term: its frequency by
group, a sortable concordance with context width and regex, its collocates
and its dispersion), a comparison explorer (two groups: keyness table and
plot) and a document viewer that highlights the term. The panels are linked:
picking a collocate or a keyword makes it the term of every panel.

The corpus is tokenised once (:class:`~toolkit.analysis.termindex.TermIndex`, through
the token cache), so a new term is only lookups. Each explorer displays as
ipywidgets in a front end that runs them, and as a static HTML table and
figure of its initial state everywhere else: papermill, nbconvert, a front end
without a widget manager (the same output carries both), and as plain text in
a terminal. Corpus text is always escaped.
"""

from __future__ import annotations

import base64
import html
import io
import re
import time
from collections.abc import Callable
from typing import Any, Literal

import pandas as pd

from toolkit.analysis.termindex import TermIndex
from toolkit.counting.terms import group_key, sort_groups
from toolkit.progress import widgets_available
from toolkit.tokens.options import TokenOptions
from toolkit.views.display import table_html, table_text

#: Characters of a document the viewer shows.
MAX_CHARS = 100_000
REST = "(the rest)"
ENGLISH = "(general English)"
WHOLE = "(whole corpus)"


def _figure(width: float, height: float) -> Any:
    """Return a matplotlib Figure outside pyplot: nothing is shown or kept unless asked."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=90, layout="constrained")


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _img(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}"/>'


class _Panel:
    """What every explorer shares: text, static HTML + PNG, and the widget view when one can show."""

    title = ""

    def __init__(self) -> None:
        self._widget: Any = None
        self._busy = False
        self.seconds = 0.0

    # subclasses give these
    def figure(self) -> Any:  # pragma: no cover - abstract
        """Return the panel's figure for its current state."""
        raise NotImplementedError

    def _html_body(self, png: bytes) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def _text_body(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def _build(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _refresh(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def widget(self) -> Any:
        """The ipywidgets view, built on first use and kept in step with the panel."""
        if self._widget is None:
            self._widget = self._build()
        return self._widget

    def png(self) -> bytes:
        """Return the panel's figure as PNG bytes."""
        return _png(self.figure())

    def to_html(self) -> str:
        """Return the static view: escaped tables and the figure as an embedded PNG."""
        return f'<div class="toolkit-explorer"><h3>{html.escape(self.title)}</h3>{self._html_body(self.png())}</div>'

    def __repr__(self) -> str:
        return f"{self.title}\n{self._text_body()}"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        png = self.png()
        data: dict[str, Any] = {
            "text/plain": repr(self),
            "text/html": f'<div class="toolkit-explorer"><h3>{html.escape(self.title)}</h3>'
            f"{self._html_body(png)}</div>",
            "image/png": base64.b64encode(png).decode("ascii"),
        }
        if widgets_available():
            view = self.widget._repr_mimebundle_()
            data.update({k: v for k, v in view.items() if k != "text/plain"})
        return data

    def _status(self, text: str) -> str:
        return f'<p class="toolkit-status">{html.escape(text)}</p>'


def _kwic_html(table: pd.DataFrame, n: int) -> str:
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
    note = f"<p><em>showing {len(shown)} of {len(table)} rows</em></p>" if len(shown) < len(table) else ""
    return f'<table class="toolkit-kwic">{head}{rows}</table>{note}'


class WordExplorer(_Panel):
    """A term's frequency by group, concordance, collocates and dispersion, updated together.

    Made by :func:`word_explorer` or :func:`explore`. Set :attr:`term` (or
    call :meth:`set_term`, or type in the widget's box, or pick a collocate)
    and every table and the figure follow. Functions in :attr:`listeners`
    are called with the new term, which links other panels.
    """

    title = "Word explorer"

    def __init__(
        self,
        index: TermIndex,
        term: str = "",
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
        self.term = ""
        self.error = ""
        self.set_term(term)

    def set_term(self, term: str, **changes: Any) -> None:
        """Show ``term`` (and change ``window``, ``regex``, ``sort``, ``min_count`` if given)."""
        for name, value in changes.items():
            if name not in ("window", "regex", "sort", "min_count"):
                raise TypeError(f"unknown setting {name!r}; expected window, regex, sort or min_count")
            setattr(self, name, value)
        started = time.perf_counter()
        self.term = term.strip()
        self.error = ""
        index = self.index
        try:
            if self.term:
                self.kwic = index.kwic(self.term, window=self.window, regex=self.regex, sort=self.sort or None)
                self.frequency = index.frequency_table(self.term, regex=self.regex)
                self.collocates = index.collocates(
                    self.term, window=self.window, min_count=self.min_count, regex=self.regex
                )
                self.positions = index.positions(self.term, regex=self.regex)
                self.dp = index.dp(self.term, regex=self.regex)
        except ValueError as err:  # a bad regular expression: say so, keep the panels
            self.error = str(err)
        if not self.term or self.error:
            self.kwic = pd.DataFrame(columns=["doc_id", "position", "left", "keyword", "right"])
            self.frequency = pd.DataFrame(columns=[index.by or "part", "term", "n", "per_million", "docs"])
            self.collocates = pd.DataFrame(columns=["collocate", "n"])
            self.positions = pd.DataFrame(columns=["doc_id", "term", "position", "offset"])
            self.dp = float("nan")
        self.seconds = time.perf_counter() - started
        if self._widget is not None:
            self._refresh()
        for listener in self.listeners:
            listener(self.term)

    def summary(self) -> str:
        """Return one sentence on the current term."""
        if self.error:
            return self.error
        if not self.term:
            return "Type a term (wildcards * and ?, or a regular expression with regex)."
        docs = self.kwic["doc_id"].nunique()
        dp = "" if self.dp != self.dp else f"; Gries's DP {self.dp:.2f}"  # NaN check
        return (
            f"{self.term}: {len(self.kwic)} occurrences in {docs} of {len(self.index)} documents{dp}"
            f" (looked up in {self.seconds:.3f} s)"
        )

    def figure(self) -> Any:
        """Return frequency by group (per million) above the dispersion plot."""
        from toolkit.views.plots import plot_dispersion

        groups = len(self.frequency)
        fig = _figure(max(7.0, min(14.0, 0.3 * groups + 3)), 5.2)
        top, bottom = fig.subplots(2, 1, height_ratios=[3, 2])
        column = self.frequency.columns[0] if len(self.frequency.columns) else "part"
        if self.term and not self.error:
            labels = [str(v) for v in self.frequency[column]]
            top.bar(range(len(labels)), self.frequency["per_million"], color="#4c72b0")
            top.set_xticks(range(len(labels)), labels, rotation=60 if len(labels) > 10 else 0, fontsize=8)
            top.set(ylabel="per million", title=f"'{self.term}' by {column}")
            plot_dispersion(self.positions, ax=bottom)
        else:
            for ax in (top, bottom):
                ax.set_axis_off()
            top.text(0.5, 0.5, self.summary(), ha="center", va="center", wrap=True)
        return fig

    def _html_body(self, png: bytes) -> str:
        return (
            self._status(self.summary())
            + _img(png, f"frequency and dispersion of {self.term}")
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
            value=self.term,
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

        def on_term(change: dict) -> None:
            if not self._busy:
                self.set_term(change["new"])

        def on_setting(name: str) -> Callable[[dict], None]:
            def handler(change: dict) -> None:
                if not self._busy:
                    self.set_term(self.term, **{name: change["new"] or None if name == "sort" else change["new"]})

            return handler

        def on_pick(change: dict) -> None:
            if not self._busy and change["new"]:
                self.set_term(change["new"])

        self.term_box.observe(on_term, names="value")
        self.regex_box.observe(on_setting("regex"), names="value")
        self.window_box.observe(on_setting("window"), names="value")
        self.sort_box.observe(on_setting("sort"), names="value")
        self.collocate_picker.observe(on_pick, names="value")
        box = w.VBox(
            [
                w.HBox([self.term_box, self.regex_box, self.window_box, self.sort_box]),
                self.status,
                self.plot,
                w.HBox([self.frequency_html, w.VBox([self.collocates_html, self.collocate_picker])]),
                w.HTML("<strong>Concordance</strong>"),
                self.kwic_html,
            ]
        )
        self._widget = box
        self._refresh()
        return box

    def _refresh(self) -> None:
        self._busy = True
        try:
            self.term_box.value = self.term
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
        finally:
            self._busy = False


class CompareExplorer(_Panel):
    """Keyness of one group against another, the rest, or general English, with its plot.

    Made by :func:`compare_explorer` or :func:`explore`. Picking a keyword
    (the widget's list, or :meth:`pick`) calls the :attr:`listeners`.
    """

    title = "Comparison explorer"

    def __init__(
        self,
        corpus: pd.DataFrame,
        by: str | None = None,
        *,
        target: str | None = None,
        reference: str | None = None,
        n: int = 20,
        min_count: int = 1,
        options: TokenOptions | None = None,
        **token_changes: Any,
    ) -> None:
        super().__init__()
        self.corpus, self.by, self.n, self.min_count = corpus, by, n, min_count
        self.options, self.token_changes = options, token_changes
        self.listeners: list[Callable[[str], None]] = []
        if by:
            if by not in corpus.columns:
                raise ValueError(f"no field {by!r} to compare by; the corpus has {list(corpus.columns)}")
            self.labels = corpus[by].map(group_key)
            self.targets = sort_groups(set(self.labels))
        else:
            self.labels = pd.Series([WHOLE] * len(corpus), index=corpus.index)
            self.targets = [WHOLE]
        self.set_groups(target or self.targets[0], reference)

    def references(self, target: str) -> list[str]:
        """Return what ``target`` can be compared with: other groups, the rest, general English."""
        others = [g for g in self.targets if g != target]
        return [*others, REST, ENGLISH] if others else [ENGLISH]

    def set_groups(self, target: str, reference: str | None = None) -> None:
        """Compare ``target`` with ``reference`` (a group, ``"(the rest)"`` or ``"(general English)"``)."""
        from toolkit.analysis.keyness import keyness

        if target not in self.targets:
            raise ValueError(f"no group {target!r}; groups are {self.targets}")
        choices = self.references(target)
        reference = reference or choices[0]
        if reference not in choices:
            raise ValueError(f"cannot compare {target!r} with {reference!r}; choose one of {choices}")
        started = time.perf_counter()
        self.target, self.reference = target, reference
        chosen = self.corpus[self.labels == target]
        common = {"min_count": self.min_count, "options": self.options, **self.token_changes}
        if reference == ENGLISH:
            self.table = keyness(chosen, reference="english", **common)
        elif reference == REST:
            self.table = keyness(self.corpus, by=self.by, target=target, **common)
        else:
            self.table = keyness(chosen, reference=self.corpus[self.labels == reference], **common)
        self.seconds = time.perf_counter() - started
        if self._widget is not None:
            self._refresh()

    def pick(self, term: str) -> None:
        """Make ``term`` the term of the linked panels."""
        for listener in self.listeners:
            listener(term)

    def summary(self) -> str:
        """Return one sentence on the comparison."""
        where = f"{self.by} = {self.target}" if self.by else self.target
        return f"{where} compared with {self.reference}: {len(self.table)} terms (in {self.seconds:.2f} s)"

    def figure(self) -> Any:
        """Return the keyness plot (strongest keywords of each side)."""
        from toolkit.views.plots import plot_keyness

        fig = _figure(7, 6)
        ax = fig.subplots()
        if len(self.table):
            plot_keyness(self.table, 10, ax=ax)
        else:
            ax.set_axis_off()
        return fig

    def _columns(self) -> pd.DataFrame:
        return self.table[["term", "n_target", "n_reference", "g2", "p_value", "log_ratio"]]

    def _html_body(self, png: bytes) -> str:
        return self._status(self.summary()) + _img(png, "keyness") + table_html(self._columns(), self.n)

    def _text_body(self) -> str:
        return self.summary() + "\n" + table_text(self._columns(), self.n)

    def _build(self) -> Any:
        import ipywidgets as w

        self.target_box = w.Dropdown(options=self.targets, value=self.target, description="target")
        self.reference_box = w.Dropdown(
            options=self.references(self.target), value=self.reference, description="reference"
        )
        self.status = w.HTML()
        self.plot = w.Image(format="png")
        self.plot.add_class("toolkit-keyness-plot")
        self.table_html = w.HTML()
        self.keyword_picker = w.Select(options=[], rows=10, description="explore")
        self.keyword_picker.add_class("toolkit-keyword-picker")

        def on_target(change: dict) -> None:
            if not self._busy:
                self.set_groups(change["new"])

        def on_reference(change: dict) -> None:
            if not self._busy and change["new"]:
                self.set_groups(self.target, change["new"])

        def on_pick(change: dict) -> None:
            if not self._busy and change["new"]:
                self.pick(change["new"])

        self.target_box.observe(on_target, names="value")
        self.reference_box.observe(on_reference, names="value")
        self.keyword_picker.observe(on_pick, names="value")
        box = w.VBox(
            [
                w.HBox([self.target_box, self.reference_box]),
                self.status,
                w.HBox([self.plot, self.keyword_picker]),
                self.table_html,
            ]
        )
        self._widget = box
        self._refresh()
        return box

    def _refresh(self) -> None:
        self._busy = True
        try:
            self.target_box.value = self.target
            self.reference_box.options = self.references(self.target)
            self.reference_box.value = self.reference
            self.status.value = self._status(self.summary())
            self.plot.value = self.png()
            self.table_html.value = table_html(self._columns(), self.n)
            top = self.table.head(self.n)
            self.keyword_picker.options = [(f"{t} ({g:.1f})", t) for t, g in zip(top["term"], top["g2"], strict=True)]
            self.keyword_picker.value = None
        finally:
            self._busy = False


class DocumentViewer(_Panel):
    """One document's text, escaped, with the term's occurrences marked.

    Made by :func:`document_viewer` or :func:`explore`. The document list
    puts those containing the term first (most occurrences first).
    """

    title = "Document viewer"

    def __init__(self, index: TermIndex, term: str = "", *, doc_id: str | None = None, regex: bool = False) -> None:
        super().__init__()
        self.index, self.regex = index, regex
        self.term = ""
        self.doc_id = doc_id or (index.doc_ids[0] if len(index) else "")
        self.set_term(term, doc_id=doc_id)

    def set_term(self, term: str, *, doc_id: str | None = None, regex: bool | None = None) -> None:
        """Mark ``term``; show ``doc_id``, or the document where the term is most frequent."""
        self.term = term.strip()
        if regex is not None:
            self.regex = regex
        try:
            self.found = self.index.documents_with(self.term, regex=self.regex) if self.term else []
        except ValueError:
            self.found = []
        if doc_id is not None:
            if doc_id not in self.index.doc_ids:
                raise ValueError(f"no document {doc_id!r}")
            self.doc_id = doc_id
        elif self.found:
            self.doc_id = self.found[0][0]
        if self._widget is not None:
            self._refresh()

    def highlighted(self) -> str:
        """Return the document as escaped HTML with the term's occurrences in ``<mark>``."""
        text = self.index.texts[self.index.doc_ids.index(self.doc_id)] if self.doc_id else ""
        cut = text[:MAX_CHARS]
        forms = self.index.surface_forms(self.doc_id, self.term, regex=self.regex) if self.term and self.found else []
        if forms:
            pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")
            pieces, last = [], 0
            for match in pattern.finditer(cut):
                pieces.append(html.escape(cut[last : match.start()]))
                pieces.append(f"<mark>{html.escape(match.group())}</mark>")
                last = match.end()
            pieces.append(html.escape(cut[last:]))
            body = "".join(pieces)
        else:
            body = html.escape(cut)
        note = f"<p><em>showing {len(cut):,} of {len(text):,} characters</em></p>" if len(cut) < len(text) else ""
        style = "white-space:pre-wrap;max-height:24em;overflow:auto;border:1px solid #ddd;padding:0.5em"
        return f'<div class="toolkit-document" style="{style}">{body}</div>{note}'

    def summary(self) -> str:
        """Return one sentence on what is shown."""
        hits = dict(self.found).get(self.doc_id, 0)
        if not self.term:
            return f"{self.doc_id}"
        return f"{self.doc_id}: {hits} occurrence(s) of {self.term}; {len(self.found)} document(s) contain it"

    def figure(self) -> None:
        """Return None: the viewer has no figure."""
        return None

    def png(self) -> bytes:
        """Return no image: the viewer shows text."""
        return b""

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        data = super()._repr_mimebundle_(include, exclude)
        data.pop("image/png", None)
        return data

    def _html_body(self, png: bytes) -> str:
        return self._status(self.summary()) + self.highlighted()

    def _text_body(self) -> str:
        text = self.index.texts[self.index.doc_ids.index(self.doc_id)] if self.doc_id else ""
        return self.summary() + "\n" + (text[:2000] + ("…" if len(text) > 2000 else ""))

    def _options(self) -> list[tuple[str, str]]:
        first = [(f"{d} ({c})", d) for d, c in self.found]
        seen = {d for _, d in first}
        return first + [(d, d) for d in self.index.doc_ids if d not in seen][:1000]

    def _build(self) -> Any:
        import ipywidgets as w

        self.document_box = w.Dropdown(options=self._options(), value=self.doc_id, description="document")
        self.status = w.HTML()
        self.text_html = w.HTML()
        self.text_html.add_class("toolkit-document-panel")

        def on_document(change: dict) -> None:
            if not self._busy and change["new"]:
                self.set_term(self.term, doc_id=change["new"])

        self.document_box.observe(on_document, names="value")
        box = w.VBox([self.document_box, self.status, self.text_html])
        self._widget = box
        self._refresh()
        return box

    def _refresh(self) -> None:
        self._busy = True
        try:
            self.document_box.options = self._options()
            self.document_box.value = self.doc_id
            self.status.value = self._status(self.summary())
            self.text_html.value = self.highlighted()
        finally:
            self._busy = False


class Explorer(_Panel):
    """The three panels, linked: a term picked anywhere becomes the term of the word explorer and viewer."""

    title = "Corpus explorer"

    def __init__(self, words: WordExplorer, compare: CompareExplorer, document: DocumentViewer) -> None:
        super().__init__()
        self.words, self.compare, self.document = words, compare, document
        words.listeners.append(lambda term: document.set_term(term, regex=words.regex))
        compare.listeners.append(lambda term: words.set_term(term))

    @property
    def term(self) -> str:
        """The term every panel shows."""
        return self.words.term

    def set_term(self, term: str) -> None:
        """Show ``term`` in every panel."""
        self.words.set_term(term)

    def png(self) -> bytes:
        """Return the word explorer's figure as PNG bytes."""
        return self.words.png()

    def _html_body(self, png: bytes) -> str:
        parts = [
            ("Word explorer", self.words._html_body(png)),
            ("Comparison explorer", self.compare._html_body(self.compare.png())),
            ("Document viewer", self.document._html_body(b"")),
        ]
        return "".join(f"<h4>{title}</h4>{body}" for title, body in parts)

    def _text_body(self) -> str:
        return "\n\n".join(repr(panel) for panel in (self.words, self.compare, self.document))

    def _build(self) -> Any:
        import ipywidgets as w

        return w.VBox(
            [
                w.HTML("<h3>Word explorer</h3>"),
                self.words.widget,
                w.HTML("<h3>Comparison explorer</h3>"),
                self.compare.widget,
                w.HTML("<h3>Document viewer</h3>"),
                self.document.widget,
            ]
        )

    def _refresh(self) -> None:
        pass


def word_explorer(
    corpus: pd.DataFrame | TermIndex,
    term: str = "",
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
    term : str, default=""
        The first term shown; wildcards ``*`` and ``?``, or a regular
        expression with ``regex=True``; several words match a phrase.
    by : str or None, default=None
        Field to count the term by; ``None`` cuts the corpus into ten equal parts.
    window : int, default=5
        Tokens of context in the concordance and of the collocate window.
    n : int, default=20
        Rows shown per table.
    min_count : int, default=2
        Collocates seen at least this often.
    regex : bool, default=False
        Read ``term`` as regular expressions.
    sort : {"left", "right"} or None, default=None
        Concordance order, as in :func:`~toolkit.kwic`.
    options : TokenOptions or None
        Tokenisation.

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
    >>> explorer.set_term("talks")
    >>> len(explorer.kwic)
    1
    """
    index = corpus if isinstance(corpus, TermIndex) else TermIndex(corpus, by=by, options=options, **token_changes)
    return WordExplorer(index, term, window=window, n=n, min_count=min_count, regex=regex, sort=sort)


def compare_explorer(
    corpus: pd.DataFrame,
    by: str | None = None,
    *,
    target: str | None = None,
    reference: str | None = None,
    n: int = 20,
    min_count: int = 1,
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> CompareExplorer:
    """Compare two groups: the keyness table and plot of :func:`~toolkit.analysis.keyness`.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The corpus table.
    by : str or None, default=None
        The grouping field; ``None`` compares the whole corpus with general English.
    target, reference : str or None
        Group values; ``reference`` may also be ``"(the rest)"`` or
        ``"(general English)"``. By default the first group and the next one.
    n : int, default=20
        Rows shown.
    min_count : int, default=1
        As in :func:`~toolkit.analysis.keyness`.

    Returns
    -------
    CompareExplorer
        Its ``table`` is the keyness table.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "side": ["x", "y"], "text": ["war war peace", "peace talks"]})
    >>> compare_explorer(corpus, "side").table[["term", "n_target", "n_reference"]]
        term  n_target  n_reference
    0    war         2            0
    1  peace         1            1
    2  talks         0            1
    """
    return CompareExplorer(
        corpus, by, target=target, reference=reference, n=n, min_count=min_count, options=options, **token_changes
    )


def document_viewer(
    corpus: pd.DataFrame | TermIndex,
    term: str = "",
    *,
    doc_id: str | None = None,
    regex: bool = False,
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> DocumentViewer:
    """Read a document with a term highlighted; the text is escaped, never run as markup.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["<script>x</script> Peace, peace."]})
    >>> document_viewer(corpus, "peace").highlighted()  # doctest: +ELLIPSIS
    '<div ...>&lt;script&gt;x&lt;/script&gt; <mark>Peace</mark>, <mark>peace</mark>.</div>'
    """
    index = corpus if isinstance(corpus, TermIndex) else TermIndex(corpus, options=options, **token_changes)
    return DocumentViewer(index, term, doc_id=doc_id, regex=regex)


def explore(
    corpus: pd.DataFrame,
    term: str = "",
    *,
    by: str | None = None,
    window: int = 5,
    n: int = 20,
    min_count: int = 2,
    regex: bool = False,
    sort: Literal["left", "right"] | None = None,
    target: str | None = None,
    reference: str | None = None,
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> Explorer:
    """Explore a corpus with linked panels: a word, a comparison of groups, a document.

    The corpus is tokenised once; picking a collocate or a keyword makes it
    the term of the word explorer and the document viewer. Parameters are
    those of :func:`word_explorer` and :func:`compare_explorer`
    (``min_count`` applies to collocates).

    Returns
    -------
    Explorer
        ``words``, ``compare`` and ``document`` are the three panels.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "side": ["x", "y"],
    ...     "text": ["war war peace talks", "peace talks again"]})
    >>> explorer = explore(corpus, "peace", by="side")
    >>> explorer.compare.pick("war")
    >>> explorer.term, explorer.document.doc_id
    ('war', 'a')
    """
    index = TermIndex(corpus, by=by, options=options, **token_changes)
    words = WordExplorer(index, term, window=window, n=n, min_count=min_count, regex=regex, sort=sort)
    compare = CompareExplorer(corpus, by, target=target, reference=reference, n=n, options=options, **token_changes)
    document = DocumentViewer(index, term, regex=regex)
    return Explorer(words, compare, document)
