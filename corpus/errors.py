"""`InputError`: what a user typed or sent cannot be used — a one-line message, never a traceback.

A `ValueError`, so every caller that already reports `ValueError` (the CLI exits 2 with
"error: …") reports these too. `vi` is the same message in Vietnamese, for the web UI."""
from __future__ import annotations


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
