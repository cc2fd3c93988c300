"""Report notebooks and their parameters: names found, values checked and cast, old names still accepted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from toolkit.paths import PROJECT_ROOT
from toolkit.reports.parameters import (
    RENAMED_PARAMETERS,
    ReportError,
    check_parameters,
    check_timeout,
    expand_runs,
    list_notebooks,
    load_parameter_file,
    notebook_parameters,
    resolve_notebook,
)

REPORTS = ["01_overview", "02_frequency", "03_keyness", "04_concordance", "05_trends"]


def test_report_names_with_and_without_their_number(tmp_path: Path):
    assert list(list_notebooks()) == REPORTS
    assert resolve_notebook("keyness") == resolve_notebook("03_keyness") == PROJECT_ROOT / "notebooks/03_keyness.ipynb"
    with pytest.raises(ReportError, match=r"no report notebook named 'explore'; known: concordance, frequency"):
        resolve_notebook("explore")  # not a numbered report
    with pytest.raises(ReportError, match="no notebook at"):
        resolve_notebook(str(tmp_path / "missing.ipynb"))
    explore = PROJECT_ROOT / "notebooks" / "explore.ipynb"
    assert resolve_notebook(str(explore)) == explore


def test_every_notebook_declares_typed_parameters_with_help():
    paths = [*list_notebooks().values(), PROJECT_ROOT / "notebooks" / "explore.ipynb"]
    for path in paths:
        declared = notebook_parameters(path)
        assert declared["corpus"].type_name == "str" and declared["corpus"].default == '""'
        assert declared["name_template"].help == "file-name fields such as {year}-{president} (empty: none)"
        assert not set(RENAMED_PARAMETERS) & set(declared), path.name  # the old names are gone
        assert all(p.help and p.type_name in {"str", "int", "float", "bool", "list"} for p in declared.values())
        book = json.loads(path.read_text("utf-8"))
        assert book["metadata"]["kernelspec"]["name"] == "python3"
        code = [c for c in book["cells"] if c["cell_type"] == "code"]
        assert all(not c["outputs"] and c["execution_count"] is None for c in code), path.name
        assert not any("def " in "".join(c["source"]) for c in code), path.name
    assert notebook_parameters(resolve_notebook("trends"))["random_state"].help == "random seed of the bootstrap"


def test_parameters_are_checked_and_cast():
    trends = resolve_notebook("trends")
    with pytest.raises(ReportError, match=r"unknown parameter 'colour' for 05_trends; known: by, corpus"):
        check_parameters(trends, {"colour": "red"})
    with pytest.raises(ReportError, match=r"parameter n_boot: expected int, got 'many'"):
        check_parameters(trends, {"n_boot": "many"})
    with pytest.raises(ReportError, match=r"parameter n_boot: expected int, got 2.5"):
        check_parameters(trends, {"n_boot": 2.5})
    with pytest.raises(ReportError, match="is not a Python identifier"):
        check_parameters(trends, {"x\nimport os": 1})
    assert check_parameters(trends, {"terms": "['war', 'peace']", "random_state": 3, "corpus": 7}) == {
        "terms": ["war", "peace"],
        "random_state": 3,
        "corpus": "7",
    }
    assert check_parameters(trends, {"terms": " war , peace,"}) == {"terms": ["war", "peace"]}


def test_old_parameter_names_are_mapped_with_a_one_line_note(capsys):
    trends = resolve_notebook("trends")
    assert check_parameters(trends, {"seed": "3", "pattern": "{year}-{president}"}) == {
        "random_state": 3,
        "name_template": "{year}-{president}",
    }
    assert capsys.readouterr().err.splitlines() == [
        "toolkit: parameter seed is deprecated; use random_state (05_trends runs with random_state=3)",
        "toolkit: parameter pattern is deprecated; use name_template "
        "(05_trends runs with name_template='{year}-{president}')",
    ]
    with pytest.raises(ReportError, match="parameter seed is the old name of random_state: give random_state only"):
        check_parameters(trends, {"seed": 3, "random_state": 4})
    with pytest.raises(ReportError, match="unknown parameter 'seed' for 01_overview"):
        check_parameters(resolve_notebook("overview"), {"seed": 3})  # overview has no random_state
    with pytest.raises(ReportError, match="expected int, got 'x'"):
        check_parameters(trends, {"seed": "x"})


def test_a_notebook_that_still_declares_an_old_name_keeps_it(tmp_path: Path, capsys):
    book = json.loads((PROJECT_ROOT / "notebooks" / "05_trends.ipynb").read_text("utf-8"))
    cell = next(c for c in book["cells"] if "parameters" in c["metadata"].get("tags", []))
    cell["source"] = ["seed: int = 0  # an older notebook of the user's\n", 'pattern: str = ""  # file names\n']
    (tmp_path / "old.ipynb").write_text(json.dumps(book), "utf-8")
    assert check_parameters(tmp_path / "old.ipynb", {"seed": "5", "pattern": "{x}"}) == {"seed": 5, "pattern": "{x}"}
    assert capsys.readouterr().err == ""


def test_batches_from_names_and_yaml(tmp_path: Path):
    assert [nb for nb, _ in expand_runs(["all"], [{"corpus": "x"}])] == REPORTS
    assert expand_runs(["overview", "trends"], [{"notebook": "keyness", "by": "outlet"}, {"n": 3}]) == [
        ("keyness", {"by": "outlet"}),
        ("overview", {"n": 3}),
        ("trends", {"n": 3}),
    ]
    (tmp_path / "one.yaml").write_text("corpus: /data/news\nby:\nterms: [war, peace]\n", "utf-8")
    assert load_parameter_file(tmp_path / "one.yaml") == [{"corpus": "/data/news", "terms": ["war", "peace"]}]
    (tmp_path / "bad.yaml").write_text("- overview\n", "utf-8")
    with pytest.raises(ReportError, match="entry 1 must be a mapping"):
        load_parameter_file(tmp_path / "bad.yaml")
    (tmp_path / "broken.yaml").write_text("- {notebook: [\n", "utf-8")
    with pytest.raises(ReportError, match="cannot read parameters"):
        load_parameter_file(tmp_path / "broken.yaml")


def test_report_command_checks_names_before_running_and_notes_old_ones(tmp_path: Path):
    done = run_cli("report", "trends", "-p", "seed", "3", "-p", "colour", "red", "--out", str(tmp_path / "r"))
    assert done.returncode == 1 and "unknown parameter 'colour'" in done.stderr
    assert "toolkit: parameter seed is deprecated; use random_state (05_trends runs with random_state=3)\n" in (
        done.stderr
    )
    assert "Traceback" not in done.stderr and not (tmp_path / "r").exists()  # nothing ran


@pytest.mark.parametrize("timeout", [0, -1, -0.5, float("nan"), float("inf"), True, "600"])
def test_a_timeout_that_would_mean_no_limit_is_refused_before_anything_runs(timeout, tmp_path: Path):
    """papermill reads 0 and less as no limit: from Python as from the command line, such a timeout is an error."""
    from toolkit.reports.batch import run_batch
    from toolkit.reports.running import run_report
    from toolkit.teaching.grading import grade_class

    with pytest.raises(ReportError, match="timeout must be a positive number of seconds"):
        run_report("overview", {}, out=tmp_path, timeout=timeout)
    with pytest.raises(ReportError, match="timeout must be a positive number of seconds"):
        run_batch([("overview", {})], out=tmp_path, timeout=timeout, progress=lambda line: None)
    with pytest.raises(ReportError, match="timeout must be a positive number of seconds"):
        grade_class(tmp_path, tmp_path / "grades", timeout=timeout)
    assert list(tmp_path.iterdir()) == []
    assert check_timeout(0.5) == 0.5
