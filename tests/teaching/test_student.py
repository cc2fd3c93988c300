"""The student build: solutions replaced by placeholders that run, teacher notes gone, nothing leaks."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from conftest import run_cli
from toolkit.teaching.student import BEGIN, END, EXERCISES_DIR, INSTRUCTOR_TAG, build_student, strip_solutions

SOURCES = sorted(EXERCISES_DIR.glob("*.ipynb"))


def test_strip_solutions_keeps_code_runnable_and_markdown_readable():
    source = "import math\n    ### BEGIN SOLUTION\n    x = math.pi\n    y: int = 2\n    ### END SOLUTION\nprint(x, y)"
    assert (
        strip_solutions(source)
        == "import math\n    x = None  # YOUR ANSWER HERE\n    y = None  # YOUR ANSWER HERE\nprint(x, y)"
    )
    loop = "### BEGIN SOLUTION\nfor i in range(3):\n    total = i\n### END SOLUTION\nz = total"
    namespace: dict[str, object] = {}
    exec(strip_solutions(loop), namespace)
    assert namespace["z"] is None  # an assignment inside a loop still gets its placeholder
    assert strip_solutions("### BEGIN SOLUTION\nprint(42)\n### END SOLUTION") == "# YOUR CODE HERE"
    assert strip_solutions(f"Why?\n{BEGIN}\nBecause.\n{END}", markdown=True) == "Why?\n*YOUR ANSWER HERE*"
    assert strip_solutions("no solution here\n") == "no solution here"
    with pytest.raises(ValueError, match="has no"):
        strip_solutions(f"{BEGIN}\nx = 1")


def test_build_student_refuses_a_marker_that_would_survive(tmp_path: Path):
    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f"x = 1  {END}")])  # not alone on its line
    (tmp_path / "src").mkdir()
    nbformat.write(book, tmp_path / "src" / "ex09_bad.ipynb")
    with pytest.raises(ValueError, match="survived"):
        build_student(tmp_path / "out", source=tmp_path / "src")


@pytest.fixture(scope="module")
def student(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return build_student(tmp_path_factory.mktemp("student"))


def test_no_student_file_holds_a_solution_teacher_notes_or_outputs(student: list[Path]):
    assert [p.name for p in student] == [p.name for p in SOURCES]
    for source in SOURCES:
        solution_lines = set()
        for cell in nbformat.read(source, as_version=4).cells:
            inside = False
            for line in cell["source"].splitlines():
                if line.strip() == BEGIN:
                    inside = True
                elif line.strip() == END:
                    inside = False
                elif inside and len(re.findall(r"\w", line)) >= 3:  # not a lone bracket
                    solution_lines.add(line.strip())
        built_path = next(p for p in student if p.name == source.name)
        built = built_path.read_text("utf-8")
        assert BEGIN not in built and END not in built and "Teaching notes" not in built
        leaked = [line for line in solution_lines if line in built]
        assert leaked == [], f"{source.name} leaks {leaked}"
        cells = nbformat.read(built_path, as_version=4).cells
        assert not any(INSTRUCTOR_TAG in c["metadata"].get("tags", []) for c in cells)
        assert all(c["outputs"] == [] and c["execution_count"] is None for c in cells if c["cell_type"] == "code")


def test_every_student_notebook_runs_to_the_end_and_says_not_yet(student: list[Path], run_notebooks, checked_ids):
    verdicts = run_notebooks(student)
    for path in student:
        lines = verdicts[path.stem]
        assert [line.split(":", 1)[0] for line in lines] == checked_ids(path) != [], path.name
        assert all(": not yet. No answer yet. Hint: " in line for line in lines), lines


def test_build_command(tmp_path: Path):
    done = run_cli("exercises", "build", "--out", str(tmp_path / "s"), timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"8 student notebooks in {tmp_path / 's'}")
    assert sorted(p.name for p in (tmp_path / "s").glob("*.ipynb")) == [p.name for p in SOURCES]
