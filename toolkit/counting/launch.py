"""What the command line settles before it reads a corpus to count: the engine, the allocator, the fork server.

:func:`applies` says whether the bulk ``regexp`` engine counts
(:mod:`toolkit.counting.bulk`); :func:`lean_allocator` asks for polars'
allocator settings before polars loads; :func:`prestart` starts the fork
server of the counting workers (:mod:`toolkit.counting.workers`). This module
imports neither of those nor polars or ``regex``: the command line calls it
first, and the fork server's imports (0.25 s) start 0.02-0.03 s sooner than
when it imported the workers' modules to call it (23-33 ms). It imports
:mod:`multiprocessing` only to start a fork server (17-25 ms of a command's
start that needs none: a warm count, a count in one process).
"""

from __future__ import annotations

import atexit
import importlib
import os
import sys
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from toolkit.tokens.options import TokenOptions

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


def server_settings() -> None:
    """In a fork server of counting workers: polars on one thread with :data:`LEAN_ALLOCATOR`, and a quick end.

    Sets what a worker forked by the server inherits, before anything loads
    polars: the workers share the cores, so each runs polars on one thread,
    and one arena with no thread caches keeps a worker's memory small. Then
    :func:`end_quickly`. Both fork servers' preloads call it
    (:mod:`toolkit.counting.forkserver`, :mod:`toolkit.counting.nltkserver`):
    the server a command starts first forks every later count's workers.

    Examples
    --------
    >>> import subprocess, sys
    >>> code = ("import os, sys; from toolkit.counting import launch; launch.server_settings(); "
    ...         "print(os.environ['POLARS_MAX_THREADS'], 'polars' in sys.modules)")
    >>> subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={}).stdout
    '1 False\\n'
    """
    os.environ.setdefault("POLARS_MAX_THREADS", "1")
    lean_allocator()
    end_quickly()


def end_quickly() -> None:
    """In a fork server only: at its exit, end the process at once, without tearing down its modules.

    The fork server ends when its command has ended; it holds the command's
    output open until it has gone, and a reader of that output waited 50 ms
    more for it (the 5 MB news corpus, ``freq --jobs 2``: 49-57 ms between
    the command's end and the end of its output). The fork server imports its
    preload from :func:`multiprocessing.forkserver.main`; any other caller (a
    worker that imports the preload itself, a test) is left alone.

    Examples
    --------
    >>> end_quickly()  # not in a fork server: nothing changes
    """
    server = sys.modules.get("multiprocessing.forkserver")
    if server is None:  # not a fork server: one has imported it to run
        return
    frame = sys._getframe()
    while frame is not None and frame.f_code is not server.main.__code__:
        frame = frame.f_back
    if frame is not None:
        atexit.register(_end)


def _end() -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # the fork server's command has gone; what it forked has ended or been ended


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
    import multiprocessing.forkserver

    context = multiprocessing.get_context("forkserver")
    # Without a preload the fork server first imports the caller's __main__ (the whole command line, or a script).
    preload = "toolkit.counting.nltkserver" if tokenisers else "toolkit.counting.forkserver"
    context.set_forkserver_preload([preload])
    multiprocessing.forkserver.ensure_running()
    # The caller ranks the counts with polars: import it now, beside the reading, not after the count.
    if "polars" not in sys.modules:
        threading.Thread(target=importlib.import_module, args=("polars",), daemon=True).start()
    return context


def applies(options: TokenOptions, ngram: int) -> bool:
    """Whether counting can run here, in bulk: ``regexp`` words, no stemming (stemming can merge words).

    Examples
    --------
    >>> from toolkit.tokens.options import TokenOptions
    >>> applies(TokenOptions(tokenizer="regexp"), 1), applies(TokenOptions(), 1)
    (True, False)
    """
    return options.tokenizer == "regexp" and ngram == 1 and not options.stem
