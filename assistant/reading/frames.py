"""Values a Vietnamese question pins to a frame — "năm 2061", "kỳ họp thứ mười", "lần thứ 40", "khóa
XV", "đợt 3", the name of a bloc ("Khối thi đua Suối Bạc") — and whether an article contradicts them:
it writes the same frame with other values and never with the question's own (the question asks
about a session, year, round or bloc the article does not report). A feature of the reader
(`features.FEATURES` "conflict_art"); its weight is learned.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.normalize import fold, has_tone_marks, match_form
from corpus.records import Article

from .numerals import from_roman

_ORDINALS = {"nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8,
             "chin": 9, "muoi": 10}
_ORDINAL = "|".join(_ORDINALS)
# the frame's words, then its value; "thứ" only after the noun it numbers ("thứ năm" alone is Thursday);
# "lần thứ" with the two words before it ("hội nghị lần thứ 2" is no "cách mạng công nghiệp lần thứ tư")
_FRAME = re.compile(
    r"\b(?:(nam)\s+((?:19|20)\d\d)(?![\d/-])"
    rf"|((?:ky hop|phien|hoi nghi|dai hoi|ky|khoa) thu|\w+ \w+ lan thu)\s+(\d{{1,3}}|{_ORDINAL})\b"
    r"|(khoa)\s+(\d{1,2}|[ivxlc]{1,6})\b"
    r"|(dot)\s+(\d{1,2})\b)")


# a range of years from "từ" or "năm" is about both ("từ năm 1991 đến 2000"); a term's ("nhiệm kỳ
# 2060–2065") is not about its last year
_YEAR_RANGE = re.compile(r"\b(?:tu|nam)\s+((?:19|20)\d\d)\s*(?:den|toi|-|–)\s*(?:nam\s+)?((?:19|20)\d\d)\b")


# a year written anywhere, but not as the end of a term ("nhiệm kỳ 2060–2065"): "Đạo luật X 1978", "5/6/2061"
_YEAR = re.compile(r"(?<![\d–-])(?<![\d–-] )((?:19|20)\d\d)(?!\d)")


# the same period of a year (folded): the year before the one a report is about
_SAME_PERIOD = re.compile(r"\bcung ky (?:nam )?((?:19|20)\d\d)\b")


BODY_NAME_WORDS = 6  # words of a bloc's name at most


def _body_frame(levels: str, heads: str) -> re.Pattern[str]:
    """A bloc or cluster of the emulation movement and its name ("Khối thi đua Suối Bạc tỉnh A" →
    "suoi bac"): up to a level word or punctuation, `BODY_NAME_WORDS` at most (the sentence may go on
    after the name: `_same` compares the first words)."""
    return re.compile(rf"\b({heads})\s+(\w+(?:\s+(?!(?:{levels})\b)\w+){{0,{BODY_NAME_WORDS - 1}}})")


# matched with tone marks when the text has them ("cơ quan" holds no "quận", "Xã hội" no "xã")
_BODY_FRAME_TONED = _body_frame("tỉnh|thành phố|tp|huyện|quận|thị xã|xã(?! hội)|phường", "khối thi đua|cụm thi đua")
_BODY_FRAME = _body_frame("tinh|thanh pho|tp|huyen|quan|thi xa|xa|phuong", "khoi thi dua|cum thi dua")


@dataclass(frozen=True)
class Frame:
    """A frame's words (folded: "ky hop thu", "nam", "khoa", "khoi thi dua") and the number or name
    (folded) it gives."""

    words: str
    value: int | str


def _number(value: str) -> int | None:
    if value.isdigit():
        return int(value)
    if value in _ORDINALS:
        return _ORDINALS[value]
    return from_roman(value)


def frames_in(text: str) -> list[Frame]:
    """The frames `text` writes ("Kỳ họp thứ mười HĐND khóa XX" → ky hop thu 10, khoa 20), the years of
    a range first."""
    return _frames(text, fold(text).lower())


def _frames(text: str, folded: str) -> list[Frame]:
    """`frames_in` of `text`, whose folded lower-case form is `folded`."""
    out = []
    for m in _YEAR_RANGE.finditer(folded):
        out += [Frame("nam", int(m.group(1))), Frame("nam", int(m.group(2)))]
    for m in _FRAME.finditer(folded):
        words, value = next((m.group(i), m.group(i + 1)) for i in (1, 3, 5, 7) if m.group(i))
        number = _number(value)
        if number is not None:
            out.append(Frame(words, number))
    toned = has_tone_marks(text)
    for m in (_BODY_FRAME_TONED.finditer(match_form(text).lower()) if toned else _BODY_FRAME.finditer(folded)):
        name = " ".join(fold(m.group(2)).lower().replace("–", " ").replace("-", " ").split())
        if name and name.split()[0] not in ("nao", "gi", "nay", "do", "tren", "cua"):
            out.append(Frame(fold(m.group(1)).lower(), name))
    return out


NAME_WORDS_COMPARED = 2  # a bloc's name is told by its first words: what follows may be the sentence's


def _same(value: int | str, other: int | str) -> bool:
    """Whether two values of a frame are one: equal numbers, or names whose first
    `NAME_WORDS_COMPARED` words are the same ("suoi bac" and "suoi bac tai hoi nghi …", where the
    sentence goes on after the name; "so 2" and "so 3" differ)."""
    if isinstance(value, str) and isinstance(other, str):
        a, b = value.split(), other.split()
        n = min(NAME_WORDS_COMPARED, len(a), len(b))
        return a[:n] == b[:n]
    return value == other


def contradicted(asked: list[Frame], article: Article) -> float:
    """The share of the question's frames that the article writes with other values and never with
    the question's (a year counts as written wherever the article writes it, as a date too, except as
    the end of a term, when it is the article's date, and when the article compares with the same
    period of the year before, "cùng kỳ"; a bloc's name is among the frames only when the article
    names that kind of bloc otherwise): 0 when it holds them all or writes none of their frames."""
    asked = sorted(set(asked), key=lambda f: (f.words, str(f.value)))
    if not asked:
        return 0.0
    text = article.title + "\n" + article.text
    folded = fold(text).lower()  # once: an article is long
    written = _frames(text, folded)
    years = {int(y) for y in _YEAR.findall(text)} | ({int(article.date[:4])} if article.date else set())
    # "so với cùng kỳ năm 2060" compares with the same weeks of the year before the one reported
    years |= {int(y) + 1 for y in _SAME_PERIOD.findall(folded)}
    against = counted = 0
    for frame in asked:
        same = {f.value for f in written if f.words == frame.words}
        contradicts = bool(same) and not any(_same(frame.value, v) for v in same)
        if isinstance(frame.value, str) and not contradicts:
            continue  # a bloc's name counts only against: naming one does not lessen a year's conflict
        counted += 1
        if frame.words == "nam" and frame.value in years:
            continue
        against += contradicts
    return against / counted if counted else 0.0
