"""Grading a class: run every student's notebooks headless, collect the verdicts, summarise per check.

``python -m toolkit exercises grade SUBMISSIONS_DIR [--out DIR]`` runs each
submitted notebook with papermill in a real ``python3`` kernel, in a scratch
copy of the student's folder, with a time limit per cell. The kernel gets
``TOOLKIT_GRADE_LOG`` (:data:`~toolkit.teaching.checks.GRADE_LOG_ENV`), so
every ``check`` the notebook runs appends its verdict to a log that grading
reads back. The checks a notebook should hold are those of the source
notebook of the same name (its code cells that start with
``check("exN.M"``); a check the run never reached is graded ``not run``, or
``error`` / ``timeout`` when the notebook stopped on an error or ran out of
time. A broken or endless notebook never stops the grading of the others.

SUBMISSIONS_DIR holds one folder per student, in either layout:

- plain: ``SUBMISSIONS_DIR/<student>/*.ipynb``;
- nbgrader's: ``SUBMISSIONS_DIR/<student>/<assignment>/*.ipynb`` (give
  nbgrader's ``submitted/`` folder, or the course folder that holds it).

The output folder gets ``grades.csv`` (student, notebook, check_id, verdict,
attempts; text that a spreadsheet would run as a formula is neutralised),
``summary.html`` (per check: how many got it right, and the most common
slip among the answers given; per student) and ``executed/<student>/<notebook>.ipynb``, each run with its outputs
(papermill saves a notebook stopped by a timeout only every 30 s, so one may
be missing).
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.progress import PROGRESS_ENV
from toolkit.reports.kernel import ReportKernelManager, kernel_options
from toolkit.teaching.checks import GRADE_LOG_ENV
from toolkit.teaching.registry import NOT_YET, PARTLY
from toolkit.teaching.student import EXERCISES_DIR

#: Verdicts of a check that produced none: its notebook stopped on an error, ran out of time, or never ran it.
ERROR, TIMEOUT, NOT_RUN = "error", "timeout", "not run"
#: The verdicts of an answer that is not right yet.
SLIPS = (PARTLY, NOT_YET)
#: The columns of ``grades.csv``.
COLUMNS = ["student", "notebook", "check_id", "verdict", "attempts"]
#: A check cell: the first line of a code cell's line that calls ``check`` with an exercise id.
CHECK_LINE = re.compile(r'^check\("(ex\d\.\d)"', flags=re.M)
#: Seconds a cell may run before its notebook is stopped and graded ``timeout``.
DEFAULT_TIMEOUT = 120


@dataclass(frozen=True)
class Submission:
    """One student's notebook: ``notebook`` is its path in the student's folder, without ``.ipynb``."""

    student: str
    notebook: str
    path: Path


@dataclass(frozen=True)
class Grade:
    """One row of ``grades.csv``, with the check's message (kept for the summary's slips)."""

    student: str
    notebook: str
    check_id: str
    verdict: str
    attempts: int
    message: str = ""


def _notebooks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.ipynb") if p.is_file() and not p.name.startswith("."))


def find_submissions(folder: Path | str) -> list[Submission]:
    """List the notebooks in a submissions folder, in either layout (see the module's docstring).

    Parameters
    ----------
    folder : Path or str
        ``SUBMISSIONS_DIR``: a folder per student; or an nbgrader course
        folder, whose ``submitted/`` is used.

    Returns
    -------
    list of Submission
        By student, then notebook. Hidden folders (``.ipynb_checkpoints``)
        are skipped.

    Raises
    ------
    FileNotFoundError
        If ``folder`` is not a folder.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> for rel in ("ana/ex04.ipynb", "ben/ps1/ex04.ipynb", "ben/.ipynb_checkpoints/ex04-checkpoint.ipynb"):
    ...     (root / rel).parent.mkdir(parents=True, exist_ok=True)
    ...     _ = (root / rel).write_text("{}")
    >>> [(s.student, s.notebook) for s in find_submissions(root)]
    [('ana', 'ex04'), ('ben', 'ps1/ex04')]
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no submissions folder {folder}")
    if (folder / "submitted").is_dir():
        folder = folder / "submitted"
    found = []
    for student in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        books = [(path.stem, path) for path in _notebooks(student)]
        for assignment in sorted(p for p in student.iterdir() if p.is_dir() and not p.name.startswith(".")):
            books += [(f"{assignment.name}/{path.stem}", path) for path in _notebooks(assignment)]
        found += [Submission(student.name, name, path) for name, path in books]
    return found


def expected_checks(path: Path) -> list[str]:
    """Return the exercise ids that a notebook's check cells check, in order, each once.

    Parameters
    ----------
    path : Path
        A notebook.

    Returns
    -------
    list of str
        Such as ``["ex4.1", "ex4.2"]``; empty if the file cannot be read.

    Examples
    --------
    >>> expected_checks(EXERCISES_DIR / "ex04_collocations.ipynb")[:2]
    ['ex4.1', 'ex4.2']
    """
    try:
        cells = json.loads(Path(path).read_text("utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c.get("cell_type") == "code")
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return list(dict.fromkeys(CHECK_LINE.findall(code)))


class GradingKernelManager(ReportKernelManager):
    """A report kernel manager (extra environment, private IPC sockets) whose kernel's own stderr and stdout go nowhere.

    A student's notebook may print to the process's streams, and a kernel
    stopped in the middle of an endless cell logs a traceback as it goes:
    neither belongs on the instructor's terminal. What the notebook shows is
    kept in the executed notebook.
    """

    async def start_kernel(self, **kw: Any) -> None:  # type: ignore[override]
        """Start the kernel with its standard streams closed to the terminal."""
        kw.setdefault("stdout", subprocess.DEVNULL)
        kw.setdefault("stderr", subprocess.DEVNULL)
        await super().start_kernel(**kw)


@contextlib.contextmanager
def _quiet_libraries() -> Iterator[None]:
    """Keep papermill's and nbclient's logs of a failing notebook off the terminal (the summary reports it)."""
    loggers = [logging.getLogger(name) for name in ("papermill", "traitlets", "nbclient")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def run_submission(
    submission: Submission, executed: Path, *, timeout: float = DEFAULT_TIMEOUT
) -> tuple[list[dict], str]:
    """Run one notebook headless and return the verdicts its checks logged, and what stopped it.

    The notebook runs in a scratch copy of the folder it sits in (so it can
    read files handed in with it, and writes nothing into the submissions).

    Parameters
    ----------
    submission : Submission
        The notebook.
    executed : Path
        Where to write the notebook with its outputs.
    timeout : float
        Seconds a cell may run.

    Returns
    -------
    records : list of dict
        The JSON lines that ``check`` logged (``exercise``, ``verdict``,
        ``message``, ``attempts``), in order.
    problem : str
        ``""`` if the notebook ran to its end; else ``"timeout"`` or
        ``"error"``, then ``": "`` and what happened.
    """
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    executed.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="toolkit-grade-") as scratch:
        work = Path(scratch) / "work"
        shutil.copytree(submission.path.parent, work, ignore=shutil.ignore_patterns(".*"))
        log = Path(scratch) / "verdicts.jsonl"
        problem = ""
        options = kernel_options({GRADE_LOG_ENV: str(log), PROGRESS_ENV: "0"})
        options["kernel_manager_class"] = GradingKernelManager
        with _quiet_libraries():
            try:
                papermill.execute_notebook(
                    str(work / submission.path.name),
                    str(executed),
                    kernel_name="python3",
                    cwd=str(work),
                    execution_timeout=timeout,
                    progress_bar=False,
                    log_output=False,
                    **options,
                )
            except PapermillExecutionError as err:
                problem = f"{ERROR}: {err.ename}: {err.evalue}".strip()
            except (CellTimeoutError, TimeoutError):
                problem = f"{TIMEOUT}: a cell ran longer than {timeout:g} s"
            except DeadKernelError:
                problem = f"{ERROR}: the kernel died"
            except Exception as err:  # an unreadable notebook, a kernel that will not start: grading goes on
                problem = f"{ERROR}: {type(err).__name__}: {err}"
        records = []
        if log.is_file():
            for line in log.read_text("utf-8").splitlines():
                with contextlib.suppress(ValueError):
                    records.append(json.loads(line))
    return records, problem


def grades_of(submission: Submission, checks: list[str], records: list[dict], problem: str) -> list[Grade]:
    """Turn a run's logged verdicts into one grade per expected check (the last verdict of each counts).

    Parameters
    ----------
    submission : Submission
        The notebook that ran.
    checks : list of str
        The exercise ids it should check; ids it logged besides come after.
    records : list of dict
        What ``check`` logged.
    problem : str
        What stopped the run (``""``, ``"error: ..."`` or ``"timeout: ..."``).

    Returns
    -------
    list of Grade
        A check with no verdict is ``not run``, or ``error`` / ``timeout``
        when the run stopped early.

    Examples
    --------
    >>> sub = Submission("ana", "ex04", Path("ex04.ipynb"))
    >>> logged = [{"exercise": "ex4.1", "verdict": "not yet", "message": "", "attempts": 1},
    ...           {"exercise": "ex4.1", "verdict": "correct", "message": "", "attempts": 2}]
    >>> [(g.check_id, g.verdict, g.attempts) for g in grades_of(sub, ["ex4.1", "ex4.2"], logged, "timeout: ...")]
    [('ex4.1', 'correct', 2), ('ex4.2', 'timeout', 0)]
    """
    last: dict[str, dict] = {}
    for record in records:
        if isinstance(record, dict) and isinstance(record.get("exercise"), str):
            last[record["exercise"]] = record
    missing = problem.split(":", 1)[0] if problem else NOT_RUN
    grades = []
    for check_id in [*checks, *(c for c in last if c not in checks)]:
        record = last.get(check_id)
        if record is None:
            grades.append(Grade(submission.student, submission.notebook, check_id, missing, 0))
        else:
            attempts = record.get("attempts")
            grades.append(
                Grade(
                    submission.student,
                    submission.notebook,
                    check_id,
                    str(record.get("verdict", "")),
                    attempts if isinstance(attempts, int) else 0,
                    str(record.get("message") or ""),
                )
            )
    return grades


@dataclass
class ClassGrades:
    """What :func:`grade_class` found and wrote."""

    grades: list[Grade]
    #: ``(student, notebook, problem)`` for each notebook that did not run to its end.
    problems: list[tuple[str, str, str]]
    csv: Path
    html: Path


def grade_class(
    submissions: Path | str,
    out: Path | str,
    *,
    source: Path = EXERCISES_DIR,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Callable[[Submission, list[Grade], str], None] | None = None,
) -> ClassGrades:
    """Grade every notebook in ``submissions``; write ``grades.csv``, ``summary.html`` and the executed notebooks.

    Parameters
    ----------
    submissions : Path or str
        ``SUBMISSIONS_DIR`` (:func:`find_submissions`).
    out : Path or str
        The output folder (created if needed; earlier grades are replaced).
    source : Path
        The source notebooks, whose check cells say which checks a
        submitted notebook of the same file name should hold (a notebook
        with no source of its name is graded on its own check cells).
    timeout : float
        Seconds a cell may run.
    progress : callable, optional
        Called after each notebook with it, its grades and its problem.

    Returns
    -------
    ClassGrades
        The grades, the notebooks that failed, and the two files written.

    Raises
    ------
    FileNotFoundError
        If ``submissions`` is not a folder.
    ReportError
        If ``timeout`` is not a positive number of seconds (0 would mean no limit).
    """
    from toolkit.reports.parameters import check_timeout
    from toolkit.teaching.summary import write_grades, write_summary

    check_timeout(timeout)
    out = Path(out)
    grades: list[Grade] = []
    problems = []
    for submission in find_submissions(submissions):
        origin = source / submission.path.name
        checks = expected_checks(origin if origin.is_file() else submission.path)
        executed = out / "executed" / submission.student / f"{submission.notebook}.ipynb"
        records, problem = run_submission(submission, executed, timeout=timeout)
        found = grades_of(submission, checks, records, problem)
        grades += found
        if problem:
            problems.append((submission.student, submission.notebook, problem))
        if progress is not None:
            progress(submission, found, problem)
    csv = write_grades(grades, out / "grades.csv")
    html = write_summary(grades, problems, out / "summary.html")
    return ClassGrades(grades, problems, csv, html)


def most_common_slip(grades: list[Grade]) -> tuple[str, int]:
    """Return the most common slip among ``grades`` (a "partly right" or "not yet" with its message), and its count.

    Checks with no verdict (not run, error, timeout) and checks never
    answered (a "not yet" with no attempt: the placeholder left as it was)
    are not slips: the summary counts them apart.

    Parameters
    ----------
    grades : list of Grade
        The grades of one check.

    Returns
    -------
    tuple of (str, int)
        Such as ``("partly right: That is the four-term form.", 2)``;
        ``("", 0)`` when there is no slip. Ties go to the slip seen first.

    Examples
    --------
    >>> g = [Grade("a", "n", "ex5.1", "partly right", 1, "Four-term."), Grade("b", "n", "ex5.1", "error", 0)]
    >>> most_common_slip(g + [Grade("c", "n", "ex5.1", "partly right", 2, "Four-term.")])
    ('partly right: Four-term.', 2)
    """
    answered = [g for g in grades if g.verdict in SLIPS and g.attempts > 0]  # "No answer yet." is not a slip
    slips = Counter(f"{g.verdict}: {g.message}" if g.message else g.verdict for g in answered)
    return slips.most_common(1)[0] if slips else ("", 0)
