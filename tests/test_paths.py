"""The project's folders: one root, environment overrides, user paths resolved from the process's folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.paths import CORPUS_DIR, PROJECT_ROOT, REPORTS_DIR, resolve


def test_the_project_root_holds_the_package_and_the_default_folders():
    assert (PROJECT_ROOT / "toolkit" / "paths.py").is_file() and (PROJECT_ROOT / "pyproject.toml").is_file()
    if "TOOLKIT_CORPUS" not in os.environ:
        assert CORPUS_DIR == PROJECT_ROOT / "corpus" and CORPUS_DIR.is_dir()
    if "TOOLKIT_REPORTS" not in os.environ:
        assert REPORTS_DIR == PROJECT_ROOT / "reports"


def test_resolve_expands_home_and_takes_relative_paths_from_the_current_folder(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert resolve("news") == tmp_path / "news"
    assert resolve(Path("a") / ".." / "b") == tmp_path / "a" / ".." / "b"  # absolute, not normalised
    assert resolve("~/news") == Path.home() / "news"
    assert resolve(None) == CORPUS_DIR and resolve("") == CORPUS_DIR
    assert resolve(None, default=tmp_path) == tmp_path


@pytest.mark.parametrize(("corpus", "reports"), [("~/my-corpus", "out/reports"), ("", "")])
def test_environment_variables_override_the_defaults(tmp_path: Path, corpus: str, reports: str):
    probe = "import json; from toolkit import paths; print(json.dumps([str(paths.CORPUS_DIR), str(paths.REPORTS_DIR)]))"
    env = {**os.environ, "TOOLKIT_CORPUS": corpus, "TOOLKIT_REPORTS": reports, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    if corpus:
        assert got == [str(Path.home() / "my-corpus"), str(tmp_path / "out" / "reports")]
    else:  # empty means unset
        assert got == [str(PROJECT_ROOT / "corpus"), str(PROJECT_ROOT / "reports")]
