"""Metadata filters of a search (sources, dates, article ids), independent of any store: each
store translates them into its own query syntax (`index.store.ChromaStore`), BM25 into a mask."""
from __future__ import annotations

from dataclasses import dataclass

from corpus.dates import parse_user_date


@dataclass
class Filters:
    """Metadata filters: sources (any of), inclusive ISO date range, article ids (any of), and
    article ids left out (none of). `parse` reads dates with the one parser of dates a user types
    (`corpus.dates.parse_user_date`: YYYY-MM-DD, DD/MM/YYYY, YYYY-MM, YYYY)."""

    sources: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    article_ids: tuple[str, ...] = ()
    exclude_article_ids: tuple[str, ...] = ()

    @classmethod
    def parse(cls, filters: dict | Filters | None) -> Filters:
        if filters is None:
            return cls()
        if isinstance(filters, Filters):
            return filters
        unknown = set(filters) - {"source", "sources", "date_from", "date_to", "article_id", "article_ids",
                                  "exclude_article_id", "exclude_article_ids"}
        if unknown:
            raise ValueError(f"unknown filter(s): {', '.join(sorted(unknown))}")
        sources = _as_tuple(filters.get("source")) + _as_tuple(filters.get("sources"))
        ids = _as_tuple(filters.get("article_id")) + _as_tuple(filters.get("article_ids"))
        excluded = _as_tuple(filters.get("exclude_article_id")) + _as_tuple(filters.get("exclude_article_ids"))
        return cls(sources, parse_user_date(filters.get("date_from"), name="date_from"),
                   parse_user_date(filters.get("date_to"), end=True, name="date_to"), ids, excluded)

    @property
    def empty(self) -> bool:
        return not (self.sources or self.date_from or self.date_to or self.article_ids or self.exclude_article_ids)

    def admits(self, article_id: str, source: str | None, date: str | None) -> bool:
        """Whether an article with this id, source and ISO date passes the filters (an article
        without a date fails any date bound)."""
        return ((not self.sources or source in self.sources)
                and (not self.article_ids or article_id in self.article_ids)
                and article_id not in self.exclude_article_ids
                and (not self.date_from or bool(date and date >= self.date_from))
                and (not self.date_to or bool(date and date <= self.date_to)))


def _as_tuple(value: object) -> tuple[str, ...]:
    if value in (None, "", [], ()):
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)  # type: ignore[union-attr]

