"""One document: text in memory, or a real file streamed in pieces that end at line breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEED
from toolkit.corpus.document import LARGE_FILE, PIECE_BYTES, CorpusError, Document
from toolkit.corpus.loading import iter_documents

SEED_TEXT = SEED.read_bytes().decode("utf-8")


def test_a_document_in_memory_is_one_piece():
    doc = Document("a.txt", "Talks in Baku.\nNo deal.", {"year": "2024"})
    assert (doc.text, list(doc.pieces()), doc.meta) == (
        "Talks in Baku.\nNo deal.",
        ["Talks in Baku.\nNo deal."],
        {"year": "2024"},
    )
    assert repr(doc) == "Document('a.txt', 23 characters, meta={'year': '2024'})"
    assert Document("b.txt", "").meta == {}
    with pytest.raises(ValueError, match="needs its text or the path of a file to stream"):
        Document("c.txt")
    assert issubclass(CorpusError, Exception)


def test_a_file_is_read_in_pieces_that_end_at_line_breaks_and_never_split_a_character(tmp_path: Path):
    path = tmp_path / "seed.txt"
    path.write_bytes(SEED.read_bytes())  # curly quotes and bullets: characters of 3 bytes cross the blocks
    doc = Document("seed.txt", path=path)
    pieces = list(doc.pieces(size=64))
    assert len(pieces) > 20
    assert "".join(pieces) == SEED_TEXT == doc.text
    # a paragraph longer than a piece is cut at white space, never inside a word
    assert all(piece[-1] in "\n\r \t" for piece in pieces[:-1])
    assert any(piece.endswith("\n") for piece in pieces)
    assert "\ufffd" not in doc.text
    assert "path=" in repr(doc) and "characters" not in repr(doc)


def test_a_long_line_is_cut_at_white_space_and_text_without_any_break_is_cut_anyway(tmp_path: Path):
    words = tmp_path / "line.txt"
    words.write_text("word " * 200, "utf-8")  # 1,000 characters, no line break
    pieces = list(Document("line.txt", path=words).pieces(size=64))
    assert "".join(pieces) == "word " * 200
    assert all(piece.endswith(" ") for piece in pieces)  # no word cut in two
    solid = tmp_path / "solid.txt"
    solid.write_text("x" * 2000, "utf-8")
    pieces = list(Document("solid.txt", path=solid).pieces(size=64))
    assert "".join(pieces) == "x" * 2000 and max(map(len, pieces)) <= 9 * 64


def test_a_file_in_another_encoding_streams_with_that_codec(tmp_path: Path):
    text = "Café “owners” said no.\r\nTwice.\r\n" * 20
    path = tmp_path / "old.txt"
    path.write_bytes(text.encode("cp1252"))
    assert Document("old.txt", path=path, encoding="cp1252").text == text
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"ok \x81 bad\n")
    assert Document("b.txt", path=broken, encoding="cp1252", errors="replace").text == "ok \ufffd bad\n"


def test_a_large_file_is_not_read_when_loaded_only_when_its_pieces_are_asked_for(tmp_path: Path):
    block = SEED.read_bytes()
    repeats = LARGE_FILE // len(block) + 1
    with open(tmp_path / "big.txt", "wb") as stream:
        for _ in range(repeats):
            stream.write(block)
    entries: list = []
    (doc,) = iter_documents(tmp_path, entries=entries)
    assert "path=" in repr(doc)  # the text was not read into the document
    assert doc.meta["title"] == SEED_TEXT.splitlines()[0].strip()
    assert entries[0].reason == f"large file ({repeats * len(block):,} bytes): streamed in pieces when counted"
    sizes = [len(piece.encode("utf-8")) for piece in doc.pieces()]
    assert sum(sizes) == repeats * len(block)
    assert max(sizes) <= 2 * PIECE_BYTES  # one piece in memory at a time, about a megabyte
