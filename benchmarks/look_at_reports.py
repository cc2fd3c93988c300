"""Render every report on real corpora of different shapes and screenshot them, to be read by a person.

Tests check what we thought of; this shows what a researcher would see. It
runs ``python -m toolkit report all --jobs 2`` on:

- ``nltk:state_union`` with ``{year}-{president}`` (65 speeches, 61 years);
- ``nltk:inaugural`` by president (59 speeches);
- ``nltk:abc`` (two long files of news transcripts, no fields: trends in equal parts);
- ``nltk:brown`` by category (500 texts, 15 categories);
- 80 scraped-news articles in four category folders from :func:`newscorpus.build_news` (the
  benchmarks' corpus: real paragraphs with share counters, "ADVERTISEMENT" lines, comment forms,
  curly quotes, contractions and dollar ranges, no two articles alike);
- a folder of web pages, with no parameters: 150 pages of four outlets from
  :func:`bench_pages.build_pages` (2015 to 2024) and the 26 gold pages of ten more outlets
  (``tests/fixtures/pages/gold``, 2025 and 2026, two in legacy encodings);
- the project's ``corpus/`` (one article).

It prints each corpus's wall time and, when Chromium is installed, writes a
full-page screenshot of every report and index to ``OUT/shots/``.

Usage (NLTK data needed)::

    NLTK_DATA=../shared/nltk_data python benchmarks/look_at_reports.py OUT
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench_pages import build_pages
from newscorpus import build_news

from toolkit.reports.rendering import find_chromium


def screenshot(page: Path, png: Path, chromium: str) -> None:
    """Save a 1200-pixel-wide screenshot of ``page`` (tall enough for a long report)."""
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={png.parent / '.chromium'}", "--window-size=1200,7000", f"--screenshot={png}",
         page.as_uri()],
        capture_output=True, check=False, timeout=120,
    )  # fmt: skip


def main(out: Path) -> int:
    """Run every report on each corpus, print the times, take the screenshots."""
    news = build_news(out / "news_corpus", 0.2, articles=80, categories=4)
    pages = out / "web_pages"
    shutil.rmtree(pages, ignore_errors=True)
    build_pages(pages, 150, out)
    for gold in sorted((Path(__file__).parents[1] / "tests" / "fixtures" / "pages" / "gold").glob("*.html")):
        shutil.copy(gold, pages / gold.name)
    corpora = {
        "state_union": ["--corpus", "nltk:state_union", "-p", "name_template", "{year}-{president}"],
        "inaugural": [
            "--corpus",
            "nltk:inaugural",
            "-p",
            "name_template",
            "{year}-{president}",
            "-p",
            "by",
            "president",
        ],
        "abc": ["--corpus", "nltk:abc"],
        "brown": ["--corpus", "nltk:brown", "-p", "by", "category"],
        "news": ["--corpus", str(news), "-p", "by", "category"],
        "web_pages": ["--corpus", str(pages)],
        "corpus": [],
    }
    chromium = find_chromium()
    for name, args in corpora.items():
        clock = time.perf_counter()
        command = [sys.executable, "-m", "toolkit", "report", "all", "--jobs", "2", "--out", str(out / name), *args]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        print(f"{name}: report all in {time.perf_counter() - clock:.1f} s, exit {done.returncode}")
        if done.returncode:
            print(done.stderr[-2000:])
        if chromium:
            shots = out / "shots"
            shots.mkdir(parents=True, exist_ok=True)
            for page in [*sorted((out / name).glob("*/*/*.html")), out / name / "index.html"]:
                label = page.stem if page.name != "index.html" else "index"
                screenshot(page, shots / f"{name}_{label}.png", chromium)
    print(f"screenshots in {out / 'shots'}" if chromium else "no Chromium: no screenshots")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "look").resolve()))
