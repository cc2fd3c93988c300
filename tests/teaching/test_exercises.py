"""The exercise notebooks as teachers ship them: what they import from the toolkit, and that they pass."""

from __future__ import annotations

import re

import nbformat
import pytest

from toolkit.teaching import exercises
from toolkit.teaching.judges import EXERCISES
from toolkit.teaching.student import BEGIN, END, EXERCISES_DIR

SOURCES = sorted(EXERCISES_DIR.glob("*.ipynb"))
STUDENT_NAMES = {"check", "practice_corpus", "practice_folder", "SENTENCE", "DICE_COUNTS", "KEYNESS_TABLE"}


def test_the_student_namespace_is_what_the_notebooks_import():
    assert set(exercises.__all__) == STUDENT_NAMES
    imported = set()
    for path in SOURCES:
        for cell in nbformat.read(path, as_version=4).cells:
            for line in cell["source"].splitlines():
                if line.startswith("from toolkit.teaching"):
                    assert line.startswith("from toolkit.teaching.exercises import "), (path.name, line)
                    imported |= {name.strip() for name in line.split(" import ", 1)[1].split(",")}
    assert imported == STUDENT_NAMES  # each name is used, and notebooks import nothing else from teaching
    assert exercises.check("ex4.2", "log_dice") == "not yet"
    assert exercises.check("ex4.2", "mi") == "correct"


def test_there_are_eight_progressive_exercises_with_goals_hints_and_a_closing_question():
    assert [p.stem[:4] for p in SOURCES] == [f"ex0{i}" for i in range(1, 9)]
    for path in SOURCES:
        book = nbformat.read(path, as_version=4)
        text = "\n".join(c["source"] for c in book.cells)
        assert "**Goals.**" in text and "## To think about" in text, path.name
        assert any("instructor" in c["metadata"].get("tags", []) for c in book.cells), path.name
        assert BEGIN in text and END in text
        assert all(c.get("outputs", []) == [] for c in book.cells if c["cell_type"] == "code")


def test_the_notebooks_check_every_registered_exercise_once_in_order(checked_ids):
    calls = [exercise_id for path in SOURCES for exercise_id in checked_ids(path)]
    assert calls == sorted(EXERCISES) and len(calls) >= 21
    for path in SOURCES:
        assert {c[2] for c in checked_ids(path)} == {path.stem[3]}, path.name  # ex03_frequency checks ex3.*


@pytest.fixture(scope="module")
def solution_verdicts(run_notebooks) -> dict[str, list[str]]:
    """Every solution notebook run through papermill, as a teacher tries them before class."""
    return run_notebooks(SOURCES)


def test_every_solution_notebook_runs_and_passes_all_its_checks(solution_verdicts, checked_ids):
    for source in SOURCES:
        lines = solution_verdicts[source.stem]
        assert [line.split(":", 1)[0] for line in lines] == checked_ids(source) != [], source.name
        assert all(line.split(": ", 1)[1].startswith("correct") for line in lines), lines


def test_every_task_is_an_nbgrader_solution_cell_followed_by_a_locked_autograded_check():
    """nbgrader's metadata (schema 3): the answer cell is a solution cell, the check cell a graded test cell."""
    grade_ids: list[str] = []
    for path in SOURCES:
        cells = nbformat.read(path, as_version=4).cells
        for index, cell in enumerate(cells):
            meta = cell["metadata"].get("nbgrader")
            text = cell["source"]
            if BEGIN in text and cell["cell_type"] == "code":
                assert meta and meta["solution"] and not meta["grade"] and not meta["locked"], (path.name, index)
            match = re.match(r'check\("(ex\d\.\d)", (.*)\)\n### BEGIN HIDDEN TESTS\n', text)
            if not text.startswith("check("):
                continue
            assert match, (path.name, text)
            exercise_id, arguments = match.groups()
            hidden = f'assert check("{exercise_id}", {arguments}, quiet=True) == "correct"'
            assert text.splitlines()[2:] == [hidden, "### END HIDDEN TESTS"], (path.name, text)
            assert meta and meta["grade"] and meta["locked"] and not meta["solution"] and meta["points"] > 0
            assert meta["grade_id"] == exercise_id.replace(".", "_") + "_check"
            assert BEGIN in cells[index - 1]["source"], (path.name, exercise_id)  # the answer comes just before
            grade_ids += [meta["grade_id"], cells[index - 1]["metadata"]["nbgrader"]["grade_id"]]
    assert len(grade_ids) == len(set(grade_ids)) == 2 * len(EXERCISES)
