"""Text and URLs made safe for the page: Markdown that renders as exactly the text it was given,
HTML-escaping that template engines leave alone too, and links only to http(s) URLs."""
from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import quote, urlsplit

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~$])")
_MD_ORDERED = re.compile(r"^(\s*\d+)\.", re.M)
_MARKER = re.compile(r"\\\[(\d+)\\\]")


def md_escape(text: str) -> str:
    """Text → Markdown that renders as exactly that text: HTML is escaped (`<script>` shows as
    text), Markdown syntax is backslash-escaped; line breaks and "- " bullets still work."""
    text = _MD_SPECIAL.sub(r"\\\1", text or "")
    text = _MD_ORDERED.sub(r"\1\\.", text)
    return html.escape(text, quote=False)


def answer_markdown(text: str) -> str:
    """An answer's text for the Chatbot: escaped, with its `[n]` markers in bold."""
    return _MARKER.sub(r"**\\[\1\\]**", md_escape(text))


def html_text(value: Any) -> str:
    """HTML-escape, and also the characters that template engines treat specially."""
    return (html.escape(str(value if value is not None else ""), quote=True)
            .replace("{", "&#123;").replace("}", "&#125;").replace("$", "&#36;").replace("`", "&#96;"))


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) with a host, percent-encoded so it cannot break out of an
    attribute or a Markdown link; otherwise None."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=":/?#@!&*+,;=%~-._")


def url_host(url: str) -> str:
    """The host (and port) of `url`, or `url` itself when it does not parse."""
    try:
        return urlsplit(url).netloc
    except ValueError:
        return url


def toast_text(text: str) -> str:
    """A message for `gr.Error` / `gr.Warning`: Gradio's toasts render their message as
    (sanitised) HTML, so text that may carry user or article input is escaped first."""
    return html.escape(str(text), quote=False)
