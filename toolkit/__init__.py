"""Corpus notebook toolkit: load, clean, tokenise and count news corpora."""

from toolkit.cleaning import DEFAULT_RULES, CleaningRule, clean_audit, clean_text
from toolkit.counting import count_terms, save_table, top_terms
from toolkit.loading import CorpusError, Document, iter_documents, load_corpus, load_report
from toolkit.loadreport import LoadEntry, LoadReport
from toolkit.tokens import TOKENIZERS, TokenOptions, describe_options, tokenize

__version__ = "0.1.0"
__all__ = [
    "DEFAULT_RULES",
    "TOKENIZERS",
    "CleaningRule",
    "CorpusError",
    "Document",
    "LoadEntry",
    "LoadReport",
    "TokenOptions",
    "clean_audit",
    "clean_text",
    "count_terms",
    "describe_options",
    "iter_documents",
    "load_corpus",
    "load_report",
    "save_table",
    "tokenize",
    "top_terms",
]
