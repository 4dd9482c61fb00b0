"""Ingestion of the third-party civic news corpus in ../shared (skipped when it is absent)."""
import json

import pytest
from conftest import CIVIC_NEWS, needs_shared

from assistant import Assistant


@needs_shared
@pytest.mark.timeout(1800)
def test_civic_news_twice_gives_400_articles_and_the_same_chunks(tmp_path):
    # The light model keeps this test to about a minute; chunking does not depend on the model.
    assistant = Assistant(tmp_path / "idx", embedding_model="all-MiniLM-L6-v2")
    first = assistant.ingest([CIVIC_NEWS])
    assert first.ok, [str(e) for e in first.errors[:5]]
    counts = assistant.stats()
    assert counts["articles"] == 400
    again = assistant.ingest([CIVIC_NEWS])
    assert again.articles_added == again.articles_updated == again.chunks_added == 0
    assert again.articles_unchanged == 400
    assert assistant.stats()["chunks"] == counts["chunks"] == counts["vectors"]
    # The one article stored with a decomposed character comes back NFC.
    raw = {json.loads(line)["id"]: json.loads(line)["text"] for line in open(CIVIC_NEWS, encoding="utf-8")}
    import unicodedata
    nfd_ids = [i for i, t in raw.items() if unicodedata.normalize("NFC", t) != t]
    for article_id in nfd_ids:
        stored = assistant.article(article_id).text
        assert unicodedata.normalize("NFC", stored) == stored
