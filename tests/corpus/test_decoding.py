"""Bytes to text on real encoded bytes: BOMs, cp1252 fallback with the offset, UTF-16/32 without a BOM, binaries."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from conftest import SEED
from toolkit import CorpusError, load_corpus, load_report
from toolkit.corpus.decoding import binary_kind, decode_bytes, scan_encoding
from toolkit.corpus.document import PIECE_BYTES

SEED_TEXT = SEED.read_bytes().decode("utf-8")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + SEED_TEXT.encode("utf-8"), "utf-8 (BOM)"),
        (codecs.BOM_UTF16_LE + SEED_TEXT.encode("utf-16-le"), "utf-16 (BOM)"),
        (codecs.BOM_UTF16_BE + SEED_TEXT.encode("utf-16-be"), "utf-16 (BOM)"),
        (codecs.BOM_UTF32_LE + SEED_TEXT.encode("utf-32-le"), "utf-32 (BOM)"),
        (codecs.BOM_UTF32_BE + SEED_TEXT.encode("utf-32-be"), "utf-32 (BOM)"),
    ],
)
def test_bom_aware_decoding(data: bytes, encoding: str):
    decoded = decode_bytes(data)
    assert decoded.text == SEED_TEXT
    assert (decoded.encoding, decoded.problem) == (encoding, "")


def test_invalid_utf8_falls_back_with_file_and_byte_offset(tmp_path: Path):
    text = "Café owners in Baku said “no” — twice.\n"
    raw = text.encode("cp1252")
    (tmp_path / "cafe.txt").write_bytes(raw)
    corpus = load_corpus(tmp_path)
    assert corpus.loc[0, "text"] == text
    (entry,) = load_report(corpus).fallbacks
    assert entry.path == "cafe.txt"
    assert entry.reason == "not utf-8 at byte 3; decoded as cp1252"
    with pytest.raises(CorpusError, match=r"^cafe.txt: not utf-8 at byte 3 \(strict encoding\)$"):
        load_corpus(tmp_path, strict_encoding=True)
    latin = load_corpus(tmp_path, fallback_encoding="latin-1")
    assert "decoded as latin-1" in load_report(latin).fallbacks[0].reason


def test_real_latin1_file_in_nltk_inaugural(nltk_corpus_dir):
    # inaugural/2005-Bush.txt is Latin-1 in NLTK's own package; the rest is UTF-8.
    corpus = load_corpus(nltk_corpus_dir("inaugural"))
    fallbacks = {e.path: e.reason for e in load_report(corpus).fallbacks}
    assert fallbacks == {"2005-Bush.txt": "not utf-8 at byte 837; decoded as cp1252"}
    raw = (nltk_corpus_dir("inaugural") / "2005-Bush.txt").read_bytes()
    assert corpus.set_index("doc_id").loc["2005-Bush.txt", "text"] == raw.decode("latin-1")


def test_bytes_undefined_in_cp1252_are_replaced_and_said():
    decoded = decode_bytes(b"bad \x81 byte \xff")
    assert decoded.text == "bad \ufffd byte ÿ"
    assert "byte 4 and others undefined in cp1252 replaced with U+FFFD" in decoded.problem


def test_utf16_without_bom_is_recognised_and_reported():
    decoded = decode_bytes("Moscow talks".encode("utf-16-le"))
    assert decoded.text == "Moscow talks"
    assert decoded.problem == "no BOM; decoded as utf-16-le (NUL-byte layout)"


def test_binary_kind():
    assert binary_kind(b"PK\x03\x04rest") == "ZIP"
    assert binary_kind(b"plain text") is None


def test_real_cp1252_and_utf16_bytes_decode_as_their_text():
    text = "Naïve café owners — “quoted” — paid €5.\r\n"
    cp1252 = decode_bytes(text.encode("cp1252"))
    assert (cp1252.text, cp1252.encoding) == (text, "cp1252")
    assert cp1252.problem == "not utf-8 at byte 2; decoded as cp1252"  # "ï" is one byte, 0xEF, at offset 2
    utf16 = decode_bytes(text.encode("utf-16"))  # Python writes the BOM of the machine's byte order
    assert (utf16.text, utf16.encoding, utf16.problem) == (text, "utf-16 (BOM)", "")
    broken = decode_bytes(text.encode("utf-16") + b"\x00")  # an odd byte at the end: a cut file
    assert broken.text.startswith(text) and broken.text.endswith("\ufffd")
    assert broken.problem.startswith("invalid utf-16 at byte ")


def test_text_with_nul_layout_is_not_binary_but_stray_nuls_are():
    assert binary_kind("Talks in Baku".encode("utf-16-le")) is None
    assert binary_kind("Talks in Baku".encode("utf-32-be")) is None
    assert binary_kind(b"Talks\x00in\x00\x00Baku, \xff then more text") == "NUL bytes"
    assert binary_kind(b"\x1f\x8b\x08\x00") == "gzip"


def test_scan_encoding_streams_a_file_and_names_the_absolute_offset(tmp_path: Path):
    plain = tmp_path / "plain.txt"
    plain.write_bytes(SEED_TEXT.encode("utf-8") * 30)
    assert scan_encoding(plain) == ("utf-8", "strict", "")
    # a cp1252 byte after the first piece: the offset counts from the start of the file, not of the piece
    body = b"plain ascii line\n" * (PIECE_BYTES // 17 + 100)
    old = tmp_path / "old.txt"
    old.write_bytes(body + "café\n".encode("cp1252"))
    assert scan_encoding(old) == ("cp1252", "strict", f"not utf-8 at byte {len(body) + 3}; decoded as cp1252")
    assert decode_bytes(old.read_bytes()).problem == scan_encoding(old)[2]  # the same sentence as whole-file decoding
    wide = tmp_path / "wide.txt"
    wide.write_bytes(codecs.BOM_UTF16_LE + SEED_TEXT.encode("utf-16-le"))
    assert scan_encoding(wide) == ("utf-16", "strict", "")
    undefined = tmp_path / "undefined.txt"
    undefined.write_bytes(b"bad \x81 byte \xff")
    codec, errors, problem = scan_encoding(undefined)
    assert (codec, errors) == ("cp1252", "replace")
    assert problem == decode_bytes(undefined.read_bytes()).problem


def test_a_fallback_decoded_file_is_listed_and_strict_encoding_refuses_it(tmp_path: Path):
    (tmp_path / "ok.txt").write_text("Plain.", "utf-8")
    (tmp_path / "old.txt").write_bytes("Ship’s log".encode("cp1252"))
    corpus = load_corpus(tmp_path)
    assert [e.path for e in load_report(corpus).fallbacks] == ["old.txt"]
    assert corpus.set_index("doc_id").loc["old.txt", "text"] == "Ship’s log"
    with pytest.raises(CorpusError, match=r"old.txt: not utf-8 at byte 4 \(strict encoding\)"):
        load_corpus(tmp_path, strict_encoding=True)
