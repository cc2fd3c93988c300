"""toolkit.counting.workers: bulk counting in worker processes gives the one-process counts, in bounded memory."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pandas.testing as pdt
import polars as pl
import pytest

from conftest import SEED
from toolkit import count_terms, iter_documents
from toolkit.counting import workers
from toolkit.counting.bulk import COMPACT_ROWS, Settings
from toolkit.counting.local import document_counts_by_group
from toolkit.counting.ranking import rank
from toolkit.counting.workers import batches, count_documents
from toolkit.lifeline import descendants
from toolkit.tokens.options import TokenOptions, counting_options
from toolkit.tokens.pipeline import Pipeline


def test_counts_equal_the_pipeline_on_state_union_in_two_processes(state_union):
    table = count_terms(state_union, tokenizer="regexp", jobs=2)
    pipeline = Pipeline(TokenOptions(tokenizer="regexp", stopwords=True, cache=False))
    n: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    for _, counts in document_counts_by_group(state_union, None, pipeline):
        n.update(counts)
        docs.update(counts.keys())
    assert dict(zip(table["term"], table["n"], strict=True)) == dict(n)
    assert dict(zip(table["term"], table["docs"], strict=True)) == dict(docs)
    assert table.loc[0, "term"] == "must"  # the real top word, not an empty table that matches itself


def test_count_documents_in_two_processes_gives_the_totals_of_one(inaugural):
    documents = [(president, [text]) for president, text in zip(inaugural["president"], inaugural["text"], strict=True)]
    for settings in (Settings(), Settings(lowercase=False)):
        serial = count_documents(iter(documents), settings, jobs=1).totals()
        parallel = count_documents(iter(documents), settings, jobs=2).totals()
        assert parallel.n == serial.n and parallel.docs == serial.docs
        assert serial.n["Lincoln"]["union" if settings.lowercase else "Union"] > 10


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_ranked_counts_are_the_same_for_every_number_of_jobs_batch_size_and_compaction(inaugural, state_union, jobs):
    """The table (terms, n, docs, totals, order) of the bulk engine against the token-by-token pipeline's.

    Batches of 2,000 characters to 4 MB, workers that sum their counts after 500 rows or never, and that
    write their table to a file once it holds 300 rows, one row or a million: the counts, the order of ties
    and the totals do not move.
    """
    documents = [(str(p), [t]) for p, t in zip(inaugural["president"], inaugural["text"], strict=True)]
    documents += [(str(p), [t]) for p, t in zip(state_union["president"], state_union["text"], strict=True)]
    pipeline = Pipeline(counting_options(TokenOptions(tokenizer="regexp", cache=False)))
    expected: dict[str, Counter[str]] = {}
    expected_docs: dict[str, Counter[str]] = {}
    for group, pieces in documents:
        counts = pipeline.counts(pipeline.raw(pieces[0]))
        expected.setdefault(group, Counter()).update(counts)
        expected_docs.setdefault(group, Counter()).update(counts.keys())
    settings = Settings.of(pipeline.options, frozenset(pipeline.stopwords))
    tables = []
    for batch_chars, compact_rows, spill_rows in (
        (2_000, 500, 300),
        (200_000, 10**9, 1),
        (4_000_000, COMPACT_ROWS, 10**6),
    ):
        sizes = {"batch_chars": batch_chars, "compact_rows": compact_rows, "spill_rows": spill_rows}
        counted = count_documents(iter(documents), settings, jobs=jobs, **sizes)
        ranked = rank(counted, pipeline)
        assert ranked is not None
        tables.append((*ranked.columns(), ranked.total))
    assert tables[0] == tables[1] == tables[2]
    groups, terms, n, _, docs, total = tables[0]
    assert total == {group: sum(counts.values()) for group, counts in expected.items()}
    got: dict[str, dict[str, int]] = {}
    for group, term, count, doc_count in zip(groups, terms, n, docs, strict=True):
        got.setdefault(group, {})[term] = count
        assert doc_count == expected_docs[group][term]
    assert got == {group: dict(counts) for group, counts in expected.items()}
    lincoln = [(t, c) for g, t, c in zip(groups, terms, n, strict=True) if g == "Lincoln"]
    assert lincoln == sorted(lincoln, key=lambda pair: (-pair[1], pair[0])) and len(lincoln) > 1000


@pytest.mark.parametrize("jobs", [1, 2])
def test_tables_over_the_spill_size_go_to_files_that_are_summed_and_removed(inaugural, tmp_path, monkeypatch, jobs):
    """With tables of at most 2,000 rows, inaugural speeches go through many files, and give the same totals."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the count's folder goes here, in this process
    written: list[int] = []
    take = workers._Spill.take

    def taken(self: workers._Spill, counting: Any) -> None:  # the real write, then the rows of the file it wrote
        take(self, counting)
        written.append(pl.scan_ipc(self.paths[-1]).select(pl.len()).collect().item())

    monkeypatch.setattr(workers._Spill, "take", taken)
    documents = [(str(p), [t]) for p, t in zip(inaugural["president"], inaugural["text"], strict=True)]
    sizes = {"batch_chars": 20_000, "compact_rows": 1_000}
    whole = count_documents(iter(documents), Settings(), jobs=1, spill_rows=10**9, **sizes).totals()
    assert written == []  # one process, no spill: its table stays in memory
    spilled = count_documents(iter(documents), Settings(), jobs=jobs, spill_rows=2_000, **sizes).totals()
    assert spilled.n == whole.n and spilled.docs == whole.docs and whole.n["Lincoln"]["union"] > 10
    if jobs == 1:  # the workers write theirs in their own processes
        assert len(written) > 10 and all(height > 2_000 for height in written)
    assert list(tmp_path.iterdir()) == []  # the folder of files is gone


@pytest.mark.parametrize("here", [True, False])
def test_the_counts_are_the_same_whichever_process_counts_each_batch(inaugural, monkeypatch, here):
    """Every batch counted by the command's own process, or every batch sent to the worker: one process's totals."""
    documents = [(str(p), [t]) for p, t in zip(inaugural["president"], inaugural["text"], strict=True)]
    sizes = {"batch_chars": 20_000, "compact_rows": 1_000, "spill_rows": 5_000}  # tables spilled here and there
    serial = count_documents(iter(documents), Settings(), jobs=1, **sizes).totals()
    counted_here: list[Any] = []
    count = workers._count

    def spy(made: Any, counting: Any, spill: Any, spill_rows: int) -> None:  # what this process counts
        made = list(made)
        counted_here.extend(made)
        count(made, counting, spill, spill_rows)

    monkeypatch.setattr(workers, "_count", spy)
    monkeypatch.setattr(workers, "count_here", lambda inbox: here)
    if not here:
        monkeypatch.setattr(workers, "take_back", _none_taken_back)
    parallel = count_documents(iter(documents), Settings(), jobs=2, **sizes).totals()
    assert parallel.n == serial.n and parallel.docs == serial.docs and serial.n["Lincoln"]["union"] > 10
    made = list(batches(iter(documents), print, sizes["batch_chars"]))
    assert counted_here == (made if here else []) and len(made) > 20


def _none_taken_back(inbox: Any, processes: Any) -> Iterator[Any]:
    """Take no batch back at the end of a count: only tell the workers to finish."""
    for _ in processes:
        workers.put(inbox, None, processes)
    return iter(())


def test_the_command_sums_its_table_before_the_answers_and_joins_the_workers_after_the_sum(inaugural, monkeypatch):
    """The end of a count: this process sums its own table while the workers finish, and joins them only once
    all tables are summed (their exit overlaps the sum); the workers it joins have ended well, with the totals."""
    documents = [(str(p), [t]) for p, t in zip(inaugural["president"], inaugural["text"], strict=True)]
    sizes = {"batch_chars": 20_000, "compact_rows": 1_000, "spill_rows": 5_000}
    events: list[str] = []
    joined: list[Any] = []
    drain, get, gathered, join = workers.Counting.drain, workers.get, workers._gathered, workers._join

    def spy_drain(self: Any, *args: Any) -> Any:
        events.append("drain")
        return drain(self, *args)

    def spy_get(outbox: Any, processes: Any) -> Any:
        events.append("get")
        return get(outbox, processes)

    def spy_gathered(*args: Any) -> Any:
        events.append("sum")
        return gathered(*args)

    def spy_join(processes: Any) -> None:
        processes = list(processes)
        events.append(f"join {len(processes)}")
        join(processes)
        joined.extend(processes)

    monkeypatch.setattr(workers.Counting, "drain", spy_drain)
    monkeypatch.setattr(workers, "get", spy_get)
    monkeypatch.setattr(workers, "_gathered", spy_gathered)
    monkeypatch.setattr(workers, "_join", spy_join)
    parallel = count_documents(iter(documents), Settings(), jobs=3, **sizes).totals()
    assert events[-5:] == ["drain", "get", "get", "sum", "join 2"]
    assert [worker.exitcode for worker in joined] == [0, 0]
    serial = count_documents(iter(documents), Settings(), jobs=1, **sizes).totals()
    assert parallel.n == serial.n and parallel.docs == serial.docs and serial.n["Lincoln"]["union"] > 10


def test_the_command_counts_the_batches_it_takes_back_before_it_waits_for_the_workers_to_start(inaugural, monkeypatch):
    """With a fork server (no workers forked beforehand), the workers may still be starting when the documents end:
    this process takes the waiting batches back and counts them first, telling the workers to finish meanwhile."""
    documents = [(str(p), [t]) for p, t in zip(inaugural["president"], inaugural["text"], strict=True)]
    events: list[str] = []
    take_back, wait = workers.take_back, workers.Starter.wait

    def spy_take_back(inbox: Any, processes: Any) -> Iterator[Any]:
        yield from take_back(inbox, processes)
        events.append("told to finish")

    def spy_wait(self: Any, quietly: bool = False) -> None:
        events.append("waited for the start")
        wait(self, quietly)

    monkeypatch.setattr(workers, "take_back", spy_take_back)
    monkeypatch.setattr(workers.Starter, "wait", spy_wait)
    monkeypatch.setattr(workers, "count_here", lambda inbox: False)  # every batch to the queue, while it has room
    parallel = count_documents(iter(documents), Settings(), jobs=2, batch_chars=20_000).totals()
    end = events.index("told to finish")
    assert end < max(i for i, event in enumerate(events) if event == "waited for the start")  # the last wait
    serial = count_documents(iter(documents), Settings(), jobs=1).totals()
    assert parallel.n == serial.n and parallel.docs == serial.docs


def test_batches_keep_documents_whole_and_in_order_and_hand_over_large_ones(inaugural):
    texts = list(inaugural["text"])
    documents = [(str(i), [text]) for i, text in enumerate(texts)]
    documents.insert(5, ("large", ["first piece\n", "second piece"]))
    large: list[tuple[str, list[str]]] = []
    made = list(batches(documents, lambda group, pieces: large.append((group, list(pieces))), size=100_000))
    assert [text for batch in made for _, text in batch] == texts
    assert all(sum(len(t) for _, t in batch) < 100_000 + max(map(len, texts)) for batch in made) and len(made) > 5
    assert large == [("large", ["first piece\n", "second piece"])]


def test_a_large_file_streams_through_the_caller_while_small_ones_go_to_the_workers(tmp_path: Path):
    (tmp_path / "big.txt").write_bytes(SEED.read_bytes() * (34_000_000 // len(SEED.read_bytes())))
    (tmp_path / "small.txt").write_text("Talks in Baku.\n", "utf-8")
    streamed = count_terms(iter_documents(tmp_path), tokenizer="regexp", jobs=2, cache=False)
    pdt.assert_frame_equal(streamed, count_terms(iter_documents(tmp_path), tokenizer="regexp", cache=False))
    assert streamed.set_index("term").loc["baku", "docs"] == 2


def test_a_file_counted_by_the_workers_equals_the_same_text_counted_from_a_table(tmp_path: Path):
    text = SEED.read_text("utf-8")
    (tmp_path / "big.txt").write_text(text * 400, "utf-8")  # ~2.6 MB
    streamed = count_terms(iter_documents(tmp_path), tokenizer="regexp", jobs=2)
    whole = count_terms(pd.DataFrame({"doc_id": ["a"], "text": [text * 400]}), tokenizer="regexp")
    assert streamed.equals(whole)
    assert streamed.set_index("term").loc["relations", "n"] == 7 * 400


def test_regexp_counting_imports_neither_nltk_nor_pandas_in_its_workers():
    probe = (
        "import sys; from toolkit.counting.bulk import Settings; from toolkit.counting.workers import count_documents; "
        "t = count_documents([('g', ['Baku and Moscow'])] * 3, Settings(), jobs=1).totals(); "
        "print(sorted(t.n['g'].items()), 'nltk' in sys.modules, 'pandas' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split("]")[-1].split() == ["False", "False"]
    assert "('baku', 3)" in done.stdout


# Data memory per process (RLIMIT_DATA: the heap and private writable mappings, where text and counts live; not
# the code of libraries): less than the corpus, and than the text of it in memory.
DATA_LIMIT = 400_000_000


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_DATA, (DATA_LIMIT, DATA_LIMIT))


def test_a_corpus_larger_than_the_memory_limit_is_counted(tmp_path: Path):
    """600 MB of files counted by processes each limited to 400 MB of data memory (RLIMIT_DATA)."""
    article = "".join(SEED.read_text("utf-8").replace("Moscow", f"Moscow{i}") for i in range(160))  # ~0.5 MB
    first = tmp_path / "news" / "a0000.txt"
    first.parent.mkdir()
    first.write_text(article, "utf-8")
    copies = int(600e6 // first.stat().st_size) + 1
    for i in range(1, copies):
        os.link(first, first.with_name(f"a{i:04d}.txt"))  # real files to read; no 600 MB of disk writes
    command = [sys.executable, "-m", "toolkit", "freq", str(first.parent), "--tokenizer", "regexp"]
    done = subprocess.run(
        [*command, "--jobs", "2", "--format", "csv", "--n", "0"],
        preexec_fn=_limit_memory, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    counts = pd.read_csv(io.StringIO(done.stdout), keep_default_na=False).set_index("term")
    single = count_terms(pd.DataFrame({"doc_id": ["a"], "text": [article]}), tokenizer="regexp").set_index("term")
    assert (counts["n"] == single["n"] * copies).all() and (counts["docs"] == copies).all()
    assert counts.index.equals(single.index) and counts.loc["relations", "n"] == 7 * 160 * copies
    assert copies * first.stat().st_size > DATA_LIMIT


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as children:
                kids += [int(c) for c in children.read().split()]
    except OSError:
        pass
    return kids


def test_a_worker_killed_mid_count_stops_the_command_with_one_line(tmp_path: Path):
    """SIGKILL of a counting worker (as the out-of-memory killer does): exit 1 within seconds, one line, no hang."""
    folder = tmp_path / "news"
    folder.mkdir()
    article = SEED.read_text("utf-8") * 200  # about 0.6 MB
    first = folder / "a0000.txt"
    first.write_text(article, "utf-8")
    for i in range(1, 1000):
        os.link(first, folder / f"a{i:04d}.txt")  # 600 MB to count: the kill comes long before the end
    command = [sys.executable, "-m", "toolkit", "freq", str(folder), "--tokenizer", "regexp", "--jobs", "2"]
    temporary = tmp_path / "tmp"  # where the count's folder of tables goes
    temporary.mkdir()
    environment = {**os.environ, "TMPDIR": str(temporary)}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=environment)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers and time.monotonic() < deadline:  # the worker is the command's fork (the command counts too)
        time.sleep(0.2)
        workers = _forked_workers(process.pid)
    assert workers, "no worker started"
    time.sleep(1)
    os.kill(workers[-1], signal.SIGKILL)
    try:
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 1
    assert stderr == (
        "python -m toolkit: error: a counting worker stopped (signal SIGKILL: out of memory, or stopped from "
        "outside); nothing was counted\n"
    )
    assert list(temporary.iterdir()) == []


def _forked_workers(command: int) -> list[int]:
    """The regexp count's workers: forks of the command (see workers.prefork), with no fork server beside them."""
    children = _children(command)
    assert not [pid for pid in children if b"forkserver" in _cmdline(pid)]
    return [pid for pid in children if _cmdline(pid) == _cmdline(command)]


def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read()
    except OSError:
        return b""


@pytest.mark.parametrize("tokenizer", ["regexp", "treebank"])
def test_workers_end_with_a_command_killed_mid_count(tmp_path: Path, tokenizer: str):
    """SIGKILL of ``freq --jobs 2`` (a closed terminal, a cancelled CI job): its workers (and fork server) end too.

    The regexp workers also remove the count's folder of tables, which the command could not.
    """
    folder = tmp_path / "news"
    folder.mkdir()
    first = folder / "a0000.txt"
    first.write_text(SEED.read_text("utf-8") * 200, "utf-8")
    for i in range(1, 1000):
        os.link(first, folder / f"a{i:04d}.txt")
    command = [sys.executable, "-m", "toolkit", "freq", str(folder), "--tokenizer", tokenizer, "--jobs", "2"]
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    environment = {**os.environ, "TMPDIR": str(temporary)}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    process = subprocess.Popen([*command, "--no-cache"], env=environment, **quiet)
    started = 1 if tokenizer == "regexp" else 2  # the regexp count's command counts too, beside jobs - 1 workers
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < started and time.monotonic() < deadline:
        time.sleep(0.2)
        if tokenizer == "regexp":
            workers = _forked_workers(process.pid)
        else:
            servers = [pid for pid in _children(process.pid) if b"forkserver" in _cmdline(pid)]
            workers = [pid for server in servers for pid in _children(server)]
    assert len(workers) >= started, "no workers started"
    assert bool(_count_folders(temporary)) == (tokenizer == "regexp")  # the regexp count's folder of tables
    tree = set(descendants(process.pid))
    process.kill()
    process.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_running(pid) for pid in tree):
        time.sleep(0.1)
    assert [pid for pid in tree if _running(pid)] == []
    assert _count_folders(temporary) == []  # (multiprocessing's own "pymp-" folder of the fork server stays)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_command_told_to_end_removes_its_folder_of_tables_and_exits_143(tmp_path: Path, jobs: int):
    """SIGTERM of ``freq --tokenizer regexp`` (``kill``, ``timeout``, a cancelled job) mid-count: the count's
    folder of tables is removed (with one job nothing else would: before, it stayed), its workers end, and the
    command exits 143 without a word, as a shell reports a terminated command."""
    folder = tmp_path / "news"
    folder.mkdir()
    first = folder / "a0000.txt"
    first.write_text(SEED.read_text("utf-8") * 200, "utf-8")
    for i in range(1, 1000):
        os.link(first, folder / f"a{i:04d}.txt")  # 600 MB: the signal comes long before the end
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    command = [sys.executable, "-m", "toolkit", "freq", str(folder), "--tokenizer", "regexp", "--jobs", str(jobs)]
    environment = {**os.environ, "TMPDIR": str(temporary)}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=environment)
    deadline = time.monotonic() + 60
    while not _count_folders(temporary) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _count_folders(temporary), "the count did not start"
    time.sleep(1)  # counting, with tables in the folder or about to be
    tree = set(descendants(process.pid))
    assert len(tree) >= jobs - 1  # the workers, with two jobs
    process.send_signal(signal.SIGTERM)
    try:
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 143 and stderr == ""
    assert _count_folders(temporary) == []
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_running(pid) for pid in tree):
        time.sleep(0.1)
    assert [pid for pid in tree if _running(pid)] == []


def _count_folders(temporary: Path) -> list[Path]:
    return [path for path in temporary.iterdir() if path.name.startswith("toolkit-count-")]


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def test_batches_send_a_file_left_unread_as_its_job_and_refuse_files_of_two_loads(tmp_path: Path):
    from toolkit.corpus.loader import Loader
    from toolkit.corpus.smallfiles import PendingFile

    first, second = Loader("news"), Loader("other")
    pending = [PendingFile(str(tmp_path / name), 10, name, first) for name in ("a.txt", "b.txt")]
    loaders: list = []
    made = list(batches([("g", pending[0]), ("g", ["Talks."]), ("g", pending[1])], print, 15, loaders))
    assert made == [
        [("g", (str(tmp_path / "a.txt"), 10, "a.txt", "cp1252")), ("g", "Talks.")],
        [("g", pending[1].job())],
    ]
    assert loaders == [first]
    with pytest.raises(ValueError, match="two loads"):
        list(batches([("g", pending[0]), ("g", PendingFile("c", 1, "c", second))], print, 15, []))
    with pytest.raises(ValueError, match="nowhere to settle"):
        list(batches([("g", pending[0])], print))


# A fresh process for each check of prefork: it forks only a process that runs no other thread, and only once.
_PREFORK = """
import json, os, sys, tempfile, threading, time
from pathlib import Path
tempfile.tempdir = sys.argv[2]  # the count's folder goes here
if sys.argv[3] == "thread":
    threading.Thread(target=time.sleep, args=(5,), daemon=True).start()
from toolkit.counting import workers
from toolkit.counting.bulk import Settings
forked = workers.prefork(int(sys.argv[4]))
polars_at_fork = "polars" in sys.modules  # the workers load their own, on one thread
crew = [worker.pid for worker in workers._crew.workers] if forked else []
documents = [(path.name[:4], [path.read_text("latin-1")]) for path in sorted(Path(sys.argv[1]).glob("*.txt"))]
if int(sys.argv[5]):
    sizes = {"batch_chars": 20_000, "compact_rows": 1_000, "spill_rows": 2_000}
    totals = workers.count_documents(iter(documents), Settings(), jobs=int(sys.argv[5]), **sizes).totals()
    totals = {"n": totals.n, "docs": totals.docs}
else:
    totals = None
pool = sys.modules["polars"].thread_pool_size() if "polars" in sys.modules else None
left = workers._crew is not None
result = {"forked": forked, "crew": crew, "left": left, "totals": totals, "polars_at_fork": polars_at_fork}
print(json.dumps({**result, "pool": pool}))
"""


def _prefork(corpus: Path, folder: Path, *, thread: bool, workers: int, jobs: int) -> dict[str, Any]:
    import json

    arguments = [str(corpus), str(folder), "thread" if thread else "-", str(workers), str(jobs)]
    env = {key: value for key, value in os.environ.items() if key != "POLARS_MAX_THREADS"}
    command = [sys.executable, "-c", _PREFORK, *arguments]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0 and done.stderr == "", done.stderr[-2000:]
    return json.loads(done.stdout)


def _serial(corpus: Path) -> dict[str, Any]:
    import json

    documents = [(path.name[:4], [path.read_text("latin-1")]) for path in sorted(corpus.glob("*.txt"))]
    totals = count_documents(iter(documents), Settings(), jobs=1).totals()
    return json.loads(json.dumps({"n": totals.n, "docs": totals.docs}))


@pytest.mark.parametrize("jobs", [2, 3])
def test_workers_forked_before_the_count_give_the_serial_totals_and_leave_nothing(nltk_corpus_dir, tmp_path, jobs):
    """The command line's workers (prefork): the same totals, through many batches and files, and nothing left."""
    corpus = nltk_corpus_dir("inaugural")
    result = _prefork(corpus, tmp_path, thread=False, workers=jobs - 1, jobs=jobs)
    assert result["forked"] and len(result["crew"]) == jobs - 1 and not result["left"]  # the count took them
    # Forked before polars loaded (no polars thread to lose in the fork); this process keeps polars' own pool.
    default_pool = subprocess.run(
        [sys.executable, "-c", "import polars; print(polars.thread_pool_size())"],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "POLARS_MAX_THREADS"},
    ).stdout
    assert not result["polars_at_fork"] and result["pool"] == int(default_pool)
    assert result["totals"] == _serial(corpus) and result["totals"]["n"]["1861"]["union"] > 10
    assert list(tmp_path.iterdir()) == []  # the folder of tables is gone
    assert not [pid for pid in result["crew"] if _running(pid)]


def test_workers_no_count_takes_end_with_their_process(nltk_corpus_dir, tmp_path):
    result = _prefork(nltk_corpus_dir("inaugural"), tmp_path, thread=False, workers=2, jobs=0)
    assert result["forked"] and result["left"] and len(result["crew"]) == 2
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_running(pid) for pid in result["crew"]):
        time.sleep(0.1)
    assert not [pid for pid in result["crew"] if _running(pid)]
    assert list(tmp_path.iterdir()) == []  # the folder made for their count is removed


@pytest.mark.parametrize(("thread", "workers_forked", "jobs"), [(True, 1, 2), (False, 1, 3)])
def test_without_the_forked_workers_a_count_starts_its_own(nltk_corpus_dir, tmp_path, thread, workers_forked, jobs):
    """No fork beside another thread; a count with another number of jobs leaves the forked workers alone."""
    corpus = nltk_corpus_dir("inaugural")
    result = _prefork(corpus, tmp_path, thread=thread, workers=workers_forked, jobs=jobs)
    assert result["forked"] is not thread and result["left"] is not thread
    assert result["totals"] == _serial(corpus)
    assert list(tmp_path.iterdir()) == []
