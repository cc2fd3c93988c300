"""Running exercise notebooks for real and reading the verdicts their checks printed."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import nbformat
import papermill
import pytest


@pytest.fixture(scope="session")
def checked_ids() -> Callable[[Path], list[str]]:
    """Return a function: the exercise ids a notebook's code cells check, in order."""

    def ids(path: Path) -> list[str]:
        book = nbformat.read(path, as_version=4)
        code = "\n".join(c["source"] for c in book.cells if c["cell_type"] == "code")
        return re.findall(r'^check\("(ex\d\.\d)"', code, flags=re.M)

    return ids


@pytest.fixture(scope="session")
def run_notebooks(tmp_path_factory: pytest.TempPathFactory) -> Callable[[list[Path]], dict[str, list[str]]]:
    """Return a function that runs notebooks with papermill and gives each one's verdict lines, by stem.

    A notebook runs in a folder of its own (as a student's would); no cell may fail or warn
    that it uses a deprecated name.
    """

    def run(paths: list[Path]) -> dict[str, list[str]]:
        verdicts = {}
        for path in paths:
            folder = tmp_path_factory.mktemp(path.stem)
            out = folder / path.name
            papermill.execute_notebook(str(path), str(out), kernel_name="python3", progress_bar=False, cwd=str(folder))
            lines = []
            for cell in json.loads(out.read_text("utf-8"))["cells"]:
                for output in cell.get("outputs", []):
                    assert output.get("output_type") != "error", (path.name, output.get("ename"), output.get("evalue"))
                    text = "".join(output.get("text", ""))
                    assert "DeprecationWarning" not in text, (path.name, text)
                    lines += [line for line in text.splitlines() if re.match(r"ex\d\.\d: ", line)]
            verdicts[path.stem] = lines
        return verdicts

    return run
