"""The files grading writes: a CSV a spreadsheet opens safely, an HTML summary where student text never runs."""

from __future__ import annotations

import csv
from pathlib import Path

from toolkit.teaching.grading import Grade
from toolkit.teaching.summary import check_table, student_table, write_grades, write_summary

GRADES = [
    Grade("ana", "ex05", "ex5.1", "correct", 1),
    Grade("+ben", "ex05", "ex5.1", "partly right", 2, "That is the four-term form."),
    Grade("cleo", "ex05", "ex5.1", "partly right", 1, "That is the four-term form."),
    Grade("dan", "ex05", "ex5.1", "not yet", 3, "<script>alert('x')</script>"),
    Grade("eve", "ex05", "ex5.1", "timeout", 0),
    Grade("ana", "ex05", "ex10.1", "not run", 0),
    Grade("ana", "ex05", "ex5.2", "correct", 1),
    Grade("ben", "ex05", "ex5.2", "not yet", 0, "No answer yet."),
]


def test_check_table_counts_verdicts_and_names_the_commonest_slip_in_exercise_order():
    table = check_table(GRADES)
    assert list(table["check"]) == ["ex5.1", "ex5.2", "ex10.1"]
    first = table.iloc[0].to_dict()
    assert first == {
        "check": "ex5.1",
        "notebooks": 5,
        "correct": 1,
        "partly right": 2,
        "not yet": 1,
        "no answer": 0,
        "no verdict": 1,
        "most common slip": "partly right: That is the four-term form.",
        "students with it": 2,
    }
    assert table.iloc[2][["no verdict", "most common slip", "students with it"]].tolist() == [1, "", 0]
    # a placeholder left as it was is "no answer", never the commonest slip
    assert table.iloc[1][["not yet", "no answer", "most common slip", "students with it"]].tolist() == [0, 1, "", 0]


def test_student_table_gives_each_student_a_line():
    table = student_table(GRADES)
    assert table.to_dict("records")[:2] == [
        {"student": "+ben", "notebooks": 1, "correct": 0, "partly right": 1, "checks": 1},
        {"student": "ana", "notebooks": 1, "correct": 2, "partly right": 0, "checks": 3},
    ]


def test_the_csv_neutralises_formulas_and_the_html_escapes_every_text(tmp_path: Path):
    with write_grades(GRADES, tmp_path / "grades.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == ["student", "notebook", "check_id", "verdict", "attempts"]
    assert rows[2] == ["'+ben", "ex05", "ex5.1", "partly right", "2"]
    problems = [("<b>eve</b>", "ex05", "timeout: a cell ran longer than 5 s")]
    page = write_summary(GRADES, problems, tmp_path / "summary.html").read_text("utf-8")
    assert "<script>" not in page and "<b>eve" not in page and "&lt;b&gt;eve&lt;/b&gt;" in page
    assert "7 students, 7 notebooks, 8 checks graded." in page
    assert "Notebooks that did not run to their end" in page
    quiet = write_summary(GRADES[:1], [], tmp_path / "quiet.html").read_text("utf-8")
    assert "did not run to their end" not in quiet


def test_a_formula_on_any_line_of_a_cell_is_inert_in_the_csv(tmp_path: Path):
    import re

    odd = [Grade("ana\r=1+1+cmd|' /C calc'!A0", "ex05\n@x", "ex5.1", "not yet", 1)]
    with write_grades(GRADES + odd, tmp_path / "grades.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert len(rows) == 1 + len(GRADES) + 1
    lines = [line for row in rows for cell in row for line in re.split(r"\r\n|\r|\n", cell)]
    assert not [line for line in lines if line.startswith(("=", "+", "-", "@", "\t"))]
    assert rows[-1][:2] == ["ana\r'=1+1+cmd|' /C calc'!A0", "ex05\n'@x"]
