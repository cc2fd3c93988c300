"""One document: text in memory, or a real file streamed in pieces that end at line breaks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED
from toolkit.corpus.document import LARGE_FILE, PIECE_BYTES, CorpusError, Document
from toolkit.corpus.loading import iter_documents
from toolkit.paths import PROJECT_ROOT

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


def test_bytes_that_go_bad_after_the_encoding_scan_are_an_error_naming_the_file_and_offset(tmp_path: Path):
    """The scan found UTF-8 (or cp1252); bytes appended since are not: the error says where, however late."""
    path = tmp_path / "growing.txt"
    body = "Talks in Baku. “Café” owners.\n".encode() * 1000  # 3-byte characters cross the blocks
    path.write_bytes(body + b"caf\xe9 au lait\n" + body)
    for size in (64, 4096, PIECE_BYTES):
        with pytest.raises(CorpusError) as raised:
            list(Document("growing.txt", path=path).pieces(size=size))
        assert str(raised.value).startswith(f"{path}: not utf-8 at byte {len(body) + 3}: the file changed"), size
    old = b"old \xe9t\xe9\n" * 5000
    path.write_bytes(old + b"\x81 new\n")  # cp1252, but 0x81 is undefined there
    with pytest.raises(CorpusError, match=f"^{path}: not cp1252 at byte {len(old)}: "):
        _ = Document("old.txt", path=path, encoding="cp1252").text
    truncated = tmp_path / "cut.txt"
    truncated.write_bytes(body + "é".encode()[:1])  # a character cut at the end of the file
    with pytest.raises(CorpusError, match=f"^{truncated}: not utf-8 at byte {len(body)}: "):
        list(Document("cut.txt", path=truncated).pieces(size=100))


#: The command line, run as ``python -m toolkit`` runs it, in a process where a large file grows with bytes that
#: are not UTF-8 just after its encoding scan: a file still being written (a download, a crawler) when counted.
GROWS_AFTER_SCAN = """
import sys
import toolkit.corpus.loader as loader
from toolkit.cli.main import main

scan = loader.scan_encoding


def scan_then_grow(path, **options):
    found = scan(path, **options)
    with open(path, "ab") as stream:
        stream.write(b"caf\\xe9 au lait\\n")
    return found


loader.scan_encoding = scan_then_grow
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    "command",
    [
        ("info", "--tokenizer", "regexp"),
        ("freq", "--format", "csv"),
        ("freq", "--tokenizer", "regexp", "--jobs", "2", "--format", "csv"),
        ("kwic", "Baku", "--format", "csv"),
    ],
)
def test_a_large_file_that_goes_bad_while_counted_is_an_error_naming_it_on_the_command_line(tmp_path: Path, command):
    path = tmp_path / "corpus" / "growing.txt"
    path.parent.mkdir()
    body = b"Talks in Baku.\n" * (LARGE_FILE // 15 + 1)  # streamed in pieces
    path.write_bytes(body)
    done = subprocess.run(
        [sys.executable, "-c", GROWS_AFTER_SCAN, command[0], str(path.parent), *command[1:]],
        capture_output=True, text=True, timeout=600, cwd=PROJECT_ROOT,
    )  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.stderr.startswith(f"python -m toolkit: error: {path}: not utf-8 at byte {len(body) + 3}: "), done.stderr
    assert done.stderr.count("\n") == 1
