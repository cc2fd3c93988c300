"""What the fork server of tokenising workers imports once, before it forks them: NLTK's tokenisers.

``import nltk`` runs NLTK's whole ``__init__``, which imports scipy.stats (for one
association measure) and scikit-learn (for one classifier wrapper) when they are
installed: 1.5 s a process here, against 0.4 s without them. Both imports are
guarded by NLTK (``except ImportError``), and a counting worker uses neither, so
this module, imported only by the fork server (a process of ours, never a
user's session), imports NLTK while they are hidden and then lets them be
imported again normally. Every worker forked after that starts with NLTK loaded.
"""

import sys

import toolkit.counting.forkserver  # noqa: F401  # polars set up as for the bulk workers, whichever counts

_HIDDEN = [name for name in ("scipy", "sklearn") if name not in sys.modules]
for _name in _HIDDEN:
    sys.modules[_name] = None  # type: ignore[assignment]  # "import scipy" now raises ImportError
try:
    import toolkit.tokens.treebank  # noqa: F401
finally:
    for _name in _HIDDEN:
        del sys.modules[_name]
