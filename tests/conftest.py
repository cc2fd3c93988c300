"""Shared fixtures: the project corpus, real NLTK corpora, and a machine without NLTK data."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nltk
import pandas as pd
import pytest

from toolkit.paths import CORPUS_DIR, PROJECT_ROOT

SEED = CORPUS_DIR / "000_4fd4d0f392c92bd9.txt"


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    """Run ``python -m toolkit ARGS`` as users and scripts do: a real process, from the project root."""
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=PROJECT_ROOT,
        env={**os.environ, **(env or {})},
    )


def news_folder(root: Path) -> Path:
    """The seed article in two categories, a legacy-encoded file, and files the load report skips."""
    (root / "politics").mkdir(parents=True)
    (root / "world").mkdir()
    text = SEED.read_text("utf-8")
    (root / "politics" / "lavrov.txt").write_text(text, "utf-8")
    (root / "world" / "aliyev.txt").write_text(text.replace("Lavrov", "Aliyev"), "utf-8")
    (root / "world" / "café.txt").write_bytes("Talks at the café in Baku.\n".encode("cp1252"))
    (root / "notes.md").write_text("not a text file", "utf-8")
    (root / "scan.txt").write_bytes(b"%PDF-1.4\n\x00\x01binary")
    (root / "empty.txt").write_bytes(b"")
    return root


def control_notes(manager, code: str, notes: Path) -> list[str]:
    """Run ``code`` in a real kernel whose control thread reaches IOPub late, shut it down; return its notes.

    A test extension (``tests/fixtures/kernelext/slow_control.py``) widens a
    race of ipykernel's exit: each message of the control thread reaches IOPub
    0.3 s late, and ``notes`` gets a line per message, "sent" or the error. A
    kernel that closes its sockets first fails its last ("Socket operation on
    non-socket"); on a good run this race printed "Uncaught exception in
    ZMQStream callback" and a traceback, once in five runs of the test suite.
    """
    import asyncio

    async def run() -> None:
        env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT / "tests" / "fixtures" / "kernelext")}
        await manager.start_kernel(
            env={**env, "SLOW_CONTROL_NOTES": str(notes)}, extra_arguments=["--ext=slow_control"]
        )
        client = manager.client()
        client.start_channels(hb=False)
        try:
            await client.wait_for_ready(timeout=60)
            reply = await client.execute_interactive(code, timeout=60)
            assert reply["content"]["status"] == "ok", reply["content"]
        finally:
            client.stop_channels()
        await manager.shutdown_kernel()

    asyncio.run(run())
    return notes.read_text().splitlines()


def judged(exercise_id: str, answer, *context) -> tuple[str, str]:
    """An exercise's verdict and message, as ``check()`` would print them (a wrong type: "not yet", its message)."""
    from toolkit.teaching.judges import EXERCISES
    from toolkit.teaching.registry import NOT_YET, AnswerTypeError

    try:
        return EXERCISES[exercise_id].judge(answer, *context)
    except AnswerTypeError as err:
        return NOT_YET, str(err)


def assert_case(exercise_id: str, answer, context: tuple, verdict: str, says: str) -> None:
    """One case of an exercise's verdict matrix: the verdict, a piece of the message, and ``check()`` agreeing."""
    from toolkit.teaching.checks import check

    got, message = judged(exercise_id, answer, *context)
    assert (got, says in message) == (verdict, True), (exercise_id, answer, got, message)
    assert check(exercise_id, answer, *context, quiet=True) == verdict


def _nltk_zip(name: str, search: list[str]) -> Path:
    """The zip of an installed NLTK corpus, or skip the test with the reason."""
    for folder in search:
        candidate = Path(folder) / "corpora" / f"{name}.zip"
        if candidate.is_file():
            return candidate
    pytest.skip(f"NLTK corpus {name!r} not installed: run with NLTK_DATA=../shared/nltk_data (make test does)")


@pytest.fixture(scope="session")
def nltk_corpus_dir(tmp_path_factory: pytest.TempPathFactory):
    """Extract an installed NLTK corpus to a folder of plain files; return its path."""

    search = list(nltk.data.path)  # as the session starts, before any test empties it

    def extract(name: str) -> Path:
        dest = tmp_path_factory.getbasetemp() / "nltk_extracted"
        root = dest / name
        if not root.exists():
            with zipfile.ZipFile(_nltk_zip(name, search)) as zf:
                zf.extractall(dest)
        return root

    return extract


@pytest.fixture(scope="session", autouse=True)
def _private_token_cache(tmp_path_factory: pytest.TempPathFactory):
    """Tests (and the processes they start) use a cache of their own, not the user's."""
    previous = os.environ.get("TOOLKIT_CACHE_DIR")
    os.environ["TOOLKIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("token_cache"))
    yield
    if previous is None:
        os.environ.pop("TOOLKIT_CACHE_DIR", None)
    else:
        os.environ["TOOLKIT_CACHE_DIR"] = previous


@pytest.fixture
def no_nltk_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make NLTK see an empty data folder, as on a machine with no NLTK data."""
    empty = tmp_path / "empty_nltk_data"
    empty.mkdir()
    monkeypatch.setattr(nltk.data, "path", [str(empty)])
    return empty


@pytest.fixture
def news_dir(tmp_path: Path) -> Path:
    """A small news corpus: the seed article in two category folders plus a root file."""
    root = tmp_path / "news"
    (root / "politics").mkdir(parents=True)
    (root / "world").mkdir()
    shutil.copy(SEED, root / "politics" / "2024-lavrov.txt")
    text = SEED.read_text("utf-8")
    (root / "world" / "2023-baku.txt").write_text(text.replace("Lavrov", "Aliyev"), "utf-8")
    (root / "2022-notes.txt").write_text("Talks in Baku.\nNo agreement was reached.\n", "utf-8")
    return root


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def inaugural(nltk_corpus_dir) -> pd.DataFrame:
    """US inaugural addresses 1789-2021 with year and president fields."""
    from toolkit import load_corpus

    return load_corpus(nltk_corpus_dir("inaugural"), name_template="{year}-{president}")


@pytest.fixture(scope="session")
def state_union(nltk_corpus_dir) -> pd.DataFrame:
    """State of the Union addresses with year and president fields."""
    from toolkit import load_corpus

    return load_corpus(nltk_corpus_dir("state_union"), name_template="{year}-{president}")


@pytest.fixture(scope="session")
def abc(nltk_corpus_dir) -> pd.DataFrame:
    """ABC (Australian Broadcasting) news transcripts: rural.txt and science.txt."""
    from toolkit import load_corpus

    return load_corpus(nltk_corpus_dir("abc"))


@pytest.fixture(scope="session")
def real_corpora(inaugural, state_union, abc) -> dict[str, pd.DataFrame]:
    """Three real corpora of different shapes: speeches by year, more speeches, two long news files."""
    return {"inaugural": inaugural, "state_union": state_union, "abc": abc}


_OUTLETS = ("The Northern Courier", "Caspian Wire", "Daily Meridian")
_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:site_name" content="{site}"><meta name="author" content="{author}">
<meta property="article:published_time" content="{date}T08:00:00+00:00">
<link rel="canonical" href="https://{host}.example/news/{n}"></head><body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<header><a href="/">{site}</a><nav><a href="/world">World</a> <a href="/business">Business</a>
<a href="/subscribe">Subscribe</a></nav></header><main><article><h1>{title}</h1>
<div class="share">{shares} Shares <a href="#">Facebook</a> <a href="#">Twitter</a></div>
{body}</article><aside><h2>Most read</h2><ul><li><a href="/x">Gas prices fall again</a></li></ul></aside></main>
<footer>&copy; 2024 {site}. All rights reserved.</footer></body></html>"""


def news_page(n: int) -> tuple[str, bytes]:
    """A realistic news page (number ``n``): the seed article's paragraphs in another order, a sentence of its own.

    Returns its file name and bytes. Pages differ in text, outlet, author and month.
    """
    paragraphs = [p for p in SEED.read_text("utf-8").split("\n\n") if len(p.split()) >= 12]
    turned = paragraphs[n % len(paragraphs) :] + paragraphs[: n % len(paragraphs)]
    own = f"Officials said round {n + 1} of the talks would take place in Baku within {n + 2} weeks."
    body = "".join(f"<p>{html.escape(p)}</p>" for p in [own, *turned[:6]])
    site = _OUTLETS[n % len(_OUTLETS)]
    page = _PAGE.format(
        title=f"Talks on Armenia and Azerbaijan, part {n + 1}",
        site=site,
        host=site.lower().replace(" ", "-"),
        author=("Anna Kovacs", "Rustam Aliyev")[n % 2],
        date=f"2024-{1 + n % 12:02d}-{1 + n % 27:02d}",
        n=n,
        shares=f"{n + 1}.{n % 10}k",
        body=body,
    )
    return f"{n:03d}-talks.html", page.encode("utf-8")


@pytest.fixture
def page_folder(tmp_path: Path):
    """Write ``count`` distinct news pages into a folder and return it."""

    def write(count: int, folder: Path | None = None) -> Path:
        folder = folder or tmp_path / "pages"
        folder.mkdir(parents=True, exist_ok=True)
        for n in range(count):
            name, data = news_page(n)
            (folder / name).write_bytes(data)
        return folder

    return write
