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
# A document's date: "… số 12/2017/QĐ-TTg ngày 5/1/2017", "Chỉ thị 05 ngày …", "Quyết định ngày …".
_DOCUMENT_BEFORE = re.compile(
    r"(?:\bso\s+\S+|\b(?:chi thi|quyet dinh|nghi quyet|nghi dinh|thong tu|cong van|ke hoach|thong bao|luat)\b[^.;\n]{0,40})"
    r"\s+(?:ngay|ban hanh ngay|ky ngay)\s*$")
# A day and month that open a sentence ("Sáng 6/6,", "Ngày 3/7", "Sáng qua (10/2)"), folded.
_OPENING_DAY = re.compile(r"(?:^|[.!?\n]\s*)(?:\(?[a-z ]{0,12}?\(?)(?:ngay |hom )?(\d{1,2})[/\-](\d{1,2})(?![/\-\d])")
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
    if found:
        return min(found)[1]
    for m in _OPENING_DAY.finditer(folded):
        sentence_end = re.search(r"[.!?](?:\s|$)|\n", folded[m.end():])
        sentence = folded[m.end():m.end() + (sentence_end.start() if sentence_end else len(folded))]
        year = _YEAR.search(sentence)
        if year:
            iso = _iso(year.group(1), m.group(2), m.group(1))
            if iso:
                return iso
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


def _iso(year: str, month: str, day: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
