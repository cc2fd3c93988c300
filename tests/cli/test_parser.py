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


def test_a_timeout_must_be_positive_and_a_window_at_least_one(tmp_path):
    """--timeout 0 or -1 would mean "no limit" to the notebook runner; --window -5 would be no context; --jobs 0 ran
    with one job without a word, and --sample 0 gave an empty concordance."""
    cases = [
        (("kwic", "corpus", "the", "--window"), ("-5", "0"), "--window: must be a whole number of 1 or more, got"),
        (
            ("collocates", "corpus", "the", "--window"),
            ("-5", "0"),
            "--window: must be a whole number of 1 or more, got",
        ),
        (
            ("report", "overview", "--out", str(tmp_path / "out"), "--timeout"),
            ("0", "-1", "nan"),
            "--timeout: must be a whole number of 1 or more, got",
        ),
        (("freq", "corpus", "--jobs"), ("0", "-3"), "--jobs: must be a whole number of 1 or more, got"),
        (
            ("report", "overview", "--out", str(tmp_path / "out"), "--jobs"),
            ("0",),
            "--jobs: must be a whole number of 1 or more, got",
        ),
        (("kwic", "corpus", "the", "--sample"), ("0", "-2"), "--sample: must be a whole number of 1 or more, got"),
        (
            ("exercises", "grade", str(tmp_path), "--timeout"),
            ("0", "-1", "nan", "inf"),
            "--timeout: must be a number of seconds over 0, got",
        ),
    ]
    for command, values, message in cases:
        for value in values:
            result = run(*command, value)
            assert result.returncode == 2, (command, value, result.stderr)
            assert result.stderr.startswith(f"python -m toolkit: error: argument {message} {value!r}"), result.stderr
            assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    from toolkit.cli.parser import build_parser

    parser = build_parser()
    assert parser.parse_args(["kwic", "corpus", "the", "--window", "1"]).window == 1
    assert parser.parse_args(["report", "overview", "--timeout", "30"]).timeout == 30
    assert parser.parse_args(["exercises", "grade", "subs", "--timeout", "0.5"]).timeout == 0.5
    assert parser.parse_args(["report", "overview"]).timeout == 600  # the defaults still parse
