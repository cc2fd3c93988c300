"""Worker processes for the bulk ``regexp`` counting, forked by a fork server with polars loaded.

:func:`count_documents` sends batches of documents (:func:`batches`) through a
bounded queue to ``jobs`` workers; each keeps its own
:class:`~toolkit.counting.bulk.Counting` and sends its totals once, at the end,
so little crosses between processes. The workers are forked by a fork server
that imported :mod:`toolkit.counting.forkserver` (polars on one thread, a lean
allocator) once: a worker starts in milliseconds and imports neither NLTK nor
pandas. A worker that dies stops the count with an error instead of a hang.
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import multiprocessing
import multiprocessing.forkserver
import os
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from toolkit.counting.bulk import COMPACT_ROWS, Counting, Settings, Totals
from toolkit.counting.counted import Counted
from toolkit.lifeline import main_not_imported, watch

#: Characters of text per batch sent to a worker.
BATCH_CHARS = 1 << 20
#: Batches a worker counts in one polars query when they are waiting.
_WORKER_BATCHES = 2
#: Settings of polars' allocator (jemalloc) in a counting process: one arena, no thread caches, no background
#: thread, freed address space given back. Memory polars frees is then reused or returned, not kept per thread:
#: at 50 MB of news the parent's peak fell from 227 to 147 MB, a worker's from 114 to 85 MB. Freed pages are
#: returned after a second, not ten (jemalloc's default): at 1 GB of news, with two workers whose peaks come
#: together at the end, the whole tree's peak fell from 558-605 MB to 522-531 MB, with no time cost that shows
#: through this shared machine's noise (35-43 s either way).
LEAN_ALLOCATOR = "background_thread:false,narenas:1,tcache:false,retain:false,dirty_decay_ms:1000,muzzy_decay_ms:0"


def lean_allocator() -> None:
    """Ask for :data:`LEAN_ALLOCATOR` unless polars is loaded already (jemalloc reads it once) or the user chose.

    Examples
    --------
    >>> lean_allocator()
    >>> "polars" in sys.modules or os.environ["_RJEM_MALLOC_CONF"] != ""
    True
    """
    if "polars" not in sys.modules:
        os.environ.setdefault("_RJEM_MALLOC_CONF", LEAN_ALLOCATOR)


def prestart(*, tokenisers: bool = False) -> Any:
    """Start the fork server that forks counting workers, with what they import loaded, and return its context.

    Call it early (the command line does, before it reads the corpus) and
    the imports run while the caller starts. No effect once a fork server is
    running: its workers then import what they need themselves.

    Parameters
    ----------
    tokenisers : bool, default=False
        Workers that tokenise with NLTK (:mod:`toolkit.counting.nltkserver`):
        the fork server imports NLTK once. Otherwise it imports polars for the
        bulk ``regexp`` counting (:mod:`toolkit.counting.forkserver`). Either
        way this process imports polars in a thread, to rank the counts.

    Examples
    --------
    >>> prestart().get_start_method()
    'forkserver'
    """
    context = multiprocessing.get_context("forkserver")
    # Without a preload the fork server first imports the caller's __main__ (the whole command line, or a script).
    preload = "toolkit.counting.nltkserver" if tokenisers else "toolkit.counting.forkserver"
    context.set_forkserver_preload([preload])
    multiprocessing.forkserver.ensure_running()
    # The caller ranks the counts with polars: import it now, beside the reading, not after the count.
    if "polars" not in sys.modules:
        threading.Thread(target=importlib.import_module, args=("polars",), daemon=True).start()
    return context


def _work(inbox: Any, outbox: Any, settings: Settings, compact_rows: int, owner: int) -> None:
    # Imported by the fork server already, unless someone else started it: then polars loads here, set up the same.
    import toolkit.counting.forkserver  # noqa: F401

    watch(owner)  # a count whose command was killed stops too

    counting = Counting(settings, compact_rows)
    pending: list[tuple[str, str]] = []
    for batch in iter(inbox.get, None):
        pending += batch
        # Up to _WORKER_BATCHES batches a query (polars counts a few megabytes at once faster than one), fewer
        # when none is waiting.
        if len(pending) >= _WORKER_BATCHES * len(batch) or inbox.empty():
            counting.add(pending)
            pending = []
    counting.add(pending)
    result = counting.result()
    del counting, pending  # the running counts go before the result is pickled and sent
    outbox.put(result)


def batches(
    documents: Iterable[tuple[str, Iterable[str]]],
    large: Callable[[str, Iterator[str]], None],
    size: int = BATCH_CHARS,
) -> Iterator[list[tuple[str, str]]]:
    """Group whole documents into batches of about ``size`` characters; hand pieced (large) ones to ``large``.

    ``large(group, pieces)`` is called as the document comes, while its file
    is open, so a large file streams through the caller and is never held whole.

    Examples
    --------
    >>> big = []
    >>> list(batches([("a", ["xy"]), ("b", ["1\\n", "2"]), ("a", ["z"])], lambda g, p: big.append((g, list(p))), 2))
    [[('a', 'xy')], [('a', 'z')]]
    >>> big
    [('b', ['1\\n', '2'])]
    """
    batch: list[tuple[str, str]] = []
    length = 0
    for group, pieces in documents:
        iterator = iter(pieces)
        first, second = next(iterator, ""), next(iterator, None)
        if second is not None:
            large(group, itertools.chain([first, second], iterator))
            continue
        batch.append((group, first))
        length += len(first)
        if length >= size:
            yield batch
            batch, length = [], 0
    if batch:
        yield batch


def count_documents(
    documents: Iterable[tuple[str, Iterable[str]]],
    settings: Settings,
    *,
    jobs: int = 1,
    batch_chars: int = BATCH_CHARS,
    compact_rows: int = COMPACT_ROWS,
) -> Counted:
    """Count ``(group, pieces)`` documents with the ``regexp`` tokeniser, in ``jobs`` processes.

    Each worker keeps its counts in one polars table and sends it once, at the
    end; the tables are then added up in one grouping of all their rows, so
    the vocabulary is merged once, not once a batch.

    Parameters
    ----------
    documents : iterable of (str, iterable of str)
        Each document's group label and its text, whole (one piece) or in
        pieces that end at line breaks.
    settings : Settings
        Lower-casing and cleaning.
    jobs : int, default=1
        Processes that count; batches of documents are in flight, so memory
        stays bounded whatever the corpus size.
    batch_chars : int, default=BATCH_CHARS
        Characters of text a batch holds (memory against time; the counts do not depend on it).
    compact_rows : int, default=COMPACT_ROWS
        Rows of counts a worker gathers before it first sums them (memory against time, as above).

    Returns
    -------
    Counted
        Occurrences and document counts per group, before stopwords,
        ``min_length`` and punctuation are removed (see :func:`~toolkit.counting.ranking.rank`;
        ASCII ones may be gone already, see :class:`~toolkit.counting.bulk.Settings`).

    Examples
    --------
    >>> totals = count_documents([("a", ["War and war."]), ("a", ["Peace"])], Settings()).totals()
    >>> totals.n["a"]["war"], totals.docs["a"]["war"], totals.docs["a"]["peace"]
    (2, 1, 1)
    """
    streamed = Totals()  # large files, counted here piece by piece

    def large(group: str, pieces: Iterator[str]) -> None:
        streamed.add(group, pieces, settings)

    parts: list[Counted] = []
    if jobs <= 1:
        counting = Counting(settings, compact_rows)
        for batch in batches(documents, large, size=batch_chars):
            counting.add(batch)
        parts.append(counting.result())
    else:
        parts += _count_in_workers(documents, settings, jobs, large, (batch_chars, compact_rows))
    parts.append(Counted.of(streamed))
    return Counted.merge(parts)


def _count_in_workers(
    documents: Iterable[tuple[str, Iterable[str]]],
    settings: Settings,
    jobs: int,
    large: Callable[[str, Iterator[str]], None],
    sizes: tuple[int, int],
) -> list[Counted]:
    batch_chars, compact_rows = sizes
    context = prestart()
    inbox, outbox = context.Queue(maxsize=2 * jobs), context.Queue()
    _widen(inbox)
    arguments = (inbox, outbox, settings, compact_rows, os.getpid())
    workers = [context.Process(target=_work, args=arguments, daemon=True) for _ in range(jobs)]
    with main_not_imported():  # a user's script without a main guard is not run again in each worker
        for worker in workers:
            worker.start()
    try:
        for batch in batches(documents, large, size=batch_chars):
            _put(inbox, batch, workers)
        for _ in workers:
            _put(inbox, None, workers)
        return [_get(outbox, workers) for _ in workers]
    except BaseException:
        # Batches that no worker will read: without this, exiting waits forever for the queue to send them.
        inbox.cancel_join_thread()
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
        raise
    finally:
        for worker in workers:
            worker.join(timeout=5)
            if worker.is_alive():
                worker.kill()


def _widen(inbox: Any) -> None:
    """Give the queue's pipe a megabyte: a batch crosses in two writes, not seventeen (Linux; elsewhere no effect)."""
    with contextlib.suppress(ImportError, AttributeError, OSError):
        import fcntl

        fcntl.fcntl(inbox._writer.fileno(), fcntl.F_SETPIPE_SZ, BATCH_CHARS)


class CountingError(RuntimeError):
    """A counting worker stopped before it sent its counts (killed, or out of memory).

    Examples
    --------
    >>> str(CountingError.of(-9))
    'a counting worker stopped (signal SIGKILL: out of memory, or stopped from outside); nothing was counted'
    """

    @classmethod
    def of(cls, exitcode: int) -> CountingError:
        """Say how a worker stopped, from its exit code (negative: the signal that stopped it)."""
        if exitcode < 0:
            try:
                how = f"signal {signal.Signals(-exitcode).name}"
            except ValueError:
                how = f"signal {-exitcode}"
            why = "out of memory, or stopped from outside"
            return cls(f"a counting worker stopped ({how}: {why}); nothing was counted")
        return cls(f"a counting worker stopped with exit code {exitcode}; nothing was counted")


def _alive(workers: Sequence[Any]) -> None:
    dead = [w for w in workers if w.exitcode not in (None, 0)]
    if dead:
        raise CountingError.of(dead[0].exitcode)


def _put(inbox: Any, item: Any, workers: Sequence[Any]) -> None:
    # Checked before every batch, not only when the queue is full: a worker killed while it did not hold the
    # queue's lock leaves the other one reading, the queue never fills, and the death was seen only at the end.
    _alive(workers)
    while True:
        try:
            inbox.put(item, timeout=1)
            return
        except queue.Full:
            _alive(workers)


def _get(outbox: Any, workers: Sequence[Any]) -> Counted:
    while True:
        try:
            return outbox.get(timeout=1)
        except queue.Empty:
            _alive(workers)
