"""`ReadError` (why one input could not be read) and the small text helpers errors use."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass
class ReadError:
    """Why one input (a file, a line of a file, or a URL) could not be read."""

    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return printable(f"{where}: {self.message}")


def printable(text: str) -> str:
    """One printable line: control and format characters (newlines, terminal escapes, bidi
    overrides) and lone surrogates escaped."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch == " " or ch.isprintable():
            out.append(ch)
        elif "\ud800" <= ch <= "\udfff" or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


def mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
