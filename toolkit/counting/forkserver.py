"""What the fork server of counting workers imports once, before it forks them (see :mod:`toolkit.counting.workers`).

Each worker runs polars on one thread: the worker processes share the cores. Polars' allocator (jemalloc) then
needs one arena and no thread caches, which keeps a worker's memory small; without background threads and
with freed address space given back (``retain:false``), a worker reserves little memory it does not use.

The fork server ends when its command has ended, and skips tearing down its interpreter (see
:func:`end_quickly`): it holds the command's output open until it has gone, and a reader of that output waited
50 ms more for it (the 5 MB news corpus, ``freq --jobs 2``: 49-57 ms between the command's end and the end of
its output).
"""

import atexit
import multiprocessing.forkserver
import os
import sys

import toolkit.counting.workers  # noqa: F401  # what the workers run, loaded once here
from toolkit.counting.launch import lean_allocator


def end_quickly() -> None:
    """In the fork server only: at its exit, end the process at once, without tearing down its modules.

    The fork server imports this module as a preload, from
    :func:`multiprocessing.forkserver.main`; any other importer (a worker
    that imports it itself, a test) is left alone.

    Examples
    --------
    >>> end_quickly()  # not in a fork server: nothing changes
    """
    frame = sys._getframe()
    while frame is not None and frame.f_code is not multiprocessing.forkserver.main.__code__:
        frame = frame.f_back
    if frame is not None:
        atexit.register(_end)


def _end() -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # the fork server's command has gone; what it forked has ended or been ended


os.environ.setdefault("POLARS_MAX_THREADS", "1")
lean_allocator()
end_quickly()

import polars  # noqa: E402, F401
