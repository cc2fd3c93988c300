"""toolkit.counting.launch: what the command line settles before counting, without loading the counting itself."""

from __future__ import annotations

import subprocess
import sys

from toolkit.counting.launch import applies
from toolkit.paths import PROJECT_ROOT
from toolkit.tokens.options import TokenOptions


def test_the_bulk_engine_counts_regexp_words_unstemmed():
    assert applies(TokenOptions(tokenizer="regexp"), 1) and not applies(TokenOptions(tokenizer="regexp"), 2)
    assert not applies(TokenOptions(tokenizer="regexp", stem=True), 1) and not applies(TokenOptions(), 1)


def test_launching_imports_neither_the_counting_nor_polars():
    # The fork server starts sooner when the command line need not load the counting modules to start it.
    probe = (
        "import sys; import toolkit.counting.launch as launch; launch.lean_allocator(); "
        "print(sorted(m for m in ('polars', 'regex', 'nltk', 'pandas', 'toolkit.counting.bulk', "
        "'toolkit.counting.workers', 'toolkit.corpus.smallfiles', 'multiprocessing') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=PROJECT_ROOT, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]", result.stdout
    assert result.stderr == ""
