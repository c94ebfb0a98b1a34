"""Command line: a thin layer that parses flags, calls one library function, maps errors.

Heavy modules are imported inside the command functions so that `newsweave --help` is instant.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from newsweave import __version__
from newsweave.errors import NewsweaveError
from newsweave.model import Digest

if TYPE_CHECKING:
    from newsweave.engine import Engine

FORMATS = ("terminal", "markdown", "json", "html")
_EXTENSIONS = {
    ".md": "markdown", ".markdown": "markdown", ".json": "json", ".txt": "terminal",
    ".html": "html", ".htm": "html",
}
EXIT_INTERNAL = 70


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsweave",
        description="Turn many news articles into a few trustworthy, cited stories.",
        epilog="Run 'newsweave COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"newsweave {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_weave(commands)
    _add_eval(commands)
    _add_ingest(commands)
    _add_stories(commands)
    _add_show(commands)
    _add_search(commands)
    _add_serve(commands)
    _add_report(commands)
    return parser


def _add_weave(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "weave",
        help="digest a folder or files of articles about one event (or a mixed feed)",
        description=(
            "Read articles (.txt, .html, .json, .jsonl, .csv, or - for stdin), clean them, find "
            "duplicates, group them into stories and write a summary per story in which every "
            "sentence cites the articles that carry it. The accounting (inputs = in stories + "
            "duplicates + rejected) is printed on stderr after every run."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for stdin")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (format from extension)")
    p.add_argument("-f", "--format", choices=FORMATS, help="output format (default: terminal)")
    p.add_argument("--json", action="store_const", const="json", dest="format",
                   help="shorthand for --format json")
    budget = p.add_mutually_exclusive_group()
    budget.add_argument("--words", type=_positive, default=120, metavar="N",
                        help="summary budget in words (default: 120)")
    budget.add_argument("--sentences", type=_positive, metavar="N",
                        help="summary budget in sentences instead of words")
    p.add_argument("--near-threshold", type=_unit, default=0.8, metavar="J",
                   help="MinHash Jaccard for near-duplicate articles (default: 0.8)")
    p.add_argument("--max-file-mb", type=float, default=20.0, metavar="MB",
                   help="reject single-article files larger than this (default: 20)")
    p.add_argument("--story-threshold", type=_unit, metavar="S",
                   help="TF-IDF similarity to join a story (default: derived from a target "
                        "precision of 0.87, about 0.20)")
    p.add_argument("--time-window-days", type=float, default=3.0, metavar="D",
                   help="dated articles further apart than this never share a story (default: 3)")
    p.add_argument("--fragment-size", type=_count, default=6, metavar="N",
                   help="a group of at most N articles left over joins the larger story it "
                        "leans on (default: 6; 0: off)")
    p.add_argument("--out-dir", metavar="DIR",
                   help="also write the stories as JSONL shards with a manifest to DIR; a rerun "
                        "into DIR with the same settings reuses the finished shards")
    _add_engine(p)
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress or warnings on stderr (the accounting line stays)")
    p.set_defaults(run=_run_weave)


def _add_engine(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where the steps run: this process, or a Dask cluster (needs "
                        "newsweave[dask]; default: local)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: an existing cluster's scheduler, e.g. "
                        "tcp://host:8786 (default: a local cluster on this machine)")
    p.add_argument("--workers", type=_positive, metavar="N",
                   help="with --engine dask and no --scheduler: local worker processes "
                        "(default: one per core)")


def _add_eval(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "eval",
        help="score the summarizer with ROUGE on a benchmark JSONL (needs newsweave[eval])",
        description=(
            "Summarise every cluster of a benchmark file ({id, documents:[{text}], references}) "
            "and print ROUGE-1/2/L/Lsum (rouge-score, Porter stemming) averaged over the "
            "references of a cluster, then over clusters, with the time per cluster."
        ),
    )
    p.add_argument("data", metavar="DATA.jsonl", help="benchmark JSONL (.gz accepted)")
    p.add_argument("--words", type=_positive, default=100, help="word budget (default: 100)")
    p.add_argument("--measure", choices=("recall", "f1"), default="recall",
                   help="ROUGE measure to report (default: recall)")
    p.add_argument("--limit", type=_positive, metavar="K", help="only the first K clusters")
    p.add_argument("--summaries-out", metavar="FILE",
                   help="write JSONL {id, summary} of the summaries before truncation")
    p.set_defaults(run=_run_eval)


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="FILE",
                   help="the store (default: $NEWSWEAVE_DB, else ./newsweave.db)")


def _add_ingest(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "ingest",
        help="add articles to the store: duplicates found, stories grown, digests refreshed",
        description=(
            "Read and clean articles as 'weave' does and add them to the store incrementally: "
            "articles already stored are skipped, copies of stored articles are kept as their "
            "duplicates, new articles join the most similar stored story or open a new one, and "
            "the digest of every changed story is recomputed. The accounting (inputs = new in "
            "stories + duplicates + rejected + already stored) is printed on stderr."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for stdin")
    _add_db(p)
    p.add_argument("--max-file-mb", type=float, default=20.0, metavar="MB",
                   help="reject single-article files larger than this (default: 20)")
    _add_engine(p)
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress, rejections or warnings on stderr (the accounting stays)")
    p.set_defaults(run=_run_ingest)


def _add_stories(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("stories", help="list the stored stories",
                            description="One line per stored story: id, size, sources, time "
                                        "span, headline.")
    _add_db(p)
    p.add_argument("--limit", type=_positive, metavar="N", help="at most N stories")
    p.add_argument("--sort", choices=("newest", "biggest"), default="newest",
                   help="newest (latest article) or biggest first (default: newest)")
    p.add_argument("--json", action="store_true", help="a JSON list instead of a table")
    p.set_defaults(run=_run_stories)


def _add_show(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("show", help="print one stored story's digest",
                            description="Render one stored story (an id from 'newsweave "
                                        "stories', or a unique prefix of one).")
    p.add_argument("story", metavar="STORY", help="story id or unique prefix")
    _add_db(p)
    p.add_argument("-f", "--format", choices=FORMATS, default="terminal",
                   help="output format (default: terminal)")
    p.set_defaults(run=_run_show)


def _add_search(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("search", help="full-text search of stored stories and articles",
                            description="Stories, then articles, containing every word of "
                                        "QUERY, best first (SQLite FTS5, bm25), with snippets.")
    p.add_argument("query", metavar="QUERY", help="words to look for")
    _add_db(p)
    p.add_argument("--limit", type=_positive, default=10, metavar="N",
                   help="at most N stories and N articles (default: 10)")
    p.add_argument("--json", action="store_true", help="a JSON list instead of text")
    p.set_defaults(run=_run_search)


def _add_serve(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "serve",
        help="browse the store in a web browser: a local read-only web app and JSON API "
             "(needs newsweave[serve])",
        description=(
            "Serve the store read-only over HTTP: story list (newest, biggest), search, story "
            "pages (the report's rendering), article pages, and a JSON API (/api/..., schema at "
            "/openapi.json). Listens on 127.0.0.1 (this machine only) unless --host says "
            "otherwise. Ctrl-C stops it."
        ),
    )
    _add_db(p)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1; others warn: there is no "
                        "authentication)")
    p.add_argument("--port", type=_port, default=8000, help="TCP port (default: 8000)")
    p.set_defaults(run=_run_serve)


def _add_report(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("report", help="write the stored stories as self-contained HTML pages",
                            description="Write DIR/index.html (the stored stories, newest first, "
                                        "linked) and one self-contained HTML page per story.")
    _add_db(p)
    p.add_argument("-o", "--output", required=True, metavar="DIR",
                   help="folder for the pages (created if missing)")
    p.set_defaults(run=_run_report)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `newsweave` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except NewsweaveError as error:
        print(f"newsweave: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("newsweave: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # noqa: BLE001 - the last line of defence: never a traceback
        if args.debug:
            raise
        print(f"newsweave: internal error: {type(error).__name__}: {error} "
              "(run with --debug for the traceback, and please report it)", file=sys.stderr)
        return EXIT_INTERNAL


def _run_weave(args: argparse.Namespace) -> int:
    from newsweave.cluster import ClusterConfig
    from newsweave.errors import NothingToDigest
    from newsweave.pipeline import WeaveConfig, weave
    from newsweave.summarize import Budget

    fmt = _output_format(args.format, args.output)
    config = WeaveConfig(
        budget=Budget(words=None, sentences=args.sentences) if args.sentences
        else Budget(words=args.words),
        near_threshold=args.near_threshold,
        max_file_bytes=int(args.max_file_mb * 1_000_000),
        cluster=ClusterConfig(threshold=args.story_threshold,
                              time_window_days=args.time_window_days,
                              fragment_size=args.fragment_size),
    )
    progress = None if args.quiet or not sys.stderr.isatty() else _progress
    try:
        with _engine(args) as engine:
            digest = weave(args.paths, config, progress=progress, engine=engine,
                           out_dir=args.out_dir)
    except NothingToDigest as error:
        if error.digest is not None:
            _report(error.digest, quiet=args.quiet)
        raise
    _write(digest, fmt, args.output)
    _report(digest, quiet=args.quiet)
    return 0


def _run_eval(args: argparse.Namespace) -> int:
    from newsweave.evaluate import format_report, run_eval

    report = run_eval(args.data, words=args.words, measure=args.measure, limit=args.limit,
                      summaries_out=args.summaries_out)
    print(format_report(report))
    return 0


def _run_ingest(args: argparse.Namespace) -> int:
    from newsweave.pipeline import WeaveConfig
    from newsweave.store.ingest import ingest
    from newsweave.store.progress import progress_bar

    config = WeaveConfig(max_file_bytes=int(args.max_file_mb * 1_000_000))
    with _engine(args) as engine, progress_bar(
        enabled=not args.quiet and sys.stderr.isatty()
    ) as tick:
        report = ingest(args.paths, args.db, config, progress=tick, engine=engine)
    if not args.quiet:
        for r in report.rejected:
            print(f"newsweave: rejected {r.path}: {r.reason}", file=sys.stderr)
        for w in report.warnings:
            print(f"newsweave: warning {w.path}: {w.message}", file=sys.stderr)
    print(f"newsweave: {report.line()}", file=sys.stderr)
    return 0


def _run_stories(args: argparse.Namespace) -> int:
    from newsweave.store.queries import Store
    from newsweave.store.show import print_stories

    with Store(args.db) as store:
        print_stories(store.stories(args.limit, args.sort), sys.stdout, as_json=args.json)
    return 0


def _run_show(args: argparse.Namespace) -> int:
    from newsweave.store.queries import Store

    with Store(args.db) as store:
        digest = store.story(args.story)
    _render(digest, args.format, sys.stdout)
    return 0


def _run_search(args: argparse.Namespace) -> int:
    from newsweave.store.queries import Store
    from newsweave.store.show import print_hits

    with Store(args.db) as store:
        print_hits(store.search(args.query, args.limit), sys.stdout, as_json=args.json)
    return 0


def _run_serve(args: argparse.Namespace) -> int:
    from newsweave.serve.run import serve

    serve(args.db, args.host, args.port)
    return 0


def _run_report(args: argparse.Namespace) -> int:
    from newsweave.store.report import write_store_report

    index = write_store_report(args.output, args.db)
    print(f"newsweave: wrote {index} and a page per story", file=sys.stderr)
    return 0


def _engine(args: argparse.Namespace) -> Engine:
    from newsweave.engine import make_engine

    try:
        return make_engine(args.engine, scheduler=args.scheduler, workers=args.workers)
    except ValueError as error:
        raise NewsweaveError(str(error)) from error


def _output_format(fmt: str | None, output: str | None) -> str:
    if fmt or not output:
        return fmt or "terminal"
    suffix = Path(output).suffix.lower()
    if suffix not in _EXTENSIONS:
        raise NewsweaveError(
            f"cannot tell the format of '{output}' from its extension; use .md, .json, .txt or "
            ".html, or --format"
        )
    return _EXTENSIONS[suffix]


def _write(digest: Digest, fmt: str, output: str | None) -> None:
    if output is None:
        _render(digest, fmt, sys.stdout)
        return
    try:
        with open(output, "w", encoding="utf-8") as file:
            _render(digest, fmt, file, width=100)
    except OSError as error:
        raise NewsweaveError(f"cannot write {output}: {error.strerror}") from error


def _render(digest: Digest, fmt: str, file: TextIO, width: int | None = None) -> None:
    if fmt == "html":
        from newsweave.render.to_html import render_html

        file.write(render_html(digest))
    elif fmt == "json":
        from newsweave.render.to_json import render_json

        file.write(render_json(digest))
    elif fmt == "markdown":
        from newsweave.render.to_markdown import render_markdown

        file.write(render_markdown(digest))
    else:
        from newsweave.render.terminal import render_terminal

        render_terminal(digest, file, width=width)


def _report(digest: Digest, *, quiet: bool) -> None:
    """Rejections and warnings (unless quiet), then the accounting line, on stderr."""
    from newsweave.render.legend import accounting_line

    if not quiet:
        for r in digest.rejected:
            print(f"newsweave: rejected {r.path}: {r.reason}", file=sys.stderr)
        for w in digest.warnings:
            print(f"newsweave: warning {w.path}: {w.message}", file=sys.stderr)
    print(f"newsweave: {accounting_line(digest)}", file=sys.stderr)


def _progress(message: str) -> None:
    print(f"newsweave: {message}…", file=sys.stderr)


def _positive(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive integer")
    return value


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be a non-negative integer")
    return value


def _port(text: str) -> int:
    value = int(text)
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError("must be a TCP port, 1 to 65535")
    return value


def _unit(text: str) -> float:
    value = float(text)
    if not 0.0 < value <= 1.0:
        raise argparse.ArgumentTypeError("must be in (0, 1]")
    return value


if __name__ == "__main__":
    raise SystemExit(main())
