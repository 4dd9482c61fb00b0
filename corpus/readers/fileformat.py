"""`FileFormat`: what the registry (`corpus.readers.registry`) knows of one input format — its
name, file suffixes, a one-line summary for the README, and how to read a file of it. A new
format (PDF, say) is one module defining a `FORMAT` and one line in the registry."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .results import ReadResult

# (raw bytes, source name for errors, article id) → the one article of a file, or errors
BytesReader = Callable[..., Iterator[ReadResult]]
# a file's path → its articles and errors (for formats streamed from disk, of any size)
PathReader = Callable[[Path], Iterator[ReadResult]]


@dataclass(frozen=True)
class FileFormat:
    """One input format. Exactly one of `read_bytes` (a file holding one article, read whole up
    to `MAX_FILE_BYTES`; its origin is added by the caller) and `read_path` (a file the reader
    streams itself, setting every article's origin) is given."""

    name: str
    suffixes: tuple[str, ...]  # lower case, with the dot
    summary: str  # what one file gives, for the README's format table
    read_bytes: BytesReader | None = None
    read_path: PathReader | None = None
