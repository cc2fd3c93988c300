"""The state of one load: report entries, decoding with a record, metadata from file names and a sidecar CSV."""

from __future__ import annotations

import codecs
import csv
import io
import re
import sys
from pathlib import Path
from typing import Any

from toolkit.corpus.decoding import Decoded, decode_bytes, scan_encoding
from toolkit.corpus.document import CorpusError, Document
from toolkit.corpus.loadreport import LoadEntry

#: The sidecar file at a corpus root whose rows add metadata to the documents they name.
SIDECAR = "metadata.csv"


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """Compile a file-name pattern such as ``"{year}-{president}"`` into a regex.

    Examples
    --------
    >>> pattern_regex("{year}-{president}").fullmatch("1789-Washington").groupdict()
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


class Loader:
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
        self.regex = pattern_regex(pattern) if pattern else None
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
        """Record one load-report entry."""
        self.entries.append(LoadEntry(path, status, reason))

    def decode(self, data: bytes, where: str, encoding: str = "utf-8") -> Decoded:
        """Decode bytes with this load's encodings; ``where`` names the file in errors."""
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
        """Read the sidecar CSV of metadata at the corpus root."""
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
        """Report sidecar rows that named no document."""
        for value, (line, _) in sorted(self.sidecar.items(), key=lambda kv: kv[1][0]):
            if value not in self.sidecar_used:
                self.add(name, "note", f"line {line}: no document named {value!r}; row not used")


def read_csv_rows(path: Path, loader: Loader, name: str) -> tuple[list[str], list[tuple[int, dict[str, str]]], str]:
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
