"""Corpus access: decoding, document sources, loading, the load report, cleaning and NLTK data (the bottom layer)."""
