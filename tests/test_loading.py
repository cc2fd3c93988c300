"""Loading: every source, every metadata source, encodings, and the load report."""

from __future__ import annotations

import codecs
import json
import os
import random
import shutil
from pathlib import Path

import nltk
import pandas as pd
import pandas.testing as pdt
import pytest

from conftest import SEED
from toolkit import CorpusError, load_corpus, load_report
from toolkit.corpus.decoding import binary_kind, decode_bytes
from toolkit.corpus.loading import iter_documents

SEED_TEXT = SEED.read_bytes().decode("utf-8")


# --------------------------------------------------------------------------- folders


def test_project_corpus_holds_the_seed_article_first():
    corpus = load_corpus(SEED.parent)
    assert corpus.loc[0, "doc_id"] == SEED.name
    assert corpus.loc[0, "text"] == SEED_TEXT  # byte for byte, no newline translation, no cleaning
    assert corpus.loc[0, "title"] == (
        "Russia says its ready to help normalise relations between arch-rivals Armenia and Azerbaijan"
    )


def test_folder_metadata_category_title_and_pattern(news_dir: Path):
    corpus = load_corpus(news_dir, pattern="{year}-{topic}")
    assert list(corpus.columns) == ["doc_id", "text", "title", "category", "year", "topic"]
    assert list(corpus["doc_id"]) == ["2022-notes.txt", "politics/2024-lavrov.txt", "world/2023-baku.txt"]
    assert list(corpus["category"]) == [None, "politics", "world"]
    assert list(corpus["year"]) == ["2022", "2024", "2023"]
    assert list(corpus["topic"]) == ["notes", "lavrov", "baku"]
    assert corpus.loc[0, "title"] == "Talks in Baku."
    assert corpus.loc[0, "text"].startswith("Talks in Baku.")  # the title is still counted text


def test_pattern_mismatch_is_reported_not_dropped(news_dir: Path):
    (news_dir / "undated.txt").write_text("No date here.", "utf-8")
    corpus = load_corpus(news_dir, pattern="{year}-{topic}")
    row = corpus.set_index("doc_id").loc["undated.txt"]
    assert row["year"] is None
    notes = [e for e in load_report(corpus).entries if e.status == "note"]
    assert [(e.path, "does not match pattern" in e.reason) for e in notes] == [("undated.txt", True)]


def test_sidecar_metadata_joins_on_file_name_and_keeps_text_values(news_dir: Path):
    (news_dir / "metadata.csv").write_text(
        "file,outlet,code\n2024-lavrov.txt,Euronews,007\n2023-baku.txt,NA,\nmissing.txt,X,1\n", "utf-8"
    )
    corpus = load_corpus(news_dir).set_index("doc_id")
    assert corpus.loc["politics/2024-lavrov.txt", "outlet"] == "Euronews"
    assert corpus.loc["politics/2024-lavrov.txt", "code"] == "007"  # not 7
    assert corpus.loc["world/2023-baku.txt", "outlet"] == "NA"  # not NaN
    assert pd.isna(corpus.loc["2022-notes.txt", "outlet"])
    report = load_report(corpus)
    assert ("metadata.csv", "metadata") in [(e.path, e.status) for e in report.entries]
    unused = [e for e in report.entries if e.status == "note" and "missing.txt" in e.reason]
    assert len(unused) == 1 and "line 4" in unused[0].reason


def test_sidecar_without_a_key_column_is_a_clear_error(news_dir: Path):
    (news_dir / "metadata.csv").write_text("name,outlet\na,b\n", "utf-8")
    with pytest.raises(CorpusError, match=r"metadata.csv: needs a column doc_id, file or filename"):
        load_corpus(news_dir)


def test_same_table_whatever_order_files_are_created(tmp_path: Path):
    names = [f"{c}/{i:02d}.txt" for c in ("a", "b", "c") for i in range(8)]
    frames = []
    for attempt in range(2):
        root = tmp_path / f"run{attempt}"
        order = names[:]
        random.Random(attempt).shuffle(order)
        for name in order:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(f"Document {name} says hello.", "utf-8")
        frames.append(load_corpus(root))
    pdt.assert_frame_equal(frames[0], frames[1])
    assert list(frames[0]["doc_id"]) == sorted(names)


# --------------------------------------------------------------------------- encodings


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


# --------------------------------------------------------------------------- the load report


def _make_hostile_folder(root: Path, outside: Path) -> None:
    root.mkdir()
    shutil.copy(SEED, root / "good.txt")
    (root / "empty.txt").write_bytes(b"")
    (root / "fake.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (root / "nul.txt").write_bytes(b"abc\x00\x01\x02\xff\xfe\x00def")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / "._good.txt").write_bytes(b"\x00\x05\x16\x07")
    (root / "~$draft.txt").write_text("lock file", "utf-8")
    (root / "notes.md").write_text("# not a text document", "utf-8")
    (root / ".ipynb_checkpoints").mkdir()
    (root / ".ipynb_checkpoints" / "good-checkpoint.txt").write_text("copy", "utf-8")
    outside.mkdir()
    (outside / "secret.txt").write_text("outside the corpus", "utf-8")
    os.symlink(outside / "secret.txt", root / "escape.txt")
    os.symlink(root / "good.txt", root / "alias.txt")
    os.symlink(root / "nowhere.txt", root / "broken.txt")
    os.symlink(root / "loop", root / "loop")
    os.mkfifo(root / "pipe.txt")


def test_load_report_lists_every_skip_reason(tmp_path: Path):
    root = tmp_path / "hostile"
    _make_hostile_folder(root, tmp_path / "outside")
    corpus = load_corpus(root)  # the FIFO must not block
    assert list(corpus["doc_id"]) == ["empty.txt", "good.txt"]
    report = load_report(corpus).to_frame().set_index("path")
    expected = {
        ".DS_Store": "junk file",
        "._good.txt": "junk file",
        "~$draft.txt": "junk file",
        ".ipynb_checkpoints/": "junk folder",
        "fake.txt": "binary file (PDF)",
        "image.txt": "binary file (PNG)",
        "nul.txt": "binary file (NUL bytes)",
        "notes.md": "not a .txt file",
        "pipe.txt": "not a regular file (FIFO)",
        "broken.txt": "broken symlink or symlink loop",
        "loop": "broken symlink or symlink loop",
        "alias.txt": "symlink inside the corpus (-> good.txt); not followed",
    }
    for path, reason in expected.items():
        assert (report.loc[path, "status"], report.loc[path, "reason"]) == ("skipped", reason), path
    assert report.loc["escape.txt", "reason"].startswith("symlink leaves the corpus root (-> ")
    assert report.loc["empty.txt", "status"] == "empty"
    assert report.loc["good.txt", "status"] == "read"
    assert len(report) == len(expected) + 3  # escape, empty, good: nothing unlisted
    summary = load_report(corpus).summary()
    assert summary.startswith(f"{root}: 2 documents read, 1 empty, 13 files skipped (")
    with pytest.raises(CorpusError, match="strict mode"):
        load_corpus(root, strict=True)


# --------------------------------------------------------------------------- CSV, JSONL, DataFrame


def test_csv_loader_keeps_values_as_text(tmp_path: Path):
    path = tmp_path / "news.csv"
    path.write_text(
        'doc_id,outlet,text\n007,NA,"First line\nsecond line, with comma"\n008,,"Quoted ""word"" here"\n', "utf-8"
    )
    corpus = load_corpus(path)
    assert list(corpus["doc_id"]) == ["007", "008"]
    assert list(corpus["outlet"]) == ["NA", ""]
    assert corpus.loc[0, "text"] == "First line\nsecond line, with comma"
    assert corpus.loc[1, "text"] == 'Quoted "word" here'


def test_csv_without_id_uses_file_and_line(tmp_path: Path):
    path = tmp_path / "news.csv"
    path.write_text('text,year\n"multi\nline",2020\nsecond,2021\n', "utf-8")
    assert list(load_corpus(path)["doc_id"]) == ["news.csv:2", "news.csv:4"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('text,year\nok,2020\n"never closed,2021\nnext,2022\n', r"news.csv line 3: malformed CSV"),
        ("text,year\nok,2020\ntoo,many,fields\n", r"news.csv line 3: expected 2 fields \(text, year\), got 3"),
        ("doc_id,text\na,x\na,y\n", r"news.csv line 3: doc_id 'a' already used on line 2"),
        ("body,year\nx,1\n", r"news.csv: no text column 'text'; got columns \['body', 'year'\]"),
    ],
)
def test_malformed_csv_names_the_line_and_never_merges_rows(tmp_path: Path, content: str, message: str):
    path = tmp_path / "news.csv"
    path.write_text(content, "utf-8")
    with pytest.raises(CorpusError, match=message):
        load_corpus(path)


def test_jsonl_loader_and_line_numbered_errors(tmp_path: Path):
    path = tmp_path / "news.jsonl"
    rows = [{"doc_id": "a", "text": SEED_TEXT, "year": 2024}, {"text": "Second.", "year": 2023}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", "utf-8")
    corpus = load_corpus(path)
    assert list(corpus["doc_id"]) == ["a", "news.jsonl:2"]
    assert list(corpus["year"]) == [2024, 2023]
    path.write_text(json.dumps(rows[0]) + "\n{bad json\n", "utf-8")
    with pytest.raises(CorpusError, match=r"news.jsonl line 2: invalid JSON \(.* at column 2\)"):
        load_corpus(path)
    path.write_text('{"title": "no text"}\n', "utf-8")
    with pytest.raises(CorpusError, match=r"news.jsonl line 1: no 'text' field"):
        load_corpus(path)


def test_dataframe_loader():
    frame = pd.DataFrame({"text": [SEED_TEXT, ""], "outlet": ["Euronews", "x"]}, index=["s1", "s2"])
    corpus = load_corpus(frame)
    assert list(corpus.columns) == ["doc_id", "text", "title", "outlet"]
    assert list(corpus["doc_id"]) == ["s1", "s2"]
    assert [e.status for e in load_report(corpus).entries] == ["read", "empty"]
    with pytest.raises(CorpusError, match=r"no text column 'body'"):
        load_corpus(frame, text_column="body")


# --------------------------------------------------------------------------- NLTK corpora


def test_installed_nltk_corpus_by_name_with_pattern(nltk_corpus_dir):
    nltk_corpus_dir("inaugural")  # skips when NLTK data is absent
    corpus = load_corpus("nltk:inaugural", pattern="{year}-{president}")
    assert len(corpus) == 59  # NLTK's package: 1789-Washington to 2021-Biden
    first = corpus.iloc[0]
    assert (first["doc_id"], first["year"], first["president"]) == ("1789-Washington.txt", "1789", "Washington")
    assert first["text"].startswith("Fellow-Citizens of the Senate")
    # the bare name works too when no such path exists
    pdt.assert_frame_equal(load_corpus("inaugural", pattern="{year}-{president}"), corpus)


def test_nltk_reader_object_with_categories_and_tags(nltk_corpus_dir):
    nltk_corpus_dir("brown")
    corpus = load_corpus(nltk.corpus.brown)
    assert len(corpus) == 500
    ca01 = corpus.set_index("doc_id").loc["ca01"]
    assert ca01["category"] == "news"
    assert ca01["text"].startswith("The Fulton County Grand Jury said Friday")
    assert "rebuilt from its words" in load_report(corpus).entries[0].reason


def test_missing_nltk_corpus_is_a_clear_error_not_a_download(no_nltk_data):
    with pytest.raises(CorpusError, match=r"NLTK corpus 'inaugural' is not installed"):
        load_corpus("nltk:inaugural")
    with pytest.raises(CorpusError, match=r"no such file or folder, and NLTK has no corpus named 'nosuch'"):
        load_corpus("nosuch")
    with pytest.raises(CorpusError, match=r"no such file or folder"):
        load_corpus(Path("/nonexistent/folder"))


# --------------------------------------------------------------------------- streaming


def test_iter_documents_streams_lazily(news_dir: Path):
    entries: list = []
    stream = iter_documents(news_dir, entries=entries)
    first = next(stream)
    assert first.doc_id == "2022-notes.txt"
    assert len(entries) == 1  # only what has been read so far
    rest = list(stream)
    assert [d.doc_id for d in rest] == ["politics/2024-lavrov.txt", "world/2023-baku.txt"]


def test_binary_kind():
    assert binary_kind(b"PK\x03\x04rest") == "ZIP"
    assert binary_kind(b"plain text") is None


def test_review_regressions_csv_jsonl_sidecar_and_codecs(tmp_path: Path):
    long_text = "word " * 40_000  # beyond the csv module's default 128 KiB field limit
    (tmp_path / "long.csv").write_text(f'doc_id,text\na,"{long_text}"\n', "utf-8")
    assert len(load_corpus(tmp_path / "long.csv").loc[0, "text"]) == len(long_text)
    rows = [{"text": "para one\u2028para two"}, {"text": "second"}]
    (tmp_path / "x.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    assert list(load_corpus(tmp_path / "x.jsonl")["doc_id"]) == ["x.jsonl:1", "x.jsonl:2"]
    (tmp_path / "cp.csv").write_bytes("doc_id,text\na,caf\u00e9 talks\n".encode("cp1252"))
    (entry,) = load_report(load_corpus(tmp_path / "cp.csv")).fallbacks
    assert (entry.path, entry.reason) == ("a", "cp.csv: not utf-8 at byte 17; decoded as cp1252")
    with pytest.raises(CorpusError, match="unknown fallback encoding 'nosuch'"):
        load_corpus(tmp_path / "cp.csv", fallback_encoding="nosuch")


def test_a_sidecar_row_naming_two_documents_is_noted(tmp_path: Path):
    for folder in ("politics", "sport"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "0001.txt").write_text("Text.", "utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet\n0001.txt,Reuters\n", "utf-8")
    corpus = load_corpus(tmp_path)
    notes = [e for e in load_report(corpus).entries if e.status == "note"]
    assert [(e.path, "also names politics/0001.txt" in e.reason) for e in notes] == [("sport/0001.txt", True)]


def test_load_corpus_shows_a_progress_bar_when_asked_and_none_in_a_pipe(capsys):
    from toolkit.paths import CORPUS_DIR

    load_corpus(CORPUS_DIR, progress=True)
    err = capsys.readouterr().err
    assert f"loading {CORPUS_DIR}: 0 documents [00:00" in err  # tqdm's bar, on stderr (then cleared)
    load_corpus(CORPUS_DIR)  # pytest's stderr is not a terminal: no bar unless asked
    assert capsys.readouterr().err == ""
