"""Vietnamese text normalisation: NFC for storage; tone-placement and tone-mark folding for matching.

Stored text is only ever NFC-normalised. The other forms here are for matching: `normalize_tones`
moves tone marks to the modern placement (hoà → hòa, uỷ → ủy, thuý → thúy) and `fold` removes all
marks (and đ → d) so that queries typed without tone marks still match.
"""
from __future__ import annotations

import re
import unicodedata

_COMBINING_TONES = {
    "\u0300",  # grave (huyền)
    "\u0301",  # acute (sắc)
    "\u0303",  # tilde (ngã)
    "\u0309",  # hook above (hỏi)
    "\u0323",  # dot below (nặng)
}

# Syllable-final "oa", "oe", "uy" carry the tone on either vowel depending on the writer (hoà/hòa,
# khoẻ/khỏe, uỷ/ủy, thuý/thúy). The matching form puts it on the first vowel. Applied to NFD text,
# so the tone is the combining mark right after the second vowel; "qu" + "y" (quý) is left alone.
_TONE_ON_SECOND = re.compile(
    r"([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?![\w\u0300-\u036f])"
)


def nfc(text: str) -> str:
    """Unicode NFC, the storage form."""
    return unicodedata.normalize("NFC", text)


def normalize_tones(text: str) -> str:
    """NFC text with the tone of syllable-final oa/oe/uy on the first vowel: hoà → hòa, uỷ → ủy,
    thuý → thúy, khoẻ → khỏe. Length in code points is unchanged."""
    decomposed = unicodedata.normalize("NFD", text)
    fixed = _TONE_ON_SECOND.sub(_move_tone, decomposed)
    return unicodedata.normalize("NFC", fixed)


def _move_tone(match: re.Match[str]) -> str:
    first, second, tone = match.group(1), match.group(2), match.group(3)
    start = match.start()
    if first in "uU" and start > 0 and match.string[start - 1] in "qQ":
        return match.group(0)
    return f"{first}{tone}{second}"


class _CharTable(dict):
    """A `str.translate` table filled on first use of each character (C-speed afterwards)."""

    def __init__(self, rule) -> None:
        super().__init__()
        self.rule = rule

    def __missing__(self, code: int) -> str:
        value = self[code] = self.rule(chr(code))
        return value


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d")


def _fold_char_aligned(ch: str) -> str:
    folded = _fold_char(ch)
    if len(folded) != 1:
        return ch.lower() if len(ch.lower()) == 1 else ch
    return folded


def _fold_letter_aligned(ch: str) -> str:
    """Letters folded as `fold` does, plus the look-alike ð → d; any other character only
    lower-cased; a character whose result is not exactly one character kept lower-cased or as is."""
    folded = _fold_char(ch).replace("ð", "d") if ch.isalpha() else ch.lower()
    if len(folded) != 1:
        return ch.lower() if len(ch.lower()) == 1 else ch
    return folded


_FOLD = _CharTable(_fold_char)
_FOLD_ALIGNED = _CharTable(_fold_char_aligned)
_FOLD_LETTERS_ALIGNED = _CharTable(_fold_letter_aligned)


def fold(text: str) -> str:
    """Lower-case, with every diacritic removed and đ → d: "Khối Nội chính" → "khoi noi chinh".
    (Character by character, through a table filled as characters are first seen.)"""
    return text.translate(_FOLD)


def match_form(text: str) -> str:
    """Lower-cased, NFC, modern tone placement: the form used to compare Vietnamese strings."""
    return normalize_tones(nfc(text)).lower()


def has_tone_marks(text: str) -> bool:
    """True when the text carries any Vietnamese diacritic (tone mark, hat, horn, breve or đ)."""
    return fold(text) != text.lower()


def fold_aligned(text: str, letters_only: bool = False) -> str:
    """`fold` character by character, so that offsets into the result are offsets into `text`.

    A character whose folded form is not exactly one character is kept lower-cased as it is.
    `letters_only` (the extraction rules' form): only letters are folded, with the look-alike
    ð/Ð → d as extraction's word keys do; other characters ("≠", ";" written as the Greek
    question mark) are only lower-cased.
    """
    return text.translate(_FOLD_LETTERS_ALIGNED if letters_only else _FOLD_ALIGNED)


# Abbreviations of Vietnamese civic bodies (folded) and the words they stand for.
ABBREVIATIONS: dict[str, str] = {
    "ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "mttq": "mat tran to quoc",
    "ubmttq": "uy ban mat tran to quoc", "ubtu": "uy ban trung uong", "ubtvqh": "uy ban thuong vu quoc hoi",
    "tw": "trung uong", "tp": "thanh pho", "ldld": "lien doan lao dong", "cand": "cong an nhan dan",
    "qdnd": "quan doi nhan dan", "vksnd": "vien kiem sat nhan dan", "tand": "toa an nhan dan",
    "bchqs": "bo chi huy quan su", "thads": "thi hanh an dan su", "ttxvn": "thong tan xa viet nam",
    "nhcsxh": "ngan hang chinh sach xa hoi", "cchc": "cai cach hanh chinh", "lhpn": "lien hiep phu nu",
    "ccb": "cuu chien binh", "tncs": "thanh nien cong san", "tphcm": "thanh pho ho chi minh",
    "hcm": "ho chi minh", "bch": "ban chap hanh", "qh": "quoc hoi", "db": "dai bieu", "dbqh": "dai bieu quoc hoi",
    "ldldvn": "lien doan lao dong viet nam", "tldld": "tong lien doan lao dong", "mttqvn": "mat tran to quoc viet nam",
    "vn": "viet nam",
}
_EXPANSIONS = [(abbr, frozenset(words.split())) for abbr, words in ABBREVIATIONS.items()]


def with_abbreviations(words: set[str]) -> set[str]:
    """Folded words plus what their abbreviations stand for ("mttq" → mat, tran, to, quoc) and the
    abbreviations of the bodies they spell out in full, so either form matches the other."""
    out = set(words)
    for abbr, expansion in _EXPANSIONS:
        if abbr in words:
            out |= expansion
        elif expansion <= words:
            out.add(abbr)
    return out


_ABBREVIATION = re.compile(r"\b(" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)) + r")\b")


def spell_out(folded: str) -> str:
    """Folded text with each civic abbreviation written out: "chu tich ubmttq tinh" →
    "chu tich uy ban mat tran to quoc tinh"."""
    return _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1)], folded)
