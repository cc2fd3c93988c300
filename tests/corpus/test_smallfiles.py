"""toolkit.corpus.smallfiles: files read by counting workers give the walk's load report and counts, exactly."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas.testing as pdt
import pytest

from conftest import SEED
from toolkit import count_terms, iter_documents
from toolkit.corpus import folder, smallfiles
from toolkit.corpus.document import CorpusError
from toolkit.corpus.loadreport import LoadEntries
from toolkit.paths import PROJECT_ROOT

NOT_UTF8_NAME = "file name is not valid UTF-8; doc_id shows its bytes"
PAGE = PROJECT_ROOT / "tests" / "fixtures" / "pages" / "site" / "courier-baku-talks.html"


def _messy(root: Path) -> Path:
    """A folder with every verdict a small file can get, a page whose extraction holds the walk, and junk."""
    seed = SEED.read_bytes()
    for category in ("politics", "world"):
        (root / category).mkdir(parents=True)
    (root / "politics" / "a-seed.txt").write_bytes(seed)
    (root / "politics" / "b-empty.txt").write_bytes(b"")
    (root / "politics" / "c-blank.txt").write_bytes(b" \r\n\t\n")
    (root / "politics" / "d-latin.txt").write_bytes("Caf\u00e9 talks in Baku, \u201cgas\u201d deal.\n".encode("cp1252"))
    shutil.copy(PAGE, root / "politics" / "e-page.html")  # extracted by page workers: the entries after it wait
    (root / "politics" / "f-scan.txt").write_bytes(b"%PDF-1.7 scanned")
    (root / "politics" / "g-nul.txt").write_bytes(b"Talks\x00\x00\x01 in Baku")
    (root / "world" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / "world" / "notes.md").write_text("Not a text file of the corpus.", "utf-8")
    (root / "world" / "h-seed.txt").write_bytes(seed.replace(b"Armenia", b"Georgia"))
    os.close(os.open(os.fsencode(root / "world") + b"/i-caf\xe9.txt", os.O_WRONLY | os.O_CREAT, 0o644))  # empty
    with open(os.fsencode(root / "world") + b"/j-caf\xe9-bad.txt", "wb") as file:  # a name and bytes not UTF-8
        file.write(b"Caf\xe9 in Baku.\n")
    return root


def _count(root: Path, jobs: int, by: str | None = None, **options) -> tuple[object, list]:
    entries = LoadEntries()
    stream = iter_documents(root, entries=entries, cache=False, **options)
    return count_terms(stream, by=by, tokenizer="regexp", jobs=jobs, cache=False), list(entries)


@pytest.mark.parametrize("by", [None, "category"])
def test_files_read_by_the_workers_give_the_walks_load_report_and_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, by: str | None
):
    root = _messy(tmp_path / "news")
    serial, serial_entries = _count(root, 1, by)
    # The parent reads no small file with two jobs: the walk's reader fails here if it is asked (workers are
    # forked by their own server, so they keep the real one).
    monkeypatch.setattr(folder, "read_small", lambda *args: pytest.fail(f"the parent read {args[0]}"))
    deferred, deferred_entries = _count(root, 2, by)
    pdt.assert_frame_equal(deferred, serial)
    assert deferred_entries == serial_entries
    verdicts = {(entry.path.rsplit("/", 1)[-1], entry.status, entry.reason) for entry in serial_entries}
    assert {
        ("a-seed.txt", "read", ""),
        ("b-empty.txt", "empty", "empty document: zero tokens"),
        ("c-blank.txt", "empty", "empty document: zero tokens"),
        ("d-latin.txt", "fallback", "not utf-8 at byte 3; decoded as cp1252"),
        ("f-scan.txt", "skipped", "binary file (PDF)"),
        ("g-nul.txt", "skipped", "binary file (NUL bytes)"),
        ("i-caf\\xe9.txt", "empty", f"empty document: zero tokens; {NOT_UTF8_NAME}"),
        (
            "j-caf\\xe9-bad.txt",
            "fallback",
            f"not utf-8 at byte 3; decoded as cp1252; {NOT_UTF8_NAME}",
        ),
    } < verdicts
    assert [entry.path for entry in serial_entries].index("politics/e-page.html") == 4  # in the walk's order
    baku = deferred[deferred["term"] == "baku"]["docs"].tolist()  # the seed, its twin, the page, two cp1252 files
    assert baku == ([5] if by is None else [3, 2])


def test_a_file_the_strict_walk_refuses_is_refused_with_the_same_error_when_workers_read_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    root = tmp_path / "news"
    root.mkdir()
    (root / "a.txt").write_bytes(SEED.read_bytes())
    (root / "b.txt").write_bytes("Caf\u00e9.".encode("cp1252"))
    (root / "c.txt").write_bytes("Na\u00efve.".encode("cp1252"))
    errors = []
    for jobs in (1, 2):
        with pytest.raises(CorpusError) as raised:
            _count(root, jobs, strict_encoding=True)
        errors.append(str(raised.value))
    assert errors == ["b.txt: not utf-8 at byte 3 (strict encoding)"] * 2  # the first in the walk's order


def test_settle_changes_only_the_entries_of_files_that_were_not_plain_reads():
    from toolkit.corpus.loader import Loader

    loader = Loader("news")
    for name in ("a.txt", "b.txt", "c.txt"):
        loader.add(name, "read")
    loader.add("c.txt", "note", "file name does not match name template '{year}'; its fields are empty")
    smallfiles.settle(loader, [("c.txt", "", "not utf-8 at byte 0; decoded as cp1252", False)])
    assert [(entry.path, entry.status) for entry in loader.entries] == [
        ("a.txt", "read"),
        ("b.txt", "read"),
        ("c.txt", "fallback"),
        ("c.txt", "note"),
    ]
    assert [entry.status for entry in loader.entries.notable()] == ["fallback", "note"]  # in the report's order


def test_a_pending_file_read_in_this_process_settles_its_own_entry(tmp_path: Path):
    from toolkit.corpus.loader import Loader

    path = tmp_path / "scan.txt"
    path.write_bytes(b"%PDF-1.7 scanned")
    loader = Loader("news")
    loader.add("scan.txt", "read")
    assert list(smallfiles.PendingFile(str(path), path.stat().st_size, "scan.txt", loader)) == []
    assert (loader.entries[0].status, loader.entries[0].reason) == ("skipped", "binary file (PDF)")


def test_a_file_of_the_walks_size_is_read_in_one_call_and_one_that_changed_since_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The walk's ``lstat`` sizes the read: the seed's bytes come in one ``read``, none more for the end."""
    data = SEED.read_bytes()
    path = tmp_path / "seed.txt"
    path.write_bytes(data)
    calls: list[int] = []
    real_read = os.read
    monkeypatch.setattr(smallfiles.os, "read", lambda fd, n: calls.append(n) or real_read(fd, n))
    assert smallfiles.read_bytes(str(path), None, len(data)) == data
    assert calls == [len(data) + 1]
    calls.clear()
    assert smallfiles.read_bytes(str(path), None, len(data) - 100) == data  # grown since the walk: read to its end
    assert smallfiles.read_bytes(str(path), None, len(data) + 100) == data  # shrunk since the walk
    assert len(calls) >= 4
