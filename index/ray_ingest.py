"""Ingest on a Ray cluster: reading, cleaning, chunking, extraction and embedding run on Ray; this
process stays the one writer.

    inputs ──▶ read tasks (one per input, streaming batches of articles, retried)
           ──▶ embedding actors (chunk, tokenise, extract, embed; restarted and retried when killed)
           ──▶ this process: `Indexer.ingest` commits to catalog, Chroma and BM25 through its journal

The writer consumes results in input order, so an index built on Ray equals one built in a single
process (same articles, chunk ids, offsets and records; the same vectors up to float rounding).
Workers skip articles whose content hash the index already holds (a snapshot taken under the
writer's lock). A worker that dies is restarted and its batch retried (`max_restarts`); when the
retries run out the ingest stops with `RayIngestError`: what was committed before is complete
(each flush is journaled), nothing half-written remains.

Inputs must be readable where the tasks run: on a local Ray any path works; on a cluster use a
shared filesystem or URLs, and install the project (same version) on every node.
"""
from __future__ import annotations

import contextlib
import itertools
import logging
import os
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .prepare import Prepared, dated_and_hashed, embed_prepared, prepare_article

if TYPE_CHECKING:
    from .indexer import Indexer, IngestItem

READS_AHEAD = 2  # read tasks running ahead of the one being consumed


class RayIngestError(RuntimeError):
    """The ingest on Ray could not finish; everything committed before the failure is complete."""


@dataclass
class RayOptions:
    """How to run an ingest on Ray.

    `address`: None starts a local Ray (on 127.0.0.1) and stops it afterwards; otherwise the
    cluster to join ("auto", "host:6379", "ray://host:10001"). A Ray already initialised in this
    process is used as it is. `workers`: embedding actors (default: one per GPU when the cluster
    has GPUs, else one per `threads` CPUs, leaving one CPU for reading on a cluster).
    `threads`: CPU threads per CPU actor. `batch_articles`: articles per read batch.
    `max_restarts`: how often a dead worker is restarted (its batch retried) before the ingest fails.
    `runtime_env`: Ray's runtime environment for the workers of a Ray this session starts or joins
    (environment variables, packages, a `worker_process_setup_hook`…; ignored when Ray is already
    initialised in this process)."""

    address: str | None = None
    workers: int | None = None
    threads: int = 1
    batch_articles: int = 8
    max_restarts: int = 3
    object_store_mb: int = 256
    runtime_env: dict[str, Any] | None = None

    @classmethod
    def from_arg(cls, value: bool | str | None) -> RayOptions:
        """From `--ray [ADDRESS]` / `ingest(ray=...)`: True, "" or "local" start a local Ray."""
        if value is True or value is None or str(value).strip().lower() in ("", "local", "true"):
            return cls()
        return cls(address=str(value).strip())

    @contextlib.contextmanager
    def session(self) -> Iterator[RaySession]:
        """Ray, connected (or started locally) for the duration of the block."""
        # No usage reports, and a throwaway local cluster on loopback only: set for Ray by
        # `assistant.config.quiet_third_parties` before ray is first imported.
        started = False
        import ray

        if not ray.is_initialized():
            quiet = dict(log_to_driver=False, logging_level=logging.ERROR, include_dashboard=False,
                         runtime_env=self.runtime_env)
            if self.address is None:
                cpus = os.cpu_count() or 1
                # logical CPUs: one per embedding thread, plus one slot for the read tasks
                ray.init(num_cpus=max(1, self.workers or cpus) * self.threads + 1,
                         object_store_memory=self.object_store_mb * 1024 * 1024, **quiet)
            else:
                ray.init(address=self.address, **quiet)
            started = True
        try:
            yield RaySession(self, ray)
        finally:
            if started:
                ray.shutdown()


@dataclass
class RaySession:
    options: RayOptions
    ray: Any

    def plan(self) -> tuple[int, dict[str, float], str | None]:
        """(number of workers, resources each asks for, device) for this cluster."""
        resources = self.ray.cluster_resources()
        gpus = int(resources.get("GPU", 0))
        if gpus:
            return self.options.workers or gpus, {"num_cpus": 1, "num_gpus": 1}, "cuda"
        cpus = int(resources.get("CPU", 1))
        if self.options.workers:
            workers = self.options.workers
        else:
            workers = max(1, (cpus - 1) // self.options.threads)
        return workers, {"num_cpus": self.options.threads}, None


class EmbedWorker:
    """A Ray actor: prepares (chunk, tokenise, extract) and embeds batches of articles."""

    def __init__(self, model: str, device: str | None, threads: int, chunk_chars: int, chunk_overlap: int,
                 backend: str | None = None, model_cache: str | None = None) -> None:
        from .embeddings import get_embedder

        # the threads this actor was given, not the machine's
        self.embedder = get_embedder(model, device, backend, model_cache, passage_threads=threads)
        self.embedder.embed_passages(["khởi động"])  # load the model now, not inside the first batch
        self.chunk_chars = chunk_chars
        self.chunk_overlap = chunk_overlap

    def process(self, batch: list[Any]) -> list[Any]:
        """The batch with every new or changed article prepared and embedded; everything else
        (articles the index holds unchanged, errors, unchanged listed pages) as it came."""
        from corpus.records import Article

        out: list[Any] = []
        todo: list[Prepared] = []
        for item in batch:
            if not isinstance(item, Article):
                out.append(item)
                continue
            item, digest = dated_and_hashed(item, self.chunk_chars, self.chunk_overlap, self.embedder.name)
            prepared = prepare_article(item, digest, self.chunk_chars, self.chunk_overlap)
            out.append(prepared)
            todo.append(prepared)
        embed_prepared(todo, self.embedder)
        return out


@dataclass(frozen=True)
class ReadPlan:
    """What a read task needs besides its input: the listing stamps and stored content hashes
    (to skip what the index holds), the hash settings, and the batch size."""

    known: dict[str, str]
    stored: dict[str, str]
    model: str
    chunk_chars: int
    chunk_overlap: int
    batch_articles: int
    url_timeout: float | None = None  # seconds; None: corpus.fetch's default
    fetch_delay: float | None = None


def read_batches(item: str, plan: ReadPlan) -> Iterator[list[Any]]:
    """A Ray read task: the results of one input in batches of `plan.batch_articles` articles;
    an article the index already holds (same content hash) comes as a skipped `Prepared`."""
    from corpus.fetch import Fetcher
    from corpus.readers import Article, read_inputs

    batch: list[Any] = []
    articles = 0
    for result in read_inputs([item], fetcher=Fetcher(timeout=plan.url_timeout, delay=plan.fetch_delay),
                              known=plan.known):
        if isinstance(result, Article):
            result, digest = dated_and_hashed(result, plan.chunk_chars, plan.chunk_overlap, plan.model)
            if plan.stored.get(result.id) == digest:
                result = Prepared(result, digest)
            else:
                articles += 1
        batch.append(result)
        if articles >= plan.batch_articles:
            yield batch
            batch, articles = [], 0
    if batch:
        yield batch


def ray_items(session: RaySession, paths: Sequence[Any], indexer: Indexer, settings: Any,
              known: dict[str, str]) -> Iterator[tuple[str, IngestItem]]:
    """(input name, item) pairs for `Indexer.ingest`, computed on Ray, in input order. Starts
    working on first use — inside the writer's lock, after its repair."""
    ray = session.ray
    options = session.options
    workers, resources, device = session.plan()
    plan = ray.put(ReadPlan(known, indexer.stored_hashes(), indexer.embedder.name, indexer.chunk_chars,
                            indexer.chunk_overlap, options.batch_articles,
                            settings.url_timeout, settings.fetch_delay))
    actor_class = ray.remote(EmbedWorker).options(max_restarts=options.max_restarts,
                                                  max_task_retries=options.max_restarts, **resources)
    cache = str(settings.model_cache) if settings.model_cache else None
    actors = [actor_class.remote(indexer.embedder.name, settings.device or device, options.threads,
                                 indexer.chunk_chars, indexer.chunk_overlap, indexer.embedder.requested_backend, cache)
              for _ in range(workers)]
    reader = ray.remote(read_batches).options(num_cpus=1, max_retries=options.max_restarts)
    names = [str(p) for p in paths]
    reads: deque = deque()
    pending_names = iter(names)

    def submit_read() -> None:
        name = next(pending_names, None)
        if name is not None:
            reads.append((name, reader.remote(name, plan)))

    in_flight: deque = deque()
    turn = itertools.cycle(actors)
    try:
        for _ in range(READS_AHEAD + 1):
            submit_read()
        while reads:
            name, generator = reads.popleft()
            submit_read()
            for batch_ref in _each(ray, generator, name):
                in_flight.append((name, next(turn).process.remote(batch_ref)))
                while len(in_flight) > 2 * len(actors):  # keep every actor one batch ahead
                    yield from _results(ray, *in_flight.popleft())
        while in_flight:
            yield from _results(ray, *in_flight.popleft())
    finally:
        for actor in actors:
            ray.kill(actor)


def _each(ray: Any, generator: Any, name: str) -> Iterator[Any]:
    """The object refs a read task yields (not `yield from`: Ray's generators cannot be closed)."""
    while True:
        try:
            ref = next(generator)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001 - a read task that failed past its retries
            raise RayIngestError(_failure(f"reading {name}", exc)) from exc
        yield ref


def _results(ray: Any, name: str, ref: Any) -> Iterator[tuple[str, Any]]:
    try:
        batch = ray.get(ref)
    except Exception as exc:  # noqa: BLE001 - RayActorError, RayTaskError, ObjectLostError…
        raise RayIngestError(_failure(f"embedding articles of {name}", exc)) from exc
    for item in batch:
        yield name, item


def _failure(what: str, exc: BaseException) -> str:
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
    return (f"ingest on Ray failed while {what}: {type(exc).__name__}: {first}. Every article committed "
            "before the failure is complete and nothing is half-written; run the same command again to "
            "finish (articles already stored are skipped).")
