"""The files that grading writes: ``grades.csv`` and an HTML class summary, safe to open and to share.

Student names, notebook names and checks' messages are text from outside the
toolkit: the CSV neutralises cells a spreadsheet would run as formulas
(:func:`toolkit.tables.save_table`), and the HTML escapes every cell
(:func:`toolkit.tables.html_table`), so nothing in them runs as script.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.teaching.registry import CORRECT, NOT_YET, PARTLY, exercise_order

if TYPE_CHECKING:
    import pandas as pd

    from toolkit.teaching.grading import Grade


def write_grades(grades: Sequence[Grade], path: Path) -> Path:
    """Write ``grades.csv``: one row per student, notebook and check.

    Parameters
    ----------
    grades : sequence of Grade
        The grades, in the order to write them.
    path : Path
        The CSV file.

    Returns
    -------
    Path
        ``path``: UTF-8 with a BOM, columns student, notebook, check_id,
        verdict, attempts.

    Examples
    --------
    >>> import tempfile
    >>> from toolkit.teaching.grading import Grade
    >>> path = write_grades([Grade("=ana", "ex04", "ex4.2", "correct", 1)], Path(tempfile.mkdtemp()) / "g.csv")
    >>> path.read_text("utf-8-sig").splitlines()
    ['student,notebook,check_id,verdict,attempts', "'=ana,ex04,ex4.2,correct,1"]
    """
    import pandas as pd

    from toolkit.tables import save_table
    from toolkit.teaching.grading import COLUMNS

    table = pd.DataFrame([[getattr(g, c) for c in COLUMNS] for g in grades], columns=COLUMNS)
    return save_table(table, path)


def check_table(grades: Sequence[Grade]) -> pd.DataFrame:
    """Return one row per check: how many notebooks got it right, partly right, not yet, and the most common slip.

    Parameters
    ----------
    grades : sequence of Grade
        The class's grades.

    Returns
    -------
    pandas.DataFrame
        Columns ``check``, ``notebooks``, ``correct``, ``partly right``,
        ``not yet`` (answered), ``no answer`` (the placeholder left as it
        was), ``no verdict`` (not run, error, timeout), ``most common slip``
        (among answers) and ``students with it``, in exercise order.

    Examples
    --------
    >>> from toolkit.teaching.grading import Grade
    >>> table = check_table([Grade("a", "n", "ex4.2", "correct", 1), Grade("b", "n", "ex4.2", "not yet", 2, "No.")])
    >>> table[["check", "correct", "not yet", "most common slip"]].to_dict("records")
    [{'check': 'ex4.2', 'correct': 1, 'not yet': 1, 'most common slip': 'not yet: No.'}]
    """
    import pandas as pd

    from toolkit.teaching.grading import most_common_slip

    rows = []
    for check_id in sorted({g.check_id for g in grades}, key=exercise_order):
        these = [g for g in grades if g.check_id == check_id]
        verdicts = [g.verdict for g in these]
        slip, n = most_common_slip(these)
        rows.append(
            {
                "check": check_id,
                "notebooks": len(these),
                "correct": verdicts.count(CORRECT),
                "partly right": verdicts.count(PARTLY),
                "not yet": sum(1 for g in these if g.verdict == NOT_YET and g.attempts > 0),
                "no answer": sum(1 for g in these if g.verdict == NOT_YET and g.attempts == 0),
                "no verdict": len(verdicts) - sum(verdicts.count(v) for v in (CORRECT, PARTLY, NOT_YET)),
                "most common slip": slip,
                "students with it": n,
            }
        )
    counts = ["correct", "partly right", "not yet", "no answer", "no verdict"]
    return pd.DataFrame(rows, columns=["check", "notebooks", *counts, "most common slip", "students with it"])


def student_table(grades: Sequence[Grade]) -> pd.DataFrame:
    """Return one row per student: notebooks graded, checks correct, partly right, and of how many.

    Examples
    --------
    >>> from toolkit.teaching.grading import Grade
    >>> grades = [Grade("b", "n", "ex4.2", "correct", 1), Grade("a", "n", "ex4.2", "not yet", 0)]
    >>> student_table(grades).to_dict("records")[0]
    {'student': 'a', 'notebooks': 1, 'correct': 0, 'partly right': 0, 'checks': 1}
    """
    import pandas as pd

    rows = []
    for student in sorted({g.student for g in grades}):
        these = [g for g in grades if g.student == student]
        verdicts = [g.verdict for g in these]
        rows.append(
            {
                "student": student,
                "notebooks": len({g.notebook for g in these}),
                "correct": verdicts.count(CORRECT),
                "partly right": verdicts.count(PARTLY),
                "checks": len(these),
            }
        )
    return pd.DataFrame(rows, columns=["student", "notebooks", "correct", "partly right", "checks"])


def write_summary(grades: Sequence[Grade], problems: Sequence[tuple[str, str, str]], path: Path) -> Path:
    """Write the HTML class summary: a table of checks, one of students, then the notebooks that did not finish.

    Parameters
    ----------
    grades : sequence of Grade
        The class's grades.
    problems : sequence of tuple of str
        ``(student, notebook, what stopped it)`` for each notebook that failed.
    path : Path
        The HTML file.

    Returns
    -------
    Path
        ``path``; every cell in it is escaped.

    Examples
    --------
    >>> import tempfile
    >>> from toolkit.teaching.grading import Grade
    >>> grades = [Grade("<script>", "ex04", "ex4.2", "not yet", 1, "<b>Not a measure.</b>")]
    >>> page = write_summary(grades, [], Path(tempfile.mkdtemp()) / "s.html").read_text("utf-8")
    >>> "<script>" in page, "not yet: &lt;b&gt;Not a measure.&lt;/b&gt;" in page
    (False, True)
    """
    import pandas as pd

    from toolkit.tables import html_table

    students = len({g.student for g in grades} | {p[0] for p in problems})
    notebooks = len({(g.student, g.notebook) for g in grades} | {p[:2] for p in problems})
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Class summary</title>",
        "<style>body{font:14px sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{padding:4px 8px;border-bottom:1px solid #ddd;vertical-align:top}</style></head><body>",
        "<h1>Class summary</h1>",
        f"<p>{students} students, {notebooks} notebooks, {len(grades)} checks graded.</p>",
        html_table(
            check_table(grades),
            caption="Per check",
            note="No answer: the placeholder was left as it was. No verdict: the check never ran (not run), or its "
            "notebook stopped on an error or a timeout first. The most common slip is among the answers given.",
        ),
        html_table(student_table(grades), caption="Per student"),
    ]
    if problems:
        failed = pd.DataFrame(list(problems), columns=["student", "notebook", "what stopped it"])
        parts.append(html_table(failed, caption="Notebooks that did not run to their end"))
    parts.append("</body></html>")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(parts), "utf-8")
    return path
