"""Benchmark counting at scale: ``python -m toolkit bench``.

Builds a corpus of scraped-news files at each size asked for (5, 50, 200 MB,
optionally 1 GB), then times whole processes side by side in one run, each with
the peak memory of the process and its workers: the proportional set size
(PSS: a page that several processes share counts once, divided among them,
sampled every 200 ms) and, for comparison, the sum of resident sizes (RSS,
which counts a shared library once per process, sampled every 50 ms). Sampling
is kept light: on two cores, a sampler that walks ``/proc`` every 20 ms took
a tenth of the time of the toolkit's two busy workers, and none from a
one-process baseline.

- stock NLTK: a script that reads the files and counts with Punkt,
  ``NLTKWordTokenizer`` and ``FreqDist``, as a user of NLTK alone would;
- scikit-learn: a script that reads the files and sums ``CountVectorizer``'s
  document-term matrix over its columns;
- ``python -m toolkit freq`` with the treebank tokeniser, cold (empty cache) and
  warm (the same cache, second run), and with the regexp tokeniser (cold).

Ratios are printed against stock NLTK and CountVectorizer measured in the same
run. The toolkit's modules are compiled to bytecode first, as an installed
package's are (scikit-learn's and NLTK's are), so that no run compiles them.
Slow configurations (stock NLTK and a cold treebank count) run only up to
``--slow-max`` megabytes, so that the whole benchmark stays within minutes.
"""

from __future__ import annotations

import compileall
import os
import random
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from toolkit.paths import CORPUS_DIR

#: Lines that scrapers leave in news text (see ``corpus/``), mixed into every built article.
_FURNITURE = ("12", "ADVERTISEMENT", "Share this article", "1.2K", "Leave a Reply", "Please enter your comment!")

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


def base_texts() -> tuple[list[str], str]:
    """Return real text to build articles from, and its name: NLTK's news and speeches when installed, else ``corpus/``.

    Examples
    --------
    >>> texts, name = base_texts()
    >>> name in ("abc+state_union+inaugural", "corpus/") and len(texts) > 0
    True
    """
    import nltk

    texts = []
    for name in ("abc", "state_union", "inaugural"):
        try:
            reader = getattr(nltk.corpus, name)
            texts.extend(reader.raw(fileid) for fileid in reader.fileids())
        except (LookupError, OSError, UnicodeDecodeError):
            return [p.read_text("utf-8") for p in sorted(CORPUS_DIR.glob("*.txt"))], "corpus/"
    return texts, "abc+state_union+inaugural"


def _paragraphs(texts: Sequence[str]) -> list[str]:
    paragraphs = [" ".join(block.split()) for text in texts for block in text.split("\n\n")]
    return [p for p in paragraphs if len(p) > 40]


def build_corpus(folder: str | Path, megabytes: float, *, seed: int = 0) -> Path:
    """Write a folder of scraped-news articles of about ``megabytes`` MB, or reuse it when it is there.

    Articles of 3 to 12 paragraphs of real text (NLTK's ``abc``, ``state_union``
    and ``inaugural`` corpora when installed, else the project's ``corpus/``)
    with scraper furniture (share counters, "ADVERTISEMENT", comment form) and a
    numbered title, so that no two articles are the same. The same arguments
    write the same bytes.

    Parameters
    ----------
    folder : str or pathlib.Path
        Where to write; a finished folder (marked by a ``.NAME.complete`` file beside it) is reused.
    megabytes : float
        Size of the text to write, in millions of bytes.
    seed : int, default=0
        Seed of the choice of paragraphs.

    Returns
    -------
    pathlib.Path
        The folder.

    Examples
    --------
    >>> import tempfile
    >>> folder = build_corpus(Path(tempfile.mkdtemp()) / "news", 0.05)
    >>> 45_000 < sum(p.stat().st_size for p in folder.rglob("*.txt")) < 70_000
    True
    """
    folder = Path(folder)
    mark = folder.parent / f".{folder.name}.complete"  # beside it: the folder holds articles only
    texts, name = base_texts()
    if mark.exists() and mark.read_text() == f"{megabytes} {seed} {name}":
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    paragraphs = _paragraphs(texts)
    rng = random.Random(seed)
    written, target, i = 0, int(megabytes * 1e6), 0
    while written < target:
        body = rng.sample(paragraphs, min(len(paragraphs), rng.randint(3, 12)))
        cut = rng.randint(1, len(body))
        lines = [f"Article {i}: {body[0][:60]}", rng.choice(_FURNITURE[:2]), *body[:cut], "ADVERTISEMENT"]
        lines += [*body[cut:], *_FURNITURE[4:]]
        data = ("\n\n".join(lines) + "\n").encode("utf-8")
        path = folder / f"{i // 1000:04d}" / f"{i:07d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += len(data)
        i += 1
    mark.write_text(f"{megabytes} {seed} {name}")
    return folder


def _tree(pid: int) -> list[int]:
    """Return a process and all its descendants (Linux ``/proc``)."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack.extend(int(c) for c in children.read().split())
        except (OSError, ValueError):
            continue
    return found


def _rss(pid: int) -> int:
    """Resident memory of one process in bytes, or 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


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
    """One timed process: wall-clock seconds and peak memory of its process tree (PSS, and the RSS sum)."""

    label: str
    megabytes: float
    seconds: float
    peak_mb: float
    peak_rss_mb: float


def run_timed(label: str, command: Sequence[str], megabytes: float, env: dict[str, str] | None = None) -> Timing:
    """Run ``command`` to its end, timing it and sampling its process tree's memory.

    Examples
    --------
    >>> timing = run_timed("sleep", [sys.executable, "-c", "import time; time.sleep(0.3)"], 0)
    >>> timing.seconds < 30, 0 < timing.peak_mb <= timing.peak_rss_mb
    (True, True)
    """
    peak_pss = peak_rss = 0
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)

    def sample() -> None:
        nonlocal peak_pss, peak_rss
        tick, pids = 0, [process.pid]
        while process.poll() is None:
            if tick % 4 == 0:  # finding the workers and reading smaps cost more than statm: every 200 ms
                pids = _tree(process.pid)
                peak_pss = max(peak_pss, sum(map(_pss, pids)))
            peak_rss = max(peak_rss, sum(map(_rss, pids)))
            tick += 1
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{label} failed (exit {process.returncode}): {stderr.decode(errors='replace')[-2000:]}")
    return Timing(label, megabytes, seconds, peak_pss / 1e6, peak_rss / 1e6)


def _configurations(corpus: Path, cache: Path, jobs: int) -> Iterator[tuple[str, list[str], dict[str, str], bool]]:
    """Yield ``(label, command, environment changes, slow)`` for each configuration, in the order they run."""
    python, freq = sys.executable, [sys.executable, "-m", "toolkit", "freq", str(corpus), "--format", "csv", "--n", "0"]
    yield "stock NLTK", [python, "-c", _STOCK_NLTK, str(corpus)], {}, True
    yield "CountVectorizer", [python, "-c", _COUNT_VECTORIZER, str(corpus)], {}, False
    treebank = {"TOOLKIT_CACHE_DIR": str(cache / "treebank")}
    yield "toolkit treebank cold", [*freq, "--jobs", str(jobs)], treebank, True
    yield "toolkit treebank warm", [*freq, "--jobs", str(jobs)], treebank, True
    regexp = {"TOOLKIT_CACHE_DIR": str(cache / "regexp")}
    yield "toolkit regexp", [*freq, "--tokenizer", "regexp", "--jobs", str(jobs)], regexp, False


def _table(timings: list[Timing]) -> str:
    by_size: dict[float, dict[str, Timing]] = {}
    for t in timings:
        by_size.setdefault(t.megabytes, {})[t.label] = t
    columns = ("corpus", "configuration", "time", "MB/s", "peak memory (PSS)", "RSS sum", "vs stock NLTK")
    lines = ["| " + " | ".join(columns) + " | vs CountVectorizer |", "|---" * (len(columns) + 1) + "|"]
    for size, row in by_size.items():
        for t in row.values():
            ratios = [
                f"{row[base].seconds / t.seconds:.2f}x" if base in row else ""
                for base in ("stock NLTK", "CountVectorizer")
            ]
            lines.append(
                f"| {size:g} MB | {t.label} | {t.seconds:.2f} s | {size / t.seconds:.1f} | {t.peak_mb:.0f} MB "
                f"| {t.peak_rss_mb:.0f} MB | " + " | ".join(ratios) + " |"
            )
    return "\n".join(lines)


def _growth(timings: list[Timing]) -> str:
    """Time per MB at each size, per configuration: constant when time grows linearly."""
    lines = []
    labels = dict.fromkeys(t.label for t in timings)
    for label in labels:
        runs = [t for t in timings if t.label == label]
        if len(runs) > 1:
            per_mb = ", ".join(f"{t.megabytes:g} MB: {t.seconds / t.megabytes * 1000:.0f} ms/MB" for t in runs)
            lines.append(f"{label}: {per_mb}")
    return "\n".join(lines)


def run_benchmark(
    sizes: Sequence[float] = (5, 50, 200), *, slow_max: float = 50, jobs: int = 2, data: str | Path = ""
) -> list[Timing]:
    """Build the corpora, time every configuration at every size, and print the table and ratios.

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

    Returns
    -------
    list of Timing
        One per process run, in the order they ran.
    """
    folder = Path(data) if data else Path(tempfile.gettempdir()) / "toolkit-bench"
    timings: list[Timing] = []
    source = base_texts()[1]
    # as pip does on install, PYTHONDONTWRITEBYTECODE or not
    compileall.compile_dir(CORPUS_DIR.parent / "toolkit", quiet=1)
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; corpora in {folder}, built from {source}", flush=True
    )
    for size in sizes:
        corpus = build_corpus(folder / f"news-{size:g}MB", size)
        actual = sum(p.stat().st_size for p in corpus.rglob("*.txt")) / 1e6
        n_files = sum(1 for _ in corpus.rglob("*.txt"))
        print(f"\n{size:g} MB: {n_files} files, {actual:.1f} MB", flush=True)
        with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache:
            for label, command, changes, slow in _configurations(corpus, Path(cache), jobs):
                if slow and size > slow_max:
                    print(f"  {label:<24} skipped above --slow-max {slow_max:g} MB", flush=True)
                    continue
                timing = run_timed(label, command, size, env={**os.environ, **changes})
                timings.append(timing)
                print(
                    f"  {label:<24} {timing.seconds:8.2f} s  {timing.peak_mb:7.0f} MB peak (PSS), "
                    f"{timing.peak_rss_mb:.0f} MB RSS sum",
                    flush=True,
                )
    print("\n" + _table(timings))
    growth = _growth(timings)
    if growth:
        print("\nTime per MB (linear growth keeps it constant):\n" + textwrap.indent(growth, "  "))
    return timings
