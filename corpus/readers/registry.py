"""The formats the readers know, by file suffix: `FORMATS` is the one list the directory walk, the
CLI's help, the web UI's upload list and the README's format table all come from.

Adding a format is one module with a `FORMAT` (`corpus.readers.fileformat.FileFormat`) and one
entry in `FORMATS`; `tests/test_readers.py` checks the README's table against `format_table()`."""
from __future__ import annotations

from pathlib import Path

from . import html, jsonl, text
from .fileformat import FileFormat
from .html import looks_like_html

FORMATS: tuple[FileFormat, ...] = (jsonl.FORMAT, text.FORMAT, html.FORMAT)
# every suffix a reader takes, in the order of FORMATS (a folder is read for files with these)
READABLE_SUFFIXES: tuple[str, ...] = tuple(suffix for fmt in FORMATS for suffix in fmt.suffixes)
_BY_SUFFIX: dict[str, FileFormat] = {suffix: fmt for fmt in FORMATS for suffix in fmt.suffixes}


def format_for(path: str | Path) -> FileFormat | None:
    """The format of a file by its suffix (any case); None when no reader claims the suffix."""
    return _BY_SUFFIX.get(Path(path).suffix.lower())


def format_by_content(raw: bytes) -> FileFormat:
    """The format of a file whose suffix no reader claims: HTML when it looks like HTML, else text."""
    return html.FORMAT if looks_like_html(raw) else text.FORMAT


def format_table() -> str:
    """The README's table of input formats (Markdown), one row a format."""
    rows = ["| Format | Suffixes | One file gives |", "| --- | --- | --- |"]
    for fmt in FORMATS:
        rows.append(f"| {fmt.name} | {', '.join(f'`{s}`' for s in fmt.suffixes)} | {fmt.summary} |")
    return "\n".join(rows)
