"""The load report of a real load: statuses, summary, table, text and escaped HTML."""

from __future__ import annotations

import copy
from pathlib import Path

import pandas as pd
import pytest

from toolkit import load_corpus, load_report
from toolkit.corpus.loadreport import STATUSES, LoadEntry, LoadReport


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
        "3 files skipped (1 binary file, 1 junk file, 1 not a .txt file)"
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
