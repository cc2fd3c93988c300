"""Corpus text drawn as typed: every text of an Axes but the numbers matplotlib writes."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from toolkit.views.literal import literal_text

ALERT = r"$\alert$"
MONEY = "$5m-$10m"


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def test_every_kind_of_text_is_marked_and_the_figure_draws():
    ax = Figure().subplots()
    ax.bar([ALERT, MONEY], [1, 2], label=MONEY)  # category axis
    ax.set_yscale("log")
    ax.set(title=ALERT, xlabel=MONEY, ylabel=ALERT)
    ax.set_title(MONEY, loc="left")
    ax.annotate(ALERT, (0, 1))
    ax.legend(title=ALERT)
    with pytest.raises(ValueError, match="alert"):
        _png(ax.figure)  # unmarked, mathtext fails on the unknown symbol
    literal_text(ax)
    assert _png(ax.figure).startswith(b"\x89PNG")
    corpus = [t for t in ax.findobj(Text) if t.get_visible() and t.get_text() in (ALERT, MONEY)]
    assert len(corpus) == 9  # 2 tick labels, title, left title, 2 axis labels, annotation, legend entry and title
    assert all(not t.get_parse_math() and not t.get_usetex() for t in corpus)
    powers = [t for t in ax.get_yticklabels() if "mathdefault" in t.get_text()]
    assert powers and all(t.get_parse_math() for t in powers)  # the log axis still writes 10^0 as a power


def test_labels_given_to_set_ticks_are_marked_and_drawn_literally_later():
    ax = Figure().subplots()
    ax.set_xticks([0, 1, 2], [ALERT, MONEY, "war"])
    ax.plot([0, 1, 2], [3, 1, 2])
    assert literal_text(ax) is ax
    ax.set_xlim(-1, 3)  # a later change of view keeps the marks
    assert _png(ax.figure).startswith(b"\x89PNG")
    assert [(t.get_text(), t.get_parse_math()) for t in ax.get_xticklabels()] == [
        (ALERT, False),
        (MONEY, False),
        ("war", False),
    ]
    assert all(t.get_parse_math() for t in ax.get_yticklabels())  # numbers untouched


def test_latex_is_off_for_corpus_text_even_when_the_notebook_turned_it_on():
    with matplotlib.rc_context({"text.usetex": True}):
        ax = Figure().subplots()
        ax.set_yticks([0, 1], ["50%_of #1", MONEY])
        ax.set_title("R&D")
        literal_text(ax)
    assert not any(t.get_usetex() for t in [*ax.get_yticklabels(), ax.title])
    assert ax.xaxis.get_major_ticks()[0].label1.get_usetex()  # numbers are left to the notebook's setting
