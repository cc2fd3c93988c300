"""Renamed keywords and names keep working for one version, with a DeprecationWarning that names the new one."""

from __future__ import annotations

import warnings

import pytest

from toolkit.deprecation import renamed_keywords, warn_deprecated


@renamed_keywords(node="pattern", measure="sort_by")
def collocates(corpus: str, pattern: str = "", *, sort_by: str = "log_dice") -> tuple[str, str, str]:
    """Return what it was given (a stand-in with the real signature)."""
    return corpus, pattern, sort_by


def test_the_old_keyword_still_works_and_warns_at_the_callers_line():
    with pytest.warns(DeprecationWarning, match="is deprecated; use") as caught:
        assert collocates("news", node="economy") == ("news", "economy", "log_dice")
    (warning,) = caught
    assert str(warning.message) == (
        "collocates(node=...) is deprecated; use pattern=... (collocates(node=...) will be removed in the next version)"
    )
    assert warning.filename == __file__  # stacklevel: the line to change is the caller's


def test_new_keywords_and_positional_arguments_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert collocates("news", "economy", sort_by="mi") == ("news", "economy", "mi")
        assert collocates("news", pattern="economy") == ("news", "economy", "log_dice")
    assert collocates.__name__ == "collocates" and collocates.__doc__.startswith("Return what")


def test_two_renames_at_once_and_both_names_given_is_an_error():
    with pytest.warns(DeprecationWarning, match="is deprecated; use") as caught:
        assert collocates("news", node="war", measure="t_score") == ("news", "war", "t_score")
    assert len(caught) == 2
    with pytest.raises(
        TypeError, match=r"collocates\(\) got both node= \(deprecated\) and pattern=; give pattern= only"
    ):
        collocates("news", node="war", pattern="peace")


def test_warn_deprecated_names_old_and_new():
    def term_counts() -> None:
        warn_deprecated("term_counts()", "TermCounts.from_corpus()")

    with pytest.warns(
        DeprecationWarning, match=r"^term_counts\(\) is deprecated; use TermCounts.from_corpus\(\) "
    ) as caught:
        term_counts()
    assert caught[0].filename == __file__
