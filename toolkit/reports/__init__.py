"""Reports: notebook helpers, parameters, running notebooks and rendering them to HTML, tables, workbook, PDF.

Until 0.3 ``toolkit.reports`` was one module; its names (``run_report``, ``list_notebooks``, ...) still
resolve here for one version, with a ``DeprecationWarning`` naming the module they live in now.
"""

from toolkit.deprecation import moved_names

__getattr__ = moved_names(
    "toolkit.reports",
    [f"toolkit.reports.{m}" for m in ("running", "parameters", "provenance", "rendering", "index")],
)
