"""Workers that end with their command: a real process tree, killed at the top."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

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
