"""Bytes to text: byte-order marks, binary signatures, UTF-8 with a named fallback, and where decoding failed."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from toolkit.corpus.document import PIECE_BYTES, error_offset

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

    Examples
    --------
    >>> Decoded("café", "cp1252", "not utf-8 at byte 3; decoded as cp1252").problem.split(";")[0]
    'not utf-8 at byte 3'
    """

    text: str
    encoding: str
    problem: str = ""


def binary_kind(data: bytes) -> str | None:
    """Name the binary format of ``data``, or return ``None`` for text.

    A known file signature (PDF, PNG, ZIP, ...) names the format; a NUL byte in
    the first 8 KiB of a file without a Unicode BOM, not laid out as UTF-16 or
    UTF-32, makes it ``"NUL bytes"``.

    Parameters
    ----------
    data : bytes
        The file's first bytes (8 KiB are enough).

    Returns
    -------
    str or None

    Examples
    --------
    >>> binary_kind(b"%PDF-1.7 ...")
    'PDF'
    >>> binary_kind("caf\\u00e9".encode("utf-8")) is None
    True
    """
    if data.startswith(_MAGICS):
        return next(name for magic, name in _SIGNATURES if data.startswith(magic))
    # find, not a slice: no copy of the head of every file
    if data.find(b"\x00", 0, 8192) >= 0 and not data.startswith(_BOM_BYTES) and _bomless_utf16_32(data[:8192]) is None:
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
    for bom, codec in _BOMS if data.startswith(_BOM_BYTES) else ():
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec.replace("-sig", "") + " (BOM)")
            except UnicodeDecodeError as err:
                return Decoded(
                    data.decode(codec, errors="replace"),
                    codec,
                    f"invalid {codec} at byte {err.start}; bad bytes replaced with U+FFFD",
                )
    if data.find(b"\x00", 0, 8192) >= 0:
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

    Parameters
    ----------
    path : pathlib.Path
        The file; it is read a piece at a time, never whole.
    encoding : str, default="utf-8"
        The expected encoding.
    fallback : str, default="cp1252"
        Used when the file is not valid ``encoding``.

    Returns
    -------
    codec, errors, problem : str
        The codec and error handler to stream the file with, and the load
        report's sentence (empty when the file is valid ``encoding``), with the
        offset of the first bad byte counted from the start of the file.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "old.txt"
    >>> _ = path.write_bytes(b"plain line\\n" * 3 + "caf\\u00e9".encode("cp1252"))
    >>> scan_encoding(path)
    ('cp1252', 'strict', 'not utf-8 at byte 36; decoded as cp1252')
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
                position += len(block)
                try:
                    decoder.decode(block)
                except UnicodeDecodeError as err:
                    return error_offset(err, position)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as err:
            return error_offset(err, position)
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
