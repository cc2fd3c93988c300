"""An nbgrader course folder for the exercise notebooks: ``python -m toolkit exercises nbgrader COURSE``.

The exercise notebooks carry nbgrader's cell metadata (solution cells, locked
check cells worth a point with hidden tests), so nbgrader releases and
autogrades them as they are. Teaching notes are markdown cells tagged
``instructor`` without nbgrader metadata, which nbgrader alone would release;
the ``nbgrader_config.py`` that :func:`write_course` writes puts nbconvert's
``TagRemovePreprocessor`` first among ``GenerateAssignment``'s preprocessors,
so ``nbgrader generate_assignment`` drops them (the source notebooks keep
them, for the instructor).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from toolkit.teaching.student import EXERCISES_DIR, INSTRUCTOR_TAG

#: The configuration written to the course folder (nbgrader reads ``nbgrader_config.py`` from its current folder).
NBGRADER_CONFIG = f'''"""nbgrader settings for the toolkit's exercises (from: python -m toolkit exercises nbgrader)."""

from nbconvert.preprocessors import TagRemovePreprocessor
from nbgrader.converters import GenerateAssignment

c = get_config()  # noqa: F821 (nbgrader defines it)

# The release drops teaching notes: markdown cells tagged "{INSTRUCTOR_TAG}" (no nbgrader metadata of their own).
c.GenerateAssignment.preprocessors = [
    TagRemovePreprocessor,
    *GenerateAssignment.class_traits()["preprocessors"].default(),
]
c.TagRemovePreprocessor.enabled = True
c.TagRemovePreprocessor.remove_cell_tags = {{"{INSTRUCTOR_TAG}"}}
'''


def write_course(
    course: Path | str, assignment: str = "exercises", *, source: Path = EXERCISES_DIR, force: bool = False
) -> list[Path]:
    """Set up an nbgrader course folder: ``nbgrader_config.py`` and ``source/ASSIGNMENT/*.ipynb``.

    Then, in ``course``: ``nbgrader generate_assignment ASSIGNMENT`` writes
    ``release/`` (no solution, no hidden test, no teaching note), and after
    students' work lands in ``submitted/STUDENT/ASSIGNMENT/``,
    ``nbgrader autograde ASSIGNMENT`` scores it.

    Parameters
    ----------
    course : Path or str
        The course folder (created if needed).
    assignment : str, default="exercises"
        The assignment name (nbgrader's folder name under ``source/``).
    source : Path
        The folder of exercise notebooks.
    force : bool, default=False
        Replace an existing ``source/ASSIGNMENT`` folder and a
        ``nbgrader_config.py`` that differs from ours.

    Returns
    -------
    list of Path
        The notebooks written to ``source/ASSIGNMENT``, in name order.

    Raises
    ------
    FileExistsError
        If the assignment or a different ``nbgrader_config.py`` exists and
        ``force`` is false.

    Examples
    --------
    >>> import tempfile
    >>> course = Path(tempfile.mkdtemp())
    >>> [p.name for p in write_course(course, "week1")][:1]
    ['ex01_loading.ipynb']
    >>> sorted(p.name for p in course.iterdir())
    ['nbgrader_config.py', 'source']
    """
    course = Path(course)
    target = course / "source" / assignment
    config = course / "nbgrader_config.py"
    if not force:
        if target.exists():
            raise FileExistsError(f"{target} exists; use --force to replace it")
        if config.exists() and config.read_text("utf-8") != NBGRADER_CONFIG:
            raise FileExistsError(f"{config} exists and differs from the toolkit's; use --force to replace it")
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    config.write_text(NBGRADER_CONFIG, "utf-8")
    written = []
    for path in sorted(source.glob("*.ipynb")):
        shutil.copyfile(path, target / path.name)
        written.append(target / path.name)
    return written
