"""benchmarks/bench_pages.py: the benchmark's pages are realistic news pages whose articles come back out."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from toolkit import load_corpus
from toolkit.paths import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))  # the script imports its sibling newscorpus by name

import bench_pages


@pytest.mark.filterwarnings("ignore:NLTK data not found")  # without it, the articles come from corpus/ only
def test_the_pages_carry_a_pages_furniture_and_give_back_their_articles(tmp_path: Path):
    count, size, words = bench_pages.build_pages(tmp_path / "pages", 8, tmp_path)
    assert count == 8 and words > 8 * 100
    assert 40_000 < size / count < 200_000  # tens of kilobytes a page, as news sites' article pages are
    page = (tmp_path / "pages" / "00000.html").read_text("utf-8")
    for furniture in ("cookie-banner", "Shares", "ADVERTISEMENT", "Related stories", "Leave a Reply", "__NEXT_DATA__"):
        assert furniture in page, furniture
    corpus = load_corpus(tmp_path / "pages", cache=False)
    assert len(corpus) == 8
    assert set(corpus["site"]) == {outlet for outlet, _, _ in bench_pages._OUTLETS}
    for text in corpus["text"]:
        assert "Shares" not in text and "We use cookies" not in text and "Leave a Reply" not in text
    # No two pages share their text: the articles are the news corpus's, no two alike.
    assert corpus["text"].nunique() == 8
