"""Report runs for real: papermill executes the notebooks in kernels, batches run in a process pool."""

from __future__ import annotations

import errno
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from conftest import run_cli
from toolkit.paths import PROJECT_ROOT
from toolkit.progress import PROGRESS_ENV
from toolkit.reports import running
from toolkit.reports.batch import run_batch
from toolkit.reports.notebook import RESULTS_ENV
from toolkit.reports.parameters import list_notebooks
from toolkit.reports.running import STAGE_NAMES, run_report

FIXTURES = Path(__file__).parent.parent / "fixtures"
NOTEBOOKS = sorted(list_notebooks())


def test_every_notebook_runs_on_both_corpora(batch):
    _, results, lines = batch
    assert [r.status for r in results] == ["SUCCEEDED"] * len(results), [r.error for r in results]
    assert len(results) == 2 * len(NOTEBOOKS) == 10
    for r in results:
        files = set(r.files)
        assert {f"{r.notebook}.html", f"{r.notebook}.ipynb", f"{r.notebook}.xlsx", "manifest.json"} <= files
        assert "parameters.json" in files and (Path(r.folder) / "tables").is_dir()
    assert all(any(f.startswith("tables/") for f in r.files) for r in results)  # trends on one document too
    assert lines[-1].startswith("10 of 10 reports succeeded")  # progress per report and per batch
    assert sum(line.startswith("[") and "SUCCEEDED" in line for line in lines) == 10


def test_the_manifest_and_progress_give_each_stage_of_a_run(batch):
    _, results, lines = batch
    for r in results:
        manifest = json.loads((Path(r.folder) / "manifest.json").read_text("utf-8"))
        assert list(manifest["stages"]) == ["execute", "html", "tables", "workbook"]  # no PDF asked for
        assert manifest["stages"] == r.stages and manifest["seconds"] == r.seconds == r.stages["execute"]
        # stages are rounded to 0.01 s each; the whole run adds little to them (the manifest, the folder)
        staged = sum(r.stages.values())
        assert staged - 0.05 <= r.total_seconds == manifest["total_seconds"] <= staged + 2
    for number, r in enumerate(results, start=1):
        # as each stage starts, its line comes through the worker pool, in order, before the run's last line
        assert f"[queued {number}/10] {r.notebook}" in lines
        said = [i for i, line in enumerate(lines) if line.startswith(f"  #{number} {r.notebook}: ")]
        assert [lines[i].split(": ", 1)[1] for i in said] == [*STAGE_NAMES.values()][:4]
        done = [i for i, line in enumerate(lines) if line.startswith("[") and r.folder in line]
        assert len(done) == 1 and f" {r.timing()} -> " in lines[done[0]] and said[-1] < done[0]


def test_the_longest_runs_start_first(tmp_path: Path, news_dir: Path):
    # the last runs of these reports with these parameters took 1, 2 and 100 s: trends starts first, overview last
    parameters = {"corpus": str(news_dir)}
    for notebook, seconds in (("01_overview", 1.0), ("03_keyness", 2.0), ("05_trends", 100.0)):
        past = tmp_path / notebook / "20260101-000000-000000-abcdef"
        past.mkdir(parents=True)
        manifest = {"notebook": notebook, "run": past.name, "parameters": parameters, "total_seconds": seconds}
        (past / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    lines: list[str] = []
    runs = [("overview", parameters), ("keyness", parameters), ("trends", parameters)]
    results = run_batch(runs, out=tmp_path, jobs=2, progress=lines.append)
    assert [r.notebook for r in results] == ["01_overview", "03_keyness", "05_trends"]  # results keep their order
    started = [line.split(":")[0].strip() for line in lines if line.endswith("executing the notebook")]
    assert set(started[:2]) == {"#2 03_keyness", "#3 05_trends"} and started[2] == "#1 01_overview", started


def test_stages_include_the_pdf_when_asked(tmp_path: Path, news_dir: Path):
    lines: list[str] = []
    result = run_report("trends", {"corpus": str(news_dir)}, out=tmp_path, pdf=True, progress=lines.append)
    assert list(result.stages) == ["execute", "html", "tables", "workbook", "pdf"]
    assert lines == [f"  05_trends: {stage}" for stage in STAGE_NAMES.values()]


def test_notebooks_say_what_a_small_corpus_lacks(batch, page_of):
    _, results, _ = batch
    trends_default = next(r for r in results if r.notebook == "05_trends" and not r.parameters)
    # no year and no other field: the one article in ten equal parts, and the page says so
    assert "No field has between 2 and 50 values (fields: title), so the corpus is cut into 10 parts" in page_of(
        trends_default
    )
    keyness_default = next(r for r in results if r.notebook == "03_keyness" and not r.parameters)
    assert "compared with general English" in page_of(keyness_default)
    trends_multi = next(r for r in results if r.notebook == "05_trends" and r.parameters)
    assert "followed across the 36 values of president" in page_of(trends_multi)


#: A number in scientific notation, as pandas shows large and small floats by default.
SCIENTIFIC = re.compile(r"\d(?:\.\d+)?e[+-]?\d+", re.IGNORECASE)


def test_reports_read_as_a_researcher_needs(batch, page_of, inaugural):
    # What the review of reports on unseen corpora found: e-notation in tables, no figure, token-soup concordances
    _, results, _ = batch
    for r in results:
        body = page_of(r).split("<footer")[0]  # the provenance footer holds hashes such as 2302b3...
        cells = re.findall(r"<td[^>]*>([^<]*)</td>", body)
        assert cells, r.notebook
        numbers = [c for c in cells if SCIENTIFIC.search(c) and c != "&lt; 1e-300"]
        assert not numbers, (r.notebook, r.parameters, numbers[:5])
    texts = dict(zip(inaugural["doc_id"], inaugural["text"], strict=True))
    for r in (r for r in results if r.parameters):  # the inaugural addresses: 59 documents
        assert 'src="data:image/png;base64,' in page_of(r), r.notebook  # every report draws a figure
        assert 'alt="figure 1 of ' in page_of(r) and "No description has been provided" not in page_of(r)
        if r.notebook == "04_concordance":
            lines = pd.read_csv(Path(r.folder) / "tables" / "kwic_1.csv", encoding="utf-8-sig", keep_default_na=False)
            assert len(lines) > 100
            for row in lines.itertuples():
                assert texts[row.doc_id][row.start : row.end] == row.keyword
                assert "``" not in row.left + row.right and "''" not in row.left + row.right
        if r.notebook == "03_keyness":
            header = re.search(r"<thead>(.*?)</thead>", page_of(r), re.S).group(1)
            assert header.count("<th") <= 9  # one screen wide; the CSV has all 13 columns


def test_the_kernel_gets_its_variables_and_the_caller_keeps_its_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv(PROGRESS_ENV, "1")  # a JupyterLab session with progress bars
    monkeypatch.setenv("MPLBACKEND", "Agg")  # a shell that draws no figures
    monkeypatch.delenv(RESULTS_ENV, raising=False)
    before = dict(os.environ)
    names = [PROGRESS_ENV, "MPLBACKEND", RESULTS_ENV]
    result = run_report(str(FIXTURES / "environment.ipynb"), {"names": names}, out=tmp_path)
    assert result.status == "SUCCEEDED", result.error
    assert dict(os.environ) == before
    seen = (Path(result.folder) / "tables" / "environment.csv").read_text("utf-8-sig").splitlines()
    assert seen[1:3] == [f"{PROGRESS_ENV},0", f"MPLBACKEND,{running.INLINE_BACKEND}"]  # no bars; figures inline
    name, folder = seen[3].split(",", 1)
    assert name == RESULTS_ENV and Path(folder).name == "tables" and Path(folder).parent.name.startswith(".tmp-")
    frequency = run_report("frequency", out=tmp_path)
    executed = nbformat.read(Path(frequency.folder) / "02_frequency.ipynb", as_version=4)
    figures = [
        o for c in executed.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})
    ]
    assert len(figures) >= 3  # top terms, Zipf, word cloud: drawn inline although the caller's backend is Agg
    assert os.environ[PROGRESS_ENV] == "1" and os.environ["MPLBACKEND"] == "Agg"  # progress bars stay on here


def test_old_parameter_names_run_as_the_new_ones_with_a_note(tmp_path: Path, news_dir: Path, capsys):
    old = {"corpus": str(news_dir), "pattern": "{year}-{place}", "seed": "7", "n_boot": 20, "terms": ["baku"]}
    result = run_report("trends", old, out=tmp_path)
    assert result.status == "SUCCEEDED", result.error
    assert result.parameters == {
        "corpus": str(news_dir),
        "name_template": "{year}-{place}",
        "random_state": 7,
        "n_boot": 20,
        "terms": ["baku"],
    }
    err = capsys.readouterr().err  # the runner's stderr (a kernel's goes to the terminal)
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if "deprecated" in line] == [
        "toolkit: parameter pattern is deprecated; use name_template "
        "(05_trends runs with name_template='{year}-{place}')",
        "toolkit: parameter seed is deprecated; use random_state (05_trends runs with random_state=7)",
    ]
    executed = nbformat.read(Path(result.folder) / "05_trends.ipynb", as_version=4)
    injected = next(c.source for c in executed.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert 'name_template = "{year}-{place}"' in injected and "random_state = 7" in injected
    page = (Path(result.folder) / "05_trends.html").read_text("utf-8")
    assert "The words are followed across the 3 values of year. Words followed: baku." in page
    manifest = json.loads((Path(result.folder) / "manifest.json").read_text("utf-8"))
    assert manifest["parameters"] == result.parameters


def test_a_failing_cell_gives_a_failed_run_with_the_error(tmp_path: Path, page_of):
    result = run_report("overview", {"corpus": str(tmp_path / "missing")}, out=tmp_path / "out")
    assert result.status == "FAILED"
    assert "CorpusError" in result.error and "no such file or folder" in result.error
    page = page_of(result)
    assert 'class="toolkit-failed"' in page and "FAILED" in page
    manifest = json.loads((Path(result.folder) / "manifest.json").read_text("utf-8"))
    assert manifest["status"] == "FAILED"
    assert "FAILED" in (tmp_path / "out" / "index.html").read_text("utf-8")


def test_timeout_and_dead_kernel_are_failed_runs_and_leave_no_kernel(tmp_path: Path, page_of):
    slow = run_report(str(FIXTURES / "faults.ipynb"), {"how": "sleep"}, out=tmp_path, timeout=3)
    assert slow.status == "FAILED" and slow.error.startswith("timeout")
    dead = run_report(str(FIXTURES / "faults.ipynb"), {"how": "crash"}, out=tmp_path, timeout=60)
    assert dead.status == "FAILED" and "kernel died" in dead.error
    for result in (slow, dead):
        assert 'class="toolkit-failed"' in page_of(result)
    deadline = time.time() + 10
    while time.time() < deadline and _kernels_of(os.getpid()):
        time.sleep(0.2)
    assert _kernels_of(os.getpid()) == []
    fine = run_report(str(FIXTURES / "faults.ipynb"), {"how": "fine"}, out=tmp_path)
    assert fine.status == "SUCCEEDED"
    assert not list(tmp_path.glob("*/.tmp-*"))


def test_parameter_values_reach_the_kernel_as_data(tmp_path: Path):
    marker = tmp_path / "pwned"
    value = f'x"); open("{marker}", "w").write("1"); ("'
    result = run_report("trends", {"by": value, "terms": [value]}, out=tmp_path / "out")
    assert result.status == "SUCCEEDED", result.error
    assert not marker.exists()
    page = (Path(result.folder) / "05_trends.html").read_text("utf-8")
    assert "The corpus has no field" in page and "pwned" in page  # the value, shown as text


def _copy_in_order(source: Path, target: Path, seed: int) -> None:
    files = sorted(p for p in source.rglob("*") if p.is_file())
    random.Random(seed).shuffle(files)
    for path in files:
        dest = target / path.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, dest)


def test_reports_give_identical_tables_and_manifests(tmp_path: Path, news_dir: Path):
    manifests, tables = [], []
    for seed in (1, 2):
        target = tmp_path / f"copy{seed}" / "news"
        _copy_in_order(news_dir, target, seed)
        result = run_report("frequency", {"corpus": str(target), "by": "category"}, out=tmp_path / "out")
        assert result.status == "SUCCEEDED", result.error
        manifest = json.loads((Path(result.folder) / "manifest.json").read_text("utf-8"))
        for varying in ("run", "started", "seconds", "total_seconds", "stages", "corpus", "parameters"):
            manifest.pop(varying)
        manifests.append(manifest)
        tables.append({p.name: p.read_bytes() for p in sorted((Path(result.folder) / "tables").glob("*.csv"))})
    assert manifests[0] == manifests[1]
    assert tables[0] == tables[1] and len(tables[0]) >= 4


def test_report_command_batch_from_yaml(tmp_path: Path):
    (tmp_path / "batch.yaml").write_text(
        "- {notebook: overview}\n- {notebook: keyness, reference: english}\n"
        f"- {{notebook: trends, corpus: {tmp_path / 'nowhere'}}}\n",
        "utf-8",
    )
    done = run_cli("report", "all", "-f", str(tmp_path / "batch.yaml"), "--jobs", "2", "--out", str(tmp_path / "r"))
    assert done.returncode == 1  # one of three failed
    assert done.stdout.strip() == str(tmp_path / "r" / "index.html")
    assert "2 of 3 reports succeeded" in done.stderr
    index = (tmp_path / "r" / "index.html").read_text("utf-8")
    assert index.count("SUCCEEDED") == 2 and index.count(">FAILED<") == 1


def test_plain_papermill_cli_runs_a_notebook_on_any_folder(tmp_path: Path, news_dir: Path):
    out = tmp_path / "out.ipynb"
    done = subprocess.run(
        [shutil.which("papermill") or str(Path(sys.executable).with_name("papermill")),
         str(PROJECT_ROOT / "notebooks" / "02_frequency.ipynb"), str(out),
         "-p", "corpus", str(news_dir), "-p", "by", "year", "-p", "name_template", "{year}-{place}",
         "--no-progress-bar"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if k != "MPLBACKEND"},  # a shell's: figures inline
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "unknown parameter" not in done.stderr.lower()  # papermill warns of names the notebook lacks
    executed = json.loads(out.read_text("utf-8"))
    assert "in 3 documents" in json.dumps(executed)
    by_group = next(c for c in executed["cells"] if "has_groups(texts, by)" in "".join(c["source"]))
    figures = [o for o in by_group["outputs"] if "image/png" in o.get("data", {})]
    assert len(figures) == 2  # top terms per year (a field from the name template), and the heatmap


# --------------------------------------------------------------------------- faults of the runner


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
    good = run_report("overview", {}, out=out)
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
    run_batch([("overview", {})], out=out, progress=lambda line: None)  # the next run clears debris
    assert not list(out.glob("*/.tmp-*"))


def test_a_full_disk_leaves_no_half_written_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "reports"
    good = run_report("overview", {}, out=out)

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(running, "write_workbook", full_disk)  # the one fault that cannot be made for real here
    with pytest.raises(OSError, match="No space left"):
        run_report("overview", {}, out=out)
    runs = [p.name for p in (out / "01_overview").iterdir()]
    assert runs == [Path(good.folder).name]  # no temporary folder, no second run
    assert (Path(good.folder) / "manifest.json").exists()


def test_the_published_notebook_names_its_published_tables_folder(batch):
    _, results, _ = batch
    for r in results:
        executed = nbformat.read(Path(r.folder) / f"{r.notebook}.ipynb", as_version=4)
        injected = next(c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", []))
        assert f"results_dir = {str(Path(r.folder) / 'tables')!r}" in injected.source.replace('"', "'")
        assert executed.metadata.papermill.parameters["results_dir"] == str(Path(r.folder) / "tables")
        assert ".tmp-" not in (Path(r.folder) / f"{r.notebook}.ipynb").read_text("utf-8")


def test_a_run_that_fails_before_it_has_a_folder_is_in_the_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(running, "write_workbook", full_disk)  # a full disk, as above
    [result] = run_batch([("overview", {})], out=tmp_path, progress=lambda line: None)
    assert result.status == "FAILED" and "No space left on device" in result.error
    manifest = json.loads((Path(result.folder) / "manifest.json").read_text("utf-8"))
    assert manifest["status"] == "FAILED" and manifest["notebook"] == "01_overview"
    page = (tmp_path / "index.html").read_text("utf-8")
    assert "<p>1 runs.</p>" in page and "No space left on device" in page
