"""Benchmark web pages in: pages per second cold and warm beside plain trafilatura, and F1 on the gold set.

Run with ``NLTK_DATA=../shared/nltk_data .venv/bin/python benchmarks/bench_pages.py`` (``make bench``).
Everything is timed in one run on this machine, as whole commands (a fresh process each):

- the pages: :func:`newscorpus.build_news` writes scraped-news articles (no two alike, a vocabulary that
  grows as Heaps' law fitted on NLTK's corpora asks), and each becomes a page of one of four outlets'
  templates, with what real pages carry around an article: a head of scripts and styles, menus, a cookie
  banner, share counters, "ADVERTISEMENT" slots, related links, a comment thread and form, a footer, and
  the state a JavaScript front end embeds (the article again, teasers of others): about 100 KB a page, as
  news sites' article pages are. The page count, their size and the article words are printed first;
- the baseline a user without the toolkit would script: read every file and call ``trafilatura.extract``
  (its defaults, comments left out), one page after another in one process;
- ``load_corpus(folder)`` of the toolkit with an empty token cache (cold: extraction in worker processes),
  then again with the cache that run filled (warm);
- then ``benchmarks/pagescore.py``: precision, recall and F1 on the gold set (26 pages written in ten site
  templates, ``tests/fixtures/pages/gold``), as the article-extraction benchmark scores them.

Usage::

    python benchmarks/bench_pages.py [--pages 2000] [--data DIR] [--keep]
"""

from __future__ import annotations

import argparse
import html
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pagescore
from newscorpus import build_news

from toolkit.paths import PROJECT_ROOT

#: The issue's targets (#18): pages per second with an empty cache, and how much faster a warm reload is.
TARGETS = {"cold pages/s": 60.0, "warm/cold": 10.0}

_OUTLETS = (
    ("The Northern Ledger", "northern-ledger.example", "Anna Kovacs"),
    ("Caspian Wire", "caspian-wire.example", "Rustam Aliyev"),
    ("Daily Blare", "dailyblare.example", "Liam Fowler"),
    ("Harbour City Now", "harbourcity.example", "Mei Tanaka"),
)
_FURNITURE = frozenset({"ADVERTISEMENT", "LEAVE A REPLY"})


def _script(rng: random.Random, kb: int) -> str:
    """Write an inline script of about ``kb`` KB, as analytics and ad code fill a page's head."""
    names = ["dataLayer", "gtag", "adSlot", "prebid", "consent", "tracker", "lazyLoad", "viewport"]
    lines = []
    while sum(len(line) for line in lines) < kb * 1024:
        a, b = rng.sample(names, 2)
        lines.append(
            f"window.{a}_{rng.randrange(10**6)} = function(e){{ return {b}.push({{id: {rng.random():.6f}}}); }};"
        )
    return "\n".join(lines)


def _state(title: str, body: list[str], rng: random.Random) -> str:
    """Write the page's state as a JavaScript front end embeds it: the article again, and teasers of others."""
    import json

    teasers = [{"id": rng.randrange(10**8), "headline": b[:90], "summary": b[:240]} for b in body * 3]
    state = {"props": {"article": {"headline": title, "body": body}, "related": teasers, "ads": {"slots": 12}}}
    return html.escape(json.dumps(state), quote=False)


def _page(text: str, n: int, rng: random.Random) -> bytes:
    """Turn one article of the news corpus into a page of one of the outlets' templates."""
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    title, body = blocks[0], [b for b in blocks[1:] if b not in _FURNITURE and len(b.split()) >= 6]
    site, host, author = _OUTLETS[n % len(_OUTLETS)]
    date = f"20{15 + n % 10}-{1 + n % 12:02d}-{1 + n % 28:02d}"
    paragraphs = []
    for i, paragraph in enumerate(body):
        paragraphs.append(f"<p>{html.escape(paragraph)}</p>")
        if i == 2:
            paragraphs.append('<div class="ad-slot"><p>ADVERTISEMENT</p><div id="div-gpt-ad-1"></div></div>')
    menu = "".join(f'<li><a href="/{w}">{w.title()}</a></li>' for w in ("world", "politics", "business", "sport"))
    related = "".join(f'<li><a href="/story/{rng.randrange(10**6)}">{html.escape(b[:60])}</a></li>' for b in body[-3:])
    comments = "".join(
        f'<div class="comment"><p class="author">reader{rng.randrange(999)}</p><p>{html.escape(b[:140])}</p></div>'
        for b in body[:2]
    )
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | {site}</title><meta name="author" content="{author}">
<meta property="og:site_name" content="{site}"><meta property="article:published_time" content="{date}T07:30:00Z">
<link rel="canonical" href="https://{host}/news/{n}"><style>{"body{margin:0} .nav li{display:inline}" * 40}</style>
<script>{_script(rng, 48)}</script></head><body>
<div class="cookie-banner">We use cookies to personalise content and ads. <button>Accept all</button></div>
<header><a class="logo" href="/">{site}</a><nav class="nav"><ul>{menu * 6}</ul></nav></header>
<main><article><h1>{html.escape(title)}</h1><p class="byline">By {author}</p>
<div class="share"><span>{rng.randrange(1, 99)}.{rng.randrange(10)}k Shares</span> <a href="#">Facebook</a>
<a href="#">Twitter</a></div>{"".join(paragraphs)}</article>
<aside><h2>Related stories</h2><ul>{related}</ul></aside>
<section id="comments" class="comments"><h2>Comments</h2>{comments}<h3>Leave a Reply</h3>
<form><p>Your email address will not be published.</p><textarea></textarea><button>Post Comment</button></form>
</section></main><footer><ul>{menu * 4}</ul><p>&copy; 2024 {site}. All rights reserved.</p></footer>
<script>{_script(rng, 16)}</script>
<script id="__NEXT_DATA__" type="application/json">{_state(title, body, rng)}</script></body></html>"""
    return page.encode("utf-8")


def build_pages(folder: Path, count: int, data: Path) -> tuple[int, int, int]:
    """Write ``count`` pages made of the news corpus's articles; return pages, bytes and article words."""
    news = build_news(data / "news-for-pages", megabytes=count * 2.5 / 1000, articles=count)
    articles = sorted(news.rglob("*.txt"))[:count]
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(0)
    size = words = 0
    for n, path in enumerate(articles):
        text = path.read_text("utf-8")
        page = _page(text, n, rng)
        (folder / f"{n:05d}.html").write_bytes(page)
        size += len(page)
        words += len(text.split())
    return len(articles), size, words


_STOCK = """
import sys, pathlib, trafilatura
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.html")):
    trafilatura.extract(path.read_bytes(), include_comments=False)
"""
_TOOLKIT = "import sys; from toolkit import load_corpus; load_corpus(sys.argv[1], progress=False)"


def _timed(code: str, folder: Path, env: dict[str, str]) -> float:
    """Run a Python snippet on the folder in a fresh process; return its wall time (it must succeed)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(folder)], env=env, cwd=PROJECT_ROOT, check=True)
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    """Build the pages, time the three configurations side by side, print pages/s, ratios and the gold F1."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages to build and load (2,000)")
    parser.add_argument("--data", type=Path, help="folder for the pages (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the pages and the cache")
    args = parser.parse_args(argv)
    data = args.data or Path(tempfile.mkdtemp(prefix="bench-pages-"))
    try:
        folder = data / f"pages-{args.pages}"
        shutil.rmtree(folder, ignore_errors=True)
        count, size, words = build_pages(folder, args.pages, data)
        print(f"pages: {count:,} news pages of 4 outlets, {size / 1e6:.1f} MB ({size / count / 1024:.0f} KB a page), ")
        print(f"       {words:,} words of articles (newscorpus.build_news), on {os.cpu_count()} cores")
        cache = data / "cache"
        shutil.rmtree(cache, ignore_errors=True)
        env = {**os.environ, "TOOLKIT_CACHE_DIR": str(cache), "PYTHONWARNINGS": "ignore"}
        rows = [
            ("trafilatura.extract, one process", _timed(_STOCK, folder, env)),
            ("toolkit load_corpus, cold", _timed(_TOOLKIT, folder, env)),
            ("toolkit load_corpus, warm", _timed(_TOOLKIT, folder, env)),
        ]
        stock = rows[0][1]
        print(f"\n{'configuration':<36} {'seconds':>8} {'pages/s':>8} {'vs trafilatura':>15}")
        for name, seconds in rows:
            print(f"{name:<36} {seconds:8.2f} {count / seconds:8.1f} {stock / seconds:14.2f}x")
        cold, warm = rows[1][1], rows[2][1]
        print(f"\ntarget: cold >= {TARGETS['cold pages/s']:.0f} pages/s: {count / cold:.1f}")
        print(f"target: warm reload >= {TARGETS['warm/cold']:.0f}x faster than cold: {cold / warm:.1f}x")
        print("\nF1 on the gold set (tests/fixtures/pages/gold, scored as the article-extraction benchmark does):")
        pagescore.main([])
    finally:
        if not args.keep and args.data is None:
            shutil.rmtree(data, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
