"""Browsing the extracted records: pacts, participants and themes, with a text query and the
same metadata filters as retrieval."""
from __future__ import annotations

from collections import Counter

from corpus.normalize import fold
from index.catalog import Catalog
from index.retrieval import Filters

_SEARCH_FIELDS = ("surface", "name", "canonical", "text", "bloc", "bloc_canonical", "province", "kind",
                  "title", "position", "organisation", "number", "article_title")


def _matches(record: dict, query: str | None) -> bool:
    if not query:
        return True
    words = fold(query).split()
    haystack = fold(" ".join(str(record.get(f) or "") for f in _SEARCH_FIELDS) + " " + " ".join(record.get("parties") or []))
    return all(w in haystack for w in words)


def allowed_articles(catalog: Catalog, filters: dict | Filters | None) -> list[str] | None:
    flt = Filters.parse(filters)
    if flt.empty:
        return None
    return [article_id for article_id, (source, date) in sorted(catalog.article_metadata().items())
            if flt.admits(article_id, source, date)]


def party_counts(catalog: Catalog, article_ids: list[str] | None = None) -> Counter:
    """How many pacts each organisation (by folded canonical name) is a party to."""
    counts: Counter = Counter()
    for pact in catalog.records("pact", article_ids=article_ids):
        for party in set(pact.get("parties") or []):
            counts[fold(party)] += 1
    return counts


def list_pacts(catalog: Catalog, query: str | None = None, filters: dict | Filters | None = None) -> list[dict]:
    ids = allowed_articles(catalog, filters)
    return [r for r in catalog.records("pact", article_ids=ids) if _matches(r, query)]


def list_participants(catalog: Catalog, query: str | None = None, filters: dict | Filters | None = None) -> list[dict]:
    ids = allowed_articles(catalog, filters)
    counts = party_counts(catalog, ids)
    rows = []
    for record in catalog.records("participant", article_ids=ids):
        if _matches(record, query):
            record["pact_count"] = counts.get(fold(record.get("canonical") or ""), 0)
            rows.append(record)
    return rows


def list_themes(catalog: Catalog, query: str | None = None, filters: dict | Filters | None = None) -> list[dict]:
    ids = allowed_articles(catalog, filters)
    return [r for r in catalog.records("theme", article_ids=ids) if _matches(r, query)]
