"""The reports on a corpus of scraped news pages: outlets, months, trends by month, frequency and keyness by outlet.

The corpus is a CSV with the columns the page loader gives (``title``,
``author``, ``date``, ``year``, ``month``, ``site``, ``url``, ``source_type``),
its texts real ABC news stories (NLTK's abc), from four outlets over six
months with one month empty, a few pages without a date and a few plain
``.txt`` notes with none of those columns. The real command runs the four
reports in one batch, as a user would: ``python -m toolkit report all -f batch.yaml``.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import news_page, run_cli
from toolkit.reports.parameters import list_notebooks, notebook_parameters

OUTLETS = ["The Northern Courier", "$5 Daily & the $10 Weekly", "Le Monde diplomatique — édition anglaise", "ABC Rural"]
MONTHS = ["2023-09", "2023-10", "2023-11", "2024-01", "2024-02"]  # 2023-12 has no page
PAGES, NOTES, UNDATED = 36, 3, 4


def news_pages(abc: pd.DataFrame) -> pd.DataFrame:
    """36 pages (every ninth undated) from four outlets, largest first, and 3 notes without page columns."""
    blocks = [block.strip().split("\n") for text in abc["text"] for block in text.split("\n\n")]
    stories = [(lines[0], "\n".join(lines[1:])) for lines in blocks if len(lines) >= 4]
    rows = []
    for i, (title, body) in enumerate(stories[: PAGES + NOTES]):
        if i >= PAGES:
            rows.append({"doc_id": f"notes/{i}.txt", "text": f"{title}\n{body}"})
            continue
        date = f"{MONTHS[i % 5]}-{i % 28 + 1:02d}" if i % 9 else None
        rows.append(
            {
                "doc_id": f"pages/{i:03d}.html",
                "text": body,
                "title": title,
                "author": "Staff reporter",
                "date": date,
                "year": date and date[:4],
                "month": date and date[:7],
                "site": OUTLETS[min(i % 7, 3)],  # 0: 6 pages, 1: 5, 2: 5, 3: the rest (20)
                "url": f"https://news.example.org/{i}",
                "source_type": "html",
            }
        )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def reports(abc: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Run overview, trends, frequency by site and keyness by site on the pages; return each run's folder."""
    root = tmp_path_factory.mktemp("pages")
    corpus = root / "news.csv"
    news_pages(abc).to_csv(corpus, index=False)
    runs = [
        {"notebook": "overview", "corpus": str(corpus)},
        {"notebook": "trends", "corpus": str(corpus), "n_boot": 20, "terms": ["wheat", "says"]},
        {"notebook": "frequency", "corpus": str(corpus), "by": "site"},
        {"notebook": "keyness", "corpus": str(corpus), "by": "site", "target": OUTLETS[1]},
    ]
    (root / "batch.yaml").write_text(yaml.safe_dump(runs, allow_unicode=True), "utf-8")
    done = run_cli(
        "report", "all", "-f", str(root / "batch.yaml"), "--jobs", "2", "--out", str(root / "out"), timeout=900
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return {folder.parent.name: folder for folder in (root / "out").glob("0*/*") if folder.is_dir()}


def _page(folder: Path) -> str:
    return (folder / f"{folder.parent.name}.html").read_text("utf-8")


def test_the_overview_counts_pages_per_outlet_with_no_site_last(reports: dict[str, Path]):
    sites = pd.read_csv(reports["01_overview"] / "tables" / "pages_by_site.csv", keep_default_na=False)
    assert sites["site"].tolist() == ["ABC Rural", "The Northern Courier", OUTLETS[1], OUTLETS[2], "(no site)"]
    assert sites["docs"].tolist() == [20, 6, 5, 5, NOTES] and sites["docs"].sum() == PAGES + NOTES
    page = _page(reports["01_overview"])
    assert '<h2 id="Outlets">' in page and '<h2 id="Months">' in page
    assert html.escape(OUTLETS[1]) in page and "Documents per outlet, most first" in page
    assert '39 documents: 36 from 4 outlets (site), 3 with no site (counted as "(no site)").' in html.unescape(page)


def test_the_overview_counts_pages_per_month_with_the_empty_month_kept(reports: dict[str, Path]):
    months = pd.read_csv(reports["01_overview"] / "tables" / "pages_by_month.csv", dtype={"month": str})
    assert months["month"].tolist() == ["2023-09", "2023-10", "2023-11", "2023-12", "2024-01", "2024-02"]
    assert months.loc[months["month"] == "2023-12", "docs"].item() == 0
    assert months["docs"].sum() == PAGES - UNDATED
    said = html.unescape(_page(reports["01_overview"]))
    assert "32 documents are dated from 2023-09 to 2024-02 (6 months, 1 of them with no document: drawn as 0)" in said
    assert "7 documents have no date and are not counted here." in said
    assert said.count("data:image/png") >= 3  # lengths, outlets, months


def test_trends_follow_the_words_by_month_and_say_what_was_left_out(reports: dict[str, Path]):
    said = html.unescape(_page(reports["05_trends"]))
    assert "The 32 dated documents span 6 months (2023-09 to 2024-02), so the words are followed by month" in said
    assert "7 documents without a date are left out." in said
    series = pd.read_csv(reports["05_trends"] / "tables" / "trends.csv", dtype={"month": str})
    assert list(dict.fromkeys(series["month"])) == ["2023-09", "2023-10", "2023-11", "2023-12", "2024-01", "2024-02"]
    december = series[series["month"] == "2023-12"]
    assert (december["tokens"] == 0).all() and december["per_million"].isna().all()
    assert series.groupby("month", sort=False)["docs"].first().sum() == PAGES - UNDATED


def test_frequency_and_keyness_by_outlet_read_the_names_as_written(reports: dict[str, Path]):
    grouped = pd.read_csv(reports["02_frequency"] / "tables" / "term_frequencies_by_group.csv", keep_default_na=False)
    assert set(OUTLETS) <= set(grouped["site"])
    frequency = html.unescape(_page(reports["02_frequency"]))
    assert "No comparison by group" not in frequency
    keyness = html.unescape(_page(reports["03_keyness"]))
    assert f"Documents with site = {OUTLETS[1]} are compared with all the others." in keyness
    table = pd.read_csv(reports["03_keyness"] / "tables" / "keyness.csv")
    assert len(table) > 100 and table["g2"].iloc[0] > 0


def test_every_report_takes_the_extraction_of_web_pages():
    reports = {name: path for name, path in list_notebooks().items() if name[:1].isdigit()}
    assert len(reports) == 5
    for name, path in reports.items():
        extraction = notebook_parameters(path).get("extraction")
        assert extraction is not None, name
        assert (extraction.type_name, extraction.default) == ("str", '""'), name
        assert '"recall,comments"' in extraction.help, name


def test_a_folder_of_web_pages_reports_outlets_and_months_with_no_parameters(tmp_path: Path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(14):  # three outlets, 2024-01 to 2024-12, parsed from the HTML by the page loader
        name, data = news_page(n)
        (folder / name).write_bytes(data)
    (folder / "notes.txt").write_text("Talks in Baku.\nNo agreement was reached on Armenia.\n", "utf-8")
    out = tmp_path / "out"
    done = run_cli("report", "overview", "trends", "--corpus", str(folder), "--jobs", "2", "--out", str(out))
    assert done.returncode == 0, done.stderr[-3000:]
    overview = next(out.glob("01_overview/*"))
    sites = pd.read_csv(overview / "tables" / "pages_by_site.csv", keep_default_na=False)
    assert sites["docs"].sum() == 15 and sites["site"].iloc[-1] == "(no site)" and sites["docs"].iloc[-1] == 1
    months = pd.read_csv(overview / "tables" / "pages_by_month.csv", dtype={"month": str})
    assert months["month"].tolist() == [f"2024-{m:02d}" for m in range(1, 13)]
    said = html.unescape(_page(next(out.glob("05_trends/*"))))
    assert "The 14 dated documents span 12 months (2024-01 to 2024-12), so the words are followed by month" in said
    assert "1 document without a date is left out." in said
