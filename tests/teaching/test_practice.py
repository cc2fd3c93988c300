"""What exercises practise on: the messy folder loads as the exercises say, NLTK corpora or the fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit import stats
from toolkit.corpus.loading import load_corpus, load_report
from toolkit.paths import CORPUS_DIR
from toolkit.teaching.practice import DICE_COUNTS, KEYNESS_TABLE, SENTENCE, practice_corpus, practice_folder


def test_practice_folder_has_what_scrapers_leave_and_loads_with_a_report(tmp_path: Path):
    folder = practice_folder(tmp_path / "new" / "messy")  # parents are created
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        ".DS_Store", "README.md", "archive/2019-cafes.txt", "archive/2020-empty.txt", "archive/2021-scan.txt",
        "world/2022-gyumri.txt", "world/2023-border.txt", "world/2024-lavrov.txt", "world/2024-tbilisi.txt",
    ]  # fmt: skip
    with pytest.raises(UnicodeDecodeError):
        (folder / "archive" / "2019-cafes.txt").read_text("utf-8")
    texts = load_corpus(folder)
    report = load_report(texts)
    assert report.n_documents == len(texts) == 6  # 4 UTF-8 articles, the Windows-1252 one and the empty one
    assert len(report.empty) == 1 and len(report.skipped) == 3 and len(report.fallbacks) == 1
    assert "Owners of cafés in Baku – a report" in texts["text"].str.cat()
    assert "at byte 13;" in report.fallbacks[0].reason  # "Owners of caf" is 13 bytes; exercise 1.3 asks for it
    assert practice_folder(folder) == folder  # a second call refreshes the same folder


def test_the_counts_of_the_practice_folder_are_all_different_numbers(tmp_path: Path):
    """Exercise 1 asks for some of these; each is a typical slip for another, so no two may be equal."""
    folder = practice_folder(tmp_path / "messy")
    report = load_report(load_corpus(folder))
    files = [p for p in folder.rglob("*") if p.is_file()]
    counts = [
        report.n_documents,  # read: 6
        len(report.skipped),  # 3 (issue #17: was 3 as well)
        len(report.empty),  # 1
        len(files),  # 9
        sum(p.suffix == ".txt" for p in files),  # 7
        report.n_documents - len(report.empty),  # 5
        len(report.skipped) + len(report.empty),  # 4
    ]
    assert len(set(counts)) == len(counts), counts


def test_practice_corpus_gives_nltk_corpora_with_year_and_president(nltk_corpus_dir):
    nltk_corpus_dir("inaugural")  # skips the test when the NLTK corpus is not installed
    speeches = practice_corpus("inaugural")
    assert {"year", "president"} <= set(speeches.columns)
    assert len(speeches) > 50 and "Obama" in set(speeches["president"])
    assert speeches["year"].astype(int).min() == 1789


def test_practice_corpus_falls_back_to_the_project_corpus_with_a_note(no_nltk_data, capsys: pytest.CaptureFixture[str]):
    texts = practice_corpus("inaugural")
    assert list(texts["doc_id"]) == sorted(p.name for p in CORPUS_DIR.glob("*.txt"))
    printed = capsys.readouterr().out
    assert printed.startswith("NLTK's inaugural corpus is not installed; using corpus/ instead.")
    assert "python -m nltk.downloader inaugural" in printed


def test_state_union_gives_one_president_to_numbered_speeches_of_a_year(nltk_corpus_dir):
    nltk_corpus_dir("state_union")  # skips the test when the NLTK corpus is not installed
    speeches = practice_corpus("state_union").set_index("doc_id")
    assert speeches.loc[["1965-Johnson-1.txt", "1965-Johnson-2.txt", "1966-Johnson.txt"], "president"].tolist() == [
        "Johnson", "Johnson", "Johnson",
    ]  # fmt: skip
    assert not speeches["president"].str.contains(r"-\d+$").any()
    assert speeches.loc[["1965-Johnson-1.txt", "1966-Johnson.txt"], "speech"].tolist() == ["1", None]
    assert "load_report" in speeches.attrs  # the table is still the loader's, with its report


def test_the_small_datasets_are_the_numbers_the_exercises_state():
    assert "didn't" in SENTENCE and "Russia-brokered" in SENTENCE and "'no'" in SENTENCE
    assert stats.log_likelihood(**KEYNESS_TABLE) > 0  # the term is relatively more frequent in the target
    assert KEYNESS_TABLE["a"] / KEYNESS_TABLE["c"] > KEYNESS_TABLE["b"] / KEYNESS_TABLE["d"]
    assert DICE_COUNTS == {"o11": 130, "r1": 3121, "c1": 143}  # Smadja et al. 1996, as the task states them
    assert 0 < stats.log_dice(**DICE_COUNTS) <= 14
