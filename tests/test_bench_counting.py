"""benchmarks/bench_counting.py: what it says of one timed process is what the process did."""

from __future__ import annotations

import sys

from toolkit.paths import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))  # the script imports its sibling newscorpus by name

import bench_counting

# Holds 60 MB of its own for its last 0.1 s, and ends at about 0.15 s, as a warm count at 5 MB ends at 0.17 s.
_SHORT = "import time; time.sleep(0.05); block = bytearray(60_000_000); time.sleep(0.1); print(len(block))"
# The same, for 0.6 s.
_LONGER = "import time; block = bytearray(60_000_000); time.sleep(0.6); print(len(block))"


def test_a_process_that_ends_before_its_memory_is_read_shows_no_peak_rather_than_zero():
    """A warm count at 5 MB (0.17 s) ended before the sampler read its PSS, and the table said "0 MB peak"."""
    short = bench_counting.run_timed("short", [sys.executable, "-c", _SHORT], 0)
    assert short.peak_mb is None and short.peak_rss_mb >= 60
    assert bench_counting.memory(short.peak_mb) == "not read (< 0.2 s)"
    assert "| not read (< 0.2 s) |" in bench_counting._table([short], {0: {"files": 1, "tokens": 1, "terms": 1}})
    longer = bench_counting.run_timed("longer", [sys.executable, "-c", _LONGER], 0)
    assert longer.peak_mb is not None and 60 <= longer.peak_mb <= longer.peak_rss_mb < 200


def test_the_memory_sampler_reads_smaps_every_200_ms_only(monkeypatch):
    """Reading smaps every 50 ms made the two-job count of 50 MB 10% slower: a 0.6 s process is read 2 or 3 times."""
    reads: list[int] = []
    pss = bench_counting._pss

    def counted(pid: int) -> int:
        reads.append(pid)
        return pss(pid)

    monkeypatch.setattr(bench_counting, "_pss", counted)
    bench_counting.run_timed("longer", [sys.executable, "-c", _LONGER], 0)
    assert 1 <= len(reads) <= 3
