"""Trends with bootstrap intervals on State of the Union addresses."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit import count_terms, trends


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
    table = trends(inaugural, ["america"], by="year", n_boot=0)
    assert list(table["year"]) == sorted(table["year"], key=int)
    assert table["per_million"].iloc[-5:].mean() > table["per_million"].iloc[:5].mean()
    with pytest.raises(ValueError, match="at least one term"):
        trends(inaugural, [])
