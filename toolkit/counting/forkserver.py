"""What the fork server of counting workers imports once, before it forks them (see :mod:`toolkit.counting.workers`).

Each worker runs polars on one thread: the worker processes share the cores. Polars' allocator (jemalloc) then
needs one arena and no thread caches, which keeps a worker's memory small; without background threads and
with freed address space given back (``retain:false``), a worker reserves little memory it does not use.
"""

import os

from toolkit.counting.workers import lean_allocator

os.environ.setdefault("POLARS_MAX_THREADS", "1")
lean_allocator()

import polars  # noqa: E402, F401
