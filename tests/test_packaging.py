"""The project's set-up promises: one dependency list, pinned, and a two-command quick start."""

from __future__ import annotations

import itertools
import re
import tomllib

import yaml

from toolkit.paths import PROJECT_ROOT


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec, maxsplit=1)[0].lower().replace("_", "-")


def _pyproject() -> dict:
    return tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text("utf-8"))


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = _pyproject()["project"]
    declared = sorted([*project["dependencies"], *itertools.chain(*project["optional-dependencies"].values())])
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text("utf-8"))
    conda = sorted(d for d in env["dependencies"] if isinstance(d, str) and _name(d) not in ("python", "pip"))
    assert conda == declared  # same names and same version floors
    assert {"jupyterlab", "nltk", "matplotlib", "seaborn", "papermill"} <= {_name(d) for d in declared}


def test_every_dependency_is_pinned_in_the_constraints_file():
    pins = {}
    for line in (PROJECT_ROOT / "constraints.txt").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[_name(name)] = version
    project = _pyproject()["project"]
    for spec in [*project["dependencies"], *itertools.chain(*project["optional-dependencies"].values())]:
        assert pins.get(_name(spec)), f"{spec} is not pinned in constraints.txt"
    assert "nltk" in pins and "pandas" in pins


def test_readme_quick_start_is_exactly_two_commands_and_ci_runs_the_test_command():
    readme = (PROJECT_ROOT / "README.md").read_text("utf-8")
    block = re.search(r"## Quick start\n.*?```(?:sh|bash)?\n(.*?)```", readme, flags=re.S)
    assert block, "README needs a '## Quick start' section with a code block"
    assert block.group(1).strip().splitlines() == ["make report", "make test"]
    ci = (PROJECT_ROOT / ".ci" / "run").read_text("utf-8")
    assert re.search(r"^make test$", ci, flags=re.M)


def test_the_package_loads_names_lazily_and_functions_keep_their_names():
    import subprocess
    import sys

    probe = (
        "import sys, toolkit; cheap = not {'pandas', 'nltk', 'matplotlib'} & set(sys.modules); "
        "import toolkit.analysis.keyness, toolkit.analysis.dispersion; from toolkit import keyness, dispersion, stats; "
        "print(cheap, callable(keyness), callable(dispersion), callable(toolkit.trends), stats.__name__)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "True", "True", "True", "toolkit.stats"]
