"""Teaching exercises: solution notebooks pass, student notebooks run, no solution leaks, verdicts."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest

from toolkit.paths import PROJECT_ROOT
from toolkit.teaching import exercises
from toolkit.teaching.exercises import BEGIN, END, build_student, check, strip_solutions

SOURCES = sorted(exercises.EXERCISES_DIR.glob("*.ipynb"))


def _check_lines(path: Path) -> list[str]:
    book = json.loads(path.read_text("utf-8"))
    lines = []
    for cell in book["cells"]:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", f"{path.name}: {output.get('ename')}: {output.get('evalue')}"
            lines += [line for line in "".join(output.get("text", "")).splitlines() if re.match(r"ex\d\.\d: ", line)]
    return lines


def _check_calls(path: Path) -> int:
    book = nbformat.read(path, as_version=4)
    return sum(len(re.findall(r'^check\("ex', c["source"], flags=re.M)) for c in book.cells if c["cell_type"] == "code")


def test_there_are_eight_progressive_exercises_with_goals_hints_and_a_closing_question():
    assert [p.stem[:4] for p in SOURCES] == [f"ex0{i}" for i in range(1, 9)]
    for path in SOURCES:
        book = nbformat.read(path, as_version=4)
        text = "\n".join(c["source"] for c in book.cells)
        assert "**Goals.**" in text and "## To think about" in text, path.name
        assert any("instructor" in c["metadata"].get("tags", []) for c in book.cells), path.name
        assert BEGIN in text and END in text
        assert all(c.get("outputs", []) == [] for c in book.cells if c["cell_type"] == "code")


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory):
    """Run every solution notebook and every student notebook through papermill."""
    folder = tmp_path_factory.mktemp("exercises")
    student = build_student(folder / "student")
    runs = {}
    for kind, paths in (("solution", SOURCES), ("student", student)):
        for path in paths:
            out = folder / f"{kind}-{path.name}"
            papermill.execute_notebook(str(path), str(out), kernel_name="python3", progress_bar=False, cwd=str(folder))
            runs[(kind, path.stem)] = out
    return runs, student


def test_every_solution_notebook_passes_all_its_checks(executed):
    runs, _ = executed
    for source in SOURCES:
        lines = _check_lines(runs[("solution", source.stem)])
        assert len(lines) == _check_calls(source) >= 2, source.name
        assert all(line.split(": ", 1)[1].startswith("correct") for line in lines), lines


def test_every_student_notebook_runs_to_the_end_and_says_not_yet(executed):
    runs, student = executed
    assert len(student) == 8
    for path in student:
        lines = _check_lines(runs[("student", path.stem)])
        assert len(lines) == _check_calls(path) >= 2, path.name
        assert all(": not yet. No answer yet. Hint: " in line for line in lines), lines


def test_no_student_file_holds_a_solution_or_teacher_notes(executed):
    _, student = executed
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
        built = next(p for p in student if p.name == source.name).read_text("utf-8")
        assert BEGIN not in built and END not in built and "Teaching notes" not in built
        leaked = [line for line in solution_lines if line in built]
        assert leaked == [], f"{source.name} leaks {leaked}"


def test_verdicts_for_wrong_partly_right_and_right_answers(capsys: pytest.CaptureFixture[str]):
    from toolkit import count_terms, load_corpus, stats, top_terms
    from toolkit.paths import CORPUS_DIR

    texts = load_corpus(CORPUS_DIR)
    five = list(top_terms(count_terms(texts), 5)["term"])
    assert check("ex3.2", five, texts) == "correct"
    assert check("ex3.2", list(reversed(five)), texts) == "partly right"
    assert check("ex3.2", ["a", "b", "c", "d", "e"], texts) == "not yet"
    g2_two = stats.log_likelihood(**exercises.KEYNESS_TABLE)
    g2_four = stats.log_likelihood(**exercises.KEYNESS_TABLE, form="four-term")
    assert check("ex5.1", g2_two) == "correct"
    assert check("ex5.1", g2_four) == "partly right"
    assert check("ex5.1", 1.0) == "not yet"
    assert check("ex7.1", 1.0) == "partly right"  # the normalised DP
    assert check("ex9.9", 1) == "not yet"
    assert check("ex2.3", "not a number", texts) == "not yet"  # never raises
    printed = capsys.readouterr().out
    assert "four-term form" in printed and "Hint:" in printed
    # a check never prints the expected value
    assert f"{g2_two:.2f}" not in printed and f"{g2_two:.4f}" not in printed
    assert "there is no exercise with that id" in printed.lower()


def test_strip_solutions_keeps_notebooks_runnable():
    source = "import math\n    ### BEGIN SOLUTION\n    x = math.pi\n    y: int = 2\n    ### END SOLUTION\nprint(x, y)"
    assert (
        strip_solutions(source)
        == "import math\n    x = None  # YOUR ANSWER HERE\n    y = None  # YOUR ANSWER HERE\nprint(x, y)"
    )
    assert strip_solutions(f"Why?\n{BEGIN}\nBecause.\n{END}", markdown=True) == "Why?\n*YOUR ANSWER HERE*"
    with pytest.raises(ValueError, match="has no"):
        strip_solutions(f"{BEGIN}\nx = 1")


def test_build_command(tmp_path: Path):
    done = subprocess.run(
        [sys.executable, "-m", "toolkit", "exercises", "build", "--out", str(tmp_path / "s")],
        capture_output=True, text=True, timeout=120, cwd=PROJECT_ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"8 student notebooks in {tmp_path / 's'}")
    assert len(list((tmp_path / "s").glob("*.ipynb"))) == 8
