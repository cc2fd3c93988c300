"""Count on a ``dask.distributed`` cluster: the same counts as one machine gives, from many.

For users who outgrow one machine: ``count_terms(..., client=client)`` (or
``python -m toolkit freq --scheduler ADDRESS``) sends batches of documents to
the cluster's workers, each of which counts its batch with the same code as a
local run and returns per-group totals; the caller adds them up in polars. A
few batches per worker are in flight at a time, so the caller's memory stays
bounded whatever the corpus size. A large file (read in pieces) is counted by
the caller, piece by piece, as locally.

Any ``distributed.Client`` works: ``Client(LocalCluster())`` on a laptop,
``Client("tcp://scheduler:8786")`` for a running scheduler, or a SLURM, PBS or
Kubernetes cluster through ``dask-jobqueue`` / ``dask-kubernetes`` (see the
README). Workers need the toolkit installed, at the same version.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from toolkit.counting import bulk
from toolkit.counting.counted import Counted
from toolkit.counting.local import Gathered, count_batch
from toolkit.counting.workers import batches
from toolkit.tokens.options import TokenOptions


def count_on_cluster(
    documents: Iterable[tuple[str, Iterable[str]]], options: TokenOptions, ngram: int, client: Any
) -> bulk.Totals | Counted:
    """Count ``(group, pieces)`` documents on the cluster behind ``client``; return the summed totals.

    Parameters
    ----------
    documents : iterable of (str, iterable of str)
        Group labels and texts, as :func:`toolkit.counting.texts.iter_texts` gives
        with ``pieces=True``.
    options : TokenOptions
        Tokenisation, as for a local count.
    ngram : int
        1 for words, 2 to 5 for n-grams.
    client : distributed.Client
        A connected client; its workers do the counting.

    Returns
    -------
    Totals or Counted
        As :func:`~toolkit.counting.local.count_batch` returns, summed over
        all batches: the workers' batches are summed in polars
        (:class:`~toolkit.counting.local.Gathered`), into a ``Counted``.

    Examples
    --------
    >>> from distributed import Client
    >>> with Client(processes=False, n_workers=1, dashboard_address=None) as client:
    ...     totals = count_on_cluster([("2024", ["Talks in Baku."])], TokenOptions(stopwords=True), 1, client)
    >>> dict(totals.totals().n["2024"])
    {'talks': 1, 'baku': 1}
    """
    from distributed import as_completed

    workers = max(1, sum(client.nthreads().values()))
    totals = bulk.Totals()  # of the large files, counted here
    gathered = Gathered()  # of the workers' batches, summed in polars
    pending = as_completed()
    in_flight = 0

    def large(group: str, pieces: Iterator[str]) -> None:
        totals.merge(count_batch([(group, pieces)], options, ngram))

    for batch in batches(documents, large):
        pending.add(client.submit(count_batch, [(g, [text]) for g, text in batch], options, ngram, pure=False))
        in_flight += 1
        while in_flight >= 2 * workers:
            gathered.add(next(pending).result())
            in_flight -= 1
    for future in pending:
        gathered.add(future.result())
    return gathered.result(totals)
