"""The limits every reader keeps: a breach is a `ReadError` naming the file (and line), never a
crash or an unbounded read."""
from __future__ import annotations

from ..fetch import URL_TIMEOUT_S  # noqa: F401 - the default timeout of a URL, re-exported for readers' callers

MAX_FILE_BYTES = 8 * 1024 * 1024  # a file holding one article (.txt, .md, .html, …): parsing HTML takes ~30x its size in memory
MAX_LINE_BYTES = 16 * 1024 * 1024  # one JSON Lines record (JSON-escaped text can be 6 bytes a character)
MAX_ARTICLE_CHARS = 2_000_000  # about 600 printed pages; longer is not one news article
MAX_URL_BYTES = MAX_FILE_BYTES
MAX_LEADING_BAD_LINES = 50  # a "JSON Lines" file whose first 50 records are all bad is not one
MAX_HTML_DEPTH = 200  # wrapper elements nested deeper are dropped (the parser stops at 255 levels)
MAX_SITEMAP_DEPTH = 2  # a sitemap index may name sitemaps, which are not followed further
FIELD_LIMITS = {"id": 256, "title": 1000, "source": 300, "url": 4096}  # characters
TITLE_LINE_LIMIT = 1000  # a longer first line of a text file is a paragraph, not a title
