"""The answer chain as a LangChain Runnable (LCEL): condense → retrieve → route/answer → verify.

The answer step first asks the structured layer (`structured_answers.route`): list, count and
aggregate questions about pacts, participants and themes are answered from extracted records;
everything else, and anything the records cannot answer, from the retrieved passages.

Each step is a `RunnableLambda` over a dict state, so any step can be swapped (an LLM answerer,
another retriever) and the whole composes with other LangChain code:

    chain = build_answer_chain(retrieve_fn, load_articles_fn, reader)
    answer = chain.invoke({"question": "...", "history": [...], "filters": {...}})
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from langchain_core.runnables import Runnable, RunnableLambda

from corpus.records import Article
from index.retrieval import Hit

from .answering import verify_citations
from .condense import condense_question
from .llm import LLMPolicy, llm_answer, rewrite_question
from .post_evidence import checked_holder_answer
from .question import analyse_question
from .reading import Reader
from .reading.reader import Reading
from .records import Answer
from .structured_answers import NAMED_ROUTES, RecordSource, route, structured_answer

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel


class RetrieveFn(Protocol):
    """(query, k, filters) → the hits the reader reads; `follow_up`: the query is a follow-up
    condensed with its conversation, which reads more of the article it goes on about."""

    def __call__(self, query: str, k: int, filters: object, follow_up: bool = False) -> list[Hit]: ...


ArticlesFn = Callable[[list[str]], dict[str, Article]]
RecordsFn = Callable[[object], RecordSource]  # filters → the records the question may use


def _timed(name: str, step: Callable[[dict], dict]) -> RunnableLambda:
    def run(state: dict) -> dict:
        started = time.perf_counter()
        out = step(state)
        out.setdefault("timings", dict(state.get("timings", {})))[name] = time.perf_counter() - started
        return out

    return RunnableLambda(run, name=name)


def _about_the_evidence(answer: Answer, hits: list[Hit], reading: Reading, top: int = 3) -> bool:
    """Whether a records answer is about what the question asks: its first citation is in the
    article of one of the best `top` retrieved chunks or of the reader's best evidence sentence (an
    English question may retrieve its Vietnamese article lower), and in the article of one of the
    reader's best `top` evidence sentences (records of another pact answer another question)."""
    leading = {h.article_id for h in hits[:top]} | {s.article_id for s in reading.sentences[:1]}
    if not answer.citations or answer.citations[0].article_id not in leading:
        return False
    return not reading.sentences or answer.citations[0].article_id in {s.article_id for s in reading.sentences[:top]}


def person_answer(question: str, retrieve: RetrieveFn, load_articles: ArticlesFn, reader: Reader, k: int,
                  filters: object) -> str | None:
    """The person a standalone "who" question is answered by: whom a follow-up's "ông ấy" means
    (`condense_question`'s `answer_of`)."""
    hits = retrieve(question, k, filters)
    return reader.best_person(analyse_question(question), hits, load_articles(sorted({h.article_id for h in hits})))


def build_answer_chain(retrieve: RetrieveFn, load_articles: ArticlesFn, reader: Reader,
                       records_for: RecordsFn | None = None, k: int = 8, llm: BaseChatModel | None = None,
                       llm_policy: LLMPolicy = LLMPolicy()) -> Runnable:
    """The answer chain. Input: {"question", "history"?, "filters"?, "emit"?}; output: `Answer`.
    `reader` ranks the evidence sentences and writes the extractive answer (`assistant.reading`).

    With `llm` (any LangChain chat model), follow-ups are rewritten by the model and passage
    answers are written by it under the post-checks of `assistant.llm`; `emit` (optional) receives
    the checked pieces of an LLM answer as they stream."""

    def condense(state: dict) -> dict:
        if llm is not None and state.get("history"):
            standalone = rewrite_question(llm, state["question"], state["history"], llm_policy)
        else:
            standalone = condense_question(state["question"], state.get("history") or [],
                                           lambda q: person_answer(q, retrieve, load_articles, reader, k,
                                                                   state.get("filters")))
        # the question analysed once, here, and handed to every later step
        return {**state, "standalone": standalone, "analysis": analyse_question(standalone)}

    def retrieve_step(state: dict) -> dict:
        # a follow-up condensed with its conversation reads more of the article it goes on about
        hits = retrieve(state["standalone"], k, state.get("filters"), follow_up=state["standalone"] != state["question"])
        return {**state, "hits": hits, "articles": load_articles(sorted({h.article_id for h in hits}))}

    def answer_step(state: dict) -> dict:
        answer = None
        qa = state["analysis"]
        intent = route(qa) if records_for is not None else None
        reading = reader.read(qa, state["hits"], state["articles"])
        if intent:
            evidence = [(s.article_id, s.start, s.end) for s in reading.sentences[:8]]
            answer = structured_answer(qa, intent, state["hits"], records_for(state.get("filters")), state["articles"],
                                       evidence)
            # records of an article the question is not about: the passages answer
            if answer is not None and intent not in NAMED_ROUTES and not _about_the_evidence(answer, state["hits"], reading):
                answer = None
            if answer is not None:
                answer.mode = "structured"
        if answer is None and llm is not None:
            answer = llm_answer(llm, qa, state["hits"], state["articles"], reader, llm_policy,
                                emit=state.get("emit"))
        if answer is None:
            answer = reader.answer(qa, state["hits"], state["articles"], reading)
            if intent == "holder":  # no record names the holder: a passage must, or the question is refused
                answer = checked_holder_answer(qa, answer, reading.sentences, state["articles"])
        answer.question = state["question"]
        if state["standalone"] != state["question"]:
            answer.condensed_question = state["standalone"]
        return {**state, "answer": answer}

    def verify_step(state: dict) -> dict:
        verify_citations(state["answer"], state["articles"])
        return state

    def finish(state: dict) -> Answer:
        answer: Answer = state["answer"]
        answer.timings = {**state.get("timings", {})}
        answer.timings["total"] = sum(answer.timings.values())
        return answer

    return (
        _timed("condense", condense)
        | _timed("retrieve", retrieve_step)
        | _timed("answer", answer_step)
        | _timed("verify", verify_step)
        | RunnableLambda(finish, name="finish")
    )
