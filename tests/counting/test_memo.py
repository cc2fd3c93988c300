"""toolkit.counting.memo: an unchanged folder is counted again from its stamps, without reading a file."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pandas.testing as pdt
import pytest

from conftest import SEED, run_cli
from conftest import news_folder as _news
from toolkit import count_terms, iter_documents
from toolkit.corpus import folder
from toolkit.corpus.loadreport import LoadEntry
from toolkit.counting.memo import FolderMemo
from toolkit.tokens.options import TokenOptions, counting_options
from toolkit.tokens.pipeline import Pipeline

STAMP_AGE = 2.1  # seconds: an entry changed in the last 2 seconds has no stamp (folder_stamp)


def _unread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make reading any file of a folder fail, so that a count that still works read none."""

    def refuse(*args: object) -> None:
        raise AssertionError("a file was read")

    monkeypatch.setattr(folder, "_file_document", refuse)


def test_the_command_line_counts_an_unchanged_folder_again_with_the_same_output_and_load_report(tmp_path: Path):
    root = _news(tmp_path / "news")
    time.sleep(STAMP_AGE)
    env = {"TOOLKIT_CACHE_DIR": str(tmp_path / "cache")}
    args = ("freq", str(root), "--by", "category", "--format", "csv", "--n", "0", "--jobs", "2")
    cold, warm = run_cli(*args, env=env), run_cli(*args, env=env)
    uncached = run_cli(*args, "--no-cache", env=env)
    assert cold.returncode == warm.returncode == uncached.returncode == 0, cold.stderr + warm.stderr
    assert warm.stdout == cold.stdout == uncached.stdout
    assert "world,aliyev," in warm.stdout and "world,café," in warm.stdout
    # the skipped files and the guessed encoding are said on a warm run too
    assert warm.stderr == cold.stderr == uncached.stderr
    assert "skipped" in warm.stderr and "fallback" in warm.stderr, warm.stderr
    strict = run_cli(*args, "--strict", env=env)
    assert strict.returncode != 0 and "--strict: notes.md: not a .txt file" in strict.stderr


def test_a_warm_count_reads_no_file_and_gives_the_same_table_and_load_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    root = _news(tmp_path / "news")
    time.sleep(STAMP_AGE)
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "cache"))
    cold_entries: list = []
    cold = count_terms(iter_documents(root, entries=cold_entries), by="category")
    _unread(monkeypatch)
    for jobs in (1, 2):
        warm_entries: list = []
        warm = count_terms(iter_documents(root, entries=warm_entries), by="category", jobs=jobs)
        pdt.assert_frame_equal(warm, cold)
        assert warm.attrs == cold.attrs and warm_entries == cold_entries
    assert [e.path for e in cold_entries if e.status == "skipped"] == ["notes.md", "scan.txt"]
    # other settings are other counts: read again (and here reading fails, as asked)
    with pytest.raises(AssertionError, match="a file was read"):
        count_terms(iter_documents(root), by="category", ngram=2)
    with pytest.raises(AssertionError, match="a file was read"):
        count_terms(iter_documents(root), by="category", stopwords=False)
    with pytest.raises(AssertionError, match="a file was read"):
        count_terms(iter_documents(root, name_template="{name}"), by="category")


def test_a_cold_count_keeps_its_totals_once_and_the_folders_entry_points_to_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The totals are encoded and stored once, under the documents' name; the folder's memo names that entry."""
    root = _news(tmp_path / "news")
    time.sleep(STAMP_AGE)
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "cache"))
    cold = count_terms(iter_documents(root), by="category", jobs=2)
    memo = FolderMemo.of(iter_documents(root), Pipeline(counting_options(None)), "category", 1)
    assert memo is not None
    kept_as = memo.cache.get(memo.cache.key("same as", memo.name, memo.tag))
    assert kept_as.startswith("corpus1:")  # the name of every document's key and group
    assert memo.cache.get(memo.cache.key("totals", memo.name, memo.tag)) is None  # not a second copy
    terms, n, _ = memo.cache.get(memo.cache.key("totals", kept_as, memo.tag))["politics"]
    assert n[terms.index("lavrov")] > 0
    _unread(monkeypatch)
    pdt.assert_frame_equal(count_terms(iter_documents(root), by="category"), cold)  # recalled through the pointer


def test_every_change_to_the_folder_is_seen_even_one_that_keeps_the_size_and_the_mtime(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    root = _news(tmp_path / "news")
    time.sleep(STAMP_AGE)
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "cache"))

    def fresh() -> object:
        return count_terms(iter_documents(root), by="doc_id", cache=False)

    count_terms(iter_documents(root), by="doc_id")
    article = root / "politics" / "lavrov.txt"
    status = article.stat()
    article.write_text(SEED.read_text("utf-8").replace("Lavrov", "Sergey"), "utf-8")  # the same number of bytes
    os.utime(article, ns=(status.st_atime_ns, status.st_mtime_ns))  # and the old mtime: only ctime tells
    assert article.stat().st_size == status.st_size
    (root / "world" / "aliyev.txt").rename(root / "world" / "ilham.txt")
    (root / "world" / "new").mkdir()
    shutil.copy(SEED, root / "world" / "new" / "more.txt")
    time.sleep(STAMP_AGE)
    changed = count_terms(iter_documents(root), by="doc_id")
    pdt.assert_frame_equal(changed, fresh())
    rows = changed.set_index(["doc_id", "term"])["n"]
    assert rows[("politics/lavrov.txt", "sergey")] > 0 and ("politics/lavrov.txt", "lavrov") not in rows.index
    assert rows[("world/ilham.txt", "aliyev")] > 0 and rows[("world/new/more.txt", "lavrov")] > 0
    (root / "world" / "new" / "more.txt").unlink()
    time.sleep(STAMP_AGE)
    pdt.assert_frame_equal(count_terms(iter_documents(root), by="doc_id"), fresh())


def test_a_count_of_a_folder_that_changes_while_it_is_read_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = _news(tmp_path / "news")
    time.sleep(STAMP_AGE)
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "cache"))
    pipeline = Pipeline(TokenOptions())
    stream = iter_documents(root)
    memo = FolderMemo.of(stream, pipeline, None, 1)
    assert memo is not None and memo.recall() is None
    totals = count_terms(stream, cache=False)
    (root / "world" / "aliyev.txt").write_text("Changed while it was read.", "utf-8")
    memo.keep(totals)
    assert memo.recall() is None
    kept = FolderMemo(stream, pipeline.cache, memo.stamp, memo.name, memo.tag)
    os.utime(root)  # a folder touched (its ctime changes): the stamp of the tree is another one now
    assert FolderMemo.of(iter_documents(root), pipeline, None, 1) is None  # changed in the last 2 seconds
    assert kept.recall() is None


def test_no_memo_without_a_cache_or_for_a_source_that_is_not_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = _news(tmp_path / "news")
    time.sleep(STAMP_AGE)
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "cache"))
    cached = Pipeline(TokenOptions())
    assert FolderMemo.of(iter_documents(root), cached, None, 1) is not None
    assert FolderMemo.of(iter_documents(root), Pipeline(TokenOptions(cache=False)), None, 1) is None
    assert FolderMemo.of(list(iter_documents(root)), cached, None, 1) is None  # documents already read
    csv = tmp_path / "news.csv"
    csv.write_text("doc_id,text\na,Talks in Baku.\n", "utf-8")
    assert FolderMemo.of(iter_documents(csv), cached, None, 1) is None


def test_entries_in_the_list_given_before_the_count_are_not_kept_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    root = _news(tmp_path / "news")
    time.sleep(STAMP_AGE)
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "cache"))
    earlier = [LoadEntry("elsewhere.txt", "read")]
    given = list(earlier)
    count_terms(iter_documents(root, entries=given))  # read, and kept under the stamp
    replayed: list = []
    count_terms(iter_documents(root, entries=replayed))  # recalled
    assert given == earlier + replayed and len(replayed) == 6


def test_what_a_command_showed_is_kept_beside_the_count_only_while_the_folder_is_as_stamped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    root = _news(tmp_path / "news")
    time.sleep(STAMP_AGE)
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "cache"))
    pipeline = Pipeline(counting_options(None))
    memo = FolderMemo.of(iter_documents(root), pipeline, None, 1)
    assert memo is not None
    assert not memo.keep_shown("csv", b"term,n\r\n")  # no count kept under this stamp: nothing to show it beside
    entries: list = []
    stream = iter_documents(root, entries=entries)
    count_terms(stream)  # kept under the stamp, with its load report
    assert memo.keep_shown("csv", b"term,n\r\nlavrov,9\r\n")
    replayed: list = []
    again = FolderMemo.of(iter_documents(root, entries=replayed), pipeline, None, 1)
    assert again is not None and again.shown("json") is None and replayed == []  # another view: nothing replayed
    assert again.shown("csv") == b"term,n\r\nlavrov,9\r\n" and replayed == entries  # the bytes, and the load report
    (root / "world" / "aliyev.txt").write_text("Changed after the count.", "utf-8")
    assert not memo.keep_shown("csv", b"term,n\r\n")  # the folder is not as stamped: not kept
    time.sleep(STAMP_AGE)
    changed = FolderMemo.of(iter_documents(root), pipeline, None, 1)
    assert changed is not None and changed.stamp != memo.stamp and changed.shown("csv") is None


def test_the_lookups_before_a_read_share_one_walk_and_a_change_before_the_read_is_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """``freq`` looks for its last output, then for its last count, before it reads: one walk of the folder
    serves both (a warm count of 50 MB that ranks again: 0.77-0.86 s, where a walk each took 0.95-1.11 s).
    The check after the read walks again, so a file changed between the shared stamp and the read is
    counted as it now is and not kept under the stamp taken before it."""
    from toolkit.corpus import loading

    root = _news(tmp_path / "news")
    time.sleep(STAMP_AGE)
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "cache"))
    walks: list[Path] = []
    real_stamp = loading.folder_stamp
    monkeypatch.setattr(loading, "folder_stamp", lambda path, loader: walks.append(path) or real_stamp(path, loader))
    pipeline = Pipeline(counting_options(None))
    stream = iter_documents(root)
    first, second = FolderMemo.of(stream, pipeline, None, 1), FolderMemo.of(stream, pipeline, None, 1)
    assert first is not None and second is not None and first.stamp == second.stamp and len(walks) == 1
    (root / "world" / "aliyev.txt").write_text("Changed before the read.", "utf-8")
    counts = count_terms(stream)  # its memo takes the same stamp; the folder changed before it was read
    assert len(walks) == 2  # the one walk before, and the check after the read
    assert "changed" in set(counts["term"]) and "aliyev" not in set(counts["term"])  # read as it now is
    assert first.recall() is None  # not kept under the stamp taken before the change
    time.sleep(STAMP_AGE)
    again = iter_documents(root)
    memo = FolderMemo.of(again, pipeline, None, 1)
    assert memo is not None and memo.stamp != first.stamp and memo.recall() is None
    pdt.assert_frame_equal(count_terms(again), counts)  # counted again, from the files
