"""Environment variables for a report's kernel only, never for the process that runs the report.

papermill hands its extra keyword arguments to nbclient's ``NotebookClient``,
which builds the kernel manager from its ``kernel_manager_class`` with its
``config``; :func:`kernel_options` gives both, so that the kernel starts with
the variables added to a copy of this process's environment (and keeps them
if it restarts). Setting ``os.environ`` instead would leak into the caller: a
JupyterLab session that ran a report would lose its progress bars.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from traitlets import Dict, Integer, Unicode
from traitlets.config import Config

from toolkit.kernelexit import quiet_exit
from toolkit.lifeline import end_tree

#: The report kernels this process started and has not shut down, by process id (see :func:`end_kernels`).
RUNNING: dict[int, Any] = {}


class ReportKernelManager(AsyncKernelManager):
    """A kernel manager that starts its kernel with extra environment variables.

    Attributes
    ----------
    extra_env : dict
        Name -> value, added to the environment the kernel would otherwise get.

    Examples
    --------
    >>> ReportKernelManager(kernel_name="python3", extra_env={"TOOLKIT_PROGRESS": "0"}).extra_env
    {'TOOLKIT_PROGRESS': '0'}
    """

    extra_env = Dict(help="Environment variables added for the kernel only.").tag(config=True)
    socket_folder = Unicode("", help="The private folder of the kernel's IPC sockets (empty: TCP).")
    kernel_pid = Integer(0, help="The kernel's process id once started (0 before).")

    async def start_kernel(self, **kw: Any) -> None:  # type: ignore[override]
        """Start the kernel, with :attr:`extra_env` added to its environment (``kw["env"]`` or ours).

        The kernel talks over Unix sockets (IPC) in a private folder of its own, not TCP on localhost: no
        port is open to other users of the machine, and ipykernel does not warn on every start that TCP
        traffic is unencrypted. Each kernel gets its own folder, so kernels run side by side never share
        a socket; the folder goes when the manager does. The kernel loads this module as an IPython extension,
        so that its exit is quiet (see :func:`load_ipython_extension`).
        """
        kw["env"] = {**kw.get("env", os.environ), **self.extra_env}
        extension = f"--IPKernelApp.extra_extensions={__name__}"
        arguments = list(kw.get("extra_arguments") or [])
        kw["extra_arguments"] = arguments if extension in arguments else [*arguments, extension]  # once, on restarts
        if os.name == "posix" and self.transport == "tcp" and not self.has_kernel:
            self.socket_folder = tempfile.mkdtemp(prefix="toolkit-kernel-")  # mode 0700: only this user connects
            weakref.finalize(self, shutil.rmtree, self.socket_folder, ignore_errors=True)  # if never shut down
            self.transport, self.ip = "ipc", os.path.join(self.socket_folder, "kernel")
        await super().start_kernel(**kw)
        process = getattr(self.provisioner, "process", None)
        if process is not None:
            self.kernel_pid = process.pid
            RUNNING[process.pid] = process

    async def _async_interrupt_kernel(self) -> None:
        """Interrupt the kernel (SIGINT), except on the way to a shutdown.

        jupyter_client interrupts every kernel before it asks it to shut down. A report's kernel is idle
        by then, and when the interrupt lands while it handles a late message, ipykernel logs
        "KeyboardInterrupt caught in kernel." on a run that went well. The shutdown request, then
        SIGTERM and SIGKILL if it must, stop the kernel without it; an interrupt asked for while the
        kernel runs (a cell's timeout) is sent as before.
        """
        if self.shutting_down:
            return
        await super()._async_interrupt_kernel()

    async def shutdown_kernel(self, now: bool = False, restart: bool = False) -> None:  # type: ignore[override]
        """Shut the kernel down; unless it restarts, remove its socket folder too."""
        await super().shutdown_kernel(now=now, restart=restart)
        RUNNING.pop(self.kernel_pid, None)
        if not restart and self.socket_folder:
            shutil.rmtree(self.socket_folder, ignore_errors=True)


def load_ipython_extension(ipython: Any) -> None:
    """In a report's kernel: at exit, let the control thread finish its last message before the sockets close.

    The same wait as :func:`toolkit.kernelexit.quiet_exit` (which importing
    the toolkit in a kernel registers too), for a report's kernel from its
    start, whatever the notebook imports.

    Examples
    --------
    >>> load_ipython_extension(object())  # not a kernel's shell: nothing to wait for
    """
    quiet_exit(ipython)


def end_kernels() -> int:
    """Kill every report kernel this process started and has not shut down (a stopped batch); return how many.

    A kernel that has ended already is only forgotten: it is never signalled, so a process that reused its
    id is safe (the process object reaps the kernel, which holds the id until then).

    Examples
    --------
    >>> import asyncio
    >>> manager = ReportKernelManager(kernel_name="python3")
    >>> asyncio.run(manager.start_kernel())
    >>> end_kernels() >= 1, manager.kernel_pid in RUNNING
    (True, False)
    """
    ended = 0
    for pid, process in sorted(RUNNING.items()):
        del RUNNING[pid]
        if process.poll() is None:
            end_tree(pid)
            process.wait()
            ended += 1
    return ended


def kernel_options(env: dict[str, str]) -> dict[str, Any]:
    """Return keyword arguments for ``papermill.execute_notebook`` that give its kernel ``env`` as well.

    Parameters
    ----------
    env : dict
        Environment variables for the kernel, on top of this process's.

    Returns
    -------
    dict
        ``kernel_manager_class`` and ``config``, which papermill passes on to nbclient.

    Examples
    --------
    >>> options = kernel_options({"TOOLKIT_PROGRESS": "0"})
    >>> options["kernel_manager_class"].__name__, options["config"].ReportKernelManager.extra_env
    ('ReportKernelManager', {'TOOLKIT_PROGRESS': '0'})
    """
    return {
        "kernel_manager_class": ReportKernelManager,
        "config": Config({"ReportKernelManager": {"extra_env": dict(env)}}),
    }
