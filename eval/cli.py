"""`civic eval`: the evaluation runner's command, registered into the `civic` CLI as a plugin.

`assistant.cli` knows nothing of this package: it loads every entry point of the group
``civic.commands`` (pyproject.toml) and calls its ``register(subparsers)``, the way `llm` plugins add
commands. `python -m eval` reaches the same options through `build_parser`.
"""
from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Sequence

from . import splits
from .runner import CONFIGS, DEFAULT_K

DESCRIPTION = ("Evaluate the assistant on a question set: retrieval, answers, citations, "
               "abstention and latency, for one or more configurations side by side.")


def add_eval_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options of `civic eval`, declared once."""
    parser.add_argument("set", metavar="SET",
                        help="question set (.jsonl), or 'xquad' / a folder with XQuAD-vi passages.jsonl + questions.jsonl")
    parser.add_argument("--index", metavar="DIR", help="index directory (default: var/eval-index/<set>; the shipped civic_news sets share var/eval-index/civic_news)")
    parser.add_argument("--out", metavar="DIR", help="output directory (default: var/eval/<set>-<timestamp>)")
    parser.add_argument("--config", action="append", metavar="NAME",
                        help=f"configuration, repeatable: {', '.join(CONFIGS)} or NAME:key=value,... (default: hybrid)")
    parser.add_argument("--corpus", action="append", metavar="PATH",
                        help="articles to ingest first (default: the set's own corpus when the index is empty)")
    parser.add_argument("--limit", type=int, metavar="N", help="run N questions spread evenly over the set")
    parser.add_argument("--type", action="append", dest="types", metavar="TYPE", help="only questions of this type (repeatable)")
    parser.add_argument("--split", action="append", choices=splits.SPLITS,
                        help="only the questions of this sealed split (repeatable; eval/splits.py): "
                             "fit and tune on train/dev, report test at the end of a change")
    parser.add_argument("-k", type=int, default=DEFAULT_K, help=f"passages retrieved for retrieval metrics (default {DEFAULT_K})")
    parser.add_argument("--embedding-model", metavar="NAME", help="embedding model of the index")
    parser.add_argument("--device", metavar="DEV")
    parser.add_argument("--chroma-url", metavar="URL")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    return parser


def build_parser() -> argparse.ArgumentParser:
    return add_eval_arguments(argparse.ArgumentParser(prog="civic eval", description=DESCRIPTION))


def register(subparsers: argparse._SubParsersAction) -> None:
    """Entry point of the ``civic.commands`` group: adds `civic eval` to the `civic` command."""
    parser = subparsers.add_parser("eval", description=DESCRIPTION,
                                   help="run a question set and write results, summary, report and plots")
    add_eval_arguments(parser)
    parser.set_defaults(handler=run_command)


def run_command(args: argparse.Namespace, argv: Sequence[str]) -> int:
    """Run `civic eval` for parsed options (argv: the words after `eval`, recorded in the summary).
    Exit 0 on success or a cleanly skipped set, 2 on a bad set, configuration or index."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from assistant.terminal import for_terminal, json_for_terminal  # printed text is never obeyed

    from .runner import run_eval
    from .sets import SetFormatError

    try:
        summary = run_eval(
            args.set, args.index, args.out, configs=args.config or ["hybrid"], corpus=args.corpus,
            limit=args.limit, progress=not args.no_progress, types=args.types, split=args.split,
            embedding_model=args.embedding_model, device=args.device, chroma_url=args.chroma_url,
            k=args.k, command="civic eval " + " ".join(shlex.quote(a) for a in argv),
        )
    except (SetFormatError, FileNotFoundError, ValueError, RuntimeError) as exc:
        print(f"error: {for_terminal(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    if args.json:
        print(json_for_terminal(summary))
    elif "skipped" not in summary:
        from .report import console_table

        print(for_terminal(console_table(summary)))
        print(for_terminal(f"\nwrote {summary['out_dir']}/ (results.jsonl, summary.json, report.md, *.png) "
                           f"in {summary['meta']['seconds']:.0f} s"))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m eval …` / `python -m eval.cli …` (argv without a leading "eval")."""
    words = list(sys.argv[1:] if argv is None else argv)
    return run_command(build_parser().parse_args(words), words)


if __name__ == "__main__":
    sys.exit(main())
