"""Hostile corpora, faults during reports, reproducible results: the adversarial suite."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import random
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEED
from conftest import run_cli as _cli
from toolkit import count_terms, iter_documents, load_corpus, load_report
from toolkit.paths import PROJECT_ROOT
from toolkit.reports import running as reports

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


def test_utf32_without_bom_control_characters_and_devices(tmp_path: Path):
    (tmp_path / "wide.txt").write_bytes("Talks in Baku.".encode("utf-32-le"))
    (tmp_path / "controls.txt").write_text("Page one\x0cPage two\x1b[0m and a bell\x07.\n", "utf-8")
    os.mknod(tmp_path / "null.txt", stat.S_IFCHR | 0o600, os.makedev(1, 3))  # like /dev/null
    corpus = load_corpus(tmp_path).set_index("doc_id")
    assert corpus.loc["wide.txt", "text"] == "Talks in Baku."
    assert "Page two" in corpus.loc["controls.txt", "text"]
    report = load_report(load_corpus(tmp_path)).to_frame().set_index("path")
    assert report.loc["wide.txt", "reason"] == "no BOM; decoded as utf-32-le (NUL-byte layout)"
    assert report.loc["null.txt", "reason"] == "not a regular file (device)"


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
    result = reports.run_report("overview", {"corpus": str(root)}, out=tmp_path / "out")
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


def test_reports_give_identical_tables_and_manifests(tmp_path: Path, news_dir: Path):
    manifests, tables = [], []
    for seed in (1, 2):
        target = tmp_path / f"copy{seed}" / "news"
        _copy_in_order(news_dir, target, seed)
        result = reports.run_report("frequency", {"corpus": str(target), "by": "category"}, out=tmp_path / "out")
        assert result.status == "SUCCEEDED", result.error
        manifest = json.loads((Path(result.folder) / "manifest.json").read_text("utf-8"))
        for varying in ("run", "started", "seconds", "corpus", "parameters"):
            manifest.pop(varying)
        manifests.append(manifest)
        tables.append({p.name: p.read_bytes() for p in sorted((Path(result.folder) / "tables").glob("*.csv"))})
    assert manifests[0] == manifests[1]
    assert tables[0] == tables[1] and len(tables[0]) >= 4


def test_corpus_checksum_sees_one_byte_and_one_name(tmp_path: Path, news_dir: Path):
    before = reports.corpus_checksum(str(news_dir))
    path = news_dir / "2022-notes.txt"
    data = bytearray(path.read_bytes())
    data[0] ^= 1
    path.write_bytes(bytes(data))
    one_byte = reports.corpus_checksum(str(news_dir))
    path.rename(news_dir / "2022-notes2.txt")
    renamed = reports.corpus_checksum(str(news_dir))
    assert len({before, one_byte, renamed}) == 3


# --------------------------------------------------------------------------- faults during reports


def _kernels_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                cmd = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if int(fields[1]) == pid and b"ipykernel" in cmd:
                found.append(int(entry.name))
    return found


def test_sigkill_of_the_runner_leaves_the_previous_report_and_no_kernel(tmp_path: Path, nltk_corpus_dir):
    out = tmp_path / "reports"
    good = reports.run_report("overview", {}, out=out)
    index_before = (out / "index.html").read_bytes()
    runner = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "report", "concordance", "--corpus", str(nltk_corpus_dir("inaugural")),
         "--out", str(out)],
        cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.time() + 60
    kernels: list[int] = []
    while time.time() < deadline and not kernels:
        time.sleep(0.2)
        kernels = _kernels_of(runner.pid)
    assert kernels, "the report's kernel never started"
    time.sleep(1.0)
    runner.send_signal(signal.SIGKILL)
    runner.wait()
    deadline = time.time() + 15
    while time.time() < deadline and any(Path(f"/proc/{k}").exists() for k in kernels):
        time.sleep(0.2)
    assert not any(Path(f"/proc/{k}").exists() for k in kernels), "orphan kernel"
    assert not (out / "04_concordance").exists() or not [p for p in (out / "04_concordance").iterdir()
                                                         if not p.name.startswith(".")]  # fmt: skip
    assert (out / "index.html").read_bytes() == index_before
    assert (Path(good.folder) / "01_overview.html").exists()
    reports.run_batch([("overview", {})], out=out, progress=lambda line: None)  # the next run clears debris
    assert not list(out.glob("*/.tmp-*"))


def test_a_full_disk_leaves_no_half_written_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "reports"
    good = reports.run_report("overview", {}, out=out)

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(reports, "_write_workbook", full_disk)
    with pytest.raises(OSError, match="No space left"):
        reports.run_report("overview", {}, out=out)
    runs = [p.name for p in (out / "01_overview").iterdir()]
    assert runs == [Path(good.folder).name]  # no temporary folder, no second run
    assert (Path(good.folder) / "manifest.json").exists()


def test_parameter_values_reach_the_kernel_as_data(tmp_path: Path):
    marker = tmp_path / "pwned"
    value = f'x"); open("{marker}", "w").write("1"); ("'
    result = reports.run_report("trends", {"by": value, "terms": [value]}, out=tmp_path / "out")
    assert result.status == "SUCCEEDED", result.error
    assert not marker.exists()
    page = (Path(result.folder) / "05_trends.html").read_text("utf-8")
    assert "No trend to show: the corpus has no field" in page


def test_hostile_text_stays_text_in_kwic_reports_and_the_index(tmp_path: Path):
    root = tmp_path / "hostile"
    root.mkdir()
    (root / "a.txt").write_text("<script>alert(1)</script> talks <img src=x onerror=alert(2)> talks\n", "utf-8")
    out = tmp_path / "out"
    result = reports.run_report("concordance", {"corpus": str(root), "terms": ["talks"]}, out=out)
    assert result.status == "SUCCEEDED", result.error
    page = (Path(result.folder) / "04_concordance.html").read_text("utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert re.search(r"<td>[^<]*&lt;[^<]*</td>", page)  # the markup is shown as text in the KWIC table
    failed = reports.run_report("overview", {"corpus": str(tmp_path / "<script>alert(3)</script>")}, out=out)
    assert failed.status == "FAILED"
    index = (out / "index.html").read_text("utf-8")
    assert "<script>alert(3)" not in index and "&lt;script&gt;alert(3)" in index


def test_result_names_cannot_leave_the_output_folder(tmp_path: Path):
    from toolkit.reports.notebook import save_result

    with pytest.raises(ValueError, match="plain identifier"):
        save_result(load_corpus(SEED.parent), "../escape", str(tmp_path))
    assert not (tmp_path.parent / "escape.csv").exists()


def _ipykernel_children() -> list[int]:
    return _kernels_of(os.getpid())


def test_timeouts_and_dead_kernels_leave_no_kernel_behind(tmp_path: Path):
    faults = Path(__file__).parent / "fixtures" / "faults.ipynb"
    for how, timeout in (("sleep", 2), ("crash", 60)):
        result = reports.run_report(str(faults), {"how": how}, out=tmp_path, timeout=timeout)
        assert result.status == "FAILED"
        deadline = time.time() + 10
        while time.time() < deadline and _ipykernel_children():
            time.sleep(0.2)
        assert _ipykernel_children() == []
    assert not list(tmp_path.glob("*/.tmp-*"))


def test_control_characters_and_numbers_in_the_workbook(tmp_path: Path):
    import openpyxl

    root = tmp_path / "ctl"
    root.mkdir()
    (root / "a.txt").write_text("Old \x1a DOS text\x1b[0m about talks.\nMore talks.\n", "utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "b.txt").write_text("Other words entirely, nothing shared.\n", "utf-8")
    result = reports.run_report("keyness", {"corpus": str(root), "reference": str(other)}, out=tmp_path / "out")
    assert result.status == "SUCCEEDED", result.error
    book = openpyxl.load_workbook(Path(result.folder) / "03_keyness.xlsx")
    assert "workbook_error" not in json.loads((Path(result.folder) / "manifest.json").read_text("utf-8"))
    sheet = book["keyness"]
    header = [c.value for c in sheet[1]]
    g2 = [row[header.index("g2")].value for row in sheet.iter_rows(min_row=2)]
    assert all(isinstance(v, float) for v in g2) and min(g2) < 0  # numbers stay numbers, negatives too
    overview = reports.run_report("overview", {"corpus": str(root)}, out=tmp_path / "out")
    titles = [c.value for c in openpyxl.load_workbook(Path(overview.folder) / "01_overview.xlsx")["metadata"]["B"]]
    assert "Old \ufffd DOS text\ufffd[0m about talks." in titles
