"""The student build: exercise notebooks with their solutions replaced by placeholders that still run.

Solutions live in the source notebooks between ``### BEGIN SOLUTION`` and
``### END SOLUTION`` (nbgrader's markers: as in nbgrader, any line that
contains ``BEGIN SOLUTION`` or ``END SOLUTION`` is a marker, whatever comment
signs surround it), or fill a cell whose nbgrader metadata says
``"solution": true``. Check cells may hold ``### BEGIN HIDDEN TESTS`` ...
``### END HIDDEN TESTS`` regions for nbgrader's autograder; cells tagged
``instructor`` are for teachers. :func:`build_student` writes the student
version (``python -m toolkit exercises build``) without any of these.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Callable
from pathlib import Path

from toolkit.paths import PROJECT_ROOT

#: The source notebooks, with solutions and teaching notes.
EXERCISES_DIR = PROJECT_ROOT / "notebooks" / "exercises"
#: The lines that open and close a solution region (nbgrader's markers, as written in the notebooks).
BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
#: What makes a line a solution marker: nbgrader's ``ClearSolutions`` looks for these anywhere in a line.
BEGIN_MARK = "BEGIN SOLUTION"
END_MARK = "END SOLUTION"
#: What makes a line a hidden-test marker (nbgrader's ``ClearHiddenTests``).
BEGIN_HIDDEN = "BEGIN HIDDEN TESTS"
END_HIDDEN = "END HIDDEN TESTS"
#: The cell tag of teaching notes, which the student build drops.
INSTRUCTOR_TAG = "instructor"
#: What the student sees instead of a solution that binds no name, in code and in markdown.
CODE_STUB = "# YOUR CODE HERE"
TEXT_STUB = "*YOUR ANSWER HERE*"


class _Bound(ast.NodeVisitor):
    """Collect the names a piece of code binds in its own scope, in order of first binding.

    Assignment targets of every form (plain, tuple, list, starred, augmented,
    annotated, walrus), ``for`` and ``with ... as`` targets, ``except ... as``
    names, and the names of functions and classes defined there. Names bound
    inside a function, a class body or a comprehension are local to them and
    do not count (a walrus in a comprehension does: it binds outside).
    Imports are left out: a placeholder ``None`` would shadow a module
    imported earlier.
    """

    def __init__(self) -> None:
        self.names: list[str] = []

    def _add(self, name: str) -> None:
        if name not in self.names:
            self.names.append(name)

    def _target(self, node: ast.expr) -> None:
        if isinstance(node, ast.Name):
            self._add(node.id)
        elif isinstance(node, ast.Tuple | ast.List):
            for element in node.elts:
                self._target(element)
        elif isinstance(node, ast.Starred):
            self._target(node.value)
        # an attribute or subscript target (``table["n"] = ...``) changes an object bound elsewhere

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._target(target)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._target(node.target)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._target(node.target)
        self.generic_visit(node)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self._target(node.target)
        self.generic_visit(node)

    def visit_For(self, node: ast.For | ast.AsyncFor) -> None:
        self._target(node.target)
        self.generic_visit(node)

    visit_AsyncFor = visit_For  # noqa: N815

    def visit_withitem(self, node: ast.withitem) -> None:
        if node.optional_vars is not None:
            self._target(node.optional_vars)
        self.generic_visit(node)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self._add(node.name)
        self.generic_visit(node)

    def _scope(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        self._add(node.name)  # its body is a scope of its own

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _scope  # noqa: N815

    def visit_Lambda(self, node: ast.Lambda) -> None:
        pass

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp) -> None:
        for inner in ast.walk(node):  # only a walrus escapes a comprehension
            if isinstance(inner, ast.NamedExpr):
                self._target(inner.target)

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension  # noqa: N815


def bound_names(code: str) -> list[str]:
    """Return the names that ``code`` binds at its top scope, in order (empty if it does not parse).

    Parameters
    ----------
    code : str
        Python source.

    Returns
    -------
    list of str
        Every name an assignment of any form (tuple, starred, augmented,
        annotated, walrus), a ``for``, ``with`` or ``except`` target, or a
        ``def`` or ``class`` binds; not the names local to a function or a
        comprehension, nor imports.

    Examples
    --------
    >>> bound_names("a, (b, *rest) = 1, (2, 3)\\ntotal += a\\ncount: int\\nfor i in range(3): pass")
    ['a', 'b', 'rest', 'total', 'count', 'i']
    >>> bound_names("table['n'] = 1\\nsquares = [x * x for x in range(3)]\\ndef f(y): z = y")
    ['squares', 'f']
    """
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    finder = _Bound()
    finder.visit(tree)
    return finder.names


def _placeholder(region: str) -> list[str]:
    """Return what replaces a solution: ``name = None`` for each name it binds, so the notebook still runs."""
    return [f"{name} = None  # YOUR ANSWER HERE" for name in bound_names(region)] or [CODE_STUB]


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _regions(source: str, begin: str, end: str, replace: Callable[[str, list[str]], list[str]]) -> str:
    """Replace each region between a line holding ``begin`` and one holding ``end`` by ``replace(indent, lines)``."""
    out: list[str] = []
    region: list[str] | None = None
    indent = ""
    for line in source.splitlines():
        if begin in line:
            if region is not None:
                raise ValueError(f"a '{begin}' opens inside another one")
            region, indent = [], _indent(line)
        elif end in line:
            if region is None:
                raise ValueError(f"an '{end}' closes no '{begin}'")
            out += replace(indent, region)
            region = None
        elif region is not None:
            region.append(line)
        else:
            out.append(line)
    if region is not None:
        raise ValueError(f"a '{begin}' has no '{end}'")
    return "\n".join(out)


def strip_solutions(source: str, *, markdown: bool = False) -> str:
    """Replace each solution region of a cell's source with a placeholder that still runs.

    A region runs from a line that contains ``BEGIN SOLUTION`` to one that
    contains ``END SOLUTION`` (nbgrader's rule: ``### BEGIN SOLUTION``,
    ``# BEGIN SOLUTION`` and ``<!-- BEGIN SOLUTION -->`` all count; the
    marker lines go too). In code, a region becomes
    ``name = None  # YOUR ANSWER HERE`` for each name it binds, whatever the
    form of the assignment (:func:`bound_names`), so the ``check`` after it
    runs and says "not yet"; a region that binds nothing becomes
    ``# YOUR CODE HERE``. In markdown, a region becomes ``*YOUR ANSWER HERE*``.

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
        If a region is opened and never closed, opened inside another, or
        closed without being opened.

    Examples
    --------
    >>> cell = "x = 1\\n### BEGIN SOLUTION\\nfirst, *rest = texts\\n### END SOLUTION\\ncheck('a', first)"
    >>> print(strip_solutions(cell))
    x = 1
    first = None  # YOUR ANSWER HERE
    rest = None  # YOUR ANSWER HERE
    check('a', first)
    >>> print(strip_solutions("Why?\\n<!-- BEGIN SOLUTION -->\\nBecause.\\n<!-- END SOLUTION -->", markdown=True))
    Why?
    *YOUR ANSWER HERE*
    """

    def replace(indent: str, lines: list[str]) -> list[str]:
        if markdown:
            return [indent + TEXT_STUB]
        return [indent + line for line in _placeholder(textwrap.dedent("\n".join(lines)))]

    return _regions(source, BEGIN_MARK, END_MARK, replace)


def strip_hidden_tests(source: str) -> str:
    """Remove each ``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS`` region (markers included).

    As for solutions, any line that contains ``BEGIN HIDDEN TESTS`` or
    ``END HIDDEN TESTS`` is a marker (nbgrader's ``ClearHiddenTests``).

    Parameters
    ----------
    source : str
        A cell's source.

    Returns
    -------
    str
        The source without its hidden tests.

    Raises
    ------
    ValueError
        If a region is opened and never closed, opened inside another, or
        closed without being opened.

    Examples
    --------
    >>> hidden = 'assert check("ex4.2", rare, quiet=True) == "correct"'
    >>> strip_hidden_tests(f'check("ex4.2", rare)\\n### BEGIN HIDDEN TESTS\\n{hidden}\\n### END HIDDEN TESTS')
    'check("ex4.2", rare)'
    """
    return _regions(source, BEGIN_HIDDEN, END_HIDDEN, lambda indent, lines: [])


def _is_solution_cell(cell: dict) -> bool:
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("solution", False))


def student_cell_source(cell: dict) -> str:
    """Return the student version of one cell's source: no solution, no hidden test.

    A cell marked as a solution in its nbgrader metadata but without markers
    is a solution as a whole (as nbgrader has it) and is replaced whole.

    Parameters
    ----------
    cell : dict
        A notebook cell (``cell_type``, ``source``, ``metadata``).

    Returns
    -------
    str
        The source the student gets.

    Examples
    --------
    >>> solution = {"cell_type": "code", "source": "n = 3", "metadata": {"nbgrader": {"solution": True}}}
    >>> student_cell_source(solution)
    'n = None  # YOUR ANSWER HERE'
    """
    source, markdown = cell["source"], cell["cell_type"] == "markdown"
    if _is_solution_cell(cell) and BEGIN_MARK not in source and source.strip():
        source = f"{BEGIN}\n{source}\n{END}"
    source = strip_solutions(source, markdown=markdown)
    return source if markdown else strip_hidden_tests(source)


def build_student(out: Path | str, *, source: Path = EXERCISES_DIR, force: bool = False) -> list[Path]:
    """Write the student version of every exercise notebook to ``out``.

    Solution regions become placeholders that still execute
    (:func:`strip_solutions`), hidden tests go (:func:`strip_hidden_tests`);
    cells tagged ``instructor`` and all outputs are removed. Nothing is
    written unless every notebook builds.

    Parameters
    ----------
    out : Path or str
        The folder to write to (created if needed).
    source : Path
        The folder of source notebooks.
    force : bool, default=False
        Write into ``out`` even if it already holds files (students' work,
        perhaps): the notebooks of the same names are replaced.

    Returns
    -------
    list of Path
        The written notebooks, in name order.

    Raises
    ------
    FileExistsError
        If ``out`` holds anything and ``force`` is false.
    ValueError
        If a marker is unbalanced, or would survive in a student notebook.

    Examples
    --------
    >>> import tempfile
    >>> built = build_student(Path(tempfile.mkdtemp()) / "student")
    >>> [p.name for p in built][:2]
    ['ex01_loading.ipynb', 'ex02_tokenisation.ipynb']
    >>> any(BEGIN_MARK in p.read_text("utf-8") for p in built)
    False
    >>> build_student(built[0].parent)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    FileExistsError: ... already holds files (students' work?); use --force to write over them
    """
    import nbformat

    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())) and not force:
        raise FileExistsError(f"{out} already holds files (students' work?); use --force to write over them")
    texts = {}
    for path in sorted(source.glob("*.ipynb")):
        book = nbformat.read(path, as_version=4)
        cells = []
        for cell in book.cells:
            if INSTRUCTOR_TAG in cell.get("metadata", {}).get("tags", []):
                continue
            try:
                cell["source"] = student_cell_source(cell)
            except ValueError as err:
                raise ValueError(f"{path.name}: {err}") from None
            if cell["cell_type"] == "code":
                cell["outputs"], cell["execution_count"] = [], None
            cells.append(cell)
        book.cells = cells
        text = nbformat.writes(book)
        if any(mark in text for mark in (BEGIN_MARK, END_MARK, BEGIN_HIDDEN, END_HIDDEN)):
            raise ValueError(f"{path.name}: a solution or hidden-test marker survived the build")
        texts[path.name] = text
    if out.exists() and not out.is_dir():  # a file in the way, with force
        out.unlink()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in texts.items():
        target = out / name
        target.write_text(text, "utf-8")
        written.append(target)
    return written
