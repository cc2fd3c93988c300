"""The verdict matrix of exercise 8: the keyness report run (8.1) and the student's own keyness table (8.2).

8.2 is judged against the table the checker computes from the corpus, group
column and target passed as context, with numbered State of the Union
speeches (``1965-Johnson-1``) merged into their president's group.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import assert_case, judged
from toolkit import keyness, load_corpus
from toolkit.corpus.document import CorpusError
from toolkit.paths import CORPUS_DIR
from toolkit.reports.running import RunResult
from toolkit.teaching.checks import check
from toolkit.teaching.judges import EXERCISES
from toolkit.teaching.judges_project import MERGING_TEMPLATE, merged_groups

C, P, N = "correct", "partly right", "not yet"


def run(folder: Path, notebook: str = "03_keyness", status: str = "SUCCEEDED", **parameters) -> RunResult:
    """A RunResult as run_report returns it, with its published page (or none when the run failed)."""
    folder.mkdir(parents=True, exist_ok=True)
    if status == "SUCCEEDED":
        (folder / f"{notebook}.html").write_text("<html></html>", "utf-8")
    error = "" if status == "SUCCEEDED" else "KeyError: 'president'"
    return RunResult(notebook, folder.name, status, str(folder), parameters, error)


def test_ex8_1_accepts_only_a_successful_keyness_run(tmp_path: Path):
    merged = {"corpus": "nltk:state_union", "name_template": MERGING_TEMPLATE, "by": "president", "target": "Johnson"}
    split = dict(merged, name_template="{year}-{president}")
    good = run(tmp_path / "a", **merged)
    gone = run(tmp_path / "b", **merged)
    (tmp_path / "b" / "03_keyness.html").unlink()
    cases = [
        (good, C, ""),
        (run(tmp_path / "c", reference="english"), C, ""),  # the fallback: the article against general English
        (run(tmp_path / "d", notebook="01_overview"), N, "the 01_overview report"),  # any successful report passed
        (run(tmp_path / "e", status="FAILED", **merged), P, "failed: KeyError"),
        (run(tmp_path / "f", **split), P, "Johnson-1 and Johnson-2 separate presidents"),
        (run(tmp_path / "g", by="president"), P, "no target"),
        (gone, N, "no web page"),
        ("03_keyness", N, "the result of run_report was expected; this is the text"),
        (good.__dict__, N, "the result of run_report was expected; this is a dictionary"),
    ]
    for answer, verdict, says in cases:
        assert_case("ex8.1", answer, (), verdict, says)


def test_merged_groups_joins_numbered_speeches_only():
    corpus = pd.DataFrame({"text": list("abcd"), "president": ["Johnson-1", "Johnson-2", "GWBush", None]})
    merged = merged_groups(corpus, "president")["president"]
    assert merged.tolist()[:3] == ["Johnson", "Johnson", "GWBush"] and pd.isna(merged.iloc[3])
    assert corpus["president"].tolist()[0] == "Johnson-1"  # the student's corpus is left as it was


@pytest.fixture(scope="module")
def state_union() -> tuple[pd.DataFrame, pd.DataFrame]:
    """NLTK's state_union read with the merging template, and with the old one that splits presidents."""
    try:
        merged = load_corpus("nltk:state_union", name_template=MERGING_TEMPLATE)
    except CorpusError:
        pytest.skip("NLTK's state_union corpus is not installed (set NLTK_DATA)")
    return merged, load_corpus("nltk:state_union", name_template="{year}-{president}")


def test_the_merging_template_makes_one_group_per_president(state_union):
    merged, split = state_union
    assert {"Johnson-1", "Johnson-2", "Bush-1", "GWBush-2"} <= set(split["president"])
    assert not merged["president"].str.contains("-").any()
    assert (merged["president"] == "Johnson").sum() == (split["president"].str.startswith("Johnson")).sum()


def test_ex8_2_judges_the_table_against_its_own_keyness(state_union):
    merged, split = state_union
    context = (merged, "president", "Johnson")
    own = keyness(merged, by="president", target="Johnson")
    reagan = keyness(merged, by="president", target="Reagan")
    unmerged = keyness(split, by="president", target="Johnson")
    made_up = own.head(10).assign(g2=own["g2"].head(10) * 1.5)
    cases = [
        (own, context, C, ""),
        (own.sort_values("log_ratio", ascending=False), context, C, ""),  # ex05 recommends log ratio
        (own.head(10), context, C, ""),
        (own.head(10).sort_values("log_ratio", ascending=False), context, C, ""),  # the top 10, by log ratio
        (own.tail(10), context, P, "strongest first"),  # sorted, but not the strongest
        (own.round(2), context, C, ""),
        (own[["term", "g2"]].head(20), context, C, ""),
        (own.sort_values("g2"), context, P, "strongest first"),
        (own.sort_values("term"), context, P, "strongest first"),
        (reagan, context, N, "not the keyness table of 'Johnson'"),  # another president's table
        (made_up, context, N, "not the keyness table"),
        (unmerged, (split, "president", "Johnson"), P, "numbered speeches"),  # the old grouping
        (
            keyness(split, by="president", target="Johnson-1"),
            (split, "president", "Johnson-1"),
            P,
            "numbered speeches (such as Johnson-1)",
        ),  # targets one of Johnson's "presidents"
        (own, (merged, "president", "Jonson"), N, "No document has president 'Jonson'"),
        (own, (), N, 'Pass the corpus too: check("ex8.2", own, speeches, "president", "Johnson").'),
        (own, (merged, "president"), N, "Pass both the grouping column and the target"),
        (own.iloc[0:0], context, N, "empty"),
        (own["term"], context, N, "a keyness table (with term and g2 columns) was expected; this is a column"),
        (own.drop(columns="g2"), context, N, "a keyness table (with term and g2 columns) was expected"),
        ("vietnam", context, N, "a keyness table"),
    ]
    for answer, ctx, verdict, says in cases:
        assert_case("ex8.2", answer, ctx, verdict, says)


def test_ex8_2_on_the_one_article_fallback():
    article = load_corpus(CORPUS_DIR)
    own = keyness(article, reference="english")
    assert judged("ex8.2", own, article, None, None) == (C, "")
    assert judged("ex8.2", own, article) == (C, "")
    assert judged("ex8.2", own.assign(g2=own["g2"] + 1), article) == (
        N,
        "This is not the keyness table of this corpus against general English.",
    )


def test_ex8_hints_are_staged_and_check_never_raises():
    for exercise_id, name in (("ex8.1", "result ="), ("ex8.2", "own =")):
        idea, function, call = EXERCISES[exercise_id].hints
        assert name in call and name not in idea + function
        for answer in (None, object(), pd.DataFrame(), {"status": "SUCCEEDED"}, RunResult("x", "", "", "", {})):
            for context in ((), (None,), (pd.DataFrame({"x": [1]}), 3, 4), ("corpus",)):
                assert check(exercise_id, answer, *context, quiet=True) in (C, P, N)
