"""Small helpers the readers share: printable names of paths, article ids and titles as stored,
the host of a URL, and the wording of two errors."""
from __future__ import annotations

import os
import urllib.parse

from ..errors import printable
from ..normalize import nfc
from .limits import MAX_ARTICLE_CHARS


def display_name(path: str | os.PathLike[str]) -> str:
    """A path as text that can always be printed and stored (undecodable bytes → \\xNN)."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        return text.decode("utf-8", "backslashreplace")
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        try:
            return os.fsencode(text).decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            return text.encode("utf-8", "backslashreplace").decode("utf-8")


def os_reason(exc: BaseException) -> str:
    """Why an OS call failed, printable."""
    return printable(getattr(exc, "strerror", None) or str(exc))


def too_long(chars: int, what: str) -> str:
    """The error for a text over `MAX_ARTICLE_CHARS`."""
    return (f"{what} is too long ({chars:,} characters; limit {MAX_ARTICLE_CHARS:,}) — "
            "split it into separate articles")


def article_id_text(value: str | int) -> str:
    """An article id as stored: the text of a string or integer id, NFC-normalised (an id typed on
    one system and a file name from macOS, NFD, are the same id) and stripped."""
    return nfc(str(value)).strip()


def title_from_body(body: str) -> str:
    """A title for an article without one: its first line, cut at 120 characters."""
    first = body.strip().split("\n", 1)[0].strip()
    return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"


def host(url: str) -> str:
    """The host name of a URL (the URL itself when it has none)."""
    return urllib.parse.urlsplit(url).hostname or url
