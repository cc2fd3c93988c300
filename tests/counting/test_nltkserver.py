"""toolkit.counting.nltkserver: the fork server imports NLTK once, without scipy and scikit-learn, in itself only."""

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
    "(sorted(m for m in ('nltk', 'scipy', 'sklearn', 'toolkit.tokens.treebank') if m in __import__('sys').modules), "
    "__import__('toolkit.tokens.treebank', fromlist=['x']).WORD_TOKENIZER.tokenize(\\"They'll say it's fine.\\"))"
)
with cf.ProcessPoolExecutor(1, mp_context=context) as pool:
    start = time.perf_counter()
    seen, tokens = pool.submit(eval, probe).result()
    took = time.perf_counter() - start
import scipy.stats  # the hidden packages import normally again, here as anywhere
print(json.dumps({"worker": seen, "tokens": tokens, "seconds": took,
                  "caller": sorted(m for m in ("nltk", "scipy") if m in sys.modules)}))
"""


def test_workers_start_with_nltk_loaded_and_without_scipy_or_scikit_learn():
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=300, cwd=PROJECT_ROOT, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["worker"] == ["nltk", "toolkit.tokens.treebank"]  # NLTK loaded by the server; no scipy, no sklearn
    assert seen["tokens"] == ["They", "'ll", "say", "it", "'s", "fine", "."]
    assert seen["caller"] == ["scipy"]  # the caller imported scipy itself, and never NLTK
