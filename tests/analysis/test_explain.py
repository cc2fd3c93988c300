"""Explain: the 2x2 table behind a keyness, collocates or collocations row, on inaugural addresses."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import collocates, collocations, count_terms, explain, keyness


def test_explain_reproduces_a_keyness_row(inaugural: pd.DataFrame):
    table = keyness(inaugural, by="president", target="Obama", form="four-term")
    row = table.set_index("term").loc["journey"]
    shown = explain(table, "journey").set_index("quantity")["value"]
    assert shown["O11: term in target (a)"] == row["n_target"]
    assert shown["G2 (four-term, Dunning 1993)"] == pytest.approx(abs(row["g2"]))
    assert shown["p-value"] == pytest.approx(row["p_value"])
    assert shown["log ratio (Hardie 2014)"] == pytest.approx(row["log_ratio"])
    assert shown["%DIFF (Gabrielatos & Marchi 2012)"] == pytest.approx(row["percent_diff"])
    cells = shown.iloc[:4].sum()
    assert cells == table.attrs["target_size"] + table.attrs["reference_size"]
    assert explain(table, "journey").attrs == {"kind": "explain", "term": "journey"}


def test_explain_follows_williams_and_bonferroni(inaugural: pd.DataFrame):
    # quanteda's "lr" (four-term G2 / Williams' q): explain shows q and the corrected value the table holds
    table = keyness(inaugural, by="president", target="Obama", form="four-term", williams=True)
    row = table.set_index("term").loc["journey"]
    shown = explain(table, "journey").set_index("quantity")["value"]
    assert shown["G2 / q"] == pytest.approx(abs(row["g2"]))
    assert shown["Williams' q"] > 1
    adjusted = keyness(inaugural, by="president", target="Obama", lowercase=False, correction="bonferroni")
    top = adjusted.head(2)  # explain counts every term tested, not the rows left in the table
    shown = explain(top, top["term"].iloc[0]).set_index("quantity")["value"]
    assert shown["p-value (Bonferroni)"] == pytest.approx(top["p_value"].iloc[0])


def test_explain_reproduces_collocates_and_collocations(inaugural: pd.DataFrame):
    table = collocates(inaugural, "freedom", window=4, min_count=3)
    target = table.iloc[0]["collocate"]
    shown = explain(table, target).set_index("quantity")["value"]
    assert shown["logDice (Rychlý 2008)"] == pytest.approx(table.iloc[0]["log_dice"])
    assert shown["MI (Church & Hanks 1990)"] == pytest.approx(table.iloc[0]["mi"])
    assert shown["N: corpus size"] == count_terms(inaugural, stopwords=False)["n"].sum()
    assert shown.iloc[:4].sum() == shown["N: corpus size"]
    pairs = collocations(inaugural, min_count=5, n=30, stopwords=False)
    row = pairs.set_index("collocation").loc["united states"]
    shown = explain(pairs, "united states").set_index("quantity")["value"]
    assert shown["G2 (four-term, Dunning 1993)"] == pytest.approx(row["g2"])
    assert shown["O11: collocate in windows"] == row["n"]
    assert shown["r1: first word's frequency"] == row["n_first"]


def test_explain_errors(inaugural: pd.DataFrame):
    table = keyness(inaugural, by="president", target="Obama")
    with pytest.raises(KeyError, match="'nonword' is not in this table's 'term' column"):
        explain(table, "nonword")
    with pytest.raises(ValueError, match="takes a keyness, collocates or collocations table"):
        explain(count_terms(inaugural), "freedom")
