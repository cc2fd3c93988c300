"""Project commands: running reports, building the student exercises, the counting benchmark."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from toolkit.cli.parser import PROG, UserError
from toolkit.paths import resolve
from toolkit.progress import printable


def report_command(args: argparse.Namespace) -> int:
    """``report``: run report notebooks (``--list`` shows them and their parameters)."""
    from toolkit.paths import REPORTS_DIR
    from toolkit.reports.batch import run_batch
    from toolkit.reports.parameters import expand_runs, list_notebooks, load_parameter_file, notebook_parameters
    from toolkit.reports.provenance import SUCCEEDED
    from toolkit.reports.rendering import find_chromium

    if args.list:
        for stem, path in list_notebooks().items():
            print(stem)
            for p in notebook_parameters(path).values():
                print(f"  {p.name}: {p.type_name} = {p.default}  # {p.help}")
        return 0
    if not args.names:
        raise UserError("give report names (overview, frequency, keyness, concordance, trends) or all")
    base: dict[str, Any] = {}
    if args.corpus:
        base["corpus"] = args.corpus if args.corpus.startswith("nltk:") else str(resolve(args.corpus))
    for name, value in args.parameter:
        base[name] = value
    sets = load_parameter_file(resolve(args.parameters_file)) if args.parameters_file else [{}]
    runs = expand_runs(args.names, [{**s, **base} for s in sets])
    runs = _shared_parameters(runs, base)
    if args.pdf and find_chromium() is None:
        print(f"{PROG}: no PDF: Chromium is not installed (Debian: apt-get install chromium)", file=sys.stderr)
    out = resolve(args.out) if args.out else REPORTS_DIR
    results = run_batch(runs, out=out, jobs=args.jobs, timeout=args.timeout, pdf=args.pdf)
    print(out / "index.html")
    return 0 if all(r.status == SUCCEEDED for r in results) else 1


def _shared_parameters(
    runs: list[tuple[str, dict[str, Any]]], given: dict[str, Any]
) -> list[tuple[str, dict[str, Any]]]:
    """Give each ``-p`` parameter to the reports of the batch that declare it; none declaring it is an error.

    ``report all -p by category`` groups frequency, keyness and trends by
    category and leaves the overview and concordance as they are (a note on
    stderr says which took it).
    """
    from toolkit.reports.parameters import RENAMED_PARAMETERS, notebook_parameters, resolve_notebook

    declared = {nb: set(notebook_parameters(resolve_notebook(nb))) for nb in dict.fromkeys(nb for nb, _ in runs)}
    if len(declared) < 2:
        return runs  # one report: an unknown parameter is its error, with the known ones listed
    for name in given:
        takers = [
            resolve_notebook(nb).stem for nb, names in declared.items() if RENAMED_PARAMETERS.get(name, name) in names
        ]
        if not takers:
            return runs  # no report takes it: run_batch names it as unknown before anything runs
        if len(takers) < len(declared):
            print(f"{PROG}: parameter {name} applies to {', '.join(takers)}", file=sys.stderr)
    return [
        (nb, {k: v for k, v in params.items() if k not in given or RENAMED_PARAMETERS.get(k, k) in declared[nb]})
        for nb, params in runs
    ]


def exercises_command(args: argparse.Namespace) -> int:
    """``exercises build | grade | nbgrader``: the student version, grading a class, an nbgrader course folder."""
    from toolkit.paths import PROJECT_ROOT

    if args.action == "grade":
        return _grade(args)
    if args.action == "nbgrader":
        from toolkit.teaching.course import write_course

        course = resolve(args.course)
        try:
            written = write_course(course, args.assignment, force=args.force)
        except FileExistsError as err:
            raise UserError(str(err)) from None
        print(f"{len(written)} notebooks in {course / 'source' / args.assignment}; release them with:")
        print(f"  cd {course} && nbgrader generate_assignment {args.assignment}")
        return 0
    from toolkit.teaching.student import build_student

    out = resolve(args.out) if args.out else PROJECT_ROOT / "student"
    try:
        written = build_student(out, force=args.force)
    except FileExistsError as err:
        raise UserError(str(err)) from None
    print(f"{len(written)} student notebooks in {out}; open them with: jupyter lab {out}")
    return 0


def _grade(args: argparse.Namespace) -> int:
    """``exercises grade``: run every submitted notebook, one progress line each, then one summary line."""
    from toolkit.paths import PROJECT_ROOT
    from toolkit.teaching.grading import Grade, Submission, grade_class
    from toolkit.teaching.student import EXERCISES_DIR

    submissions = resolve(args.submissions)
    if not submissions.is_dir():
        raise UserError(f"no submissions folder {submissions}")
    out = resolve(args.out) if args.out else PROJECT_ROOT / "grades"
    source = resolve(args.source) if args.source else EXERCISES_DIR
    if not source.is_dir():
        raise UserError(f"no source folder {source}")

    def progress(submission: Submission, grades: list[Grade], problem: str) -> None:
        right = sum(g.verdict == "correct" for g in grades)
        note = f" ({problem})" if problem else ""
        line = f"{submission.student}/{submission.notebook}: {right} of {len(grades)} correct{note}"
        print(printable(line), file=sys.stderr)

    result = grade_class(submissions, out, source=source, timeout=args.timeout, progress=progress)
    notebooks = len({(g.student, g.notebook) for g in result.grades} | {p[:2] for p in result.problems})
    students = len({g.student for g in result.grades} | {p[0] for p in result.problems})
    print(
        f"{notebooks} notebooks of {students} students graded ({len(result.problems)} did not finish): "
        f"{result.csv} and {result.html}"
    )
    return 0


def bench_command(args: argparse.Namespace) -> int:
    """``bench``: run ``benchmarks/bench_counting.py`` from the source checkout."""
    import importlib.util

    from toolkit.paths import PROJECT_ROOT

    try:
        sizes = [float(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        raise UserError(f"--sizes takes numbers of MB separated by commas, got {args.sizes!r}") from None
    if not sizes or min(sizes) <= 0 or args.jobs < 1 or args.repeat < 1:
        raise UserError("--sizes must be positive, and --jobs and --repeat 1 or more")
    script = PROJECT_ROOT / "benchmarks" / "bench_counting.py"
    if not script.is_file():
        raise UserError(f"the benchmark lives in the source checkout ({script}); it is not installed with the package")
    spec = importlib.util.spec_from_file_location("bench_counting", script)
    if spec is None or spec.loader is None:
        raise UserError(f"cannot load the benchmark script {script}")
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # registered first, as an import does: its dataclasses look themselves up there
    spec.loader.exec_module(bench)
    bench.run_benchmark(sizes, slow_max=args.slow_max, jobs=args.jobs, data=args.data, repeat=args.repeat)
    return 0
