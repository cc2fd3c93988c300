"""nbgrader for real: the course folder releases without solutions, hidden tests or teaching notes, and autogrades.

nbgrader's own command line runs ``generate_assignment`` and ``autograde`` in a
temporary course folder set up by ``python -m toolkit exercises nbgrader``;
scores are read back from nbgrader's gradebook.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli
from toolkit.teaching.course import NBGRADER_CONFIG, write_course
from toolkit.teaching.grading import grade_class
from toolkit.teaching.student import EXERCISES_DIR, INSTRUCTOR_TAG

pytest.importorskip("nbgrader", reason="nbgrader is in the teach extra: pip install -e '.[teach]'")

FIXTURES = Path(__file__).parent / "fixtures"
#: The real exercise notebooks, each released as an assignment of its own.
REAL = sorted(EXERCISES_DIR.glob("*.ipynb"))


def nbgrader(course: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    """Run nbgrader's command line in ``course`` (its bin folder on PATH: nbgrader calls ``alembic`` by name)."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=course, capture_output=True, text=True, timeout=timeout, env=env
    )
    errors = [line for line in done.stderr.splitlines() if re.match(r"\w*(Error|Exception)\b|.*\| ERROR\]", line)]
    assert done.returncode == 0 and errors == [], "\n".join(errors) or done.stderr
    return done


def _lines(cells: list[dict]) -> tuple[set[str], dict[str, set[str]]]:
    """Return a notebook's stripped lines outside marked regions, and those inside, by region kind."""
    outside: set[str] = set()
    found: dict[str, set[str]] = {"SOLUTION": set(), "HIDDEN TESTS": set()}
    for cell in cells:
        inside = None
        for line in "".join(cell["source"]).splitlines():
            marker = re.search(r"(BEGIN|END) (SOLUTION|HIDDEN TESTS)", line)
            if marker:
                inside = marker.group(2) if marker.group(1) == "BEGIN" else None
            elif inside:
                found[inside].add(line.strip())
            else:
                outside.add(line.strip())
    return outside, found


def assert_released_clean(source: Path, released: Path) -> None:
    """No solution, no hidden test, no teaching note, no output in the released notebook; check cells stay."""
    text = released.read_text("utf-8")
    outside, inside = _lines(json.loads(source.read_text("utf-8"))["cells"])
    released_lines, _ = _lines(json.loads(text)["cells"])
    secret = (inside["SOLUTION"] | inside["HIDDEN TESTS"]) - outside  # a line also outside a region is no secret
    assert inside["SOLUTION"] and sorted(secret & released_lines - {""}) == [], released.name
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text, released.name
    cells = json.loads(text)["cells"]
    notes = [
        c for c in json.loads(source.read_text("utf-8"))["cells"] if INSTRUCTOR_TAG in c["metadata"].get("tags", [])
    ]
    assert notes, f"{source.name} has no teaching note to remove"
    assert not any(INSTRUCTOR_TAG in c["metadata"].get("tags", []) for c in cells)
    assert not any("".join(n["source"]) in text for n in notes)
    assert all(not c["outputs"] for c in cells if c["cell_type"] == "code")
    checks = [c for c in cells if c["metadata"].get("nbgrader", {}).get("grade")]
    assert checks and all("".join(c["source"]).startswith('check("ex') for c in checks if c["cell_type"] == "code")


def test_the_command_writes_the_course_folder_and_refuses_to_overwrite_it(tmp_path: Path):
    done = run_cli("exercises", "nbgrader", str(tmp_path / "course"), "--assignment", "week1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"8 notebooks in {tmp_path / 'course' / 'source' / 'week1'}; release them with:")
    assert (tmp_path / "course" / "nbgrader_config.py").read_text("utf-8") == NBGRADER_CONFIG
    again = run_cli("exercises", "nbgrader", str(tmp_path / "course"), "--assignment", "week1")
    assert again.returncode == 1 and "exists; use --force to replace it" in again.stderr
    assert (
        run_cli("exercises", "nbgrader", str(tmp_path / "course"), "--assignment", "week1", "--force").returncode == 0
    )


def _submit(course: Path, student: str, answers: dict[str, str]) -> None:
    """Hand in the released fixture with the solution cells named in ``answers`` filled in."""
    book = json.loads((course / "release" / "ps1" / "ex90_fixture.ipynb").read_text("utf-8"))
    for cell in book["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell["source"] = answers[grade_id]
    (course / "submitted" / student / "ps1").mkdir(parents=True)
    (course / "submitted" / student / "ps1" / "ex90_fixture.ipynb").write_text(json.dumps(book), "utf-8")


def test_nbgrader_releases_the_fixture_cleanly_and_autogrades_a_mock_class(tmp_path: Path):
    from nbgrader.api import Gradebook

    course = tmp_path / "course"
    write_course(course, "ps1", source=FIXTURES)
    nbgrader(course, "generate_assignment", "ps1")
    assert_released_clean(FIXTURES / "ex90_fixture.ipynb", course / "release" / "ps1" / "ex90_fixture.ipynb")

    right = {
        "ex4_2_answer": 'rare_measure = "mi"',
        "ex5_1_answer": "g2 = stats.log_likelihood(**KEYNESS_TABLE)",
        "ex5_2_answer": "log_ratio = stats.log_ratio(**KEYNESS_TABLE)",
    }
    _submit(course, "ana", right)  # perfect
    _submit(course, "ben", {**right, "ex5_1_answer": "g2 = stats.log_likelihood(**KEYNESS_TABLE, form='four-term')"})
    _submit(course, "cleo", {"ex4_2_answer": 'rare_measure = "mi"'})  # the rest left as released
    nbgrader(course, "autograde", "ps1")  # (nbgrader warns that hidden-test cells' checksums changed: its issue #1961)

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {}
        for student in ("ana", "ben", "cleo"):
            submission = gradebook.find_submission("ps1", student)
            scores[student] = (submission.score, submission.max_score)
            (notebook,) = submission.notebooks
            scores[student, "cells"] = {g.name: g.score for g in notebook.grades}
    assert scores["ana"] == (3, 3) and scores["ben"] == (2, 3) and scores["cleo"] == (1, 3)
    assert scores["ben", "cells"] == {"ex4_2_check": 1, "ex5_1_check": 0, "ex5_2_check": 1}
    autograded = (course / "autograded" / "ben" / "ps1" / "ex90_fixture.ipynb").read_text("utf-8")
    assert "ex5.1: partly right. That is the four-term form" in autograded  # the check's feedback, in nbgrader too

    # the same class, graded by the toolkit from nbgrader's layout (the course folder: submitted/STUDENT/ASSIGNMENT)
    result = grade_class(course, tmp_path / "grades", source=FIXTURES, timeout=60)
    verdicts = {(g.student, g.notebook, g.check_id): g.verdict for g in result.grades}
    assert verdicts[("ana", "ps1/ex90_fixture", "ex5.2")] == "correct"
    assert verdicts[("ben", "ps1/ex90_fixture", "ex5.1")] == "partly right"
    assert verdicts[("cleo", "ps1/ex90_fixture", "ex5.1")] == "error"  # the released stub raises NotImplementedError
    assert result.problems == [("cleo", "ps1/ex90_fixture", "error: NotImplementedError:")]


@pytest.mark.parametrize("source", REAL, ids=[p.stem for p in REAL])
def test_nbgrader_releases_each_real_exercise_without_solutions_hidden_tests_or_notes(source: Path, tmp_path: Path):
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / source.name).write_bytes(source.read_bytes())
    course = tmp_path / "course"
    write_course(course, source.stem, source=tmp_path / "one")
    nbgrader(course, "generate_assignment", source.stem)
    assert_released_clean(source, course / "release" / source.stem / source.name)


def test_nbgrader_autogrades_a_real_exercise_full_marks_for_the_solutions_none_for_the_release(tmp_path: Path):
    """ex05 as an assignment: the teacher's answers typed into the release score 3 of 3; the release as is, 0."""
    from nbgrader.api import Gradebook

    source = EXERCISES_DIR / "ex05_keyness.ipynb"
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / source.name).write_bytes(source.read_bytes())
    course = tmp_path / "course"
    write_course(course, "keyness", source=tmp_path / "one")
    nbgrader(course, "generate_assignment", "keyness")
    solutions = {
        cell["metadata"]["nbgrader"]["grade_id"]: "\n".join(
            line for line in "".join(cell["source"]).splitlines() if "SOLUTION" not in line
        )
        for cell in json.loads(source.read_text("utf-8"))["cells"]
        if cell["metadata"].get("nbgrader", {}).get("solution")
    }
    released = json.loads((course / "release" / "keyness" / source.name).read_text("utf-8"))
    for student, answers in (("ana", solutions), ("ben", {})):
        book = json.loads(json.dumps(released))
        for cell in book["cells"]:
            grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
            if grade_id in answers:
                cell["source"] = answers[grade_id]
        (course / "submitted" / student / "keyness").mkdir(parents=True)
        (course / "submitted" / student / "keyness" / source.name).write_text(json.dumps(book), "utf-8")
    nbgrader(course, "autograde", "keyness")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {s: gradebook.find_submission("keyness", s).score for s in ("ana", "ben")}
        maximum = gradebook.find_submission("keyness", "ana").max_score
    assert maximum == 3 and scores == {"ana": 3, "ben": 0}
