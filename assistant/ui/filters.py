"""The sidebar's filters: dates a user types (read by the one parser, `corpus.dates.parse_user_date`),
the `filters` dict for `Assistant.ask`, and how filters and ISO dates are shown (DD/MM/YYYY)."""
from __future__ import annotations

import re

from corpus.dates import parse_user_date
from corpus.errors import InputError

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def format_date(value: str | None) -> str:
    """ISO `YYYY-MM-DD` → `15/03/2022`; anything else unchanged."""
    if not value:
        return ""
    m = _ISO_DATE.fullmatch(value[:10])
    return f"{m.group(3)}/{m.group(2)}/{m.group(1)}" if m else value


def parse_date(value: str | None, *, end: bool = False) -> str | None:
    """A date typed in the sidebar → ISO date, by the one parser of dates a user types
    (`corpus.dates.parse_user_date`: YYYY-MM-DD, DD/MM/YYYY, YYYY-MM, YYYY; `end` picks the last
    day); empty → None; anything else raises ValueError with a Vietnamese message."""
    try:
        return parse_user_date(value, end=end)
    except InputError as exc:
        raise ValueError(exc.vi) from None


def make_filters(sources: list[str] | str | None, date_from: str | None, date_to: str | None) -> dict | None:
    """The `filters` dict for `Assistant.ask` from the UI's inputs (None when nothing is set)."""
    if isinstance(sources, str):
        sources = [sources] if sources.strip() else []
    sources = [s for s in (sources or []) if s]
    filters = {"source": sources or None, "date_from": parse_date(date_from),
               "date_to": parse_date(date_to, end=True)}
    if filters["date_from"] and filters["date_to"] and filters["date_from"] > filters["date_to"]:
        raise ValueError("“Từ ngày” phải trước “Đến ngày”.")
    return filters if any(filters.values()) else None


def describe_filters(filters: dict | None) -> str:
    """The filters in words ("nguồn: A; từ 01/01/2021"), plain text; "" for none."""
    if not filters:
        return ""
    parts = []
    if filters.get("source"):
        parts.append("nguồn: " + ", ".join(filters["source"]))
    if filters.get("date_from"):
        parts.append("từ " + format_date(filters["date_from"]))
    if filters.get("date_to"):
        parts.append("đến " + format_date(filters["date_to"]))
    return "; ".join(parts)
