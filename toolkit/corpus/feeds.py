"""RSS and Atom feeds to items: sniffing, reading with feedparser from bytes, and every problem as a sentence."""

from __future__ import annotations

import codecs
import io
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

#: Bytes of a file :func:`is_feed` looks at.
SNIFF_BYTES = 4096

_ATOM_NAMESPACES = ("http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#")
_RDF_NAMESPACE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RSS_RDF_NAMESPACES = ("http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/")
_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)", re.DOTALL | re.IGNORECASE)
_ROOT = re.compile(r"\s*<([A-Za-z_][\w.:-]*)([^>]*)")
_XMLNS = re.compile(r"""\bxmlns(?::([\w.-]+))?\s*=\s*(["'])(.*?)\2""")
_DATE_KEYS = ("published_parsed", "updated_parsed", "created_parsed")


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One item (RSS) or entry (Atom) of a feed that has text to read.

    Attributes
    ----------
    number : int
        1-based position of the item in the feed, counting items that were not read,
        for doc_ids such as ``"feed.xml#4"``.
    title : str
        The item's title, or ``""``.
    author : str
        The item's author (``author``, ``dc:creator``, Atom ``author/name``), or ``""``.
    date : str
        Publication (else update) date-time in UTC, ISO 8601 (``"2024-03-05T10:00:00+00:00"``),
        or ``""`` when the item has none or it could not be parsed.
    link : str
        The item's link, or ``""``.
    html : str
        The full content (``content:encoded``, Atom ``content``), else the summary
        (``description``, Atom ``summary``); HTML or plain text as the feed gives it.
    from_summary : bool
        ``True`` when the item had no full content and ``html`` is its summary.

    Examples
    --------
    >>> item = FeedItem(1, "Vote", "A. Writer", "2024-03-05T10:00:00+00:00", "https://x.org/1", "<p>Hi</p>", False)
    >>> item.date[:10]
    '2024-03-05'
    """

    number: int
    title: str
    author: str
    date: str
    link: str
    html: str
    from_summary: bool


@dataclass(frozen=True)
class Feed:
    """A feed read from bytes: the outlet, its items with text, and what went wrong.

    Attributes
    ----------
    kind : str
        ``"rss"`` (RSS 0.9x, 1.0 and 2.0) or ``"atom"``; ``""`` when the bytes are not a feed.
    title : str
        The channel's (feed's) title: the outlet.
    link : str
        The channel's (feed's) link.
    items : tuple of FeedItem
        The items that have content or a summary, in feed order.
    problems : tuple of str
        Sentences for the load report: broken XML with its line, a wrong encoding
        declaration, items without text (by number), a feed without items.

    Examples
    --------
    >>> Feed("rss", "Daily News", "https://x.org/", (), ("the feed has no items",)).problems
    ('the feed has no items',)
    """

    kind: str
    title: str
    link: str
    items: tuple[FeedItem, ...]
    problems: tuple[str, ...]


def is_feed(data: bytes) -> bool:
    """Tell whether ``data`` starts like an RSS or Atom feed.

    Looks past a byte-order mark, the XML declaration, processing instructions,
    comments and a DOCTYPE at the root element, within the first :data:`SNIFF_BYTES` bytes:
    ``<rss>``, ``<feed>`` in the Atom namespace, or ``<rdf:RDF>`` with the RSS 1.0
    (or 0.9) namespace.

    Parameters
    ----------
    data : bytes
        The file's first bytes (or all of them).

    Returns
    -------
    bool

    Examples
    --------
    >>> is_feed(b'<?xml version="1.0"?>\\n<!-- news --><rss version="2.0"><channel/></rss>')
    True
    >>> is_feed(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>')
    True
    >>> is_feed(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>')
    False
    """
    return bool(_sniff(data)[0])


def read_feed(data: bytes) -> Feed:
    """Read an RSS or Atom feed from its bytes; never raises on bad input.

    The bytes are given to feedparser as a stream (never as a URL or path, so nothing is
    fetched), with HTML sanitizing and link rewriting off so the content stays as given.
    The encoding comes from a byte-order mark or the XML declaration (``windows-1251``,
    ``koi8-r``, ...). Broken XML is read on by feedparser's lenient parser; the problem
    names the line where the strict parser stopped.

    Parameters
    ----------
    data : bytes
        The whole feed file.

    Returns
    -------
    Feed
        Items without content or summary are not items: each is named, by number,
        in ``problems``.

    Examples
    --------
    >>> feed = read_feed(
    ...     b'<rss version="2.0"><channel><title>Daily News</title>'
    ...     b"<item><title>Vote</title><pubDate>Tue, 05 Mar 2024 13:00:00 +0300</pubDate>"
    ...     b"<description>&lt;p&gt;Passed.&lt;/p&gt;</description></item>"
    ...     b"<item><title>Photo</title></item></channel></rss>"
    ... )
    >>> feed.kind, feed.title
    ('rss', 'Daily News')
    >>> [(item.number, item.date, item.html, item.from_summary) for item in feed.items]
    [(1, '2024-03-05T10:00:00+00:00', '<p>Passed.</p>', True)]
    >>> feed.problems
    ('item 2 ("Photo") has no content or summary; not read',)
    """
    sniffed, root = _sniff(data)
    try:
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    except Exception as err:  # feedparser is lenient, but a load must survive anything it raises.
        return Feed(sniffed, "", "", (), (f"could not read the feed: {type(err).__name__}: {err}",))
    version = parsed.get("version") or ""
    kind = "atom" if version.startswith("atom") else "rss" if version.startswith("rss") else sniffed
    entries = parsed.get("entries") or []
    problems = []
    if not kind:
        problems.append(f"not an RSS or Atom feed: {root}")
    if parsed.get("bozo"):
        problems.append(_bozo_problem(parsed.get("bozo_exception"), len(entries)))
    items = []
    for number, entry in enumerate(entries, start=1):
        item = _item(number, entry)
        if item is None:
            title = _text(entry.get("title"))
            named = f' ("{title}")' if title else ""
            problems.append(f"item {number}{named} has no content or summary; not read")
        else:
            items.append(item)
    if kind and not entries:
        problems.append("the feed has no items")
    channel = parsed.get("feed") or {}
    return Feed(kind, _text(channel.get("title")), _text(channel.get("link")), tuple(items), tuple(problems))


def _sniff(data: bytes) -> tuple[str, str]:
    """Return the feed kind (``"rss"``, ``"atom"`` or ``""``) and a description of the root element."""
    text = _head_text(data[:SNIFF_BYTES])
    position = 0
    while match := _PROLOG.match(text, position):
        position = match.end()
    root = _ROOT.match(text, position)
    if root is None:
        rest = text[position:].strip()
        return "", f"no root element in the first {SNIFF_BYTES} bytes" if rest else "the file is empty"
    name, attributes = root.groups()
    prefix, _, local = name.rpartition(":")
    namespaces = {key or "": uri for key, _, uri in _XMLNS.findall(attributes)}
    namespace = namespaces.get(prefix, "")
    described = f"the root element is <{name}>"
    if name == "rss":
        return "rss", described
    if local == "feed" and namespace in _ATOM_NAMESPACES:
        return "atom", described
    if local == "RDF" and namespace == _RDF_NAMESPACE and any(uri in text for uri in _RSS_RDF_NAMESPACES):
        return "rss", described
    return "", described


def _head_text(head: bytes) -> str:
    """Decode a file's first bytes well enough to find its root element."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            return head.decode(encoding, errors="replace")
    if head.startswith(b"<\x00"):
        return head.decode("utf-16-le", errors="replace")
    if head.startswith(b"\x00<"):
        return head.decode("utf-16-be", errors="replace")
    return head.decode("latin-1")


def _bozo_problem(err: Any, items: int) -> str:
    """Say what feedparser found wrong: the line of broken XML, or a wrong encoding declaration."""
    if isinstance(err, feedparser.CharacterEncodingOverride):
        return f"wrong encoding: {err}; the text may be garbled"
    read = f"{items} item{'' if items == 1 else 's'}"
    if hasattr(err, "getLineNumber"):
        message = err.getMessage() if hasattr(err, "getMessage") else str(err)
        return f"broken XML at line {err.getLineNumber()}: {message}; {read} read by the lenient parser"
    return f"broken feed: {type(err).__name__}: {err}; {read} read by the lenient parser"


def _item(number: int, entry: Any) -> FeedItem | None:
    """Make a :class:`FeedItem` of a feedparser entry, or return ``None`` when it has no text."""
    content = next((part.get("value") for part in entry.get("content") or () if _text(part.get("value")).strip()), "")
    summary = _text(entry.get("summary"))
    if not content and not summary.strip():
        return None
    return FeedItem(
        number=number,
        title=_text(entry.get("title")),
        author=_text(entry.get("author")),
        date=_date(entry),
        link=_text(entry.get("link")),
        html=content or summary,
        from_summary=not content,
    )


def _date(entry: Any) -> str:
    for key in _DATE_KEYS:
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            try:
                return datetime(*parsed[:6], tzinfo=UTC).isoformat()
            except (ValueError, OverflowError):
                continue
    return ""


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
