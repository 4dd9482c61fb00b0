"""Dates: the one parser for dates a user types, and the reader of an article's own date.

`parse_user_date` is what every entry point accepts for a date filter — the CLI
(`--date-from` / `--date-to`), the `Assistant` API (`filters={"date_from": …}`) and the web UI's
sidebar: `YYYY-MM-DD`, `DD/MM/YYYY` (also `D/M/YYYY`, and `.` or `-` between the parts), `YYYY-MM`
or `YYYY`. The whole value must be one of these, in ASCII digits, and a real calendar date;
anything else (`20230101`, `2023-W01-1`, `2023-05-05T99:99`, `2021-01-01'; DROP TABLE x;--`) is an
`InputError` that says which forms are accepted. A month or a year stands for its first day, or
its last day with `end=True` (the end of a range).

`article_date` reads the `date` of an article (a JSON Lines field, a page's metadata): an ISO date,
optionally followed by an ISO time, which is dropped; None for anything else.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from .errors import InputError, shown

ACCEPTED = "YYYY-MM-DD or DD/MM/YYYY (also YYYY-MM or YYYY)"
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DMY = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_YEAR = re.compile(r"[0-9]{4}")
_LONGEST = len("2021-01-01")
_ARTICLE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})((?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
                      r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?)")


class DateError(InputError):
    """A date a user typed that is not one of the accepted forms."""


def parse_user_date(value: object, *, end: bool = False, name: str = "date") -> str | None:
    """The ISO date (`YYYY-MM-DD`) of a date a user typed; None when empty. `end`: a month or a
    year means its last day. `name` says which input, in the error message."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise DateError(f"{name} must be a date written as {ACCEPTED}, not {type(value).__name__}",
                        f"Ngày không hợp lệ ({name}): dùng dạng YYYY-MM-DD hoặc DD/MM/YYYY.")
    text = value.strip()
    if not text:
        return None
    parsed = _parse(text, end) if len(text) <= _LONGEST else None
    if parsed is None:
        raise DateError(f"{name}: {shown(value, 120)} is not a date; use {ACCEPTED}",
                        f"Ngày không hợp lệ: {shown(value, 120)} (dùng dạng YYYY-MM-DD hoặc DD/MM/YYYY).")
    return parsed


def _parse(text: str, end: bool) -> str | None:
    try:
        if m := _ISO.fullmatch(text):
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if m := _DMY.fullmatch(text):
            return date(int(m[4]), int(m[3]), int(m[1])).isoformat()
        if m := _MONTH.fullmatch(text):
            year, month = int(m[1]), int(m[2])
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1).isoformat()
        if _YEAR.fullmatch(text) and int(text) >= 1:
            return f"{text}-12-31" if end else f"{text}-01-01"
    except ValueError:  # 31/02, month 13, year 0
        return None
    return None


def article_date(value: object) -> str | None:
    """An article's date as `YYYY-MM-DD`: an ISO date, or an ISO date and time (the time is
    dropped); None when it is anything else."""
    if not isinstance(value, str):
        return None
    m = _ARTICLE.fullmatch(value.strip())
    if not m:
        return None
    try:
        day = date.fromisoformat(m[1])
        if m[2]:
            datetime.fromisoformat(m[1] + "T" + m[2][1:])  # a real time of day (no 25:00)
    except ValueError:
        return None
    return day.isoformat()

