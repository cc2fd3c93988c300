"""The student build: solutions replaced by placeholders that run, teacher notes gone, nothing leaks."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from conftest import run_cli
from toolkit.teaching.student import (
    BEGIN,
    BEGIN_MARK,
    END,
    END_MARK,
    EXERCISES_DIR,
    INSTRUCTOR_TAG,
    bound_names,
    build_student,
    strip_hidden_tests,
    strip_solutions,
    student_cell_source,
)

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


def test_every_marker_form_nbgrader_accepts_opens_and_closes_a_region():
    """nbgrader's ClearSolutions takes any line that contains BEGIN SOLUTION / END SOLUTION as a marker."""
    for begin, end in [
        ("### BEGIN SOLUTION", "### END SOLUTION"),
        ("# BEGIN SOLUTION", "# END SOLUTION"),
        ("#BEGIN SOLUTION", "#END SOLUTION"),
        ("## BEGIN SOLUTION ##", "  ## END SOLUTION ##"),
        ("x = 0  ### BEGIN SOLUTION (nbgrader drops the whole line)", "### END SOLUTION, then more"),
    ]:
        source = f"{begin}\nanswer = 42\n{end}\ncheck('ex4.2', answer)"
        assert strip_solutions(source) == "answer = None  # YOUR ANSWER HERE\ncheck('ex4.2', answer)", begin
    assert strip_solutions("<!-- BEGIN SOLUTION -->\nIt is MI.\n<!-- END SOLUTION -->", markdown=True) == (
        "*YOUR ANSWER HERE*"
    )
    with pytest.raises(ValueError, match="closes no"):
        strip_solutions("x = 1  ### END SOLUTION")
    with pytest.raises(ValueError, match="inside another"):
        strip_solutions("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION")


@pytest.mark.parametrize(
    ("solution", "names"),
    [
        ("a, b = 1, 2", ["a", "b"]),
        ("[first, (second, third)] = [1, (2, 3)]", ["first", "second", "third"]),
        ("head, *tail = [1, 2, 3]", ["head", "tail"]),
        ("total = 0\ntotal += 5", ["total"]),
        ("counted: int = 3", ["counted"]),
        ("if (n := 4) > 3:\n    big = True", ["n", "big"]),
        ("for i, word in enumerate(['a']):\n    last = word", ["i", "word", "last"]),
        ("with open(__file__) as handle:\n    text = handle.read()", ["handle", "text"]),
        ("try:\n    x = 1 / 0\nexcept ZeroDivisionError as err:\n    x = None", ["x", "err"]),
        ("def rate(n):\n    local = n\n    return local\nresult = rate(2)", ["rate", "result"]),
        ("shares = {k: v for k, v in [('a', 1)]}\nany(big := s for s in [1])", ["shares", "big"]),
        ("table = {}\ntable['n'] = 1\nobj = type('O', (), {})()\nobj.size = 2", ["table", "obj"]),
    ],
)
def test_every_assignment_form_leaves_the_check_after_it_runnable(solution: str, names: list[str]):
    assert bound_names(solution) == names
    cell = f"prefix = 1\n### BEGIN SOLUTION\n{solution}\n### END SOLUTION\nseen = [{', '.join(names)}]"
    namespace: dict[str, object] = {}
    exec(strip_solutions(cell), namespace)  # no NameError: every name the solution binds exists, as None
    assert namespace["seen"] == [None] * len(names)


def test_an_attribute_or_subscript_target_changes_an_object_made_earlier():
    cell = "table = {'n': 0}\n### BEGIN SOLUTION\ntable['n'] = 5\n### END SOLUTION\nanswer = table"
    assert strip_solutions(cell) == "table = {'n': 0}\n# YOUR CODE HERE\nanswer = table"
    assert strip_solutions("### BEGIN SOLUTION\n  broken = (\n### END SOLUTION") == "# YOUR CODE HERE"


def test_hidden_tests_leave_and_a_marked_solution_cell_is_a_solution_as_a_whole():
    check_cell = {
        "cell_type": "code",
        "metadata": {"nbgrader": {"grade": True, "solution": False}},
        "source": 'check("ex4.2", rare)\n### BEGIN HIDDEN TESTS\nassert check("ex4.2", rare, quiet=True)\n'
        "### END HIDDEN TESTS\nprint('after')",
    }
    assert student_cell_source(check_cell) == "check(\"ex4.2\", rare)\nprint('after')"
    assert strip_hidden_tests("# BEGIN HIDDEN TESTS\nassert x\n# END HIDDEN TESTS") == ""
    with pytest.raises(ValueError, match="has no"):
        strip_hidden_tests("### BEGIN HIDDEN TESTS\nassert x")
    whole = {"cell_type": "code", "metadata": {"nbgrader": {"solution": True}}, "source": "x, y = 1, 2"}
    assert student_cell_source(whole) == "x = None  # YOUR ANSWER HERE\ny = None  # YOUR ANSWER HERE"
    text = {"cell_type": "markdown", "metadata": {"nbgrader": {"solution": True, "grade": True}}, "source": "MI."}
    assert student_cell_source(text) == "*YOUR ANSWER HERE*"


def test_build_student_refuses_a_marker_that_would_survive(tmp_path: Path):
    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1  # BEGIN SOLUTION")])  # never closed
    (tmp_path / "src").mkdir()
    nbformat.write(book, tmp_path / "src" / "ex09_bad.ipynb")
    with pytest.raises(ValueError, match=r"ex09_bad\.ipynb: a 'BEGIN SOLUTION' has no"):
        build_student(tmp_path / "out", source=tmp_path / "src")
    assert not (tmp_path / "out").exists()  # nothing written


def test_build_student_never_overwrites_work_without_force(tmp_path: Path):
    source = Path(__file__).parent / "fixtures"
    out = tmp_path / "student"
    (built,) = build_student(out, source=source)
    built.write_text("a student's answers", "utf-8")
    with pytest.raises(FileExistsError, match="use --force"):
        build_student(out, source=source)
    assert built.read_text("utf-8") == "a student's answers"
    (built,) = build_student(out, source=source, force=True)
    text = built.read_text("utf-8")
    assert "rare_measure = None  # YOUR ANSWER HERE" in text and "HIDDEN" not in text and "Teaching notes" not in text
    empty = tmp_path / "empty"
    empty.mkdir()
    assert len(build_student(empty, source=source)) == 1  # an empty folder holds no work


@pytest.fixture(scope="module")
def student(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return build_student(tmp_path_factory.mktemp("student"))


def _lines(cells: list) -> tuple[set[str], set[str]]:
    """Return a notebook's stripped lines outside solution and hidden-test regions, and those inside."""
    outside, inside = set(), set()
    for cell in cells:
        within = False
        for line in cell["source"].splitlines():
            if BEGIN_MARK in line or "BEGIN HIDDEN TESTS" in line:
                within = True
            elif END_MARK in line or "END HIDDEN TESTS" in line:
                within = False
            else:
                (inside if within else outside).add(line.strip())
    return outside, inside


def test_no_student_file_holds_a_solution_teacher_notes_or_outputs(student: list[Path]):
    assert [p.name for p in student] == [p.name for p in SOURCES]
    for source in SOURCES:
        outside, inside = _lines(nbformat.read(source, as_version=4).cells)
        secret = {line for line in inside - outside if len(re.findall(r"\w", line)) >= 3}  # not a lone bracket
        built_path = next(p for p in student if p.name == source.name)
        built = built_path.read_text("utf-8")
        assert BEGIN_MARK not in built and END_MARK not in built and "HIDDEN TESTS" not in built
        assert "Teaching notes" not in built
        cells = nbformat.read(built_path, as_version=4).cells
        leaked = sorted(secret & _lines(cells)[0])
        assert leaked == [], f"{source.name} leaks {leaked}"
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
    again = run_cli("exercises", "build", "--out", str(tmp_path / "s"), timeout=120)
    assert again.returncode == 1 and again.stdout == ""
    assert again.stderr == (
        f"python -m toolkit: error: {tmp_path / 's'} already holds files (students' work?); "
        "use --force to write over them\n"
    )
    forced = run_cli("exercises", "build", "--out", str(tmp_path / "s"), "--force", timeout=120)
    assert forced.returncode == 0, forced.stderr
