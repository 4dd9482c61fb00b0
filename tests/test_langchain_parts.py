"""The LangChain surface: the retriever and embeddings a LangChain user plugs into their own chain,
and the README's LCEL example, run as written (against the demo index)."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever

README = Path(__file__).resolve().parents[1] / "README.md"
QUESTION = "Khối thi đua Nội chính gồm những đơn vị nào?"


def test_the_retriever_is_a_base_retriever_whose_documents_carry_offsets(demo_index):
    retriever = demo_index.as_retriever(k=4)
    assert isinstance(retriever, BaseRetriever)
    docs = retriever.invoke(QUESTION)
    assert len(docs) == 4 and all(isinstance(d, Document) for d in docs)
    hits = demo_index.retrieve(QUESTION, k=4)
    assert [d.metadata["chunk_id"] for d in docs] == [h.chunk_id for h in hits]
    for doc in docs:
        meta = doc.metadata
        assert set(meta) >= {"article_id", "chunk_id", "start", "end", "score", "title", "date", "source", "url"}
        assert demo_index.article(meta["article_id"]).text[meta["start"]:meta["end"]] == doc.page_content


def test_the_retriever_keeps_filters_and_mode(demo_index):
    docs = demo_index.as_retriever(k=3, filters={"date_from": "2021-03-01", "date_to": "2021-03-31"},
                                   mode="bm25").invoke(QUESTION)
    assert docs and all("2021-03-01" <= d.metadata["date"] <= "2021-03-31" for d in docs)


def test_the_embeddings_are_the_index_model(demo_index):
    embeddings = demo_index.as_embeddings()
    assert isinstance(embeddings, Embeddings)
    query = embeddings.embed_query(QUESTION)
    assert len(query) == demo_index.embedder.dimension
    assert np.allclose(query, demo_index.embedder.embed_query(QUESTION), atol=1e-6)
    docs = embeddings.embed_documents(["Khối thi đua Nội chính", "Cụm thi đua số 2"])
    assert len(docs) == 2 and len(docs[0]) == len(query)


def test_the_readme_lcel_example_runs(demo_index):
    block = re.search(r"<!-- lcel-example -->\s*```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert block, "README lost its LCEL example"
    code = block.group(1).replace("from assistant import Assistant\n", "")
    namespace = {"Assistant": lambda *_args, **_kwargs: demo_index}
    exec(compile(code, "README.md", "exec"), namespace)
    text = namespace["messages"].to_string()
    assert QUESTION in text and re.search(r"\[\S+ \d+–\d+\] ", text)
