"""Project commands: the report list, the student build, and the benchmark's argument checks."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli as run


def test_report_list_names_every_report_and_its_parameters_with_help():
    result = run("report", "--list")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for name in ("01_overview", "02_frequency", "03_keyness", "04_concordance", "05_trends"):
        assert name in out
    assert "name_template" in out and "file-name fields such as {year}-{president}" in out
    assert "  random_state: int = 0" in out and "  seed:" not in out


def test_exercises_build_writes_student_notebooks_without_solutions(tmp_path: Path):
    out = tmp_path / "student"
    result = run("exercises", "build", "--out", str(out))
    assert result.returncode == 0, result.stderr
    books = sorted(out.glob("ex*.ipynb"))
    assert len(books) == 8 and result.stdout.startswith(f"8 student notebooks in {out}")
    for book in books:
        cells = json.loads(book.read_text("utf-8"))["cells"]
        assert not any("BEGIN SOLUTION" in "".join(c["source"]) for c in cells)
        assert all(not c.get("outputs") for c in cells if c["cell_type"] == "code")


def test_bench_checks_its_arguments_before_building_anything():
    bad = run("bench", "--sizes", "five")
    assert bad.returncode == 1 and bad.stderr == (
        "python -m toolkit: error: --sizes takes numbers of MB separated by commas, got 'five'\n"
    )
    zero = run("bench", "--sizes", "0")
    assert zero.returncode == 1 and "--sizes must be positive" in zero.stderr
    never = run("bench", "--sizes", "5", "--repeat", "0")
    assert never.returncode == 1 and "--repeat 1 or more" in never.stderr


def test_bench_loads_and_runs_the_benchmark_script_from_the_checkout(tmp_path: Path):
    """A tiny run (0.05 MB, stock NLTK skipped): the script loads as a module and prints its table of timings."""
    result = run("bench", "--sizes", "0.05", "--slow-max", "0", "--jobs", "1", "--repeat", "2", "--data", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "toolkit regexp" in result.stdout and "CountVectorizer" in result.stdout
    assert "the toolkit counts with --jobs 1, except 'toolkit regexp 1 job' (--jobs 1)" in result.stdout
    assert (
        "(median of 2: " in result.stdout
        and "toolkit regexp 1 job and toolkit regexp: identical output" in result.stdout
    )


def test_a_report_parameter_goes_to_the_reports_that_take_it(tmp_path: Path):
    out = tmp_path / "reports"
    result = run("report", "overview", "trends", "-p", "by", "title", "-p", "n_boot", "0", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "parameter by applies to 05_trends" in result.stderr
    trends_page = next(out.glob("05_trends/*/05_trends.html")).read_text("utf-8")
    assert "The field 'title' has 1 distinct value(s)" in trends_page
    assert "(fields: title), so the corpus is cut" in trends_page
    unknown = run("report", "overview", "trends", "-p", "colour", "red", "--out", str(out))
    assert unknown.returncode == 1 and "unknown parameter 'colour'" in unknown.stderr
