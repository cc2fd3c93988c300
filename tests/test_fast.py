"""The bulk regexp counting (toolkit.counting.bulk) counts exactly as the pipeline and RegexpTokenizer do."""

from __future__ import annotations

import io
import os
import random
import re
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from nltk.tokenize import RegexpTokenizer

from conftest import SEED
from toolkit import count_terms, iter_documents
from toolkit.counting.bulk import Counting, Settings, text_terms
from toolkit.counting.terms import document_counts_by_group
from toolkit.tokens.options import TokenOptions
from toolkit.tokens.pipeline import Pipeline
from toolkit.tokens.regexp import FLAGS, JOINERS, PATTERN

NLTK_REGEXP = RegexpTokenizer(PATTERN).tokenize  # the tokeniser the fast path must equal, token for token
STDLIB_WORD = re.compile(r"\w")


def _pipeline_counts(corpus, by=None, **options) -> tuple[dict, dict]:
    """Counts and document counts per group from the ordinary, token-by-token pipeline."""
    pipeline = Pipeline(TokenOptions(tokenizer="regexp", cache=False, **{"stopwords": True, **options}))
    n: dict[str, Counter] = {}
    docs: dict[str, Counter] = {}
    for group, counts in document_counts_by_group(corpus, by, pipeline):
        n.setdefault(group, Counter()).update(counts)
        docs.setdefault(group, Counter()).update(counts.keys())
    return n, docs


def _table_counts(table: pd.DataFrame, by: str | None) -> tuple[dict, dict]:
    n: dict[str, dict] = {}
    docs: dict[str, dict] = {}
    for row in table.itertuples(index=False):
        group = getattr(row, by) if by else None
        n.setdefault(group, {})[row.term] = row.n
        docs.setdefault(group, {})[row.term] = row.docs
    return n, docs


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize(
    "options",
    [{}, {"lowercase": False}, {"min_length": 4, "stopwords": False}, {"drop_punct": False, "clean": False}],
)
def test_counts_equal_the_token_by_token_pipeline_on_inaugural(inaugural, options, jobs):
    table = count_terms(inaugural, by="president", tokenizer="regexp", jobs=jobs, **options)
    n, docs = _pipeline_counts(inaugural, "president", **options)
    got_n, got_docs = _table_counts(table, "president")
    assert got_n == {k: dict(v) for k, v in n.items()}
    assert got_docs == {k: dict(v) for k, v in docs.items()}
    assert table.attrs["total"] == {k: sum(v.values()) for k, v in n.items()}


def test_counts_equal_the_pipeline_on_state_union_in_two_processes(state_union):
    table = count_terms(state_union, tokenizer="regexp", jobs=2)
    n, docs = _pipeline_counts(state_union)
    got_n, got_docs = _table_counts(table, None)
    assert got_n[None] == dict(n["(missing)"]) and got_docs[None] == dict(docs["(missing)"])
    assert table.loc[0, "term"] == "must"  # the real top word, not an empty table that matches itself


def test_a_large_file_counted_in_pieces_equals_the_same_text_counted_whole(tmp_path: Path):
    text = SEED.read_text("utf-8")
    (tmp_path / "big.txt").write_text(text * 400, "utf-8")  # ~2.6 MB
    streamed = count_terms(iter_documents(tmp_path), tokenizer="regexp", jobs=2)
    whole = count_terms(pd.DataFrame({"doc_id": ["a"], "text": [text * 400]}), tokenizer="regexp")
    assert streamed.equals(whole)
    assert streamed.set_index("term").loc["relations", "n"] == 7 * 400


TRICKY = [
    *"abcXYZ019_ ",
    "\n", "\r", "\t", "\u00a0", "\u2028", "\u3000",  # spaces a text holds
    *JOINERS, "--", "''", "’’",  # joiners, single and doubled
    "İ", "ǅ", "Σ", "ς", "σ", "ß", "ẞ", "Ω", "K",  # case mappings that change length or depend on context
    "\u0301", "\u0903", "न", "म", "स", "्", "ت", "٣", "\u200d", "\u200c", "\u00ad",  # marks, scripts, joiners
    ".", ",", "!", "“", "”", "—", "…", "«", "\u202f", "ADVERTISEMENT", "12",
]  # fmt: skip


@pytest.mark.parametrize("lowercase", [True, False])
@pytest.mark.parametrize("min_length", [1, 2])
def test_random_tricky_text_gives_nltk_regexp_tokens(lowercase, min_length):
    rng = random.Random(20261127)
    settings = Settings(lowercase=lowercase, clean=False, min_length=min_length)
    for _ in range(3000):
        text = "".join(rng.choice(TRICKY) for _ in range(rng.randint(0, 40)))
        expected = NLTK_REGEXP(text)
        if lowercase:
            expected = [t.lower() for t in expected]
        got = text_terms(text, settings)
        if lowercase and (len(text.lower()) != len(text) or "Σ" in text):
            expected = [t.lower() for t in NLTK_REGEXP(text) if len(t) >= min_length]
        assert got == expected, repr(text)


@pytest.mark.parametrize("lowercase", [True, False])
def test_bulk_counting_of_tricky_texts_gives_the_regexp_tokeniser_counts(lowercase):
    """Counting in polars (ASCII chunks as they are, others through ``regex``) against the tokens one by one."""
    rng = random.Random(20261128)
    settings = Settings(lowercase=lowercase, clean=False)
    texts = ["".join(rng.choice(TRICKY) for _ in range(rng.randint(0, 60))) for _ in range(4000)]
    texts += ["Baku's talks -- don’t “stop” - 'now' Café--au-lait -x- y- -z ’tis", "", "   "]
    counting = Counting(settings)
    for start in range(0, len(texts), 300):  # batches, as the workers get them
        counting.add([(f"g{i % 3}", text) for i, text in enumerate(texts[start : start + 300], start)])
    totals = counting.totals()
    n: dict[str, Counter] = {}
    docs: dict[str, Counter] = {}
    for i, text in enumerate(texts):
        tokens = NLTK_REGEXP(text)
        tokens = [t.lower() for t in tokens] if lowercase else tokens
        n.setdefault(f"g{i % 3}", Counter()).update(tokens)
        docs.setdefault(f"g{i % 3}", Counter()).update(set(tokens))
    assert {g: dict(c) for g, c in totals.n.items()} == {g: dict(c) for g, c in n.items()}
    assert {g: dict(c) for g, c in totals.docs.items()} == {g: dict(c) for g, c in docs.items()}
    assert totals.n["g1"]["don’t"] == totals.n["g1"]["au-lait"] == totals.docs["g1"]["tis"] == 1  # a real check


def test_every_unicode_character_keeps_the_fast_path_exact():
    """The three facts the fast path rests on, checked for every code point of this Python's Unicode."""
    import regex

    word = regex.compile(r"\w", FLAGS).match
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        in_token = bool(word(char)) or char in JOINERS
        # 1. str.split() never cuts inside a token: no white space is a word character or a joiner
        assert not (char.isspace() and in_token), hex(code)
        lower = char.lower()
        if len(lower) != 1 or char == "Σ":  # these texts are lower-cased token by token
            continue
        # 2. lower-casing first gives the same tokens: it keeps every character's class
        assert bool(word(lower)) == bool(word(char)) and (lower in JOINERS) == (char in JOINERS), hex(code)
        assert lower.isspace() == char.isspace(), hex(code)
        # 3. punctuation and stopwords can be removed after lower-casing: the same tests, the same answers
        assert bool(STDLIB_WORD.match(lower)) == bool(STDLIB_WORD.match(char)), hex(code)
        assert lower.lower() == lower, hex(code)


def test_regexp_counting_imports_neither_nltk_nor_pandas_in_its_workers():
    import subprocess

    probe = (
        "import sys; from toolkit.counting.bulk import count_documents, Settings; "
        "t = count_documents([('g', ['Baku and Moscow'])] * 3, Settings(), jobs=1); "
        "print(sorted(t.n['g'].items()), 'nltk' in sys.modules, 'pandas' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split("]")[-1].split() == ["False", "False"]
    assert "('baku', 3)" in done.stdout


# Data memory per process (RLIMIT_DATA: the heap and private writable mappings, where text and counts live; not
# the code of libraries): less than the corpus, and than the text of it in memory.
DATA_LIMIT = 400_000_000


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_DATA, (DATA_LIMIT, DATA_LIMIT))


def test_a_corpus_larger_than_the_memory_limit_is_counted(tmp_path: Path):
    """600 MB of files counted by processes each limited to 400 MB of data memory (RLIMIT_DATA)."""
    import subprocess

    article = "".join(SEED.read_text("utf-8").replace("Moscow", f"Moscow{i}") for i in range(160))  # ~0.5 MB
    first = tmp_path / "news" / "a0000.txt"
    first.parent.mkdir()
    first.write_text(article, "utf-8")
    copies = int(600e6 // first.stat().st_size) + 1
    for i in range(1, copies):
        os.link(first, first.with_name(f"a{i:04d}.txt"))  # real files to read; no 600 MB of disk writes
    command = [sys.executable, "-m", "toolkit", "freq", str(first.parent), "--tokenizer", "regexp"]
    done = subprocess.run(
        [*command, "--jobs", "2", "--format", "csv", "--n", "0"],
        preexec_fn=_limit_memory, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    counts = pd.read_csv(io.StringIO(done.stdout), keep_default_na=False).set_index("term")
    single = count_terms(pd.DataFrame({"doc_id": ["a"], "text": [article]}), tokenizer="regexp").set_index("term")
    assert (counts["n"] == single["n"] * copies).all() and (counts["docs"] == copies).all()
    assert counts.index.equals(single.index) and counts.loc["relations", "n"] == 7 * 160 * copies
    assert copies * first.stat().st_size > DATA_LIMIT
