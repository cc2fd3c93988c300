"""Metadata from file names: a name template such as ``"{year}-{president}"`` compiled into a regex."""

from __future__ import annotations

import re

from toolkit.corpus.document import CorpusError
from toolkit.deprecation import warn_deprecated


def name_template_regex(name_template: str) -> re.Pattern[str]:
    """Compile a file-name template such as ``"{year}-{president}"`` into a regex.

    Each ``{field}`` matches one or more characters (as few as the rest of the
    template allows); the text between fields must appear as written.

    Parameters
    ----------
    name_template : str
        Text with ``{field}`` placeholders (names are Python identifiers).

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
    """
    parts = re.split(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", name_template)
    if len(parts) == 1:
        raise CorpusError(f"name template {name_template!r} has no {{field}}; e.g. '{{year}}-{{president}}'")
    regex = ""
    for i, part in enumerate(parts):
        if i % 2:
            if f"(?P<{part}>" in regex:
                raise CorpusError(f"name template {name_template!r} names field {part!r} twice")
            regex += f"(?P<{part}>.+?)"
        else:
            regex += re.escape(part)
    return re.compile(regex)


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
