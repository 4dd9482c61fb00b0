"""The records that flow out of `corpus`: articles and their chunks."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# `Article.metadata` keys set by the readers, never by the input: where the article was read
# (the file's resolved path, or the name the caller gave the input) and, for JSON Lines, the line.
ORIGIN_FILE = "file"
ORIGIN_LINE = "line"


@dataclass
class Article:
    """One article. `text` is exactly as read (after NFC and boilerplate removal); all offsets
    anywhere in the system point into this string."""

    id: str
    title: str
    text: str
    date: str | None = None  # ISO YYYY-MM-DD
    source: str | None = None
    url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass
class Chunk:
    """A span of an article: `text == article.text[start:end]` always."""

    id: str
    article_id: str
    start: int
    end: int
    text: str
    seq: int = 0
