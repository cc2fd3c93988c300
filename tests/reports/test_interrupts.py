"""Signals into one exception, and a pool's workers ended at once (the whole batch: test_batch.py)."""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import signal
import time

import pytest

from toolkit.reports.interrupts import Interrupted, end_workers, hold_signals, interruptible


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_either_signal_becomes_interrupted_with_the_shell_exit_code(signum: int, code: int):
    before = signal.getsignal(signum)
    seen = []
    with pytest.raises(Interrupted) as stop, interruptible(first=lambda: seen.append("first")):
        _signal_and_wait(signum)
    assert stop.value.code == code
    assert seen == ["first"]
    assert signal.getsignal(signum) is before


def test_a_plain_keyboard_interrupt_comes_out_as_sigint():
    with pytest.raises(Interrupted) as stop, interruptible():
        raise KeyboardInterrupt
    assert stop.value.name == "SIGINT"


def test_a_second_signal_during_the_clean_up_is_held():
    with pytest.raises(Interrupted), interruptible():
        _stop_twice()


def _signal_and_wait(signum: int) -> None:
    os.kill(os.getpid(), signum)
    time.sleep(5)  # interrupted long before


def _stop_twice() -> None:
    try:
        _signal_and_wait(signal.SIGTERM)
    except Interrupted:
        hold_signals()
        os.kill(os.getpid(), signal.SIGTERM)  # ignored: the clean-up goes on
        time.sleep(0.1)
        raise


def test_end_workers_kills_running_and_drops_queued_work():
    pool = cf.ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("forkserver"))
    futures = [pool.submit(time.sleep, 60) for _ in range(4)]
    time.sleep(1)
    clock = time.monotonic()
    assert end_workers(pool) == 2
    assert time.monotonic() - clock < 10
    assert all(f.done() for f in futures)
    assert all(f.cancelled() or f.exception() is not None for f in futures)
