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


#: Every name ``from toolkit import ...`` gave in version 0.2.0 (before the package was layered).
NAMES_0_2 = [
    "CleaningRule",
    "CorpusError",
    "DEFAULT_RULES",
    "Document",
    "DocumentTermMatrix",
    "LoadEntry",
    "LoadReport",
    "TOKENIZERS",
    "TokenOptions",
    "add_tf_idf",
    "clean_audit",
    "clean_text",
    "collocates",
    "collocations",
    "compare_explorer",
    "count_terms",
    "describe_options",
    "dispersion",
    "dispersion_positions",
    "distinctive_terms",
    "document_term_matrix",
    "document_viewer",
    "explain",
    "explore",
    "find_duplicates",
    "iter_documents",
    "keyness",
    "kwic",
    "lexical_diversity",
    "load_corpus",
    "load_report",
    "plot_collocates",
    "plot_dispersion",
    "plot_heatmap",
    "plot_keyness",
    "plot_top_terms",
    "plot_trends",
    "plot_wordcloud",
    "plot_zipf",
    "remove_duplicates",
    "save_table",
    "tokenize",
    "top_terms",
    "trends",
    "vocabulary_growth",
    "word_explorer",
    "zipf",
]

TOOLKIT = PROJECT_ROOT / "toolkit"


def _modules() -> list[str]:
    """Every module of the package as a path relative to toolkit/, without __init__ and __main__."""
    return sorted(
        str(p.relative_to(TOOLKIT))
        for p in TOOLKIT.rglob("*.py")
        if p.name not in ("__init__.py", "__main__.py") and "__pycache__" not in p.parts
    )


def test_every_name_of_the_0_2_api_still_imports_from_toolkit_and_the_stub_declares_it():
    import toolkit

    stub = (TOOLKIT / "__init__.pyi").read_text("utf-8")
    declared = set(re.findall(r"^from \.[\w.]+ import (\w+) as \1$", stub, flags=re.M))
    assert set(NAMES_0_2) <= declared
    assert sorted(declared | {"stats"}) == sorted(toolkit.__all__)
    for name in toolkit.__all__:
        assert getattr(toolkit, name) is not None, name
    assert toolkit.keyness.__module__ == "toolkit.analysis.keyness"  # a function, not the module of that name


def test_the_version_has_one_source_and_the_installed_metadata_agrees():
    from importlib import metadata

    import toolkit

    assert "version" in _pyproject()["project"]["dynamic"] and "version" not in _pyproject()["project"]
    assert metadata.version("corpus-notebook-toolkit") == toolkit.__version__


def test_no_module_is_over_500_lines():
    sizes = {m: len((TOOLKIT / m).read_text("utf-8").splitlines()) for m in _modules()}
    assert {m: n for m, n in sizes.items() if n > 500} == {}


def test_tests_mirror_the_package_every_module_has_its_test_file():
    missing = []
    for module in _modules():
        folder, _, name = module.rpartition("/")
        expected = PROJECT_ROOT / "tests" / folder / f"test_{name}"
        if not expected.is_file():
            missing.append(f"{module} -> {expected.relative_to(PROJECT_ROOT)}")
    assert missing == []


def test_every_part_of_the_package_sits_in_a_layer_of_the_import_contract():
    contract = _pyproject()["tool"]["importlinter"]["contracts"][0]
    layered = {name.strip() for layer in contract["layers"] for name in layer.split("|")}
    parts = {
        f"toolkit.{p.stem if p.is_file() else p.name}"
        for p in TOOLKIT.iterdir()
        if (p.suffix == ".py" and p.name not in ("__init__.py", "__main__.py")) or (p / "__init__.py").is_file()
    }
    assert parts == layered


def test_the_layer_contract_catches_an_import_that_goes_up(tmp_path):
    """A corpus module that imports a view breaks the contract: lint-imports names the import and fails."""
    import shutil
    import subprocess
    import sys

    shutil.copytree(TOOLKIT, tmp_path / "toolkit", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    lint = [str(PROJECT_ROOT / ".venv" / "bin" / "lint-imports")]
    if not (PROJECT_ROOT / ".venv" / "bin" / "lint-imports").exists():
        lint = [sys.executable, "-m", "importlinter.cli"]
    clean = subprocess.run([*lint, "--no-cache"], cwd=tmp_path, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout
    document = tmp_path / "toolkit" / "corpus" / "document.py"
    document.write_text(document.read_text("utf-8") + "\n\ndef _show():\n    from toolkit.views import plots  # noqa\n")
    broken = subprocess.run([*lint, "--no-cache"], cwd=tmp_path, capture_output=True, text=True)
    assert broken.returncode == 1
    assert "toolkit.corpus.document -> toolkit.views.plots" in broken.stdout
