"""benchmarks/bench_counting.py: what it says of one timed process is what the process did."""

from __future__ import annotations

import sys

from toolkit.paths import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))  # the script imports its sibling newscorpus by name

import bench_counting

# Ends within 0.1 s (a warm count at 5 MB ends at 0.17 s), well before the first reading of its memory at 0.2 s.
_SHORT = "print(len(bytearray(60_000_000)))"
# Holds 60 MB for 0.6 s.
_LONGER = "import time; block = bytearray(60_000_000); time.sleep(0.6); print(len(block))"


def test_a_process_that_ends_before_its_memory_is_read_shows_no_peak_rather_than_zero():
    """A warm count at 5 MB (0.17 s) ended before the sampler read its PSS, and the table said "0 MB peak"."""
    short = bench_counting.run_timed("short", [sys.executable, "-c", _SHORT], 0)
    assert short.peak_mb is None
    assert bench_counting.memory(short.peak_mb) == "not read (< 0.2 s)"
    assert "| not read (< 0.2 s) |" in bench_counting._table([short], {0: {"files": 1, "tokens": 1, "terms": 1}})
    longer = bench_counting.run_timed("longer", [sys.executable, "-c", _LONGER], 0)
    assert longer.peak_mb is not None and 60 <= longer.peak_mb <= longer.peak_rss_mb < 200


def test_the_memory_sampler_reads_smaps_every_200_ms_and_not_at_all_when_told(monkeypatch):
    """Reading smaps slows the run it reads (the two-job count of 50 MB: 2.5% every 200 ms, 10% every 50 ms): a 0.6 s
    process is read 1 to 3 times, and nothing at all is read in the runs timed alone."""
    reads: list[int] = []
    pss = bench_counting._pss

    def counted(pid: int) -> int:
        reads.append(pid)
        return pss(pid)

    monkeypatch.setattr(bench_counting, "_pss", counted)
    bench_counting.run_timed("longer", [sys.executable, "-c", _LONGER], 0)
    assert 1 <= len(reads) <= 3
    reads.clear()
    unread = bench_counting.run_timed("longer", [sys.executable, "-c", _LONGER], 0, sample=False)  # the timed runs
    assert reads == [] and unread.peak_mb is None and unread.peak_rss_mb == 0


# A worker that holds 60 MB from about 0.02 s to 0.17 s after the start, beside a parent that lives 0.4 s.
_WORKER = (
    "import os, time\n"
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    block = bytearray(60_000_000); time.sleep(0.15); os._exit(0)\n"
    "os.waitpid(pid, 0); time.sleep(0.25); print('done')\n"
)


def test_a_worker_that_lives_less_than_200_ms_is_in_the_rss_sum():
    """The workers are found at every reading: found every 200 ms, a 0.27 s count had its RSS summed without one."""
    timing = bench_counting.run_timed("worker", [sys.executable, "-c", _WORKER], 0)
    assert timing.peak_rss_mb >= 60


# A worker that keeps a core busy for about 0.5 s while its parent waits for it, idle.
_BUSY_WORKER = (
    "import os, time\n"
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    end = time.process_time() + 0.5\n"
    "    while time.process_time() < end: pass\n"
    "    os._exit(0)\n"
    "os.waitpid(pid, 0); print('done')\n"
)


def test_a_run_timed_alone_counts_the_cpu_of_the_workers_its_process_waited_for():
    """Unsampled, the cores a count kept busy come from the kernel as it is reaped, its workers' time included."""
    timing = bench_counting.run_timed("busy worker", [sys.executable, "-c", _BUSY_WORKER], 0, sample=False)
    assert timing.cpu_seconds >= 0.5 and timing.peak_rss_mb == 0


def test_a_ratio_just_below_its_target_never_prints_as_the_target():
    """This round's 50 MB run printed "regexp against CountVectorizer, 50 MB: 4.00x (target 4x) NOT met": 3.9991x,
    rounded. Ratios are cut to two decimals, in the targets and in the table alike."""
    row = [
        bench_counting.Timing("CountVectorizer", 50, 3.6392, 200, 200),
        bench_counting.Timing("toolkit regexp", 50, 0.91, 200, 200),
    ]
    targets = bench_counting._targets(row, {})
    assert "regexp against CountVectorizer, 50 MB: 3.99x (target 4x) NOT met" in targets
    assert "| 3.99x |" in bench_counting._table(row, {50: {"files": 1, "tokens": 1, "terms": 1}})
    row[0] = bench_counting.Timing("CountVectorizer", 50, 3.6401, 200, 200)
    assert "50 MB: 4.00x (target 4x) met" in bench_counting._targets(row, {})


def test_the_jobs_target_says_what_a_count_of_one_file_leaves_to_share():
    """At 5 MB one job took 0.56 s and two 0.55 s: the target line says how little a perfect split could gain, from
    a count of one file measured in the same run, and the table gives that count no ratio against a whole corpus."""
    row = [
        bench_counting.Timing("CountVectorizer", 5, 2.47, 150, 150),
        bench_counting.Timing("toolkit regexp 1 job", 5, 0.56, 120, 120),
        bench_counting.Timing("toolkit regexp", 5, 0.55, 130, 130),
        bench_counting.Timing(bench_counting.ONE_FILE, 5, 0.30, 100, 100),
    ]
    targets = bench_counting._targets(row, {})
    jobs_line = next(line for line in targets.splitlines() if line.startswith("regexp on --jobs"))
    assert jobs_line.startswith("regexp on --jobs against one job, 5 MB: 1.01x (target 1.6x) NOT met")
    assert jobs_line.endswith("so 2 processes that split the rest evenly gain at most 1.30x")
    table = bench_counting._table(row, {5: {"files": 1, "tokens": 1, "terms": 1}})
    one_file_row = next(line for line in table.splitlines() if bench_counting.ONE_FILE in line)
    assert one_file_row.endswith("|  |  |") and "| 4.41x |" in table  # 2.47 / 0.56 for one job, none for one file
