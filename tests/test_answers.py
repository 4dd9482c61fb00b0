"""The answer chain over the demo corpus: exact citations, the seed article's facts asked in several
ways (with and without tone marks, in English), abstention, follow-ups and filters."""
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


def _answers(assistant, question, expected, history=None):
    answer = assistant.ask(question, history=history)
    assert not answer.abstained, (question, answer.answer)
    _check_citations(assistant, answer)
    assert fold(expected) in fold(answer.answer[:400]), (question, answer.answer[:400])
    assert any(fold(expected) in fold(c.quote) for c in answer.citations), expected
    return answer


def test_chain_is_a_runnable(demo_index):
    from assistant.records import Answer

    assert isinstance(demo_index.chain, Runnable)
    answer = demo_index.chain.invoke({"question": "Ai đại diện Cục Thi hành án dân sự tỉnh Vĩnh Phúc năm 2021?"})
    assert isinstance(answer, Answer) and not answer.abstained
    _check_citations(demo_index, answer)
    assert set(answer.timings) >= {"condense", "retrieve", "answer", "verify", "total"}


def test_list_question_names_all_seven_units(demo_index):
    answer = demo_index.ask("Khối thi đua Nội chính gồm những đơn vị nào?")
    assert not answer.abstained
    _check_citations(demo_index, answer)
    for unit in SEED_UNITS:
        assert unit in answer.answer
        assert any(unit in c.quote for c in answer.citations)


# The seed article's headline facts — its date, theme, units, official and directives — asked as a
# user would, with and without tone marks and in English (issue [1/5]).
@pytest.mark.parametrize("question, expected", [
    ("Khối thi đua Nội chính tỉnh Vĩnh Phúc ký kết giao ước thi đua năm 2021 vào ngày nào?", "17/3/2021"),
    ("khoi thi dua noi chinh vinh phuc ky giao uoc nam 2021 ngay nao", "17/3/2021"),
    ("When did the Vinh Phuc Internal Affairs bloc sign its 2021 emulation pact?", "17/3/2021"),
    ("Chủ đề hành động năm 2021 của Khối thi đua Nội chính Vĩnh Phúc là gì?", "Đoàn kết, kỷ cương, đổi mới"),
    ("chu de hanh dong nam 2021 cua khoi thi dua noi chinh vinh phuc la gi?", "Đoàn kết, kỷ cương, đổi mới"),
    ("What was the 2021 action theme of the Vinh Phuc Internal Affairs emulation bloc?", "Đoàn kết, kỷ cương, đổi mới"),
    ("Khối thi đua Nội chính tỉnh Vĩnh Phúc gồm những đơn vị nào?", "Cục Thi hành án dân sự"),
    ("khoi thi dua noi chinh vinh phuc gom nhung don vi nao", "Cục Thi hành án dân sự"),
    ("Which units make up the Vinh Phuc Internal Affairs emulation bloc?", "Cục Thi hành án dân sự"),
    ("Ai đại diện Cục Thi hành án dân sự tỉnh Vĩnh Phúc tại hội nghị năm 2021?", "Phùng Huy Thuận"),
    ("ai dai dien cuc thi hanh an dan su tinh vinh phuc", "Phùng Huy Thuận"),
    ("Who represented the Vinh Phuc Civil Judgment Enforcement Department at the 2021 conference?", "Phùng Huy Thuận"),
    # a name typed without tone marks in English: BM25 finds it, the dense model cannot read it
    ("What is Phung Huy Thuan's position?", "Phó cục trưởng"),
    ("Các đơn vị trong Khối thi đua Nội chính Vĩnh Phúc cam kết thực hiện những chỉ thị nào năm 2021?", "34-CT/TW"),
    ("Which directives did the Vinh Phuc Internal Affairs bloc pledge to implement in 2021?", "34-CT/TW"),
])
def test_the_seed_facts_in_several_phrasings(demo_index, question, expected):
    _answers(demo_index, question, expected)


@pytest.mark.parametrize("question", [
    "Giá vé máy bay Tết năm nay tăng bao nhiêu phần trăm?",
    "Đội tuyển bóng đá nữ giành huy chương vàng SEA Games năm nào?",
])
def test_unanswerable_questions_abstain(demo_index, question):
    answer = demo_index.ask(question)
    assert answer.abstained and answer.answer == NOT_FOUND and not answer.citations
    for c in answer.see_also:
        assert demo_index.article(c.article_id).text[c.start:c.end] == c.quote


def test_follow_up_resolves_through_history(demo_index):
    first = "Hội nghị ký kết giao ước thi đua của Khối thi đua Nội chính tỉnh Phú Thọ năm 2022 diễn ra khi nào?"
    follow = demo_index.ask("Còn năm 2023 thì sao?", history=[first])
    assert follow.condensed_question and "2023" in follow.condensed_question and "Phú Thọ" in follow.condensed_question
    assert not follow.abstained
    _check_citations(demo_index, follow)


def test_english_question_about_nothing_in_the_articles_abstains(demo_index):
    assert demo_index.ask("What is the capital of France?").abstained


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


