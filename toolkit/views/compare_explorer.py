"""The comparison explorer: keyness of one group against a reference, with its plot.

The reference takes the values of :func:`~toolkit.keyness` (one vocabulary
everywhere): ``None`` for the rest of the corpus, ``"english"`` for general
English, a value of ``by`` for another group, a corpus table, a path or
``"nltk:NAME"``. The labels "(the rest)" and "(general English)" are only
what the panel shows.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.counting.texts import group_key, sort_groups
from toolkit.deprecation import warn_deprecated
from toolkit.tokens.options import TokenOptions
from toolkit.views.display import table_html, table_text
from toolkit.views.panel import Panel, blank_figure, img_tag

#: What the panel shows for ``reference=None``: the documents not in the target.
REST = "(the rest)"
#: What the panel shows for ``reference="english"``: general English (wordfreq).
ENGLISH = "(general English)"
#: The only target when there is no ``by``: the corpus as one whole.
WHOLE = "(whole corpus)"
#: What the panel shows for a corpus table given as the reference.
OTHER = "(reference corpus)"


def _positional_by(function: str, positional: tuple[Any, ...], by: str | None) -> str | None:
    """Return ``by``, taken from a deprecated positional argument when one was given."""
    if not positional:
        return by
    if len(positional) > 1 or by is not None:
        raise TypeError(f"{function}() takes the corpus and keyword arguments only (by=...)")
    warn_deprecated(f"{function}(corpus, by)", f"{function}(corpus, by=by)", stacklevel=4)
    return positional[0]


class CompareExplorer(Panel):
    """Keyness of one group against a reference (the rest, another group, general English), with its plot.

    Made by :func:`compare_explorer` or :func:`explore`; the parameters are
    those of :func:`compare_explorer`. Picking a keyword (the widget's
    list, or :meth:`pick`) calls the :attr:`listeners`. :attr:`reference`
    holds the ``reference=`` value, :attr:`reference_label` what is shown.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "side": ["x", "y", "z"],
    ...     "text": ["war war peace", "peace talks", "peace trade"]})
    >>> explorer = CompareExplorer(corpus, by="side", target="x")
    >>> explorer.reference, explorer.reference_label
    (None, '(the rest)')
    >>> explorer.set_groups("x", "y")
    >>> explorer.summary()  # doctest: +ELLIPSIS
    'side = x compared with y: 3 terms (in ... s)'
    """

    title = "Comparison explorer"

    def __init__(
        self,
        corpus: pd.DataFrame,
        *positional: str | None,
        by: str | None = None,
        target: Any = None,
        reference: Any = None,
        n: int = 20,
        min_count: int = 1,
        options: TokenOptions | None = None,
        **token_changes: Any,
    ) -> None:
        super().__init__()
        by = _positional_by("CompareExplorer", positional, by)
        self.corpus, self.by, self.n, self.min_count = corpus, by, n, min_count
        self.options, self.token_changes = options, token_changes
        self.listeners: list[Callable[[str], None]] = []
        self._corpora: dict[str, Any] = {}  # label -> another corpus given as the reference
        if by:
            if by not in corpus.columns:
                raise ValueError(f"no field {by!r} to compare by; the corpus has {list(corpus.columns)}")
            self.targets = sort_groups(set(corpus[by].map(group_key)))
        else:
            self.targets = [WHOLE]
        self.set_groups(self.targets[0] if target is None else target, reference)

    def references(self, target: Any) -> list[str]:
        """Return the labels of what ``target`` can be compared with: other groups, the rest, general English.

        Examples
        --------
        >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "side": ["x", "y"], "text": ["war", "peace"]})
        >>> compare_explorer(corpus, by="side").references("x")
        ['y', '(the rest)', '(general English)']
        """
        others = [g for g in self.targets if g != group_key(target)]
        return [*others, REST, ENGLISH] if others else [ENGLISH]

    def _resolve(self, target: str, reference: Any) -> tuple[str, Any]:
        """Return the label and the checked ``reference=`` value (None, "english", a group, a corpus)."""
        if isinstance(reference, str) and reference in (REST, ENGLISH) and reference not in self.targets:
            new = "None" if reference == REST else '"english"'
            warn_deprecated(f'reference="{reference}"', f"reference={new}", stacklevel=5)
            reference = None if reference == REST else "english"
        others = [g for g in self.targets if g != target]
        if reference is None:
            return (REST, None) if others else (ENGLISH, "english")  # no rest: the whole vs general English
        if isinstance(reference, str) and reference == "english":
            return ENGLISH, "english"
        if isinstance(reference, pd.DataFrame):
            return OTHER, reference
        key = group_key(reference)
        if key == target and self.by:
            raise ValueError(f"cannot compare {self.by} = {target} with itself; choose another of {others}")
        if key in others:
            return key, key
        if isinstance(reference, os.PathLike) or (
            isinstance(reference, str) and (reference.startswith("nltk:") or Path(reference).exists())
        ):
            return str(reference), reference
        groups = f", or one of the groups {others}" if others else ""
        raise ValueError(
            f"cannot compare {target!r} with {reference!r}: reference is None (the rest), 'english',"
            f" a corpus table, a path or 'nltk:NAME'{groups}"
        )

    def set_groups(self, target: Any, reference: Any = None) -> None:
        """Compare ``target`` with ``reference`` and redraw.

        Parameters
        ----------
        target : str or any
            A value of ``by`` (the whole corpus without ``by``).
        reference : None, "english", a value of ``by``, pandas.DataFrame, path or "nltk:NAME"
            As in :func:`compare_explorer`.

        Examples
        --------
        >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "side": ["x", "y"], "text": ["war war", "peace"]})
        >>> explorer = compare_explorer(corpus, by="side")
        >>> explorer.set_groups("y", "english")
        >>> explorer.target, explorer.reference, explorer.reference_label
        ('y', 'english', '(general English)')
        """
        from toolkit.analysis.keyness import keyness

        key = group_key(target)
        if key not in self.targets:
            raise ValueError(f"no group {target!r}; groups are {self.targets}")
        label, value = self._resolve(key, reference)
        started = time.perf_counter()
        # keyness picks the target, the rest or another group itself (and names the comparison)
        group = {"by": self.by, "target": key} if self.by else {}
        table = keyness(
            self.corpus, reference=value, min_count=self.min_count, options=self.options, **group, **self.token_changes
        )
        if label not in (REST, ENGLISH) and not (isinstance(value, str) and value in self.targets):
            self._corpora[label] = value  # another corpus: it stays a choice
        self.table, self.target, self.reference, self.reference_label = table, key, value, label
        self.seconds = time.perf_counter() - started
        self._update_widgets()

    def _choices(self) -> dict[str, Any]:
        """Return the reference dropdown: label -> ``reference=`` value (other corpora given stay listed)."""
        choices: dict[str, Any] = {label: label for label in self.references(self.target)}
        if REST in choices:
            choices[REST] = None
        choices[ENGLISH] = "english"
        return {**choices, **self._corpora}

    def pick(self, term: str) -> None:
        """Make ``term`` the pattern of the linked panels."""
        for listener in self.listeners:
            listener(term)

    def summary(self) -> str:
        """Return one sentence on the comparison."""
        where = f"{self.by} = {self.target}" if self.by else self.target
        left_out = self.table.attrs.get("left_out", [])
        skipped = (
            f"; {len(left_out):,} not compared, as wordfreq reads them as other words or pools them"
            f" ({', '.join(row[0] for row in left_out[:5])}{' ...' if len(left_out) > 5 else ''})"
            if left_out
            else ""
        )
        terms = f"{len(self.table):,} terms{skipped}"
        return f"{where} compared with {self.reference_label}: {terms} (in {self.seconds:.2f} s)"

    def figure(self) -> Any:
        """Return the keyness plot (strongest keywords of each side)."""
        from toolkit.views.plots import plot_keyness

        fig = blank_figure(7, 6)
        ax = fig.subplots()
        if len(self.table):
            plot_keyness(self.table, 10, ax=ax)
        else:
            ax.set_axis_off()
        return fig

    def _columns(self) -> pd.DataFrame:
        return self.table[["term", "n_target", "n_reference", "g2", "p_value", "log_ratio"]]

    def _html_body(self, png: bytes) -> str:
        return self._status(self.summary()) + img_tag(png, "keyness") + table_html(self._columns(), self.n)

    def _text_body(self) -> str:
        return self.summary() + "\n" + table_text(self._columns(), self.n)

    def _build(self) -> Any:
        import ipywidgets as w

        self.target_box = w.Dropdown(options=self.targets, value=self.target, description="target")
        self.reference_box = w.Dropdown(
            options=list(self._choices()), value=self.reference_label, description="reference"
        )
        self.status = w.HTML()
        self.plot = w.Image(format="png")
        self.plot.add_class("toolkit-keyness-plot")
        self.table_html = w.HTML()
        self.keyword_picker = w.Select(options=[], rows=10, description="explore")
        self.keyword_picker.add_class("toolkit-keyword-picker")

        def on_target(change: dict) -> None:
            if not self._busy:  # keep the reference unless it is the new target
                self.set_groups(change["new"], None if self.reference == change["new"] else self.reference)

        def on_reference(change: dict) -> None:
            if not self._busy and change["new"]:
                self.set_groups(self.target, self._choices()[change["new"]])

        def on_pick(change: dict) -> None:
            if not self._busy and change["new"]:
                self.pick(change["new"])

        self.target_box.observe(on_target, names="value")
        self.reference_box.observe(on_reference, names="value")
        self.keyword_picker.observe(on_pick, names="value")
        return w.VBox(
            [
                w.HBox([self.target_box, self.reference_box]),
                self.status,
                w.HBox([self.plot, self.keyword_picker]),
                self.table_html,
            ]
        )

    def _refresh(self) -> None:
        self.target_box.value = self.target
        self.reference_box.options = list(self._choices())
        self.reference_box.value = self.reference_label
        self.status.value = self._status(self.summary())
        self.plot.value = self.png()
        self.table_html.value = table_html(self._columns(), self.n)
        top = self.table.head(self.n)
        self.keyword_picker.options = [(f"{t} ({g:.1f})", t) for t, g in zip(top["term"], top["g2"], strict=True)]
        self.keyword_picker.value = None


def compare_explorer(
    corpus: pd.DataFrame,
    *positional: str | None,
    by: str | None = None,
    target: Any = None,
    reference: Any = None,
    n: int = 20,
    min_count: int = 1,
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> CompareExplorer:
    """Compare a group with a reference: the keyness table and plot of :func:`~toolkit.keyness`.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The corpus table.
    by : str or None, default=None
        The grouping field, keyword-only (a positional ``by`` still works,
        with a ``DeprecationWarning``); ``None`` means no grouping: the
        corpus as one whole, compared with general English.
    target : str or any, default=None
        The group looked at, a value of ``by``; ``None`` is the first group.
    reference : None, "english", a value of ``by``, pandas.DataFrame, path or "nltk:NAME"
        What the target is compared with: ``None`` the rest of the corpus
        (general English when there is no rest: no ``by``, or one group);
        ``"english"`` general English (wordfreq); a value of ``by`` that
        group; a corpus table, a path or ``"nltk:NAME"`` another corpus.
        The labels "(the rest)" and "(general English)" are deprecated here.
    n : int, default=20
        Rows shown.
    min_count : int, default=1
        As in :func:`~toolkit.keyness`.
    options : TokenOptions or None
        Tokenisation.
    **token_changes
        Single tokenisation settings, e.g. ``lowercase=False``.

    Returns
    -------
    CompareExplorer
        Its ``table`` is the keyness table.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "side": ["x", "y"], "text": ["war war peace", "peace talks"]})
    >>> compare_explorer(corpus, by="side").table[["term", "n_target", "n_reference"]]
        term  n_target  n_reference
    0    war         2            0
    1  peace         1            1
    2  talks         0            1
    """
    by = _positional_by("compare_explorer", positional, by)
    return CompareExplorer(
        corpus, by=by, target=target, reference=reference, n=n, min_count=min_count, options=options, **token_changes
    )
