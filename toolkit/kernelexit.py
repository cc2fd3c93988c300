"""A quiet end for a Jupyter kernel that imports the toolkit: its last control message goes out before it closes.

ipykernel answers a shutdown request on its control thread, stops the main
loop, then publishes its "idle" status; the main thread meanwhile leaves its
loop and closes the IOPub thread and its pipes at exit. When the close comes
first, the publish fails with "Socket operation on non-socket", and tornado
may print "Uncaught exception in ZMQStream callback" and a traceback on a
notebook that ran well (once in five runs of the test suite, before report
kernels waited). :func:`quiet_exit` registers an exit handler that stops the
control thread's loop after the message in hand and waits for the thread: it
runs before ipykernel's close, which was registered first. The package calls
it when it is imported in a kernel, so that a notebook run by plain
``papermill``, nbconvert or JupyterLab ends as quietly as a report's kernel
(whose kernel manager loads :mod:`toolkit.reports.kernel` as an extension,
which calls it too). Outside a kernel nothing happens.
"""

from __future__ import annotations

import atexit
import sys
import threading
from typing import Any


def quiet_exit(shell: Any = None) -> bool:
    """At this kernel's exit, let its control thread finish its last message first; return whether it will.

    Parameters
    ----------
    shell : IPython shell, optional
        The kernel's shell; by default IPython's current one, if IPython is
        loaded. A shell without a kernel (a terminal IPython) or no shell at
        all: nothing to wait for. A second call (the report kernel's extension,
        then the package's import) adds a handler that finds the thread ended.

    Returns
    -------
    bool
        Whether the exit waits for the kernel's control thread.

    Examples
    --------
    >>> quiet_exit()  # not in a kernel
    False
    >>> quiet_exit(object())
    False
    """
    if shell is None:
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
    thread = getattr(getattr(shell, "kernel", None), "control_thread", None)
    if not isinstance(thread, threading.Thread):
        return False
    atexit.register(_end_control_thread, thread)
    return True


def _end_control_thread(thread: Any) -> None:
    if thread.is_alive():
        thread.stop()  # after the shutdown request, its loop is stopping already; another way out, not
        thread.join(timeout=5)
