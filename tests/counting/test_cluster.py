"""toolkit.counting.cluster: counting on a real dask.distributed LocalCluster gives the same table as one process."""

from __future__ import annotations

import io
import os

import pandas as pd
import pytest

from conftest import run_cli
from toolkit import count_terms, iter_documents
from toolkit.paths import CORPUS_DIR

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed (pip install -e '.[dask]')")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    )
    with cluster, distributed.Client(cluster) as connected:
        yield connected


@pytest.mark.parametrize(
    "options",
    [{}, {"tokenizer": "regexp"}, {"ngram": 2}, {"tokenizer": "regexp", "stem": True, "min_count": 2}],
    ids=["treebank", "regexp", "bigrams", "regexp-stemmed"],
)
def test_the_cluster_gives_the_serial_and_the_cached_counts(inaugural, client, options):
    serial = count_terms(inaugural, by="president", cache=False, **options)
    on_cluster = count_terms(inaugural, by="president", client=client, **options)
    cached = count_terms(inaugural, by="president", **options)  # the workers filled the cache, or this run does
    again = count_terms(inaugural, by="president", **options)  # now certainly from the cache
    assert len(serial) > 1000
    for table in (on_cluster, cached, again):
        pd.testing.assert_frame_equal(table, serial)
        assert table.attrs["total"] == serial.attrs["total"]
        assert {**table.attrs["settings"], "cache": ""} == {**serial.attrs["settings"], "cache": ""}


def test_a_streamed_folder_with_a_large_file_counts_the_same_on_the_cluster(tmp_path, client):
    text = (CORPUS_DIR / "000_4fd4d0f392c92bd9.txt").read_text("utf-8")
    (tmp_path / "big.txt").write_text(text * 12_000, "utf-8")  # 36 MB: read in pieces, counted by the caller
    (tmp_path / "small.txt").write_text(text, "utf-8")
    on_cluster = count_terms(iter_documents(tmp_path), by="doc_id", client=client, tokenizer="regexp")
    serial = count_terms(iter_documents(tmp_path), by="doc_id", cache=False, tokenizer="regexp")
    pd.testing.assert_frame_equal(on_cluster, serial)
    assert on_cluster.set_index(["doc_id", "term"]).loc[("big.txt", "relations"), "n"] == 7 * 12_000


def test_freq_scheduler_flag_counts_on_a_running_scheduler(client):
    address = client.scheduler.address
    local = run_cli("freq", "corpus", "--format", "csv", "--n", "0")
    remote = run_cli("freq", "corpus", "--format", "csv", "--n", "0", "--scheduler", address)
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout
    assert pd.read_csv(io.StringIO(remote.stdout)).loc[0, "term"] == "relations"


def test_an_unreachable_scheduler_is_one_clear_line():
    done = run_cli(
        "freq", "corpus", "--scheduler", "tcp://127.0.0.1:9", env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    )
    assert done.returncode == 1
    assert done.stderr.startswith("python -m toolkit: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert "Traceback" not in done.stderr and os.linesep in done.stderr
