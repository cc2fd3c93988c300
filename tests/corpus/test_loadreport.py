"""The load report of a real load: statuses, summary, table, text and escaped HTML."""

from __future__ import annotations

import copy
from pathlib import Path

import pandas as pd
import pytest

from toolkit import load_corpus, load_report
from toolkit.corpus.loadreport import STATUSES, LoadEntries, LoadEntry, LoadReport


@pytest.fixture
def report(tmp_path: Path) -> LoadReport:
    (tmp_path / "a.txt").write_text("Talks in Baku.", "utf-8")
    (tmp_path / "b.txt").write_bytes("Café".encode("cp1252"))
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "d.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "e.txt").write_bytes(b"%PDF-1.7")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    return load_report(load_corpus(tmp_path))


def test_every_file_has_one_entry_and_the_summary_counts_them(report: LoadReport, tmp_path: Path):
    assert [(e.path, e.status) for e in report.entries] == [
        (".DS_Store", "skipped"),
        ("a.txt", "read"),
        ("b.txt", "fallback"),
        ("c.txt", "empty"),
        ("d.pdf", "skipped"),
        ("e.txt", "skipped"),
    ]
    assert report.n_documents == 3
    assert [e.path for e in report.fallbacks] == ["b.txt"] and [e.path for e in report.empty] == ["c.txt"]
    assert report.summary() == (
        f"{tmp_path}: 3 documents read, 1 decoded with a fallback encoding, 1 empty, "
        "3 files skipped (binary file: 1, junk file: 1, not a .txt file: 1)"
    )
    table = report.to_frame()
    assert list(table.columns) == ["path", "status", "reason"] and len(table) == 6
    text = str(report).splitlines()
    assert text[0] == report.summary() and text[1] == "  fallback encoding: cp1252"
    assert "  skipped  e.txt  (binary file (PDF))" in text


def test_the_report_is_immutable_and_shared_by_copies(report: LoadReport):
    assert copy.deepcopy(report) is report  # pandas deep-copies attrs on every operation
    with pytest.raises(AttributeError):
        report.source = "elsewhere"  # type: ignore[misc]
    with pytest.raises(ValueError, match="unknown load status 'lost'"):
        LoadEntry("x.txt", "lost")
    assert set(STATUSES) == {"read", "fallback", "empty", "metadata", "skipped", "note"}


def test_html_is_escaped_and_says_how_many_rows_it_shows():
    entries = tuple(LoadEntry(f"<b>{i}</b>.txt", "read") for i in range(25))
    report = LoadReport("<script>x</script>", entries, (("name template", "{year}<&>"),))
    page = report._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;0&lt;/b&gt;.txt" in page
    assert "showing 20 of 25 rows" in page and "{year}&lt;&amp;&gt;" in page
    assert "showing" not in LoadReport("s", entries[:3])._repr_html_()
    assert LoadReport("empty").summary() == "empty: 0 documents read"
    assert LoadReport("empty").to_frame().equals(pd.DataFrame(columns=["path", "status", "reason"]))


def test_problems_come_first_when_asked_so_a_capped_table_shows_them(news_dir: Path):
    (news_dir / "zz_notes.md").write_text("not an article", "utf-8")
    (news_dir / "world" / "empty.txt").write_text("", "utf-8")
    report = load_report(load_corpus(news_dir))
    in_order = report.to_frame()
    first = report.to_frame(problems_first=True)
    assert sorted(map(tuple, in_order.to_numpy().tolist())) == sorted(map(tuple, first.to_numpy().tolist()))
    problems = in_order[in_order["status"] != "read"]
    assert len(problems) == 2 and set(problems["status"]) == {"skipped", "empty"}
    assert first.head(2).to_numpy().tolist() == problems.to_numpy().tolist()  # first, in file order
    assert (first["status"] == "read").to_numpy().tolist() == sorted((first["status"] == "read").tolist())


def test_load_entries_give_back_every_entry_as_it_was_added():
    """Plain reads kept as bytes come back equal, in order, among entries kept whole; any str path round-trips."""
    added = [
        LoadEntry("a.txt", "read"),
        LoadEntry("caf\u00e9/\udce9t\u00e9.txt", "read"),  # a file name that is not UTF-8 (surrogateescape)
        LoadEntry("b.md", "skipped", "not a .txt file"),
        LoadEntry("c.txt", "read", "note"),  # a read with a reason is kept whole
        LoadEntry("", "read"),
        LoadEntry("d.txt", "fallback", "not utf-8 at byte 3"),
    ]
    entries = LoadEntries(added[:3])
    for entry in added[3:]:
        entries.append(entry)
    assert list(entries) == added and entries == added and entries[-1] == added[-1] and entries[1:3] == added[1:3]
    assert [entries[i] for i in range(len(entries))] == added
    del entries[0]
    entries.insert(1, LoadEntry("e.txt", "empty"))
    entries[0] = LoadEntry("f.txt", "read")
    assert entries == [LoadEntry("f.txt", "read"), LoadEntry("e.txt", "empty"), *added[2:]]
    with pytest.raises(IndexError):
        entries[len(entries)]
    report = LoadReport("news", entries)
    assert report.summary() == LoadReport("news", tuple(entries)).summary()
    assert report.summary().startswith("news: 5 documents read, 1 decoded with a fallback encoding, 1 empty")


def test_load_entries_hold_a_large_load_in_less_than_half_the_memory():
    """100,000 plain reads with paths like a news folder's: the entries as objects, and as bytes."""
    import tracemalloc

    def path(i: int) -> str:  # made as the load makes it, kept only by its entry
        return f"politics/2024-03-talks-in-baku-end-without-a-deal-{i:06d}.txt"

    tracemalloc.start()
    objects = [LoadEntry(path(i), "read") for i in range(100_000)]
    as_objects = tracemalloc.get_traced_memory()[0]
    del objects
    tracemalloc.stop()
    tracemalloc.start()
    entries = LoadEntries()
    for i in range(100_000):
        entries.append(LoadEntry(path(i), "read"))
    as_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert as_bytes * 2 < as_objects and entries[54_321].path == path(54_321)


def test_an_entry_replaced_in_place_reads_back_in_its_place_and_order():
    entries = LoadEntries([LoadEntry("a.txt", "read"), LoadEntry("b.md", "skipped", "not a .txt file")])
    entries.append(LoadEntry("c.txt", "read"))
    entries[0] = LoadEntry("a.txt", "fallback", "not utf-8 at byte 3; decoded as cp1252")
    entries[-1] = LoadEntry("c.txt", "empty", "empty document: zero tokens")
    assert [entry.status for entry in entries] == ["fallback", "skipped", "empty"]
    assert [entry.path for entry in entries.notable()] == ["a.txt", "b.md", "c.txt"]  # the report's order
    entries[0] = LoadEntry("a.txt", "read")  # back to a plain read: no longer notable
    assert [entry.path for entry in entries.notable()] == ["b.md", "c.txt"] and entries[0].status == "read"
    with pytest.raises(IndexError):
        entries[3] = LoadEntry("d.txt", "empty")
