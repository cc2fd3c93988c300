"""The folder walk on real trees: sorted order, categories, junk and hidden files, symlinks, FIFOs and devices."""

from __future__ import annotations

import os
import random
import shutil
import stat
import time
from pathlib import Path

import pandas.testing as pdt
import pytest

from conftest import SEED, run_cli
from toolkit import CorpusError, load_corpus, load_report
from toolkit.corpus.folder import MAX_DEPTH, folder_stamp, iter_folder
from toolkit.corpus.loader import Loader


def test_iter_folder_yields_sorted_documents_with_categories_and_lists_every_junk_file(tmp_path: Path):
    root = tmp_path / "news"
    (root / "politics" / "deep").mkdir(parents=True)
    (root / "sport").mkdir()
    (root / "sport" / "b.txt").write_text("Match report.\nScore.", "utf-8")
    (root / "politics" / "deep" / "a.TXT").write_text("Vote counted.", "utf-8")  # endings match in any case
    (root / "z.txt").write_text("Root note.", "utf-8")
    (root / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    (root / "desktop.ini").write_text("[.ShellClassInfo]", "utf-8")
    (root / "draft.txt~").write_text("editor backup", "utf-8")
    (root / ".hidden.txt").write_text("not for the corpus", "utf-8")
    (root / "__MACOSX").mkdir()
    (root / "__MACOSX" / "z.txt").write_text("resource fork", "utf-8")
    (root / ".cache").mkdir()
    (root / ".cache" / "c.txt").write_text("cached", "utf-8")
    loader = Loader(str(root))
    docs = list(iter_folder(root, loader))
    assert [(d.doc_id, d.meta.get("category"), d.meta["title"]) for d in docs] == [
        ("politics/deep/a.TXT", "politics", "Vote counted."),  # the first folder under the root is the category
        ("sport/b.txt", "sport", "Match report."),
        ("z.txt", None, "Root note."),
    ]
    skipped = {e.path: e.reason for e in loader.entries if e.status == "skipped"}
    assert skipped == {
        ".cache/": "hidden folder",
        ".hidden.txt": "hidden file",
        "Thumbs.db": "junk file",
        "__MACOSX/": "junk folder",
        "desktop.ini": "junk file",
        "draft.txt~": "junk file",
    }


def test_a_file_name_that_is_not_utf8_shows_its_bytes(tmp_path: Path):
    root = tmp_path / "news"
    root.mkdir()
    with open(os.fsencode(root) + b"/caf\xe9.txt", "wb") as stream:
        stream.write(b"Talks.")
    loader = Loader(str(root))
    (doc,) = iter_folder(root, loader)
    assert (doc.doc_id, doc.text) == ("caf\\xe9.txt", "Talks.")
    assert loader.entries[0].reason == "file name is not valid UTF-8; doc_id shows its bytes"


def test_same_table_whatever_order_files_are_created(tmp_path: Path):
    names = [f"{c}/{i:02d}.txt" for c in ("a", "b", "c") for i in range(8)]
    frames = []
    for attempt in range(2):
        root = tmp_path / f"run{attempt}"
        order = names[:]
        random.Random(attempt).shuffle(order)
        for name in order:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(f"Document {name} says hello.", "utf-8")
        frames.append(load_corpus(root))
    pdt.assert_frame_equal(frames[0], frames[1])
    assert list(frames[0]["doc_id"]) == sorted(names)


def _make_hostile_folder(root: Path, outside: Path) -> None:
    root.mkdir()
    shutil.copy(SEED, root / "good.txt")
    (root / "empty.txt").write_bytes(b"")
    (root / "fake.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (root / "nul.txt").write_bytes(b"abc\x00\x01\x02\xff\xfe\x00def")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / "._good.txt").write_bytes(b"\x00\x05\x16\x07")
    (root / "~$draft.txt").write_text("lock file", "utf-8")
    (root / "notes.md").write_text("# not a text document", "utf-8")
    (root / ".ipynb_checkpoints").mkdir()
    (root / ".ipynb_checkpoints" / "good-checkpoint.txt").write_text("copy", "utf-8")
    outside.mkdir()
    (outside / "secret.txt").write_text("outside the corpus", "utf-8")
    os.symlink(outside / "secret.txt", root / "escape.txt")
    os.symlink(root / "good.txt", root / "alias.txt")
    os.symlink(root / "nowhere.txt", root / "broken.txt")
    os.symlink(root / "loop", root / "loop")
    os.mkfifo(root / "pipe.txt")


def test_load_report_lists_every_skip_reason(tmp_path: Path):
    root = tmp_path / "hostile"
    _make_hostile_folder(root, tmp_path / "outside")
    corpus = load_corpus(root)  # the FIFO must not block
    assert list(corpus["doc_id"]) == ["empty.txt", "good.txt"]
    report = load_report(corpus).to_frame().set_index("path")
    expected = {
        ".DS_Store": "junk file",
        "._good.txt": "junk file",
        "~$draft.txt": "junk file",
        ".ipynb_checkpoints/": "junk folder",
        "fake.txt": "binary file (PDF)",
        "image.txt": "binary file (PNG)",
        "nul.txt": "binary file (NUL bytes)",
        "notes.md": "not a .txt file",
        "pipe.txt": "not a regular file (FIFO)",
        "broken.txt": "broken symlink or symlink loop",
        "loop": "broken symlink or symlink loop",
        "alias.txt": "symlink inside the corpus (-> good.txt); not followed",
    }
    for path, reason in expected.items():
        assert (report.loc[path, "status"], report.loc[path, "reason"]) == ("skipped", reason), path
    assert report.loc["escape.txt", "reason"].startswith("symlink leaves the corpus root (-> ")
    assert report.loc["empty.txt", "status"] == "empty"
    assert report.loc["good.txt", "status"] == "read"
    assert len(report) == len(expected) + 3  # escape, empty, good: nothing unlisted
    summary = load_report(corpus).summary()
    assert summary == (  # each kind of reason with its count: "binary file: 3", not "3 binary file"
        f"{root}: 2 documents read, 1 empty, 13 files skipped (binary file: 3, broken symlink or symlink loop: 2, "
        "junk file: 3, junk folder: 1, not a .txt file: 1, not a regular file: 1, symlink inside the corpus: 1, "
        "symlink leaves the corpus root: 1)"
    )
    with pytest.raises(CorpusError, match="strict mode"):
        load_corpus(root, strict=True)


def test_utf32_without_bom_control_characters_and_devices(tmp_path: Path):
    (tmp_path / "wide.txt").write_bytes("Talks in Baku.".encode("utf-32-le"))
    (tmp_path / "controls.txt").write_text("Page one\x0cPage two\x1b[0m and a bell\x07.\n", "utf-8")
    os.mknod(tmp_path / "null.txt", stat.S_IFCHR | 0o600, os.makedev(1, 3))  # like /dev/null
    corpus = load_corpus(tmp_path).set_index("doc_id")
    assert corpus.loc["wide.txt", "text"] == "Talks in Baku."
    assert "Page two" in corpus.loc["controls.txt", "text"]
    report = load_report(load_corpus(tmp_path)).to_frame().set_index("path")
    assert report.loc["wide.txt", "reason"] == "no BOM; decoded as utf-32-le (NUL-byte layout)"
    assert report.loc["null.txt", "reason"] == "not a regular file (device)"


def _deep_chain(root: Path, depth: int, name: str, leaf: str) -> None:
    """Make ``depth`` nested folders ``name`` under ``root`` with a file ``leaf`` at the bottom.

    Opened one level at a time (``dir_fd``): the whole path is far longer than PATH_MAX.
    """
    fd = os.open(root, os.O_RDONLY)
    for _ in range(depth):
        os.mkdir(name, dir_fd=fd)
        fd, parent = os.open(name, os.O_RDONLY, dir_fd=fd), fd
        os.close(parent)
    try:
        file = os.open(leaf, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(file, b"Talks in Baku at the very bottom.\n")
        os.close(file)
    finally:
        os.close(fd)


def _remove_deep_chain(root: Path, name: str, leaf: str) -> None:
    """Remove what :func:`_deep_chain` made, one level at a time (``shutil.rmtree`` recurses)."""
    fds = [os.open(root, os.O_RDONLY)]
    while True:
        try:
            fds.append(os.open(name, os.O_RDONLY, dir_fd=fds[-1]))
        except FileNotFoundError:
            break
    os.unlink(leaf, dir_fd=fds[-1])
    for fd in reversed(fds[1:]):
        os.close(fd)
        os.rmdir(name, dir_fd=fds[fds.index(fd) - 1])
    os.close(fds[0])


def test_a_folder_nested_a_thousand_levels_deep_is_reported_not_a_crash(tmp_path: Path):
    root = tmp_path / "deep"
    root.mkdir()
    (root / "top.txt").write_text("Talks in Baku.\n", "utf-8")
    long = "x" * 200
    _deep_chain(root, 1000, "d", "bottom.txt")  # past Python's recursion limit
    _deep_chain(root, 30, long, "far.txt")  # 6,000 characters of path, within the depth limit: past PATH_MAX
    try:
        not_entered = "/".join(["d"] * (MAX_DEPTH + 1)) + "/"
        info = run_cli("info", str(root))
        assert (info.returncode, "Traceback" in info.stderr) == (0, False), info.stderr[-2000:]
        assert "documents: 1\n" in info.stdout
        lines = info.stdout.splitlines()
        assert any(line.startswith(f"  skipped  {not_entered}  (folder too deep: ") for line in lines), lines
        assert any(line.startswith(f"  skipped  {long}/") and "File name too long" in line for line in lines), lines
        freq = run_cli("freq", str(root), "--format", "csv")
        assert (freq.returncode, "Traceback" in freq.stderr) == (0, False), freq.stderr[-2000:]
        assert "\nbaku,1," in freq.stdout and "folder too deep: 1" in freq.stderr
        loader = Loader(str(root))
        assert [d.doc_id for d in iter_folder(root, loader)] == ["top.txt"]
        skipped = [e.path for e in loader.entries if e.status == "skipped"]
        assert skipped[0] == not_entered and len(skipped) == 2 and skipped[1].startswith(f"{long}/{long}/")
    finally:
        _remove_deep_chain(root, "d", "bottom.txt")
        _remove_deep_chain(root, long, "far.txt")


def test_the_stamp_of_a_folder_changes_with_what_the_walk_sees_and_only_with_it(tmp_path: Path):
    root = tmp_path / "news"
    (root / "world").mkdir(parents=True)
    shutil.copy(SEED, root / "world" / "lavrov.txt")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", "utf-8")
    loader = Loader(str(root))
    assert folder_stamp(root, loader) == ""  # written in the last 2 seconds
    time.sleep(2.1)
    stamp = folder_stamp(root, loader)
    assert len(stamp) == 64 and folder_stamp(root, Loader(str(root))) == stamp
    assert folder_stamp(root, Loader(str(root), name_template="{name}")) != stamp  # another load
    assert folder_stamp(root, Loader(str(root), suffixes=(".txt", ".md"))) != stamp
    # a junk folder the walk never enters is not stamped: a commit leaves the stamp as it was
    (root / ".git" / "HEAD").write_text("ref: refs/heads/other\n", "utf-8")
    time.sleep(2.1)
    assert folder_stamp(root, loader) == stamp
    moved = tmp_path / "elsewhere"
    root.rename(moved)
    assert folder_stamp(moved, Loader(str(moved))) not in ("", stamp)  # the same files in another place


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("link.txt", lambda path: path.symlink_to("world/lavrov.txt")),
        ("page.html", lambda path: path.write_text("<html><body><p>Talks.</p></body></html>", "utf-8")),
    ],
)
def test_no_stamp_for_a_folder_with_a_symlink_or_a_web_page(tmp_path: Path, name: str, make):
    root = tmp_path / "news"
    (root / "world").mkdir(parents=True)
    shutil.copy(SEED, root / "world" / "lavrov.txt")
    make(root / name)
    time.sleep(2.1)
    assert folder_stamp(root, Loader(str(root))) == ""
    (root / name).unlink()
    time.sleep(2.1)
    assert folder_stamp(root, Loader(str(root))) != ""
