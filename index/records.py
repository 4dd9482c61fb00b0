"""Extracted records (pacts, participants, themes, stated counts) as catalog rows.

Extraction (`corpus.extraction`) runs at ingest; its output is stored per article in the
catalog. The extraction version (`corpus.extraction.version.EXTRACTION_VERSION`) is kept in the
catalog so that changed rules re-extract every stored article (no re-embedding needed).
"""
from __future__ import annotations

from corpus.records import Article

FINGERPRINT_KEY = "extraction_fingerprint"


def extraction_fingerprint() -> str:
    """The version of the extraction rules (`corpus.extraction.version.EXTRACTION_VERSION`): a
    stored fingerprint that differs means the stored records came from other rules."""
    from corpus.extraction import version

    return f"v{version.EXTRACTION_VERSION}"


def extraction_records(article: Article) -> list[dict]:
    """Catalog rows for everything extracted from `article` (each row has type, kind, key,
    province, year, start, end and the record's own fields)."""
    from corpus.extraction import extract

    extraction = extract(article)
    rows: list[dict] = []
    for pact in extraction.pacts:
        rows.append({"type": "pact", **pact.to_dict(), "key": pact.bloc_canonical or pact.kind})
    for participant in extraction.participants:
        rows.append({"type": "participant", **participant.to_dict()})
    for theme in extraction.themes:
        rows.append({"type": "theme", **theme.to_dict()})
    for count in extraction.counts:
        rows.append({"type": "count", **count.to_dict(), "kind": count.noun, "key": count.noun})
    for row in rows:
        row.setdefault("province", extraction.province)
        row["article_id"] = article.id
    return rows
