"""Ingestion and hybrid retrieval over a real Chroma, a real SQLite catalog and the real model."""
import json

import pytest
from conftest import DEMO_ARTICLES

from assistant import Assistant
from index.bm25 import BM25Index
from index.manifest import IndexModelMismatch

SEED_ID = "000_08d3a0008194d1c7"


def _agree(assistant: Assistant) -> None:
    """Catalog, Chroma and BM25 hold exactly the same chunks."""
    catalog_ids = assistant.catalog.all_chunk_ids()
    bm25 = BM25Index.load(assistant.index_dir / "bm25")
    assert assistant.store.ids() == catalog_ids
    assert set(bm25.chunk_ids) == catalog_ids and len(bm25.chunk_ids) == len(catalog_ids)


def test_demo_index_contents(demo_index):
    stats = demo_index.stats()
    n_files = sum(1 for _ in open(DEMO_ARTICLES / "demo.jsonl", encoding="utf-8") if _.strip()) + 1
    assert stats["articles"] == n_files >= 25
    assert stats["chunks"] == stats["vectors"] > stats["articles"]
    assert stats["embedding_model"] == "multilingual-e5-small"
    _agree(demo_index)
    for article in demo_index.catalog.articles():
        for chunk in demo_index.catalog.chunks(demo_index.catalog.chunk_ids(article.id)).values():
            assert chunk.text == article.text[chunk.start:chunk.end]


def test_reingest_adds_nothing(demo_index):
    before = demo_index.stats()
    stats = demo_index.ingest([DEMO_ARTICLES])
    assert stats.articles_added == stats.articles_updated == stats.chunks_added == 0
    assert stats.articles_unchanged == before["articles"]
    assert demo_index.stats()["chunks"] == before["chunks"]


def test_hits_carry_exact_spans_and_metadata(demo_index):
    hits = demo_index.retrieve("Đồng chí Phùng Huy Thuận, Phó cục trưởng Cục Thi hành án dân sự tỉnh", k=5)
    assert hits and hits[0].article_id == SEED_ID
    for hit in hits:
        article = demo_index.article(hit.article_id)
        assert article.text[hit.start:hit.end] == hit.text
        assert hit.title == article.title and hit.score > 0
    assert hits == sorted(hits, key=lambda h: -h.score)


def test_query_without_tone_marks_finds_the_same_article(demo_index):
    accented = demo_index.retrieve("Khối thi đua Nội chính ký kết giao ước thi đua năm 2021", k=3)
    plain = demo_index.retrieve("khoi thi dua noi chinh ky ket giao uoc thi dua nam 2021", k=3)
    assert accented[0].article_id == plain[0].article_id == SEED_ID


def test_article_typed_without_tone_marks_is_found_by_an_accented_query(demo_index):
    unaccented = [a for a in demo_index.catalog.articles() if not any(ch in a.text for ch in "ăâđêôơưáàảãạ")]
    assert unaccented, "the demo corpus has an article typed without tone marks"
    article = unaccented[0]
    from corpus.normalize import fold
    from corpus.sentences import split_sentences
    sentence = max(split_sentences(article.text)[:4], key=len)
    assert fold(sentence) == sentence.lower()
    hits = demo_index.retrieve(sentence, k=3, mode="bm25")
    assert hits[0].article_id == article.id


def test_each_mode_and_filters(demo_index):
    for mode in ("bm25", "dense", "hybrid"):
        assert demo_index.retrieve("giao ước thi đua", k=3, mode=mode)
    articles = list(demo_index.catalog.articles())
    dated = sorted(a.date for a in articles if a.date)
    cut = dated[len(dated) // 2]
    late = demo_index.retrieve("ký kết quy chế phối hợp", k=20, filters={"date_from": cut})
    assert late and all(h.date and h.date >= cut for h in late)
    early = demo_index.retrieve("ký kết quy chế phối hợp", k=20, filters={"date_to": cut})
    assert early and all(h.date and h.date <= cut for h in early)
    source = next(a.source for a in articles if a.source)
    only = demo_index.retrieve("thi đua", k=20, filters={"source": source})
    assert only and all(h.source == source for h in only)
    one = demo_index.retrieve("thi đua", k=20, filters={"article_ids": [SEED_ID]})
    assert one and {h.article_id for h in one} == {SEED_ID}
    with pytest.raises(ValueError, match="date_from"):
        demo_index.retrieve("x", filters={"date_from": "2021-17-03"})  # DD/MM/YYYY is accepted: tests/test_ids_and_dates.py
    with pytest.raises(ValueError, match="unknown filter"):
        demo_index.retrieve("x", filters={"province": "Vĩnh Phúc"})


def test_english_question_retrieves_the_vietnamese_article(demo_index):
    hits = demo_index.retrieve("Which units of the internal affairs bloc signed the emulation pact in Vinh Phuc in 2021?", k=3)
    assert SEED_ID in [h.article_id for h in hits]


@pytest.mark.parametrize("query", ["What is Phung Huy Thuan's position?", "Khối thi đua gồm những đơn vị nào?"])
def test_each_legs_best_chunks_are_kept_below_the_fused_top_k(demo_index, query):
    """`each_leg`: the reader also reads what one leg is sure of when the fusion ranks it lower (an
    unaccented name in an English question: BM25 finds the seed, the dense model does not)."""
    retriever = demo_index.retriever
    fused = retriever.retrieve(query, k=3)
    kept = retriever.retrieve(query, k=3, each_leg=2)
    assert [h.chunk_id for h in kept[:3]] == [h.chunk_id for h in fused]
    sure = {h.chunk_id for mode in ("bm25", "dense") for h in retriever.retrieve(query, k=2, mode=mode)}
    assert sure <= {h.chunk_id for h in kept} and len(kept) <= 3 + len(sure)
    assert retriever.retrieve(query, k=3, mode="bm25", each_leg=2) == retriever.retrieve(query, k=3, mode="bm25")


def _conference_article(tmp_path):
    context = ("Sáng 12/4, tại Trung tâm Hội nghị tỉnh Lạc Sơn, Chủ tịch UBND tỉnh chủ trì hội nghị trực tuyến về an ninh "
               "trật tự với các sở, ngành và {n} huyện, thị xã. Hội nghị đánh giá tình hình an ninh trật tự quý I, "
               "nêu những việc các địa phương đã làm được. Hội nghị an ninh trật tự Lạc Sơn giao các sở, ngành giải quyết "
               "dứt điểm việc còn chậm; Lạc Sơn sẽ họp hội nghị an ninh trật tự lần tiếp theo vào quý III.")
    paragraphs = [context.format(n=n) + " " + f"Đại biểu thứ {n} phát biểu về trường học, bệnh viện, đường sá và nước sạch ở vùng cao." * 2
                  for n in range(3, 12)]
    paragraphs.insert(6, "Về nhiệm vụ cụ thể, Sở Tài nguyên và Môi trường lo các vụ khiếu nại về đất đai kéo dài nhiều năm; "
                         "Sở Y tế lo thuốc men cho vùng lũ; Sở Giáo dục sửa trường trước năm học mới. "
                         + "Đại biểu nói về trường học, bệnh viện, đường sá và nước sạch ở vùng cao. " * 4)
    src = tmp_path / "a.jsonl"
    with open(src, "w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "ls1", "title": "Lạc Sơn bàn an ninh trật tự", "text": "\n\n".join(paragraphs)}, ensure_ascii=False) + "\n")
        for i, topic in enumerate(["mùa lúa", "lễ hội đền", "giải bóng đá", "chợ phiên", "cầu treo"]):
            out.write(json.dumps({"id": f"o{i}", "title": topic, "text": f"Bài về {topic} ở tỉnh Mây Xanh. " * 20}, ensure_ascii=False) + "\n")
    return src

def test_an_english_question_reads_more_of_the_lexical_legs_best_article(tmp_path):
    """The lexical leg finds an English question by its Vietnamese rendering, which names the event in
    every chunk of the article that reports it; the reader reads up to `LEXICAL_ARTICLE_CHUNKS` more
    of that article's chunks, in the lexical leg's order. A Vietnamese question does not."""
    from index.retrieval import LEXICAL_ARTICLE_CHUNKS, lexical_query

    assistant = Assistant(tmp_path / "idx")
    assistant.ingest([_conference_article(tmp_path)])
    retriever = assistant.retriever
    english = "At the Lac Son conference on security and order, which department was assigned to handle land complaints?"
    lexical = [cid for cid, _ in retriever.bm25.search(lexical_query(english), 50)]
    assert lexical[0].startswith("ls1#")
    article = [cid for cid in lexical if cid.startswith("ls1#")]
    assert len(article) > 3
    hits = [h.chunk_id for h in retriever.retrieve(english, k=1, each_leg=1)]
    assert LEXICAL_ARTICLE_CHUNKS[True] >= 3 and set(article[:4]) <= set(hits)
    assert [h.chunk_id for h in retriever.retrieve(english, k=1)] == hits[:1]  # nothing more without each_leg
    vietnamese = "Hội nghị an ninh trật tự Lạc Sơn giao sở nào giải quyết khiếu nại về đất đai?"
    assert LEXICAL_ARTICLE_CHUNKS[False] == 0
    assert len(retriever.retrieve(vietnamese, k=1, each_leg=1)) <= 3


def test_a_follow_up_reads_more_of_the_article_its_conversation_is_about(tmp_path):
    """A follow-up condensed with its conversation names the event of one article; the detail it asks
    sits in any chunk of it: `follow_up=True` reads up to `FOLLOW_UP_ARTICLE_CHUNKS` more of the lexical
    leg's best article, and the chain asks for them only when the question was condensed."""
    from assistant.chain import build_answer_chain
    from index.retrieval import FOLLOW_UP_ARTICLE_CHUNKS

    assistant = Assistant(tmp_path / "idx")
    assistant.ingest([_conference_article(tmp_path)])
    retriever = assistant.retriever
    condensed = "Sở nào lo thuốc men (hội nghị an ninh trật tự Lạc Sơn, 12/4)?"
    plain = [h.chunk_id for h in retriever.retrieve(condensed, k=1, each_leg=1)]
    followed = [h.chunk_id for h in retriever.retrieve(condensed, k=1, each_leg=1, follow_up=True)]
    assert followed[:len(plain)] == plain
    assert FOLLOW_UP_ARTICLE_CHUNKS >= 3 and len([c for c in followed if c.startswith("ls1#")]) >= len(plain) + 3

    asked = []

    def recording(query, k, filters, follow_up=False):
        asked.append(follow_up)
        return assistant._read_hits(query, k, filters, follow_up=follow_up)

    chain = build_answer_chain(recording, assistant._articles, assistant.reader)
    chain.invoke({"question": "Hội nghị an ninh trật tự Lạc Sơn ngày 12/4 do ai chủ trì?", "history": []})
    chain.invoke({"question": "Sở nào lo thuốc men cho vùng lũ?",
                  "history": ["Hội nghị an ninh trật tự Lạc Sơn ngày 12/4 do ai chủ trì?"]})
    assert asked[0] is False and asked[-1] is True


def test_changed_article_replaces_its_chunks_everywhere(tmp_path):
    src = tmp_path / "in.jsonl"
    long_text = " ".join(f"Câu thứ {i} nói về quy chế phối hợp giữa Công an tỉnh và Sở Tư pháp." for i in range(60))
    src.write_text(json.dumps({"id": "x1", "title": "Bài thử", "text": long_text}, ensure_ascii=False) + "\n", encoding="utf-8")
    assistant = Assistant(tmp_path / "idx")
    first = assistant.ingest([src])
    assert first.articles_added == 1 and first.chunks_added > 2
    src.write_text(json.dumps({"id": "x1", "title": "Bài thử", "text": "Bản mới chỉ có một câu về Hội Luật gia."}, ensure_ascii=False) + "\n", encoding="utf-8")
    second = assistant.ingest([src])
    assert second.articles_updated == 1 and second.chunks_added == 1
    assert second.chunks_removed == first.chunks_added
    _agree(assistant)
    assert assistant.stats()["chunks"] == 1
    assert assistant.retrieve("Hội Luật gia", k=1)[0].text == "Bản mới chỉ có một câu về Hội Luật gia."


def test_a_changed_chunk_is_deleted_and_added_again_never_updated_in_place(tmp_path):
    """Chroma's upsert of an existing id rewires its HNSW node in place, which now and then leaves
    the node unreachable by similarity search; the store replaces it instead. Read from Chroma's own
    write-ahead log (operation codes: 0 add, 1 update, 2 upsert, 3 delete)."""
    import sqlite3

    src = tmp_path / "in.jsonl"
    texts = ["Quy chế phối hợp giữa Công an tỉnh và Sở Tư pháp được ký kết.",
             "Bản mới: Hội Luật gia tỉnh ký chương trình phối hợp với Sở Tư pháp."]
    assistant = Assistant(tmp_path / "idx")
    for text in texts:
        src.write_text(json.dumps({"id": "x1", "title": "Bài thử", "text": text}, ensure_ascii=False) + "\n",
                       encoding="utf-8")
        assistant.ingest([src])
    db = sqlite3.connect(tmp_path / "idx" / "chroma" / "chroma.sqlite3")
    try:
        ops = [op for (op,) in db.execute("SELECT operation FROM embeddings_queue WHERE id = 'x1#0' ORDER BY seq_id")]
    finally:
        db.close()
    assert ops == [0, 3, 0]
    assert assistant.retrieve("Hội Luật gia", k=1, mode="dense")[0].text == texts[1]


def test_bad_input_is_reported_and_good_input_kept(tmp_path):
    src = tmp_path / "mixed.jsonl"
    src.write_text('{"id": "ok", "text": "Bài hợp lệ về Sở Tư pháp."}\n{"id": "bad", "text": \n{"id": "none"}\n', encoding="utf-8")
    assistant = Assistant(tmp_path / "idx")
    stats = assistant.ingest([src, tmp_path / "nope.txt"])
    assert stats.articles_added == 1 and len(stats.errors) == 3
    assert [e.line for e in stats.errors[:2]] == [2, 3]
    assert assistant.stats()["articles"] == 1


def test_two_files_with_one_name_never_replace_each_other(tmp_path):
    """Text files take their id from the file name: a second file with the same name (another
    folder, another suffix) is refused with a clear error instead of silently replacing the first —
    in the same ingest and in a later one; editing the first file still updates it."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "bao-cao.txt").write_text("Báo cáo A\nKhối thi đua Nội chính ký giao ước.", encoding="utf-8")
    (tmp_path / "b" / "bao-cao.txt").write_text("Báo cáo B\nCụm thi đua số 4 tổng kết.", encoding="utf-8")
    assistant = Assistant(tmp_path / "idx")
    stats = assistant.ingest([tmp_path / "a", tmp_path / "b"])
    assert stats.articles_added == 1 and len(stats.errors) == 1
    assert "bao-cao" in stats.errors[0].message and "a/bao-cao.txt" in stats.errors[0].message
    assert assistant.article("bao-cao").title == "Báo cáo A"
    (tmp_path / "bao-cao.md").write_text("Báo cáo C\nNội dung khác.", encoding="utf-8")
    later = assistant.ingest([tmp_path / "bao-cao.md"])
    assert later.articles_updated == 0 and len(later.errors) == 1
    assert assistant.article("bao-cao").title == "Báo cáo A"
    (tmp_path / "a" / "bao-cao.txt").write_text("Báo cáo A sửa\nKhối thi đua Nội chính ký giao ước năm 2024.", encoding="utf-8")
    edited = assistant.ingest([tmp_path / "a"])
    assert edited.articles_updated == 1 and not edited.errors
    assert assistant.article("bao-cao").title == "Báo cáo A sửa"


def test_vectors_missing_from_chroma_are_repaired(tmp_path):
    assistant = Assistant(tmp_path / "idx")
    assistant.ingest([DEMO_ARTICLES / f"{SEED_ID}.txt"])
    some = sorted(assistant.store.ids())[:2]
    assistant.store.delete(some)
    assistant.store.upsert(["ghost#0"], assistant.embedder.embed_passages(["ma"]), ["ma"], [{"article_id": "ghost"}])
    assistant.ingest([DEMO_ARTICLES / f"{SEED_ID}.txt"])
    _agree(assistant)


def test_index_built_with_another_model_is_a_clear_error(tmp_path):
    index_dir = tmp_path / "idx"
    Assistant(index_dir, embedding_model="all-MiniLM-L6-v2").ingest([DEMO_ARTICLES / f"{SEED_ID}.txt"])
    with pytest.raises(IndexModelMismatch, match="all-MiniLM-L6-v2.*rebuild"):
        Assistant(index_dir)
    assert Assistant(index_dir, embedding_model="minilm").stats()["articles"] == 1
