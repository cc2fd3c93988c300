"""Report processes start warm: papermill without its slowest import, and workers forked with it imported.

jsonschema, which nbformat uses to validate notebooks, imports the optional
``rfc3987_syntax`` package when it is installed (JupyterLab's ``jupyter-events``
installs it) to check the ``iri`` string format, and that package compiles a
Lark grammar as it is imported: 0.9 s on this machine, more than papermill,
nbformat and nbclient together, paid by the runner (which reads notebook
parameters with papermill) and by every worker. Notebook schemas never use the
``iri`` format, so :func:`import_papermill` tells Python that the package is
missing before it imports papermill, in the processes that run reports (it
stays importable where it was imported before). A notebook's own kernel is
another process and is left as it is.

A batch of reports runs in a pool of processes forked from a server
(``multiprocessing``'s forkserver). :mod:`toolkit.reports.preload` is that
server's preload: importing it runs :func:`warm_up`, so each worker starts with
papermill, nbclient, nbconvert and XlsxWriter imported once, in the server.
"""

from __future__ import annotations

import sys
from types import ModuleType

#: Packages imported by a dependency of papermill, never used when running reports, and slow to import.
UNUSED_IMPORTS = ("rfc3987_syntax",)


def import_papermill() -> ModuleType:
    """Import and return papermill, first making ``import rfc3987_syntax`` fail fast unless it is imported already.

    jsonschema imports that package inside ``contextlib.suppress(ImportError)``
    and then goes without the ``iri`` format checker, which notebook schemas
    do not use.

    Examples
    --------
    >>> import_papermill().__name__
    'papermill'
    >>> "rfc3987_syntax" in sys.modules  # None ("not installed"), unless it was imported before
    True
    """
    for name in UNUSED_IMPORTS:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]  # None in sys.modules: "not installed"
    import papermill

    return papermill


def warm_up() -> None:
    """Import what a report worker needs: papermill, nbclient, nbconvert's HTML exporter, XlsxWriter.

    Examples
    --------
    >>> warm_up()
    >>> {"papermill", "nbconvert", "xlsxwriter"} <= set(sys.modules)
    True
    """
    import_papermill()
    import nbconvert  # noqa: F401
    import xlsxwriter  # noqa: F401
    from nbconvert import HTMLExporter  # noqa: F401
