"""Corpus access for counting and analyses: documents as ``(doc_id, text, group)``, group labels and their order.

Every analysis reads a corpus table or a stream of documents through
:func:`iter_texts`, labels groups with :func:`group_key` and orders them with
:func:`sort_groups`, so that all tables name and sort groups alike.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from toolkit.corpus.document import Document
from toolkit.corpus.loading import is_frame

if TYPE_CHECKING:  # pandas loads on first use: the command line counts and writes CSV without it
    import pandas as pd


#: The n-gram sizes that counting accepts.
NGRAM_RANGE = range(1, 6)
#: The label of the group of documents with no value for the grouping field.
MISSING = "(missing)"


def iter_texts(
    corpus: pd.DataFrame | Iterable[Document], by: str | None = None, *, pieces: bool = False
) -> Iterator[tuple[str, Any, Any]]:
    """Yield ``(doc_id, text, group)`` from a corpus table or a document stream.

    ``by="doc_id"`` groups by document. In a stream, a document without the
    field joins the ``"(missing)"`` group. With ``pieces=True`` the second
    item is an iterable of pieces of the text, so that a large file is never
    held whole (see :meth:`toolkit.corpus.loading.Document.pieces`).

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Hi."], "year": ["2024"]})
    >>> list(iter_texts(corpus, by="year"))
    [('a', 'Hi.', '2024')]
    """
    if is_frame(corpus):
        missing = [c for c in ("doc_id", "text") if c not in corpus.columns]
        if missing:
            raise ValueError(f"expected a corpus table (doc_id, text, ...); got columns {list(corpus.columns)}")
        if by is not None and by not in corpus.columns:
            raise ValueError(f"no field {by!r} to group by; the corpus has {list(corpus.columns)}")
        groups = corpus[by] if by is not None else [None] * len(corpus)
        for doc_id, text, group in zip(corpus["doc_id"], corpus["text"], groups, strict=True):
            yield doc_id, ([text] if pieces else text), group
        return
    for doc in corpus:  # a stream: a document without the field joins the "(missing)" group
        group = doc.doc_id if by == "doc_id" else doc.meta.get(by) if by is not None else None
        yield doc.doc_id, (doc.pieces() if pieces else doc.text), group


def group_key(value: Any) -> str:
    """Return the label of a group value; no value (None, NaN, NA) is ``"(missing)"``.

    Examples
    --------
    >>> group_key(None), group_key(2024)
    ('(missing)', '2024')
    """
    pandas = sys.modules.get("pandas")  # NA exists only once pandas is loaded
    if value is None or (isinstance(value, float) and math.isnan(value)) or (pandas and value is pandas.NA):
        return MISSING
    return str(value)


def sort_groups(values: Iterable[str]) -> list[str]:
    """Sort group labels: as numbers when they are numbers (2 before 10), else as text; "(missing)" last.

    Examples
    --------
    >>> sort_groups(["10", "9", "(missing)", "1990s"])
    ['9', '10', '1990s', '(missing)']
    """

    def key(value: str) -> tuple[int, float, str]:
        if value == MISSING:
            return (2, 0.0, value)
        try:
            return (0, float(value), value)
        except ValueError:
            return (1, 0.0, value)

    return sorted(values, key=key)
