"""The load report: every file a loader looked at, and what became of it.

A loader never drops, merges or changes anything without saying so. Each file
(or CSV/JSONL line) it meets gets one :class:`LoadEntry` whose ``status`` is one
of :data:`STATUSES`; the :class:`LoadReport` collects them and prints them.
"""

from __future__ import annotations

import html
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, MutableSequence, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, overload

from toolkit.corpus.pages import SOURCE_TYPES
from toolkit.progress import printable

if TYPE_CHECKING:  # pandas loads on first use (see toolkit.counting.bulk)
    import pandas as pd

#: Every status an entry can have, with what it means.
STATUSES = {
    "read": "read as a document",
    "fallback": "read as a document, but decoded with a fallback encoding",
    "empty": "read as a document with no text (zero tokens)",
    "metadata": "read as the sidecar metadata table",
    "skipped": "not read; the reason says why",
    "note": "a remark about a document or a metadata row",
}


#: How the entry of a document extracted from a web page starts (see ``toolkit.corpus.pagework.page_document``).
PAGE_KINDS = tuple(f"{kind} page" for kind in SOURCE_TYPES)


def _guessed_page(entry: LoadEntry) -> bool:
    """Say whether an entry is a web page decoded with the fallback encoding (it declared none, and is not UTF-8)."""
    return entry.status == "fallback" and entry.reason.startswith(PAGE_KINDS)


@dataclass(frozen=True, slots=True)  # slots: a load of 400,000 files keeps 400,000 entries
class LoadEntry:
    """One line of a load report.

    Attributes
    ----------
    path : str
        The file, relative to the corpus root where there is one.
    status : str
        One of :data:`STATUSES`.
    reason : str
        Why, in words, e.g. ``"binary file (PDF)"``; empty for a plain read.

    Raises
    ------
    ValueError
        For a status not in :data:`STATUSES`.

    Examples
    --------
    >>> LoadEntry("notes.md", "skipped", "not a .txt file")
    LoadEntry(path='notes.md', status='skipped', reason='not a .txt file')
    """

    path: str
    status: str
    reason: str = ""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown load status {self.status!r}; expected one of {sorted(STATUSES)}")


def document_entry(path: str, skipped: str, problem: str, empty: bool, note: str = "") -> LoadEntry:
    """Return the entry of a file read as a document: skipped, empty, decoded with the fallback, or read.

    Parameters
    ----------
    path : str
        The document's id.
    skipped : str
        Why the file is not a document ("binary file (PDF)"), or "".
    problem : str
        The decoding problem, or "" for valid bytes.
    empty : bool
        Whether the text is empty or white space.
    note : str, default=""
        A remark for the report (a file name that is not UTF-8); not kept for a skipped file.

    Examples
    --------
    >>> document_entry("a.txt", "", "not utf-8 at byte 3; decoded as cp1252", False)
    LoadEntry(path='a.txt', status='fallback', reason='not utf-8 at byte 3; decoded as cp1252')
    >>> document_entry("b.txt", "", "", True, "file name is not valid UTF-8").reason
    'empty document: zero tokens; file name is not valid UTF-8'
    """
    if skipped:
        return LoadEntry(path, "skipped", skipped)
    reasons = [reason for reason in (problem, note) if reason]
    if empty:
        reasons.insert(0, "empty document: zero tokens")
    return LoadEntry(path, "empty" if empty else ("fallback" if problem else "read"), "; ".join(reasons))


class LoadEntries(MutableSequence[LoadEntry]):
    """A list of load-report entries that keeps a plain read (status ``"read"``, no reason) as its path's bytes.

    A load keeps an entry for every file, and most are plain reads: 400,000
    files took 69 MB as :class:`LoadEntry` objects, and take 28 MB here. An
    entry read back is a :class:`LoadEntry` equal to the one stored; any
    ``str`` path round-trips (``surrogatepass``).

    Examples
    --------
    >>> entries = LoadEntries([LoadEntry("a.txt", "read"), LoadEntry("b.md", "skipped", "not a .txt file")])
    >>> entries.append(LoadEntry("c.txt", "read"))
    >>> entries[2], len(entries)
    (LoadEntry(path='c.txt', status='read', reason=''), 3)
    >>> [entry.status for entry in entries[1:]]
    ['skipped', 'read']
    >>> entries == [LoadEntry("a.txt", "read"), entries[1], LoadEntry("c.txt", "read")]
    True
    """

    def __init__(self, entries: Iterable[LoadEntry] = ()) -> None:
        self._paths = bytearray()  # the plain reads' paths, one after the other, as UTF-8
        self._ends = array("Q")  # where each entry's path ends in _paths (an entry kept whole: an empty span)
        self._others: dict[int, LoadEntry] = {}  # position -> an entry that is not a plain read, or replaced
        self.extend(entries)

    def append(self, entry: LoadEntry) -> None:
        """Append one entry: a plain read as its path's bytes, any other whole."""
        if entry.status == "read" and not entry.reason:
            self._paths += entry.path.encode("utf-8", "surrogatepass")
        else:
            self._others[len(self._ends)] = entry
        self._ends.append(len(self._paths))

    def __len__(self) -> int:
        return len(self._ends)

    def notable(self) -> list[LoadEntry]:
        """Return the entries that are not plain reads, in order, without making the others.

        Examples
        --------
        >>> LoadEntries([LoadEntry("a.txt", "read"), LoadEntry("b.md", "skipped", "not a .txt file")]).notable()
        [LoadEntry(path='b.md', status='skipped', reason='not a .txt file')]
        """
        return [self._others[i] for i in sorted(self._others)]  # one replaced in place came later

    def _at(self, i: int) -> LoadEntry:
        other = self._others.get(i)
        if other is not None:
            return other
        start = self._ends[i - 1] if i else 0
        return LoadEntry(self._paths[start : self._ends[i]].decode("utf-8", "surrogatepass"), "read")

    @overload
    def __getitem__(self, index: int) -> LoadEntry: ...

    @overload
    def __getitem__(self, index: slice) -> list[LoadEntry]: ...

    def __getitem__(self, index: int | slice) -> LoadEntry | list[LoadEntry]:
        if isinstance(index, slice):
            return [self._at(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("load entry index out of range")
        return self._at(index)

    def __iter__(self) -> Iterator[LoadEntry]:
        return (self._at(i) for i in range(len(self)))

    def _rebuilt(self, entries: list[LoadEntry]) -> None:
        self.__init__(entries)  # type: ignore[misc]

    def __setitem__(self, index: Any, value: Any) -> None:
        if isinstance(index, int) and not (value.status == "read" and not value.reason):
            # In place (a load settling a file read elsewhere): a plain read's bytes stay in _paths, unused.
            if index < 0:
                index += len(self)
            if not 0 <= index < len(self):
                raise IndexError("load entry index out of range")
            self._others[index] = value
            return
        entries = list(self)
        entries[index] = value
        self._rebuilt(entries)

    def __delitem__(self, index: int | slice) -> None:
        entries = list(self)
        del entries[index]
        self._rebuilt(entries)

    def insert(self, index: int, value: LoadEntry) -> None:
        """Insert one entry before ``index`` (rebuilds the list: appending is what loads do)."""
        entries = list(self)
        entries.insert(index, value)
        self._rebuilt(entries)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, (LoadEntries, list, tuple)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LoadEntries({list(self)!r})"


@dataclass(frozen=True)
class LoadReport:
    """What a loader read, skipped, decoded with a fallback or flagged.

    The report is immutable, so a corpus table can carry it in
    ``DataFrame.attrs["load_report"]`` through copies at no cost.

    Examples
    --------
    >>> report = LoadReport("news", (LoadEntry("a.txt", "read"),
    ...                              LoadEntry(".DS_Store", "skipped", "junk file")))
    >>> report.summary()
    'news: 1 document read, 1 file skipped (junk file: 1)'
    >>> [e.path for e in report.skipped]
    ['.DS_Store']
    """

    source: str
    entries: Sequence[LoadEntry] = field(default_factory=tuple)
    settings: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def __deepcopy__(self, memo: dict) -> LoadReport:
        # Immutable: pandas deep-copies ``attrs`` on every operation.
        return self

    def _notable(self) -> tuple[list[LoadEntry], int]:
        """Return the entries that are not plain reads, and the number of plain reads (400,000 are not made)."""
        if isinstance(self.entries, LoadEntries):
            notable = self.entries.notable()
        else:
            notable = [e for e in self.entries if e.status != "read" or e.reason]
        return notable, len(self.entries) - len(notable)

    def _with(self, status: str) -> list[LoadEntry]:
        return [e for e in self._notable()[0] if e.status == status]

    @property
    def skipped(self) -> list[LoadEntry]:
        """Entries for files that were not read.

        Examples
        --------
        >>> LoadReport("news", (LoadEntry("a.pdf", "skipped", "not a .txt file"),)).skipped[0].path
        'a.pdf'
        """
        return self._with("skipped")

    @property
    def fallbacks(self) -> list[LoadEntry]:
        """Entries for files decoded with a fallback encoding.

        Examples
        --------
        >>> LoadReport("news", (LoadEntry("old.txt", "fallback", "not utf-8 at byte 3"),)).fallbacks[0].reason
        'not utf-8 at byte 3'
        """
        return self._with("fallback")

    @property
    def refused(self) -> list[LoadEntry]:
        """Entries that strict mode refuses: files skipped, and web pages whose encoding was guessed.

        A page that declares no encoding and is not UTF-8 was decoded with
        the fallback: strict mode counts it as bad input, as it counts a
        skipped file. (A text file decoded so is refused by strict encoding.)

        Examples
        --------
        >>> report = LoadReport("news", (LoadEntry("old.txt", "fallback", "not utf-8 at byte 3"),
        ...     LoadEntry("a.html", "fallback", "html page: 9 characters extracted; encoding cp1252 (fallback: ...)")))
        >>> [e.path for e in report.refused]
        ['a.html']
        """
        return [e for e in self._notable()[0] if e.status == "skipped" or _guessed_page(e)]

    @property
    def empty(self) -> list[LoadEntry]:
        """Entries for documents with no text.

        Examples
        --------
        >>> [e.path for e in LoadReport("news", (LoadEntry("blank.txt", "empty"),)).empty]
        ['blank.txt']
        """
        return self._with("empty")

    @property
    def n_documents(self) -> int:
        """Number of documents the loader produced (read, decoded with a fallback, or empty).

        Examples
        --------
        >>> LoadReport("news", (LoadEntry("a.txt", "read"), LoadEntry("b.txt", "empty"))).n_documents
        2
        """
        notable, plain = self._notable()
        return plain + sum(e.status in ("read", "fallback", "empty") for e in notable)

    def to_frame(self, *, problems_first: bool = False) -> pd.DataFrame:
        """Return the entries as a table with columns ``path, status, reason``.

        Parameters
        ----------
        problems_first : bool, default=False
            Put every entry that is not a plain "read" first (skipped,
            fallback, empty, notes), so that a capped display shows them.

        Returns
        -------
        pandas.DataFrame
            One row per entry, in the order the loader met the files (within
            problems and plain reads when ``problems_first``).

        Examples
        --------
        >>> report = LoadReport("news", (LoadEntry("a.txt", "read"), LoadEntry("b.md", "skipped", "not a .txt file")))
        >>> report.to_frame(problems_first=True)
           path   status           reason
        0  b.md  skipped  not a .txt file
        1 a.txt     read
        """
        import pandas as pd

        entries = list(self.entries)
        if problems_first:
            entries.sort(key=lambda e: e.status == "read")  # stable: file order within each kind
        return pd.DataFrame(
            [(e.path, e.status, e.reason) for e in entries],
            columns=["path", "status", "reason"],
        )

    def summary(self) -> str:
        """Return one line: documents read, decoded with a fallback and empty, and files skipped by kind of reason.

        Examples
        --------
        >>> LoadReport("news", (LoadEntry("a.txt", "read"), LoadEntry("b.txt", "fallback", "not utf-8"))).summary()
        'news: 2 documents read, 1 decoded with a fallback encoding'
        """
        n = self.n_documents
        parts = [f"{n} document{'s' if n != 1 else ''} read"]
        if self.fallbacks:
            parts.append(f"{len(self.fallbacks)} decoded with a fallback encoding")
        if self.empty:
            parts.append(f"{len(self.empty)} empty")
        skipped = self.skipped
        if skipped:
            kinds = Counter(e.reason.split(" (")[0].split(":")[0] for e in skipped)
            detail = ", ".join(f"{k}: {c}" for k, c in sorted(kinds.items()))  # "binary file: 2", not "2 binary file"
            parts.append(f"{len(skipped)} file{'s' if len(skipped) != 1 else ''} skipped ({detail})")
        return f"{self.source}: " + ", ".join(parts)

    def _repr_html_(self, n: int = 20) -> str:
        """Return the summary and the first ``n`` entries as escaped HTML, with "showing N of M"."""
        from toolkit.tables import capped_rows, html_table

        shown, note = capped_rows(self.to_frame(), n)
        table = html_table(shown, caption=self.summary(), note=note)
        settings = "".join(f"<li>{html.escape(k)}: {html.escape(v)}</li>" for k, v in self.settings)
        return table + (f"<ul>{settings}</ul>" if settings else "")

    def __str__(self) -> str:
        """Return the summary, the settings and one line per entry, for a terminal.

        Control characters in names are escaped (see
        :func:`~toolkit.progress.printable`): a file name cannot fake a line.

        Examples
        --------
        >>> entries = (LoadEntry("a.txt", "read"), LoadEntry("b\\nfake.md", "skipped", "not a .txt file"))
        >>> print(LoadReport("news", entries))
        news: 1 document read, 1 file skipped (not a .txt file: 1)
          read     a.txt
          skipped  b\\nfake.md  (not a .txt file)
        """
        lines = [self.summary()]
        lines += [f"  {k}: {v}" for k, v in self.settings]
        for e in self.entries:
            lines.append(f"  {e.status:<8} {e.path}" + (f"  ({e.reason})" if e.reason else ""))
        return "\n".join(printable(line) for line in lines)
