"""The lexical leg: a bm25s index over Vietnamese tokens of every chunk, saved beside the catalog.

Built once per ingest from the tokens stored in the catalog, loaded once per process, and scored
in one sparse pass per query (with an optional mask for metadata filters). A saved index records a
digest of the chunks and tokens it was built from (`state.json`), so a writer can tell whether it
still matches the catalog and a reader whether another process replaced it.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np

from .tokenize import query_tokens


class BM25Index:
    """Chunk ids in index order, and the bm25s model over their tokens."""

    def __init__(self, chunk_ids: list[str], model: object | None, digest: str | None = None) -> None:
        self.chunk_ids = chunk_ids
        self.position = {cid: i for i, cid in enumerate(chunk_ids)}
        self._model = model
        self.digest = digest  # of the chunk ids and tokens it was built from (None: unknown)

    @staticmethod
    def digest_of(chunk_ids: list[str], token_lists: list[list[str]]) -> str:
        """A fingerprint of the chunks and tokens an index is built from."""
        h = hashlib.sha256()
        for cid, tokens in zip(chunk_ids, token_lists):
            h.update(f"{cid}\t{' '.join(tokens)}\n".encode())
        return f"{len(chunk_ids)}:{h.hexdigest()}"

    @staticmethod
    def saved_digest(directory: Path) -> str | None:
        """The digest of the index saved in `directory` (None when missing or saved without one)."""
        state = _current(Path(directory)) / "state.json"
        try:
            return json.loads(state.read_text(encoding="utf-8")).get("digest")
        except (OSError, ValueError):
            return None

    @classmethod
    def build(cls, chunk_ids: list[str], token_lists: list[list[str]]) -> BM25Index:
        """A new index over the given chunks (empty token lists are allowed)."""
        import bm25s

        digest = cls.digest_of(list(chunk_ids), token_lists)
        if not chunk_ids:
            return cls([], None, digest)
        model = bm25s.BM25()
        model.index([tokens or ["\u2205"] for tokens in token_lists], show_progress=False)
        return cls(list(chunk_ids), model, digest)

    def save(self, directory: Path) -> None:
        """Write the index to `directory`, replacing what was there only once the new copy is
        complete. Two renames swap it in; a process killed between them leaves the previous copy
        in `<directory>.old`, which `load` falls back to."""
        directory = Path(directory)
        directory.parent.mkdir(parents=True, exist_ok=True)
        for leftover in directory.parent.glob(".bm25-*"):  # staging copies of killed writers
            shutil.rmtree(leftover, ignore_errors=True)
        staging = Path(tempfile.mkdtemp(prefix=".bm25-", dir=directory.parent))
        try:
            if self._model is not None:
                self._model.save(str(staging), show_progress=False)
            (staging / "chunk_ids.json").write_text(json.dumps(self.chunk_ids, ensure_ascii=False), encoding="utf-8")
            (staging / "state.json").write_text(json.dumps({"digest": self.digest}), encoding="utf-8")
            old = directory.with_name(directory.name + ".old")
            if (directory / "chunk_ids.json").exists():
                shutil.rmtree(old, ignore_errors=True)
                os.replace(directory, old)
            elif directory.exists():  # an incomplete copy: the complete one, if any, is in .old
                shutil.rmtree(directory)
            os.replace(staging, directory)
            shutil.rmtree(old, ignore_errors=True)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise

    @classmethod
    def load(cls, directory: Path) -> BM25Index:
        """Load a saved index; a missing one loads as empty."""
        import bm25s

        directory = _current(Path(directory))
        ids_file = directory / "chunk_ids.json"
        if not ids_file.exists():
            return cls([], None)
        chunk_ids = json.loads(ids_file.read_text(encoding="utf-8"))
        # memory-mapped: a query reads only its tokens' postings, so a large index costs page
        # cache, not process memory (a writer swaps in a new folder; the mapped files stay valid)
        model = bm25s.BM25.load(str(directory), show_progress=False, mmap=True) if chunk_ids else None
        return cls(chunk_ids, model, cls.saved_digest(directory))

    def __len__(self) -> int:
        return len(self.chunk_ids)

    def document_frequencies(self, tokens: list[str]) -> dict[str, int]:
        """How many indexed chunks hold each BM25 token (`~khoi` is the folded form of "khối")."""
        if self._model is None:
            return {t: 0 for t in tokens}
        vocab = self._model.vocab_dict
        indptr = self._model.scores["indptr"]  # token-major sparse scores: one column per token
        return {t: int(indptr[vocab[t] + 1] - indptr[vocab[t]]) if t in vocab else 0 for t in tokens}

    def scores(self, query: str, mask: np.ndarray | None = None) -> np.ndarray:
        """BM25 score of every chunk for `query` (zeros where `mask` is False)."""
        if self._model is None:
            return np.zeros(0, dtype=np.float32)
        ids = self._model.get_tokens_ids(query_tokens(query))
        if not ids:
            return np.zeros(len(self.chunk_ids), dtype=np.float32)
        scores = self._model.get_scores_from_ids(ids)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        return scores

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        """The top-k (chunk id, score) pairs with a positive score."""
        scores = self.scores(query, mask)
        if scores.size == 0:
            return []
        k = min(k, scores.size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.chunk_ids[i], float(scores[i])) for i in top if scores[i] > 0]


def _current(directory: Path) -> Path:
    """`directory`, or the previous copy a writer killed mid-swap left in `<directory>.old`."""
    old = directory.with_name(directory.name + ".old")
    if not (directory / "chunk_ids.json").exists() and (old / "chunk_ids.json").exists():
        return old
    return directory
