"""Feeds as real bytes: RSS 2.0, Atom, RSS 1.0, a windows-1251 feed, broken XML, items without text, non-feeds."""

from __future__ import annotations

import codecs

import pytest

from toolkit.corpus.feeds import Feed, FeedItem, is_feed, read_feed
from toolkit.corpus.pages import FEED_SUFFIXES

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Daily Example</title>
  <link>https://daily.example/</link>
  <item>
    <title>Budget passes</title>
    <dc:creator>Ana Lima</dc:creator>
    <link>https://daily.example/budget</link>
    <pubDate>Tue, 05 Mar 2024 13:00:00 +0300</pubDate>
    <description>Short teaser</description>
    <content:encoded><![CDATA[<p>The budget <b>passed</b> today.</p>]]></content:encoded>
  </item>
  <item>
    <title>Weather</title>
    <link>https://daily.example/weather</link>
    <pubDate>Wed, 06 Mar 2024 08:30:00 GMT</pubDate>
    <description>&lt;p&gt;Rain &amp;amp; wind.&lt;/p&gt;</description>
  </item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<!-- generated -->
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Outlet</title>
  <link href="https://atom.example/"/>
  <entry>
    <title>First</title>
    <author><name>Bo Chen</name></author>
    <link href="https://atom.example/1"/>
    <published>2024-03-04T23:30:00-02:00</published>
    <updated>2024-03-06T00:00:00Z</updated>
    <summary>teaser</summary>
    <content type="html">&lt;p&gt;Full text&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Second</title>
    <updated>2024-03-05T10:00:00+01:00</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Inline <em>XHTML</em></p></div></content>
  </entry>
  <entry>
    <title>Third</title>
    <updated>not a date</updated>
    <summary>Only a summary</summary>
  </entry>
</feed>
"""

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example/">
    <title>RDF Outlet</title>
    <link>https://rdf.example/</link>
  </channel>
  <item rdf:about="https://rdf.example/1">
    <title>One</title>
    <link>https://rdf.example/1</link>
    <description>Described</description>
    <dc:date>2024-03-05T12:00:00+02:00</dc:date>
    <dc:creator>Cy</dc:creator>
  </item>
</rdf:RDF>
"""

CYRILLIC = """<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Новости дня</title>
<link>https://novosti.example/</link>
<item>
<title>Бюджет принят</title>
<author>ivan@novosti.example (Иван Петров)</author>
<pubDate>Tue, 05 Mar 2024 13:00:00 +0300</pubDate>
<content:encoded><![CDATA[<p>Депутаты приняли бюджет. Ёлка, щука, «кавычки».</p>]]></content:encoded>
</item>
</channel>
</rss>
"""

BROKEN = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
<title>Broken Times</title>
<item><title>One</title><description>first</description></item>
<item><title>Two</title><description>second</description></item>
<item><title>Three</title><description>third <b>unclosed</description></item>
<item><title>Four</title><description>fourth</description></item>
</channel>
</rss>
"""


def test_rss2_content_encoded_and_description():
    feed = read_feed(RSS2)
    assert (feed.kind, feed.title, feed.link, feed.problems) == (
        "rss",
        "The Daily Example",
        "https://daily.example/",
        (),
    )
    assert feed.items == (
        FeedItem(
            number=1,
            title="Budget passes",
            author="Ana Lima",
            date="2024-03-05T10:00:00+00:00",
            link="https://daily.example/budget",
            html="<p>The budget <b>passed</b> today.</p>",
            from_summary=False,
        ),
        FeedItem(
            number=2,
            title="Weather",
            author="",
            date="2024-03-06T08:30:00+00:00",
            link="https://daily.example/weather",
            html="<p>Rain &amp; wind.</p>",
            from_summary=True,
        ),
    )


def test_atom_content_summary_and_dates_in_utc():
    feed = read_feed(ATOM)
    assert (feed.kind, feed.title, feed.link, feed.problems) == ("atom", "Atom Outlet", "https://atom.example/", ())
    first, second, third = feed.items
    # published wins over updated, and is converted to UTC (23:30 at -02:00 is 01:30 next day).
    assert (first.author, first.link, first.date) == ("Bo Chen", "https://atom.example/1", "2024-03-05T01:30:00+00:00")
    assert (first.html, first.from_summary) == ("<p>Full text</p>", False)
    assert (second.date, second.html, second.from_summary) == (
        "2024-03-05T09:00:00+00:00",
        "<p>Inline <em>XHTML</em></p>",
        False,
    )
    assert (third.date, third.html, third.from_summary) == ("", "Only a summary", True)


def test_rss1_rdf():
    feed = read_feed(RSS1)
    assert (feed.kind, feed.title, feed.link, feed.problems) == ("rss", "RDF Outlet", "https://rdf.example/", ())
    assert feed.items == (
        FeedItem(1, "One", "Cy", "2024-03-05T10:00:00+00:00", "https://rdf.example/1", "Described", True),
    )


def test_windows_1251_feed_is_decoded_from_its_declaration():
    feed = read_feed(CYRILLIC.encode("windows-1251"))
    assert feed.problems == ()
    assert feed.title == "Новости дня"
    (item,) = feed.items
    assert item.title == "Бюджет принят"
    assert "Иван Петров" in item.author
    assert item.html == "<p>Депутаты приняли бюджет. Ёлка, щука, «кавычки».</p>"
    assert item.date == "2024-03-05T10:00:00+00:00"


def test_wrong_encoding_declaration_is_a_problem():
    data = CYRILLIC.replace("windows-1251", "utf-8").encode("windows-1251")
    feed = read_feed(data)
    assert feed.kind == "rss"
    assert feed.problems == (
        "wrong encoding: document declared as utf-8, but parsed as windows-1252; the text may be garbled",
    )


def test_broken_xml_keeps_the_items_and_names_the_line():
    feed = read_feed(BROKEN)
    assert feed.kind == "rss"
    assert feed.title == "Broken Times"
    assert [item.title for item in feed.items][:2] == ["One", "Two"]
    assert [item.html for item in feed.items][:2] == ["first", "second"]
    (problem,) = feed.problems
    assert problem.startswith("broken XML at line 7: mismatched tag; ")
    assert problem.endswith(f"{len(feed.items)} items read by the lenient parser")


def test_feed_cut_in_the_middle():
    data = BROKEN.replace(b"<b>unclosed", b"")
    cut = data[: data.index(b"<item><title>Three</title>") + len(b"<item><title>Three</title><descr")]
    feed = read_feed(cut)
    assert [item.title for item in feed.items] == ["One", "Two"]
    assert feed.problems[0].startswith("broken XML at line 7: ")
    assert feed.problems[1:] == ('item 3 ("Three") has no content or summary; not read',)


def test_items_without_content_or_summary_are_problems_by_number():
    data = RSS2.replace(
        b"<channel>", b"<channel><item><title>Gallery</title><link>https://daily.example/g</link></item>"
    )
    data = data.replace(b"</channel>", b"<item><description>  </description></item></channel>")
    feed = read_feed(data)
    assert [item.number for item in feed.items] == [2, 3]
    assert feed.problems == (
        'item 1 ("Gallery") has no content or summary; not read',
        "item 4 has no content or summary; not read",
    )


def test_feed_without_items():
    feed = read_feed(b'<rss version="2.0"><channel><title>Quiet</title><link>https://q.example/</link></channel></rss>')
    assert feed == Feed("rss", "Quiet", "https://q.example/", (), ("the feed has no items",))


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (
            b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<url><loc>https://x.example/</loc></url></urlset>",
            "not an RSS or Atom feed: the root element is <urlset>",
        ),
        (b"", "not an RSS or Atom feed: the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not an RSS or Atom feed: no root element in the first 4096 bytes"),
        (b"<html><body><p>Hi</p></body></html>", "not an RSS or Atom feed: the root element is <html>"),
    ],
)
def test_not_a_feed(data: bytes, problem: str):
    assert not is_feed(data)
    feed = read_feed(data)
    assert (feed.kind, feed.items) == ("", ())
    assert feed.problems[0] == problem


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (RSS2, True),
        (ATOM, True),
        (RSS1, True),
        (CYRILLIC.encode("windows-1251"), True),
        (codecs.BOM_UTF8 + RSS2, True),
        ('<?xml version="1.0" encoding="utf-16"?><rss version="2.0"/>'.encode("utf-16"), True),
        ("<rss version='2.0'/>".encode("utf-16-le"), True),
        (b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" [<!ENTITY x "y">]><rss/>', True),
        (
            b'<?xml-stylesheet href="feed.xsl"?><!-- a\n long\n comment --><a:feed xmlns:a="http://www.w3.org/2005/Atom"/>',
            True,
        ),
        (b'<feed xmlns="http://purl.org/atom/ns#" version="0.3"/>', True),
        (b"<feed><entry/></feed>", False),  # no Atom namespace
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description/></rdf:RDF>', False),
        (b"<!-- " + b"x" * 5000 + b" --><rss/>", False),  # the root lies past the sniffed bytes
        (b"plain text, not XML", False),
    ],
)
def test_is_feed(data: bytes, expected: bool):
    assert is_feed(data) is expected


def test_utf16_feed_is_read():
    data = '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>Ünï</title>'
    data += "<item><description>текст</description></item></channel></rss>"
    feed = read_feed(data.encode("utf-16"))
    assert (feed.kind, feed.title, [item.html for item in feed.items], feed.problems) == ("rss", "Ünï", ["текст"], ())


def test_feed_suffixes():
    assert FEED_SUFFIXES == (".rss", ".atom", ".xml")
