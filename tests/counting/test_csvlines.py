"""toolkit.counting.csvlines: a count table's CSV lines, byte for byte what csv.writer writes."""

from __future__ import annotations

import io

import numpy as np
import pytest

from toolkit.counting import csvlines
from toolkit.counting.csvlines import write_columns
from toolkit.tables import write_exact_csv

TERMS = ['"hello', "a,b", 'x"y"', ",", "", "=1+1", "tab\tx", " lead", "é,ü", "''", "b\nc", "d\re", "1,000", "war"]
GROUPS = ["AP", "a,b", 'say "x"', "AP", "b\nx", "AP", "AP", "", "AP", "Reuters", "AP", "AP", "AP", "AP"]
ODD_NUMBERS = [0.5, 1e-05, 123456.789, 0.0, -0.0, float("nan"), 2, np.float64(0.1), 1e16, 0.5, 1 / 3, 0.1, 7.0, 3.25]


def _csv_module(header: list[str], columns: list[list]) -> str:
    expected = io.StringIO(newline="")
    write_exact_csv([header, *zip(*columns, strict=True)], expected)
    return expected.getvalue()


@pytest.mark.parametrize("grouped", [False, True])
@pytest.mark.parametrize(
    "per_million", [ODD_NUMBERS, [k / 4 for k in range(14, 0, -1)], [0.25] * 14, [0.0, -0.0, 0.5] * 4 + [-0.0, 0.0]]
)
def test_lines_are_what_the_csv_module_writes_for_odd_texts_and_numbers(grouped, per_million):
    """Quotes, commas, line breaks, a bare CR, an empty text; floats, ints, zeros, NaN, numpy floats."""
    header = ["outlet", "term", "n", "per_million", "docs"] if grouped else ["term", "n", "per_million", "docs"]
    columns = [*([GROUPS] if grouped else []), TERMS, list(range(14, 0, -1)), per_million, [1] * 14]
    written = io.StringIO(newline="")
    write_columns(written, header, columns)
    assert written.getvalue() == _csv_module(header, columns)
    assert '"1,000"' in written.getvalue() and '"b\nc"' in written.getvalue() and '"d\re"' in written.getvalue()
    assert ('"b\nx"' in written.getvalue()) is grouped
    assert (",nan," in written.getvalue()) is (per_million is ODD_NUMBERS)


def test_a_header_with_a_comma_is_quoted_and_a_table_longer_than_a_slice_is_whole(monkeypatch):
    monkeypatch.setattr(csvlines, "ROWS", 3)
    header = ["place, country", "term", "n", "per_million", "docs"]
    columns = [["Baku, AZ"] * 7, [f"t{k}" for k in range(7)], list(range(7, 0, -1)), [k / 3 for k in range(7)], [1] * 7]
    written = io.StringIO(newline="")
    write_columns(written, header, columns)
    assert written.getvalue() == _csv_module(header, columns)
    assert written.getvalue().count("\n") == 8 and written.getvalue().startswith('"place, country",term,')


def test_an_empty_table_is_its_header():
    written = io.StringIO(newline="")
    write_columns(written, ["term", "n", "per_million", "docs"], [[], [], [], []])
    assert written.getvalue() == "term,n,per_million,docs\n"
