"""Stopping a batch of reports: SIGINT and SIGTERM become one exception, and the batch's workers end at once.

A batch runs its reports in worker processes, each driving a Jupyter kernel.
When the batch is told to stop (Ctrl-C, ``kill``, a CI job cancelled), no
report may start afterwards and nothing may be published as complete:
:func:`interruptible` turns either signal into :class:`Interrupted` in the
runner, :func:`end_workers` kills every worker with its kernel, and the
runner then writes the index with what finished and exits 130 or 143. A
SIGKILL of the runner cannot be caught: each worker watches the runner itself
(:func:`toolkit.lifeline.watch`) and ends with it.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import signal
import threading
from collections.abc import Callable, Iterator

from toolkit.lifeline import end_tree

#: The signals that stop a batch.
STOPPING = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    """A batch stopped by a signal; ``code`` is the exit status a shell gives such a stop (130, 143).

    Examples
    --------
    >>> stop = Interrupted(signal.SIGTERM)
    >>> stop.code, stop.name, isinstance(stop, KeyboardInterrupt)
    (143, 'SIGTERM', True)
    """

    def __init__(self, signum: int) -> None:
        self.signum = int(signum)
        self.code = 128 + self.signum
        self.name = signal.Signals(self.signum).name
        super().__init__(self.name)


@contextlib.contextmanager
def interruptible(first: Callable[[], None] | None = None) -> Iterator[None]:
    """Raise :class:`Interrupted` on SIGINT or SIGTERM while the block runs; restore the handlers after.

    Only the main thread can receive signals: elsewhere nothing changes. A
    plain ``KeyboardInterrupt`` (Jupyter's interrupt button) comes out as
    ``Interrupted(SIGINT)``.

    Parameters
    ----------
    first : callable or None
        Called in the signal handler before the exception is raised (e.g. to
        kill a kernel before the stop unwinds the code that talks to it).

    Examples
    --------
    >>> import os
    >>> try:
    ...     with interruptible():
    ...         os.kill(os.getpid(), signal.SIGTERM)
    ... except Interrupted as stop:
    ...     print(stop.code)
    143
    >>> signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    True
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        hold_signals()
        if first is not None:
            first()
        raise Interrupted(signum)

    previous = {signum: signal.signal(signum, stop) for signum in STOPPING}
    try:
        yield
    except Interrupted:
        raise
    except KeyboardInterrupt:
        raise Interrupted(signal.SIGINT) from None
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def hold_signals() -> None:
    """Ignore SIGINT and SIGTERM from now on (in the main thread): a stop is being handled.

    :func:`interruptible` restores the handlers when its block ends.

    Examples
    --------
    >>> with interruptible():
    ...     hold_signals()
    ...     signal.getsignal(signal.SIGTERM) is signal.SIG_IGN
    True
    """
    if threading.current_thread() is threading.main_thread():
        for signum in STOPPING:
            signal.signal(signum, signal.SIG_IGN)


def end_workers(pool: cf.ProcessPoolExecutor) -> int:
    """Kill every worker of ``pool`` with all it started (kernels), drop the queued runs, and return the count.

    Parameters
    ----------
    pool : concurrent.futures.ProcessPoolExecutor
        A pool whose workers run reports.

    Returns
    -------
    int
        The workers that were killed.

    Examples
    --------
    >>> import multiprocessing, time
    >>> pool = cf.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver"))
    >>> future = pool.submit(time.sleep, 30)
    >>> end_workers(pool), future.done()
    (1, True)
    """
    # The executor keeps no public list of its processes; ``_processes`` (pid -> process) has been there since
    # Python 3.2.
    processes = dict(getattr(pool, "_processes", None) or {})
    for pid in processes:
        end_tree(pid)
    with contextlib.suppress(Exception):
        pool.shutdown(wait=True, cancel_futures=True)
    return len(processes)


__all__ = ["STOPPING", "Interrupted", "end_workers", "hold_signals", "interruptible"]
