"""The command line, run as users and scripts run it: a real subprocess."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

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


def test_skips_are_summarised_on_stderr_and_strict_fails(tmp_path: Path):
    root = tmp_path / "news"
    root.mkdir()
    shutil.copy(SEED, root / "a.txt")
    (root / ".DS_Store").write_bytes(b"\x00\x01")
    (root / "scan.txt").write_bytes(b"%PDF-1.4 binary")
    result = run("freq", str(root), "--format", "csv")
    assert result.returncode == 0
    assert result.stderr.count("\n") == 1
    assert "1 document read, 2 files skipped (1 binary file, 1 junk file)" in result.stderr
    strict = run("freq", str(root), "--strict")
    assert strict.returncode == 1 and strict.stdout == ""
    assert "--strict: .DS_Store: junk file" in strict.stderr and "Traceback" not in strict.stderr
    info = run("info", str(root))
    assert "skipped  scan.txt  (binary file (PDF))" in info.stdout


def test_strict_encoding_names_the_file(tmp_path: Path):
    (tmp_path / "old.txt").write_bytes("Caf\u00e9 in Baku".encode("cp1252"))
    ok = run("freq", str(tmp_path))
    assert ok.returncode == 0 and "1 decoded with a fallback encoding" in ok.stderr
    bad = run("freq", str(tmp_path), "--strict-encoding")
    assert bad.returncode == 1
    assert bad.stderr == "python -m toolkit: error: old.txt: not utf-8 at byte 3 (strict encoding)\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("freq", "/no/such/folder"), 1, "error: /no/such/folder: no such file or folder"),
        (("freq", "corpus", "--frobnicate"), 2, "error: unrecognized arguments: --frobnicate"),
        (("freq", "corpus", "--tokenizer", "spacy"), 2, "invalid choice: 'spacy'"),
        (("freq", "corpus", "--by", "year"), 1, "error: no document has a field 'year'"),
        (("freq", "corpus", "--n", "-1"), 1, "error: --n must be 0 (all) or more, got -1"),
        (("freq", "corpus", "--fallback-encoding", "nosuch"), 1, "error: unknown fallback encoding 'nosuch'"),
    ],
)
def test_errors_are_one_clear_line(args: tuple[str, ...], code: int, message: str):
    result = run(*args)
    assert result.returncode == code
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_empty_corpus_is_an_error(tmp_path: Path):
    empty = run("freq", str(tmp_path))
    assert empty.returncode == 1 and "no documents found" in empty.stderr
    (tmp_path / "blank.txt").write_text("\n\n", "utf-8")
    blank = run("freq", str(tmp_path))
    assert blank.returncode == 1 and "no tokens to count" in blank.stderr
    assert "1 empty" in blank.stderr


def test_output_file_for_spreadsheets(tmp_path: Path):
    result = run("freq", "corpus", "--n", "0", "--output", str(tmp_path / "tf.csv"))
    assert result.returncode == 0 and result.stdout.strip() == str(tmp_path / "tf.csv")
    assert (tmp_path / "tf.csv").read_text("utf-8-sig").startswith("term,n,per_million,docs\nrelations,7,")


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
    assert {"azerbaijan", "nagorno-karabakh"} & {r["term"] for r in json.loads(english.stdout)}
    missing = run("keyness", "corpus")
    assert missing.returncode == 1 and "needs --by FIELD --target VALUE" in missing.stderr


def test_kwic_command_csv_contract():
    result = run("kwic", "corpus", "relations", "--window", "3", "--sort", "right", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["doc_id", "position", "left", "keyword", "right"]
    assert len(rows) == 7  # "relations" occurs 7 times in the article
    assert [r["right"].lower() for r in rows] == sorted(r["right"].lower() for r in rows)
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


def test_new_flag_names_and_their_older_spellings_give_the_same_bytes(nltk_corpus_dir):
    """--name-template (was --pattern) and --random-state (was --seed): both spellings keep working."""
    nltk_corpus_dir("inaugural")
    common = ("freq", "nltk:inaugural", "--by", "president", "--n", "2", "--format", "csv")
    new = run(*common, "--name-template", "{year}-{president}")
    old = run(*common, "--pattern", "{year}-{president}")
    assert new.returncode == 0 and new.stderr == "", new.stderr
    assert new.stdout == old.stdout and "Washington," in new.stdout
    sample = ("kwic", "corpus", "the", "--sample", "3", "--format", "csv")
    assert run(*sample, "--random-state", "7").stdout == run(*sample, "--seed", "7").stdout
    assert run(*sample, "--random-state", "7").stdout != run(*sample, "--random-state", "8").stdout
    helped = run("kwic", "--help").stdout
    assert "--random-state N, --seed N" in helped and "--name-template TEMPLATE, --pattern TEMPLATE" in helped


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
