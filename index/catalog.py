"""The article catalog: a SQLite file holding articles, their chunks (with BM25 tokens) and hashes,
their extracted records, and the vectors of their sentences (`index.sentence_vectors`).

The catalog is the source of truth for what is ingested: Chroma and BM25 are derived from it.
An article and its chunks are replaced in one transaction.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from corpus.records import ORIGIN_FILE, ORIGIN_LINE, Article, Chunk

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    date TEXT,
    source TEXT,
    url TEXT,
    metadata TEXT NOT NULL DEFAULT '{}',
    content_hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    tokens TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks(article_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    kind TEXT,
    key TEXT,
    province TEXT,
    year INTEGER,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_type ON records(type, kind);
CREATE INDEX IF NOT EXISTS records_article ON records(article_id);
CREATE INDEX IF NOT EXISTS records_key ON records(key);
CREATE TABLE IF NOT EXISTS sentence_vectors (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    count INTEGER NOT NULL,
    dimension INTEGER NOT NULL,
    vectors BLOB NOT NULL
);
"""

# Record types stored for each article (pacts, participants, themes, stated counts).
RECORD_TYPES = ("pact", "participant", "theme", "count")


class Catalog:
    """SQLite catalog at `path` (created when missing)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), timeout=60, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        self._db.close()

    # --- articles -----------------------------------------------------------------------------
    def content_hash(self, article_id: str) -> str | None:
        row = self._db.execute("SELECT content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def content_hashes(self) -> dict[str, str]:
        """{article id: content hash} of every stored article."""
        return dict(self._db.execute("SELECT id, content_hash FROM articles"))

    def listed_stamps(self) -> dict[str, str]:
        """{listed page URL: the feed's or sitemap's stamp of it} for every stored article that was
        read from a listing with a stamp (see corpus.readers.LISTED_KEY)."""
        stamps: dict[str, str] = {}
        # decoded here, not with SQLite's json_extract: metadata written by Python's json may hold
        # values SQLite's JSON reader refuses (NaN, Infinity from a JSON Lines record)
        for (raw,) in self._db.execute("SELECT metadata FROM articles WHERE instr(metadata, '\"listed\"') > 0"):
            try:
                listed = json.loads(raw).get("listed")
            except (ValueError, AttributeError):
                continue
            if isinstance(listed, dict) and isinstance(listed.get("url"), str) and isinstance(listed.get("stamp"), str):
                stamps[listed["url"]] = listed["stamp"]
        return stamps

    def set_article_metadata(self, article_id: str, metadata: dict) -> None:
        with self._db:
            self._db.execute("UPDATE articles SET metadata = ? WHERE id = ?",
                             (json.dumps(metadata, ensure_ascii=False), article_id))

    def chunk_ids(self, article_id: str) -> list[str]:
        rows = self._db.execute("SELECT id FROM chunks WHERE article_id = ? ORDER BY seq", (article_id,))
        return [r[0] for r in rows]

    def replace_article(self, article: Article, content_hash: str, chunks: list[Chunk], tokens: list[list[str]],
                        records: list[dict] | None = None) -> None:
        """Store an article, its chunks and its extracted records, replacing any previous version,
        atomically."""
        with self._db:
            self._db.execute("DELETE FROM chunks WHERE article_id = ?", (article.id,))
            self._db.execute(
                "INSERT OR REPLACE INTO articles (id, title, text, date, source, url, metadata, content_hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id, article.title, article.text, article.date, article.source, article.url,
                    json.dumps(article.metadata, ensure_ascii=False), content_hash,
                ),
            )
            self._db.executemany(
                'INSERT INTO chunks (id, article_id, seq, start, "end", tokens) VALUES (?, ?, ?, ?, ?, ?)',
                [(c.id, c.article_id, c.seq, c.start, c.end, " ".join(t)) for c, t in zip(chunks, tokens)],
            )
            if records is not None:
                self._write_records(article.id, records)

    def adopt_origin(self, article_id: str, file: str | None, line: int | None) -> None:
        """Record where an unchanged article is read now: its file when it had none (an index from
        before origins were recorded) and its line when it moved within its file. An article that
        belongs to another file keeps its origin."""
        if not file:
            return
        row = self._db.execute("SELECT metadata FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return
        metadata = json.loads(row[0])
        if metadata.get(ORIGIN_FILE) not in (None, file) or (
                metadata.get(ORIGIN_FILE) == file and metadata.get(ORIGIN_LINE) == line):
            return
        metadata[ORIGIN_FILE] = file
        if line is None:
            metadata.pop(ORIGIN_LINE, None)
        else:
            metadata[ORIGIN_LINE] = line
        with self._db:
            self._db.execute("UPDATE articles SET metadata = ? WHERE id = ?",
                             (json.dumps(metadata, ensure_ascii=False), article_id))

    # --- extracted records ----------------------------------------------------------------------
    def replace_records(self, article_id: str, records: list[dict]) -> None:
        """Replace the extracted records of one article."""
        with self._db:
            self._write_records(article_id, records)

    def _write_records(self, article_id: str, records: list[dict]) -> None:
        self._db.execute("DELETE FROM records WHERE article_id = ?", (article_id,))
        self._db.executemany(
            'INSERT INTO records (article_id, type, kind, key, province, year, start, "end", data)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (article_id, r["type"], r.get("kind"), r.get("key"), r.get("province"), r.get("year"),
                 r["start"], r["end"], json.dumps(r, ensure_ascii=False))
                for r in records
            ],
        )

    def records(self, record_type: str, kind: str | None = None, article_ids: list[str] | None = None) -> list[dict]:
        """Stored records of one type (optionally one kind, or only from some articles), in
        article and text order, each with its article's title, date, source and url."""
        sql = ('SELECT r.data, a.title, a.date, a.source, a.url FROM records r JOIN articles a ON a.id = r.article_id'
               " WHERE r.type = ?")
        params: list = [record_type]
        if kind:
            sql += " AND r.kind = ?"
            params.append(kind)
        if article_ids is not None:
            if not article_ids:
                return []
            sql += _in_articles("r.article_id", article_ids, params)
        sql += ' ORDER BY r.article_id, r.start'
        out = []
        for data, title, date, source, url in self._db.execute(sql, params):
            record = json.loads(data)
            record.update(article_title=title, article_date=date, article_source=source, article_url=url)
            out.append(record)
        return out

    def participant_names(self, article_ids: list[str] | None = None) -> list[tuple[str, str | None, str | None]]:
        """Distinct (kind, canonical, name) of the organisation and bloc records (optionally of some
        articles), in storage order — read in SQL, without decoding every record."""
        sql = ("SELECT kind, json_extract(data, '$.canonical'), json_extract(data, '$.name') FROM records"
               " WHERE type = 'participant' AND kind IN ('organisation', 'bloc')")
        params: list = []
        if article_ids is not None:
            if not article_ids:
                return []
            sql += _in_articles("article_id", article_ids, params)
        sql += " GROUP BY 1, 2, 3 ORDER BY min(rowid)"
        return [tuple(row) for row in self._db.execute(sql, params)]

    def records_version(self) -> tuple[int, int]:
        """Changes whenever records are added, replaced or removed (for caches of derived data)."""
        count, last = self._db.execute("SELECT count(*), coalesce(max(rowid), 0) FROM records").fetchone()
        return int(count), int(last)

    def delete_article(self, article_id: str) -> None:
        with self._db:
            self._db.execute("DELETE FROM records WHERE article_id = ?", (article_id,))
            self._db.execute("DELETE FROM chunks WHERE article_id = ?", (article_id,))
            self._db.execute("DELETE FROM sentence_vectors WHERE article_id = ?", (article_id,))
            self._db.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def article(self, article_id: str) -> Article | None:
        row = self._db.execute(
            "SELECT id, title, text, date, source, url, metadata FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return _article(row) if row else None

    def articles(self) -> Iterator[Article]:
        rows = self._db.execute("SELECT id, title, text, date, source, url, metadata FROM articles ORDER BY id")
        for row in rows:
            yield _article(row)

    def article_ids(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT id FROM articles ORDER BY id")]

    # --- chunks -------------------------------------------------------------------------------
    def chunks(self, chunk_ids: list[str]) -> dict[str, Chunk]:
        """Chunks by id (with their text cut from the stored article)."""
        found: dict[str, Chunk] = {}
        for i in range(0, len(chunk_ids), 500):
            batch = chunk_ids[i : i + 500]
            marks = ",".join("?" * len(batch))
            rows = self._db.execute(
                f'SELECT c.id, c.article_id, c.seq, c.start, c."end", substr(a.text, c.start + 1, c."end" - c.start)'
                f" FROM chunks c JOIN articles a ON a.id = c.article_id WHERE c.id IN ({marks})",
                batch,
            )
            for cid, aid, seq, start, end, text in rows:
                found[cid] = Chunk(id=cid, article_id=aid, start=start, end=end, text=text, seq=seq)
        return found

    def person_chunks(self) -> list[tuple[str, str]]:
        """(folded name key, chunk id) of every person record: the chunk that holds the record's
        mention (the name with its post), in article and text order — read in SQL."""
        sql = ("SELECT r.key, c.id FROM records r JOIN chunks c ON c.article_id = r.article_id"
               ' AND c.start <= r.start AND c."end" > r.start'
               " WHERE r.type = 'participant' AND r.kind = 'person' AND r.key IS NOT NULL"
               " ORDER BY r.article_id, r.start, c.seq")
        return [(key, cid) for key, cid in self._db.execute(sql)]

    def chunk_table(self) -> tuple[list[str], list[list[str]]]:
        """Every chunk in a stable order: ids and BM25 token lists."""
        rows = self._db.execute("SELECT id, tokens FROM chunks ORDER BY article_id, seq").fetchall()
        return [r[0] for r in rows], [r[1].split() for r in rows]

    def chunk_articles(self) -> dict[str, str]:
        """The article id of every chunk."""
        return dict(self._db.execute("SELECT id, article_id FROM chunks"))

    def article_metadata(self) -> dict[str, tuple[str | None, str | None]]:
        """(source, date) of every article, without loading the texts."""
        return {r[0]: (r[1], r[2]) for r in self._db.execute("SELECT id, source, date FROM articles")}

    def all_chunk_ids(self) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT id FROM chunks")}

    def counts(self) -> dict[str, int]:
        articles = self._db.execute("SELECT count(*) FROM articles").fetchone()[0]
        chunks = self._db.execute("SELECT count(*) FROM chunks").fetchone()[0]
        inferred = self._db.execute(
            # json_valid first: metadata may hold NaN (Python's json writes it, SQLite's reader refuses it)
            "SELECT count(*) FROM articles WHERE CASE WHEN json_valid(metadata)"
            " THEN json_extract(metadata, '$.date_inferred') END = 1").fetchone()[0]
        undated = self._db.execute("SELECT count(*) FROM articles WHERE date IS NULL").fetchone()[0]
        return {"articles": articles, "chunks": chunks, "dates_inferred": inferred, "undated": undated}

    def sources(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY 1")]

    # --- sentence vectors -----------------------------------------------------------------------
    def put_sentence_vectors(self, article_id: str, model: str, content_hash: str, vectors: np.ndarray) -> None:
        """Store the unit vectors of an article's sentences (a row each, in text order; a 2-D array,
        with no rows for an article without sentences) as float16,
        for the version of the article whose hash is `content_hash`; nothing when the article has
        changed or gone meanwhile."""
        vectors = np.asarray(vectors, dtype=np.float16)
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO sentence_vectors (article_id, model, content_hash, count, dimension, vectors)"
                " SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ? AND content_hash = ?)",
                (article_id, model, content_hash, int(vectors.shape[0]), int(vectors.shape[1]),
                 vectors.tobytes(), article_id, content_hash))

    def sentence_vectors(self, article_ids: list[str], model: str) -> dict[str, np.ndarray]:
        """{article id: its sentences' vectors (float32, one row per sentence)} for the articles
        whose vectors were made by `model` from their current text."""
        if not article_ids:
            return {}
        params: list = [model]
        rows = self._db.execute(
            "SELECT v.article_id, v.count, v.dimension, v.vectors FROM sentence_vectors v"
            " JOIN articles a ON a.id = v.article_id AND a.content_hash = v.content_hash WHERE v.model = ?"
            + _in_articles("v.article_id", list(article_ids), params), params)
        return {aid: np.frombuffer(blob, dtype=np.float16).reshape(count, dim).astype(np.float32)
                for aid, count, dim, blob in rows}

    def articles_without_sentence_vectors(self, model: str) -> list[str]:
        """Ids of the stored articles with no sentence vectors of `model` for their current text."""
        rows = self._db.execute(
            "SELECT a.id FROM articles a LEFT JOIN sentence_vectors v ON v.article_id = a.id"
            " AND v.content_hash = a.content_hash AND v.model = ? WHERE v.article_id IS NULL ORDER BY a.id", (model,))
        return [r[0] for r in rows]

    # --- meta ---------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def _in_articles(column: str, article_ids: list[str], params: list) -> str:
    """An `AND column IN (?, …)` clause for `article_ids`, whose values are appended to `params`."""
    params.extend(article_ids)
    return f" AND {column} IN ({','.join('?' * len(article_ids))})"


def _article(row: tuple) -> Article:
    aid, title, text, date, source, url, metadata = row
    return Article(id=aid, title=title, text=text, date=date, source=source, url=url, metadata=json.loads(metadata))
