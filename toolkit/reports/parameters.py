"""Report notebooks and their parameters: find a notebook, read what it declares, check and cast given values.

A report notebook declares its parameters in the cell tagged ``parameters``,
one typed assignment a line with a comment that becomes its help text::

    corpus: str = ""  # corpus folder, .csv, .jsonl or nltk:NAME

Parameters that were renamed (:data:`RENAMED_PARAMETERS`) are still accepted
under their old names, with a one-line note on stderr.
"""

from __future__ import annotations

import ast
import functools
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.paths import PROJECT_ROOT

#: Where the report notebooks are.
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
#: Old notebook parameter name -> new one; the old names work for one more version.
RENAMED_PARAMETERS = {"pattern": "name_template", "seed": "random_state"}


class ReportError(Exception):
    """A report cannot start: unknown notebook, unknown or ill-typed parameter.

    Examples
    --------
    >>> resolve_notebook("colours")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.reports.parameters.ReportError: no report notebook named 'colours'; known: concordance, ..., trends (or all)
    """


def list_notebooks(folder: Path = NOTEBOOKS_DIR) -> dict[str, Path]:
    """Map report names to notebooks: the numbered notebooks of ``folder``, by stem.

    :func:`resolve_notebook` also takes the name without its number
    (``"overview"`` for ``01_overview.ipynb``).

    Examples
    --------
    >>> sorted(list_notebooks())[:2]
    ['01_overview', '02_frequency']
    """
    found: dict[str, Path] = {}
    for path in sorted(folder.glob("[0-9]*.ipynb")):
        found[path.stem] = path
    return found


def check_timeout(timeout: float) -> float:
    """Return ``timeout`` if it is a positive, finite number of seconds; raise :class:`ReportError` otherwise.

    papermill and nbclient read 0 or less as "no limit": a run given ``0``
    by mistake would never time out.

    Examples
    --------
    >>> check_timeout(600)
    600
    >>> check_timeout(0)
    Traceback (most recent call last):
    ...
    toolkit.reports.parameters.ReportError: timeout must be a positive number of seconds, got 0
    """
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 0 < timeout < float("inf"):
        raise ReportError(f"timeout must be a positive number of seconds, got {timeout!r}")
    return timeout


def resolve_notebook(name: str, folder: Path = NOTEBOOKS_DIR) -> Path:
    """Return the notebook for a report name (with or without its number), or a path to an ``.ipynb``.

    Raises
    ------
    ReportError
        When no notebook has that name (listing the known ones), or no file is at the path.

    Examples
    --------
    >>> resolve_notebook("overview").name, resolve_notebook("01_overview").name
    ('01_overview.ipynb', '01_overview.ipynb')
    """
    if name.endswith(".ipynb"):
        path = Path(name).expanduser().absolute()
        if not path.is_file():
            raise ReportError(f"no notebook at {path}")
        return path
    books = list_notebooks(folder)
    if name in books:
        return books[name]
    short = {stem.split("_", 1)[-1]: path for stem, path in books.items()}
    if name in short:
        return short[name]
    raise ReportError(f"no report notebook named {name!r}; known: {', '.join(sorted(short))} (or all)")


@dataclass(frozen=True)
class Parameter:
    """A parameter declared in a notebook's ``parameters`` cell.

    Attributes
    ----------
    name, type_name : str
        The variable and its annotated type (``str``, ``int``, ``float``, ``bool`` or ``list``).
    default : str
        The default value as written in the cell.
    help : str
        The comment at the end of the line.

    Examples
    --------
    >>> declared = notebook_parameters(resolve_notebook("trends"))["random_state"]
    >>> declared.type_name, declared.default, declared.help
    ('int', '0', 'random seed of the bootstrap')
    """

    name: str
    type_name: str
    default: str
    help: str


def notebook_parameters(path: Path) -> dict[str, Parameter]:
    """Read the typed parameters a notebook declares (papermill's inspection, cached per file version).

    Examples
    --------
    >>> params = notebook_parameters(resolve_notebook("trends"))
    >>> params["n_boot"].type_name, params["n_boot"].default
    ('int', '1000')
    """
    stat = Path(path).stat()
    return dict(_inspect(str(path), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=64)
def _inspect(path: str, mtime: int, size: int) -> tuple[tuple[str, Parameter], ...]:
    from toolkit.reports.warm import import_papermill

    inspected = import_papermill().inspect_notebook(path)
    return tuple(
        (name, Parameter(name, info["inferred_type_name"], info["default"], info["help"]))
        for name, info in inspected.items()
    )


def _cast(value: Any, type_name: str, name: str) -> Any:
    """Cast a value given on the command line or in YAML to the declared type."""
    try:
        if type_name == "str":
            return str(value)
        if type_name == "int":
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError
            return int(value)
        if type_name == "float":
            return float(value)
        if type_name == "bool":
            if isinstance(value, bool):
                return value
            if str(value).lower() in ("true", "1", "yes"):
                return True
            if str(value).lower() in ("false", "0", "no"):
                return False
            raise ValueError
        if type_name == "list":
            if isinstance(value, list | tuple):
                return [str(v) for v in value]
            text = str(value).strip()
            if text.startswith("["):
                parsed = ast.literal_eval(text)
                if not isinstance(parsed, list):
                    raise ValueError
                return [str(v) for v in parsed]
            return [part.strip() for part in text.split(",") if part.strip()]
    except (ValueError, SyntaxError):
        raise ReportError(f"parameter {name}: expected {type_name}, got {value!r}") from None
    raise ReportError(f"parameter {name}: unsupported declared type {type_name!r}")


def check_parameters(path: Path, given: dict[str, Any]) -> dict[str, Any]:
    """Validate parameter names against the notebook and cast values to their declared types.

    An old name of a renamed parameter (:data:`RENAMED_PARAMETERS`, such as
    ``seed`` for ``random_state``) is taken as the new one when the notebook
    declares the new one, with a one-line note on stderr.

    Parameters
    ----------
    path : Path
        The notebook.
    given : dict
        Parameter name -> value, as typed on the command line, read from YAML or given in Python.

    Returns
    -------
    dict
        The parameters under their current names, values cast to the declared types.

    Raises
    ------
    ReportError
        For a name that is not an identifier or not declared (listing the known
        ones), a parameter given under both its old and new names, or a value
        that cannot be cast.

    Examples
    --------
    >>> check_parameters(resolve_notebook("trends"), {"n_boot": "50", "terms": "war,peace"})
    {'n_boot': 50, 'terms': ['war', 'peace']}
    >>> check_parameters(resolve_notebook("trends"), {"seed": "3"})  # and a note on stderr
    {'random_state': 3}
    """
    declared = notebook_parameters(path)
    out: dict[str, Any] = {}
    for name, value in given.items():
        if not (isinstance(name, str) and name.isidentifier()):
            raise ReportError(f"parameter name {name!r} is not a Python identifier")
        old, new = name, RENAMED_PARAMETERS.get(name, "")
        if name not in declared and new in declared:
            if new in given:
                raise ReportError(f"parameter {old} is the old name of {new}: give {new} only")
            name = new
        if name not in declared:
            raise ReportError(f"unknown parameter {name!r} for {path.stem}; known: {', '.join(sorted(declared))}")
        out[name] = _cast(value, declared[name].type_name, name)
        if name != old:
            note = f"toolkit: parameter {old} is deprecated; use {name} ({path.stem} runs with {name}={out[name]!r})"
            print(note, file=sys.stderr, flush=True)
    return out


def expand_runs(names: Iterable[str], parameter_sets: Sequence[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """Pair report names (``all`` for every notebook) with parameter sets.

    A set may name its own ``notebook``; otherwise it applies to each of ``names``.

    Returns
    -------
    list of (str, dict)
        One ``(notebook, parameters)`` pair per run, parameters unchecked.

    Examples
    --------
    >>> [nb for nb, _ in expand_runs(["all"], [{}])][:2]
    ['01_overview', '02_frequency']
    """
    expanded = []
    for params in parameter_sets or [{}]:
        params = dict(params)
        own = params.pop("notebook", None)
        targets = [own] if own else list(names)
        for name in targets:
            books = list(list_notebooks()) if name == "all" else [name]
            expanded += [(book, dict(params)) for book in books]
    return expanded


def load_parameter_file(path: Path | str) -> list[dict[str, Any]]:
    """Read a YAML parameter file: one mapping (one run) or a list of mappings (a batch).

    A name given no value (``by:`` alone) is left out: the notebook's default applies.

    Raises
    ------
    ReportError
        When the file cannot be read or parsed, or an entry is not a mapping.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "batch.yaml"
    >>> _ = path.write_text("- {notebook: overview}\\n- {notebook: keyness, reference: english, by:}\\n")
    >>> load_parameter_file(path)
    [{'notebook': 'overview'}, {'notebook': 'keyness', 'reference': 'english'}]
    """
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text("utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise ReportError(f"{path}: cannot read parameters: {err}") from None
    sets = data if isinstance(data, list) else [data or {}]
    for i, item in enumerate(sets, 1):
        if not isinstance(item, dict):
            raise ReportError(f"{path}: entry {i} must be a mapping of parameter names to values")
    return [{k: v for k, v in item.items() if v is not None} for item in sets]  # "name:" alone: not given
