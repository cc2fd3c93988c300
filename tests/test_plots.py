"""Figures inspected through their Axes (bars, labels, lines), not pixels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from toolkit import (
    collocates,
    count_terms,
    dispersion_positions,
    keyness,
    plot_collocates,
    plot_dispersion,
    plot_heatmap,
    plot_keyness,
    plot_top_terms,
    plot_trends,
    plot_wordcloud,
    plot_zipf,
    trends,
    zipf,
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def test_top_terms_bar_chart_overall_and_faceted(inaugural: pd.DataFrame):
    counts = count_terms(inaugural)
    ax = plot_top_terms(counts, 10)
    assert _labels(ax) == list(counts["term"].head(10))
    assert [round(p.get_width()) for p in ax.patches] == list(counts["n"].head(10))
    grouped = count_terms(inaugural[inaugural["president"].isin(["Lincoln", "Obama"])], by="president")
    axes = plot_top_terms(grouped, 5, by="president")
    assert [a.get_title() for a in axes] == ["president = Lincoln", "president = Obama"]
    obama = grouped[grouped["president"] == "Obama"]
    assert _labels(axes[1]) == list(obama["term"].head(5))


def test_zipf_plot(inaugural: pd.DataFrame):
    table = zipf(count_terms(inaugural, stopwords=False))
    ax = plot_zipf(table)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert len(ax.lines) == 2 and ax.lines[0].get_xdata().size == len(table)
    assert "slope" in ax.get_legend().get_texts()[1].get_text()


def test_keyness_diverging_bars(inaugural: pd.DataFrame):
    table = keyness(inaugural, by="president", target="Obama")
    ax = plot_keyness(table, 5)
    widths = [p.get_width() for p in ax.patches]
    assert len(widths) == 10 and sum(w > 0 for w in widths) == 5 and sum(w < 0 for w in widths) == 5
    assert _labels(ax)[:5] == list(table["term"].head(5))
    assert _labels(ax)[-1] == table["term"].iloc[-1]


def test_dispersion_plot_has_terms_in_the_order_asked(inaugural: pd.DataFrame):
    positions = dispersion_positions(inaugural, ["liberty", "freedom", "america"])
    ax = plot_dispersion(positions)
    assert _labels(ax) == ["liberty", "freedom", "america"]
    ys = ax.lines[0].get_ydata()
    # the first row (top) holds every "liberty" occurrence
    assert int((ys == 0).sum()) == int((positions["term"] == "liberty").sum())
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # first term at the top


def test_trends_plot_with_intervals(state_union: pd.DataFrame):
    table = trends(state_union, ["soviet", "jobs"], by="president", n_boot=200)
    ax = plot_trends(table)
    assert len(ax.lines) == 2 and len(ax.collections) == 2  # a line and a band per term
    assert [t.get_text() for t in ax.get_xticklabels()] == list(dict.fromkeys(table["president"]))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["soviet", "jobs"]


def test_heatmap_of_terms_by_group(state_union: pd.DataFrame):
    counts = count_terms(state_union, by="president")
    ax = plot_heatmap(counts, by="president", terms=["soviet", "jobs", "terror"])
    assert _labels(ax) == ["soviet", "jobs", "terror"]
    assert ax.collections[0].get_array().size == 3 * counts["president"].nunique()


def test_collocates_bar_chart_and_word_cloud(inaugural: pd.DataFrame):
    table = collocates(inaugural, "freedom", min_count=3)
    ax = plot_collocates(table, 8)
    assert _labels(ax) == list(table["collocate"].head(8))
    assert ax.get_title() == "Collocates of 'freedom'"
    cloud = plot_wordcloud(count_terms(inaugural), 50)
    image = cloud.get_images()[0].get_array()
    assert image.shape[:2] == (400, 800) and np.asarray(image).std() > 0
    again = plot_wordcloud(count_terms(inaugural), 50)
    assert np.array_equal(np.asarray(again.get_images()[0].get_array()), np.asarray(image))  # seeded layout


def test_plots_say_what_table_they_expected():
    with pytest.raises(ValueError, match=r"expected a keyness table \(term, g2\)"):
        plot_keyness(pd.DataFrame({"x": [1]}))
