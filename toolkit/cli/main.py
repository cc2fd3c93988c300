"""Command line: ``python -m toolkit info|freq|keyness|kwic|collocates ...``.

A contract other tools script against: command names, flags and CSV columns
stay as they are. Errors are one line on stderr and a non-zero exit, never a
traceback: 2 for a usage error, 1 for a corpus or analysis error.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Sequence

from toolkit.cli.commands import collocates_command, freq_command, info_command, keyness_command, kwic_command
from toolkit.cli.parser import PROG, UserError, build_parser
from toolkit.cli.project import bench_command, exercises_command, report_command
from toolkit.cli.shared import args_token_options
from toolkit.progress import printable

# Each command imports what it needs (pandas, the analyses) when it runs: the command line starts quickly, and
# ``freq --tokenizer regexp --jobs N`` starts its counting workers' fork server first (see main).


def _errors() -> tuple[type[BaseException], ...]:
    """Return the errors shown as one line (evaluated when an error arrives: their modules load only then)."""
    from toolkit.corpus.document import CorpusError
    from toolkit.counting.processes import CountingError
    from toolkit.reports.parameters import ReportError

    return (UserError, CorpusError, ValueError, LookupError, OSError, ReportError, CountingError)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    in_bulk = False  # a regexp count in bulk, with its folder of tables (see toolkit.counting.workers)
    try:
        if args.command == "freq":
            from toolkit.counting import launch

            launch.lean_allocator()  # before polars loads
            # The regexp count's workers are forks of this process, made before it starts a thread or loads polars
            # (prefork): they load polars as this process does and count at once, where a fork server's had to start
            # a Python and load the counting first. The other tokenisers' fork server starts when a document is not
            # in the token cache: a warm count needs no worker, and its NLTK import took a fifth of a warm count's
            # time (50 MB: 0.83-0.98 s, with it 1.12-1.23 s).
            in_bulk = not args.scheduler and launch.applies(args_token_options(args, stopwords=True), args.ngram)
            if in_bulk and args.jobs > 1:
                from toolkit.counting.workers import prefork

                prefork(args.jobs - 1) or launch.prestart()
        commands = {
            "info": info_command,
            "freq": freq_command,
            "keyness": keyness_command,
            "kwic": kwic_command,
            "collocates": collocates_command,
            "report": report_command,
            "exercises": exercises_command,
            "bench": bench_command,
        }
        stop: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
        if in_bulk:
            # SIGTERM unwinds a count in bulk as Ctrl-C does: its folder of tables is removed and its workers end
            # (forks made before the handler, with the default one), and the command exits 143 without a word. Not
            # for the other tokenisers: their pool would first finish the batches it holds.
            from toolkit.reports.interrupts import interruptible

            stop = interruptible()
        with stop:
            return commands[args.command](args)
    except BrokenPipeError:  # e.g. piped into ``head``
        sys.stdout = None  # type: ignore[assignment]  # nothing left to flush
        return 0
    except _errors() as err:
        print(f"{PROG}: error: {printable(str(err))}", file=sys.stderr)  # names in it may hold control characters
        return 1
    except KeyboardInterrupt as stop:  # Ctrl-C (130), or a batch stopped by a signal: 128 + its number
        # The kernel client's tasks were cut short: at exit asyncio would log each as "Task exception was never
        # retrieved", with a traceback, below the one line that says what happened.
        import logging  # here: importing it took 7 ms of every command's start

        logging.getLogger("asyncio").setLevel(logging.CRITICAL)
        return int(getattr(stop, "code", 130))


def run() -> int:
    """Run the command line as a process of its own (``python -m toolkit``, ``corpus-toolkit``); return the status.

    The process ends next. The token cache's connections are closed (which
    folds its write-ahead log into the file) and the objects are frozen
    (:func:`gc.freeze`): the interpreter's exit then frees them without one
    last search of them all for cycles, which took 0.04-0.10 s of a 2 s count
    (50 MB of news, ``freq --jobs 2``; frozen, 0.015-0.027 s). Files are closed
    and exit handlers run as before.
    """
    status = main()
    if "toolkit.cache" in sys.modules:  # loaded by the commands that use it
        sys.modules["toolkit.cache"].close_caches()
    gc.freeze()
    return status
