"""The fork server of report workers imports what a run needs, once."""

from __future__ import annotations

import json
import subprocess
import sys


def test_importing_the_preload_warms_the_process_up():
    code = (
        "import json, sys\n"
        "before = {name for name in ('papermill', 'nbconvert', 'xlsxwriter') if name in sys.modules}\n"
        "import toolkit.reports.preload\n"
        "after = {name for name in ('papermill', 'nbconvert', 'xlsxwriter') if name in sys.modules}\n"
        "print(json.dumps([sorted(before), sorted(after), sys.modules.get('rfc3987_syntax', 'absent') is None]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == [[], ["nbconvert", "papermill", "xlsxwriter"], True]
    assert done.stderr == ""
