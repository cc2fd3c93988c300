"""Benchmark counting: stock NLTK against the toolkit cold (1 and 2 processes) and warm (cached).

Run with ``NLTK_DATA=../shared/nltk_data .venv/bin/python benchmarks/bench_inprocess.py [COPIES]``.
The corpus is NLTK's State of the Union addresses repeated COPIES times (each copy tagged so its
documents differ); every configuration is timed in the same run and printed beside stock NLTK.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections import Counter

import nltk
import pandas as pd
from nltk.tokenize import NLTKWordTokenizer, PunktSentenceTokenizer

from toolkit import count_terms, load_corpus


def stock_nltk(texts: list[str]) -> Counter[str]:
    """Count as a user of NLTK alone would: Punkt, NLTK's word tokenizer, a FreqDist."""
    punkt, words = PunktSentenceTokenizer(), NLTKWordTokenizer()
    return nltk.FreqDist(tok.lower() for text in texts for sent in punkt.tokenize(text) for tok in words.tokenize(sent))


def main() -> None:
    """Time each configuration once on the same corpus and print ratios to stock NLTK."""
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    base = load_corpus("nltk:state_union")
    corpus = pd.concat(
        [base.assign(doc_id=base["doc_id"] + f"#{i}", text=base["text"] + f"\ncopy {i}\n") for i in range(copies)],
        ignore_index=True,
    )
    size = sum(map(len, corpus["text"])) / 1e6
    print(f"{len(corpus)} documents, {size:.1f} MB of text")
    os.environ["TOOLKIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-cache-")  # cold means cold
    options = {"stopwords": False, "drop_punct": False, "clean": False}
    timings = {}
    start = time.perf_counter()
    stock_nltk(list(corpus["text"]))
    timings["stock NLTK (Punkt + NLTKWordTokenizer + FreqDist)"] = time.perf_counter() - start
    for label, kwargs in (
        ("toolkit treebank, cold, 1 process", {"jobs": 1}),
        ("toolkit treebank, warm (cache)", {"jobs": 1}),
        ("toolkit treebank, no cache, 2 processes", {"jobs": 2, "cache": False}),
        ("toolkit regexp, no cache, 1 process", {"jobs": 1, "cache": False, "tokenizer": "regexp"}),
    ):
        start = time.perf_counter()
        count_terms(corpus, **options, **kwargs)
        timings[label] = time.perf_counter() - start
    stock = timings["stock NLTK (Punkt + NLTKWordTokenizer + FreqDist)"]
    for label, seconds in timings.items():
        print(f"{label:<52} {seconds:7.2f} s  {size / seconds:6.2f} MB/s  {stock / seconds:6.1f}x stock")


if __name__ == "__main__":
    main()
