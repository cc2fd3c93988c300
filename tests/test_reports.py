"""Report runs for real: papermill executes the notebooks, nbconvert renders, Chromium opens the HTML."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from conftest import run_cli as _cli
from toolkit.paths import PROJECT_ROOT
from toolkit.reports import running as reports

FIXTURES = Path(__file__).parent / "fixtures"
NOTEBOOKS = sorted(reports.list_notebooks())


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory, nltk_corpus_dir):
    """Every notebook on corpus/ and on the inaugural addresses, two at a time, in one batch."""
    out = tmp_path_factory.mktemp("reports")
    inaugural = str(nltk_corpus_dir("inaugural"))
    multi = {"corpus": inaugural, "pattern": "{year}-{president}", "by": "president"}
    runs = [(nb, {}) for nb in NOTEBOOKS]
    for nb in NOTEBOOKS:
        declared = reports.notebook_parameters(reports.resolve_notebook(nb))
        runs.append((nb, {k: v for k, v in multi.items() if k in declared}))
    lines: list[str] = []
    results = reports.run_batch(runs, out=out, jobs=2, timeout=300, progress=lines.append)
    return out, results, lines


def _html(result: reports.RunResult) -> str:
    return (Path(result.folder) / f"{result.notebook}.html").read_text("utf-8")


def test_every_notebook_runs_on_both_corpora(batch):
    _, results, lines = batch
    assert [r.status for r in results] == ["SUCCEEDED"] * len(results), [r.error for r in results]
    assert len(results) == 2 * len(NOTEBOOKS) == 10
    for r in results:
        files = set(r.files)
        assert {f"{r.notebook}.html", f"{r.notebook}.ipynb", f"{r.notebook}.xlsx", "manifest.json"} <= files
        assert "parameters.json" in files and (Path(r.folder) / "tables").is_dir()
    assert sum(any(f.startswith("tables/") for f in r.files) for r in results) == 9  # trends on one document: none
    assert lines[-1].startswith("10 of 10 reports succeeded")  # progress per report and per batch
    assert sum(line.startswith("[") and "SUCCEEDED" in line for line in lines) == 10


def test_html_has_figures_no_code_and_a_provenance_footer(batch):
    _, results, _ = batch
    for r in results:
        page = _html(r)
        assert "data:image/png;base64," in page, r.notebook
        assert "save_result(" not in page and "hl-ipython3" not in page  # code cells hidden
        assert 'class="toolkit-provenance"' in page and "corpus sha256" in page
        assert "toolkit-failed" not in page


def test_notebooks_say_what_a_small_corpus_lacks(batch):
    _, results, _ = batch
    trends_default = next(r for r in results if r.notebook == "05_trends" and not r.parameters)
    assert "No trend to show: the corpus has no field 'year' (fields: title)" in _html(trends_default)
    keyness_default = next(r for r in results if r.notebook == "03_keyness" and not r.parameters)
    assert "compared with general English" in _html(keyness_default)
    trends_multi = next(r for r in results if r.notebook == "05_trends" and r.parameters)
    assert "Following" in _html(trends_multi) and "across 36 values of president" in _html(trends_multi)


def test_manifest_tables_workbook_and_index(batch):
    out, results, _ = batch
    r = next(r for r in results if r.notebook == "02_frequency" and r.parameters)
    manifest = json.loads((Path(r.folder) / "manifest.json").read_text("utf-8"))
    assert manifest["status"] == "SUCCEEDED" and manifest["parameters"] == r.parameters
    assert len(manifest["corpus_sha256"]) == 64 and manifest["seconds"] > 0
    assert {"toolkit", "nltk", "pandas", "papermill", "nbconvert", "python"} <= set(manifest["versions"])
    tables = sorted(p.stem for p in (Path(r.folder) / "tables").glob("*.csv"))
    assert {"term_frequencies", "ngrams", "distinctive_terms", "term_frequencies_by_group"} <= set(tables)
    book = openpyxl.load_workbook(Path(r.folder) / "02_frequency.xlsx")
    assert set(tables) | {"parameters", "provenance"} == set(book.sheetnames)
    index = (out / "index.html").read_text("utf-8")
    assert index.count("SUCCEEDED") == 10
    assert f'href="02_frequency/{r.run_id}/02_frequency.html"' in index


def test_a_failing_cell_gives_a_failed_run_with_the_error(tmp_path: Path):
    result = reports.run_report("overview", {"corpus": str(tmp_path / "missing")}, out=tmp_path / "out")
    assert result.status == "FAILED"
    assert "CorpusError" in result.error and "no such file or folder" in result.error
    page = _html(result)
    assert 'class="toolkit-failed"' in page and "FAILED" in page
    manifest = json.loads((Path(result.folder) / "manifest.json").read_text("utf-8"))
    assert manifest["status"] == "FAILED"
    assert "FAILED" in (tmp_path / "out" / "index.html").read_text("utf-8")


def test_timeout_and_dead_kernel_are_failed_runs(tmp_path: Path):
    slow = reports.run_report(str(FIXTURES / "faults.ipynb"), {"how": "sleep"}, out=tmp_path, timeout=3)
    assert slow.status == "FAILED" and slow.error.startswith("timeout")
    dead = reports.run_report(str(FIXTURES / "faults.ipynb"), {"how": "crash"}, out=tmp_path, timeout=60)
    assert dead.status == "FAILED" and "kernel died" in dead.error
    for result in (slow, dead):
        assert 'class="toolkit-failed"' in _html(result)
    fine = reports.run_report(str(FIXTURES / "faults.ipynb"), {"how": "fine"}, out=tmp_path)
    assert fine.status == "SUCCEEDED"


def test_parameters_are_checked_and_cast():
    trends = reports.resolve_notebook("trends")
    with pytest.raises(reports.ReportError, match=r"unknown parameter 'colour' for 05_trends; known: by, corpus"):
        reports.check_parameters(trends, {"colour": "red"})
    with pytest.raises(reports.ReportError, match=r"parameter n_boot: expected int, got 'many'"):
        reports.check_parameters(trends, {"n_boot": "many"})
    with pytest.raises(reports.ReportError, match="is not a Python identifier"):
        reports.check_parameters(trends, {"x\nimport os": 1})
    assert reports.check_parameters(trends, {"terms": "['war', 'peace']", "seed": 3}) == {
        "terms": ["war", "peace"],
        "seed": 3,
    }


def test_report_command_batch_from_yaml(tmp_path: Path):
    (tmp_path / "batch.yaml").write_text(
        "- {notebook: overview}\n- {notebook: keyness, reference: english}\n"
        f"- {{notebook: trends, corpus: {tmp_path / 'nowhere'}}}\n",
        "utf-8",
    )
    done = _cli("report", "all", "-f", str(tmp_path / "batch.yaml"), "--jobs", "2", "--out", str(tmp_path / "r"))
    assert done.returncode == 1  # one of three failed
    assert done.stdout.strip() == str(tmp_path / "r" / "index.html")
    assert "2 of 3 reports succeeded" in done.stderr
    index = (tmp_path / "r" / "index.html").read_text("utf-8")
    assert index.count("SUCCEEDED") == 2 and index.count(">FAILED<") == 1
    unknown = _cli("report", "overview", "-p", "colour", "red", "--out", str(tmp_path / "r"))
    assert unknown.returncode == 1 and "unknown parameter 'colour'" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_plain_papermill_cli_runs_a_notebook_on_any_folder(tmp_path: Path, news_dir: Path):
    out = tmp_path / "out.ipynb"
    done = subprocess.run(
        [shutil.which("papermill") or str(Path(sys.executable).with_name("papermill")),
         str(PROJECT_ROOT / "notebooks" / "02_frequency.ipynb"), str(out),
         "-p", "corpus", str(news_dir), "-p", "by", "category", "--no-progress-bar"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    executed = json.loads(out.read_text("utf-8"))
    assert "in 3 documents" in json.dumps(executed)
    by_group = next(c for c in executed["cells"] if "has_groups(texts, by)" in "".join(c["source"]))
    figures = [o for o in by_group["outputs"] if "image/png" in o.get("data", {})]
    assert len(figures) == 2  # top terms per category, and the heatmap


def test_corpus_text_is_escaped_and_spreadsheet_cells_inert(tmp_path: Path):
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    (corpus / "a.txt").write_text('<script>alert("x")</script> and <img src=x onerror=alert(1)>\nBody.\n', "utf-8")
    (corpus / "b.txt").write_text('=HYPERLINK("http://example.com","click")\nMore text.\n', "utf-8")
    result = reports.run_report("overview", {"corpus": str(corpus)}, out=tmp_path / "out")
    assert result.status == "SUCCEEDED", result.error
    page = _html(result)
    assert "<script>alert" not in page and "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert" in page
    sheet = openpyxl.load_workbook(Path(result.folder) / "01_overview.xlsx")["metadata"]
    titles = [row[1].value for row in sheet.iter_rows(min_row=2)]
    assert '\'=HYPERLINK("http://example.com","click")' in titles
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_interrupted_runs_are_never_listed_and_are_cleaned(tmp_path: Path):
    stale = tmp_path / "01_overview" / ".tmp-20260101-000000-000000-abcdef"
    stale.mkdir(parents=True)
    (stale / "manifest.json").write_text('{"notebook": "01_overview", "status": "SUCCEEDED"}', "utf-8")
    assert "01_overview" not in reports.write_index(tmp_path).read_text("utf-8").split("<table>")[1]
    reports.run_batch([("overview", {})], out=tmp_path, progress=lambda line: None)
    assert not stale.exists()


def test_chromium_renders_the_report_without_script_errors(batch):
    browser = reports.find_chromium()
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
    if reports.find_chromium():
        assert reports.print_pdf(copy) == copy.with_suffix(".pdf").name
        assert copy.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert reports.print_pdf(copy).startswith("no PDF: Chromium is not installed")
