"""WARC files to HTML pages: one page per HTML response, every other record counted, damage reported by byte offset."""

from __future__ import annotations

import contextlib
import io
import re
import zlib
from collections import Counter
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from warcio.archiveiterator import WARCIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader

from toolkit.progress import printable

#: Content types (without parameters) read as HTML pages.
HTML_TYPES = ("text/html", "application/xhtml+xml")

_DRAIN_BYTES = 64 * 1024
_DAMAGE = "corrupt or truncated WARC from byte {}"
_HTML_START = re.compile(
    rb"\s*(<!--.*?-->\s*|<\?xml[^>]*>\s*)*<(!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
_PLURAL = re.compile(r"\b(record|response|resource)\b")


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One HTML page read from a WARC file.

    Attributes
    ----------
    number : int
        1-based position of the record among all records of the file (``warcinfo`` and
        ``request`` records included), for doc_ids such as ``"crawl.warc.gz#7"``.
    offset : int
        Byte offset of the record in the file as stored (the compressed offset in a
        ``.warc.gz``); seeking there and reading one record gives this record back.
    url : str
        The record's ``WARC-Target-URI``.
    date : str
        The record's ``WARC-Date``, ISO 8601 as given (``"2024-03-05T10:00:00Z"``).
    charset : str or None
        The ``charset`` parameter of the HTTP Content-Type (of the record's own Content-Type
        for a ``resource`` record), lower-cased, or ``None``.
    payload : bytes
        The HTTP body with chunked transfer and gzip/deflate content encoding undone,
        at most ``max_bytes`` long.
    truncated : bool
        ``True`` when the body was longer than ``max_bytes`` and was cut.

    Examples
    --------
    >>> page = WarcPage(3, 840, "https://example.org/", "2024-03-05T10:00:00Z", "utf-8", b"<p>Hi</p>", False)
    >>> page.payload.decode(page.charset)
    '<p>Hi</p>'
    """

    number: int
    offset: int
    url: str
    date: str
    charset: str | None
    payload: bytes
    truncated: bool


@dataclass(frozen=True, slots=True)
class WarcProblem:
    """Why a record, or the rest of a file, could not be read.

    Attributes
    ----------
    number : int or None
        The record's 1-based position, or ``None`` when no record header could be read.
    offset : int or None
        Byte offset (as stored) where reading failed, or ``None`` when the file could not be opened.
    url : str
        The record's ``WARC-Target-URI``, or ``""``.
    reason : str
        A sentence for the load report, naming the byte offset.

    Examples
    --------
    >>> WarcProblem(None, 0, "", "not a WARC file: starts with b'<html>'").reason
    "not a WARC file: starts with b'<html>'"
    """

    number: int | None
    offset: int | None
    url: str
    reason: str


@dataclass(frozen=True)
class WarcSummary:
    """What a WARC file held: records read, pages among them, the rest counted by kind.

    Attributes
    ----------
    records : int
        Records whose header was read (a record cut by the end of the file included).
    pages : int
        Records returned as :class:`WarcPage`.
    skipped : dict of str to int
        Records not returned, by kind: ``"request record"``, ``"HTTP status 404"``,
        ``"non-HTML response (image/png)"``, ...
    problems : int
        :class:`WarcProblem` values returned.

    Examples
    --------
    >>> WarcSummary(4, 1, {"warcinfo record": 1, "request record": 2}).describe()
    '4 records: 1 HTML page read; skipped: 2 request records, 1 warcinfo record'
    """

    records: int
    pages: int
    skipped: dict[str, int] = field(default_factory=dict)
    problems: int = 0

    def describe(self) -> str:
        """Say in one line what was read and what was skipped, kinds sorted by name.

        Returns
        -------
        str

        Examples
        --------
        >>> WarcSummary(1, 0, {"HTTP status 404": 1}, problems=1).describe()
        '1 record: 0 HTML pages read; skipped: 1 HTTP status 404; 1 problem'
        """
        line = f"{_count(self.records, 'record')}: {_count(self.pages, 'HTML page')} read"
        if self.skipped:
            kinds = sorted(self.skipped.items(), key=lambda item: item[0].casefold())
            line += "; skipped: " + ", ".join(f"{n} {_plural(kind) if n != 1 else kind}" for kind, n in kinds)
        if self.problems:
            line += f"; {_count(self.problems, 'problem')}"
        return line


class WarcReader:
    """Read the HTML pages of one WARC file, then tell what else it held.

    Iterating yields :class:`WarcPage` and :class:`WarcProblem` values in file order and
    never raises on a damaged file; once the iteration ends (or is abandoned),
    :attr:`summary` holds the counts. Each iteration reads the file again.

    Parameters
    ----------
    path : pathlib.Path
        A ``.warc`` or ``.warc.gz`` file (the compression is detected, not read from the name).
    max_bytes : int, default=8 MiB
        Largest body kept per page; a longer one is cut there and marked ``truncated``.

    Attributes
    ----------
    summary : WarcSummary or None
        ``None`` until an iteration has finished.

    Notes
    -----
    A page is a ``response`` record with HTTP status 200 and a Content-Type of
    ``text/html`` or ``application/xhtml+xml`` (or no Content-Type and a body that starts
    like HTML), or a ``resource`` record with an HTML content type. A file cut short or
    damaged yields the records before the damage, then one problem naming the byte
    offset of the first record that could not be read whole; a file cut inside the last
    record's gzip trailer or closing blank lines gives that record, then a problem. A
    Content-Length too short for its record is reported and reading goes on. warcio's
    own warnings, written to ``sys.stderr``, are held back with
    :func:`contextlib.redirect_stderr` while it reads, so readers are not meant to run
    in threads that share ``sys.stderr``.

    Examples
    --------
    >>> import tempfile
    >>> from warcio.statusandheaders import StatusAndHeaders
    >>> from warcio.warcwriter import WARCWriter
    >>> path = Path(tempfile.mkdtemp()) / "crawl.warc.gz"
    >>> with path.open("wb") as out:
    ...     writer = WARCWriter(out, gzip=True)
    ...     http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=UTF-8")], protocol="HTTP/1.1")
    ...     body = io.BytesIO(b"<html><p>Hello</p></html>")
    ...     writer.write_record(writer.create_warc_record("https://example.org/", "response", payload=body,
    ...                                                   http_headers=http))
    >>> reader = WarcReader(path)
    >>> [(page.number, page.url, page.charset, page.payload) for page in reader]
    [(1, 'https://example.org/', 'utf-8', b'<html><p>Hello</p></html>')]
    >>> reader.summary.describe()
    '1 record: 1 HTML page read'
    """

    def __init__(self, path: Path, *, max_bytes: int = 8 * 1024 * 1024) -> None:
        if max_bytes < 1:
            raise ValueError(f"max_bytes must be a positive number of bytes; got {max_bytes}")
        self.path = Path(path)
        self.max_bytes = max_bytes
        self.summary: WarcSummary | None = None

    def __iter__(self) -> Iterator[WarcPage | WarcProblem]:
        """Yield the pages and problems of the file in order, filling :attr:`summary` at the end."""
        tally = _Tally()
        try:
            yield from self._read(tally)
        finally:
            self.summary = WarcSummary(tally.records, tally.pages, dict(sorted(tally.skipped.items())), tally.problems)

    def _read(self, tally: _Tally) -> Iterator[WarcPage | WarcProblem]:
        try:
            with self.path.open("rb") as fh:
                size = self.path.stat().st_size
                not_warc = _not_warc(fh.read(64 * 1024))
                if not_warc:
                    tally.problems += 1
                    yield WarcProblem(None, 0, "", f"not a WARC file: {not_warc}")
                    return
                fh.seek(0)
                whole = yield from self._records(fh, size, tally)
                if whole and tally.last_offset is not None:
                    cut = _cut_last_record(fh, tally.last_offset, size)
                    if cut:
                        tally.problems += 1
                        yield WarcProblem(tally.records, tally.last_offset, tally.last_url, cut)
        except OSError as err:
            tally.problems += 1
            yield WarcProblem(None, None, "", f"cannot read the file: {err.strerror or err}")

    def _records(
        self, fh: io.BufferedReader, size: int, tally: _Tally
    ) -> Generator[WarcPage | WarcProblem, None, bool]:
        """Yield pages and problems; return whether the records reached the end of the file."""
        warnings = io.StringIO()
        records = WARCIterator(fh)
        seen_errors = 0
        while True:
            try:
                with contextlib.redirect_stderr(warnings):
                    record = next(records, None)
            except Exception as err:  # warcio raises many kinds; a damaged file must not stop the load.
                offset = records.offset  # the end of the last record read whole
                tally.problems += 1
                first = "not a WARC file" if tally.records == 0 and offset == 0 else _DAMAGE.format(offset)
                why = _words(err)
                if not isinstance(err, ArchiveLoadFailed):  # warcio trips over a header cut short or garbled
                    why = f"a record header is incomplete or damaged ({why})"
                yield WarcProblem(None, offset, "", f"{first}: {why}{_before(tally.records)}")
                return False
            if records.err_count > seen_errors:
                seen_errors = records.err_count
                tally.problems += 1
                yield WarcProblem(
                    tally.records or None,
                    tally.last_offset,
                    tally.last_url,
                    f"the record at byte {tally.last_offset} is not followed by a blank line; its Content-Length "
                    "may be wrong and the line after it was skipped",
                )
            if record is None:
                break
            offset = records.offset  # warcio moves it to the record's start before yielding the record
            tally.records += 1
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            tally.last_offset, tally.last_url = offset, url
            if not isinstance(record.raw_stream, LimitReader):
                tally.problems += 1
                yield WarcProblem(
                    tally.records,
                    offset,
                    url,
                    _DAMAGE.format(offset)
                    + f": record {tally.records} has no Content-Length (its header may be cut short)"
                    + _before(tally.records - 1),
                )
                return False
            try:
                with contextlib.redirect_stderr(warnings):
                    kind, payload, truncated, charset = self._classify(record)
                    _drain(record.raw_stream)
            except Exception as err:  # a damaged body (bad gzip, bad chunking) ends what can be read.
                tally.problems += 1
                yield WarcProblem(
                    tally.records,
                    offset,
                    url,
                    _DAMAGE.format(offset) + f": record {tally.records}: {_words(err)}" + _before(tally.records - 1),
                )
                return False
            if record.raw_stream.limit > 0:
                tally.problems += 1
                short = record.raw_stream.limit
                why = f"record {tally.records} ends {_count(short, 'byte')} before its Content-Length"
                last = warnings.getvalue().strip().splitlines()
                if last:
                    why += f" ({last[-1]})"
                yield WarcProblem(
                    tally.records, offset, url, f"{_DAMAGE.format(offset)}: {why}{_before(tally.records - 1)}"
                )
                return False
            if kind:
                tally.skipped[kind] += 1
                continue
            tally.pages += 1
            date = record.rec_headers.get_header("WARC-Date") or ""
            yield WarcPage(tally.records, offset, url, date, charset, payload, truncated)
        end = records.offset
        if end >= size:
            return True
        tally.problems += 1
        why = f": the last {_count(size - end, 'byte')} are not a whole WARC record"
        yield WarcProblem(None, end, "", _DAMAGE.format(end) + why + _before(tally.records))
        return False

    def _classify(self, record) -> tuple[str, bytes, bool, str | None]:
        """Return ``(skip kind or "", payload, truncated, charset)``; the payload is read only for pages."""
        rec_type = record.rec_type or "untyped"
        if rec_type == "resource":
            mime, charset = _content_type(record.content_type)
            if mime not in HTML_TYPES:
                return f"non-HTML resource ({mime or 'no Content-Type'})", b"", False, None
            return ("", *self._body(record), charset)
        if rec_type != "response":
            return f"{rec_type} record", b"", False, None
        if record.http_headers is None:
            return "response without HTTP headers", b"", False, None
        status = record.http_headers.get_statuscode() or "missing"
        if status != "200":
            return f"HTTP status {status}", b"", False, None
        mime, charset = _content_type(record.http_headers.get_header("Content-Type"))
        if mime and mime not in HTML_TYPES:
            return f"non-HTML response ({mime})", b"", False, None
        payload, truncated = self._body(record)
        if not mime and not _HTML_START.match(payload[:4096].removeprefix(b"\xef\xbb\xbf")):
            return "non-HTML response (no Content-Type)", b"", False, None
        return "", payload, truncated, charset

    def _body(self, record) -> tuple[bytes, bool]:
        stream = record.content_stream()
        payload = stream.read(self.max_bytes)
        truncated = len(payload) == self.max_bytes and bool(stream.read(1))
        return payload, truncated


def iter_warc(path: Path, *, max_bytes: int = 8 * 1024 * 1024) -> Iterator[WarcPage | WarcProblem]:
    """Yield the HTML pages of a WARC file, and a problem wherever it could not be read.

    A shortcut for ``iter(WarcReader(path, max_bytes=max_bytes))``; use :class:`WarcReader`
    to get the :class:`WarcSummary` of the skipped records once the iteration ends.

    Parameters
    ----------
    path : pathlib.Path
        A ``.warc`` or ``.warc.gz`` file.
    max_bytes : int, default=8 MiB
        Largest body kept per page; a longer one is cut and marked ``truncated``.

    Yields
    ------
    WarcPage or WarcProblem
        In file order; never raises on a damaged or foreign file.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "page.warc"
    >>> _ = path.write_bytes(b"<html><body>not a WARC</body></html>")
    >>> [item.reason for item in iter_warc(path)]
    ["not a WARC file: starts with b'<html><body>not a WARC</body></html>'"]
    """
    return iter(WarcReader(path, max_bytes=max_bytes))


@dataclass
class _Tally:
    records: int = 0
    pages: int = 0
    problems: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    last_offset: int | None = None
    last_url: str = ""


def _not_warc(head: bytes) -> str:
    """Return why ``head`` (a file's first bytes) cannot start a WARC file, or ``""``."""
    if not head:
        return "the file is empty"
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error as err:
            return f"a damaged gzip file ({err})"
    if head.lstrip().startswith(b"WARC/"):
        return ""
    return f"starts with {head.lstrip()[:40]!r}"


def _cut_last_record(fh: io.BufferedReader, offset: int, size: int) -> str:
    """Return how the file ends inside its last record (at ``offset``) although its content was whole, or ``""``."""
    fh.seek(offset)
    if fh.read(2) != b"\x1f\x8b":
        fh.seek(max(offset, size - 64))
        if re.search(rb"\r?\n\r?\n\s*\Z", fh.read()):
            return ""
        return f"truncated WARC: the record at byte {offset} is not followed by the blank lines that end a record"
    fh.seek(offset)
    member = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        while not member.eof:
            data = fh.read(_DRAIN_BYTES)
            if not data:
                return f"truncated WARC: the gzip member of the record at byte {offset} is cut before its end"
            while data and not member.eof:
                member.decompress(data, _DRAIN_BYTES)
                data = member.unconsumed_tail
    except zlib.error as err:
        return f"corrupt WARC: the gzip member of the record at byte {offset} is damaged ({err})"
    return ""


def _content_type(value: str | None) -> tuple[str, str | None]:
    """Split a Content-Type into its lower-cased media type and charset (or ``None``)."""
    mime, *params = (value or "").split(";")
    charset = None
    for param in params:
        name, _, setting = param.partition("=")
        if name.strip().lower() == "charset":
            charset = setting.strip().strip("\"'").lower() or None
    return mime.strip().lower(), charset


def _drain(stream: LimitReader) -> None:
    while stream.read(_DRAIN_BYTES):
        pass


def _words(err: Exception) -> str:
    """Name ``err`` with its message on one short printable line (warcio quotes whole binary lines)."""
    # Every character that is not printable (a soft hyphen in a quoted binary line too), and the replacement
    # character that stands for undecodable bytes, is escaped; a long message is cut first.
    text = printable(" ".join(str(err).split())[:1000]).replace("\ufffd", "\\ufffd")
    if len(text) > 160:
        text = text[:160] + "..."
    return f"{type(err).__name__}: {text}" if text else type(err).__name__


def _before(done: int) -> str:
    if done == 0:
        return ""
    return "; the record before it was read" if done == 1 else f"; the {done} records before it were read"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun if n == 1 else noun + 's'}"


def _plural(kind: str) -> str:
    return _PLURAL.sub(r"\1s", kind, count=1)
