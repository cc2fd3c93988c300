"""Each exercise's judge on real text: the right answer is correct, a named slip partly right, a wrong one not yet."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from toolkit import stats
from toolkit.analysis.collocates import collocates
from toolkit.analysis.concordance import kwic
from toolkit.analysis.dispersion import dispersion
from toolkit.analysis.diversity import zipf
from toolkit.analysis.keyness import keyness
from toolkit.corpus.loading import load_corpus, load_report
from toolkit.counting.terms import count_terms, top_terms
from toolkit.paths import CORPUS_DIR
from toolkit.reports.running import RunResult
from toolkit.teaching.judges import CORRECT, EXERCISES, NOT_YET, PARTLY
from toolkit.teaching.practice import DICE_COUNTS, KEYNESS_TABLE, SENTENCE, practice_folder
from toolkit.tokens.pipeline import split_tokens


def verdict(exercise_id: str, answer, *context) -> str:
    return EXERCISES[exercise_id].judge(answer, *context)[0]


@pytest.fixture(scope="module")
def texts() -> pd.DataFrame:
    return load_corpus(CORPUS_DIR)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return practice_folder(tmp_path_factory.mktemp("practice") / "messy")


@pytest.fixture(scope="module")
def table(texts: pd.DataFrame) -> pd.DataFrame:
    return keyness(texts, reference="english")


def test_every_exercise_has_a_task_a_hint_and_a_judge():
    assert len(EXERCISES) == 21
    for exercise_id, exercise in EXERCISES.items():
        assert exercise.id == exercise_id and exercise.task.endswith((".", "?")) and exercise.hint
        assert callable(exercise.judge)


def test_loading_judges_read_the_load_report_of_the_practice_folder(folder: Path):
    report = load_report(load_corpus(folder))
    files = sum(1 for p in folder.rglob("*") if p.is_file())
    assert (report.n_documents, files) == (3, 6)
    assert [verdict("ex1.1", n, folder) for n in (3, 6, 5)] == [CORRECT, PARTLY, NOT_YET]
    skipped, empty = len(report.skipped), len(report.empty)
    assert [verdict("ex1.2", n, folder) for n in (skipped, skipped + empty, 0)] == [CORRECT, PARTLY, NOT_YET]
    assert report.fallbacks[0].reason.startswith("not utf-8 at byte 3")
    assert [verdict("ex1.3", n, folder) for n in (3, 4, 2, 30, "3")] == [CORRECT, PARTLY, PARTLY, NOT_YET, NOT_YET]


def test_tokenisation_judges(texts: pd.DataFrame):
    tokens = split_tokens(SENTENCE, "regexp")
    assert verdict("ex2.1", tokens) == CORRECT
    assert verdict("ex2.1", [t.lower() for t in tokens]) == PARTLY
    assert verdict("ex2.1", sorted(tokens)) == PARTLY
    assert verdict("ex2.1", split_tokens(SENTENCE, "treebank")) == NOT_YET
    assert [verdict("ex2.2", name) for name in ("regexp", " Regexp ", "whitespace", "treebank", "spacy")] == [
        CORRECT, CORRECT, PARTLY, NOT_YET, NOT_YET,
    ]  # fmt: skip
    extra = len(count_terms(texts, lowercase=False, stopwords=False)) - len(count_terms(texts, stopwords=False))
    assert extra > 0
    assert [verdict("ex2.3", n, texts) for n in (extra, -extra, extra + 1)] == [CORRECT, PARTLY, NOT_YET]


def test_frequency_judges(texts: pd.DataFrame):
    row = count_terms(texts).set_index("term").loc["relations"]
    every_token = row["n"] / count_terms(texts, stopwords=False)["n"].sum() * 1e6
    assert [verdict("ex3.1", v, texts) for v in (row["per_million"], every_token, 1.0)] == [CORRECT, PARTLY, NOT_YET]
    five = list(top_terms(count_terms(texts), 5)["term"])
    assert verdict("ex3.2", five, texts) == CORRECT
    assert verdict("ex3.2", [*five[:3], "zzz", "yyy"], texts) == PARTLY
    assert verdict("ex3.2", [*five[:2], "x", "y", "z"], texts) == NOT_YET
    slope = zipf(count_terms(texts, stopwords=False)).attrs["slope"]
    assert slope < 0
    assert [verdict("ex3.3", v, texts) for v in (slope, -slope, slope / 2)] == [CORRECT, PARTLY, NOT_YET]


def test_collocation_judges(texts: pd.DataFrame):
    near = collocates(texts, "armenia", window=5, min_count=1).set_index("collocate").loc["relations", "n"]
    narrow = collocates(texts, "armenia", window=2, min_count=1).set_index("collocate").loc["relations", "n"]
    assert narrow != near
    assert [verdict("ex4.1", n, texts) for n in (near, narrow, near + 100)] == [CORRECT, PARTLY, NOT_YET]
    assert [verdict("ex4.2", name) for name in ("mi", "PMI", "t-score", "g2", "frequency")] == [
        CORRECT, CORRECT, NOT_YET, NOT_YET, NOT_YET,
    ]  # fmt: skip
    dice = 2 * DICE_COUNTS["o11"] / (DICE_COUNTS["r1"] + DICE_COUNTS["c1"])
    log_dice = stats.log_dice(**DICE_COUNTS)
    assert log_dice == pytest.approx(14 + math.log2(dice))
    assert [verdict("ex4.3", v) for v in (log_dice, dice, math.log2(dice), 14.0)] == [CORRECT, PARTLY, PARTLY, NOT_YET]


def test_keyness_judges(table: pd.DataFrame):
    g2 = stats.log_likelihood(**KEYNESS_TABLE)
    chi2 = stats.chi_squared(**KEYNESS_TABLE)
    assert [verdict("ex5.1", v) for v in (g2, chi2, g2 + 1)] == [CORRECT, PARTLY, NOT_YET]
    ratio = (KEYNESS_TABLE["a"] / KEYNESS_TABLE["c"]) / (KEYNESS_TABLE["b"] / KEYNESS_TABLE["d"])
    assert stats.log_ratio(**KEYNESS_TABLE) == pytest.approx(math.log2(ratio))
    answers = (math.log2(ratio), math.log(ratio), math.log10(ratio), ratio, -math.log2(ratio))
    assert [verdict("ex5.2", v) for v in answers] == [CORRECT, PARTLY, PARTLY, PARTLY, NOT_YET]
    terms = list(table["term"])
    assert [verdict("ex5.3", t, table) for t in (terms[0], terms[2], terms[-1])] == [CORRECT, PARTLY, NOT_YET]


def test_keyness_table_judge_of_the_project(table: pd.DataFrame):
    assert verdict("ex8.2", table) == CORRECT
    assert verdict("ex8.2", table.iloc[::-1]) == PARTLY  # not sorted by G2
    assert verdict("ex8.2", table.iloc[0:0]) == PARTLY  # empty
    assert verdict("ex8.2", table[["term"]]) == NOT_YET
    assert verdict("ex8.2", "keyness") == NOT_YET


def test_concordance_judges(tmp_path: Path):
    (tmp_path / "a.txt").write_text(
        "Relations with Armenia improved. Trade relations grew, and cultural relations too.\n"
        "A relation of trust is rare; economic relations matter.\n",
        "utf-8",
    )
    texts = load_corpus(tmp_path)
    assert (len(kwic(texts, "relations")), len(kwic(texts, "relations", lowercase=False))) == (4, 3)
    assert [verdict("ex6.1", n, texts) for n in (4, 3, 5, 1)] == [CORRECT, PARTLY, PARTLY, NOT_YET]
    # 1L words of 'relations': (none), trade, cultural, economic: a three-way tie, broken by the student's choice
    assert [verdict("ex6.2", w, texts) for w in ("trade", "Economic", "armenia")] == [CORRECT, CORRECT, NOT_YET]
    (tmp_path / "b.txt").write_text("Trade relations stalled. Then trade relations resumed.\n", "utf-8")
    texts = load_corpus(tmp_path)  # now 'trade' stands before 'relations' three times
    assert [verdict("ex6.2", w, texts) for w in ("Trade", "cultural", "with")] == [CORRECT, PARTLY, NOT_YET]


def test_dispersion_judges(texts: pd.DataFrame):
    dp = stats.gries_dp([8, 0, 0, 0], [1, 1, 1, 1])
    assert dp == pytest.approx(0.75)
    normalised = stats.gries_dp([8, 0, 0, 0], [1, 1, 1, 1], normalised=True)
    assert [verdict("ex7.1", v) for v in (dp, normalised, 0.0)] == [CORRECT, PARTLY, NOT_YET]
    spread = dispersion(texts, ["relations", "baku"], parts=10)
    even, clumped = spread.sort_values("dp")["term"]
    assert (even, clumped) == ("relations", "baku")
    assert EXERCISES["ex7.2"].judge(even, spread) == (CORRECT, "")
    assert EXERCISES["ex7.2"].judge(clumped, spread) == (NOT_YET, "That one is the more clumped of the two.")
    assert verdict("ex7.2", "armenia", spread) == NOT_YET


def test_report_judge_reads_a_run_result(tmp_path: Path):
    def result(status: str, error: str = "") -> RunResult:
        return RunResult("keyness", "run-1", status, str(tmp_path), {}, error=error)

    assert EXERCISES["ex8.1"].judge(result("SUCCEEDED"))[0] == NOT_YET  # no HTML report was written
    (tmp_path / "keyness.html").write_text("<html></html>", "utf-8")
    assert verdict("ex8.1", result("SUCCEEDED")) == CORRECT
    assert EXERCISES["ex8.1"].judge(result("FAILED", "cell 3: KeyError: 'year'")) == (
        PARTLY, "The run failed: cell 3: KeyError: 'year'",
    )  # fmt: skip
    assert verdict("ex8.1", "keyness.html") == NOT_YET
