"""toolkit.counting.terms: count tables equal to NLTK's on real corpora; groups, n-grams, streaming, TermCounts."""

from __future__ import annotations

import io
import json
import re
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import nltk
import pandas as pd
import pandas.testing as pdt
import pytest
from nltk.corpus.reader import PlaintextCorpusReader

from conftest import SEED
from toolkit import Document, TokenOptions, count_terms, iter_documents, load_corpus, top_terms
from toolkit.counting.terms import TermCounts, term_counts

SEED_TEXT = SEED.read_text("utf-8")
EXACT = {"tokenizer": "wordpunct", "lowercase": False, "drop_punct": False, "stopwords": False, "clean": False}


@pytest.mark.parametrize("name", ["inaugural", "state_union", "abc"])
def test_counts_equal_nltk_freqdist_of_plaintext_corpus_reader(
    name: str, nltk_corpus_dir, monkeypatch: pytest.MonkeyPatch
):
    root = nltk_corpus_dir(name)
    # NLTK's reader refuses roots outside nltk.data.path (FACTS.md), and it cannot fall back from
    # UTF-8 by itself: give it the Latin-1 files that our loader reports as fallbacks.
    monkeypatch.setattr(nltk.data, "path", [str(root.parent), *nltk.data.path])
    corpus = load_corpus(root)
    latin1 = sorted(e.path for e in corpus.attrs["load_report"].fallbacks)
    encoding = [(re.escape(f), "latin-1") for f in latin1] + [(r".*", "utf8")]
    reader = PlaintextCorpusReader(str(root), r".*\.txt", encoding=encoding)
    expected = nltk.FreqDist(reader.words())

    counts = count_terms(corpus, **EXACT)
    assert dict(zip(counts["term"], counts["n"], strict=True)) == dict(expected)
    assert counts["n"].sum() == expected.N()
    # the streaming path gives the same table
    pdt.assert_frame_equal(count_terms(iter_documents(root), **EXACT), counts)


def test_columns_per_million_docs_and_tie_order(news_dir: Path):
    counts = count_terms(load_corpus(news_dir))
    assert list(counts.columns) == ["term", "n", "per_million", "docs"]
    total = counts.attrs["total"]["(missing)"]
    assert total == counts["n"].sum()
    pdt.assert_series_equal(counts["per_million"], counts["n"] / total * 1e6, check_names=False)
    baku = counts.set_index("term").loc["baku"]
    assert (baku["n"], baku["docs"]) == (7, 3)  # 3 + 3 in the articles, 1 in the notes
    for n, group in counts.groupby("n"):
        assert list(group["term"]) == sorted(group["term"]), n  # ties ordered by term
    assert list(counts["n"]) == sorted(counts["n"], reverse=True)


def test_grouped_counts_keep_documents_without_the_field(news_dir: Path):
    counts = count_terms(load_corpus(news_dir), by="category")
    assert list(counts.columns) == ["category", "term", "n", "per_million", "docs"]
    assert list(counts["category"].unique()) == ["politics", "world", "(missing)"]
    by_group = counts.set_index(["category", "term"])["n"]
    assert by_group[("politics", "lavrov")] == 4 and ("world", "lavrov") not in by_group
    assert by_group[("world", "aliyev")] == 4
    assert by_group[("(missing)", "agreement")] == 1
    with pytest.raises(ValueError, match="no field 'year' to group by"):
        count_terms(load_corpus(news_dir), by="year")


def test_ngrams_agree_with_phrase_counts_in_the_text():
    corpus = load_corpus(SEED.parent)
    bigrams = count_terms(corpus, ngram=2, stopwords=False).set_index("term")["n"]
    trigrams = count_terms(corpus, ngram=3, stopwords=False).set_index("term")["n"]
    for phrase, table in (("foreign minister", bigrams), ("second karabakh war", trigrams)):
        assert table[phrase] == len(re.findall(phrase, SEED_TEXT, flags=re.IGNORECASE)) == 2
    # "... in 2020 and 2022,” Lavrov said": the comma and quote are gaps, so no "2022 lavrov"
    assert "2022 lavrov" not in bigrams and "lavrov said" in bigrams
    joined = count_terms(corpus, ngram=2, stopwords=False, drop_punct=False).set_index("term")["n"]
    assert "2022 ," in joined
    with pytest.raises(ValueError, match="ngram must be 1 to 5, got 6"):
        count_terms(corpus, ngram=6)


def test_stopwords_removed_by_default_for_frequency_lists():
    counts = count_terms(load_corpus(SEED.parent))
    assert "the" not in set(counts["term"])
    assert counts.loc[0, "term"] == "relations"
    assert "the" in set(count_terms(load_corpus(SEED.parent), stopwords=False)["term"])


def test_min_count_and_top_terms(news_dir: Path):
    corpus = load_corpus(news_dir)
    counts = count_terms(corpus, by="category", min_count=3)
    assert counts["n"].min() >= 3
    top = top_terms(counts, 2, by="category")
    assert list(top.columns) == ["category", "term", "n", "per_million", "docs", "rank"]
    assert top.groupby("category").size().to_dict() == {"politics": 2, "world": 2}
    overall = top_terms(count_terms(corpus, by="category"), 3)
    assert list(overall.columns) == ["term", "n", "rank"]  # summed over groups
    assert overall.loc[0, "term"] == "relations" and overall.loc[0, "n"] == 14
    ties = top_terms(pd.DataFrame({"term": ["b", "a", "c"], "n": [2, 2, 1]}), 0)
    assert list(ties["term"]) == ["a", "b", "c"] and list(ties["rank"]) == [1, 1, 3]


def test_counting_streams_documents_with_memory_bounded_by_counts():
    # Documents of about 45 KB from a generator: memory holds the counts and one batch of text (about 1 MB), so
    # four times the text (54 MB against 13.5 MB) needs no more memory.
    text = SEED_TEXT * 15

    def peak_for(documents: int) -> tuple[int, int]:
        def stream() -> Iterator[Document]:
            for i in range(documents):
                yield Document(f"{i:04d}.txt", text.replace("Moscow", f"Moscow{i % 7}"), {})

        tracemalloc.start()
        counts = count_terms(stream(), tokenizer="regexp")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return counts.set_index("term").loc["moscow0", "docs"], peak

    (docs_small, small), (docs_large, large) = peak_for(300), peak_for(1200)
    assert (docs_small, docs_large) == (43, 172)
    assert large < 1.2 * small and large < 6_000_000, f"peak {small / 1e6:.1f} MB, then {large / 1e6:.1f} MB"


@pytest.mark.parametrize(("by", "n"), [(None, 0), (None, 7), ("year", 0), ("year", 3), ("president", 2)])
@pytest.mark.parametrize("tokenizer", ["treebank", "regexp"])
def test_csv_written_without_pandas_is_the_pandas_csv_byte_for_byte(inaugural, by, n, tokenizer):
    """``freq --format csv`` writes TermCounts.write_csv; every other output goes through pandas."""
    counted = TermCounts.from_corpus(inaugural, by=by, tokenizer=tokenizer)
    written = io.StringIO()
    counted.write_csv(written, n=n)
    table = counted.frame()
    assert table.equals(count_terms(inaugural, by=by, tokenizer=tokenizer))
    expected = top_terms(table, n, by=by)[table.columns].to_csv(index=False, lineterminator="\n")
    assert written.getvalue() == expected
    assert written.getvalue().count("\n") == 1 + (n * len(table[by].unique()) if by and n else n or len(table))


def test_term_counts_is_deprecated_and_gives_what_from_corpus_gives(inaugural):
    with pytest.warns(DeprecationWarning, match=r"term_counts\(\) is deprecated; use TermCounts.from_corpus\(\)"):
        old = term_counts(inaugural, by="year", min_count=3, tokenizer="regexp")
    new = TermCounts.from_corpus(inaugural, by="year", min_count=3, tokenizer="regexp")
    assert old == new and len(new.terms) > 1000
    assert new.settings["stopwords"] != "none" and "the" not in new.terms  # counts leave stopwords out


def test_from_corpus_takes_options_as_count_terms_does(news_dir: Path):
    corpus = load_corpus(news_dir)
    options = TokenOptions(tokenizer="regexp", min_length=3)
    counted = TermCounts.from_corpus(corpus, by="category", options=options, lowercase=False)
    table = count_terms(corpus, by="category", options=options, lowercase=False)
    assert counted.frame().equals(table) and counted.frame().attrs == table.attrs
    assert "Baku" in counted.terms and min(len(term) for term in counted.terms) >= 3
    assert counted.total == table.groupby("category", sort=False)["n"].sum().to_dict()
    empty = TermCounts.from_corpus([Document("a", "the and of")], tokenizer="regexp")
    assert empty.terms == [] and list(empty.frame().columns) == ["term", "n", "per_million", "docs"]


@pytest.mark.parametrize("tokenizer", ["treebank", "regexp"])
def test_csv_of_punctuation_terms_is_the_pandas_csv_byte_for_byte(inaugural, tokenizer):
    """Terms with a comma or a quote (punctuation kept) are quoted as pandas quotes them."""
    counted = TermCounts.from_corpus(inaugural, tokenizer=tokenizer, drop_punct=False, stopwords=False)
    written = io.StringIO()
    counted.write_csv(written)
    table = counted.frame()
    assert written.getvalue() == table.to_csv(index=False, lineterminator="\n")
    if tokenizer == "treebank":
        assert '\n",",' in written.getvalue() and "\n''," in written.getvalue()


def test_a_term_polars_cannot_hold_is_ranked_in_python():
    """A lone surrogate (possible in a data frame) cannot go into polars: the Python ranking gives the table."""
    import pandas as pd

    corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["war \ud800x war peace", "peace talks"]})
    for tokenizer, odd in (("regexp", "x"), ("treebank", "\ud800x")):  # regexp: no surrogate is a word character
        table = count_terms(corpus, tokenizer=tokenizer, cache=False)
        assert list(table["term"]) == ["peace", "war", "talks", odd] and list(table["n"]) == [2, 2, 1, 1]
        assert table.attrs["total"] == {"(missing)": 6}


def test_polars_and_the_csv_module_write_every_odd_term_alike():
    """Quotes, commas, a formula, tabs, a leading space: the same bytes; an empty term goes to the csv module."""
    import polars as pl

    from toolkit.counting.ranking import Ranked

    terms = ['"hello', "a,b", 'x"y"', ",", '"', "=1+1", "tab\tx", " lead", "é,ü", "''"]
    for extra in ([], [""]):
        frame = pl.DataFrame(
            {"group": "(missing)", "term": terms + extra, "n": list(range(len(terms + extra), 0, -1))}
        ).with_columns(per_million=pl.col("n") / 55 * 1e6, docs=pl.col("n"))
        counted = TermCounts._of(None, Ranked(frame, {"(missing)": 55}), {})
        written = io.StringIO()
        counted.write_csv(written)
        assert written.getvalue() == counted.frame().to_csv(index=False, lineterminator="\n")
        assert _binary_csv(counted) == written.getvalue().encode("utf-8")  # stdout's buffer, as the command line


def test_a_small_vocabulary_is_ranked_without_importing_polars_and_the_same(tmp_path: Path):
    """Under POLARS_ROWS terms a notebook's count does not import polars (0.2 s); imported, polars ranks alike."""
    import subprocess
    import sys

    from toolkit.paths import CORPUS_DIR

    probe = (
        "import sys, json; from toolkit import count_terms, load_corpus\n"
        f"corpus = load_corpus({str(CORPUS_DIR)!r})\n"
        "python = count_terms(corpus, by='doc_id', cache=False)\n"
        "imported = 'polars' in sys.modules\n"
        "import polars\n"
        "ranked = count_terms(corpus, by='doc_id', cache=False)\n"
        "print(json.dumps([imported, python.equals(ranked), python.attrs == ranked.attrs, len(python)]))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    imported, same_table, same_attrs, rows = json.loads(done.stdout.strip().splitlines()[-1])
    assert not imported and same_table and same_attrs and rows > 100


def test_a_line_break_in_a_term_or_a_group_is_quoted_so_the_csv_reads_back_the_same():
    """A bare CR is quoted too (csv would leave it bare with "\\n" row ends): the rows stay whole."""
    import polars as pl

    from toolkit.counting.ranking import Ranked
    from toolkit.tables import write_exact_csv

    terms = ["a\r=1+1+cmd|' /C calc'!A0", "b\nc", "d\r\ne", "plain"]
    frame = pl.DataFrame({"group": "(missing)", "term": terms, "n": [4, 3, 2, 1]}).with_columns(
        per_million=pl.col("n") / 10 * 1e6, docs=pl.col("n")
    )
    documents = [Document("a", "war and peace", {"outlet": "AP\r=2+2"}), Document("b", "war", {"outlet": "b\nx"})]
    for counted in (TermCounts._of(None, Ranked(frame, {"(missing)": 10}), {}),
                    TermCounts.from_corpus(documents, by="outlet", tokenizer="regexp", cache=False)):  # fmt: skip
        written = io.StringIO(newline="")
        counted.write_csv(written)
        table = counted.frame()
        expected = io.StringIO(newline="")
        write_exact_csv(table, expected)  # what every other output path writes
        assert written.getvalue() == expected.getvalue()
        assert _binary_csv(counted) == written.getvalue().encode("utf-8")
        pdt.assert_frame_equal(pd.read_csv(io.StringIO(written.getvalue(), newline="")), table, check_dtype=False)


def _binary_csv(counted: TermCounts) -> bytes:
    """What ``write_csv`` writes to a binary stream, which it leaves open."""
    raw = io.BytesIO()
    counted.write_csv(raw)
    assert not raw.closed
    return raw.getvalue()


def test_a_binary_stream_gets_what_utf8_cannot_encode_as_asked():
    """A lone surrogate (an undecodable byte kept by "surrogateescape") is written back as that byte, or refused."""
    import pandas as pd

    corpus = pd.DataFrame({"doc_id": ["a"], "text": ["war \udce9x war peace"]})
    counted = TermCounts.from_corpus(corpus, tokenizer="treebank", cache=False)
    raw = io.BytesIO()
    counted.write_csv(raw, errors="surrogateescape")
    assert raw.getvalue().splitlines()[1:] == [b"war,2,500000.0,1", b"peace,1,250000.0,1", b"\xe9x,1,250000.0,1"]
    with pytest.raises(UnicodeEncodeError):
        counted.write_csv(io.BytesIO())


@pytest.mark.parametrize("by", [None, "outlet"])
def test_the_python_csv_writes_what_the_csv_module_writes_for_any_value(by):
    """Rows made without csv.writer: odd terms and groups quoted as it quotes them; numbers as str() writes them."""
    import numpy as np

    from toolkit.tables import write_exact_csv

    terms = ['"hello', "a,b", 'x"y"', ",", "", "=1+1", "tab\tx", " lead", "é,ü", "''", "b\nc", "d\re", "1,000", "war"]
    values = [0.5, 1e-05, 123456.789, 0.0, -0.0, float("nan"), 2, np.float64(0.1), 1e16, 0.5, 1 / 3, 0.1, 7.0, 3.25]
    groups = ["AP", "a,b", 'say "x"', "AP", "b\nx", "AP", "AP", "", "AP", "Reuters", "AP", "AP", "AP", "AP"]
    size = len(terms)
    floats = [value / 4 for value in range(size, 0, -1)]  # floats only: each text made once per value
    for per_million in (values, floats, [0.25] * size):
        counted = TermCounts(by, groups, terms, list(range(size, 0, -1)), per_million, [1] * size, {}, {})
        written = io.StringIO(newline="")
        counted.write_csv(written)
        columns = [counted.terms, counted.n, counted.per_million, counted.docs]
        rows = list(zip(*columns, strict=True))
        if by:
            rows = sorted(zip(counted.groups, *columns, strict=True), key=lambda r: (r[0], -r[2], r[1]))
        expected = io.StringIO(newline="")
        write_exact_csv([[*([by] if by else []), "term", "n", "per_million", "docs"], *rows], expected)
        assert written.getvalue() == expected.getvalue()
        assert '"1,000"' in written.getvalue() and '"b\nc"' in written.getvalue()
        assert ('"b\nx"' in written.getvalue()) is (by is not None)
        assert (",nan," in written.getvalue()) is (per_million is values)
