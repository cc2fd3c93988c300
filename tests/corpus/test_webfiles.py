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
        ("blank.htm", "skipped", "empty page file: no HTML, no article"),
        ("export.html", "skipped", "not HTML: no HTML tags in its first 64 KB"),
        ("image.html", "skipped", "not HTML: no HTML tags in its first 64 KB"),
    ]
    assert corpus.attrs["load_report"].n_documents == len(corpus) == 1  # the report counts what the table holds
    with pytest.raises(CorpusError, match=r"strict mode: blank\.htm: empty page file"):
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
    assert reason.startswith("no article text found (no line of 10 words or more, in precision or recall mode); html")
    assert reason.endswith("encoding utf-8 (valid UTF-8)")


def test_a_huge_page_is_read_up_to_the_cap_and_the_rest_is_an_entry(tmp_path: Path):
    _, data = news_page(4)
    head, tail = data.split(b"</article>")
    filler = b"<!-- " + b"tracking pixel data " * (MAX_PAGE_BYTES // 20) + b" -->"
    (tmp_path / "huge.html").write_bytes(head + b"</article>" + filler + tail)
    corpus = load_corpus(tmp_path)
    assert list(corpus["doc_id"]) == ["huge.html"]
    assert "Officials said round 5 of the talks" in corpus.loc[0, "text"]
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
    assert "encoding cp1252 (fallback: no charset declared; not utf-8 at byte " in entries["undeclared.html"][1]
    with pytest.raises(CorpusError, match=r"undeclared\.html: fallback: no charset declared"):
        load_corpus(tmp_path, strict_encoding=True)
    # Strict mode refuses a page whose encoding was guessed, as it refuses a skipped file.
    with pytest.raises(CorpusError, match=r"strict mode: undeclared\.html: html page: "):
        load_corpus(tmp_path, strict=True)


def test_read_capped_reads_no_more_than_the_cap_plus_one(tmp_path: Path):
    path = tmp_path / "a.html"
    path.write_bytes(b"x" * 100)
    assert read_capped(str(path), False, cap=100) == (b"x" * 100, False)
    assert read_capped(str(path), False, cap=99) == (b"x" * 99, True)


def _crawl(path: Path, pages: list[bytes], *, cut: bool = False) -> list[int]:
    """Write a gzipped WARC as a crawler does (warcinfo, then a request and a response per page, a 404, an image).

    Returns each record's offset; ``cut`` ends the file inside the last page's record.
    """
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    offsets = []

    def write(record) -> None:
        offsets.append(buffer.tell())
        writer.write_record(record)

    write(writer.create_warcinfo_record("crawl.warc.gz", {"software": "test crawler"}))
    responses = [
        (f"https://caspian-wire.example/news/{n}", "200 OK", "text/html; charset=utf-8", p) for n, p in enumerate(pages)
    ]
    responses.insert(1, ("https://caspian-wire.example/gone", "404 Not Found", "text/html", b"<html>Not found</html>"))
    responses.insert(
        2, ("https://caspian-wire.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64))
    )
    for url, status, kind, body in responses:
        write(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        http = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
        write(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
    data = buffer.getvalue()
    path.write_bytes(data[: offsets[-1] + 200] if cut else data)
    return offsets


_RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Daily Meridian</title><link>https://meridian.example/</link>
<item><title>Talks in Baku resume</title><link>https://meridian.example/a</link>
<dc:creator>Anna Kovacs</dc:creator><pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Ministers met again in <b>Baku</b> on Tuesday.</p><p>No statement followed.</p>]]>
</content:encoded></item>
<item><title>Gas prices fall</title><link>https://meridian.example/b</link>
<pubDate>Mon, 15 Apr 2024 07:00:00 GMT</pubDate>
<description>Gas prices fell for a third week in April.</description></item>
<item><title>Photo gallery</title><link>https://meridian.example/c</link></item>
</channel></rss>"""

_ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Caspian Wire</title><link href="https://caspian-wire.example/"/>
<entry><title>Pipeline deal signed</title><link href="https://caspian-wire.example/deal"/>
<author><name>Rustam Aliyev</name></author>
<published>2024-05-02T10:00:00+04:00</published><updated>2024-05-02T12:00:00+04:00</updated>
<content type="html">&lt;p&gt;The pipeline deal was signed in Baku on Thursday.&lt;/p&gt;</content></entry>
</feed>"""


def test_a_mixed_folder_reads_text_pages_warc_records_and_feed_items_in_order(tmp_path: Path):
    (tmp_path / "a-note.txt").write_text("Editor's note: the talks go on.\n", "utf-8")
    (tmp_path / "b-story.html").write_bytes(news_page(0)[1])
    offsets = _crawl(tmp_path / "c-crawl.warc.gz", [news_page(1)[1], news_page(2)[1]])
    (tmp_path / "d-meridian.rss").write_text(_RSS, "utf-8")
    (tmp_path / "e-wire.atom").write_text(_ATOM, "utf-8")
    (tmp_path / "f-sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset><url><loc>https://x/</loc></url></urlset>', "utf-8"
    )
    corpus = load_corpus(tmp_path)
    assert list(corpus["doc_id"]) == [
        "a-note.txt",
        "b-story.html",
        "c-crawl.warc.gz#3",  # records: 1 warcinfo, 2 request, 3 response; the 404 and the image are 5 and 7
        "c-crawl.warc.gz#9",
        "d-meridian.rss#1",
        "d-meridian.rss#2",
        "e-wire.atom#1",
    ]
    rows = corpus.set_index("doc_id")
    # the page names its canonical address (news_page(1) is a Caspian Wire page); else where it was fetched
    assert rows.loc["c-crawl.warc.gz#3", "url"] == "https://caspian-wire.example/news/1"
    assert rows.loc["c-crawl.warc.gz#3", "source_type"] == "warc"
    assert rows.loc["c-crawl.warc.gz#9", "site"] == "Daily Meridian"
    item = rows.loc["d-meridian.rss#1"]
    assert item["text"] == "Ministers met again in Baku on Tuesday.\nNo statement followed."
    assert (item["title"], item["author"], item["date"], item["month"]) == (
        "Talks in Baku resume",
        "Anna Kovacs",
        "2024-03-05",
        "2024-03",
    )
    assert (item["site"], item["url"], item["source_type"]) == ("Daily Meridian", "https://meridian.example/a", "rss")
    assert rows.loc["d-meridian.rss#2", "text"] == "Gas prices fell for a third week in April."
    atom = rows.loc["e-wire.atom#1"]
    assert (atom["date"], atom["site"], atom["source_type"]) == ("2024-05-02", "Caspian Wire", "atom")  # 06:00 UTC
    assert pd_isna(rows.loc["a-note.txt", "site"])
    assert corpus.attrs["load_report"].n_documents == len(corpus)
    entries = _entries(corpus)
    reasons = {(p, s): r for p, s, r in entries}
    assert reasons[("c-crawl.warc.gz", "note")].startswith("9 records: 2 HTML pages read; skipped: 1 HTTP status 404")
    # The record's HTTP header names the charset: it wins over the page's own <meta charset>.
    assert "; encoding utf-8 (HTTP header)" in reasons[("c-crawl.warc.gz#3", "read")]
    assert "; encoding utf-8 (meta charset)" in reasons[("b-story.html", "read")]
    assert reasons[("d-meridian.rss#2", "read")].endswith("the item has no full text: its summary was read")
    assert ("d-meridian.rss", "skipped") in reasons  # item 3 has no text
    assert reasons[("f-sitemap.xml", "skipped")] == "not an RSS or Atom feed (an XML file of another kind)"
    assert offsets[0] == 0


def test_a_truncated_warc_gives_its_valid_records_and_an_entry_with_the_byte_offset(tmp_path: Path):
    offsets = _crawl(tmp_path / "crawl.warc.gz", [news_page(1)[1], news_page(2)[1]], cut=True)
    corpus = load_corpus(tmp_path)
    assert list(corpus["doc_id"]) == ["crawl.warc.gz#3"]
    skipped = [(p, r) for p, s, r in _entries(corpus) if s == "skipped"]
    assert len(skipped) == 1
    path, reason = skipped[0]
    assert path == "crawl.warc.gz"
    assert f"{offsets[-1]:,}" in reason or str(offsets[-1]) in reason
    with pytest.raises(CorpusError, match=r"strict mode: crawl\.warc\.gz: "):
        load_corpus(tmp_path, strict=True)


def test_a_feed_with_broken_xml_keeps_what_it_can_and_says_where_it_broke(tmp_path: Path):
    broken = _RSS.replace("</item>\n<item><title>Gas prices fall", "</itm>\n<item><title>Gas prices fall")
    (tmp_path / "broken.rss").write_text(broken, "utf-8")
    corpus = load_corpus(tmp_path)
    assert "broken.rss#1" in list(corpus["doc_id"])
    problems = [r for p, s, r in _entries(corpus) if (p, s) == ("broken.rss", "skipped")]
    assert any("broken XML at line 7: mismatched tag" in r for r in problems), problems


def pd_isna(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def test_info_and_freq_on_a_mixed_folder_from_the_command_line(tmp_path: Path):
    from conftest import run_cli

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a-note.txt").write_text("Editor's note: the pipeline talks go on in Baku.\n", "utf-8")
    for n in range(3):
        (folder / f"page-{n}.html").write_bytes(news_page(n)[1])
    _crawl(folder / "crawl.warc.gz", [news_page(3)[1]])
    (folder / "meridian.rss").write_text(_RSS, "utf-8")
    info = run_cli("info", str(folder))
    assert info.returncode == 0, info.stderr
    assert "documents: 7" in info.stdout
    assert "fields:    title, author, date, year, month, site, url, crawled, source_type" in info.stdout
    assert "read     crawl.warc.gz#3  (warc page: " in info.stdout
    assert "note     crawl.warc.gz  (7 records: 1 HTML page read; skipped: 1 HTTP status 404" in info.stdout
    freq = run_cli("freq", str(folder), "--by", "site", "--format", "csv", "--n", "0", "--tokenizer", "regexp")
    assert freq.returncode == 0, freq.stderr
    import io

    import pandas as pd

    table = pd.read_csv(io.StringIO(freq.stdout), keep_default_na=False)
    assert list(table.columns[:3]) == ["site", "term", "n"]
    sites = set(table["site"])
    assert {"The Northern Courier", "Caspian Wire", "Daily Meridian", "(missing)"} <= sites
    # The share counters, the cookie banner and the menus are not counted; the articles' words are.
    for furniture in ("cookies", "shares", "subscribe", "facebook"):
        assert furniture not in set(table["term"]), furniture
    baku = table[(table["term"] == "baku") & (table["site"] == "The Northern Courier")]
    assert baku["n"].iloc[0] >= 1
    # --strict stops at the first page that could not be read, naming it.
    strict = run_cli("info", str(folder), "--strict")
    assert strict.returncode == 1
    assert "1 file skipped (rss problem: 1); --strict: meridian.rss: rss problem: item 3 (" in strict.stderr


SITE = Path(__file__).parents[1] / "fixtures" / "pages" / "site"


def test_comments_tables_and_favour_are_chosen_on_the_command_line(tmp_path: Path):
    import shutil

    from conftest import run_cli

    shutil.copy(SITE / "courier-baku-talks.html", tmp_path / "courier.html")

    def terms(*flags: str) -> set[str]:
        result = run_cli("freq", str(tmp_path), "--format", "csv", "--n", "0", "--no-cache", *flags)
        assert result.returncode == 0, result.stderr
        return {line.split(",")[0] for line in result.stdout.splitlines()[1:]}

    default = terms()
    assert "turkey" in default  # only in the article's table
    assert "gaswatcher" not in default  # only in the readers' comments
    assert "gaswatcher" in terms("--comments")
    assert "turkey" not in terms("--no-tables")
    assert terms("--favor", "recall") >= default - {"turkey"}
    bad = run_cli("freq", str(tmp_path), "--favor", "fast")
    assert bad.returncode == 2 and "invalid choice: 'fast'" in bad.stderr


def test_the_extraction_parameter_reaches_a_report(tmp_path: Path):
    import shutil

    import pandas as pd

    from conftest import run_cli

    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(SITE / "courier-baku-talks.html", folder / "courier.html")
    tokens = {}
    for extraction in ("", "comments"):
        out = tmp_path / f"out-{extraction or 'default'}"
        result = run_cli(
            "report", "overview", "--corpus", str(folder), "-p", "extraction", extraction, "--out", str(out)
        )
        assert result.returncode == 0, result.stderr
        documents = pd.read_csv(next(out.glob("01_overview/*/tables/documents.csv")))
        tokens[extraction] = documents["tokens"].item()
    assert tokens["comments"] > tokens[""] + 30  # the two comments, about 40 words


def test_cleaning_after_extraction_says_which_lines_trafilatura_kept(tmp_path: Path):
    import shutil

    from toolkit.corpus.cleaning import clean_audit

    shutil.copy(SITE / "courier-baku-talks.html", tmp_path / "courier.html")
    (tmp_path / "scraped.txt").write_text("Talks in Baku\nADVERTISEMENT\nThe talks went on.\n", "utf-8")
    audit = clean_audit(load_corpus(tmp_path))
    assert audit.to_dict("records") == [
        {
            "doc_id": "courier.html",
            "line": 4,  # the headline, two paragraphs, then the ad slot
            "rule": "advertisement",
            "text": "ADVERTISEMENT",
            "kept_by": "trafilatura",
        },
        {"doc_id": "scraped.txt", "line": 2, "rule": "advertisement", "text": "ADVERTISEMENT", "kept_by": ""},
    ]


def test_precision_finding_nothing_falls_back_to_recall_and_says_so(tmp_path: Path):
    # A theme that sets the story in an <aside>: precision mode drops asides, recall keeps them.
    story = "".join(
        f"<p>Ministers from four countries met in Baku on Tuesday to discuss pipeline {n} and its cost.</p>"
        for n in range(3)
    )
    (tmp_path / "aside.html").write_text(
        f"<html><head><title>Talks</title></head><body><aside>{story}</aside></body></html>"
    )
    corpus = load_corpus(tmp_path)
    assert corpus.loc[0, "text"].startswith("Ministers from four countries met in Baku")
    reason = _entries(corpus)[0][2]
    assert reason.endswith("precision mode found no main text; recall mode's text was taken")


def test_loading_pages_touches_neither_the_network_nor_the_files(tmp_path: Path):
    import hashlib
    import subprocess
    import sys

    (tmp_path / "story.html").write_bytes(news_page(0)[1])
    _crawl(tmp_path / "crawl.warc.gz", [news_page(1)[1]])
    (tmp_path / "feed.rss").write_text(_RSS, "utf-8")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    code = (
        "import socket, sys\n"
        "def refuse(*args, **kwargs):\n"
        "    raise OSError('network used')\n"
        "socket.socket.connect = socket.socket.connect_ex = refuse\n"
        "socket.getaddrinfo = socket.create_connection = refuse\n"
        "from toolkit import load_corpus\n"
        "corpus = load_corpus(sys.argv[1], jobs=1, cache=False)\n"
        "print(len(corpus))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True)
    assert (result.stdout, result.stderr) == ("4\n", "")
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()} == before


def test_a_single_crawl_or_feed_is_a_source_of_its_own(tmp_path: Path):
    _crawl(tmp_path / "crawl.warc.gz", [news_page(1)[1], news_page(2)[1]])
    (tmp_path / "meridian.rss").write_text(_RSS, "utf-8")
    crawl = load_corpus(tmp_path / "crawl.warc.gz")
    assert list(crawl["doc_id"]) == ["crawl.warc.gz#3", "crawl.warc.gz#9"]
    feed = load_corpus(tmp_path / "meridian.rss")
    assert list(feed["doc_id"]) == ["meridian.rss#1", "meridian.rss#2"]
    assert feed.attrs["load_report"].summary().startswith(f"{tmp_path / 'meridian.rss'}: 2 documents read")
