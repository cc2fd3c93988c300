"""benchmarks/bench_counting.py: what it says of one timed process is what the process did."""

from __future__ import annotations

import sys

from toolkit.paths import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))  # the script imports its sibling newscorpus by name

import bench_counting

# A process that holds 60 MB of its own for its last 0.1 s of about 0.15 s, as a warm count at 5 MB lives 0.17 s.
_SHORT = "import time; time.sleep(0.05); block = bytearray(60_000_000); time.sleep(0.1); print(len(block))"


def test_a_process_shorter_than_the_slow_memory_readings_still_has_its_peak_read():
    """The peak memory of a short process is read (it said "0 MB peak (PSS)" for a 0.17 s warm count)."""
    timing = bench_counting.run_timed("short", [sys.executable, "-c", _SHORT], 0)
    assert timing.seconds < 5
    assert 60 <= timing.peak_mb <= timing.peak_rss_mb < 200, timing
