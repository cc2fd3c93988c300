"""Reading a small text file, in the walk or in a counting worker, with one verdict for the load report.

A folder walk reads each small file (:func:`read_small`): its bytes, then
"binary" or "unreadable" (skipped), or its text and any decoding problem.
When counting with the ``regexp`` tokeniser in several processes, the walk
can leave the reading to the workers (``Loader.defer_reads``): it records each
file as a plain read and yields a :class:`DeferredDocument` whose text is a
:class:`PendingFile`; a worker reads the file with :func:`read_job`, the same
function, and returns what was not a plain read; :func:`settle` then puts
those verdicts in the load report, in place, so the report is exactly the
walk's. The parent process then neither reads, decodes nor sends the texts:
at 50 MB of news that was a tenth of the count's time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from toolkit.corpus.decoding import Decoded, binary_kind, decode_bytes
from toolkit.corpus.document import Document
from toolkit.corpus.loadreport import document_entry

if TYPE_CHECKING:
    from toolkit.corpus.loader import Loader

#: What a worker needs to read a file: its path, its size at the walk, its id in the load report, the fallback codec.
Job = tuple[str, int, str, str]
#: A verdict that is not a plain read: the file's id, why it is skipped (or ""), its decoding problem (or ""), empty.
Outcome = tuple[str, str, str, bool]


def read_bytes(path: str, limit: int | None, size: int) -> bytes:
    """Return a file's first ``limit`` bytes, or all of them (``None``), read with ``os.read``.

    A buffered ``open`` costs each file two more ``fstat`` calls, an
    ``lseek`` and an ``ioctl``: reading 20,000 news files took 0.17-0.22 s
    that way, 0.09-0.10 s this way. ``size`` (from the walk's ``lstat``)
    sizes the first read, which asks for one byte more: a file that gives
    exactly ``size`` bytes has ended, and needs no second read to say so; a
    file that has grown since is still read to its end, and one that has
    shrunk to where it ends. ``O_NONBLOCK``: a file swapped for a FIFO since
    the walk is not waited on.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile() as file:
    ...     _ = file.write(b"Talks in Baku."), file.flush()
    ...     [read_bytes(file.name, limit, size) for limit, size in [(None, 2), (5, 14), (None, 14), (None, 20)]]
    [b'Talks in Baku.', b'Talks', b'Talks in Baku.', b'Talks in Baku.']
    """
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    try:
        if limit is not None:
            return os.read(fd, limit)
        parts = [os.read(fd, size + 1)]
        if len(parts[0]) == size:
            return parts[0]
        while parts[-1]:
            parts.append(os.read(fd, 1 << 16))
        return b"".join(parts)
    finally:
        os.close(fd)


def read_small(path: str, size: int, fallback: str) -> tuple[Decoded | None, str]:
    """Read and decode a small file: its text, or ``None`` and why the file is skipped.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile() as file:
    ...     _ = file.write(b"caf\\xe9"), file.flush()
    ...     read_small(file.name, 4, "cp1252")
    (Decoded(text='café', encoding='cp1252', problem='not utf-8 at byte 3; decoded as cp1252'), '')
    >>> read_small("/no/such/file.txt", 4, "cp1252")
    (None, 'unreadable: No such file or directory')
    """
    try:
        data = read_bytes(path, None, size)
    except OSError as err:
        return None, f"unreadable: {err.strerror}"
    kind = binary_kind(data)
    if kind:
        return None, f"binary file ({kind})"
    return decode_bytes(data, fallback=fallback), ""


def read_job(job: Job) -> tuple[str | None, Outcome | None]:
    """Read a deferred file: its text (``None``: skipped), and its verdict unless it is a plain read.

    Examples
    --------
    >>> read_job(("/no/such/file.txt", 4, "file.txt", "cp1252"))
    (None, ('file.txt', 'unreadable: No such file or directory', '', False))
    """
    path, size, doc_id, fallback = job
    decoded, skipped = read_small(path, size, fallback)
    if decoded is None:
        return None, (doc_id, skipped, "", False)
    text, problem = decoded.text, decoded.problem
    empty = not text or text.isspace()
    return text, ((doc_id, "", problem, empty) if problem or empty else None)


class PendingFile:
    """The text of a :class:`DeferredDocument`: read by a counting worker, or here when iterated.

    Iterating it reads the file, settles its load-report entry (one pass over
    the report when the file is not a plain read) and yields its text, one
    piece; a skipped file yields nothing.
    """

    __slots__ = ("doc_id", "loader", "path", "size")

    def __init__(self, path: str, size: int, doc_id: str, loader: Loader) -> None:
        self.path, self.size, self.doc_id, self.loader = path, size, doc_id, loader

    def job(self) -> Job:
        """Return what a worker needs to read the file (see :func:`read_job`)."""
        return self.path, self.size, self.doc_id, self.loader.fallback

    def __iter__(self) -> Iterator[str]:
        text, outcome = read_job(self.job())
        if outcome is not None:
            settle(self.loader, [outcome])
        if text is not None:
            yield text


class DeferredDocument(Document):
    """A small file the walk listed without reading it: its ``pieces()`` is a :class:`PendingFile`.

    Examples
    --------
    >>> from toolkit.corpus.loader import Loader
    >>> from toolkit.paths import CORPUS_DIR
    >>> path = next(CORPUS_DIR.glob("*.txt"))
    >>> doc = DeferredDocument(path.name, PendingFile(str(path), path.stat().st_size, path.name, Loader("news")), {})
    >>> doc.text.startswith("Russia says")
    True
    """

    def __init__(self, doc_id: str, pending: PendingFile, meta: dict[str, Any]) -> None:
        super().__init__(doc_id, "", meta)
        self._pending = pending

    @property
    def text(self) -> str:
        """The text, read now (see :class:`PendingFile`)."""
        return "".join(self._pending)

    def pieces(self, size: int = 0) -> PendingFile:  # type: ignore[override]
        """Return the file to read (one piece: a small file is read whole)."""
        return self._pending


def settle(loader: Loader, outcomes: Sequence[Outcome]) -> None:
    """Put the verdicts of deferred files in ``loader``'s report, where the walk recorded each as a plain read.

    One pass over the report, in its order: the first file whose bytes are not
    valid UTF-8 raises the walk's error under ``strict_encoding``.

    Raises
    ------
    CorpusError
        With ``strict_encoding``, for a file that needed the fallback codec.

    Examples
    --------
    >>> from toolkit.corpus.loader import Loader
    >>> loader = Loader("news")
    >>> loader.add("a.txt", "read")
    >>> loader.add("b.txt", "read")
    >>> settle(loader, [("a.txt", "binary file (PDF)", "", False), ("b.txt", "", "", True)])
    >>> [(entry.status, entry.reason) for entry in loader.entries]
    [('skipped', 'binary file (PDF)'), ('empty', 'empty document: zero tokens')]
    """
    verdicts = {outcome[0]: outcome for outcome in outcomes}
    entries = loader.entries
    for i, entry in enumerate(entries):
        if not verdicts:
            return
        if entry.status != "read" or entry.path not in verdicts:
            continue
        _, skipped, problem, empty = verdicts.pop(entry.path)
        loader.refuse_fallback(entry.path, problem)
        entries[i] = document_entry(entry.path, skipped, problem, empty, entry.reason)
