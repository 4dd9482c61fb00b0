"""Text for a terminal: what comes from articles, files or users is shown, never obeyed.

Every line the `civic` command prints goes through `for_terminal` (or `json_for_terminal`):
control characters (C0 except newline and tab, DEL, C1 — ESC, CSI, OSC, BEL, CR, backspace…), bidi
overrides, isolates and marks, and lone surrogates are shown as visible escapes (`\\x1b`,
`\\u202e`), so a title holding `ESC ] 0 ; … BEL ESC [ 2 J` cannot set the window title, clear the
screen, rewrite a line or reorder what is printed. Stored text is never changed: this is only how
it is printed.
"""
from __future__ import annotations

import json
import re
from typing import Any

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# In JSON output C0 controls are already escaped by json.dumps; these are escaped too (as \uXXXX,
# so the JSON still decodes to exactly the stored text).
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def for_terminal(text: object) -> str:
    """`text` with every character that a terminal would obey shown as a visible escape."""
    return _UNSAFE.sub(_visible, text if isinstance(text, str) else str(text))


def json_for_terminal(value: Any, indent: int | None = 2) -> str:
    """`json.dumps(value, ensure_ascii=False)` with the characters a terminal would obey written as
    JSON escapes: the same data when parsed, harmless when printed."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
