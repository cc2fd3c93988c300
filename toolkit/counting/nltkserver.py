"""What the fork server of tokenising workers imports once, before it forks them: NLTK's tokenisers.

``import nltk`` runs NLTK's whole ``__init__``, which imports scipy.stats (for one
association measure) and scikit-learn (for one classifier wrapper) when they are
installed: 1.5 s a process here, against 0.4 s without them; and numpy (for its
clusterers, an alignment metric and TextTiling): 0.19 s against 0.14 s (NLTK and
the faithful treebank tokeniser, five runs each). These imports are guarded by
NLTK (``except ImportError``), and a counting worker uses none of them, so
this module, imported only by the fork server (a process of ours, never a
user's session), imports NLTK while they are hidden and then lets them be
imported again normally. Every worker forked after that starts with NLTK loaded,
and with what runs its batches (:func:`toolkit.counting.local.count_batch`).

The server does not load polars, which a tokenising worker never uses: the
server answers sooner (0.08 s of its 0.3 s of imports were polars'), and the
workers start counting that much sooner. A bulk count's worker forked later by
this server (the server a command starts first forks all its counts' workers)
loads polars itself, set up by :func:`~toolkit.counting.launch.server_settings`
as the bulk fork server's are.
"""

import sys

from toolkit.counting.launch import server_settings

server_settings()

import toolkit.counting.local  # noqa: E402, F401  # count_batch, what the workers run (loads neither NLTK nor numpy)

_HIDDEN = [name for name in ("scipy", "sklearn", "numpy") if name not in sys.modules]
for _name in _HIDDEN:
    sys.modules[_name] = None  # type: ignore[assignment]  # "import numpy" now raises ImportError
try:
    import toolkit.tokens.treebank  # noqa: F401
finally:
    for _name in _HIDDEN:
        del sys.modules[_name]
