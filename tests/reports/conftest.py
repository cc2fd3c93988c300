"""One batch of every report notebook, shared by the report tests: the runs are the slow part."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.reports.batch import run_batch
from toolkit.reports.parameters import list_notebooks, notebook_parameters
from toolkit.reports.running import RunResult

NOTEBOOKS = sorted(list_notebooks())


@pytest.fixture(scope="session")
def batch(tmp_path_factory: pytest.TempPathFactory, nltk_corpus_dir) -> tuple[Path, list[RunResult], list[str]]:
    """Every notebook on corpus/ and on the inaugural addresses, two at a time, in one batch."""
    out = tmp_path_factory.mktemp("reports")
    inaugural = str(nltk_corpus_dir("inaugural"))
    multi = {"corpus": inaugural, "name_template": "{year}-{president}", "by": "president"}
    runs = [(nb, {}) for nb in NOTEBOOKS]
    for nb in NOTEBOOKS:
        declared = notebook_parameters(list_notebooks()[nb])
        runs.append((nb, {k: v for k, v in multi.items() if k in declared}))
    lines: list[str] = []
    results = run_batch(runs, out=out, jobs=2, timeout=300, progress=lines.append)
    return out, results, lines


@pytest.fixture(scope="session")
def page_of():
    """Return a function: the HTML report of a run."""

    def page(result: RunResult) -> str:
        return (Path(result.folder) / f"{result.notebook}.html").read_text("utf-8")

    return page
