"""The answer chain over the demo corpus: short typed answers, exact citations, abstention,
tone-free twins, follow-ups and English questions."""
import pytest
from langchain_core.runnables import Runnable

from assistant.answering import NOT_FOUND
from corpus.normalize import fold

SEED_UNITS = ["Thanh tra tỉnh", "Công an tỉnh", "Viện Kiểm sát nhân dân tỉnh", "Tòa án nhân dân tỉnh",
              "Sở Tư pháp", "Bộ Chỉ huy Quân sự tỉnh", "Cục Thi hành án dân sự tỉnh"]


def _check_citations(assistant, answer):
    assert answer.citations, answer.answer
    for c in answer.citations:
        article = assistant.article(c.article_id)
        assert article.text[c.start:c.end] == c.quote
        assert c.title == article.title and c.date == article.date and c.source == article.source
    for marker in {int(m) for m in __import__("re").findall(r"\[(\d+)\]", answer.answer)}:
        assert marker in {c.n for c in answer.citations}


def _short_in_quote(answer, expected):
    assert fold(expected) in fold(answer.short_answer), (answer.short_answer, expected)
    assert any(fold(expected) in fold(c.quote) for c in answer.citations), expected


def test_chain_is_a_runnable(demo_index):
    assert isinstance(demo_index.chain, Runnable)
    answer = demo_index.chain.invoke({"question": "Ai đại diện Cục Thi hành án dân sự tỉnh Vĩnh Phúc?"})
    assert "Phùng Huy Thuận" in answer.short_answer


def test_list_question_names_all_seven_units(demo_index):
    answer = demo_index.ask("Khối thi đua Nội chính gồm những đơn vị nào?")
    assert not answer.abstained
    _check_citations(demo_index, answer)
    for unit in SEED_UNITS:
        assert unit in answer.answer
        assert any(unit in c.quote for c in answer.citations)


@pytest.mark.parametrize("question, expected", [
    ("Ai đại diện Cục Thi hành án dân sự tỉnh Vĩnh Phúc tham dự hội nghị năm 2021?", "Phùng Huy Thuận"),
    ("Hội nghị ký kết giao ước thi đua của Khối thi đua Nội chính tỉnh Phú Thọ năm 2022 diễn ra khi nào?", "15/3/2022"),
    ("Khối thi đua Nội chính tỉnh Phú Thọ năm 2022 có bao nhiêu đơn vị?", "07 đơn vị"),
    ("Chủ đề hành động của Khối thi đua Nội chính Vĩnh Phúc năm 2021 là gì?", "Đoàn kết, kỷ cương, đổi mới, sáng tạo"),
    ("Ông Phùng Huy Thuận giữ chức vụ gì?", "Phó cục trưởng"),
    ("Năm 2022, đơn vị nào làm Trưởng khối của Khối thi đua Nội chính tỉnh Phú Thọ?", "Công an tỉnh"),
])
def test_typed_short_answers_are_cited(demo_index, question, expected):
    answer = demo_index.ask(question)
    assert not answer.abstained, question
    _check_citations(demo_index, answer)
    _short_in_quote(answer, expected)
    assert answer.answer.startswith(answer.short_answer)


@pytest.mark.parametrize("question", [
    "Khối thi đua Nội chính tỉnh Hà Giang ký giao ước thi đua năm 2021 gồm những đơn vị nào?",
    "Giá vé máy bay Tết năm nay tăng bao nhiêu phần trăm?",
])
def test_unanswerable_questions_abstain(demo_index, question):
    answer = demo_index.ask(question)
    assert answer.abstained and answer.answer == NOT_FOUND and not answer.citations
    for c in answer.see_also:
        assert demo_index.article(c.article_id).text[c.start:c.end] == c.quote


def test_question_without_tone_marks_gets_the_same_answer(demo_index):
    accented = demo_index.ask("Ai đại diện Cục Thi hành án dân sự tỉnh Vĩnh Phúc?")
    plain = demo_index.ask("ai dai dien cuc thi hanh an dan su tinh vinh phuc?")
    assert accented.short_answer == plain.short_answer and "Phùng Huy Thuận" in plain.short_answer
    assert [c.article_id for c in accented.citations] == [c.article_id for c in plain.citations]


def test_follow_up_resolves_through_history(demo_index):
    first = "Hội nghị ký kết giao ước thi đua của Khối thi đua Nội chính tỉnh Phú Thọ năm 2022 diễn ra khi nào?"
    follow = demo_index.ask("Còn năm 2023 thì sao?", history=[first])
    assert follow.condensed_question and "2023" in follow.condensed_question and "Phú Thọ" in follow.condensed_question
    assert not follow.abstained
    _check_citations(demo_index, follow)
    assert all("2023" in demo_index.article(c.article_id).text for c in follow.citations)
    who = demo_index.ask("Ai đại diện đơn vị đó?", history=["Cục Thi hành án dân sự tỉnh Vĩnh Phúc có ký giao ước năm 2021 không?"])
    assert "Phùng Huy Thuận" in who.short_answer


def test_english_question_gets_a_cited_vietnamese_answer(demo_index):
    answer = demo_index.ask("Who represented the Provincial Civil Judgment Enforcement Department of Vinh Phuc in 2021?")
    assert not answer.abstained
    _check_citations(demo_index, answer)
    assert any("Phùng Huy Thuận" in c.quote for c in answer.citations)


@pytest.mark.parametrize("question, expected", [
    ("Who chaired the 2023 signing conference of the Vinh Phuc Internal Affairs bloc?", "Phan Thị Thu Trang"),
    ("Which unit was the deputy head of the Vinh Phuc Internal Affairs bloc in 2023?", "Sở Tư pháp"),
    ("Which unit was the head of the Vinh Phuc Internal Affairs bloc in 2023?", "Tòa án nhân dân tỉnh"),
    ("How many chapters does the new coordination regulation between Phu Tho police and the procuracy have?",
     "5 chương"),
    ("When did the Vinh Phuc Farmers' Association sign its coordination programme with the social policy bank?",
     "23/4/2019"),
    ("Who represented the Provincial Civil Judgment Enforcement Department of Vinh Phuc in 2021?", "Phùng Huy Thuận"),
])
def test_english_questions_get_the_short_answer(demo_index, question, expected):
    """English words never match the articles: the glossary's Vietnamese for the question's civic
    terms, its Vietnamese names and numbers pick the sentence and the answer in it."""
    answer = demo_index.ask(question)
    assert not answer.abstained, question
    _check_citations(demo_index, answer)
    _short_in_quote(answer, expected)


def test_english_question_about_nothing_in_the_articles_abstains(demo_index):
    assert demo_index.ask("What is the capital of France?").abstained


def test_person_whose_own_title_the_question_names(demo_index):
    """Two people in one sentence: the one whose title is the question's ("Chủ tịch Hội Nông dân
    tỉnh"), not the one nearest the province's name."""
    for question in ["Chủ tịch Hội Nông dân tỉnh Vĩnh Phúc là ai?",
                     "Who is the chairman of the Vinh Phuc provincial Farmers' Association?"]:
        answer = demo_index.ask(question)
        _short_in_quote(answer, "Tạ Quang Huy")
        assert "Nguyễn Thị Hải Yến" not in answer.short_answer


def test_count_of_the_second_noun_in_a_short_list(demo_index):
    """"Bao nhiêu tin báo": "8.742 tố giác, tin báo về tội phạm" counts them too."""
    answer = demo_index.ask("Công an và Viện Kiểm sát tỉnh Phú Thọ đã phối hợp giải quyết bao nhiêu tin báo về tội phạm theo quy chế cũ?")
    _short_in_quote(answer, "8.742")


def test_filters_restrict_the_evidence(demo_index):
    answer = demo_index.ask("Khối thi đua Nội chính gồm những đơn vị nào?", filters={"date_from": "2024-01-01"})
    assert all(c.date >= "2024-01-01" for c in answer.citations + answer.see_also)


def test_citation_verifier_rejects_a_tampered_quote(demo_index):
    from assistant.answering import verify_citations
    answer = demo_index.ask("Ai đại diện Cục Thi hành án dân sự tỉnh Vĩnh Phúc?")
    articles = {c.article_id: demo_index.article(c.article_id) for c in answer.citations}
    answer.citations[0].quote = answer.citations[0].quote + " "
    with pytest.raises(ValueError, match="does not quote"):
        verify_citations(answer, articles)
    answer.citations[0].quote = answer.citations[0].quote[:-1]
    answer.answer += " [9]"
    with pytest.raises(ValueError, match=r"\[9\]"):
        verify_citations(answer, articles)


def test_bracketed_numbers_in_article_text_are_not_citation_markers():
    from assistant.answering import as_answer_text, verify_citations
    from assistant.records import Answer, Citation
    from corpus.records import Article

    article = Article(id="x", title="T", text="Vào thế kỷ [21], hội nghị diễn ra.")
    citation = Citation(1, "x", "T", None, None, None, article.text, 0, len(article.text))
    answer = Answer("q", f"{as_answer_text(article.text)} [1]", False, [citation])
    verify_citations(answer, {"x": article})
    assert "[21]" not in answer.answer and "21" in answer.answer and citation.quote == article.text


@pytest.mark.parametrize("question, expected, not_expected", [
    # the unit the sentence gives the asked role, not the first unit of the sentence
    ("Năm 2022, đơn vị nào làm Phó khối của Khối thi đua Nội chính tỉnh Phú Thọ?", "Viện Kiểm sát nhân dân tỉnh", "Công an tỉnh"),
    ("Đơn vị nào là Phó cụm của cụm thi đua miền Đông tỉnh Quảng Ninh năm 2023?", "UBND huyện Bình Liêu", "Tiên Yên"),
    # "giữ vai trò gì": the role itself
    ("UBND huyện Con Cuông giữ vai trò gì trong Cụm thi đua số 4 năm 2021?", "Phó cụm", "Trưởng cụm"),
    # "giai đoạn nào": a year range, not the signing day
    ("Tỉnh đoàn Quảng Ninh và Bộ Chỉ huy Quân sự tỉnh ký chương trình phối hợp cho giai đoạn nào?", "2022–2027", "/"),
    # several counted nouns, each with its count
    ("Quy chế phối hợp giữa Công an tỉnh Phú Thọ và Viện Kiểm sát nhân dân tỉnh gồm bao nhiêu chương, điều?", "5 chương, 26 điều", None),
])
def test_roles_periods_and_several_counts(demo_index, question, expected, not_expected):
    answer = demo_index.ask(question)
    assert not answer.abstained, question
    _check_citations(demo_index, answer)
    _short_in_quote(answer, expected) if "," not in expected else None
    assert expected in answer.short_answer, answer.short_answer
    if not_expected:
        assert not_expected not in answer.short_answer, answer.short_answer


def test_a_range_is_never_the_answer_to_which_day(demo_index):
    answer = demo_index.ask("Tỉnh đoàn Quảng Ninh và Bộ Chỉ huy Quân sự tỉnh ký chương trình phối hợp giai đoạn 2022–2027 vào ngày nào?")
    assert not answer.abstained and "–" not in answer.short_answer and "/" in answer.short_answer


def test_follow_up_words_of_the_context_do_not_have_to_be_in_the_answer_sentence(demo_index):
    answer = demo_index.ask("Quy chế đó gồm bao nhiêu chương, điều?",
                            history=["Sở Tư pháp TP. Cần Thơ ký quy chế phối hợp với Hội Luật gia thành phố khi nào?"])
    assert answer.condensed_question and "(" in answer.condensed_question
    assert not answer.abstained and answer.short_answer == "4 chương, 15 điều"


def test_demo_follow_ups_in_extractive_mode(demo_index):
    """Every follow-up of eval/sets/demo.jsonl, resolved by the rule-based condensation, gets its
    gold answer (LLM mode: tests/test_llm.py::test_demo_follow_ups_in_llm_mode)."""
    import json
    from pathlib import Path

    from eval.metrics import answer_correct, list_recall_precision

    path = Path(__file__).resolve().parents[1] / "eval" / "sets" / "demo.jsonl"
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    failed = {}
    for q in (q for q in items if q["type"] == "followup"):
        answer = demo_index.ask(q["question"], history=q["history"])
        _check_citations(demo_index, answer) if not answer.abstained else None
        ok = (list_recall_precision(answer.answer, q["answers"], answer.abstained)[0] == 1.0 if q["list"]
              else answer_correct(answer.answer, q["answers"], answer.abstained))
        if not ok:
            failed[q["id"]] = (answer.condensed_question, answer.answer[:120])
    assert not failed, failed


def test_a_count_of_members_is_said_with_the_question_s_noun(demo_index):
    for question in ["Khối thi đua các cơ quan Mặt trận Tổ quốc và đoàn thể tỉnh Quảng Ninh có bao nhiêu cơ quan?",
                     "How many agencies belong to the Quang Ninh Fatherland Front and mass organisations emulation bloc?"]:
        answer = demo_index.ask(question)
        assert answer.short_answer == "06 cơ quan", (question, answer.short_answer)
        _check_citations(demo_index, answer)


@pytest.mark.parametrize("question, expected", [
    ("Ai là Bí thư Tỉnh ủy Vĩnh Phúc?", None),  # only "Bí thư Tỉnh đoàn" and other offices are named
    ("Ai là Giám đốc Công an tỉnh Quảng Ninh?", None),  # the Giám đốc of other bodies are named
    ("Ai là Bí thư Tỉnh đoàn Quảng Ninh?", "Lưu Quang Vinh"),
    ("Ai là Phó Giám đốc Công an tỉnh Phú Thọ?", "Hoàng Minh Khải"),
    # the body before the name, the office after it
    ("Ai là Phó cục trưởng Cục Thi hành án dân sự tỉnh Vĩnh Phúc?", "Phùng Huy Thuận"),
])
def test_who_holds_an_office_of_a_body(demo_index, question, expected):
    """A person with the same office of another body (or the deputy of that office) does not
    answer "Ai là <office> <body>?"; when nobody holds it in the articles, the answer abstains."""
    answer = demo_index.ask(question)
    if expected is None:
        assert answer.abstained, answer.answer
    else:
        _short_in_quote(answer, expected)
        _check_citations(demo_index, answer)


@pytest.mark.parametrize("question", [
    "Khối thi đua Nội chính tỉnh Quảng Ninh gồm những đơn vị nào?",  # Quảng Ninh's articles are about other blocs
    "Who is the chairman of the Nghe An provincial Farmers' Association?",  # only Vinh Phuc's is named
])
def test_another_bloc_or_province_is_no_answer(demo_index, question):
    """The bloc a question names ("Nội chính") and the Vietnamese names an English question spells
    ("Nghe An") must be in the evidence's article, as a province's name already had to be."""
    assert demo_index.ask(question).abstained


def test_the_named_bloc_is_still_found_without_tone_marks(demo_index):
    answer = demo_index.ask("Khoi thi dua noi chinh tinh Bac Ninh gom nhung don vi nao?")
    assert not answer.abstained
    assert "Công an tỉnh Bắc Ninh" in answer.answer


@pytest.mark.parametrize("question, expected", [
    ("Năm 2020, huyện nào làm Trưởng Cụm thi đua số 3 các huyện miền núi tỉnh Phú Thọ?", "UBND huyện Tân Sơn"),
    ("Hội nghị ký kết giao ước thi đua năm 2021 của Cụm thi đua số 4 tỉnh Nghệ An được tổ chức tại huyện nào?",
     "huyện Tương Dương"),
])
def test_which_locality(demo_index, question, expected):
    """"Tỉnh nào", "huyện nào", "which province": a locality with its name, not the sentence."""
    answer = demo_index.ask(question)
    assert answer.short_answer == expected, answer.answer
    _check_citations(demo_index, answer)
