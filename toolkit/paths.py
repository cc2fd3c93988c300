"""The one place that knows the project's folders.

Notebooks and the command line resolve paths here, never relative to the
kernel's working directory. ``TOOLKIT_CORPUS`` and ``TOOLKIT_REPORTS`` override
the defaults.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root (the folder holding ``toolkit/``).
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _from_env(name: str, default: Path) -> Path:
    """Return the folder an environment variable names, or ``default`` when it is unset or empty."""
    value = os.environ.get(name, "")
    return Path(value).expanduser().absolute() if value else default


#: The default corpus the main job runs on.
CORPUS_DIR = _from_env("TOOLKIT_CORPUS", PROJECT_ROOT / "corpus")
#: Where generated reports go.
REPORTS_DIR = _from_env("TOOLKIT_REPORTS", PROJECT_ROOT / "reports")


def resolve(path: str | os.PathLike[str] | None, default: Path = CORPUS_DIR) -> Path:
    """Resolve a user-given path to an absolute one; ``None`` gives ``default``.

    ``~`` is expanded; a relative path is taken from the current directory of
    the process (the shell's, for the command line).

    Parameters
    ----------
    path : str, path or None
        What the user gave; ``None`` or ``""`` means "the default".
    default : pathlib.Path, default=CORPUS_DIR
        Returned for ``None`` or ``""``.

    Returns
    -------
    pathlib.Path
        An absolute path (not normalised: ``..`` stays).

    Examples
    --------
    >>> resolve(None) == CORPUS_DIR
    True
    >>> resolve("/tmp/x").as_posix()
    '/tmp/x'
    """
    if path is None or str(path) == "":
        return default
    return Path(path).expanduser().absolute()
