"""Provenance of a report run: its status, the corpus checksum, library versions and the manifest.

Examples
--------
>>> SUCCEEDED, FAILED, INTERRUPTED
('SUCCEEDED', 'FAILED', 'INTERRUPTED')
"""

from __future__ import annotations

import hashlib
import platform
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from toolkit.paths import CORPUS_DIR

#: The status of a run that ran to the end, of one that did not, and of one its batch was stopped before it ended.
SUCCEEDED, FAILED, INTERRUPTED = "SUCCEEDED", "FAILED", "INTERRUPTED"
_VERSIONED = (
    *("toolkit", "nltk", "pandas", "numpy", "matplotlib", "seaborn", "papermill", "nbconvert", "ipykernel"),
    "trafilatura",  # web pages' text and dates come from it
)


def corpus_checksum(corpus: str) -> str:
    """SHA-256 over the corpus: every file's relative name and bytes, in sorted order.

    A changed byte or a renamed file changes it; ``nltk:NAME`` hashes the
    installed corpus's files.

    Parameters
    ----------
    corpus : str
        The ``corpus`` parameter of a report: a folder, a file, ``nltk:NAME``,
        or ``""`` for the project's ``corpus/``.

    Returns
    -------
    str
        64 hexadecimal digits, or ``""`` when the corpus cannot be found.

    Examples
    --------
    >>> len(corpus_checksum(""))
    64
    >>> corpus_checksum("/no/such/corpus")
    ''
    """
    digest = hashlib.sha256()
    if corpus.startswith("nltk:"):
        import nltk.data

        try:
            root = Path(str(nltk.data.find(f"corpora/{corpus[5:]}.zip")))
        except LookupError:
            return ""
        files = [(root.name, root)]
    else:
        root = Path(corpus).expanduser() if corpus else CORPUS_DIR
        if root.is_file():
            files = [(root.name, root)]
        elif root.is_dir():
            files = sorted(
                (p.relative_to(root).as_posix(), p) for p in root.rglob("*") if p.is_file() and not p.is_symlink()
            )
        else:
            return ""
    for name, path in files:
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        with open(path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


def library_versions() -> dict[str, str]:
    """Return the versions of Python and of the libraries a report depends on.

    Returns
    -------
    dict
        Library name -> version, ``"not installed"`` for a missing one.

    Examples
    --------
    >>> versions = library_versions()
    >>> versions["python"] == platform.python_version(), "papermill" in versions
    (True, True)
    """
    versions = {"python": platform.python_version()}
    for name in _VERSIONED:
        try:
            versions[name] = metadata.version("corpus-notebook-toolkit" if name == "toolkit" else name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def run_manifest(
    notebook: str,
    run_id: str,
    *,
    status: str,
    error: str = "",
    parameters: dict[str, Any],
    started: datetime,
    seconds: float,
) -> dict[str, Any]:
    """Return the ``manifest.json`` of a run: what ran, on which corpus, with which versions, and how it ended.

    Parameters
    ----------
    notebook : str
        The notebook's stem, such as ``"01_overview"``.
    run_id : str
        The run's folder name.
    status : {"SUCCEEDED", "FAILED"}
        How the run ended; ``error`` says why a run failed.
    parameters : dict
        The checked parameters; ``parameters["corpus"]`` names the corpus.
    started : datetime
        When the run started (UTC).
    seconds : float
        How long the notebook ran.

    Returns
    -------
    dict
        ``notebook, run, status, error, parameters, corpus, corpus_sha256,
        started, seconds, versions``.

    Examples
    --------
    >>> from datetime import UTC
    >>> manifest = run_manifest("01_overview", "r1", status=SUCCEEDED, parameters={},
    ...                         started=datetime(2026, 1, 2, tzinfo=UTC), seconds=1.234)
    >>> manifest["started"], manifest["seconds"], manifest["corpus"] == str(CORPUS_DIR)
    ('2026-01-02T00:00:00+00:00', 1.23, True)
    """
    corpus = str(parameters.get("corpus", ""))
    return {
        "notebook": notebook,
        "run": run_id,
        "status": status,
        "error": error,
        "parameters": parameters,
        "corpus": corpus or str(CORPUS_DIR),
        "corpus_sha256": corpus_checksum(corpus),
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(seconds, 2),
        "versions": library_versions(),
    }


def provenance_footer(manifest: dict[str, Any]) -> dict[str, Any]:
    """Return the fields of a manifest that the foot of an HTML report shows, with their labels.

    Examples
    --------
    >>> from datetime import UTC
    >>> manifest = run_manifest("01_overview", "r1", status=SUCCEEDED, parameters={"n": 5},
    ...                         started=datetime(2026, 1, 2, tzinfo=UTC), seconds=1.0)
    >>> list(provenance_footer(manifest))[:4]
    ['notebook', 'status', 'parameters', 'corpus']
    """
    return {
        "notebook": manifest["notebook"],
        "status": manifest["status"],
        "parameters": manifest["parameters"],
        "corpus": manifest["corpus"],
        "corpus sha256": manifest["corpus_sha256"],
        "run": manifest["run"],
        "started (UTC)": manifest["started"],
        "toolkit": manifest["versions"]["toolkit"],
        "versions": manifest["versions"],
    }
