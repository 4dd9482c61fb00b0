"""The index manifest: which embedding model (and dimension) built an index, checked on open."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

MANIFEST = "manifest.json"
SCHEMA_VERSION = 1


class IndexModelMismatch(RuntimeError):
    """The index was built with another embedding model than the one configured."""


@dataclass
class Manifest:
    embedding_model: str
    dimension: int
    schema: int = SCHEMA_VERSION
    # The Chroma collection of this index: unique per index, so several indexes can share one
    # Chroma server without touching each other's vectors.
    collection: str = "civic_chunks"


def read_manifest(index_dir: Path) -> Manifest | None:
    path = Path(index_dir) / MANIFEST
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Manifest(data["embedding_model"], int(data["dimension"]), int(data.get("schema", SCHEMA_VERSION)),
                    data.get("collection", "civic_chunks"))


def write_manifest(index_dir: Path, manifest: Manifest) -> None:
    path = Path(index_dir) / MANIFEST
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(manifest), indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def check_manifest(index_dir: Path, model_name: str) -> Manifest | None:
    """The index's manifest; raises `IndexModelMismatch` when it names another model."""
    manifest = read_manifest(index_dir)
    if manifest is not None and manifest.embedding_model != model_name:
        raise IndexModelMismatch(
            f"the index at {index_dir} was built with embedding model '{manifest.embedding_model}' "
            f"({manifest.dimension}-d), but '{model_name}' is configured. Either use "
            f"--embedding-model '{manifest.embedding_model}' (or CIVIC_EMBEDDING_MODEL), or rebuild: "
            f"delete {index_dir} and run `civic ingest PATH... --index {index_dir}` again."
        )
    return manifest
