"""Vietnamese sentence splitting with exact character offsets.

A sentence ends at a line break (any that `str.splitlines` knows: LF, CR, U+2028 …), or at
. ! ? … (plus closing quotes or brackets) followed by white space and a character that can start
a sentence. A period does not end a sentence inside a token (17.3, TP.HCM, v.v.), after a known
abbreviation (TP., TS., PGS., Th.S), after a lone initial (N.), or before a lower-case word.
Dates such as 17/3/2021 and codes such as 34-CT/TW contain no terminator at all.

Two ends that news text writes without a terminator or a space: a period glued to the next
sentence ("… quốc tế.Ngày 28/11", after a word of two or more letters that is no abbreviation and
not in capitals, before a capitalised word), and a photo credit that runs into the sentence after
it ("Ảnh: VGP/Quang Hiếu Sáng nay, …", "(Ảnh: TTXVN) Tại buổi lễ …"): a credit that opens a
sentence, follows a caption written without a terminator ("Hai bên trao biên bản Ảnh: Thu Trang
Lễ ký …", three or more words before it) or stands in brackets ends after its bracket, else before
the first capitalised word that a lower-case word follows.
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
# How the sentences are cut, for data derived from them (stored sentence vectors): bump with any
# change to where a sentence ends.
SPLITTER_VERSION = 4
# A period glued to the next sentence: a word of 2+ letters, ".", a capitalised word.
_GLUED = re.compile(r"(?<![\w.@/])([^\W\d_]{2,})\.(?=([^\W\d_]{2,})[\s:,])")
# A photo credit: "Ảnh:" (or "Ảnh minh họa:", "Ảnh tư liệu:"), optionally in brackets.
_CREDIT_LABEL = r"Ảnh(?: minh h(?:ọa|oạ)| tư liệu)?\s*:"
_CREDIT = re.compile(r"(\(?)\b" + _CREDIT_LABEL + r"\s*")
_CREDIT_WORDS = 6  # a credit is at most this many words ("Doãn Tấn - TTXVN", "VGP/Quang Hiếu")
# A dateline after a heading or a credit: "Sáng 13-7,", "Ngày 25.5,", "Chiều 5/7/2017 vừa qua,".
_DATELINE = re.compile(r"(?<=[^\W_])\s+((?:Ngày|Sáng|Trưa|Chiều|Tối|Đêm)(?: nay)?,? \d{1,2}[/.-]\d{1,2}"
                       r"(?:[/.-]\d{2,4})?(?: vừa qua| tới)?,)")


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


_CREDIT_ALONE = re.compile(r"\(?" + _CREDIT_LABEL + r"[^.!?\n]{0,60}\)?\.?")


def is_photo_credit(sentence: str) -> bool:
    """Whether a sentence is only a photo credit ("Ảnh: Minh Khôi/TTXTN", "(Ảnh: TL)")."""
    return bool(_CREDIT_ALONE.fullmatch(sentence.strip()))


# An article's credit line: its author or source, a few words after the label
_CREDIT_LINE = re.compile(r"(?:Tác giả|Nguồn|Theo)\s*:\s*[^.!?\n]{1,60}\.?")


def is_credit(sentence: str) -> bool:
    """Whether a sentence is only a credit: a photo's (`is_photo_credit`) or the article's author or
    source ("Tác giả: A/TTXVN", "Nguồn: B")."""
    return is_photo_credit(sentence) or bool(_CREDIT_LINE.fullmatch(sentence.strip()))


def split_sentences(text: str) -> list[str]:
    """The sentences of `text` as strings (see `sentence_spans`)."""
    return [text[s:e] for s, e in sentence_spans(text)]


def _line_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    sent_start = start
    for cut in _cuts(text, start, end):
        _append_trimmed(text, sent_start, cut, spans)
        sent_start = cut
    _append_trimmed(text, sent_start, end, spans)
    return spans


def _cuts(text: str, start: int, end: int) -> list[int]:
    """Where the sentences of the line `text[start:end]` end, in order."""
    cuts = []
    for match in _TERMINATOR.finditer(text, start, end):
        cut = match.end()
        if cut < end and text[cut].isspace() and _ends_sentence(text, match.start(), cut, end):
            cuts.append(cut)
    for match in _GLUED.finditer(text, start, end):
        word, following = match.group(1), match.group(2)
        if (following[0].isupper() and following[1].islower() and word.lower() not in ABBREVIATIONS
                and not word.isupper()):
            cuts.append(match.end())
    for match in _CREDIT.finditer(text, start, end):
        previous = match.start() - 1  # the last character before it on the line, spaces skipped
        while previous >= start and text[previous].isspace():
            previous -= 1
        inside = not match.group(1) and previous >= start and text[previous] not in ".!?…\"'”’»)]"
        if inside and not _after_caption(text, start, match.start()):
            continue  # "Bức Ảnh: …" opening a sentence is no credit of its own
        cut = _credit_end(text, match.end(), end, bool(match.group(1)))
        if cut is not None:
            cuts.append(cut)
            if inside:
                cuts.append(match.start())  # the caption before it is a sentence of its own
    cuts.extend(match.start(1) for match in _DATELINE.finditer(text, start, end))
    return sorted(set(c for c in cuts if start < c < end))


_TOKEN = re.compile(r"\S+")
_CAPTION_WORDS = 3  # words before an unbracketed "Ảnh:" (no terminator between) that make it a caption's credit


def _after_caption(text: str, start: int, at: int) -> bool:
    """Whether `at` follows a photo caption written without a terminator ("Hai bên trao biên bản
    Ảnh: …"): at least `_CAPTION_WORDS` words since the line's or the last sentence's start."""
    since = max([start] + [m.end() for m in _TERMINATOR.finditer(text, start, at)])
    return len(text[since:at].split()) >= _CAPTION_WORDS


def _credit_end(text: str, at: int, end: int, bracketed: bool) -> int | None:
    """Where a photo credit starting at `at` ends when a sentence follows it on the same line
    without a terminator: after its closing bracket; else before the first capitalised word (not
    in capitals) that follows an agency in capitals ("TTXVN", "Dũng/TTXVN") or that a lower-case
    word follows, an honorific before it included ("Bà Hương cũng …"). None when the credit ends
    the line or a terminator ends it."""
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(text, at, end)][:_CREDIT_WORDS + 2]
    for i, (pos, token) in enumerate(tokens):
        if bracketed:
            if token.endswith(")"):
                following = tokens[i + 1][1] if i + 1 < len(tokens) else ""
                return pos + len(token) if following[:1].isupper() else None
            continue
        if _TERMINATOR.search(token):
            return None  # "Ảnh: Hải Nguyễn. Trong …": the period ends it
        if i > _CREDIT_WORDS:
            return None
        named = token[:1].isupper() and not _in_capitals(token)
        following = tokens[i + 1][1] if i + 1 < len(tokens) else ""
        if i and named and (_in_capitals(tokens[i - 1][1]) or following[:1].islower()):
            if i > 1 and tokens[i - 1][1] in _HONORIFICS:
                return tokens[i - 1][0]
            return pos
        if not (token[:1].isupper() or "/" in token or not any(ch.isalnum() for ch in token)):
            return None
    return None


_HONORIFICS = frozenset({"Ông", "Bà", "Anh", "Chị", "Cô", "Chú", "Bác"})


def _in_capitals(token: str) -> bool:
    """A word in capitals ("TTXVN", "VŨ"), or a credit ending in one ("Dũng/TTXVN")."""
    letters = [ch for ch in token.rsplit("/", 1)[-1] if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


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
