"""Grading a mock class for real: papermill kernels, a crash, an endless loop, a garbled file; grading goes on."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import run_cli
from toolkit.teaching.grading import find_submissions
from toolkit.teaching.student import build_student

FIXTURES = Path(__file__).parent / "fixtures"
NOTEBOOK = "ex90_fixture.ipynb"
#: The fixture's student build (written by the mock_class fixture).
BUILT = Path()
RIGHT = {
    "rare_measure = None  # YOUR ANSWER HERE": 'rare_measure = "mi"',
    "g2 = None  # YOUR ANSWER HERE": "g2 = stats.log_likelihood(**KEYNESS_TABLE)",
    "log_ratio = None  # YOUR ANSWER HERE": "log_ratio = stats.log_ratio(**KEYNESS_TABLE)",
}
FOUR_TERM = "g2 = stats.log_likelihood(**KEYNESS_TABLE, form='four-term')"
#: The crashing student's name: a spreadsheet formula and markup, which the CSV and HTML must make inert.
CLEO = "=cleo<img src=x onerror=alert(1)>"


def _student(root: Path, name: str, answers: dict[str, str], *, edit=None) -> None:
    """Write a student's notebook: the student build of the fixture, with answers typed in and cells edited."""
    book = json.loads(BUILT.read_text("utf-8"))
    for cell in book["cells"]:
        for placeholder, answer in answers.items():
            cell["source"] = "".join(cell["source"]).replace(placeholder, answer)
    if edit:
        edit(book["cells"])
    (root / name).mkdir()
    (root / name / NOTEBOOK).write_text(json.dumps(book), "utf-8")


def _code(source: str) -> dict:
    return {"cell_type": "code", "execution_count": None, "id": f"x{abs(hash(source))}", "metadata": {}, "outputs": []}


def _insert_after(ex_id: str, source: str):
    """Return an edit that puts a code cell with ``source`` after the check cell of ``ex_id``."""

    def edit(cells: list[dict]) -> None:
        at = next(i for i, c in enumerate(cells) if c["source"].startswith(f'check("{ex_id}"'))
        cells.insert(at + 1, {**_code(source), "source": source})

    return edit


def _drop_check(ex_id: str):
    def edit(cells: list[dict]) -> None:
        cells[:] = [c for c in cells if not c["source"].startswith(f'check("{ex_id}"')]

    return edit


@pytest.fixture(scope="module")
def mock_class(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five students in the plain layout (STUDENT/*.ipynb), built from the fixture's student version."""
    global BUILT
    (BUILT,) = build_student(tmp_path_factory.mktemp("student"), source=FIXTURES)
    root = tmp_path_factory.mktemp("class")
    _student(root, "ana", RIGHT)  # perfect
    first, *_ = RIGHT
    wrong_then_right = _insert_after("ex4.2", 'rare_measure = "mi"\ncheck("ex4.2", rare_measure)')

    def ben(cells: list[dict]) -> None:
        wrong_then_right(cells)
        _drop_check("ex5.2")(cells)  # a check cell the student deleted

    _student(root, "ben", {first: 'rare_measure = "t_score"', "g2 = None  # YOUR ANSWER HERE": FOUR_TERM}, edit=ben)
    _student(root, CLEO, {first: 'rare_measure = "t_score"'}, edit=_insert_after("ex4.2", "1 / 0"))  # crashes
    _student(root, "dan", RIGHT, edit=_insert_after("ex4.2", "while True:\n    pass"))  # never ends
    (root / "eve").mkdir()
    (root / "eve" / NOTEBOOK).write_text('{"cells": [', "utf-8")  # not a notebook at all
    (root / "ana" / ".ipynb_checkpoints").mkdir()
    (root / "ana" / ".ipynb_checkpoints" / "ex90_fixture-checkpoint.ipynb").write_text("{}", "utf-8")  # not graded
    return root


@pytest.fixture(scope="module")
def graded(mock_class: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("grades")
    args = ["exercises", "grade", str(mock_class), "--out", str(out), "--timeout", "10", "--source", str(FIXTURES)]
    return run_cli(*args, timeout=300), out


def test_grade_runs_every_notebook_and_goes_on_after_a_crash_and_a_timeout(graded):
    done, out = graded
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        f"5 notebooks of 5 students graded (3 did not finish): {out / 'grades.csv'} and {out / 'summary.html'}\n"
    )
    assert done.stderr.splitlines() == [
        f"{CLEO}/ex90_fixture: 0 of 3 correct (error: ZeroDivisionError: division by zero)",
        "ana/ex90_fixture: 3 of 3 correct",
        "ben/ex90_fixture: 1 of 3 correct",
        "dan/ex90_fixture: 1 of 3 correct (timeout: a cell ran longer than 10 s)",
        "eve/ex90_fixture: 0 of 3 correct (error: NotJSONError: Notebook does not appear to be JSON: '{\"cells\": [')",
    ]  # progress only: no library warning, no kernel traceback


def test_grades_csv_has_a_verdict_for_every_check_the_source_holds(graded):
    _, out = graded
    with (out / "grades.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == ["student", "notebook", "check_id", "verdict", "attempts"]
    assert rows[1:] == [
        ["'" + CLEO, "ex90_fixture", "ex4.2", "not yet", "1"],  # the formula is neutralised
        ["'" + CLEO, "ex90_fixture", "ex5.1", "error", "0"],  # the notebook crashed before these
        ["'" + CLEO, "ex90_fixture", "ex5.2", "error", "0"],
        ["ana", "ex90_fixture", "ex4.2", "correct", "1"],
        ["ana", "ex90_fixture", "ex5.1", "correct", "1"],
        ["ana", "ex90_fixture", "ex5.2", "correct", "1"],
        ["ben", "ex90_fixture", "ex4.2", "correct", "2"],  # wrong first, then right: the last verdict counts
        ["ben", "ex90_fixture", "ex5.1", "partly right", "1"],
        ["ben", "ex90_fixture", "ex5.2", "not run", "0"],  # the check cell was deleted
        ["dan", "ex90_fixture", "ex4.2", "correct", "1"],
        ["dan", "ex90_fixture", "ex5.1", "timeout", "0"],
        ["dan", "ex90_fixture", "ex5.2", "timeout", "0"],
        ["eve", "ex90_fixture", "ex4.2", "error", "0"],
        ["eve", "ex90_fixture", "ex5.1", "error", "0"],
        ["eve", "ex90_fixture", "ex5.2", "error", "0"],
    ]
    executed = json.loads((out / "executed" / "ana" / NOTEBOOK).read_text("utf-8"))
    assert "ex5.2: correct." in json.dumps(executed)  # each run is kept, with its outputs
    assert (out / "executed" / CLEO / NOTEBOOK).is_file()


def test_the_class_summary_counts_per_check_names_the_commonest_slip_and_escapes_everything(graded):
    _, out = graded
    page = (out / "summary.html").read_text("utf-8")
    assert "<img" not in page and "=cleo&lt;img src=x onerror=alert(1)&gt;" in page
    assert "5 students, 5 notebooks, 15 checks graded." in page

    def row(check_id: str) -> list[str]:
        start = page.index(f">{check_id}</td>")  # the row's first cell (a column of short ids does not wrap)
        cells = page[start : page.index("</tr>", start)].split("</td>")
        return [cell.rsplit(">", 1)[-1] for cell in cells if cell]

    # check, notebooks, correct, partly right, not yet, no answer, no verdict, most common slip, students with it
    assert row("ex4.2")[:7] == ["ex4.2", "5", "3", "0", "1", "0", "1"]
    assert row("ex4.2")[7].startswith("not yet") and row("ex4.2")[8] == "1"
    assert row("ex5.1")[:7] == ["ex5.1", "5", "1", "1", "0", "0", "3"]
    assert row("ex5.1")[7].startswith("partly right: That is the four-term form") and row("ex5.1")[8] == "1"
    assert row("ex5.2") == ["ex5.2", "5", "1", "0", "0", "0", "4", "", "0"]
    assert "Notebooks that did not run to their end" in page and "ZeroDivisionError" in page


def test_both_submission_layouts_are_found(tmp_path: Path):
    for rel in ("plain/ana/ex01.ipynb", "nbg/submitted/ana/ps1/ex01.ipynb", "nbg/submitted/ana/ps2/ex02.ipynb"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("{}", "utf-8")
    assert [(s.student, s.notebook) for s in find_submissions(tmp_path / "plain")] == [("ana", "ex01")]
    course = [(s.student, s.notebook) for s in find_submissions(tmp_path / "nbg")]  # the course folder
    assert (
        course
        == [("ana", "ps1/ex01"), ("ana", "ps2/ex02")]
        == [(s.student, s.notebook) for s in find_submissions(tmp_path / "nbg" / "submitted")]
    )


def test_grade_says_what_is_wrong_with_its_arguments(tmp_path: Path):
    missing = run_cli("exercises", "grade", str(tmp_path / "nowhere"))
    assert missing.returncode == 1 and missing.stderr == (
        f"python -m toolkit: error: no submissions folder {tmp_path / 'nowhere'}\n"
    )
    zero = run_cli("exercises", "grade", str(tmp_path), "--timeout", "0")
    assert zero.returncode == 2 and "argument --timeout: must be a number of seconds over 0, got '0'" in zero.stderr
