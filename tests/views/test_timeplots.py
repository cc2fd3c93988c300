"""Figures of outlets, months and trends over months, inspected through their Axes (bars, labels, lines)."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from toolkit import trends
from toolkit.analysis.timeline import count_documents, count_periods
from toolkit.views.timeplots import LABEL_CHARS, need_columns, plot_documents, plot_periods, plot_trends

OUTLETS = ["The Northern Courier", "$5 Daily & the $10 Weekly", r"$\alert$ Café Zürich", "Le Monde diplomatique"]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def dated(state_union: pd.DataFrame) -> pd.DataFrame:
    """Twenty State of the Union addresses as pages of four outlets over 2023-10 to 2024-03, none in 2024-01."""
    speeches = state_union.head(20).drop(columns="year").reset_index(drop=True)
    months = ["2023-10", "2023-11", "2023-12", "2024-02", "2024-03"]
    return speeches.assign(
        site=[OUTLETS[i % 4] if i % 7 else None for i in range(20)],
        date=[f"{months[i % 5]}-{i + 1:02d}" if i % 9 else None for i in range(20)],
    )


def _drawn(ax) -> None:
    ax.figure.savefig(io.BytesIO(), format="png")  # a "$\alert$" read as math would raise here


def test_outlets_are_drawn_largest_first_with_no_site_last_in_grey_and_dollars_as_typed(dated: pd.DataFrame):
    table = count_documents(dated, by="site")
    ax = plot_documents(table)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == list(table["site"]) and labels[-1] == "(no site)"
    assert [int(bar.get_width()) for bar in ax.patches] == list(table["docs"])
    assert ax.patches[-1].get_facecolor() != ax.patches[0].get_facecolor()
    assert [t.get_text() for t in ax.texts] == [str(n) for n in table["docs"]]  # each bar says its count
    assert all(not t.get_parse_math() for t in ax.get_yticklabels())
    _drawn(ax)


def test_many_outlets_are_capped_and_the_title_says_so(state_union: pd.DataFrame):
    many = state_union.assign(site=[f"Regional Herald {i % 45}" for i in range(len(state_union))])
    ax = plot_documents(count_documents(many, by="site"), 10)
    assert len(ax.patches) == 10
    assert ax.get_title() == "Documents per site: the 10 largest of 45 values drawn (all in the table)"
    long = pd.DataFrame({"site": ["The Northern Courier and Evening Gazette of the Western Districts"], "docs": [3]})
    assert len(plot_documents(long).get_yticklabels()[0].get_text()) == LABEL_CHARS


def test_months_are_bars_in_time_order_and_an_empty_month_is_a_visible_zero(dated: pd.DataFrame):
    months = count_periods(dated, by="month")
    ax = plot_periods(months)
    every = ["2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03"]
    assert [t.get_text() for t in ax.get_xticklabels()] == every
    assert [int(bar.get_height()) for bar in ax.patches] == list(months["docs"]) and months["docs"].iloc[3] == 0
    assert [t.get_text() for t in ax.texts] == ["0"]
    assert ax.get_title() == f"Documents per month ({months['docs'].sum()} dated)"
    _drawn(ax)


def test_trends_over_months_keep_order_and_break_the_line_at_a_month_without_documents(dated: pd.DataFrame):
    table = trends(dated, ["war", "peace"], by="month", complete=True, n_boot=20)
    ax = plot_trends(table)
    war = ax.lines[0]
    assert list(war.get_xdata()) == [0, 1, 2, 3, 4, 5]  # one place a month, in order
    assert np.isnan(war.get_ydata()[3]) and np.isfinite(np.delete(war.get_ydata(), 3)).all()
    assert "no documents" in [t.get_text() for t in ax.texts]
    assert [t.get_text() for t in ax.get_xticklabels()][3] == "2024-01"
    _drawn(ax)


def test_need_columns_says_what_was_expected():
    with pytest.raises(ValueError, match=r"expected a table of documents per value \(site, docs\); got columns"):
        need_columns(pd.DataFrame({"site": ["x"]}), ["site", "docs"], "a table of documents per value")
