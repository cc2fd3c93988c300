"""The comparison explorer: its table equals keyness for every reference value, its output is escaped."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from toolkit import compare_explorer, explain, keyness, load_corpus
from toolkit.views.compare_explorer import ENGLISH, OTHER, REST, CompareExplorer


@pytest.fixture(scope="module")
def lincoln(inaugural) -> pd.DataFrame:
    return inaugural[inaugural["president"] == "Lincoln"]


def test_by_default_the_target_is_compared_with_the_rest(inaugural):
    explorer = compare_explorer(inaugural, by="president", target="Lincoln")
    assert explorer.reference is None and explorer.reference_label == REST
    assert_frame_equal(explorer.table, keyness(inaugural, by="president", target="Lincoln"))
    assert explorer.table.attrs["comparison"] == "president = Lincoln vs the rest"
    assert explorer.summary().startswith(f"president = Lincoln compared with (the rest): {len(explorer.table):,} terms")
    assert explain(explorer.table, "union").attrs["kind"] == "explain"


def test_a_value_of_by_english_and_a_corpus_table(inaugural, lincoln):
    washington = inaugural[inaugural["president"] == "Washington"]
    explorer = compare_explorer(inaugural, by="president", target="Lincoln", reference="Washington")
    assert (explorer.reference, explorer.reference_label) == ("Washington", "Washington")
    assert_frame_equal(explorer.table, keyness(lincoln, reference=washington))
    explorer.set_groups("Lincoln", "english")
    assert (explorer.reference, explorer.reference_label) == ("english", ENGLISH)
    assert_frame_equal(explorer.table, keyness(lincoln, reference="english"))
    explorer.set_groups("Lincoln", washington)
    assert explorer.reference is washington and explorer.reference_label == OTHER
    assert_frame_equal(explorer.table, keyness(lincoln, reference=washington))
    explorer.widget  # noqa: B018
    explorer.reference_box.value = REST
    explorer.reference_box.value = OTHER  # the corpus given stays a choice
    assert explorer.reference is washington


def test_a_year_group_given_as_a_number(inaugural):
    explorer = compare_explorer(inaugural, by="year", target=1861, reference=1865)
    assert (explorer.target, explorer.reference) == ("1861", "1865")
    year = inaugural["year"].astype(str)  # file names give the year as text
    expected = keyness(inaugural[year == "1861"], reference=inaugural[year == "1865"])
    assert_frame_equal(explorer.table, expected)


def test_a_folder_as_the_reference(news_dir):
    corpus = load_corpus(news_dir)
    explorer = compare_explorer(corpus, by="category", target="politics", reference=news_dir / "world")
    assert explorer.reference_label == str(news_dir / "world")
    politics = corpus[corpus["category"] == "politics"]
    assert_frame_equal(explorer.table, keyness(politics, reference=load_corpus(news_dir / "world")))
    assert explorer.references("politics") == ["world", "(missing)", "(the rest)", "(general English)"]


def test_without_by_the_whole_corpus_is_compared_with_general_english(seed):
    explorer = compare_explorer(seed)
    assert explorer.references(explorer.target) == [ENGLISH]
    assert (explorer.target, explorer.reference) == ("(whole corpus)", "english")
    assert_frame_equal(explorer.table, keyness(seed, reference="english"))
    assert "; 18 not compared, as wordfreq reads them as other words or pools them (armenia-azerbaijan, " in (
        explorer.summary()
    )


def test_the_reference_dropdown_shows_labels_and_sets_values(inaugural, lincoln):
    explorer = compare_explorer(inaugural, by="president", target="Lincoln", reference="Washington")
    explorer.widget  # noqa: B018
    assert list(explorer.reference_box.options)[-2:] == [REST, ENGLISH]
    explorer.reference_box.value = REST
    assert explorer.reference is None
    assert_frame_equal(explorer.table, keyness(inaugural, by="president", target="Lincoln"))
    explorer.reference_box.value = ENGLISH
    assert explorer.reference == "english"
    assert_frame_equal(explorer.table, keyness(lincoln, reference="english"))
    explorer.target_box.value = "Obama"  # a new target keeps the reference
    assert (explorer.target, explorer.reference) == ("Obama", "english")
    assert "president = Obama compared with (general English)" in explorer.status.value


def test_picking_a_keyword_calls_the_listeners(inaugural):
    explorer = compare_explorer(inaugural, by="president", target="Lincoln")
    heard: list[str] = []
    explorer.listeners.append(heard.append)
    explorer.widget  # noqa: B018
    keyword = explorer.keyword_picker.options[0][1]
    assert keyword == explorer.table["term"].iloc[0]
    explorer.keyword_picker.value = keyword
    assert heard == [keyword]


def test_wrong_references_are_refused_with_the_choices(inaugural):
    with pytest.raises(ValueError, match=r"cannot compare 'Lincoln' with 'Lincon'.*one of the groups \['Adams'"):
        compare_explorer(inaugural, by="president", target="Lincoln", reference="Lincon")
    with pytest.raises(ValueError, match="with itself"):
        compare_explorer(inaugural, by="president", target="Lincoln", reference="Lincoln")
    with pytest.raises(ValueError, match="no group 'Lincon'"):
        compare_explorer(inaugural, by="president", target="Lincon")
    with pytest.raises(ValueError, match="no field 'party'"):
        compare_explorer(inaugural, by="party")


def test_group_names_and_terms_are_escaped():
    corpus = pd.DataFrame(
        {"doc_id": ["a", "b"], "side": ["<script>x</script>", "<b>y</b>"], "text": ["war war peace", "peace talks"]}
    )
    explorer = compare_explorer(corpus, by="side", target="<script>x</script>", reference="<b>y</b>", n=1)
    page = explorer.to_html()
    assert "<script>" not in page and "<b>" not in page
    assert "side = &lt;script&gt;x&lt;/script&gt; compared with &lt;b&gt;y&lt;/b&gt;" in page
    explorer.widget  # noqa: B018
    assert "<script>" not in explorer.status.value + explorer.table_html.value
    assert f"showing 1 of {len(explorer.table):,} rows" in page


# --------------------------------------------------------------------------- the old forms


def test_a_positional_by_still_works_and_warns(inaugural):
    with pytest.warns(DeprecationWarning, match=r"compare_explorer\(corpus, by\) is deprecated"):
        old = compare_explorer(inaugural, "president", target="Lincoln", reference="Washington")
    new = compare_explorer(inaugural, by="president", target="Lincoln", reference="Washington")
    assert_frame_equal(old.table, new.table)
    with pytest.raises(TypeError, match="keyword arguments only"):
        compare_explorer(inaugural, "president", by="president")
    with pytest.warns(DeprecationWarning, match=r"CompareExplorer\(corpus, by\) is deprecated"):
        assert CompareExplorer(inaugural, "president", target="Lincoln").by == "president"


def test_the_old_display_labels_as_references_still_work_and_warn(inaugural):
    with pytest.warns(DeprecationWarning, match=r'reference="\(the rest\)" is deprecated; use reference=None'):
        explorer = compare_explorer(inaugural, by="president", target="Lincoln", reference=REST)
    assert explorer.reference is None
    with pytest.warns(DeprecationWarning, match='use reference="english"'):
        explorer.set_groups("Lincoln", ENGLISH)
    assert explorer.reference == "english"
