"""The answer-type registry: one module per type under assistant/answer_types/, and every step that
needs a type (question typing, typed spans, the reader's features, the short answer's display) asks
the registry rather than keeping its own table."""
from __future__ import annotations

import pkgutil
from dataclasses import dataclass

import pytest

from assistant import answer_types
from assistant.answer_types import AnswerType, display_span, is_typed, kinds_for, type_of
from assistant.question import analyse_question
from corpus.normalize import fold


def test_every_module_of_the_package_is_one_registered_type():
    modules = [m.name for m in pkgutil.iter_modules(answer_types.__path__)]
    registered = answer_types.answer_types()
    assert len(registered) == len(modules) >= 12
    assert [t.order for t in registered] == sorted(t.order for t in registered)
    assert all(isinstance(t, AnswerType) and t.kinds for t in registered)


@pytest.mark.parametrize("question, expected", [
    # the question word decides before the noun it also names
    ("Hội thảo về quản lý rừng ngập mặn diễn ra khi nào?", "date"),
    ("Nghị quyết về chuyển đổi số được ban hành khi nào?", "date"),
    ("Có bao nhiêu hợp tác xã tham gia chương trình?", "number"),
    ("Lễ ra quân tổ chức ở đâu?", "place"),
    # "chủ đề năm nào" asks for the year's theme, not for a year; "năm nào" alone asks for a year
    ("Kế hoạch của huyện Tà Lèng tiếp tục thực hiện chủ đề năm nào?", "theme"),
    ("Ke hoach cua huyen Ta Leng tiep tuc thuc hien chu de nam nao?", "theme"),
    ("Huyện Tà Lèng chọn khẩu hiệu năm nào cho phong trào?", "theme"),
    ("Huyện Tà Lèng ký giao ước thi đua năm nào?", "date"),
    # a document's noun asks for the document when the question word follows it closely
    ("Huyện Tà Lèng thực hiện theo chỉ thị nào?", "directive"),
    ("Quyết định thanh tra nào được ban hành cho huyện Tà Lèng?", "directive"),
    ("Sau một năm thực hiện Chỉ thị 07 của Tỉnh ủy Lạc Sơn, huyện Tà Lèng chọn những khâu đột phá nào?", "list"),
    ("Kế hoạch của huyện Tà Lèng đặt mục tiêu gì?", "other"),
    ("Hoi nghi so ket to chuc o dau?", "place"),
    ("Ai phát biểu tại đầu cầu Lạc Sơn?", "person"),         # "đầu cầu" (a video link's end) is no "đâu"
    ("Ai phat bieu tai dau cau Lac Son?", "person"),         # ... nor, written without tone marks, "dau cau"
    ("Doanh nghiệp nào ở Mây Xanh đầu tư vào chè?", "organisation"),
    ("Ông Lò Văn Páo giữ chức vụ gì?", "title"),
    ("Ông Lò Văn Páo dự lễ với cương vị gì?", "title"),
    ("Ai đang giữ chức Chủ tịch Hội Nông dân huyện Mường Khoa?", "person"),  # "ai" asks for the holder
    ("Người giữ chức Giám đốc Sở Y tế là ai?", "person"),
    ("What is Lo Van Pao's position?", "title"),
    ("Which post held by Lo Van Pao was mentioned?", "title"),
    ("What is the title of the article about rice exports?", "other"),
    ("Ai chủ trì buổi làm việc với ngư dân?", "person"),
    # people by their calling before "nào"; not a position, nor the province of its leaders
    ("Đại biểu Quốc hội nào chất vấn về cát tặc ở Lạc Sơn?", "person"),
    ("Vị lãnh đạo nào tiếp đoàn ngư dân Mường Khoa?", "person"),
    ("Cán bộ nào của xã Tà Lèng bị kỷ luật?", "person"),
    ("Vị trí nào được giao cho đội tuần tra?", "other"),
    ("Lãnh đạo tỉnh nào dự hội nghị ở Lạc Sơn?", "locality"),
    ("Hợp tác xã đặt trụ sở ở tỉnh nào trong vùng?", "locality"),
    ("Dự án thuộc huyện nào?", "locality"),
    ("Đơn vị nào dẫn đầu cụm thi đua miền núi?", "organisation"),
    ("Khau hieu cua dot phat dong la gi?", "theme"),
    ("Hợp tác xã Mường Khoa làm việc theo phương châm nào?", "theme"),  # a motto, as the glossary's "motto"
    ("Which directive guided the reform of the fishing fleet?", "directive"),
    ("Liệt kê các xã được công nhận nông thôn mới", "list"),
    ("Mùa lúa năm nay thế nào?", "other"),
    # a document's number is asked before any count ("số bao nhiêu", "số mấy")
    ("Hợp tác xã được thành lập theo quyết định số bao nhiêu của huyện Mường Khoa?", "document_number"),
    ("Cong van so may huong dan viec kiem ke rung?", "document_number"),
    ("Kế hoạch kiểm kê rừng có bao nhiêu nội dung?", "number"),
    ("Thỏa thuận giữa hai hợp tác xã có hiệu lực trong bao lâu?", "duration"),
    ("Hợp tác xã Mường Khoa được thành lập vào ngày cụ thể nào?", "date"),
    # "văn bản nào" (folded "ban nao") asks for a document, "ban nào" for a board
    ("Hợp tác xã Mường Khoa được thành lập theo văn bản nào của huyện?", "directive"),
    ("Ban nào của Huyện ủy Mường Khoa chủ trì hội nghị?", "organisation"),
    ("Bản đồ văn bản cổ của Mường Khoa là gì?", "other"),
    ("How often does the inspection team visit the forest?", "duration"),
    # the name of a post's holder or of a person; not the name of a programme
    ("Chánh Thanh tra Sở Xây dựng tỉnh Lạc Sơn tên là gì?", "person"),
    ("Giam doc Hop tac xa Muong Khoa ho ten day du la gi?", "person"),
    ("Chương trình của hợp tác xã có tên là gì?", "other"),
    # English: "which" of an office asks for a person; a "where" / "when" inside the question is a relative
    # clause, the question word that opens it decides
    ("Which Vice Chairwoman of the Lac Son women's union opened the fair?", "person"),
    ("Which provincial leader signed the plan for Muong Khoa?", "person"),
    ("Who cut the ribbon at the fair where the Muong Khoa cooperative showed its tea?", "person"),
    ("How many households joined the cooperative when it was set up?", "number"),
    ("When did the Muong Khoa cooperative open its shop?", "date"),
    ("In 2024, where did the fair take place?", "place"),
    # "quốc gia" after another noun says "national": the question asks for the policies; where it
    # heads its phrase it is a country
    ("Tại hội nghị ở Lạc Sơn, những chương trình, chính sách quốc gia nào được nêu?", "other"),
    ("Di tích quốc gia nào ở Mây Xanh được xếp hạng năm 2031?", "other"),
    ("Tỉnh Lạc Sơn ký thỏa thuận với những quốc gia nào?", "locality"),
    ("Quốc gia nào ký đầu tiên?", "locality"),
    ("Đoàn đã thăm 3 quốc gia nào?", "locality"),
    # one office before "nào" asks for its holder; "những … nào" of offices asks for a list
    ("Vị Phó Chủ tịch nào của Hội Nông dân Lạc Sơn cắt băng khai mạc hội chợ?", "person"),
    ("Sở Tư pháp đã cử Phó Giám đốc nào dự phiên họp ở Mây Xanh?", "person"),
    ("Bí thư nào chủ trì hội nghị ở Tà Lèng?", "person"),
    ("Sau phiên họp, UBND tỉnh Lạc Sơn có những Phó Chủ tịch nào?", "list"),
])
def test_questions_are_typed_through_the_registry(question, expected):
    assert type_of(fold(question)) == expected
    assert analyse_question(question).answer_type == expected


def test_kinds_typed_and_display_come_from_the_type_modules():
    assert kinds_for("person") == ("person", "name") and kinds_for("other") == ()
    assert is_typed("date") and not is_typed("list") and not is_typed("other")

    @dataclass
    class Span:
        kind: str
        text: str
        extra: str = ""

    assert display_span(Span("person", "Lò Văn Páo", "Chủ tịch Hội Nông dân")) == "Lò Văn Páo – Chủ tịch Hội Nông dân"
    assert display_span(Span("person", "Lò Văn Páo", "bí thư")) == "bí thư Lò Văn Páo"
    assert display_span(Span("person", "Lò Văn Páo", "ông")) == "Lò Văn Páo"
    assert display_span(Span("date", "ngày 5/6/2024")) == "ngày 5/6/2024"


def test_names_and_orders_must_be_distinct(monkeypatch):
    import importlib

    real = importlib.import_module
    clash = AnswerType(name="date", order=999, pattern=r"\bzzz\b", kinds=("date",))

    def fake_import(name, *args):
        module = real(name, *args)
        if name.endswith(".title"):
            return type("M", (), {"ANSWER_TYPE": clash})
        return module

    answer_types.answer_types.cache_clear()
    monkeypatch.setattr(importlib, "import_module", fake_import)
    try:
        with pytest.raises(RuntimeError, match="distinct"):
            answer_types.answer_types()
    finally:
        monkeypatch.undo()
        answer_types.answer_types.cache_clear()
    assert answer_types.get("title") is not None


def test_a_position_named_in_passing_is_not_asked_for():
    assert analyse_question("Ngoài cương vị đó, ông Páo còn làm Tổng Biên tập của tờ báo nào?").answer_type != "title"


def test_a_count_before_quoc_gia_still_asks_for_several_countries():
    assert analyse_question("Đoàn đã thăm 3 quốc gia nào?").wants_list
    assert analyse_question("Tỉnh Lạc Sơn ký với 2 quốc gia nào?").wants_list


def test_a_quoted_word_in_the_asked_noun_still_asks_for_several():
    # "những hành vi 'lạc' nào": the quotation marks around a word of the noun phrase are no break in it
    for quoted in ("Quy định nêu những hành vi 'lạc' nào?", "Quy định nêu những hành vi “lạc” nào?"):
        qa = analyse_question(quoted)
        assert qa.wants_list, quoted
        assert qa.asked_text == "quy dinh neu nhung hanh vi lac nao?"
    # an apostrophe within an English word is no quotation mark
    assert analyse_question("Which of the province's districts took part?").asked_text.count("province's") == 1
