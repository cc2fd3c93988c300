"""The student build: exercise notebooks with their solutions replaced by placeholders that still run.

Solutions live in the source notebooks between ``### BEGIN SOLUTION`` and
``### END SOLUTION`` (nbgrader's markers); cells tagged ``instructor`` are for
teachers. :func:`build_student` writes the student version
(``python -m toolkit exercises build``).
"""

from __future__ import annotations

import ast
from pathlib import Path

from toolkit.paths import PROJECT_ROOT

#: The source notebooks, with solutions and teaching notes.
EXERCISES_DIR = PROJECT_ROOT / "notebooks" / "exercises"
#: The lines that open and close a solution region (nbgrader's markers).
BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
#: The cell tag of teaching notes, which the student build drops.
INSTRUCTOR_TAG = "instructor"


def _placeholder(region: str) -> list[str]:
    """Return what replaces a solution: ``name = None`` for each name it assigns, so the notebook still runs."""
    try:
        tree = ast.parse(region)
    except SyntaxError:
        tree = None
    names: list[str] = []
    for node in ast.walk(tree) if tree else []:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names += [t.id for t in targets if isinstance(t, ast.Name) and t.id not in names]
    return [f"{name} = None  # YOUR ANSWER HERE" for name in names] or ["# YOUR CODE HERE"]


def strip_solutions(source: str, *, markdown: bool = False) -> str:
    """Replace each solution region of a cell's source with a placeholder that still runs.

    In code, a region becomes ``name = None  # YOUR ANSWER HERE`` for each
    name it assigns (so the ``check`` after it says "not yet"), or
    ``# YOUR CODE HERE``; in markdown, ``*YOUR ANSWER HERE*``.

    Parameters
    ----------
    source : str
        A cell's source.
    markdown : bool
        Whether the cell is a markdown cell.

    Returns
    -------
    str
        The source without its solutions.

    Raises
    ------
    ValueError
        If a region is opened and never closed.

    Examples
    --------
    >>> cell = "x = 1\\n### BEGIN SOLUTION\\nanswer = len(texts)\\n### END SOLUTION\\ncheck('a', answer)"
    >>> print(strip_solutions(cell))
    x = 1
    answer = None  # YOUR ANSWER HERE
    check('a', answer)
    """
    out: list[str] = []
    region: list[str] | None = None
    indent = ""
    for line in source.splitlines():
        stripped = line.strip()
        if stripped == BEGIN:
            region, indent = [], line[: len(line) - len(line.lstrip())]
            continue
        if stripped == END and region is not None:
            if markdown:
                out.append("*YOUR ANSWER HERE*")
            else:
                out += [indent + p for p in _placeholder("\n".join(r[len(indent) :] for r in region))]
            region = None
            continue
        if region is not None:
            region.append(line)
        else:
            out.append(line)
    if region is not None:
        raise ValueError(f"a '{BEGIN}' has no '{END}'")
    return "\n".join(out)


def build_student(out: Path | str, *, source: Path = EXERCISES_DIR) -> list[Path]:
    """Write the student version of every exercise notebook to ``out``.

    Solution regions become placeholders that still execute (:func:`strip_solutions`);
    cells tagged ``instructor`` and all outputs are removed.

    Parameters
    ----------
    out : Path or str
        The folder to write to (created if needed).
    source : Path
        The folder of source notebooks.

    Returns
    -------
    list of Path
        The written notebooks, in name order.

    Raises
    ------
    ValueError
        If a solution marker would survive in a student notebook.

    Examples
    --------
    >>> import tempfile
    >>> built = build_student(tempfile.mkdtemp())
    >>> [p.name for p in built][:2]
    ['ex01_loading.ipynb', 'ex02_tokenisation.ipynb']
    >>> any(BEGIN in p.read_text("utf-8") for p in built)
    False
    """
    import nbformat

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(source.glob("*.ipynb")):
        book = nbformat.read(path, as_version=4)
        cells = []
        for cell in book.cells:
            if INSTRUCTOR_TAG in cell.get("metadata", {}).get("tags", []):
                continue
            cell["source"] = strip_solutions(cell["source"], markdown=cell["cell_type"] == "markdown")
            if cell["cell_type"] == "code":
                cell["outputs"], cell["execution_count"] = [], None
            cells.append(cell)
        book.cells = cells
        text = nbformat.writes(book)
        if BEGIN in text or END in text:
            raise ValueError(f"{path.name}: a solution marker survived the build")
        target = out / path.name
        target.write_text(text, "utf-8")
        written.append(target)
    return written
