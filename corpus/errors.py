"""Errors of reading and of input: `ReadError` (why one input could not be read), `InputError` (what
a user typed or sent cannot be used — a one-line message, never a traceback) and the small text
helpers they use.

`InputError` is a `ValueError`, so every caller that already reports `ValueError` (the CLI exits 2
with "error: …") reports these too. `vi` is the same message in Vietnamese, for the web UI."""
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

class InputError(ValueError):
    """A refused input; `str(error)` is English, `error.vi` Vietnamese (the English when not given)."""

    def __init__(self, message: str, vi: str | None = None) -> None:
        super().__init__(message)
        self.vi = vi or message


def shown(value: object, limit: int = 40) -> str:
    """A short, printable rendering of a refused value for an error message: quoted with
    control characters, bidi controls and lone surrogates escaped, cut after `limit` characters."""
    text = value if isinstance(value, str) else repr(value)
    cut = text[:limit]
    out = "".join(ch if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF else _escape(ch) for ch in cut)
    return f"“{out}”" + ("…" if len(text) > limit else "")


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
