"""Loading: the source dispatch, the corpus table, the name template (and its old keyword), streaming, progress."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

from conftest import SEED
from toolkit import CorpusError, load_corpus, load_report
from toolkit.corpus.loading import is_frame, iter_documents

SEED_TEXT = SEED.read_bytes().decode("utf-8")


def test_project_corpus_holds_the_seed_article_first():
    corpus = load_corpus(SEED.parent)
    assert corpus.loc[0, "doc_id"] == SEED.name
    assert corpus.loc[0, "text"] == SEED_TEXT  # byte for byte, no newline translation, no cleaning
    assert corpus.loc[0, "title"] == (
        "Russia says its ready to help normalise relations between arch-rivals Armenia and Azerbaijan"
    )


def test_name_template_gives_fields_and_the_old_pattern_keyword_still_works_and_warns(news_dir: Path):
    corpus = load_corpus(news_dir, name_template="{year}-{topic}")
    assert list(corpus.columns) == ["doc_id", "text", "title", "category", "year", "topic"]
    assert ("name template", "{year}-{topic}") in load_report(corpus).settings
    with pytest.warns(DeprecationWarning, match=r"load_corpus\(pattern=\.\.\.\) is deprecated; use name_template="):
        old = load_corpus(news_dir, pattern="{year}-{topic}")
    pdt.assert_frame_equal(old, corpus)
    with pytest.warns(DeprecationWarning, match=r"iter_documents\(pattern=\.\.\.\) is deprecated; use name_template="):
        streamed = list(iter_documents(news_dir, pattern="{year}-{topic}"))
    assert [d.meta["year"] for d in streamed] == list(corpus["year"])
    with pytest.raises(TypeError, match=r"got both pattern= \(deprecated\) and name_template="):
        load_corpus(news_dir, pattern="{year}", name_template="{year}")


def test_a_source_that_is_not_a_corpus_is_a_clear_error(tmp_path: Path):
    (tmp_path / "one.txt").write_text("A single article.", "utf-8")
    with pytest.raises(CorpusError, match=r"one.txt: a single text file; give the folder that holds it"):
        load_corpus(tmp_path / "one.txt")
    (tmp_path / "report.docx").write_bytes(b"PK\x03\x04")
    with pytest.raises(
        CorpusError, match=r"report.docx: unsupported file type .docx; expected a folder, .csv, .jsonl, or a web file"
    ):
        load_corpus(tmp_path / "report.docx")
    with pytest.raises(CorpusError, match=r"no such file or folder"):
        load_corpus(str(tmp_path / "missing"))  # a path with a separator is never taken for an NLTK name


def test_the_load_report_travels_with_the_table_and_a_plain_table_has_none(news_dir: Path):
    corpus = load_corpus(news_dir)
    subset = corpus[corpus["category"] == "world"].copy()
    assert load_report(subset) is load_report(corpus)  # copies keep the same, immutable report
    with pytest.raises(ValueError, match="carries no load report; was it made by load_corpus"):
        load_report(pd.DataFrame({"doc_id": ["a"], "text": ["b"]}))
    assert is_frame(corpus) and not is_frame(str(news_dir)) and not is_frame(corpus["text"])


def test_iter_documents_streams_lazily(news_dir: Path):
    entries: list = []
    stream = iter_documents(news_dir, entries=entries)
    first = next(stream)
    assert first.doc_id == "2022-notes.txt"
    assert len(entries) == 1  # only what has been read so far
    rest = list(stream)
    assert [d.doc_id for d in rest] == ["politics/2024-lavrov.txt", "world/2023-baku.txt"]


def test_load_corpus_shows_a_progress_bar_when_asked_and_none_in_a_pipe(capsys):
    from toolkit.paths import CORPUS_DIR

    load_corpus(CORPUS_DIR, progress=True)
    err = capsys.readouterr().err
    assert f"loading {CORPUS_DIR}: 0 documents [00:00" in err  # tqdm's bar, on stderr (then cleared)
    load_corpus(CORPUS_DIR)  # pytest's stderr is not a terminal: no bar unless asked
    assert capsys.readouterr().err == ""


def test_a_document_stream_passes_through_a_wrapper_and_replays_a_load_report(news_dir: Path):
    seen: list[str] = []

    def note(documents):
        for doc in documents:
            seen.append(doc.doc_id)
            yield doc

    stream = iter_documents(news_dir).through(note)
    assert [d.doc_id for d in stream] == seen == ["2022-notes.txt", "politics/2024-lavrov.txt", "world/2023-baku.txt"]
    entries: list = []
    again = iter_documents(news_dir, entries=entries)
    again.replay(stream.loader.entries)
    assert list(again) == [] and entries == stream.loader.entries and len(entries) == 3
    assert iter_documents(news_dir).stamp() == ""  # written in the last 2 seconds: no stamp yet
    assert iter_documents("nltk:inaugural").stamp() == ""


def test_a_bad_setting_is_an_error_when_the_stream_is_made():
    with pytest.raises(CorpusError, match="unknown fallback encoding 'klingon'"):
        iter_documents("corpus", fallback_encoding="klingon")


def test_closing_a_document_stream_stops_it_as_closing_a_generator_does(news_dir: Path):
    stream = iter_documents(news_dir)
    assert next(stream).doc_id == "2022-notes.txt"
    stream.close()
    assert list(stream) == []
