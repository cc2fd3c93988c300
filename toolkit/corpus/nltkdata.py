"""Find installed NLTK data without importing NLTK.

``import nltk`` costs about a second here (it imports scipy.stats and, when
installed, scikit-learn), so counting that needs only a stopword list, or only
the cache, looks the data up itself, as ``nltk.data.find`` does: the same
search path (``nltk.data.path`` once NLTK is imported, else NLTK's default
built from ``NLTK_DATA``), plain folders first, then zip files.
``tests/corpus/test_nltkdata.py`` checks both against NLTK's own answers.
"""

from __future__ import annotations

import functools
import os
import sys
import zipfile


def search_path() -> tuple[str, ...]:
    """Return ``nltk.data.path``: NLTK's own list when NLTK is imported, else the list it would build.

    Examples
    --------
    >>> isinstance(search_path(), tuple)
    True
    """
    nltk = sys.modules.get("nltk")
    if nltk is not None and getattr(nltk, "data", None) is not None:
        return tuple(nltk.data.path)
    if sys.platform.startswith("win"):  # NLTK's Windows list has more places: ask NLTK itself
        import nltk

        return tuple(nltk.data.path)
    path = [os.path.expanduser(d) for d in os.environ.get("NLTK_DATA", "").split(os.pathsep) if d]
    if "APPENGINE_RUNTIME" not in os.environ and os.path.expanduser("~/") != "~/":
        path.append(os.path.expanduser("~/nltk_data"))
    path += [
        os.path.join(sys.prefix, "nltk_data"),
        os.path.join(sys.prefix, "share", "nltk_data"),
        os.path.join(sys.prefix, "lib", "nltk_data"),
        "/usr/share/nltk_data",
        "/usr/local/share/nltk_data",
        "/usr/lib/nltk_data",
        "/usr/local/lib/nltk_data",
    ]
    return tuple(path)


@functools.lru_cache(maxsize=64)
def _locate(resource: str, path: tuple[str, ...]) -> tuple[str, str] | None:
    for folder in path:  # as nltk.data.find: the plain resource in every folder first
        candidate = os.path.join(folder, *resource.rstrip("/").split("/"))
        if os.path.exists(candidate):
            return candidate, ""
    pieces = resource.rstrip("/").split("/")
    for i in range(len(pieces)):  # then inside a zip: corpora/stopwords.zip holds stopwords/english
        archive, member = "/".join([*pieces[:i], pieces[i] + ".zip"]), "/".join(pieces[i:])
        member += "/" if resource.endswith("/") else ""
        for folder in path:
            candidate = os.path.join(folder, *archive.split("/"))
            if os.path.isfile(candidate):
                try:
                    with zipfile.ZipFile(candidate) as zf:
                        names = zf.namelist()
                except (OSError, zipfile.BadZipFile):
                    continue
                if member in names or (member.endswith("/") and any(n.startswith(member) for n in names)):
                    return candidate, member
    return None


def find(resource: str, path: tuple[str, ...] | None = None) -> tuple[str, str] | None:
    """Return where ``resource`` is installed: ``(file or folder, "")`` or ``(zip file, member)``, or None.

    As ``nltk.data.find``: the plain resource in every folder of the path
    first, then inside a zip file (``corpora/stopwords.zip`` holds
    ``stopwords/english``). A name ending in ``/`` asks for a folder.

    Parameters
    ----------
    resource : str
        A resource name such as ``"corpora/stopwords/english"``.
    path : tuple of str or None, default=None
        The folders to search; ``None`` is :func:`search_path`.

    Returns
    -------
    tuple of (str, str) or None

    Examples
    --------
    >>> find("corpora/no-such-corpus/english") is None
    True
    """
    return _locate(resource, search_path() if path is None else path)


def read(resource: str, path: tuple[str, ...] | None = None) -> bytes | None:
    """Return the bytes of an installed data file, or None when it is not installed.

    Parameters
    ----------
    resource : str
        A resource name such as ``"corpora/stopwords/english"``.
    path : tuple of str or None, default=None
        The folders to search; ``None`` is :func:`search_path`.

    Returns
    -------
    bytes or None

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "corpora" / "stopwords").mkdir(parents=True)
    >>> _ = (folder / "corpora" / "stopwords" / "english").write_text("the\\nof\\n", "utf-8")
    >>> read("corpora/stopwords/english", (str(folder),))
    b'the\\nof\\n'
    """
    where = find(resource, path)
    if where is None:
        return None
    location, member = where
    if not member:
        with open(location, "rb") as stream:
            return stream.read()
    with zipfile.ZipFile(location) as zf:
        return zf.read(member)


def sentence_model(language: str, path: tuple[str, ...] | None = None) -> str:
    """Describe the sentence splitter the treebank tokeniser uses for ``language``: trained when installed.

    Parameters
    ----------
    language : str
        The language's name in NLTK, e.g. ``"english"``.
    path : tuple of str or None, default=None
        The folders to search; ``None`` is :func:`search_path`.

    Returns
    -------
    str

    Examples
    --------
    >>> sentence_model("klingon", ())
    'untrained PunktSentenceTokenizer() (punkt_tab not installed)'
    """
    if find(f"tokenizers/punkt_tab/{language}/", path) is not None:
        return f"trained Punkt (punkt_tab/{language})"
    return "untrained PunktSentenceTokenizer() (punkt_tab not installed)"


@functools.lru_cache(maxsize=1)
def nltk_version() -> str:
    """Return the installed NLTK's version, without importing it.

    Read from the ``VERSION`` file that ``nltk.__version__`` comes from;
    ``importlib.metadata`` answers only when the file is missing (loading it
    and asking took 5-8 ms of a warm count at 5 MB, 0.18 s: 12 paired rounds,
    0.180 s against 0.185 s with the toolkit's version read the same way).

    Examples
    --------
    >>> nltk_version().split(".")[0] >= "3"
    True
    """
    import importlib.util

    spec = importlib.util.find_spec("nltk")  # finds the package without running its __init__
    if spec is not None and spec.origin:
        try:
            with open(os.path.join(os.path.dirname(spec.origin), "VERSION"), encoding="utf-8") as file:
                return file.read().strip()
        except (OSError, UnicodeDecodeError):
            pass
    from importlib import metadata

    return metadata.version("nltk")
