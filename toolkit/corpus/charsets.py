"""A web page's bytes decoded as a browser decodes them, saying where the encoding came from.

In order: a byte-order mark; the HTTP header's charset (a WARC record's); a
``<meta charset>`` (or ``http-equiv``) in the first 4 KB; valid UTF-8; else
the load's fallback encoding. Labels are read as the WHATWG Encoding Standard
reads them (``iso-8859-1`` is windows-1252). See :mod:`toolkit.corpus.pages`.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from toolkit.corpus.decoding import decode_bytes

_TAG = re.compile(rb"<\s*(!doctype|html|head|body|meta|title|div|p|article|section|span|table|main|a)[\s>/]", re.I)
_META_CHARSET = re.compile(
    rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""",
    re.I,
)
# A byte-order mark wins over any declared charset (UTF-32's starts as UTF-16's does).
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# What browsers read for these labels (WHATWG Encoding Standard): latin-1 and ASCII pages are windows-1252.
_WHATWG = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252", "utf-16": "utf-8"}


@dataclass(frozen=True, slots=True)
class PageDecoding:
    """A page's text and how its encoding was found (see :func:`decode_page`)."""

    text: str
    encoding: str
    source: str
    notes: tuple[str, ...] = field(default=())


def _codec(label: str) -> str | None:
    """Return Python's name for an encoding label, as browsers read it, or None when unknown."""
    label = label.strip().lower()
    label = _WHATWG.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_page(data: bytes, *, header_charset: str | None = None, fallback: str = "cp1252") -> PageDecoding:
    """Decode a page's bytes as a browser would, and say where the encoding came from.

    In order: a byte-order mark; the HTTP header's charset (a WARC
    record's); a ``<meta charset>`` or ``http-equiv`` charset in the first
    4 KB; else as the loader decodes a text file (UTF-8, UTF-16 laid out
    with NUL bytes, else ``fallback``: :func:`~toolkit.corpus.decoding.decode_bytes`).
    Latin-1 and ASCII labels are read
    as windows-1252, as browsers do. Bytes that do not decode in the
    declared encoding are replaced, and a note gives the offset of the
    first and how many there were.

    Parameters
    ----------
    data : bytes
        The page.
    header_charset : str or None, default=None
        The charset an HTTP ``Content-Type`` header gave.
    fallback : str, default="cp1252"
        For a page that declares nothing and is not UTF-8.

    Returns
    -------
    PageDecoding

    Examples
    --------
    >>> page = '<meta charset="windows-1251"><p>Привет</p>'.encode("cp1251")
    >>> decoded = decode_page(page)
    >>> decoded.text[-10:], decoded.encoding, decoded.source
    ('Привет</p>', 'cp1251', 'meta charset')
    >>> decode_page(b"<p>caf\\xe9</p>").source
    'fallback: no charset declared; not utf-8 at byte 6; decoded as cp1252'
    """
    notes: list[str] = []
    if not data.startswith(_BOMS):
        if header_charset:
            codec = _codec(header_charset)
            if codec:
                return _decode(data, codec, "HTTP header", notes)
            notes.append(f"HTTP header names an unknown charset {header_charset!r}; ignored")
        match = _META_CHARSET.search(data[:4096])
        if match:
            label = match.group(1).decode("ascii", "replace")
            codec = _codec(label)
            if codec:
                return _decode(data, codec, "meta charset", notes)
            notes.append(f"<meta charset> names an unknown charset {label!r}; ignored")
    plain = decode_bytes(data, fallback=fallback)  # as a text file is decoded: BOMs, UTF-16 by its NULs, the fallback
    encoding = plain.encoding.removesuffix(" (BOM)").removesuffix("-sig")
    if data.startswith(_BOMS):
        return PageDecoding(plain.text, encoding, "BOM", (*notes, plain.problem) if plain.problem else tuple(notes))
    if not plain.problem:
        return PageDecoding(plain.text, encoding, "valid UTF-8", tuple(notes))
    guessed = "fallback: " if encoding == codecs.lookup(fallback).name else ""
    return PageDecoding(plain.text, encoding, f"{guessed}no charset declared; {plain.problem}", tuple(notes))


def _decode(data: bytes, codec: str, source: str, notes: list[str]) -> PageDecoding:
    """Decode with ``codec``; bad bytes are replaced and counted in a note."""
    try:
        return PageDecoding(data.decode(codec), codec, source, tuple(notes))
    except UnicodeDecodeError as err:
        text = data.decode(codec, "replace")
        bad = text.count("\ufffd") - data.decode(codec, "ignore").count("\ufffd")
        notes.append(f"not valid {codec} from byte {err.start} ({bad:,} undecodable bytes shown as \ufffd)")
        return PageDecoding(text, codec, source, tuple(notes))


def looks_like_html(data: bytes) -> bool:
    """Say whether bytes hold HTML tags (in their first 64 KB): a ``.html`` file may be anything.

    Examples
    --------
    >>> looks_like_html(b"<!DOCTYPE html><html>"), looks_like_html(b'{"json": true}')
    (True, False)
    """
    return _TAG.search(data[:65536]) is not None
