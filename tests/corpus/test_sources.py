"""Sources other than folders on real files: CSV and JSONL (with bad lines), DataFrames and NLTK corpora."""

from __future__ import annotations

import json
from pathlib import Path

import nltk
import pandas as pd
import pandas.testing as pdt
import pytest

from conftest import SEED
from toolkit import CorpusError, load_corpus, load_report
from toolkit.corpus.loader import Loader
from toolkit.corpus.sources import iter_csv, iter_frame, iter_jsonl, nltk_has, nltk_reader

SEED_TEXT = SEED.read_bytes().decode("utf-8")


def _loader(source: str = "test") -> Loader:
    return Loader(source, title=False)


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


def test_installed_nltk_corpus_by_name_with_a_name_template(nltk_corpus_dir):
    nltk_corpus_dir("inaugural")  # skips when NLTK data is absent
    corpus = load_corpus("nltk:inaugural", name_template="{year}-{president}")
    assert len(corpus) == 59  # NLTK's package: 1789-Washington to 2021-Biden
    first = corpus.iloc[0]
    assert (first["doc_id"], first["year"], first["president"]) == ("1789-Washington.txt", "1789", "Washington")
    assert first["text"].startswith("Fellow-Citizens of the Senate")
    # the bare name works too when no such path exists
    pdt.assert_frame_equal(load_corpus("inaugural", name_template="{year}-{president}"), corpus)


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


def test_a_jsonl_file_streams_its_good_lines_before_the_bad_one_is_named(tmp_path: Path):
    path = tmp_path / "wire.jsonl"
    lines = [
        json.dumps({"doc_id": "w1", "text": "Talks in Baku.", "desk": "world"}),
        "",
        json.dumps({"doc_id": "w2", "text": "Vote counted.", "desk": "politics"}),
        '{"doc_id": "w3", "text": "cut off',
        json.dumps({"doc_id": "w4", "text": "never reached"}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    stream = iter_jsonl(path, _loader(), "text", None)
    first, second = next(stream), next(stream)
    assert (first.doc_id, first.text, first.meta) == ("w1", "Talks in Baku.", {"desk": "world"})
    assert second.doc_id == "w2"
    with pytest.raises(CorpusError, match=r"^wire.jsonl line 4: invalid JSON \(Unterminated string"):
        next(stream)
    path.write_text('["a list", "not an object"]\n', "utf-8")
    with pytest.raises(CorpusError, match=r"wire.jsonl line 1: expected a JSON object, got list"):
        list(iter_jsonl(path, _loader(), "text", None))
    path.write_text('{"text": 42}\n', "utf-8")
    with pytest.raises(CorpusError, match=r"wire.jsonl line 1: 'text' must be a string, got int"):
        list(iter_jsonl(path, _loader(), "text", None))


def test_a_csv_file_with_its_own_columns_and_a_bad_line(tmp_path: Path):
    path = tmp_path / "news.csv"
    path.write_text("id,body,year\nn1,First story.,2020\nn2,Second story.,2021\nn3,Third, broken,2022\n", "utf-8")
    with pytest.raises(CorpusError, match=r"news.csv line 4: expected 3 fields \(id, body, year\), got 4"):
        list(iter_csv(path, _loader(), "body", "id"))
    path.write_text("id,body,year\nn1,First story.,2020\nn2,Second story.,2021\n", "utf-8")
    docs = list(iter_csv(path, _loader(), "body", "id"))
    assert [(d.doc_id, d.text, d.meta) for d in docs] == [
        ("n1", "First story.", {"year": "2020"}),
        ("n2", "Second story.", {"year": "2021"}),
    ]
    with pytest.raises(CorpusError, match=r"news.csv: no id column 'key'; got columns \['id', 'body', 'year'\]"):
        list(iter_csv(path, _loader(), "body", "key"))


def test_a_dataframe_needs_unique_ids_and_string_texts():
    frame = pd.DataFrame({"doc_id": ["a", "b", "a"], "text": ["x", "y", "z"]})
    with pytest.raises(CorpusError, match=r"<DataFrame>: duplicate doc_id values \['a'\]"):
        list(iter_frame(frame, _loader(), "text", None))
    frame = pd.DataFrame({"doc_id": ["a", "b"], "text": ["words", None], "year": ["2020", "2021"]})
    stream = iter_frame(frame, _loader(), "text", None)
    assert next(stream).meta == {"year": "2020"}
    with pytest.raises(CorpusError, match=r"<DataFrame>: row 'b': 'text' must be a string, got (None|nan)$"):
        next(stream)
    with pytest.raises(CorpusError, match=r"<DataFrame>: no id column 'key'"):
        list(iter_frame(frame, _loader(), "text", "key"))


def test_nltk_readers_are_found_only_when_installed(no_nltk_data):
    assert not nltk_has("corpora/inaugural")  # the empty data folder of no_nltk_data
    assert nltk_reader(nltk.corpus.inaugural) is nltk.corpus.inaugural  # a reader object is used as it is
    with pytest.raises(CorpusError, match=r"NLTK corpus 'inaugural' is not installed \(searched"):
        nltk_reader("nltk:inaugural")
