"""What a corpus of scraped pages covers: documents per outlet and per month, and the period a trend follows.

The pages are real ABC news stories (NLTK's abc), one story a page, given the
columns the page loader adds: ``site``, ``date``, ``month``, ``year``.
"""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.analysis.timeline import (
    MONTHS_BY_MONTH,
    choose_period,
    count_documents,
    count_periods,
    describe_documents,
    describe_periods,
    keep_dated,
    period_range,
    period_values,
)

SITES = ["The Northern Courier", "$5 Daily & the $10 Weekly", "Le Monde diplomatique — édition anglaise"]


def stories(abc: pd.DataFrame, n: int) -> list[tuple[str, str]]:
    """The first ``n`` stories of abc with four lines or more: (headline, body)."""
    blocks = [block.strip().split("\n") for text in abc["text"] for block in text.split("\n\n")]
    return [(lines[0], "\n".join(lines[1:])) for lines in blocks if len(lines) >= 4][:n]


def pages(abc: pd.DataFrame, dates: list[str | None], sites: list[str | None]) -> pd.DataFrame:
    """A corpus table as the page loader makes it: one story per date and site given."""
    rows = []
    for i, ((title, body), date, site) in enumerate(zip(stories(abc, len(dates)), dates, sites, strict=True)):
        rows.append(
            {
                "doc_id": f"page{i:03d}.html" if site else f"note{i:03d}.txt",
                "text": body,
                "title": title,
                "date": date,
                "month": date[:7] if date else None,
                "year": date[:4] if date else None,
                "site": site,
            }
        )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def news(abc: pd.DataFrame) -> pd.DataFrame:
    """Twelve pages from three outlets over 2023-11 to 2024-03, none in 2024-01; one undated page, two notes."""
    dates = ["2023-11-03", "2023-11-20", "2023-12-01", "2024-02-14", "2024-02-15", "2024-03-30"] * 2
    dates[4], dates[10], dates[11] = None, None, None
    sites = [SITES[i % 3] for i in range(12)]
    sites[10], sites[11] = None, None
    return pages(abc, dates, sites)


def test_documents_per_outlet_most_first_ties_by_name_and_no_site_last(news: pd.DataFrame):
    table = count_documents(news, by="site")
    expected = pd.DataFrame(
        {
            "site": [SITES[0], SITES[1], SITES[2], "(no site)"],  # 4, 3, 3: the tie ordered by name
            "docs": [4, 3, 3, 2],
        }
    )
    expected["share"] = expected["docs"] / 12
    pd.testing.assert_frame_equal(table, expected)
    assert table["docs"].sum() == len(news)  # nothing dropped
    assert (table.attrs["values"], table.attrs["missing"]) == (3, 2)
    said = '12 documents: 10 from 3 outlets (site), 2 with no site (counted as "(no site)").'
    assert describe_documents(table) == said


def test_a_blank_value_counts_as_none_and_the_bucket_stays_last_even_when_largest(news: pd.DataFrame):
    blank = news.assign(site=["", " ", None, *news["site"][3:]])  # a CSV cell left empty loads as ""
    table = count_documents(blank, by="site")
    assert table["site"].iloc[-1] == "(no site)" and table["docs"].iloc[-1] == 5
    assert table["docs"].iloc[-1] > table["docs"].iloc[0]
    folder = count_documents(news.drop(columns="site"), by="site")  # plain .txt files only: no field at all
    assert folder.to_dict("list") == {"site": ["(no site)"], "docs": [12], "share": [1.0]}
    assert describe_documents(folder) == "No document has a site (of 12 documents; web pages name theirs)."


def test_months_run_from_first_to_last_with_the_empty_month_as_zero(news: pd.DataFrame):
    months = count_periods(news, by="month")
    expected = pd.DataFrame({"month": ["2023-11", "2023-12", "2024-01", "2024-02", "2024-03"], "docs": [4, 2, 0, 2, 1]})
    pd.testing.assert_frame_equal(months, expected)
    assert months.attrs["undated"] == 3 and months.attrs["dated"] == 9 and months.attrs["empty"] == 1
    assert describe_periods(months) == (
        "9 documents are dated from 2023-11 to 2024-03 (5 months, 1 of them with no document: drawn as 0); "
        "3 documents have no date and are not counted here."
    )
    years = count_periods(news, by="year")
    assert years.to_dict("list") == {"year": ["2023", "2024"], "docs": [6, 3]}


def test_the_month_comes_from_the_date_when_the_corpus_has_no_month_field(news: pd.DataFrame):
    only_dates = news.drop(columns=["month", "year"])
    pd.testing.assert_frame_equal(count_periods(only_dates), count_periods(news))
    odd = pd.DataFrame({"date": ["2024-03-05T10:00:00", "March 2024", "", None], "month": [None, None, "", "2024-4"]})
    assert period_values(odd, "month").tolist() == ["2024-03", None, None, None]  # not shaped like a month: no date
    assert period_range("2023-12", "2024-01") == ["2023-12", "2024-01"]


def test_no_date_at_all_is_said_not_drawn(news: pd.DataFrame):
    none = count_periods(news.drop(columns=["date", "month", "year"]))
    assert none.empty and none.attrs["undated"] == 12
    assert describe_periods(none).startswith("No document has a month")


def test_keep_dated_sets_the_period_and_counts_what_it_left_out(news: pd.DataFrame):
    dated = keep_dated(news.drop(columns="month"), by="month")
    assert len(dated) == 9 and dated.attrs["left_out"] == 3
    assert dated["month"].tolist() == news["month"].dropna().tolist()
    assert dated["text"].tolist() == news.loc[news["date"].notna(), "text"].tolist()  # texts untouched, in order


def test_trends_follow_months_until_36_and_years_after(abc: pd.DataFrame):
    def spanning(last: str) -> pd.DataFrame:
        return pages(abc, ["2021-01-10", "2021-06-01", last, None], ["A", "B", "A", None])

    period, sentence = choose_period(spanning(f"2023-12-{28}"))  # 2021-01 to 2023-12: 36 months
    assert period == "month" and "span 36 months" in sentence
    assert sentence.endswith("1 document without a date is left out.")
    period, sentence = choose_period(spanning("2024-01-02"))  # 37 months
    assert period == "year" and f"by month up to {MONTHS_BY_MONTH} months, by year beyond" in sentence
    assert "Not whole years: 2024 ends in 2024-01." in sentence
    assert choose_period(spanning("2021-01-30"))[0] == "month"  # two dates in one month, one in June


def test_choose_period_leaves_other_corpora_and_other_fields_alone(news: pd.DataFrame, inaugural: pd.DataFrame):
    assert choose_period(news, "site") is None  # a field asked for is not a period
    assert choose_period(inaugural) is None  # years from file names, no dates: the other rules apply
    one_month = news[news["month"] == "2023-11"]
    assert choose_period(one_month) is None  # one month is no trend over months
    assert choose_period(one_month, "month")[0] == "month"  # unless asked
    period, sentence = choose_period(news, "year")
    assert period == "year" and "(the parameter by)" in sentence
