"""Report processes start warm: papermill without the grammar that jsonschema's optional IRI check compiles."""

from __future__ import annotations

import json
import subprocess
import sys

from toolkit.reports.parameters import list_notebooks


def _python(code: str) -> dict:
    """Run ``code`` in a fresh interpreter (imports are per process) and return the JSON it prints."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr == ""
    return json.loads(done.stdout)


def test_papermill_comes_without_the_unused_grammar_and_still_validates_notebooks():
    paths = [str(path) for path in list_notebooks().values()]
    seen = _python(
        "import json, sys\n"
        "from toolkit.reports.warm import import_papermill\n"
        "papermill = import_papermill()\n"
        "import jsonschema, nbformat\n"
        f"for path in {paths!r}:\n"
        "    nbformat.validate(nbformat.read(path, as_version=4))\n"
        "broken = nbformat.v4.new_notebook()\n"
        "broken.cells.append({'cell_type': 'code', 'id': 'a', 'source': 1, 'metadata': {}, 'outputs': []})\n"
        "try:\n"
        "    nbformat.validate(broken)\n"
        "    caught = False\n"
        "except nbformat.ValidationError:\n"
        "    caught = True\n"
        "checker = jsonschema.FormatChecker()\n"
        "print(json.dumps({'grammar': sys.modules['rfc3987_syntax'] is not None, 'caught': caught,\n"
        "    'params': sorted(papermill.inspect_notebook(" + repr(paths[0]) + ")),\n"
        "    'email': checker.conforms('talks@example.org', 'email'), 'iri': 'iri' in checker.checkers}))\n"
    )
    assert seen["grammar"] is False  # the 0.9 s import is skipped
    assert seen["caught"] is True  # notebooks are validated as before
    assert "corpus" in seen["params"]  # papermill reads parameters
    assert seen["email"] is True and seen["iri"] is False  # other formats are checked; only IRI goes


def test_a_process_that_already_has_the_grammar_keeps_it():
    seen = _python(
        "import json, sys, rfc3987_syntax\n"
        "from toolkit.reports.warm import import_papermill\n"
        "import_papermill()\n"
        "import jsonschema\n"
        "print(json.dumps({'grammar': sys.modules['rfc3987_syntax'] is rfc3987_syntax,\n"
        "    'iri': 'iri' in jsonschema.FormatChecker().checkers}))\n"
    )
    assert seen == {"grammar": True, "iri": True}
