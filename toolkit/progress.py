"""What a terminal shows: progress bars on long loads, and names with their control characters escaped.

Progress bars are tqdm, in a terminal and in JupyterLab, silent in reports and pipes.

A bar appears only when a load takes more than two seconds, on a terminal
(stderr is a TTY) or in an interactive notebook front end (``tqdm.auto``
draws a widget there). Notebooks run by papermill or nbconvert never show one
(no widget state lands in a report), nor do kernels of the report runner,
which sets ``TOOLKIT_PROGRESS=0``; ``progress=False`` switches bars off
anywhere.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
#: Set to 0 to switch progress bars off (the report runner does, for its kernels).
PROGRESS_ENV = "TOOLKIT_PROGRESS"


def _wanted() -> bool:
    """Say whether a bar may appear here: a terminal, or a notebook front end that shows widgets."""
    if os.environ.get(PROGRESS_ENV, "") == "0":
        return False
    if sys.stderr is not None and sys.stderr.isatty():
        return True
    return widgets_available()


def in_notebook() -> bool:
    """Say whether this code runs in a Jupyter kernel (as opposed to a terminal or a script).

    Examples
    --------
    >>> in_notebook()
    False
    """
    if "IPython" not in sys.modules:  # no kernel has imported IPython in this process
        return False
    from IPython import get_ipython

    shell = get_ipython()
    return shell is not None and shell.__class__.__name__ == "ZMQInteractiveShell"


def widgets_available() -> bool:
    """Say whether the current cell runs in a front end that can show live widgets.

    True in a Jupyter kernel whose execute request came from an interactive
    front end (JupyterLab, Notebook, VS Code allow input). False in a
    terminal and under papermill or ``nbconvert --execute``: nbclient runs
    cells without input and stores widget state that nbconvert's HTML can
    only show with scripts from the internet, so explorers give their static
    table and figure there. A front end that allows input but has no widget
    manager still shows the static part, which every explorer output carries.

    Examples
    --------
    >>> widgets_available()
    False
    """
    if not in_notebook():
        return False
    from IPython import get_ipython

    kernel = getattr(get_ipython(), "kernel", None)
    parent = kernel.get_parent("shell") if kernel is not None else {}
    return bool((parent or {}).get("content", {}).get("allow_stdin", False))


def printable(text: str) -> str:
    """Return ``text`` with every character that is not printable escaped as ``repr`` escapes it.

    Names and reasons reach a terminal through this: a file name with ESC,
    CR, LF or a bidirectional override cannot clear the screen, recolour it,
    reorder it or fake a line of output. Printable characters, accented or
    not, pass unchanged; the data (CSV on stdout, tables) is never escaped.

    Parameters
    ----------
    text : str
        A name, a path, a reason, a line for people to read.

    Returns
    -------
    str
        ``text`` on one line, with ``\\n``, ``\\r``, ``\\t``, ``\\x1b``,
        ``\\u202e`` ... in place of the characters (all of Unicode's "Other"
        and "Separator" categories but the ASCII space).

    Examples
    --------
    >>> print(printable("caf\\u00e9 \\x1b[2J\\r\\nfake: 1 document\\u202e"))
    café \\x1b[2J\\r\\nfake: 1 document\\u202e
    >>> printable("Baku talks.txt")
    'Baku talks.txt'
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def progress(iterable: Iterable[T], *, desc: str, enabled: bool | None = None, unit: str = " documents") -> Iterator[T]:
    """Wrap ``iterable`` in a tqdm bar that shows after two seconds; ``enabled=None`` decides by where it runs.

    Parameters
    ----------
    iterable : iterable
        What to iterate over.
    desc : str
        The bar's label, e.g. ``"loading corpus/"``.
    enabled : bool or None, default=None
        ``True`` shows a bar at once, ``False`` never; ``None`` shows one after
        two seconds on a terminal or in an interactive notebook, never in a
        pipe, under papermill or nbconvert, or with ``TOOLKIT_PROGRESS=0``.
    unit : str, default=" documents"
        What one item is, after the count.

    Yields
    ------
    object
        The items of ``iterable``, unchanged.

    Examples
    --------
    >>> list(progress(range(3), desc="loading", enabled=False))
    [0, 1, 2]
    """
    if enabled is False or (enabled is None and not _wanted()):
        yield from iterable
        return
    from tqdm.auto import tqdm

    with tqdm(
        iterable, desc=printable(desc), unit=unit, delay=0 if enabled else 2, leave=False, file=sys.stderr
    ) as bar:
        yield from bar
