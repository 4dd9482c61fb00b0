"""Person candidates in news style ("Bộ trưởng Bộ Tư pháp X"), and who-holds-which-office answers
over a small index of an article written for this test."""
import json

import pytest

from assistant.candidates import candidates


def _people(text: str) -> list[tuple[str, str]]:
    return [(c.text, c.extra) for c in candidates(text, 0, len(text), {"person"}) if c.kind == "person"]


@pytest.mark.parametrize("text, expected", [
    ("Bộ trưởng Bộ Tư pháp Lê Thành Long khẳng định, qua phong trào thi đua.",
     [("Lê Thành Long", "Bộ trưởng Bộ Tư pháp")]),
    ("Sáng 1/11, Chủ tịch Quốc hội Nguyễn Thị Kim Ngân đã trao Huân chương.",
     [("Nguyễn Thị Kim Ngân", "Chủ tịch Quốc hội")]),
    ("Giám đốc Nguyễn Văn An đã phát biểu.", [("Nguyễn Văn An", "Giám đốc")]),  # no lower-case word in a name
    ("Bà Phan Thị Thu Trang, Chánh án Tòa án nhân dân tỉnh chủ trì hội nghị.",
     [("Phan Thị Thu Trang", "Chánh án Tòa án nhân dân tỉnh")]),  # the title ends before the verb
    ("Chủ tịch Tổng Liên đoàn Lao động Việt Nam Bùi Văn Cường tặng Kỷ niệm chương.",
     [("Bùi Văn Cường", "Chủ tịch Tổng Liên đoàn Lao động Việt Nam")]),  # "Tống" is a surname; this is a body
    ("Giám đốc Sở Tư pháp tỉnh Vĩnh Phúc cho biết năm nay khó khăn.", []),
    ("Đồng chí Trần Văn Thuật - Phó Chủ tịch Tổng LĐLĐVN - trò chuyện với các cá nhân.",
     [("Trần Văn Thuật", "Phó Chủ tịch Tổng LĐLĐVN")]),  # a dash before a lower-case word ends the title
    ("Có ông Kiều Văn Đạt – Phó Trưởng ban Thi đua – Khen thưởng tỉnh; đại diện các đơn vị.",
     [("Kiều Văn Đạt", "Phó Trưởng ban Thi đua – Khen thưởng tỉnh")]),  # a dash inside a body's name
    ("Ông Hồ Thanh Hà - Phó trưởng phòng Tài chính - Kế hoạch huyện được yêu cầu trả về đơn vị cũ.",
     [("Hồ Thanh Hà", "Phó trưởng phòng Tài chính - Kế hoạch huyện")]),
    ("Đại tướng Ngô Xuân Lịch, Ủy viên Bộ Chính trị, Phó Bí thư Quân ủy Trung ương, chủ trì hội nghị.",
     [("Ngô Xuân Lịch", "Ủy viên Bộ Chính trị")]),  # "Quân ủy Trung" is no name
    ("Ông Hoàng Văn Nam, Chủ tịch UBMTTQ tỉnh Hà Giang, đề nghị.", [("Hoàng Văn Nam", "Chủ tịch UBMTTQ tỉnh Hà Giang")]),
    ("Ông Nguyễn Thiện Nhân, Chủ tịch UBTƯ MTTQ Việt Nam khẳng định, Đoàn chủ tịch UBTƯ MTTQ Việt Nam đã họp.",
     [("Nguyễn Thiện Nhân", "Chủ tịch UBTƯ MTTQ Việt Nam")]),  # "UBTƯ MTTQ Việt Nam" is no name
    ("Chủ tịch Hội Nông dân tỉnh Lạc Sơn (HND) Đinh Quang Trọng phát biểu.",
     [("Đinh Quang Trọng", "Chủ tịch Hội Nông dân tỉnh Lạc Sơn (HND)")]),  # the body's abbreviation in brackets
    ("Chủ tịch UBND TP. Mây Xanh Lường Văn Dũng phát biểu.",
     [("Lường Văn Dũng", "Chủ tịch UBND TP. Mây Xanh")]),  # the dot of a level's abbreviation ends no body
    ("HĐND tỉnh bầu bổ sung chức danh Phó Chủ tịch UBND tỉnh Lạc Sơn đối với ông Lò Văn An.",
     [("Lò Văn An", "ông")]),  # an office "for" a person is not yet the person's title
])
def test_people_and_their_titles(text, expected):
    assert _people(text) == expected


def test_the_party_after_a_title_is_no_one_though_a_surname_folds_alike():
    text = "Dự có ông Lò Văn Khoa, Bí thư Ban Chấp hành Trung ương Đảng Cộng sản Lạc Sơn, và ông Đặng Văn Mây."
    assert [name for name, _ in _people(text)] == ["Lò Văn Khoa", "Đặng Văn Mây"]


ARTICLE = (
    "Sáng 5/10/2025, tại Hà Nội, Bộ Nội vụ tổ chức Đại hội Thi đua yêu nước ngành nội vụ lần thứ IV. "
    "Phát biểu tại đại hội, Chủ tịch Quốc hội Trần Minh Đạo nhấn mạnh vai trò của phong trào thi đua. "
    "Thứ trưởng Bộ Nội vụ Lê Quang Vinh đã phát động phong trào thi đua giai đoạn 2025–2030. "
    "Bộ trưởng Bộ Nội vụ Nguyễn Hữu Phong khẳng định toàn ngành sẽ tiếp tục đổi mới công tác cán bộ. "
    "Dịp này, Chủ tịch Quốc hội Trần Minh Đạo đã trao Huân chương Lao động hạng Nhất cho ngành nội vụ. "
    "Trong nhiệm kỳ, toàn ngành đã tinh giản 1.250 biên chế công chức hành chính cấp tỉnh. "
    "Phát biểu chào mừng, ông Hoàng Văn Nam, Chủ tịch UBMTTQ tỉnh Hà Giang, đề nghị các cấp Mặt trận "
    "tăng cường giám sát việc tinh giản biên chế. Gần 300 lượt đại biểu (ĐB) đã đăng ký tham luận và 87 ĐB "
    "đã trực tiếp phát biểu. Dịp này, Phó Thủ tướng Lê Văn Hòa trao Bằng khen của Thủ tướng Chính phủ cho "
    "Giám đốc Sở Nội vụ tỉnh Hà Giang Đỗ Minh Tâm."
)


@pytest.fixture(scope="module")
def news_index(tmp_path_factory):
    from assistant import Assistant

    folder = tmp_path_factory.mktemp("news")
    src = folder / "news.jsonl"
    src.write_text(json.dumps({"id": "news-1", "title": "Đại hội Thi đua yêu nước ngành nội vụ lần thứ IV",
                               "date": "2025-10-05", "text": ARTICLE}, ensure_ascii=False) + "\n", encoding="utf-8")
    assistant = Assistant(folder / "idx", answerer="extractive")
    assistant.ingest([src])
    return assistant


@pytest.mark.parametrize("question, expected", [
    # the lead names the whole event and "Hà Nội", which is no person (a province's name is no bare name)
    ("Ai là Bộ trưởng Bộ Nội vụ phát biểu tại Đại hội Thi đua yêu nước ngành nội vụ?", "Nguyễn Hữu Phong"),
    ("Ai là Thứ trưởng Bộ Nội vụ?", "Lê Quang Vinh"),
    ("ai trao huan chuong lao dong hang nhat cho nganh noi vu", "Trần Minh Đạo"),
    ("Trong nhiệm kỳ, ngành nội vụ đã tinh giản bao nhiêu biên chế công chức hành chính?", "1.250 biên chế"),
    ("Ai là Chủ tịch Ủy ban Mặt trận Tổ quốc tỉnh Hà Giang?", "Hoàng Văn Nam"),  # the article writes "UBMTTQ"
    ("Who is the chairman of the Ha Giang Fatherland Front Committee?", "Hoàng Văn Nam"),
    ("Có bao nhiêu đại biểu đã trực tiếp phát biểu tại đại hội?", "87 ĐB"),
    ("Ai trao Bằng khen của Thủ tướng Chính phủ cho Giám đốc Sở Nội vụ tỉnh Hà Giang?", "Lê Văn Hòa"),
])
def test_news_style_facts_are_read_from_their_sentence(news_index, question, expected):
    """An article in news style (offices before names, abbreviations, counts): the reader answers
    with the sentence that states the fact, cited exactly."""
    answer = news_index.ask(question)
    assert not answer.abstained, question
    assert expected in answer.answer[:400], (question, answer.answer)
    assert any(expected in c.quote for c in answer.citations)
    for c in answer.citations:
        assert ARTICLE[c.start:c.end] == c.quote


@pytest.mark.xfail(strict=True, reason="known limit: near-miss questions (another city, year, detail) are "
                                       "seldom refused at ≤ 5 % false abstention (docs/evaluation.md)")
def test_a_question_about_another_city_abstains(news_index):
    assert news_index.ask("Who is the chairman of the Danang Fatherland Front Committee?").abstained


@pytest.mark.parametrize("text, expected", [
    ("Chủ tịch nước đã đi thăm tỉnh Phúc Kiến, địa phương duyên hải.", ["tỉnh Phúc Kiến"]),
    ("Năm 2020, UBND huyện Tân Sơn làm Trưởng cụm, UBND huyện Yên Lập làm Phó cụm.",
     ["UBND huyện Tân Sơn", "UBND huyện Yên Lập"]),
    ("Bí thư Tỉnh ủy Quảng Ninh dự hội nghị tại TP. Hạ Long.", ["TP. Hạ Long"]),  # "Tỉnh ủy" is a body
    # an urban district or ward known by its number; not a number that goes on ("quận 1/5", "phường 3.2")
    ("Dự án đi qua quận 7 và Phường 12 của thành phố Lạc Sơn.", ["quận 7", "Phường 12", "thành phố Lạc Sơn"]),
    ("Tỷ lệ ở quận 1/5 số hộ, phường 3.2 điểm.", []),
    # a province or a country named without its level; not in an organisation's name or a person's
    ("Đoàn đã đến Cà Mau, Sơn La và Lào; Tỉnh ủy Kon Tum, ông Văn Đức cùng dự.", ["Cà Mau", "Sơn La", "Lào"]),
    ("Anh cho biết Hà Nam Ninh là tên cũ.", []),  # the pronoun; the start of a longer name
    ("Theo ông Đức, Nga và Lào đã ký; chị Nga không dự.", ["Nga", "Lào"]),  # a person's given name
])
def test_localities(text, expected):
    found = sorted((c.start, c.text) for c in candidates(text, 0, len(text), {"locality", "named_place"})
                   if c.kind in ("locality", "named_place"))
    assert [t for _, t in found] == expected


@pytest.mark.parametrize("text, expected", [
    ("Chương trình diễn ra vào 20h00 ngày 20.5.2017 tại Hà Nội.", ["ngày 20.5.2017"]),
    ("Phiên thảo luận ngày 9-6 kết thúc muộn.", ["ngày 9-6"]),
    ("Tỷ lệ đạt 97.3 phần trăm.", []),
    ("Lễ khánh thành tổ chức sáng ngày 14 tháng 8 năm 2016 ở bến cảng.", ["sáng ngày 14 tháng 8 năm 2016"]),
    ("Đợt hai bắt đầu ngày 5 tháng 11, kéo dài đến tháng 2 năm 2020.", ["ngày 5 tháng 11", "tháng 2 năm 2020"]),
    # a day and month without "ngày": after a time of day, or after "từ / đến" where the clause ends
    ("Quy chế có hiệu lực từ 1-7, thay quy chế cũ.", ["1-7"]),
    ("Chiều 12-3, hội nghị bế mạc.", ["Chiều 12-3"]),
    ("Mỗi tổ từ 5-7 người, tỷ số 3-2.", []),
    # a whole day, month and year needs no "ngày"; "ngày:" on a form
    ("Họ và tên: HÀ VĂN TÂM. Sinh ngày: 3.9.1971; vào Đảng 19-5-1995.", ["ngày: 3.9.1971", "19-5-1995"]),
    ("Tỷ số 3.9, mục 2.13.2014 của phụ lục.", []),
])
def test_dates_written_with_dots_and_dashes(text, expected):
    assert [c.text for c in candidates(text, 0, len(text), {"date"}) if c.kind == "date"] == expected


@pytest.mark.parametrize("text, expected", [
    ("Hội đồng thông qua 97/120 kiến nghị.", [("number", "97/120 kiến nghị")]),
    ("Đã có 38/54 xã đạt chuẩn.", [("number", "38/54 xã đạt chuẩn")]),  # a number's noun: up to three words
    ("Lễ ra mắt ngày 3/4, kế hoạch đến tháng 8/2021.", [("date", "ngày 3/4"), ("date", "tháng 8/2021")]),
])
def test_a_part_of_a_whole_is_a_number_not_a_date(text, expected):
    found = candidates(text, 0, len(text), {"date", "number"})
    assert [(c.kind, c.text) for c in found if c.kind == "date" or "/" in c.text] == expected


def test_the_day_month_or_year_of_a_date_is_no_count():
    # "ngày 12 - 14/8/2024", "ngày 3", "tháng 9", "năm 2024": parts of dates, not numbers of things
    text = "Từ ngày 12 - 14/8/2024 và ngày 3 tháng 9 năm 2024, tại Hòa An có 215 hộ dân được hỗ trợ trong 3 ngày."
    found = [c.text for c in candidates(text, 0, len(text), {"number"})]
    assert [f.split()[0] for f in found] == ["215", "3"], found


def test_a_documents_number_and_sign_after_its_noun_is_a_directive_candidate():
    text = "Huyện triển khai theo Công văn số 215/UBND-NN ngày 3/4/2023 của UBND huyện Mường Khoa."
    found = [c.text for c in candidates(text, 0, len(text), {"directive"})]
    assert found and found[0].startswith("Công văn số 215/UBND-NN")


def test_a_province_is_no_bare_name_though_it_opens_with_a_surname():
    text = "Sáng nay tại Hà Giang, Hà Văn Khải và Lò Thị Mai dự lễ; đoàn đến Hòa Bình."
    names = [c.text for c in candidates(text, 0, len(text), {"name"}) if c.kind == "name"]
    assert names == ["Hà Văn Khải", "Lò Thị Mai"]


def test_tu_is_four_only_after_muoi():
    """"tư" is the syllable of "đầu tư", "Tư pháp": a count only in "hai mươi tư"."""
    from assistant.candidates import candidates

    def numbers(text):
        return [c.text for c in candidates(text, 0, len(text), {"number"})]

    assert numbers("Các đơn vị đóng góp đầu tư thì sẽ giảm mức đầu tư; Sở Tư pháp chủ trì.") == []
    assert numbers("Có hai mươi tư đơn vị tham gia") == ["hai mươi tư đơn vị tham"]
    assert numbers("Bốn huyện và ba xã")[0].startswith("Bốn huyện")


@pytest.mark.parametrize("text, expected", [
    # heads of national bodies, state groups, the press and associations
    ("Tổng cục Thuế, Tập đoàn Điện lực Lạc Sơn và Thông tấn xã Việt Nam cùng ký kết.",
     ["Tổng cục Thuế", "Tập đoàn Điện lực Lạc Sơn", "Thông tấn xã Việt Nam"]),
    ("Tổng Liên đoàn Lao động Việt Nam phối hợp với Hiệp hội Chè Lạc Sơn, Báo Lạc Sơn.",
     ["Tổng Liên đoàn Lao động Việt Nam", "Hiệp hội Chè Lạc Sơn", "Báo Lạc Sơn"]),
    # "Báo cáo", "Báo chí", "Bảo vệ" are words, not a newspaper; "Bảo hiểm xã hội", "Bảo tàng" are bodies
    ("Báo cáo nêu rõ. Báo chí đưa tin. Bảo vệ rừng là nhiệm vụ.", []),
    ("Bảo hiểm xã hội Việt Nam và Bảo tàng Lạc Sơn ký kết.", ["Bảo hiểm xã hội Việt Nam", "Bảo tàng Lạc Sơn"]),
    # the nation's bodies; a name ends where a person's begins or a document's number; an office is no
    # body, a law's name no organisation
    ("Ủy ban Thường vụ Quốc hội, Chính phủ và Ủy ban Kiểm tra Trung ương ban hành quy chế.",
     ["Ủy ban Thường vụ Quốc hội", "Chính phủ", "Ủy ban Kiểm tra Trung ương"]),
    ("Bộ trưởng Bộ Tư pháp Lê Văn An và Chủ tịch UBND huyện Lạc Sơn Trần Bình dự.", ["Bộ Tư pháp", "UBND huyện Lạc Sơn"]),
    ("Theo Luật Công an nhân dân và Luật Hợp tác xã, Hội Nông dân Lạc Sơn số 12/2020 thực hiện.",
     ["Hội Nông dân Lạc Sơn"]),
    # a trade union is a body; "công đoạn" (a stage of work), folded alike, is none
    ("Hội diễn do Công đoàn Viên chức tỉnh Lạc Sơn phối hợp với Sở Văn hóa tổ chức.",
     ["Công đoàn Viên chức tỉnh Lạc Sơn", "Sở Văn hóa"]),
    ("Công đoạn sấy chè mất ba giờ.", []),
    # a long name of thirteen syllables is one name
    ("Đoàn Chủ tịch Ủy ban Trung ương Hội Nông dân tỉnh Lạc Sơn Mới và Chính phủ đã ký.",
     ["Đoàn Chủ tịch Ủy ban Trung ương Hội Nông dân tỉnh Lạc Sơn Mới", "Chính phủ"]),
    # national bodies without a head word of their own
    ("Thanh tra tỉnh Lạc Sơn phối hợp với Kiểm toán Nhà nước và Cảnh sát biển Việt Nam.",
     ["Thanh tra tỉnh Lạc Sơn", "Kiểm toán Nhà nước", "Cảnh sát biển Việt Nam"]),
    # a province written with a dash inside is one place of one name
    ("Cục Thuế tỉnh Bà Rịa - Vũng Tàu và Sở Y tế tỉnh Thừa Thiên - Huế bị kiểm tra; Sở Y tế tỉnh Lạc Sơn – Đơn vị "
     "dẫn đầu.", ["Cục Thuế tỉnh Bà Rịa - Vũng Tàu", "Sở Y tế tỉnh Thừa Thiên - Huế", "Sở Y tế tỉnh Lạc Sơn"]),
    # the central body of an association or of the Youth Union
    ("Báo Lạc Sơn và Trung ương Hội Nông dân Mây Xanh ký kết; Trung ương Đoàn Suối Bạc cùng dự.",
     ["Báo Lạc Sơn", "Trung ương Hội Nông dân Mây Xanh", "Trung ương Đoàn Suối Bạc"]),
    # a head of two syllables written with other tone marks is a name's ("Thanh Trà"), not the head's
    ("Đồng chí Lò Thị Thanh Trà nhận định, Thanh tra tỉnh Lạc Sơn đã kết luận.", ["Thanh tra tỉnh Lạc Sơn"]),
    # ... and so is a head of one ("Bản ghi nhớ", "Số 5", "Viên"), but not without tone marks
    ("Theo Bản ghi nhớ với Sở Nội vụ, trụ sở tại Số 5 Hoà An, Viên chức của Bộ Y tế đã tới.", ["Sở Nội vụ", "Bộ Y tế"]),
    ("Theo So Noi vu, Ban Dan van va Bo Y te, viec nay da xong.", ["So Noi vu", "Ban Dan van", "Bo Y te"]),
    # ... but a long run that ends in lower-case words ran on past the name: none, or one inside it
    ("Hội đồng nhân dân các cấp nhiệm kỳ 2016-2020 đảm bảo dân chủ.", []),
    ("Sở Tư pháp và Chánh Văn phòng Ủy ban nhân dân cấp tỉnh cùng dự.", ["Văn phòng Ủy ban nhân dân cấp tỉnh"]),
])
def test_organisations_by_their_head(text, expected):
    assert [c.text for c in candidates(text, 0, len(text), {"organisation"}) if c.kind == "organisation"] == expected


def test_organisation_names_end_before_a_verb_or_adverb():
    from assistant.candidates import organisation_spans
    from corpus.normalize import fold_aligned

    def orgs(text: str) -> list[str]:
        return [text[s:e] for s, e in organisation_spans(text, fold_aligned(text))]

    text = ("Sở Văn hóa tỉnh Hòa An yêu cầu Công ty TNHH Sao Mai và Công ty Cổ phần Biển Xanh không tổ chức "
            "lễ hội trên bãi biển.")
    assert orgs(text) == ["Sở Văn hóa tỉnh Hòa An", "Công ty TNHH Sao Mai", "Công ty Cổ phần Biển Xanh"]
    assert orgs("Báo Hòa An đưa tin về lễ hội.") == ["Báo Hòa An"]
    assert orgs("Ủy ban nhân dân huyện Đông Sơn vừa công bố kết quả.") == ["Ủy ban nhân dân huyện Đông Sơn"]
    # a stop word inside a compound of the name does not end it
    assert orgs("Công ty Vật tư thiết bị điện đã nộp hồ sơ.") == ["Công ty Vật tư thiết bị điện"]
    assert orgs("Văn phòng đăng ký đất đai huyện Đông Sơn ký kết với ngân hàng.") == ["Văn phòng đăng ký đất đai huyện Đông Sơn"]
    # a lower-case word after the name's place (or after its level alone) goes on with the sentence
    assert orgs("Hội Nông dân tỉnh Hòa An phát động phong trào nuôi ong.") == ["Hội Nông dân tỉnh Hòa An"]
    assert orgs("Hội Cựu chiến binh huyện hướng dẫn hội viên làm hồ sơ.") == ["Hội Cựu chiến binh huyện"]
    assert orgs("Ban Tuyên giáo Huyện ủy phát hành tài liệu.") == ["Ban Tuyên giáo Huyện ủy"]
    assert orgs("Bảo hiểm xã hội huyện Đông Sơn thông báo lịch làm việc.") == ["Bảo hiểm xã hội huyện Đông Sơn"]
    assert orgs("UBND các quận huyện thực hiện việc rà soát.") == ["UBND các quận huyện"]
    # "tổ chức" after a one-word head says what the body does: no verb
    assert orgs("Ban tổ chức hội thi đã trao giải.") == ["Ban tổ chức hội thi"]
    assert orgs("Sở Văn hóa tổ chức hội thi.") == ["Sở Văn hóa"]


def test_a_quotation_keeps_the_straight_quotes_inside_it():
    text = 'Giải nhất thuộc về loạt bài “Đứng dậy từ vùng "đất chết"” (Báo Lạc Sơn) và phóng sự “Mùa nước nổi”.'
    assert [c.text for c in candidates(text, 0, len(text), {"quote"})] == ['Đứng dậy từ vùng "đất chết"', "Mùa nước nổi"]
    plain = 'Phong trào "Dân vận khéo" và “Ngày thứ Bảy tình nguyện”.'
    assert [c.text for c in candidates(plain, 0, len(plain), {"quote"})] == ["Dân vận khéo", "Ngày thứ Bảy tình nguyện"]


def test_a_quotation_closed_by_the_straight_quote_of_the_one_inside_it_ends_there():
    # the writer closed “… "đất chết" with the inner quotation's mark: the next “ opens another
    text = 'Giải nhất thuộc về loạt bài “Đồi chè trên vùng "đất chết" (Báo Lạc Sơn) và phóng sự “Mùa nước nổi” (Báo Mây Xanh).'
    assert [c.text for c in candidates(text, 0, len(text), {"quote"})] == ['Đồi chè trên vùng "đất chết"', "Mùa nước nổi"]
    last = 'Phóng sự “Mùa nước nổi” và loạt bài “Đồi chè trên vùng "đất chết" (Báo Lạc Sơn).'
    assert [c.text for c in candidates(last, 0, len(last), {"quote"})] == ["Mùa nước nổi", 'Đồi chè trên vùng "đất chết"']


def test_a_province_after_an_office_and_its_body_is_no_name():
    # "Thái" is a surname, "Thái Nguyên" a province: the body's place, not the holder
    text = "Chánh Thanh tra Sở Xây dựng Thái Nguyên mong muốn lực lượng được tăng cường."
    assert [c.text for c in candidates(text, 0, len(text), {"person"}) if c.kind == "person"] == []
    named = "Chánh Thanh tra Sở Xây dựng Lạc Sơn Thái Văn Bình phát biểu."
    assert [c.text for c in candidates(named, 0, len(named), {"person"}) if c.kind == "person"] == ["Thái Văn Bình"]


def test_titles_written_before_each_name_are_not_the_previous_persons():
    text = ("Dự có Phó Chủ tịch tỉnh, Giám đốc Sở Tài chính Nguyễn Văn Mây, Bí thư Huyện ủy Mây Xanh Đinh Văn Hòa, "
            "Giám đốc Sở Nội vụ Mai Thị Hạnh.")
    assert _people(text) == [("Nguyễn Văn Mây", "Giám đốc Sở Tài chính"),
                             ("Đinh Văn Hòa", "Bí thư Huyện ủy Mây Xanh"), ("Mai Thị Hạnh", "Giám đốc Sở Nội vụ")]


def test_a_photos_credit_is_no_one_the_article_reports_on():
    for text in ("Hội nghị tuyên truyền Đại hội XVI (ảnh Mai Hạnh).", "Quang cảnh hội nghị. (Ảnh: Đinh Văn Mây)",
                 "Ảnh: Lò Văn Khoa"):
        names = [c.text for c in candidates(text, 0, len(text), {"person", "name"})]
        assert not any(n.endswith(("Mai Hạnh", "Đinh Văn Mây", "Lò Văn Khoa")) for n in names), (text, names)
    text = "Ông nhận bức ảnh Lò Văn Khoa tặng."  # a photo of someone, no credit
    assert [c.text for c in candidates(text, 0, len(text), {"name"}) if c.kind == "name"] == ["Lò Văn Khoa"]


def test_the_next_name_after_a_comma_is_no_title():
    text = ("Nhóm gồm 3 thành viên là: đồng chí Lò Văn Khoa, Mai Thị Hạnh, Đinh Công Tráng. Ông Tống Văn Lực, "
            "Tổng giám đốc Công ty Suối Bạc, cho biết.")
    assert _people(text) == [("Lò Văn Khoa", "đồng chí"), ("Tống Văn Lực", "Tổng giám đốc Công ty Suối Bạc")]


def test_a_title_after_a_name_ends_at_a_verb_written_in_lower_case():
    # "Đảng" folds like the verb "đang", "tham mưu" starts like "tham dự": words of the title
    text = ("Dự có Thiếu tướng Lò Văn Khoa, Bí thư Trung ương Đảng, Chủ nhiệm Tổng cục Hậu cần; Đại tá Mai Văn Hòa, "
            "Tổng tham mưu trưởng; ông Đinh Văn Mây, Giám đốc Sở Nội vụ đang phát biểu.")
    assert _people(text) == [("Lò Văn Khoa", "Bí thư Trung ương Đảng"), ("Mai Văn Hòa", "Tổng tham mưu trưởng"),
                             ("Đinh Văn Mây", "Giám đốc Sở Nội vụ")]


def test_the_party_is_no_bare_name():
    text = "Dự có các đồng chí: Lò Văn Khoa, Ủy viên Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam; Mai Thị Hạnh."
    names = [c.text for c in candidates(text, 0, len(text), {"name"}) if c.kind == "name"]
    assert "Lò Văn Khoa" in names and not any(n.startswith("Đảng") for n in names)


def test_family_names_that_fold_like_common_words_are_known_as_written():
    # "Trương" folds like "trường", "Đào" like "đạo": after an office and its body they open a name
    text = ("Dự có Phó Thủ tướng Thường trực Chính phủ Trương Văn Mây; Chủ nhiệm Văn phòng Chủ tịch nước Đào Thị "
            "Suối; Bộ trưởng Bộ Ngoại giao Hàn Quốc phát biểu.")
    assert _people(text) == [("Trương Văn Mây", "Phó Thủ tướng Thường trực Chính phủ"),
                             ("Đào Thị Suối", "Chủ nhiệm Văn phòng Chủ tịch nước")]
    from assistant.candidates import is_surname
    assert is_surname("Trương") and is_surname("Đào") and is_surname("Nguyễn") and is_surname("Nguyen")
    # the common words, and a family name that opens a country's name, are not
    assert not any(is_surname(w) for w in ("Trường", "Đạo", "Hàn", "Truong"))


def test_an_ambassador_is_an_office_before_a_name():
    text = "Dự có Bộ trưởng Bộ Nội vụ Trương Văn Mây, Đại sứ Việt Nam tại Lào Lê Thị Suối cùng lãnh đạo một số bộ."
    assert _people(text) == [("Trương Văn Mây", "Bộ trưởng Bộ Nội vụ"), ("Lê Thị Suối", "Đại sứ Việt Nam tại Lào")]


def test_a_title_ends_at_its_bodys_place_before_a_lower_case_word():
    text = ("Đoàn gồm ông Lò Văn Khoa – Phó Chủ tịch UBND huyện - Trưởng đoàn; ông Mai Văn Hòa – Phó Chủ tịch UBND xã "
            "Suối Bạc tiến hành kiểm tra hoạt động khai thác tại khu vực xã.")
    assert _people(text) == [("Lò Văn Khoa", "Phó Chủ tịch UBND huyện - Trưởng đoàn"),
                             ("Mai Văn Hòa", "Phó Chủ tịch UBND xã Suối Bạc")]


def test_organisation_names_end_before_verbs_of_judging_and_preparing():
    def orgs(text):
        return [c.text for c in candidates(text, 0, len(text), {"organisation"}) if c.kind == "organisation"]

    assert orgs("Ban cán sự Đảng Chính phủ đánh giá cao đề xuất này.") == ["Ban cán sự Đảng Chính phủ"]
    assert orgs("Bộ Tư pháp chuẩn bị hồ sơ trình Chính phủ.")[:1] == ["Bộ Tư pháp"]
    assert orgs("Ký kết với Đài Truyền hình Lạc Sơn giai đoạn 2031-2035.") == ["Đài Truyền hình Lạc Sơn"]
    assert orgs("Ban Bí thư xem xét, quyết định.") == ["Ban Bí thư"]
    assert orgs("Tổng cục Mây Xanh hướng dẫn việc xử lý tài sản.") == ["Tổng cục Mây Xanh"]
    assert orgs("Ủy ban Thường vụ Quốc hội tổng hợp ý kiến cử tri.") == ["Ủy ban Thường vụ Quốc hội"]


def test_a_dash_between_two_parts_of_one_name_and_an_ellipsis_after_it():
    def orgs(text):
        return [c.text for c in candidates(text, 0, len(text), {"organisation"}) if c.kind == "organisation"]

    text = "Thành phố cần chỉ đạo Sở Quy hoạch – Kiến trúc, Sở Xây dựng, Sở Tài chính… tập trung rà soát."
    assert orgs(text) == ["Sở Quy hoạch – Kiến trúc", "Sở Xây dựng", "Sở Tài chính"]
    # two bodies, a person, and what is said of a body after its place are not one name
    assert orgs("Thông tư liên tịch của Bộ Tài chính – Bộ Công an ban hành.") == ["Bộ Tài chính", "Bộ Công an"]
    assert orgs("Sở Tư pháp - Giám đốc Lò Văn Khoa nói.") == ["Sở Tư pháp"]
    assert orgs("Công an tỉnh – Đơn vị anh hùng.") == ["Công an tỉnh"]
    assert orgs("Hội Nông dân – Ông Lò Văn Khoa cho biết.") == ["Hội Nông dân"]


def test_the_presidium_heads_a_body():
    text = "Báo cáo cho thấy Đoàn Chủ tịch UBTƯ MTTQ Việt Nam phối hợp với Sở Nội vụ tỉnh Lạc Sơn."
    assert [c.text for c in candidates(text, 0, len(text), {"organisation"}) if c.kind == "organisation"] == [
        "Đoàn Chủ tịch UBTƯ MTTQ Việt Nam", "Sở Nội vụ tỉnh Lạc Sơn"]


def test_a_police_force_and_the_navy_head_bodies():
    text = "Phối hợp có Cảnh sát Phòng cháy và Chữa cháy thành phố Lạc Sơn, Hải quân và Công an tỉnh."
    assert [c.text for c in candidates(text, 0, len(text), {"organisation"}) if c.kind == "organisation"] == [
        "Cảnh sát Phòng cháy và Chữa cháy thành phố Lạc Sơn", "Hải quân", "Công an tỉnh"]


def test_a_body_written_by_its_abbreviation_before_its_places_level_is_an_organisation():
    def orgs(text):
        return [c.text for c in candidates(text, 0, len(text), {"organisation"}) if c.kind == "organisation"]

    assert orgs("HND xã Tà Lèng, BHXH thị xã Đông Hà và CCB phường Mây Xanh cùng ký.") == [
        "HND xã Tà Lèng", "BHXH thị xã Đông Hà", "CCB phường Mây Xanh"]
    assert orgs("Lãnh đạo LĐLĐ huyện và Phòng Nông nghiệp huyện Tà Lèng đã ký quy chế.") == [
        "LĐLĐ huyện", "Phòng Nông nghiệp huyện Tà Lèng"]
    # a place's own abbreviation and a delegate's are no body; a longer name keeps the abbreviation inside
    assert orgs("Đoàn công tác của TP tỉnh Lạc Sơn gặp ĐB tỉnh Mây Xanh.") == []
    assert orgs("Ban Thường vụ LĐLĐ huyện đã họp.") == ["Ban Thường vụ LĐLĐ huyện"]
    # the person named after the body's place is no part of it
    assert orgs("Chủ tịch LĐLĐ tỉnh Lạc Sơn Hà Văn Sơn phát biểu.") == ["LĐLĐ tỉnh Lạc Sơn"]
    assert _people("Chủ tịch LĐLĐ tỉnh Lạc Sơn Hà Văn Sơn phát biểu.") == [("Hà Văn Sơn", "Chủ tịch LĐLĐ tỉnh Lạc Sơn")]
    assert orgs("Chương trình an sinh xã hội của huyện.") == []
