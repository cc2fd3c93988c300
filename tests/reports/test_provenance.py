"""Provenance of a run: a checksum that sees every byte and name, the versions, the manifest."""

from __future__ import annotations

import platform
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from toolkit.paths import CORPUS_DIR
from toolkit.reports.provenance import (
    FAILED,
    corpus_checksum,
    library_versions,
    provenance_footer,
    run_manifest,
)


def test_corpus_checksum_sees_one_byte_and_one_name(news_dir: Path):
    before = corpus_checksum(str(news_dir))
    path = news_dir / "2022-notes.txt"
    data = bytearray(path.read_bytes())
    data[0] ^= 1
    path.write_bytes(bytes(data))
    one_byte = corpus_checksum(str(news_dir))
    path.rename(news_dir / "2022-notes2.txt")
    renamed = corpus_checksum(str(news_dir))
    assert len({before, one_byte, renamed}) == 3


def test_corpus_checksum_of_a_file_a_folder_and_nltk(tmp_path: Path, news_dir: Path, nltk_corpus_dir):
    assert corpus_checksum("") == corpus_checksum(str(CORPUS_DIR))
    single = news_dir / "2022-notes.txt"
    assert len(corpus_checksum(str(single))) == 64 and corpus_checksum(str(single)) != corpus_checksum(str(news_dir))
    (tmp_path / "link").symlink_to(news_dir)
    assert corpus_checksum(str(tmp_path / "link")) == corpus_checksum(str(news_dir))  # the folder it points to
    nltk_corpus_dir("inaugural")  # skips without the NLTK data
    assert len(corpus_checksum("nltk:inaugural")) == 64
    assert corpus_checksum("nltk:no_such_corpus") == "" and corpus_checksum(str(tmp_path / "none")) == ""


def test_versions_of_what_a_report_depends_on():
    versions = library_versions()
    assert versions["python"] == platform.python_version()
    assert versions["papermill"] == metadata.version("papermill")
    assert versions["toolkit"] == metadata.version("corpus-notebook-toolkit")
    assert {"nltk", "pandas", "numpy", "matplotlib", "seaborn", "nbconvert", "ipykernel", "trafilatura"} <= set(versions)


def test_manifest_and_footer_of_a_failed_run(news_dir: Path):
    started = datetime(2026, 3, 4, 5, 6, 7, 890, tzinfo=UTC)
    manifest = run_manifest(
        "05_trends",
        "r1",
        status=FAILED,
        error="cell 3: KeyError: 'year'",
        parameters={"corpus": str(news_dir), "n_boot": 20},
        started=started,
        seconds=2.345,
    )
    assert manifest["started"] == "2026-03-04T05:06:07+00:00" and manifest["seconds"] == 2.35
    assert manifest["corpus"] == str(news_dir) and manifest["corpus_sha256"] == corpus_checksum(str(news_dir))
    assert manifest["status"] == "FAILED" and manifest["error"] == "cell 3: KeyError: 'year'"
    footer = provenance_footer(manifest)
    assert footer["corpus sha256"] == manifest["corpus_sha256"] and footer["started (UTC)"] == manifest["started"]
    assert footer["toolkit"] == manifest["versions"]["toolkit"] and footer["parameters"] == {
        "corpus": str(news_dir),
        "n_boot": 20,
    }
