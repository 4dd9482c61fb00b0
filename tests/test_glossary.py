"""English questions rendered in Vietnamese: glossary terms, Vietnamese names, numbers, roles."""
from index.glossary import english_phrase_terms, vietnamese_terms
from index.retrieval import lexical_query


def test_terms_names_and_numbers_of_an_english_question():
    terms = vietnamese_terms("Which units of the Vinh Phuc provincial Internal Affairs emulation bloc signed the 2021 pact?")
    assert terms[:4] == ["don", "vi", "vinh", "phuc"]
    for word in ["noi", "chinh", "khoi", "thi", "dua", "ky", "ket", "2021", "giao", "uoc"]:
        assert word in terms
    assert not {"units", "which", "internal", "affairs", "signed"} & set(terms)


def test_longest_phrase_wins_and_possessives_and_plurals_are_keyed():
    assert vietnamese_terms("the People's Procuracy") == ["vien", "kiem", "sat", "nhan", "dan"]
    assert vietnamese_terms("Farmers' Association") == ["hoi", "nong", "dan"]
    assert vietnamese_terms("Phu Tho's districts") == ["phu", "tho", "huyen"]
    assert english_phrase_terms("agencies") == ["co", "quan"]
    assert english_phrase_terms("crime reports") == ["tin", "bao", "toi", "pham"]
    assert english_phrase_terms("spaceships") == []


def test_only_runs_of_vietnamese_syllables_are_names():
    # "Front", "Which", "Le" alone are not names; "Le Thi Thu Ha" and "Quang Ninh" are
    assert vietnamese_terms("What title did Le Thi Thu Ha hold?") == ["le", "thi", "thu", "ha"]
    assert vietnamese_terms("Which Front unit of Quang Ninh?") == ["don", "vi", "quang", "ninh"]
    assert vietnamese_terms("Is Le here?") == []


def test_roles_split_around_the_group_name():
    assert vietnamese_terms("the deputy head of the Vinh Phuc Internal Affairs bloc")[:2] == ["pho", "khoi"]
    assert vietnamese_terms("the head of emulation cluster No. 3")[:2] == ["truong", "cum"]
    assert "so" in vietnamese_terms("cluster No. 3")
    assert vietnamese_terms("Which district chaired emulation cluster No. 3?")[:3] == ["huyen", "truong", "cum"]
    assert vietnamese_terms("Who chaired the signing conference of the bloc?")[:2] == ["chu", "tri"]


def test_other_renderings_are_alternatives_for_search():
    assert vietnamese_terms("Who represented the police?") == ["dai", "dien", "cong", "an"]
    assert vietnamese_terms("Who represented the police?", alternatives=True) == ["dai", "dien", "thay", "mat", "cong", "an"]


def test_bm25_looks_up_english_by_its_rendering_and_vietnamese_as_typed():
    assert lexical_query("Who chaired the Phu Tho conference?") == "chu tri phu tho hoi nghi"
    assert lexical_query("Ai chủ trì hội nghị?") == "Ai chủ trì hội nghị?"
    assert lexical_query("What about Paris?") == "What about Paris?"  # nothing to render: as typed


def test_ministries_and_common_bodies_of_the_central_government():
    assert vietnamese_terms("the Ministry of Natural Resources and Environment") == ["bo", "tai", "nguyen", "moi", "truong"]
    assert vietnamese_terms("the Ministry of Science and Technology") == ["bo", "khoa", "hoc", "va", "cong", "nghe"]
    assert vietnamese_terms("the State Bank and the United Nations") == ["ngan", "hang", "nha", "nuoc", "lien", "hop", "quoc"]
    assert english_phrase_terms("budget") == ["kinh", "phi"]


def test_vietnamese_an_english_question_writes_is_kept_as_written():
    # a quotation with Vietnamese letters, and a lone word written with its tone marks, are not translated
    assert vietnamese_terms("Who launched the 'Xanh sạch đẹp' movement in 2019?") == [
        "phat", "dong", "xanh", "sach", "dep", "phong", "trao", "2019"]
    assert vietnamese_terms("Which body of Đồng Tháp signed it?") == ["dong", "thap", "ky", "ket"]
    # an English quotation is translated like the rest
    assert vietnamese_terms("Who launched the 'Green city' movement?") == ["phat", "dong", "thanh", "pho", "phong", "trao"]


def test_words_of_several_senses_are_not_rendered():
    # "What is the capital of France?" must not look for money ("vốn") in the articles
    assert vietnamese_terms("What is the capital of France?") == []
