"""Benchmark counting at scale: ``python -m toolkit bench``.

Builds a scraped-news corpus at each size asked for (5, 50, 200 MB, optionally
1 GB) with :func:`newscorpus.build_news`: real paragraphs of NLTK's abc,
state_union and brown, every copy changed, with new names, numbers,
misspellings and compounds at the rate Heaps' law fitted on those corpora
asks, so that the vocabulary grows with the size as a real news archive's does
(about 46,000 distinct terms at 5 MB, 204,000 at 50 MB, 1.4 million at 1 GB).
Each corpus's files, tokens and distinct terms are printed beside its timings.
Then it times whole processes side by side in one run, each with the peak
memory of the process and its workers: the proportional set size (PSS: a page
that several processes share counts once, divided among them, read every
200 ms in the first run of each configuration only) and, for comparison, the
sum of resident sizes (RSS, which counts a shared library once per process,
read every 50 ms in that run). Only that run is sampled: on two cores, a
sampler that walks ``/proc`` every 20 ms took a tenth of the time of the
toolkit's two busy workers, and none from a one-process baseline; reading
PSS, even every 200 ms, made the two-job count of 50 MB 2.5% slower. The
other runs are timed alone, their CPU time read from the kernel as each
process is reaped (see :func:`run_timed`).

- stock NLTK: a script that reads the files and counts with Punkt,
  ``NLTKWordTokenizer`` and ``FreqDist``, as a user of NLTK alone would;
- scikit-learn: a script that reads the files and sums ``CountVectorizer``'s
  document-term matrix over its columns;
- ``python -m toolkit freq`` with the treebank tokeniser, cold (empty cache),
  warm and ranked again (once, with an output not written before: the
  folder's stamp finds the last count's totals, which are ranked and
  written), warm (the same command again: it writes the bytes the last run
  kept, see :mod:`toolkit.cli.replay`), and warm with every file touched
  first (no stamp: each document's counts come from the cache by its text's
  hash), and with the regexp tokeniser on one process and on ``--jobs``;
- the same one-process regexp count of one file of the corpus: what every
  count costs whatever its size, which no number of processes shares (the
  most ``--jobs`` can gain follows, see :func:`fixed_bound`).

Each fast configuration runs ``--repeat`` times (3) and its median run counts;
the slow ones run once, first. The others run in rounds, one run of each per
round, so that the toolkit and its baseline meet the same load of a shared
machine; the ratios within each round are printed beside the targets. The
warm count with every file touched runs last, its runs in a row: touching
the files makes the next count find no stamp, so a warm run after it would
not be warm. Each run's CPU time (the whole process tree's, sampled) gives
the cores it kept busy, and with it the most ``--jobs`` could gain on this
machine's cores.
Ratios are printed against stock NLTK and CountVectorizer measured in the
same run, then the issue's targets (#16) with each measured ratio. The
toolkit's outputs are compared byte for byte: cold and both warm runs, one
job and ``--jobs``.
The toolkit's modules are compiled to bytecode first, as an installed
package's are (scikit-learn's and NLTK's are), so that no run compiles them.
Slow configurations (stock NLTK and a cold treebank count) run only up to
``--slow-max`` megabytes, so that the whole benchmark stays within minutes.
"""

from __future__ import annotations

import compileall
import dataclasses
import hashlib
import json
import math
import os
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))  # newscorpus, also when loaded by path (toolkit bench)

from newscorpus import build_news, corpus_stats

from toolkit.lifeline import descendants
from toolkit.paths import CORPUS_DIR

#: The issue's targets (#16): (what, configuration, baseline, least ratio).
TARGETS = (
    ("regexp against CountVectorizer", "toolkit regexp", "CountVectorizer", 4.0),
    ("treebank, empty cache, against stock NLTK", "toolkit treebank cold", "stock NLTK", 4.0),
    ("treebank, warm cache, against stock NLTK", "toolkit treebank warm", "stock NLTK", 100.0),
    ("regexp on --jobs against one job", "toolkit regexp", "toolkit regexp 1 job", 1.6),
)
#: A count of one file of the corpus, one job: what every count costs whatever its size (Python's start, the imports,
#: polars' among them, the ranking, the output and the exit), from which the most ``--jobs`` can gain follows.
ONE_FILE = "toolkit regexp 1 job, 1 file"
#: Largest peak memory (PSS) of the whole process tree at 1 GB, in MB.
MEMORY_TARGET_MB = 400

_STOCK_NLTK = """
import sys
from pathlib import Path
import nltk
from nltk.tokenize import NLTKWordTokenizer, PunktSentenceTokenizer
punkt, words = PunktSentenceTokenizer(), NLTKWordTokenizer()
counts = nltk.FreqDist()
for path in sorted(Path(sys.argv[1]).rglob("*.txt")):
    text = path.read_text("utf-8")
    counts.update(t.lower() for s in punkt.tokenize(text) for t in words.tokenize(s))
print(len(counts), sum(counts.values()))
"""

_COUNT_VECTORIZER = """
import sys
from pathlib import Path
import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
paths = sorted(Path(sys.argv[1]).rglob("*.txt"))
vectorizer = CountVectorizer()
matrix = vectorizer.fit_transform(p.read_text("utf-8") for p in paths)
totals = np.asarray(matrix.sum(axis=0)).ravel()
print(len(totals), int(totals.sum()))
"""


def news_corpus(folder: Path, megabytes: float) -> tuple[Path, dict[str, int]]:
    """Build (or reuse) the news corpus of ``megabytes`` MB and return it with its statistics.

    The statistics (files, bytes, tokens and distinct case-kept terms, see
    :func:`newscorpus.corpus_stats`) are kept in a file beside the corpus,
    valid while the corpus's completion mark is unchanged.
    """
    corpus = build_news(folder / f"news-{megabytes:g}MB", megabytes)
    mark = corpus.parent / f".{corpus.name}.complete"
    kept = corpus.parent / f".{corpus.name}.stats.json"
    key = hashlib.sha256(mark.read_bytes()).hexdigest()
    if kept.is_file():
        stored = json.loads(kept.read_text())
        if stored.get("mark") == key:
            return corpus, stored["stats"]
    stats = corpus_stats(corpus)
    kept.write_text(json.dumps({"mark": key, "stats": stats}))
    return corpus, stats


def _usage(pid: int) -> tuple[int, float]:
    """Resident memory in bytes and CPU seconds (user and system) of one process, from one read; zeros once gone."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return int(fields[21]) * os.sysconf("SC_PAGE_SIZE"), cpu
    except (OSError, ValueError, IndexError):
        return 0, 0.0


def _pss(pid: int) -> int:
    """Proportional set size of one process in bytes (shared pages divided among their sharers), or 0."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


@dataclass(frozen=True)
class Timing:
    """One timed process: wall-clock seconds, peak memory of its process tree (PSS, RSS sum), its output's digest.

    ``cpu_seconds`` is the CPU time (user and system) of the whole tree, as
    last sampled for each process (every 50 ms: a process's last moments may
    be missed); ``cores`` is that over the wall-clock time.

    Examples
    --------
    >>> Timing("a", 5, 2.0, 1, 1, cpu_seconds=3.0).cores
    1.5
    """

    label: str
    megabytes: float
    seconds: float
    peak_mb: float | None  # None: the process ended before its PSS was read
    peak_rss_mb: float
    digest: str = ""
    cpu_seconds: float = 0.0

    @property
    def cores(self) -> float:
        """Cores busy on average: CPU time of the tree over wall-clock time."""
        return self.cpu_seconds / self.seconds if self.seconds else 0.0


def run_timed(
    label: str, command: Sequence[str], megabytes: float, env: dict[str, str] | None = None, *, sample: bool = True
) -> Timing:
    """Run ``command`` to its end, timing it, sampling its process tree's memory and hashing what it prints.

    ``sample=False`` reads no memory (``peak_mb`` is None, ``peak_rss_mb``
    0): the CPU time comes from the kernel when the process is reaped
    (``wait4``: the process and the descendants it waited for, such as the
    counting workers). Reading smaps every 200 ms made the two-job regexp
    count of 50 MB 2.5% slower (10 paired rounds: 0.952 s against 0.928 s),
    and every 50 ms 10% slower; and the sampler's walk of ``/proc`` every 50
    ms alone, without PSS, still shares the cores with what it samples (10
    paired rounds at 50 MB: two jobs 1.96 s sampled against 1.87 s alone,
    one job 3.62 s against 3.40 s; the ratio within each round 1.71x against
    1.78x, on a machine whose one-job runs spread from 2.8 to 4.6 s). So the
    benchmark samples one run of each configuration, and times the others
    alone (see :func:`run_benchmark`).

    Examples
    --------
    >>> timing = run_timed("sleep", [sys.executable, "-c", "import time; time.sleep(0.5); print('x')"], 0)
    >>> timing.seconds < 30, 0 < timing.peak_mb <= timing.peak_rss_mb, timing.digest[:8]
    (True, True, '73cb3858')
    >>> run_timed("quick", [sys.executable, "-c", "print('x')"], 0).peak_mb is None  # ended before a reading
    True
    >>> alone = run_timed("busy", [sys.executable, "-c", "sum(range(10**7))"], 0, sample=False)
    >>> alone.peak_mb is None and alone.peak_rss_mb == 0 and alone.cpu_seconds > 0
    True
    """
    peak_pss: int | None = None  # no reading yet
    peak_rss = 0
    cpu: dict[int, float] = {}
    digest = hashlib.sha256()
    start = time.perf_counter()
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, env=env)

        reaped = threading.Event()

        def sampling() -> None:
            nonlocal peak_pss, peak_rss
            tick, pids = 0, [process.pid]
            while not reaped.is_set():  # not process.poll(): it may reap the process before wait4 below does
                # The workers are found at every reading (0.3 ms, from /proc/*/stat): found every 200 ms, a count
                # of 0.27 s had its RSS summed without its worker. PSS every 200 ms only: reading smaps walks a
                # process's page tables under the lock that its allocating threads wait for, and every 50 ms made
                # the two-job regexp count of 50 MB 10% slower (10 paired rounds: 1.015 s against 0.923 s). At the
                # start (tick 0) the interpreter has barely begun: no reading of its PSS, and a process that ends
                # within 0.2 s has none (it was shown as "0 MB").
                pids = [process.pid, *descendants(process.pid)]
                if tick % 4 == 0 and tick:
                    peak_pss = max(peak_pss or 0, sum(map(_pss, pids)))
                usage = {pid: _usage(pid) for pid in pids}
                peak_rss = max(peak_rss, sum(rss for rss, _ in usage.values()))
                for pid, (_, seconds) in usage.items():
                    cpu[pid] = max(cpu.get(pid, 0.0), seconds)
                tick += 1
                reaped.wait(0.05)

        sampler = threading.Thread(target=sampling, daemon=True)
        if sample:
            sampler.start()
        assert process.stdout is not None
        for block in iter(lambda: process.stdout.read(1 << 20), b""):  # type: ignore[union-attr]
            digest.update(block)
        _, status, usage = os.wait4(process.pid, 0)  # reaped here, with the CPU time of the process and its workers
        seconds = time.perf_counter() - start
        reaped.set()
        process.returncode = os.waitstatus_to_exitcode(status)
        if sample:
            sampler.join()
        if process.returncode != 0:
            stderr.seek(0)
            message = stderr.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{label} failed (exit {process.returncode}): {message}")
    peak_mb = None if peak_pss is None else peak_pss / 1e6
    waited = usage.ru_utime + usage.ru_stime  # misses workers no one waited for (a fork server's), which sampling sees
    cpu_seconds = max(waited, sum(cpu.values()))
    return Timing(label, megabytes, seconds, peak_mb, peak_rss / 1e6, digest.hexdigest(), cpu_seconds)


def memory(megabytes: float | None) -> str:
    """Show a peak of memory, or that the process ended before it was read.

    Examples
    --------
    >>> memory(308.4), memory(None)
    ('308 MB', 'not read (< 0.2 s)')
    """
    return "not read (< 0.2 s)" if megabytes is None else f"{megabytes:.0f} MB"


class Configuration(NamedTuple):
    """One configuration of the benchmark: what runs, in what environment, and how often (see :func:`schedule`)."""

    label: str
    command: list[str]
    changes: dict[str, str]  # environment variables set for the run
    slow: bool
    once: bool
    touch: bool  # set every file's times to now before each run


def _configurations(corpus: Path, cache: Path, jobs: int, one_file: Path) -> Iterator[Configuration]:
    """Yield each configuration, in order.

    "slow" configurations are skipped above ``--slow-max``; "once" ones run
    once (stock NLTK takes minutes; a cold count's second run would be warm),
    the others ``--repeat`` times, of which the median counts: a warm count
    takes a second, and one run of it on this shared machine took from 0.84
    to 1.23 s. "touch" sets every file's times to now before each run:
    the folder's stamp no longer finds the last count, and each document's
    counts come from the cache by the hash of its text.
    """
    python = sys.executable

    def count(folder: Path) -> list[str]:
        return [python, "-m", "toolkit", "freq", str(folder), "--format", "csv", "--n", "0"]

    freq = count(corpus)
    yield Configuration("stock NLTK", [python, "-c", _STOCK_NLTK, str(corpus)], {}, True, True, False)
    yield Configuration("CountVectorizer", [python, "-c", _COUNT_VECTORIZER, str(corpus)], {}, False, False, False)
    treebank = {"TOOLKIT_CACHE_DIR": str(cache / "treebank")}
    yield Configuration("toolkit treebank cold", [*freq, "--jobs", str(jobs)], treebank, True, True, False)
    # Once, after the cold count: the same count with an output not written before (every term, as --n 0 writes
    # them), so its totals are recalled and ranked; the next runs of "warm" write again the bytes kept by the last.
    yield Configuration(
        "toolkit treebank warm, ranked again", [*freq, "--jobs", str(jobs), "--n", "1000000000"], treebank, True, True,
        False,
    )  # fmt: skip
    yield Configuration("toolkit treebank warm", [*freq, "--jobs", str(jobs)], treebank, True, False, False)
    yield Configuration(
        "toolkit treebank warm, files touched", [*freq, "--jobs", str(jobs)], treebank, True, False, True
    )
    regexp = {"TOOLKIT_CACHE_DIR": str(cache / "regexp")}
    yield Configuration(
        "toolkit regexp 1 job", [*freq, "--tokenizer", "regexp", "--jobs", "1"], regexp, False, False, False
    )
    yield Configuration(
        "toolkit regexp", [*freq, "--tokenizer", "regexp", "--jobs", str(jobs)], regexp, False, False, False
    )
    yield Configuration(
        ONE_FILE, [*count(one_file), "--tokenizer", "regexp", "--jobs", "1"], regexp, False, False, False
    )


def one_file_folder(corpus: Path, folder: Path) -> Path:
    """Copy the first file of ``corpus`` (by path) into ``folder``, made here, and return the folder.

    Goes down the first folder of each level: 1 GB of news holds 400,000 files, which a walk would list all.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as work:
    ...     corpus = Path(work, "news")
    ...     (corpus / "b").mkdir(parents=True)
    ...     _ = (corpus / "a.txt").write_text("Talks."), (corpus / "b" / "c.txt").write_text("More talks.")
    ...     [p.name for p in one_file_folder(corpus, Path(work, "one")).iterdir()]
    ['a.txt']
    """
    first = corpus
    while first.is_dir():
        first = min(path for path in first.iterdir() if path.is_dir() or path.suffix == ".txt")
    folder.mkdir()
    (folder / first.name).write_bytes(first.read_bytes())
    return folder


def schedule(configurations: Sequence[Configuration], repeat: int) -> Iterator[Configuration]:
    """Order the runs: the "once" configurations, rounds of the others, then those that touch the files.

    Each round runs every repeated configuration once, in order, so that a
    configuration and its baseline run side by side, under the same load of
    a shared machine; one configuration's runs in a row would meet one
    moment's load, and its baseline another's. A configuration that touches
    every file first runs its ``repeat`` runs last, in a row: once the files
    are touched, the folder's stamp no longer finds the last count, and a
    warm run would no longer be warm.

    Examples
    --------
    >>> def made(label, once=False, touch=False):
    ...     return Configuration(label, [], {}, False, once, touch)
    >>> configurations = [made("nltk", once=True), made("vectorizer"), made("touched", touch=True), made("toolkit")]
    >>> [c.label for c in schedule(configurations, 2)]
    ['nltk', 'vectorizer', 'toolkit', 'vectorizer', 'toolkit', 'touched', 'touched']
    """
    yield from (c for c in configurations if c.once)
    for _ in range(repeat):
        yield from (c for c in configurations if not c.once and not c.touch)
    for touching in (c for c in configurations if not c.once and c.touch):
        yield from [touching] * repeat


def cut(ratio: float) -> str:
    """Write a ratio to two decimals, cut rather than rounded: a ratio below a target never prints as the target.

    Examples
    --------
    >>> cut(3.9991), cut(4.0), cut(4.07), cut(185.999)
    ('3.99', '4.00', '4.07', '185.99')
    """
    return f"{math.floor(ratio * 100 + 1e-9) / 100:.2f}"  # 4.07 * 100 is 406.99999999999994


def _describe(size: float, stats: dict[str, int]) -> str:
    return (
        f"{size:g} MB news ({stats['files']:,} files, {stats['tokens'] / 1e6:.2f} M tokens, "
        f"{stats['terms']:,} distinct terms)"
    )


def _table(timings: list[Timing], corpora: dict[float, dict[str, int]]) -> str:
    by_size: dict[float, dict[str, Timing]] = {}
    for t in timings:
        by_size.setdefault(t.megabytes, {})[t.label] = t
    columns = ("corpus", "configuration", "time", "cores", "MB/s", "peak memory (PSS)", "RSS sum", "vs stock NLTK")
    lines = ["| " + " | ".join(columns) + " | vs CountVectorizer |", "|---" * (len(columns) + 1) + "|"]
    for size, row in by_size.items():
        for t in row.values():
            whole = t.label != ONE_FILE  # a count of the whole corpus: its speed and ratios mean something
            ratios = [
                f"{cut(row[base].seconds / t.seconds)}x" if base in row and whole else ""
                for base in ("stock NLTK", "CountVectorizer")
            ]
            lines.append(
                f"| {_describe(size, corpora[size])} | {t.label} | {t.seconds:.2f} s | {t.cores:.2f} "
                f"| {f'{size / t.seconds:.1f}' if whole else ''} "
                f"| {memory(t.peak_mb)} | {t.peak_rss_mb:.0f} MB | " + " | ".join(ratios) + " |"
            )
    return "\n".join(lines)


def fixed_bound(one_job: float, one_file: float, jobs: int) -> str:
    """Say the most ``jobs`` processes can gain over one job when a count of one file takes ``one_file`` seconds.

    What a count of one file costs (Python's start, the imports, the ranking,
    the output, the exit) every count costs, and no process shares it; at
    best ``jobs`` processes split the rest of one job's time evenly, so they
    take at least ``one_file + (one_job - one_file) / jobs``. The bound is
    generous: ranking and writing the counts of a large vocabulary take longer
    than those of one file, and are not shared either.

    Examples
    --------
    >>> print(fixed_bound(0.56, 0.30, 2))  # 0.56 / (0.30 + 0.13)
    a count of one file takes 0.30 s of one job's 0.56 s, so 2 processes that split the rest evenly gain at most 1.30x
    >>> fixed_bound(3.0, 0.3, 2).endswith("at most 1.81x")
    True
    """
    best = one_file + max(one_job - one_file, 0.0) / jobs
    return (
        f"a count of one file takes {one_file:.2f} s of one job's {one_job:.2f} s, "
        f"so {jobs} processes that split the rest evenly gain at most {cut(one_job / best)}x"
    )


def _targets(timings: list[Timing], rounds: dict[tuple[float, str], list[Timing]], jobs: int = 2) -> str:
    """Each target of the issue at each size where both sides ran: the ratio measured, and whether it is met.

    The ratio is that of the median runs; where both sides ran in rounds,
    the ratios within each round follow, as a range. For ``--jobs``, two
    ratios that a perfect split of ``jobs`` processes could reach follow too.
    One from this machine's cores: one job already keeps more than one core
    busy (polars' threads), and ``n`` cores do at most ``n`` over the cores
    one job keeps busy times its work, unless ``--jobs`` does less work than
    one job. One from what every count costs, whatever its size: a count of
    one file (:data:`ONE_FILE`, see :func:`fixed_bound`).
    """
    by_size: dict[float, dict[str, Timing]] = {}
    for t in timings:
        by_size.setdefault(t.megabytes, {})[t.label] = t
    lines = []
    for what, label, base, least in TARGETS:
        for size, row in by_size.items():
            if label in row and base in row:
                ratio = row[base].seconds / row[label].seconds
                verdict = "met" if ratio >= least else "NOT met"
                line = f"{what}, {size:g} MB: {cut(ratio)}x (target {least:g}x) {verdict}"
                pairs = list(zip(rounds.get((size, base), []), rounds.get((size, label), []), strict=False))
                if len(pairs) > 1:
                    within = sorted(b.seconds / t.seconds for b, t in pairs)
                    line += f"; within each of {len(pairs)} rounds: {cut(within[0])}-{cut(within[-1])}x"
                if base == "toolkit regexp 1 job" and row[base].cores:
                    cores = os.cpu_count() or 1
                    line += (
                        f"; one job kept {row[base].cores:.2f} cores busy ({row[label].cores:.2f} with --jobs), "
                        f"so {cores} cores allow at most {cut(cores / row[base].cores)}x unless --jobs does less work"
                    )
                if base == "toolkit regexp 1 job" and ONE_FILE in row:
                    line += "; " + fixed_bound(row[base].seconds, row[ONE_FILE].seconds, jobs)
                lines.append(line)
    largest = max(by_size, default=0)
    if largest >= 1000:
        peak = max(t.peak_mb or 0 for t in by_size[largest].values() if t.label.startswith("toolkit regexp"))
        verdict = "met" if peak < MEMORY_TARGET_MB else "NOT met"
        lines.append(
            f"regexp peak memory (PSS), {largest:g} MB: {peak:.0f} MB (target < {MEMORY_TARGET_MB} MB) {verdict}"
        )
    return "\n".join(lines)


def _same_output(row: dict[str, Timing]) -> str:
    """Say whether the toolkit's runs that must agree printed the same bytes."""
    pairs = (
        ("toolkit treebank cold", "toolkit treebank warm"),
        ("toolkit treebank cold", "toolkit treebank warm, ranked again"),
        ("toolkit treebank cold", "toolkit treebank warm, files touched"),
        ("toolkit regexp 1 job", "toolkit regexp"),
    )
    said = []
    for first, second in pairs:
        if first in row and second in row:
            same = row[first].digest == row[second].digest
            said.append(f"{first} and {second}: {'identical output' if same else 'OUTPUTS DIFFER'}")
    return "; ".join(said)


def _growth(timings: list[Timing]) -> str:
    """Time per MB at each size, per configuration: constant when time grows linearly."""
    lines = []
    labels = dict.fromkeys(t.label for t in timings if t.label != ONE_FILE)  # one file at every size
    for label in labels:
        runs = [t for t in timings if t.label == label]
        if len(runs) > 1:
            per_mb = ", ".join(f"{t.megabytes:g} MB: {t.seconds / t.megabytes * 1000:.0f} ms/MB" for t in runs)
            lines.append(f"{label}: {per_mb}")
    return "\n".join(lines)


def runs_range(runs: Sequence[Timing]) -> str:
    """Say the fastest and the slowest of several runs.

    Examples
    --------
    >>> runs_range([Timing("a", 5, 2.0, 1, 1), Timing("a", 5, 1.5, 1, 1)])
    '1.50-2.00 s'
    """
    times = sorted(t.seconds for t in runs)
    return f"{times[0]:.2f}-{times[-1]:.2f} s"


def run_benchmark(
    sizes: Sequence[float] = (5, 50, 200),
    *,
    slow_max: float = 50,
    jobs: int = 2,
    data: str | Path = "",
    repeat: int = 3,
) -> list[Timing]:
    """Build the corpora, time every configuration at every size, and print the table, ratios and targets.

    Parameters
    ----------
    sizes : sequence of float, default=(5, 50, 200)
        Corpus sizes in MB.
    slow_max : float, default=50
        Largest size at which stock NLTK and the cold treebank count run.
    jobs : int, default=2
        Processes for the toolkit's counting (``freq --jobs``).
    data : str or pathlib.Path, default=""
        Where the corpora are built and kept for the next run; empty means
        ``toolkit-bench`` in the temporary folder.
    repeat : int, default=3
        Runs of each configuration, of which the median counts: on a shared
        two-core machine one run of CountVectorizer took 6.4 s and the next
        16.5 s. Stock NLTK and the cold treebank count run once.

    Returns
    -------
    list of Timing
        One per process run, in the order they ran.
    """
    folder = Path(data) if data else Path(tempfile.gettempdir()) / "toolkit-bench"
    timings: list[Timing] = []
    corpora: dict[float, dict[str, int]] = {}
    rounds: dict[tuple[float, str], list[Timing]] = {}  # every run of each configuration, in the order they ran
    # as pip does on install, PYTHONDONTWRITEBYTECODE or not
    compileall.compile_dir(CORPUS_DIR.parent / "toolkit", quiet=1)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; corpora in {folder}", flush=True)
    print(f"the toolkit counts with --jobs {jobs}, except 'toolkit regexp 1 job' (--jobs 1)", flush=True)
    for size in sizes:
        corpus, stats = news_corpus(folder, size)
        corpora[size] = stats
        print(f"\n{_describe(size, stats)}: {stats['bytes'] / 1e6:.1f} MB", flush=True)
        row: dict[str, Timing] = {}
        with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache:
            configurations = []
            one_file = one_file_folder(corpus, Path(cache, "one-file"))
            for configuration in _configurations(corpus, Path(cache), jobs, one_file):
                if configuration.slow and size > slow_max:
                    print(f"  {configuration.label:<37} skipped above --slow-max {slow_max:g} MB", flush=True)
                else:
                    configurations.append(configuration)
            runs: dict[str, list[Timing]] = {c.label: [] for c in configurations}
            for label, command, changes, _, _, touch in schedule(configurations, repeat):
                if touch:
                    for path in corpus.rglob("*.txt"):
                        os.utime(path)
                # Memory in the first run of each configuration only: sampling it slows the run (see run_timed)
                first = not runs[label]
                runs[label].append(run_timed(label, command, size, env={**os.environ, **changes}, sample=first))
            for label, done in runs.items():
                timing = sorted(done, key=lambda t: t.seconds)[len(done) // 2]  # the median run
                # with the memory of the first
                timing = dataclasses.replace(timing, peak_mb=done[0].peak_mb, peak_rss_mb=done[0].peak_rss_mb)
                timings.append(timing)
                rounds[size, label] = done
                row[label] = timing
                spread = f" (median of {len(done)}: {runs_range(done)})" if len(done) > 1 else ""
                if len({t.digest for t in done}) > 1:
                    spread += " OUTPUTS DIFFER BETWEEN RUNS"
                print(
                    f"  {label:<37} {timing.seconds:8.2f} s  {timing.cores:4.2f} cores  peak (PSS) "
                    f"{memory(timing.peak_mb)}, {timing.peak_rss_mb:.0f} MB RSS sum{spread}",
                    flush=True,
                )
        same = _same_output(row)
        if same:
            print(f"  {same}", flush=True)
    print("\n" + _table(timings, corpora))
    print("\nTargets (#16):\n" + textwrap.indent(_targets(timings, rounds, jobs), "  "))
    growth = _growth(timings)
    if growth:
        print("\nTime per MB (linear growth keeps it constant):\n" + textwrap.indent(growth, "  "))
    return timings
