"""toolkit.counting.local: per-document counts through the pipeline and its cache, in this process or a pool."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pandas.testing as pdt

from conftest import SEED
from toolkit import count_terms
from toolkit.counting.counted import Counted
from toolkit.counting.local import (
    count_and_keep,
    count_batch,
    document_counts,
    document_counts_by_group,
    stream_counts,
)
from toolkit.counting.texts import group_key
from toolkit.paths import PROJECT_ROOT
from toolkit.tokens.options import TokenOptions
from toolkit.tokens.pipeline import Pipeline

SEED_TEXT = SEED.read_text("utf-8")


def test_document_counts_are_the_counted_tokens_and_ngrams_never_span_a_gap():
    pipe = Pipeline(TokenOptions(stopwords=True, cache=False))
    assert document_counts(SEED_TEXT, pipe) == Counter(pipe.tokens(SEED_TEXT))
    padded = pipe.padded(SEED_TEXT)
    expected = Counter(f"{a} {b}" for a, b in itertools.pairwise(padded) if a and b)
    bigrams = document_counts(SEED_TEXT, pipe, 2)
    assert bigrams == expected and bigrams["foreign minister"] == 2
    assert "the" not in document_counts(SEED_TEXT, pipe) and all(" the " not in f" {g} " for g in bigrams)


def test_ngrams_spanning_two_pieces_of_a_streamed_file_are_counted_once():
    pipe = Pipeline(TokenOptions(tokenizer="regexp"))
    lines = SEED_TEXT.split("\n")
    pieces = ["\n".join(lines[:10]) + "\n", "\n".join(lines[10:])]
    for n in (1, 2, 3):
        assert stream_counts(pieces, pipe, n) == stream_counts([SEED_TEXT], pipe, n)


def test_counts_by_group_come_in_document_order_and_add_up_to_the_table(inaugural):
    pipe = Pipeline(TokenOptions(stopwords=True))
    pairs = list(document_counts_by_group(inaugural, "president", pipe))
    assert [group for group, _ in pairs] == [group_key(p) for p in inaugural["president"]]
    washington = sum((counts for group, counts in pairs if group == "Washington"), Counter())
    table = count_terms(inaugural, by="president").set_index(["president", "term"])["n"]
    assert dict(washington) == table.loc["Washington"].to_dict()


def test_a_batch_counts_the_same_on_either_engine(inaugural):
    batch = [(str(year), [text]) for year, text in zip(inaugural["year"], inaugural["text"], strict=True)][:12]
    pipeline_options = TokenOptions(tokenizer="regexp", stopwords=False, stem=True, cache=False)
    totals = count_batch(batch, pipeline_options)  # stemming: the pipeline
    pipe = Pipeline(pipeline_options)
    assert totals.n["1789"] == document_counts(batch[0][1][0], pipe)
    bulk = count_batch(batch, TokenOptions(tokenizer="regexp", stopwords=False, cache=False))  # the bulk engine
    plain = Pipeline(TokenOptions(tokenizer="regexp", stopwords=False, cache=False))
    assert bulk.n["1789"] == document_counts(batch[0][1][0], plain)
    assert bulk.docs["1789"] == Counter(dict.fromkeys(bulk.n["1789"], 1))


def test_counting_through_the_cache_gives_the_uncached_totals_cold_warm_and_in_a_pool(inaugural):
    documents = [(str(p), [t]) for p, t in zip(inaugural["president"], inaugural["text"], strict=True)]
    uncached = count_and_keep(iter(documents), Pipeline(TokenOptions(stopwords=True, cache=False)), 1, 1)[0]
    pipeline = Pipeline(TokenOptions(stopwords=True))
    for jobs in (1, 2, 1):  # cold or warm (the tests share one cache), in a pool, then from the corpus's totals
        totals = count_and_keep(iter(documents), pipeline, 1, jobs)[0]
        totals = totals.totals() if isinstance(totals, Counted) else totals  # a pool's batches: summed in polars
        assert totals.n == uncached.n and totals.docs == uncached.docs
    assert uncached.n["Lincoln"]["union"] > 10


def test_batches_of_a_pool_summed_in_polars_give_the_serial_totals_at_every_size_of_sum(inaugural, monkeypatch):
    """The workers' batch totals are summed a million rows at a time: here every few rows, and once at the end."""
    from toolkit.counting import local

    documents = [(str(p), [t]) for p, t in zip(inaugural["president"], inaugural["text"], strict=True)]
    documents.append(("Nobody", ["   "]))  # a group without a term stays a group
    documents.append(("Odd", ["A lone x\udc80y surrogate, from a data frame."]))  # polars cannot hold that term
    pipeline = Pipeline(TokenOptions(stopwords=True, cache=False))
    serial = count_and_keep(iter(documents), pipeline, 1, 1)[0]
    for rows in (local.Gathered.ROWS, 2_000, 1):
        monkeypatch.setattr(local.Gathered, "ROWS", rows)
        pooled = count_and_keep(iter(documents), pipeline, 1, 2)[0]
        assert isinstance(pooled, Counted)
        again = pooled.totals()
        assert again.n == serial.n and again.docs == serial.docs
        assert sorted(again.n) == sorted(serial.n) and not again.n["Nobody"] and again.n["Odd"]["x\udc80y"] == 1
    frame = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(documents))],
            "text": [d[1][0] for d in documents],
            "who": [d[0] for d in documents],
        }
    )
    pdt.assert_frame_equal(count_terms(frame, by="who", jobs=2, cache=False), count_terms(frame, by="who", cache=False))


def test_parallel_counting_gives_the_same_table(inaugural: pd.DataFrame):
    serial = count_terms(inaugural, by="president", cache=False)
    pdt.assert_frame_equal(count_terms(inaugural, by="president", jobs=2, cache=False), serial)
    bigrams = count_terms(inaugural, ngram=2, cache=False)
    pdt.assert_frame_equal(count_terms(inaugural, ngram=2, jobs=2, cache=False), bigrams)
    assert len(bigrams) > 10_000


def test_a_large_vocabulary_comes_back_from_the_cache_as_a_polars_table(inaugural, monkeypatch, tmp_path):
    """From POLARS_ROWS terms (here: from one) the corpus's totals are kept as an Arrow table, read back as one."""
    from toolkit.counting import local

    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(local, "POLARS_ROWS", 1)
    documents = [(str(p), [t]) for p, t in zip(inaugural["president"], inaugural["text"], strict=True)]
    documents.append(("Nobody", ["   "]))  # a group without a term stays a group
    cold = count_and_keep(iter(documents), Pipeline(TokenOptions(stopwords=True)), 1, 1)[0]
    warm = count_and_keep(iter(documents), Pipeline(TokenOptions(stopwords=True)), 1, 1)[0]
    assert isinstance(warm, Counted) and not isinstance(cold, Counted)
    again = warm.totals()
    assert again.n == cold.n and again.docs == cold.docs and list(again.n) == list(cold.n)
    assert "Nobody" in again.n and not again.n["Nobody"]
    table = count_terms(inaugural, by="president")
    pdt.assert_frame_equal(count_terms(inaugural, by="president"), table)  # the second count: from the table


def test_a_small_vocabulary_is_kept_as_json_lists_and_totals_kept_as_mappings_before_still_read_back(
    inaugural, tmp_path
):
    """Under POLARS_ROWS terms, each group's terms, counts and documents are three lists; the older form still reads."""
    from toolkit.cache import TokenCache
    from toolkit.counting.local import keep_totals, recall_totals

    documents = [(str(p), [t]) for p, t in zip(inaugural["president"], inaugural["text"], strict=True)]
    documents.append(("Nobody", ["   "]))  # a group without a term stays a group
    totals = count_and_keep(iter(documents), Pipeline(TokenOptions(stopwords=True, cache=False)), 1, 1)[0]
    cache = TokenCache(tmp_path)
    keep_totals(cache, "inaugural", "tag", totals)
    kept = cache.get(cache.key("totals", "inaugural", "tag"))
    terms, n, docs = kept["Washington"]
    assert (len(terms), len(n), len(docs)) == (len(totals.n["Washington"]),) * 3 and kept["Nobody"] == [[], [], []]
    assert dict(zip(terms, docs, strict=True)) == totals.docs["Washington"]
    old = {group: [totals.n[group], totals.docs[group]] for group in totals.n}  # as kept before this form
    cache.put(cache.key("totals", "old", "tag"), old)
    for name in ("inaugural", "old"):
        again = recall_totals(cache, name, "tag")
        assert again.n == totals.n and again.docs == totals.docs and list(again.n) == list(totals.n)
        assert again.n["Washington"]["people"] == totals.n["Washington"]["people"] > 0


COLD_COUNT_PROBE = """
import json, sys
from toolkit.corpus.loading import iter_documents
from toolkit.counting.terms import TermCounts

counted = TermCounts.from_corpus(iter_documents(sys.argv[1]), jobs=2)
print(json.dumps({"terms": len(counted.terms), "modules": sorted(m for m in ("numpy", "pandas") if m in sys.modules)}))
"""


def test_a_cold_count_in_worker_processes_loads_neither_numpy_nor_pandas_in_this_one(tmp_path: Path):
    """The workers count every document: nothing is added up here with pandas, which took 0.15-0.2 s to load."""
    for name, text in (("a", SEED_TEXT), ("b", SEED_TEXT.replace("Lavrov", "Aliyev"))):
        (tmp_path / f"{name}.txt").write_text(text, "utf-8")
    env = {**os.environ, "TOOLKIT_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", COLD_COUNT_PROBE, str(tmp_path)],
        capture_output=True, text=True, timeout=300, cwd=PROJECT_ROOT, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["terms"] > 150 and seen["modules"] == []


def test_a_warm_count_on_the_command_line_reads_versions_without_importlib_metadata(tmp_path: Path):
    """The cache's tag names NLTK's and the toolkit's versions: read from ``nltk/VERSION`` and ``toolkit.__version__``,
    the same strings ``importlib.metadata`` gives, without loading it (5-8 ms of a 0.18 s warm count)."""
    from importlib import metadata

    settings = Pipeline(TokenOptions()).raw_settings
    assert (settings["nltk"], settings["toolkit"]) == (
        metadata.version("nltk"),
        metadata.version("corpus-notebook-toolkit"),
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in (("a", SEED_TEXT), ("b", SEED_TEXT.replace("Lavrov", "Aliyev"))):
        (corpus / f"{name}.txt").write_text(text, "utf-8")
    env = {**os.environ, "TOOLKIT_CACHE_DIR": str(tmp_path / "cache")}
    command = ["-m", "toolkit", "freq", str(corpus), "--format", "csv", "--n", "0"]
    cold = subprocess.run([sys.executable, *command], capture_output=True, text=True, cwd=PROJECT_ROOT, env=env)
    warm = subprocess.run(
        [sys.executable, "-X", "importtime", *command], capture_output=True, text=True, cwd=PROJECT_ROOT, env=env
    )
    assert (cold.returncode, warm.returncode) == (0, 0), warm.stderr[-2000:]
    assert cold.stdout == warm.stdout and "aliyev" in warm.stdout
    imported = [line.rsplit("|", 1)[-1].strip() for line in warm.stderr.splitlines() if "import time:" in line]
    assert "toolkit.counting.memo" in imported and "importlib.metadata" not in imported
