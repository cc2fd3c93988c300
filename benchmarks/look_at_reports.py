"""Render every report on real corpora of different shapes and screenshot them, to be read by a person.

Tests check what we thought of; this shows what a researcher would see. It
runs ``python -m toolkit report all --jobs 2`` on:

- ``nltk:state_union`` with ``{year}-{president}`` (65 speeches, 61 years);
- ``nltk:inaugural`` by president (59 speeches);
- ``nltk:abc`` (two long files of news transcripts, no fields: trends in equal parts);
- ``nltk:brown`` by category (500 texts, 15 categories);
- a folder of scraped-news-like articles built here from ABC transcripts, in four category
  folders, with share counters, "ADVERTISEMENT" lines, comment forms, curly quotes,
  contractions and dollar ranges in them (no two articles alike);
- the project's ``corpus/`` (one article).

It prints each corpus's wall time and, when Chromium is installed, writes a
full-page screenshot of every report and index to ``OUT/shots/``.

Usage (NLTK data needed)::

    NLTK_DATA=../shared/nltk_data python benchmarks/look_at_reports.py OUT
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import time
from pathlib import Path

from toolkit.reports.rendering import find_chromium

#: Lines that scraped news pages leave around an article (see ../shared/seed/).
EXTRAS = (
    "Farmers can't expect prices to recover soon, and growers don't know when they will.",
    "The package is worth between $5m-$10m, with a further $2,500,000 set aside and 1,250,000 tonnes expected.",
    "Officials said they won't comment, but it's understood the deal is worth $12.5 billion over 10 years.",
)


def build_news(out: Path, seed: int = 7) -> Path:
    """Write about 80 scraped-news-like articles from the ABC transcripts into ``out/<category>/``."""
    from nltk.corpus import abc

    rng = random.Random(seed)

    def paragraphs(fileid: str) -> list[str]:
        return [line.strip() for line in abc.raw(fileid).splitlines() if line.strip()]

    def articles(lines: list[str], start: int) -> list[list[str]]:
        found, at = [], start
        for _ in range(20):
            found.append(lines[at : at + 14])
            at += 54 + rng.randint(0, 30)
        return found

    rural, science = paragraphs("rural.txt"), paragraphs("science.txt")
    categories = {
        "farming": articles(rural, 0),
        "markets": articles(rural, len(rural) // 2),
        "health": articles(science, 0),
        "space": articles(science, len(science) // 2),
    }
    for category, texts in categories.items():
        folder = out / category
        folder.mkdir(parents=True, exist_ok=True)
        for j, (title, *body) in enumerate(texts):
            lines = [title, "", rng.choice(["0", "12", "1.2K", "245"]), rng.choice(["20", "4", "1.1K"]), ""]
            for k, line in enumerate(body):
                if j % 2 == 0:  # curly quotes in half the articles
                    line = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", line)
                lines += [line, ""]
                if k in (3, 8):
                    lines += ["ADVERTISEMENT", ""]
                if k == 6 and j % 3 == 0:
                    lines += [rng.choice(EXTRAS), ""]
            lines += ["Share this article", "", "87", "", "LEAVE A REPLY", "", "Please enter your comment!", ""]
            slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:50] or "article"
            (folder / f"{slug}-{j}.txt").write_text("\n".join(lines), "utf-8")
    return out


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
    news = build_news(out / "news_corpus")
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
