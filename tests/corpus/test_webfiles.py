"""toolkit.corpus.webfiles: web files in a folder, each bad one an entry naming the file and where, never a crash."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from conftest import news_page
from toolkit.corpus.document import CorpusError
from toolkit.corpus.loading import load_corpus
from toolkit.corpus.pages import MAX_PAGE_BYTES
from toolkit.corpus.webfiles import read_capped, web_kind


def _entries(corpus) -> list[tuple[str, str, str]]:
    return [(e.path, e.status, e.reason) for e in corpus.attrs["load_report"].entries]


def test_web_kind_tells_each_kind_of_file_by_its_ending():
    names = ["a.html", "b.HTM", "c.xhtml", "d.html.gz", "e.warc", "f.warc.gz", "g.rss", "h.atom", "i.xml", "j.txt"]
    kinds = [web_kind(n) for n in names]
    assert kinds == ["html", "html", "html", "html", "warc", "warc", "feed", "feed", "feed", ""]


def test_a_gzipped_page_reads_as_the_page_and_a_damaged_one_is_an_entry(tmp_path: Path):
    _, data = news_page(0)
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(data))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(news_page(1)[1])[:300])  # cut short
    (tmp_path / "c.html.gz").write_bytes(b"not gzip at all")
    corpus = load_corpus(tmp_path)
    assert list(corpus["doc_id"]) == ["a.html.gz"]
    assert corpus.loc[0, "site"] == "The Northern Courier"
    entries = _entries(corpus)
    assert entries[1][:2] == ("b.html.gz", "skipped")
    assert entries[1][2].startswith("damaged gzip file: Compressed file ended before the end-of-stream marker")
    assert entries[2] == ("c.html.gz", "skipped", "damaged gzip file: Not a gzipped file (b'no')")


def test_a_file_named_html_that_is_not_html_is_an_entry_and_strict_stops(tmp_path: Path):
    (tmp_path / "export.html").write_text('{"articles": [{"title": "Talks in Baku"}]}', "utf-8")
    (tmp_path / "blank.htm").write_text("  \n", "utf-8")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "real.html").write_bytes(news_page(2)[1])
    corpus = load_corpus(tmp_path)
    assert list(corpus["doc_id"]) == ["real.html"]
    assert _entries(corpus)[:3] == [
        ("blank.htm", "empty", "empty page file: zero tokens"),
        ("export.html", "skipped", "not HTML: no HTML tags in its first 64 KB"),
        ("image.html", "skipped", "not HTML: no HTML tags in its first 64 KB"),
    ]
    with pytest.raises(CorpusError, match=r"strict mode: export\.html: not HTML"):
        load_corpus(tmp_path, strict=True)


def test_a_page_without_an_article_is_skipped_with_the_reason(tmp_path: Path):
    (tmp_path / "section.html").write_text(
        "<html><head><title>World</title></head><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
        "<ul><li><a href='/1'>Talks in Baku end without a deal</a></li></ul></body></html>",
        "utf-8",
    )
    (tmp_path / "story.html").write_bytes(news_page(3)[1])
    corpus = load_corpus(tmp_path)
    assert list(corpus["doc_id"]) == ["story.html"]
    path, status, reason = _entries(corpus)[0]
    assert (path, status) == ("section.html", "skipped")
    assert reason.startswith("html page: no article text found (no line of 10 words or more, in precision or recall")
    assert reason.endswith("encoding utf-8 (valid UTF-8)")


def test_a_huge_page_is_read_up_to_the_cap_and_the_rest_is_an_entry(tmp_path: Path):
    _, data = news_page(4)
    head, tail = data.split(b"</article>")
    filler = b"<!-- " + b"tracking pixel data " * (MAX_PAGE_BYTES // 20) + b" -->"
    (tmp_path / "huge.html").write_bytes(head + b"</article>" + filler + tail)
    corpus = load_corpus(tmp_path)
    assert list(corpus["doc_id"]) == ["huge.html"]
    assert "Officials said the 5th round of talks" in corpus.loc[0, "text"]
    entries = _entries(corpus)
    assert entries[0] == (
        "huge.html",
        "skipped",
        f"the page is over 8 MB: only its first {MAX_PAGE_BYTES:,} bytes were read",
    )
    assert entries[1][:2] == ("huge.html", "read")
    assert f"page cut at {MAX_PAGE_BYTES:,} bytes" in entries[1][2]
    with pytest.raises(CorpusError, match=r"strict mode: huge\.html: the page is over 8 MB"):
        load_corpus(tmp_path, strict=True)


def test_a_legacy_page_declared_is_read_right_and_one_undeclared_takes_the_fallback(tmp_path: Path):
    _, data = news_page(5)
    page = data.decode("utf-8").replace("Baku", "Bakı — “Baku”")
    (tmp_path / "declared.html").write_bytes(
        page.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252", "replace")
    )
    (tmp_path / "undeclared.html").write_bytes(page.replace('<meta charset="utf-8">', "").encode("cp1252", "replace"))
    corpus = load_corpus(tmp_path)
    by_id = dict(zip(corpus["doc_id"], corpus["text"], strict=True))
    assert "“Baku”" in by_id["declared.html"] and "“Baku”" in by_id["undeclared.html"]
    entries: dict[str, tuple[str, str]] = {}
    for path, status, reason in _entries(corpus):
        entries.setdefault(path, (status, reason))  # the page's own entry, before its notes (a duplicate)
    assert entries["declared.html"][0] == "read"
    assert "encoding cp1252 (meta charset)" in entries["declared.html"][1]
    assert entries["undeclared.html"][0] == "fallback"
    assert "encoding cp1252 (fallback: no charset declared and not UTF-8 (byte " in entries["undeclared.html"][1]
    with pytest.raises(CorpusError, match=r"undeclared\.html: fallback: no charset declared"):
        load_corpus(tmp_path, strict_encoding=True)


def test_read_capped_reads_no_more_than_the_cap_plus_one(tmp_path: Path):
    path = tmp_path / "a.html"
    path.write_bytes(b"x" * 100)
    assert read_capped(str(path), False, cap=100) == (b"x" * 100, False)
    assert read_capped(str(path), False, cap=99) == (b"x" * 99, True)
