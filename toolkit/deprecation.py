"""Renamed public names keep working for one version, with a ``DeprecationWarning`` that names the new one.

Examples
--------
>>> import warnings
>>> @renamed_keywords(node="pattern")
... def collocates(corpus, pattern=""):
...     return pattern
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     collocates(None, node="economy")
'economy'
>>> str(caught[0].message)
'collocates(node=...) is deprecated; use pattern=... (collocates(node=...) will be removed in the next version)'
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import warnings
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def warn_deprecated(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn that ``old`` is deprecated in favour of ``new``.

    Parameters
    ----------
    old, new : str
        The old and the new spelling, as users write them (``"term_counts()"``).
    stacklevel : int, default=3
        Frames up to the line the warning names: 3 is the caller of the
        function that calls this one.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_deprecated("term_counts()", "TermCounts.from_corpus()")
    >>> caught[0].category.__name__
    'DeprecationWarning'
    """
    warnings.warn(
        f"{old} is deprecated; use {new} ({old} will be removed in the next version)",
        DeprecationWarning,
        stacklevel=stacklevel,
    )


def renamed_keywords(**renames: str) -> Callable[[F], F]:
    """Decorate a function whose keyword arguments were renamed: ``old=`` still works, and warns.

    Parameters
    ----------
    **renames : str
        Old keyword name -> new keyword name.

    Returns
    -------
    callable
        A decorator; giving both the old and the new name raises ``TypeError``.

    Examples
    --------
    >>> @renamed_keywords(measure="sort_by")
    ... def plot(table, *, sort_by="g2"):
    ...     return sort_by
    >>> plot(None, sort_by="log_ratio")
    'log_ratio'
    """

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for old, new in renames.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(f"{func.__name__}() got both {old}= (deprecated) and {new}=; give {new}= only")
                    warn_deprecated(f"{func.__name__}({old}=...)", f"{new}=...")
                    kwargs[new] = kwargs.pop(old)
            return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def _is_submodule(package: str, name: str) -> bool:
    try:
        return importlib.util.find_spec(f"{package}.{name}") is not None
    except ModuleNotFoundError:  # ``package`` is a plain module
        return False


def moved_names(old: str, modules: Sequence[str]) -> Callable[[str], Any]:
    """Return a module ``__getattr__`` for a module whose names moved: found in ``modules``, with a warning.

    Parameters
    ----------
    old : str
        The module the names used to live in, e.g. ``"toolkit.notebook"``.
    modules : sequence of str
        Where they live now, searched in order.

    Returns
    -------
    callable
        ``__getattr__(name)``: the moved object (after a ``DeprecationWarning`` naming its new module), or
        ``AttributeError`` for a name that never lived there.

    Examples
    --------
    >>> import warnings
    >>> lookup = moved_names("toolkit.tablesold", ["toolkit.tables"])
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     lookup("save_table").__module__
    'toolkit.tables'
    >>> str(caught[0].message).split(";")[0]
    'toolkit.tablesold.save_table is deprecated'
    """

    def lookup(name: str) -> Any:
        if not name.startswith("__") and not _is_submodule(old, name):  # a submodule: the import system loads it
            for module in modules:
                found = importlib.import_module(module)
                if hasattr(found, name):
                    warn_deprecated(f"{old}.{name}", f"{module}.{name}")
                    return getattr(found, name)
        raise AttributeError(f"module {old!r} has no attribute {name!r}")

    return lookup
