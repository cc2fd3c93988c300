"""Analysis commands: info, freq, keyness, kwic and collocates, each a table on stdout or in a file."""

from __future__ import annotations

import argparse
import codecs
import io
import os
import sys
from typing import IO, Any

from toolkit.cli.parser import PROG, UserError
from toolkit.cli.shared import analyse, args_token_options, check_load_report, document_stream, emit, head_rows
from toolkit.paths import resolve
from toolkit.progress import printable


def info_command(args: argparse.Namespace) -> int:
    """``info``: documents, tokens, types and fields of a corpus, its tokenisation settings and load report."""
    from toolkit.corpus.loadreport import LoadEntries
    from toolkit.counting.terms import count_terms

    entries = LoadEntries()
    options = args_token_options(args, stopwords=False)
    fields: dict[str, None] = {}
    counts = count_terms(counted(document_stream(args, entries), fields), options=options)
    report = check_load_report(args, entries)
    tokens = int(counts["n"].sum())
    print(f"documents: {report.n_documents}")
    print(f"tokens:    {tokens}")
    print(f"types:     {len(counts)}")
    print(printable(f"fields:    {', '.join(fields) or '(none)'}"))  # field names come from CSV headers
    for key, value in counts.attrs["settings"].items():
        print(printable(f"  {key}: {value}"))
    print(report)  # its str escapes names
    return 0


def counted(stream: Any, fields: dict[str, None]) -> Any:
    """Pass documents through, noting every metadata field seen on the way."""
    for doc in stream:
        fields.update(dict.fromkeys(doc.meta))
        yield doc


def freq_command(args: argparse.Namespace) -> int:
    """``freq``: term frequencies, overall or ``--by`` a field; CSV on stdout is streamed without pandas.

    A warm count of an unchanged folder writes the CSV its last run wrote (:mod:`toolkit.cli.replay`).
    """
    from toolkit.cli import replay
    from toolkit.corpus.loadreport import LoadEntries

    if args.n < 0:
        raise UserError(f"--n must be 0 (all) or more, got {args.n}")
    options = args_token_options(args, stopwords=True)
    entries = LoadEntries()
    stream = document_stream(args, entries)
    out = _stdout() if args.format == "csv" and not args.output else None
    errors = sys.stdout.errors or "strict"
    memo = replay.freq_memo(args, options, stream) if out is not None and out is not sys.stdout else None
    shown = memo.shown(replay.view(args, errors)) if memo is not None else None
    if shown is not None:  # the load report is replayed: checked, then the bytes its count wrote
        check_load_report(args, entries)
        replay.write_all(out, shown)  # type: ignore[arg-type]  # out is binary when there is a memo
        return 0
    from toolkit.counting.terms import TermCounts
    from toolkit.counting.texts import MISSING

    client = dask_client(args.scheduler) if args.scheduler else None
    try:
        counted = TermCounts.from_corpus(
            stream, by=args.by, ngram=args.ngram, min_count=args.min_count, jobs=args.jobs, client=client,
            options=options,
        )  # fmt: skip
    finally:
        if client is not None:
            client.close()
    check_load_report(args, entries)
    if args.by and set(counted.total) == {MISSING}:
        raise UserError(f"no document has a field {args.by!r}")
    if not sum(counted.total.values()):
        raise UserError(printable(f"{args.path}: no tokens to count with these settings"))
    if out is not None:
        # The bytes of the pandas path below, without loading pandas; to stdout's buffer as stdout would write them.
        if memo is None or counted.rows > replay.SHOWN_ROWS:
            counted.write_csv(out, n=args.n, errors=errors)
            return 0
        written = io.BytesIO()  # kept to be written again by the next run of this command (toolkit.cli.replay)
        counted.write_csv(written, n=args.n, errors=errors)
        shown = written.getvalue()
        replay.write_all(out, shown)  # type: ignore[arg-type]
        memo.keep_shown(replay.view(args, errors), shown)
        return 0
    from toolkit.counting.terms import top_terms

    counts = counted.frame()
    return emit(top_terms(counts, args.n, by=args.by)[counts.columns], args)


def _stdout() -> IO[str] | IO[bytes]:
    """Return standard output, or its buffer (flushed) when text goes out as UTF-8 with its line breaks unchanged.

    Examples
    --------
    >>> _stdout() is sys.stdout or _stdout() is sys.stdout.buffer
    True
    """
    encoding, buffer = getattr(sys.stdout, "encoding", None), getattr(sys.stdout, "buffer", None)
    # Standard output turns "\n" into os.linesep; the command line does not reconfigure it.
    if buffer is None or not encoding or codecs.lookup(encoding).name != "utf-8" or os.linesep != "\n":
        return sys.stdout
    sys.stdout.flush()
    return buffer


def dask_client(address: str) -> Any:
    """Connect to a Dask scheduler, or say in one line why not."""
    try:
        from distributed import Client
    except ImportError:
        raise UserError("--scheduler needs dask.distributed: pip install -e '.[dask]'") from None
    try:
        return Client(address, timeout="10s")
    except (OSError, TimeoutError) as err:
        raise UserError(f"cannot reach the Dask scheduler at {address}: {err}") from None


def is_source(reference: str) -> bool:
    """Whether ``--reference`` names a corpus to load (``nltk:NAME`` or an existing path) rather than a group."""
    return reference.startswith("nltk:") or resolve(reference).exists()


def keyness_command(args: argparse.Namespace) -> int:
    """``keyness``: the target (``--by``, ``--target``) against ``--reference`` (rest, group, corpus, English)."""
    import pandas as pd

    from toolkit.analysis.keyness import (  # NLTK and scipy load only for the commands that use them
        KEYNESS_COLUMNS,
        keyness,
        left_out_terms,
    )

    reference = args.reference
    english = reference == "english"
    if args.left_out and not english:
        raise UserError("--left-out lists the terms not compared with general English: give --reference english")
    group_value = bool(args.by) and reference not in (None, "english") and not is_source(reference)
    if reference and reference != "english" and not group_value:  # a corpus: loaded with this command's options
        ref_args = argparse.Namespace(**{**vars(args), "path": reference})
        reference = analyse(
            ref_args, lambda docs: pd.DataFrame([(d.doc_id, d.text) for d in docs], columns=["doc_id", "text"])
        )
    if reference is None and not (args.by and args.target is not None):
        raise UserError("keyness needs --by FIELD --target VALUE, or --reference PATH|english")
    if group_value:  # a value of --by: the target group against that group
        reference = str(reference)
    table = analyse(
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
            options=args_token_options(args, stopwords=True),
        ),
    )
    if english:
        from toolkit.tables import save_table

        left_out = left_out_terms(table)
        shown = ", ".join(f"{t} ({n})" for t, n in zip(left_out["term"][:10], left_out["n_target"][:10], strict=True))
        more = f" and {len(left_out) - 10:,} more" if len(left_out) > 10 else ""
        where = f"; all in {args.left_out}" if args.left_out else "; --left-out FILE lists them all"
        print(
            printable(
                f"{PROG}: {len(left_out):,} terms not compared with general English "
                f"(numbers, or wordfreq reads other words): {shown or 'none'}{more}{where}"
            ),
            file=sys.stderr,
        )
        if args.left_out:
            save_table(left_out, resolve(args.left_out))
    return emit(head_rows(table[KEYNESS_COLUMNS], args), args)


def kwic_command(args: argparse.Namespace) -> int:
    """``kwic``: concordance lines of a pattern, sorted or sampled."""
    from toolkit.analysis.concordance import kwic

    options = args_token_options(args, stopwords=False)
    table = analyse(
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
    return emit(head_rows(table, args), args)


def collocates_command(args: argparse.Namespace) -> int:
    """``collocates``: words near a pattern, with their association measures."""
    from toolkit.analysis.collocates import collocates

    options = args_token_options(args, stopwords=True)
    table = analyse(
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
    return emit(head_rows(table, args), args)
