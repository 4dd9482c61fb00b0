"""English questions rendered in Vietnamese: glossary terms, Vietnamese names, numbers, roles."""
import pytest

from assistant.question import analyse_question
from index.glossary import english_phrase_terms, foreign_names, vietnamese_terms
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
    terms = vietnamese_terms("What title did Le Thi Thu Ha hold?")
    assert " ".join(terms).count("le thi thu ha") == 1 and not {"what", "did"} & set(terms)
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
    # an English quotation is translated like the rest (a capitalised word no rendering knows is
    # kept as a name, as anywhere in an English question)
    assert vietnamese_terms("Who launched the 'Green city' movement?") == [
        "phat", "dong", "green", "thanh", "pho", "phong", "trao"]


def test_words_of_several_senses_are_not_rendered():
    # "What is the capital of France?" must not look for money ("vốn") in the articles (the name
    # is kept as written: `test_names_in_latin_letters_are_kept_as_written`)
    assert vietnamese_terms("What is the capital of France?") == ["france"]


def test_names_in_latin_letters_are_kept_as_written():
    # acronyms and capitalised words the renderings do not know are names articles write as they are
    terms = vietnamese_terms("Which firms did the delegation visit in Trondheim with UNESCO staff?")
    assert "trondheim" in terms and "unesco" in terms
    assert not {"which", "firms", "did", "with"} & set(terms)
    # a month is a date, the question's first word is English, a known word is rendered
    assert vietnamese_terms("When in August did Trondheim sign?") == ["trondheim", "ky", "ket"]
    assert foreign_names("Which Bright Lantern award went to Trondheim in August?") == {"bright", "lantern", "trondheim"}


def test_a_latin_name_no_article_holds_is_left_out_of_the_reader_terms():
    from assistant.reading.terms import question_terms

    def frequencies(tokens: list[str]) -> tuple[dict[str, int], int]:
        held = {"~trondheim": 3, "~giai": 40, "~thuong": 40}
        return {t: held.get(t, 0) for t in tokens}, 1000

    qa = analyse_question("Which Bright Lantern award went to Trondheim?")
    words = question_terms(qa, frequencies).words
    assert "trondheim" in words and not {"bright", "lantern"} & set(words)
    # a Vietnamese question keeps its words, held or not
    assert "mien" in question_terms(analyse_question("Giải thưởng nào trao cho Mây Miền?"), frequencies).words


def test_everyday_words_come_from_the_common_words_of_civic_news():
    # "teachers", "support", "businesses" are in no civic glossary entry: the common words render them
    terms = vietnamese_terms("How many teachers in Lac Son received support for businesses?")
    for word in ["giao", "vien", "ho", "tro", "doanh", "nghiep", "lac", "son"]:
        assert word in terms
    assert english_phrase_terms("taxes") == ["thue"]  # "-xes", "-ches", "-sses" plurals are keyed
    # a verb's regular forms are keyed with it; a one-syllable word is not rendered (too many words hold it)
    assert english_phrase_terms("strengthened") == english_phrase_terms("strengthen") == ["tang", "cuong"]
    assert english_phrase_terms("juggled") == [] and vietnamese_terms("What is the population of Iceland?") == ["dan", "cu", "iceland"]


def test_civic_words_of_courts_exams_and_rules_are_rendered():
    terms = vietnamese_terms("Which judge in Lac Son took bribes before the exam, against the quota?")
    assert {"tham", "phan", "hoi", "lo", "ky", "thi", "dinh", "muc"} <= set(terms)


def test_countries_and_their_peoples_are_named_as_vietnamese_news_names_them():
    assert vietnamese_terms("Which Belarusian and Spanish officials met the Lac Son delegation?")[:4] == [
        "belarus", "tay", "ban", "nha"]
    assert {"thuy", "si", "an", "do", "lao"} <= set(vietnamese_terms("Did Swiss and Indian firms invest in Laos?"))
    # a country Vietnamese names with one common syllable ("Pháp" is also law) keeps its English name
    assert vietnamese_terms("Who met the French envoy?")[-1:] == ["french"]


def test_the_civic_glossary_wins_over_the_common_words():
    assert english_phrase_terms("budget") == ["kinh", "phi"]  # the glossary's first rendering
    # what a "how many" question counts: "pairs of districts" counts "cặp"
    assert analyse_question("How many pairs of districts signed the pact?").noun == "cap"
    assert vietnamese_terms("What is the capital of France?") == ["france"]  # the name as written


def test_a_malformed_common_words_file_is_a_clear_error(tmp_path):
    import pytest

    from index.glossary import common_words

    good = tmp_path / "words.tsv"
    good.write_text("# comment\nhỗ trợ\tsupport, assist\n", encoding="utf-8")
    words = common_words(good)
    assert words["support"] == ["ho tro"] and words["assisting"] == ["ho tro"]
    bad = tmp_path / "bad.tsv"
    bad.write_text("hỗ trợ\tsupport\nmissing a tab\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:2"):
        common_words(bad)


def test_words_joined_by_a_hyphen_are_rendered_one_by_one():
    terms = vietnamese_terms("Who chaired the cooperative-law review in Ba Ria-Vung Tau in 2016-2020?")
    assert {"hop", "tac", "luat"} <= set(terms)
    assert {"ba", "ria", "vung", "tau", "2016-2020"} <= set(terms)


def test_countries_numbers_ordinals_and_month_dates():
    from index.glossary import vietnamese_terms

    assert vietnamese_terms("Which Japanese and Chinese firms signed?")[:4] == ["nhat", "ban", "trung", "quoc"]
    assert vietnamese_terms("What is the capital of France?") == ["france"]  # "phap" would be "tư pháp"
    assert "3" in vietnamese_terms("Which three units joined the bloc?")
    assert "23" in vietnamese_terms("What did the 23rd session adopt?")  # "lần thứ 23"
    # a date written with a month's name is a search term and an anchor, not content words
    from index.glossary import month_dates
    from index.retrieval import lexical_query

    assert month_dates("What was signed on February 10?") == month_dates("What was signed on 10 February?") == ["10/2"]
    assert month_dates("What was signed in May 2031?") == month_dates("May the bloc sign a pact?") == []
    assert "10/2" in lexical_query("What was signed on February 10?").split()
    # a run of Vietnamese names keeps its reading: "Thai Nguyen" is Thái Nguyên, not Thailand
    terms = vietnamese_terms("Who heads the Thai Nguyen provincial police?")
    assert "thai" in terms and "lan" not in terms, terms


def test_a_month_date_of_an_english_question_is_an_anchor():
    from assistant.question import analyse_question
    from assistant.reading.terms import anchors_of

    assert "10 2" in anchors_of(analyse_question("What was signed on February 10 by the Lang Son police?"))


@pytest.mark.parametrize("question, noun", [
    ("How many local governments sent no delegate to Lac Son?", "dia phuong"),  # a verb the noun cannot know
    ("How many projects received bids in Lac Son?", "du an"),  # a past tense ends the noun
    ("How many cooperation documents did Lac Son sign?", "van kien"),  # the head comes last
    ("How many pairs of localities signed?", "cap"),  # "of" ends it
    ("How many United Nations agencies joined Lac Son's plan?", "co quan"),  # a name is no past tense
    ("How many draft legal documents did Lac Son appraise?", "du thao"),  # a draft is counted as "dự thảo"
    ("How much did Lac Son district spend on its new bridge?", "tien"),  # "how much" before a verb: a sum
    ("How much in fees were collected at the Suoi Bac market?", "tien"),
    ("By how much did rice output at Lac Son fall last year?", None),  # a change, not a sum
])
def test_the_noun_an_english_how_many_question_counts(question, noun):
    assert analyse_question(question).noun == noun


def test_a_sentence_that_writes_another_rendering_covers_the_phrase():
    from assistant.reading.terms import question_terms
    from index.glossary import rendering_alternatives

    question = "What budget did the Lac Son district plan for the new school?"
    assert ("kinh phi", "ngan sach") in rendering_alternatives(question)
    terms = question_terms(analyse_question(question))
    first = terms.words_in("Huyện Lạc Sơn dành kinh phí 20 tỷ đồng cho trường học mới.")
    other = terms.words_in("Huyện Lạc Sơn dành ngân sách 20 tỷ đồng cho trường học mới.")
    neither = terms.words_in("Huyện Lạc Sơn dành 20 tỷ đồng cho trường học mới.")
    assert terms.coverage(other) == terms.coverage(first) > terms.coverage(neither)
    # as a phrase: "ngân" and "sách" apart ("sách giáo khoa", "ngân hàng") are no budget
    apart = terms.words_in("Ngân hàng huyện Lạc Sơn tặng sách cho trường học mới.")
    assert terms.coverage(apart) < terms.coverage(first)
    # a Vietnamese question has no renderings to weigh
    assert question_terms(analyse_question("Huyện Lạc Sơn dành kinh phí bao nhiêu?")).equivalents == []


def test_a_preposition_in_ing_is_no_form_of_a_verb_and_words_of_several_senses_stay_out():
    # "according to" is no "accord" (a treaty, "hiệp định"); "area" and "share" have several senses
    terms = vietnamese_terms("According to the Lac Son police, what share of the area's households were poor?")
    assert not {"hiep", "dinh", "linh", "chia", "se", "co", "phan"} & set(terms), terms  # "khu vực" stays
    assert {"lac", "son", "cong", "an", "ngheo"} <= set(terms)


def test_offices_and_institutions_of_news_english():
    assert vietnamese_terms("the Deputy Inspector General of the Government")[:3] == ["pho", "tong", "thanh"]
    assert " ".join(vietnamese_terms("Vietnam Social Security")) == "viet nam bao hiem xa hoi"
    assert vietnamese_terms("the Vice Chairwoman of the Hoa An labour federation")[:3] == ["pho", "chu", "tich"]
    assert vietnamese_terms("a National Assembly deputy of Lac Son")[:4] == ["dai", "bieu", "quoc", "hoi"]


def test_kinds_of_visit_sectors_and_leading_firms():
    # "official visit" is a "chuyến thăm chính thức", not an official (cán bộ) who visits
    assert " ".join(vietnamese_terms("during an official visit to Lac Son")) == "tham chinh thuc lac son"
    assert "can bo" not in " ".join(vietnamese_terms("an official working visit"))
    assert "cap nha nuoc" in " ".join(vietnamese_terms("a state visit"))
    # a sector of the economy is a "lĩnh vực" or "ngành", not a region ("khu vực")
    sectors = " ".join(vietnamese_terms("which sectors did they agree on"))
    assert "linh vuc" in sectors and "khu vuc" not in sectors
    # "leading" before a noun ranks it ("hàng đầu"); it is no leader (lãnh đạo)
    assert "hang dau" in " ".join(vietnamese_terms("the leading corporations"))


def test_words_in_single_quotes_are_rendered():
    # the quote marks around "'six tasks'" hid both words from the glossary
    assert vietnamese_terms("Who listed the 'six tasks' of Lac Son?")[2:5] == ["6", "nhiem", "vu"]
    assert vietnamese_terms("the workers' union of Lac Son") == vietnamese_terms("the workers union of Lac Son")
    assert "hoa" in vietnamese_terms("What did Hoa's union sign?")


def test_countries_come_from_their_data_file_without_verb_forms():
    from index.glossary import COUNTRIES, common_words

    countries = common_words(COUNTRIES, verb_forms=False)
    assert countries["australia"] == ["australia", "uc"]  # two names, the commoner first
    assert countries["saudi arabia"] == ["a rap xe ut"] and "chinesed" not in countries
    assert " ".join(vietnamese_terms("a Swiss and a Belarusian firm")).startswith("thuy si belarus")
    # the countries whose Vietnamese name is an everyday syllable stay out
    assert not {"france", "germany", "britain", "austria"} & set(countries)
