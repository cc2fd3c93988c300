"""toolkit.corpus.pagework: pages extracted by workers, cached, handed back in the walk's order."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import news_page
from toolkit.cache import TokenCache
from toolkit.corpus.document import Document
from toolkit.corpus.loader import Loader
from toolkit.corpus.loading import load_corpus
from toolkit.corpus.pages import PageOptions
from toolkit.corpus.pagework import POOL_FROM, PageJob, PageWork, in_order


def _walk(count: int) -> list[Document | PageJob]:
    """A walk that mixes text files and pages, as a folder of scraped news does."""
    items: list[Document | PageJob] = []
    for n in range(count):
        name, data = news_page(n)
        items.append(PageJob(name, data, "html"))
        if n % 3 == 0:
            items.append(Document(f"{n:03d}-note.txt", f"Editor's note {n}."))
    return items


def _run(items: list[Document | PageJob], **options) -> tuple[list[tuple[str, str, dict]], list]:
    loader = Loader("news")
    docs = [(d.doc_id, d.text, d.meta) for d in in_order(_recording(items, loader), loader, PageWork(**options))]
    return docs, loader.entries


def _recording(items: list[Document | PageJob], loader: Loader):
    """Yield the items, recording each text file's entry as it goes, as the folder walk does."""
    for item in items:
        if isinstance(item, Document):
            loader.add(item.doc_id, "read")
        yield item


def test_documents_and_entries_come_in_the_walks_order_whatever_the_workers():
    items = _walk(2 * POOL_FROM + 3)
    serial = _run(items, jobs=1, cache=False)
    parallel = _run(items, jobs=2, cache=False)
    assert parallel == serial
    ids = [doc_id for doc_id, _, _ in serial[0]]
    expected = [i.doc_id for i in items]
    assert ids == expected
    # Each text file's entry sits where the file is, between the pages' entries.
    assert [e.path for e in serial[1]] == expected
    assert (serial[0][2][0], serial[0][2][2]["site"]) == ("001-talks.html", "Caspian Wire")


def test_a_page_is_extracted_once_then_read_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "cache"))
    items = [i for i in _walk(POOL_FROM + 2) if isinstance(i, PageJob)]
    first = PageWork(jobs=2)
    cold = [first.result(first.submit(i)) for i in items]
    first.close()
    assert (first.extracted, first.cached) == (len(items), 0)
    again = PageWork(jobs=2)
    warm = [again.result(again.submit(i)) for i in items]
    assert (again.extracted, again.cached) == (0, len(items))
    assert warm == cold
    # Other settings are another key: never a stale hit.
    other = PageWork(PageOptions(favor="recall"), jobs=1)
    other.result(other.submit(items[0]))
    assert (other.extracted, other.cached) == (1, 0)
    # A changed page is another key too.
    changed = PageJob(items[0].doc_id, items[0].data.replace(b"Baku", b"Ganja"), "html")
    assert again.key(changed) != again.key(items[0])
    assert TokenCache.key("page", "x", "y") != again.key(items[0])


def test_duplicates_by_url_and_by_text_are_noted_and_kept(page_folder):
    folder = page_folder(2)
    _, data = news_page(0)
    (folder / "copy-of-0.html").write_bytes(data)  # the same page saved twice
    moved = data.replace(b"https://the-northern-courier.example/news/0", b"https://the-northern-courier.example/n/0")
    (folder / "zz-same-text.html").write_bytes(moved)  # the same article at another address
    corpus = load_corpus(folder)
    assert list(corpus["doc_id"]) == ["000-talks.html", "001-talks.html", "copy-of-0.html", "zz-same-text.html"]
    notes = [(e.path, e.reason) for e in corpus.attrs["load_report"].entries if e.status == "note"]
    assert notes == [
        ("copy-of-0.html", "duplicate: the same URL as 000-talks.html (https://the-northern-courier.example/news/0)"),
        ("copy-of-0.html", "duplicate: the same text as 000-talks.html"),
        ("zz-same-text.html", "duplicate: the same text as 000-talks.html"),
    ]


def test_an_unchanged_file_is_found_by_its_stamp_and_a_changed_one_is_read_again(
    page_folder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import os
    import time

    from toolkit.corpus.folder import iter_folder

    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "cache"))
    folder = page_folder(3)
    time.sleep(2.1)  # a file changed in the last 2 seconds gets no stamp

    def load() -> tuple[list[str], PageWork]:
        loader = Loader(str(folder))
        texts = [doc.text for doc in iter_folder(folder, loader)]
        return texts, loader.page_work

    cold, work = load()
    assert (work.extracted, work.recalled) == (3, 0)
    warm, work = load()
    assert (warm, work.extracted, work.recalled) == (cold, 0, 3)
    # The same size, the old modification time put back: the change time (ctime) still tells.
    path = folder / "001-talks.html"
    status = path.stat()
    path.write_bytes(path.read_bytes().replace(b"Officials said", b"Ministers said"))
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (status.st_size, status.st_mtime_ns)
    changed, work = load()
    assert (work.extracted, work.recalled) == (1, 2)
    assert "Ministers said round 2 of the talks" in changed[1] and changed[0] == cold[0]


def test_a_worker_killed_mid_load_skips_its_pages_with_the_reason_and_the_load_goes_on():
    import os
    import signal

    items = [i for i in _walk(8 * POOL_FROM) if isinstance(i, PageJob)]  # 64 pages: about 0.2 s of work
    work = PageWork(jobs=2, cache=False)
    handles = [work.submit(item) for item in items]
    first = work.result(handles[0])  # the workers are running
    assert first.skipped == ""
    victim = next(iter(work._pool._processes))  # as the kernel's OOM killer would
    os.kill(victim, signal.SIGKILL)
    pages = [work.result(handle) for handle in handles[1:]]
    work.close()
    died = [p for p in pages if p.skipped]
    assert died, "the kill came after every page was done"
    assert {p.skipped for p in died} == {
        "extraction failed: its worker process died (out of memory, or a crash in a parser)"
    }
    assert all(p.text for p in pages if not p.skipped)


def test_a_script_without_a_main_guard_loads_pages_with_workers(page_folder, tmp_path: Path):
    # Workers started by a fork server import the caller's __main__ by its file: this script would run again
    # in each of them, start workers there, and fail, unless the toolkit keeps the file from them.
    import subprocess
    import sys

    folder = page_folder(2 * POOL_FROM)
    script = tmp_path / "analysis.py"
    script.write_text(
        "import sys\nfrom toolkit import load_corpus\n"
        "corpus = load_corpus(sys.argv[1], jobs=2, cache=False)\nprint(len(corpus), corpus['site'].nunique())\n",
        "utf-8",
    )
    result = subprocess.run([sys.executable, str(script), str(folder)], capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{2 * POOL_FROM} 3\n", "")


def test_stamp_fields_tell_a_file_unchanged_only_once_it_is_2_seconds_old(tmp_path):
    import os
    import time

    from toolkit.corpus.pagework import stamp_fields

    page = tmp_path / "a.html"
    page.write_text("<p>Talks.</p>", "utf-8")
    assert stamp_fields(os.stat(page)) == ""
    time.sleep(2.1)
    first = stamp_fields(os.stat(page))
    assert first and first == stamp_fields(os.stat(page))
    page.write_text("<p>Tal ks</p>", "utf-8")  # the same size
    time.sleep(2.1)
    status = os.stat(page)
    assert stamp_fields(status) not in ("", first)
    # Given the time a walk started, a file changed in the 2 s before it has no stamp, even when stamped later.
    assert stamp_fields(status, status.st_ctime_ns + 1_999_999_999) == ""
    assert stamp_fields(status, status.st_ctime_ns + 2_000_000_000) == stamp_fields(status)
