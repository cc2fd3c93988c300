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
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from traitlets import Dict
from traitlets.config import Config


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

    async def start_kernel(self, **kw: Any) -> None:  # type: ignore[override]
        """Start the kernel, with :attr:`extra_env` added to its environment (``kw["env"]`` or ours)."""
        kw["env"] = {**kw.get("env", os.environ), **self.extra_env}
        await super().start_kernel(**kw)


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
