"""Sentence vectors stored at ingest (`index.sentence_vectors`) and read by the reader's `dense_sent`
feature: a real catalog, the real embedding model, fictional articles."""
import json

import numpy as np

from assistant import Assistant
from assistant.reading.features import FEATURES
from corpus.sentences import sentence_spans
from index.sentence_vectors import vectors_key

FIRST = ("Sáng 4/3, Sở Tư pháp tỉnh Lạc Sơn và Hội Luật gia tỉnh ký quy chế phối hợp về trợ giúp pháp lý. "
         "Quy chế có hiệu lực trong 5 năm. Bà Trần Thị Mây, Giám đốc Sở Tư pháp, chủ trì lễ ký. "
         "Mùa mưa năm nay đến sớm ở vùng núi phía bắc của tỉnh.")
SECOND = "Huyện Ban Mai tổ chức giải bóng đá thiếu niên. Mười hai đội tham gia giải."


def _write(path, articles):
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")


def test_every_sentence_is_stored_with_its_article_and_replaced_with_it(tmp_path):
    src = tmp_path / "in.jsonl"
    _write(src, [{"id": "a1", "title": "Ký quy chế", "text": FIRST}, {"id": "a2", "title": "Bóng đá", "text": SECOND}])
    assistant = Assistant(tmp_path / "idx")
    stats = assistant.ingest([src])
    model = vectors_key(assistant.embedder)
    stored = assistant.catalog.sentence_vectors(["a1", "a2"], model)
    assert stats.sentences_embedded == len(sentence_spans(FIRST)) + len(sentence_spans(SECOND))
    assert stored["a1"].shape == (len(sentence_spans(FIRST)), assistant.embedder.dimension)
    # each row is the sentence's own (passage) vector, in text order
    s, e = sentence_spans(FIRST)[2]
    assert np.allclose(stored["a1"][2], assistant.embedder.embed_passages([FIRST[s:e]])[0], atol=2e-3)
    # unchanged: nothing encoded again
    assert assistant.ingest([src]).sentences_embedded == 0
    # a changed article gets its new sentences; a vector of another model is not read
    _write(src, [{"id": "a1", "title": "Ký quy chế", "text": "Chỉ còn một câu về Hội Luật gia."}])
    assert assistant.ingest([src]).sentences_embedded == 1
    assert assistant.catalog.sentence_vectors(["a1"], model)["a1"].shape[0] == 1
    assert assistant.catalog.sentence_vectors(["a1"], "another-model") == {}
    assistant.catalog.delete_article("a1")
    assert assistant.catalog.sentence_vectors(["a1"], model) == {}


def test_an_index_without_sentence_vectors_gets_them_at_the_next_ingest(tmp_path):
    src = tmp_path / "in.jsonl"
    _write(src, [{"id": "a1", "title": "Ký quy chế", "text": FIRST}])
    assistant = Assistant(tmp_path / "idx")
    assistant.ingest([src])
    with assistant.catalog._db:  # an index made before sentence vectors existed
        assistant.catalog._db.execute("DELETE FROM sentence_vectors")
    assert assistant.catalog.articles_without_sentence_vectors(vectors_key(assistant.embedder)) == ["a1"]
    assert assistant.stats()["sentence_vectors_missing"] == 1
    seen = []
    stats = assistant.ingest([src], on_progress=seen.append)
    assert stats.articles_unchanged == 1 and stats.sentences_embedded == len(sentence_spans(FIRST))
    assert assistant.catalog.articles_without_sentence_vectors(vectors_key(assistant.embedder)) == []
    assert assistant.stats()["sentence_vectors_missing"] == 0
    # the filling is reported as its own stage, after the inputs
    assert [(p.stage, p.articles, p.total) for p in seen] == [("articles", 1, None), ("sentences", 0, 1), ("sentences", 1, 1)]


def test_vectors_of_sentences_cut_another_way_are_not_read_and_are_made_again(tmp_path):
    # the splitter changed since the index was made (corpus.sentences.SPLITTER_VERSION): its rows no
    # longer line up with the sentences the reader scores
    src = tmp_path / "in.jsonl"
    _write(src, [{"id": "a1", "title": "Ký quy chế", "text": FIRST}])
    assistant = Assistant(tmp_path / "idx")
    assistant.ingest([src])
    key = vectors_key(assistant.embedder)
    assert key.startswith(assistant.embedder.name) and key != assistant.embedder.name
    with assistant.catalog._db:
        assistant.catalog._db.execute("UPDATE sentence_vectors SET model = ?", (assistant.embedder.name + " sentences/1",))
    assert assistant.catalog.sentence_vectors(["a1"], key) == {}
    assert assistant.stats()["sentence_vectors_missing"] == 1
    assert assistant.ingest([src]).sentences_embedded == len(sentence_spans(FIRST))
    assert assistant.catalog.sentence_vectors(["a1"], key)["a1"].shape[0] == len(sentence_spans(FIRST))


def test_the_command_line_shows_the_filling_and_fills(tmp_path):
    import os
    import subprocess
    import sys

    src = tmp_path / "in.jsonl"
    _write(src, [{"id": "a1", "title": "Ký quy chế", "text": FIRST}, {"id": "a2", "title": "Bóng đá", "text": SECOND}])
    assistant = Assistant(tmp_path / "idx")
    assistant.ingest([src])
    with assistant.catalog._db:
        assistant.catalog._db.execute("DELETE FROM sentence_vectors")
    result = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(src), "--index", str(tmp_path / "idx")],
                            capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"}, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Không đổi" in result.stdout  # the summary table, after the progress line
    assert Assistant(tmp_path / "idx").stats()["sentence_vectors_missing"] == 0


def test_an_article_without_sentences_is_stored_with_none(tmp_path):
    from corpus.records import Article
    from index.sentence_vectors import embed_missing_sentences

    assistant = Assistant(tmp_path / "idx")
    assistant.catalog.replace_article(Article(id="blank", title="Ảnh", text=" "), "h1", [], [])
    assert embed_missing_sentences(assistant.catalog, assistant.embedder) == 0
    assert assistant.catalog.sentence_vectors(["blank"], vectors_key(assistant.embedder))["blank"].shape == (0, assistant.embedder.dimension)
    assert assistant.catalog.articles_without_sentence_vectors(vectors_key(assistant.embedder)) == []


def test_the_reader_measures_each_sentence_against_the_question(tmp_path):
    src = tmp_path / "in.jsonl"
    _write(src, [{"id": "a1", "title": "Ký quy chế", "text": FIRST}])
    assistant = Assistant(tmp_path / "idx")
    assistant.ingest([src])
    question = "Who chaired the signing ceremony of the legal aid regulation?"
    evidence = assistant.evidence(question)
    asked = assistant.embedder.embed_query(question)
    spans = sentence_spans(FIRST)
    for sentence in evidence:
        index = next(i for i, (s, e) in enumerate(spans) if (s, e) == (sentence.start, sentence.end))
        s, e = spans[index]
        own = float(assistant.embedder.embed_passages([FIRST[s:e]])[0] @ asked)
        assert abs(sentence.features["dense_sent"] - own) < 5e-3
        assert sentence.features["english_dense_sent"] == sentence.features["dense_sent"]
    best = max(f.features["dense_sent"] for f in evidence)
    assert all(abs(f.features["dense_sent_gap"] - (f.features["dense_sent"] - best)) < 1e-9 for f in evidence)
    # the sentence about who chaired is nearer the English question than the one about the rain
    by_text = {f.text: f.features["dense_sent"] for f in evidence}
    assert by_text["Bà Trần Thị Mây, Giám đốc Sở Tư pháp, chủ trì lễ ký."] > by_text[
        "Mùa mưa năm nay đến sớm ở vùng núi phía bắc của tỉnh."]


def test_without_stored_vectors_a_sentence_takes_its_chunks_similarity(tmp_path):
    src = tmp_path / "in.jsonl"
    _write(src, [{"id": "a1", "title": "Ký quy chế", "text": FIRST}])
    assistant = Assistant(tmp_path / "idx")
    assistant.ingest([src])
    with assistant.catalog._db:
        assistant.catalog._db.execute("DELETE FROM sentence_vectors")
    for sentence in assistant.evidence("Ai chủ trì lễ ký quy chế phối hợp?"):
        assert sentence.features["dense_sent"] == sentence.features["dense"]
    assert "dense_sent" in FEATURES


def test_the_question_is_encoded_once_for_retrieval_and_reading(tmp_path):
    assistant = Assistant(tmp_path / "idx")
    first = assistant.embedder.embed_query("Ai chủ trì lễ ký?")
    assert assistant.embedder.embed_query("Ai chủ trì lễ ký?") is first
    assert not first.flags.writeable  # a cached vector cannot be changed by a caller
    assert assistant.embedder.embed_query("Ai ký quy chế?") is not first
