"""toolkit.corpus.pagepreload: a fork server that imports it hands its workers trafilatura, quiet."""

from __future__ import annotations

import subprocess
import sys


def test_importing_it_loads_trafilatura_with_its_loggers_quiet():
    code = (
        "import logging, sys; import toolkit.corpus.pagepreload; "
        "print('trafilatura' in sys.modules, logging.getLogger('trafilatura').level, "
        "logging.getLogger('htmldate').level)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "50", "50"]
    assert result.stderr == ""
