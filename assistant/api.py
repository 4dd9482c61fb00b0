"""The `Assistant`: one index directory, opened once, with ingest, retrieve, ask and stats."""
from __future__ import annotations

import math
import os
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from filelock import FileLock

from corpus.fetch import Fetcher
from corpus.normalize import nfc
from corpus.readers import ReadResult, read_inputs
from corpus.records import ORIGIN_FILE, Article
from index.bm25 import BM25Index
from index.catalog import Catalog
from index.embeddings import get_embedder
from index.indexer import Indexer, IngestProgress, IngestStats
from index.manifest import Manifest, check_manifest, read_manifest, write_manifest
from index.records import FINGERPRINT_KEY, extraction_fingerprint
from index.retrieval import Filters, Hit, HybridRetriever
from index.sentence_vectors import SentenceDense, vectors_key
from index.store import ChromaStore, make_client
from index.tone_marks import FILE_NAME as TONE_FORMS

from .chain import build_answer_chain, person_answer
from .condense import condense_question
from .config import Settings
from .inputs import checked_filters, history_texts, optional_query, question_text
from .llm import chat_model_from_settings, describe_model, stream_chain
from .reading import Reader, ReaderModel, ReaderModelError, ScoredSentence, load_reader_model
from .reading.list_choice import LIST_FEATURES
from .records import Answer
from .structured import allowed_articles, list_pacts, list_participants, list_themes
from .structured_answers import RecordSource

READ_EACH_LEG = 2  # each retrieval leg's best chunks the reader reads even when the fusion ranks them below k

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.runnables import Runnable

    from index.ray_ingest import RayOptions

    from .langchain_parts import CivicEmbeddings, CivicRetriever


class Assistant:
    """Opens (or creates) the index in `index_dir`; models and indexes load once per instance."""

    def __init__(
        self,
        index_dir: str | os.PathLike[str] | None = None,
        *,
        settings: Settings | None = None,
        embedding_model: str | None = None,
        chroma_url: str | None = None,
        device: str | None = None,
        retrieval_mode: str | None = None,
        llm: BaseChatModel | None = None,
        llm_provider: str | None = None,
        llm_model: str | None = None,
        llm_base_url: str | None = None,
        answerer: str | None = None,
        reader_model: str | None = None,
    ) -> None:
        """`llm`: any LangChain chat model for the LLM answer mode (else built from
        `llm_provider`/`llm_model`/`llm_base_url` or CIVIC_LLM_* settings; see docs/llm.md).
        `answerer`: "extractive" ignores any configured LLM; "llm" requires one.
        `reader_model`: a reader model file other than the shipped one (`python -m eval.fit_reader`)."""
        overrides = {"index_dir": index_dir or None, "embedding_model": embedding_model, "chroma_url": chroma_url,
                     "device": device, "retrieval_mode": retrieval_mode, "llm_provider": llm_provider,
                     "llm_model": llm_model, "llm_base_url": llm_base_url, "reader_model": reader_model}
        # one merge: the arguments given (not None) over the settings, or over the environment
        self.settings = settings.replace(**overrides) if settings else Settings.from_env(**overrides)
        if answerer not in (None, "extractive", "llm"):
            raise ValueError(f"answerer must be 'extractive' or 'llm', not {answerer!r}")
        self.llm = None if answerer == "extractive" else (llm if llm is not None else chat_model_from_settings(self.settings))
        if answerer == "llm" and self.llm is None:
            raise ValueError("answerer 'llm' needs a chat model: pass llm=..., or set --llm-provider/--llm-model "
                             "(CIVIC_LLM_PROVIDER, CIVIC_LLM_MODEL)")
        self.index_dir = Path(self.settings.index_dir)
        self.index_dir.mkdir(parents=True, exist_ok=True)
        self.embedder = get_embedder(self.settings.embedding_model, self.settings.device, self.settings.embed_backend,
                                     self.settings.model_cache, self.settings.torch_threads)
        manifest = check_manifest(self.index_dir, self.embedder.name)
        if manifest is None:  # a new index: two processes creating it at once agree on one manifest
            with FileLock(str(self.index_dir / ".manifest.lock")):
                manifest = check_manifest(self.index_dir, self.embedder.name)
                if manifest is None:
                    manifest = Manifest(self.embedder.name, self.embedder.dimension,
                                        collection=f"civic_{uuid.uuid4().hex[:12]}")
                    write_manifest(self.index_dir, manifest)
        self.catalog = Catalog(self.index_dir / "catalog.sqlite")
        self.store = ChromaStore(make_client(self.index_dir, self.settings.chroma_url, self.settings.chroma_token_value),
                                 self.embedder,
                                 collection=manifest.collection)
        self._retriever: HybridRetriever | None = None
        self._reader: Reader | None = None
        self._chain = None
        self._refresh_records()
        self._lock = threading.RLock()

    # --- ingest -------------------------------------------------------------------------------
    def ingest(
        self, paths: Iterable[str | os.PathLike[str]], progress: Callable[[str], None] | None = None,
        *, ray: bool | str | RayOptions | None = None,
        on_progress: Callable[[IngestProgress], None] | None = None,
        allow_private_urls: bool = True, origins: Mapping[str, str] | None = None,
    ) -> IngestStats:
        """Read files, directories and URLs (pages, RSS/Atom feeds, XML sitemaps) and add their
        articles; returns counts and errors. `progress` is called with each article id done,
        `on_progress` with running totals (articles, chunks; stage "sentences" while stored articles
        get the sentence vectors they lack).

        `ray`: run reading, chunking, extraction and embedding on a Ray cluster — True (or "")
        starts and stops a local Ray, an address ("auto", "ray://host:10001", "host:6379") joins a
        running cluster, or pass `index.ray_ingest.RayOptions`. This process stays the one writer
        (catalog, Chroma, BM25, through the same journal); see docs/benchmarks.md.

        `allow_private_urls=False` fetches URLs only from public addresses (the web UI's default:
        `corpus.urlguard`). `origins` names where the articles of an input come from, instead of
        its path (the UI gives an uploaded file its own name, not the temporary copy's path): an
        article id belongs to its origin (`index.origins`). Neither is available with `ray`."""
        paths = list(paths)
        with self._lock:
            indexer = self._indexer()
            known = self.catalog.listed_stamps()
            if ray is None or ray is False:
                items = _tagged(paths, known, allow_private_urls, origins or {}, settings=self.settings)
                stats = indexer.ingest(items, progress, on_progress)
            else:
                if origins or not allow_private_urls:
                    raise ValueError("ingest on Ray reads inputs by their own path and may fetch any URL: "
                                     "origins and allow_private_urls=False are for a local ingest")
                from index.ray_ingest import RayOptions, ray_items

                options = ray if isinstance(ray, RayOptions) else RayOptions.from_arg(ray)
                with options.session() as session:
                    stats = indexer.ingest(ray_items(session, paths, indexer, self.settings, known),
                                           progress, on_progress)
            self._retriever = None  # reload BM25 and chunk metadata on next use
        return stats

    def _indexer(self) -> Indexer:
        return Indexer(self.index_dir, self.catalog, self.store, self.embedder,
                       self.settings.chunk_chars, self.settings.chunk_overlap)

    def _refresh_records(self) -> None:
        """Re-extract stored articles when the extraction rules changed since they were stored."""
        if self.catalog.counts()["articles"] and self.catalog.get_meta(FINGERPRINT_KEY) != extraction_fingerprint():
            indexer = self._indexer()
            with indexer.lock:
                indexer.refresh_extraction()

    # --- search -------------------------------------------------------------------------------
    @property
    def retriever(self) -> HybridRetriever:
        """The hybrid retriever over the index as last written: when another process (or
        `civic ingest`) has changed the index since it was loaded, BM25, the chunk metadata and
        Chroma's nearest-neighbour index are reloaded first."""
        with self._lock:
            if self._retriever is not None and self._retriever.bm25.digest != BM25Index.saved_digest(self.index_dir / "bm25"):
                self.store.reload()
                self._retriever = None
            if self._retriever is None:
                bm25 = BM25Index.load(self.index_dir / "bm25")
                self._retriever = HybridRetriever(self.catalog, bm25, self.store, self.embedder,
                                                  tone_forms=self.index_dir / TONE_FORMS)
            return self._retriever

    def retrieve(self, query: str, k: int = 10, filters: dict | Filters | None = None,
                 mode: str | None = None) -> list[Hit]:
        """The top-k chunks for `query` after metadata filters; `mode` is hybrid (BM25 + dense,
        the default from settings), bm25 or dense. The query is checked like a question
        (`assistant.inputs`)."""
        return self._retrieve(question_text(query, "query"), k, checked_filters(filters), mode)

    def _retrieve(self, query: str, k: int, filters: Filters, mode: str | None = None,
                  each_leg: int = 0, follow_up: bool = False) -> list[Hit]:
        """`retrieve` for checked input, and what the reader reads (`_read_hits`)."""
        return self.retriever.retrieve(query, k=k, filters=filters, mode=mode or self.settings.retrieval_mode,
                                       each_leg=each_leg, follow_up=follow_up)

    def _read_hits(self, query: str, k: int, filters: Filters, follow_up: bool = False) -> list[Hit]:
        """The chunks the reader reads (the chain's condensed question may be a little longer than
        the question typed): the top k, and each retrieval leg's best chunks (`READ_EACH_LEG`)
        when the fusion ranked them lower; for a `follow_up`, more of the conversation's article
        (`index.retrieval.FOLLOW_UP_ARTICLE_CHUNKS`)."""
        return self._retrieve(query, k, filters, each_leg=READ_EACH_LEG, follow_up=follow_up)

    def as_retriever(self, k: int = 4, filters: dict | Filters | None = None,
                     mode: str | None = None) -> CivicRetriever:
        """This index as a LangChain `BaseRetriever` (`assistant.langchain_parts.CivicRetriever`):
        `Document`s whose metadata carry article_id, chunk_id, start, end, score, title, date,
        source and url, for a chain of your own."""
        from .langchain_parts import CivicRetriever

        return CivicRetriever(assistant=self, k=k, filters=filters, mode=mode)

    def as_embeddings(self) -> CivicEmbeddings:
        """The index's embedding model as LangChain `Embeddings`."""
        from .langchain_parts import CivicEmbeddings

        return CivicEmbeddings(self.embedder)

    @property
    def chain(self) -> Runnable:
        """The LangChain Runnable behind `ask` (condense → retrieve → answer → verify)."""
        if self._chain is None:
            self._chain = build_answer_chain(
                self._read_hits,
                self._articles,
                self.reader,
                lambda filters: RecordSource(self.catalog, allowed_articles(self.catalog, filters)),
                llm=self.llm,
            )
        return self._chain

    @property
    def reader(self) -> Reader:
        """The extractive reader: ranks evidence sentences with the learned model
        (`assistant/models/reader.json`, or CIVIC_READER_MODEL) and IDF weights from this index."""
        if self._reader is None:
            self._reader = self._new_reader(load_reader_model(self.settings.reader_model))
        return self._reader

    def _new_reader(self, model: ReaderModel | None) -> Reader:
        """A reader with `model` (None: features only), this index's IDF weights and sentence vectors."""
        return Reader(model, self._frequencies, dense=SentenceDense(self.catalog, self.embedder,
                                                                     lambda q: self.retriever.dense_query(q)))

    def _model_as_fitted(self) -> ReaderModel | None:
        """The reader model over today's features when features were added since it was fitted
        (each new one at weight 0, so it reads as it did), for `evidence` to gather training data
        with the follow-ups condensed as the fitted model would; None when it cannot be read."""
        from .reading.features import FEATURES
        from .reading.reader import ANSWERABLE_FEATURES
        from .reading.spans import SPAN_FEATURES
        try:
            return load_reader_model(self.settings.reader_model).over(FEATURES, ANSWERABLE_FEATURES, SPAN_FEATURES)
        except ReaderModelError:
            return None

    def _frequencies(self, tokens: list[str]) -> tuple[dict[str, int], int]:
        bm25 = self.retriever.bm25
        return bm25.document_frequencies(tokens), len(bm25)

    def _articles(self, ids: Iterable[str]) -> dict:
        return {i: self.catalog.article(i) for i in ids}

    def evidence(self, question: str, history: list[str] | None = None,
                 filters: dict | Filters | None = None, k: int = 8) -> list[ScoredSentence]:
        """The candidate evidence sentences for `question` (condensed with `history`, retrieved
        with `filters` like `ask`), best first, each with its features and the probability that it
        answers the question: what the extractive answer is read from, for inspection and for
        fitting the reader (`python -m eval.fit_reader`). Without a reader model, the features
        are still given (probabilities NaN, chunk order)."""
        try:
            reader = self.reader
        except ReaderModelError:  # features added since the fit: the fitted model as it was, else none
            reader = self._new_reader(self._model_as_fitted())
        standalone, hits = self._standalone_hits(reader, question, history, filters, k)
        return reader.scored(standalone, hits, self._articles({h.article_id for h in hits}))[0]

    def _standalone_hits(self, reader: Reader, question: str, history: list[str] | None,
                         filters: dict | Filters | None, k: int) -> tuple[str, list[Hit]]:
        """The question checked and condensed with `history` (as `ask` does), and its `k` hits."""
        question, history, filters = question_text(question), history_texts(history), checked_filters(filters)
        standalone = condense_question(question, history,
                                       lambda q: person_answer(q, self._read_hits, self._articles, reader, k, filters))
        return standalone, self._read_hits(standalone, k, filters, follow_up=standalone != question)

    def list_evidence(self, question: str, history: list[str] | None = None,
                      filters: dict | Filters | None = None, k: int = 8) -> list[ScoredSentence]:
        """The best sentences a list question's answer is chosen from, in the reader's order, each
        with the features the list-choice model scores (`assistant.reading.list_choice`) in
        `features` and that model's probability (NaN without one): for inspection and for fitting it
        (`python -m eval.fit_list_choice`)."""
        reader = self.reader
        standalone, hits = self._standalone_hits(reader, question, history, filters, k)
        articles = self._articles({h.article_id for h in hits})
        reading = reader.read(standalone, hits, articles)
        rows = reader.list_rows(standalone, reading, articles)
        choice = reader.model.list_choice if reader.model is not None else None
        probabilities = choice.probability(np.asarray(rows)) if choice is not None and rows else [math.nan] * len(rows)
        return [ScoredSentence(sent.article_id, sent.start, sent.end, articles[sent.article_id].text[sent.start:sent.end],
                               float(p), dict(zip(LIST_FEATURES, row)), sent.rank)
                for sent, row, p in zip(reading.sentences, rows, probabilities)]

    @property
    def answer_mode(self) -> str:
        """"llm (<model>)" when a chat model writes passage answers, else "extractive"."""
        return f"llm ({describe_model(self.llm)})" if self.llm is not None else "extractive"

    def ask(self, question: str, history: list[str] | None = None,
            filters: dict | Filters | None = None) -> Answer:
        """A cited answer (or an abstention) for `question`; `history` holds the previous
        questions of the conversation, oldest first, for follow-ups. Inputs are checked first
        (`assistant.inputs`): a question that is empty, longer than 2,000 characters or not valid
        text, or a bad filter, is an `InputError` (a ValueError) with a one-line message."""
        return self.chain.invoke({"question": question_text(question), "history": history_texts(history),
                                  "filters": checked_filters(filters)})

    def ask_stream(self, question: str, history: list[str] | None = None,
                   filters: dict | Filters | None = None) -> Iterator[str | Answer]:
        """`ask`, streamed: yields text pieces, then the final verified `Answer` (last item).
        The pieces concatenate to `Answer.answer`; with an LLM each piece is a sentence that
        already passed the post-checks, so nothing shown is ever retracted. Inputs are checked
        before anything is yielded (an `InputError` is raised by this call, not by the iteration)."""
        state = {"question": question_text(question), "history": history_texts(history),
                 "filters": checked_filters(filters)}
        return stream_chain(self.chain, state, streams=self.llm is not None)

    # --- structured records -------------------------------------------------------------------
    def pacts(self, query: str | None = None, filters: dict | Filters | None = None) -> list[dict]:
        """Extracted pacts (kind, bloc, province, date/year, parties, span), optionally matching
        `query` (with or without tone marks) and filtered by source/date/article ids."""
        return list_pacts(self.catalog, optional_query(query), checked_filters(filters))

    def participants(self, query: str | None = None, filters: dict | Filters | None = None) -> list[dict]:
        """Extracted organisations, blocs and people (with titles), each with `pact_count`."""
        return list_participants(self.catalog, optional_query(query), checked_filters(filters))

    def themes(self, query: str | None = None, filters: dict | Filters | None = None) -> list[dict]:
        """Extracted slogans, campaigns, directives and resolutions."""
        return list_themes(self.catalog, optional_query(query), checked_filters(filters))

    # --- inspection ---------------------------------------------------------------------------
    def stats(self) -> dict:
        """Counts and the embedding model of this index; `sentence_vectors_missing`: articles whose
        sentences the reader cannot measure yet (an index made before they existed: the next
        `ingest` adds them)."""
        counts = self.catalog.counts()
        manifest = read_manifest(self.index_dir)
        return {
            **counts,
            "vectors": self.store.count(),
            "sentence_vectors_missing": len(self.catalog.articles_without_sentence_vectors(vectors_key(self.embedder))),
            "embedding_model": manifest.embedding_model if manifest else self.embedder.name,
            "dimension": manifest.dimension if manifest else None,
            "sources": self.catalog.sources(),
            "index_dir": str(self.index_dir),
            "chroma": self.settings.chroma_url or "embedded",
        }

    def article(self, article_id: str) -> Article | None:
        """The stored `Article`, or None (also for an id that is not valid text)."""
        if not isinstance(article_id, str) or not _encodable(article_id):
            return None
        return self.catalog.article(nfc(article_id))


def _tagged(paths: Iterable[str | os.PathLike[str]], known: dict[str, str] | None = None,
            allow_private_urls: bool = True, origins: Mapping[str, str] | None = None, *,
            settings: Settings) -> Iterator[tuple[str, ReadResult]]:
    # one polite fetcher for every URL of this ingest, timed as the settings say
    fetcher = Fetcher(timeout=settings.url_timeout, delay=settings.fetch_delay, allow_private=allow_private_urls)
    for path in paths:
        origin = (origins or {}).get(str(path))
        for result in read_inputs([path], fetcher=fetcher, known=known):
            if origin is not None and isinstance(result, Article):
                result.metadata = {**result.metadata, ORIGIN_FILE: origin}
            yield str(path), result


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False
