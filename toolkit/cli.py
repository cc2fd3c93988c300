"""Command line: ``python -m toolkit info|freq|keyness|kwic|collocates ...``.

A contract other tools script against: command names, flags and CSV columns
stay as they are. Errors are one line on stderr and a non-zero exit, never a
traceback: 2 for a usage error, 1 for a corpus or analysis error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from toolkit.paths import resolve
from toolkit.tokens.options import TOKENIZERS, TokenOptions

if TYPE_CHECKING:
    import pandas as pd

    from toolkit.corpus.loadreport import LoadEntry, LoadReport

# Each command imports what it needs (pandas, the analyses) when it runs: the command line starts quickly, and
# ``freq --jobs N`` starts its counting workers' fork server first (see main).

PROG = "python -m toolkit"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {message} (see {PROG} --help)\n")


class _UserError(Exception):
    """An error to print as one line."""


def _corpus_options() -> argparse.ArgumentParser:
    shared = argparse.ArgumentParser(add_help=False)
    load = shared.add_argument_group("loading")
    load.add_argument("--strict", action="store_true", help="any skipped file is an error")
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


def _output_options() -> argparse.ArgumentParser:
    shared = argparse.ArgumentParser(add_help=False)
    out = shared.add_argument_group("output")
    out.add_argument("--format", default="table", choices=("table", "csv", "json"), help="default: table")
    out.add_argument("--output", metavar="FILE", help="write a CSV for spreadsheets here instead of stdout")
    return shared


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Corpus notebook toolkit: load, clean, tokenise and analyse news corpora.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    shared = _corpus_options()
    output = _output_options()

    info = commands.add_parser("info", parents=[shared], help="documents, tokens, types, fields, load report")
    info.add_argument("path", metavar="PATH", help="folder, .csv, .jsonl or nltk:NAME")

    freq = commands.add_parser("freq", parents=[shared, output], help="term frequencies")
    freq.add_argument("path", metavar="PATH", help="folder, .csv, .jsonl or nltk:NAME")
    freq.add_argument("--n", type=int, default=20, metavar="N", help="terms to show, per group (0 = all; 20)")
    freq.add_argument("--by", metavar="FIELD", help="count within each value of a metadata field")
    freq.add_argument("--ngram", type=int, default=1, choices=range(1, 6), metavar="N", help="1 (words) to 5")
    freq.add_argument("--min-count", type=int, default=1, metavar="N", help="keep terms seen at least N times")
    freq.add_argument("--jobs", type=int, default=1, metavar="N", help="processes that tokenise in parallel (1)")
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

    conc = commands.add_parser("kwic", parents=[shared, output], help="concordance lines (keyword in context)")
    conc.add_argument("path", metavar="PATH", help="folder, .csv, .jsonl or nltk:NAME")
    conc.add_argument("pattern", metavar="PATTERN", help="word or phrase; * and ? wildcards, or --regex")
    conc.add_argument("--window", type=int, default=5, metavar="N", help="tokens of context on each side (5)")
    conc.add_argument("--regex", action="store_true", help="PATTERN words are regular expressions")
    conc.add_argument("--sort", choices=("left", "right"), help="sort by the left or right context")
    conc.add_argument("--sample", type=int, metavar="N", help="a random sample of N lines")
    conc.add_argument(
        "--random-state", "--seed", dest="random_state", type=int, default=0, metavar="N", help="seed of the sample (0)"
    )
    conc.add_argument("--n", type=int, default=0, metavar="N", help="rows to show (0 = all; 0)")

    coll = commands.add_parser("collocates", parents=[shared, output], help="words near a node word")
    coll.add_argument("path", metavar="PATH", help="folder, .csv, .jsonl or nltk:NAME")
    coll.add_argument("pattern", metavar="PATTERN", help="word or phrase; * and ? wildcards, or --regex")
    coll.add_argument("--window", type=int, default=5, metavar="N", help="tokens on each side (5)")
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
    rep.add_argument("--jobs", type=int, default=1, metavar="N", help="reports run at once (1)")
    rep.add_argument("--timeout", type=int, default=600, metavar="S", help="seconds one cell may run (600)")
    rep.add_argument("--pdf", action="store_true", help="also print each report to PDF with Chromium")
    rep.add_argument("--list", action="store_true", help="list the reports and their parameters, then exit")

    bench = commands.add_parser("bench", help="time counting at 5/50/200 MB against stock NLTK and CountVectorizer")
    bench.add_argument("--sizes", default="5,50,200", metavar="MB,...", help="corpus sizes in MB (5,50,200)")
    bench.add_argument("--slow-max", type=float, default=50, metavar="MB", help="largest size for stock NLTK (50)")
    bench.add_argument("--jobs", type=int, default=2, metavar="N", help="processes for the toolkit (2)")
    bench.add_argument("--data", default="", metavar="DIR", help="where corpora are built and kept (temp folder)")

    ex = commands.add_parser("exercises", help="teaching exercises")
    ex_commands = ex.add_subparsers(dest="action", required=True, metavar="ACTION", parser_class=_Parser)
    build = ex_commands.add_parser("build", help="write the student version: solutions and teacher cells removed")
    build.add_argument("--out", metavar="DIR", help="output folder (default: student/)")
    return parser


def _token_options(args: argparse.Namespace, *, stopwords: bool) -> TokenOptions:
    return TokenOptions(
        tokenizer=args.tokenizer,
        lowercase=not args.keep_case,
        drop_punct=not args.keep_punct,
        stopwords=stopwords and not args.keep_stopwords,
        min_length=args.min_length,
        stem=args.stem,
        language=args.language,
        clean=not args.no_clean,
        cache=not args.no_cache,
    )


def _stream(args: argparse.Namespace, entries: list[LoadEntry]) -> Any:
    from toolkit.corpus.loading import iter_documents
    from toolkit.progress import progress

    documents = iter_documents(
        args.path,  # a path, relative to the shell's folder, or nltk:NAME: iter_documents tells which
        entries=entries,
        name_template=args.name_template,
        text_column=args.text_column,
        fallback_encoding=args.fallback_encoding,
        strict_encoding=args.strict_encoding,
    )
    return progress(documents, desc=f"reading {args.path}")


def _check_report(args: argparse.Namespace, entries: list[LoadEntry]) -> LoadReport:
    from toolkit.corpus.loadreport import LoadReport

    report = LoadReport(args.path, tuple(entries))
    if report.n_documents == 0:
        detail = f" ({report.summary().split(': ', 1)[1]})" if entries else ""
        raise _UserError(f"{args.path}: no documents found{detail}")
    if args.strict and report.skipped:
        first = report.skipped[0]
        raise _UserError(f"{report.summary()}; --strict: {first.path}: {first.reason}")
    if report.skipped or report.fallbacks or report.empty:
        print(f"{PROG}: {report.summary()} (details: {PROG} info {args.path})", file=sys.stderr)
    return report


def _info(args: argparse.Namespace) -> int:
    from toolkit.counting.terms import count_terms

    entries: list[LoadEntry] = []
    options = _token_options(args, stopwords=False)
    fields: dict[str, None] = {}
    counts = count_terms(_counted(_stream(args, entries), fields), options=options)
    report = _check_report(args, entries)
    tokens = int(counts["n"].sum())
    print(f"documents: {report.n_documents}")
    print(f"tokens:    {tokens}")
    print(f"types:     {len(counts)}")
    print(f"fields:    {', '.join(fields) or '(none)'}")
    for key, value in counts.attrs["settings"].items():
        print(f"  {key}: {value}")
    print(report)
    return 0


def _counted(stream: Any, fields: dict[str, None]) -> Any:
    for doc in stream:
        fields.update(dict.fromkeys(doc.meta))
        yield doc


def _freq(args: argparse.Namespace) -> int:
    from toolkit.counting.terms import TermCounts
    from toolkit.counting.texts import MISSING

    if args.n < 0:
        raise _UserError(f"--n must be 0 (all) or more, got {args.n}")
    options = _token_options(args, stopwords=True)
    client = _dask_client(args.scheduler) if args.scheduler else None
    try:
        counted = _analyse(
            args,
            lambda docs: TermCounts.from_corpus(
                docs, by=args.by, ngram=args.ngram, min_count=args.min_count, jobs=args.jobs, client=client,
                options=options,
            ),
        )  # fmt: skip
    finally:
        if client is not None:
            client.close()
    if args.by and set(counted.total) == {MISSING}:
        raise _UserError(f"no document has a field {args.by!r}")
    if not sum(counted.total.values()):
        raise _UserError(f"{args.path}: no tokens to count with these settings")
    if args.format == "csv" and not args.output:
        counted.write_csv(sys.stdout, n=args.n)  # the bytes of the pandas path below, without loading pandas
        return 0
    from toolkit.counting.terms import top_terms

    counts = counted.frame()
    return _emit(top_terms(counts, args.n, by=args.by)[counts.columns], args)


def _dask_client(address: str) -> Any:
    try:
        from distributed import Client
    except ImportError:
        raise _UserError("--scheduler needs dask.distributed: pip install -e '.[dask]'") from None
    try:
        return Client(address, timeout="10s")
    except (OSError, TimeoutError) as err:
        raise _UserError(f"cannot reach the Dask scheduler at {address}: {err}") from None


def _emit(table: pd.DataFrame, args: argparse.Namespace) -> int:
    """Write a result table as asked: a file for spreadsheets, or csv/json/table on stdout."""
    import pandas as pd

    from toolkit.tables import save_table

    if args.output:
        print(save_table(table, resolve(args.output)))
    elif args.format == "csv":
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
    elif args.format == "json":
        sys.stdout.write(table.to_json(orient="records", force_ascii=False) + "\n")
    else:
        with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 80):
            print(table.to_string(index=False))
    return 0


def _head(table: pd.DataFrame, args: argparse.Namespace) -> pd.DataFrame:
    if args.n < 0:
        raise _UserError(f"--n must be 0 (all) or more, got {args.n}")
    return table.head(args.n) if args.n else table


def _analyse(args: argparse.Namespace, compute: Callable[[Any], Any]) -> Any:
    """Run an analysis over the corpus stream, then check the load report (no documents, --strict, skips)."""
    entries: list[LoadEntry] = []
    table = compute(_stream(args, entries))
    _check_report(args, entries)
    return table


def _is_source(reference: str) -> bool:
    """Whether ``--reference`` names a corpus to load (``nltk:NAME`` or an existing path) rather than a group."""
    return reference.startswith("nltk:") or resolve(reference).exists()


def _keyness(args: argparse.Namespace) -> int:
    import pandas as pd

    from toolkit.analysis.keyness import (  # NLTK and scipy load only for the commands that use them
        KEYNESS_COLUMNS,
        keyness,
    )

    reference = args.reference
    group_value = bool(args.by) and reference not in (None, "english") and not _is_source(reference)
    if reference and reference != "english" and not group_value:  # a corpus: loaded with this command's options
        ref_args = argparse.Namespace(**{**vars(args), "path": reference})
        reference = _analyse(
            ref_args, lambda docs: pd.DataFrame([(d.doc_id, d.text) for d in docs], columns=["doc_id", "text"])
        )
    if reference is None and not (args.by and args.target is not None):
        raise _UserError("keyness needs --by FIELD --target VALUE, or --reference PATH|english")
    if group_value:  # a value of --by: the target group against that group
        reference = str(reference)
    table = _analyse(
        args,
        lambda docs: keyness(
            docs,
            by=args.by,
            target=args.target,
            reference=reference,
            form=args.form,
            williams=args.williams,
            correction="bonferroni" if args.bonferroni else "none",
            min_count=args.min_count,
            options=_token_options(args, stopwords=True),
        ),
    )
    return _emit(_head(table[KEYNESS_COLUMNS], args), args)


def _kwic(args: argparse.Namespace) -> int:
    from toolkit.analysis.concordance import kwic

    options = _token_options(args, stopwords=False)
    table = _analyse(
        args,
        lambda docs: kwic(
            docs,
            args.pattern,
            window=args.window,
            regex=args.regex,
            sort=args.sort,
            n=args.sample,
            random_state=args.random_state,
            options=options,
        ),
    )
    return _emit(_head(table, args), args)


def _collocates(args: argparse.Namespace) -> int:
    from toolkit.analysis.collocates import collocates

    options = _token_options(args, stopwords=True)
    table = _analyse(
        args,
        lambda docs: collocates(
            docs,
            args.pattern,
            window=args.window,
            regex=args.regex,
            min_count=args.min_count,
            sort_by=args.sort_by,
            options=options,
        ),
    )
    return _emit(_head(table, args), args)


def _report(args: argparse.Namespace) -> int:
    from toolkit.paths import REPORTS_DIR
    from toolkit.reports.parameters import expand_runs, list_notebooks, load_parameter_file, notebook_parameters
    from toolkit.reports.provenance import SUCCEEDED
    from toolkit.reports.rendering import find_chromium
    from toolkit.reports.running import run_batch

    if args.list:
        for stem, path in list_notebooks().items():
            print(stem)
            for p in notebook_parameters(path).values():
                print(f"  {p.name}: {p.type_name} = {p.default}  # {p.help}")
        return 0
    if not args.names:
        raise _UserError("give report names (overview, frequency, keyness, concordance, trends) or all")
    base: dict[str, Any] = {}
    if args.corpus:
        base["corpus"] = args.corpus if args.corpus.startswith("nltk:") else str(resolve(args.corpus))
    for name, value in args.parameter:
        base[name] = value
    sets = load_parameter_file(resolve(args.parameters_file)) if args.parameters_file else [{}]
    runs = expand_runs(args.names, [{**s, **base} for s in sets])
    if args.jobs < 1:
        raise _UserError(f"--jobs must be 1 or more, got {args.jobs}")
    if args.pdf and find_chromium() is None:
        print(f"{PROG}: no PDF: Chromium is not installed (Debian: apt-get install chromium)", file=sys.stderr)
    out = resolve(args.out) if args.out else REPORTS_DIR
    results = run_batch(runs, out=out, jobs=args.jobs, timeout=args.timeout, pdf=args.pdf)
    print(out / "index.html")
    return 0 if all(r.status == SUCCEEDED for r in results) else 1


def _exercises(args: argparse.Namespace) -> int:
    from toolkit.paths import PROJECT_ROOT
    from toolkit.teaching.student import build_student

    out = resolve(args.out) if args.out else PROJECT_ROOT / "student"
    written = build_student(out)
    print(f"{len(written)} student notebooks in {out}; open them with: jupyter lab {out}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    import importlib.util

    from toolkit.paths import PROJECT_ROOT

    script = PROJECT_ROOT / "benchmarks" / "bench_counting.py"
    if not script.is_file():
        raise _UserError(f"the benchmark lives in the source checkout ({script}); it is not installed with the package")
    spec = importlib.util.spec_from_file_location("bench_counting", script)
    if spec is None or spec.loader is None:
        raise _UserError(f"cannot load the benchmark script {script}")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    try:
        sizes = [float(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        raise _UserError(f"--sizes takes numbers of MB separated by commas, got {args.sizes!r}") from None
    if not sizes or min(sizes) <= 0 or args.jobs < 1:
        raise _UserError("--sizes must be positive and --jobs 1 or more")
    bench.run_benchmark(sizes, slow_max=args.slow_max, jobs=args.jobs, data=args.data)
    return 0


def _errors() -> tuple[type[BaseException], ...]:
    """Return the errors shown as one line (evaluated when an error arrives: their modules load only then)."""
    from toolkit.corpus.document import CorpusError
    from toolkit.reports.parameters import ReportError

    return (_UserError, CorpusError, ValueError, LookupError, OSError, ReportError)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "freq" and args.jobs > 1 and not args.scheduler:
            from toolkit.counting import bulk, workers

            if bulk.applies(_token_options(args, stopwords=True), args.ngram):
                workers.prestart()  # the fork server imports polars on another core while this process reads files
        commands = {
            "info": _info,
            "freq": _freq,
            "keyness": _keyness,
            "kwic": _kwic,
            "collocates": _collocates,
            "report": _report,
            "exercises": _exercises,
            "bench": _bench,
        }
        return commands[args.command](args)
    except BrokenPipeError:  # e.g. piped into ``head``
        sys.stdout = None  # type: ignore[assignment]  # nothing left to flush
        return 0
    except _errors() as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
