"""Run `civic ARGS…` with a SIGKILL at a named point of the ingest, patched in from the test side
(tests/test_crash_safety.py; the product code has no crash hook):

    python tests/crash_ingest.py PHASE[:N][+SECONDS] ingest corpus/articles --index /tmp/idx

PHASE is where the writer dies, the N-th time it gets there (default the first): `flush` (a batch
is about to be embedded), `after-embed` (embedded, journal not yet written), `after-chroma` (an
article's vectors written, its catalog commit not yet made), `after-catalog` (just after that
commit), `repair` (the startup repair dropped stray vectors, missing ones not yet embedded),
`before-bm25` (catalog complete, BM25 not yet built), `bm25-swap` (between the two renames that
swap the new BM25 in), `after-bm25` (BM25 saved, lock still held). `+SECONDS` sends the kill from
outside SECONDS later, so it lands inside the next operation.
"""
from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
from pathlib import Path

PHASES = ("flush", "after-embed", "after-chroma", "after-catalog", "repair", "before-bm25", "bm25-swap",
          "after-bm25")


class CrashAt:
    """Counts the visits of one phase and kills this process at the chosen one."""

    def __init__(self, spec: str) -> None:
        self.phase, _, rest = spec.partition(":")
        if self.phase not in PHASES:
            raise SystemExit(f"unknown crash phase {self.phase!r}: one of {', '.join(PHASES)}")
        nth, _, delay = rest.partition("+")
        self.nth = int(nth or 1)
        self.delay = float(delay) if delay else None
        self.hits = 0

    def __call__(self, phase: str) -> None:
        if phase != self.phase:
            return
        self.hits += 1
        if self.hits != self.nth:
            return
        if self.delay is not None:
            subprocess.Popen(["sh", "-c", f"sleep {self.delay}; kill -9 {os.getpid()}"])
        else:
            os.kill(os.getpid(), signal.SIGKILL)


def _before(owner, name: str, phase: str, crash: CrashAt, when=lambda *a, **k: True) -> None:
    original = getattr(owner, name)

    @functools.wraps(original)
    def patched(*args, **kwargs):
        if when(*args, **kwargs):
            crash(phase)
        return original(*args, **kwargs)
    setattr(owner, name, patched)


def _after(owner, name: str, phase: str, crash: CrashAt) -> None:
    original = getattr(owner, name)

    @functools.wraps(original)
    def patched(*args, **kwargs):
        result = original(*args, **kwargs)
        crash(phase)
        return result
    setattr(owner, name, patched)


def install(crash: CrashAt) -> None:
    """Patch the indexer's collaborators so `crash` is called at each phase."""
    from index import bm25
    from index.catalog import Catalog
    from index.indexer import PENDING_KEY, Indexer

    _before(Indexer, "_flush", "flush", crash)
    # the journal of a batch is written right after the batch is embedded
    _before(Catalog, "set_meta", "after-embed", crash,
            when=lambda self, key, value: key == PENDING_KEY and value != "{}")
    _before(Catalog, "replace_article", "after-chroma", crash)
    _after(Catalog, "replace_article", "after-catalog", crash)
    _before(Indexer, "_embed_missing", "repair", crash)
    _before(Indexer, "rebuild_bm25", "before-bm25", crash)
    _after(Indexer, "rebuild_bm25", "after-bm25", crash)
    # the second rename of BM25Index.save moves the staging copy (.bm25-*) into place
    _before(bm25.os, "replace", "bm25-swap", crash, when=lambda src, dst: Path(src).name.startswith(".bm25-"))


def main(argv: list[str]) -> int:
    install(CrashAt(argv[0]))
    from assistant.cli import main as civic

    return civic(argv[1:])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
