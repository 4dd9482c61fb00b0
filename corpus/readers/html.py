"""HTML (`.html`, `.htm`, `.xhtml`; pages fetched from URLs): one article per page — its main text,
title and date extracted with trafilatura. Scripts, styles, frames and event handlers never reach
the text; pages nested deeper than libxml2's parser allows are flattened first."""
from __future__ import annotations

import html.parser
import re
from collections.abc import Iterator

from ..cleaning import NO_CONTENT, clean_body, has_content
from ..dates import article_date
from ..errors import ReadError, printable
from ..feeds import ListedPage
from ..normalize import nfc
from ..records import Article
from .charset import decode
from .common import host, title_from_body, too_long
from .fileformat import FileFormat
from .limits import FIELD_LIMITS, MAX_ARTICLE_CHARS, MAX_HTML_DEPTH
from .results import ReadResult


def read_html_bytes(
    raw: bytes, source: str, article_id: str, url: str | None = None, charset: str | None = None,
    hints: ListedPage | None = None,
) -> Iterator[ReadResult]:
    """The main text, title and date of an HTML page (trafilatura). Scripts, styles, frames and
    event handlers never reach the text; pages nested deeper than the HTML parser allows are
    flattened first. `hints`: what a feed or sitemap said of the page, for the title and date
    when the page has none."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    page = decode(raw, source, html=True, declared=charset)
    if isinstance(page, ReadError):
        yield page
        return
    # libxml2's HTML parser does not know these HTML5 empty elements and nests the rest of the
    # page inside them; trafilatura then drops an <embed> with the whole article in it.
    page = _HTML5_VOID.sub(r"<\1\2></\1>", page)
    page = _TEMPLATE.sub("", page)  # inert markup, never shown by a browser
    too_deep = _exceeds_parser_depth(page)
    if too_deep:
        page = _flatten_deep_html(page)
    try:
        document = trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises many kinds on hostile markup
        yield ReadError(source, f"cannot parse HTML: {printable(str(exc))[:200]}")
        return
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        yield ReadError(source, "no article text found in HTML" + (" (elements nested too deeply)" if too_deep else ""))
        return
    if len(text) > MAX_ARTICLE_CHARS:
        yield ReadError(source, too_long(len(text), "article text"))
        return
    title = nfc((getattr(document, "title", None) or "").strip())
    if len(title) > FIELD_LIMITS["title"]:
        title = title_from_body(title)
    body = clean_body(nfc(text), title or None)
    if not body or not has_content(body):
        yield ReadError(source, "no article text found in HTML" + (f" (the text {NO_CONTENT})" if body else ""))
        return
    page_url = url or getattr(document, "url", None)
    if page_url and len(page_url) > FIELD_LIMITS["url"]:
        page_url = None
    site = nfc(getattr(document, "sitename", None) or "")[: FIELD_LIMITS["source"]]
    hint_title = nfc(hints.title).strip()[: FIELD_LIMITS["title"]] if hints is not None and hints.title else ""
    yield Article(
        id=article_id,
        title=title or hint_title or title_from_body(body),
        text=body,
        date=article_date(str(getattr(document, "date", "") or "")) or (hints.date if hints is not None else None),
        source=site or (host(url) if url else None),
        url=page_url or None,
    )


def looks_like_html(raw: bytes) -> bool:
    """Whether bytes of unknown type start like an HTML page."""
    head = raw[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


_TEMPLATE = re.compile(r"<template\b.*?</template\s*>", re.IGNORECASE | re.DOTALL)
_HTML5_VOID = re.compile(r"<(embed|source|track|wbr|keygen)\b([^<>]*)>", re.IGNORECASE)
_VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr", "keygen", "command", "basefont", "frame", "isindex"}
_WRAPPER_ELEMENTS = {"div", "span", "section", "article", "main", "font", "b", "i", "u", "em", "strong", "center",
                     "small", "big", "aside", "header", "footer", "nav", "figure", "blockquote", "a", "label",
                     "s", "strike", "sup", "sub", "mark", "abbr", "cite", "q", "tt", "code", "dl", "dd", "dt",
                     "fieldset", "form", "details", "summary", "address", "hgroup", "ins", "del", "bdi", "bdo",
                     "time", "var", "kbd", "samp", "dfn", "nobr"}
_INLINE_ELEMENTS = {"span", "font", "b", "i", "u", "em", "strong", "small", "big", "a", "label", "s", "strike",
                    "sup", "sub", "mark", "abbr", "cite", "q", "tt", "code", "ins", "del", "bdi", "bdo", "time",
                    "var", "kbd", "samp", "dfn", "nobr"}


def _exceeds_parser_depth(page: str) -> bool:
    """Whether libxml2's HTML parser stops at its nesting limit (255) on this page."""
    if page.count("<") < 250:
        return False
    import lxml.html

    parser = lxml.html.HTMLParser()
    try:
        lxml.html.document_fromstring(page, parser=parser)
    except Exception:  # noqa: BLE001 - unparsable pages are trafilatura's to report
        return False
    return any("depth" in (entry.message or "").lower() for entry in parser.error_log)


class _Flattener(html.parser.HTMLParser):
    """Re-serialises HTML, dropping wrapper elements (div, span, font…) nested deeper than
    `MAX_HTML_DEPTH`; their text stays, every other element is kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []
        self.kept_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in _VOID_ELEMENTS:
            self.out.append(self.get_starttag_text() or "")
            return
        keep = not (self.kept_depth >= MAX_HTML_DEPTH and tag in _WRAPPER_ELEMENTS)
        if keep:
            self.out.append(self.get_starttag_text() or "")
            self.kept_depth += 1
        elif tag not in _INLINE_ELEMENTS:
            self.out.append("\n")
        self.stack.append((tag, keep))

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        for position in range(len(self.stack) - 1, max(-1, len(self.stack) - 64), -1):
            if self.stack[position][0] == tag:
                break
        else:
            return  # a stray end tag
        while len(self.stack) > position:
            name, kept = self.stack.pop()
            if kept:
                self.out.append(f"</{name}>")
                self.kept_depth -= 1
            elif name not in _INLINE_ELEMENTS:
                self.out.append("\n")

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")


def _flatten_deep_html(page: str) -> str:
    flattener = _Flattener()
    try:
        flattener.feed(page)
        flattener.close()
    except Exception:  # noqa: BLE001 - keep what was flattened
        pass
    return "".join(flattener.out)


FORMAT = FileFormat(
    name="HTML",
    suffixes=(".html", ".htm", ".xhtml"),
    summary="one article: main text, title and date extracted with trafilatura",
    read_bytes=read_html_bytes,
)
