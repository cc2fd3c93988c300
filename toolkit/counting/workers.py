"""Worker processes for the bulk ``regexp`` counting, each with polars on one thread.

:func:`count_documents` counts batches of documents (:func:`batches`) in
``jobs`` processes: this one and ``jobs - 1`` workers, which take batches from
a bounded queue. A batch goes to the queue when it has room and is counted
here when it is full; while the workers start (their fork server answers once
it has imported polars, about 0.25 s) this process counts on, and at the end it
takes back the batches no worker has taken yet, so that no process waits long
for another. Each process keeps its own :class:`~toolkit.counting.bulk.Counting`
and writes its table of counts to a file in the count's temporary folder
whenever it holds more than :data:`SPILL_ROWS` terms; a worker writes its last
one too and sends only the files' names: memory is bounded by that size, not by
the vocabulary, and this process sums the tables with polars' streaming engine,
a piece at a time. The processes take turns to sum a large table and to write
one, so that their peaks do not come together. The command line forks its
workers from itself before it counts (:func:`prefork`), before polars loads;
otherwise they are forked by a fork server that imported
:mod:`toolkit.counting.forkserver` once. Either way a worker runs polars on
one thread, with a lean allocator, and imports neither NLTK nor pandas. A
worker that dies stops the count with an error instead of a hang.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import multiprocessing
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from toolkit.corpus.smallfiles import Outcome, PendingFile, read_job, settle
from toolkit.counting.bulk import COMPACT_ROWS, Counting, Settings, Totals
from toolkit.counting.counted import Counted, empty_frame, summed
from toolkit.counting.launch import prestart
from toolkit.counting.processes import Starter, alive, count_here, get, put, take_back, widen
from toolkit.lifeline import watch

if TYPE_CHECKING:
    from toolkit.corpus.loader import Loader

#: What a counting process sends back: its tables' files, what Python counted, its groups, what it found reading files.
Result = tuple[list[str], Totals, list[str], list[Outcome]]
#: Characters of text per batch sent to a worker.
BATCH_CHARS = 1 << 20
#: Rows of summed counts a counting process holds at most (memory against time): a larger table goes to a file in the
#: count's temporary folder and the process counts on from nothing; the files are summed at the end, a piece at a time.
SPILL_ROWS = 400_000
#: Batches a worker counts in one polars query when they are waiting.
_WORKER_BATCHES = 2
#: Batches waiting for the workers, per worker, before this process counts one itself: twice what a worker takes at
#: once, so that a worker that takes its query leaves the next one waiting (with as many as it takes, it emptied the
#: queue each time; 50 MB of news, ``--jobs 2``: the worker counted 58% of the documents, where it counted 55%, in
#: fewer, larger queries; 30 paired rounds, 1.6% less time).
_QUEUED_BATCHES = 2 * _WORKER_BATCHES


def _work(
    inbox: Any, outbox: Any, settings: Settings, sizes: tuple[int, int], owner: int, folder: str, turn: Any
) -> None:
    # Imported by the fork server already, unless someone else started it: then polars loads here, set up the same.
    import toolkit.counting.forkserver  # noqa: F401

    watch(owner, folder)  # a count whose command was killed stops too, and removes the folder of its tables
    _serve(inbox, outbox, settings, sizes, folder, turn)


def _work_forked(inbox: Any, outbox: Any, turn: Any, owner: int, folder: str, setup: Any) -> None:
    """Load polars on one thread, wait for the count's settings, count as :func:`_work` does (see :func:`prefork`)."""
    watch(owner, folder)
    os.environ.setdefault("POLARS_MAX_THREADS", "1")  # the processes share the cores; the parent has its own pool
    import polars  # noqa: F401  # while the parent loads its own

    settings, sizes = setup.recv()
    _serve(inbox, outbox, settings, sizes, folder, turn)


def _serve(inbox: Any, outbox: Any, settings: Settings, sizes: tuple[int, int], folder: str, turn: Any) -> None:
    """Count the batches of ``inbox`` until its ``None``, then send the names of the tables' files and the rest."""
    compact_rows, spill_rows = sizes
    counting, spill, outcomes = Counting(settings, compact_rows, turn), _Spill(folder), []
    _count((_read_files(batch, outcomes) for batch in _waiting(inbox)), counting, spill, spill_rows)
    spill.take(counting, summed=False)  # the last table too, in its turn, so the peaks do not add up; summed later
    outbox.put((spill.paths, counting.exact, list(counting.groups), outcomes))


def _read_files(batch: list[tuple[str, Any]], outcomes: list[Outcome]) -> list[tuple[str, str]]:
    """Return ``batch`` with each file the walk left unread read now, skipped files left out; note the verdicts.

    Examples
    --------
    >>> outcomes = []
    >>> _read_files([("a", "Talks."), ("a", ("/no/such.txt", 9, "such.txt", "cp1252"))], outcomes), outcomes
    ([('a', 'Talks.')], [('such.txt', 'unreadable: No such file or directory', '', False)])
    """
    texts = []
    for group, item in batch:
        if type(item) is tuple:  # a file's job (see batches)
            item, outcome = read_job(item)
            if outcome is not None:
                outcomes.append(outcome)
            if item is None:
                continue
        texts.append((group, item))
    return texts


def _waiting(inbox: Any) -> Iterator[list[tuple[str, str]]]:
    """Yield the batches of ``inbox`` until its ``None``, up to :data:`_WORKER_BATCHES` at once when they wait."""
    pending: list[tuple[str, str]] = []
    taken = 0
    for batch in iter(inbox.get, None):
        pending += batch
        taken += 1
        # polars counts a few megabytes at once faster than one; fewer when none is waiting
        if taken >= _WORKER_BATCHES or inbox.empty():
            yield pending
            pending, taken = [], 0
    if pending:
        yield pending


class _Spill:
    """Tables of counts written as Arrow files to one folder, to be summed at the end a piece at a time."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.paths: list[str] = []

    def take(self, counting: Counting, summed: bool = True) -> None:
        """Write the table of ``counting`` to a file of its own and empty it, in its turn (see :class:`Counting`).

        ``summed=False``: its tables as they are (see :meth:`~toolkit.counting.bulk.Counting.drain`).
        """
        path = os.path.join(self.folder, f"{os.getpid()}-{len(self.paths)}.arrow")
        with counting.turn:
            counting.drain(summed).write_ipc(path)
        self.paths.append(path)


def _count(batches: Iterable[list[tuple[str, str]]], counting: Counting, spill: _Spill, spill_rows: int) -> None:
    """Count ``batches``; whenever the summed table holds more than ``spill_rows`` rows, write it and start again."""
    for batch in batches:
        counting.add(batch)
        if counting.sums.summed_rows > spill_rows:
            spill.take(counting)


def batches(
    documents: Iterable[tuple[str, Iterable[str]]],
    large: Callable[[str, Iterator[str]], None],
    size: int = BATCH_CHARS,
    loaders: list[Loader] | None = None,
) -> Iterator[list[tuple[str, Any]]]:
    """Group whole documents into batches of about ``size`` characters; hand pieced (large) ones to ``large``.

    ``large(group, pieces)`` is called as the document comes, while its file
    is open, so a large file streams through the caller and is never held whole.
    A file the walk did not read (a :class:`~toolkit.corpus.smallfiles.PendingFile`)
    goes as its job, to be read by :func:`_read_files`; its load is added to ``loaders``.

    Examples
    --------
    >>> big = []
    >>> list(batches([("a", ["xy"]), ("b", ["1\\n", "2"]), ("a", ["z"])], lambda g, p: big.append((g, list(p))), 2))
    [[('a', 'xy')], [('a', 'z')]]
    >>> big
    [('b', ['1\\n', '2'])]
    """
    batch: list[tuple[str, Any]] = []
    length = 0
    for group, pieces in documents:
        item: Any
        if isinstance(pieces, PendingFile):
            _own(loaders, pieces.loader)
            item, chars = pieces.job(), pieces.size
        else:
            iterator = iter(pieces)
            item, second = next(iterator, ""), next(iterator, None)
            if second is not None:
                large(group, itertools.chain([item, second], iterator))
                continue
            chars = len(item)
        batch.append((group, item))
        length += chars
        if length >= size:
            yield batch
            batch, length = [], 0
    if batch:
        yield batch


def _own(loaders: list[Loader] | None, loader: Loader) -> None:
    """Note the load whose report the files read in workers settle (one load a count)."""
    if loaders is None:
        raise ValueError("a file to read in a worker, and nowhere to settle its load report")
    if not loaders:
        loaders.append(loader)
    elif loaders[0] is not loader:
        raise ValueError("files of two loads to read in workers in one count")


def _settle(loaders: list[Loader], results: list[Result]) -> None:
    """Put what was found reading the walk's files in its load report (:func:`~toolkit.corpus.smallfiles.settle`)."""
    if loaders:
        settle(loaders[0], [outcome for result in results for outcome in result[3]])


def count_documents(
    documents: Iterable[tuple[str, Iterable[str]]],
    settings: Settings,
    *,
    jobs: int = 1,
    batch_chars: int = BATCH_CHARS,
    compact_rows: int = COMPACT_ROWS,
    spill_rows: int = SPILL_ROWS,
) -> Counted:
    """Count ``(group, pieces)`` documents with the ``regexp`` tokeniser, in ``jobs`` processes.

    Each process keeps its counts in one polars table, written to a file of
    the count's temporary folder when it holds more than ``spill_rows`` terms
    (and, in a worker, at the end); the tables are then added up in one
    streaming grouping of all their rows, so the vocabulary is merged once per
    table, not once a batch. The folder is removed, whatever happens.

    Parameters
    ----------
    documents : iterable of (str, iterable of str)
        Each document's group label and its text, whole (one piece) or in
        pieces that end at line breaks.
    settings : Settings
        Lower-casing and cleaning.
    jobs : int, default=1
        Processes that count: this one and ``jobs - 1`` workers. Few batches
        of documents are in flight, so memory stays bounded whatever the
        corpus size.
    batch_chars : int, default=BATCH_CHARS
        Characters of text a batch holds (memory against time; the counts do not depend on it).
    compact_rows : int, default=COMPACT_ROWS
        Rows of counts a worker gathers before it first sums them (memory against time, as above).
    spill_rows : int, default=SPILL_ROWS
        Rows of summed counts a process holds at most: a larger table is
        written to a temporary file, and the files are summed at the end.

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

    loaders: list[Loader] = []  # the load whose files are read here or in the workers, if any
    crew = _take_crew(jobs - 1)
    leaving: list[Any] = []  # workers that have sent their tables
    try:
        with _count_folder(crew) as folder:
            made = batches(documents, large, batch_chars, loaders)
            counting, spill, outcomes = Counting(settings, compact_rows), _Spill(folder), []
            if jobs > 1:
                results, last = _count_with_workers(made, counting, spill, outcomes, jobs, spill_rows, leaving, crew)
            else:
                _count((_read_files(batch, outcomes) for batch in made), counting, spill, spill_rows)
                results, last = [], counting.drain()  # in memory: a worker's table is written, this one need not be
            results.append((spill.paths, counting.exact, list(counting.groups), outcomes))
            _settle(loaders, results)
            return _gathered(results, [last], streamed)
    finally:
        _join(leaving)


def _gathered(results: list[Result], frames: list[Any], streamed: Totals) -> Counted:
    """Add up the tables of ``frames`` and of the files in ``results``, with what was counted in Python."""
    import polars as pl

    parts = [Counted(empty_frame(), exact, groups) for _, exact, groups, _ in results]
    counted = Counted.merge([*parts, Counted.of(streamed)])
    frames = [frame for frame in frames if frame.height]
    tables = [*frames, *(pl.scan_ipc(path) for paths, _, _, _ in results for path in paths)]
    if len(tables) == 1 and frames:
        counted.frame = frames[0]
    elif tables:
        # The streaming engine reads the files a piece at a time and never holds a whole table: at 1 GB of news
        # (two tables of a million terms), reading both and summing them took the parent's memory 241 MB over
        # where it was, this 171 MB.
        counted.frame = summed(tables, "group", counted.groups, "streaming")
    return counted


def _count_with_workers(
    made: Iterator[list[tuple[str, Any]]],
    counting: Counting,
    spill: _Spill,
    outcomes: list[Outcome],
    jobs: int,
    spill_rows: int,
    leaving: list[Any],
    crew: _Crew | None = None,
) -> tuple[list[Result], Any]:
    """Count ``made`` here and in ``jobs - 1`` workers; return the workers' results and this process's table.

    The workers are those of ``crew`` (see :func:`prefork`), given the
    count's settings, or else forked by the fork server, which answers once it
    has imported polars: a thread starts them while this process counts the
    first batches itself. From then on a batch goes to the workers when their
    queue has room, and is counted here when it is full; at the end, this
    process takes back the batches still waiting, so that it does not wait for
    a worker that has several left, and tells the workers to finish before it
    counts the last one (:func:`~toolkit.counting.processes.take_back`; 50 MB
    of news, 20 paired rounds: 3% less time). It then sums its own table (:meth:`~toolkit.counting.bulk.Counting.drain`)
    while the workers finish their last batches and write theirs (50 MB of news, ``--jobs 2``: 13-17 ms that
    were spent after the last worker's answer). The workers that have answered go in ``leaving``, for the
    caller to join once it has summed the tables (a worker's exit took 6-7 ms); on an error they are stopped
    and joined here.
    """
    sizes = (counting.sums.floor, spill_rows)  # the rows before a worker's first sum, and its spill
    if crew is not None:
        inbox, outbox, workers, counting.turn = crew.inbox, crew.outbox, crew.workers, crew.turn
        for setup in crew.setups:
            setup.send((counting.settings, sizes))
        starter = Starter([])
    else:
        context = prestart()
        inbox, outbox = context.Queue(maxsize=_QUEUED_BATCHES * (jobs - 1)), context.Queue()
        widen(inbox, BATCH_CHARS)
        counting.turn = context.Lock()  # one process at a time sums a large table (see Counting)
        arguments = (inbox, outbox, counting.settings, sizes, os.getpid(), spill.folder, counting.turn)
        workers = [context.Process(target=_work, args=arguments, daemon=True) for _ in range(jobs - 1)]
        starter = Starter(workers)
    try:
        for batch in made:
            starter.check()
            alive(workers)
            if count_here(inbox):
                _count([_read_files(batch, outcomes)], counting, spill, spill_rows)
            else:
                put(inbox, batch, workers)
        for batch in take_back(inbox, workers):  # the workers are told to finish before the last one is counted
            _count([_read_files(batch, outcomes)], counting, spill, spill_rows)
        starter.wait()  # after: a fork server's workers may still be starting while this process counts
        with counting.turn:  # in its turn, as a worker writes its last one: their peaks do not come together
            last = counting.drain()  # kept in memory: a worker's table is written, this one need not be
        results = [get(outbox, workers) for _ in workers]
        leaving.extend(workers)  # joined by the caller once it has summed the tables: they exit meanwhile
        return results, last
    except BaseException:
        # Batches that no worker will read: without this, exiting waits forever for the queue to send them.
        inbox.cancel_join_thread()
        starter.wait(quietly=True)
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
        _join(workers)
        raise


def _join(workers: Iterable[Any]) -> None:
    """Wait for ``workers`` to end (5 s at most each, then kill it)."""
    for worker in workers:
        if worker.pid is not None:
            worker.join(timeout=5)
            if worker.is_alive():
                worker.kill()


class _Crew:
    """Counting workers forked from this process by :func:`prefork`, waiting for the settings of a count."""

    def __init__(self, count: int) -> None:
        context = multiprocessing.get_context("fork")
        self.folder = tempfile.mkdtemp(prefix="toolkit-count-")  # the count's folder of tables (see count_documents)
        atexit.register(shutil.rmtree, self.folder, ignore_errors=True)  # if no count ever takes the crew
        self.inbox, self.outbox, self.turn = (
            context.Queue(maxsize=_QUEUED_BATCHES * count),
            context.Queue(),
            context.Lock(),
        )
        widen(self.inbox, BATCH_CHARS)
        pipes = [context.Pipe(duplex=False) for _ in range(count)]
        self.setups = [sender for _, sender in pipes]
        arguments = (self.inbox, self.outbox, self.turn, os.getpid(), self.folder)
        self.workers = [
            context.Process(target=_work_forked, args=(*arguments, receiver), daemon=True) for receiver, _ in pipes
        ]
        for worker in self.workers:  # daemons: ended at this process's exit if no count takes them
            worker.start()


_crew: _Crew | None = None


def prefork(workers: int) -> bool:
    """Fork ``workers`` counting workers now, for this process's next count with ``jobs = workers + 1``.

    Return whether they were forked. A command that counts with ``--jobs`` calls it first thing, before it
    starts a thread or loads polars: a forked copy of this process has the
    counting loaded already, loads polars while this process loads its own,
    and counts at once, where the fork server (which :func:`count_documents`
    uses otherwise) starts a Python and imports the counting and polars first,
    on a core this process needs (50 MB of news, ``--jobs 2``: the worker
    counted its first batch 0.40-0.46 s after the command started on the
    machine of an earlier round; forked, 0.2-0.33 s on this one). Nothing is
    forked (``False``) off Linux, or when this process runs another thread.
    A worker runs polars on one thread (``POLARS_MAX_THREADS``, unless set):
    the processes share the cores. This process keeps polars' own pool, for
    the sum of all tables and the ranking that follow the count, on one
    process (1 GB of news, ``--jobs 2``, three paired rounds: 3-8% less time
    than with one thread here too). Workers no count takes end with this
    process.

    Examples
    --------
    >>> import subprocess, sys
    >>> code = (
    ...     "from toolkit.counting.workers import prefork, count_documents, Settings; "
    ...     "ready = prefork(1); "
    ...     "totals = count_documents([('a', ['War and war.'])], Settings(), jobs=2).totals(); "
    ...     "print(ready, totals.n['a']['war'])"
    ... )
    >>> subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    'True 2\\n'
    """
    global _crew
    if workers < 1 or not sys.platform.startswith("linux") or threading.active_count() > 1 or _crew is not None:
        return False
    _crew = _Crew(workers)
    return True


def _take_crew(workers: int) -> _Crew | None:
    """Return the workers of :func:`prefork` for a count with ``workers`` of them, once; ``None`` for none."""
    global _crew
    crew, _crew = (_crew, None) if _crew is not None and len(_crew.workers) == workers else (None, _crew)
    return crew


@contextlib.contextmanager
def _count_folder(crew: _Crew | None) -> Iterator[str]:
    """Give the count's folder of tables, the crew's or a new one; remove it at the end, whatever happens."""
    if crew is None:
        with tempfile.TemporaryDirectory(prefix="toolkit-count-") as folder:
            yield folder
        return
    try:
        yield crew.folder
    finally:
        shutil.rmtree(crew.folder, ignore_errors=True)
