"""Trends with bootstrap intervals on State of the Union and inaugural addresses: by a field, or equal parts."""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pandas as pd
import pytest

from toolkit import Document, count_terms, dispersion_positions, trends
from toolkit.analysis.trends import wide_trends


def test_trends_by_president_with_intervals(state_union: pd.DataFrame):
    table = trends(state_union, ["Soviet", "terror"], by="president", n_boot=500, random_state=1)
    assert list(table.columns) == ["president", "term", "n", "tokens", "per_million", "docs", "low", "high"]
    reagan = table[(table["president"] == "Reagan") & (table["term"] == "soviet")].iloc[0]
    docs = state_union[state_union["president"] == "Reagan"]
    counts = count_terms(docs, stopwords=False)
    assert reagan["docs"] == len(docs)
    assert reagan["tokens"] == counts["n"].sum()
    assert reagan["n"] == counts.set_index("term").loc["soviet", "n"]
    assert reagan["per_million"] == pytest.approx(reagan["n"] / reagan["tokens"] * 1e6, abs=0.05)
    multi = table[table["docs"] > 1]
    assert (multi["low"] <= multi["per_million"] + 1e-6).all() and (multi["per_million"] <= multi["high"] + 1e-6).all()
    single = table[table["docs"] == 1]
    assert single["low"].isna().all()
    # seeded: same seed, same intervals; another seed, other intervals
    again = trends(state_union, ["Soviet", "terror"], by="president", n_boot=500, random_state=1)
    pd.testing.assert_frame_equal(table, again)
    other = trends(state_union, ["Soviet", "terror"], by="president", n_boot=500, random_state=2)
    assert not np.allclose(other["low"].fillna(0), table["low"].fillna(0))


def test_trends_by_year_sorted_numerically(inaugural: pd.DataFrame):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # by given: no warning
        table = trends(inaugural, "america", by="year", n_boot=0)
    assert list(table["year"]) == sorted(table["year"], key=int)
    assert table.attrs["by"] == "year" and table.attrs["group"] == "year" and table.attrs["parts"] is None
    assert table["per_million"].iloc[-5:].mean() > table["per_million"].iloc[:5].mean()
    with pytest.raises(ValueError, match="at least one pattern"):
        trends(inaugural, [], by="year")


def test_without_by_the_corpus_is_cut_into_equal_parts(inaugural: pd.DataFrame):
    table = trends(inaugural, ["america", "freedom*"], by=None, n_boot=200)
    assert list(table.columns) == ["part", "term", "n", "tokens", "per_million", "docs", "low", "high"]
    assert table.attrs["by"] is None and table.attrs["group"] == "part" and table.attrs["parts"] == 10
    assert list(dict.fromkeys(table["part"])) == [str(i) for i in range(1, 11)]
    # the parts are those of the token stream in document order, as dispersion_positions places words
    positions = dispersion_positions(inaugural, ["america", "freedom*"])
    total = positions.attrs["tokens"]
    bounds = np.linspace(0, total, 11).round()
    for term in ("america", "freedom*"):
        rows = table[table["term"] == term]
        offsets = positions.loc[positions["term"] == term, "offset"]
        assert rows["n"].tolist() == np.histogram(offsets, bins=bounds)[0].tolist()
        assert rows["tokens"].tolist() == np.diff(bounds).astype(int).tolist()
    starts = np.array(list(positions.attrs["doc_starts"].values()))
    ends = np.append(starts[1:], total)
    america = table[table["term"] == "america"]
    for part, (lo, hi) in enumerate(itertools.pairwise(bounds)):
        assert america["docs"].iloc[part] == ((starts < hi) & (ends > lo) & (ends > starts)).sum()
    # "America" is a modern word in these addresses
    assert america["per_million"].iloc[-3:].min() > america["per_million"].iloc[:3].max()
    multi = table[table["docs"] > 1]
    assert (multi["low"] <= multi["per_million"] + 1e-6).all() and (multi["per_million"] <= multi["high"] + 1e-6).all()
    assert trends(inaugural, "america", by=None, parts=3, n_boot=0)["tokens"].sum() == total
    with pytest.raises(ValueError, match="parts must be 1 or more"):
        trends(inaugural, "america", by=None, parts=0)


def test_not_giving_by_on_a_corpus_with_years_warns_and_cuts_parts(inaugural: pd.DataFrame):
    message = r"trends\(\) no longer groups by 'year' unless asked: pass by='year'"
    with pytest.warns(DeprecationWarning, match=message) as caught:
        table = trends(inaugural, "america", n_boot=0)
    assert caught[0].filename == __file__  # the warning points at the caller
    pd.testing.assert_frame_equal(table, trends(inaugural, "america", by=None, n_boot=0))
    # a stream of documents is looked at without being used up
    rows = zip(inaugural["doc_id"], inaugural["text"], inaugural["year"], strict=True)
    stream = (Document(doc_id, text, {"year": year}) for doc_id, text, year in rows)
    with pytest.warns(DeprecationWarning, match="pass by='year'"):
        streamed = trends(stream, "america", n_boot=0)
    pd.testing.assert_frame_equal(streamed, table)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no year field, or by=None given: no warning
        trends(inaugural.drop(columns="year"), "america", n_boot=0)
        trends(inaugural, "america", by=None, n_boot=0)


def test_terms_is_the_old_name_of_pattern(state_union: pd.DataFrame):
    with pytest.warns(DeprecationWarning, match=r"trends\(terms=\.\.\.\) is deprecated; use pattern="):
        old = trends(state_union, terms=["soviet"], by="president", n_boot=0)
    pd.testing.assert_frame_equal(old, trends(state_union, pattern="soviet", by="president", n_boot=0))
    with pytest.raises(ValueError, match=r"trends\(\) follows single words"):
        trends(state_union, "cold war", by="president")


def test_wide_trends_one_row_per_group(inaugural: pd.DataFrame):
    table = trends(inaugural, ["freedom", "war"], by="president", n_boot=0)
    wide = wide_trends(table)
    assert list(wide.columns) == ["president", "tokens", "docs", "freedom", "war"]
    assert list(wide["president"]) == list(dict.fromkeys(table["president"]))
    row = table[(table["president"] == "Lincoln") & (table["term"] == "war")].iloc[0]
    assert wide.set_index("president").loc["Lincoln", "war"] == row["per_million"]
    assert wide_trends(table, "n").set_index("president").loc["Lincoln", "war"] == row["n"]


def test_complete_months_keep_every_month_in_order_and_leave_out_undated_documents(state_union: pd.DataFrame):
    speeches = state_union.head(8).assign(
        date=["2024-01-05", "2024-01-20", "2024-02-11", "2024-04-02", "2024-04-30", "2023-12-31", None, ""]
    )
    table = trends(speeches, ["war", "peace"], by="month", complete=True, n_boot=50)
    assert list(dict.fromkeys(table["month"])) == ["2023-12", "2024-01", "2024-02", "2024-03", "2024-04"]
    march = table[table["month"] == "2024-03"]
    assert (march["tokens"] == 0).all() and (march["docs"] == 0).all() and (march["n"] == 0).all()
    assert march["per_million"].isna().all() and march["low"].isna().all()  # no text: no frequency, not zero
    dated = speeches.iloc[:6]
    counts = count_terms(dated, stopwords=False).set_index("term")["n"]
    assert table.groupby("term")["n"].sum().to_dict() == {"peace": counts["peace"], "war": counts["war"]}
    january = table[(table["month"] == "2024-01") & (table["term"] == "war")].iloc[0]
    assert january["docs"] == 2 and january["tokens"] == count_terms(dated.iloc[:2], stopwords=False)["n"].sum()
    assert table.attrs["left_out"] == 2 and table.attrs["complete"] is True
    years = trends(speeches.drop(columns="year"), "war", by="year", complete=True, n_boot=0)  # years from the dates
    assert years["year"].tolist() == ["2023", "2024"] and years.attrs["left_out"] == 2


def test_complete_is_only_for_periods(state_union: pd.DataFrame):
    with pytest.raises(ValueError, match="complete=True needs a corpus table and by='month' or 'year'"):
        trends(state_union, "war", by="president", complete=True)
    plain = trends(state_union, "war", by="year", n_boot=0)
    assert plain.attrs["complete"] is False and plain.attrs["left_out"] == 0


def test_wide_trends_keeps_a_word_that_names_a_column_apart_from_that_column():
    # Found on news pages followed by year, where "year" was among the five most frequent words.
    corpus = pd.DataFrame(
        {"doc_id": ["a", "b"], "year": ["2020", "2021"], "text": ["a year of docs", "the year ahead, year two"]}
    )
    wide = wide_trends(trends(corpus, ["year", "docs"], by="year", n_boot=0), value="n")
    assert list(wide.columns) == ["year", "tokens", "docs", "'year'", "'docs'"]
    assert wide["year"].tolist() == ["2020", "2021"]
    assert wide["'year'"].tolist() == [1, 2]
