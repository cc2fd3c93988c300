"""Analyses over counts and tokens: keyness, KWIC, collocates, dispersion, diversity, trends, tf-idf, ..."""
