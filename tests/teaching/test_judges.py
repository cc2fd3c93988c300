"""The registry of every exercise: complete, ordered, with staged hints that never give the answer first.

Each exercise's verdict matrix lives beside its judges: ``test_judges_text.py``
(exercises 1 to 4) and ``test_judges_analysis.py`` (5 to 8).
"""

from __future__ import annotations

import re

from toolkit.teaching import judges
from toolkit.teaching.judges import EXERCISES


def test_every_notebook_has_checks_and_every_exercise_a_task_three_hints_and_a_judge():
    assert {exercise_id[2] for exercise_id in EXERCISES} == set("12345678")
    for exercise_id, exercise in EXERCISES.items():
        assert re.fullmatch(r"ex\d\.\d", exercise_id) and exercise.id == exercise_id
        assert exercise.task.endswith((".", "?")) and callable(exercise.judge)
        idea, function, call = exercise.hints
        assert len({idea, function, call}) == 3, exercise_id  # three stages, each saying more
        assert not re.search(r"\w\(", idea), (exercise_id, idea)  # the first hint is the idea, never a call


def test_importing_the_registry_registers_both_halves():
    assert judges.judges_text.__name__.endswith("judges_text")
    assert {m.__name__.rsplit(".", 1)[1] for m in (judges.judges_text, judges.judges_analysis)} == {
        "judges_text",
        "judges_analysis",
    }
    owners = {EXERCISES[e].judge.__module__.rsplit(".", 1)[1] for e in EXERCISES if e < "ex5"}
    assert owners == {"judges_text"}
