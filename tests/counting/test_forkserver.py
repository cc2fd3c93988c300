"""toolkit.counting.forkserver: workers forked by the fork server run polars on one thread and count as one process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import SEED
from toolkit.paths import PROJECT_ROOT

# Run in a fresh interpreter: a fork server is started once per process, so the test must own it. The parent has
# no POLARS_MAX_THREADS: what the workers see comes from the fork server's preload.
PROBE = """
import concurrent.futures as cf, json, os, sys
from pathlib import Path
from toolkit.corpus.loading import iter_documents
from toolkit.counting import launch, workers
from toolkit.counting.bulk import Settings

folder = Path(sys.argv[1])
documents = [(doc.doc_id[:4], [doc.text]) for doc in iter_documents(folder)]
documents.append(("seed", [Path(sys.argv[2]).read_text("utf-8")]))
if sys.argv[3] == "preloaded":
    context = launch.prestart()
else:  # someone else started the fork server, without the preload: each worker imports it itself
    import multiprocessing, multiprocessing.forkserver
    multiprocessing.forkserver.ensure_running()
    context = multiprocessing.get_context("forkserver")
seen = {}
if sys.argv[3] == "preloaded":
    with cf.ProcessPoolExecutor(1, mp_context=context) as pool:
        seen = pool.submit(eval, (
            "(__import__('os').environ.get('POLARS_MAX_THREADS'), __import__('polars').thread_pool_size(), "
            "__import__('os').environ.get('_RJEM_MALLOC_CONF'), "
            "sorted(m for m in ('nltk', 'pandas', 'polars') if m in __import__('sys').modules))"
        )).result()
serial = workers.count_documents(iter(documents), Settings(), jobs=1).totals()
forked = workers.count_documents(iter(documents), Settings(), jobs=2).totals()
print(json.dumps({
    "worker": seen,
    "caller": os.environ.get("POLARS_MAX_THREADS"),
    "same": forked.n == serial.n and forked.docs == serial.docs,
    "groups": len(serial.n),
    "tokens": sum(sum(counts.values()) for counts in serial.n.values()),
}))
"""


def _probe(mode: str, folder: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("POLARS_MAX_THREADS", "_RJEM_MALLOC_CONF")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(folder), str(SEED), mode],
        capture_output=True, text=True, timeout=300, cwd=PROJECT_ROOT, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_worker_forked_by_the_preloaded_server_runs_polars_on_one_thread_and_gives_the_serial_totals(
    nltk_corpus_dir,
):
    result = _probe("preloaded", nltk_corpus_dir("inaugural"))
    variable, threads, malloc, modules = result["worker"]
    assert (variable, threads) == ("1", 1)
    assert {"background_thread:false", "narenas:1", "tcache:false"} <= set(malloc.split(","))  # polars may add more
    assert modules == ["polars"]  # a worker holds polars, never NLTK or pandas
    assert result["caller"] is None  # the caller's own polars keeps all its threads
    assert result["same"] and result["groups"] > 50 and result["tokens"] > 130_000


def test_workers_of_a_server_started_without_the_preload_count_the_same(nltk_corpus_dir):
    result = _probe("plain", nltk_corpus_dir("inaugural"))
    assert result["same"] and result["groups"] > 50 and result["tokens"] > 130_000


# The fork server's preload here: an exit handler registered before toolkit.counting.forkserver's leaves a mark
# when the interpreter is torn down as usual; the fork server's quick end runs first, and skips it.
MARKING_SERVER = """
import multiprocessing, multiprocessing.forkserver, sys, time
plain = sys.argv[1] == "plain"
context = multiprocessing.get_context("forkserver")
context.set_forkserver_preload(["_marking"] if plain else ["_marking", "toolkit.counting.forkserver"])
multiprocessing.forkserver.ensure_running()
worker = context.Process(target=time.sleep, args=(0,))
worker.start()
worker.join()
print(multiprocessing.forkserver._forkserver._forkserver_pid)
"""


def _server_ends(tmp_path: Path, mode: str) -> bool:
    """Run a fork server to its end (its command exits); say whether its interpreter was torn down as usual."""
    (tmp_path / "_marking.py").write_text(
        "import atexit, os, pathlib\natexit.register(pathlib.Path(os.environ['MARK']).touch)\n",
        "utf-8",
    )
    mark = tmp_path / "torn-down"
    env = {**os.environ, "MARK": str(mark), "PYTHONPATH": os.pathsep.join([str(tmp_path), str(PROJECT_ROOT)])}
    done = subprocess.run(
        [sys.executable, "-c", MARKING_SERVER, mode],
        capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    server = int(done.stdout.split()[-1])
    for _ in range(200):  # the server ends once it sees its command gone
        if not Path(f"/proc/{server}").exists():
            break
        time.sleep(0.05)
    else:
        raise AssertionError("the fork server did not end")
    return mark.exists()


def test_the_fork_server_ends_without_tearing_down_its_interpreter(tmp_path: Path):
    """A reader of the command's output waits for the fork server too: it ends at once, not 50 ms later."""
    assert _server_ends(tmp_path, "plain")  # the control: a fork server without the preload runs its exit handlers
    (tmp_path / "torn-down").unlink()
    assert not _server_ends(tmp_path, "preloaded")


def test_importing_the_fork_servers_module_elsewhere_keeps_the_exit_status():
    done = subprocess.run(
        [sys.executable, "-c", "import toolkit.counting.forkserver; raise SystemExit(3)"],
        capture_output=True, text=True, timeout=120, cwd=PROJECT_ROOT, check=False,
    )  # fmt: skip
    assert done.returncode == 3, done.stderr
