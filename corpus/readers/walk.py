"""Reading the inputs a user names: paths, folders (walked recursively) and http(s) URLs, each
file by the reader its suffix selects (`corpus.readers.registry`)."""
from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from ..errors import ReadError, mb
from ..fetch import Fetcher
from ..records import ORIGIN_FILE, Article
from .common import article_id_text, display_name, os_reason
from .limits import MAX_FILE_BYTES
from .registry import READABLE_SUFFIXES, format_by_content, format_for
from .results import ReadResult
from .urls import read_url


def read_inputs(inputs: Iterable[str | os.PathLike[str]], fetcher: Fetcher | None = None,
                known: Mapping[str, str] | None = None, *, allow_private_urls: bool = True,
                url_timeout: float | None = None, fetch_delay: float | None = None) -> Iterator[ReadResult]:
    """Articles and errors from every path, directory (recursive) or URL given (URLs through
    `fetcher`, one polite `Fetcher` for all of them by default; `known`: see `read_url`). With
    `allow_private_urls=False` (the web UI) URLs are fetched only from public addresses
    (`corpus.urlguard`). `url_timeout` and `fetch_delay` (seconds; None: `corpus.fetch`'s
    defaults) configure the default fetcher."""
    for item in inputs:
        text = os.fspath(item) if isinstance(item, (os.PathLike, bytes)) else str(item)
        if isinstance(text, bytes):
            text = os.fsdecode(text)
        if re.match(r"^https?://", text, re.IGNORECASE):
            if fetcher is None:
                fetcher = Fetcher(timeout=url_timeout, delay=fetch_delay, allow_private=allow_private_urls)
            yield from read_url(text, fetcher=fetcher, known=known)
            continue
        name = display_name(text)
        if not text.strip():
            yield ReadError(name or "''", "empty path")
            continue
        try:
            info = os.stat(text)
        except FileNotFoundError:
            reason = "broken symbolic link" if os.path.islink(text) else "no such file, directory or URL"
            yield ReadError(name, reason)
            continue
        except (OSError, ValueError) as exc:
            yield ReadError(name, f"cannot read: {os_reason(exc)}")
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from read_directory(Path(text))
        else:
            yield from read_file(Path(text))


def read_directory(root: Path) -> Iterator[ReadResult]:
    """Every readable file below `root`, in sorted order; hidden files and folders are skipped,
    symbolic links to folders are not followed, and unreadable folders are reported."""
    problems: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=problems.append):
        yield from _walk_errors(problems)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name.startswith(".") or path.suffix.lower() not in READABLE_SUFFIXES:
                continue
            yield from read_file(path)
    yield from _walk_errors(problems)


def _walk_errors(problems: list[OSError]) -> Iterator[ReadError]:
    while problems:
        exc = problems.pop(0)
        yield ReadError(display_name(exc.filename or "?"), f"cannot read folder: {os_reason(exc)}")


def read_file(path: Path) -> Iterator[ReadResult]:
    """Articles from one file, by its suffix (unknown suffixes: HTML when it looks like HTML, else text)."""
    source = display_name(path)
    file_format = format_for(path)
    try:
        try:
            info = path.stat()
        except FileNotFoundError:
            yield ReadError(source, "broken symbolic link" if path.is_symlink() else "no such file")
            return
        if not stat.S_ISREG(info.st_mode):
            yield ReadError(source, "not a regular file")
            return
        if info.st_size == 0:
            yield ReadError(source, "empty file")
            return
        if file_format is not None and file_format.read_path is not None:
            yield from file_format.read_path(path)
            return
        if info.st_size > MAX_FILE_BYTES:
            yield ReadError(source, f"file too large ({mb(info.st_size)}; limit {mb(MAX_FILE_BYTES)} for one "
                                    "article — use JSON Lines, which has no size limit, for many)")
            return
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError) as exc:
        yield ReadError(source, f"cannot read file: {os_reason(exc)}")
        return
    if len(raw) > MAX_FILE_BYTES:  # grew while being read
        yield ReadError(source, f"file too large (limit {mb(MAX_FILE_BYTES)})")
        return
    article_id = article_id_text(display_name(path.stem))  # NFC: file names from macOS are NFD
    read_bytes = (file_format or format_by_content(raw)).read_bytes  # a format without read_path has it
    for result in read_bytes(raw, source=source, article_id=article_id):  # type: ignore[misc]
        if isinstance(result, Article):  # the file an id came from: two files never share one silently
            result.metadata = {**result.metadata, ORIGIN_FILE: display_name(path.resolve())}
        yield result
