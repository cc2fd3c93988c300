"""toolkit.counting.ranking: polars ranks as the Python ranking does (filters, totals, order of ties)."""

from __future__ import annotations

import polars as pl

from conftest import SEED
from toolkit.counting.bulk import Counting, Settings, Totals
from toolkit.counting.counted import Counted
from toolkit.counting.ranking import dropped_terms, rank
from toolkit.counting.texts import sort_groups
from toolkit.tokens.options import TokenOptions
from toolkit.tokens.pipeline import Pipeline


def _python_rank(totals: Totals, keep, min_count: int) -> tuple[list, dict]:
    rows, total = [], {}
    for group in sort_groups(totals.n):
        counts = {term: n for term, n in totals.n[group].items() if keep(term)}
        total[group] = sum(counts.values())
        ranked = sorted((-n, term) for term, n in counts.items() if n >= min_count)
        rows += [(group, term, -n, -n / total[group] * 1e6, totals.docs[group][term]) for n, term in ranked]
    return rows, total


def test_polars_ranking_equals_the_python_ranking_on_real_text(inaugural, state_union):
    documents = [(str(y), t) for y, t in zip(inaugural["year"], inaugural["text"], strict=True)]
    documents += [(str(y), t) for y, t in zip(state_union["year"], state_union["text"], strict=True)]
    for options, min_count in ((TokenOptions(tokenizer="regexp", stopwords=True), 1), (TokenOptions(min_length=4), 3)):
        pipeline = Pipeline(options)
        counting = Counting(Settings(lowercase=False))
        counting.add(documents)
        ranked = rank(counting.result(), pipeline, min_count)
        assert ranked is not None
        rows, total = _python_rank(counting.totals(), pipeline.keeps, min_count)
        assert ranked.frame.rows() == rows and list(zip(*ranked.columns(), strict=True)) == rows
        assert ranked.total == total and list(ranked.total)[:2] == ["1789", "1793"]  # groups as numbers


def test_ties_are_ordered_by_code_point_as_python_orders_strings():
    counting = Counting(Settings())
    counting.add([("a", "zebra Zürich éclair eclair ábaco abaco 日本 Ωmega omega")])
    ranked = rank(counting.result(), None)
    assert ranked is not None
    terms = ranked.columns()[1]
    assert terms == sorted(terms) and len(terms) == 9  # all counted once: a tie, ordered by term


def test_dropped_terms_judge_every_term_as_the_pipeline_does(state_union):
    counting = Counting(Settings(lowercase=False))
    counting.add([("a", text) for text in state_union["text"]])
    terms = counting.result().frame["term"].unique()
    extra = pl.Series(["___", "--", "The", "THE", "ça", "Ça", "İ", "x", "ab", "n't", "don’t"])
    terms = pl.concat([terms, extra])
    for options in (TokenOptions(stopwords=True), TokenOptions(stopwords=False, min_length=3)):
        pipeline = Pipeline(options)
        dropped = set(dropped_terms(terms, pipeline).to_list())
        assert dropped == {term for term in terms.to_list() if not pipeline.keeps(term)}
        assert "The" in dropped or not pipeline.stopwords


def test_counts_of_the_token_pipeline_are_ranked_without_a_second_filter():
    totals = Totals()
    totals.n["a"] = {"do": 3, "talk": 2}  # stems, one of them a stopword's form: already judged, kept as they are
    totals.docs["a"] = {"do": 1, "talk": 2}
    ranked = rank(Counted.of(totals), None)
    assert ranked is not None and ranked.columns()[1] == ["do", "talk"] and ranked.total == {"a": 5}


def test_one_group_is_ranked_as_python_ranks_it_to_the_last_bit(state_union):
    """A count without ``by`` sorts without its group's column; per million is still Python's ``n / total * 1e6``.

    Polars divides by a number as it multiplies by its inverse: on the seed article that gave
    11848.341232227489 where Python gives 11848.341232227487 (5 of 422 terms).
    """
    seed = SEED.read_text("utf-8")
    for documents in ([("", text) for text in state_union["text"]], [("(missing)", seed)]):
        for options, min_count in ((TokenOptions(tokenizer="regexp", stopwords=True), 1), (TokenOptions(), 2)):
            pipeline = Pipeline(options)
            counting = Counting(Settings())
            counting.add(documents)
            ranked = rank(counting.result(), pipeline, min_count)
            assert ranked is not None
            rows, total = _python_rank(counting.totals(), pipeline.keeps, min_count)
            assert ranked.frame.rows() == rows and ranked.total == total and len(rows) > 50
    pipeline = Pipeline(TokenOptions(tokenizer="regexp", stopwords=False))
    counting = Counting(Settings())
    counting.add([("(missing)", seed)])
    ranked = rank(counting.result(), pipeline)
    assert ranked is not None and ranked.total == {"(missing)": 422}
    assert ranked.frame.filter(pl.col("term") == "war").row(0) == ("(missing)", "war", 5, 11848.341232227487, 1)
