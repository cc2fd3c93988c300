"""Every exercise's judge, registered: the registry :func:`~toolkit.teaching.checks.check` reads.

The judges live by notebook: :mod:`toolkit.teaching.judges_text` (exercises 1
to 4) and :mod:`toolkit.teaching.judges_analysis` (5 to 8); the registry and
what they share, in :mod:`toolkit.teaching.registry`. Importing this module
registers them all.

Examples
--------
>>> EXERCISES["ex4.2"].judge("t_score")[0]
'not yet'
>>> sorted(EXERCISES)[:3]
['ex1.1', 'ex1.2', 'ex1.3']
"""

from __future__ import annotations

from toolkit.teaching import judges_analysis, judges_text
from toolkit.teaching.registry import CORRECT, EXERCISES, NOT_YET, PARTLY, Exercise

__all__ = ["CORRECT", "EXERCISES", "NOT_YET", "PARTLY", "Exercise", "judges_analysis", "judges_text"]
