"""The command line's parser: commands, their flags and help (a contract other tools script against)."""

from __future__ import annotations

import argparse
import math
from typing import NoReturn

from toolkit.tokens.options import TOKENIZERS

PROG = "python -m toolkit"


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        """Print the usage error in one line, with a pointer to ``--help``, and exit 2."""
        self.exit(2, f"{PROG}: error: {message} (see {PROG} --help)\n")


class UserError(Exception):
    """An error to print as one line."""


def at_least_one(value: str) -> int:
    """Read a flag's whole number of 1 or more (``--window``, ``--timeout`` of reports); else a usage error.

    Parameters
    ----------
    value : str
        The flag's value as typed.

    Returns
    -------
    int

    Raises
    ------
    argparse.ArgumentTypeError
        For anything else: argparse prints it as a usage error and exits 2.

    Examples
    --------
    >>> at_least_one("5")
    5
    >>> at_least_one("-5")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be a whole number of 1 or more, got '-5'
    """
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, got {value!r}")
    return number


def seconds(value: str) -> float:
    """Read a flag's number of seconds over 0 (a time limit: 0, a negative or ``inf`` would mean none).

    Parameters
    ----------
    value : str
        The flag's value as typed.

    Returns
    -------
    float

    Raises
    ------
    argparse.ArgumentTypeError
        For anything else: argparse prints it as a usage error and exits 2.

    Examples
    --------
    >>> seconds("2.5")
    2.5
    >>> seconds("0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be a number of seconds over 0, got '0'
    """
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not (math.isfinite(number) and number > 0):
        raise argparse.ArgumentTypeError(f"must be a number of seconds over 0, got {value!r}")
    return number


def corpus_options() -> argparse.ArgumentParser:
    """Return the loading and tokenisation flags every analysis command shares."""
    shared = argparse.ArgumentParser(add_help=False)
    load = shared.add_argument_group("loading")
    load.add_argument(
        "--strict", action="store_true", help="any skipped file, or web page of a guessed encoding, is an error"
    )
    load.add_argument("--strict-encoding", action="store_true", help="a file that is not UTF-8 is an error")
    load.add_argument("--fallback-encoding", default="cp1252", metavar="CODEC", help="for files not in UTF-8 (cp1252)")
    load.add_argument(
        "--name-template",
        "--pattern",  # the older spelling, kept: scripts use it
        dest="name_template",
        metavar="TEMPLATE",
        help="fields from file names, e.g. '{year}-{president}' (--pattern is the same)",
    )
    load.add_argument("--text-column", default="text", metavar="NAME", help="text field of a CSV/JSONL source")
    web = shared.add_argument_group("web pages (HTML, WARC, RSS/Atom: article text by trafilatura)")
    web.add_argument(
        "--favor",
        choices=("precision", "balanced", "recall"),
        default="precision",
        help="leave out more that might not be the article (precision, the default) or keep more (recall)",
    )
    web.add_argument("--comments", action="store_true", help="keep readers' comments below an article")
    web.add_argument("--no-tables", action="store_true", help="leave out the text of tables")
    tok = shared.add_argument_group("tokens")
    tok.add_argument("--tokenizer", default="treebank", choices=TOKENIZERS, help="default: treebank")
    tok.add_argument("--keep-case", action="store_true", help="do not lower-case tokens")
    tok.add_argument("--keep-punct", action="store_true", help="keep punctuation-only tokens")
    tok.add_argument("--keep-stopwords", action="store_true", help="do not remove stopwords")
    tok.add_argument("--no-clean", action="store_true", help="count the files' text exactly, boilerplate included")
    tok.add_argument("--min-length", type=int, default=1, metavar="N", help="drop shorter tokens")
    tok.add_argument("--stem", action="store_true", help="Snowball stemming")
    tok.add_argument("--language", default="english", help="for sentences, stopwords, stemming")
    tok.add_argument("--no-cache", action="store_true", help="do not read or write the token cache")
    return shared


def output_options() -> argparse.ArgumentParser:
    """Return the output flags: ``--format table|csv|json`` and ``--output FILE``."""
    shared = argparse.ArgumentParser(add_help=False)
    out = shared.add_argument_group("output")
    out.add_argument("--format", default="table", choices=("table", "csv", "json"), help="default: table")
    out.add_argument("--output", metavar="FILE", help="write a CSV for spreadsheets here instead of stdout")
    return shared


def build_parser() -> argparse.ArgumentParser:
    """Build the parser of ``python -m toolkit`` and all its commands."""
    parser = Parser(prog=PROG, description="Corpus notebook toolkit: load, clean, tokenise and analyse news corpora.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=Parser)
    shared = corpus_options()
    output = output_options()

    info = commands.add_parser("info", parents=[shared], help="documents, tokens, types, fields, load report")
    info.add_argument("path", metavar="PATH", help="folder, .csv, .jsonl or nltk:NAME")

    freq = commands.add_parser("freq", parents=[shared, output], help="term frequencies")
    freq.add_argument("path", metavar="PATH", help="folder, .csv, .jsonl or nltk:NAME")
    freq.add_argument("--n", type=int, default=20, metavar="N", help="terms to show, per group (0 = all; 20)")
    freq.add_argument("--by", metavar="FIELD", help="count within each value of a metadata field")
    freq.add_argument("--ngram", type=int, default=1, choices=range(1, 6), metavar="N", help="1 (words) to 5")
    freq.add_argument("--min-count", type=int, default=1, metavar="N", help="keep terms seen at least N times")
    freq.add_argument(
        "--jobs", type=at_least_one, default=1, metavar="N", help="processes that tokenise in parallel (1)"
    )
    freq.add_argument(
        "--scheduler", metavar="ADDRESS", help="count on a Dask cluster, e.g. tcp://host:8786 (pip install '.[dask]')"
    )

    key = commands.add_parser("keyness", parents=[shared, output], help="keywords: target vs reference")
    key.add_argument("path", metavar="PATH", help="folder, .csv, .jsonl or nltk:NAME")
    key.add_argument("--by", metavar="FIELD", help="metadata field that selects the target")
    key.add_argument("--target", metavar="VALUE", help="value of --by for the target documents")
    key.add_argument(
        "--reference",
        metavar="PATH|english|VALUE",
        help="another corpus, general English (wordfreq), or with --by another value of the field (default: the rest)",
    )
    key.add_argument("--form", default="two-term", choices=("two-term", "four-term"), help="G2 variant (two-term)")
    key.add_argument("--williams", action="store_true", help="Williams' correction of G2 (as quanteda)")
    key.add_argument("--bonferroni", action="store_true", help="Bonferroni-adjusted p-values")
    key.add_argument("--min-count", type=int, default=1, metavar="N", help="minimum frequency in both parts")
    key.add_argument("--n", type=int, default=0, metavar="N", help="rows to show (0 = all; 0)")
    key.add_argument(
        "--left-out",
        metavar="FILE",
        help="with --reference english: write the terms not compared (wordfreq reads other words) to this CSV",
    )

    conc = commands.add_parser("kwic", parents=[shared, output], help="concordance lines (keyword in context)")
    conc.add_argument("path", metavar="PATH", help="folder, .csv, .jsonl or nltk:NAME")
    conc.add_argument("pattern", metavar="PATTERN", help="word or phrase; * and ? wildcards, or --regex")
    conc.add_argument("--window", type=at_least_one, default=5, metavar="N", help="tokens of context on each side (5)")
    conc.add_argument("--regex", action="store_true", help="PATTERN words are regular expressions")
    conc.add_argument("--sort", choices=("left", "right"), help="sort by the left or right context")
    conc.add_argument("--sample", type=at_least_one, metavar="N", help="a random sample of N lines")
    conc.add_argument(
        "--random-state", "--seed", dest="random_state", type=int, default=0, metavar="N", help="seed of the sample (0)"
    )
    conc.add_argument("--n", type=int, default=0, metavar="N", help="rows to show (0 = all; 0)")

    coll = commands.add_parser("collocates", parents=[shared, output], help="words near a node word")
    coll.add_argument("path", metavar="PATH", help="folder, .csv, .jsonl or nltk:NAME")
    coll.add_argument("pattern", metavar="PATTERN", help="word or phrase; * and ? wildcards, or --regex")
    coll.add_argument("--window", type=at_least_one, default=5, metavar="N", help="tokens on each side (5)")
    coll.add_argument("--regex", action="store_true", help="PATTERN words are regular expressions")
    coll.add_argument("--min-count", type=int, default=2, metavar="N", help="minimum co-occurrences (2)")
    coll.add_argument(
        "--sort-by", default="log_dice", choices=("n", "mi", "t_score", "log_dice", "g2"), help="default: log_dice"
    )
    coll.add_argument("--n", type=int, default=0, metavar="N", help="rows to show (0 = all; 0)")

    rep = commands.add_parser("report", help="run report notebooks to HTML, CSV and Excel")
    rep.add_argument("names", nargs="*", metavar="NAME", help="report names (overview, keyness, ...) or all")
    rep.add_argument("--corpus", metavar="PATH", help="corpus for every run (default: the project's corpus/)")
    rep.add_argument(
        "-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"), help="a parameter"
    )
    rep.add_argument("-f", "--parameters-file", metavar="YAML", help="a parameter set, or a list of them (a batch)")
    rep.add_argument("--out", metavar="DIR", help="output folder (default: reports/)")
    rep.add_argument("--jobs", type=at_least_one, default=1, metavar="N", help="reports run at once (1)")
    rep.add_argument("--timeout", type=at_least_one, default=600, metavar="S", help="seconds one cell may run (600)")
    rep.add_argument("--pdf", action="store_true", help="also print each report to PDF with Chromium")
    rep.add_argument("--list", action="store_true", help="list the reports and their parameters, then exit")

    bench = commands.add_parser("bench", help="time counting at 5/50/200 MB against stock NLTK and CountVectorizer")
    bench.add_argument("--sizes", default="5,50,200", metavar="MB,...", help="corpus sizes in MB (5,50,200)")
    bench.add_argument("--slow-max", type=float, default=50, metavar="MB", help="largest size for stock NLTK (50)")
    bench.add_argument("--jobs", type=at_least_one, default=2, metavar="N", help="processes for the toolkit (2)")
    bench.add_argument("--data", default="", metavar="DIR", help="where corpora are built and kept (temp folder)")
    bench.add_argument("--repeat", type=int, default=3, metavar="N", help="runs of each fast configuration (3)")

    ex = commands.add_parser("exercises", help="teaching exercises")
    ex_commands = ex.add_subparsers(dest="action", required=True, metavar="ACTION", parser_class=Parser)
    build = ex_commands.add_parser("build", help="write the student version: solutions and teacher cells removed")
    build.add_argument("--out", metavar="DIR", help="output folder (default: student/)")
    build.add_argument("--force", action="store_true", help="write into an output folder that already holds files")
    grade = ex_commands.add_parser("grade", help="run students' notebooks, write grades.csv and a class summary")
    grade.add_argument(
        "submissions", metavar="SUBMISSIONS_DIR", help="STUDENT/*.ipynb or nbgrader's submitted/STUDENT/ASSIGNMENT/"
    )
    grade.add_argument("--out", metavar="DIR", help="output folder (default: grades/)")
    grade.add_argument("--timeout", type=seconds, default=120, metavar="S", help="seconds one cell may run (120)")
    grade.add_argument("--source", metavar="DIR", help="the source notebooks (default: notebooks/exercises/)")
    course = ex_commands.add_parser("nbgrader", help="set up an nbgrader course folder for the exercises")
    course.add_argument("course", metavar="COURSE_DIR", help="the course folder (created if needed)")
    course.add_argument("--assignment", default="exercises", metavar="NAME", help="assignment name (exercises)")
    course.add_argument("--force", action="store_true", help="replace an existing assignment source and config")
    return parser
