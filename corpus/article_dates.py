"""Article dates read from the text: when an article comes without a date, the first full date
(day, month and year) that its lead states — "chiều 17/3/2021", "ngày 5-6-2019", "ngày 2 tháng 9
năm 2020" — becomes its date, marked as inferred (`metadata["date_inferred"]`), so that date
filters keep it and the UI can say where the date came from."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .normalize import fold
from .records import Article

LEAD_CHARS = 800  # the lead: the title and the article's opening, up to this many characters
INFERRED_KEY = "date_inferred"

_NUMERIC = re.compile(r"(?<![\d/.\-])(\d{1,2})\s?([/.\-])\s?(\d{1,2})\2\s?((?:19|20)\d{2})(?![\d/.\-]*\d)")
# A document's date: "… số 31/2030/QĐ-TTg ngày 4/2/2030", "Chỉ thị 05 ngày …", "Quyết định ngày …".
_DOCUMENT_BEFORE = re.compile(
    r"(?:\bso\s+\S+|\b(?:chi thi|quyet dinh|nghi quyet|nghi dinh|thong tu|cong van|ke hoach|thong bao|luat)\b[^.;\n]{0,40})"
    r"\s+(?:ngay|ban hanh ngay|ky ngay)\s*$")
# The day and month of the reported event, folded: one that opens a sentence ("Sáng 6/6,", "Ngày 3/7",
# "Sáng qua (10/2)", "Trong hai ngày 20-21/5") or follows a time of day anywhere ("…, chiều 12/6, …").
_OPENING_DAY = re.compile(
    r"(?:(?:^|[.!?\n]\s*)(?:\(?[a-z ]{0,16}?\(?)|\b(?:sang|chieu|toi|trua|dem)(?: qua| nay)? \(?)"
    r"(?:ngay |hom )?(\d{1,2})(?:\s?-\s?\d{1,2})?[/\-](\d{1,2})(?![/\-\d])")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_WORDS = re.compile(r"\b(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:nam|,|/)\s*((?:19|20)\d{2})\b")


def lead_date(article: Article, lead_chars: int = LEAD_CHARS) -> str | None:
    """The date of the event an undated article reports, as ISO YYYY-MM-DD: the first full, valid
    date stated in its title or the first `lead_chars` characters of its text that is not the date
    of a cited document ("Quyết định số 47/QĐ-UBND ngày 5/1/2017"); failing that, a day and month
    that open a sentence of the lead ("Sáng 6/6, …", "Ngày 3/7 …") with the year stated in the same
    sentence. None when there is none."""
    lead = f"{article.title}\n{article.text[:lead_chars]}"
    folded = fold(lead)
    found: list[tuple[int, str]] = []
    for m in _NUMERIC.finditer(lead):
        iso = _iso(m.group(4), m.group(3), m.group(1))
        if iso and not _DOCUMENT_BEFORE.search(folded[max(0, m.start() - 60):m.start()]):
            found.append((m.start(), iso))
    for m in _WORDS.finditer(folded):
        iso = _iso(m.group(3), m.group(2), m.group(1))
        if iso and not _DOCUMENT_BEFORE.search(folded[max(0, m.start() - 60):m.start()]):
            found.append((m.start(), iso))
    event = _event_day(folded)
    if found and (event is None or min(found)[0] < event[0]):
        return min(found)[1]
    return event[1] if event else None


def _event_day(folded: str) -> tuple[int, str] | None:
    """(offset, ISO date) of the first event day and month of the lead whose sentence states the
    year: its latest year ("… tổng kết năm 2016, bàn nhiệm vụ năm 2017" is a meeting of 2017)."""
    for m in _OPENING_DAY.finditer(folded):
        start = max(folded.rfind(". ", 0, m.start()), folded.rfind("\n", 0, m.start()), 0)
        sentence_end = re.search(r"[.!?](?:\s|$)|\n", folded[m.end():])
        sentence = folded[start:m.end() + (sentence_end.start() if sentence_end else len(folded))]
        years = _sentence_years(sentence)
        if years:
            iso = _iso(str(max(years)), m.group(2), m.group(1))
            if iso:
                return m.start(), iso
    return None


def with_inferred_date(article: Article) -> Article:
    """`article` itself when it has a date (or none can be read); otherwise a copy dated by its
    lead, marked as inferred."""
    if article.date:
        return article
    date = lead_date(article)
    if date is None:
        return article
    return replace(article, date=date, metadata={**article.metadata, INFERRED_KEY: True})


_PERIOD = re.compile(r"\b((?:19|20)\d{2})(?:\s?[-–]\s?| den (?:nam )?)((?:19|20)\d{2})\b")
_NUMBERED_YEAR = re.compile(r"(?<![\d/])\d+/((?:19|20)\d{2})\b(?!/\d)")


def _sentence_years(sentence: str) -> list[int]:
    """The years a folded sentence states, less the end of a term or plan ("nhiệm kỳ 2017-2022",
    "giai đoạn từ năm 2017 đến năm 2021": a congress or a signing opens it) and the year of a
    document's number ("Nghị định 24/2014"); an anniversary's span ("1957 - 2017") keeps its end."""
    dropped: list[tuple[int, int]] = []
    for m in _PERIOD.finditer(sentence):
        first, last = int(m.group(1)), int(m.group(2))
        if 0 < last - first <= 6:
            dropped.append(m.span(2))
    for m in _NUMBERED_YEAR.finditer(sentence):  # not after a day: "14/8/2031" is no number
        if int(m.group(0).split("/")[0]) > 12:
            dropped.append(m.span(1))  # "24/2014" is a number, "6/2017" a month
    return [int(m.group(1)) for m in _YEAR.finditer(sentence) if not any(s <= m.start() < e for s, e in dropped)]


def _iso(year: str, month: str, day: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
