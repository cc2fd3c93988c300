"""Figures inspected through their Axes (bars, labels, lines), not pixels."""

from __future__ import annotations

import io

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
    lexical_diversity,
    load_corpus,
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
from toolkit.counting.terms import group_key
from toolkit.views.plots import plot_lengths


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def test_top_terms_bar_chart(inaugural: pd.DataFrame):
    counts = count_terms(inaugural)
    ax = plot_top_terms(counts, 10)
    assert _labels(ax) == list(counts["term"].head(10))
    assert [round(p.get_width()) for p in ax.patches] == list(counts["n"].head(10))
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # the most frequent at the top
    assert ax.get_title() == "Top 10 terms" and ax.get_xlabel() == "n"


def test_top_terms_by_group_draw_on_the_given_axes(inaugural: pd.DataFrame):
    grouped = count_terms(inaugural[inaugural["president"].isin(["Obama", "Lincoln"])], by="president")
    fig, given = plt.subplots()
    ax = plot_top_terms(grouped, 5, by="president", ax=given)
    assert ax is given and fig.axes == [given]  # one Axes, no new figure
    lincoln = grouped[grouped["president"] == "Lincoln"].sort_values(["n", "term"], ascending=[False, True])
    obama = grouped[grouped["president"] == "Obama"].sort_values(["n", "term"], ascending=[False, True])
    assert _labels(ax) == ["president = Lincoln", *lincoln["term"].head(5), "president = Obama", *obama["term"].head(5)]
    assert [round(p.get_width()) for p in ax.patches] == [*lincoln["n"].head(5), *obama["n"].head(5)]
    colours = [tuple(p.get_facecolor()) for p in ax.patches]
    assert len(set(colours[:5])) == 1 and len(set(colours[5:])) == 1 and colours[0] != colours[5]
    bold = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["president = Lincoln", "president = Obama"]
    assert ax.get_title() == "Top 5 terms by president"
    assert [t.get_text() for t in ax.legend().get_texts()] == bold


def test_top_terms_by_category_of_a_folder_sort_by_per_million(news_dir):
    counts = count_terms(load_corpus(news_dir), by="category")
    ax = plot_top_terms(counts, 3, by="category", sort_by="per_million")
    groups = [t for t in _labels(ax) if t.startswith("category = ")]
    assert groups == ["category = politics", "category = world", "category = (missing)"]  # missing last
    notes = counts[counts["category"].map(group_key) == "(missing)"]
    notes = notes.sort_values(["per_million", "term"], ascending=[False, True])
    assert _labels(ax)[-3:] == list(notes["term"].head(3))
    assert [p.get_width() for p in ax.patches][-3:] == pytest.approx(list(notes["per_million"].head(3)))
    assert ax.get_xlabel() == "per_million"


def test_top_terms_column_still_works_and_warns(seed):
    counts = count_terms(seed)
    with pytest.warns(DeprecationWarning, match=r"plot_top_terms\(column=\.\.\.\) is deprecated; use sort_by="):
        ax = plot_top_terms(counts, 4, column="per_million")
    assert ax.get_xlabel() == "per_million"
    assert [p.get_width() for p in ax.patches] == pytest.approx(list(counts["per_million"].head(4)))


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
    by_ratio = plot_keyness(table, 5, sort_by="log_ratio", ax=plt.subplots()[1])
    assert by_ratio.get_xlabel() == "log_ratio"
    with pytest.warns(DeprecationWarning, match=r"plot_keyness\(measure=\.\.\.\) is deprecated; use sort_by="):
        old = plot_keyness(table, 5, measure="log_ratio")
    assert _labels(old) == _labels(by_ratio)
    assert [p.get_width() for p in old.patches] == [p.get_width() for p in by_ratio.patches]


def test_dispersion_plot_has_terms_in_the_order_asked(inaugural: pd.DataFrame):
    positions = dispersion_positions(inaugural, ["liberty", "freedom", "america"])
    ax = plot_dispersion(positions)
    assert _labels(ax) == ["liberty", "freedom", "america"]
    ys = ax.lines[0].get_ydata()
    # the first row (top) holds every "liberty" occurrence
    assert int((ys == 0).sum()) == int((positions["term"] == "liberty").sum())
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # first term at the top


def test_trends_plot_with_intervals(state_union: pd.DataFrame):
    table = trends(state_union, ["soviet", "jobs"], by=None, n_boot=200)
    ax = plot_trends(table)
    assert len(ax.lines) == 2 and len(ax.collections) == 2  # a line and a band per term: parts follow each other
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(p) for p in range(1, 11)]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["soviet", "jobs"]
    assert ax.get_xlabel() == "part of the corpus (equal sizes, in file order)"
    presidents = trends(state_union, ["soviet", "jobs"], by="president", n_boot=0)
    labels = [t.get_text() for t in plot_trends(presidents).get_xticklabels()]
    assert labels == list(dict.fromkeys(presidents["president"])) and len(labels) == 17  # under 25: every label


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
    with pytest.warns(DeprecationWarning, match=r"plot_collocates\(measure=\.\.\.\) is deprecated; use sort_by="):
        by_mi = plot_collocates(table, 8, measure="mi")
    mi = table.sort_values(["mi", "collocate"], ascending=[False, True])
    assert _labels(by_mi) == list(mi["collocate"].head(8)) and by_mi.get_xlabel() == "mi"
    cloud = plot_wordcloud(count_terms(inaugural), 50)
    image = cloud.get_images()[0].get_array()
    assert image.shape[:2] == (400, 800) and np.asarray(image).std() > 0
    again = plot_wordcloud(count_terms(inaugural), 50)
    assert np.array_equal(np.asarray(again.get_images()[0].get_array()), np.asarray(image))  # seeded layout
    small = plot_wordcloud(count_terms(inaugural), 50, width=300, height=120, background_color="black")
    array = np.asarray(small.get_images()[0].get_array())
    assert array.shape[:2] == (120, 300)  # **kwargs reach wordcloud.WordCloud
    assert (array[0, 0, :3] == 0).all()  # a black corner


def test_plots_say_what_table_they_expected():
    with pytest.raises(ValueError, match=r"expected a keyness table \(term, g2\)"):
        plot_keyness(pd.DataFrame({"x": [1]}))


def test_trends_over_years_use_a_real_axis_and_categories_are_never_joined(inaugural: pd.DataFrame):
    years = trends(inaugural, ["freedom", "war"], by="year", n_boot=0)
    ax = plot_trends(years)
    xs = ax.lines[0].get_xdata()
    assert xs[0] == 1789 and xs[-1] == 2021  # years, so the gaps between them show
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert len(labels) < 20  # not one per year: 59 labels overlap
    presidents = trends(inaugural.head(12), ["freedom", "war"], by="president", n_boot=50)
    ax = plot_trends(presidents)
    assert not [line for line in ax.lines if len(line.get_xdata()) > 1 and line.get_linestyle() != "None"]
    assert len(ax.containers) == 2  # an error bar series per term
    plt.close("all")


def test_document_lengths_histogram_bars_or_nothing(inaugural: pd.DataFrame):
    documents = lexical_diversity(inaugural)
    ax = plot_lengths(documents)
    assert ax.get_title().endswith(f"{len(inaugural)} documents") and len(ax.patches) == 30
    few = plot_lengths(documents.head(3))
    assert [t.get_text() for t in few.get_yticklabels()] == list(documents["doc_id"].head(3))[::-1]
    assert plot_lengths(documents.head(1)) is None  # one value: no distribution to draw
    plt.close("all")


# --------------------------------------------------------------------------- corpus text is not mathtext (#19)

TERM = r"$\alert$"  # an unknown mathtext command: parsed as math, it fails the draw
GROUP = "$5m-$10m"  # a pair of dollars: parsed as math, it draws "5m-" in italics and drops the signs
BY = "$band$"


def _hostile_counts() -> pd.DataFrame:
    rows = [(GROUP, TERM, 5), (GROUP, "war", 3), ("$1m", TERM, 2), ("$1m", GROUP, 4)]
    counts = pd.DataFrame(rows, columns=[BY, "term", "n"])
    counts["per_million"] = counts["n"] * 1e5
    return counts


def _hostile_figures() -> dict[str, plt.Axes]:
    counts = _hostile_counts()
    positions = pd.DataFrame({"term": [TERM, GROUP, TERM], "offset": [0, 4, 9]})
    bands = pd.DataFrame(
        {
            BY: [GROUP, GROUP, "$1m", "$1m"],
            "term": [TERM, "war", TERM, "war"],
            "per_million": [50.0, 80.0, 20.0, 30.0],
            "low": [40.0, 70.0, 10.0, 20.0],
            "high": [60.0, 90.0, 30.0, 40.0],
        }
    )
    keywords = pd.DataFrame({"term": [TERM, "war", GROUP], "g2": [5.5, -0.4, -1.0]})
    keywords.attrs["comparison"] = f"{BY} = {GROUP} vs the rest"
    near = pd.DataFrame({"collocate": [TERM, GROUP], "log_dice": [11.2, 12.5]})
    near.attrs["node"] = TERM
    ranks = pd.DataFrame({"rank": [1, 2, 3], "term": [TERM, GROUP, "war"], "n": [12, 6, 4]})
    ranks.attrs.update(slope=-1.0, intercept=1.1)
    few = pd.DataFrame({"doc_id": [f"{GROUP}.txt", f"{TERM}.txt"], "tokens": [120, 80]})
    many = pd.DataFrame({"doc_id": [f"{GROUP}-{i}.txt" for i in range(20)], "tokens": range(100, 120)})
    return {
        "top_terms": plot_top_terms(counts, 3),
        "top_terms_by": plot_top_terms(counts, 2, by=BY, sort_by="per_million"),
        "zipf": plot_zipf(ranks),
        "keyness": plot_keyness(keywords, 2),
        "dispersion": plot_dispersion(positions),
        "trends": plot_trends(bands),
        "trends_parts": plot_trends(bands.rename(columns={BY: "part"})),
        "lengths_few": plot_lengths(few),
        "lengths_many": plot_lengths(many),
        "heatmap": plot_heatmap(counts, by=BY),
        "collocates": plot_collocates(near),
        "wordcloud": plot_wordcloud(counts, width=200, height=100),
    }


def _texts(ax: plt.Axes) -> list[matplotlib.text.Text]:
    return [t for t in ax.figure.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text()]


def _drawn(ax: plt.Axes) -> None:
    """Draw the figure as a notebook does, after the plot function has returned."""
    import io

    ax.figure.canvas.draw()
    ax.figure.savefig(io.BytesIO(), format="png")


def test_corpus_text_in_every_plot_is_drawn_as_typed_not_as_mathtext():
    figures = _hostile_figures()
    for name, ax in figures.items():
        _drawn(ax)  # a mathtext parse of "$\alert$" raises here
        hostile = [t for t in _texts(ax) if "$" in t.get_text() and "mathdefault" not in t.get_text()]
        for text in hostile:
            assert not text.get_parse_math() and not text.get_usetex(), (name, text.get_text())
    shown = {name: {t.get_text() for t in _texts(ax)} for name, ax in figures.items()}
    assert {TERM, f"{BY} = {GROUP}", "Top 2 terms by $band$"} <= shown["top_terms_by"]
    assert {TERM, GROUP} <= shown["top_terms"] and {TERM, GROUP} <= shown["dispersion"]
    assert {TERM, GROUP, f"{BY} = {GROUP} vs the rest"} <= shown["keyness"]
    assert {TERM, GROUP, BY} <= shown["trends"]  # legend, tick labels and axis label
    assert {f"{GROUP}.txt", f"{TERM}.txt"} <= shown["lengths_few"]
    assert {TERM, GROUP, BY} <= shown["heatmap"]
    assert {TERM, GROUP, f"Collocates of '{TERM}'"} <= shown["collocates"]


def test_numbers_keep_their_math_and_corpus_text_stays_literal_under_latex():
    ax = plot_zipf(pd.DataFrame({"rank": [1, 10, 100], "n": [100, 10, 1]}))
    _drawn(ax)
    powers = [t for t in ax.get_xticklabels() if "mathdefault" in t.get_text()]
    assert powers and all(t.get_parse_math() for t in powers)  # 10^2 on a log axis is still drawn as a power
    with plt.rc_context({"text.usetex": True}):
        ax = plot_top_terms(_hostile_counts(), 2, by=BY)
    assert [t.get_usetex() for t in ax.get_yticklabels()] == [False] * 6 and not ax.title.get_usetex()


def test_very_many_outlets_are_capped_to_the_largest_and_the_titles_say_so(state_union: pd.DataFrame):
    names = ["The Northern Courier", "$5 Daily & the $10 Weekly", "Le Monde diplomatique — édition anglaise"]
    outlets = state_union.assign(site=[names[i] if i < 3 else f"Herald {i % 40}" for i in range(len(state_union))])
    grouped = count_terms(outlets, by="site")
    ax = plot_top_terms(grouped, 3, by="site", sort_by="per_million")
    headers = [label for label in _labels(ax) if label.startswith("site = ")]
    sizes = grouped.groupby("site")["n"].sum().sort_values(ascending=False)
    assert len(headers) == 12 and set(headers) == {f"site = {s}" for s in sizes.index[:12]}
    assert ax.get_title() == "Top 3 terms by site (the 12 largest of 43 groups, by terms counted)"
    heat = plot_heatmap(grouped, by="site", n=10)
    assert len(heat.get_xticklabels()) == 30 and "(the 30 largest of 43 groups" in heat.get_title()
    assert heat.figure.get_size_inches()[0] <= 16
    heat.figure.savefig(io.BytesIO(), format="png")  # "$5 ... $10" drawn as typed, not as math
