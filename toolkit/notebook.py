"""Deprecated since 0.3: ``toolkit.notebook`` became :mod:`toolkit.reports.notebook` and :mod:`toolkit.views.display`.

Notebooks written for 0.2 (``from toolkit.notebook import open_corpus, show``) keep working for one
version, with a ``DeprecationWarning`` naming the new module of each name.
"""

from toolkit.deprecation import moved_names

__getattr__ = moved_names("toolkit.notebook", ["toolkit.reports.notebook", "toolkit.views.display", "toolkit.progress"])
