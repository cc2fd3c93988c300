"""The index of runs, and the hidden folders of unfinished runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from toolkit.reports.batch import run_batch
from toolkit.reports.index import remove_stale, unfinished_folder, write_index
from toolkit.reports.running import run_report


def test_the_index_lists_every_run_with_its_links(batch):
    out, results, _ = batch
    index = (out / "index.html").read_text("utf-8")
    assert index.count("SUCCEEDED") == 10 and "<p>10 runs.</p>" in index
    r = next(r for r in results if r.notebook == "02_frequency" and r.parameters)
    for file in ("02_frequency.html", "02_frequency.ipynb", "02_frequency.xlsx", "manifest.json"):
        assert f'href="02_frequency/{r.run_id}/{file}"' in index
    assert "&quot;name_template&quot;: &quot;{year}-{president}&quot;" in index
    corpora = {json.loads((Path(r.folder) / "manifest.json").read_text("utf-8"))["corpus"] for r in results}
    assert len(corpora) == 2 and all(f"<td>{c}</td>" in index for c in corpora)  # which corpus each run read
    assert not list(out.glob(".index.*"))  # written beside, then renamed
    for r in results:  # each run's whole time, then its stages
        stages = ", ".join(f"{stage} {seconds}" for stage, seconds in r.stages.items())
        assert f"<td>{r.total_seconds}<br><small>{stages}</small></td>" in index
    assert "<th>seconds (by stage)</th>" in index


def test_interrupted_runs_are_never_listed_and_are_cleaned(tmp_path: Path):
    stale = tmp_path / "01_overview" / ".tmp-20260101-000000-000000-abcdef"
    stale.mkdir(parents=True)
    (stale / "manifest.json").write_text('{"notebook": "01_overview", "status": "SUCCEEDED"}', "utf-8")
    (tmp_path / "02_frequency" / "broken").mkdir(parents=True)
    (tmp_path / "02_frequency" / "broken" / "manifest.json").write_text("{not json", "utf-8")
    assert "<p>0 runs.</p>" in write_index(tmp_path).read_text("utf-8")
    run_batch([("overview", {})], out=tmp_path, progress=lambda line: None)
    assert not stale.exists()
    assert "<p>1 runs.</p>" in (tmp_path / "index.html").read_text("utf-8")


def test_only_the_folders_of_dead_runners_are_removed(tmp_path: Path):
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = tmp_path / "03_keyness" / f".tmp-{finished.stdout.strip()}-r1"
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        running = tmp_path / "03_keyness" / f".tmp-{alive.pid}-r2"
        mine = unfinished_folder(tmp_path, "03_keyness", "r3")
        for folder in (dead, running, mine):
            folder.mkdir(parents=True)
        assert mine.name == f".tmp-{os.getpid()}-r3"
        assert remove_stale(tmp_path) == [dead]
        assert running.exists() and mine.exists() and not dead.exists()
    finally:
        alive.kill()
        alive.wait()
    assert remove_stale(tmp_path) == [running]


def test_hostile_text_stays_text_in_the_index(tmp_path: Path):
    out = tmp_path / "out"
    failed = run_report("overview", {"corpus": str(tmp_path / "<script>alert(3)</script>")}, out=out)
    assert failed.status == "FAILED"
    index = (out / "index.html").read_text("utf-8")
    assert "<script>alert(3)" not in index and "&lt;script&gt;alert(3)" in index
    manifest = json.loads((Path(failed.folder) / "manifest.json").read_text("utf-8"))
    assert manifest["error"] and "FAILED" in index


def test_every_published_file_has_the_mode_of_any_new_file(tmp_path: Path):
    """With umask 022 a colleague in the group reads the index, the report and its tables (mkstemp gave 0600)."""
    previous = os.umask(0o022)
    try:
        result = run_report("overview", {}, out=tmp_path)
    finally:
        os.umask(previous)
    files = [tmp_path / "index.html", *(Path(result.folder) / name for name in result.files)]
    assert any(path.parent.name == "tables" for path in files)
    assert {oct(path.stat().st_mode & 0o777) for path in files} == {"0o644"}
