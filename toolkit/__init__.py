"""Corpus notebook toolkit: load, clean, tokenise, count and analyse news corpora."""

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
    # Figures load matplotlib and seaborn on first use, so the command line starts fast.
    if name in _PLOTS:
        from toolkit import plots

        return getattr(plots, name)
    if name in _EXPLORE:  # widgets and figures load on first use too
        from toolkit import explorers

        return getattr(explorers, name)
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
