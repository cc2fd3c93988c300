"""toolkit.corpus.nltkdata finds NLTK data as nltk.data.find does, without importing NLTK."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import nltk
import pytest

from conftest import run_cli
from toolkit.corpus import nltkdata
from toolkit.paths import PROJECT_ROOT


def _nltk_find(resource: str) -> str | None:
    try:
        found = nltk.data.find(resource)
    except LookupError:
        return None
    return str(found)


@pytest.mark.parametrize(
    "resource", ["corpora/stopwords/english", "corpora/stopwords/french", "corpora/stopwords/klingon",
                 "tokenizers/punkt_tab/english/", "corpora/abc/rural.txt"],
)  # fmt: skip
def test_find_agrees_with_nltk_data_find(resource):
    if nltkdata.find("corpora/stopwords/english") is None:
        pytest.skip("NLTK's stopwords are not installed: run with NLTK_DATA=../shared/nltk_data (make test does)")
    ours = nltkdata.find(resource)
    theirs = _nltk_find(resource)
    assert (ours is None) == (theirs is None)
    if ours is not None:  # NLTK names a zip member as "<zip>/<member>"
        assert theirs.rstrip("/") == os.path.join(*ours).rstrip("/") if ours[1] else theirs == ours[0]
    if resource.startswith("corpora/stopwords/") and ours is not None:
        assert nltkdata.read(resource).decode("utf-8").split() == nltk.corpus.stopwords.words(resource.split("/")[-1])


def test_a_plain_folder_wins_over_a_zip_and_an_empty_path_finds_nothing(tmp_path, monkeypatch):
    (tmp_path / "a" / "corpora" / "stopwords").mkdir(parents=True)
    (tmp_path / "a" / "corpora" / "stopwords" / "english").write_text("mine\n", "utf-8")
    (tmp_path / "b" / "corpora").mkdir(parents=True)
    with zipfile.ZipFile(tmp_path / "b" / "corpora" / "stopwords.zip", "w") as zf:
        zf.writestr("stopwords/english", "zipped\n")
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path / "b"), str(tmp_path / "a")])
    assert nltkdata.read("corpora/stopwords/english") == b"mine\n"  # plain files in any folder come first
    assert _nltk_find("corpora/stopwords/english") == str(tmp_path / "a" / "corpora" / "stopwords" / "english")
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path / "b")])
    assert nltkdata.read("corpora/stopwords/english") == b"zipped\n"
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path / "empty")])
    assert nltkdata.find("corpora/stopwords/english") is None and _nltk_find("corpora/stopwords/english") is None


def test_the_search_path_without_nltk_is_the_one_nltk_builds(tmp_path):
    probe = (
        "import json, sys; from toolkit.corpus import nltkdata; ours = nltkdata.search_path(); "
        "assert 'nltk' not in sys.modules; import nltk; print(json.dumps([ours, nltk.data.path]))"
    )
    env = {**os.environ, "NLTK_DATA": os.pathsep.join([str(tmp_path / "one"), "~/two"])}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    ours, theirs = json.loads(done.stdout)
    assert ours == theirs and ours[0] == str(tmp_path / "one") and ours[1] == os.path.expanduser("~/two")


def test_regexp_counting_on_the_command_line_never_imports_nltk_or_scipy():
    probe = (
        "import runpy, sys; sys.argv = ['toolkit', 'freq', 'corpus', '--tokenizer', 'regexp', '--n', '3']\n"
        "try:\n    runpy.run_module('toolkit', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('nltk', 'scipy', 'sklearn', 'matplotlib') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert done.stdout.splitlines()[-1] == "[]", done.stderr
    assert "relations" in done.stdout
    same = run_cli("freq", "corpus", "--tokenizer", "regexp", "--n", "3")
    assert same.stdout in done.stdout


def test_sentence_model_read_and_version_on_a_real_data_folder(tmp_path):
    (tmp_path / "tokenizers" / "punkt_tab" / "english").mkdir(parents=True)
    (tmp_path / "tokenizers" / "punkt_tab" / "english" / "abbrev_types.txt").write_text("dr\nmr\n", "utf-8")
    path = (str(tmp_path),)
    assert nltkdata.sentence_model("english", path) == "trained Punkt (punkt_tab/english)"
    assert nltkdata.sentence_model("german", path) == "untrained PunktSentenceTokenizer() (punkt_tab not installed)"
    assert nltkdata.read("tokenizers/punkt_tab/english/abbrev_types.txt", path) == b"dr\nmr\n"
    assert nltkdata.read("tokenizers/punkt_tab/german/abbrev_types.txt", path) is None
    assert nltkdata.nltk_version() == nltk.__version__
