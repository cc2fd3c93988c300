"""Result tables for spreadsheets: formula cells made inert, line breaks kept, written whole or not at all."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from toolkit.tables import neutralise_formula, save_table


def test_save_table_neutralises_formulas_for_spreadsheets(tmp_path: Path):
    table = pd.DataFrame({"term": ['=HYPERLINK("x")', "+1", "-2", "@a", "plain"], "n": [1, 2, 3, 4, 5]})
    path = save_table(table, tmp_path / "out" / "t.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads it as UTF-8
    assert path.read_text("utf-8-sig").splitlines() == [
        "term,n",
        '"\'=HYPERLINK(""x"")",1',
        "'+1,2",
        "'-2,3",
        "'@a,4",
        "plain,5",
    ]
    assert [p.name for p in path.parent.iterdir()] == ["t.csv"]  # no temporary file left
    assert path.read_bytes().endswith(b"plain,5\r\n")  # rows end with CRLF, as RFC 4180 and Excel have them


def test_every_formula_start_is_made_inert_and_other_values_are_left_alone():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert neutralise_formula(f"{start}SUM(A1)") == f"'{start}SUM(A1)"
    assert neutralise_formula("SUM(A1)=3") == "SUM(A1)=3"  # only the first character matters
    assert neutralise_formula(-2) == -2 and neutralise_formula(None) is None and neutralise_formula("") == ""


def test_a_bare_carriage_return_inside_a_value_survives_the_round_trip(tmp_path: Path):
    table = pd.DataFrame({"=title": ["line one\rline two", "\rstarts with CR", "plain"], "n": [1, 2, 3]})
    path = save_table(table, tmp_path / "t.csv")
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    assert rows[0] == ["'=title", "n"]  # headers are cells too
    assert rows[1] == ["line one\rline two", "1"]  # quoted, so the CR is part of the value, not a row break
    assert rows[2] == ["'\rstarts with CR", "2"]
    assert rows[3] == ["plain", "3"] and len(rows) == 4
    assert table.columns[0] == "=title"  # the caller's table is not changed


class _Unprintable:
    def __str__(self) -> str:
        raise RuntimeError("cannot format this cell")


def test_a_failed_write_leaves_the_previous_file_and_no_temporary_file(tmp_path: Path):
    path = save_table(pd.DataFrame({"term": ["peace"], "n": [1]}), tmp_path / "t.csv")
    before = path.read_bytes()
    with pytest.raises(RuntimeError, match="cannot format this cell"):
        save_table(pd.DataFrame({"term": [_Unprintable()], "n": [2]}), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_the_load_report_and_every_table_display_share_one_capped_escaped_table(tmp_path):
    """LoadReport._repr_html_ (corpus layer) and table_html (views) render through toolkit.tables alike."""
    from toolkit import load_corpus, load_report
    from toolkit.views.display import table_html

    for i in range(25):
        (tmp_path / f"{i:02d}<b>.txt").write_text(f"Talks in Baku, day {i}.", "utf-8")
    report = load_report(load_corpus(tmp_path))
    own = report._repr_html_()
    shown = table_html(report)
    assert own.startswith(shown)  # the same table, then the load's settings
    assert "showing 20 of 25 rows" in own and "&lt;b&gt;.txt" in own and "<b>.txt" not in own
