"""Tokens: options, tokenisers (treebank, regexp, ...), the normalising pipeline and the persistent cache.

Until 0.3 ``toolkit.tokens`` was one module; its names (``TokenOptions``, ``split_tokens``, ...) still
resolve here for one version, with a ``DeprecationWarning`` naming the module they live in now.
"""

from toolkit.deprecation import moved_names

__getattr__ = moved_names(
    "toolkit.tokens", ["toolkit.tokens.options", "toolkit.tokens.pipeline", "toolkit.tokens.regexp"]
)
