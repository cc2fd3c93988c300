"""toolkit.tokens.cache: the persistent token cache: hits, invalidation, its folder, bypass, concurrency, damage."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas.testing as pdt
import pytest

from conftest import SEED, run_cli
from toolkit import count_terms, kwic, load_corpus
from toolkit.paths import PROJECT_ROOT
from toolkit.tokens.cache import TokenCache, cache_dir, settings_tag, token_cache


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(folder))
    return folder


def _entries(folder: Path) -> int:
    with sqlite3.connect(folder / "tokens-v1.sqlite") as db:
        return db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]


def test_second_analysis_reads_the_cache_and_gives_the_same_table(cache_folder: Path, news_dir: Path):
    corpus = load_corpus(news_dir)
    first = count_terms(corpus)
    stored = _entries(cache_folder)
    assert stored == 7  # tokens and counts of three documents, and the corpus's totals
    second = count_terms(corpus)
    pdt.assert_frame_equal(first, second)
    assert _entries(cache_folder) == stored
    pdt.assert_frame_equal(count_terms(corpus, cache=False), first)
    # order-dependent analyses use the cached tokens too
    pdt.assert_frame_equal(kwic(corpus, "baku"), kwic(corpus, "baku", cache=False))


def test_corpus_totals_are_reused_whatever_the_order_and_never_when_a_document_or_group_changes(
    cache_folder: Path, news_dir: Path
):
    corpus = load_corpus(news_dir, name_template="{year}-{name}")
    first = count_terms(corpus, by="year")
    stored = _entries(cache_folder)
    shuffled = corpus.iloc[::-1].reset_index(drop=True)
    pdt.assert_frame_equal(count_terms(shuffled, by="year"), first)
    assert _entries(cache_folder) == stored  # the same corpus: its totals were there
    regrouped = corpus.assign(year=["2021"] * len(corpus))
    pdt.assert_frame_equal(count_terms(regrouped, by="year"), count_terms(regrouped, by="year", cache=False))
    edited = corpus.assign(text=corpus["text"].str.replace("Baku", "Yerevan"))
    pdt.assert_frame_equal(count_terms(edited, by="year"), count_terms(edited, by="year", cache=False))
    assert "yerevan" in set(count_terms(edited)["term"]) and "baku" not in set(count_terms(edited)["term"])
    doubled = corpus.iloc[[0, 0, 1, 2]].reset_index(drop=True)  # a repeated document counts twice
    pdt.assert_frame_equal(count_terms(doubled, by="year", jobs=2), count_terms(doubled, by="year", cache=False))


def test_a_changed_file_or_setting_is_never_a_stale_hit(cache_folder: Path, news_dir: Path):
    count_terms(load_corpus(news_dir))
    (news_dir / "2022-notes.txt").write_text("Talks in Yerevan.\n", "utf-8")
    changed = count_terms(load_corpus(news_dir)).set_index("term")["n"]
    assert "yerevan" in changed and changed["baku"] == 6
    cased = count_terms(load_corpus(news_dir), lowercase=False)
    assert "Baku" in set(cased["term"])
    bigrams = count_terms(load_corpus(news_dir), ngram=2)
    assert all(" " in t for t in bigrams["term"])


def test_stopword_source_is_part_of_the_key(cache_folder: Path, news_dir: Path, no_nltk_data):
    with_bundled = count_terms(load_corpus(news_dir))  # the bundled list removes "n't" and "'s"
    assert with_bundled.attrs["settings"]["stopwords"].startswith("bundled list")
    custom = count_terms(load_corpus(news_dir), stopwords=("baku",))
    assert "baku" not in set(custom["term"]) and "the" in set(custom["term"])


def test_cache_folder_and_no_cache_flag(tmp_path: Path):
    folder = tmp_path / "fresh"
    result = run_cli("freq", "corpus", "--no-cache", "--format", "csv", env={"TOOLKIT_CACHE_DIR": str(folder)})
    assert result.returncode == 0 and not folder.exists()
    result = run_cli("freq", "corpus", "--format", "csv", env={"TOOLKIT_CACHE_DIR": str(folder)})
    assert result.returncode == 0 and _entries(folder) == 3  # tokens, counts, the corpus's totals
    info = run_cli("info", "corpus", env={"TOOLKIT_CACHE_DIR": str(folder)})
    assert f"cache: {folder}" in info.stdout


def test_concurrent_processes_share_the_cache(tmp_path: Path, nltk_corpus_dir):
    folder = tmp_path / "shared"
    corpus = str(nltk_corpus_dir("inaugural"))
    command = [sys.executable, "-m", "toolkit", "freq", corpus, "--n", "0", "--format", "csv"]
    env = {**__import__("os").environ, "TOOLKIT_CACHE_DIR": str(folder)}
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=PROJECT_ROOT)
            for _ in range(3)]  # fmt: skip
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], [err.decode()[-500:] for _, err in outputs]
    assert outputs[0][0] == outputs[1][0] == outputs[2][0]
    assert _entries(folder) == 2 * 59 + 1  # tokens and counts of 59 speeches, and the corpus's totals


def test_a_damaged_cache_warns_and_the_analysis_goes_on(cache_folder: Path):
    cache_folder.mkdir()
    (cache_folder / "tokens-v1.sqlite").write_bytes(b"not a database" * 100)
    corpus = load_corpus(SEED.parent)
    with pytest.warns(UserWarning, match="token cache disabled"):
        counts = count_terms(corpus)
    pdt.assert_frame_equal(counts, count_terms(corpus, cache=False))


def test_cache_values_round_trip():
    cache = TokenCache(Path(__import__("tempfile").mkdtemp()))
    key = cache.key("raw", "x", "tag")
    cache.put(key, ["Baku", "’", "n't"])
    assert cache.get(key) == ["Baku", "’", "n't"]
    assert cache.key("raw", "x", "tag2") != key and cache.key("raw", "y", "tag") != key
    shutil.rmtree(cache.folder)


def test_the_folder_follows_the_environment_and_holds_one_cache_object(cache_folder: Path, news_dir: Path):
    assert cache_dir() == cache_folder.absolute()
    cache = token_cache()
    assert cache is token_cache() and cache.folder == cache_folder.absolute()
    text = (news_dir / "2022-notes.txt").read_text("utf-8")
    key = cache.key("raw", text, settings_tag({"tokenizer": "regexp", "stopwords": ["none", []]}))
    assert not cache.has(key)
    cache.put(key, text.split())
    assert cache.has(key) and cache.get(key) == ["Talks", "in", "Baku.", "No", "agreement", "was", "reached."]
    assert settings_tag({"b": 1, "a": [2]}) == settings_tag({"a": [2], "b": 1})  # key order never matters


def test_threads_share_the_cache_without_disabling_it(cache_folder: Path, news_dir: Path):
    # An in-process Dask cluster counts in threads: each needs its own SQLite connection, not the creator's.
    import warnings
    from concurrent.futures import ThreadPoolExecutor

    corpus = load_corpus(news_dir)
    first = count_terms(corpus)  # fills the cache in this thread
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="token cache disabled")
        with ThreadPoolExecutor(2) as pool:
            tables = list(pool.map(lambda _: count_terms(corpus, by="category"), range(4)))
    for table in tables:
        pdt.assert_frame_equal(table, count_terms(corpus, by="category", cache=False))
    assert token_cache().enabled and _entries(cache_folder) > 7 and not first.empty
