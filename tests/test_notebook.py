"""``toolkit.notebook`` (0.2) still gives its names for one version, each with a warning naming its new home."""

from __future__ import annotations

import subprocess
import sys

import pytest

from toolkit.paths import PROJECT_ROOT
from toolkit.reports.notebook import open_corpus
from toolkit.views.display import show


def test_a_0_2_notebook_import_still_works_and_says_where_each_name_went():
    import toolkit.notebook as old

    with pytest.warns(DeprecationWarning, match=r"^toolkit\.notebook\.open_corpus is deprecated; use toolkit\.reports"):
        assert old.open_corpus is open_corpus
    with pytest.warns(DeprecationWarning, match=r"^toolkit\.notebook\.show is deprecated; use toolkit\.views\.display"):
        assert old.show is show
    with pytest.raises(ImportError):
        from toolkit.notebook import no_such_helper  # noqa: F401


def test_the_warning_points_at_the_notebook_line_that_imports():
    code = "import warnings; warnings.simplefilter('default')\nfrom toolkit.notebook import say\nsay('hello')\n"
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert done.stdout == "hello\n"
    assert done.stderr.startswith("<string>:2: DeprecationWarning: toolkit.notebook.say is deprecated")
