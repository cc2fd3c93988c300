"""Counting: count tables of terms and the engines behind them (local, bulk in polars workers, Dask).

Until 0.3 ``toolkit.counting`` was one module; its names (``count_terms``, ``top_terms``, ``save_table``,
...) still resolve here for one version, with a ``DeprecationWarning`` naming the module they live in now.
"""

from toolkit.deprecation import moved_names

__getattr__ = moved_names(
    "toolkit.counting",
    ["toolkit.counting.terms", "toolkit.counting.texts", "toolkit.counting.local", "toolkit.tables"],
)
