"""Tone marks restored in a query typed without them, from the index's own text (`index.tone_marks`)."""
from __future__ import annotations

import json

import numpy as np

from assistant import Assistant
from index.tone_marks import FILE_NAME, VERSION, ToneForms, restorable

# Fictional articles: no question set uses them.
TEXTS = [
    "Hội Nông dân huyện Sơn Mây ký quy chế phối hợp với Đoàn Thanh niên huyện. Quy chế phối hợp có hiệu lực ngay.",
    "Ông Lò Văn Thác, Chủ tịch Hội Nông dân huyện Sơn Mây, chủ trì lễ ký. Hội Nông dân huyện Sơn Mây có 12 cơ sở.",
    "Ở đầu buổi lễ, bà Mạc Thị Đào phát biểu. Thu nhập của hộ nông dân tăng.",
]


def test_a_query_without_tone_marks_takes_the_articles_forms():
    forms = ToneForms.from_texts(TEXTS)
    assert forms.restore("hoi nong dan huyen son may ky quy che phoi hop voi ai?") == \
        "Hội Nông dân huyện Sơn Mây ký quy chế phối hợp với ai?"
    # punctuation, figures and words the articles never write are kept as typed
    assert forms.restore("ong lo van thac (xyzt) chu tri, nam 2031?") == "Ông Lò Văn Thác (xyzt) chủ trì, nam 2031?"
    # capitals as typed do not matter: the lookup is on the folded form
    assert forms.restore("HOI NONG DAN") == "Hội Nông dân"


def test_a_run_the_articles_write_once_is_not_kept_but_its_words_are():
    forms = ToneForms.from_texts(TEXTS)
    assert "ba mac thi" not in forms.forms and "mac thi dao" not in forms.forms
    assert forms.forms["dao"] == "Đào" and forms.forms["quy che phoi"] == "quy chế phối"


def test_a_word_capitalised_only_where_it_opens_a_sentence_is_restored_in_lower_case():
    forms = ToneForms.from_texts(["Dự lễ có ông A. Dự lễ có bà B. Đoàn dự lễ ký. Hội dự lễ ký.", "Xã Lũng Táo."])
    assert forms.forms["du le"] == "dự lễ" and forms.forms["du"] == "dự"
    assert forms.forms["lung"] == "Lũng" and forms.forms["tao"] == "Táo"  # a name stays a name


def test_interrogatives_come_before_the_articles_forms():
    forms = ToneForms.from_texts(TEXTS)
    assert forms.forms["o dau"] == "ở đâu"  # the articles write "Ở đầu" only
    assert forms.restore("le ky o dau, bao nhieu nong dan?") == "lễ ký ở đâu, bao nhiêu Nông dân?"


def test_only_a_query_without_any_tone_mark_is_restored():
    assert restorable("hoi nong dan ky gi?")
    assert not restorable("Hội Nông dân ky gi?")
    assert not restorable("2031 - ?")


def test_the_table_is_saved_with_the_digest_it_was_built_beside(tmp_path):
    path = tmp_path / FILE_NAME
    built = ToneForms.for_index(path, "d1", lambda: TEXTS)
    assert json.loads(path.read_text(encoding="utf-8"))["digest"] == "d1"
    assert ToneForms.for_index(path, "d1", lambda: ["Xã Lũng Táo"]).forms == built.forms  # reused
    rebuilt = ToneForms.for_index(path, "d2", lambda: ["Xã Lũng Táo"])  # another BM25 index: built again
    assert rebuilt.forms["tao"] == "Táo" and "son may" not in rebuilt.forms
    # a table built by another version of this code is built again
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "version": VERSION - 1}), encoding="utf-8")
    assert "son may" in ToneForms.for_index(path, "d2", lambda: TEXTS).forms
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == VERSION
    path.write_text("{not json", encoding="utf-8")
    assert ToneForms.load(path) is None
    assert ToneForms.for_index(path, "d2", lambda: TEXTS).forms == built.forms


def test_ingest_saves_the_table_and_the_dense_side_reads_the_restored_query(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"a{i}", "title": f"Tin {i}", "text": t}, ensure_ascii=False)
                             for i, t in enumerate(TEXTS)), encoding="utf-8")
    assistant = Assistant(tmp_path / "idx")
    assistant.ingest([src])
    saved = ToneForms.load(tmp_path / "idx" / FILE_NAME)
    assert saved is not None and saved.digest == assistant.retriever.bm25.digest
    typed = "ai chu tri le ky quy che phoi hop cua hoi nong dan huyen son may?"
    restored = "ai chủ trì lễ ký quy chế phối hợp của Hội Nông dân huyện Sơn Mây?"
    assert assistant.retriever.dense_query(typed) == restored
    assert assistant.retriever.dense_query("Who chaired the signing?") == "Who chaired the signing?"
    # the sentences are measured against the restored question too
    reader = assistant.reader
    assert np.array_equal(reader.dense.question(typed), assistant.embedder.embed_query(restored))
    # a query with tone marks is read as typed
    assert assistant.retriever.dense_query("Ai chu tri lễ ký?") == "Ai chu tri lễ ký?"
