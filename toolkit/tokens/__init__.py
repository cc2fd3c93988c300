"""Tokens: options, tokenisers (treebank, regexp, ...), the normalising pipeline and the persistent cache."""
