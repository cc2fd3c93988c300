"""The ``regexp`` tokeniser: ``\\w+(?:[-'’]\\w+)*``, as :class:`nltk.tokenize.RegexpTokenizer` finds it.

The bulk counting engine (:mod:`toolkit.counting.bulk`) reproduces exactly
these tokens in polars; both take the pattern from here.
"""

from __future__ import annotations

import regex

#: The ``regexp`` tokeniser's pattern and flags (those of ``nltk.RegexpTokenizer``).
PATTERN = r"\w+(?:[-'’]\w+)*"
FLAGS = regex.UNICODE | regex.MULTILINE | regex.DOTALL
#: Characters that join two runs of word characters into one token.
JOINERS = "-'’"

_FIND = regex.compile(PATTERN, FLAGS).findall


def find_tokens(text: str) -> list[str]:
    """Split text as the ``regexp`` tokeniser does: ``regex.findall`` with NLTK's flags, without its timeout.

    The pattern is ours and runs in linear time, so the ReDoS guard that NLTK
    puts around caller-supplied patterns is not needed.

    Examples
    --------
    >>> find_tokens("Armenia-Azerbaijan talks -- isn't it?")
    ['Armenia-Azerbaijan', 'talks', "isn't", 'it']
    """
    return _FIND(text)
