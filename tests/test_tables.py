"""Result tables: spreadsheets never run a formula, rows stay whole; HTML numbers in one format per column."""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from pathlib import Path

import pandas as pd
import pytest

from toolkit import explain, keyness, kwic, trends
from toolkit.analysis.trends import wide_trends
from toolkit.tables import format_cells, format_p, html_table, neutralise_formula, save_table, write_exact_csv


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


#: A number in scientific notation, as pandas' default float format shows large and small values.
SCIENTIFIC = re.compile(r"\d(?:\.\d+)?e[+-]?\d+", re.IGNORECASE)


def test_numbers_have_one_format_per_column_and_never_scientific_notation(state_union):
    # The formats that screenshots showed mixed in one column: 1.105e+04 next to 7,874; p-values as 0
    english = keyness(state_union, reference="english")
    shown = format_cells(english)
    assert (english["p_value"] == 0).any() and "< 1e-300" in set(shown["p_value"])  # underflow, not 0
    table = keyness(state_union, by="president", target="Truman")
    cells = format_cells(table)
    for formatted in (shown, cells):
        numbers = formatted.drop(columns="term").to_numpy().ravel()
        assert not [cell for cell in numbers if SCIENTIFIC.search(cell) and cell != "< 1e-300"]
    assert all(re.fullmatch(r"\d{1,3}(,\d{3})*", c) for c in cells["n_target"])
    big = table[table["n_reference"] >= 1000].iloc[0]
    assert cells.loc[big.name, "n_reference"] == f"{int(big['n_reference']):,}"  # 1,568 not 1568
    assert all(re.fullmatch(r"-?[\d,]+\.\d", c) for c in cells["per_million_target"])  # one decimal
    assert all(re.fullmatch(r"-?[\d,]+\.\d\d", c) for c in cells["g2"])  # two decimals
    assert all(c == "" or re.fullmatch(r"\d\.\d{3}", c) for c in cells["dp_target"])  # three
    absent = table[table["n_reference"] == 0].index
    assert len(absent) and set(cells.loc[absent, "percent_diff"]) == {"∞"}  # not 9.311e+16


def test_p_values_years_and_explain_tables_read_as_people_write_them():
    assert [format_p(p) for p in (0.5, 0.04321, 0.0001, 9.9e-5, 1e-200, 0.0)] == [
        "0.5000", "0.0432", "0.0001", "< 0.0001", "< 0.0001", "< 1e-300",
    ]  # fmt: skip
    years = pd.DataFrame({"year": [1945, 2021], "n": [27451, 3], "share": [0.123456, 1e-7]})
    assert format_cells(years).to_numpy().tolist() == [["1945", "27,451", "0.123"], ["2021", "3", "0.000"]]
    gap = pd.DataFrame({"year": [1945.0, float("nan")], "n": [1.0, 2.0]})
    assert format_cells(gap).to_numpy().tolist() == [["1945", "1"], ["", "2"]]
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "side": ["x", "y"], "text": ["war war peace " * 500, "peace talks"]})
    shown = format_cells(explain(keyness(corpus, by="side", target="x"), "war"))
    values = dict(zip(shown["quantity"], shown["value"], strict=True))
    assert values["O11: term in target (a)"] == "1,000" and values["c: target size"] == "1,500"
    assert re.fullmatch(r"\d+\.\d{4}", values["E11: expected in target (E1)"].replace(",", ""))
    assert re.fullmatch(r"0\.\d{4}", values["p-value"])  # G2 1.6 on so small a reference: p = 0.1026
    page = html_table(years)
    assert '<td style="text-align:right;white-space:nowrap">27,451</td>' in page
    assert '<th style="text-align:left">' not in page  # every column here is a number


def test_a_column_no_rule_names_gets_one_format_for_every_cell(state_union):
    # seen in the trends table: 528.26, 72.80, 0 and 4,800 in one column of per-million values
    wide = wide_trends(trends(state_union, ["america", "must"], by="year", n_boot=0))
    for term in ("america", "must"):
        decimals = {len(c.split(".")[1]) if "." in c else 0 for c in format_cells(wide)[term]}
        assert decimals == {1}, term
    mixed = pd.DataFrame({"war": [10037.0, 528.26, 0.0, 4800.0], "small": [0.01234, 0.5, 0.0, 1e-9]})
    assert format_cells(mixed).to_numpy().tolist() == [
        ["10,037.0", "0.0123"], ["528.3", "0.5000"], ["0.0", "0.0000"], ["4,800.0", "0.0000"],
    ]  # fmt: skip


def test_a_concordance_lines_up_on_its_keyword(inaugural):
    page = html_table(kwic(inaugural, "liberty", window=4).head(3))
    assert page.count('<td style="text-align:right">') == 3  # the left contexts end at the keyword
    assert page.count('<td style="text-align:center;font-weight:bold;white-space:nowrap">liberty</td>') >= 1


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _lines_starting_a_formula(rows: list[list[str]]) -> list[str]:
    """The lines of any cell (a cell's text split at every line break) that a spreadsheet would run."""
    lines = [line for row in rows for cell in row for line in _LINE_BREAK.split(cell)]
    return [line for line in lines if line.startswith(("=", "+", "-", "@", "\t"))]


def test_a_formula_after_a_line_break_inside_a_cell_is_made_inert(tmp_path: Path):
    values = ["a\r=1+1+cmd|' /C calc'!A0", "b\n+cmd", "c\r\n@x", "d\r\r-2", "e\n\tx", "=f\n=g", "plain\nlines"]
    table = pd.DataFrame({"name\r=h": values, "n": range(len(values))})
    path = save_table(table, tmp_path / "t.csv")
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    assert len(rows) == 1 + len(values) and _lines_starting_a_formula(rows) == []
    assert [_LINE_BREAK.sub("", cell).replace("'", "") for cell in rows[1 + values.index("plain\nlines")]] == [
        "plainlines",
        str(values.index("plain\nlines")),
    ]  # other lines are left alone
    for value in values:  # only a quote is added, at the start of a line
        assert neutralise_formula(value).replace("'", "") == value.replace("'", "")
    assert neutralise_formula("x\r=1") == "x\r'=1" and neutralise_formula("=1\n=2") == "'=1\n'=2"


def test_exact_csv_quotes_line_breaks_and_reads_back_the_same_strings_and_numbers():
    table = pd.DataFrame(
        {"name\rx": ["a\r=1+1+cmd|' /C calc'!A0", 'q"\r"', "b\nc", "d\r\ne", "plain", "x,y"], "n": [1, 2, 3, 4, 5, 6]}
    ).assign(share=lambda t: t["n"] / 7)
    written = io.StringIO(newline="")
    write_exact_csv(table, written)
    text = written.getvalue()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [list(table.columns)] + [[v, str(n), repr(s)] for v, n, s in table.itertuples(index=False)]
    pd.testing.assert_frame_equal(pd.read_csv(io.StringIO(text, newline="")), table)
    by_rows = io.StringIO(newline="")
    write_exact_csv([list(table.columns), *table.itertuples(index=False)], by_rows)
    assert by_rows.getvalue() == text  # rows from the csv module and a table from pandas: the same bytes


def test_exact_csv_of_ordinary_values_is_the_pandas_csv_byte_for_byte():
    table = pd.DataFrame({"term": ["war", 'say "no"', "a,b", "line\nbreak", ""], "n": [5, 4, 3, 2, 1]})
    table["per_million"] = table["n"] / 3 * 1e6
    written = io.StringIO(newline="")
    write_exact_csv(table, written)
    assert written.getvalue() == table.to_csv(index=False, lineterminator="\n")


def test_a_saved_table_can_be_read_by_the_group_as_any_new_file(tmp_path: Path):
    previous = os.umask(0o022)
    try:
        shared = save_table(pd.DataFrame({"n": [1]}), tmp_path / "shared.csv")
        os.umask(0o077)
        private = save_table(pd.DataFrame({"n": [1]}), tmp_path / "private.csv")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644 and stat.S_IMODE(private.stat().st_mode) == 0o600


@pytest.mark.parametrize("status", ["/proc/self/status", "/no/such/status"])  # the fallback when /proc is not there
def test_publish_mode_gives_a_file_the_mode_open_would_and_keeps_the_umask(tmp_path: Path, monkeypatch, status):
    import tempfile

    from toolkit import tables

    monkeypatch.setattr(tables, "_STATUS", Path(status))
    previous = os.umask(0o022)
    try:
        for umask in (0o022, 0o027, 0o077, 0o002):
            os.umask(umask)
            handle, name = tempfile.mkstemp(dir=tmp_path)  # mode 0600, whatever the umask
            os.close(handle)
            tables.publish_mode(name)
            assert (os.stat(name).st_mode & 0o777, os.umask(umask)) == (0o666 & ~umask, umask)
    finally:
        os.umask(previous)


def test_a_column_of_dates_is_not_broken_across_lines_and_prose_still_wraps():
    # Seen in the overview of news pages: "2015-" above "01-01" in a narrow date column.
    shown = pd.DataFrame({"date": ["2015-01-01", "2024-12-31"], "title": ["Talks in Baku end", "Gas prices fall"]})
    table = html_table(shown)
    assert '<td style="text-align:left;white-space:nowrap">2015-01-01</td>' in table
    assert '<td style="text-align:left">Talks in Baku end</td>' in table
    ids = html_table(pd.DataFrame({"doc_id": ["crawl-2024.warc.gz#7"], "site": ["Caspian Wire Service"]}))
    assert '<td style="text-align:left;white-space:nowrap">crawl-2024.warc.gz#7</td>' in ids
