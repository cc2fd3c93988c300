"""Executed reports rendered for real: nbconvert's HTML, the Excel workbook, Chromium's PDF."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import nbformat
import openpyxl
import pandas as pd
import pytest

from toolkit.reports.provenance import SUCCEEDED
from toolkit.reports.rendering import (
    WORKBOOK_ROWS,
    failed_page,
    find_chromium,
    print_pdf,
    read_tables,
    render_html,
    write_workbook,
)
from toolkit.reports.running import run_report
from toolkit.tables import save_table


def test_html_has_figures_no_code_and_a_provenance_footer(batch, page_of):
    _, results, _ = batch
    for r in results:
        page = page_of(r)
        assert "data:image/png;base64," in page, r.notebook
        assert "save_result(" not in page and "hl-ipython3" not in page  # code cells hidden
        assert 'class="toolkit-provenance"' in page and "corpus sha256" in page
        assert "toolkit-failed" not in page
        assert not re.search(r'<script[^>]*src="https?://', page)  # opens offline


def test_workbook_holds_every_table_with_parameters_and_provenance(batch):
    _, results, _ = batch
    r = next(r for r in results if r.notebook == "02_frequency" and r.parameters)
    tables = sorted(p.stem for p in (Path(r.folder) / "tables").glob("*.csv"))
    assert {"term_frequencies", "ngrams", "distinctive_terms", "term_frequencies_by_group"} <= set(tables)
    book = openpyxl.load_workbook(Path(r.folder) / "02_frequency.xlsx")
    assert set(tables) | {"parameters", "provenance"} == set(book.sheetnames)
    parameters = {row[0].value: row[1].value for row in book["parameters"].iter_rows(min_row=2)}
    assert parameters == {"corpus": r.parameters["corpus"], "name_template": "{year}-{president}", "by": "president"}
    provenance = {row[0].value: row[1].value for row in book["provenance"].iter_rows(min_row=2)}
    assert provenance["status"] == SUCCEEDED and len(provenance["corpus_sha256"]) == 64


def test_sheet_names_are_cut_and_kept_unique(tmp_path: Path):
    (tmp_path / "t.csv").write_text("term,n\nbaku,007\ntalks,1.5e3\n", "utf-8")
    long = "collocates_of_azerbaijan_and_armenia"
    for name in (long, long + "_again", "parameters"):
        shutil.copy(tmp_path / "t.csv", tmp_path / f"{name}.csv")
    tables = read_tables([tmp_path / f"{name}.csv" for name in (long, long + "_again", "parameters")])
    assert write_workbook(tmp_path / "w.xlsx", tables, {"terms": ["a", "b"]}, {"seconds": 1.5}) == {}  # none capped
    book = openpyxl.load_workbook(tmp_path / "w.xlsx")
    assert book.sheetnames == [long[:31], f"{long[:27]}_3", "parameters_4", "parameters", "provenance"]
    assert [c.value for c in book[long[:31]]["B"]] == ["n", "007", 1500.0]  # "007" stays text
    assert [c.value for c in book["parameters"][2]] == ["terms", '["a", "b"]']


def test_a_long_table_keeps_both_ends_in_the_workbook_and_says_so(tmp_path: Path):
    # a keyness table as long as a real news corpus gives: the target's keywords first, the reference's last
    rows = WORKBOOK_ROWS + 2_345
    g2 = [float(rows // 2 - i) for i in range(rows)]
    table = pd.DataFrame({"term": [f"term{i:06d}" for i in range(rows)], "g2": g2})
    csv_path = save_table(table, tmp_path / "keyness.csv")
    tables = read_tables([csv_path])
    half = WORKBOOK_ROWS // 2
    note = f"the first {half:,} and the last {half:,} of {rows:,} rows; the whole table is tables/keyness.csv"
    assert write_workbook(tmp_path / "w.xlsx", tables, {}, {}) == {"keyness": note}
    sheet = openpyxl.load_workbook(tmp_path / "w.xlsx", read_only=True)["keyness"]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0] == ["term", "g2", note]  # the note sits beside the header, where a reader starts
    assert len(cells) == 1 + half + 1 + half
    assert [row[:2] for row in cells[1 : half + 1]] == [[f"term{i:06d}", g2[i]] for i in range(half)]
    gap = f"… {rows - WORKBOOK_ROWS:,} rows left out here: the whole table is tables/keyness.csv"
    assert cells[half + 1][0] == gap
    assert [row[:2] for row in cells[half + 2 :]] == [[f"term{i:06d}", g2[i]] for i in range(rows - half, rows)]
    assert cells[-1][:2] == [f"term{rows - 1:06d}", g2[-1]]  # the reference's strongest keyword is there
    assert len(pd.read_csv(csv_path, encoding="utf-8-sig")) == rows  # the CSV keeps them all
    exact = read_tables([csv_path], max_rows=rows)[0]  # a table as long as the cap is whole
    assert not exact.capped and exact.note == "" and len(exact.rows) == exact.head == rows


def test_a_cell_holding_a_whole_article_reaches_the_workbook(tmp_path: Path, news_dir: Path):
    # csv's default field limit is 131,072 characters: a saved corpus table holds longer texts
    article = " ".join(p.read_text("utf-8") for p in sorted(news_dir.rglob("*.txt"))) * 40
    assert len(article) > 200_000
    csv_path = save_table(pd.DataFrame({"doc_id": ["all.txt"], "text": [article]}), tmp_path / "corpus.csv")
    limit = csv.field_size_limit()
    write_workbook(tmp_path / "w.xlsx", read_tables([csv_path]), {}, {})
    cell = openpyxl.load_workbook(tmp_path / "w.xlsx")["corpus"]["B2"].value
    assert cell == article[:32_767]  # Excel's limit for one cell; the CSV keeps the whole text
    assert csv.field_size_limit() == limit  # raised only while reading


def test_workbook_cells_keep_their_types_and_lose_what_excel_refuses(tmp_path: Path):
    csv_path = tmp_path / "cells.csv"
    csv_path.write_text('term,n,share\n"bell\x07ring",3,0.25\n"@SUM(A1)",-2,1e-3\n"a\nb",007,\n+1,+1,-0.0\n', "utf-8")
    write_workbook(tmp_path / "w.xlsx", read_tables([csv_path]), {"n": 5, "terms": ["é"]}, {"ok": True})
    book = openpyxl.load_workbook(tmp_path / "w.xlsx")
    assert [[c.value for c in row] for row in book["cells"].iter_rows()] == [
        ["term", "n", "share"],
        ["bell\ufffdring", 3, 0.25],
        ["'@SUM(A1)", -2, 0.001],
        ["a\nb", "007", None],  # an empty cell stays empty
        [1, 1, -0.0],
    ]
    assert [[c.value for c in row] for row in book["parameters"].iter_rows()] == [
        ["parameter", "value"],
        ["n", 5],
        ["terms", '["\\u00e9"]'],
    ]
    assert all(cell.data_type != "f" for sheet in book for row in sheet.iter_rows() for cell in row)


def test_corpus_text_is_escaped_and_spreadsheet_cells_inert(tmp_path: Path):
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    (corpus / "a.txt").write_text('<script>alert("x")</script> and <img src=x onerror=alert(1)>\nBody.\n', "utf-8")
    (corpus / "b.txt").write_text('=HYPERLINK("http://example.com","click")\nMore text.\n', "utf-8")
    result = run_report("overview", {"corpus": str(corpus)}, out=tmp_path / "out")
    assert result.status == "SUCCEEDED", result.error
    page = (Path(result.folder) / "01_overview.html").read_text("utf-8")
    assert "<script>alert" not in page and "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert" in page
    sheet = openpyxl.load_workbook(Path(result.folder) / "01_overview.xlsx")["metadata"]
    titles = [row[1].value for row in sheet.iter_rows(min_row=2)]
    assert '\'=HYPERLINK("http://example.com","click")' in titles
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_hostile_text_stays_text_in_kwic_reports(tmp_path: Path):
    root = tmp_path / "hostile"
    root.mkdir()
    (root / "a.txt").write_text("<script>alert(1)</script> talks <img src=x onerror=alert(2)> talks\n", "utf-8")
    result = run_report("concordance", {"corpus": str(root), "terms": ["talks"]}, out=tmp_path / "out")
    assert result.status == "SUCCEEDED", result.error
    page = (Path(result.folder) / "04_concordance.html").read_text("utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert re.search(r"<td[^>]*>[^<]*&lt;[^<]*</td>", page)  # the markup is shown as text in the KWIC table


def test_control_characters_and_numbers_in_the_workbook(tmp_path: Path):
    root = tmp_path / "ctl"
    root.mkdir()
    (root / "a.txt").write_text("Old \x1a DOS text\x1b[0m about talks.\nMore talks.\n", "utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "b.txt").write_text("Other words entirely, nothing shared.\n", "utf-8")
    result = run_report("keyness", {"corpus": str(root), "reference": str(other)}, out=tmp_path / "out")
    assert result.status == "SUCCEEDED", result.error
    book = openpyxl.load_workbook(Path(result.folder) / "03_keyness.xlsx")
    assert "workbook_error" not in json.loads((Path(result.folder) / "manifest.json").read_text("utf-8"))
    sheet = book["keyness"]
    header = [c.value for c in sheet[1]]
    g2 = [row[header.index("g2")].value for row in sheet.iter_rows(min_row=2)]
    assert all(isinstance(v, float) for v in g2) and min(g2) < 0  # numbers stay numbers, negatives too
    overview = run_report("overview", {"corpus": str(root)}, out=tmp_path / "out")
    titles = [c.value for c in openpyxl.load_workbook(Path(overview.folder) / "01_overview.xlsx")["metadata"]["B"]]
    assert "Old \ufffd DOS text\ufffd[0m about talks." in titles


def test_a_failed_run_has_a_banner_and_a_page_even_without_a_notebook(tmp_path: Path):
    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Talks <b>in</b> Baku")])
    nbformat.write(book, tmp_path / "r.ipynb")
    footer = {"corpus": "<script>x</script>", "parameters": {"by": "<i>"}}
    page = render_html(tmp_path / "r.ipynb", title="r", status="FAILED", error="cell 1: <KeyError>", footer=footer)
    assert "this report did not run to the end. cell 1: &lt;KeyError&gt;</div>" in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "&quot;&lt;i&gt;&quot;" in page
    assert page.index('class="toolkit-failed"') < page.index("Talks") < page.index('class="toolkit-provenance"')
    ok = render_html(tmp_path / "r.ipynb", title="r", status="SUCCEEDED", footer={})
    assert "toolkit-failed" not in ok
    assert failed_page("<dead>") == "<html><body><h1>FAILED</h1><p>&lt;dead&gt;</p></body></html>"


def test_chromium_renders_the_report_without_script_errors(batch):
    browser = find_chromium()
    if browser is None:
        pytest.skip("Chromium not installed (.ci/run installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    _, results, _ = batch
    result = next(r for r in results if r.notebook == "04_concordance" and r.parameters)
    errors: list[str] = []
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=browser,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        page = chromium.new_page()
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto((Path(result.folder) / f"{result.notebook}.html").as_uri())
        sizes = page.eval_on_selector_all("img", "imgs => imgs.map(i => [i.complete, i.naturalWidth])")
        footer = page.inner_text("footer.toolkit-provenance")
        chromium.close()
    assert len(sizes) >= 2 and all(done and width > 0 for done, width in sizes)
    assert errors == []
    assert "corpus sha256" in footer


def test_pdf_with_chromium_or_a_clear_message(batch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _, results, _ = batch
    page = Path(results[0].folder) / f"{results[0].notebook}.html"
    copy = tmp_path / page.name
    shutil.copy(page, copy)
    if find_chromium():
        assert print_pdf(copy) == copy.with_suffix(".pdf").name
        assert copy.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_chromium() is None
    assert print_pdf(copy) == "no PDF: Chromium is not installed (Debian: apt-get install chromium)"
