"""Corpus access: decoding, document sources, name templates, loading, the load report, cleaning and NLTK data."""
