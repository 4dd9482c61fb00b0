"""Roman numerals, both ways: news numbers congresses, terms and sessions with them ("Đại hội XVI",
"khóa XIV", "Kỳ họp thứ V"), questions often with digits ("16th", "khóa 14")."""
from __future__ import annotations

_VALUES = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50), ("xl", 40),
           ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))
_LETTERS = {letters: value for letters, value in _VALUES if len(letters) == 1}


def roman(n: int) -> str:
    """`n` (≥ 1) in lower-case Roman numerals ("xvi")."""
    if n < 1:
        raise ValueError(f"no Roman numeral for {n}")
    out = ""
    for letters, value in _VALUES:
        while n >= value:
            out, n = out + letters, n - value
    return out


def from_roman(text: str) -> int | None:
    """The value of lower-case Roman numerals ("xiv" → 14), or None when `text` is not made of them."""
    if not text or any(c not in _LETTERS for c in text):
        return None
    total = 0
    for c, after in zip(text, text[1:] + " "):
        n = _LETTERS[c]
        total += -n if after in _LETTERS and _LETTERS[after] > n else n
    return total
