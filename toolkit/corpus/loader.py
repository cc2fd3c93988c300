"""The state of one load: report entries, decoding with a record, metadata from file names and a sidecar CSV."""

from __future__ import annotations

import codecs
import csv
import io
import re
import sys
from collections.abc import MutableSequence
from pathlib import Path
from typing import Any

from toolkit.corpus.decoding import Decoded, decode_bytes, scan_encoding
from toolkit.corpus.document import CorpusError, Document, encoding_refused
from toolkit.corpus.loadreport import LoadEntries, LoadEntry, document_entry
from toolkit.corpus.nametemplate import name_template_regex
from toolkit.corpus.pages import WEB_SUFFIXES, PageOptions
from toolkit.corpus.pagework import PageWork

#: The sidecar file at a corpus root whose rows add metadata to the documents they name.
SIDECAR = "metadata.csv"


_FIRST_LINE = re.compile("[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]*")  # up to a break of str.splitlines


def _title(text: str) -> str:
    """Return the first line that is not blank, stripped (without splitting the whole text).

    Examples
    --------
    >>> _title(" \\n\\u2028  Talks in Baku \\r\\nBody")
    'Talks in Baku'
    """
    match = _FIRST_LINE.match(text.lstrip())
    return match.group().strip() if match else ""


class Loader:
    """Shared state of one load: options, report entries, sidecar metadata.

    The sources (:mod:`toolkit.corpus.folder`, :mod:`toolkit.corpus.sources`)
    hand every file or record to one loader, which decodes it, makes the
    :class:`~toolkit.corpus.document.Document` with its metadata, and appends a
    :class:`~toolkit.corpus.loadreport.LoadEntry` for it to ``entries``.

    Parameters
    ----------
    source : str
        The source's name, for messages.
    name_template : str or None, default=None
        Template of file-name fields, e.g. ``"{year}-{president}"`` (see
        :func:`name_template_regex`).
    fallback_encoding : str, default="cp1252"
        Codec for bytes that are not valid UTF-8.
    strict_encoding : bool, default=False
        Raise :class:`~toolkit.corpus.document.CorpusError` instead of using the fallback.
    title : bool, default=True
        Give each document a ``title``: its first line that is not blank.
    suffixes : tuple of str, default=(".txt",)
        File endings read as text documents in a folder (case-insensitive).
        Web pages, WARC files and feeds are read besides (see
        :mod:`toolkit.corpus.webfiles`).
    extraction : PageOptions, str or None, default=None
        How web pages become text (see :class:`~toolkit.corpus.pages.PageOptions`).
    cache : bool, default=True
        Keep extracted pages in the token cache.
    jobs : int or None, default=None
        Worker processes that extract pages (None: one per core).

    Raises
    ------
    CorpusError
        For an unknown fallback encoding or a bad name template.

    Examples
    --------
    >>> loader = Loader("news", name_template="{year}-{topic}")
    >>> doc = loader.document("2024-baku.txt", loader.decode("Talks in Baku.\\nBody.".encode(), "2024-baku.txt"), {})
    >>> doc.meta
    {'title': 'Talks in Baku.', 'year': '2024', 'topic': 'baku'}
    >>> list(loader.entries)
    [LoadEntry(path='2024-baku.txt', status='read', reason='')]
    """

    def __init__(
        self,
        source: str,
        *,
        name_template: str | None = None,
        fallback_encoding: str = "cp1252",
        strict_encoding: bool = False,
        title: bool = True,
        suffixes: tuple[str, ...] = (".txt",),
        extraction: PageOptions | str | None = None,
        cache: bool = True,
        jobs: int | None = None,
    ) -> None:
        self.source = source
        try:
            self.extraction = PageOptions.parse(extraction)
        except ValueError as err:
            raise CorpusError(str(err)) from None
        self.entries: MutableSequence[LoadEntry] = LoadEntries()
        self.name_template = name_template
        self.regex = name_template_regex(name_template) if name_template else None
        try:
            codecs.lookup(fallback_encoding)
        except LookupError:
            raise CorpusError(f"unknown fallback encoding {fallback_encoding!r}") from None
        self.fallback = fallback_encoding
        self.strict_encoding = strict_encoding
        self.title = title
        self.suffixes = tuple(s.lower() for s in suffixes)
        self.sidecar: dict[str, tuple[int, dict[str, str]]] = {}  # key -> (line, fields), in file order
        self.sidecar_by_name: dict[str, str] = {}  # key -> the first document given its fields (the keys used)
        self.seen_urls: dict[str, str] = {}  # a page's URL -> the first document from it
        self.seen_bodies: dict[str, str] = {}  # a digest of a page's text -> the first document with it
        # Small files listed as plain reads and read by counting workers (see toolkit.corpus.smallfiles).
        self.defer_reads = False
        # Extracts the load's web pages (the pool starts only for pages that are not in the cache).
        self.page_work = PageWork(self.extraction, self.fallback, jobs=jobs, cache=cache)

    def describe(self) -> dict[str, Any]:
        """Return the settings that decide which documents a folder gives and their metadata.

        Examples
        --------
        >>> Loader("news", name_template="{year}").describe()["name_template"]
        '{year}'
        """
        return {
            "name_template": self.name_template,
            "fallback": self.fallback,
            "strict_encoding": self.strict_encoding,
            "title": self.title,
            "suffixes": self.suffixes,
        }

    def add(self, path: str, status: str, reason: str = "") -> None:
        """Record one load-report entry.

        Parameters
        ----------
        path : str
            The file (relative to the corpus root) or record the entry is about.
        status : str
            One of :data:`~toolkit.corpus.loadreport.STATUSES`.
        reason : str, default=""
            Why, in words.

        Examples
        --------
        >>> loader = Loader("news")
        >>> loader.add(".DS_Store", "skipped", "junk file")
        >>> loader.entries[0].reason
        'junk file'
        """
        self.entries.append(LoadEntry(path, status, reason))  # a LoadEntries keeps a plain read as its path's bytes

    def decode(self, data: bytes, where: str, encoding: str = "utf-8") -> Decoded:
        """Decode bytes with this load's fallback encoding, or refuse them in strict-encoding mode.

        Parameters
        ----------
        data : bytes
            The whole file (or record).
        where : str
            Names the file in errors.
        encoding : str, default="utf-8"
            The expected encoding.

        Returns
        -------
        Decoded
            See :func:`~toolkit.corpus.decoding.decode_bytes`.

        Raises
        ------
        CorpusError
            With ``strict_encoding``, when the bytes are not valid ``encoding``.

        Examples
        --------
        >>> Loader("news").decode(b"caf\\xe9", "a.txt").text
        'café'
        >>> Loader("news", strict_encoding=True).decode(b"caf\\xe9", "a.txt")
        Traceback (most recent call last):
        ...
        toolkit.corpus.document.CorpusError: a.txt: not utf-8 at byte 3 (strict encoding)
        """
        decoded = decode_bytes(data, encoding=encoding, fallback=self.fallback)
        self.refuse_fallback(where, decoded.problem)
        return decoded

    def refuse_fallback(self, where: str, problem: str) -> None:
        """Raise the strict-encoding error for bytes that needed the fallback codec (``problem``); else nothing.

        Examples
        --------
        >>> Loader("news").refuse_fallback("a.txt", "not utf-8 at byte 3; decoded as cp1252")
        >>> Loader("news", strict_encoding=True).refuse_fallback("a.txt", "not utf-8 at byte 3; decoded as cp1252")
        Traceback (most recent call last):
        ...
        toolkit.corpus.document.CorpusError: a.txt: not utf-8 at byte 3 (strict encoding)
        """
        if problem and self.strict_encoding:
            raise encoding_refused(where, problem)

    def document(self, doc_id: str, decoded: Decoded, meta: dict[str, Any], note: str = "") -> Document:
        """Record a document read and attach the metadata that comes from its name.

        Parameters
        ----------
        doc_id : str
            The document's id (a path relative to the corpus root, for a folder).
        decoded : Decoded
            Its text, and the decoding problem if there was one.
        meta : dict
            Fields the source gives (a category, CSV columns).
        note : str, default=""
            A remark for the load report.

        Returns
        -------
        Document
            With ``meta`` from :meth:`metadata`; its entry is ``read``,
            ``fallback`` or ``empty``.

        Examples
        --------
        >>> loader = Loader("news")
        >>> loader.document("a.txt", Decoded("  ", "utf-8"), {}).meta
        {'title': ''}
        >>> loader.entries[0].status, loader.entries[0].reason
        ('empty', 'empty document: zero tokens')
        """
        empty = not decoded.text or decoded.text.isspace()
        self.entries.append(document_entry(doc_id, "", decoded.problem, empty, note))
        return Document(doc_id, decoded.text, self.metadata(doc_id, decoded.text, meta))

    def large_document(self, doc_id: str, path: Path, size: int, meta: dict[str, Any], note: str = "") -> Document:
        """Record a large file that will be streamed, never read whole, when counted.

        The file is scanned once for its encoding (see
        :func:`~toolkit.corpus.decoding.scan_encoding`); only its first piece
        is read, for the title.

        Parameters
        ----------
        doc_id : str
            The document's id.
        path : pathlib.Path
            The file.
        size : int
            Its size in bytes (for the report).
        meta : dict
            Fields the source gives.
        note : str, default=""
            A remark for the load report.

        Returns
        -------
        Document
            A document that streams ``path`` in pieces.

        Examples
        --------
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "big.txt"
        >>> _ = path.write_bytes(b"Talks in Baku.\\n" * 1000)
        >>> doc = Loader("news").large_document("big.txt", path, 15000, {})
        >>> doc.meta, len(doc.text)
        ({'title': 'Talks in Baku.'}, 15000)
        """
        codec, errors, problem = scan_encoding(path, fallback=self.fallback)
        self.refuse_fallback(doc_id, problem)
        doc = Document(doc_id, path=path, encoding=codec, errors=errors)
        first = next(doc.pieces(), "")
        reasons = [r for r in (problem, note, f"large file ({size:,} bytes): streamed in pieces when counted") if r]
        self.add(doc_id, "fallback" if problem else "read", "; ".join(reasons))
        doc.meta = self.metadata(doc_id, first, meta)
        return doc

    def metadata(self, doc_id: str, text: str, meta: dict[str, Any]) -> dict[str, Any]:
        """Return a document's fields: title, the given fields, the name template's and the sidecar's, in that order.

        A file name that does not match the name template gets empty fields
        and a ``note`` in the load report.

        Parameters
        ----------
        doc_id : str
            The document's id; its last part, without the suffix, is matched
            against the name template.
        text : str
            The text (or its first piece), for the title.
        meta : dict
            Fields the source gives.

        Returns
        -------
        dict

        Examples
        --------
        >>> loader = Loader("news", name_template="{year}-{topic}")
        >>> loader.metadata("world/2023-baku.txt", "Title\\n", {"category": "world"})
        {'title': 'Title', 'category': 'world', 'year': '2023', 'topic': 'baku'}
        """
        full: dict[str, Any] = {}
        if self.title:
            full["title"] = _title(text)
        full.update(meta)
        if self.regex is not None:
            stem = doc_id.rsplit("/", 1)[-1].split("#", 1)[0]  # a WARC record's or feed item's file
            for suffix in sorted({*self.suffixes, *WEB_SUFFIXES}, key=len, reverse=True):
                if stem.lower().endswith(suffix):
                    stem = stem[: -len(suffix)]
                    break
            match = self.regex.fullmatch(stem)
            if match:
                full.update(match.groupdict())
            else:
                reason = f"file name does not match name template {self.name_template!r}; its fields are empty"
                self.add(doc_id, "note", reason)
                full.update(dict.fromkeys(self.regex.groupindex))
        if self.sidecar:
            key = doc_id if doc_id in self.sidecar else doc_id.rsplit("/", 1)[-1]
            if key in self.sidecar:
                line, values = self.sidecar[key]
                if key != doc_id and key in self.sidecar_by_name:
                    self.add(
                        doc_id,
                        "note",
                        f"{SIDECAR} line {line}: {key!r} also names {self.sidecar_by_name[key]}; "
                        "its fields were given to both (write the path to be precise)",
                    )
                self.sidecar_by_name.setdefault(key, doc_id)
                full.update(values)
        return full

    # -- sidecar -------------------------------------------------------------------

    def read_sidecar(self, path: Path, name: str) -> None:
        """Read the sidecar CSV of metadata at the corpus root.

        Its rows are joined on the first of the columns ``doc_id``, ``file``
        or ``filename`` it has: a full path relative to the root, or a file
        name alone.

        Parameters
        ----------
        path : pathlib.Path
            The CSV file.
        name : str
            Its name in messages and the load report.

        Raises
        ------
        CorpusError
            When no join column exists, a key is given twice, or the CSV is malformed.

        Examples
        --------
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "metadata.csv"
        >>> _ = path.write_text("file,outlet\\na.txt,AP\\n", "utf-8")
        >>> loader = Loader("news")
        >>> loader.read_sidecar(path, "metadata.csv")
        >>> loader.metadata("world/a.txt", "Title", {})
        {'title': 'Title', 'outlet': 'AP'}
        """
        header, rows, problem = read_csv_rows(path, self, name)
        if problem:
            self.add(name, "note", problem)
        keys = [k for k in ("doc_id", "file", "filename") if k in header]
        if not keys:
            raise CorpusError(f"{name}: needs a column doc_id, file or filename to join on; got columns {header}")
        key = keys[0]
        for line, row in rows:
            value = row.pop(key)
            row.pop("text", None)
            if value in self.sidecar:
                raise CorpusError(f"{name} line {line}: {key} {value!r} already given on line {self.sidecar[value][0]}")
            self.sidecar[value] = (line, row)
        self.add(name, "metadata", f"{len(rows)} rows joined on {key}; columns {[h for h in header if h != key]}")

    def finish_sidecar(self, name: str) -> None:
        """Report the sidecar rows that named no document, once every document is read.

        Parameters
        ----------
        name : str
            The sidecar's name in the load report.

        Examples
        --------
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "metadata.csv"
        >>> _ = path.write_text("file,outlet\\nmissing.txt,AP\\n", "utf-8")
        >>> loader = Loader("news")
        >>> loader.read_sidecar(path, "metadata.csv")
        >>> loader.finish_sidecar("metadata.csv")
        >>> loader.entries[-1].reason
        "line 2: no document named 'missing.txt'; row not used"
        """
        for value, (line, _) in self.sidecar.items():
            if value not in self.sidecar_by_name:
                self.add(name, "note", f"line {line}: no document named {value!r}; row not used")


def read_csv_rows(path: Path, loader: Loader, name: str) -> tuple[list[str], list[tuple[int, dict[str, str]]], str]:
    """Read a CSV strictly: every value a string, every row checked, errors name the line.

    Parameters
    ----------
    path : pathlib.Path
        The CSV file (decoded as ``loader`` decodes files; a quoted value may
        hold line breaks).
    loader : Loader
        The load, for its encodings.
    name : str
        The file's name in messages.

    Returns
    -------
    header : list of str
        The column names, stripped.
    rows : list of (int, dict)
        Each row with the line it starts on; blank lines are skipped.
    problem : str
        The file's decoding problem (empty when it is valid UTF-8).

    Raises
    ------
    CorpusError
        On an empty file, duplicate column names, a row with the wrong number
        of fields or a quote left open, naming the line.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "news.csv"
    >>> _ = path.write_text('doc_id,text\\na,"two\\nlines"\\nb,007\\n', "utf-8")
    >>> read_csv_rows(path, Loader("news"), "news.csv")
    (['doc_id', 'text'], [(2, {'doc_id': 'a', 'text': 'two\\nlines'}), (4, {'doc_id': 'b', 'text': '007'})], '')
    """
    decoded = loader.decode(path.read_bytes(), name)
    csv.field_size_limit(sys.maxsize)  # an article may exceed the module's 128 KiB default
    reader = csv.reader(io.StringIO(decoded.text, newline=""), strict=True)
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    start = 1
    try:
        for record in reader:
            line, start = start, reader.line_num + 1
            if not record:
                continue
            if header is None:
                header = [h.strip() for h in record]
                dupes = sorted({h for h in header if header.count(h) > 1})
                if dupes:
                    raise CorpusError(f"{name} line {line}: duplicate column names {dupes}")
                continue
            if len(record) != len(header):
                raise CorpusError(
                    f"{name} line {line}: expected {len(header)} fields ({', '.join(header)}), got {len(record)}"
                )
            rows.append((line, dict(zip(header, record, strict=True))))
    except csv.Error as err:
        hint = "; is a quote left open here?" if "quote" in str(err) or "end of data" in str(err) else ""
        raise CorpusError(f"{name} line {start}: malformed CSV ({err}){hint}") from None
    if header is None:
        raise CorpusError(f"{name}: empty CSV file, expected a header line")
    return header, rows, decoded.problem
