"""WARC files written with warcio, read back: pages, numbers, offsets, skipped kinds, cut and damaged files."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from toolkit.corpus.warc import WarcPage, WarcProblem, WarcReader, WarcSummary, iter_warc

HOME = "<html><head><title>Новости</title></head><body><p>Привет, мир</p></body></html>"
ARTICLE = "<!DOCTYPE html><html><body><p>Статья в windows-1251</p></body></html>"


def _http(status: str, *headers: tuple[str, str]) -> StatusAndHeaders:
    return StatusAndHeaders(status, list(headers), protocol="HTTP/1.1")


def _chunked(data: bytes, size: int = 20) -> bytes:
    pieces = [b"%x\r\n%s\r\n" % (len(data[i : i + size]), data[i : i + size]) for i in range(0, len(data), size)]
    return b"".join(pieces) + b"0\r\n\r\n"


def _write(path: Path, *, compress: bool) -> Path:
    """Write the eleven-record crawl every test reads: four pages among them (records 3, 7, 8, 9)."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)

        def response(url: str, http: StatusAndHeaders, body: bytes) -> None:
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
            writer.write_record(record)

        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))  # 1
        request = StatusAndHeaders("GET /news HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/news", "request", payload=io.BytesIO(b""), http_headers=request
            )
        )  # 2
        response(
            "https://example.org/news",
            _http("200 OK", ("Content-Type", 'text/html; charset="UTF-8"')),
            HOME.encode("utf-8"),
        )  # 3
        response("https://example.org/gone", _http("404 Not Found", ("Content-Type", "text/html")), b"<p>gone</p>")  # 4
        response(
            "https://example.org/logo.png", _http("200 OK", ("Content-Type", "image/png")), b"\x89PNG\r\n\x1a\n"
        )  # 5
        writer.write_record(
            writer.create_revisit_record(
                "https://example.org/news", "sha1:AAAA", "https://example.org/news", "2024-03-05T10:00:00Z"
            )
        )  # 6
        response(
            "https://example.org/article",
            _http(
                "200 OK",
                ("Content-Type", "text/html; charset=Windows-1251"),
                ("Content-Encoding", "gzip"),
                ("Transfer-Encoding", "chunked"),
            ),
            _chunked(gzip.compress(ARTICLE.encode("cp1251"))),
        )  # 7
        resource = writer.create_warc_record(
            "https://example.org/stored",
            "resource",
            payload=io.BytesIO(b"<html><p>stored</p></html>"),
            warc_content_type="text/html; charset=utf-8",
        )
        writer.write_record(resource)  # 8
        response("https://example.org/untyped", _http("200 OK"), b"\n  <!doctype html><html><p>untyped</p></html>")  # 9
        response("https://example.org/data", _http("200 OK"), b'{"json": true}')  # 10
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/news",
                "metadata",
                payload=io.BytesIO(b"outlinks: none"),
                warc_content_type="application/warc-fields",
            )
        )  # 11
    return path


@pytest.fixture(params=[True, False], ids=["warc.gz", "warc"])
def crawl(request, tmp_path: Path) -> Path:
    return _write(tmp_path / ("crawl.warc.gz" if request.param else "crawl.warc"), compress=request.param)


def _offsets(path: Path) -> list[int]:
    """Every record's offset as warcio's indexer gives it (get_record_offset after reading the record)."""
    with path.open("rb") as fh:
        records = ArchiveIterator(fh)
        return [records.get_record_offset() for _ in records]


def test_pages_numbers_charsets_and_decoded_bodies(crawl: Path):
    reader = WarcReader(crawl)
    items = list(reader)
    assert all(isinstance(item, WarcPage) for item in items)
    assert [(page.number, page.url, page.charset) for page in items] == [
        (3, "https://example.org/news", "utf-8"),
        (7, "https://example.org/article", "windows-1251"),
        (8, "https://example.org/stored", "utf-8"),
        (9, "https://example.org/untyped", None),
    ]
    news, article, stored, untyped = items
    assert news.payload.decode(news.charset) == HOME
    # Chunked transfer and gzip content encoding are undone; the bytes stay in the page's own charset.
    assert article.payload == ARTICLE.encode("cp1251")
    assert article.payload.decode(article.charset) == ARTICLE
    assert stored.payload == b"<html><p>stored</p></html>"
    assert untyped.payload.startswith(b"\n  <!doctype html>")
    assert not any(page.truncated for page in items)
    assert all(page.date.endswith("Z") and "T" in page.date for page in items)


def test_offsets_lead_back_to_the_same_record(crawl: Path):
    pages = list(iter_warc(crawl))
    offsets = _offsets(crawl)
    assert len(offsets) == 11
    with crawl.open("rb") as fh:
        for page in pages:
            assert page.offset == offsets[page.number - 1]
            fh.seek(page.offset)
            record = next(iter(ArchiveIterator(fh)))
            assert record.rec_headers.get_header("WARC-Target-URI") == page.url
            assert record.rec_headers.get_header("WARC-Date") == page.date


def test_summary_counts_every_record_and_describes_them(crawl: Path):
    reader = WarcReader(crawl)
    assert reader.summary is None
    list(reader)
    assert reader.summary == WarcSummary(
        records=11,
        pages=4,
        skipped={
            "HTTP status 404": 1,
            "metadata record": 1,
            "non-HTML response (image/png)": 1,
            "non-HTML response (no Content-Type)": 1,
            "request record": 1,
            "revisit record": 1,
            "warcinfo record": 1,
        },
    )
    assert reader.summary.records == reader.summary.pages + sum(reader.summary.skipped.values())
    assert reader.summary.describe() == (
        "11 records: 4 HTML pages read; skipped: 1 HTTP status 404, 1 metadata record, "
        "1 non-HTML response (image/png), 1 non-HTML response (no Content-Type), 1 request record, "
        "1 revisit record, 1 warcinfo record"
    )


def test_describe_puts_kinds_in_the_plural():
    summary = WarcSummary(16, 2, {"request record": 10, "non-HTML response (image/png)": 3, "HTTP status 404": 1})
    assert summary.describe() == (
        "16 records: 2 HTML pages read; skipped: 1 HTTP status 404, 3 non-HTML responses (image/png), "
        "10 request records"
    )


def test_gzip_cut_in_the_third_record(tmp_path: Path):
    whole = _write(tmp_path / "whole.warc.gz", compress=True)
    offsets = _offsets(whole)
    data = whole.read_bytes()
    for cut_at in (offsets[2] + 10, (offsets[2] + offsets[3]) // 2, offsets[3] - 20):
        cut = tmp_path / "cut.warc.gz"
        cut.write_bytes(data[:cut_at])
        reader = WarcReader(cut)
        items = list(reader)
        # Records 1 and 2 (warcinfo, request) were read and skipped; record 3 is where reading failed.
        assert items == [items[-1]]
        problem = items[-1]
        assert isinstance(problem, WarcProblem)
        assert problem.offset == offsets[2]
        assert problem.reason.startswith(f"corrupt or truncated WARC from byte {offsets[2]}: ")
        assert problem.reason.endswith("; the 2 records before it were read")
        assert reader.summary.skipped == {"request record": 1, "warcinfo record": 1}
        assert reader.summary.pages == 0
        assert reader.summary.problems == 1


def test_gzip_cut_in_the_last_member_trailer(tmp_path: Path):
    whole = _write(tmp_path / "whole.warc.gz", compress=True)
    offsets = _offsets(whole)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[: offsets[3] - 5])  # record 3's content is whole; its gzip CRC is not
    page, problem = iter_warc(cut)
    assert (page.number, page.payload.decode("utf-8")) == (3, HOME)
    assert (problem.number, problem.offset) == (3, offsets[2])
    assert problem.reason == f"truncated WARC: the gzip member of the record at byte {offsets[2]} is cut before its end"


def test_uncompressed_record_running_past_the_end(tmp_path: Path):
    whole = _write(tmp_path / "whole.warc", compress=False)
    offsets = _offsets(whole)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole.read_bytes()[: offsets[7] - 30])  # inside record 7's body
    items = list(iter_warc(cut))
    assert [item.number for item in items] == [3, 7]
    assert isinstance(items[0], WarcPage)
    problem = items[-1]
    assert isinstance(problem, WarcProblem)
    assert (problem.number, problem.offset, problem.url) == (7, offsets[6], "https://example.org/article")
    assert "bytes before its Content-Length" in problem.reason
    assert problem.reason.endswith("; the 6 records before it were read")


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_garbage_after_the_records(tmp_path: Path, compress: bool):
    path = _write(tmp_path / ("crawl.warc.gz" if compress else "crawl.warc"), compress=compress)
    size = path.stat().st_size
    with path.open("ab") as out:
        out.write(b"this is not a record\r\n\x00\x01\x02 more junk\n")
    reader = WarcReader(path)
    items = list(reader)
    assert [item.number for item in items] == [3, 7, 8, 9, None]
    problem = items[-1]
    assert isinstance(problem, WarcProblem)
    assert problem.offset == size
    assert problem.reason.startswith(f"corrupt or truncated WARC from byte {size}: ")
    assert problem.reason.endswith("; the 11 records before it were read")
    assert (reader.summary.records, reader.summary.pages, reader.summary.problems) == (11, 4, 1)
    assert reader.summary.describe().endswith("; 1 problem")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<html><body>Hello</body></html>", "not a WARC file: starts with b'<html><body>Hello</body></html>'"),
        (gzip.compress(b"col1,col2\n1,2\n"), "not a WARC file: starts with b'col1,col2\\n1,2\\n'"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "not a WARC file: starts with b'\\x89PNG"),
        (b"", "not a WARC file: the file is empty"),
    ],
)
def test_not_a_warc_file(tmp_path: Path, data: bytes, expected: str):
    path = tmp_path / "page.warc.gz"
    path.write_bytes(data)
    reader = WarcReader(path)
    items = list(reader)
    assert len(items) == 1
    assert isinstance(items[0], WarcProblem)
    assert (items[0].number, items[0].offset) == (None, 0)
    assert items[0].reason.startswith(expected)
    assert reader.summary == WarcSummary(0, 0, {}, problems=1)


def test_missing_file_is_a_problem_not_an_error(tmp_path: Path):
    items = list(iter_warc(tmp_path / "absent.warc"))
    assert len(items) == 1
    assert items[0].offset is None
    assert items[0].reason.startswith("cannot read the file: ")


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_body_over_max_bytes_is_cut(tmp_path: Path, compress: bool):
    path = tmp_path / "big.warc"
    body = b"<html><body>" + b"<p>long</p>" * 20_000 + b"</body></html>"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        http = _http("200 OK", ("Content-Type", "text/html"))
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/big", "response", payload=io.BytesIO(body), http_headers=http
            )
        )
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/small", "response", payload=io.BytesIO(b"<html>small</html>"), http_headers=http
            )
        )
    big, small = iter_warc(path, max_bytes=1000)
    assert (big.truncated, len(big.payload), big.payload) == (True, 1000, body[:1000])
    assert (small.number, small.truncated, small.payload) == (2, False, b"<html>small</html>")
    exact = list(iter_warc(path, max_bytes=len(body)))
    assert (exact[0].truncated, exact[0].payload) == (False, body)


def test_max_bytes_must_be_positive(tmp_path: Path):
    with pytest.raises(ValueError, match="max_bytes must be a positive number of bytes; got 0"):
        WarcReader(tmp_path / "x.warc", max_bytes=0)


def test_abandoned_iteration_still_leaves_a_summary(crawl: Path):
    reader = WarcReader(crawl)
    pages = iter(reader)
    next(pages)
    pages.close()
    assert (reader.summary.records, reader.summary.pages) == (3, 1)


def test_damaged_gzip_member_in_the_middle(tmp_path: Path, capfd: pytest.CaptureFixture[str]):
    path = _write(tmp_path / "crawl.warc.gz", compress=True)
    offsets = _offsets(path)
    data = bytearray(path.read_bytes())
    data[offsets[6] + 40 : offsets[6] + 46] = b"\xff\x00JUNK"  # inside record 7's compressed bytes
    path.write_bytes(bytes(data))
    items = list(iter_warc(path))
    assert [item.number for item in items] == [3, None]
    problem = items[-1]
    assert problem.offset == offsets[6]
    assert problem.reason.startswith(f"corrupt or truncated WARC from byte {offsets[6]}: ArchiveLoadFailed: ")
    assert problem.reason.endswith("; the 6 records before it were read")
    assert problem.reason.isprintable()
    assert capfd.readouterr().err == ""


def test_content_length_too_short_is_reported_and_reading_goes_on(tmp_path: Path, capfd: pytest.CaptureFixture[str]):
    path = _write(tmp_path / "crawl.warc", compress=False)
    offsets = _offsets(path)
    data = path.read_bytes()
    head_end = data.index(b"\r\n\r\n", offsets[2])
    header = data[offsets[2] : head_end]
    length = int(header.split(b"Content-Length: ")[1].split(b"\r\n")[0])
    shorter = header.replace(b"Content-Length: %d" % length, b"Content-Length: %d" % (length - 12))
    path.write_bytes(data[: offsets[2]] + shorter + data[head_end:])
    items = list(iter_warc(path))
    assert [(type(item).__name__, item.number) for item in items] == [
        ("WarcPage", 3),
        ("WarcProblem", 3),
        ("WarcPage", 7),
        ("WarcPage", 8),
        ("WarcPage", 9),
    ]
    page, problem = items[:2]
    assert page.payload == HOME.encode("utf-8")[:-12]
    assert problem.offset == offsets[2]
    assert "not followed by a blank line" in problem.reason
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("char", ["\xad", "\x8b", "\u200b", "\u202e", "\ufffd", "\x00"])
def test_a_reason_quoting_binary_bytes_escapes_every_character_that_is_not_printable(tmp_path: Path, char: str):
    # gzip writes the time into each member, so the bytes warcio quotes from a damaged one differ from run to run:
    # a soft hyphen (U+00AD, not printable) once reached the reason unescaped
    from toolkit.corpus import warc

    said = warc._words(ValueError(f"Invalid WARC record, first line: b'{char}JUNK'"))
    assert said.isprintable() and "\ufffd" not in said and "JUNK" in said
