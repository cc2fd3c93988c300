"""Hostile corpora and reproducible results: the adversarial suite (faults during reports: tests/reports/)."""

from __future__ import annotations

import csv
import io
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

from conftest import SEED
from conftest import run_cli as _cli
from toolkit import count_terms, iter_documents, load_corpus, load_report, top_terms
from toolkit.paths import PROJECT_ROOT
from toolkit.reports.running import run_report

SEED_BYTES = SEED.read_bytes()
LOW_FILE_LIMIT = (
    "import resource, runpy, sys; resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64)); "
    "sys.argv = ['toolkit', 'info', sys.argv[1], '--tokenizer', 'regexp']; "
    "runpy.run_module('toolkit', run_name='__main__')"
)
PEAK_RSS = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, len(done.stdout), done.returncode)"
)


def _peak_kib(*args: str) -> tuple[int, int]:
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, sys.executable, "-m", "toolkit", *args],
        capture_output=True, text=True, timeout=600, cwd=PROJECT_ROOT,
    )  # fmt: skip
    peak, size, code = map(int, done.stdout.split())
    assert code == 0, done.stderr
    return peak, size


# --------------------------------------------------------------------------- input


def test_a_large_file_is_counted_with_memory_bounded_by_a_piece(tmp_path: Path):
    repeats = 60_000_000 // len(SEED_BYTES)  # a 60 MB file
    with open(tmp_path / "big.txt", "wb") as stream:
        for _ in range(repeats):
            stream.write(SEED_BYTES)
    base, _ = _peak_kib("freq", str(SEED.parent), "--tokenizer", "regexp", "--format", "csv")
    peak, _ = _peak_kib("freq", str(tmp_path), "--tokenizer", "regexp", "--format", "csv")
    # read whole, the file would add at least 60 MB of bytes and 120 MB of text (it has curly quotes)
    assert peak - base < 40_000, f"peak {peak / 1024:.0f} MiB vs {base / 1024:.0f} MiB for one article"
    counts = count_terms(iter_documents(tmp_path), tokenizer="regexp").set_index("term")["n"]
    assert counts["relations"] == 7 * repeats and counts["azerbaijan"] == 5 * repeats
    report = load_report(load_corpus(tmp_path, title=True))
    assert "streamed in pieces when counted" in report.entries[0].reason


def test_a_very_long_line_is_streamed_and_counted(tmp_path: Path):
    line = SEED_BYTES.replace(b"\n", b" ")
    repeats = 40_000_000 // len(line)  # one 40 MB line, no line break
    (tmp_path / "line.txt").write_bytes(line * repeats)
    counts = count_terms(iter_documents(tmp_path), tokenizer="regexp").set_index("term")["n"]
    assert counts["relations"] == 7 * repeats


def test_large_non_utf8_file_reports_the_absolute_offset(tmp_path: Path):
    body = b"plain ascii line\n" * 2_500_000  # 42.5 MB, then a cp1252 byte
    (tmp_path / "old.txt").write_bytes(body + "caf\u00e9\n".encode("cp1252"))
    (entry,) = load_report(load_corpus(tmp_path)).fallbacks
    assert entry.reason.startswith(f"not utf-8 at byte {len(body) + 3}; decoded as cp1252")
    counts = count_terms(iter_documents(tmp_path), tokenizer="regexp").set_index("term")["n"]
    assert counts["café"] == 1 and counts["ascii"] == 2_500_000


def test_names_that_are_not_utf8_survive_analysis_and_exports(tmp_path: Path):
    root = tmp_path / "news"
    root.mkdir()
    bad = os.fsencode(root) + b"/caf\xe9-2024.txt"
    with open(bad, "wb") as stream:
        stream.write(SEED_BYTES)
    corpus = load_corpus(root)
    assert corpus.loc[0, "doc_id"] == "caf\\xe9-2024.txt"
    assert "not valid UTF-8" in load_report(corpus).entries[0].reason
    done = _cli("freq", str(root), "--format", "csv", "--by", "title")
    assert done.returncode == 0, done.stderr
    kwic_csv = _cli("kwic", str(root), "relations", "--format", "csv")
    assert "caf\\xe9-2024.txt" in kwic_csv.stdout
    result = run_report("overview", {"corpus": str(root)}, out=tmp_path / "out")
    assert result.status == "SUCCEEDED", result.error
    assert "caf\\xe9-2024.txt" in (Path(result.folder) / "01_overview.html").read_text("utf-8")


def test_one_hundred_thousand_small_files_with_a_low_open_file_limit(tmp_path: Path):
    root = tmp_path / "many"
    for folder in range(100):
        (root / f"{folder:03d}").mkdir(parents=True)
        for i in range(1000):
            (root / f"{folder:03d}" / f"{i:04d}.txt").write_text(f"Report {folder} {i} from Baku.\n", "utf-8")
    done = subprocess.run(
        [sys.executable, "-c", LOW_FILE_LIMIT, str(root)],
        capture_output=True, text=True, timeout=900, cwd=PROJECT_ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "documents: 100000\n" in done.stdout and "tokens:    500000\n" in done.stdout


# --------------------------------------------------------------------------- output


def test_stdout_csv_is_exact_data_and_files_for_people_are_inert(tmp_path: Path):
    root = tmp_path / "news"
    root.mkdir()
    (root / "a.txt").write_text("=SUM(A1) =SUM(A1) +cmd @import -rate\n", "utf-8")
    exact = _cli("freq", str(root), "--tokenizer", "whitespace", "--keep-punct", "--format", "csv")
    terms = [row["term"] for row in csv.DictReader(io.StringIO(exact.stdout))]
    assert terms[0] == "=sum(a1)" and "+cmd" in terms and "@import" in terms and "-rate" in terms
    _cli("freq", str(root), "--tokenizer", "whitespace", "--keep-punct", "--output", str(tmp_path / "t.csv"))
    people = [row["term"] for row in csv.DictReader(io.StringIO((tmp_path / "t.csv").read_text("utf-8-sig")))]
    assert people[0] == "'=sum(a1)" and "'+cmd" in people and "'@import" in people and "'-rate" in people


def _stdout_bytes(*args: str) -> bytes:
    """The bytes a command writes on stdout (``run_cli`` decodes with universal newlines: a bare CR would be lost)."""
    done = subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True, timeout=600, cwd=PROJECT_ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_carriage_return_in_a_name_or_a_field_neither_splits_a_row_nor_starts_a_formula(tmp_path: Path):
    root = tmp_path / "news"
    payload = "\r=1+1+cmd|' /C calc'!A0"  # a file name cannot hold "/": the folder holds the part before it
    (root / f"a{payload.split('/')[0]}").mkdir(parents=True)
    (root / f"a{payload}.txt").write_text("War and peace, war.\n", "utf-8")
    (root / "b.txt").write_text("Peace talks.\n", "utf-8")
    odd = f"a{payload}.txt"
    with open(root / "metadata.csv", "w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([["file", "outlet"], [odd, f"AP{payload}"], ["b.txt", "plain"]])
    corpus = load_corpus(root)
    assert odd in set(corpus["doc_id"]) and f"AP{payload}" in set(corpus["outlet"])
    flags = ("--tokenizer", "regexp", "--n", "0")
    for field in ("doc_id", "outlet", "category"):
        exact = _stdout_bytes("freq", str(root), *flags, "--by", field, "--format", "csv").decode("utf-8")
        rows = list(csv.reader(io.StringIO(exact, newline="")))
        table = pd.read_csv(io.StringIO(exact, newline=""), keep_default_na=False)
        assert [row[0] for row in rows[1:]] == table[field].tolist()  # csv and pandas read the same strings
        assert set(table[field]) == set(corpus[field].fillna("(missing)"))  # the names exactly, each row whole
        counts = count_terms(corpus, by=field, tokenizer="regexp")
        expected = top_terms(counts, 0, by=field)[counts.columns].astype({field: str})
        pd.testing.assert_frame_equal(table, expected.fillna("(missing)"))  # and the same numbers
    concordance = _stdout_bytes("kwic", str(root), "war", "--format", "csv").decode("utf-8")  # through pandas
    assert odd in set(pd.read_csv(io.StringIO(concordance, newline=""))["doc_id"])
    for command in (("freq", str(root), *flags, "--by", "doc_id"), ("kwic", str(root), "war")):
        _cli(*command, "--output", str(tmp_path / "people.csv"))
        people = (tmp_path / "people.csv").read_bytes().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(people, newline="")))
        lines = [line for row in rows for cell in row for line in re.split(r"\r\n|\r|\n", cell)]
        assert not [line for line in lines if line.startswith(("=", "+", "-", "@", "\t"))], command
        assert any(cell.startswith("a\r'=1+1+cmd") for row in rows for cell in row), command  # there, inert


# --------------------------------------------------------------------------- reproducibility


def _copy_in_order(source: Path, target: Path, seed: int) -> None:
    files = sorted(p for p in source.rglob("*") if p.is_file())
    random.Random(seed).shuffle(files)
    for path in files:
        dest = target / path.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, dest)


def test_same_bytes_whatever_the_file_order_and_hash_seed(tmp_path: Path, nltk_corpus_dir):
    source = nltk_corpus_dir("inaugural")
    outputs = []
    for seed in (1, 2):
        target = tmp_path / f"copy{seed}" / "inaugural"
        _copy_in_order(source, target, seed)
        env = {"PYTHONHASHSEED": str(seed * 17)}
        freq = _cli("freq", str(target), "--n", "0", "--format", "csv", "--pattern", "{year}-{president}",
                    "--by", "president", env=env)  # fmt: skip
        key = _cli("keyness", str(target), "--pattern", "{year}-{president}", "--by", "president",
                   "--target", "Lincoln", "--format", "csv", env=env)  # fmt: skip
        sample = _cli("kwic", str(target), "liberty", "--sample", "10", "--seed", "3", "--format", "csv", env=env)
        outputs.append((freq.stdout, key.stdout, sample.stdout))
    assert outputs[0] == outputs[1]
    assert len(outputs[0][0]) > 100_000
