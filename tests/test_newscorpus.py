"""benchmarks/newscorpus.py: Heaps' law fitted on real corpora, and benchmark news corpora that follow it."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import nltk
import pytest

from toolkit.paths import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "benchmarks" / "newscorpus.py"
HEAPS_CORPORA = ("state_union", "brown", "abc")
ENDING = "Share this article\n\nLEAVE A REPLY\n\nPlease enter your comment!\n"
NAME = re.compile(r"(20(1[5-9]|2[0-4]))-(0[1-9]|1[0-2])-[a-z0-9]+(-[a-z0-9]+)*-\d+\.txt")


def _load() -> ModuleType:
    """Import the script by path, as ``python -m toolkit bench`` imports benchmarks/bench_counting.py."""
    spec = importlib.util.spec_from_file_location("newscorpus", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # registered first, as an import does: its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


newscorpus = _load()


def _installed(name: str) -> bool:
    for resource in (f"corpora/{name}.zip", f"corpora/{name}"):
        try:
            nltk.data.find(resource)
        except LookupError:
            continue
        return True
    return False


@pytest.fixture(scope="module")
def real_data() -> None:
    """Skip unless NLTK's abc, brown and state_union are installed."""
    missing = [name for name in HEAPS_CORPORA if not _installed(name)]
    if missing:
        pytest.skip(f"NLTK corpora {missing} not installed: run with NLTK_DATA=../shared/nltk_data (make test does)")


@pytest.fixture(scope="module")
def built(real_data, tmp_path_factory: pytest.TempPathFactory) -> dict[float, Path]:
    """A 1 MB and a 4 MB news corpus, default articles and categories."""
    root = tmp_path_factory.mktemp("news")
    return {mb: newscorpus.build_news(root / f"news{mb:g}", mb) for mb in (1, 4)}


@pytest.fixture(scope="module")
def stats(built: dict[float, Path]) -> dict[float, dict[str, int]]:
    return {mb: newscorpus.corpus_stats(folder) for mb, folder in built.items()}


def _articles(folder: Path) -> dict[Path, str]:
    return {path: path.read_text("utf-8") for path in sorted(folder.rglob("*.txt"))}


def _paragraphs(text: str) -> list[str]:
    return [block.strip() for block in re.split(r"\n\s*\n", text) if len(block.strip()) > 80]


def _run_script(args: list[str], env: dict[str, str], cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``benchmarks/newscorpus.py`` as a user would, in a process of its own."""
    command = [sys.executable, str(SCRIPT), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=300, check=False)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


# --- Heaps' law ----------------------------------------------------------------------------------------------------


def test_fit_recovers_a_known_power_law() -> None:
    lengths = [10**i for i in range(2, 7)]
    k, beta, r2 = newscorpus.fit_loglog(lengths, [3.0 * n**0.6 for n in lengths])
    assert k == pytest.approx(3.0) and beta == pytest.approx(0.6) and r2 == pytest.approx(1.0)
    lengths, forms = newscorpus.heaps_curve([str(i % 500) for i in range(100_000)])
    assert len(lengths) == 20 and lengths[0] == 1_000 and lengths[-1] == 100_000 and forms[-1] == 500


def test_heaps_law_fits_real_corpora(real_data) -> None:
    fits = newscorpus.heaps_of_nltk()
    assert set(fits) == {*HEAPS_CORPORA, "combined"}
    for name in HEAPS_CORPORA:
        tokens = newscorpus.nltk_tokens(name)
        k, beta, r2 = newscorpus.fit_loglog(*newscorpus.heaps_curve(tokens))
        assert 0.4 < beta < 0.8, name
        assert r2 > 0.98, name
        assert (k, beta) == pytest.approx(fits[name][:2])
        assert fits[name][2:] == (len(tokens), len(set(tokens)))
        # the constants used without NLTK data are these fits
        assert fits[name] == pytest.approx(newscorpus.MEASURED_HEAPS[name], rel=1e-4)
    assert 0.4 < fits["combined"][1] < 0.8
    assert fits["combined"] == pytest.approx(newscorpus.MEASURED_HEAPS["combined"], rel=1e-4)
    assert newscorpus.heaps_target() == fits["combined"][:2]


def test_abc_stories_give_the_tokens_of_abc_words(real_data) -> None:
    expected = [w for w in nltk.corpus.abc.words() if re.search(r"[A-Za-z0-9]", w)]
    assert newscorpus.nltk_tokens("abc") == expected
    assert len(newscorpus.nltk_documents("abc")) > 2_000  # stories, not the two files


# --- Built corpora -------------------------------------------------------------------------------------------------


def test_vocabulary_grows_as_heaps_law_says(stats: dict[float, dict[str, int]]) -> None:
    k, beta = newscorpus.heaps_target()
    assert stats[4]["terms"] > 1.8 * stats[1]["terms"]
    for mb, found in stats.items():
        expected = k * found["tokens"] ** beta
        assert abs(found["terms"] / expected - 1) < 0.25, (mb, found, expected)
        assert abs(found["bytes"] / (mb * 1e6) - 1) < 0.02, (mb, found)


def test_no_two_articles_share_a_paragraph(built: dict[float, Path]) -> None:
    for folder in built.values():
        articles = _articles(folder)
        assert len(set(articles.values())) == len(articles)
        where: dict[str, Path] = {}
        for path, text in articles.items():
            for paragraph in _paragraphs(text):
                assert where.setdefault(paragraph, path) == path, f"{where[paragraph]} and {path}: {paragraph[:100]}"


def test_default_articles_and_categories(built: dict[float, Path], stats: dict[float, dict[str, int]]) -> None:
    for mb, folder in built.items():
        assert sorted(p.name for p in folder.iterdir()) == ["business", "entertainment", "politics", "sport", "tech"]
        assert stats[mb]["files"] == round(mb * 1e6 / 2_500)  # 2.5 KB an article
        for category in folder.iterdir():
            names = [p.name for p in category.iterdir()]
            assert names, category
            assert all(NAME.fullmatch(name) and name.isascii() for name in names), names[:5]
        years = {int(p.name[:4]) for p in folder.rglob("*.txt")}
        assert years == set(range(2015, 2025))
    assert not list(built[1].rglob(".*"))  # the folder holds articles only: its marker is beside it
    assert (built[1].parent / ".news1.complete").is_file()


def test_articles_and_categories_as_asked(real_data, tmp_path: Path) -> None:
    folder = newscorpus.build_news(tmp_path / "three", 0.2, articles=60, categories=3)
    assert sorted(p.name for p in folder.iterdir()) == ["business", "entertainment", "politics"]
    assert all(any(category.iterdir()) for category in folder.iterdir())
    assert len(list(folder.rglob("*.txt"))) == 60
    assert abs(newscorpus.corpus_stats(folder)["bytes"] / 200_000 - 1) < 0.05
    folder = newscorpus.build_news(tmp_path / "seven", 0.1, categories=7)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["business", "entertainment", "politics", "sport", "tech", "world", "health"]
    )
    assert len(list(folder.rglob("*.txt"))) == 40


def test_articles_read_as_scraped_news(built: dict[float, Path]) -> None:
    articles = _articles(built[1])
    for path, text in articles.items():
        lines = text.split("\n")
        assert lines[0] and len(lines[0]) <= 80 and lines[1] == "", path
        assert re.fullmatch(r"\d+(\.\d)?K?", lines[2]) and lines[3] == "", path
        assert "\n\nADVERTISEMENT\n\n" in text, path
        assert text.endswith(ENDING), path
    every = "\n".join(articles.values())
    for feature in (
        "\u201c",  # curly quotes
        "\u2019",  # curly apostrophes
        r"\b(can't|don't|won't|it's)\b",  # contractions
        r"\$\d+m-\$\d+m",  # money ranges
        r"\$\d,\d{3},000\b",  # money
        r"\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, 20\d\d\b",
        r"\b\d+\.\d per cent\b",
    ):
        assert re.search(feature, every), feature
    quoted = sum("\u201c" in text for text in articles.values())
    assert 0.2 < quoted / len(articles) < 0.8  # in some articles, not all


def test_same_arguments_write_the_same_bytes(real_data, tmp_path: Path) -> None:
    one = _files(newscorpus.build_news(tmp_path / "one", 0.3, seed=3))
    assert one == _files(newscorpus.build_news(tmp_path / "two", 0.3, seed=3))
    assert one != _files(newscorpus.build_news(tmp_path / "other", 0.3, seed=4))
    # in another process, with another hash seed, from the command line
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = _run_script([str(tmp_path / "cli"), "--mb", "0.3", "--seed", "3"], env)
    assert done.returncode == 0, done.stderr
    assert "distinct terms" in done.stdout and "Heaps combined" in done.stdout
    assert one == _files(tmp_path / "cli")


def test_a_finished_folder_is_reused_and_another_rebuilt(real_data, tmp_path: Path) -> None:
    folder = newscorpus.build_news(tmp_path / "news", 0.1, seed=1)
    first = sorted(folder.rglob("*.txt"))[0]
    first.write_text("changed by hand", "utf-8")
    assert newscorpus.build_news(folder, 0.1, seed=1) == folder
    assert first.read_text("utf-8") == "changed by hand"  # reused as it was
    newscorpus.build_news(folder, 0.1, seed=1, articles=10)
    assert len(list(folder.rglob("*.txt"))) == 10  # other arguments: built again from scratch
    assert sorted(p.name for p in tmp_path.iterdir()) == [".news.complete", "news"]


def test_without_nltk_data_the_project_corpus_stands_in(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "NLTK_DATA"}
    out = tmp_path / "news"
    done = _run_script([str(out), "--mb", "0.1"], env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    if "source: corpus/" not in done.stdout:
        pytest.skip("NLTK data is installed where NLTK looks by default")
    assert "NLTK data not found" in done.stderr
    for name, fit in newscorpus.MEASURED_HEAPS.items():
        assert f"Heaps {name:<12} K={fit[0]:7.3f}" in done.stdout
    articles = _articles(out)
    assert len(articles) == 40 and len(set(articles.values())) == 40
    paragraphs = [p for text in articles.values() for p in set(_paragraphs(text))]
    assert len(paragraphs) == len(set(paragraphs))  # the corpus's few paragraphs, each copy changed


def test_bad_arguments_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="megabytes"):
        newscorpus.build_news(tmp_path / "news", 0)
    with pytest.raises(ValueError, match="categories"):
        newscorpus.build_news(tmp_path / "news", 1, categories=0)
