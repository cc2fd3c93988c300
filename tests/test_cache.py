"""toolkit.cache: the persistent token cache: hits, invalidation, bypass, concurrency, damage, read-only."""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pandas.testing as pdt
import pytest

from conftest import SEED, run_cli
from toolkit import count_terms, kwic, load_corpus
from toolkit.cache import TokenCache, cache_dir, settings_tag, token_cache
from toolkit.paths import PROJECT_ROOT


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
    # tokens, counts, the corpus's totals, and under the folder's stamp its load report, totals and the CSV written
    assert result.returncode == 0 and _entries(folder) == 6
    info = run_cli("info", "corpus", env={"TOOLKIT_CACHE_DIR": str(folder)})
    assert f"cache: {folder}" in info.stdout


def test_concurrent_processes_share_the_cache(tmp_path: Path, nltk_corpus_dir):
    folder = tmp_path / "shared"
    corpus = str(nltk_corpus_dir("inaugural"))
    time.sleep(2.1)  # however recently it was unpacked, old enough for the folder's stamp
    command = [sys.executable, "-m", "toolkit", "freq", corpus, "--n", "0", "--format", "csv"]
    env = {**__import__("os").environ, "TOOLKIT_CACHE_DIR": str(folder)}
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=PROJECT_ROOT)
            for _ in range(3)]  # fmt: skip
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], [err.decode()[-500:] for _, err in outputs]
    assert outputs[0][0] == outputs[1][0] == outputs[2][0]
    # tokens and counts of 59 speeches, the corpus's totals, and under the folder's stamp its load report, totals
    # and the CSV written (once: the three processes kept the same bytes under the same key)
    assert _entries(folder) == 2 * 59 + 1 + 2 + 1


def test_a_damaged_cache_is_moved_aside_and_rebuilt_with_one_warning(cache_folder: Path):
    cache_folder.mkdir()
    (cache_folder / "tokens-v1.sqlite").write_bytes(b"not a database" * 100)
    corpus = load_corpus(SEED.parent)
    with pytest.warns(UserWarning, match="token cache damaged") as caught:
        counts = count_terms(corpus)
    assert len(caught) == 1 and "moved aside to tokens-v1.sqlite.damaged-" in str(caught[0].message)
    pdt.assert_frame_equal(counts, count_terms(corpus, cache=False))
    (aside,) = cache_folder.glob("tokens-v1.sqlite.damaged-*")
    assert aside.read_bytes() == b"not a database" * 100  # kept as it was, for a look
    assert token_cache().enabled and _entries(cache_folder) == 3  # rebuilt: tokens, counts, totals


def test_a_value_that_no_longer_decodes_is_damage_too(cache_folder: Path):
    cache = token_cache()
    cache.put("k", ["Baku"])
    db = sqlite3.connect(cache_folder / "tokens-v1.sqlite", isolation_level=None)
    db.execute("UPDATE entries SET value = ? WHERE key = 'k'", (b"\x00garbage",))
    db.close()
    with pytest.warns(UserWarning, match="token cache damaged.*moved aside"):
        assert cache.get("k") is None
    assert cache.enabled and not cache.has("k")  # a new, empty file
    cache.put("k", ["Yerevan"])
    assert cache.get("k") == ["Yerevan"] and len(list(cache_folder.glob("tokens-v1.sqlite.damaged-*"))) == 1
    db = sqlite3.connect(cache_folder / "tokens-v1.sqlite", isolation_level=None)
    db.execute("UPDATE entries SET value = ? WHERE key = 'k'", (b"\x00again",))
    db.close()
    with pytest.warns(UserWarning, match="token cache disabled"):  # damaged twice in a run: no loop of rebuilds
        assert cache.get("k") is None
    assert not cache.enabled and len(list(cache_folder.glob("tokens-v1.sqlite.damaged-*"))) == 1


def _corpus(root: Path, documents: int = 40) -> Path:
    """Documents enough for a cache of several pages, each with "baku" in it."""
    root.mkdir()
    words = ["treaty", "talks", "border", "peace", "ceasefire", "minister", "envoy", "summit", "corridor", "agreement"]
    for i in range(documents):
        body = " ".join(words[(i + j) % len(words)] + str(j % 7) for j in range(120))
        (root / f"doc{i:02d}.txt").write_text(f"Talks in Baku, round {i}. {body}.\n", "utf-8")
    time.sleep(2.1)  # old enough for the folder's stamp: every count of it is kept under the stamp too
    return root


def _poison(folder: Path, word: str = "baku") -> None:
    """Rename ``word`` in every stored value (tokens, counts, totals, a CSV kept): output that shows it was read."""

    def swap(value):
        if isinstance(value, str):
            return "poisoned" if value.lower() == word else value
        if isinstance(value, list):
            return [swap(v) for v in value]
        if isinstance(value, dict):
            return {swap(k): swap(v) for k, v in value.items()}
        return value

    db = sqlite3.connect(folder / "tokens-v1.sqlite", isolation_level=None)
    rows = db.execute("SELECT key, value FROM entries").fetchall()
    for key, blob in rows:  # the cache's own format: zlib-compressed JSON
        try:
            value = swap(json.loads(zlib.decompress(blob)))
        except zlib.error:  # bytes kept as they are: here, the CSV a freq wrote, to write again (toolkit.cli.replay)
            poisoned = bytes(blob).replace(f"\n{word},".encode(), b"\npoisoned,")
            db.execute("UPDATE entries SET value = ? WHERE key = ?", (poisoned, key))
            continue
        db.execute("UPDATE entries SET value = ? WHERE key = ?", (zlib.compress(json.dumps(value).encode()), key))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    assert len(data) >= 8 * 4096, len(data)  # pages enough to damage in the middle
    if how == "header":
        path.write_bytes(b"\xff" * 100 + data[100:])
    elif how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    else:  # garbage over the pages after the first two
        noise = bytes(random.Random(0).randrange(256) for _ in range(len(data) - 8192))
        path.write_bytes(data[:8192] + noise)


def _freq(corpus: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    args = ("freq", str(corpus), "--tokenizer", "treebank", "--n", "0", "--format", "csv")
    return run_cli(*args, env={"TOOLKIT_CACHE_DIR": str(folder)})


@pytest.mark.parametrize("how", ["header", "truncated", "garbage"])
def test_a_damaged_file_on_disk_is_rebuilt_by_the_next_run_and_read_by_the_one_after(tmp_path: Path, how: str):
    corpus, folder = _corpus(tmp_path / "corpus"), tmp_path / "cache"
    first = _freq(corpus, folder)
    assert first.returncode == 0 and "token cache" not in first.stderr, first.stderr
    _damage(folder / "tokens-v1.sqlite", how)
    rebuilt = _freq(corpus, folder)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rebuilt.stdout == first.stdout  # the damage changed nothing in the result
    assert rebuilt.stderr.count("token cache damaged") == 1 and "disabled" not in rebuilt.stderr, rebuilt.stderr
    assert len(list(folder.glob("tokens-v1.sqlite.damaged-*"))) == 1
    # rebuilt whole: tokens and counts of 40 documents, the totals, and under the folder's stamp its load report,
    # totals and the CSV written
    assert _entries(folder) == 2 * 40 + 1 + 2 + 1
    _poison(folder)
    warm = _freq(corpus, folder)
    assert warm.returncode == 0 and warm.stderr == "", warm.stderr  # nothing alarming once rebuilt
    assert "poisoned," in warm.stdout and "baku," not in warm.stdout  # read from the rebuilt cache
    assert len(list(folder.glob("tokens-v1.sqlite.damaged-*"))) == 1


def test_a_command_folds_its_cache_into_the_file_as_it_ends(tmp_path: Path):
    # The command line ends with its objects frozen (toolkit.cli.main.run), so the connection is never freed: it must
    # be closed, or SQLite's write-ahead log stays beside the file and a copy of the file alone lacks the counts.
    corpus, folder = _corpus(tmp_path / "corpus"), tmp_path / "cache"
    assert _freq(corpus, folder).returncode == 0
    assert sorted(path.name for path in folder.iterdir()) == ["tokens-v1.sqlite"]  # no -wal, no -shm
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(folder / "tokens-v1.sqlite", copy)
    with sqlite3.connect(copy) as db:
        assert db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 2 * 40 + 1 + 2 + 1


def _read_only_cli(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI with ``folder`` read-only: no write bits, and for root (whom they do not stop) a read-only mount."""
    env = {**os.environ, "TOOLKIT_CACHE_DIR": str(folder)}
    command = [sys.executable, "-m", "toolkit", *args]
    if os.geteuid() == 0:
        if not shutil.which("unshare") or subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode:
            pytest.skip("root ignores write bits, and no mount namespace is allowed here for a read-only mount")
        mount = 'mount --bind -o ro "$0" "$0" && exec "$@"'
        command = ["unshare", "-rm", "sh", "-c", mount, str(folder), *command]
    modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
    for path, mode in modes.items():
        path.chmod(mode & ~0o222)
    try:
        return subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_ROOT, env=env, timeout=300)
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_read_only_warm_cache_is_read_and_never_written(tmp_path: Path):
    corpus, folder = _corpus(tmp_path / "corpus"), tmp_path / "cache"
    assert _freq(corpus, folder).returncode == 0
    _poison(folder)
    before = _snapshot(folder)
    args = ("freq", str(corpus), "--tokenizer", "treebank", "--n", "0", "--format", "csv")
    warm = _read_only_cli(folder, *args)
    assert warm.returncode == 0 and warm.stderr == "", warm.stderr
    assert "poisoned," in warm.stdout and "baku," not in warm.stdout  # the results came from the cache
    assert _snapshot(folder) == before  # nothing written, not even a journal
    (corpus / "new.txt").write_text("Talks in Yerevan.\n", "utf-8")  # a miss is counted, not stored
    grown = _read_only_cli(folder, *args)
    assert grown.returncode == 0 and grown.stderr == "" and "yerevan," in grown.stdout
    assert _snapshot(folder) == before


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


def test_values_put_together_are_stored_in_one_transaction_as_the_block_ends(tmp_path: Path):
    """What a worker puts while it counts a batch reaches the file at the batch's end, all of it, or none."""
    cache, other = TokenCache(tmp_path), TokenCache(tmp_path)  # another connection, as another worker has
    tokens = {f"key-{i}": ["Talks", "in", "Baku", str(i)] for i in range(500)}
    with cache.together():
        for key, value in tokens.items():
            cache.put(key, value)
        with cache.together():  # inside another block: the outer one stores
            cache.put("inner", {"baku": 2})
        assert other.present([*tokens, "inner"]) == set()  # nothing is written before the end
    assert other.present([*tokens, "inner"]) == {*tokens, "inner"}
    assert other.get("key-499") == ["Talks", "in", "Baku", "499"] and other.get("inner") == {"baku": 2}

    def stopped_halfway() -> None:
        with cache.together():
            cache.put("half", ["a"])
            raise RuntimeError("stopped")

    with pytest.raises(RuntimeError, match="stopped"):
        stopped_halfway()
    assert not other.has("half")  # a block that raises stores nothing
    cache.put("after", ["b"])  # outside a block: at once
    assert other.get("after") == ["b"]


def test_workers_that_write_together_fill_the_cache_as_one_process_does(tmp_path: Path, nltk_corpus_dir):
    """A cold count in two workers stores every document's tokens and counts, which a warm count then reads."""
    env = {"TOOLKIT_CACHE_DIR": str(tmp_path / "pooled")}
    folder = nltk_corpus_dir("inaugural")
    args = ("freq", str(folder), "--format", "csv", "--n", "0")
    pooled = run_cli(*args, "--jobs", "2", env=env)
    serial = run_cli(*args, env={"TOOLKIT_CACHE_DIR": str(tmp_path / "serial")})
    assert pooled.returncode == serial.returncode == 0, pooled.stderr + serial.stderr
    assert pooled.stdout == serial.stdout and pooled.stderr == serial.stderr
    assert _entries(tmp_path / "pooled") == _entries(tmp_path / "serial") > 2 * 58  # tokens and counts of each
    for file in folder.iterdir():  # touched: no folder stamp, so each document's counts come from the cache
        os.utime(file)
    assert run_cli(*args, "--jobs", "2", env=env).stdout == serial.stdout
