"""Worker processes that end with the process that started them, and an end for a whole process tree.

The toolkit's workers (report runners, counting workers) are forked by
multiprocessing's fork server, so their parent is the fork server, not the
command that wants them. When that command is killed (SIGKILL, a closed
terminal, an out-of-memory kill), nothing tells them: they would run on,
start the next report, and keep the fork server alive. :func:`watch` makes a
worker end itself, and its children (a report's Jupyter kernel), within
milliseconds of the command's end: it waits on a pidfd of the command, which
cannot be fooled by a reused process id. :func:`end_tree` is what a command
uses to stop one of its workers at once, kernel included.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

#: Exit status of a worker whose command ended (128 + SIGTERM, as if it had been terminated).
ORPHANED = 128 + signal.SIGTERM


def children(pid: int) -> list[int]:
    """Return the process ids of the direct children of ``pid`` (empty when it has none or is gone).

    Examples
    --------
    >>> import subprocess, sys
    >>> child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    >>> child.pid in children(os.getpid())
    True
    >>> child.kill(); _ = child.wait()
    """
    found: set[int] = set()
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                found.update(int(c) for c in (task / "children").read_text().split())
        return sorted(found)
    except OSError:
        pass
    for entry in Path("/proc").iterdir():  # no /proc/<pid>/task/*/children: read every process's parent
        if entry.name.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.add(int(entry.name))
    return sorted(found)


def descendants(pid: int) -> list[int]:
    """Return every process below ``pid``: its children, theirs, and so on (parents before their children).

    Examples
    --------
    >>> import subprocess, sys
    >>> sleep = "import time; time.sleep(30)"
    >>> code = f"import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', {sleep!r}]); {sleep}"
    >>> child = subprocess.Popen([sys.executable, "-c", code])
    >>> for _ in range(100):
    ...     below = descendants(child.pid)
    ...     if below:
    ...         break
    ...     time.sleep(0.05)
    >>> len(below), below[0] in descendants(os.getpid())
    (1, True)
    >>> end_tree(child.pid); _ = child.wait()
    """
    found, queue = [], [pid]
    while queue:
        below = children(queue.pop(0))
        found += below
        queue += below
    return found


def end_tree(pid: int) -> None:
    """Kill ``pid`` and everything below it (SIGKILL): a worker, its kernel and whatever the kernel started.

    The tree is read first and stopped (SIGSTOP) from the top, so that no
    process starts another one while it is being killed. A process gone
    already is skipped.

    Parameters
    ----------
    pid : int
        The process to end, with its descendants.

    Examples
    --------
    >>> import subprocess, sys
    >>> child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    >>> end_tree(child.pid)
    >>> child.wait()
    -9
    """
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGSTOP)
    tree = [pid, *descendants(pid)]
    for below in tree[1:]:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(below, signal.SIGSTOP)
    for process in reversed(tree):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(process, signal.SIGKILL)


def _end_self() -> None:
    """End this process's descendants and then this process, at once (no cleanup: the command is gone)."""
    for below in reversed(descendants(os.getpid())):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(below, signal.SIGKILL)
    os._exit(ORPHANED)


def _wait_for(parent: int, leftovers: str | None) -> None:
    try:
        handle = os.pidfd_open(parent)
    except ProcessLookupError:
        _orphaned(leftovers)
    except (AttributeError, OSError):  # no pidfd (Linux before 5.3): ask every 0.2 s whether the command runs
        while True:
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                _orphaned(leftovers)
            except PermissionError:
                pass
            time.sleep(0.2)
    select.select([handle], [], [])  # readable once the command has ended
    _orphaned(leftovers)


def _orphaned(leftovers: str | None) -> None:
    if leftovers is not None:  # the command that would have removed it is gone
        shutil.rmtree(leftovers, ignore_errors=True)
    _end_self()


def watch(parent: int, leftovers: str | None = None) -> None:
    """In a worker: end this process, and everything it started, as soon as process ``parent`` ends.

    A daemon thread waits on the parent; the worker's own work goes on
    meanwhile. Call it first thing in a worker (a pool's ``initializer``, or
    the start of a process's target), with the id of the command that owns
    the worker. The worker also ignores SIGINT: on Ctrl-C the terminal
    signals the whole process group, and it is the command that decides what
    stops (it ends its workers with :func:`end_tree`).

    Parameters
    ----------
    parent : int
        The process id of the command.
    leftovers : str or None, default=None
        A folder of the command's that this process writes to, removed when
        the command ends first (killed: its own clean-up never ran).

    Examples
    --------
    >>> import subprocess, sys
    >>> code = (
    ...     "import os, sys, time; from toolkit.lifeline import watch; "
    ...     "watch(int(sys.argv[1])); print('watching', flush=True); time.sleep(30)"
    ... )
    >>> owner = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    >>> worker = subprocess.Popen([sys.executable, "-c", code, str(owner.pid)], stdout=subprocess.PIPE, text=True)
    >>> worker.stdout.readline()
    'watching\\n'
    >>> owner.kill(); _ = owner.wait()
    >>> worker.wait(timeout=10) == ORPHANED
    True
    >>> worker.stdout.close()
    """
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_wait_for, args=(parent, leftovers), daemon=True, name="toolkit-lifeline").start()


__all__ = ["ORPHANED", "children", "descendants", "end_tree", "watch"]


@contextlib.contextmanager
def main_not_imported() -> Iterator[None]:
    """Start worker processes that do not run the caller's script again.

    A worker started by a fork server imports the ``__main__`` of the
    process that starts it, by its file: a user's script that calls
    :func:`~toolkit.corpus.loading.load_corpus` or ``count_terms(..., jobs=2)`` at its top level, without
    ``if __name__ == "__main__":``, would run again in every worker, and fail
    there. The workers run only toolkit functions, so while they start the
    script's file is not named to them (a module run with ``-m``, a notebook
    kernel or an interactive session is left as it is).

    Examples
    --------
    >>> import sys
    >>> main = sys.modules["__main__"]
    >>> with main_not_imported():
    ...     named = getattr(main, "__file__", None) is not None and main.__spec__ is None
    >>> named
    False
    """
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if main is None or path is None or getattr(main.__spec__, "name", None):
        yield
        return
    del main.__file__
    try:
        yield
    finally:
        main.__file__ = path
