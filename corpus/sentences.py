"""Vietnamese sentence splitting with exact character offsets.

A sentence ends at a line break (any that `str.splitlines` knows: LF, CR, U+2028 …), or at
. ! ? … (plus closing quotes or brackets) followed by white space and a character that can start
a sentence. A period does not end a sentence inside a token (17.3, TP.HCM, v.v.), after a known
abbreviation (TP., TS., PGS., Th.S), after a lone initial (N.), or before a lower-case word.
Dates such as 17/3/2021 and codes such as 34-CT/TW contain no terminator at all.
"""
from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    a.lower()
    for a in (
        "TP", "Tp", "TX", "TT", "Q", "P", "H", "X", "TS", "ThS", "Th.S", "PGS", "GS", "BS", "KS",
        "CN", "NXB", "St", "Mr", "Mrs", "Ms", "Dr", "Prof", "No", "Co", "Ltd", "Inc", "vs", "v.v",
        "etc", "e.g", "i.e", "tr", "ng", "đ", "Đ", "TW", "Tr", "Nxb", "Th", "CT", "Ph", "Ths",
    )
)

# Line breaks as `str.splitlines` knows them: \n, \r, \r\n, VT, FF, FS/GS/RS, NEL, U+2028, U+2029.
_LINE_BREAK = re.compile(r"[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_TERMINATOR = re.compile(r"(?:[.!?…]+|\.\.\.)[\"'”’»)\]]*")
_OPENING = set("\"'“‘«([")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Character spans of the sentences in `text[start:end]`, trimmed of surrounding white space.

    Every span satisfies `start <= s < e <= end` and `text[s:e].strip() == text[s:e]`.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    line_start = start
    while line_start < end:
        newline = _LINE_BREAK.search(text, line_start, end)
        line_end = end if newline is None else newline.start()
        spans.extend(_line_sentences(text, line_start, line_end))
        line_start = line_end + 1
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of `text` as strings (see `sentence_spans`)."""
    return [text[s:e] for s, e in sentence_spans(text)]


def _line_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    sent_start = start
    for match in _TERMINATOR.finditer(text, start, end):
        cut = match.end()
        if cut >= end or not text[cut].isspace():
            continue
        if not _ends_sentence(text, match.start(), cut, end):
            continue
        _append_trimmed(text, sent_start, cut, spans)
        sent_start = cut
    _append_trimmed(text, sent_start, end, spans)
    return spans


def _ends_sentence(text: str, term_start: int, cut: int, end: int) -> bool:
    """Whether the terminator text[term_start:cut] (followed by white space) ends a sentence."""
    nxt = cut
    while nxt < end and text[nxt].isspace():
        nxt += 1
    if nxt >= end:
        return True
    following = text[nxt]
    if following.islower():
        return False
    if not (following.isupper() or following.isdigit() or following in _OPENING or following == "-"):
        return False
    if text[term_start] == "." and cut - term_start == 1:
        word_start = term_start
        while word_start > 0 and not text[word_start - 1].isspace() and text[word_start - 1] not in _OPENING:
            word_start -= 1
        word = text[word_start:term_start]
        if word.lower() in ABBREVIATIONS:
            return False
        if len(word) == 1 and word.isupper():
            return False  # an initial: "N. V. A."
    return True


def trim_span(text: str, s: int, e: int) -> tuple[int, int]:
    """`(s, e)` narrowed so that `text[s:e]` has no leading or trailing white space."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _append_trimmed(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    s, e = trim_span(text, s, e)
    if s < e:
        spans.append((s, e))
