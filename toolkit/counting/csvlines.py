"""A count table's CSV made in Python: the bytes ``csv.writer`` writes (rows ending in ``"\\n"``), in less time.

:meth:`~toolkit.counting.terms.TermCounts.write_csv` writes a table that
polars cannot (an empty term, a line break, a group column) or that was
ranked without it (a small vocabulary). ``csv.writer`` and the filter of
:func:`~toolkit.tables.write_exact_csv` that turns its ``"\\r\\n"`` into
``"\\n"`` took 110-150 ms for the 40,000 rows of 5 MB of news; the lines made
here, 40-55 ms. ``tests/counting/test_csvlines.py`` checks them against
``csv.writer`` (through ``write_exact_csv``), ``tests/counting/test_terms.py``
against pandas.
"""

from __future__ import annotations

import re
from typing import IO, Any

#: Rows made and written at a time: bounded memory.
ROWS = 200_000
#: What csv.writer quotes in a value (with rows ending in "\n", the lone "\r" too: see tables.write_exact_csv).
_SPECIAL = re.compile('[,"\r\n]')


def write_columns(stream: IO[str], header: list[str], columns: list[list[Any]]) -> None:
    """Write a header and the columns of a count table: a group (or not), term, n, per_million, docs.

    Each value is written as ``csv.writer`` writes it: ``str()``, a text
    quoted when it holds a comma, a quote or a line break.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> write_columns(out, ["term", "n", "per_million", "docs"], [["war", "1,000"], [2, 1], [0.5, 0.25], [2, 1]])
    >>> print(out.getvalue(), end="")
    term,n,per_million,docs
    war,2,0.5,2
    "1,000",1,0.25,1
    """
    stream.write(",".join(_texts(header)) + "\n")
    texts = [_texts(column) for column in columns[:-3]]  # the group and the term
    for start in range(0, len(columns[0]), ROWS):
        part = [column[start : start + ROWS] for column in [*texts, *columns[-3:]]]
        part[-2] = _float_texts(part[-2])
        if len(part) == 4:
            stream.write("".join([f"{t},{c},{p},{d}\n" for t, c, p, d in zip(*part, strict=True)]))
        else:
            stream.write("".join([f"{g},{t},{c},{p},{d}\n" for g, t, c, p, d in zip(*part, strict=True)]))


def _texts(values: list[str]) -> list[str]:
    """Return texts as ``csv.writer`` writes them here: quoted if they hold ``,"`` or a line break.

    A quote inside is doubled, as ``csv.writer`` does; a lone ``"\\r"`` is
    quoted too, as :func:`~toolkit.tables.write_exact_csv` quotes it.

    Examples
    --------
    >>> _texts(["war", "1,000", 'a "b" c'])
    ['war', '"1,000"', '"a ""b"" c"']
    """
    if not _SPECIAL.search("\0".join(values)):
        return values
    return ['"' + value.replace('"', '""') + '"' if _SPECIAL.search(value) else value for value in values]


def _float_texts(values: list[Any]) -> list[Any]:
    """Return ``str()`` of each value, made once per distinct value: per_million repeats a few hundred values.

    40,000 terms of news have about 400 values of per_million (one per
    count), and writing each took half the time of the CSV. Values that are
    not all floats, or that hold a zero (``0.0`` and ``-0.0`` are one key with
    two texts), are returned as they are, for the caller to write.

    Examples
    --------
    >>> _float_texts([0.5, 0.25, 0.5])
    ['0.5', '0.25', '0.5']
    >>> _float_texts([-0.0, 0.0])
    [-0.0, 0.0]
    """
    distinct = set(values)
    if 0.0 in distinct or set(map(type, values)) != {float}:
        return values
    text = {value: str(value) for value in distinct}
    return list(map(text.__getitem__, values))
