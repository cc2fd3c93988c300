"""The entry point: exit statuses, and every error as one clear line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli as run


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("freq", "/no/such/folder"), 1, "error: /no/such/folder: no such file or folder"),
        (("freq", "corpus", "--frobnicate"), 2, "error: unrecognized arguments: --frobnicate"),
        (("freq", "corpus", "--tokenizer", "spacy"), 2, "invalid choice: 'spacy'"),
        (("freq", "corpus", "--by", "year"), 1, "error: no document has a field 'year'"),
        (("freq", "corpus", "--n", "-1"), 1, "error: --n must be 0 (all) or more, got -1"),
        (("freq", "corpus", "--fallback-encoding", "nosuch"), 1, "error: unknown fallback encoding 'nosuch'"),
    ],
)
def test_errors_are_one_clear_line(args: tuple[str, ...], code: int, message: str):
    result = run(*args)
    assert result.returncode == code
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize("flags", ["", "--tokenizer regexp", "--tokenizer regexp --by category", "--jobs 2"])
def test_output_cut_short_by_a_closed_pipe_is_not_an_error(tmp_path: Path, flags: str):
    """``python -m toolkit freq ... | head -1``: head closes the pipe early; no error, no BrokenPipeError traceback.

    The table is larger than a pipe holds (64 KiB): 40,000 made-up words. Polars writes it to standard
    output's buffer, and says "Broken pipe (os error 32)" in an error of its own when the pipe closes.
    """
    import itertools
    import string
    import subprocess
    import sys

    from toolkit.paths import PROJECT_ROOT

    words = ["".join(letters) for letters in itertools.product(string.ascii_lowercase, repeat=4)][:40_000]
    (tmp_path / "news").mkdir()
    for i in range(4):
        (tmp_path / "news" / f"{i}.txt").write_text(" ".join(words[i::4]) + "\n", encoding="utf-8")
    command = f"{sys.executable} -m toolkit freq {tmp_path} --n 0 --format csv --keep-stopwords {flags} | head -1"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert done.stdout.startswith("category,term," if "--by" in flags else "term,n,per_million,docs\n")
    assert done.stdout.count("\n") == 1
    assert done.stderr == "" and done.returncode == 0


def test_main_returns_the_status_in_process(capsys):
    from toolkit.cli.main import main

    assert main(["freq", "corpus", "--n", "1", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("term,n,per_million,docs\nrelations,7,")
    assert main(["freq", "/no/such/folder"]) == 1
    assert capsys.readouterr().err == "python -m toolkit: error: /no/such/folder: no such file or folder\n"
