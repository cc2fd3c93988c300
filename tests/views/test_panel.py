"""The base panel: figures drawn outside pyplot, PNG embedded in escaped HTML, text in a terminal."""

from __future__ import annotations

import base64
import io

import matplotlib.image
import pytest

from toolkit.progress import widgets_available
from toolkit.views.panel import Panel, blank_figure, img_tag, png_bytes


class Bars(Panel):
    """A small real panel: a bar chart of counts and an escaped caption."""

    title = "Counts <of> words"

    def __init__(self, counts: dict[str, int]) -> None:
        super().__init__()
        self.counts = counts

    def figure(self):
        fig = blank_figure(3, 2)
        ax = fig.subplots()
        ax.bar(list(self.counts), list(self.counts.values()))
        return fig

    def _html_body(self, png: bytes) -> str:
        return self._status(", ".join(self.counts)) + img_tag(png, "counts")

    def _text_body(self) -> str:
        return "\n".join(f"{k} {v}" for k, v in self.counts.items())


def test_blank_figure_is_not_kept_by_pyplot():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig = blank_figure(5, 3)
    assert plt.get_fignums() == before
    assert fig.get_size_inches().tolist() == [5.0, 3.0] and fig.dpi == 90


def test_png_bytes_is_a_readable_png_of_the_figure():
    png = png_bytes(blank_figure(2, 1))
    image = matplotlib.image.imread(io.BytesIO(png), format="png")
    assert image.shape[:2] == (90, 180)  # 2 x 1 inches at 90 dpi


def test_img_tag_embeds_the_png_and_escapes_the_alt_text():
    png = png_bytes(blank_figure(1, 1))
    tag = img_tag(png, '"><script>alert(1)</script>')
    assert "<script>" not in tag and "&lt;script&gt;" in tag
    data = tag.split("base64,", 1)[1].split('"', 1)[0]
    assert base64.b64decode(data) == png


def test_a_panel_shows_escaped_html_a_png_and_text():
    panel = Bars({"<script>": 3, "peace": 1})
    page = panel.to_html()
    assert page.startswith('<div class="toolkit-explorer"><h3>Counts &lt;of&gt; words</h3>')
    assert "<script>" not in page and "&lt;script&gt;, peace" in page
    assert repr(panel) == "Counts <of> words\n<script> 3\npeace 1"  # a terminal shows the text as is
    assert not widgets_available()
    bundle = panel._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html", "image/png"}
    assert base64.b64decode(bundle["image/png"]) == panel.png()
    assert bundle["text/html"] == page


def test_a_panel_without_an_image_leaves_out_the_png():
    class Text(Bars):
        def png(self) -> bytes:
            return b""

    assert "image/png" not in Text({"war": 1})._repr_mimebundle_()


def test_the_widget_view_is_built_once():
    built = []

    class Live(Bars):
        def _build(self):
            import ipywidgets

            built.append(1)
            return ipywidgets.HTML(self._status("live"))

    panel = Live({"war": 1})
    assert panel.widget is panel.widget and built == [1]
    assert panel.widget.value == '<p class="toolkit-status">live</p>'


def test_a_panel_must_say_what_it_draws():
    with pytest.raises(NotImplementedError):
        Panel().figure()
