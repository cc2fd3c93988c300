"""What the command line settles before it reads a corpus to count: the engine, the allocator, the fork server.

:func:`applies` says whether the bulk ``regexp`` engine counts
(:mod:`toolkit.counting.bulk`); :func:`lean_allocator` asks for polars'
allocator settings before polars loads; :func:`prestart` starts the fork
server of the counting workers (:mod:`toolkit.counting.workers`). This module
imports neither of those nor polars or ``regex``: the command line calls it
first, and the fork server's imports (0.25 s) start 0.02-0.03 s sooner than
when it imported the workers' modules to call it (23-33 ms).
"""

from __future__ import annotations

import importlib
import multiprocessing
import multiprocessing.forkserver
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


def applies(options: TokenOptions, ngram: int) -> bool:
    """Whether counting can run here, in bulk: ``regexp`` words, no stemming (stemming can merge words).

    Examples
    --------
    >>> from toolkit.tokens.options import TokenOptions
    >>> applies(TokenOptions(tokenizer="regexp"), 1), applies(TokenOptions(), 1)
    (True, False)
    """
    return options.tokenizer == "regexp" and ngram == 1 and not options.stem
