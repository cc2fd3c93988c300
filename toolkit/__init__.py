"""Corpus notebook toolkit: load, clean, tokenise, count and analyse news corpora.

The public API is declared once, in ``__init__.pyi``; lazy-loader reads it and
imports each name's module on first use, so ``python -m toolkit`` and worker
processes import only what they use (counting with the regexp tokeniser never
loads NLTK, pandas or matplotlib until it must).

The package is layered; a layer imports only from the layers below it
(``lint-imports`` checks this, see ``pyproject.toml``)::

    cli | exercises | notebook          the command line; two 0.2 module names kept one version
    teaching                            exercises, checks, the student build
    reports                             notebook helpers, report runner, rendering
    views                               display, plots, explorers
    analysis                            keyness, KWIC, collocates, dispersion, ...
    counting                            count tables and their engines
    tokens                              options, tokenisers, pipeline, cache
    corpus                              decoding, sources, loading, cleaning
    deprecation | kernelexit | paths | progress | stats | tables   leaves: they import no other toolkit module
"""

import sys

import lazy_loader

__version__ = "0.3.0"

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)

if "ipykernel" in sys.modules:  # imported in a Jupyter kernel (JupyterLab, papermill): its end made quiet
    from toolkit.kernelexit import quiet_exit

    quiet_exit()
