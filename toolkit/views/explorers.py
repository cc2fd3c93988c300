"""Explorers for JupyterLab: linked panels on a word, a comparison and a document.

:func:`explore` shows a word explorer (type or pick a pattern: its frequency
by group, a sortable concordance with context width and regex, its
collocates and its dispersion), a comparison explorer (a group against a
reference: keyness table and plot) and a document viewer that marks the
pattern. The panels are linked: picking a collocate or a keyword makes it
the pattern of every panel. The single panels are
:func:`~toolkit.views.word_explorer.word_explorer`,
:func:`~toolkit.views.compare_explorer.compare_explorer` and
:func:`~toolkit.views.document_viewer.document_viewer`.

The corpus is tokenised once (:class:`~toolkit.analysis.termindex.TermIndex`, through
the token cache), so a new pattern is only lookups. Each explorer displays as
ipywidgets in a front end that runs them, and as a static HTML table and
figure of its initial state everywhere else: papermill, nbconvert, a front end
without a widget manager (the same output carries both), and as plain text in
a terminal. Corpus text is always escaped.
"""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd

from toolkit.analysis.termindex import TermIndex
from toolkit.deprecation import renamed_keywords, warn_deprecated
from toolkit.tokens.options import TokenOptions
from toolkit.views.compare_explorer import CompareExplorer
from toolkit.views.document_viewer import DocumentViewer
from toolkit.views.panel import Panel
from toolkit.views.word_explorer import WordExplorer


class Explorer(Panel):
    """The three panels, linked: a pattern picked anywhere becomes the pattern of the word explorer and viewer.

    Made by :func:`explore`.

    Parameters
    ----------
    words : WordExplorer
        The word explorer; the document viewer follows its pattern.
    compare : CompareExplorer
        The comparison explorer; a picked keyword becomes the pattern.
    document : DocumentViewer
        The document viewer.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["War and peace.", "Peace talks."]})
    >>> index = TermIndex(corpus)
    >>> explorer = Explorer(WordExplorer(index), CompareExplorer(corpus), DocumentViewer(index))
    >>> explorer.set_pattern("talks")
    >>> explorer.document.pattern, explorer.document.doc_id
    ('talks', 'b')
    """

    title = "Corpus explorer"

    def __init__(self, words: WordExplorer, compare: CompareExplorer, document: DocumentViewer) -> None:
        super().__init__()
        self.words, self.compare, self.document = words, compare, document
        words.listeners.append(lambda pattern: document.set_pattern(pattern, regex=words.regex))
        compare.listeners.append(lambda pattern: words.set_pattern(pattern))

    @property
    def pattern(self) -> str:
        """The pattern every panel shows."""
        return self.words.pattern

    @property
    def term(self) -> str:
        """Deprecated: the pattern every panel shows; use :attr:`pattern`."""
        warn_deprecated("Explorer.term", "Explorer.pattern")
        return self.words.pattern

    def set_pattern(self, pattern: str) -> None:
        """Show ``pattern`` in every panel."""
        self.words.set_pattern(pattern)

    def set_term(self, term: str) -> None:
        """Show ``term`` in every panel: a deprecated alias of :meth:`set_pattern`."""
        warn_deprecated("Explorer.set_term()", "Explorer.set_pattern()")
        self.words.set_pattern(term)

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


@renamed_keywords(term="pattern")
def explore(
    corpus: pd.DataFrame,
    pattern: str = "",
    *,
    by: str | None = None,
    window: int = 5,
    n: int = 20,
    min_count: int = 2,
    regex: bool = False,
    sort: Literal["left", "right"] | None = None,
    target: Any = None,
    reference: Any = None,
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> Explorer:
    """Explore a corpus with linked panels: a word, a comparison of groups, a document.

    The corpus is tokenised once; picking a collocate or a keyword makes it
    the pattern of the word explorer and the document viewer.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The corpus table.
    pattern : str, default=""
        The first pattern shown (``term=`` is its deprecated old name); see
        :func:`~toolkit.views.word_explorer.word_explorer`.
    by : str or None, default=None
        The grouping field; ``None`` means no grouping: the corpus as one
        whole (ten equal parts in the frequency panel; compared with general
        English).
    window, n, min_count, regex, sort
        As in :func:`~toolkit.views.word_explorer.word_explorer`
        (``min_count`` applies to collocates).
    target, reference
        As in :func:`~toolkit.views.compare_explorer.compare_explorer`:
        ``reference=None`` is the rest of the corpus, ``"english"`` general
        English, a value of ``by`` that group, or another corpus.
    options : TokenOptions or None
        Tokenisation.
    **token_changes
        Single tokenisation settings, e.g. ``lowercase=False``.

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
    >>> explorer.pattern, explorer.document.doc_id
    ('war', 'a')
    """
    index = TermIndex(corpus, by=by, options=options, **token_changes)
    words = WordExplorer(index, pattern, window=window, n=n, min_count=min_count, regex=regex, sort=sort)
    compare = CompareExplorer(corpus, by=by, target=target, reference=reference, n=n, options=options, **token_changes)
    document = DocumentViewer(index, pattern, regex=regex)
    return Explorer(words, compare, document)
