"""Fixtures of the views tests: the project's seed article and an index of the inaugural addresses."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import load_corpus
from toolkit.analysis.termindex import TermIndex
from toolkit.paths import CORPUS_DIR


@pytest.fixture(scope="session")
def seed() -> pd.DataFrame:
    """The project corpus: one news article."""
    return load_corpus(CORPUS_DIR)


@pytest.fixture(scope="session")
def inaugural_index(inaugural) -> TermIndex:
    """The inaugural addresses tokenised once, grouped by president."""
    return TermIndex(inaugural, by="president")


@pytest.fixture
def hostile() -> pd.DataFrame:
    """A document whose id and text hold HTML and script."""
    text = "Peace <script>alert('x')</script> & talks about <b>peace</b>. Peace!"
    return pd.DataFrame({"doc_id": ["<img src=x onerror=alert(1)>.txt"], "text": [text]})
