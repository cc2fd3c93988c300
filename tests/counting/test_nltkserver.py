"""toolkit.counting.nltkserver: the fork server imports NLTK once, without scipy, scikit-learn, numpy or polars."""

from __future__ import annotations

import json
import subprocess
import sys

from toolkit.paths import PROJECT_ROOT

PROBE = """
import json, sys, time
import concurrent.futures as cf
from toolkit.counting.launch import prestart

context = prestart(tokenisers=True)
probe = (
    "(sorted(m for m in ('nltk', 'numpy', 'polars', 'scipy', 'sklearn', 'toolkit.tokens.treebank') "
    "if m in __import__('sys').modules), "
    "__import__('toolkit.tokens.treebank', fromlist=['x']).WORD_TOKENIZER.tokenize(\\"They'll say it's fine.\\"), "
    "__import__('numpy').array([2, 3]).sum().item(), "  # a worker imports what the server hid, normally
    "__import__('os').environ.get('POLARS_MAX_THREADS'))"
)
with cf.ProcessPoolExecutor(1, mp_context=context) as pool:
    start = time.perf_counter()
    seen, tokens, summed, threads = pool.submit(eval, probe).result()
    took = time.perf_counter() - start
import scipy.stats  # the hidden packages import normally again, here as anywhere
print(json.dumps({"worker": seen, "tokens": tokens, "summed": summed, "threads": threads, "seconds": took,
                  "caller": sorted(m for m in ("nltk", "scipy") if m in sys.modules)}))
"""


def test_workers_start_with_nltk_loaded_and_without_scipy_scikit_learn_numpy_or_polars():
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=300, cwd=PROJECT_ROOT, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    # NLTK loaded by the server; no scipy, sklearn or numpy (hidden from NLTK), no polars (a tokenising worker has none)
    assert seen["worker"] == ["nltk", "toolkit.tokens.treebank"]
    assert seen["summed"] == 5  # numpy imports normally once the server has imported NLTK
    assert seen["threads"] == "1"  # a bulk count's worker forked later by this server loads polars on one thread
    assert seen["tokens"] == ["They", "'ll", "say", "it", "'s", "fine", "."]
    assert seen["caller"] == ["scipy"]  # the caller imported scipy itself, and never NLTK
