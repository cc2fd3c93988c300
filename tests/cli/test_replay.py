"""toolkit.cli.replay: a warm ``freq`` writes the bytes of its last run again, only while a count would write them."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import news_folder as _news
from toolkit.cli import replay
from toolkit.cli.main import main
from toolkit.paths import PROJECT_ROOT

STAMP_AGE = 2.1  # seconds: an entry changed in the last 2 seconds has no stamp (folder_stamp)
#: Runs ``python -m toolkit ARGS`` in this process and says on stderr which counting modules it loaded.
PROBE = (
    "import sys; from toolkit.cli.main import main; status = main(sys.argv[1:]); "
    "print('loaded:', sorted(m for m in ('toolkit.counting.terms', 'polars', 'multiprocessing', 'regex', 'nltk') "
    "if m in sys.modules), file=sys.stderr); sys.exit(status)"
)


def _freq(root: Path, cache: Path, *args: str, probe: bool = False, **env: str) -> subprocess.CompletedProcess[bytes]:
    """``freq ROOT --format csv ARGS`` as a script runs it, its output as bytes (line ends included)."""
    command = ["-c", PROBE] if probe else ["-m", "toolkit"]
    return subprocess.run(
        [sys.executable, *command, "freq", str(root), "--format", "csv", *args],
        capture_output=True,
        timeout=300,
        cwd=PROJECT_ROOT,
        env={**os.environ, "TOOLKIT_CACHE_DIR": str(cache), **env},
    )


def _loaded(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stderr.decode().rsplit("loaded:", 1)[1].strip()


def test_a_warm_freq_writes_the_bytes_a_count_writes_without_loading_the_counting(tmp_path: Path):
    root = _news(tmp_path / "news")
    time.sleep(STAMP_AGE)
    cache = tmp_path / "cache"
    args = ("--by", "category", "--n", "0")
    cold = _freq(root, cache, *args, probe=True)
    warm = _freq(root, cache, *args, probe=True)
    uncached = _freq(root, cache, *args, "--no-cache")
    assert cold.returncode == warm.returncode == uncached.returncode == 0, cold.stderr + warm.stderr
    assert warm.stdout == cold.stdout == uncached.stdout
    assert "world,café,1,".encode() in warm.stdout  # the legacy-encoded file, decoded
    assert "toolkit.counting.terms" in _loaded(cold)
    assert _loaded(warm) == "[]"  # written again: no counting module, no polars, no tokeniser loaded
    # The skipped file and the guessed encoding are said again, as a count says them.
    said = warm.stderr.decode().rsplit("loaded:", 1)[0]
    assert said == uncached.stderr.decode() and "skipped" in said and "fallback" in said, said
    strict = _freq(root, cache, *args, "--strict")
    assert strict.returncode == 1 and strict.stdout == b"" and b"--strict: notes.md: not a .txt file" in strict.stderr


@pytest.mark.parametrize(
    "changed",
    [("--n", "3"), ("--min-count", "2"), ("--keep-stopwords",), ("--by", "doc_id"), ("--ngram", "2")],
    ids=lambda flags: " ".join(flags),
)
def test_a_setting_the_output_depends_on_is_not_answered_with_another_settings_bytes(tmp_path: Path, changed):
    root = _news(tmp_path / "news")
    time.sleep(STAMP_AGE)
    cache = tmp_path / "cache"
    first = _freq(root, cache, "--n", "0", probe=True)
    again = _freq(root, cache, "--n", "0", *changed, probe=True)
    twice = _freq(root, cache, "--n", "0", *changed, probe=True)
    uncached = _freq(root, cache, "--n", "0", *changed, "--no-cache")
    assert again.stdout == twice.stdout == uncached.stdout != first.stdout
    assert "toolkit.counting.terms" in _loaded(again) and _loaded(twice) == "[]"  # kept for these settings too


def test_a_changed_file_is_counted_again(tmp_path: Path):
    root = _news(tmp_path / "news")
    time.sleep(STAMP_AGE)
    cache = tmp_path / "cache"
    before = _freq(root, cache, "--n", "0")
    assert _freq(root, cache, "--n", "0").stdout == before.stdout
    article = root / "politics" / "lavrov.txt"
    article.write_text(article.read_text("utf-8").replace("Lavrov", "Sergey"), "utf-8")  # the same size
    time.sleep(STAMP_AGE)
    after = _freq(root, cache, "--n", "0", probe=True)
    assert after.stdout == _freq(root, cache, "--n", "0", "--no-cache").stdout != before.stdout
    assert b"\nsergey," in after.stdout and "toolkit.counting.terms" in _loaded(after)


def test_output_that_is_not_utf_8_is_written_by_a_count_each_time(tmp_path: Path):
    root = _news(tmp_path / "news")
    time.sleep(STAMP_AGE)
    cache = tmp_path / "cache"
    runs = [_freq(root, cache, "--n", "0", probe=True, PYTHONIOENCODING="cp1252") for _ in range(2)]
    uncached = _freq(root, cache, "--n", "0", "--no-cache", PYTHONIOENCODING="cp1252")
    assert runs[0].stdout == runs[1].stdout == uncached.stdout
    assert "café".encode("cp1252") in runs[1].stdout
    assert all("toolkit.counting.terms" in _loaded(run) for run in runs)  # text output: nothing kept, nothing replayed


def test_a_table_over_the_rows_kept_is_written_as_it_is_made_and_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from toolkit.counting.terms import TermCounts

    root = _news(tmp_path / "news")
    time.sleep(STAMP_AGE)
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "cache"))
    counts = TermCounts.from_corpus
    refuse = False

    def counted(*args, **kwargs):
        assert not refuse, "counted"
        return counts(*args, **kwargs)

    monkeypatch.setattr(TermCounts, "from_corpus", counted)

    def run() -> bytes:
        written = io.BytesIO()
        monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(written, encoding="utf-8", newline="\n"))
        assert main(["freq", str(root), "--format", "csv", "--n", "0"]) == 0
        return written.getvalue()

    monkeypatch.setattr(replay, "SHOWN_ROWS", 5)
    table = run()
    assert table.count(b"\n") > 6
    refuse = True
    with pytest.raises(AssertionError, match="counted"):  # not kept: the next run counts
        run()
    refuse = False
    monkeypatch.setattr(replay, "SHOWN_ROWS", 10_000)
    assert run() == table  # counted (the totals recalled), and kept this time
    refuse = True
    assert run() == table  # written again, not counted


class _Trickle(io.RawIOBase):
    """A raw stream that takes at most 3 bytes at a time, or none."""

    def __init__(self, takes: bool = True) -> None:
        self.data, self.takes = bytearray(), takes

    def writable(self) -> bool:
        return True

    def write(self, data) -> int | None:  # type: ignore[override]
        if not self.takes:
            return None
        self.data += bytes(data[:3])
        return min(3, len(data))


def test_every_byte_reaches_a_raw_output_that_takes_a_few_at_a_time():
    out = _Trickle()
    replay.write_all(out, b"term,n\r\nbaku,2\r\n")
    assert bytes(out.data) == b"term,n\r\nbaku,2\r\n"
    with pytest.raises(BlockingIOError):
        replay.write_all(_Trickle(takes=False), b"term")
