"""Name templates: fields from file names, literal text between them, errors, and the old function name."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit import CorpusError, load_corpus, load_report
from toolkit.corpus.nametemplate import name_template_regex, pattern_regex


def test_name_template_fields_literal_text_and_errors():
    regex = name_template_regex("{year}.{outlet} (v{n})")
    assert regex.fullmatch("2024.Euronews (v2)").groupdict() == {"year": "2024", "outlet": "Euronews", "n": "2"}
    assert regex.fullmatch("2024-Euronews (v2)") is None  # the dot is a dot, not "any character"
    with pytest.raises(CorpusError, match=r"name template 'plain' has no \{field\}"):
        name_template_regex("plain")
    with pytest.raises(CorpusError, match=r"names field 'year' twice"):
        name_template_regex("{year}-{year}")
    with pytest.warns(DeprecationWarning, match=r"pattern_regex\(\) is deprecated; use name_template_regex\(\)"):
        assert pattern_regex("{year}-{n}").fullmatch("1789-1").groupdict() == {"year": "1789", "n": "1"}


def test_fields_are_as_short_as_the_rest_allows_and_a_mismatch_leaves_them_empty(tmp_path: Path):
    for name in ("1789-Washington.txt", "2009-Obama-second.txt", "undated.txt"):
        (tmp_path / name).write_text("Fellow citizens.", "utf-8")
    corpus = load_corpus(tmp_path, name_template="{year}-{president}").set_index("doc_id")
    assert corpus.loc["1789-Washington.txt", ["year", "president"]].tolist() == ["1789", "Washington"]
    assert corpus.loc["2009-Obama-second.txt", ["year", "president"]].tolist() == ["2009", "Obama-second"]
    assert corpus.loc["undated.txt", ["year", "president"]].tolist() == [None, None]
    (note,) = [e for e in load_report(corpus).entries if e.status == "note"]
    assert note.path == "undated.txt"


def test_an_optional_field_may_be_missing_with_the_text_before_it(tmp_path: Path):
    regex = name_template_regex("{year}-{president}-{speech?}")
    assert regex.fullmatch("1965-Johnson-2").groupdict() == {"year": "1965", "president": "Johnson", "speech": "2"}
    assert regex.fullmatch("2001-GWBush-1")["president"] == "GWBush"
    assert regex.fullmatch("1945-Truman").groupdict() == {"year": "1945", "president": "Truman", "speech": None}
    assert regex.fullmatch("1945") is None  # a required field stays required
    assert name_template_regex("{n}[{x}]").fullmatch("1[a]").groupdict() == {"n": "1", "x": "a"}  # brackets are text
    with pytest.raises(CorpusError, match=r"names field 'year' twice"):
        name_template_regex("{year}-{year?}")
    for name in ("1964-Johnson.txt", "1965-Johnson-1.txt", "1965-Johnson-2.txt", "1945-Truman.txt"):
        (tmp_path / name).write_text("My fellow Americans.", "utf-8")
    corpus = load_corpus(tmp_path, name_template="{year}-{president}-{speech?}")
    assert corpus.groupby("president")["doc_id"].count().to_dict() == {"Johnson": 3, "Truman": 1}
    assert corpus.columns.tolist()[-3:] == ["year", "president", "speech"]
