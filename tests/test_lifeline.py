"""Workers that end with their command: a real process tree, killed at the top."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from toolkit.lifeline import ORPHANED, descendants, end_tree

#: A worker that watches its owner (argv[1]) and starts a grandchild that sleeps, as a worker starts a kernel.
WORKER = (
    "import subprocess, sys, time; from toolkit.lifeline import watch; watch(int(sys.argv[1])); "
    "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); "
    "print(child.pid, flush=True); time.sleep(60)"
)


def _gone(pid: int, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return True
        except OSError:
            return True
        time.sleep(0.05)
    return False


def test_a_worker_and_its_child_end_when_the_owner_is_killed():
    owner = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    worker = subprocess.Popen([sys.executable, "-c", WORKER, str(owner.pid)], stdout=subprocess.PIPE, text=True)
    grandchild = int(worker.stdout.readline())
    owner.kill()
    owner.wait()
    assert worker.wait(timeout=10) == ORPHANED
    assert _gone(grandchild)
    worker.stdout.close()


def test_a_worker_whose_owner_is_gone_already_ends_at_once():
    owner = subprocess.Popen([sys.executable, "-c", "pass"])
    owner.wait()
    worker = subprocess.Popen([sys.executable, "-c", WORKER, str(owner.pid)], stdout=subprocess.DEVNULL)
    assert worker.wait(timeout=10) == ORPHANED


def test_a_worker_ignores_ctrl_c_and_goes_on_while_its_owner_runs():
    owner = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    worker = subprocess.Popen([sys.executable, "-c", WORKER, str(owner.pid)], stdout=subprocess.PIPE, text=True)
    grandchild = int(worker.stdout.readline())
    worker.send_signal(signal.SIGINT)
    time.sleep(0.5)
    assert worker.poll() is None
    end_tree(worker.pid)
    assert worker.wait(timeout=10) == -signal.SIGKILL
    assert _gone(grandchild)
    owner.kill()
    owner.wait()
    worker.stdout.close()


def test_descendants_lists_the_whole_tree_and_end_tree_ends_it():
    worker = subprocess.Popen([sys.executable, "-c", WORKER, "1"], stdout=subprocess.PIPE, text=True)
    grandchild = int(worker.stdout.readline())
    assert grandchild in descendants(worker.pid)
    end_tree(worker.pid)
    worker.wait(timeout=10)
    assert _gone(grandchild)
    assert descendants(worker.pid) == []
    worker.stdout.close()


@pytest.mark.parametrize("tokenizer", ["regexp", "treebank"])
def test_a_script_without_a_main_guard_counts_with_workers(tmp_path: Path, tokenizer: str):
    # Workers of a fork server import the caller's __main__ by its file: without main_not_imported this script
    # ran again in each worker, which failed there ("a counting worker stopped with exit code 1").
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(12):
        (folder / f"{n:02d}.txt").write_text(f"Talks in Baku, round {n}. The ministers met again.\n" * 50, "utf-8")
    script = tmp_path / "count.py"
    script.write_text(
        "import sys\nfrom toolkit import count_terms, load_corpus\n"
        f"counts = count_terms(load_corpus(sys.argv[1]), tokenizer={tokenizer!r}, jobs=2, cache=False)\n"
        "print(counts.loc[counts['term'] == 'baku', 'n'].item())\n",
        "utf-8",
    )
    result = subprocess.run([sys.executable, str(script), str(folder)], capture_output=True, text=True, timeout=300)
    assert (result.returncode, result.stdout, result.stderr) == (0, "600\n", "")
