"""What every analysis command shares: the load report check, skips on stderr, --strict, the output file."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SEED
from conftest import run_cli as run


def test_skips_are_summarised_on_stderr_and_strict_fails(tmp_path: Path):
    root = tmp_path / "news"
    root.mkdir()
    shutil.copy(SEED, root / "a.txt")
    (root / ".DS_Store").write_bytes(b"\x00\x01")
    (root / "scan.txt").write_bytes(b"%PDF-1.4 binary")
    result = run("freq", str(root), "--format", "csv")
    assert result.returncode == 0
    assert result.stderr.count("\n") == 1
    assert "1 document read, 2 files skipped (binary file: 1, junk file: 1)" in result.stderr
    strict = run("freq", str(root), "--strict")
    assert strict.returncode == 1 and strict.stdout == ""
    assert "--strict: .DS_Store: junk file" in strict.stderr and "Traceback" not in strict.stderr
    info = run("info", str(root))
    assert "skipped  scan.txt  (binary file (PDF))" in info.stdout


def test_strict_encoding_names_the_file(tmp_path: Path):
    (tmp_path / "old.txt").write_bytes("Caf\u00e9 in Baku".encode("cp1252"))
    ok = run("freq", str(tmp_path))
    assert ok.returncode == 0 and "1 decoded with a fallback encoding" in ok.stderr
    bad = run("freq", str(tmp_path), "--strict-encoding")
    assert bad.returncode == 1
    assert bad.stderr == "python -m toolkit: error: old.txt: not utf-8 at byte 3 (strict encoding)\n"


def test_empty_corpus_is_an_error(tmp_path: Path):
    empty = run("freq", str(tmp_path))
    assert empty.returncode == 1 and "no documents found" in empty.stderr
    (tmp_path / "blank.txt").write_text("\n\n", "utf-8")
    blank = run("freq", str(tmp_path))
    assert blank.returncode == 1 and "no tokens to count" in blank.stderr
    assert "1 empty" in blank.stderr


def test_output_file_for_spreadsheets(tmp_path: Path):
    result = run("freq", "corpus", "--n", "0", "--output", str(tmp_path / "tf.csv"))
    assert result.returncode == 0 and result.stdout.strip() == str(tmp_path / "tf.csv")
    assert (tmp_path / "tf.csv").read_text("utf-8-sig").startswith("term,n,per_million,docs\nrelations,7,")


def test_csv_on_stdout_is_exact_data_even_with_a_bare_carriage_return(capsys):
    import argparse
    import csv
    import io

    import pandas as pd

    from toolkit.cli.shared import emit

    names = ["a\r=1+1+cmd|' /C calc'!A0", "b\nc", "d\r\ne", "plain"]
    table = pd.DataFrame({"doc_id": names, "n": [4, 3, 2, 1], "per_million": [0.1, 1 / 3, 2e-7, 12345.5]})
    assert emit(table, argparse.Namespace(output=None, format="csv")) == 0
    out = capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0] == list(table.columns) and [row[0] for row in rows[1:]] == names
    pd.testing.assert_frame_equal(pd.read_csv(io.StringIO(out, newline="")), table)
