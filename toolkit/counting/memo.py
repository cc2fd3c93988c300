"""Recall the count of an unchanged folder without reading it: its stamp, its load report and its totals.

A count through the token cache (every tokeniser but the bulk ``regexp``,
which counts faster than the cache answers) keeps, under the folder's stamp
(:func:`~toolkit.corpus.folder.folder_stamp`: every entry's path, size,
inode and change times, with the load's settings), the load report and the
totals it made. Counting the same folder again with the same settings then
reads no file: it takes the stamps of the tree, finds the key, replays the
load report and returns the totals, which is what makes a warm count of
20,000 files take a fraction of a second. A file added, removed, renamed,
touched or rewritten changes the key, and the folder is read as before.

What a command wrote from the count can be kept beside it (:meth:`FolderMemo.keep_shown`):
``freq`` keeps its CSV, and a warm ``freq`` with the same settings writes
those bytes again, without loading the counting modules or ranking the terms
(5 MB of news: see :mod:`toolkit.cli.replay`).

The counting modules (:mod:`toolkit.counting.local` and what it imports:
multiprocessing, the bulk engine) load only when totals are kept or recalled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from toolkit.cache import TokenCache
from toolkit.corpus.loading import DocumentStream
from toolkit.corpus.loadreport import LoadEntry
from toolkit.tokens.pipeline import Pipeline

if TYPE_CHECKING:
    from toolkit.counting.bulk import Totals
    from toolkit.counting.counted import Counted


@dataclass
class FolderMemo:
    """The count of one folder source with one tokenisation, kept and recalled by the folder's stamp.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from toolkit import TokenOptions, iter_documents
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "baku.txt").write_text("Talks in Baku.", "utf-8")
    >>> FolderMemo.of(iter_documents(root), Pipeline(TokenOptions()), None, 1) is None  # written now: no stamp
    True
    """

    stream: DocumentStream
    cache: TokenCache
    stamp: str
    name: str
    tag: str
    start: int = 0  # the load report's entries before the count (a list given to iter_documents may hold some)

    @classmethod
    def of(cls, corpus: Any, pipeline: Pipeline, by: str | None, ngram: int) -> FolderMemo | None:
        """Return the memo of ``corpus`` when it is a folder stream with a stamp and the pipeline a cache."""
        if not isinstance(corpus, DocumentStream) or pipeline.cache is None or not pipeline.cache.enabled:
            return None
        stamp = corpus.stamp()
        if not stamp:
            return None
        name = f"folder{ngram}:{stamp}:{by!r}"
        return cls(corpus, pipeline.cache, stamp, name, pipeline.count_tag, len(corpus.loader.entries))

    def recall(self) -> Totals | Counted | None:
        """Return the totals of the last count of this folder, its load report replayed; None when there are none."""
        from toolkit.counting.local import recall_totals

        entries = self.cache.get(self.cache.key("load report", self.name, self.tag))
        if entries is None:
            return None
        totals = recall_totals(self.cache, self.name, self.tag)
        if totals is not None:
            self.stream.replay(LoadEntry(*entry) for entry in entries)
        return totals

    def shown(self, view: str) -> bytes | None:
        """Return what :meth:`keep_shown` kept as ``view`` of this count, its load report replayed; else None.

        ``view`` names the output and every setting it depends on beyond
        the count's (``freq``: its format, ``--n``, ``--min-count``).

        Examples
        --------
        >>> import tempfile, time
        >>> from pathlib import Path
        >>> from toolkit import TokenOptions, iter_documents
        >>> root = Path(tempfile.mkdtemp())
        >>> _ = (root / "baku.txt").write_text("Talks in Baku.", "utf-8")
        >>> time.sleep(2.1)  # a file changed in the last two seconds gives the folder no stamp
        >>> memo = FolderMemo.of(iter_documents(root), Pipeline(TokenOptions()), None, 1)
        >>> memo.shown("csv") is None  # nothing kept yet
        True
        """
        shown = self.cache.get_bytes(self._shown_key(view))
        entries = None if shown is None else self.cache.get(self.cache.key("load report", self.name, self.tag))
        if shown is None or entries is None:
            return None
        self.stream.replay(LoadEntry(*entry) for entry in entries)
        return shown

    def keep_shown(self, view: str, shown: bytes) -> bool:
        """Keep ``shown`` as ``view`` of this count, if the folder is as it was stamped and its count is kept.

        Call it after the count that made ``shown``: while the folder's stamp
        is the one taken before it (a change gives new change times, so the
        stamp never comes back), the count read the folder in that state.
        Returns whether it was kept.
        """
        kept_report = self.cache.key("load report", self.name, self.tag)
        if self.stream.stamp(fresh=True) != self.stamp or not self.cache.has(kept_report):
            return False
        # As it is: uncompressing 1.3 MB of CSV (5 MB of news) took 4-5 ms of a 0.15 s count, reading it 1 ms.
        self.cache.put_bytes(self._shown_key(view), shown)
        return True

    def _shown_key(self, view: str) -> str:
        return self.cache.key("shown", f"{self.name}\0{view}", self.tag)

    def keep(self, totals: Totals | Counted, kept: str = "") -> None:
        """Keep what the count read and made, unless the folder changed while it was read.

        ``kept`` names the totals in the cache when the count kept them
        already (:func:`~toolkit.counting.local.count_and_keep`): they are not
        stored a second time.
        """
        from toolkit.counting.local import keep_totals, point_totals

        if self.stream.stamp(fresh=True) != self.stamp:
            return
        if kept:
            point_totals(self.cache, self.name, self.tag, kept)
        else:
            keep_totals(self.cache, self.name, self.tag, totals)
        entries = [[e.path, e.status, e.reason] for e in self.stream.loader.entries[self.start :]]
        self.cache.put(self.cache.key("load report", self.name, self.tag), entries)
