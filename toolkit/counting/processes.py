"""How a count's processes start and pass work: queues that notice a dead worker, and a thread that starts workers.

:mod:`toolkit.counting.workers` counts with these; nothing here depends on
what is counted.
"""

from __future__ import annotations

import contextlib
import queue
import signal
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from toolkit.lifeline import main_not_imported


class Starter:
    """Start worker processes from a thread, while the calling thread goes on (a fork server may still be loading).

    The caller's script is not named to the workers until they have started
    (see :func:`~toolkit.lifeline.main_not_imported`).

    Examples
    --------
    >>> starter = Starter([])
    >>> starter.wait()
    >>> starter.check()  # started, without an error
    """

    def __init__(self, workers: Sequence[Any]) -> None:
        self._error: BaseException | None = None
        self._hidden = contextlib.ExitStack()
        self._hidden.enter_context(main_not_imported())
        self._thread = threading.Thread(target=self._run, args=(workers,), name="toolkit-start-workers", daemon=True)
        self._thread.start()

    def _run(self, workers: Sequence[Any]) -> None:
        try:
            for worker in workers:
                worker.start()
        except BaseException as err:  # raised in the caller's thread (check, wait)
            self._error = err

    def check(self) -> None:
        """Once the workers have started, name the caller's script again; raise what starting them raised."""
        if self._thread.is_alive():
            return
        self.wait()

    def wait(self, quietly: bool = False) -> None:
        """Wait until the workers have started; raise what starting them raised, unless ``quietly``."""
        self._thread.join()
        self._hidden.close()
        if self._error is not None and not quietly:
            error, self._error = self._error, None
            raise error


def count_here(inbox: Any) -> bool:
    """Whether this process counts the next batch itself: the workers have work waiting, or are still starting."""
    return bool(inbox.full())


def take_back(inbox: Any, workers: Sequence[Any]) -> Iterator[list[tuple[str, Any]]]:
    """Yield the batches waiting in ``inbox`` that no worker has taken yet, then tell each worker to finish.

    A ``None`` per worker goes in the queue as soon as the last waiting batch
    is taken, before the caller counts it: a worker that finishes its query
    meanwhile writes its table at once, where it waited for the caller's last
    batch (50 MB of news, ``--jobs 2``: up to 16 ms). No batch is waited for.
    """
    while True:
        try:
            batch = inbox.get_nowait()
        except queue.Empty:
            batch = None
        if batch is None or inbox.empty():  # none left: the workers may end (nothing else puts in the queue)
            for _ in workers:
                put(inbox, None, workers)
            if batch is not None:
                yield batch
            return
        yield batch


def widen(inbox: Any, size: int) -> None:
    """Give the queue's pipe ``size`` bytes: a batch of a megabyte crosses in two writes, not seventeen (Linux only)."""
    with contextlib.suppress(ImportError, AttributeError, OSError):
        import fcntl

        fcntl.fcntl(inbox._writer.fileno(), fcntl.F_SETPIPE_SZ, size)


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


def alive(workers: Sequence[Any]) -> None:
    """Raise :class:`CountingError` if one of ``workers`` has stopped with an error or a signal."""
    dead = [w for w in workers if w.exitcode not in (None, 0)]
    if dead:
        raise CountingError.of(dead[0].exitcode)


def put(inbox: Any, item: Any, workers: Sequence[Any]) -> None:
    """Put ``item`` in ``inbox``, waiting while it is full; raise :class:`CountingError` if a worker dies meanwhile."""
    # Checked before every batch, not only when the queue is full: a worker killed while it did not hold the
    # queue's lock leaves the other one reading, the queue never fills, and the death was seen only at the end.
    alive(workers)
    while True:
        try:
            inbox.put(item, timeout=1)
            return
        except queue.Full:
            alive(workers)


def get(outbox: Any, workers: Sequence[Any]) -> Any:
    """Take the next item of ``outbox``, waiting for it; raise :class:`CountingError` if a worker dies meanwhile."""
    while True:
        try:
            return outbox.get(timeout=1)
        except queue.Empty:
            alive(workers)
