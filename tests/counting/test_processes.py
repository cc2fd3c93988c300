"""How a count's processes start and pass work, with real processes and queues."""

from __future__ import annotations

import multiprocessing
import signal
import time
from typing import Any

import pytest

from toolkit.counting.processes import CountingError, Starter, get, put, waiting_batches, widen
from toolkit.counting.workers import BATCH_CHARS


def test_batches_no_worker_took_are_taken_back_in_order_and_none_is_waited_for():
    inbox = multiprocessing.get_context("spawn").Queue()
    assert list(waiting_batches(inbox)) == []  # nothing waiting: no wait
    for n in range(3):
        inbox.put([("g", f"text {n}")])
    taken: list[Any] = []
    deadline = time.monotonic() + 10
    while len(taken) < 3 and time.monotonic() < deadline:  # the queue's thread sends them to its pipe meanwhile
        taken += waiting_batches(inbox)
    assert taken == [[("g", "text 0")], [("g", "text 1")], [("g", "text 2")]]


def test_an_error_starting_the_workers_is_raised_in_the_caller():
    worker = multiprocessing.get_context("spawn").Process(target=print)
    worker.start()
    worker.join()
    starter = Starter([worker])  # a process started twice: multiprocessing refuses in the thread
    with pytest.raises(AssertionError, match="cannot start a process twice"):
        starter.wait()
    starter.check()  # raised once
    quiet = Starter([worker])
    quiet.wait(quietly=True)  # after another error, the caller's own is the one that goes on


def test_the_queue_of_batches_has_a_pipe_that_holds_a_batch():
    """A batch of a megabyte crosses to a worker in two writes; the pipe's default (64 KiB) took seventeen."""
    fcntl = pytest.importorskip("fcntl")
    if not hasattr(fcntl, "F_GETPIPE_SZ"):
        pytest.skip("pipe sizes are set on Linux only")
    inbox = multiprocessing.get_context("spawn").Queue()
    before = fcntl.fcntl(inbox._writer.fileno(), fcntl.F_GETPIPE_SZ)
    widen(inbox, BATCH_CHARS)
    assert before < BATCH_CHARS <= fcntl.fcntl(inbox._writer.fileno(), fcntl.F_GETPIPE_SZ)


@pytest.mark.parametrize("full", [True, False])
def test_a_worker_killed_while_the_count_waits_on_its_queues_raises_with_the_signal(full: bool):
    context = multiprocessing.get_context("spawn")
    inbox, outbox = context.Queue(maxsize=1), context.Queue()
    worker = context.Process(target=time.sleep, args=(60,), daemon=True)
    worker.start()
    put(inbox, "a batch", [worker])  # alive: put at once
    worker.kill()
    worker.join()
    # put: the queue is full and nobody will empty it; get: nothing will come
    wait = (lambda: put(inbox, "another batch", [worker])) if full else (lambda: get(outbox, [worker]))
    with pytest.raises(CountingError, match="signal SIGKILL: out of memory, or stopped from outside"):
        wait()
    inbox.cancel_join_thread()


def test_a_worker_that_exits_with_an_error_is_named_by_its_code_and_an_unknown_signal_by_its_number():
    context = multiprocessing.get_context("spawn")
    worker = context.Process(target=exit, args=(3,))
    worker.start()
    worker.join()
    with pytest.raises(CountingError, match="exit code 3; nothing was counted"):
        get(context.Queue(), [worker])
    assert "signal 99:" in str(CountingError.of(-99)) and "SIGTERM" in str(CountingError.of(-signal.SIGTERM))
