"""What readers yield besides `corpus.records.Article` and `corpus.errors.ReadError`: `Unchanged`
(a listed page not fetched again), the `ReadResult` union of the three, and `LISTED_KEY`."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import ReadError
from ..records import Article


@dataclass
class Unchanged:
    """A page a feed or sitemap lists with the same version stamp as when it was last ingested:
    not fetched again."""

    source: str


ReadResult = Article | ReadError | Unchanged
# Article.metadata key of a page read from a feed or sitemap: {"in": listing URL, "url": the listed
# URL, "stamp": the listing's version of it}. Not part of the article's content (see index/prepare.py).
LISTED_KEY = "listed"
