"""The `civic` command: the same operations as the `Assistant` API, for the terminal."""
from __future__ import annotations

import argparse
import sys
from dataclasses import asdict

from .config import quiet_third_parties
from .terminal import for_terminal, json_for_terminal


def build_parser() -> argparse.ArgumentParser:
    from corpus.readers import READABLE_SUFFIXES  # the formats the readers register

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--index", metavar="DIR", help="index directory (default: $CIVIC_INDEX_DIR or var/index)")
    common.add_argument("--embedding-model", metavar="NAME",
                        help="multilingual-e5-small (default), all-MiniLM-L6-v2, or any sentence-transformers name/path")
    common.add_argument("--chroma-url", metavar="URL", help="use a Chroma server (http://host:port) instead of the embedded store")
    common.add_argument("--device", metavar="DEV", help="cpu, cuda, mps (default: automatic)")

    llm = argparse.ArgumentParser(add_help=False)
    llm.add_argument("--llm-provider", choices=["openai", "ollama", "none"],
                     help="write answers with an LLM (default: $CIVIC_LLM_PROVIDER, else extractive; see docs/llm.md)")
    llm.add_argument("--llm-model", metavar="NAME", help="model name for the LLM provider ($CIVIC_LLM_MODEL)")
    llm.add_argument("--llm-base-url", metavar="URL",
                     help="OpenAI-compatible or Ollama endpoint ($CIVIC_LLM_BASE_URL); key from $OPENAI_API_KEY "
                          "or the variable named by $CIVIC_LLM_API_KEY_ENV")

    filters = argparse.ArgumentParser(add_help=False)
    filters.add_argument("--source", action="append", help="only articles from this source (repeatable)")
    filters.add_argument("--date-from", metavar="DATE", help="only articles from this day on: YYYY-MM-DD or DD/MM/YYYY "
                                                            "(also YYYY-MM or YYYY)")
    filters.add_argument("--date-to", metavar="DATE", help="only articles up to this day (same forms; a month or a "
                                                          "year means its last day)")

    parser = argparse.ArgumentParser(prog="civic", description="Cited answers over Vietnamese civic news articles.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", parents=[common],
                       help="add articles from files, directories, URLs, RSS/Atom feeds or XML sitemaps")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help=f"a file ({', '.join(READABLE_SUFFIXES)}), a folder (its files of those kinds, recursively) "
                        "or an http(s) URL (a page, feed or sitemap)")
    p.add_argument("--json", action="store_true", help="print the ingest summary as JSON")
    p.add_argument("--ray", nargs="?", const="", default=None, metavar="ADDRESS",
                   help="read, chunk, extract and embed on a Ray cluster (ADDRESS: 'auto', host:6379 or "
                        "ray://host:10001); without ADDRESS a local Ray is started and stopped")
    p.add_argument("--ray-workers", type=int, metavar="N",
                   help="embedding workers on Ray (default: one per GPU, else one per CPU)")

    p = sub.add_parser("index", parents=[common], help="check an index's health, or repair it")
    p.add_argument("action", choices=["check", "repair"],
                   help="check: catalog, Chroma and BM25 agree, every vector is found by its own embedding "
                        "(exit 1 and one line per problem otherwise); repair: rebuild what check finds broken")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("stats", parents=[common], help="counts and embedding model of an index")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("search", parents=[common, filters], help="show the retrieved passages for a query")
    p.add_argument("query")
    p.add_argument("-k", type=int, default=5)
    p.add_argument("--mode", choices=["hybrid", "bm25", "dense"], default="hybrid")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("ask", parents=[common, filters, llm], help="answer one question, with citations")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print the Answer as JSON")

    sub.add_parser("chat", parents=[common, filters, llm], help="terminal chat with history and sources")

    for name, what in (("pacts", "extracted pacts (giao ước, quy chế, chương trình phối hợp…)"),
                       ("participants", "extracted organisations, blocs and people with titles"),
                       ("themes", "extracted slogans, campaigns, directives and resolutions")):
        p = sub.add_parser(name, parents=[common, filters], help=what)
        p.add_argument("--query", "-q", help="only records matching these words (with or without tone marks)")
        p.add_argument("--json", action="store_true")

    p = sub.add_parser("serve", parents=[common, llm], help="the Gradio chat UI (127.0.0.1:7860 by default)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--auth", metavar="USER:PASS", help="require this login")
    p.add_argument("--max-upload-mb", type=float, default=50, help="largest file the upload tab accepts (default 50)")
    p.add_argument("--allow-private-urls", action="store_true",
                   help="let the upload tab fetch URLs on loopback, private and link-local addresses "
                        "(refused by default: see docs/reliability.md, SSRF)")

    p = sub.add_parser("build-model", help="build the default embedding model folder (offline, one time)")
    p.add_argument("--out", metavar="DIR")
    register_plugin_commands(sub)
    return parser


PLUGIN_GROUP = "civic.commands"


def register_plugin_commands(subparsers: argparse._SubParsersAction) -> None:
    """Commands other packages add (entry points of the group ``civic.commands``: a function taking
    the subparsers; the command's parser sets ``handler(args, argv) -> exit code``). `civic eval` is one,
    registered by the `eval` package, so this package never imports it."""
    from importlib.metadata import entry_points

    for entry in sorted(entry_points(group=PLUGIN_GROUP), key=lambda e: e.name):
        try:
            register = entry.load()
        except ImportError as exc:  # a plugin whose package is not installed: its command is absent
            print(f"warning: command {entry.name!r} unavailable: {for_terminal(exc)}", file=sys.stderr)
            continue
        register(subparsers)


def main(argv: list[str] | None = None) -> int:
    quiet_third_parties()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    if getattr(args, "handler", None) is not None:  # a plugin's command
        return args.handler(args, argv[1:])
    if args.command == "build-model":
        from e5build import ensure_e5_model, ensure_onnx_model

        from .config import Settings

        folder = ensure_e5_model(args.out or Settings.from_env().model_cache)
        ensure_onnx_model(folder)  # the ONNX Runtime encoder the default backend uses on CPU
        print(for_terminal(folder))
        return 0
    from index.manifest import IndexModelMismatch
    from index.ray_ingest import RayIngestError
    from index.store import StoreUnavailable

    from .llm import LLMError

    try:
        if args.command == "index":
            return cmd_index(args)
        assistant = _open(args)
        return COMMANDS[args.command](assistant, args)
    except (IndexModelMismatch, StoreUnavailable, RayIngestError) as exc:
        print(f"error: {for_terminal(exc)}", file=sys.stderr)
        return 2
    except (ValueError, LLMError) as exc:  # InputError too: a question, a filter or a date refused
        print(f"error: {for_terminal(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.stderr.close()
        return 0


def _open(args: argparse.Namespace):
    from .api import Assistant

    return Assistant(args.index, embedding_model=args.embedding_model, chroma_url=args.chroma_url,
                     device=args.device, llm_provider=getattr(args, "llm_provider", None),
                     llm_model=getattr(args, "llm_model", None), llm_base_url=getattr(args, "llm_base_url", None))


def _filters(args: argparse.Namespace) -> dict:
    return {"source": args.source or None, "date_from": args.date_from, "date_to": args.date_to}


def cmd_ingest(assistant, args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.markup import escape  # file names and messages are data, never Rich markup
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.table import Table

    paths, ray = _ray_argument(args)
    ray_options = None
    if ray is not None:
        from index.ray_ingest import RayOptions

        ray_options = RayOptions.from_arg(ray)
        if args.ray_workers:
            ray_options.workers = args.ray_workers
    console = Console(stderr=True)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} bài"),
                  TextColumn("{task.fields[chunks]} đoạn"), TimeElapsedColumn(), console=console,
                  transient=True, disable=args.json) as progress:
        task = progress.add_task("Đang nạp bài viết" + (" (Ray)" if ray_options else ""), total=None, chunks=0)
        def show(p) -> None:
            if p.stage == "sentences":  # stored articles given the sentence vectors they lack
                progress.update(task, description=f"Đang mã hóa câu của bài đã lưu ({p.articles}/{p.total})")
            else:
                progress.update(task, completed=p.articles, chunks=p.chunks)

        stats = assistant.ingest(paths, ray=ray_options, on_progress=show)
    if args.json:
        print(json_for_terminal({**stats.to_dict(), **assistant.stats()}))
    else:
        table = Table(title="Kết quả nạp dữ liệu")
        for column in ("Nguồn", "Thêm", "Cập nhật", "Không đổi", "Lỗi"):
            table.add_column(column)
        for source, c in stats.per_source.items():
            table.add_row(escape(for_terminal(source)), str(c["added"]), str(c["updated"]), str(c["unchanged"]),
                          str(c["errors"]))
        out = Console()
        out.print(table)
        for error in stats.errors:
            out.print(f"[red]lỗi[/red] {escape(for_terminal(error))}", markup=True, highlight=False)
        totals = assistant.stats()
        out.print(f"{stats.articles_added} bài mới, {stats.articles_updated} cập nhật, "
                  f"{stats.articles_unchanged} không đổi, {len(stats.errors)} lỗi — chỉ mục có "
                  f"{totals['articles']} bài, {totals['chunks']} đoạn ({stats.seconds:.1f} s).", highlight=False)
    return 1 if stats.errors else 0


def _ray_argument(args: argparse.Namespace) -> tuple[list[str], str | None]:
    """(paths, --ray value): `civic ingest --ray corpus/articles` takes the path for an address;
    a value that is an existing path or an http(s) URL is an input, and Ray is local."""
    import os
    import re

    paths, ray = list(args.paths), args.ray
    if ray and (os.path.exists(ray) or re.match(r"^https?://", ray, re.IGNORECASE)):
        paths, ray = [ray, *paths], ""
    return paths, ray


def cmd_index(args: argparse.Namespace) -> int:
    """`civic index check|repair`: exit 0 when healthy (after repair: when repaired), else 1."""
    from index.health import open_for_health

    from .config import Settings

    settings = Settings.from_env()
    health = open_for_health(args.index or settings.index_dir, args.embedding_model, args.chroma_url or settings.chroma_url,
                             args.device or settings.device, settings.chunk_chars, settings.chunk_overlap,
                             embed_backend=settings.embed_backend, model_cache=settings.model_cache,
                             passage_threads=settings.torch_threads, chroma_token=settings.chroma_token_value)
    if args.action == "check":
        problems = health.check()
        if args.json:
            print(json_for_terminal({"healthy": not problems, "problems": [p.to_dict() for p in problems]}))
        else:
            for problem in problems:
                print(for_terminal(str(problem)))
            if not problems:
                print(f"healthy: {for_terminal(health.summary())}")
        return 1 if problems else 0
    report = health.repair()
    if args.json:
        print(json_for_terminal(report.to_dict()))
    else:
        for line in report.lines():
            print(for_terminal(line))
    return 0 if report.healthy else 1


def cmd_stats(assistant, args: argparse.Namespace) -> int:
    stats = assistant.stats()
    if args.json:
        print(json_for_terminal(stats))
    else:
        for key, value in stats.items():
            print(for_terminal(f"{key}: {value}"))
    return 0


def _warn_if_empty(assistant) -> None:
    """A hint on stderr when the index holds no article: every question would be refused, and the
    user has most likely not ingested anything yet or points at another directory."""
    if assistant.catalog.counts()["articles"] == 0:
        print(for_terminal(f"lưu ý: chỉ mục {assistant.index_dir} chưa có bài viết nào; nạp bài trước "
                           "(civic ingest TỆP_HOẶC_THƯ_MỤC --index …) hoặc chọn chỉ mục khác bằng --index."),
              file=sys.stderr)


def cmd_search(assistant, args: argparse.Namespace) -> int:
    _warn_if_empty(assistant)
    hits = assistant.retrieve(args.query, k=args.k, filters=_filters(args), mode=args.mode)
    if args.json:
        print(json_for_terminal([asdict(h) for h in hits]))
        return 0
    for rank, hit in enumerate(hits, 1):
        print(for_terminal(f"{rank}. [{hit.score:.3f}] {hit.title} ({hit.article_id}, {hit.date or 'không rõ ngày'})"))
        print(for_terminal("   " + hit.text[:300].replace("\n", " ") + ("…" if len(hit.text) > 300 else "")))
    return 0


def cmd_ask(assistant, args: argparse.Namespace) -> int:
    _warn_if_empty(assistant)
    if args.json:
        answer = assistant.ask(args.question, filters=_filters(args))
        print(json_for_terminal(answer.to_dict()))
    else:
        _stream_answer(assistant.ask_stream(args.question, filters=_filters(args)))
    return 0


def cmd_chat(assistant, args: argparse.Namespace) -> int:
    _warn_if_empty(assistant)
    history: list[str] = []
    filters = _filters(args)
    if hasattr(sys.stdin, "reconfigure"):  # bytes that are not UTF-8 reach the checks, not a traceback
        sys.stdin.reconfigure(errors="surrogateescape")
    print("Hỏi về các bài viết (gõ 'thoát' hoặc Ctrl-D để kết thúc).")
    while True:
        try:
            question = input("\nBạn: ").strip()
        except EOFError:
            print()
            return 0
        if not question:
            continue
        if question.lower() in {"thoát", "thoat", "exit", "quit", ":q"}:
            return 0
        print()
        try:
            stream = assistant.ask_stream(question, history=history, filters=filters)
        except ValueError as exc:  # this question is refused; the chat goes on
            print(f"lỗi: {for_terminal(exc)}")
            continue
        _stream_answer(stream)
        history.append(question)


def _stream_answer(stream) -> None:
    """Print an answer as it streams (checked pieces), then its sources."""
    answer = None
    for item in stream:
        if isinstance(item, str):
            print(for_terminal(item), end="", flush=True)
        else:
            answer = item
    print()
    if answer is not None:
        _print_sources(answer)


def _print_sources(answer) -> None:
    shown = answer.citations or answer.see_also
    if shown:
        print("\nNguồn:" if answer.citations else "\nCó thể liên quan:")
    for c in shown:
        meta = ", ".join(x for x in (c.date, c.source, c.url) if x)
        print(for_terminal(f"  [{c.n}] {c.title}" + (f" ({meta})" if meta else "")))
        print(for_terminal(f"      “{c.quote}”"))


def cmd_records(assistant, args: argparse.Namespace) -> int:
    rows = getattr(assistant, args.command)(query=args.query, filters=_filters(args))
    if args.json:
        print(json_for_terminal(rows))
        return 0
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    columns = {
        "pacts": [("Loại", "kind"), ("Khối/Cụm", "bloc_canonical"), ("Tỉnh", "province"), ("Ngày", "date"),
                  ("Năm", "year"), ("Các bên", "parties"), ("Bài", "article_id")],
        "participants": [("Loại", "kind"), ("Tên", "canonical"), ("Chức vụ", "title"), ("Đơn vị", "organisation"),
                         ("Số giao ước", "pact_count"), ("Bài", "article_id")],
        "themes": [("Loại", "kind"), ("Nội dung", "text"), ("Số", "number"), ("Ngày", "date"), ("Bài", "article_id")],
    }[args.command]
    table = Table(title=f"{len(rows)} bản ghi")
    for header, _ in columns:
        table.add_column(header)
    for row in rows:
        values = []
        for _, key in columns:
            value = row.get(key)
            values.append("; ".join(value) if isinstance(value, list) else ("" if value is None else str(value)))
        table.add_row(*(escape(for_terminal(v)) for v in values))  # article text is data: no markup, no escapes
    Console().print(table)
    return 0


def cmd_serve(assistant, args: argparse.Namespace) -> int:
    from .ui import serve

    auth = None
    if args.auth:
        if ":" not in args.auth:
            raise ValueError("--auth takes USER:PASS")
        user, password = args.auth.split(":", 1)
        auth = (user, password)
    serve(assistant, host=args.host, port=args.port, auth=auth, max_upload_mb=args.max_upload_mb,
          allow_private_urls=args.allow_private_urls)
    return 0


COMMANDS = {"ingest": cmd_ingest, "stats": cmd_stats, "search": cmd_search, "ask": cmd_ask, "chat": cmd_chat, "serve": cmd_serve,
            "pacts": cmd_records, "participants": cmd_records, "themes": cmd_records}

if __name__ == "__main__":
    sys.exit(main())
