"""Metadata from file names: a name template such as ``"{year}-{president}"`` compiled into a regex.

A field written ``{name?}`` is optional: it and the literal text just before
it may be absent, so ``"{year}-{president}-{speech?}"`` reads
``1965-Johnson-1`` and ``1945-Truman`` alike, with the president ``Johnson``
and ``Truman`` (NLTK's ``state_union`` numbers a year's second address).
"""

from __future__ import annotations

import re

from toolkit.corpus.document import CorpusError
from toolkit.deprecation import warn_deprecated


def name_template_regex(name_template: str) -> re.Pattern[str]:
    """Compile a file-name template such as ``"{year}-{president}"`` into a regex.

    Each ``{field}`` matches one or more characters (as few as the rest of the
    template allows); the text between fields must appear as written. An
    optional field ``{field?}`` may be missing together with the text just
    before it; its value is then ``None``.

    Parameters
    ----------
    name_template : str
        Text with ``{field}`` placeholders (names are Python identifiers),
        ``{field?}`` for an optional one.

    Returns
    -------
    re.Pattern
        A pattern with one named group per field, to match the whole file name
        without its suffix (``fullmatch``).

    Raises
    ------
    CorpusError
        When the template names no field, or one field twice.

    Examples
    --------
    >>> name_template_regex("{year}-{president}").fullmatch("1789-Washington").groupdict()
    {'year': '1789', 'president': 'Washington'}
    >>> regex = name_template_regex("{year}-{president}-{speech?}")
    >>> regex.fullmatch("1965-Johnson-2").groupdict(), regex.fullmatch("1945-Truman").groupdict()
    ({'year': '1965', 'president': 'Johnson', 'speech': '2'}, {'year': '1945', 'president': 'Truman', 'speech': None})
    """
    parts = re.split(r"\{([A-Za-z_][A-Za-z0-9_]*\??)\}", name_template)
    if len(parts) == 1:
        raise CorpusError(f"name template {name_template!r} has no {{field}}; e.g. '{{year}}-{{president}}'")
    regex = ""
    for i, part in enumerate(parts):
        if i % 2 == 0:
            continue
        field, optional = part.removesuffix("?"), part.endswith("?")
        if f"(?P<{field}>" in regex:
            raise CorpusError(f"name template {name_template!r} names field {field!r} twice")
        before = re.escape(parts[i - 1])
        regex += f"(?:{before}(?P<{field}>.+?))?" if optional else f"{before}(?P<{field}>.+?)"
    return re.compile(regex + re.escape(parts[-1]))


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """Compile a file-name template; deprecated name of :func:`name_template_regex`.

    Parameters
    ----------
    pattern : str
        The file-name template.

    Returns
    -------
    re.Pattern

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     pattern_regex("{year}").fullmatch("1789")["year"]
    '1789'
    """
    warn_deprecated("pattern_regex()", "name_template_regex()")
    return name_template_regex(pattern)
