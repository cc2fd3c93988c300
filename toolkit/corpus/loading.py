"""Load a corpus from disk or memory into a table, with a load report.

Sources: a folder of ``.txt`` files (read recursively, in sorted order), a CSV
file, a JSONL file, a pandas DataFrame, or an NLTK corpus (a reader object, or
an installed corpus by name such as ``"nltk:inaugural"``).

The corpus table has one row per document and these columns:

``doc_id``
    The file's path relative to the corpus root (``"politics/0001.txt"``);
    for CSV/JSONL the ``doc_id`` field or ``"<file>:<line>"``; for an NLTK
    corpus its file id.
``text``
    The decoded text, exactly as in the file (no newline translation, no
    cleaning). It is never modified after loading.
``title``
    The first non-empty line (folders and NLTK corpora). It is still part of
    ``text`` and is counted.
``category``
    The first subfolder under the root (absent when there are none), or the
    NLTK corpus category.
any other
    Fields taken from file names by ``name_template``, from a sidecar
    ``metadata.csv`` at the corpus root, or the other columns of a CSV/JSONL
    file or DataFrame. Values are kept as text: ``"007"`` and ``"NA"`` stay as
    they are.

``corpus.attrs["load_report"]`` holds the :class:`~toolkit.corpus.loadreport.LoadReport`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, MutableSequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.corpus.document import CorpusError, Document
from toolkit.corpus.folder import folder_stamp, iter_folder, iter_web_file
from toolkit.corpus.loader import Loader
from toolkit.corpus.loadreport import PAGE_KINDS, LoadEntry, LoadReport
from toolkit.corpus.nametemplate import name_template_regex
from toolkit.corpus.pages import PageOptions
from toolkit.corpus.sources import iter_csv, iter_frame, iter_jsonl, iter_nltk, nltk_reader
from toolkit.corpus.webfiles import web_kind
from toolkit.deprecation import renamed_keywords

if TYPE_CHECKING:  # pandas loads on first use: streaming files needs no pandas (see toolkit.counting.bulk)
    import pandas as pd


def is_frame(source: Any) -> bool:
    """Say whether ``source`` is a DataFrame, without importing pandas (no DataFrame exists until it is).

    Parameters
    ----------
    source : object
        Anything :func:`load_corpus` takes.

    Returns
    -------
    bool

    Examples
    --------
    >>> import pandas as pd
    >>> is_frame(pd.DataFrame({"text": ["a"]})), is_frame("corpus/")
    (True, False)
    """
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(source, pandas.DataFrame)


def _source_name(source: Any) -> str:
    """Name a source in messages and the load report."""
    if is_frame(source):
        return "<DataFrame>"
    if isinstance(source, str | os.PathLike):
        return str(source)
    return f"<NLTK {type(source).__name__}: {getattr(source, 'root', '?')}>"


@renamed_keywords(pattern="name_template")
def iter_documents(
    source: Any,
    *,
    entries: MutableSequence[LoadEntry] | None = None,
    name_template: str | None = None,
    text_column: str = "text",
    id_column: str | None = None,
    fallback_encoding: str = "cp1252",
    strict_encoding: bool = False,
    title: bool = True,
    suffixes: tuple[str, ...] = (".txt",),
    extraction: PageOptions | str | None = None,
    cache: bool = True,
    jobs: int | None = None,
) -> DocumentStream:
    """Yield the documents of ``source`` one at a time, in a deterministic order.

    The streaming form of :func:`load_corpus`: only one document's text is in
    memory at a time (for a folder or NLTK corpus). Load-report entries are
    appended to ``entries`` as the walk goes. Parameters are those of
    :func:`load_corpus`.

    Returns
    -------
    DocumentStream
        An iterator of documents; a count that goes through the token cache
        recognises an unchanged folder by its :meth:`~DocumentStream.stamp`.

    Raises
    ------
    CorpusError
        At once for an unknown fallback encoding or a bad name template; for a
        source that does not exist, when the first document is asked for.

    Examples
    --------
    >>> from toolkit.paths import CORPUS_DIR
    >>> [d.doc_id for d in iter_documents(CORPUS_DIR)][:1]
    ['000_4fd4d0f392c92bd9.txt']
    """
    loader = Loader(
        _source_name(source),
        name_template=name_template,
        fallback_encoding=fallback_encoding,
        strict_encoding=strict_encoding,
        title=title,
        suffixes=suffixes,
        extraction=extraction,
        cache=cache,
        jobs=jobs,
    )
    if entries is not None:
        loader.entries = entries
    return DocumentStream(source, loader, _documents(source, loader, text_column, id_column))


class DocumentStream(Iterator[Document]):
    """The documents of a source, read as they are asked for, and what recognises a folder unchanged.

    Parameters
    ----------
    source : object
        What :func:`iter_documents` was given.
    loader : Loader
        The load's settings and report entries.
    documents : iterator of Document
        The documents, read as they are asked for.

    Examples
    --------
    >>> from toolkit.paths import CORPUS_DIR
    >>> stream = iter_documents(CORPUS_DIR)
    >>> next(stream).doc_id, len(stream.loader.entries)
    ('000_4fd4d0f392c92bd9.txt', 1)
    """

    def __init__(self, source: Any, loader: Loader, documents: Iterator[Document]) -> None:
        self.source = source
        self.loader = loader
        self._documents = documents
        self._stamped: tuple[int, str] | None = None  # the last stamp, and the load report's length then

    def __next__(self) -> Document:
        return next(self._documents)

    def close(self) -> None:
        """Stop reading: what closing a generator does (page workers, if any, are stopped)."""
        close = getattr(self._documents, "close", None)
        if close is not None:
            close()

    def through(self, wrap: Callable[[Iterator[Document]], Iterator[Document]]) -> DocumentStream:
        """Pass the documents through ``wrap`` (a progress bar, say) and return this stream."""
        self._documents = wrap(self._documents)
        return self

    def stamp(self, *, fresh: bool = False) -> str:
        """Return the key of a folder source's state and this load's settings, "" for another source.

        See :func:`~toolkit.corpus.folder.folder_stamp`: while it is the same,
        reading gives the same documents and load report. The folder is walked
        again only when ``fresh`` or when the load report has grown (a file
        read or skipped, a report replayed) since the last stamp: a count's
        lookups before it reads share one walk (2,000 files: 16-25 ms; a warm
        count of 50 MB of news that ranks its recalled totals again: 0.77-0.86
        s against 0.95-1.11 s with a walk for each lookup, 8 paired rounds).
        A check that the folder did not change while it was read asks for a
        ``fresh`` stamp.

        Parameters
        ----------
        fresh : bool, default=False
            Walk the folder whatever was stamped before.

        Examples
        --------
        >>> iter_documents("nltk:inaugural").stamp()
        ''
        >>> from toolkit.paths import CORPUS_DIR
        >>> stream = iter_documents(CORPUS_DIR)
        >>> before = stream.stamp()
        >>> stream.stamp() is before, stream.stamp(fresh=True) is before  # the same walk, then a new one
        (True, False)
        >>> _ = list(stream)
        >>> stream.stamp() == before  # read: stamped again, and unchanged
        True
        """
        read = len(self.loader.entries)
        if not fresh and self._stamped is not None and self._stamped[0] == read:
            return self._stamped[1]
        stamp = ""
        if isinstance(self.source, str | os.PathLike):
            path = Path(self.source).expanduser()
            stamp = folder_stamp(path, self.loader) if path.is_dir() else ""
        self._stamped = (read, stamp)
        return stamp

    def replay(self, entries: Iterable[LoadEntry]) -> None:
        """Stand for a read that gave ``entries``: record them in the load report, and yield nothing more.

        Examples
        --------
        >>> from toolkit.paths import CORPUS_DIR
        >>> stream = iter_documents(CORPUS_DIR)
        >>> stream.replay([LoadEntry("a.txt", "read")])
        >>> list(stream), list(stream.loader.entries)
        ([], [LoadEntry(path='a.txt', status='read', reason='')])
        """
        self.loader.entries.extend(entries)
        self._documents = iter(())


def _documents(source: Any, loader: Loader, text_column: str, id_column: str | None) -> Iterator[Document]:
    if is_frame(source):
        yield from iter_frame(source, loader, text_column, id_column)
        return
    if isinstance(source, str | os.PathLike):
        path = Path(source).expanduser()
        if path.is_dir():
            yield from iter_folder(path, loader)
            return
        if path.is_file():
            suffix = path.suffix.lower()
            if suffix == ".csv":
                yield from iter_csv(path, loader, text_column, id_column)
            elif suffix in (".jsonl", ".ndjson"):
                yield from iter_jsonl(path, loader, text_column, id_column)
            elif web_kind(path.name):
                yield from iter_web_file(path, loader)
            elif suffix in loader.suffixes:
                raise CorpusError(f"{path}: a single text file; give the folder that holds it")
            else:
                raise CorpusError(
                    f"{path}: unsupported file type {suffix or '(none)'}; expected a folder, .csv, .jsonl, "
                    "or a web file (.html, .warc, .warc.gz, .rss, .atom, .xml)"
                )
            return
        if path.exists():
            raise CorpusError(f"{path}: not a folder or regular file")
        if isinstance(source, os.PathLike) or (os.sep in str(source) and not str(source).startswith("nltk:")):
            raise CorpusError(f"{path}: no such file or folder")
    yield from iter_nltk(nltk_reader(source), loader)


@renamed_keywords(pattern="name_template")
def load_corpus(
    source: Any,
    *,
    name_template: str | None = None,
    text_column: str = "text",
    id_column: str | None = None,
    fallback_encoding: str = "cp1252",
    strict_encoding: bool = False,
    strict: bool = False,
    title: bool = True,
    suffixes: tuple[str, ...] = (".txt",),
    extraction: PageOptions | str | None = None,
    cache: bool = True,
    jobs: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Load a corpus into a table with one row per document.

    Parameters
    ----------
    source : str, path, pandas.DataFrame or NLTK corpus reader
        A folder of text files, a ``.csv`` or ``.jsonl`` file, a DataFrame with
        a text column, an NLTK corpus reader, or the name of an installed NLTK
        corpus (``"nltk:inaugural"``, or ``"inaugural"`` when no such path
        exists). Nothing is ever downloaded.
    name_template : str or None, default=None
        Template whose ``{fields}`` become metadata columns, matched against
        the file name without its suffix, e.g. ``"{year}-{president}"`` (a
        name that does not match gets empty fields and a note in the load
        report). ``pattern=`` is its deprecated name.
    text_column : str, default="text"
        The text field of a CSV, JSONL or DataFrame source.
    id_column : str or None, default=None
        The id field of a CSV, JSONL or DataFrame source; ``None`` uses
        ``doc_id`` when present, else ``"<file>:<line>"`` (or the index).
    fallback_encoding : str, default="cp1252"
        Used for files that are not valid UTF-8; each such file is listed in
        the load report with the byte offset of its first bad byte.
    strict_encoding : bool, default=False
        Raise :class:`CorpusError` instead of using the fallback.
    strict : bool, default=False
        Raise :class:`CorpusError` if any file is skipped, or a web page's
        encoding had to be guessed (see :attr:`LoadReport.refused`).
    title : bool, default=True
        Add a ``title`` column: the first non-empty line of each document.
    suffixes : tuple of str, default=(".txt",)
        File endings read as text documents in a folder (case-insensitive).
        Web files are read besides: HTML pages (``.html``, ``.htm``, gzipped
        too), WARC files (``.warc``, ``.warc.gz``: one document per HTML
        response) and RSS/Atom feeds (``.rss``, ``.atom``, ``.xml``: one per
        item), each page's article text extracted by trafilatura.
    extraction : PageOptions, str or None, default=None
        How web pages become text: ``"precision"`` (the default),
        ``"balanced"`` or ``"recall"``, and ``"comments"`` or ``"no-tables"``,
        e.g. ``"recall,comments"`` (see :class:`~toolkit.corpus.pages.PageOptions`).
    cache : bool, default=True
        Keep extracted pages in the token cache (keyed by the page's bytes,
        the settings and the libraries' versions), so a reload is fast.
    jobs : int or None, default=None
        Worker processes that extract pages (None: one per core).
    progress : bool or None, default=None
        Show a progress bar (tqdm) while loading; ``None`` shows one on a
        terminal or in JupyterLab when loading takes over two seconds (see
        :mod:`toolkit.progress`).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, text, [title], [category], metadata...`` in a deterministic
        order; ``attrs["load_report"]`` holds the :class:`LoadReport`.

    Raises
    ------
    CorpusError
        On a missing source, malformed CSV/JSONL (naming the line), duplicate
        ids, or a strict mode violation.

    Examples
    --------
    >>> from toolkit.paths import CORPUS_DIR
    >>> corpus = load_corpus(CORPUS_DIR)
    >>> corpus.loc[0, "title"][:40]
    'Russia says its ready to help normalise '
    >>> corpus.attrs["load_report"].n_documents >= 1
    True
    """
    from toolkit.progress import progress as bar

    entries: list[LoadEntry] = []
    stream = iter_documents(
        source,
        entries=entries,
        name_template=name_template,
        text_column=text_column,
        id_column=id_column,
        fallback_encoding=fallback_encoding,
        strict_encoding=strict_encoding,
        title=title,
        suffixes=suffixes,
        extraction=extraction,
        cache=cache,
        jobs=jobs,
    )
    docs = list(bar(stream, desc=f"loading {_source_name(source)}", enabled=progress))
    settings: tuple[tuple[str, str], ...] = (("fallback encoding", fallback_encoding),)
    if any(e.reason.startswith(PAGE_KINDS) for e in entries):
        settings += (("web pages", f"trafilatura, {PageOptions.parse(extraction).describe()}"),)
    if name_template:
        settings += (("name template", name_template),)
    report = LoadReport(_source_name(source), tuple(entries), settings)
    if strict and report.refused:
        first = report.refused[0]
        raise CorpusError(f"{report.summary()}; strict mode: {first.path}: {first.reason}")
    seen: dict[str, None] = {}
    for doc in docs:
        seen.update(dict.fromkeys(doc.meta))
    fields = name_template_regex(name_template).groupindex if name_template else ()
    first = ["doc_id", "text", "title", "category", *fields]
    columns = [c for c in first if c in seen or c in ("doc_id", "text")] + [c for c in seen if c not in first]
    import pandas as pd

    frame = pd.DataFrame(
        [[d.doc_id, d.text, *(d.meta.get(c) for c in columns[2:])] for d in docs],
        columns=columns,
        dtype=object,
    )
    frame.attrs["load_report"] = report
    return frame


def load_report(corpus: pd.DataFrame) -> LoadReport:
    """Return the load report a corpus table carries.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A table from :func:`load_corpus` (or a copy or subset of one).

    Returns
    -------
    LoadReport

    Raises
    ------
    ValueError
        When the table carries no report.

    Examples
    --------
    >>> from toolkit.paths import CORPUS_DIR
    >>> load_report(load_corpus(CORPUS_DIR)).skipped
    []
    """
    report = corpus.attrs.get("load_report")
    if report is None:
        raise ValueError("this table carries no load report; was it made by load_corpus?")
    return report
