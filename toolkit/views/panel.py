"""The base of every explorer panel: text, static HTML with an embedded PNG, and the widget view.

A panel displays as ipywidgets in a front end that runs them, as escaped HTML
with its figure embedded as a PNG everywhere else (papermill, nbconvert, a
front end without a widget manager: the same output carries both), and as
plain text in a terminal.
"""

from __future__ import annotations

import base64
import html
import io
from typing import Any

from toolkit.progress import widgets_available


def blank_figure(width: float, height: float) -> Any:
    """Return a matplotlib Figure made outside pyplot: nothing is shown or kept unless asked.

    Parameters
    ----------
    width, height : float
        Size in inches (90 dots per inch).

    Returns
    -------
    matplotlib.figure.Figure
        With a constrained layout.

    Examples
    --------
    >>> blank_figure(4, 2).get_size_inches().tolist()
    [4.0, 2.0]
    """
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=90, layout="constrained")


def png_bytes(figure: Any) -> bytes:
    """Return a matplotlib figure drawn as PNG bytes.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        The figure to draw.

    Returns
    -------
    bytes
        The PNG file.

    Examples
    --------
    >>> png_bytes(blank_figure(1, 1))[:4]
    b'\\x89PNG'
    """
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def img_tag(png: bytes, alt: str) -> str:
    """Return an HTML ``<img>`` that embeds ``png`` (a data URL), with ``alt`` escaped.

    Parameters
    ----------
    png : bytes
        A PNG file.
    alt : str
        The image's text alternative (may hold corpus text: it is escaped).

    Returns
    -------
    str
        The ``<img>`` element.

    Examples
    --------
    >>> img_tag(b"\\x89PNG", 'the "<b>" plot')
    '<img src="data:image/png;base64,iVBORw==" alt="the &quot;&lt;b&gt;&quot; plot"/>'
    """
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}"/>'


class Panel:
    """What every explorer shares: text, static HTML + PNG, and the widget view when one can show.

    A subclass sets :attr:`title` and gives :meth:`figure` and the hooks
    ``_html_body(png)`` (escaped HTML under the title), ``_text_body()``
    (plain text), ``_build()`` (the ipywidgets view) and ``_refresh()``
    (set the widgets' values from the panel). After a change it calls
    ``_update_widgets()``, which runs ``_refresh`` once the widgets exist;
    ``_busy`` is true meanwhile, so that their observers do nothing then.

    Examples
    --------
    >>> class Note(Panel):
    ...     title = "Note"
    ...     def png(self):
    ...         return b""
    ...     def _html_body(self, png):
    ...         return self._status("<script> stays text")
    ...     def _text_body(self):
    ...         return "<script> stays text"
    >>> Note().to_html()
    '<div class="toolkit-explorer"><h3>Note</h3><p class="toolkit-status">&lt;script&gt; stays text</p></div>'
    >>> print(repr(Note()))
    Note
    <script> stays text
    """

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

    def _refresh(self) -> None:
        """Set the widgets' values from the panel's state (nothing to set by default)."""

    @property
    def widget(self) -> Any:
        """The ipywidgets view, built on first use and kept in step with the panel."""
        if self._widget is None:
            self._widget = self._build()
            self._update_widgets()
        return self._widget

    def _update_widgets(self) -> None:
        """Bring the widgets, if built, in step with the panel; their observers do nothing meanwhile."""
        if self._widget is None:
            return
        self._busy = True
        try:
            self._refresh()
        finally:
            self._busy = False

    def png(self) -> bytes:
        """Return the panel's figure as PNG bytes."""
        return png_bytes(self.figure())

    def to_html(self) -> str:
        """Return the static view: escaped tables and the figure as an embedded PNG."""
        return self._page(self.png())

    def _page(self, png: bytes) -> str:
        return f'<div class="toolkit-explorer"><h3>{html.escape(self.title)}</h3>{self._html_body(png)}</div>'

    def __repr__(self) -> str:
        return f"{self.title}\n{self._text_body()}"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        png = self.png()
        data: dict[str, Any] = {"text/plain": repr(self), "text/html": self._page(png)}
        if png:
            data["image/png"] = base64.b64encode(png).decode("ascii")
        if widgets_available():
            view = self.widget._repr_mimebundle_()
            data.update({k: v for k, v in view.items() if k != "text/plain"})
        return data

    def _status(self, text: str) -> str:
        return f'<p class="toolkit-status">{html.escape(text)}</p>'
