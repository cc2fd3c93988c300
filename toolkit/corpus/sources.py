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
    """Yield one document per row of a CSV file (header first; values kept as text)."""
    name = path.name
    header, rows, problem = read_csv_rows(path, loader, name)
    if text_column not in header:
        raise CorpusError(f"{name}: no text column {text_column!r}; got columns {header}")
    yield from _records(name, iter(rows), loader, text_column, id_column, header, problem)


def iter_jsonl(path: Path, loader: Loader, text_column: str, id_column: str | None) -> Iterator[Document]:
    """Yield one document per line of a JSONL file; a bad line is an entry in the load report, with its number."""
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
    """Whether an NLTK resource is installed, looked up without importing NLTK."""
    import nltk.data

    try:
        nltk.data.find(resource)
    except LookupError:
        return False
    return True


def nltk_reader(source: Any) -> Any:
    """Return an NLTK corpus reader for a reader object or an installed corpus name."""
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
    """Yield one document per file id of an NLTK corpus reader (category from the reader when it has them)."""
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
    """Yield one document per row of a DataFrame (``text_column``; ``id_column`` or the row number as ``doc_id``)."""
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
