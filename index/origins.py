"""One id, one article: where each article id was read, and whether another read may replace it.

Readers record where an article was read in its metadata (`corpus.records.ORIGIN_FILE`, and
`ORIGIN_LINE` for JSON Lines) — never from a field of the input. An ingest then keeps, for every
id, the place it was first read and its content; the rules (docs/reliability.md):

- the same place read twice (a file given twice, a folder and a file in it) is read once;
- the same id at two places with the same content (a copy of a record) is one article, stored once;
- the same id at two places with different content in one ingest is an error naming both places,
  file:line, and the first one read is kept — so re-ingesting the same inputs changes nothing;
- across ingests, an id given by a JSON Lines record names the article wherever the record is: a
  record with that id in a later JSON Lines file updates it (a feed of corrections);
- any other stored article — its id from a file name, a URL or its content — belongs to the file
  it was read from: a different article with its id from elsewhere (another file, or a record) is
  refused, and a record's article is not replaced from a text file either; editing the article in
  its own file updates it, and a file that no longer exists (moved, deleted) gives way.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass

from corpus.records import ORIGIN_FILE, ORIGIN_LINE, Article


@dataclass(frozen=True)
class Place:
    """Where an article was read: a file (or URL, or the name the caller gave an input) and, for
    JSON Lines, a line."""

    file: str | None
    line: int | None = None

    @classmethod
    def of(cls, article: Article) -> Place:
        file, line = article.metadata.get(ORIGIN_FILE), article.metadata.get(ORIGIN_LINE)
        return cls(str(file) if file else None, line if isinstance(line, int) else None)

    def __str__(self) -> str:
        where = self.file or "(unknown file)"
        return f"{where}:{self.line}" if self.line is not None else where

    def gone(self) -> bool:
        """Whether this is a local file that no longer exists (URLs and named inputs never are)."""
        return bool(self.file) and os.path.isabs(self.file) and not os.path.exists(self.file)


def content_identity(article: Article) -> str:
    """A digest of what the article says (title, text, date, source, url, other metadata), without
    where it was read: two copies of one record have the same identity."""
    metadata = {k: v for k, v in article.metadata.items() if k not in (ORIGIN_FILE, ORIGIN_LINE)}
    payload = json.dumps([article.title, article.text, article.date, article.source, article.url, metadata],
                         ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class IdGuard:
    """The ids of one ingest: where each was first read and what it said."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[Place, str]] = {}

    def earlier(self, article: Article) -> tuple[bool, str | None]:
        """Whether `article` repeats an id already read in this ingest, and, when it is a
        different article, the error message (None for the same record or an identical copy)."""
        seen = self._seen.get(article.id)
        if seen is None:
            return False, None
        place, identity = seen
        here = Place.of(article)
        if place == here or identity == content_identity(article):
            return True, None
        return True, (f"article id '{article.id}' is used twice with different content: at {place} and at {here}; "
                      f"only the first was ingested — give each article its own id")

    def keep(self, article: Article, place: Place | None = None) -> None:
        """Record that `article`'s id is now taken (by `place`, default where it was read)."""
        self._seen.setdefault(article.id, (place or Place.of(article), content_identity(article)))


def clash_with_stored(article: Article, stored: Article) -> tuple[bool, str | None]:
    """Whether `article` may not replace `stored` (same id) and, when it is a different article,
    why: the stored one was read from another file that still exists, and they are not both JSON
    Lines records. (True, None): the same article read from elsewhere, left as it is."""
    there, here = Place.of(stored), Place.of(article)
    if not there.file or there.file == here.file:
        return False, None
    if content_identity(stored) == content_identity(article):  # a copy (chunking changed since): its own file rewrites it
        return True, None
    if there.gone() or (there.line is not None and here.line is not None):  # moved; or two records: an update
        return False, None
    return True, (f"article id '{article.id}' already belongs to {there}; {here} was not ingested "
                  "(rename the file, or give the article its own id)")
