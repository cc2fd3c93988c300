"""What the fork server of bulk counting workers imports once, before it forks them (:mod:`toolkit.counting.workers`).

Each worker runs polars on one thread, with a lean allocator, and the server ends quickly
(:func:`toolkit.counting.launch.server_settings`); then the server loads polars, which every worker uses.
"""

import toolkit.counting.workers  # noqa: F401  # what the workers run, loaded once here
from toolkit.counting.launch import server_settings

server_settings()

import polars  # noqa: E402, F401
