from index.bm25 import BM25Index
from index.tokenize import document_tokens, query_tokens


def test_document_tokens_have_compounds_codes_and_folded_forms():
    tokens = set(document_tokens("Khối thi đua Nội chính ký giao ước theo Chỉ thị số 34-CT/TW ngày 07/4/2014."))
    assert {"khối", "thi_đua", "giao_ước", "34-ct/tw", "07/4/2014", "~khoi", "~thi_dua", "~34-ct/tw"} <= tokens


def test_query_without_tone_marks_uses_folded_forms_only():
    assert all(t.startswith("~") for t in query_tokens("khoi thi dua noi chinh"))
    assert "~thi" in query_tokens("khoi thi dua noi chinh"), "folded 'thì' must not drop 'thi'"
    accented = query_tokens("Khối thi đua Nội chính")
    assert "khối" in accented and "~khoi" in accented


def test_old_tone_placement_is_normalised_for_matching():
    assert "ủy" in document_tokens("Uỷ ban nhân dân") and "ủy" in query_tokens("Ủy ban")


def test_bm25_matches_with_and_without_tone_marks(tmp_path):
    texts = [
        "Khối thi đua Nội chính tỉnh Vĩnh Phúc ký kết giao ước thi đua.",
        "Hội Nông dân tổ chức tập huấn kỹ thuật trồng lúa.",
        "Cong an tinh Nghe An ky ket quy che phoi hop voi Vien Kiem sat.",
    ]
    index = BM25Index.build(["a", "b", "c"], [document_tokens(t) for t in texts])
    index.save(tmp_path / "bm25")
    index = BM25Index.load(tmp_path / "bm25")
    assert index.search("khoi thi dua noi chinh", 1)[0][0] == "a"
    assert index.search("Khối thi đua Nội chính", 1)[0][0] == "a"
    assert index.search("Công an tỉnh Nghệ An ký quy chế phối hợp", 1)[0][0] == "c"
    assert index.search("xyzzy", 3) == []


def test_english_detection():
    from index.language import is_english

    assert is_english("Which units signed the emulation pact in Vinh Phuc?")
    assert is_english("Can function problems be rewritten as decision problems?")
    assert not is_english("Khối thi đua Nội chính gồm những đơn vị nào?")
    assert not is_english("khoi thi dua noi chinh gom nhung don vi nao")
    assert not is_english("ai dai dien cuc thi hanh an dan su tinh")
    # English function words that are syllables without tone marks do not make a question English
    assert not is_english("Cong an tinh Lac Son to chuc le be mac hoi thi on dinh o dau?")


def test_an_english_question_may_write_vietnamese_names_with_their_tone_marks():
    from index.language import is_english

    assert is_english("At the ceremony in Lạc Sơn on 3 May, who did Chairman Lò Văn Páo thank?")
    assert is_english("How much money did Mường Mây district provide for the new school?")
    assert not is_english("Hội nghị do ai chủ trì và diễn ra ở đâu?")  # "do", "an" … are Vietnamese too
    assert not is_english("Ngoài “The Road to the Sea and the Hills”, tác giả còn viết cuốn sách nào?")  # a quoted title
