"""toolkit.corpus.charsets: a page's encoding found as a browser finds it, and said."""

from __future__ import annotations

import codecs
from pathlib import Path

from toolkit.corpus.charsets import decode_page, looks_like_html

COURIER = (Path(__file__).parents[1] / "fixtures" / "pages" / "site" / "courier-baku-talks.html").read_bytes()


def test_the_encoding_comes_from_the_bom_then_the_header_then_the_meta_tag():
    page = '<meta charset="windows-1251"><p>Переговоры в Баку</p>'
    # A BOM wins over everything (the HTML standard's order): the meta tag is wrong here.
    decoded = decode_page(codecs.BOM_UTF8 + page.encode("utf-8"), header_charset="iso-8859-2")
    assert (decoded.encoding, decoded.source) == ("utf-8", "BOM")
    assert "Переговоры" in decoded.text
    # The HTTP header (a WARC record's) wins over the meta tag.
    decoded = decode_page(page.encode("koi8-r"), header_charset="KOI8-R")
    assert (decoded.encoding, decoded.source, "Переговоры" in decoded.text) == ("koi8-r", "HTTP header", True)
    # Else the meta tag: a legacy Russian page reads right.
    decoded = decode_page(page.encode("cp1251"))
    assert (decoded.encoding, decoded.source, "Переговоры в Баку" in decoded.text) == ("cp1251", "meta charset", True)
    # The older http-equiv form too.
    legacy = b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>\x93caf\xe9\x94</p>'
    decoded = decode_page(legacy)
    # Browsers read "iso-8859-1" as windows-1252, whose 0x93/0x94 are curly quotes (WHATWG Encoding Standard).
    assert (decoded.encoding, decoded.source) == ("cp1252", "meta charset")
    assert "\u201ccafé\u201d" in decoded.text


def test_a_page_that_declares_nothing_is_utf8_when_valid_else_the_fallback_named_with_its_byte():
    assert decode_page("<p>café</p>".encode()).source == "valid UTF-8"
    decoded = decode_page(b"<p>Talks</p><p>caf\xe9</p>", fallback="cp1252")
    assert decoded.text == "<p>Talks</p><p>café</p>"
    assert decoded.source == "fallback: no charset declared; not utf-8 at byte 18; decoded as cp1252"


def test_bytes_the_declared_encoding_cannot_decode_are_counted_with_the_first_offset():
    decoded = decode_page(b'<meta charset="utf-8"><p>caf\xe9 and na\xefve</p>')
    assert decoded.text.count("\ufffd") == 2
    assert decoded.notes == ("not valid utf-8 from byte 28 (2 undecodable bytes shown as \ufffd)",)


def test_an_unknown_charset_label_is_said_and_ignored():
    decoded = decode_page(b'<meta charset="klingon-8"><p>Talks</p>')
    assert decoded.source == "valid UTF-8"
    assert decoded.notes == ("<meta charset> names an unknown charset 'klingon-8'; ignored",)


def test_looks_like_html_tells_pages_from_other_files_named_html():
    assert looks_like_html(COURIER)
    assert not looks_like_html(b'{"articles": [{"title": "Talks in Baku"}]}')
    assert not looks_like_html(b"Talks in Baku ended without a deal. <3 to all readers")
