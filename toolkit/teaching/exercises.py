"""What exercise notebooks import: ``from toolkit.teaching.exercises import check, practice_corpus``.

The one module students import from, whatever modules the code behind it
lives in: :func:`check` (from :mod:`toolkit.teaching.checks`, judged by
:mod:`toolkit.teaching.judges`), and what the exercises practise on (from
:mod:`toolkit.teaching.practice`). The student build is in
:mod:`toolkit.teaching.student`.

Examples
--------
>>> check("ex7.1", 0.55)
ex7.1: correct.
'correct'
>>> SENTENCE.split()[:2]
["Armenia's", 'foreign']
"""

from __future__ import annotations

from toolkit.teaching.checks import check
from toolkit.teaching.practice import DICE_COUNTS, KEYNESS_TABLE, SENTENCE, practice_corpus, practice_folder

__all__ = ["DICE_COUNTS", "KEYNESS_TABLE", "SENTENCE", "check", "practice_corpus", "practice_folder"]
