"""Progress bars: none outside a kernel or a terminal, none when switched off, a tqdm bar when asked."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from toolkit.paths import PROJECT_ROOT
from toolkit.progress import PROGRESS_ENV, in_notebook, progress, widgets_available

PROBE = (
    "import sys; from toolkit.progress import progress; items = list(progress(range(3), desc='x')); "
    "print(items == [0, 1, 2], sys.stderr.isatty(), 'tqdm' in sys.modules)"
)


def test_outside_a_kernel_there_is_no_notebook_and_no_widgets():
    assert in_notebook() is False
    assert widgets_available() is False


def test_the_bar_is_silent_when_disabled_and_drawn_when_asked(capsys):
    assert list(progress(iter("abc"), desc="loading", enabled=False)) == ["a", "b", "c"]
    assert capsys.readouterr().err == ""
    assert list(progress(range(5), desc="loading", enabled=None)) == list(range(5))  # pytest's stderr: no TTY
    assert capsys.readouterr().err == ""
    assert list(progress(range(5), desc="counting", enabled=True, unit=" files")) == list(range(5))
    bar = capsys.readouterr().err
    assert bar.startswith("\rcounting:   0%|") and "0/5 [00:00<?, ? files/s]" in bar  # tqdm's bar, then cleared


def _probe(stderr_tty: bool, progress_env: str) -> str:
    """Run PROBE in a fresh process, its stderr a terminal (a pty) or a pipe; return what it prints."""
    environment = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), PROGRESS_ENV: progress_env}
    if not stderr_tty:
        done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=environment)
        return done.stdout.strip()
    main, secondary = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-c", PROBE], stdout=subprocess.PIPE, stderr=secondary, text=True, env=environment
        )
    finally:
        os.close(secondary)
        os.close(main)
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("stderr_tty", "progress_env", "expected"),
    [
        (True, "", "True True True"),  # a terminal: tqdm is loaded, to show a bar after two seconds
        (True, "0", "True True False"),  # the report runner's kernels set TOOLKIT_PROGRESS=0: never
        (False, "", "True False False"),  # a pipe: never, and tqdm is not even imported
    ],
)
def test_where_a_bar_may_appear(stderr_tty: bool, progress_env: str, expected: str):
    assert _probe(stderr_tty, progress_env) == expected


def test_the_bar_label_shows_control_characters_escaped(capsys):
    """A corpus path typed or globbed with ESC in it cannot clear the screen through the bar's label."""
    assert list(progress(range(2), desc="reading clear\x1b[2J\nfake", enabled=True)) == [0, 1]
    bar = capsys.readouterr().err
    assert "\x1b[2J" not in bar and "\nfake" not in bar and "reading clear\\x1b[2J\\nfake:" in bar
