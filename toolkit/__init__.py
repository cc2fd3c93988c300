"""Corpus notebook toolkit: load, clean, tokenise, count and analyse news corpora.

Names load their module on first use (PEP 562), so ``python -m toolkit`` and
worker processes import only what they use: counting with the regexp tokeniser
never loads NLTK, pandas or matplotlib until it must.
"""

import sys
import types
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for type checkers and editors; at run time names load lazily
    from toolkit.cleaning import DEFAULT_RULES, CleaningRule, clean_audit, clean_text
    from toolkit.concordance import collocates, collocations, kwic
    from toolkit.counting import count_terms, save_table, top_terms
    from toolkit.dispersion import dispersion, dispersion_positions
    from toolkit.diversity import lexical_diversity, vocabulary_growth, zipf
    from toolkit.documents import (
        DocumentTermMatrix,
        add_tf_idf,
        distinctive_terms,
        document_term_matrix,
        find_duplicates,
        remove_duplicates,
    )
    from toolkit.explain import explain
    from toolkit.keyness import keyness
    from toolkit.loading import CorpusError, Document, iter_documents, load_corpus, load_report
    from toolkit.loadreport import LoadEntry, LoadReport
    from toolkit.tokens import TOKENIZERS, TokenOptions, describe_options, tokenize
    from toolkit.trends import trends

#: Public name -> module that defines it.
_WHERE = {
    "DEFAULT_RULES": "toolkit.cleaning",
    "CleaningRule": "toolkit.cleaning",
    "clean_audit": "toolkit.cleaning",
    "clean_text": "toolkit.cleaning",
    "collocates": "toolkit.concordance",
    "collocations": "toolkit.concordance",
    "kwic": "toolkit.concordance",
    "count_terms": "toolkit.counting",
    "save_table": "toolkit.counting",
    "top_terms": "toolkit.counting",
    "dispersion": "toolkit.dispersion",
    "dispersion_positions": "toolkit.dispersion",
    "lexical_diversity": "toolkit.diversity",
    "vocabulary_growth": "toolkit.diversity",
    "zipf": "toolkit.diversity",
    "DocumentTermMatrix": "toolkit.documents",
    "add_tf_idf": "toolkit.documents",
    "distinctive_terms": "toolkit.documents",
    "document_term_matrix": "toolkit.documents",
    "find_duplicates": "toolkit.documents",
    "remove_duplicates": "toolkit.documents",
    "explain": "toolkit.explain",
    "keyness": "toolkit.keyness",
    "CorpusError": "toolkit.loading",
    "Document": "toolkit.loading",
    "iter_documents": "toolkit.loading",
    "load_corpus": "toolkit.loading",
    "load_report": "toolkit.loading",
    "LoadEntry": "toolkit.loadreport",
    "LoadReport": "toolkit.loadreport",
    "TOKENIZERS": "toolkit.tokens",
    "TokenOptions": "toolkit.tokens",
    "describe_options": "toolkit.tokens",
    "tokenize": "toolkit.tokens",
    "trends": "toolkit.trends",
}

__version__ = "0.2.0"

_PLOTS = {
    "plot_collocates",
    "plot_dispersion",
    "plot_heatmap",
    "plot_keyness",
    "plot_top_terms",
    "plot_trends",
    "plot_wordcloud",
    "plot_zipf",
}

_EXPLORE = {"compare_explorer", "document_viewer", "explore", "word_explorer"}

__all__ = [
    "DEFAULT_RULES",
    "TOKENIZERS",
    "CleaningRule",
    "CorpusError",
    "Document",
    "DocumentTermMatrix",
    "LoadEntry",
    "LoadReport",
    "TokenOptions",
    "add_tf_idf",
    "clean_audit",
    "clean_text",
    "collocates",
    "collocations",
    "count_terms",
    "describe_options",
    "dispersion",
    "dispersion_positions",
    "distinctive_terms",
    "document_term_matrix",
    "explain",
    "find_duplicates",
    "iter_documents",
    "keyness",
    "kwic",
    "lexical_diversity",
    "load_corpus",
    "load_report",
    "remove_duplicates",
    "save_table",
    "tokenize",
    "top_terms",
    "trends",
    "vocabulary_growth",
    "zipf",
    *sorted(_PLOTS),
    *sorted(_EXPLORE),
]


def __getattr__(name: str) -> object:
    # figures and explorers (matplotlib, ipywidgets) load on first use too
    module = "toolkit.plots" if name in _PLOTS else "toolkit.explorers" if name in _EXPLORE else _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # the next lookup is an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """The package: a submodule named like its function (``toolkit.keyness``) never hides the function."""

    def __setattr__(self, name: str, value: object) -> None:
        # Importing toolkit.keyness sets the attribute "keyness" to the module; the eager
        # ``from toolkit.keyness import keyness`` this package once ran then put the function back.
        if name in _WHERE and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
