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
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from toolkit.cache import TokenCache
from toolkit.corpus.loading import DocumentStream
from toolkit.corpus.loadreport import LoadEntry
from toolkit.counting.bulk import Totals
from toolkit.counting.counted import Counted
from toolkit.counting.local import keep_totals, point_totals, recall_totals
from toolkit.tokens.pipeline import Pipeline


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
        entries = self.cache.get(self.cache.key("load report", self.name, self.tag))
        if entries is None:
            return None
        totals = recall_totals(self.cache, self.name, self.tag)
        if totals is not None:
            self.stream.replay(LoadEntry(*entry) for entry in entries)
        return totals

    def keep(self, totals: Totals | Counted, kept: str = "") -> None:
        """Keep what the count read and made, unless the folder changed while it was read.

        ``kept`` names the totals in the cache when the count kept them
        already (:func:`~toolkit.counting.local.count_and_keep`): they are not
        stored a second time.
        """
        if self.stream.stamp() != self.stamp:
            return
        if kept:
            point_totals(self.cache, self.name, self.tag, kept)
        else:
            keep_totals(self.cache, self.name, self.tag, totals)
        entries = [[e.path, e.status, e.reason] for e in self.stream.loader.entries[self.start :]]
        self.cache.put(self.cache.key("load report", self.name, self.tag), entries)
