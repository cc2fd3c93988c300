"""toolkit.counting.counted: the workers' tables are added up in one grouping, and Python's counts join them."""

from __future__ import annotations

from collections import Counter

from toolkit.counting.bulk import Counting, Settings, Totals
from toolkit.counting.counted import Counted, summed


def test_merging_the_tables_of_three_workers_gives_the_table_of_one(inaugural):
    documents = [(str(p), t) for p, t in zip(inaugural["president"], inaugural["text"], strict=True)]
    one = Counting(Settings())
    one.add(documents)
    parts = []
    for start in range(3):  # documents dealt in turn, as the queue deals batches to workers
        worker = Counting(Settings())
        worker.add(documents[start::3])
        parts.append(worker.result())
    merged = Counted.merge(parts)
    assert sorted(merged.groups) == sorted(one.result().groups)
    assert merged.totals().n == one.totals().n and merged.totals().docs == one.totals().docs
    assert merged.frame.height == one.result().frame.height > 5000  # one row per group and term: merged once


def test_merging_the_tables_of_one_group_by_term_alone_gives_the_sums_of_grouping_by_both(inaugural):
    """One group (a count without ``by``): the merge groups by term only; the sums are those of (group, term)."""
    parts = []
    for start in range(2):
        worker = Counting(Settings())
        worker.add([("(all)", text) for text in inaugural["text"][start::2]])
        parts.append(worker.result())
    merged = Counted.merge(parts)
    both = summed([part.frame for part in parts], "group", ["(all)", "other"])  # by two keys, as for several groups
    assert merged.frame.columns == both.columns == ["group", "term", "n", "docs"]
    assert merged.frame.sort("term").rows() == both.sort("term").rows()
    assert merged.frame.height > 8000 and set(merged.frame["group"]) == {"(all)"}
    assert merged.frame.filter(merged.frame["term"] == "government")["docs"].item() > 1  # in both halves


def test_counts_made_in_python_are_kept_apart_and_added_in_totals():
    python = Totals()
    python.add("a", ["İstanbul and Baku"], Settings())  # "İ": tokenised in Python by the bulk engine too
    worker = Counting(Settings())
    worker.add([("a", "Baku talks"), ("b", "")])
    merged = Counted.merge([worker.result(), Counted.of(python)])
    totals = merged.totals()
    assert totals.n["a"] == Counter({"baku": 2, "i̇stanbul": 1, "and": 1, "talks": 1})
    assert totals.docs["a"]["baku"] == 2 and totals.n["b"] == Counter()  # a group seen without terms stays
    assert merged.groups == ["a", "b"]
