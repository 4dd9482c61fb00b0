"""Reading articles from JSON Lines, text/Markdown, HTML files, http(s) URLs and directories.

One module per job: `walk` (paths, folders, URLs → the right reader), `registry` (the formats by
file suffix: `READABLE_SUFFIXES`), one module per format (`jsonl`, `text`, `html`), `urls` (pages,
feeds and sitemaps over http(s)), `charset` (bytes → text), `limits`, and `results` (what readers
yield). This package re-exports the public names.

Every reader yields `Article`s and `ReadError`s: one bad line or file never stops the rest, and no
input, however broken or hostile, makes a reader raise. Text is NFC-normalised on read,
boilerplate lines and a repeated title are removed, and nothing else is changed.

Limits (each breach is a `ReadError` naming the file, and the line for JSON Lines):
- JSON Lines files are streamed line by line, so they may be of any size; one line may hold at
  most `MAX_LINE_BYTES` (a longer line is skipped without being held in memory).
- Any other file holds one article and may be at most `MAX_FILE_BYTES`; a URL response at most
  `MAX_URL_BYTES`, fetched within `URL_TIMEOUT_S` seconds unless the caller gives a timeout.
- An article's text may be at most `MAX_ARTICLE_CHARS` characters.

URLs are fetched through one polite `corpus.fetch.Fetcher` per ingest (robots.txt, a delay between
requests to one host). A URL whose content is an RSS/Atom feed or an XML sitemap
(`corpus.feeds`) gives the articles of the pages it lists, with the listing's title and date where
a page has none; a listed page whose stamp is the one last ingested is not fetched (`Unchanged`).
Nothing here reads the environment: timeouts and delays are parameters.

Encodings: UTF-8 (with or without BOM; a character cut off at the very end of a truncated file is
dropped), UTF-16/UTF-32 with a BOM, UTF-16 without BOM, a charset declared by the page or the
server, and Windows-1258 (Vietnamese). Other legacy Vietnamese font encodings (TCVN3/ABC, VNI) are
refused with a clear error rather than stored as mojibake. JSON Lines must be UTF-8 (or UTF-16
with a BOM).
"""
from __future__ import annotations

from ..errors import ReadError
from ..records import Article
from .common import article_id_text
from .fileformat import FileFormat
from .html import read_html_bytes
from .jsonl import article_from_record, read_jsonl
from .limits import (
                     MAX_ARTICLE_CHARS,
                     MAX_FILE_BYTES,
                     MAX_HTML_DEPTH,
                     MAX_LEADING_BAD_LINES,
                     MAX_LINE_BYTES,
                     MAX_SITEMAP_DEPTH,
                     MAX_URL_BYTES,
                     URL_TIMEOUT_S,
)
from .registry import FORMATS, READABLE_SUFFIXES, format_for, format_table
from .results import LISTED_KEY, ReadResult, Unchanged
from .text import read_text_bytes
from .urls import read_url
from .walk import read_directory, read_file, read_inputs

__all__ = [
    "Article", "ReadError", "ReadResult", "Unchanged", "LISTED_KEY", "FileFormat", "FORMATS", "READABLE_SUFFIXES",
    "format_for", "format_table", "read_inputs", "read_directory", "read_file", "read_url", "read_jsonl",
    "read_text_bytes", "read_html_bytes", "article_from_record", "article_id_text", "MAX_ARTICLE_CHARS",
    "MAX_FILE_BYTES", "MAX_HTML_DEPTH", "MAX_LEADING_BAD_LINES", "MAX_LINE_BYTES", "MAX_SITEMAP_DEPTH",
    "MAX_URL_BYTES", "URL_TIMEOUT_S",
]
