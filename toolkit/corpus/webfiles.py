"""Web files in a corpus folder: HTML pages (gzipped too), WARC files and RSS/Atom feeds, as pages to extract.

Each file becomes :class:`~toolkit.corpus.pagework.PageJob` objects, one per
page: an HTML file is one page, a WARC file one per HTML response record
(``doc_id`` ``crawl.warc.gz#<record>``), a feed one per item with content
(``feed.xml#<item>``). Whatever cannot be read is a load-report entry that
names the file and where (a byte offset, a line); nothing raises, and with
``--strict`` any such entry stops the load.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterator

from toolkit.corpus.charsets import looks_like_html
from toolkit.corpus.loader import Loader
from toolkit.corpus.pages import FEED_SUFFIXES, MAX_PAGE_BYTES, PAGE_SUFFIXES, WARC_SUFFIXES
from toolkit.corpus.pagework import PageJob


def web_kind(name: str) -> str:
    """Say which kind of web file a name is: ``html``, ``warc``, ``feed``, or ``""``.

    Examples
    --------
    >>> web_kind("Crawl.WARC.GZ"), web_kind("a.htm"), web_kind("feed.xml"), web_kind("a.txt")
    ('warc', 'html', 'feed', '')
    """
    low = name.lower()
    if low.endswith(WARC_SUFFIXES):
        return "warc"
    if low.endswith(PAGE_SUFFIXES):
        return "html"
    if low.endswith(FEED_SUFFIXES):
        return "feed"
    return ""


def read_capped(path: str, gzipped: bool, cap: int = MAX_PAGE_BYTES) -> tuple[bytes, bool]:
    """Read a file (gunzipped when ``gzipped``) up to ``cap`` bytes; say whether there was more.

    Raises
    ------
    OSError
        When it cannot be read; ``EOFError`` or ``zlib.error``/``gzip.BadGzipFile`` for a damaged gzip.

    Examples
    --------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "a.html.gz")
    >>> with gzip.open(path, "wb") as out:
    ...     _ = out.write(b"<p>Talks.</p>")
    >>> read_capped(path, True, cap=5)
    (b'<p>Ta', True)
    """
    opener = gzip.open if gzipped else open
    with opener(path, "rb") as stream:
        data = stream.read(cap + 1)
    return data[:cap], len(data) > cap


def _over_cap(doc_id: str, loader: Loader, cap: int = MAX_PAGE_BYTES) -> str:
    """Record the part of a page past the cap as not read (so that ``--strict`` stops there); return the note."""
    loader.add(doc_id, "skipped", f"the page is over {cap // (1024 * 1024)} MB: only its first {cap:,} bytes were read")
    return f"page cut at {cap:,} bytes (see the skipped entry)"


def web_jobs(path: str, relpath: str, meta: dict[str, str], loader: Loader) -> Iterator[PageJob]:
    """Yield the pages of one web file, recording in ``loader`` whatever cannot be read and why.

    Parameters
    ----------
    path : str
        The file.
    relpath : str
        Its path relative to the corpus root: the ``doc_id``, or its start.
    meta : dict
        Fields from the folder (the category).
    loader : Loader
        The load, for its report.

    Yields
    ------
    PageJob

    Examples
    --------
    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> _ = open(os.path.join(folder, "a.html"), "wb").write(b"<html><p>Talks in Baku.</p></html>")
    >>> [job.doc_id for job in web_jobs(os.path.join(folder, "a.html"), "a.html", {}, Loader("news"))]
    ['a.html']
    """
    kind = web_kind(relpath)
    if kind == "warc":
        yield from _warc_jobs(path, relpath, meta, loader)
        return
    work = loader.page_work
    stamp = ""
    if kind == "html":
        try:
            stamp = work.stamp(path, os.stat(path))
        except OSError:
            stamp = ""
        known = work.recall(stamp)
        if known is not None:  # the same file as when its page was extracted: not read again
            yield PageJob(relpath, b"", "html", meta, known=known)
            return
    try:
        data, more = read_capped(path, relpath.lower().endswith(".gz"))
    except (EOFError, zlib.error, gzip.BadGzipFile) as err:
        loader.add(relpath, "skipped", f"damaged gzip file: {err or type(err).__name__}")
        return
    except OSError as err:
        loader.add(relpath, "skipped", f"unreadable: {err.strerror}")
        return
    if kind == "feed":
        yield from _feed_jobs(data, more, relpath, meta, loader)
        return
    if not data.strip():
        loader.add(relpath, "skipped", "empty page file: no HTML, no article")  # not a document: none is yielded
        return
    if not looks_like_html(data):
        loader.add(relpath, "skipped", "not HTML: no HTML tags in its first 64 KB")
        return
    notes = (_over_cap(relpath, loader),) if more else ()
    yield PageJob(relpath, data, "html", meta, notes=notes, stamp="" if more else stamp)


def _warc_jobs(path: str, relpath: str, meta: dict[str, str], loader: Loader) -> Iterator[PageJob]:
    """Yield the HTML response records of a WARC file; report damage and records of other kinds."""
    from toolkit.corpus.warc import WarcPage, WarcProblem, WarcReader  # warcio loads only for a WARC file

    reader = WarcReader(path, max_bytes=MAX_PAGE_BYTES)
    for record in reader:
        if isinstance(record, WarcProblem):
            where = f"{relpath}#{record.number}" if record.number else relpath
            at = f" (byte {record.offset:,})" if record.offset is not None and "byte" not in record.reason else ""
            loader.add(where, "skipped", f"{record.reason}{at}")
            continue
        assert isinstance(record, WarcPage)
        doc_id = f"{relpath}#{record.number}"
        notes = (_over_cap(doc_id, loader),) if record.truncated else ()
        # the crawl's date, not the article's
        fields = {**meta, **({"crawled": record.date[:10]} if record.date else {})}
        yield PageJob(doc_id, record.payload, "warc", fields, record.charset, record.url, notes=notes)
    loader.add(relpath, "note", reader.summary.describe())


def _feed_jobs(data: bytes, more: bool, relpath: str, meta: dict[str, str], loader: Loader) -> Iterator[PageJob]:
    """Yield the items of an RSS or Atom feed, each with its own fields; report what the feed lacks."""
    from toolkit.corpus.feeds import is_feed, read_feed  # feedparser loads only for a feed

    if more:
        loader.add(relpath, "skipped", f"the feed is over {MAX_PAGE_BYTES // (1024 * 1024)} MB: not read")
        return
    if not is_feed(data):
        loader.add(relpath, "skipped", "not an RSS or Atom feed (an XML file of another kind)")
        return
    feed = read_feed(data)
    for problem in feed.problems:
        loader.add(relpath, "skipped", f"{feed.kind or 'feed'} problem: {problem}")
    for item in feed.items:
        fields = {**meta, "title": item.title, "author": item.author, "site": feed.title, "url": item.link}
        if item.date:
            date = item.date[:10]
            fields.update(date=date, year=date[:4], month=date[:7])
        notes = ("the item has no full text: its summary was read",) if item.from_summary else ()
        yield PageJob(
            f"{relpath}#{item.number}",
            item.html.encode("utf-8"),
            feed.kind,
            fields,
            "utf-8",
            item.link,
            fragment=True,
            notes=notes,
        )
