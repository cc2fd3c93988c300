"""A notebook that imports the toolkit ends quietly under plain papermill: its kernel's last message goes out first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat

from toolkit.kernelexit import quiet_exit
from toolkit.paths import PROJECT_ROOT


def _run_plain_papermill(tmp_path: Path, code: str, name: str) -> tuple[list[str], str]:
    """Run a one-cell notebook with the ``papermill`` CLI, its kernel's control messages slowed; notes and stderr.

    The kernel loads ``tests/fixtures/kernelext/slow_control.py`` from an IPython
    profile (papermill has no flag for it): each message of the control thread
    reaches IOPub 0.3 s late, which makes certain the race that printed
    "Uncaught exception in ZMQStream callback" on a good run.
    """
    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    source = tmp_path / f"{name}.ipynb"
    nbformat.write(book, source)
    profile = tmp_path / f"ipython-{name}" / "profile_default"
    profile.mkdir(parents=True)
    (profile / "ipython_kernel_config.py").write_text('c.IPKernelApp.extensions = ["slow_control"]\n', "utf-8")
    notes = tmp_path / f"{name}.notes"
    env = {
        **os.environ,
        "IPYTHONDIR": str(profile.parent),
        "PYTHONPATH": str(PROJECT_ROOT / "tests" / "fixtures" / "kernelext"),
        "SLOW_CONTROL_NOTES": str(notes),
    }
    command = [
        sys.executable,
        "-m",
        "papermill",
        "--log-level",
        "WARNING",
        str(source),
        str(tmp_path / f"{name}-out.ipynb"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return notes.read_text().splitlines(), done.stderr


def test_a_notebook_that_imports_the_toolkit_sends_its_last_control_message_under_plain_papermill(tmp_path: Path):
    """Plain ``papermill`` shuts its kernel down with the stock kernel manager, not the report's: importing the
    toolkit registers the wait (before, the last message failed on a closed socket, as the notebook that does not
    import it shows, so this test can fail)."""
    plain_notes, _ = _run_plain_papermill(tmp_path, "x = 1", "plain")
    assert "Socket operation on non-socket" in plain_notes[-1], plain_notes
    notes, stderr = _run_plain_papermill(tmp_path, "from toolkit.reports.notebook import open_corpus", "toolkit")
    assert notes and set(notes) == {"sent"}, notes
    assert "Uncaught exception" not in stderr and "Traceback" not in stderr, stderr


def test_outside_a_kernel_the_toolkit_registers_nothing():
    """The command line and scripts import the toolkit too: no kernel, no exit handler, and IPython not loaded."""
    probe = "import sys, toolkit; print('IPython' in sys.modules, toolkit.kernelexit.quiet_exit())"
    done = subprocess.run([sys.executable, "-c", "import toolkit.kernelexit; " + probe], capture_output=True, text=True)
    assert done.stdout.split() == ["False", "False"], done.stderr
    assert quiet_exit(object()) is False
