"""toolkit.corpus.pages: a page's encoding found as a browser finds it, and trafilatura's text and fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.corpus.pages import Page, PageOptions, extract_page

SITE = Path(__file__).parents[1] / "fixtures" / "pages" / "site"
COURIER = (SITE / "courier-baku-talks.html").read_bytes()


def test_the_article_comes_without_navigation_banner_related_links_comments_or_footer():
    page = extract_page(COURIER)
    assert page.skipped == ""
    assert page.text.startswith("Pipeline talks in Baku end without a deal\nEnergy ministers from four countries")
    assert page.text.endswith("The ministers plan to meet again in May.")
    for boilerplate in ("We use cookies", "Subscribe", "Related stories", "GasWatcher", "Leave a comment", "©"):
        assert boilerplate not in page.text
    # trafilatura keeps an ad label inside the article body: the toolkit's cleaning rules remove it later.
    assert "ADVERTISEMENT" in page.text.splitlines()
    assert page.fields == {
        "title": "Pipeline talks in Baku end without a deal",
        "author": "Anna Kovacs",
        "date": "2024-03-05",
        "site": "The Northern Courier",
        "url": "https://northern-courier.example/world/2024/03/05/baku-pipeline-talks",
        "year": "2024",
        "month": "2024-03",
    }
    assert (page.encoding, page.encoding_source) == ("utf-8", "meta charset")


def test_comments_and_tables_are_the_users_choice():
    default = extract_page(COURIER)
    assert "| Azerbaijan | 40% |" in default.text
    with_comments = extract_page(COURIER, PageOptions(comments=True))
    assert with_comments.text.startswith(default.text)
    assert "Another summit, another delay." in with_comments.text
    no_tables = extract_page(COURIER, PageOptions(tables=False))
    assert "Azerbaijan | 40%" not in no_tables.text
    assert "Analysts said the failure to agree" in no_tables.text


def test_a_page_with_no_article_is_skipped_with_the_reason():
    listing = b"""<html><head><meta charset="utf-8"><title>World | The Courier</title></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
    <ul><li><a href="/a">Talks in Baku end without a deal</a></li><li><a href="/b">Gas prices fall</a></li></ul>
    <footer>&copy; 2024 The Courier</footer></body></html>"""
    page = extract_page(listing)
    assert page.text == ""
    assert page.skipped == "no article text found (no line of 10 words or more, in precision or recall mode)"
    assert page.fields.get("title") == "World"  # trafilatura takes the site name off a title


def test_a_feed_items_html_keeps_all_its_text_however_short():
    page = extract_page(
        b"<p>Ministers met in <b>Baku</b>.</p><p>No deal.</p>", fragment=True, url="https://x.example/a"
    )
    assert page.text == "Ministers met in Baku.\nNo deal."
    assert page.fields == {"site": "x.example", "url": "https://x.example/a"}  # the host, when no site is named


def test_options_read_from_words_and_refuse_unknown_ones():
    assert PageOptions.parse("") == PageOptions()
    assert PageOptions.parse("recall,comments,no-tables") == PageOptions("recall", True, False)
    assert PageOptions.parse(" Balanced ") == PageOptions("balanced")
    with pytest.raises(ValueError, match="unknown extraction option 'precise'"):
        PageOptions.parse("precise")
    with pytest.raises(ValueError, match="favor must be one of"):
        PageOptions(favor="fast")


def test_a_page_goes_to_json_and_back_unchanged():
    page = extract_page(COURIER)
    assert Page.from_json(page.to_json()) == page


def test_pages_in_scripts_without_spaces_are_articles_and_their_menus_are_not():
    # Found by looking: a Chinese article was skipped as "no article", its sentences being one "word" to split().
    story = "四国能源部长周二离开巴库，经过两天被官员称为决定性的会谈后，仍未就新天然气管道的路线达成一致。"
    head = "<html><head><meta charset='utf-8'><title>巴库会谈</title></head>"
    chinese = (
        f"{head}<body><nav><a href='/'>首页</a></nav><article><p>{story}</p><p>{story}</p></article></body></html>"
    )
    page = extract_page(chinese.encode("utf-8"))
    assert (page.skipped, page.text.splitlines()[-1]) == ("", story)
    sentence = "四か国のエネルギー相は火曜日、新しいガスパイプラインの経路で合意できないままバクーを後にした。"
    body = f"<body><article><p>{sentence}</p><p>{sentence}</p></article></body>"
    page = extract_page(f"<html><head><meta charset='shift_jis'></head>{body}</html>".encode("shift_jis"))
    assert (page.skipped, page.encoding, page.encoding_source) == ("", "shift_jis", "meta charset")
    assert sentence in page.text
    links = "<a href='/'>首页</a> <a href='/w'>国际</a> <a href='/e'>经济</a>"
    menu = f"<html><body><nav>{links}</nav><ul><li><a href='/1'>巴库会谈无果而终</a></li></ul></body></html>"
    assert extract_page(menu.encode("utf-8")).skipped.startswith("no article text found")


def test_a_page_without_a_date_has_none_not_the_year_of_its_copyright_line():
    # Found by looking: htmldate's extensive search dated every undated page 1 January of its "© 2024" year,
    # which put them all in January on a trend by month.
    undated = COURIER.replace(b'<meta property="article:published_time" content="2024-03-05T09:30:00+00:00">', b"")
    undated = undated.replace(b"</footer>", b"<p>&copy; 2019 The Northern Courier</p></footer>")
    undated = undated.replace(b"/world/2024/03/05/baku-pipeline-talks", b"/world/baku-pipeline-talks")
    page = extract_page(undated)
    assert "date" not in page.fields and "month" not in page.fields
    # A date the page gives in its markup is found; so is one its address holds.
    dateline = undated.replace(b"<h1>", b"<time datetime='2021-03-03T10:00'>3 March 2021</time><h1>")
    assert extract_page(dateline).fields["date"] == "2021-03-03"
    moved = undated.replace(b"/world/baku-pipeline-talks", b"/world/2022/11/30/baku-pipeline-talks")
    assert extract_page(moved).fields["month"] == "2022-11"
