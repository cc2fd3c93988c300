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
    Fields taken from file names by ``pattern``, from a sidecar
    ``metadata.csv`` at the corpus root, or the other columns of a CSV/JSONL
    file or DataFrame. Values are kept as text: ``"007"`` and ``"NA"`` stay as
    they are.

``corpus.attrs["load_report"]`` holds the :class:`~toolkit.loadreport.LoadReport`.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.loadreport import LoadEntry, LoadReport

if TYPE_CHECKING:  # pandas loads on first use: streaming files needs no pandas (see toolkit.fast)
    import pandas as pd


class CorpusError(Exception):
    """A corpus could not be loaded; the message names the file and where."""


# --------------------------------------------------------------------------- decoding

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_SIGNATURES = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"PK\x03\x04", "ZIP"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x1f\x8b", "gzip"),
    (b"\x7fELF", "ELF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2/MS Office"),
)
_MAGICS = tuple(magic for magic, _ in _SIGNATURES)
_BOM_BYTES = tuple(bom for bom, _ in _BOMS)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, and how.

    Attributes
    ----------
    text : str
        The decoded text.
    encoding : str
        The codec that produced ``text``.
    problem : str
        Empty when the bytes were valid in the expected encoding; otherwise a
        sentence for the load report, naming the byte offset.
    """

    text: str
    encoding: str
    problem: str = ""


def binary_kind(data: bytes) -> str | None:
    """Name the binary format of ``data``, or return ``None`` for text.

    A known file signature (PDF, PNG, ZIP, ...) names the format; a NUL byte in
    the first 8 KiB of a file without a Unicode BOM, not laid out as UTF-16 or
    UTF-32, makes it ``"NUL bytes"``.

    Examples
    --------
    >>> binary_kind(b"%PDF-1.7 ...")
    'PDF'
    >>> binary_kind("caf\\u00e9".encode("utf-8")) is None
    True
    """
    if data.startswith(_MAGICS):
        return next(name for magic, name in _SIGNATURES if data.startswith(magic))
    head = data[:8192]
    if b"\x00" in head and not data.startswith(_BOM_BYTES) and _bomless_utf16_32(head) is None:
        return "NUL bytes"
    return None


def _bomless_utf16_32(head: bytes) -> str | None:
    """Guess UTF-16/32 without a BOM from where the NUL bytes fall (ASCII-heavy text)."""
    if len(head) < 4:
        return None
    for codec, width, zero_lanes, text_lane in (
        ("utf-32-le", 4, (1, 2, 3), 0),
        ("utf-32-be", 4, (0, 1, 2), 3),
        ("utf-16-le", 2, (1,), 0),
        ("utf-16-be", 2, (0,), 1),
    ):
        usable = head[: len(head) - len(head) % width]
        lanes = [usable[i::width] for i in range(width)]
        if all(lanes[i].count(0) >= 0.9 * len(lanes[i]) for i in zero_lanes) and lanes[text_lane].count(0) == 0:
            return codec
    return None


def decode_bytes(data: bytes, *, encoding: str = "utf-8", fallback: str = "cp1252") -> Decoded:
    """Decode file bytes: BOM-aware, with a declared fallback encoding.

    A UTF-8, UTF-16 or UTF-32 byte-order mark wins over ``encoding``. Without
    one, UTF-16/32 laid out with NUL bytes beside ASCII is recognised and
    reported. Bytes that are not valid in ``encoding`` are decoded with
    ``fallback``, and ``problem`` names the offset of the first bad byte.

    Parameters
    ----------
    data : bytes
        The whole file.
    encoding : str, default="utf-8"
        The expected encoding.
    fallback : str, default="cp1252"
        Used when ``data`` is not valid ``encoding``. Bytes the fallback cannot
        decode either become U+FFFD, and ``problem`` says so.

    Returns
    -------
    Decoded

    Examples
    --------
    >>> decode_bytes("na\\u00efve".encode("utf-8"))
    Decoded(text='naïve', encoding='utf-8', problem='')
    >>> decode_bytes(b"caf\\xe9 au lait").problem
    'not utf-8 at byte 3; decoded as cp1252'
    >>> decode_bytes(codecs.BOM_UTF16_LE + "hi".encode("utf-16-le")).text
    'hi'
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec.replace("-sig", "") + " (BOM)")
            except UnicodeDecodeError as err:
                return Decoded(
                    data.decode(codec, errors="replace"),
                    codec,
                    f"invalid {codec} at byte {err.start}; bad bytes replaced with U+FFFD",
                )
    if b"\x00" in data[:8192]:
        guessed = _bomless_utf16_32(data[:8192])
        if guessed:
            try:
                return Decoded(data.decode(guessed), guessed, f"no BOM; decoded as {guessed} (NUL-byte layout)")
            except UnicodeDecodeError:
                pass
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as err:
        problem = f"not {encoding} at byte {err.start}; decoded as {fallback}"
        try:
            return Decoded(data.decode(fallback), fallback, problem)
        except UnicodeDecodeError as err2:
            return Decoded(
                data.decode(fallback, errors="replace"),
                fallback,
                f"{problem}; byte {err2.start} and others undefined in {fallback} replaced with U+FFFD",
            )


def scan_encoding(path: Path, *, encoding: str = "utf-8", fallback: str = "cp1252") -> tuple[str, str, str]:
    """Find how to decode a large file by streaming through it once, as :func:`decode_bytes` would.

    Returns
    -------
    codec, errors, problem : str
        The codec and error handler to stream the file with, and the load
        report's sentence (empty when the file is valid ``encoding``).
    """
    with open(path, "rb") as stream:
        head = stream.read(8192)
    codec = next((c for bom, c in _BOMS if head.startswith(bom)), None)
    guessed = ""
    if codec is None and b"\x00" in head:
        codec = _bomless_utf16_32(head)
        guessed = f"no BOM; decoded as {codec} (NUL-byte layout)" if codec else ""
    first = codec or encoding

    def first_error(name: str) -> int | None:
        decoder = codecs.getincrementaldecoder(name)()
        position = 0
        with open(path, "rb") as stream:
            for block in iter(lambda: stream.read(PIECE_BYTES), b""):
                try:
                    decoder.decode(block)
                except UnicodeDecodeError as err:
                    return position + len(block) - len(err.object) + err.start
                position += len(block)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as err:
            return position - len(err.object) + err.start
        return None

    bad = first_error(first)
    if bad is None:
        return first, "strict", guessed
    if codec is not None:
        return codec, "replace", f"invalid {codec} at byte {bad}; bad bytes replaced with U+FFFD"
    problem = f"not {encoding} at byte {bad}; decoded as {fallback}"
    undefined = first_error(fallback)
    if undefined is None:
        return fallback, "strict", problem
    return fallback, "replace", f"{problem}; byte {undefined} and others undefined in {fallback} replaced with U+FFFD"


# --------------------------------------------------------------------------- documents


#: Files larger than this many bytes are streamed in pieces when counted, never read whole.
LARGE_FILE = 32 * 1024 * 1024
#: Bytes read at a time from a large file.
PIECE_BYTES = 1024 * 1024


class Document:
    """One document as a loader yields it: ``doc_id``, ``text`` and metadata.

    A large file (over :data:`LARGE_FILE` bytes) is not read when the document
    is made: :meth:`pieces` streams it in pieces that end at a line break (or,
    in a very long line, at white space), so counting holds one piece at a
    time; ``text`` reads it whole only when asked.

    Examples
    --------
    >>> doc = Document("a.txt", "Talks in Baku.", {"year": "2024"})
    >>> doc.text, list(doc.pieces())
    ('Talks in Baku.', ['Talks in Baku.'])
    """

    def __init__(
        self,
        doc_id: str,
        text: str | None = None,
        meta: dict[str, Any] | None = None,
        *,
        path: Path | None = None,
        encoding: str = "utf-8",
        errors: str = "strict",
    ) -> None:
        if text is None and path is None:
            raise ValueError("a document needs its text or the path of a file to stream")
        self.doc_id = doc_id
        self.meta = meta if meta is not None else {}
        self._text = text
        self._path = path
        self._encoding = encoding
        self._errors = errors

    @property
    def text(self) -> str:
        """The whole text (a streamed file is read whole here)."""
        if self._text is not None:
            return self._text
        return "".join(self.pieces())

    def pieces(self, size: int = PIECE_BYTES) -> Iterator[str]:
        """Yield the text in pieces that end at a line break (or white space in a very long line)."""
        if self._text is not None:
            yield self._text
            return
        decoder = codecs.getincrementaldecoder(self._encoding)(errors=self._errors)
        pending = ""
        with open(self._path, "rb") as stream:  # type: ignore[arg-type]
            for block in iter(lambda: stream.read(size), b""):
                new = decoder.decode(block)
                start = len(pending)
                pending += new
                cut = max(pending.rfind("\n", start), pending.rfind("\r", start)) + 1
                if not cut and len(pending) > size:
                    cut = max(pending.rfind(" ", start), pending.rfind("\t", start)) + 1
                if not cut and len(pending) > 8 * size:  # no break at all: not prose; cut anyway
                    cut = len(pending)
                if cut:
                    yield pending[:cut]
                    pending = pending[cut:]
        pending += decoder.decode(b"", final=True)
        if pending:
            yield pending

    def __repr__(self) -> str:
        source = f"path={str(self._path)!r}" if self._text is None else f"{len(self._text)} characters"
        return f"Document({self.doc_id!r}, {source}, meta={self.meta!r})"


_JUNK_FILES = {".ds_store", "thumbs.db", "desktop.ini", ".localized", "icon\r"}
_JUNK_DIRS = {".ipynb_checkpoints", "__macosx", ".git", ".svn", ".hg", "__pycache__", ".trash", ".trashes"}
SIDECAR = "metadata.csv"


def _junk_reason(name: str, is_dir: bool) -> str | None:
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


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    """Compile a file-name pattern such as ``"{year}-{president}"`` into a regex.

    Examples
    --------
    >>> _pattern_regex("{year}-{president}").fullmatch("1789-Washington").groupdict()
    {'year': '1789', 'president': 'Washington'}
    """
    parts = re.split(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", pattern)
    if len(parts) == 1:
        raise CorpusError(f"file-name pattern {pattern!r} has no {{field}}; e.g. '{{year}}-{{president}}'")
    regex = ""
    for i, part in enumerate(parts):
        if i % 2:
            if f"(?P<{part}>" in regex:
                raise CorpusError(f"file-name pattern {pattern!r} names field {part!r} twice")
            regex += f"(?P<{part}>.+?)"
        else:
            regex += re.escape(part)
    return re.compile(regex)


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


def _printable_name(name: str) -> str:
    """File names that are not UTF-8 arrive with surrogate escapes; show their bytes."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


class _Loader:
    """Shared state of one load: options, report entries, sidecar metadata."""

    def __init__(
        self,
        source: str,
        *,
        pattern: str | None,
        fallback_encoding: str,
        strict_encoding: bool,
        title: bool,
        suffixes: tuple[str, ...],
    ) -> None:
        self.source = source
        self.entries: list[LoadEntry] = []
        self.pattern = pattern
        self.regex = _pattern_regex(pattern) if pattern else None
        try:
            codecs.lookup(fallback_encoding)
        except LookupError:
            raise CorpusError(f"unknown fallback encoding {fallback_encoding!r}") from None
        self.fallback = fallback_encoding
        self.strict_encoding = strict_encoding
        self.title = title
        self.suffixes = tuple(s.lower() for s in suffixes)
        self.sidecar: dict[str, tuple[int, dict[str, str]]] = {}
        self.sidecar_used: set[str] = set()
        self.sidecar_by_name: dict[str, str] = {}

    def add(self, path: str, status: str, reason: str = "") -> None:
        self.entries.append(LoadEntry(path, status, reason))

    def decode(self, data: bytes, where: str, encoding: str = "utf-8") -> Decoded:
        decoded = decode_bytes(data, encoding=encoding, fallback=self.fallback)
        if decoded.problem and self.strict_encoding:
            raise CorpusError(f"{where}: {decoded.problem.split(';')[0]} (strict encoding)")
        return decoded

    def document(self, doc_id: str, decoded: Decoded, meta: dict[str, Any], note: str = "") -> Document:
        """Record a document read and attach the metadata that comes from its name."""
        reasons = [r for r in (decoded.problem, note) if r]
        empty = not decoded.text or decoded.text.isspace()
        if empty:
            reasons.insert(0, "empty document: zero tokens")
        status = "empty" if empty else ("fallback" if decoded.problem else "read")
        self.add(doc_id, status, "; ".join(reasons))
        return Document(doc_id, decoded.text, self.metadata(doc_id, decoded.text, meta))

    def large_document(self, doc_id: str, path: Path, size: int, meta: dict[str, Any], note: str = "") -> Document:
        """Record a large file that will be streamed, never read whole, when counted."""
        codec, errors, problem = scan_encoding(path, fallback=self.fallback)
        if problem and self.strict_encoding:
            raise CorpusError(f"{doc_id}: {problem.split(';')[0]} (strict encoding)")
        doc = Document(doc_id, path=path, encoding=codec, errors=errors)
        first = next(doc.pieces(), "")
        reasons = [r for r in (problem, note, f"large file ({size:,} bytes): streamed in pieces when counted") if r]
        self.add(doc_id, "fallback" if problem else "read", "; ".join(reasons))
        doc.meta = self.metadata(doc_id, first, meta)
        return doc

    def metadata(self, doc_id: str, text: str, meta: dict[str, Any]) -> dict[str, Any]:
        """Title, the given fields, the file-name pattern's fields and the sidecar's, in that order."""
        full: dict[str, Any] = {}
        if self.title:
            full["title"] = _title(text)
        full.update(meta)
        if self.regex is not None:
            stem = doc_id.rsplit("/", 1)[-1]
            for suffix in self.suffixes:
                if stem.lower().endswith(suffix):
                    stem = stem[: -len(suffix)]
            match = self.regex.fullmatch(stem)
            if match:
                full.update(match.groupdict())
            else:
                self.add(doc_id, "note", f"file name does not match pattern {self.pattern!r}; its fields are empty")
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
                self.sidecar_used.add(key)
                full.update(values)
        return full

    # -- sidecar -------------------------------------------------------------------

    def read_sidecar(self, path: Path, name: str) -> None:
        header, rows, problem = _read_csv(path, self, name)
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
        for value, (line, _) in sorted(self.sidecar.items(), key=lambda kv: kv[1][0]):
            if value not in self.sidecar_used:
                self.add(name, "note", f"line {line}: no document named {value!r}; row not used")


def _read_csv(path: Path, loader: _Loader, name: str) -> tuple[list[str], list[tuple[int, dict[str, str]]], str]:
    """Read a CSV strictly: every value a string, every row checked, errors name the line.

    Returns the header, the rows with their first line numbers, and the
    file's decoding problem (empty when it is valid UTF-8).
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


# --------------------------------------------------------------------------- sources


def _iter_folder(root: Path, loader: _Loader) -> Iterator[Document]:
    root_real = os.path.realpath(root)
    sidecar = root / SIDECAR
    if sidecar.is_file() and not sidecar.is_symlink():
        loader.read_sidecar(sidecar, SIDECAR)

    def walk(folder: Path, rel: str) -> Iterator[Document]:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            loader.add(rel or ".", "skipped", f"unreadable folder: {err.strerror}")
            return
        for entry in entries:
            name = _printable_name(entry.name)
            relpath = f"{rel}/{name}" if rel else name
            if entry.is_symlink():
                target = os.path.realpath(entry.path)
                if not os.path.exists(target):
                    loader.add(relpath, "skipped", "broken symlink or symlink loop")
                elif os.path.commonpath([root_real, target]) != root_real:
                    loader.add(relpath, "skipped", f"symlink leaves the corpus root (-> {target})")
                else:
                    inside = os.path.relpath(target, root_real).replace(os.sep, "/")
                    loader.add(relpath, "skipped", f"symlink inside the corpus (-> {inside}); not followed")
                continue
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as err:
                loader.add(relpath, "skipped", f"cannot stat: {err.strerror}")
                continue
            if stat.S_ISDIR(mode):
                junk = _junk_reason(entry.name, is_dir=True)
                if junk:
                    loader.add(relpath + "/", "skipped", junk)
                else:
                    yield from walk(Path(entry.path), relpath)
                continue
            if not stat.S_ISREG(mode):
                kind = "FIFO" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
                loader.add(relpath, "skipped", f"not a regular file ({kind})")
                continue
            if not rel and entry.name == SIDECAR:
                continue  # read above
            junk = _junk_reason(entry.name, is_dir=False)
            if junk:
                loader.add(relpath, "skipped", junk)
                continue
            if not entry.name.lower().endswith(loader.suffixes):
                loader.add(relpath, "skipped", f"not a {'/'.join(loader.suffixes)} file")
                continue
            size = entry.stat(follow_symlinks=False).st_size
            try:
                if size > LARGE_FILE:
                    with open(entry.path, "rb") as stream:
                        data = stream.read(8192)
                else:
                    with open(entry.path, "rb") as stream:
                        data = stream.read()
            except OSError as err:
                loader.add(relpath, "skipped", f"unreadable: {err.strerror}")
                continue
            kind = binary_kind(data)
            if kind:
                loader.add(relpath, "skipped", f"binary file ({kind})")
                continue
            meta = {"category": rel.split("/", 1)[0]} if rel else {}
            note = "" if name == entry.name else "file name is not valid UTF-8; doc_id shows its bytes"
            if size > LARGE_FILE:
                yield loader.large_document(relpath, Path(entry.path), size, meta, note)
            else:
                yield loader.document(relpath, loader.decode(data, relpath), meta, note)

    yield from walk(root, "")
    if loader.sidecar:
        loader.finish_sidecar(SIDECAR)


def _iter_csv(path: Path, loader: _Loader, text_column: str, id_column: str | None) -> Iterator[Document]:
    name = path.name
    header, rows, problem = _read_csv(path, loader, name)
    if text_column not in header:
        raise CorpusError(f"{name}: no text column {text_column!r}; got columns {header}")
    yield from _records(name, iter(rows), loader, text_column, id_column, header, problem)


def _iter_jsonl(path: Path, loader: _Loader, text_column: str, id_column: str | None) -> Iterator[Document]:
    name = path.name
    decoded = loader.decode(path.read_bytes(), name)

    def records() -> Iterator[tuple[int, dict[str, Any]]]:
        # Only "\n" ends a record: U+2028 and friends are legal inside JSON strings.
        for line_no, line in enumerate(decoded.text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise CorpusError(f"{name} line {line_no}: invalid JSON ({err.msg} at column {err.colno})") from None
            if not isinstance(obj, dict):
                raise CorpusError(f"{name} line {line_no}: expected a JSON object, got {type(obj).__name__}")
            yield line_no, obj

    yield from _records(name, records(), loader, text_column, id_column, None, decoded.problem)


def _records(
    name: str,
    rows: Iterator[tuple[int, dict[str, Any]]],
    loader: _Loader,
    text_column: str,
    id_column: str | None,
    header: list[str] | None,
    problem: str = "",
) -> Iterator[Document]:
    """Turn CSV/JSONL records into documents; ids must be unique.

    ``problem`` is the file's decoding problem: every record carries it into
    the load report, so a fallback-decoded file is listed as such.
    """
    id_col = id_column or "doc_id"
    if id_column and header is not None and id_column not in header:
        raise CorpusError(f"{name}: no id column {id_column!r}; got columns {header}")
    seen: dict[str, int] = {}
    for line, row in rows:
        if text_column not in row:
            raise CorpusError(f"{name} line {line}: no {text_column!r} field; got {sorted(row)}")
        text = row.pop(text_column)
        if not isinstance(text, str):
            raise CorpusError(f"{name} line {line}: {text_column!r} must be a string, got {type(text).__name__}")
        if id_col in row:
            doc_id = str(row.pop(id_col))
        elif id_column:
            raise CorpusError(f"{name} line {line}: no id field {id_column!r}")
        else:
            doc_id = f"{name}:{line}"
        if doc_id in seen:
            raise CorpusError(f"{name} line {line}: doc_id {doc_id!r} already used on line {seen[doc_id]}")
        seen[doc_id] = line
        yield loader.document(doc_id, Decoded(text, "utf-8", f"{name}: {problem}" if problem else ""), row)


def _nltk_has(resource: str) -> bool:
    import nltk.data

    try:
        nltk.data.find(resource)
    except LookupError:
        return False
    return True


def _nltk_reader(source: Any) -> Any:
    """Return an NLTK corpus reader for a reader object or an installed corpus name."""
    import nltk.corpus

    if not isinstance(source, str):
        return source
    name = source.removeprefix("nltk:")
    reader = getattr(nltk.corpus, name, None) if name.isidentifier() else None
    if not isinstance(reader, nltk.corpus.util.LazyCorpusLoader | nltk.corpus.reader.CorpusReader):
        raise CorpusError(f"{source}: no such file or folder, and NLTK has no corpus named {name!r}")
    # Ask the data path each time: a reader loaded earlier would hide a corpus removed since.
    if not any(_nltk_has(f"corpora/{name}{ext}") for ext in ("", ".zip")):
        raise CorpusError(
            f"{source}: NLTK corpus {name!r} is not installed (searched {nltk.data.path}); "
            "set NLTK_DATA to a folder holding corpora/" + name + ".zip"
        )
    return reader


def _iter_nltk(reader: Any, loader: _Loader) -> Iterator[Document]:
    tagged = hasattr(reader, "tagged_words")
    categorized = hasattr(reader, "categories")
    for fileid in sorted(reader.fileids()):
        meta = {"category": ";".join(reader.categories([fileid]))} if categorized else {}
        if tagged:
            decoded = Decoded(" ".join(reader.words(fileid)), "nltk")
            note = "tagged corpus: text rebuilt from its words joined by spaces"
        else:
            with reader.abspath(fileid).open() as stream:
                data = stream.read()
            decoded = loader.decode(data, fileid, encoding=reader.encoding(fileid) or "utf-8")
            note = ""
        yield loader.document(fileid, decoded, meta, note)


def _is_frame(source: Any) -> bool:
    """Whether ``source`` is a DataFrame, without importing pandas (no DataFrame exists until it is)."""
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(source, pandas.DataFrame)


def _source_name(source: Any) -> str:
    if _is_frame(source):
        return "<DataFrame>"
    if isinstance(source, str | os.PathLike):
        return str(source)
    return f"<NLTK {type(source).__name__}: {getattr(source, 'root', '?')}>"


def iter_documents(
    source: Any,
    *,
    entries: list[LoadEntry] | None = None,
    pattern: str | None = None,
    text_column: str = "text",
    id_column: str | None = None,
    fallback_encoding: str = "cp1252",
    strict_encoding: bool = False,
    title: bool = True,
    suffixes: tuple[str, ...] = (".txt",),
) -> Iterator[Document]:
    """Yield the documents of ``source`` one at a time, in a deterministic order.

    The streaming form of :func:`load_corpus`: only one document's text is in
    memory at a time (for a folder or NLTK corpus). Load-report entries are
    appended to ``entries`` as the walk goes. Parameters are those of
    :func:`load_corpus`.

    Examples
    --------
    >>> from toolkit.paths import CORPUS_DIR
    >>> [d.doc_id for d in iter_documents(CORPUS_DIR)][:1]
    ['000_4fd4d0f392c92bd9.txt']
    """
    loader = _Loader(
        _source_name(source),
        pattern=pattern,
        fallback_encoding=fallback_encoding,
        strict_encoding=strict_encoding,
        title=title,
        suffixes=suffixes,
    )
    if entries is not None:
        loader.entries = entries
    if _is_frame(source):
        yield from _iter_frame(source, loader, text_column, id_column)
        return
    if isinstance(source, str | os.PathLike):
        path = Path(source).expanduser()
        if path.is_dir():
            yield from _iter_folder(path, loader)
            return
        if path.is_file():
            suffix = path.suffix.lower()
            if suffix == ".csv":
                yield from _iter_csv(path, loader, text_column, id_column)
            elif suffix in (".jsonl", ".ndjson"):
                yield from _iter_jsonl(path, loader, text_column, id_column)
            elif suffix in loader.suffixes:
                raise CorpusError(f"{path}: a single text file; give the folder that holds it")
            else:
                raise CorpusError(
                    f"{path}: unsupported file type {suffix or '(none)'}; expected a folder, .csv or .jsonl"
                )
            return
        if path.exists():
            raise CorpusError(f"{path}: not a folder or regular file")
        if isinstance(source, os.PathLike) or (os.sep in str(source) and not str(source).startswith("nltk:")):
            raise CorpusError(f"{path}: no such file or folder")
    yield from _iter_nltk(_nltk_reader(source), loader)


def _iter_frame(frame: pd.DataFrame, loader: _Loader, text_column: str, id_column: str | None) -> Iterator[Document]:
    if text_column not in frame.columns:
        raise CorpusError(f"<DataFrame>: no text column {text_column!r}; got columns {list(frame.columns)}")
    id_col = id_column or "doc_id"
    if id_col in frame.columns:
        ids = frame[id_col].astype(str)
    elif id_column:
        raise CorpusError(f"<DataFrame>: no id column {id_column!r}; got columns {list(frame.columns)}")
    else:
        ids = frame.index.astype(str)
    if ids.duplicated().any():
        raise CorpusError(f"<DataFrame>: duplicate doc_id values {sorted(ids[ids.duplicated()].unique())[:5]}")
    others = [c for c in frame.columns if c not in (text_column, id_col)]
    for doc_id, text, meta in zip(ids, frame[text_column], frame[others].to_dict("records"), strict=True):
        if not isinstance(text, str):
            raise CorpusError(f"<DataFrame>: row {doc_id!r}: {text_column!r} must be a string, got {text!r}")
        yield loader.document(doc_id, Decoded(text, "str"), meta)


def load_corpus(
    source: Any,
    *,
    pattern: str | None = None,
    text_column: str = "text",
    id_column: str | None = None,
    fallback_encoding: str = "cp1252",
    strict_encoding: bool = False,
    strict: bool = False,
    title: bool = True,
    suffixes: tuple[str, ...] = (".txt",),
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
    pattern : str or None, default=None
        File-name pattern whose ``{fields}`` become metadata columns, matched
        against the file name without its suffix, e.g. ``"{year}-{president}"``.
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
        Raise :class:`CorpusError` if any file is skipped.
    title : bool, default=True
        Add a ``title`` column: the first non-empty line of each document.
    suffixes : tuple of str, default=(".txt",)
        File endings read as documents in a folder (case-insensitive).
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
        pattern=pattern,
        text_column=text_column,
        id_column=id_column,
        fallback_encoding=fallback_encoding,
        strict_encoding=strict_encoding,
        title=title,
        suffixes=suffixes,
    )
    docs = list(bar(stream, desc=f"loading {_source_name(source)}", enabled=progress))
    settings = (("fallback encoding", fallback_encoding),) + ((("pattern", pattern),) if pattern else ())
    report = LoadReport(_source_name(source), tuple(entries), settings)
    if strict and report.skipped:
        first = report.skipped[0]
        raise CorpusError(f"{report.summary()}; strict mode: {first.path}: {first.reason}")
    seen: dict[str, None] = {}
    for doc in docs:
        seen.update(dict.fromkeys(doc.meta))
    first = ["doc_id", "text", "title", "category", *(_pattern_regex(pattern).groupindex if pattern else ())]
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
