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


def test_old_module_paths_that_became_packages_still_give_their_names_with_a_warning():
    """toolkit.reports, toolkit.tokens and toolkit.counting were modules in 0.2; their names resolve for one version."""
    import toolkit.counting
    import toolkit.reports
    import toolkit.tokens
    from toolkit.counting.terms import count_terms
    from toolkit.reports.running import run_report
    from toolkit.tables import save_table
    from toolkit.tokens.options import TokenOptions
    from toolkit.tokens.pipeline import split_tokens

    expected = [
        (toolkit.reports, "run_report", run_report, "toolkit.reports.running.run_report"),
        (toolkit.tokens, "TokenOptions", TokenOptions, "toolkit.tokens.options.TokenOptions"),
        (toolkit.tokens, "split_tokens", split_tokens, "toolkit.tokens.pipeline.split_tokens"),
        (toolkit.counting, "count_terms", count_terms, "toolkit.counting.terms.count_terms"),
        (toolkit.counting, "save_table", save_table, "toolkit.tables.save_table"),
    ]
    for package, name, value, new in expected:
        with pytest.warns(DeprecationWarning, match=f"{package.__name__}.{name} is deprecated; use {new} "):
            assert getattr(package, name) is value
    with pytest.raises(AttributeError, match="has no attribute 'nothing_here'"):
        toolkit.reports.nothing_here  # noqa: B018
    from toolkit.tokens import pipeline  # a submodule still imports as a submodule, without a warning

    assert pipeline.__name__ == "toolkit.tokens.pipeline"
