"""The parser: flags, their older spellings, help text; usage errors exit 2."""

from __future__ import annotations

from conftest import run_cli as run


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


def test_the_parser_maps_every_spelling_to_one_destination():
    from toolkit.cli.parser import build_parser

    parser = build_parser()
    old = parser.parse_args(["kwic", "corpus", "peace", "--seed", "3", "--pattern", "{year}"])
    new = parser.parse_args(["kwic", "corpus", "peace", "--random-state", "3", "--name-template", "{year}"])
    assert vars(old) == vars(new)
    assert (new.random_state, new.name_template, new.pattern) == (3, "{year}", "peace")
    collocates = parser.parse_args(["collocates", "corpus", "free*", "--regex"])
    assert (collocates.pattern, collocates.regex, collocates.sort_by) == ("free*", True, "log_dice")


def test_a_usage_error_is_one_line_with_a_pointer_to_help_and_exit_2():
    result = run("collocates", "corpus")  # no pattern
    assert result.returncode == 2
    assert result.stderr == (
        "python -m toolkit: error: the following arguments are required: PATTERN (see python -m toolkit --help)\n"
    )
