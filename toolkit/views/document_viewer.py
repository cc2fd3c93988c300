"""The document viewer: one document, escaped, with a pattern's occurrences marked.

Corpus text is always escaped: a ``<script>`` in a document stays text. The
viewer shows at most :data:`MAX_CHARS` characters of a document.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from toolkit.analysis.termindex import TermIndex
from toolkit.deprecation import renamed_keywords, warn_deprecated
from toolkit.tokens.options import TokenOptions
from toolkit.views.panel import Panel

#: Characters of a document the viewer shows.
MAX_CHARS = 100_000


class DocumentViewer(Panel):
    """One document's text, escaped, with a pattern's occurrences marked.

    Made by :func:`document_viewer` or :func:`explore`; the parameters are
    those of :func:`document_viewer`. The document list puts those
    containing the pattern first (most occurrences first).

    Examples
    --------
    >>> index = TermIndex(pd.DataFrame({"doc_id": ["a", "b"], "text": ["No talks.", "Peace talks, peace."]}))
    >>> viewer = DocumentViewer(index, "peace")
    >>> viewer.doc_id, viewer.found
    ('b', [('b', 2)])
    """

    title = "Document viewer"

    def __init__(self, index: TermIndex, pattern: str = "", *, doc_id: str | None = None, regex: bool = False) -> None:
        super().__init__()
        self.index, self.regex = index, regex
        self.pattern = ""
        self.doc_id = doc_id or (index.doc_ids[0] if len(index) else "")
        self.set_pattern(pattern, doc_id=doc_id)

    @property
    def term(self) -> str:
        """Deprecated: the pattern marked; use :attr:`pattern`."""
        warn_deprecated("DocumentViewer.term", "DocumentViewer.pattern")
        return self.pattern

    def set_term(self, term: str, *, doc_id: str | None = None, regex: bool | None = None) -> None:
        """Mark ``term``: a deprecated alias of :meth:`set_pattern`."""
        warn_deprecated("DocumentViewer.set_term()", "DocumentViewer.set_pattern()")
        self.set_pattern(term, doc_id=doc_id, regex=regex)

    def set_pattern(self, pattern: str, *, doc_id: str | None = None, regex: bool | None = None) -> None:
        """Mark ``pattern``; show ``doc_id``, or the document where the pattern is most frequent.

        Parameters
        ----------
        pattern : str
            A word, a glob, a phrase, or a regular expression when ``regex``
            is true; ``""`` marks nothing.
        doc_id : str or None, default=None
            The document to show; ``None`` keeps the current one when the
            pattern is not found.
        regex : bool or None, default=None
            Read ``pattern`` as a regular expression; ``None`` keeps the setting.

        Examples
        --------
        >>> index = TermIndex(pd.DataFrame({"doc_id": ["a", "b"], "text": ["War.", "Peace talks."]}))
        >>> viewer = DocumentViewer(index)
        >>> viewer.set_pattern("talks")
        >>> viewer.summary()
        'b: 1 occurrence(s) of talks; 1 document(s) contain it'
        """
        self.pattern = pattern.strip()
        if regex is not None:
            self.regex = regex
        try:
            self.found = self.index.documents_with(self.pattern, regex=self.regex) if self.pattern else []
        except ValueError:
            self.found = []
        if doc_id is not None:
            if doc_id not in self.index.doc_ids:
                raise ValueError(f"no document {doc_id!r}")
            self.doc_id = doc_id
        elif self.found:
            self.doc_id = self.found[0][0]
        self._update_widgets()

    def highlighted(self) -> str:
        """Return the document as escaped HTML with the pattern's occurrences in ``<mark>``.

        The marks are the occurrences :func:`~toolkit.kwic` lists, at their
        character offsets (a phrase across a line break too; a word in a
        boilerplate line that cleaning removed is not marked). At most
        :data:`MAX_CHARS` characters are shown, with "showing N of M characters".
        """
        text = self._text()
        cut = text[:MAX_CHARS]
        found = self.pattern and self.found
        spans = self.index.occurrences(self.doc_id, self.pattern, regex=self.regex) if found else []
        pieces, last = [], 0
        for start, end in spans:  # the occurrences the analyses count, at their offsets in the text
            if start >= len(cut):
                break
            pieces.append(html.escape(cut[last:start]))
            pieces.append(f"<mark>{html.escape(cut[start:end])}</mark>")
            last = end
        pieces.append(html.escape(cut[last:]))
        body = "".join(pieces)
        note = f"<p><em>showing {len(cut):,} of {len(text):,} characters</em></p>" if len(cut) < len(text) else ""
        style = "white-space:pre-wrap;max-height:24em;overflow:auto;border:1px solid #ddd;padding:0.5em"
        return f'<div class="toolkit-document" style="{style}">{body}</div>{note}'

    def summary(self) -> str:
        """Return one sentence on what is shown."""
        hits = dict(self.found).get(self.doc_id, 0)
        if not self.pattern:
            return f"{self.doc_id}"
        return f"{self.doc_id}: {hits} occurrence(s) of {self.pattern}; {len(self.found)} document(s) contain it"

    def figure(self) -> None:
        """Return None: the viewer has no figure."""
        return None

    def png(self) -> bytes:
        """Return no image: the viewer shows text."""
        return b""

    def _html_body(self, png: bytes) -> str:
        return self._status(self.summary()) + self.highlighted()

    def _text(self) -> str:
        """Return the text of the document shown ("" when the corpus has none)."""
        return self.index.texts[self.index.doc_ids.index(self.doc_id)] if self.doc_id else ""

    def _text_body(self) -> str:
        text = self._text()
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
                self.set_pattern(self.pattern, doc_id=change["new"])

        self.document_box.observe(on_document, names="value")
        return w.VBox([self.document_box, self.status, self.text_html])

    def _refresh(self) -> None:
        self.document_box.options = self._options()
        self.document_box.value = self.doc_id
        self.status.value = self._status(self.summary())
        self.text_html.value = self.highlighted()


@renamed_keywords(term="pattern")
def document_viewer(
    corpus: pd.DataFrame | TermIndex,
    pattern: str = "",
    *,
    doc_id: str | None = None,
    regex: bool = False,
    options: TokenOptions | None = None,
    **token_changes: Any,
) -> DocumentViewer:
    """Read a document with a pattern marked; the text is escaped, never run as markup.

    Parameters
    ----------
    corpus : pandas.DataFrame or TermIndex
        The corpus table (tokenised once, through the token cache), or an
        index already built.
    pattern : str, default=""
        What to mark: a word, wildcards ``*`` and ``?``, a phrase, or a
        regular expression with ``regex=True``. ``term=`` is its deprecated
        old name.
    doc_id : str or None, default=None
        The document shown; ``None`` shows the one where the pattern is
        most frequent (the first document without a pattern).
    regex : bool, default=False
        Read ``pattern`` as a regular expression.
    options : TokenOptions or None
        Tokenisation (the pattern matches tokens as the analyses do).
    **token_changes
        Single tokenisation settings, e.g. ``lowercase=False``.

    Returns
    -------
    DocumentViewer
        Displays as widgets in JupyterLab, as escaped HTML elsewhere, as
        text in a terminal.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["<script>x</script> Peace, peace."]})
    >>> document_viewer(corpus, "peace").highlighted()  # doctest: +ELLIPSIS
    '<div ...>&lt;script&gt;x&lt;/script&gt; <mark>Peace</mark>, <mark>peace</mark>.</div>'
    """
    index = corpus if isinstance(corpus, TermIndex) else TermIndex(corpus, options=options, **token_changes)
    return DocumentViewer(index, pattern, doc_id=doc_id, regex=regex)
