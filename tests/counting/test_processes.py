"""How a count's processes start and pass work, with real processes and queues."""

from __future__ import annotations

import multiprocessing
import signal
import time
from types import SimpleNamespace
from typing import Any

import pytest

from toolkit.counting.processes import CountingError, Starter, get, put, take_back, widen
from toolkit.counting.workers import BATCH_CHARS


def test_batches_no_worker_took_are_taken_back_in_order_and_each_worker_is_told_to_finish_before_the_last():
    context = multiprocessing.get_context("fork")
    inbox = context.Queue()
    workers = [SimpleNamespace(exitcode=None)] * 2  # two workers that have not stopped (all that put asks)
    assert list(take_back(inbox, workers)) == []  # nothing waiting: no wait, and the end at once
    assert [inbox.get(timeout=10), inbox.get(timeout=10)] == [None, None]
    # Put by another process, which sends them all to the pipe before it exits (take_back reads only the pipe).
    sender = context.Process(target=_put_all, args=(inbox, [[("g", f"text {n}")] for n in range(3)]))
    sender.start()
    sender.join()
    taken = take_back(inbox, workers)
    assert next(taken) == [("g", "text 0")]
    assert next(taken) == [("g", "text 1")]
    assert next(taken) == [("g", "text 2")]  # the last one: the workers are told before it is counted
    assert [inbox.get(timeout=10), inbox.get(timeout=10)] == [None, None]
    assert list(taken) == [] and inbox.empty()


def _put_all(inbox: Any, items: list[Any]) -> None:
    for item in items:
        inbox.put(item)


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
