"""Web pages into article text and metadata: the page's encoding found and said, then trafilatura.

A scraped page is bytes. :func:`~toolkit.corpus.charsets.decode_page` decodes them as a browser
would, and says where the encoding came from: a byte-order mark, the HTTP
header (a WARC record's), the page's ``<meta charset>``, valid UTF-8, or else
the load's fallback. :func:`extract_page` then has trafilatura (the leading
open-source extractor on the article-extraction benchmark) find the main text
and the title, author, date and site; when it finds no main text in
precision mode it tries recall mode, and says so; a page where neither finds
any is not a document, with the reason. Every choice made is in the
:class:`Page` it returns, for the load report. The bytes on disk are never
changed: ``text`` is what was extracted.

:class:`PageOptions` holds the user's choices (precision, balanced or recall;
comments; tables), from Python, the command line or a notebook parameter.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from toolkit.corpus.charsets import decode_page, looks_like_html

#: Endings of the files read as one web page each (``.gz``: gzipped).
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz")
#: Endings of WARC files.
WARC_SUFFIXES = (".warc", ".warc.gz")
#: Endings of RSS and Atom feeds (an ``.xml`` file is read as one only when it is one).
FEED_SUFFIXES = (".rss", ".atom", ".xml")
#: Every ending a folder walk reads as web files (see :mod:`toolkit.corpus.webfiles`).
WEB_SUFFIXES = PAGE_SUFFIXES + WARC_SUFFIXES + FEED_SUFFIXES
#: The ``source_type`` of a document extracted from a web page.
SOURCE_TYPES = ("html", "warc", "rss", "atom")

#: Bytes of a page read at most; the rest of a larger page is not read, and the load report says so.
MAX_PAGE_BYTES = 8 * 1024 * 1024

#: Words in the longest line of an extracted text for it to be an article: on a page without one, trafilatura
#: returns what it finds (menus, link lists, a cookie notice), and none of that is a sentence this long.
PROSE_WORDS = 10

# Characters of scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese): in
# them a sentence is one "word" to str.split, so has_prose counts two such characters as a word. Compiled on
# first use: 4 ms at import, for every load.
_UNSPACED = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"

# How htmldate (in trafilatura) finds a page's date: from its markup only (meta tags, JSON-LD, <time>, a
# dateline), never by its "extensive search", which takes a page with no date for one from 1 January of the
# year in its copyright line. A page with none has no date; its URL's /2024/03/05/ is taken then.
_DATES = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?:/|$)")

#: Choices of :attr:`PageOptions.favor`.
FAVOURS = ("precision", "balanced", "recall")


@dataclass(frozen=True)
class PageOptions:
    """How trafilatura turns a page into text.

    Parameters
    ----------
    favor : {"precision", "balanced", "recall"}, default="precision"
        Precision leaves out more that might not be the article (the
        default: on the gold set it scores higher than trafilatura's own
        balanced default); recall keeps more that might be.
    comments : bool, default=False
        Keep the readers' comments below an article.
    tables : bool, default=True
        Keep the text of tables in the article.

    Raises
    ------
    ValueError
        For an unknown ``favor``.

    Examples
    --------
    >>> PageOptions()
    PageOptions(favor='precision', comments=False, tables=True)
    >>> PageOptions.parse("recall, comments").describe()
    'recall, comments, tables'
    """

    favor: str = "precision"
    comments: bool = False
    tables: bool = True

    def __post_init__(self) -> None:
        if self.favor not in FAVOURS:
            raise ValueError(f"favor must be one of {', '.join(FAVOURS)}, got {self.favor!r}")

    @classmethod
    def parse(cls, spec: str | PageOptions | None) -> PageOptions:
        """Read options from words separated by commas: a favour, ``comments``, ``no-tables``.

        Parameters
        ----------
        spec : str, PageOptions or None
            Words in any order (empty or None: the defaults); options are returned as they are.

        Returns
        -------
        PageOptions

        Raises
        ------
        ValueError
            For a word it does not know, naming the words it does.

        Examples
        --------
        >>> PageOptions.parse("no-tables")
        PageOptions(favor='precision', comments=False, tables=False)
        >>> PageOptions.parse("fast")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: unknown extraction option 'fast'; use precision, balanced or recall, comments, ...
        """
        if isinstance(spec, PageOptions):
            return spec
        values: dict[str, Any] = {}
        for word in (spec or "").replace(" ", ",").split(","):
            word = word.strip().lower()
            if not word:
                continue
            if word in FAVOURS:
                values["favor"] = word
            elif word in ("comments", "no-comments"):
                values["comments"] = word == "comments"
            elif word in ("tables", "no-tables"):
                values["tables"] = word == "tables"
            else:
                raise ValueError(
                    f"unknown extraction option {word!r}; use precision, balanced or recall, "
                    "comments, no-comments, tables, no-tables"
                )
        return cls(**values)

    def describe(self) -> str:
        """Say the options in words, for the load report's settings.

        Examples
        --------
        >>> PageOptions(comments=True, tables=False).describe()
        'precision, comments, no tables'
        """
        comments = "comments" if self.comments else "no comments"
        return ", ".join([self.favor, comments, "tables" if self.tables else "no tables"])


@dataclass(frozen=True, slots=True)
class Page:
    """What came of one page: its text and fields, or why there is none, and how it was read.

    Attributes
    ----------
    text : str
        The extracted article text; empty when the page is not a document.
    fields : dict
        ``title``, ``author``, ``date`` (ISO), ``year``, ``month``, ``site``
        and ``url``, each present only when found.
    encoding : str
        The codec the bytes were decoded with.
    encoding_source : str
        Where it came from: ``BOM``, ``HTTP header``, ``meta charset``,
        ``valid UTF-8`` or ``fallback``.
    notes : tuple of str
        What the load report should say beside the page (a fallback taken,
        bytes that did not decode).
    skipped : str
        Why the page is not a document (empty when it is).
    digest : str
        :func:`text_digest` of the text (worked out in the worker, kept in
        the cache): two pages with the same text are duplicates.

    Examples
    --------
    >>> Page("Talks in Baku.", {"site": "Courier"}, "utf-8", "meta charset").skipped
    ''
    """

    text: str
    fields: dict[str, str]
    encoding: str
    encoding_source: str
    notes: tuple[str, ...] = ()
    skipped: str = ""
    digest: str = ""

    def __post_init__(self) -> None:
        if not self.digest and self.text:
            object.__setattr__(self, "digest", text_digest(self.text))

    def to_json(self) -> dict[str, Any]:
        """Return the page as JSON-ready values (what the token cache stores).

        Examples
        --------
        >>> page = Page("Text.", {"site": "Courier"}, "utf-8", "BOM")
        >>> Page.from_json(page.to_json()) == page
        True
        """
        return {
            "text": self.text,
            "fields": self.fields,
            "encoding": self.encoding,
            "source": self.encoding_source,
            "notes": list(self.notes),
            "skipped": self.skipped,
            "digest": self.digest,
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Page:
        """Rebuild a page from :meth:`to_json`'s values."""
        return cls(
            value["text"],
            value["fields"],
            value["encoding"],
            value["source"],
            tuple(value["notes"]),
            value["skipped"],
            value.get("digest", ""),
        )


def text_digest(text: str) -> str:
    """Return a digest of a text with its white space made single spaces: the same article gives the same digest.

    Examples
    --------
    >>> text_digest("Talks in  Baku.\\n") == text_digest("Talks in Baku.")
    True
    """
    import hashlib

    return hashlib.blake2b(" ".join(text.split()).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def extract_page(
    data: bytes,
    options: PageOptions | None = None,
    *,
    header_charset: str | None = None,
    url: str = "",
    fragment: bool = False,
    fallback: str = "cp1252",
) -> Page:
    """Turn a page's bytes into its article text and fields.

    Parameters
    ----------
    data : bytes
        The page (at most :data:`MAX_PAGE_BYTES`; the caller caps it).
    options : PageOptions or None, default=None
        Precision or recall, comments, tables (None: the defaults).
    header_charset : str or None, default=None
        The charset of the HTTP header the page came with.
    url : str, default=""
        Where the page was fetched from (a WARC record's, a feed item's
        link): the ``url`` field when the page does not give its own.
    fragment : bool, default=False
        The HTML is an article already (an RSS or Atom item's content):
        all its text is kept, a line per block, and nothing is skipped for
        being short.
    fallback : str, default="cp1252"
        Encoding of a page that declares none and is not UTF-8.

    Returns
    -------
    Page

    Examples
    --------
    >>> html = (b'<html><head><meta charset="utf-8"><meta property="og:site_name" content="The Courier">'
    ...         b'<meta property="article:published_time" content="2024-03-05"></head><body>'
    ...         b'<nav><a href="/">Home</a> <a href="/world">World</a></nav><article>'
    ...         + b"<p>Leaders met in Baku on Tuesday to discuss a pipeline that would carry gas west.</p>" * 4
    ...         + b"</article></body></html>")
    >>> page = extract_page(html, url="https://courier.example/baku")
    >>> page.text.splitlines()[0]
    'Leaders met in Baku on Tuesday to discuss a pipeline that would carry gas west.'
    >>> page.fields  # doctest: +NORMALIZE_WHITESPACE
    {'date': '2024-03-05', 'site': 'The Courier', 'url': 'https://courier.example/baku',
     'year': '2024', 'month': '2024-03'}
    >>> extract_page(b"just words, no markup").skipped
    'not HTML: no HTML tags in its first 64 KB'
    """
    options = options or PageOptions()
    decoded = decode_page(data, header_charset=header_charset, fallback=fallback)
    if fragment:  # the article already: its text, a line per block (trafilatura would look for one inside it)
        text = _fragment_text(decoded.text)
        skipped = "" if text.strip() else "the feed item has no text"
        return Page(text, _fields(None, url), decoded.encoding, decoded.source, decoded.notes, skipped)
    if not looks_like_html(data):
        skipped = "not HTML: no HTML tags in its first 64 KB"
        return Page("", {}, decoded.encoding, decoded.source, decoded.notes, skipped)
    trafilatura = import_trafilatura()
    notes = list(decoded.notes)
    html = decoded.text
    if "<html" not in html[:4096].lower():  # a saved fragment: trafilatura parses whole documents only
        html = f"<html><body>{html}</body></html>"
    result = _trafilatura(trafilatura, html, url, options.favor, options)
    if not has_prose(result) and options.favor != "recall":
        again = _trafilatura(trafilatura, html, url, "recall", options)
        if has_prose(again):
            result = again
            notes.append(f"{options.favor} mode found no main text; recall mode's text was taken")
        elif result is None:
            result = again  # its metadata, at least
    if not has_prose(result):
        skipped = f"no article text found (no line of {PROSE_WORDS} words or more, in {options.favor} or recall mode)"
        return Page("", _fields(result, url), decoded.encoding, decoded.source, tuple(notes), skipped)
    text = result.text
    if options.comments and (result.comments or "").strip():
        text = f"{text}\n{result.comments}"  # trafilatura keeps them apart; its own text output joins them so
    return Page(text, _fields(result, url), decoded.encoding, decoded.source, tuple(notes))


@functools.cache
def _unspaced() -> re.Pattern[str]:
    return re.compile(_UNSPACED)


def has_prose(result: Any) -> bool:
    """Say whether trafilatura's result holds a line of :data:`PROSE_WORDS` words or more (an article's sentence).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> has_prose(SimpleNamespace(text="Home World Sport\\nTalks in Baku end without a deal"))
    False
    >>> has_prose(SimpleNamespace(text="Ministers met in Baku on Tuesday and left without a deal."))
    True
    >>> has_prose(SimpleNamespace(text="四国能源部长周二离开巴库，仍未达成一致。"))  # two characters a word
    True
    """
    text = getattr(result, "text", None) or ""
    return any(len(line.split()) + len(_unspaced().findall(line)) / 2 >= PROSE_WORDS for line in text.splitlines())


def import_trafilatura() -> Any:
    """Import trafilatura on first use (0.2 s a load of plain text never pays), its loggers quiet.

    trafilatura and its date finder log what they could not find (an empty
    tree, no date) as errors and warnings; the load report says it instead.

    Examples
    --------
    >>> import logging
    >>> import_trafilatura().__name__, logging.getLogger("htmldate").level == logging.CRITICAL
    ('trafilatura', True)
    """
    import logging

    import trafilatura  # before the levels are set: htmldate sets its own level as it loads

    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return trafilatura


def _trafilatura(trafilatura: Any, html: str, url: str, favor: str, options: PageOptions) -> Any:
    """One run of trafilatura with the page's options and a favour."""
    return trafilatura.bare_extraction(
        html,
        url=url or None,
        favor_precision=favor == "precision",
        favor_recall=favor == "recall",
        include_comments=options.comments,
        include_tables=options.tables,
        with_metadata=True,
        date_extraction_params=_DATES,
    )


def _fragment_text(html: str) -> str:
    """Return the text of an HTML fragment trafilatura found none in, a line per block."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml raises several kinds on junk; the text is then the string itself
        return html.strip()
    for block in root.iter("p", "br", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "tr"):
        block.tail = "\n" + (block.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def _fields(result: Any, url: str) -> dict[str, str]:
    """Return the metadata trafilatura found as the corpus table's fields."""
    fields: dict[str, str] = {}
    if result is not None:
        for name, value in (("title", result.title), ("author", result.author), ("date", result.date)):
            if value:
                fields[name] = str(value).strip()
        site = result.sitename or result.hostname
        if site:
            fields["site"] = str(site).strip()
        if result.url:
            fields["url"] = str(result.url)
    if url and "url" not in fields:
        fields["url"] = url
    if "site" not in fields and fields.get("url"):
        from urllib.parse import urlsplit

        host = urlsplit(fields["url"]).hostname or ""
        if host:
            fields["site"] = host.removeprefix("www.")
    if "date" not in fields:
        dated = _URL_DATE.search(fields.get("url", ""))
        if dated:
            fields["date"] = "-".join(dated.groups())
    date = fields.get("date", "")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        fields["year"], fields["month"] = date[:4], date[:7]
    return fields
