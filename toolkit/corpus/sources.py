"""Document sources other than folders: CSV and JSONL files, DataFrames and NLTK corpus readers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.corpus.decoding import Decoded
from toolkit.corpus.document import CorpusError, Document
from toolkit.corpus.loader import Loader, read_csv_rows

if TYPE_CHECKING:  # pandas loads on first use: streaming files needs no pandas (see toolkit.counting.bulk)
    import pandas as pd


def iter_csv(path: Path, loader: Loader, text_column: str, id_column: str | None) -> Iterator[Document]:
    """Yield one document per row of a CSV file (header first; values kept as text).

    Parameters
    ----------
    path : pathlib.Path
        The CSV file (read strictly, see :func:`~toolkit.corpus.loader.read_csv_rows`).
    loader : Loader
        The load's options and report entries.
    text_column : str
        The column holding the text.
    id_column : str or None
        The column holding the id; ``None`` uses ``doc_id`` when there is one,
        else ``"<file>:<line>"``.

    Yields
    ------
    Document
        The other columns are its metadata, as text (``"007"`` stays ``"007"``).

    Raises
    ------
    CorpusError
        On a malformed row, a missing column or a repeated id, naming the line.

    Examples
    --------
    >>> import tempfile
    >>> from toolkit.corpus.loader import Loader
    >>> path = Path(tempfile.mkdtemp()) / "news.csv"
    >>> _ = path.write_text("text,code\\nTalks in Baku.,007\\n", "utf-8")
    >>> [(d.doc_id, d.text, d.meta) for d in iter_csv(path, Loader("news.csv", title=False), "text", None)]
    [('news.csv:2', 'Talks in Baku.', {'code': '007'})]
    """
    name = path.name
    header, rows, problem = read_csv_rows(path, loader, name)
    if text_column not in header:
        raise CorpusError(f"{name}: no text column {text_column!r}; got columns {header}")
    yield from _records(name, iter(rows), loader, text_column, id_column, header, problem)


def iter_jsonl(path: Path, loader: Loader, text_column: str, id_column: str | None) -> Iterator[Document]:
    """Yield one document per line of a JSONL file; a bad line is an error that names its number.

    Only ``"\\n"`` ends a record (U+2028 may appear inside a JSON string);
    blank lines are skipped. The documents before a bad line are yielded
    before the error is raised.

    Parameters
    ----------
    path : pathlib.Path
        The JSONL file: one JSON object per line.
    loader : Loader
        The load's options and report entries.
    text_column : str
        The field holding the text (a string).
    id_column : str or None
        The field holding the id; ``None`` uses ``doc_id`` when there is one,
        else ``"<file>:<line>"``.

    Yields
    ------
    Document
        The other fields are its metadata, with their JSON types.

    Raises
    ------
    CorpusError
        On invalid JSON, a line that is not an object, a missing or non-string
        text, or a repeated id, naming the line.

    Examples
    --------
    >>> import tempfile
    >>> from toolkit.corpus.loader import Loader
    >>> path = Path(tempfile.mkdtemp()) / "wire.jsonl"
    >>> _ = path.write_text('{"text": "Talks.", "year": 2024}\\n\\n{"text": "Vote."}\\n', "utf-8")
    >>> [(d.doc_id, d.meta) for d in iter_jsonl(path, Loader("wire.jsonl", title=False), "text", None)]
    [('wire.jsonl:1', {'year': 2024}), ('wire.jsonl:3', {})]
    """
    name = path.name
    decoded = loader.decode(path.read_bytes(), name)

    def records() -> Iterator[tuple[int, dict[str, Any]]]:
        # Only "\n" ends a record: U+2028 and friends are legal inside JSON strings.
        for line_no, line in enumerate(decoded.text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise CorpusError(f"{name} line {line_no}: invalid JSON ({err.msg} at column {err.colno})") from None
            if not isinstance(obj, dict):
                raise CorpusError(f"{name} line {line_no}: expected a JSON object, got {type(obj).__name__}")
            yield line_no, obj

    yield from _records(name, records(), loader, text_column, id_column, None, decoded.problem)


def _records(
    name: str,
    rows: Iterator[tuple[int, dict[str, Any]]],
    loader: Loader,
    text_column: str,
    id_column: str | None,
    header: list[str] | None,
    problem: str = "",
) -> Iterator[Document]:
    """Turn CSV/JSONL records into documents; ids must be unique.

    ``problem`` is the file's decoding problem: every record carries it into
    the load report, so a fallback-decoded file is listed as such.
    """
    id_col = id_column or "doc_id"
    if id_column and header is not None and id_column not in header:
        raise CorpusError(f"{name}: no id column {id_column!r}; got columns {header}")
    seen: dict[str, int] = {}
    for line, row in rows:
        if text_column not in row:
            raise CorpusError(f"{name} line {line}: no {text_column!r} field; got {sorted(row)}")
        text = row.pop(text_column)
        if not isinstance(text, str):
            raise CorpusError(f"{name} line {line}: {text_column!r} must be a string, got {type(text).__name__}")
        if id_col in row:
            doc_id = str(row.pop(id_col))
        elif id_column:
            raise CorpusError(f"{name} line {line}: no id field {id_column!r}")
        else:
            doc_id = f"{name}:{line}"
        if doc_id in seen:
            raise CorpusError(f"{name} line {line}: doc_id {doc_id!r} already used on line {seen[doc_id]}")
        seen[doc_id] = line
        yield loader.document(doc_id, Decoded(text, "utf-8", f"{name}: {problem}" if problem else ""), row)


def nltk_has(resource: str) -> bool:
    """Say whether an NLTK resource is installed (``nltk.data.find`` finds it).

    Parameters
    ----------
    resource : str
        A resource name such as ``"corpora/inaugural.zip"``.

    Returns
    -------
    bool

    Examples
    --------
    >>> nltk_has("corpora/no-such-corpus")
    False
    """
    import nltk.data

    try:
        nltk.data.find(resource)
    except LookupError:
        return False
    return True


def nltk_reader(source: Any) -> Any:
    """Return an NLTK corpus reader for a reader object or an installed corpus name.

    Nothing is ever downloaded: a corpus that is not installed is an error
    that says where NLTK looked.

    Parameters
    ----------
    source : str or NLTK corpus reader
        ``"nltk:NAME"`` or ``"NAME"`` of a corpus in :mod:`nltk.corpus`, or a
        reader (returned as it is).

    Returns
    -------
    nltk.corpus.reader.CorpusReader

    Raises
    ------
    CorpusError
        When NLTK has no such corpus, or it is not installed.

    Examples
    --------
    >>> nltk_reader("nltk:no_such_corpus")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.corpus.document.CorpusError: nltk:no_such_corpus: no such file or folder, and NLTK has no corpus named ...
    """
    import nltk.corpus

    if not isinstance(source, str):
        return source
    name = source.removeprefix("nltk:")
    reader = getattr(nltk.corpus, name, None) if name.isidentifier() else None
    if not isinstance(reader, nltk.corpus.util.LazyCorpusLoader | nltk.corpus.reader.CorpusReader):
        raise CorpusError(f"{source}: no such file or folder, and NLTK has no corpus named {name!r}")
    # Ask the data path each time: a reader loaded earlier would hide a corpus removed since.
    if not any(nltk_has(f"corpora/{name}{ext}") for ext in ("", ".zip")):
        raise CorpusError(
            f"{source}: NLTK corpus {name!r} is not installed (searched {nltk.data.path}); "
            "set NLTK_DATA to a folder holding corpora/" + name + ".zip"
        )
    return reader


def iter_nltk(reader: Any, loader: Loader) -> Iterator[Document]:
    """Yield one document per file id of an NLTK corpus reader (category from the reader when it has them).

    A plain-text corpus gives each file's text as decoded with the reader's
    encoding (and this load's fallback); a tagged corpus has no plain text, so
    its text is rebuilt from its words joined by spaces (said in the load
    report).

    Parameters
    ----------
    reader : NLTK corpus reader
        From :func:`nltk_reader`.
    loader : Loader
        The load's options and report entries.

    Yields
    ------
    Document
        ``doc_id`` is the file id; ``meta["category"]`` the reader's categories
        of the file, joined by ``;``.

    Examples
    --------
    >>> from toolkit.corpus.loader import Loader
    >>> docs = iter_nltk(nltk_reader("nltk:inaugural"), Loader("inaugural"))  # doctest: +SKIP
    >>> next(docs).doc_id  # doctest: +SKIP
    '1789-Washington.txt'
    """
    tagged = hasattr(reader, "tagged_words")
    categorized = hasattr(reader, "categories")
    for fileid in sorted(reader.fileids()):
        meta = {"category": ";".join(reader.categories([fileid]))} if categorized else {}
        if tagged:
            decoded = Decoded(" ".join(reader.words(fileid)), "nltk")
            note = "tagged corpus: text rebuilt from its words joined by spaces"
        else:
            with reader.abspath(fileid).open() as stream:
                data = stream.read()
            decoded = loader.decode(data, fileid, encoding=reader.encoding(fileid) or "utf-8")
            note = ""
        yield loader.document(fileid, decoded, meta, note)


def iter_frame(frame: pd.DataFrame, loader: Loader, text_column: str, id_column: str | None) -> Iterator[Document]:
    """Yield one document per row of a DataFrame (``text_column``; ``id_column`` or the index as ``doc_id``).

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per document.
    loader : Loader
        The load's options and report entries.
    text_column : str
        The column holding the text (strings).
    id_column : str or None
        The column holding the id; ``None`` uses ``doc_id`` when there is one,
        else the index.

    Yields
    ------
    Document
        The other columns are its metadata.

    Raises
    ------
    CorpusError
        On a missing column, repeated ids or a text that is not a string.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.corpus.loader import Loader
    >>> frame = pd.DataFrame({"text": ["Talks.", "Vote."], "year": ["2023", "2024"]}, index=["a", "b"])
    >>> [(d.doc_id, d.meta) for d in iter_frame(frame, Loader("<DataFrame>", title=False), "text", None)]
    [('a', {'year': '2023'}), ('b', {'year': '2024'})]
    """
    if text_column not in frame.columns:
        raise CorpusError(f"<DataFrame>: no text column {text_column!r}; got columns {list(frame.columns)}")
    id_col = id_column or "doc_id"
    if id_col in frame.columns:
        ids = frame[id_col].astype(str)
    elif id_column:
        raise CorpusError(f"<DataFrame>: no id column {id_column!r}; got columns {list(frame.columns)}")
    else:
        ids = frame.index.astype(str)
    if ids.duplicated().any():
        raise CorpusError(f"<DataFrame>: duplicate doc_id values {sorted(ids[ids.duplicated()].unique())[:5]}")
    others = [c for c in frame.columns if c not in (text_column, id_col)]
    for doc_id, text, meta in zip(ids, frame[text_column], frame[others].to_dict("records"), strict=True):
        if not isinstance(text, str):
            raise CorpusError(f"<DataFrame>: row {doc_id!r}: {text_column!r} must be a string, got {text!r}")
        yield loader.document(doc_id, Decoded(text, "str"), meta)
