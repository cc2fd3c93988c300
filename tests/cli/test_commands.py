"""The analysis commands, run as users and scripts run them: a real subprocess, checked against the Python API."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

from conftest import SEED
from conftest import run_cli as run
from toolkit import count_terms, keyness, load_corpus


def test_freq_csv_contract_on_the_project_corpus():
    result = run("freq", "corpus", "--format", "csv", "--n", "5")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["term", "n", "per_million", "docs"]
    assert rows[1][:2] == ["relations", "7"] and rows[1][3] == "1"
    assert len(rows) == 6
    assert result.stderr == ""


def test_freq_csv_on_stdout_is_the_api_csv_in_stdout_encoding(tmp_path: Path):
    """Polars writes to stdout's buffer when stdout is UTF-8; in another encoding the text goes through stdout."""
    import subprocess
    import sys

    from toolkit import TermCounts
    from toolkit.paths import PROJECT_ROOT

    (tmp_path / "a.txt").write_text("Café talks in Baku, “talks” again.\nADVERTISEMENT\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Naïve talks; déjà vu in Baku.\n", encoding="utf-8")
    written = io.StringIO()
    TermCounts.from_corpus(load_corpus(tmp_path), tokenizer="regexp").write_csv(written)
    assert "café,1," in written.getvalue() and "advertisement" not in written.getvalue()
    for encoding in ("utf-8", "utf-16-le"):
        result = subprocess.run(
            [sys.executable, "-m", "toolkit", "freq", str(tmp_path), "--tokenizer", "regexp", "--format", "csv"],
            capture_output=True,
            cwd=PROJECT_ROOT,
            env={**os.environ, "PYTHONIOENCODING": encoding},
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout == written.getvalue().encode(encoding), encoding


def test_freq_by_field_puts_the_field_first(news_dir: Path):
    result = run("freq", str(news_dir), "--by", "category", "--format", "csv", "--n", "0")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["category", "term", "n", "per_million", "docs"]
    assert {r["category"] for r in rows} == {"(missing)", "politics", "world"}


def test_freq_json_ngrams_and_token_flags():
    result = run("freq", "corpus", "--ngram", "2", "--format", "json", "--n", "3", "--keep-stopwords")
    records = json.loads(result.stdout)
    assert list(records[0]) == ["term", "n", "per_million", "docs"] and len(records) == 3
    for record in records:  # every bigram count is the phrase's count in the article
        pattern = r"\b" + r"\W+".join(record["term"].split()) + r"\b"
        assert record["n"] == len(re.findall(pattern, SEED.read_text("utf-8"), flags=re.IGNORECASE))
    kept = run(
        "freq",
        "corpus",
        "--format",
        "csv",
        "--n",
        "0",
        "--tokenizer",
        "wordpunct",
        "--keep-case",
        "--keep-punct",
        "--keep-stopwords",
        "--no-clean",
    )
    terms = {row["term"]: int(row["n"]) for row in csv.DictReader(io.StringIO(kept.stdout))}
    assert terms["ADVERTISEMENT"] == 1 and terms["The"] == 4 and terms[","] > 10


def test_info_shows_documents_tokens_types_fields_and_report():
    result = run("info", "corpus")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "documents: 1\n" in out and "tokens:    4" in out and "types:" in out
    assert "fields:    title" in out
    assert "corpus: 1 document read" in out
    assert f"read     {SEED.name}" in out


def test_nltk_corpus_by_name_with_pattern(nltk_corpus_dir):
    nltk_corpus_dir("inaugural")
    result = run(
        "freq", "nltk:inaugural", "--pattern", "{year}-{president}", "--by", "president", "--n", "1", "--format", "csv"
    )
    assert result.returncode == 0, result.stderr
    rows = {r["president"]: r["term"] for r in csv.DictReader(io.StringIO(result.stdout))}
    corpus = load_corpus(nltk_corpus_dir("inaugural"), name_template="{year}-{president}")
    assert sorted(rows) == sorted(corpus["president"].unique())  # 36 surnames for 59 addresses
    washington = count_terms(corpus[corpus["president"] == "Washington"])
    assert rows["Washington"] == washington.loc[0, "term"]


def test_keyness_command_csv_contract(nltk_corpus_dir):
    root = nltk_corpus_dir("inaugural")
    result = run(
        "keyness",
        str(root),
        "--pattern",
        "{year}-{president}",
        "--by",
        "president",
        "--target",
        "Obama",
        "--format",
        "csv",
        "--n",
        "5",
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:7] == ["term", "n_target", "n_reference", "g2", "p_value", "log_ratio", "percent_diff"]
    api = keyness(load_corpus(root, name_template="{year}-{president}"), by="president", target="Obama")
    assert [r["term"] for r in rows] == list(api["term"].head(5))
    english = run("keyness", "corpus", "--reference", "english", "--format", "json", "--n", "3")
    assert {"azerbaijan", "armenia"} <= {r["term"] for r in json.loads(english.stdout)}
    missing = run("keyness", "corpus")
    assert missing.returncode == 1 and "needs --by FIELD --target VALUE" in missing.stderr


def test_keyness_against_english_says_which_terms_it_left_out(tmp_path: Path):
    listed = tmp_path / "left_out.csv"
    result = run("keyness", "corpus", "--reference", "english", "--format", "csv", "--left-out", str(listed))
    assert result.returncode == 0, result.stderr
    terms = {r["term"] for r in csv.DictReader(io.StringIO(result.stdout))}
    left_out = list(csv.DictReader(io.StringIO(listed.read_text("utf-8-sig"))))
    assert list(left_out[0]) == ["term", "n_target", "wordfreq_reads", "reason"]
    assert {"nagorno-karabakh", "2020"} <= {r["term"] for r in left_out}  # a compound, a number
    assert not terms & {r["term"] for r in left_out}
    assert f"{len(left_out):,} terms not compared with general English" in result.stderr
    assert "nagorno-karabakh" in result.stderr or "more" in result.stderr
    wrong = run("keyness", "corpus", "--by", "title", "--target", "x", "--left-out", str(listed))
    assert wrong.returncode == 1 and "give --reference english" in wrong.stderr


def test_kwic_command_csv_contract():
    result = run("kwic", "corpus", "relations", "--window", "3", "--sort", "right", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["doc_id", "position", "left", "keyword", "right", "start", "end"]
    assert len(rows) == 7  # "relations" occurs 7 times in the article
    words = [re.findall(r"\w+", r["right"].lower()) for r in rows]
    assert words == sorted(words)
    text = SEED.read_text("utf-8")
    assert all(text[int(r["start"]) : int(r["end"])] == r["keyword"] for r in rows)  # offsets into the file's text
    regex = run("kwic", "corpus", "armenian?", "--regex", "--format", "csv")
    assert len(list(csv.DictReader(io.StringIO(regex.stdout)))) == 10  # 5 armenia + 5 armenian
    bad = run("kwic", "corpus", "(", "--regex")
    assert bad.returncode == 1 and "bad regular expression" in bad.stderr


def test_collocates_command_csv_contract():
    result = run("collocates", "corpus", "armenia", "--window", "5", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:7] == ["collocate", "n", "n_collocate", "mi", "t_score", "log_dice", "g2"]
    assert rows[0]["collocate"] == "relations"


def test_keyness_against_a_reference_folder(news_dir: Path):
    result = run("keyness", str(news_dir), "--reference", "corpus", "--format", "csv", "--n", "0")
    assert result.returncode == 0, result.stderr
    rows = {r["term"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    # the test corpus renamed Lavrov to Aliyev in one copy and added a note: those are its keywords
    assert float(rows["aliyev"]["g2"]) > 0 and rows["aliyev"]["n_reference"] == "0"
    assert rows["relations"]["n_target"] == "14" and rows["relations"]["n_reference"] == "7"


def test_keyness_reference_can_be_another_group_and_collocates_take_a_pattern(nltk_corpus_dir):
    root = nltk_corpus_dir("inaugural")
    common = ("keyness", str(root), "--name-template", "{year}-{president}", "--by", "president", "--format", "csv")
    result = run(*common, "--target", "Lincoln", "--reference", "Washington", "--n", "0")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    corpus = load_corpus(root, name_template="{year}-{president}")
    api = keyness(corpus, by="president", target="Lincoln", reference="Washington")
    assert [r["term"] for r in rows] == list(api["term"])
    pair = corpus[corpus["president"].isin(["Lincoln", "Washington"])]
    assert api.equals(keyness(pair, by="president", target="Lincoln"))  # the same as the two groups alone
    unknown = run(*common, "--target", "Lincoln", "--reference", "Nobody")
    assert unknown.returncode == 1 and "Nobody" in unknown.stderr and "Traceback" not in unknown.stderr
    glob = run("collocates", "corpus", "armen*", "--format", "csv")
    regex = run("collocates", "corpus", "armen.*", "--regex", "--format", "csv")
    assert glob.returncode == 0 and glob.stdout == regex.stdout, glob.stderr + regex.stderr


def test_control_characters_in_file_names_are_escaped_on_the_terminal(tmp_path: Path):
    """A file name cannot clear the screen, recolour it, move the cursor or fake a line of the load report."""
    root = tmp_path / "evil"
    root.mkdir()
    name = "clear\x1b[2J\rover\nfake: 1 documents.txt"
    (root / name).write_text("Talks in Baku.\n", "utf-8")
    (root / "skip\x1b[31m\u202e\nfake: skipped.md").write_text("not a text file", "utf-8")
    for args in (("info", str(root)), ("info", str(root), "--strict"), ("freq", str(root), "--format", "csv")):
        result = run(*args)
        shown = result.stdout + result.stderr
        assert "\x1b" not in shown and "\r" not in shown and "\u202e" not in shown, (args, shown)
        assert not [line for line in shown.splitlines() if line.startswith("fake")], (args, shown)
    info = run("info", str(root))
    assert info.returncode == 0, info.stderr
    assert "  read     clear\\x1b[2J\\rover\\nfake: 1 documents.txt\n" in info.stdout
    assert "  skipped  skip\\x1b[31m\\u202e\\nfake: skipped.md  (not a .txt file)\n" in info.stdout
    strict = run("info", str(root), "--strict")
    assert (
        strict.returncode == 1 and "--strict: skip\\x1b[31m\\u202e\\nfake: skipped.md: not a .txt file" in strict.stderr
    )
    assert load_corpus(root)["doc_id"].tolist() == [name]  # the data keeps the name exactly
