"""Pages extracted in worker processes, remembered in the token cache, handed back in the walk's order.

A folder walk meets pages (an HTML file, a WARC record, a feed item) among
text files. Each page becomes a :class:`PageJob`; :class:`PageWork` looks it up
in the token cache (keyed by the page's bytes, the extraction settings and
the versions of trafilatura and its parsers) and sends the misses to worker
processes, which extract them while the walk reads on. :func:`in_order` puts
the documents and load-report entries back in the walk's order, so the result
is the same whatever the number of workers, and a document held back waits
for at most :data:`AHEAD` pages.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from toolkit.cache import TokenCache, settings_tag, token_cache
from toolkit.corpus.document import CorpusError, Document
from toolkit.corpus.pages import Page, PageOptions, extract_page
from toolkit.lifeline import main_not_imported, watch

if TYPE_CHECKING:
    import concurrent.futures as cf

    from toolkit.corpus.loader import Loader

#: Pages a walk reads ahead of the document it hands out next (what the workers have to work on).
AHEAD = 64
#: Pages to extract before worker processes are worth starting (each imports trafilatura: about 0.3 s).
POOL_FROM = 8
#: The fields of a page document, in the corpus table's order (after ``title``).
_PAGE_FIELDS = ("category", "author", "date", "year", "month", "site", "url")
#: Libraries whose versions are part of a cached page's key: a new one extracts again.
_LIBRARIES = ("trafilatura", "lxml", "htmldate", "justext", "courlan")


@dataclass(frozen=True, slots=True)
class PageJob:
    """One page to extract, and what its source already knows about it.

    Attributes
    ----------
    doc_id : str
        The document's id: the file's path, or ``file.warc.gz#3``, ``feed.xml#2``.
    data : bytes
        The page (capped at :data:`~toolkit.corpus.pages.MAX_PAGE_BYTES`).
    source_type : str
        ``html``, ``warc``, ``rss`` or ``atom``.
    meta : dict
        Fields the source gives (a category; a feed item's title, author, date, site).
    header_charset : str or None
        The charset of the HTTP header (a WARC record's).
    url : str
        Where the page came from, when the source says.
    fragment : bool
        The HTML is an article already (a feed item's content).
    notes : tuple of str
        What reading it found (a page over the cap, say), for the load report.
    stamp : str
        The file's stamp (see :meth:`PageWork.stamp`), to remember its page by.
    known : Page or None
        The page already extracted, found by the file's stamp (``data`` is
        then not read).

    Examples
    --------
    >>> PageJob("a.html", b"<p>Talks.</p>", "html").url
    ''
    """

    doc_id: str
    data: bytes
    source_type: str
    meta: dict[str, Any] = field(default_factory=dict)
    header_charset: str | None = None
    url: str = ""
    fragment: bool = False
    notes: tuple[str, ...] = ()
    stamp: str = ""
    known: Page | None = None


def _extract(job: PageJob, options: PageOptions, fallback: str) -> dict[str, Any]:
    """Extract one page (in a worker): the page as JSON values; an error in the libraries skips the page, saying so."""
    try:
        page = extract_page(
            job.data, options, header_charset=job.header_charset, url=job.url, fragment=job.fragment, fallback=fallback
        )
    except Exception as err:  # lxml, htmldate and trafilatura raise many kinds on odd pages
        page = Page("", {}, "", "not known", (), f"extraction failed: {type(err).__name__}: {err}"[:300])
    return page.to_json()


def _versions() -> dict[str, str]:
    """Return the versions of the toolkit and the extraction libraries (part of every cached page's key)."""
    from importlib.metadata import PackageNotFoundError, version

    from toolkit import __version__

    found = {"toolkit": __version__}
    for name in _LIBRARIES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = ""
    return found


def stamp_fields(status: os.stat_result, now_ns: int | None = None) -> str:
    """Return what tells a file unchanged without reading it, as git does; "" for one changed in the last 2 s.

    Its type, size, inode and device, and the times of its last change of
    content (mtime) and of anything (ctime, which no tool can set back). A
    file changed in the last 2 seconds before ``now_ns`` (by default, now:
    a caller that stamps many files gives the time it started) has none, so
    that a change within the same tick of the clock is never missed.

    Examples
    --------
    >>> import tempfile
    >>> stamp_fields(os.stat(tempfile.mkdtemp()))  # made just now
    ''
    """
    if (time.time_ns() if now_ns is None else now_ns) - status.st_ctime_ns < 2_000_000_000:
        return ""
    s = status  # one f-string, with the clock read once by the caller: 2,000 files stamped in 14-16 ms, not 16-25
    return f"{s.st_mode}\0{s.st_size}\0{s.st_ino}\0{s.st_dev}\0{s.st_mtime_ns}\0{s.st_ctime_ns}"


class PageWork:
    """Extracts pages in worker processes, each page once: the token cache remembers it.

    Parameters
    ----------
    options : PageOptions or None, default=None
        How pages become text.
    fallback : str, default="cp1252"
        Encoding of a page that declares none and is not UTF-8.
    jobs : int or None, default=None
        Worker processes (None: one per core the process may use); with
        fewer than :data:`POOL_FROM` pages to extract, none start.
    cache : bool, default=True
        Read and write the token cache.

    Examples
    --------
    >>> work = PageWork(cache=False)
    >>> handle = work.submit(PageJob("a.html", b"<html><body><p>Just one line.</p></body></html>", "html"))
    >>> work.result(handle).skipped
    'no article text found (no line of 10 words or more, in precision or recall mode)'
    >>> work.close()
    """

    def __init__(
        self,
        options: PageOptions | None = None,
        fallback: str = "cp1252",
        *,
        jobs: int | None = None,
        cache: bool = True,
    ) -> None:
        self.options = options or PageOptions()
        self.fallback = fallback
        # The cores this process may use (Linux); os.cpu_count() where that is not known (macOS, Windows).
        self.jobs = jobs or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
        self.cache: TokenCache | None = token_cache() if cache else None
        self._tag = ""
        self._pool: cf.ProcessPoolExecutor | None = None
        self._waiting: list[list[Any]] = []  # handles not yet sent: [job, key, future, page]
        self.extracted = 0
        self.cached = 0
        self.recalled = 0  # of those cached, found by their files' stamps (not read)

    def key(self, job: PageJob) -> str:
        """Return the cache key of a page: its bytes, the settings and the libraries' versions.

        Examples
        --------
        >>> work = PageWork(cache=False)
        >>> job = PageJob("a.html", b"<p>Talks.</p>", "html")
        >>> work.key(job) == PageWork(PageOptions(favor="recall"), cache=False).key(job)
        False
        """
        import hashlib  # on first use, as in toolkit.cache (OpenSSL: 10 ms a load of text files never needs)

        source = f"{job.header_charset}\0{job.url}\0{job.fragment}\0{hashlib.sha256(job.data).hexdigest()}"
        return TokenCache.key("page", source, self._settings())

    def stamp(self, path: str, status: os.stat_result) -> str:
        """Return the key of a file's stamp, by which its page is found again without reading it; "" for none.

        The stamp is the file's path, size, inode and device, and the times
        of its last change of content (mtime) and of anything (ctime, which
        no tool can set back), with this extraction's settings: as git tells
        a file unchanged. A file changed in the last 2 seconds has none, so
        a change within the same tick of the clock is never missed; nor does
        a load with the cache off.

        Examples
        --------
        >>> import tempfile
        >>> path = tempfile.mkdtemp() + "/a.html"
        >>> _ = open(path, "w").write("<p>Talks.</p>")
        >>> PageWork(cache=False).stamp(path, os.stat(path))  # no cache, and changed just now
        ''
        """
        fields = stamp_fields(status)
        if self.cache is None or not self.cache.enabled or not fields:
            return ""
        return TokenCache.key("page stamp", f"{os.path.realpath(path)}\0{fields}", self._settings())

    def _settings(self) -> str:
        """Return the settings and library versions every key of this extraction holds (worked out once)."""
        if not self._tag:
            self._tag = settings_tag(
                {"options": self.options.describe(), "fallback": self.fallback, "versions": _versions()}
            )
        return self._tag

    def recall(self, stamp: str) -> Page | None:
        """Return the page a file with this stamp gave when it was last extracted, or None."""
        if not stamp or self.cache is None:
            return None
        key = self.cache.get_bytes(stamp)
        value = self.cache.get(key.decode("ascii")) if key else None
        if value is None:
            return None
        self.recalled += 1
        return Page.from_json(value)

    def submit(self, job: PageJob) -> list[Any]:
        """Start work on a page (or find it in the cache) and return a handle for :meth:`result`."""
        handle: list[Any] = [job, "", None, None]
        if job.known is not None:
            handle[3] = job.known
            self.cached += 1
            return handle
        if self.cache is not None and self.cache.enabled:
            handle[1] = self.key(job)
            value = self.cache.get(handle[1])
            if value is not None:
                handle[3] = Page.from_json(value)
                self.cached += 1
                return handle
        self._waiting.append(handle)
        if self._pool is None and len(self._waiting) >= POOL_FROM and self.jobs > 1:
            import concurrent.futures as cf  # with the first pool: a load without pages to extract starts none
            import multiprocessing

            context = multiprocessing.get_context("forkserver")
            # A fork server this starts imports trafilatura once for every worker (one already running, the
            # command line's for counting, is kept: its workers import it themselves).
            context.set_forkserver_preload(["toolkit.corpus.pagepreload"])
            owner = (os.getpid(),)
            self._pool = cf.ProcessPoolExecutor(self.jobs, mp_context=context, initializer=watch, initargs=owner)
        if self._pool is not None:
            with main_not_imported():  # the pool starts its workers as work arrives
                for waiting in self._waiting:
                    waiting[2] = self._pool.submit(_extract, waiting[0], self.options, self.fallback)
            self._waiting.clear()
        return handle

    def result(self, handle: list[Any]) -> Page:
        """Return a page's result, waiting for its worker (or extracting it here, when no worker started)."""
        job, key, future, page = handle
        if page is not None:
            return page
        if future is not None:
            from concurrent.futures.process import BrokenProcessPool  # loaded with the pool

            try:
                page = Page.from_json(future.result())
            except BrokenProcessPool:  # a worker died (out of memory, a crash in a parser)
                reason = "extraction failed: its worker process died (out of memory, or a crash in a parser)"
                page = Page("", {}, "", "not known", (), reason)
                key = ""  # not remembered: another run may read it
        else:
            self._waiting.remove(handle)
            page = Page.from_json(_extract(job, self.options, self.fallback))
        self.extracted += 1
        if key and self.cache is not None:
            self.cache.put(key, page.to_json())
            if job.stamp:
                self.cache.put_bytes(job.stamp, key.encode("ascii"))
        handle[3] = page
        return page

    def close(self) -> None:
        """Stop the workers (pages not yet handed out are dropped with them)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def in_order(walk: Iterable[Document | PageJob], loader: Loader, work: PageWork) -> Iterator[Document]:
    """Yield a walk's documents in its order, its pages extracted by ``work`` meanwhile.

    While a page is being extracted, what the walk yields and records after
    it (documents, load-report entries) is held back, so the documents and
    the load report come out exactly as a walk without workers gives them.

    Parameters
    ----------
    walk : iterable of Document or PageJob
        The walk; it records load-report entries in ``loader`` as it goes.
    loader : Loader
        The load: pages become documents (and entries) in
        :func:`page_document`.
    work : PageWork
        Extracts the pages; closed when the walk ends or stops.

    Yields
    ------
    Document

    Examples
    --------
    >>> from toolkit.corpus.document import Document
    >>> from toolkit.corpus.loader import Loader
    >>> loader = Loader("news")
    >>> page = PageJob("b.html", b"<p>" + b"Leaders met in Baku to discuss gas. " * 20 + b"</p>", "html")
    >>> docs = in_order([Document("a.txt", "Talks."), page], loader, PageWork(cache=False))
    >>> [(d.doc_id, d.meta["source_type"]) for d in docs if "source_type" in d.meta]
    [('b.html', 'html')]
    >>> [e.status for e in loader.entries]
    ['read']
    """
    entries = loader.entries
    held: deque[tuple[list[Any], Any]] = deque()  # (entries recorded before the item, the item: a document or handle)
    pages = 0
    walking = iter(walk)
    try:
        while True:
            if held:
                loader.entries = []
            try:
                item = next(walking)
            except StopIteration:
                item = None
            finally:
                before, loader.entries = loader.entries, entries
            if held or isinstance(item, PageJob):
                if before is not entries:
                    held.append((before, None))
                if isinstance(item, PageJob):
                    held.append(([], work.submit(item)))
                    pages += 1
                elif item is not None:
                    held.append(([], item))
            elif item is not None:
                yield item
            while held and (item is None or pages >= AHEAD or _done(held[0][1])):
                before, thing = held.popleft()
                entries.extend(before)
                if isinstance(thing, list):
                    pages -= 1
                    doc = page_document(loader, thing[0], work.result(thing))
                    if doc is not None:
                        yield doc
                elif thing is not None:
                    yield thing
            if item is None:
                return
    finally:
        loader.entries = entries
        work.close()


def page_document(loader: Loader, job: PageJob, page: Page) -> Document | None:
    """Record a page extracted (see :mod:`toolkit.corpus.pagework`) and return its document, or None.

    The entry says how many characters were extracted, the encoding and
    where it came from, and any fallback taken; a page with no article
    is ``skipped`` with the reason. A second page from the same URL, or
    with the same text, gets a ``note`` naming the first.

    Parameters
    ----------
    loader : Loader
        The load: its report, its duplicates so far, the metadata of file names and the sidecar.
    job : PageJob
        The page and what its source knows (fields, notes).
    page : Page
        What extraction made of it.

    Returns
    -------
    Document or None
        With the page's fields: ``title``, ``author``, ``date``,
        ``year``, ``month``, ``site``, ``url``, ``source_type``.

    Examples
    --------
    >>> from toolkit.corpus.loader import Loader
    >>> loader = Loader("news")
    >>> page = Page("Talks in Baku.", {"title": "Talks", "site": "Courier"}, "utf-8", "meta charset")
    >>> page_document(loader, PageJob("a.html", b"", "html"), page).meta
    {'title': 'Talks', 'site': 'Courier', 'source_type': 'html'}
    >>> loader.entries[0].reason
    'html page: 14 characters extracted; encoding utf-8 (meta charset)'
    """
    how = f"encoding {page.encoding} ({page.encoding_source})" if page.encoding else "encoding not known"
    if page.skipped:
        # The cause first: the load report's summary counts skips by it.
        reasons = [page.skipped, f"{job.source_type} page", how, *job.notes, *page.notes]
        loader.add(job.doc_id, "skipped", "; ".join(reasons))
        return None
    reasons = [f"{job.source_type} page: {len(page.text):,} characters extracted", how, *job.notes, *page.notes]
    fallback = page.encoding_source.startswith("fallback")
    if fallback and loader.strict_encoding:
        raise CorpusError(f"{job.doc_id}: {page.encoding_source} (strict encoding)")
    loader.add(job.doc_id, "fallback" if fallback else "read", "; ".join(reasons))
    fields = {**page.fields, **{k: v for k, v in job.meta.items() if v}}
    url = fields.get("url", "")
    if url:
        first = loader.seen_urls.setdefault(url, job.doc_id)
        if first != job.doc_id:
            loader.add(job.doc_id, "note", f"duplicate: the same URL as {first} ({url})")
    first = loader.seen_bodies.setdefault(page.digest, job.doc_id)
    if first != job.doc_id:
        loader.add(job.doc_id, "note", f"duplicate: the same text as {first}")
    ordered = {name: fields[name] for name in _PAGE_FIELDS if fields.get(name)}
    ordered.update((k, v) for k, v in fields.items() if k not in ordered and k != "title")
    ordered["source_type"] = job.source_type
    meta = loader.metadata(job.doc_id, page.text, {})
    if "title" in meta and fields.get("title"):
        meta["title"] = fields["title"]
    return Document(job.doc_id, page.text, {**{k: meta.pop(k) for k in ("title",) if k in meta}, **ordered, **meta})


def _done(thing: Any) -> bool:
    """Whether a held item can be handed out now (a document, or a page whose result is in)."""
    if not isinstance(thing, list):
        return True
    return thing[3] is not None or (thing[2] is not None and thing[2].done())
