"""Corpus text on a figure is drawn as typed: never read as mathtext or LaTeX.

Matplotlib reads a text with two ``$`` as math: ``$\\alert$`` fails the whole
draw (an unknown symbol) and ``$5m-$10m`` loses its dollar signs. Terms,
group labels, document names, titles and legends all come from the corpus, so
each plot marks its texts literal once drawn; numbers that matplotlib itself
writes as math (the powers of ten of a log axis) keep their math.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.text import Text
from matplotlib.ticker import EngFormatter, LogFormatter, LogitFormatter, PercentFormatter, ScalarFormatter

#: Formatters that write numbers, in math at times (powers of ten); any other (the
#: labels given to set_xticks, categories, a function's) may show corpus text.
_NUMBERS = (ScalarFormatter, LogFormatter, LogitFormatter, EngFormatter, PercentFormatter)


def _number_texts(ax: Axes) -> set[Text]:
    """Return the texts that matplotlib writes from numbers: tick labels of numeric axes, offsets."""
    numbers: set[Text] = set()
    for axis in (ax.xaxis, ax.yaxis):
        numbers.add(axis.offsetText)
        for ticks, formatter in (
            (axis.get_major_ticks(), axis.get_major_formatter()),
            (axis.get_minor_ticks(), axis.get_minor_formatter()),
        ):
            if isinstance(formatter, _NUMBERS):
                numbers.update(label for tick in ticks for label in (tick.label1, tick.label2))
    return numbers


def literal_text(ax: Axes) -> Axes:
    """Mark every text of ``ax`` that may hold corpus text to be drawn as typed: no mathtext, no LaTeX.

    Titles, axis labels, legend entries, annotations and tick labels given as
    strings are marked; tick labels matplotlib makes from numbers keep the
    math it writes them in. The mark stays on the texts, so the figure draws
    the same whenever it is drawn (in the notebook, saved, redrawn). Call it
    once the Axes has all its texts: a legend added afterwards is not marked.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The Axes, fully drawn on.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().subplots()
    >>> _ = ax.set_yticks([0, 1], [r"$\\alert$", "$5m-$10m"])
    >>> ax = literal_text(ax)
    >>> [(t.get_text(), t.get_parse_math()) for t in ax.get_yticklabels()]
    [('$\\\\alert$', False), ('$5m-$10m', False)]
    >>> import io
    >>> ax.figure.savefig(io.BytesIO(), format="png")  # "\\alert" read as math would raise here
    """
    numbers = _number_texts(ax)
    for text in ax.findobj(Text):
        if text not in numbers:
            text.set_parse_math(False)
            text.set_usetex(False)
    return ax
