"""The state of one load: the name template, sidecar metadata, titles, decoding with a record, strict CSV rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from toolkit import CorpusError, load_corpus, load_report
from toolkit.corpus.decoding import Decoded
from toolkit.corpus.loader import Loader, read_csv_rows


def _loader(**changes) -> Loader:
    return Loader("test", **changes)


def test_folder_metadata_category_title_and_name_template(news_dir: Path):
    corpus = load_corpus(news_dir, name_template="{year}-{topic}")
    assert list(corpus.columns) == ["doc_id", "text", "title", "category", "year", "topic"]
    assert list(corpus["doc_id"]) == ["2022-notes.txt", "politics/2024-lavrov.txt", "world/2023-baku.txt"]
    assert list(corpus["category"]) == [None, "politics", "world"]
    assert list(corpus["year"]) == ["2022", "2024", "2023"]
    assert list(corpus["topic"]) == ["notes", "lavrov", "baku"]
    assert corpus.loc[0, "title"] == "Talks in Baku."
    assert corpus.loc[0, "text"].startswith("Talks in Baku.")  # the title is still counted text


def test_a_name_that_does_not_match_the_template_is_reported_not_dropped(news_dir: Path):
    (news_dir / "undated.txt").write_text("No date here.", "utf-8")
    corpus = load_corpus(news_dir, name_template="{year}-{topic}")
    row = corpus.set_index("doc_id").loc["undated.txt"]
    assert row["year"] is None
    notes = [e for e in load_report(corpus).entries if e.status == "note"]
    assert [(e.path, "does not match name template" in e.reason) for e in notes] == [("undated.txt", True)]


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


def test_a_sidecar_row_naming_two_documents_is_noted(tmp_path: Path):
    for folder in ("politics", "sport"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "0001.txt").write_text("Text.", "utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet\n0001.txt,Reuters\n", "utf-8")
    corpus = load_corpus(tmp_path)
    notes = [e for e in load_report(corpus).entries if e.status == "note"]
    assert [(e.path, "also names politics/0001.txt" in e.reason) for e in notes] == [("sport/0001.txt", True)]


def test_titles_statuses_and_the_suffix_left_out_of_the_template():
    loader = _loader(name_template="{year}-{name}", suffixes=(".txt", ".md"))
    doc = loader.document("a/2024-baku.MD", Decoded(" \n\u2028  Talks in Baku \r\nBody", "utf-8"), {"category": "a"})
    assert doc.meta == {"title": "Talks in Baku", "category": "a", "year": "2024", "name": "baku"}
    loader.document("empty.txt", Decoded(" \n\t", "utf-8"), {})
    loader.document("old.txt", Decoded("café", "cp1252", "not utf-8 at byte 3; decoded as cp1252"), {})
    assert [(e.path, e.status) for e in loader.entries] == [
        ("a/2024-baku.MD", "read"),
        ("empty.txt", "empty"),
        ("empty.txt", "note"),  # no year-name in "empty": fields left empty, and said
        ("old.txt", "fallback"),
        ("old.txt", "note"),
    ]
    assert loader.entries[1].reason == "empty document: zero tokens"
    assert loader.entries[3].reason == "not utf-8 at byte 3; decoded as cp1252"
    assert loader.entries[4].reason == "file name does not match name template '{year}-{name}'; its fields are empty"


def test_decoding_with_a_record_strict_encoding_and_an_unknown_fallback():
    cp1252 = "café “quoted”".encode("cp1252")
    assert _loader().decode(cp1252, "a.txt").text == "café “quoted”"
    with pytest.raises(CorpusError, match=r"^a.txt: not utf-8 at byte 3 \(strict encoding\)$"):
        _loader(strict_encoding=True).decode(cp1252, "a.txt")
    with pytest.raises(CorpusError, match="unknown fallback encoding 'klingon'"):
        _loader(fallback_encoding="klingon")


def test_read_csv_rows_gives_first_line_numbers_and_names_bad_lines(tmp_path: Path):
    path = tmp_path / "meta.csv"
    path.write_text('file,note\na.txt,"two\nlines"\n\nb.txt,plain\n', "utf-8")
    header, rows, problem = read_csv_rows(path, _loader(), "meta.csv")
    assert header == ["file", "note"] and problem == ""
    assert rows == [(2, {"file": "a.txt", "note": "two\nlines"}), (5, {"file": "b.txt", "note": "plain"})]
    path.write_text("file,note,file\na,b,c\n", "utf-8")
    with pytest.raises(CorpusError, match=r"meta.csv line 1: duplicate column names \['file'\]"):
        read_csv_rows(path, _loader(), "meta.csv")
    path.write_text("\n\n", "utf-8")
    with pytest.raises(CorpusError, match=r"meta.csv: empty CSV file, expected a header line"):
        read_csv_rows(path, _loader(), "meta.csv")


def test_a_sidecar_keyed_by_path_wins_and_a_repeated_key_is_an_error(news_dir: Path):
    (news_dir / "metadata.csv").write_text(
        "doc_id,outlet\npolitics/2024-lavrov.txt,Euronews\nworld/2023-baku.txt,AP\n", "utf-8"
    )
    corpus = load_corpus(news_dir).set_index("doc_id")
    assert corpus["outlet"].to_dict() == {
        "2022-notes.txt": None,
        "politics/2024-lavrov.txt": "Euronews",
        "world/2023-baku.txt": "AP",
    }
    assert pd.isna(corpus.loc["2022-notes.txt", "outlet"])
    (news_dir / "metadata.csv").write_text("file,outlet\n2023-baku.txt,AP\n2023-baku.txt,Reuters\n", "utf-8")
    with pytest.raises(CorpusError, match=r"metadata.csv line 3: file '2023-baku.txt' already given on line 2"):
        load_corpus(news_dir)
