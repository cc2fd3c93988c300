"""The folder walk: sorted, symlinks never followed; junk and hidden files skipped with a reason; categories."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from toolkit.cache import settings_tag
from toolkit.corpus.decoding import binary_kind
from toolkit.corpus.document import LARGE_FILE, Document
from toolkit.corpus.loader import SIDECAR, Loader
from toolkit.corpus.pagework import PageJob, in_order, stamp_fields
from toolkit.corpus.smallfiles import DeferredDocument, PendingFile, read_bytes, read_small
from toolkit.corpus.webfiles import web_jobs, web_kind

_JUNK_FILES = {".ds_store", "thumbs.db", "desktop.ini", ".localized", "icon\r"}


#: Folders nested more than this many levels below the corpus root are not entered; the load report names
#: each one ("folder too deep"). Real corpora nest a few levels; deeper is a loop of copies or a hostile archive.
MAX_DEPTH = 100


_JUNK_DIRS = {".ipynb_checkpoints", "__macosx", ".git", ".svn", ".hg", "__pycache__", ".trash", ".trashes"}


def _junk_reason(name: str, is_dir: bool) -> str | None:
    """Say why a file or folder is not part of the corpus (system junk, hidden), or None."""
    low = name.lower()
    if is_dir:
        if low in _JUNK_DIRS:
            return "junk folder"
        if name.startswith("."):
            return "hidden folder"
        return None
    if low in _JUNK_FILES or name.startswith("._") or name.startswith("~$") or name.endswith("~"):
        return "junk file"
    if name.startswith("."):
        return "hidden file"
    return None


def _printable_name(name: str) -> str:
    """File names that are not UTF-8 arrive with surrogate escapes; show their bytes."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def iter_folder(root: Path, loader: Loader) -> Iterator[Document]:
    """Yield the documents of a folder tree in sorted order, recording every file skipped and why.

    Web files (HTML pages, WARC files, RSS/Atom feeds) give a document per
    page, extracted in worker processes (see :mod:`toolkit.corpus.webfiles`
    and :mod:`toolkit.corpus.pagework`); the order is the walk's all the same.

    Names are sorted in each folder, so the order never depends on the file
    system. A sidecar ``metadata.csv`` at the root is read first. Skipped, each
    with an entry in ``loader.entries``: system junk (``.DS_Store``,
    ``Thumbs.db``, ``._x``, ``~$x``, ``x~``, checkpoints), hidden files and
    folders, files without one of ``loader.suffixes``, binary files, symlinks
    (never followed), FIFOs, sockets and devices, folders more than
    :data:`MAX_DEPTH` levels below ``root`` (not entered) and files or folders
    that cannot be read (a path longer than the system allows, say). A file over
    :data:`~toolkit.corpus.document.LARGE_FILE` bytes is streamed, not read.
    The walk is iterative: no depth of folders can exhaust Python's stack.

    Parameters
    ----------
    root : pathlib.Path
        The corpus folder.
    loader : Loader
        The load's options and report entries.

    Yields
    ------
    Document
        One per text file; ``doc_id`` is its path relative to ``root`` (with
        ``/``), ``meta["category"]`` the first subfolder it is in.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "world").mkdir()
    >>> _ = (root / "world" / "baku.txt").write_text("Talks in Baku.", "utf-8")
    >>> _ = (root / ".DS_Store").write_bytes(b"\\x00\\x00\\x00\\x01Bud1")
    >>> loader = Loader(str(root))
    >>> [(d.doc_id, d.meta) for d in iter_folder(root, loader)]
    [('world/baku.txt', {'title': 'Talks in Baku.', 'category': 'world'})]
    >>> [(e.path, e.status, e.reason) for e in loader.entries]
    [('.DS_Store', 'skipped', 'junk file'), ('world/baku.txt', 'read', '')]
    """
    yield from in_order(_walk(root, loader), loader, loader.page_work)


def iter_web_file(path: Path, loader: Loader) -> Iterator[Document]:
    """Yield the documents of one web file given as the source: a WARC crawl, a feed or a page.

    Parameters
    ----------
    path : pathlib.Path
        The file; its name starts each ``doc_id`` (``crawl.warc.gz#3``).
    loader : Loader
        The load's options and report entries.

    Yields
    ------
    Document

    Examples
    --------
    >>> import tempfile
    >>> feed = Path(tempfile.mkdtemp()) / "news.rss"
    >>> _ = feed.write_text('<rss version="2.0"><channel><title>Courier</title><item><title>Talks</title>'
    ...                     '<description>Talks in Baku.</description></item></channel></rss>', "utf-8")
    >>> [(d.doc_id, d.text, d.meta["site"]) for d in iter_web_file(feed, Loader(str(feed)))]
    [('news.rss#1', 'Talks in Baku.', 'Courier')]
    """
    yield from in_order(web_jobs(str(path), path.name, {}, loader), loader, loader.page_work)


def _walk(root: Path, loader: Loader) -> Iterator[Document | PageJob]:
    """Walk for :func:`iter_folder`: yield text files as documents, web files as pages to extract."""
    root_real = os.path.realpath(root)
    sidecar = root / SIDECAR
    if sidecar.is_file() and not sidecar.is_symlink():
        loader.read_sidecar(sidecar, SIDECAR)
    # Depth first, without recursion: one iterator of sorted names per folder entered, the deepest last.
    stack: list[tuple[str, str, Iterator[str]]] = []
    _enter(stack, str(root), "", loader)
    while stack:
        folder, rel, names = stack[-1]
        entry_name = next(names, None)
        if entry_name is None:
            stack.pop()
            continue
        entry = _Entry(folder, entry_name)
        name = _printable_name(entry.name)
        relpath = f"{rel}/{name}" if rel else name
        mode = _mode(entry, relpath, root_real, loader)
        if mode is None:
            continue
        if stat.S_ISDIR(mode):
            junk = _junk_reason(entry.name, is_dir=True)
            if junk:
                loader.add(relpath + "/", "skipped", junk)
            elif len(stack) > MAX_DEPTH:  # relpath is len(stack) folders below the root
                loader.add(
                    relpath + "/",
                    "skipped",
                    f"folder too deep: more than {MAX_DEPTH} levels below the corpus root; not entered",
                )
            else:
                _enter(stack, entry.path, relpath, loader)
            continue
        if not stat.S_ISREG(mode):
            kind = "FIFO" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
            loader.add(relpath, "skipped", f"not a regular file ({kind})")
            continue
        if not rel and entry.name == SIDECAR:
            continue  # read above
        if web_kind(entry.name) and not entry.name.lower().endswith(loader.suffixes):
            junk = _junk_reason(entry.name, is_dir=False)
            if junk:
                loader.add(relpath, "skipped", junk)
            else:
                yield from web_jobs(entry.path, relpath, {"category": rel.split("/", 1)[0]} if rel else {}, loader)
            continue
        doc = _file_document(entry, rel, relpath, name, loader)
        if doc is not None:
            yield doc
    if loader.sidecar:
        loader.finish_sidecar(SIDECAR)


class _Entry:
    """One entry of a folder, as much of ``os.DirEntry`` as the walk uses, made when the walk reaches it.

    A folder's ``DirEntry`` objects, each keeping its ``stat`` once asked,
    were all held until the walk left the folder: 500 bytes a file, between
    the entries of the load report that stay, which left the memory they
    freed in pieces (400,000 files in five folders, read with the load report
    kept: 201 MB, now 98 MB).

    Examples
    --------
    >>> import tempfile
    >>> entry = _Entry(tempfile.gettempdir(), "no such file")
    >>> entry.path.endswith("/no such file")
    True
    """

    __slots__ = ("_status", "name", "path")

    def __init__(self, folder: str, name: str) -> None:
        self.name = name
        self.path = os.path.join(folder, name)
        self._status: os.stat_result | None = None

    def stat(self) -> os.stat_result:
        """Return the entry's own status (``lstat``: a symlink is never followed), asked once."""
        if self._status is None:
            self._status = os.lstat(self.path)
        return self._status


def _enter(stack: list[tuple[str, str, Iterator[str]]], folder: str, rel: str, loader: Loader) -> None:
    """Push the sorted names of ``folder`` on the walk's stack, or record why it cannot be read."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as err:
        loader.add(rel or ".", "skipped", f"unreadable folder: {err.strerror}")
        return
    stack.append((folder, rel, iter(names)))


def _mode(entry: _Entry, relpath: str, root_real: str, loader: Loader) -> int | None:
    """Return the entry's file mode, or record why it is skipped (a symlink, never followed)."""
    try:
        mode = entry.stat().st_mode
    except OSError as err:
        loader.add(relpath, "skipped", f"cannot stat: {err.strerror}")
        return None
    if stat.S_ISLNK(mode):
        target = os.path.realpath(entry.path)
        if not os.path.exists(target):
            loader.add(relpath, "skipped", "broken symlink or symlink loop")
        elif os.path.commonpath([root_real, target]) != root_real:
            loader.add(relpath, "skipped", f"symlink leaves the corpus root (-> {target})")
        else:
            inside = os.path.relpath(target, root_real).replace(os.sep, "/")
            loader.add(relpath, "skipped", f"symlink inside the corpus (-> {inside}); not followed")
        return None
    return mode


def _file_document(entry: _Entry, rel: str, relpath: str, name: str, loader: Loader) -> Document | None:
    """Return the document of a regular file in folder ``rel``, or record why it is skipped."""
    junk = _junk_reason(entry.name, is_dir=False)
    if junk:
        loader.add(relpath, "skipped", junk)
        return None
    if not entry.name.lower().endswith(loader.suffixes):
        loader.add(relpath, "skipped", f"not a {'/'.join(loader.suffixes)} file")
        return None
    size = entry.stat().st_size
    meta = {"category": rel.split("/", 1)[0]} if rel else {}
    note = "" if name == entry.name else "file name is not valid UTF-8; doc_id shows its bytes"
    if size <= LARGE_FILE:
        if loader.defer_reads and loader.regex is None and not loader.sidecar:  # no field that needs the text
            loader.add(relpath, "read", note)  # until a worker finds otherwise (see toolkit.corpus.smallfiles)
            return DeferredDocument(relpath, PendingFile(entry.path, size, relpath, loader), meta)
        decoded, skipped = read_small(entry.path, size, loader.fallback)
        if decoded is None:
            loader.add(relpath, "skipped", skipped)
            return None
        loader.refuse_fallback(relpath, decoded.problem)
        return loader.document(relpath, decoded, meta, note)
    try:
        data = read_bytes(entry.path, 8192, size)
    except OSError as err:
        loader.add(relpath, "skipped", f"unreadable: {err.strerror}")
        return None
    kind = binary_kind(data)
    if kind:
        loader.add(relpath, "skipped", f"binary file ({kind})")
        return None
    try:
        return loader.large_document(relpath, Path(entry.path), size, meta, note)
    except OSError as err:  # e.g. gone since it was listed
        loader.add(relpath, "skipped", f"unreadable: {err.strerror}")
        return None


def folder_stamp(root: Path, loader: Loader) -> str:
    """Return a key of the state of the folder tree at ``root``, read with ``loader``'s settings; "" for none.

    The stamp of every entry the walk would see (its path, type, size, inode,
    device and the times of its last change of content, mtime, and of
    anything, ctime, which no tool can set back), as git tells a file
    unchanged without reading it: while the key is the same, the walk gives
    the same documents and the same load report. There is no key for a tree
    that holds a symlink (what the report says of it depends on its target),
    a web file (see :meth:`~toolkit.corpus.pagework.PageWork.stamp`), a
    folder that cannot be read, or an entry changed in the last 2 seconds (so
    that a change within the same tick of the clock is never missed).

    Examples
    --------
    >>> import os, tempfile, time
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "baku.txt").write_text("Talks in Baku.", "utf-8")
    >>> folder_stamp(root, Loader(str(root)))  # written just now
    ''
    >>> past = time.time_ns() - 10**10
    >>> os.utime(root / "baku.txt", ns=(past, past))  # ctime is still now: a touch is a change
    >>> folder_stamp(root, Loader(str(root)))
    ''
    """
    import hashlib  # on first use, as in toolkit.cache

    lines = []
    now = time.time_ns()  # an entry changed since this or in the 2 s before has no stamp: a later change is seen
    stack = [(str(root), "", 1)]  # (folder, its path below the root, its depth: the root is 1)
    while stack:
        folder, rel, depth = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
            for entry in entries:
                status = entry.stat(follow_symlinks=False)
                fields = stamp_fields(status, now)
                if stat.S_ISLNK(status.st_mode) or not fields:
                    return ""
                relpath = f"{rel}/{entry.name}" if rel else entry.name
                if stat.S_ISDIR(status.st_mode):
                    if depth <= MAX_DEPTH and _junk_reason(entry.name, is_dir=True) is None:
                        stack.append((entry.path, relpath, depth + 1))
                elif web_kind(entry.name) and not entry.name.lower().endswith(loader.suffixes):
                    return ""
                lines.append(f"{relpath}\0{fields}")
        except OSError:
            return ""
    lines.sort()
    head = f"{os.path.realpath(root)}\0{settings_tag(loader.describe())}"
    return hashlib.sha256("\n".join([head, *lines]).encode("utf-8", "surrogateescape")).hexdigest()
