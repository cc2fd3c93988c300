"""Deprecated since 0.3: ``toolkit.exercises`` became :mod:`toolkit.teaching.exercises` and its neighbours.

Student notebooks built with 0.2 (``from toolkit.exercises import check``) keep working for one
version, with a ``DeprecationWarning`` naming the new module of each name.
"""

from toolkit.deprecation import moved_names

__getattr__ = moved_names(
    "toolkit.exercises",
    [f"toolkit.teaching.{m}" for m in ("exercises", "checks", "judges", "practice", "student")],
)
