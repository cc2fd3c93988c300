"""What every analysis command shares: tokenisation flags, the corpus stream, the load report check and the output."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from toolkit.cli.parser import PROG, UserError
from toolkit.corpus.pages import PageOptions
from toolkit.paths import resolve
from toolkit.progress import printable
from toolkit.tokens.options import TokenOptions

if TYPE_CHECKING:
    from collections.abc import MutableSequence, Sequence

    import pandas as pd

    from toolkit.corpus.loadreport import LoadEntry, LoadReport


def args_token_options(args: argparse.Namespace, *, stopwords: bool) -> TokenOptions:
    """Tokenisation settings from the flags; ``stopwords`` says whether this command leaves stopwords out."""
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


def args_extraction(args: argparse.Namespace) -> PageOptions:
    """How web pages become text, from ``--favor``, ``--comments`` and ``--no-tables``."""
    return PageOptions(favor=args.favor, comments=args.comments, tables=not args.no_tables)


def document_stream(args: argparse.Namespace, entries: MutableSequence[LoadEntry]) -> Any:
    """Stream the documents of ``args.path``, recording the load report in ``entries``."""
    from toolkit.corpus.loading import iter_documents
    from toolkit.progress import progress

    documents = iter_documents(
        args.path,  # a path, relative to the shell's folder, or nltk:NAME: iter_documents tells which
        entries=entries,
        name_template=args.name_template,
        text_column=args.text_column,
        fallback_encoding=args.fallback_encoding,
        strict_encoding=args.strict_encoding,
        extraction=args_extraction(args),
        cache=not args.no_cache,
        jobs=getattr(args, "jobs", None),
    )
    return documents.through(lambda stream: progress(stream, desc=f"reading {args.path}"))


def check_load_report(args: argparse.Namespace, entries: Sequence[LoadEntry]) -> LoadReport:
    """Check a finished load: no documents or a ``--strict`` skip is an error; skips are summarised on stderr."""
    from toolkit.corpus.loadreport import LoadReport

    report = LoadReport(args.path, entries)  # not copied: 400,000 entries, each made as it is read
    if report.n_documents == 0:
        detail = f" ({report.summary().split(': ', 1)[1]})" if entries else ""
        raise UserError(printable(f"{args.path}: no documents found{detail}"))
    if args.strict and report.refused:
        first = report.refused[0]
        raise UserError(printable(f"{report.summary()}; --strict: {first.path}: {first.reason}"))
    if report.skipped or report.fallbacks or report.empty:
        print(printable(f"{PROG}: {report.summary()} (details: {PROG} info {args.path})"), file=sys.stderr)
    return report


def emit(table: pd.DataFrame, args: argparse.Namespace) -> int:
    """Write a result table as asked: a file for spreadsheets, or csv/json/table on stdout."""
    import pandas as pd

    from toolkit.tables import save_table, write_exact_csv

    if args.output:
        print(printable(str(save_table(table, resolve(args.output)))))
    elif args.format == "csv":
        write_exact_csv(table, sys.stdout)  # exact data: a line break in a value is quoted, even a bare "\r"
    elif args.format == "json":
        sys.stdout.write(table.to_json(orient="records", force_ascii=False) + "\n")
    else:
        with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 80):
            # for people: a name with a control character is shown escaped, on its own line
            shown = table.rename(columns=printable).map(lambda v: printable(v) if isinstance(v, str) else v)
            print(shown.to_string(index=False))
    return 0


def head_rows(table: pd.DataFrame, args: argparse.Namespace) -> pd.DataFrame:
    """Return the first ``--n`` rows (0: all)."""
    if args.n < 0:
        raise UserError(f"--n must be 0 (all) or more, got {args.n}")
    return table.head(args.n) if args.n else table


def analyse(args: argparse.Namespace, compute: Callable[[Any], Any]) -> Any:
    """Run an analysis over the corpus stream, then check the load report (no documents, --strict, skips)."""
    from toolkit.corpus.loadreport import LoadEntries

    entries = LoadEntries()
    table = compute(document_stream(args, entries))
    check_load_report(args, entries)
    return table
