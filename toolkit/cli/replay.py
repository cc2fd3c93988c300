"""A warm ``freq`` writes again the CSV its last run wrote, when neither the folder nor a setting changed.

A count through the token cache of a folder keeps its totals under the
folder's stamp (:mod:`toolkit.counting.memo`); ``freq --format csv`` to
standard output also keeps the bytes it wrote beside them (up to
:data:`SHOWN_ROWS` rows), under the same key and the settings only the
output depends on (:func:`view`). The next run with the same folder and
settings takes the stamp, replays the load report (its skips are said on
stderr as before, ``--strict`` still refuses them) and writes those bytes:
it loads neither the counting modules nor polars, and ranks no term. Warm
treebank ``freq --n 0``, median of paired rounds against the totals
recalled, ranked and written: 5 MB of news (2,000 files, 46,000 terms)
0.125 s against 0.248 s (21 rounds), 50 MB (20,000 files, 204,000 terms)
0.309 s against 0.640 s (11 rounds); half of the 0.125 s is starting Python
(0.04 s) and importing the command. The output is byte for byte what a
count would write (``tests/cli/test_replay.py``): a file added, removed,
renamed, touched or rewritten changes the stamp, and a changed setting,
NLTK or toolkit version changes the key. Standard output that is not UTF-8
gets no replay: its text is encoded as it is written.
"""

from __future__ import annotations

import argparse
import errno
from typing import IO

from toolkit.corpus.loading import DocumentStream
from toolkit.counting.launch import applies
from toolkit.counting.memo import FolderMemo
from toolkit.tokens.options import TokenOptions, counting_options
from toolkit.tokens.pipeline import Pipeline

#: The version of what ``freq`` writes for a count: a change to the CSV (a column, a number's text) bumps it, so
#: that no run replays a table written the old way.
VERSION = 1
#: Rows of a count table whose CSV is kept to be written again (about 8 MB of CSV): a larger table is written as it is
#: made, not held whole to be kept.
SHOWN_ROWS = 250_000


def view(args: argparse.Namespace, errors: str) -> str:
    """Name the CSV ``freq`` writes for a count: every setting it depends on beyond the count's.

    The count's own settings (tokenisation, ``--by``, ``--ngram``, the load's
    settings, the folder's state) are in the memo's key already.

    Examples
    --------
    >>> view(argparse.Namespace(n=0, min_count=2), "strict")
    'freq csv v1 n=0 min_count=2 errors=strict'
    """
    return f"freq csv v{VERSION} n={args.n} min_count={args.min_count} errors={errors}"


def freq_memo(args: argparse.Namespace, options: TokenOptions, stream: DocumentStream) -> FolderMemo | None:
    """Return the memo a ``freq`` count of ``stream`` keeps its totals in, or None when it keeps none.

    The same memo :meth:`~toolkit.counting.terms.TermCounts.from_corpus`
    finds: a folder with a stamp, the token cache on, and neither the bulk
    ``regexp`` engine (it is not memoised: it counts faster than the cache
    answers) nor a Dask cluster.
    """
    pipeline = Pipeline(counting_options(options))
    if args.scheduler or applies(pipeline.options, args.ngram):
        return None
    return FolderMemo.of(stream, pipeline, args.by, args.ngram)


def write_all(out: IO[bytes], data: bytes | memoryview) -> None:
    """Write all of ``data`` to a binary stream, raw ones included (``PYTHONUNBUFFERED`` makes standard output's raw).

    Examples
    --------
    >>> import io
    >>> out = io.BytesIO()
    >>> write_all(out, b"term,n\\r\\n")
    >>> out.getvalue()
    b'term,n\\r\\n'
    """
    rest = memoryview(data)
    while rest:
        written = out.write(rest)
        if not written:  # None: a non-blocking stream that is full; 0: one that takes nothing
            raise BlockingIOError(errno.EAGAIN, "the output takes no more bytes")
        rest = rest[written:]
