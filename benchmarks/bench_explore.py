"""Time a new term in the word explorer on about 10 MB of text (State of the Union, repeated).

Run: NLTK_DATA=../shared/nltk_data .venv/bin/python benchmarks/bench_explore.py
Prints the index build time, then the lookup and the full panel update (tables + figure) per term.
"""

from __future__ import annotations

import tempfile
import time
import zipfile
from pathlib import Path

import nltk
import pandas as pd

from toolkit import load_corpus
from toolkit.analysis.termindex import TermIndex
from toolkit.views.word_explorer import word_explorer

TERMS = ["freedom", "war", "econom*", "united states", "the", "congress", "tax", "peace"]


def main() -> None:
    """Build the index on ~10 MB and print the update time of each term."""
    zipped = Path(str(nltk.data.find("corpora/state_union.zip")))
    folder = Path(tempfile.mkdtemp())
    with zipfile.ZipFile(zipped) as zf:
        zf.extractall(folder)
    base = load_corpus(folder / "state_union", name_template="{year}-{president}")
    copies = max(1, round(10e6 / base["text"].str.len().sum()))
    corpus = pd.concat([base.assign(doc_id=base["doc_id"] + f"#{i}") for i in range(copies)], ignore_index=True)
    size = corpus["text"].str.len().sum() / 1e6
    started = time.perf_counter()
    index = TermIndex(corpus, by="president")
    print(
        f"{size:.1f} MB, {len(corpus)} documents, {index.tokens:,} tokens: "
        f"index built in {time.perf_counter() - started:.2f} s"
    )
    explorer = word_explorer(index, "liberty")
    explorer.widget  # noqa: B018 - the widget view, as in JupyterLab
    for term in TERMS:
        started = time.perf_counter()
        explorer.term_box.value = term
        total = time.perf_counter() - started
        print(
            f"{term!r:16} {len(explorer.kwic):>7,} hits  lookups {explorer.seconds:.3f} s  "
            f"panels + figure {total:.3f} s"
        )


if __name__ == "__main__":
    main()
