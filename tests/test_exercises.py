"""``toolkit.exercises`` (0.2): student notebooks built then keep working for one version, with a warning."""

from __future__ import annotations

import pytest

from toolkit.teaching.exercises import check, practice_corpus


def test_a_0_2_student_notebook_import_still_checks_answers(capsys):
    with pytest.warns(DeprecationWarning, match=r"toolkit\.exercises\.check is deprecated; use toolkit\.teaching"):
        from toolkit.exercises import check as old_check
    with pytest.warns(DeprecationWarning, match=r"toolkit\.exercises\.practice_corpus is deprecated"):
        from toolkit.exercises import practice_corpus as old_practice
    assert old_check is check and old_practice is practice_corpus
    with pytest.warns(DeprecationWarning, match=r"toolkit\.exercises\.build_student is deprecated; use toolkit\.tea"):
        from toolkit.exercises import build_student  # noqa: F401
    with pytest.raises(ImportError):
        from toolkit.exercises import no_such_exercise  # noqa: F401
