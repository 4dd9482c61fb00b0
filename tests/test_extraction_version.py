"""The extraction version: stored with an index's records, it re-extracts the stored articles when
the rules change (a bumped EXTRACTION_VERSION), and only then (not when a comment changes)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from corpus.extraction import version
from corpus.records import Article
from index.catalog import Catalog
from index.indexer import Indexer
from index.records import FINGERPRINT_KEY, extraction_fingerprint

ROOT = Path(__file__).resolve().parents[1]

ARTICLE = Article(
    id="pact-1", title="Ký kết giao ước thi đua",
    text="Ngày 15/3/2022, Công an tỉnh Lạc Sơn và Viện Kiểm sát nhân dân tỉnh Lạc Sơn tổ chức ký kết "
         "giao ước thi đua năm 2022. Ông Nguyễn Văn An, Giám đốc Công an tỉnh, phát biểu.",
    date="2022-03-15",
)


def test_fingerprint_is_the_version():
    assert extraction_fingerprint() == f"v{version.EXTRACTION_VERSION}"


def test_fingerprint_does_not_change_when_a_source_comment_changes(tmp_path):
    for package in ("corpus", "index"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "articles"))
    for name in ("organisations.py", "org_parser.py", "people.py"):
        path = tmp_path / "corpus" / "extraction" / name
        path.write_text(path.read_text(encoding="utf-8") + "\n# a comment added after the fact\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", "import index.records as r, corpus.extraction as e; "
                          "print(r.__file__); print(e.__file__); print(r.extraction_fingerprint())"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, check=True).stdout.split()
    assert out[0].startswith(str(tmp_path)) and out[1].startswith(str(tmp_path))  # the edited copy ran
    assert out[2] == extraction_fingerprint()


def test_a_bumped_version_re_extracts_stored_articles(tmp_path, monkeypatch):
    catalog = Catalog(tmp_path / "catalog.sqlite")
    catalog.replace_article(ARTICLE, "hash", [], [], records=[])
    catalog.set_meta(FINGERPRINT_KEY, extraction_fingerprint())
    indexer = Indexer(tmp_path, catalog, store=None, embedder=None)
    assert indexer.refresh_extraction() == 0  # same version: the stored (empty) records stay
    assert catalog.records("participant") == []

    monkeypatch.setattr(version, "EXTRACTION_VERSION", version.EXTRACTION_VERSION + 1)
    assert indexer.refresh_extraction() == 1
    assert catalog.get_meta(FINGERPRINT_KEY) == extraction_fingerprint()
    names = {r["canonical"] for r in catalog.records("participant")}
    assert "Công an tỉnh Lạc Sơn" in names
    assert indexer.refresh_extraction() == 0  # stored with the new version: nothing more to do
    catalog.close()


def test_an_index_from_before_versions_re_extracts_once(tmp_path):
    """An index whose catalog holds a hash of the extractor's source (the fingerprint before the
    version) re-extracts once and then stores the version."""
    catalog = Catalog(tmp_path / "catalog.sqlite")
    catalog.replace_article(ARTICLE, "hash", [], [], records=[])
    catalog.set_meta(FINGERPRINT_KEY, "3f0c2a9d1b7e4c55")
    indexer = Indexer(tmp_path, catalog, store=None, embedder=None)
    assert indexer.refresh_extraction() == 1
    assert catalog.get_meta(FINGERPRINT_KEY) == extraction_fingerprint()
    catalog.close()
