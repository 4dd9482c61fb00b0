"""The reader (assistant.reading): candidate sentences, features, the learned model file, abstention,
quotes and answers — on fictional articles written for this test, which no question set uses."""
from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from assistant.answering import NOT_FOUND, verify_citations
from assistant.question import analyse_question
from assistant.reading import ReaderModelError, load_reader_model
from assistant.reading.features import FEATURES, POSITIVE
from assistant.reading.model import DEFAULT_PATH, LogisticModel
from assistant.reading.reader import ANSWERABLE_FEATURES, ANSWERABLE_POSITIVE, MAX_ANSWER, quote_window
from assistant.reading.spans import SPAN_FEATURES, SPAN_POSITIVE
from corpus.normalize import fold

ARTICLES = [
    {"id": "hoa-binh-1", "title": "Hội Nông dân và Kho bạc tỉnh Lạc Sơn ký chương trình phối hợp", "date": "2024-05-21",
     "source": "Báo Thử nghiệm", "text":
        "Chiều 20/5/2024, tại thành phố Lạc Sơn, Hội Nông dân tỉnh và Kho bạc Nhà nước tỉnh Lạc Sơn ký kết chương "
        "trình phối hợp giai đoạn 2024–2028.\n\n"
        "Chương trình gồm 6 nội dung, tập trung hỗ trợ hội viên tiếp cận dịch vụ thanh toán không dùng tiền mặt.\n\n"
        "Phát biểu tại lễ ký, ông Đinh Quang Trọng, Chủ tịch Hội Nông dân tỉnh, đề nghị hai bên sớm xây dựng kế "
        "hoạch hằng năm. Bà Lò Thị Mai, Giám đốc Kho bạc Nhà nước tỉnh, cam kết bố trí cán bộ đầu mối.\n\n"
        "Dịp này, Hội Nông dân tỉnh phát động phong trào “Nông dân Lạc Sơn chung tay xây dựng quê hương số”."},
    {"id": "hoa-binh-2", "title": "Cụm thi đua các huyện miền núi tổng kết năm 2023", "date": "2024-01-12",
     "source": "Báo Thử nghiệm", "text":
        "Sáng 11/1/2024, Cụm thi đua các huyện miền núi tỉnh Lạc Sơn tổ chức hội nghị tổng kết công tác thi đua "
        "năm 2023 tại huyện Mường Khoa.\n\n"
        "Cụm gồm 5 đơn vị: UBND huyện Mường Khoa, UBND huyện Tà Lèng, UBND huyện Pà Cò, UBND huyện Nậm Sơn "
        "và UBND huyện Chiềng Đông.\n\n"
        "Năm 2024, UBND huyện Tà Lèng được bầu làm Trưởng cụm, UBND huyện Pà Cò làm Phó cụm.\n\n"
        "Hội nghị thống nhất chủ đề thi đua năm 2024 là “Đoàn kết, sáng tạo, vì người dân vùng cao”."},
    {"id": "hoa-binh-3", "title": "Tỉnh Lạc Sơn trao giải cuộc thi ảnh về biên giới", "date": "2023-11-02",
     "source": "Báo Thử nghiệm", "text":
        "Tối 1/11/2023, Sở Văn hóa tỉnh Lạc Sơn tổ chức lễ trao giải cuộc thi ảnh nghệ thuật về biên giới.\n\n"
        "Ban tổ chức đã nhận được 1.240 tác phẩm của 312 tác giả trong và ngoài tỉnh.\n\n"
        "Giải Nhất thuộc về tác phẩm “Mùa gặt trên đỉnh núi” của tác giả Vàng A Dình."},
]


def _indexed(folder, articles):
    """An extractive assistant over `articles` (dicts), ingested into a real index in `folder`."""
    from assistant import Assistant

    src = folder / "articles.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    assistant = Assistant(folder / "idx", answerer="extractive")
    assert assistant.ingest([src]).ok
    return assistant


def _items(answer) -> list[str]:
    """The items an answer lists, one per "- item [n]" line."""
    return [line.split(" [")[0][2:] for line in answer.answer.splitlines() if line.startswith("- ")]


@pytest.fixture(scope="module")
def lac_son(tmp_path_factory):
    return _indexed(tmp_path_factory.mktemp("lacson"), ARTICLES)


def _answered_with(assistant, question: str, expected: str, history=None) -> None:
    answer = assistant.ask(question, history=history)
    assert not answer.abstained, (question, answer.answer)
    assert fold(expected) in fold(answer.answer[:400]), (question, answer.answer)
    assert any(fold(expected) in fold(c.quote) for c in answer.citations), (question, answer.citations)
    for c in answer.citations:
        assert assistant.article(c.article_id).text[c.start:c.end] == c.quote


@pytest.mark.parametrize("question, expected", [
    ("Hội Nông dân và Kho bạc Nhà nước tỉnh Lạc Sơn ký chương trình phối hợp vào ngày nào?", "20/5/2024"),
    ("hoi nong dan va kho bac tinh lac son ky chuong trinh phoi hop ngay nao", "20/5/2024"),
    ("When did the Lac Son Farmers' Association sign its coordination programme with the State Treasury?", "20/5/2024"),
    ("Chương trình phối hợp giữa Hội Nông dân và Kho bạc gồm bao nhiêu nội dung?", "6 nội dung"),
    ("Ai là Giám đốc Kho bạc Nhà nước tỉnh Lạc Sơn?", "Lò Thị Mai"),
    ("Cụm thi đua các huyện miền núi tỉnh Lạc Sơn gồm những đơn vị nào?", "UBND huyện Chiềng Đông"),
    ("Đơn vị nào làm Trưởng cụm thi đua các huyện miền núi năm 2024?", "Tà Lèng"),
    ("Chủ đề thi đua năm 2024 của Cụm các huyện miền núi là gì?", "vì người dân vùng cao"),
    ("Cuộc thi ảnh về biên giới nhận được bao nhiêu tác phẩm?", "1.240 tác phẩm"),
    pytest.param("Tác phẩm nào đoạt giải Nhất cuộc thi ảnh nghệ thuật về biên giới?", "Mùa gặt trên đỉnh núi",
                 marks=pytest.mark.xfail(strict=True, reason="known limit: the lead sentence that names the event "
                                                            "outranks the one detail sentence (docs/evaluation.md)")),
])
def test_the_answer_is_the_sentence_that_states_it(lac_son, question, expected):
    _answered_with(lac_son, question, expected)


def test_a_follow_up_is_read_as_its_condensed_question(lac_son):
    first = "Hội Nông dân tỉnh Lạc Sơn phát động phong trào gì?"
    _answered_with(lac_son, first, "chung tay xây dựng quê hương số")
    _answered_with(lac_son, "Còn Cụm thi đua các huyện miền núi chọn chủ đề gì năm 2024?", "Đoàn kết, sáng tạo",
                   history=[first])


def test_he_or_she_after_a_who_question_is_the_person_it_is_answered_by(lac_son):
    first = "Ai là Chủ tịch Hội Nông dân tỉnh Lạc Sơn?"
    answer = lac_son.ask("Ông ấy đề nghị hai bên làm gì?", history=[first])
    assert "Đinh Quang Trọng" in (answer.condensed_question or ""), answer.condensed_question
    assert "xây dựng kế hoạch hằng năm" in answer.answer


DEBATE_ARTICLE = {
    "id": "ls-9", "title": "Phúc đáp đại biểu về vụ đất ở Tà Lèng", "date": "2024-06-20", "source": "Báo Thử nghiệm",
    "text": "Thanh tra tỉnh Lạc Sơn vừa có văn bản phúc đáp ý kiến đại biểu về vụ tranh chấp đất ở xã Tà Lèng.\n\n"
            "Đại biểu Lò Văn Páo, người nêu vụ việc khi thảo luận tại kỳ họp ngày 12/5, đã lên tiếng sau văn bản "
            "này.\n\nĐại biểu Lò Văn Páo cho biết ông có văn bản trả lời vào sáng ngày 20/5."}


def test_a_person_a_follow_up_points_back_at_may_be_named_without_a_title(tmp_path):
    # "Đại biểu Lò Văn Páo": a name the recogniser reads without an office, still the person asked for
    assistant = _indexed(tmp_path, [DEBATE_ARTICLE])
    answer = assistant.ask("Ông ấy có văn bản trả lời vào ngày nào?",
                           history=["Ai đã nêu vụ đất ở xã Tà Lèng khi thảo luận tại kỳ họp ngày 12/5?"])
    assert "Lò Văn Páo" in (answer.condensed_question or ""), answer.condensed_question


LIST_ARTICLE = {
    "id": "vt-1", "title": "Kết quả kiểm tra tuyển dụng năm 2024", "date": "2024-04-13", "source": "Báo Thử nghiệm",
    "text": "Chiều 12/4/2024, Sở Nội vụ, Sở Tài chính và Thanh tra tỉnh họp báo về đợt kiểm tra công tác tuyển "
            "dụng, bổ nhiệm năm 2024.\n\nĐợt kiểm tra có 5 địa phương gồm các huyện Mường Khoa, Tà Lèng, Pà Cò; "
            "các xã Nậm Sơn, Chiềng Đông.\n\nĐoàn đề nghị các địa phương khắc phục sai sót trước tháng 6."}


MEETING_ARTICLE = {
    "id": "ls-2", "title": "Phiên họp thường kỳ tháng 3 của UBND tỉnh Lạc Sơn", "date": "2025-03-06",
    "source": "Báo Thử nghiệm",
    "text": "Sáng 5/3/2025, tại phiên họp thường kỳ tháng 3, Chủ tịch UBND tỉnh Lạc Sơn yêu cầu Sở Xây dựng rà soát "
            "các dự án chậm tiến độ, nhắc lại chỉ đạo về du lịch cộng đồng, giảm nghèo, chuyển đổi số và cải cách "
            "hành chính.\n\nTỉnh đã giải ngân 18% kế hoạch vốn đầu tư công.\n\nChủ tịch UBND tỉnh cũng yêu cầu các "
            "sở: Tài chính, Nội vụ, Giáo dục và Đào tạo hoàn thành đề án sắp xếp đơn vị sự nghiệp trước tháng 6."}


AWARDS_ARTICLE = {
    "id": "ls-3", "title": "Trao giải báo chí tỉnh Lạc Sơn năm 2024", "date": "2024-06-21", "source": "Báo Thử nghiệm",
    "text": "Tối 20/6, tỉnh Lạc Sơn trao giải báo chí năm 2024 cho 24 tác phẩm.\n\nHai giải nhất thuộc về phóng sự "
            "“Mùa nước nổi ở Tà Lèng” (Báo Lạc Sơn) và loạt bài “Đường đến trường của trẻ vùng cao” (Đài Phát thanh "
            "tỉnh).\n\nBan tổ chức cũng trao 4 giải nhì, 6 giải ba."}


@pytest.fixture(scope="module")
def listed(tmp_path_factory):
    return _indexed(tmp_path_factory.mktemp("listed"), (LIST_ARTICLE, MEETING_ARTICLE))


def test_a_list_lower_down_is_read_when_the_best_sentence_lists_other_things(listed):
    question = "Sở Nội vụ họp báo chiều 12/4/2024 về đợt kiểm tra tuyển dụng, bổ nhiệm năm 2024 của những huyện nào?"
    best = listed.evidence(question)[0]
    assert best.text.startswith("Chiều 12/4/2024")  # the best sentence lists offices, not districts
    answer = listed.ask(question)
    assert _items(answer) == ["Mường Khoa", "Tà Lèng", "Pà Cò"], answer.answer
    # asked with the words that frame the slot ("bị kiểm tra") after a clause, the list is the best sentence
    framed = "Trong đợt kiểm tra tuyển dụng, bổ nhiệm năm 2024 mà Sở Nội vụ họp báo chiều 12/4, những huyện nào bị kiểm tra?"
    assert listed.evidence(framed)[0].text.startswith("Đợt kiểm tra có 5 địa phương")
    assert _items(listed.ask(framed)) == ["Mường Khoa", "Tà Lèng", "Pà Cò"]


def test_one_name_of_the_asked_kind_in_a_list_of_other_things_leaves_the_list_below_to_be_read(listed):
    # the best sentence lists topics and names one office ("Sở Xây dựng"): a mention, not the answer
    question = "Tại phiên họp thường kỳ tháng 3, Chủ tịch UBND tỉnh Lạc Sơn yêu cầu những sở nào hoàn thành đề án?"
    assert listed.evidence(question)[0].text.startswith("Sáng 5/3/2025")
    answer = listed.ask(question)
    assert _items(answer) == ["Tài chính", "Nội vụ", "Giáo dục và Đào tạo"], answer.answer


def test_the_asked_things_a_sentence_names_without_introducing_a_list_are_listed(tmp_path):
    answer = _indexed(tmp_path, [AWARDS_ARTICLE]).ask("Hai giải nhất thuộc về những phóng sự, loạt bài nào?")
    assert _items(answer) == ["Mùa nước nổi ở Tà Lèng", "Đường đến trường của trẻ vùng cao"], \
        answer.answer
    assert answer.citations[0].quote.startswith("Hai giải nhất thuộc về")


BORDER_ARTICLE = {
    "id": "ls-21", "title": "Đồn Biên phòng Tà Lèng đón nhận danh hiệu Anh hùng", "date": "2025-07-02",
    "source": "Báo Thử nghiệm",
    "text": "Sáng 1/7, tại huyện Tà Lèng, tỉnh Lạc Sơn tổ chức Lễ đón nhận danh hiệu Anh hùng cho Đồn Biên phòng "
            "Tà Lèng.\n\nDự buổi lễ có: Phó Chủ tịch UBND tỉnh Hà Văn Tâm, đại diện các sở, ngành của tỉnh, Đồn "
            "Biên phòng Tà Lèng, đại biểu các lực lượng vũ trang, đông đảo nhân dân huyện Tà Lèng.\n\nPhát biểu "
            "tại buổi lễ, ông Hà Văn Tâm đề nghị Đồn Biên phòng Tà Lèng giữ vững truyền thống đơn vị Anh hùng.\n\n"
            "Đồn Biên phòng cần phối hợp chặt chẽ với Kiểm lâm, Hải quan, lực lượng Dân quân và các xã biên giới "
            "trong tuần tra, giữ vững an ninh vùng biên."}


def test_a_list_whose_introduction_says_what_frames_the_slot_beats_the_events_other_list(tmp_path):
    answer = _indexed(tmp_path, [BORDER_ARTICLE]).ask(
        "Tại lễ đón nhận danh hiệu Anh hùng Lực lượng vũ trang ngày 1/7, Đồn Biên phòng Tà Lèng được đề nghị phối "
        "hợp chặt chẽ với những lực lượng nào?")
    assert _items(answer)[:3] == ["Kiểm lâm", "Hải quan", "lực lượng Dân quân"], answer.answer
    assert answer.answer.startswith("Bài viết nêu 3 lực lượng")  # the asked noun as the question asks it
    assert answer.citations[0].quote.startswith("Đồn Biên phòng cần phối hợp chặt chẽ với")


REPEATED_LEAD_ARTICLE = {
    "id": "ls-22", "title": "Hội nghị phiên thứ 7 của Thường trực HĐND tỉnh Lạc Sơn", "date": "2025-05-18",
    "source": "Báo Thử nghiệm",
    "text": "Từ ngày 15 đến 16/5, Thường trực HĐND tỉnh Lạc Sơn họp phiên thứ 7 tại Nhà khách tỉnh dưới sự chủ trì "
            "của Chủ tịch HĐND tỉnh Lò Văn Khoa.\n\nTừ ngày 15 đến 16/5, Thường trực HĐND tỉnh Lạc Sơn họp phiên thứ "
            "7 tại Nhà khách tỉnh dưới sự chủ trì của Chủ tịch HĐND tỉnh Lò Văn Khoa.\n\nPhiên họp cho ý kiến về "
            "báo cáo giám sát chuyên đề giáo dục vùng cao."}


def test_a_sentence_an_article_repeats_is_quoted_once(tmp_path):
    answer = _indexed(tmp_path, [REPEATED_LEAD_ARTICLE]).ask(
        "Thường trực HĐND tỉnh Lạc Sơn họp phiên thứ 7 ở đâu, dưới sự chủ trì của ai?")
    assert answer.answer.count("dưới sự chủ trì") == 1, answer.answer


ENERGY_ARTICLE = {
    "id": "ls-4", "title": "Chính sách năng lượng của tỉnh Lạc Sơn", "date": "2024-06-21", "source": "Báo Thử nghiệm",
    "text": "Kế hoạch năng lượng của tỉnh Lạc Sơn được xây dựng dựa trên ba nguyên tắc: Công khai, Minh bạch, Hiệu quả."
            "\n\nCác chuyên gia cho rằng chính sách năng lượng của tỉnh bị chi phối bởi: tư duy ngắn hạn, lợi ích cục "
            "bộ, áp lực tiến độ."}


def test_an_untyped_list_is_read_only_when_the_asked_noun_introduces_it(tmp_path):
    from assistant.reading.reader import _noun_introduces

    energy = _indexed(tmp_path, [ENERGY_ARTICLE])
    listed = energy.ask("Kế hoạch năng lượng của tỉnh Lạc Sơn dựa trên những nguyên tắc nào?").answer
    assert "- Công khai [1]" in listed and "- Hiệu quả [1]" in listed, listed
    assert listed.startswith("Bài viết nêu 3 nguyên tắc [1]:"), listed  # the items called as the question calls them
    # the list after "bởi:" is of what the policy is driven by, not of the factors asked for
    other = energy.ask("Theo các chuyên gia, chính sách năng lượng của tỉnh đã bỏ qua những yếu tố nào?").answer
    assert "\n- " not in other and other.startswith("Các chuyên gia cho rằng"), other
    text = ("Kế hoạch được xây dựng dựa trên ba nguyên tắc: Công khai, Minh bạch, Hiệu quả. "
            "Chính sách này bị chi phối bởi: tư duy ngắn hạn, lợi ích cục bộ, áp lực tiến độ.")
    first = text.index("Công khai")
    assert _noun_introduces(text, 0, first, "nguyen tac")
    second_start = text.index("Chính sách")
    assert not _noun_introduces(text, second_start, text.index("tư duy"), "nguyen tac")
    assert not _noun_introduces(text, second_start, text.index("tư duy"), "yeu to")
    # a long asked noun by its head: "những công trình phụ trợ ven hồ nào"
    works = "Tỉnh dừng thi công các công trình liên quan phụ trợ khu du lịch, như bến thuyền, nhà nghỉ, quán ăn."
    assert _noun_introduces(works, 0, works.index("bến thuyền"), "cong trinh phu tro ven ho")
    assert not _noun_introduces(works, 0, works.index("bến thuyền"), "hang muc phu tro ven ho")


SIGHTS_ARTICLE = {
    "id": "ls-41", "title": "Giữ gìn danh thắng của tỉnh Lạc Sơn", "date": "2024-06-22", "source": "Báo Thử nghiệm",
    "text": "Chiều 20/6, tại hội nghị bàn về quy hoạch du lịch, ông Lò Văn Tâm, đại biểu HĐND tỉnh Lạc Sơn, phát biểu."
            "\n\nÔng cho rằng người dân yêu mến đèo Mây Xanh cũng như thác Suối Bạc, hang Đồi Chè, hồ Ban Mai, bao "
            "thế hệ đã chung tay gìn giữ những danh thắng này cho con cháu mai sau."}


def test_an_untyped_list_the_asked_noun_points_back_at_is_read(tmp_path):
    from assistant.reading.reader import _noun_recalls

    sights = _indexed(tmp_path, [SIGHTS_ARTICLE])
    listed = sights.ask("Ông Lò Văn Tâm nói người dân yêu mến đèo Mây Xanh cũng như những danh thắng nào?").answer
    assert "- thác Suối Bạc [1]" in listed and "- hồ Ban Mai [1]" in listed, listed
    text = SIGHTS_ARTICLE["text"]
    last = text.index("Ban Mai") + len("Ban Mai")
    assert _noun_recalls(text, last, len(text), "danh thang")
    assert not _noun_recalls(text, last, len(text), "cong trinh")
    # the noun after the list, but no pointing back at it: another thing
    assert not _noun_recalls("A, B, C và nhiều danh thắng khác.", 7, 33, "danh thang")


RULES_OF_CONDUCT_ARTICLE = {
    "id": "ls-42", "title": "Quy chế ứng xử của cán bộ tỉnh Lạc Sơn", "date": "2024-06-23", "source": "Báo Thử nghiệm",
    "text": "Chiều 21/6, tỉnh Lạc Sơn ban hành quy chế ứng xử của cán bộ, công chức."
            "\n\nQuy chế chỉ rõ trong phần thứ ba của những biểu hiện tiêu cực: “Lợi dụng chức vụ; xin chức, xin "
            "quyền, xin chỗ, xin dự án...”."}


def test_a_word_the_question_quotes_in_its_noun_heads_the_items(tmp_path):
    rules = _indexed(tmp_path, [RULES_OF_CONDUCT_ARTICLE])
    listed = rules.ask("Quy chế ứng xử của tỉnh Lạc Sơn chỉ rõ những hành vi 'xin' nào?").answer
    assert "- xin chức [1]" in listed and "- xin dự án [1]" in listed, listed
    # the ones the quoted word heads, called as the question calls them
    assert listed.startswith("Bài viết nêu 4 hành vi xin [1]:\n- xin chức [1]"), listed


PAPERS_ARTICLE = {
    "id": "ls-43", "title": "Lạc Sơn bớt giấy tờ cho người dân", "date": "2024-06-24", "source": "Báo Thử nghiệm",
    "text": "Chiều 22/6, UBND tỉnh Lạc Sơn công bố đề án đơn giản hóa thủ tục hành chính."
            "\n\nĐề án đề xuất bỏ một số giấy tờ của người dân trong các giao dịch với chính quyền. Chẳng hạn như "
            "khi đăng ký thường trú thì bỏ bản sao sổ đỏ; khi xin cấp phép xây nhà thì bỏ giấy xác nhận của tổ dân "
            "phố; khi làm thẻ căn cước thì bỏ giấy khai sinh."}


def test_a_list_of_examples_is_of_the_noun_the_sentence_before_names(tmp_path):
    from assistant.reading.reader import _noun_exemplified

    papers = _indexed(tmp_path, [PAPERS_ARTICLE])
    listed = papers.ask("Đề án của tỉnh Lạc Sơn đề xuất bỏ những giấy tờ nào?").answer
    assert listed.count("\n- ") == 3 and "bỏ giấy khai sinh [1]" in listed, listed
    text = PAPERS_ARTICLE["text"]
    assert _noun_exemplified(text, text.index("Chẳng hạn"), "giay to")
    assert not _noun_exemplified(text, text.index("Chẳng hạn"), "quy dinh")
    assert not _noun_exemplified(text, text.index("Đề án đề xuất"), "giay to")  # no example


TASKS_ARTICLE = {
    "id": "ls-8", "title": "Cụm thi đua Suối Bạc ký giao ước năm 2025", "date": "2025-02-20", "source": "Báo Thử nghiệm",
    "text": "Chiều 19/2/2025, Cụm thi đua Suối Bạc tỉnh Lạc Sơn tổ chức hội nghị ký kết giao ước thi đua năm 2025."
            "\n\nĐể lập thành tích chào mừng đại hội Đảng bộ tỉnh, Cụm thi đua Suối Bạc đề ra một số nhiệm vụ "
            "trọng tâm như:\n\nĐẩy mạnh chuyển đổi số trong công tác văn thư, lưu trữ; Thi đua hoàn thành chỉ tiêu "
            "thu ngân sách, phấn đấu vượt kế hoạch được giao; Thực hiện tốt quy chế dân chủ ở cơ sở.\n\n"
            "Năm 2025, UBND huyện Mây Xanh làm Trưởng cụm."}


def test_what_a_sentence_ending_in_a_colon_introduces_is_answered(tmp_path):
    tasks = _indexed(tmp_path, [TASKS_ARTICLE])
    listed = tasks.ask("Cụm thi đua Suối Bạc đề ra những nhiệm vụ trọng tâm nào năm 2025?")
    assert _items(listed) == ["Đẩy mạnh chuyển đổi số trong công tác văn thư, lưu trữ",
                              "Thi đua hoàn thành chỉ tiêu thu ngân sách, phấn đấu vượt kế hoạch được giao",
                              "Thực hiện tốt quy chế dân chủ ở cơ sở"], listed.answer
    # asked for one thing, the answer quotes the sentence up to its colon, then what the colon introduces
    told = tasks.ask("Năm 2025 Cụm thi đua Suối Bạc đặt ra nhiệm vụ trọng tâm gì?")
    assert not told.abstained and len(told.citations) == 2, told.answer
    assert told.citations[0].quote.rstrip(" :").endswith("nhiệm vụ trọng tâm như"), told.answer
    assert told.citations[1].quote.startswith("Đẩy mạnh chuyển đổi số"), told.answer
    assert len(told.answer) <= MAX_ANSWER + 40, told.answer
    assert all(TASKS_ARTICLE["text"][c.start:c.end] == c.quote for c in told.citations)


SESSION_ARTICLE = {
    "id": "ls-5", "title": "Bế mạc kỳ họp thứ sáu HĐND tỉnh Lạc Sơn", "date": "2024-07-12", "source": "Báo Thử nghiệm",
    "text": "Chiều 12/7, kỳ họp thứ sáu HĐND tỉnh Lạc Sơn bế mạc; các văn bản được thông qua tại kỳ họp gồm: "
            "Báo cáo kinh tế - xã hội sáu tháng, Báo cáo thu chi ngân sách, Báo cáo giám sát chuyên đề."
            "\n\nCũng tại kỳ họp, HĐND tỉnh thông qua Nghị quyết về học phí và Nghị quyết về phí bến bãi."}


def test_a_list_of_documents_of_another_kind_does_not_answer_the_kind_asked(tmp_path):
    from assistant.reading.enumeration import headed_by
    from assistant.reading.reader import DOCUMENT_KINDS

    session = _indexed(tmp_path, [SESSION_ARTICLE])
    answer = session.ask("Kỳ họp thứ sáu HĐND tỉnh Lạc Sơn đã thông qua những nghị quyết nào?")
    assert "Báo cáo thu chi" not in answer.answer.split("\n\n")[0], answer.answer
    assert "Nghị quyết về học phí" in answer.answer, answer.answer
    # the reports themselves answer a question about reports; "văn bản" names any document
    assert "- Báo cáo thu chi ngân sách [1]" in session.ask(
        "Kỳ họp thứ sáu HĐND tỉnh Lạc Sơn đã thông qua những báo cáo nào?").answer
    assert headed_by("Công ước về quyền trẻ em", "cong uoc") and not headed_by("Báo cáo năm", "cong uoc")
    assert "van ban" not in DOCUMENT_KINDS and "nghi quyet" in DOCUMENT_KINDS


def test_a_question_the_articles_do_not_touch_abstains_with_see_also(lac_son):
    answer = lac_son.ask("Giá xăng RON 95 tháng này tăng bao nhiêu phần trăm?")
    assert answer.abstained and answer.answer == NOT_FOUND and not answer.citations
    for c in answer.see_also:
        assert lac_son.article(c.article_id).text[c.start:c.end] == c.quote
    assert lac_son.ask("What is the population of Iceland?").abstained


def test_evidence_sentences_are_whole_ranked_and_explained(lac_son):
    evidence = lac_son.evidence("Ai là Chủ tịch Hội Nông dân tỉnh Lạc Sơn?")
    assert len(evidence) >= 5
    probabilities = [e.probability for e in evidence]
    assert probabilities == sorted(probabilities, reverse=True)
    assert "Đinh Quang Trọng" in evidence[0].text
    for e in evidence:
        text = lac_son.article(e.article_id).text
        assert text[e.start:e.end] == e.text and e.text == e.text.strip()
        assert e.start == 0 or text[e.start - 1] in " \n", "a candidate starts where a sentence does"
        assert set(e.features) == set(FEATURES) and all(math.isfinite(v) for v in e.features.values())
        for span in e.spans:
            assert text[span.start:span.end] == span.text and set(span.features) == set(SPAN_FEATURES)


def test_evidence_can_leave_articles_out(lac_son):
    question = "Ai là Giám đốc Kho bạc Nhà nước tỉnh Lạc Sơn?"
    assert "hoa-binh-1" in {h.article_id for h in lac_son.retrieve(question)}
    kept = lac_son.retrieve(question, filters={"exclude_article_ids": ["hoa-binh-1"]})
    assert kept and "hoa-binh-1" not in {h.article_id for h in kept}
    assert all(e.article_id != "hoa-binh-1" for e in lac_son.evidence(question, filters={"exclude_article_id": "hoa-binh-1"}))


def test_a_list_question_quotes_the_whole_enumeration(lac_son):
    answer = lac_son.ask("Cụm thi đua các huyện miền núi gồm những đơn vị nào?")
    quoted = " ".join(c.quote for c in answer.citations)
    for unit in ("Mường Khoa", "Tà Lèng", "Pà Cò", "Nậm Sơn", "Chiềng Đông"):
        assert unit in quoted


def test_answers_stay_short_and_every_marker_resolves(lac_son):
    for question in ("Lễ ký kết chương trình phối hợp diễn ra ở đâu?", "Bà Lò Thị Mai cam kết điều gì?",
                     "Ban tổ chức nhận tác phẩm của bao nhiêu tác giả?"):
        answer = lac_son.ask(question)
        if answer.abstained:
            continue
        articles = {c.article_id: lac_son.article(c.article_id) for c in answer.citations}
        verify_citations(answer, articles)
        assert len(re.sub(r"\s*\[\d+\]", "", answer.answer)) <= MAX_ANSWER + 20
        assert answer.confidence is None or 0.0 <= answer.confidence <= 1.0


# --- the model file -----------------------------------------------------------------------------
def test_the_shipped_model_fits_the_features_and_keeps_evidence_weights_positive():
    model = load_reader_model()
    assert model.sentence.features == list(FEATURES)
    assert model.answerable.features == list(ANSWERABLE_FEATURES)
    assert model.span.features == list(SPAN_FEATURES)
    for part, positive in ((model.sentence, POSITIVE), (model.answerable, ANSWERABLE_POSITIVE),
                           (model.span, SPAN_POSITIVE)):
        for name, weight in zip(part.features, part.coef):
            assert name not in positive or weight >= 0, name
    assert set(model.thresholds) >= {"answerable", "span", "second"}
    assert DEFAULT_PATH.stat().st_size < 64_000, "the model file stays small"


def test_a_model_file_that_does_not_fit_is_a_clear_error(tmp_path):
    from assistant.reading import Reader

    with pytest.raises(ReaderModelError, match="not found.*fit_reader"):
        load_reader_model(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ReaderModelError, match="not a reader model"):
        load_reader_model(tmp_path / "bad.json")
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    data["sentence"]["features"] = data["sentence"]["features"][:-1] + ["something_else"]
    (tmp_path / "old.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ReaderModelError, match="other features; refit"):
        Reader(load_reader_model(tmp_path / "old.json"))


def test_a_logistic_model_survives_its_file(tmp_path):
    model = load_reader_model()
    model.save(tmp_path / "copy.json")
    again = load_reader_model(tmp_path / "copy.json")
    rows = np.random.default_rng(0).normal(size=(7, len(FEATURES)))
    assert np.allclose(model.sentence.probability(rows), again.sentence.probability(rows))
    single = LogisticModel(["a", "b"], [0.0, 1.0], [1.0, 2.0], [1.0, -1.0], 0.5)
    assert single.logit(np.array([[1.0, 3.0]]))[0] == pytest.approx(1.0 - 1.0 + 0.5)
    # the list-choice model travels with the file, and its absence is allowed (the reader's order)
    from assistant.reading.list_choice import LIST_FEATURES

    assert model.list_choice is not None and tuple(model.list_choice.features) == LIST_FEATURES
    lists = np.random.default_rng(1).normal(size=(5, len(LIST_FEATURES)))
    assert np.allclose(model.list_choice.logit(lists), again.list_choice.logit(lists))
    model.list_choice = None
    model.save(tmp_path / "bare.json")
    assert load_reader_model(tmp_path / "bare.json").list_choice is None


# --- pieces ---------------------------------------------------------------------------------------
def test_a_long_sentence_is_quoted_by_a_window_of_whole_words():
    text = ("Mở đầu " + "các đơn vị đã thực hiện nhiều nội dung thi đua, " * 12 + "trong đó ông Vàng A Dình nhận giải. "
            + "kết thúc " * 20).strip()
    at = text.index("Vàng A Dình")
    qa = analyse_question("Ai nhận giải?")
    start, end = quote_window(text, 0, len(text), (at, at + len("Vàng A Dình")), qa, limit=120)
    assert end - start <= 120 and "Vàng A Dình" in text[start:end]
    assert (start == 0 or text[start - 1] in " ,") and (end == len(text) or text[end] in " ,")
    assert quote_window(text, 0, 50, None, qa, limit=120) == (0, 50)


def test_a_long_sentence_is_windowed_around_the_questions_own_words_not_its_inherited_context():
    text = ("Đoàn công tác của tỉnh Lạc Sơn do ông Hà Văn Tâm dẫn đầu đã làm việc tại huyện Mây Xanh, "
            + "kiểm tra nhiều dự án giao thông, thủy lợi và trường học, " * 6
            + "trong đó trình độ chuyên môn của ông Tâm là thạc sĩ kinh tế.")
    qa = analyse_question("Trình độ chuyên môn của ông là gì (Đoàn công tác tỉnh Lạc Sơn, Hà Văn Tâm)?")
    start, end = quote_window(text, 0, len(text), None, qa, limit=160)
    assert "thạc sĩ kinh tế" in text[start:end]


@pytest.mark.parametrize("question, answer_type, focus", [
    ("Chỉ thị số 05 được ban hành khi nào?", "date", ["ban", "hanh"]),  # the question word decides, not the document
    ("Cơ quan nào ký biên bản ghi nhớ?", "organisation", ["ky", "bien"]),
    ("Khối thi đua gồm những đơn vị nào?", "organisation", ["dua", "gom"]),
    ("Ai chủ trì hội nghị?", "person", ["chu", "tri"]),
    ("Hội nghị được tổ chức ở đâu?", "place", ["to", "chuc"]),
    ("Chủ đề năm nay là gì?", "theme", ["chu", "de"]),
    ("Kỳ họp bế mạc vào ngày nào?", "date", ["be", "mac"]),
    ("Bản tham luận tại cuộc họp đó do ai soạn thảo?", "person", ["soan", "thao"]),  # the agent's verb follows
    ("Bản tham luận do những ai soạn thảo?", "person", ["soan", "thao"]),  # ... after a plural too
    # a syllable that folds like a question word but is written otherwise asks nothing ("máy", "Mây")
    ("Nhà máy Đồi Chè được khởi công vào năm nào?", "date", ["khoi", "cong"]),
    ("Tỉnh Mây Xanh ký quy chế với đơn vị nào?", "organisation", ["quy", "che"]),
    ("Đoàn giám sát làm việc ở mỗi xã trong bao lâu?", "duration", ["moi", "xa"]),
    ("Ban nhạc The Who lưu diễn ở Lạc Sơn trong bao lâu?", "duration", ["lac", "son"]),  # a name's "Who" asks nothing
    # the words of the question word's own clause, without asides or the punctuation a space leaves on
    ("Theo ban nhạc, ai viết lời?", "person", ["viet", "loi"]),
    ("Xã Hòa Lạc (Lạc Sơn) đã mời những đội nào?", "organisation", ["lac", "moi"]),
    ("Đội được mời dự hội diễn ngày 3/2023, ở đâu?", "place", ["3", "2023"]),  # its clause is empty: the one before
    # words about the article frame nothing: the fact's own words do
    ("Những nghệ nhân nào được nêu tên dự hội thi đan lát?", "list", ["du", "hoi"]),
    ("Trong bài viết, ai được nhắc tới là người khởi xướng hội thi?", "person", ["nguoi", "khoi"]),
    # English: the verb the question ends with, or the verb after "who", as "ký" of "được ký vào ngày nào"
    ("When was the Lac Son cooperation plan signed?", "date", ["ky", "ket"]),
    ("In what year was Lo Van Pao born?", "date", ["sinh"]),
    ("Who chaired the Muong Khoa meeting?", "person", ["chu", "tri"]),
    ("What is the theme of the Lac Son bloc?", "theme", ["chu", "de"]),
    ("How many households joined?", "number", ["tham", "gia"]),
])
def test_question_type_comes_from_the_question_word_first(question, answer_type, focus):
    qa = analyse_question(question)
    assert qa.answer_type == answer_type
    assert qa.focus == focus


def test_item_by_item_lists_when_the_reader_enumerates(lac_son):
    """The enumeration path (the default): a list question answered one cited item per line, then
    the sentence they were read from; `enumerate_lists=False` answers with the sentence alone."""
    from assistant.reading.reader import Reader

    question = "Cụm thi đua các huyện miền núi gồm những đơn vị nào?"
    hits = lac_son.retrieve(question, k=8)
    articles = {h.article_id: lac_son.article(h.article_id) for h in hits}
    reader = Reader(lac_son.reader.model, lac_son.reader.frequencies)
    answer = reader.answer(question, hits, articles)
    lines = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    assert _items(answer) == [
        "UBND huyện Mường Khoa", "UBND huyện Tà Lèng", "UBND huyện Pà Cò", "UBND huyện Nậm Sơn", "UBND huyện Chiềng Đông"]
    assert all(line.endswith("[1]") for line in lines) and answer.citations[0].quote.startswith("Cụm gồm 5 đơn vị")
    # after the items, the sentence itself: what each item is, in its context
    assert answer.answer.rstrip().endswith(f"{answer.citations[0].quote} [1]")
    plain = Reader(lac_son.reader.model, lac_son.reader.frequencies, enumerate_lists=False).answer(question, hits, articles)
    assert not any(line.startswith("- ") for line in plain.answer.splitlines())


@pytest.mark.parametrize("question, wants_list", [
    ("Kể tên các huyện thuộc Cụm thi đua miền núi.", True),
    ("Kể tên một huyện thuộc Cụm thi đua miền núi.", False),
    ("ke ten mot huyen thuoc cum thi dua mien nui", False),
    ("Liệt kê 1 phong trào do Hội Nông dân phát động.", False),
    ("Kể tên một số huyện thuộc Cụm thi đua miền núi.", True),  # "một số": some, several
    ("liet ke mot so noi dung hop tac giua hai tinh", True),
])
def test_naming_one_thing_is_not_a_list_question(question, wants_list):
    """"Kể tên một …" asks for one item: its answer is a sentence, not an enumeration."""
    assert analyse_question(question).wants_list is wants_list


def _candidates(text: str) -> list:
    """The candidate evidence sentences of a one-article text that one chunk covers whole."""
    from assistant.reading.sentences import evidence_sentences
    from corpus.records import Article
    from index.retrieval import Hit

    return evidence_sentences([Hit("a1", "a1:0", text, 0, len(text), 1.0)], {"a1": Article("a1", "Bài thử", text)})


def test_a_photo_credit_is_no_candidate_sentence():
    text = "Hai bên trao biên bản ghi nhớ. Ảnh: Minh Khôi/TTXTN Sáng nay, Sở Tư pháp tỉnh Lạc Sơn ký quy chế."
    found = [text[s.start:s.end] for s in _candidates(text)]
    assert found == ["Hai bên trao biên bản ghi nhớ.", "Sáng nay, Sở Tư pháp tỉnh Lạc Sơn ký quy chế."]


def test_an_articles_credit_line_is_no_candidate_sentence():
    text = ("Sáng nay, Sở Tư pháp tỉnh Lạc Sơn ký quy chế phối hợp với Hội Luật gia.\nTác giả: Minh Khôi/TTXTN\n"
            "Nguồn: Báo Lạc Sơn.\nTheo ông A, quy chế có hiệu lực từ năm sau.")
    found = [text[s.start:s.end] for s in _candidates(text)]
    assert found == ["Sáng nay, Sở Tư pháp tỉnh Lạc Sơn ký quy chế phối hợp với Hội Luật gia.",
                     "Theo ông A, quy chế có hiệu lực từ năm sau."]


def test_a_paragraphs_number_is_no_candidate_sentence():
    text = "Tuyên bố chung gồm nhiều điểm.\n12.\nHai bên hoan nghênh việc ký Bản ghi nhớ về nông nghiệp.\n…"
    found = [text[s.start:s.end] for s in _candidates(text)]
    assert found == ["Tuyên bố chung gồm nhiều điểm.", "Hai bên hoan nghênh việc ký Bản ghi nhớ về nông nghiệp."]
    # it stays the numbered sentence's neighbour: the candidates keep the article's numbering
    second = _candidates(text)[1]
    assert second.index == 2 and text[slice(*second.previous)] == "12."


@pytest.mark.parametrize("question, sentence, lacks", [
    # a day for "ngày nào", a year for "năm nào", a month for "tháng nào"; any date for "khi nào"
    ("Nhà máy nước Đông Hà khởi công ngày nào?", "Nhà máy nước Đông Hà khởi công vào tháng 4 năm 2015.", True),
    ("Nhà máy nước Đông Hà khởi công ngày nào?", "Nhà máy nước Đông Hà khởi công ngày 12/4/2015.", False),
    ("Nha may nuoc Dong Ha khoi cong ngay nao?", "Nhà máy nước Đông Hà khởi công ngày 12 tháng 4.", False),
    ("Nhà máy nước Đông Hà khởi công năm nào?", "Nhà máy nước Đông Hà khởi công vào tháng 4.", True),
    ("In what year did the Dong Ha water plant start?", "Nhà máy nước Đông Hà khởi công năm 2015.", False),
    ("Nhà máy nước Đông Hà khởi công khi nào?", "Nhà máy nước Đông Hà khởi công vào tháng 4.", False),
    ("Nhà máy nước Đông Hà khởi công khi nào?", "Nhà máy nước Đông Hà đã khởi công.", True),
    # money in a currency, a share in per cent; another count by any number
    ("Nhà máy nước Đông Hà được đầu tư bao nhiêu tiền?", "Nhà máy nước Đông Hà có 3 dây chuyền lọc.", True),
    ("Nhà máy nước Đông Hà được đầu tư bao nhiêu tiền?", "Nhà máy nước Đông Hà được đầu tư 120 tỷ đồng.", False),
    ("Nhà máy nước Đông Hà có bao nhiêu dây chuyền?", "Nhà máy nước Đông Hà có 3 hệ thống lọc.", False),
    # a currency named as the counted noun asks for money too
    ("Nhà máy nước Đông Hà được đầu tư bao nhiêu tỷ đồng?", "Nhà máy nước Đông Hà đã giải ngân 18% vốn.", True),
    ("Nhà máy nước Đông Hà được đầu tư bao nhiêu tỷ đồng?", "Nhà máy nước Đông Hà được đầu tư 120 tỷ đồng.", False),
    # "tỷ lệ" (a share) is no "tỷ" (a sum): a per cent answers it, a sum in "tỷ đồng" does not
    ("What percentage of Dong Ha households use clean water?", "Nhà máy nước Đông Hà được đầu tư 120 tỷ đồng.", True),
    ("What percentage of Dong Ha households use clean water?", "Đông Hà có 85% hộ dân dùng nước sạch.", False),
    # a count of a unit of time asks for that length, which a date's year does not give
    ("Nhà máy nước Đông Hà được thuê đất bao nhiêu năm?",
     "Ngày 12/4/2015, nhà máy nước Đông Hà có 3 dây chuyền ký hợp đồng thuê 20 ha đất.", True),
    ("How many years is the Dong Ha water plant's land lease?",
     "Hợp đồng thuê 20 ha đất ký ngày 12/4/2015 tại Đông Hà.", True),
    ("Nhà máy nước Đông Hà được thuê đất bao nhiêu năm?", "Nhà máy nước Đông Hà được thuê đất 50 năm.", False),
    ("Nhà máy nước Đông Hà được thuê đất bao nhiêu năm?", "Hợp đồng thuê đất có thời hạn 0,5 trăm năm.", False),
    # a question that asks for neither
    ("Ai khởi công nhà máy nước Đông Hà?", "Nhà máy nước Đông Hà đã khởi công.", False),
])
def test_a_date_or_number_of_another_form_than_asked_is_marked(question, sentence, lacks):
    from assistant.reading.spans import lacks_asked_form, repeats_question, typed_candidates

    qa = analyse_question(question)
    spans = [c for c in typed_candidates(qa, sentence, 0, len(sentence)) if not repeats_question(c.text, qa)]
    assert lacks_asked_form(qa, spans) is lacks


@pytest.mark.parametrize("question, exact", [
    ("Nhà máy nước Đông Hà khởi công ngày nào?", True),
    ("Nha may nuoc Dong Ha khoi cong nam nao?", True),
    ("Nhà máy nước Đông Hà khởi công tháng mấy?", True),
    ("Nhà máy nước Đông Hà khởi công vào ngày cụ thể nào?", True),  # "cụ thể / chính xác" qualify the unit
    ("Nha may nuoc Dong Ha khoi cong nam chinh xac nao?", True),
    ("Nhà máy nước Đông Hà được đầu tư bao nhiêu tiền?", True),
    ("Nhà máy nước Đông Hà được đầu tư bao nhiêu tỷ đồng?", True),
    ("Tỷ lệ hộ dùng nước sạch là bao nhiêu phần trăm?", True),
    # any date or any count can be answered by a phrase ("hơn một nửa", "sau Tết")
    ("Nhà máy nước Đông Hà khởi công khi nào?", False),
    ("Nhà máy nước Đông Hà có bao nhiêu dây chuyền?", False),
    ("Ai khởi công nhà máy nước Đông Hà?", False),
])
def test_a_question_asks_for_an_exact_form_of_date_or_number(question, exact):
    from assistant.reading.spans import asks_exact_form

    assert asks_exact_form(analyse_question(question)) is exact


def test_the_exact_form_missing_counts_against_an_answer_only_when_both_best_sentences_lack_it():
    from assistant.reading.reader import ANSWERABLE_FEATURES, answerable_row

    at, to = FEATURES.index("exact_missing"), ANSWERABLE_FEATURES.index("exact_missing2")
    rows = np.zeros((3, len(FEATURES)))
    rows[0, at] = 1.0  # the best sentence lacks the asked day; the second has one
    logits = np.array([1.0, 0.5, -1.0])
    assert answerable_row(rows, logits)[0, to] == 0.0
    rows[1, at] = 1.0
    assert answerable_row(rows, logits)[0, to] == 1.0
    assert answerable_row(rows[:1], logits[:1])[0, to] == 1.0  # a lone sentence decides alone


@pytest.mark.parametrize("question, answer_type", [
    # with tone marks, "nắm" (holds) is no "năm" (year) and "máy" no "mấy"
    ("Ông Trần Văn Bình nắm bao nhiêu phần vốn của hợp tác xã?", "number"),
    ("Hợp tác xã được thành lập năm nào?", "date"),
    ("Nhà máy nào được xây?", "other"),
    ("Hop tac xa duoc thanh lap nam nao?", "date"),
])
def test_a_syllable_that_only_looks_like_a_question_word_without_tone_marks_types_nothing(question, answer_type):
    assert analyse_question(question).answer_type == answer_type


@pytest.mark.parametrize("question, noun", [
    # a price or fee named before "bao nhiêu" asks for a sum; "mỗi …" after it is the rate's unit
    ("Bức tranh sơn mài được bán với giá bao nhiêu?", "tien"),
    ("Bến phà thu mức phí bao nhiêu mỗi lượt khách?", "tien"),
    ("Ben pha thu muc phi bao nhieu moi luot khach?", "tien"),
    ("Bao nhiêu gia đình được nhận quà?", "gia dinh"),
    # "gia" of "gia đình" / "quốc gia" is no price when the question has its tone marks
    ("Số thành viên trung bình của một gia đình ở xã là bao nhiêu?", None),
    ("Diện tích của quốc gia này là bao nhiêu?", None),
    # ... nor without them, where it is part of such a common word
    ("So thanh vien trung binh cua mot gia dinh o xa la bao nhieu?", None),
    ("Dien tich cua quoc gia nay la bao nhieu?", None),
    ("So nguoi tham gia hoi thao la bao nhieu?", None),
    ("Buc tranh son mai duoc ban voi gia bao nhieu?", "tien"),
    ("Bến phà đón bao nhiêu lượt khách mỗi ngày?", "luot khach"),
    # an English count's noun is read from its English: "May" (the month) folds to "mấy"
    ("At the 3 May ferry meeting, how many kayaks did the Lac Son pier rent out?", None),
    ("At the 3 May ferry meeting, what share of tickets were sold online?", "ty le"),
    ("What proportion of the Lac Son households own a boat?", "ty le"),
])
def test_the_noun_a_how_much_question_counts(question, noun):
    assert analyse_question(question).noun == noun


def test_a_price_question_lacks_its_form_in_a_sentence_without_a_sum():
    from assistant.reading.spans import asks_exact_form, lacks_asked_form, typed_candidates

    qa = analyse_question("Bến phà thu mức phí bao nhiêu mỗi lượt khách?")
    assert asks_exact_form(qa)
    for sentence, lacks in (("Bến phà có 3 chuyến mỗi ngày.", True), ("Bến phà thu 15.000 đồng mỗi lượt khách.", False)):
        assert lacks_asked_form(qa, typed_candidates(qa, sentence, 0, len(sentence))) is lacks, sentence


def test_evidence_reads_with_a_model_fitted_before_a_feature_was_added(listed, tmp_path):
    # training data is gathered with the shipped model as it was fitted, a new feature at weight 0,
    # so follow-ups are condensed as before: not with no model at all
    from assistant import Assistant

    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    for part, name in (("sentence", "exact_missing"), ("answerable", "exact_missing2")):
        data[part]["coef"][data[part]["features"].index(name)] = 0.0  # the feature weighs nothing …
    zeroed = tmp_path / "zeroed.json"
    zeroed.write_text(json.dumps(data), encoding="utf-8")
    for part, name in (("sentence", "exact_missing"), ("answerable", "exact_missing2")):
        at = data[part]["features"].index(name)
        for key in ("features", "mean", "scale", "coef"):
            del data[part][key][at]  # … and the file as fitted before it was added
    older = tmp_path / "older.json"
    older.write_text(json.dumps(data), encoding="utf-8")
    question = "Những huyện nào bị kiểm tra trong đợt kiểm tra tuyển dụng năm 2024?"
    reading = Assistant(listed.settings.index_dir, answerer="extractive", reader_model=str(older))
    with pytest.raises(ReaderModelError):
        reading.reader  # noqa: B018 — answering needs a model fitted for today's features
    today = Assistant(listed.settings.index_dir, answerer="extractive", reader_model=str(zeroed))
    old, new = reading.evidence(question), today.evidence(question)
    assert [e.text for e in old] == [e.text for e in new]
    assert all(math.isfinite(e.probability) for e in old)
    assert [round(e.probability, 9) for e in old] == [round(e.probability, 9) for e in new]


def test_a_kept_model_takes_new_features_with_weight_zero():
    model = LogisticModel(["a", "b"], [1.0, 2.0], [1.0, 2.0], [0.5, -1.0], 0.25)
    wider = model.over(("a", "new", "b"))
    rows = np.array([[3.0, 7.0]])
    assert wider.features == ["a", "new", "b"]
    assert np.allclose(wider.probability(np.array([[3.0, 123.0, 7.0]])), model.probability(rows))
    with pytest.raises(ReaderModelError):
        model.over(("a",))


def test_a_duration_is_a_number_of_a_unit_of_time():
    from assistant.reading.spans import typed_candidates

    qa = analyse_question("Thỏa thuận giữa hai hợp tác xã có hiệu lực trong bao lâu?")
    text = "Thỏa thuận có 3 chương, hiệu lực 05 năm kể từ ngày ký; đoàn kiểm tra 10 ngày/lần, 2 dây chuyền."
    assert [c.text.split()[:2] for c in typed_candidates(qa, text, 0, len(text))] == [["05", "năm"], ["10", "ngày"]]


def test_a_second_sentence_about_as_likely_as_the_best_follows_it():
    from types import SimpleNamespace

    from assistant.reading import Reader, load_reader_model

    model = load_reader_model(None)
    reader = Reader(model)
    short = SimpleNamespace(start=0, end=80)
    reading = SimpleNamespace(sentences=[short, short], logits=np.array([-2.0, -2.2]), pairs=[])
    model.thresholds.update(second=0.9, second_margin=0.3)  # the second is unlikely, but close to the best
    assert reader._second(reading, 0, 100) is short
    model.thresholds.update(second_margin=0.1)
    assert reader._second(reading, 0, 100) is None
    model.thresholds.update(second_margin=0.3)
    assert reader._second(reading, 0, 350) is None  # no room left in the answer
    del model.thresholds["second_margin"]  # a model fitted before the margin: the probability alone
    assert reader._second(reading, 0, 100) is None


def test_what_a_besides_question_sets_aside_is_not_listed(tmp_path):
    qa = analyse_question("Ngoài Sở Y tế và Công an tỉnh, đoàn còn làm việc tại những đơn vị nào?")
    assert qa.excluded == ["so y te", "cong an tinh"]
    assert qa.sets_aside("Sở Y tế") and qa.sets_aside("Giám đốc Công an tỉnh Lạc Sơn")
    assert not qa.sets_aside("Sở Xây dựng")
    assert analyse_question("Đoàn làm việc tại những đơn vị nào?").excluded == []
    article = {"id": "ls-9", "title": "Đoàn kiểm tra làm việc tại tỉnh Lạc Sơn", "date": "2024-05-02",
               "text": "Từ ngày 2/5, đoàn kiểm tra của Bộ đã làm việc tại 4 đơn vị gồm: Sở Y tế, Sở Xây dựng, "
                       "Công an tỉnh và Bệnh viện Đa khoa tỉnh Lạc Sơn.\n\nĐoàn sẽ công bố kết luận trong tháng 6."}
    assistant = _indexed(tmp_path, [article])
    answer = assistant.ask("Ngoài Sở Y tế, đoàn kiểm tra của Bộ đã làm việc tại những đơn vị nào?")
    assert _items(answer) == ["Sở Xây dựng", "Công an tỉnh", "Bệnh viện Đa khoa tỉnh Lạc Sơn"], answer.answer
    answer = assistant.ask("Đoàn kiểm tra của Bộ đã làm việc tại những đơn vị nào?")
    assert _items(answer) == ["Sở Y tế", "Sở Xây dựng", "Công an tỉnh", "Bệnh viện Đa khoa tỉnh Lạc Sơn"], answer.answer


def test_a_list_of_parallel_items_is_read_in_the_item_the_question_names_by_its_code():
    from assistant.reading.reader import anchored_clause

    text = ("Kỳ họp thông qua: 1- Nghị quyết số 12/2024/NQ-HĐND về quy chế phối hợp giữa Sở Y tế và Công an tỉnh "
            "Lạc Sơn; 2- Nghị quyết số 13/2024/NQ-HĐND về học phí của Sở Giáo dục và Đào tạo, Sở Tài chính.")
    start, end = anchored_clause(text, 0, len(text), ["12 2024 nq hdnd"])
    assert text[start:end].endswith("Công an tỉnh Lạc Sơn") and "13/2024" not in text[start:end]
    # a clause that frames a list in the next (no numbers of its own there) is no parallel item
    framed = "Kỳ họp thứ 6 khóa X bế mạc ngày 12/7/2024; các văn bản được thông qua gồm: Báo cáo A, Báo cáo B."
    assert anchored_clause(framed, 0, len(framed), ["12 7 2024"]) == (0, len(framed))


def test_the_count_a_question_writes_picks_the_clause_that_counts_as_many(tmp_path):
    from assistant.reading.reader import anchored_clause, counts_with_noun

    text = ("Năm 2024, Thanh tra huyện Mây Xanh tổ chức 9 cuộc thanh tra, trong đó đã kết luận 02 cuộc (Trường Suối "
            "Bạc và Trạm Y tế xã Tà Lèng); đã kết luận 04 cuộc và đang kiểm tra 03 cuộc là Hợp tác xã Đồi Chè, "
            "Ban Quản lý rừng Nậm Khê và Công ty Lạc Sơn.")
    question = "Năm 2024, Thanh tra huyện Mây Xanh đang làm 3 cuộc kiểm tra ở những đơn vị nào?"
    assert counts_with_noun(question) == ["3 cuoc"]  # not the year
    assert counts_with_noun("Ngày 12/7, với 2,5 tỷ đồng") == []  # a date, a decimal
    start, end = anchored_clause(text, 0, len(text), counts_with_noun(question))
    assert text[start:end].startswith("đã kết luận 04 cuộc") and "Suối Bạc" not in text[start:end]
    article = {"id": "tt-9", "title": "Thanh tra huyện Mây Xanh năm 2024", "date": "2024-12-20",
               "source": "Báo Thử nghiệm", "text": text + "\n\nThanh tra huyện sẽ công bố kết luận trong quý I."}
    answer = _indexed(tmp_path, [article]).ask(question)
    assert _items(answer) == ["Hợp tác xã Đồi Chè", "Ban Quản lý rừng Nậm Khê", "Công ty Lạc Sơn"], answer.answer


def test_the_asked_nouns_specific_words_pick_the_pieces_of_a_list_of_lists(tmp_path):
    article = {"id": "cty-3", "title": "Công ty Mây Xanh kỷ niệm 30 năm thành lập", "date": "2024-07-09",
               "source": "Báo Thử nghiệm",
               "text": "Sáng 8/7, Công ty Mây Xanh kỷ niệm 30 năm thành lập.\n\nCông ty đã thi công nhiều công trình "
                       "trọng điểm như: nhà máy xi măng Suối Bạc, điện gió Tà Lèng, điện gió Nậm Khê; nhà ga Đồi "
                       "Chè, khu đô thị Lạc Sơn; ký túc xá sinh viên tỉnh Mây Xanh.\n\nCông ty có 900 công nhân."}
    answer = _indexed(tmp_path, [article]).ask("Công ty Mây Xanh đã lắp những nhà máy điện gió nào?")
    assert _items(answer) == ["điện gió Tà Lèng", "điện gió Nậm Khê"], answer.answer
    assert all(article["text"][c.start:c.end] == c.quote for c in answer.citations)


def test_a_kind_the_question_sets_aside_is_not_listed(tmp_path):
    article = {"id": "kt-1", "title": "Đoàn kiểm tra của tỉnh Lạc Sơn", "date": "2024-05-02", "source": "Báo Thử nghiệm",
               "text": "Đoàn kiểm tra công tác cán bộ đã làm việc tại 4 nơi gồm: Hòa Bình, Hà Tĩnh, Cục Thuế tỉnh Lạc "
                       "Sơn, Trung tâm Pháp y Lạc Sơn.\n\nĐoàn sẽ báo cáo kết quả trước tháng 7."}
    assistant = _indexed(tmp_path, [article])
    items = _items(assistant.ask("Ngoài các địa phương, đoàn kiểm tra công tác cán bộ làm việc tại những đơn vị nào?"))
    assert items == ["Cục Thuế tỉnh Lạc Sơn", "Trung tâm Pháp y Lạc Sơn"], items
    assert "Hòa Bình" in _items(assistant.ask("Đoàn kiểm tra công tác cán bộ làm việc tại những đơn vị nào?"))


def test_an_untyped_list_whose_items_the_asked_noun_heads_is_read_below_a_list_of_other_things(tmp_path):
    article = {"id": "da-1", "title": "Tổng công ty Lạc Sơn chậm tiến độ", "date": "2024-06-02", "source": "Báo Thử nghiệm",
               "text": "Tổ công tác đã kiểm tra tiến độ tại 3 tổng công ty lớn là: Tổng công ty Lạc Sơn, Tổng công ty "
                       "Tà Lèng và Tổng công ty Mường Khoa.\n\nRiêng Tổng công ty Lạc Sơn có nhiều dự án chậm tiến độ, "
                       "thua lỗ. Ví dụ được Bộ trưởng nêu lên như: Dự án Cầu Nậm Sơn, dự án Đường Tà Lèng, dự án "
                       "Chợ Mường Khoa."}
    answer = _indexed(tmp_path, [article]).ask("Những dự án nào của Tổng công ty Lạc Sơn bị Bộ trưởng nêu là chậm tiến độ?")
    assert _items(answer) == ["Dự án Cầu Nậm Sơn", "dự án Đường Tà Lèng", "dự án Chợ Mường Khoa"], answer.answer


def test_a_date_written_in_words_is_found_as_the_numbers_a_question_writes():
    from assistant.reading.terms import phrase_text, question_terms

    terms = question_terms(analyse_question("Hội nghị ngày 17/3/2023 của Khối thi đua Lạc Sơn diễn ra ở đâu?"))
    worded = phrase_text("Hội nghị khai mạc ngày 17 tháng 3 năm 2023 tại Nhà văn hóa huyện.")
    other_day = phrase_text("Hội nghị khai mạc ngày 18 tháng 3 năm 2023 tại Nhà văn hóa huyện.")
    assert terms.anchor_share(worded, numbers=True) == 1.0 > terms.anchor_share(other_day, numbers=True)
    months = question_terms(analyse_question("Trong đợt nắng nóng tháng 7/2023, cháy rừng xảy ra ở đâu?"))
    assert months.anchor_share(phrase_text("Nắng nóng trong tháng 6 và tháng 7 năm 2023 kéo dài."), numbers=True) == 1.0


def test_an_ordinal_in_digits_is_found_where_the_article_writes_it_in_roman_numerals():
    from assistant.reading.terms import phrase_text, question_terms

    terms = question_terms(analyse_question("Who chaired the 16th Congress of the Lac Son farmers' union?"))
    congress = "Ông Hà Văn Tâm chủ trì Đại hội XVI Hội Nông dân huyện Lạc Sơn."
    assert "16" in terms.words_in(congress)
    assert terms.anchor_share(phrase_text(congress), numbers=True) == 1.0
    assert terms.anchor_share(phrase_text("Ông Hà Văn Tâm chủ trì Đại hội XV Hội Nông dân."), numbers=True) == 0.0
    session = question_terms(analyse_question("Kỳ họp thứ 5 HĐND huyện Lạc Sơn khóa 20 diễn ra khi nào?"))
    assert {"5", "20"} <= session.words_in("Kỳ họp thứ V HĐND huyện Lạc Sơn khóa XX khai mạc sáng nay.")
    # a day of the month is no ordinal: a one-letter numeral counts only after the word it numbers
    day = question_terms(analyse_question("What did the Lac Son council decide on 10 May?"))
    assert "10" not in day.words_in("Hội đồng nhân dân huyện Lạc Sơn khóa X họp bàn về X dự án.")


def test_a_full_date_is_found_where_the_article_writes_its_day_and_names_its_year_elsewhere():
    from assistant.reading.terms import phrase_text, question_terms

    terms = question_terms(analyse_question("Ai chủ trì hội nghị sáng 12/9/2023 tại Lạc Sơn?"))
    article = phrase_text("Sáng nay, 12/9, tại Lạc Sơn, hội nghị tổng kết năm 2023 đã diễn ra.")
    assert terms.anchor_share(article, numbers=True) == 1.0
    assert terms.anchor_share(phrase_text("Sáng nay, 12/9, hội nghị tổng kết năm 2022."), numbers=True) == 0.0
    assert terms.anchor_share(phrase_text("Sáng nay, 13/9, hội nghị tổng kết năm 2023."), numbers=True) == 0.0


INSPECTION_ARTICLE = {
    "id": "ls-9", "title": "Đoàn kiểm tra của Tỉnh ủy Lạc Sơn làm việc tại huyện Mây Xanh", "date": "2025-05-20",
    "source": "Báo Thử nghiệm",
    "text": "Sáng 19/5, tại Văn phòng Huyện ủy Mây Xanh, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh Lạc "
            "Sơn Hà Văn Tâm, Trưởng Đoàn kiểm tra số 12 của Tỉnh ủy, đã dự hội nghị công bố quyết định kiểm tra."
            "\n\nĐoàn kiểm tra số 12 được giao kiểm tra 3 đơn vị là Huyện ủy Mây Xanh, Huyện ủy Đồi Chè và Đảng ủy "
            "Khối Doanh nghiệp tỉnh.\n\nTại huyện Mây Xanh, đoàn sẽ làm việc với 4 đơn vị gồm: Ban Tổ chức Huyện ủy, "
            "Ủy ban Kiểm tra Huyện ủy, Phòng Nội vụ huyện và Văn phòng Huyện ủy."}


def test_a_list_of_as_many_items_as_the_question_says_is_read(tmp_path):
    from assistant.question import stated_count

    assert [stated_count(q) for q in ("Which three bodies were inspected?", "Ba đơn vị nào được kiểm tra?",
                                      "Bà Mai ký những văn bản nào?", "Năm 2019 đơn vị nào dẫn đầu?")] == [3, 3, None, None]
    # a count word in a person's name counts nothing ("Phan Văn Sáu", "Lò Thị Ba")
    assert stated_count("Chủ tịch tỉnh Lò Văn Sáu ký những văn bản nào?") is None
    assert stated_count("Bà Lò Thị Ba và ông Cầm Văn Hai ký hai văn bản nào?") == 2
    assert not analyse_question("Ông Lò Văn Bảy giữ chức vụ nào?").wants_list
    assistant = _indexed(tmp_path, [INSPECTION_ARTICLE])
    for question in ("Which three units did inspection team No. 12 inspect?",  # an English noun after its count
                     "Đoàn kiểm tra số 12 của Tỉnh ủy được giao kiểm tra ba đơn vị nào?"):
        answer = assistant.ask(question)
        assert _items(answer) == ["Huyện ủy Mây Xanh", "Huyện ủy Đồi Chè", "Đảng ủy Khối Doanh nghiệp tỉnh"], answer.answer
    # no count said: the best list stands
    answer = assistant.ask("Ở huyện Mây Xanh, đoàn làm việc với những đơn vị nào?")
    assert len(_items(answer)) == 4, answer.answer


CELL_ARTICLE = {
    "id": "ls-13", "title": "Chi bộ đầu tiên của huyện Mây Xanh", "date": "2025-08-19", "source": "Báo Thử nghiệm",
    "text": "Tháng 8/1936, nhóm Thanh niên Mây Xanh được lập tại nhà đồng chí Lò Văn Khoa ở xã Hòa An; nhóm gồm 3 "
            "thành viên chủ chốt là: đồng chí Lò Văn Khoa, Mai Văn Hạnh, Đinh Công Tráng.\n\nNăm 1938, nhóm phát "
            "triển thêm nhiều hội viên ở các xã ven sông."}


def test_a_list_of_as_many_as_the_question_says_keeps_the_one_it_names(tmp_path):
    from assistant.question import stated_count

    assert stated_count("Who were the three founders of the group?") == 3
    answer = _indexed(tmp_path, [CELL_ARTICLE]).ask(
        "Who were the three core members of the Mây Xanh youth group set up at Lò Văn Khoa's home in 1936?")
    assert _items(answer) == ["Lò Văn Khoa", "Mai Văn Hạnh", "Đinh Công Tráng"], answer.answer


COURT_ARTICLE = {
    "id": "ls-10", "title": "Ký quy chế phối hợp quản lý tòa án quân sự", "date": "2025-01-11", "source": "Báo Thử nghiệm",
    "text": "Ngày 10/1/2025, Tòa án nhân dân tỉnh Lạc Sơn, Bộ Chỉ huy Quân sự tỉnh và Tòa án quân sự khu vực ký quy "
            "chế phối hợp.\n\nQuy chế có hiệu lực từ ngày ký."}


def test_a_body_the_question_names_is_no_item_though_a_syllable_of_its_name_is_an_english_word(tmp_path):
    # "án" of "Tòa án" folds to "an", an English function word: the question still names the body
    answer = _indexed(tmp_path, [COURT_ARTICLE]).ask(
        "Những cơ quan nào ký quy chế phối hợp với tòa án quân sự khu vực ngày 10/1/2025?")
    assert _items(answer) == ["Tòa án nhân dân tỉnh Lạc Sơn", "Bộ Chỉ huy Quân sự tỉnh"], answer.answer


AUDIT_ARTICLE = {
    "id": "ls-11", "title": "Đoàn kiểm tra số 7 của Tỉnh ủy Lạc Sơn làm việc tại huyện Hòa An", "date": "2025-06-02",
    "source": "Báo Thử nghiệm",
    "text": "Sáng 1/6, tại Văn phòng Huyện ủy Hòa An, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Đoàn kiểm tra số 7 của Tỉnh "
            "ủy Lạc Sơn, ông Hà Văn Tâm làm việc về công tác cán bộ với huyện.\n\nTrưởng đoàn cho biết, Đoàn kiểm tra "
            "số 7 được giao làm việc với 3 đơn vị là Ban cán sự Đảng Sở Xây dựng, Huyện ủy Đồi Chè và Huyện ủy Mây "
            "Xanh.\n\nRiêng về cán bộ, đoàn xem xét tại: Ban Tổ chức Huyện ủy, Ủy ban Kiểm tra Huyện ủy, Phòng Nội vụ "
            "huyện và Văn phòng Huyện ủy."}


def test_the_list_the_question_frames_is_read_before_another_list_of_the_same_event(tmp_path, monkeypatch):
    # the best sentence lists nothing; of the two lists below it, the words just before "những đơn vị
    # nào" ("cán bộ") introduce the second only. The rules' own choice, as a reader model without a
    # list-choice model makes it: the learned choice (stop 45) puts the first list first here, and putting
    # framed lists first on top of it lost answers on the sealed test splits (docs/evaluation.md, stop 45)
    assistant = _indexed(tmp_path, [AUDIT_ARTICLE])
    monkeypatch.setattr(assistant.reader.model, "list_choice", None)
    answer = assistant.ask(
        "Đoàn kiểm tra số 7 của Tỉnh ủy Lạc Sơn làm việc về công tác cán bộ với những đơn vị nào?")
    assert _items(answer) == ["Ban Tổ chức Huyện ủy", "Ủy ban Kiểm tra Huyện ủy", "Phòng Nội vụ huyện",
                              "Văn phòng Huyện ủy"], answer.answer


def test_a_count_is_shown_with_the_noun_the_question_counts():
    from assistant.reading.reader import shown_count

    def shown(text: str, span: str, question: str) -> str:
        at = text.index(span)
        return shown_count(text, at, at + len(span), question)

    text = "Năm 2024, Trung tâm Hòa An tiếp nhận 1.215 hồ sơ thủ tục hành chính và trao 19 đơn vị dẫn đầu cờ thi đua."
    # the number candidate's noun window cuts the noun or runs past it: the question's words say where it ends
    assert shown(text, "1.215 hồ sơ thủ", "Trung tâm tiếp nhận bao nhiêu hồ sơ thủ tục?") == "1.215 hồ sơ thủ tục"
    assert shown(text, "19 đơn vị dẫn", "Bao nhiêu đơn vị được trao cờ?") == "19 đơn vị"
    # no word of the question after "bao nhiêu": the function words the window ends with go
    assert shown("Ông nắm 40% cổ phần là cổ đông lớn.", "40% cổ phần là", "Ông nắm bao nhiêu phần trăm?") == "40% cổ phần"
    assert shown("Ông nắm 40% vốn là cổ đông lớn.", "40% vốn là", "Ông nắm bao nhiêu phần trăm vốn?") == "40% vốn"


def test_a_follow_ups_inherited_names_say_which_article_not_which_sentence():
    from assistant.question import analyse_question
    from assistant.reading.terms import phrase_text, question_terms

    terms = question_terms(analyse_question("Họ ký giao ước vào ngày nào (Khối thi đua Mây Xanh, năm 2031)?"))
    assert terms.anchors == [] and set(terms.context_anchors) == {"khoi", "may xanh", "2031"}
    other = phrase_text("Sáng 2/3/2031, Khối thi đua Suối Bạc ký giao ước thi đua.")
    right = phrase_text("Sáng 2/3/2031, Khối thi đua Mây Xanh ký giao ước thi đua.")
    assert terms.anchor_share(other) == terms.anchor_share(right) == 1.0  # the sentence: its own anchors only
    assert terms.anchor_share(other, article=True) == pytest.approx(2 / 3)
    assert terms.anchor_share(right, article=True) == 1.0
    english = question_terms(analyse_question("When did they sign (units in Vinh Phuc internal affairs emulation bloc)?"))
    assert english.context_anchors == ["vinh phuc"]


RULES_ARTICLE = {
    "id": "ls-14", "title": "Ban hành nghị quyết liên tịch về giám sát tại Lạc Sơn", "date": "2025-09-03",
    "source": "Báo Thử nghiệm",
    "text": "Ngày 2/9/2025, Thường trực HĐND tỉnh Lạc Sơn, UBND tỉnh, Ban Thường trực Ủy ban MTTQ tỉnh đã ban hành "
            "Nghị quyết liên tịch quy định chi tiết các hình thức giám sát của Mặt trận tỉnh Lạc Sơn.\n\n"
            "Theo nghị quyết, mỗi đoàn giám sát do Ban Thường trực quyết định thành lập.\n\n"
            "Kế hoạch tổ chức đoàn giám sát gồm các nội dung sau đây: a) Mục đích, yêu cầu giám sát; b) Phạm vi "
            "giám sát; c) Thành phần đoàn giám sát; d) Thời gian, địa điểm giám sát."}


def test_a_best_sentence_that_lists_bodies_gives_way_to_the_list_introduced_below_it(tmp_path):
    # the lead names three bodies side by side (no list of what was asked); the list the question
    # asks for is introduced ("gồm các nội dung sau đây:") two sentences below
    answer = _indexed(tmp_path, [RULES_ARTICLE]).ask(
        "Liệt kê các nội dung mà kế hoạch tổ chức đoàn giám sát phải có theo Nghị quyết liên tịch quy định "
        "chi tiết các hình thức giám sát của Mặt trận tỉnh Lạc Sơn.")
    assert _items(answer) == ["Mục đích, yêu cầu giám sát", "Phạm vi giám sát", "Thành phần đoàn giám sát",
                              "Thời gian, địa điểm giám sát"], answer.answer  # without the points' letters


MEDALS_ARTICLE = {
    "id": "ls-15", "title": "Hiệp hội Suối Bạc kỷ niệm 20 năm thành lập", "date": "2026-05-10", "source": "Báo Thử nghiệm",
    "text": "Sáng 9/5/2026, Hiệp hội Suối Bạc tỉnh Lạc Sơn kỷ niệm 20 năm thành lập.\n\n"
            "Hiệp hội cho biết đã kết nạp hội viên gồm các doanh nghiệp nhỏ và vừa trong các lĩnh vực chè, cà phê, "
            "hồ tiêu và điều, là những mặt hàng tỉnh có thế mạnh.\n\n"
            "Ghi nhận những đóng góp của nguyên Chủ tịch Hiệp hội Lò Văn Khoa, Nhà nước đã tặng thưởng ông nhiều "
            "phần thưởng cao quý: Huân chương Mây Xanh, Huân chương Đồi Chè và nhiều huy chương, kỷ niệm chương khác."}


def test_a_list_is_read_by_the_head_of_the_asked_noun_and_labelled_as_the_article_writes_it(tmp_path):
    assistant = _indexed(tmp_path, [MEDALS_ARTICLE])
    # "những huân chương cao quý nào": items headed by "Huân chương", introduced by another noun; the
    # unnamed rest ("nhiều huy chương … khác") is no item
    awards = assistant.ask("Nhà nước đã tặng thưởng ông Lò Văn Khoa những huân chương cao quý nào?")
    assert _items(awards) == ["Huân chương Mây Xanh", "Huân chương Đồi Chè"], awards.answer
    # without tone marks: the list of the asked noun inside the first part; its label with the article's marks
    fields = assistant.ask("Hiep hoi Suoi Bac ket nap hoi vien la doanh nghiep trong nhung linh vuc nao?")
    assert _items(fields) == ["chè", "cà phê", "hồ tiêu", "điều"], fields.answer
    assert fields.answer.startswith("Bài viết nêu 4 lĩnh vực"), fields.answer


FOURTH_SESSION_ARTICLE = {
    "id": "ls-16", "title": "Bế mạc kỳ họp HĐND tỉnh Lạc Sơn", "date": "2061-07-06", "source": "Báo Thử nghiệm",
    "text": "Chiều 5/7/2061, Kỳ họp thứ tư HĐND tỉnh Lạc Sơn khóa XVI đã bế mạc sau ba ngày làm việc.\n\n"
            "Kỳ họp đã thông qua 12 nghị quyết về kinh tế - xã hội của tỉnh."}


def test_a_session_the_article_numbers_otherwise_is_not_answered(tmp_path):
    assistant = _indexed(tmp_path, [FOURTH_SESSION_ARTICLE])
    asked = assistant.ask("Kỳ họp thứ tư HĐND tỉnh Lạc Sơn khóa XVI bế mạc vào ngày nào?")
    assert not asked.abstained and "5/7/2061" in asked.answer, asked.answer
    # the fifth session: the article reports the fourth only
    other = assistant.ask("Kỳ họp thứ năm HĐND tỉnh Lạc Sơn khóa XVI bế mạc vào ngày nào?")
    assert other.abstained, other.answer


SIGNING_ARTICLE = {
    "id": "ls-17", "title": "Lạc Sơn và Mây Xanh ký tuyên bố hợp tác", "date": "2061-03-12", "source": "Báo Thử nghiệm",
    "text": "Sáng 11/3/2061, tại thành phố Suối Bạc, Chủ tịch UBND tỉnh Lạc Sơn Lò Văn Khoa đón Chủ tịch UBND tỉnh "
            "Mây Xanh Đinh Văn Hùng.\n\n"
            "Tham dự hội đàm về phía tỉnh Lạc Sơn có các đồng chí: Hà Thị Thu, Phó Chủ tịch UBND tỉnh; Vi Văn Bình, "
            "Giám đốc Sở Ngoại vụ; Lương Thị Hoa, Giám đốc Sở Công Thương.\n\n"
            "Kết thúc hội đàm, đồng chí Lò Văn Khoa và đồng chí Đinh Văn Hùng đã ký Tuyên bố hợp tác giữa tỉnh Lạc Sơn "
            "và tỉnh Mây Xanh giai đoạn 2061-2065."}


def test_the_names_a_sentence_says_did_what_was_asked_beat_a_list_that_says_nothing_of_it(tmp_path):
    assistant = _indexed(tmp_path, [SIGNING_ARTICLE])
    signed = assistant.ask("Tuyên bố hợp tác giữa Lạc Sơn và Mây Xanh giai đoạn 2061-2065 do những ai ký?")
    assert _items(signed)[:1] and _items(signed)[0].startswith("Lò Văn Khoa"), signed.answer
    assert not any("Hà Thị Thu" in item for item in _items(signed)), signed.answer
    # the delegation is still the answer when that is what is asked
    attended = assistant.ask("Những ai tham dự hội đàm về phía tỉnh Lạc Sơn?")
    assert [item.split(" – ")[0] for item in _items(attended)] == ["Hà Thị Thu", "Vi Văn Bình", "Lương Thị Hoa"], \
        attended.answer


MOTTO_ARTICLE = {
    "id": "ls-18", "title": "Hội Nông dân Lạc Sơn tổng kết năm 2061", "date": "2062-01-10", "source": "Báo Thử nghiệm",
    "text": "Sáng 9/1/2062, Hội Nông dân tỉnh Lạc Sơn tổng kết công tác năm 2061.\n\n"
            "Năm 2061, Hội đã triển khai chủ đề công tác “Chủ động, sáng tạo, hiệu quả, bền vững” tới 120 cơ sở hội."}


def test_the_elements_of_a_quoted_motto_are_listed(tmp_path):
    assistant = _indexed(tmp_path, [MOTTO_ARTICLE])
    answer = assistant.ask("Chủ đề công tác năm 2061 của Hội Nông dân tỉnh Lạc Sơn gồm những yếu tố nào?")
    assert _items(answer) == ["Chủ động", "sáng tạo", "hiệu quả", "bền vững"], answer.answer
    # asked in English: the qualities, values or criteria a motto quotes
    answer = assistant.ask("Which four values make up the 2061 work theme of the Lac Son Farmers' Association?")
    assert _items(answer) == ["Chủ động", "sáng tạo", "hiệu quả", "bền vững"], answer.answer


@pytest.mark.parametrize("text, ends", [
    ("Tuyến cao tốc Lạc Sơn – Mây Xanh đi qua những tỉnh nào?", ["Lạc Sơn", "Mây Xanh"]),
    ("Which provinces does the Lac Son - May Xanh expressway run through?", ["Lac Son", "May Xanh"]),
    # a name with a dash inside, an abbreviation, a period of years: no route
    ("Sở Thông tin – Truyền thông và Bộ LĐ-TB&XH ký giai đoạn 2061 - 2065.", []),
])
def test_the_ends_of_a_route_the_question_names(text, ends):
    from assistant.question import route_ends

    assert route_ends(text) == ends


ROUTE_ARTICLE = {
    "id": "ls-19", "title": "Cao tốc Lạc Sơn – Mây Xanh chậm tiến độ", "date": "2061-06-02", "source": "Báo Thử nghiệm",
    "text": "Dự án cao tốc Lạc Sơn – Mây Xanh dài 140 km đi qua các tỉnh Lạc Sơn, Hòa An và Mây Xanh.\n\n"
            "Dự án đang chậm tiến độ vì vướng mặt bằng."}


def test_the_places_a_route_passes_include_its_ends(tmp_path):
    assistant = _indexed(tmp_path, [ROUTE_ARTICLE])
    answer = assistant.ask("Cao tốc Lạc Sơn – Mây Xanh đi qua những tỉnh nào?")
    assert [item.replace("tỉnh ", "") for item in _items(answer)] == ["Lạc Sơn", "Hòa An", "Mây Xanh"], answer.answer



DECREES_ARTICLE = {
    "id": "ls-decrees", "title": "Sơ kết 5 năm thi hành Luật Lâm nghiệp tại tỉnh Lạc Sơn", "date": "2061-06-17",
    "source": "Báo Thử nghiệm",
    "text": "Chiều 17/6, tại tỉnh Lạc Sơn, Ban Chỉ đạo sơ kết 5 năm thi hành Luật Lâm nghiệp năm 2056 tổ chức hội nghị "
            "với các huyện Đồi Chè, Mây Xanh và Suối Bạc.\n\nPhát biểu tại hội nghị, Trưởng Ban Chỉ đạo đề nghị các "
            "ngành sớm tháo gỡ vướng mắc cho chủ rừng. Sở Kế hoạch và Đầu tư đề nghị sửa Nghị định 45/2057/NĐ-CP về "
            "quản lý rừng phòng hộ; sửa Nghị định 61/2057/NĐ-CP về chi trả dịch vụ môi trường rừng.\n\nSở Tài chính "
            "cũng trình Đề án Quỹ bảo vệ rừng Mây Xanh và Đề án Vườn ươm Suối Bạc lên tỉnh.\n\nHai văn kiện về giáo "
            "dục nghề cũng được ký, và các văn kiện đó sẽ được triển khai sớm."}


def test_documents_of_the_kind_the_question_names_are_listed(tmp_path):
    assistant = _indexed(tmp_path, [DECREES_ARTICLE])
    answer = assistant.ask("Những nghị định nào được Sở Kế hoạch và Đầu tư đề nghị sửa?")
    assert _items(answer) == ["Nghị định 45/2057/NĐ-CP", "Nghị định 61/2057/NĐ-CP"], answer.answer  # no law
    assert answer.answer.startswith("Tìm thấy 2 nghị định"), answer.answer
    # the documents of any kind when the question names none
    laws = assistant.ask("Hội nghị sơ kết ở tỉnh Lạc Sơn thi hành những luật nào?")
    assert "Luật Lâm nghiệp" in laws.answer and "Nghị định 45" not in laws.answer.split("\n\n")[0], laws.answer


def test_things_the_asked_noun_heads_are_listed_from_a_lower_sentence(tmp_path, monkeypatch):
    from assistant.reading.reader import _names_after

    assistant = _indexed(tmp_path, [DECREES_ARTICLE])
    # the reader itself (the article's document records would answer the question first), in its own
    # order (the list-choice model would put the decrees' sentence first)
    monkeypatch.setattr(assistant.reader.model, "list_choice", None)
    # (no opening setting: "Tại hội nghị …, những nghị định nào …?" ranks the decrees' sentence first)
    question = "Những nghị định nào được đề nghị sửa tại hội nghị sơ kết ở tỉnh Lạc Sơn?"
    hits = assistant._read_hits(question, 8, None)
    articles = assistant._articles({h.article_id for h in hits})
    reading = assistant.reader.read(question, hits, articles)
    best = reading.sentences[0]
    assert not articles[best.article_id].text[best.start:best.end].startswith("Sở Kế hoạch")  # a lower one names them
    answer = assistant.reader._compose(question, reading, articles)
    assert [i.split(" về ")[0] for i in _items(answer)] == ["Nghị định 45/2057/NĐ-CP", "Nghị định 61/2057/NĐ-CP"], \
        answer.answer
    # the noun followed by a name or number, not by words that describe it
    assert _names_after("Nghị định 45/2057/NĐ-CP", "nghi dinh") and _names_after("Dự án Mây Xanh", "du an")
    assert not _names_after("văn kiện về giáo dục nghề", "van kien") and not _names_after("văn kiện đó", "van kien")


AWARDS_LIST_ARTICLE = {
    "id": "ls-awards-list", "title": "Tỉnh Lạc Sơn tổng kết phong trào thi đua năm 2061", "date": "2062-01-15",
    "source": "Báo Thử nghiệm",
    "text": "Sáng 15/1/2062, UBND tỉnh Lạc Sơn tổng kết phong trào thi đua năm 2061 và khen thưởng các đơn vị có thành "
            "tích xuất sắc trong phong trào thi đua năm 2061.\n\nCác đơn vị được tỉnh khen thưởng gồm: Trường Tiểu "
            "học Mây Xanh, Trạm Y tế xã Đồi Chè, Hợp tác xã Suối Bạc.\n\nNăm 2062, tỉnh phát động phong trào thi đua "
            "mới."}


def test_the_list_choice_model_scores_the_sentence_that_lists_the_asked_things_first(tmp_path):
    from assistant.reading.list_choice import LIST_FEATURES

    assistant = _indexed(tmp_path, [AWARDS_LIST_ARTICLE])
    candidates = assistant.list_evidence("Tỉnh Lạc Sơn đã khen thưởng những đơn vị nào trong phong trào thi đua năm 2061?")
    assert list(candidates[0].features) == list(LIST_FEATURES)
    listing = next(c for c in candidates if c.text.startswith("Các đơn vị được tỉnh khen thưởng gồm"))
    assert listing.features["introduced"] == 1.0 and listing.features["items"] == pytest.approx(3 / 5)
    # whatever the reader's own order, the model puts the introduced list of the asked kind first
    assert max(candidates, key=lambda c: c.probability) is listing, [(c.text[:40], c.probability) for c in candidates]


def test_a_list_is_quoted_by_the_clauses_that_hold_its_items():
    from assistant.candidates import Candidate
    from assistant.reading.reader import list_clause

    text = ("Sáng 3/4, Hội nghị tổng kết của tỉnh Lạc Sơn khai mạc tại xã Hòa An; dự có các đơn vị: Sở Nội vụ, "
            "Sở Tài chính và Công an tỉnh Lạc Sơn; hội nghị thông qua kế hoạch năm 2025 của Khối.")
    items = [Candidate("organisation", text.find(name), text.find(name) + len(name), name)
             for name in ("Sở Nội vụ", "Sở Tài chính", "Công an tỉnh Lạc Sơn")]
    start, end = list_clause(text, 0, len(text), items, "organisation")
    assert text[start:end] == "dự có các đơn vị: Sở Nội vụ, Sở Tài chính và Công an tỉnh Lạc Sơn"
    # a clause beside them that names more of the asked kind is more of the list: quoted too
    more = text.replace("hội nghị thông qua kế hoạch năm 2025 của Khối", "dự tại điểm cầu xã có Sở Xây dựng")
    start, end = list_clause(more, 0, len(more), items, "organisation")
    assert text[start:end].startswith("dự có") and more[start:end].endswith("Sở Xây dựng.")
    # untyped items (what a "những nội dung nào" lists): which clauses go on with the list cannot be
    # told, so the whole sentence is quoted
    assert list_clause(text, 0, len(text), items[:2], None) == (0, len(text))
    # no semicolon sets the items apart: the whole sentence
    plain = text.replace(";", ",")
    assert list_clause(plain, 0, len(plain), [Candidate("organisation", plain.find(i.text), plain.find(i.text)
                                                        + len(i.text), i.text) for i in items], None) == (0, len(plain))


def test_a_list_answer_quotes_the_clause_of_its_items_not_the_rest_of_the_sentence(tmp_path):
    article = {"id": "ls-31", "title": "Hội nghị tổng kết của Khối thi đua Lạc Sơn", "date": "2025-04-03",
               "source": "Báo Thử nghiệm",
               "text": "Sáng 3/4, hội nghị tổng kết năm 2024 khai mạc tại xã Hòa An; dự có các đơn vị: "
                       "Sở Nội vụ và Công an tỉnh Lạc Sơn; hội nghị thông qua kế hoạch năm 2025 và giao chỉ tiêu thi đua cho từng thành viên của Khối.\n\nHội nghị bế mạc vào buổi chiều."}
    answer = _indexed(tmp_path, [article]).ask("Những đơn vị nào dự hội nghị tổng kết năm 2024 tại xã Hòa An?")
    assert _items(answer) == ["Sở Nội vụ", "Công an tỉnh Lạc Sơn"], answer.answer
    assert answer.citations[0].quote == "dự có các đơn vị: Sở Nội vụ và Công an tỉnh Lạc Sơn", answer.answer


def test_a_count_the_list_sentence_states_is_the_answer_not_the_items_read(tmp_path, monkeypatch):
    from assistant.question import analyse_question
    from assistant.reading.reader import Reader, stated_count_before

    text = ("Tại buổi làm việc, Sở Nông nghiệp tỉnh Lạc Sơn trao 7 thỏa thuận hợp tác cho huyện Mây Xanh: Thỏa "
            "thuận về giống lúa; Thỏa thuận về thủy lợi; Thỏa thuận về chăn nuôi.")
    at = text.index(":") + 2
    assert stated_count_before(text, 0, at, analyse_question("Sở trao bao nhiêu thỏa thuận hợp tác?")) == "7 thỏa thuận hợp tác"
    assert stated_count_before(text, 0, at, analyse_question("How many cooperation documents were handed over?")) == "7 thỏa thuận hợp tác"
    # no count of the asked noun before the list: the list is counted
    assert stated_count_before(text, 0, at, analyse_question("Có bao nhiêu đại biểu dự lễ?")) is None
    article = {"id": "ls-32", "title": "Lạc Sơn hỗ trợ huyện Mây Xanh", "date": "2025-05-06", "source": "Báo Thử nghiệm",
               "text": "Sáng 6/5, Sở Nông nghiệp tỉnh Lạc Sơn làm việc với huyện Mây Xanh.\n\n" + text}
    assistant = _indexed(tmp_path, [article])
    # as when the best sentence states no count (the list sentence ranks lower): the list is read, and
    # its sentence's own count answers, not the three items read from it
    monkeypatch.setattr(Reader, "_states_count", lambda self, reading, articles: False)
    answer = assistant.ask("Sở Nông nghiệp tỉnh Lạc Sơn trao bao nhiêu thỏa thuận hợp tác cho huyện Mây Xanh?")
    assert answer.answer.startswith("7 thỏa thuận hợp tác [1]:"), answer.answer


def test_setting_words_are_those_only_the_opening_clause_writes():
    from assistant.reading.terms import setting_words

    words = setting_words("Tại hội nghị sơ kết của Hội Nông dân tỉnh Lạc Sơn sáng 5/6, ông Hà Văn Tâm "
                          "đề nghị hội viên tăng cường kiểm tra những việc gì?")
    assert {"so", "ket", "lac", "son", "5", "6"} <= words
    assert not words & {"ha", "van", "tam", "kiem", "tra"}  # the rest of the question writes them
    # no opening setting, or too little after it to ask anything: no setting words
    assert setting_words("Ông Hà Văn Tâm đề nghị hội viên tăng cường kiểm tra những việc gì?") == set()
    assert setting_words("Tại hội nghị sơ kết của Hội Nông dân, ai phát biểu?") == set()


def test_the_sentence_that_says_what_is_asked_beats_the_one_that_repeats_the_setting(tmp_path):
    # the lead sentence repeats the question's setting (the meeting, its day, its place); what was
    # asked about stands lower down, in a sentence that writes none of the setting
    assistant = _indexed(tmp_path, [{
        "id": "may-xanh-1", "title": "Hội Nông dân tỉnh Mây Xanh sơ kết 6 tháng đầu năm", "date": "2031-06-06",
        "source": "Báo Thử nghiệm", "text":
            "Sáng 5/6/2031, tại thành phố Mây Xanh, Hội Nông dân tỉnh Mây Xanh tổ chức hội nghị sơ kết công tác "
            "hội 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2031.\n\n"
            "Dự hội nghị có ông Hà Văn Tâm, Chủ tịch Hội Nông dân tỉnh, cùng lãnh đạo các huyện.\n\n"
            "Các đại biểu đánh giá cao kết quả hỗ trợ nông dân tiếp cận vốn vay trong nửa đầu năm.\n\n"
            "Ông Tâm đề nghị kiểm tra việc mua bán phân bón giả, thuốc trừ sâu kém chất "
            "lượng ở các chợ vùng cao."}])
    answer = assistant.ask("Tại hội nghị sơ kết 6 tháng đầu năm của Hội Nông dân tỉnh Mây Xanh sáng 5/6/2031, "
                           "ông Hà Văn Tâm đề nghị hội viên tăng cường kiểm tra việc gì?")
    assert answer.citations and "phân bón giả" in answer.citations[0].quote


def test_word_pairs_of_the_setting_alone_are_not_asked_of_a_sentence():
    from assistant.reading.terms import question_terms

    terms = question_terms(analyse_question("Tại hội nghị sơ kết của Hội Nông dân tỉnh Mây Xanh, ông Hà Văn Tâm "
                                            "đề nghị hội viên tăng cường kiểm tra những việc gì?"))
    assert ("so", "ket") not in terms.pairs and ("may", "xanh") not in terms.pairs  # the setting's own pairs
    assert ("kiem", "tra") in terms.pairs and ("tang", "cuong") in terms.pairs  # what is asked
    plain = question_terms(analyse_question("Hội Nông dân tỉnh Mây Xanh sơ kết công tác vào ngày nào?"))
    assert ("so", "ket") in plain.pairs  # without an opening setting, every pair counts


def test_a_span_of_another_form_than_the_exact_one_asked_is_no_answer(listed):
    """A "ngày nào" question's spans are days: the month the sentence gives ("trước tháng 6") is
    scored among its spans but is neither the short answer nor evidence that the day is stated;
    "khi nào" takes it."""
    def spans(question: str) -> list[str]:
        hits = listed.retrieve(question, k=8)
        reading = listed.reader.read(question, hits, {h.article_id: listed.article(h.article_id) for h in hits})
        return [pair.candidate.text for pair in reading.pairs]

    asked = "Các sở Tài chính, Nội vụ phải hoàn thành đề án sắp xếp đơn vị sự nghiệp của tỉnh Lạc Sơn {}?"
    assert "tháng 6" in spans(asked.format("khi nào"))
    assert not any("tháng" in span for span in spans(asked.format("vào ngày nào")))


def test_a_question_that_names_the_kind_of_document_takes_only_that_kind():
    """"theo quyết định nào" is answered by a decision (or a name a decision is given in quotes), not
    by another document nor a slogan; a question naming no kind ("văn bản nào") takes any."""
    from assistant.reading.spans import typed_candidates

    text = ("Năm 2061, các đơn vị thực hiện Chỉ thị số 12-CT/TU ngày 3/1/2061 của Tỉnh ủy Lạc Sơn và Quyết định số "
            "45/QĐ-UBND ngày 9/2/2061 của UBND tỉnh với chủ đề “Đoàn kết, sáng tạo”.")

    def spans(question: str) -> list[str]:
        return [c.text.split()[0] for c in typed_candidates(analyse_question(question), text, 0, len(text))]

    assert spans("Các đơn vị ở Lạc Sơn thực hiện theo quyết định nào của UBND tỉnh?") == ["Quyết"]
    assert spans("Các đơn vị ở Lạc Sơn thực hiện chỉ thị nào của Tỉnh ủy?") == ["Chỉ"]
    assert {"Chỉ", "Quyết"} <= set(spans("Các đơn vị ở Lạc Sơn thực hiện theo văn bản nào?"))


def test_a_long_sentence_is_quoted_around_its_span_of_the_asked_type_even_when_no_span_is_sure(tmp_path):
    """No span sure enough to be the short answer (the span threshold above any probability): the
    quote of a sentence longer than a window still shows its likeliest span of the asked type, not
    only the stretch that repeats the question's words."""
    import dataclasses

    from assistant.reading.reader import MAX_QUOTE, Reader

    sentence = ("Hiệp định hợp tác nghề cá giữa tỉnh Lạc Sơn và tỉnh Mây Xanh được hai bên nhắc lại tại hội nghị "
                "thường niên về phát triển vùng ven biển, cùng nhiều nội dung về đào tạo nhân lực, nuôi trồng thủy "
                "sản, bảo vệ nguồn lợi ven bờ, xây dựng cảng cá, chia sẻ dữ liệu thời tiết, cứu hộ trên biển, hỗ trợ "
                "ngư dân vay vốn đóng tàu, phát triển du lịch làng chài, chế biến hải sản xuất khẩu và quảng bá "
                "thương hiệu nước mắm truyền thống của hai tỉnh, hiệp định này được ký kết vào ngày 14/8/2051 tại "
                "thành phố Đông Hà.")
    assert len(sentence) > MAX_QUOTE
    assistant = _indexed(tmp_path, [{"id": "ca-1", "title": "Hợp tác nghề cá Lạc Sơn – Mây Xanh",
                                     "text": sentence + "\n\nHai tỉnh sẽ tổng kết hiệp định vào cuối năm."}])
    question = "Hiệp định hợp tác nghề cá giữa tỉnh Lạc Sơn và tỉnh Mây Xanh được ký vào ngày nào?"
    hits = assistant.retrieve(question, k=8)
    articles = {h.article_id: assistant.article(h.article_id) for h in hits}
    model = assistant.reader.model
    unsure = dataclasses.replace(model, thresholds={**model.thresholds, "span": 1.01, "answerable": 0.0})
    answer = Reader(unsure, assistant.reader.frequencies).answer(question, hits, articles)
    assert not answer.abstained and answer.citations
    assert "14/8/2051" in answer.citations[0].quote and len(answer.citations[0].quote) <= MAX_QUOTE
    assert not answer.answer.startswith("14/8/2051")  # shown in the quote, not as a short answer


def _chaired_meeting(tmp_path, chair: str, **thresholds):
    """A meeting's article whose lead and second sentence name the event and no person, then `chair`
    (who chaired it), read by a reader with `thresholds` over the shipped ones; → (reading, articles,
    answer) for "Ai chủ trì hội nghị …?"."""
    import dataclasses

    from assistant.reading.reader import Reader

    text = ("Sáng 2/4/2061, tại Nhà văn hóa huyện Tà Lèng, Cụm thi đua miền Tây tỉnh Lạc Sơn tổ chức hội nghị ký kết "
            "giao ước thi đua năm 2061 với chủ đề hành động “Đoàn kết, sáng tạo”.\n\n"
            "Hội nghị ký kết giao ước thi đua năm 2061 của Cụm thi đua miền Tây tỉnh Lạc Sơn có 06 đơn vị tham gia.\n\n"
            f"{chair}\n\nCác đơn vị thống nhất tập trung phát triển du lịch cộng đồng.")
    assistant = _indexed(tmp_path, [{"id": "cum-1", "title": "Cụm thi đua miền Tây Lạc Sơn ký kết giao ước thi đua",
                                     "text": text}])
    question = "Ai chủ trì hội nghị ký kết giao ước thi đua năm 2061 của Cụm thi đua miền Tây tỉnh Lạc Sơn?"
    hits = assistant.retrieve(question, k=8)
    articles = {h.article_id: assistant.article(h.article_id) for h in hits}
    model = assistant.reader.model
    reader = Reader(dataclasses.replace(model, thresholds={**model.thresholds, **thresholds}),
                    assistant.reader.frequencies, dense=assistant.reader.dense)
    return reader.read(question, hits, articles), articles, reader.answer(question, hits, articles)


def test_a_typed_question_whose_best_sentence_holds_no_such_span_adds_the_sentence_of_its_likeliest(tmp_path):
    """"Ai chủ trì …?" read first from sentences that name the event and no person: the sentence of
    the likeliest person, about as likely as the best, follows it (not the next one, which names none)."""
    person = "Ông Lò Văn Pả, Chủ tịch UBND huyện Tà Lèng chủ trì."
    reading, articles, answer = _chaired_meeting(tmp_path, person, span=1.01)
    # the case this test is about: neither of the two best sentences names the person
    assert all("Lò Văn Pả" not in articles[s.article_id].text[s.start:s.end] for s in reading.sentences[:2])
    assert [c.quote for c in answer.citations][1:] == [person]


def test_the_sentence_of_the_likeliest_span_is_quoted_by_a_window_when_it_is_too_long_to_add_whole(tmp_path):
    from assistant.reading.reader import MAX_ANSWER

    chaired = ("Ông Lò Văn Pả, Chủ tịch UBND huyện Tà Lèng chủ trì, đề nghị các đơn vị tập trung phát triển du lịch cộng "
               "đồng, bảo tồn nghề dệt thổ cẩm, nâng cấp đường liên xã, mở rộng chợ phiên vùng cao, hỗ trợ hợp tác xã "
               "chè Shan tuyết, trồng rừng phòng hộ đầu nguồn, xây dựng nhà văn hóa thôn bản và chăm lo đời sống người "
               "cao tuổi trên địa bàn.")
    reading, articles, answer = _chaired_meeting(tmp_path, chaired, span=1.01, second_margin=1.0)
    best = reading.sentences[0]
    assert "Lò Văn Pả" not in articles[best.article_id].text[best.start:best.end]  # the case this test is about
    assert len(answer.citations) == 2 and answer.citations[1].quote.startswith("Ông Lò Văn Pả, Chủ tịch UBND huyện")
    assert answer.citations[1].quote != chaired and len(answer.answer) <= MAX_ANSWER
    verify_citations(answer, articles)  # the window is the article's exact text


def test_a_question_naming_the_asked_title_takes_the_spans_written_with_it(tmp_path):
    """"Which Vice Chairwoman …": the person written with that title is the span, not the head of the
    same body nor a photographer's credit (a deputy is not the head, nor the head a deputy)."""
    from assistant.candidates import Candidate
    from assistant.reading.spans import asked_office_title, holds_title

    assert asked_office_title(analyse_question("Which Vice Chairwoman of the Lac Son Farmers' Association spoke?")) == "pho chu tich"
    assert asked_office_title(analyse_question("Which Deputy Minister of Justice spoke at the Lac Son forum?")) == "thu truong"
    assert asked_office_title(analyse_question("Who is the Deputy Director of the Lac Son Department of Justice?")) \
        == "pho giam doc"
    # a title the glossary does not render whole is none ("General Director" is no "Director")
    assert asked_office_title(analyse_question("Who is the General Director of Lac Son Railways who spoke?")) is None
    assert asked_office_title(analyse_question("Ai là Phó Chủ tịch nào của Hội Nông dân tỉnh Lạc Sơn?")) == "pho chu tich"
    assert asked_office_title(analyse_question("Ai chủ trì cuộc họp?")) is None
    assert asked_office_title(analyse_question("Cuộc họp diễn ra vào ngày nào?")) is None
    assert holds_title(Candidate("person", 0, 5, "Vàng Thị Mai", "Phó Chủ tịch Thường trực"), "pho chu tich")
    assert not holds_title(Candidate("person", 0, 5, "Vàng Thị Mai", "Phó Chủ tịch"), "chu tich")
    assert not holds_title(Candidate("person", 0, 5, "Hà Văn Sơn", "Chủ tịch Hội Nông dân tỉnh"), "pho chu tich")
    assert not holds_title(Candidate("person", 0, 5, "Lò Văn Pả", ""), "pho chu tich")

    text = ("Ngày 12/5/2061, Hội Nông dân tỉnh Lạc Sơn tổ chức họp Tiểu ban Tuyên truyền Đại hội VIII để triển khai nội "
            "dung và phân công nhiệm vụ cho các thành viên.\n\n"
            "Hội Nông dân tỉnh Lạc Sơn triển khai tuyên truyền Đại hội VIII (ảnh Lò Văn Pả).\n\n"
            "Thay mặt Ban Thường vụ, Phó Chủ tịch Vàng Thị Mai đã phân công nhiệm vụ cho Tiểu ban Tuyên truyền Đại hội "
            "VIII.\n\nDự cuộc họp có ông Hà Văn Sơn, Chủ tịch Hội Nông dân tỉnh và ông Lò Văn Pả, Trưởng ban Tuyên giáo.")
    assistant = _indexed(tmp_path, [{"id": "hnd-1", "title": "Hội Nông dân tỉnh Lạc Sơn triển khai tuyên truyền Đại hội",
                                     "text": text}])
    question = ("Which Vice Chairwoman of the Lac Son Farmers' Association assigned tasks to the propaganda "
                "subcommittee for the 8th congress on 12 May?")
    hits = assistant.retrieve(question, k=8)
    articles = {h.article_id: assistant.article(h.article_id) for h in hits}
    reading = assistant.reader.read(question, hits, articles)
    assert [p.candidate.text for p in reading.pairs] == ["Vàng Thị Mai"]


UNION_ARTICLE = {
    "id": "tl-7", "title": "LĐLĐ huyện Tà Lèng tiếp nhận công đoàn cơ sở các trường", "date": "2061-07-03",
    "source": "Báo Thử nghiệm",
    "text": "Vừa qua, LĐLĐ huyện Tà Lèng tổ chức hội nghị tiếp nhận 41 công đoàn cơ sở các trường học về trực thuộc.\n\n"
            "Tại hội nghị, lãnh đạo LĐLĐ huyện và Phòng Nông nghiệp huyện Tà Lèng đã ký kết Quy chế phối hợp công tác "
            "giai đoạn 2061-2065.\n\nCác đơn vị thống nhất tổ chức sơ kết quy chế mỗi năm một lần."}


def test_a_question_for_the_parties_between_which_something_was_signed_lists_those_it_names_too(tmp_path):
    """"… được ký kết giữa các cơ quan nào": every party, the one the question names too (written by its
    abbreviation before its level, "LĐLĐ huyện"), not only the others."""
    answer = _indexed(tmp_path, [UNION_ARTICLE]).ask(
        "Khi LĐLĐ huyện Tà Lèng tiếp nhận 41 công đoàn cơ sở, quy chế phối hợp công tác giai đoạn 2061-2065 được ký "
        "kết giữa các cơ quan nào?")
    assert _items(answer) == ["LĐLĐ huyện", "Phòng Nông nghiệp huyện Tà Lèng"], answer.answer


LAND_ARTICLE = {
    "id": "tl-8", "title": "Tranh chấp lô đất ở bản Mây Xanh", "date": "2061-03-22", "source": "Báo Thử nghiệm",
    "text": "Ông Lò Văn Pả, trú tại bản Mây Xanh, xã Tà Lèng viết đơn phản ánh việc lô đất của gia đình bị chiếm dụng.\n\n"
            "Theo đơn ông Pả, năm 2040, gia đình ông với ông Vàng A Chử, sinh năm 2001, ông Sùng Văn Dợ, sinh năm 2003 "
            "cùng khai hoang được một lô đất tại bản Nậm Ca, xã Tà Lèng.\n\n"
            "Tuy nhiên, đoàn xác minh chỉ có cán bộ địa chính là ông Hà Văn Sơn, đại diện các bên liên quan có ông Lò "
            "Văn Pả, ông Giàng A Páo và ông Mùa A Lử."}


def test_a_form_of_address_is_no_word_that_frames_the_asked_slot(tmp_path):
    """"gia đình ông đã cùng những ai khai hoang …": "ông" of the question frames nothing, so a list
    introduced after "ông" somewhere else is not the one framed as asked; the people the sentence says
    did it together with the family are."""
    answer = _indexed(tmp_path, [LAND_ARTICLE]).ask(
        "Theo đơn ông Lò Văn Pả ở bản Mây Xanh, năm 2040 gia đình ông đã cùng những ai khai hoang lô đất ở bản Nậm Ca?")
    assert _items(answer) == ["Vàng A Chử", "Sùng Văn Dợ"], answer.answer


TEA_RULES_ARTICLE = {
    "id": "ls-9", "title": "Tỉnh Lạc Sơn cải thiện môi trường trồng chè", "date": "2061-05-04", "source": "Báo Thử nghiệm",
    "text": "Tỉnh Lạc Sơn vừa tổng kết năm đầu thực hiện đề án phát triển vùng chè Mây Xanh.\n\n"
            "Năm 2060, tỉnh đã có nhiều giải pháp cải thiện các quy định về trồng chè và chế biến như sửa đổi Quy chế "
            "Trồng chè, Quy chế Vùng nguyên liệu Mây Xanh… hay việc bãi bỏ hàng chục thủ tục qua các quyết định, "
            "hướng dẫn và văn bản khác.\n\nNăm nay tỉnh tiếp tục rà soát các thủ tục còn lại."}


def test_a_name_made_of_the_questions_words_is_an_item_and_a_list_ends_at_its_ellipsis(tmp_path):
    """"những quy chế nào … về trồng chè": every word of "Quy chế Trồng chè" is the question's, but the
    question does not write them in a row — an item, not the question restated; the list ends at the
    ellipsis the sentence goes on after ("… hay việc bãi bỏ …, A và B" lists no more)."""
    answer = _indexed(tmp_path, [TEA_RULES_ARTICLE]).ask(
        "Năm 2060 tỉnh Lạc Sơn đã sửa đổi những quy chế nào để cải thiện các quy định về trồng chè và chế biến?")
    assert _items(answer) == ["Quy chế Trồng chè", "Quy chế Vùng nguyên liệu Mây Xanh"], answer.answer


REGION_ARTICLE = {
    "id": "ms-3", "title": "Vùng chè Mây Xanh mở rộng", "date": "2060-02-11", "source": "Báo Thử nghiệm",
    "text": "Theo kế hoạch được phê duyệt đầu năm 2060, Vùng chè Mây Xanh gồm các tỉnh: Lạc Sơn, Nam Định, Tà Lèng.\n\n"
            "Ban quản lý vùng đặt trụ sở tại thành phố Lạc Sơn."}


def test_an_item_whose_words_fold_like_the_questions_but_are_written_otherwise_is_listed(tmp_path):
    """"Nam Định" folds to words the question uses ("năm", "quy định") but is written otherwise: an item,
    not the question restated; a place the question writes itself ("Lạc Sơn") is still set aside."""
    answer = _indexed(tmp_path, [REGION_ARTICLE]).ask(
        "Theo quy định của kế hoạch năm 2060, Vùng chè Mây Xanh gồm những tỉnh nào ngoài Lạc Sơn?")
    assert _items(answer) == ["Nam Định", "Tà Lèng"], answer.answer


TA_LENG_VISIT_ARTICLE = {
    "id": "tl-9", "title": "Đoàn kiểm tra làm việc tại Tà Lèng", "date": "2061-06-02", "source": "Báo Thử nghiệm",
    "text": "Ngày 1/6, đoàn kiểm tra của tỉnh Lạc Sơn đã làm việc với các đơn vị gồm: Sở Tài chính, Văn phòng Tỉnh ủy, "
            "Ban Tổ chức Huyện ủy Tà Lèng.\n\nĐoàn sẽ báo cáo kết quả trong tháng 7."}


def test_an_item_whose_words_the_question_uses_apart_is_listed(tmp_path):
    """"Ban Tổ chức Huyện ủy Tà Lèng" after a question that says "Ban Tổ chức Tỉnh ủy" and "huyện Tà Lèng":
    its words are all the question's but not in a row there, so it restates nothing."""
    answer = _indexed(tmp_path, [TA_LENG_VISIT_ARTICLE]).ask(
        "Đoàn kiểm tra của Ban Tổ chức Tỉnh ủy Lạc Sơn đã làm việc với những đơn vị nào ở huyện Tà Lèng?")
    assert _items(answer) == ["Sở Tài chính", "Văn phòng Tỉnh ủy", "Ban Tổ chức Huyện ủy Tà Lèng"], answer.answer
