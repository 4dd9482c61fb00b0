"""Enumeration reading on fictional sentences (no question set uses them): the asked item kind,
typed items, run-on bullet lines, items the question names dropped."""
from __future__ import annotations

import re

import pytest

from assistant.question import analyse_question
from assistant.reading.enumeration import asked_item_kind, asked_noun, enumerates, enumeration_span, read_enumeration
from corpus.normalize import fold, match_form


@pytest.mark.parametrize("question, kind", [
    ("Những cơ quan nào đã ký quy chế phối hợp với Sở Nội vụ tỉnh Lạc Sơn?", "organisation"),
    ("Khối thi đua Miền Núi gồm các đơn vị nào?", "organisation"),
    ("Nhung co quan nao ky ket chuong trinh phoi hop?", "organisation"),
    ("Which agencies signed the cooperation programme?", "organisation"),
    ("Hội nghị đã thông qua những dự thảo nào?", "document"),
    ("Những ai dự lễ ký kết?", "person"),
    ("Các đồng chí nào được bầu vào Ban chấp hành?", "person"),
    ("Chương trình được triển khai ở những huyện nào?", "locality"),
    ("Các phong trào thi đua nào được phát động?", "campaign"),
    ("Chương trình phối hợp gồm những nội dung nào?", None),
    ("Hai bên đã ký những văn kiện nào?", "document"),
    ("Khối thi đua gồm bao nhiêu đơn vị?", "organisation"),  # a count: its noun
    ("Giải thưởng trị giá bao nhiêu tiền?", None),
    ("Kể tên các đơn vị thuộc Sở Nội vụ được khen thưởng.", "organisation"),  # an imperative names its noun too
    ("Hợp tác xã xuất khẩu chè sang những nước nào?", "locality"),
    ("Những tổng công ty nhà nước nào được kiểm tra?", "organisation"),
    ("Những quận nào của thành phố Lạc Sơn được mở rộng?", "locality"),  # urban districts are places too
    ("Which wards took part?", "locality"),
    ("Nhà văn được tặng những giải thưởng nào?", "name"),  # works, awards, aliases: what quotes name
    ("Bộ phim nào đoạt giải?", "name"),
    ("Ông từng lấy những bí danh nào?", "name"),
    ("Cơ quan nào tổ chức lễ trao tặng?", "organisation"),  # "cơ quan" is no "quận"
    ("Những tướng lĩnh nào dự lễ duyệt binh?", "person"),  # people by their calling
    ("Các nghệ nhân nào được phong tặng danh hiệu?", "person"),
    ("Which experts joined the survey team?", "person"),
    ("Which three bodies signed the plan?", "organisation"),  # English: the noun after a count or an adjective
    ("Cát phân bổ ở lòng những con sông nào?", None),  # "sông" (folded "song") is no English song
    ("Which songs did the choir sing?", "name"),
    ("Which provincial departments hosted the fair?", "organisation"),
    ("Which leading Lac Son corporations did the delegation visit?", "organisation"),  # firms of any name
    ("Which two firms won the Muong Khoa tender?", "organisation"),
    ("Những Phó Chủ tịch UBND tỉnh Lạc Sơn nào dự hội nghị?", "person"),  # an office heading a long run
    ("What are the names of the three districts that joined the scheme?", "locality"),  # English list forms
    ("Who are the vice chairmen of the provincial council?", "person"),
    ("Who were the three founding members of the cooperative?", "person"),  # "who": people, whatever the noun
    ("Name the agencies that signed the plan.", "organisation"),
    ("List the documents the council passed.", "document"),
    ("What campaigns did the bloc launch?", "campaign"),
    ("Các trạm bơm của hợp tác xã Hòa An nào bị hỏng?", None),
])
def test_the_asked_item_kind_comes_from_the_questions_noun(question, kind):
    assert asked_item_kind(analyse_question(question)) == kind


def _texts(text, kind, asked=frozenset()):
    found = read_enumeration(text, 0, len(text), kind, set(asked))
    return [i.text for i in found.items]


def test_a_person_after_an_abbreviated_place_level_is_listed():
    # "UBND TP. Mây Xanh Lường Văn Dũng": the office's body goes on past "TP.", and the name that runs the
    # place into the person's is the person's
    text = ("Dự lễ có: Chủ tịch UBND tỉnh Lạc Sơn Lò Văn An; Chủ tịch UBND TP. Mây Xanh Lường Văn Dũng; "
            "Giám đốc Sở Y tế Hà Văn Bình.")
    assert _texts(text, "person") == ["Lò Văn An", "Lường Văn Dũng", "Hà Văn Bình"]


def test_a_body_written_for_several_levels_is_one_item():
    text = "Sở Giao thông chủ trì, phối hợp với Công an tỉnh Lạc Sơn, Sở Xây dựng, UBND quận, huyện, thị xã kiểm tra."
    assert _texts(text, "organisation") == ["Công an tỉnh Lạc Sơn", "Sở Xây dựng", "UBND quận, huyện, thị xã"]
    # a level that names a place is another body's
    text = "Tham dự có: Sở Y tế, UBND quận, huyện Mây Xanh và Sở Tài chính."
    assert "UBND quận" in _texts(text, "organisation")


def test_a_place_after_an_untyped_item_is_where_that_item_is():
    text = ("Đoàn kiểm tra công tác chuẩn bị tại các điểm thi gồm: điểm thi số 1 - Trường Chuyên Lạc Sơn, thành "
            "phố Mây Xanh, điểm thi số 5 - Trường Cao đẳng Mây Xanh và điểm thi số 9 - Trường Dân tộc nội trú.")
    assert _texts(text, None) == ["điểm thi số 1 - Trường Chuyên Lạc Sơn, thành phố Mây Xanh",
                                  "điểm thi số 5 - Trường Cao đẳng Mây Xanh", "điểm thi số 9 - Trường Dân tộc nội trú"]
    # a list of places stays one
    assert _texts("Đoàn đi qua: thành phố Mây Xanh, huyện Lạc Sơn, huyện Suối Bạc.", None) == [
        "thành phố Mây Xanh", "huyện Lạc Sơn", "huyện Suối Bạc"]


def test_a_part_between_semicolons_that_names_one_person_is_that_persons():
    text = ("Tham dự có các đồng chí: Lò Văn An, Phó Chủ tịch UBND tỉnh; Hà Văn Bình, Giám đốc Sở Y tế; thư ký "
            "cuộc họp, bà Đinh Thị Cúc.")
    assert _texts(text, "person") == ["Lò Văn An", "Hà Văn Bình", "Đinh Thị Cúc"]


def test_organisations_of_a_colon_list_are_read_and_other_words_dropped():
    text = ("Tham gia ký kết gồm: Công an tỉnh Lạc Sơn, Sở Tư pháp tỉnh Lạc Sơn, Tòa án nhân dân tỉnh Lạc Sơn "
            "và Viện Kiểm sát nhân dân tỉnh Lạc Sơn, với mục tiêu nâng cao hiệu quả phối hợp.")
    items = _texts(text, "organisation")
    assert items == ["Công an tỉnh Lạc Sơn", "Sở Tư pháp tỉnh Lạc Sơn", "Tòa án nhân dân tỉnh Lạc Sơn",
                     "Viện Kiểm sát nhân dân tỉnh Lạc Sơn"]


def test_an_organisation_the_question_names_is_not_an_item():
    text = "Sở Nội vụ tỉnh Lạc Sơn ký quy chế phối hợp với Ban Tổ chức Tỉnh ủy và Sở Tài chính tỉnh Lạc Sơn."
    items = _texts(text, "organisation", {"so", "noi", "vu", "tinh", "lac", "son", "ky", "quy", "che"})
    assert items == ["Ban Tổ chức Tỉnh ủy", "Sở Tài chính tỉnh Lạc Sơn"]


def test_a_list_runs_on_into_its_bullet_lines():
    text = ("Hội nghị thống nhất các nội dung sau:\n- Dự thảo Quy chế hoạt động của Cụm thi đua Đồi Chè;\n"
            "- Dự thảo Kế hoạch kiểm tra chéo năm 2024;\n- Dự thảo Chương trình công tác của Cụm.\nĐồng chí Lò Văn Páo phát biểu.")
    first_line_end = text.index("\n")
    start, end = enumeration_span(text, 0, first_line_end)
    assert text[start:end].endswith("Chương trình công tác của Cụm.")
    found = read_enumeration(text, 0, first_line_end, "document", set())
    assert [i.text for i in found.items] == ["Dự thảo Quy chế hoạt động của Cụm thi đua Đồi Chè",
                                            "Dự thảo Kế hoạch kiểm tra chéo năm 2024",
                                            "Dự thảo Chương trình công tác của Cụm"]


def test_a_colon_at_a_paragraph_end_introduces_the_list_in_the_next_paragraph():
    text = ("Để chào mừng đại hội, Cụm thi đua Suối Bạc đề ra một số nhiệm vụ trọng tâm như:\n\n"
            "Đẩy mạnh chuyển đổi số trong công tác văn thư; Thi đua hoàn thành chỉ tiêu thu ngân sách, phấn đấu vượt "
            "kế hoạch được giao; Thực hiện tốt quy chế dân chủ ở cơ sở.\n\nHội nghị bế mạc lúc 17 giờ.")
    first_end = text.index("\n")
    start, end = enumeration_span(text, 0, first_end)
    assert text[start:end].endswith("quy chế dân chủ ở cơ sở.")  # the next paragraph, not the one after it
    found = read_enumeration(text, 0, first_end, None, set(), noun="nhiem vu trong tam")
    assert [i.text for i in found.items] == [
        "Đẩy mạnh chuyển đổi số trong công tác văn thư",
        "Thi đua hoàn thành chỉ tiêu thu ngân sách, phấn đấu vượt kế hoạch được giao",  # whole: semicolons close it
        "Thực hiện tốt quy chế dân chủ ở cơ sở"]
    # a paragraph that is no list of parts, or a sentence that introduces nothing, runs on into nothing
    plain = "Cụm thi đua Suối Bạc cho biết:\n\nNăm nay các đơn vị đều hoàn thành nhiệm vụ."
    assert enumeration_span(plain, 0, plain.index("\n")) == (0, plain.index("\n"))
    told = "Cụm thi đua Suối Bạc đề ra ba nhiệm vụ.\n\nA; B; C."
    assert enumeration_span(told, 0, told.index("\n")) == (0, told.index("\n"))


def test_names_the_asked_noun_heads_beat_a_list_another_word_introduces():
    from assistant.reading.enumeration import noun_heads

    text = ("Cát tập trung ở lòng các sông Mây Xanh, Suối Bạc và Nậm Khê và ở các khu vực ven biển như: cửa Tà Lèng, "
            "bãi Đồi Chè.")
    assert [i.text for i in read_enumeration(text, 0, len(text), None, set(), noun="con song").items] == [
        "Mây Xanh", "Suối Bạc", "Nậm Khê"]
    # the noun itself just before the colon: that list is its own
    counted = "Các trường Mây Xanh và Suối Bạc đã sáp nhập, nay huyện có ba trường gồm: Tà Lèng, Đồi Chè, Nậm Khê."
    assert [i.text for i in read_enumeration(counted, 0, len(counted), None, set(), noun="truong").items] == [
        "Tà Lèng", "Đồi Chè", "Nậm Khê"]
    # a classifier's noun is also searched alone; not where the two words mean something else
    assert "song" in noun_heads("con song") and "xe" in noun_heads("chiec xe")
    assert "so" not in noun_heads("con so") and noun_heads("dia phuong") == {"dia phuong"}


def test_a_list_after_a_colon_keeps_its_case_from_its_second_item():
    # the first item after a colon is capitalised as a sentence is; the list's case is the second's
    text = ("Công đoàn huyện Mây Xanh tổ chức hàng chục hoạt động, như: Thi đấu kéo co, đẩy gậy, ném còn, "
            "hát dân ca… thu hút đông đảo đoàn viên.")
    assert _texts(text, None) == ["Thi đấu kéo co", "đẩy gậy", "ném còn", "hát dân ca"]
    # without a colon a change of case still ends a list ("Toàn diện, Bình đẳng, phù hợp với …")
    ended = "Hai bên hợp tác theo các nguyên tắc Toàn diện, Bình đẳng, phù hợp với luật pháp mỗi nước."
    assert "phù hợp với luật pháp mỗi nước" not in _texts(ended, None)


def test_the_plural_asked_noun_introduces_a_list_within_one_clause_of_a_longer_list():
    text = ("Chủ tịch tỉnh đề nghị Mây Xanh tăng nhập khẩu hàng nông sản, nhất là: chè, quế; khuyến khích doanh "
            "nghiệp đầu tư vào các lĩnh vực chế biến nông sản, du lịch cộng đồng, năng lượng sạch; mở thêm đường bay.")
    found = read_enumeration(text, 0, len(text), None, set(), noun="linh vuc")
    assert [i.text for i in found.items] == ["chế biến nông sản", "du lịch cộng đồng", "năng lượng sạch"]
    # two parts are no such list; nor a run to the sentence's end, which may qualify the noun
    two = "Hai bên hợp tác; tỉnh khuyến khích đầu tư vào các lĩnh vực chế biến nông sản, du lịch; mở đường bay."
    assert [i.text for i in read_enumeration(two, 0, len(two), None, set(), noun="linh vuc").items] != [
        "chế biến nông sản", "du lịch"]
    qualified = "Thanh tra phải tập trung vào các lĩnh vực quan trọng, dễ xảy ra tiêu cực, vi phạm, tham nhũng."
    assert "quan trọng" not in [i.text for i in read_enumeration(qualified, 0, len(qualified), None, set(),
                                                                 noun="linh vuc").items]


def test_a_noun_qualified_twice_is_the_asked_noun():
    question = analyse_question("Công đoàn huyện Mây Xanh tổ chức những hoạt động văn hóa, thể thao nào?")
    assert asked_noun(question) == "hoat dong van hoa"
    assert asked_noun(analyse_question("Hội nghị bàn những cơ quan, đơn vị nào?")) == "co quan"  # two nouns: the first


def test_people_of_a_list_with_titles():
    text = ("Dự buổi lễ có đồng chí Hà Văn Khải, Phó Chủ tịch UBND tỉnh Lạc Sơn; bà Nông Thị Mây, "
            "Giám đốc Sở Tư pháp và ông Lục Văn Sình, Chánh Văn phòng Đoàn ĐBQH tỉnh.")
    items = _texts(text, "person")
    assert items == ["Hà Văn Khải", "Nông Thị Mây", "Lục Văn Sình"]


def test_the_last_person_of_a_list_after_cung_or_hoac_is_an_item():
    text = ("Đoàn kiểm tra gồm ông Lê Văn An, Phó Chủ tịch UBND huyện, ông Trần Bình, Trưởng phòng TN&MT, "
            "cùng ông Hoàng Văn Cường, Phó Chủ tịch UBND xã tiến hành kiểm tra.")
    assert _texts(text, "person") == ["Lê Văn An", "Trần Bình", "Hoàng Văn Cường"]


def test_localities_and_nothing_else():
    text = "Mô hình được nhân rộng ra huyện Mường Khoa, huyện Tà Lùng và thị xã Nậm Cát trong năm 2024."
    assert _texts(text, "locality") == ["huyện Mường Khoa", "huyện Tà Lùng", "thị xã Nậm Cát"]


def test_a_sentence_without_items_of_the_kind_has_none():
    text = "Lễ ký kết diễn ra trang trọng tại hội trường lớn vào sáng thứ Hai."
    assert _texts(text, "organisation") == []


def test_untyped_items_after_a_colon_and_after_gom():
    text = "Hàng hóa không đạt bị xử lý theo ba cách: trả lại nơi gửi, hủy bỏ, đổi mục đích dùng."
    assert _texts(text, None) == ["trả lại nơi gửi", "hủy bỏ", "đổi mục đích dùng"]


def test_a_list_whose_case_changes_is_whole_when_its_count_says_so():
    # the parts' case changes ("Báo chí" → "xuất bản"): a list that ended, unless the count before the
    # colon says how many parts it has
    counted = "Đoàn khảo sát của huyện Mây Xanh làm việc ở cả 5 mảng: Nông nghiệp, thủy lợi, giao thông, Y tế và Giáo dục."
    assert _texts(counted, None) == ["Nông nghiệp", "thủy lợi", "giao thông", "Y tế", "Giáo dục"]
    ended = "Quy chế dựa trên ba nguyên tắc: Công khai, Minh bạch và Tự nguyện, gắn với kế hoạch của huyện Mây Xanh."
    assert _texts(ended, None) == ["Công khai", "Minh bạch", "Tự nguyện"]


def test_a_label_before_a_colon_introduces_no_list():
    """"Ảnh: …" / "Nguồn: …" is a caption, not an enumeration of what was asked."""
    text = "Ảnh: Minh Khôi Theo ông Lò Văn Pọng, Phó Chủ tịch UBND huyện Nậm Cát, hai bên thống nhất cao."
    assert read_enumeration(text, 0, len(text), None, set()).items == ()


def test_two_untyped_parts_after_giua_make_no_list_but_three_do():
    two = "Ông đánh giá cao các kế hoạch hợp tác giữa Nậm Cát và Mường Khoa thời gian qua, nhất là về giáo dục."
    assert not read_enumeration(two, 0, len(two), None, set()).introduced
    three = "Các nguyên tắc của đề án là công khai, minh bạch và bình đẳng."
    found = read_enumeration(three, 0, len(three), None, set())
    assert found.introduced and [i.text for i in found.items] == ["công khai", "minh bạch", "bình đẳng"]


@pytest.mark.parametrize("sentence, listing", [
    ("Huyện có nhiều nghề truyền thống, trong đó có dệt thổ cẩm, đan lát, rèn, làm giấy dó và nấu rượu men lá.", True),
    ("Sở Nội vụ tỉnh Lạc Sơn tổ chức lễ ký kết chương trình phối hợp giai đoạn 2024–2028 với Hội Cựu chiến binh.", False),
    ("Chiều 20/5, tại thành phố Lạc Sơn, ông Đinh Quang Trọng phát biểu khai mạc hội nghị tổng kết.", False),
])
def test_a_sentence_that_lists_things_whatever_their_kind(sentence, listing):
    assert enumerates(sentence) is listing


@pytest.mark.parametrize("question, several", [
    ("Hai bên đã thống nhất 3 nội dung hợp tác nào?", True),         # a count of two or more before the noun
    ("Hội nghị bàn về hai dự thảo quy chế nào?", True),
    ("Nhung hop tac xa nong nghiep vung cao nao da ky cam ket?", True),  # opens with "Những": far from "nào"
    ("Các đơn vị phối hợp với nhau như thế nào?", False),            # "như thế nào" asks how
    ("Bà Lò Thị Mai giữ chức vụ nào?", False),                       # "bà" is no "ba" (three)
    ("Năm 2019 đơn vị nào dẫn đầu khối thi đua?", False),            # "năm 2019" is a year, not five
    ("Ngày 12/4 đơn vị nào đăng cai hội nghị?", False),              # nor is a date's "4"
    ("Các bên ký kết tại tỉnh nào?", False),                         # one place, asked after a plural
    ("Đoàn công tác đã làm việc tại những huyện nào?", True),         # the plural marks the place noun itself
    ("Hợp tác xã xuất khẩu chè sang những nước châu Âu nào?", True),
    ("Đoàn kiểm tra làm việc với những tổng công ty nhà nước nào?", True),  # "nhà nước" is the state: not one place
    ("Which provincial departments signed the pledge?", True),        # English: words before the plural noun
    ("Which three bodies were inspected?", True),
    ("Which four road projects drew no bids?", True),                # a count before the noun: several
    ("What three harbours did the ferry link?", True),
    ("What are the two bridges that opened?", True),
    ("What share of the budget went to roads?", False),
    ("Nhà ở xã hội tại Lạc Sơn thiếu những gì?", True),                # "những gì": several things
    ("What campaigns did the bloc launch?", True),                       # "what" before a plural
    ("What are the names of the two bridges?", True),
    ("Who were the signatories?", True),
    ("Name the agencies that signed the plan.", True),
    ("What is the theme of the bloc?", False),
    ("What does the pact say about the border?", False),
    ("Who is the chairman of the bloc?", False),
    ("Which department hosted the meeting?", False),                  # one, asked in the singular
    # place nouns joined by a comma, or counted; a count that opens the question and "là gì"
    ("Tỷ lệ hộ nghèo giảm mạnh ở những huyện, thị xã nào của Lạc Sơn?", True),
    ("Đoàn kiểm tra làm việc tại ba xã nào của huyện Mây Xanh?", True),
    ("Bảy sở, ngành nào đã ban hành kế hoạch theo dõi thi hành pháp luật?", True),
    ("Ông Lò Văn Khoa nhắc tới ba phong trào thi đua trọng tâm nào?", True),
    ("Hai công trình được khởi công ở Suối Bạc trong tháng 5 là gì?", True),
    ("Cảng biển lớn thứ hai của vùng là cảng ở tỉnh nào?", False),      # "thứ hai" is second, not two
    ("Dịch bệnh kéo dài ba năm liền ở tỉnh nào?", False),               # three years, then one province
    ("Hai bên ký thỏa thuận tại thành phố nào?", False),                # the count is of the signers
    # English: a plural noun a few words after "which", not a relative clause's verb
    ("Which leading Dutch firms did the minister meet?", True),
    ("In which river beds is the sand found?", True),
    ("Which was the first province to sign the pact?", False),
    ("The pact, which was signed in May, set up which body?", False),
    ("Under which law will officials face votes of confidence?", False),  # the noun phrase ends at "will"
    ("Người nộp hồ sơ ở Lạc Sơn cần những giấy tờ gì?", True),          # "những … gì": several things
    ("Những lãnh đạo nào dự hội nghị tại đầu cầu Lạc Sơn?", True),       # "đầu cầu" asks no place
    ("Nhung lanh dao nao du hoi nghi tai dau cau Lac Son?", True),
    ("Trong những năm 1990, nhà máy ở Mây Xanh có tên là gì?", False),   # a decade, then one name
])
def test_which_questions_ask_for_several_things(question, several):
    assert analyse_question(question).wants_list is several


def test_organisations_listed_in_brackets_after_their_noun():
    text = ("Sở yêu cầu các lực lượng chức năng (Thanh tra Sở, Quản lý thị trường, Công an huyện) "
            "kiểm tra đột xuất các cửa hàng trong tháng tới.")
    found = read_enumeration(text, 0, len(text), "organisation", set())
    assert found.introduced
    assert [i.text for i in found.items] == ["Thanh tra Sở", "Quản lý thị trường", "Công an huyện"]
    # a caption or a day in brackets lists nothing, and untyped items are not read from brackets
    caption = "Lãnh đạo hai đơn vị ký kết (Ảnh: Minh Khoa) tại hội trường (thứ Ba, 12/4)."
    assert not read_enumeration(caption, 0, len(caption), "organisation", set()).introduced
    assert not read_enumeration(text, 0, len(text), None, set()).introduced


def test_a_bracket_that_lists_as_many_things_as_the_count_before_it_is_a_list_of_any_kind():
    text = ("Đến hết hạn, có 3 gói thầu của dự án có nhà đầu tư nộp hồ sơ (Đồi Mây - Khe Sấu, Bản Lác - "
            "Nà Hang, Hòa An - Suối Bạc) và 1 gói thầu chưa có.")
    found = read_enumeration(text, 0, len(text), None, set())
    assert found.introduced
    assert [i.text for i in found.items] == ["Đồi Mây - Khe Sấu", "Bản Lác - Nà Hang", "Hòa An - Suối Bạc"]
    quoted = "Xã Mây Xanh thực hiện phong trào “bốn sạch” (sạch nhà, sạch ngõ, sạch đồng và sạch nguồn nước)."
    assert [i.text for i in read_enumeration(quoted, 0, len(quoted), None, set()).items] == [
        "sạch nhà", "sạch ngõ", "sạch đồng", "sạch nguồn nước"]
    # a count that is not the bracket's length, a year, or no count at all: no list of any kind
    for other in ("Có 5 gói thầu có nhà đầu tư nộp hồ sơ (Đồi Mây, Bản Lác, Hòa An).",
                  "Năm 2019 xã triển khai (sạch nhà, sạch ngõ, sạch đồng) đều khắp.",
                  "Xã thực hiện phong trào (sạch nhà, sạch ngõ, sạch đồng) từ đầu năm."):
        assert not read_enumeration(other, 0, len(other), None, set()).introduced


def test_what_a_plural_subject_or_an_attendance_has_is_a_list_of_the_asked_kind():
    # names the recognisers do not know ("cờ" folds like "có": the list follows "có")
    text = "Các đơn vị nhận cờ có Trạm khí tượng Mây Xanh, Đội tàu Hòa An và Xưởng gỗ Suối Bạc."
    found = read_enumeration(text, 0, len(text), "organisation", set())
    assert found.introduced
    assert [i.text for i in found.items] == ["Trạm khí tượng Mây Xanh", "Đội tàu Hòa An", "Xưởng gỗ Suối Bạc"]
    attended = "Dự lễ có đại diện Sở Nội vụ, Sở Tài chính và Ban Dân tộc tỉnh Lạc Sơn."
    assert [i.text for i in read_enumeration(attended, 0, len(attended), "organisation", set()).items] == [
        "Sở Nội vụ", "Sở Tài chính", "Ban Dân tộc tỉnh Lạc Sơn"]
    # "du lịch", "dù" fold like "dự": no attendance ("có" after it lists nothing), in a sentence that
    # starts inside its article too
    tour = "Mở đầu. Du lịch tỉnh có Công viên Mây Xanh, Làng nghề Hòa An và Bến Suối Bạc."
    assert not read_enumeration(tour, 8, len(tour), "organisation", set()).introduced
    # "có" after a singular subject states what it has, and a bracket list comes first
    single = "Xã Mây Xanh có Hợp tác xã Hòa An và Công ty TNHH Suối Bạc làm đầu mối."
    assert not read_enumeration(single, 0, len(single), "organisation", set()).introduced
    both = ("Tỉnh đề nghị các lực lượng (Kiểm lâm, Công an, Quân sự) phối hợp, các sở có phương án "
            "bảo đảm vật tư, thiết bị, hậu cần.")
    assert [i.text for i in read_enumeration(both, 0, len(both), "organisation", set()).items] == [
        "Kiểm lâm", "Công an", "Quân sự"]


def test_an_untyped_list_ends_where_the_sentence_goes_on():
    text = ("Hai tỉnh hợp tác trong bốn lĩnh vực gồm giáo dục, y tế, du lịch, nông nghiệp công nghệ cao "
            "mà lãnh đạo hai bên đã nêu trong biên bản, đặc biệt là đào tạo nghề cho thanh niên.")
    assert _texts(text, None) == ["giáo dục", "y tế", "du lịch", "nông nghiệp công nghệ cao"]


def test_places_listed_after_gom_without_their_kind_word():
    text = "Tỉnh đã ký kết hợp tác với bốn tỉnh bạn gồm Điện Biên, Lai Châu, Sơn La, Hòa Bình trong năm qua."
    assert _texts(text, "locality")[:3] == ["Điện Biên", "Lai Châu", "Sơn La"]


def test_documents_separated_by_semicolons_are_read_whole():
    text = ("Hai bên đã ký các văn kiện gồm: Bản ghi nhớ về đào tạo cán bộ; Thỏa thuận hợp tác giữa tỉnh "
            "Lạc Sơn và tỉnh Ban Mai; Kế hoạch hợp tác năm 2020 giữa hai Bộ.")
    assert _texts(text, "document") == ["Bản ghi nhớ về đào tạo cán bộ",
                                        "Thỏa thuận hợp tác giữa tỉnh Lạc Sơn và tỉnh Ban Mai",
                                        "Kế hoạch hợp tác năm 2020 giữa hai Bộ"]


def test_a_pointing_words_la_introduces_a_list_but_a_lone_names_does_not():
    text = "Đó là Bản ghi nhớ về đào tạo cán bộ; Kế hoạch hợp tác năm 2020; Thỏa thuận về du lịch giữa hai tỉnh."
    found = read_enumeration(text, 0, len(text), "document", set())
    assert found.introduced
    assert [i.text for i in found.items][0] == "Bản ghi nhớ về đào tạo cán bộ"
    definition = "Mekongsoft là đơn vị cung cấp phần mềm, dịch vụ lưu trữ, tư vấn và đào tạo cho các trường."
    assert not read_enumeration(definition, 0, len(definition), None, set()).introduced


def test_offices_are_organisations_and_a_list_ends_at_its_purpose():
    assert asked_item_kind(analyse_question("Buổi gặp mặt gồm những văn phòng nào?")) == "organisation"
    text = "Hai huyện hợp tác trong các lĩnh vực gồm giáo dục, y tế, du lịch nhằm nâng cao đời sống người dân."
    assert _texts(text, None) == ["giáo dục", "y tế", "du lịch"]


def test_organisations_written_side_by_side_are_a_list_without_an_introduction():
    # subjects joined by commas, "và", "cùng", "phối hợp với": all of them act; names the recognisers do
    # not know ("Hợp tác xã Đồi Mây") are kept when capitalised and short; the run ends at the verb
    text = ("Sáng 3/4, Sở Nông nghiệp tỉnh Lạc Sơn, Tổng cục Chè và Trung tâm Khuyến nông tỉnh Lạc Sơn cùng "
            "Hợp tác xã Đồi Mây đã tổ chức hội nghị với các hộ trồng chè.")
    found = read_enumeration(text, 0, len(text), "organisation", set())
    assert found.introduced
    assert [i.text for i in found.items] == ["Sở Nông nghiệp tỉnh Lạc Sơn", "Tổng cục Chè",
                                            "Trung tâm Khuyến nông tỉnh Lạc Sơn", "Hợp tác xã Đồi Mây"]
    joined = "Hội thi do Sở Văn hóa tỉnh Lạc Sơn phối hợp với Hội Nông dân tỉnh Lạc Sơn và Báo Lạc Sơn tổ chức."
    assert _texts(joined, "organisation") == ["Sở Văn hóa tỉnh Lạc Sơn", "Hội Nông dân tỉnh Lạc Sơn", "Báo Lạc Sơn"]


def test_a_signer_and_a_partner_are_not_a_list():
    # a verb between two names ends the run: "A ký với B" is one signer and one partner
    text = "Sở Tư pháp tỉnh Lạc Sơn ký kết chương trình phối hợp với Hội Luật gia tỉnh Lạc Sơn."
    assert not read_enumeration(text, 0, len(text), "organisation", set()).introduced


def test_places_written_after_their_count_or_after_gom_are_split_at_va():
    counted = "Đoàn đã trao tặng 40 bộ máy tính cho các trường ở 3 huyện Mường Tè, Sìn Hồ và Phong Thổ - những nơi còn khó khăn."
    assert _texts(counted, "locality") == ["huyện Mường Tè", "Sìn Hồ", "Phong Thổ"]
    listed = "Cụm thi đua gồm Bắc Mây, Nam Mây, Đồi Chè và Suối Ngọc."
    assert _texts(listed, "locality") == ["Bắc Mây", "Nam Mây", "Đồi Chè", "Suối Ngọc"]


def test_a_department_named_for_what_it_organises_is_one_item():
    text = "Đoàn làm việc với các đơn vị, trong đó có Văn phòng Sở, Phòng tổ chức cán bộ, Thanh tra Sở Lạc Sơn."
    assert _texts(text, "organisation") == ["Văn phòng Sở", "Phòng tổ chức cán bộ", "Thanh tra Sở Lạc Sơn"]


def test_units_after_trong_do_co_are_an_enumeration():
    text = ("Đoàn giám sát sẽ làm việc với một số đơn vị trực thuộc, trong đó có Thanh tra Sở, Phòng Tổ chức, "
            "Trung tâm Dịch vụ việc làm tỉnh Lạc Sơn.")
    found = read_enumeration(text, 0, len(text), "organisation", set())
    assert found.introduced and len(found.items) == 3


def test_people_written_side_by_side_after_their_titles_are_a_list():
    # each name follows its title; the body's abbreviation in brackets belongs to the title
    text = ("Sáng 9/3, Chủ tịch UBND tỉnh Lạc Sơn Lò Văn Páo và Chủ tịch Ủy ban Mặt trận Tổ quốc (UBMTTQ) tỉnh Lạc Sơn "
            "Hà Thị Mai đã đồng chủ trì hội nghị.")
    found = read_enumeration(text, 0, len(text), "person", set())
    assert found.introduced and [i.text for i in found.items] == ["Lò Văn Páo", "Hà Thị Mai"]
    after = ("Dự lễ có ông Lò Văn Páo, Bí thư Huyện ủy Mường Mây; bà Hà Thị Mai, Giám đốc Sở Nội vụ "
             "và ông Đinh Quang Trọng, Chánh Văn phòng.")  # titles after the names
    found = read_enumeration(after, 0, len(after), "person", set())
    assert found.introduced and [i.text for i in found.items] == ["Lò Văn Páo", "Hà Thị Mai", "Đinh Quang Trọng"]
    apart = "Ông Lò Văn Páo gặp gỡ cử tri xã Nậm Cát và trao quà cho bà Hà Thị Mai."  # a verb between: no list
    assert not read_enumeration(apart, 0, len(apart), "person", set()).introduced


def test_an_abbreviations_dot_does_not_end_a_colon_list():
    text = ("Cụm thi đua gồm 04 địa phương: UBND TP. Lạc Sơn; UBND huyện Mường Mây; UBND huyện Đồi Chè; "
            "UBND huyện Suối Ngọc. Hội nghị đã bầu Trưởng cụm.")
    found = read_enumeration(text, 0, text.index(" Hội nghị"), "locality", set())
    assert found.introduced and len(found.items) == 4 and found.items[0].text == "UBND TP. Lạc Sơn"


def test_a_pointing_words_la_with_commas_only_is_no_list():
    said = ("Đây là cách làm mà chúng tôi đã áp dụng ở nhiều tỉnh”, bà Hà Thị Mai, Giám đốc Công ty Đồi Mây, "
            "cho biết.")
    assert not read_enumeration(said, 0, len(said), "organisation", set()).introduced
    listed = "Đó là Sở Nội vụ tỉnh Lạc Sơn; Sở Tài chính tỉnh Lạc Sơn; Hội Nông dân tỉnh Lạc Sơn."
    assert read_enumeration(listed, 0, len(listed), "organisation", set()).introduced


def test_people_with_their_offices_are_not_organisations():
    text = ("Dự hội nghị có các đồng chí: Thượng tướng Lò Văn Páo, Thứ trưởng Bộ Nội vụ; Ủy viên Ban Thường vụ "
            "Tỉnh ủy Hà Thị Mai; Sở Tư pháp tỉnh Lạc Sơn; Hội Nông dân tỉnh Lạc Sơn.")
    assert _texts(text, "organisation") == ["Sở Tư pháp tỉnh Lạc Sơn", "Hội Nông dân tỉnh Lạc Sơn"]


def test_the_body_of_an_office_is_no_item_of_a_sentence_that_introduces_no_list():
    text = ("Chiều 4/5, tại Nhà văn hóa huyện Mây Xanh, Ủy viên Ban Thường vụ Tỉnh ủy, Giám đốc Sở Tài chính "
            "tỉnh Lạc Sơn Hà Văn Tâm đã dự lễ ra mắt Hội Nông dân huyện Mây Xanh.")
    found = _texts(text, "organisation")
    assert "Sở Tài chính tỉnh Lạc Sơn" not in found and "Ban Thường vụ Tỉnh ủy" not in found
    assert "Hội Nông dân huyện Mây Xanh" in found


def test_bodies_that_share_a_head_written_once_are_each_an_item():
    text = ("UBND huyện Mây Xanh đã giao các phòng Nông nghiệp, Tư pháp và Hội Cựu chiến binh huyện "
            "hướng dẫn người dân làm hồ sơ.")
    found = read_enumeration(text, 0, len(text), "organisation", set())
    assert [i.text for i in found.items] == ["Phòng Nông nghiệp", "Phòng Tư pháp", "Hội Cựu chiến binh huyện"]
    assert found.introduced
    joined = "Dự buổi làm việc có lãnh đạo các sở Kế hoạch và Đầu tư, Nội vụ và Xây dựng tỉnh Lạc Sơn."
    assert _texts(joined, "organisation")[:3] == ["Sở Kế hoạch và Đầu tư", "Sở Nội vụ", "Sở Xây dựng tỉnh Lạc Sơn"]
    assert _texts("Các sở, ngành liên quan đã có mặt đầy đủ.", "organisation") == []


def test_organisations_are_not_read_as_places():
    text = ("Hội đã kết nối với các đối tác như: Tổ chức Nông nghiệp Đồi Mây, Hiệp hội Chè Lạc Sơn, Bắc Mây, "
            "Nam Mây.")
    assert _texts(text, "locality") == ["Bắc Mây", "Nam Mây"]


def test_a_noun_and_its_kind():
    from assistant.reading.enumeration import noun_kind

    assert noun_kind("quoc gia") == noun_kind("nuoc") == "locality"
    assert noun_kind("co quan bao chi") == "organisation"
    assert noun_kind("tap doan nha nuoc") == "organisation"  # "nhà nước", the state
    assert noun_kind("ty dong") is None


def test_a_quoted_word_of_the_asked_noun_is_part_of_it():
    assert asked_noun(analyse_question("Quy định nêu những hành vi 'lạc' nào?")) == "hanh vi lac"


def test_a_comma_or_va_inside_an_organisations_name_cuts_nothing():
    text = ("Dự lễ ký có đại diện các đơn vị gồm: Sở Văn hóa, Thể thao và Du lịch tỉnh Lạc Sơn, Sở Lao động - "
            "Thương binh và Xã hội tỉnh Lạc Sơn và Hội Nông dân tỉnh Lạc Sơn.")
    assert _texts(text, "organisation") == ["Sở Văn hóa, Thể thao và Du lịch tỉnh Lạc Sơn",
                                            "Sở Lao động - Thương binh và Xã hội tỉnh Lạc Sơn",
                                            "Hội Nông dân tỉnh Lạc Sơn"]
    # one such name after "trong đó có" is no list of two
    one = "Nhiều ca khúc được cấp phép, trong đó có bài của Sở Văn hóa, Thể thao và Du lịch, theo báo cáo."
    assert not read_enumeration(one, 0, len(one), "organisation", set()).introduced


def test_districts_listed_in_brackets_after_their_count():
    text = "Thành phố đề xuất sáp nhập 3 quận (quận 4, quận 8 và quận Bình Lạc) thành một quận mới."
    assert _texts(text, "locality") == ["quận 4", "quận 8", "quận Bình Lạc"]
    assert read_enumeration(text, 0, len(text), "locality", set()).introduced


def test_names_in_quotation_marks_side_by_side_are_a_list():
    text = ("Ông Lò Văn Mây được tặng Kỷ niệm chương “Vì sự nghiệp nông dân”, “Vì thế hệ trẻ” và Bằng khen "
            "của tỉnh.")
    found = read_enumeration(text, 0, len(text), "name", set())
    assert [i.text for i in found.items] == ["Vì sự nghiệp nông dân", "Vì thế hệ trẻ"] and found.introduced
    # two works apart in the sentence are found, but are no list written side by side
    apart = "Tác phẩm “Mùa gặt” của Báo Lạc Sơn và phóng sự “Đường lên bản” của Đài tỉnh đoạt giải."
    assert not read_enumeration(apart, 0, len(apart), "name", set()).introduced


def test_issuers_joined_by_spaced_dashes_are_a_list():
    text = ("Cần lưu ý Thông tư liên tịch số 05/2009 của Sở Tài chính tỉnh Lạc Sơn - Sở Tư pháp tỉnh Lạc Sơn - "
            "Tổng cục Chè về việc này.")
    found = read_enumeration(text, 0, len(text), "organisation", set())
    assert found.introduced
    assert [i.text for i in found.items] == ["Sở Tài chính tỉnh Lạc Sơn", "Sở Tư pháp tỉnh Lạc Sơn", "Tổng cục Chè"]
    # a dash that sets off a person's office is no join: one organisation is named after it
    aside = "Ông Lò Văn Mây - Giám đốc Sở Tư pháp tỉnh Lạc Sơn - phát biểu tại hội nghị của Sở Nội vụ."
    assert not read_enumeration(aside, 0, len(aside), "organisation", set()).introduced


def test_names_the_asked_noun_heads_side_by_side_are_the_list():
    from assistant.reading.enumeration import asked_name_head

    assert asked_name_head(analyse_question("Đoàn công tác đã kiểm tra những sở nào của tỉnh Lạc Sơn?")) == "so"
    assert asked_name_head(analyse_question("Những cơ quan nào đã ký kết?")) is None
    text = ("Đoàn công tác vừa báo cáo Thường trực Tỉnh ủy Lạc Sơn, Thường trực UBND tỉnh Lạc Sơn về kết quả "
            "kiểm tra Sở Y tế, Sở Tài chính và Sở Xây dựng trong việc thực hiện nhiệm vụ được giao.")
    found = read_enumeration(text, 0, len(text), "organisation", {"kiem", "tra"}, name_head="so")
    assert found.introduced and [i.text for i in found.items] == ["Sở Y tế", "Sở Tài chính", "Sở Xây dựng"]
    # names the noun heads here and there in a sentence are no list of them
    text = "Theo Bộ trưởng Bộ Y tế Trần Văn An, năm 2023 Bộ Y tế vẫn coi là năm cao điểm; Bộ Tài chính ủng hộ."
    found = read_enumeration(text, 0, len(text), "organisation", set(), name_head="bo")
    assert not found.introduced


def test_places_that_share_their_level_are_items_and_the_asked_level_is_kept():
    from assistant.reading.enumeration import asked_name_head

    assert asked_name_head(analyse_question("Đoàn đã kiểm tra những tỉnh nào?")) == "tinh"
    text = ("Đợt kiểm tra có 8 địa phương, trong đó có 6 địa phương gồm các tỉnh Lạc Sơn, Hòa An, Vân Thành; "
            "các huyện Mường Khoa (Lạc Sơn), Tà Lèng (Hòa An); xã Pà Cò (Vân Thành) và 2 đơn vị khác.")
    found = read_enumeration(text, 0, len(text), "locality", {"kiem", "tra"})
    assert [i.text for i in found.items][:5] == ["Lạc Sơn", "Hòa An", "Vân Thành", "Mường Khoa", "Tà Lèng"]
    found = read_enumeration(text, 0, len(text), "locality", {"kiem", "tra"}, name_head="tinh")
    assert [i.text for i in found.items] == ["Lạc Sơn", "Hòa An", "Vân Thành"]
    found = read_enumeration(text, 0, len(text), "locality", {"kiem", "tra"}, name_head="huyen")
    assert [i.text for i in found.items] == ["Mường Khoa", "Tà Lèng"]


def test_a_known_body_with_va_or_a_comma_is_one_item_of_a_headless_list():
    text = "Chủ tịch tỉnh yêu cầu các Sở: Y tế, Nội vụ, Kế hoạch và Đầu tư hoàn thành đề án trong tháng 6."
    found = read_enumeration(text, 0, len(text), "organisation", {"so"})
    assert [i.text for i in found.items] == ["Y tế", "Nội vụ", "Kế hoạch và Đầu tư"]
    text = "Đoàn làm việc với các sở: Văn hóa, Thể thao và Du lịch, Tài chính, Nội vụ."
    found = read_enumeration(text, 0, len(text), "organisation", set())
    assert [i.text for i in found.items] == ["Văn hóa, Thể thao và Du lịch", "Tài chính", "Nội vụ"]


def test_the_list_the_asked_noun_introduces_is_read_up_to_its_clauses_end():
    from assistant.reading.enumeration import asked_noun

    assert asked_noun(analyse_question("Những tập thể nào của Khối Miền Núi được khen thưởng?")) == "tap the"
    assert asked_item_kind(analyse_question("Những tập thể nào được tặng cờ?")) == "organisation"
    text = ("Hội nghị tặng Giấy khen cho 03 đơn vị gồm: Trường Tiểu học Bản Lìn, Trạm Y tế xã Nà Hẩu, Đội Thuế số 2; "
            "Chủ tịch UBND huyện Lạc Sơn tặng Bằng khen cho 02 tập thể gồm: Phòng Tư pháp huyện, Hội Nông dân huyện; "
            "và 07 cá nhân tiêu biểu.")
    for kind in (None, "organisation"):
        found = read_enumeration(text, 0, len(text), kind, set(), noun="tap the")
        assert [i.text for i in found.items] == ["Phòng Tư pháp huyện", "Hội Nông dân huyện"]
        # the first list ends where a clause with a list of its own begins
        found = read_enumeration(text, 0, len(text), kind, set(), noun="don vi")
        assert [i.text for i in found.items] == ["Trường Tiểu học Bản Lìn", "Trạm Y tế xã Nà Hẩu", "Đội Thuế số 2"]
    # the asked noun counted before the colon of the first introduction is that same list
    text = "Cụm thi đua gồm 03 huyện: UBND huyện Bản Lìn; UBND huyện Nà Hẩu; UBND huyện Lạc Sơn."
    found = read_enumeration(text, 0, len(text), "organisation", set(), noun="huyen")
    assert len(found.items) == 3
    # a later clause that merely holds the syllable of "gồm" ("gốm") begins no list of its own
    text = ("Hiện vật trưng bày gồm: bình đồng có niên đại 2000 năm, giá 1 tỷ đồng; thạp gốm hoa lam đời Lê; "
            "hộp sơn mài thời Nguyễn.")
    found = read_enumeration(text, 0, len(text), None, set(), noun="hien vat")
    assert len(found.items) == 3


def test_documents_after_the_verb_that_signs_them_are_items_of_a_list_of_activities():
    text = ("Từ năm 2013 đến nay, thành phố Lạc Sơn đã hợp tác với thành phố Hòa An trong nhiều hoạt động như: "
            "Ký kết Biên bản ghi nhớ về hợp tác kỹ thuật hướng tới đô thị xanh; tổ chức Diễn đàn phát triển đô thị; "
            "ký kết Biên bản ghi nhớ hợp tác xử lý nước thải trên địa bàn.")
    found = read_enumeration(text, 0, len(text), "document", set())
    assert found.introduced
    assert [i.text for i in found.items] == ["Biên bản ghi nhớ về hợp tác kỹ thuật hướng tới đô thị xanh",
                                             "Biên bản ghi nhớ hợp tác xử lý nước thải trên địa bàn"]


def test_the_two_sides_of_giua_a_voi_b_are_items():
    text = ("Sở Tư pháp chủ trì xây dựng quy chế phối hợp giữa Trung tâm trợ giúp pháp lý tỉnh Lạc Sơn với "
            "UBND các huyện để rút ngắn thời gian giải quyết hồ sơ.")
    found = read_enumeration(text, 0, len(text), "organisation", set())
    assert found.introduced
    assert [i.text for i in found.items] == ["Trung tâm trợ giúp pháp lý tỉnh Lạc Sơn", "UBND các huyện"]


def test_a_list_inside_a_quotation_ends_where_the_quotation_closes():
    text = ("“Chúng tôi đã kiểm tra tại một số nơi như Lạc Sơn, Hòa An, Mây Xanh, phát hiện nhiều sai phạm”, "
            "Bộ trưởng Lò Văn Páo nói.")
    found = read_enumeration(text, 0, len(text), "locality", set())
    assert [i.text for i in found.items] == ["Lạc Sơn", "Hòa An", "Mây Xanh"]


def test_a_plural_mention_of_documents_names_no_document():
    text = ("Hai Chủ tịch chứng kiến lễ ký các văn kiện hợp tác giữa hai tỉnh Sau buổi hội đàm, "
            "lãnh đạo tỉnh Lạc Sơn và tỉnh Mây Xanh đã ký những văn bản hợp tác giữa hai bên.")
    assert read_enumeration(text, 0, len(text), "document", set()).items == ()
    named = "Hai bên ký Thỏa thuận hợp tác về du lịch và Biên bản ghi nhớ về giáo dục."
    assert [i.text for i in read_enumeration(named, 0, len(named), "document", set()).items] == [
        "Thỏa thuận hợp tác về du lịch", "Biên bản ghi nhớ về giáo dục"]


def test_the_list_of_the_asked_office_among_the_attendants():
    from assistant.reading.enumeration import asked_noun

    qa = analyse_question("Những Phó Chủ tịch UBND tỉnh Lạc Sơn nào dự hội nghị sơ kết?")
    text = ("Dự hội nghị có các đồng chí: Hà Văn Tâm - Bí thư Tỉnh ủy; Lò Thị Mai - Chủ tịch UBND tỉnh; "
            "các đồng chí Phó Chủ tịch UBND tỉnh: Đinh Văn Khoa, Lường Thị Hoa cùng lãnh đạo các sở.")
    found = read_enumeration(text, 0, len(text), asked_item_kind(qa), set(), noun=asked_noun(qa))
    assert [i.text for i in found.items] == ["Đinh Văn Khoa", "Lường Thị Hoa"]


def test_gom_inside_a_bracket_lists_up_to_the_bracket_and_khong_gom_lists_nothing():
    text = "Vùng I (gồm các huyện Mây Xanh, Hòa An, Suối Bạc), huyện Bản Lác thuộc vùng II."
    found = read_enumeration(text, 0, len(text), "locality", set())
    assert found.introduced
    assert [i.text for i in found.items][-2:] == ["Hòa An", "Suối Bạc"] and "Bản Lác" not in found.items[-1].text
    # what a bracket sets aside ("không bao gồm …") is no list of what was asked
    aside = ("Qua báo cáo của 40 địa phương (không bao gồm Bộ Công an và Quốc phòng, chưa có báo cáo của "
             "Mây Xanh, Hòa An, Suối Bạc) cho thấy số đơn vị giảm.")
    items = [i.text for i in read_enumeration(aside, 0, len(aside), "locality", set()).items]
    assert "Quốc phòng" not in items


def test_an_item_whose_words_fold_like_the_questions_is_kept_when_the_tone_marks_differ():
    text = "Nhà “ba chung” (chung quyền sử dụng đất, chung giấy phép xây dựng, chung số nhà) còn nhiều."
    qa = analyse_question("Theo Sở Xây dựng, nhà “ba chung” là chung những gì?")
    asked = set(qa.all_content) | set(re.findall(r"\w+", fold(qa.text))) | set(re.findall(r"\w+", match_form(qa.text)))
    items = [i.text for i in read_enumeration(text, 0, len(text), None, asked).items]
    assert items == ["chung quyền sử dụng đất", "chung giấy phép xây dựng", "chung số nhà"]
    # without tone marks the question's words compare folded: "so nha chung" repeats it
    plain = analyse_question("Theo So Xay dung, nha ba chung la chung so nha nao?")
    asked = set(plain.all_content) | set(re.findall(r"\w+", match_form(plain.text)))
    assert "chung số nhà" not in [i.text for i in read_enumeration(text, 0, len(text), None, asked).items]


def test_a_decimal_comma_separates_no_items():
    text = "Xã đang giữ các tang vật gồm hai tấm tôn, mỗi tấm dài 2,5 m, một bình điện và một xe kéo."
    assert [i.text for i in read_enumeration(text, 0, len(text), None, set()).items] == [
        "hai tấm tôn", "mỗi tấm dài 2,5 m", "một bình điện", "một xe kéo"]


def test_a_colon_after_saying_or_people_addressed_are_no_list_asked():
    # a colon after a verb of saying opens what was said
    said = "Ông Khoa cho biết: Đến nay, tỉnh Lạc Sơn đã chi trả cho 1.200 hộ."
    assert not read_enumeration(said, 0, len(said), "locality", set()).introduced
    # … as written: "Hội" and "Nội" fold like "hỏi" and "nói"
    fields = "Năm nay, ba lĩnh vực ưu tiên của Hội: giáo dục, y tế, du lịch."
    assert [i.text for i in read_enumeration(fields, 0, len(fields), None, set()).items] == [
        "giáo dục", "y tế", "du lịch"]
    # people addressed by "ông / bà" are no organisations, whatever body their title names
    guests = "Dự lễ có: ông Lò Văn Khoa, Giám đốc Sở Nội vụ; bà Mai Thị Hạnh, Chủ tịch Hội Nông dân tỉnh."
    assert [i.text for i in read_enumeration(guests, 0, len(guests), "organisation", set()).items] == []


def test_a_level_that_a_question_qualifies_is_the_asked_name_head():
    from assistant.reading.enumeration import asked_name_head

    assert asked_name_head(analyse_question("Tiền hỗ trợ đã đến những huyện miền núi nào?")) == "huyen"
    assert asked_name_head(analyse_question("Những phương án nào được chọn?")) is None  # "phương" is no ward
    assert asked_name_head(analyse_question("Những quân khu nào tham gia diễn tập?")) is None


def test_the_asked_noun_before_nhu_and_a_colon_chooses_that_list():
    text = ("Để đối phó với các đối tượng, trong đó có những đối tượng lỳ lợm, liều lĩnh, cần phối hợp với các "
            "lực lượng chức năng như: Kiểm lâm, Quản lý thị trường, Biên phòng.")
    found = read_enumeration(text, 0, len(text), None, set(), noun="luc luong")
    assert [i.text for i in found.items] == ["Kiểm lâm", "Quản lý thị trường", "Biên phòng"]


def test_a_capitalised_name_after_the_last_va_of_a_list_of_bodies_is_an_item():
    # companies the recogniser does not know: "A và B đã …" is two of them, as "gồm Bắc Sơn và Nam
    # Lâm" is two places; a known body keeps its own "và"
    text = ("Chiều 2/3, 4 doanh nghiệp gồm Mây Xanh, Suối Bạc, HoaAn Tel và LacSon Net đã thống nhất ký cam kết "
            "với Sở Thông tin và Truyền thông tỉnh Lạc Sơn.")
    found = read_enumeration(text, 0, len(text), "organisation", {"doanh", "nghiep"})
    assert [i.text for i in found.items] == ["Mây Xanh", "Suối Bạc", "HoaAn Tel", "LacSon Net"]
    text = "Đoàn gồm đại diện Sở Kế hoạch và Đầu tư, Sở Văn hóa, Thể thao và Du lịch tỉnh Lạc Sơn."
    found = read_enumeration(text, 0, len(text), "organisation", set())
    assert [i.text for i in found.items] == ["Sở Kế hoạch và Đầu tư", "Sở Văn hóa, Thể thao và Du lịch tỉnh Lạc Sơn"]


def test_an_ellipsis_ends_the_last_document_of_a_list():
    text = "Một số quy định không còn hợp với các luật mới như Luật Mây Xanh, Luật Suối Bạc, Luật Hòa An… cần sửa đổi."
    found = read_enumeration(text, 0, len(text), "document", set())
    assert [i.text for i in found.items] == ["Luật Mây Xanh", "Luật Suối Bạc", "Luật Hòa An"]


def test_a_list_of_provinces_answers_no_question_about_districts():
    provinces = "Bốn tỉnh gồm Hà Tĩnh, Quảng Bình, Quảng Trị và Lạc Sơn đã hoàn thành việc chi trả."
    assert read_enumeration(provinces, 0, len(provinces), "locality", set(), "huyen", "huyen").items == ()
    # the last province up to where the sentence goes on
    assert [i.text for i in read_enumeration(provinces, 0, len(provinces), "locality", set(), "tinh", "tinh").items] \
        == ["Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Lạc Sơn"]
    # a list that says it lists districts keeps one named like a province
    districts = "Tỉnh Lạc Sơn có 4 huyện: Mây Xanh, Quảng Ninh, Suối Bạc và Hòa An."
    assert [i.text for i in read_enumeration(districts, 0, len(districts), "locality", set(), "huyen", "huyen").items] \
        == ["Mây Xanh", "Quảng Ninh", "Suối Bạc", "Hòa An"]


def test_parts_that_each_open_with_the_asked_noun_are_a_list_without_an_introduction():
    text = ("Tổ công tác đề nghị UBND huyện Lạc Sơn phối hợp với Sở GTVT, khởi công dự án cầu Suối Bạc, "
            "dự án đường Mây Xanh - Đồi Chè (đoạn qua xã Hòa An) trong năm 2028.")
    found = read_enumeration(text, 0, len(text), None, set(), None, "du an")
    assert found.introduced
    assert [i.text for i in found.items] == ["dự án cầu Suối Bạc", "dự án đường Mây Xanh - Đồi Chè"]
    # without the asked noun, or with one that heads a single part, there is no list
    assert read_enumeration(text, 0, len(text), None, set()).items == ()
    assert read_enumeration(text, 0, len(text), None, set(), None, "cau").items == ()


@pytest.mark.parametrize("text, noun, items", [
    # "sau đó là về gạo, …" introduces no list of agreements; the run of "Hiệp định …" does: a run of
    # parts the asked noun opens is read before a weak introduction
    ("Các hiệp định chính của khối bắt đầu bằng thỏa thuận về muối, và sau đó là về gạo, nhưng các thể chế chặt "
     "chẽ hơn mới có nhờ Hiệp định Mây Xanh năm 2061 và Hiệp định Suối Bạc năm 2090 (nay gọi là Hiệp định chung).",
     "hiep dinh", ["Hiệp định Mây Xanh năm 2061", "Hiệp định Suối Bạc năm 2090"]),
    # the asked noun's list begins inside the first part, after its plural
    ("Hiệp hội Mây Xanh cho biết đã kết nạp hội viên gồm các doanh nghiệp lớn trong các lĩnh vực chè, "
     "cà phê, hồ tiêu và điều, là những mặt hàng tỉnh Lạc Sơn có thế mạnh.",
     "linh vuc", ["chè", "cà phê", "hồ tiêu", "điều"]),
    # of two weak introductions, the one the asked noun stands before ("giữa các bên, … các lực lượng như")
    ("Sở Nội vụ tỉnh Lạc Sơn phối hợp theo quy chế đã ký giữa các bên, đưa quan hệ phối hợp với các lực lượng như "
     "Công an, Biên phòng và Kiểm lâm.",
     "luc luong", ["Công an", "Biên phòng", "Kiểm lâm"]),
    # the unnamed rest of a list is no item
    ("Tỉnh Lạc Sơn được tặng nhiều phần thưởng: Huân chương Mây Xanh, Huân chương Suối Bạc và nhiều huy "
     "chương, huy hiệu khác.",
     "phan thuong", ["Huân chương Mây Xanh", "Huân chương Suối Bạc"]),
])
def test_an_untyped_list_of_the_asked_noun_is_read_whole_and_only(text, noun, items):
    found = read_enumeration(text, 0, len(text), None, set(), None, noun)
    assert [i.text for i in found.items] == items


def test_a_lone_date_before_a_colon_heads_a_timelines_list_of_offices():
    text = "8/2061-6/2064: Giám đốc Sở Công thương tỉnh Lạc Sơn, Bí thư Huyện ủy Suối Bạc."
    found = read_enumeration(text, 0, len(text), "title", set())
    assert found.introduced
    assert [i.text for i in found.items] == ["Giám đốc Sở Công thương tỉnh Lạc Sơn", "Bí thư Huyện ủy Suối Bạc"]
    # a lone word before a colon still introduces nothing ("Ảnh: …")
    caption = "Ảnh: Giám đốc Sở Công thương tỉnh Lạc Sơn, Bí thư Huyện ủy Suối Bạc."
    assert not read_enumeration(caption, 0, len(caption), "title", set()).introduced


def test_how_a_person_is_addressed_is_no_office():
    text = ("Xem xét kỷ luật đồng chí Lò Thị Mai, Phó Bí thư Huyện ủy Suối Bạc; trong thời gian công tác, đồng chí "
            "Lò Thị Mai đã để xảy ra sai phạm.")
    found = read_enumeration(text, 0, len(text), "title", set())
    assert "đồng chí" not in [i.text.lower() for i in found.items]


def test_places_right_after_a_count_of_the_asked_noun_are_a_list_of_as_many():
    text = ("Tỉnh đã chi trả cho các hộ dân ở 16 xã thuộc 4 huyện ven biển Hòa An, Suối Bạc, Mây Xanh và Đồi Chè "
            "với tổng số tiền hơn 200 tỷ đồng.")
    found = read_enumeration(text, 0, len(text), "locality", set(), None, "huyen ven bien")
    assert found.introduced
    assert [i.text for i in found.items] == ["Hòa An", "Suối Bạc", "Mây Xanh", "Đồi Chè"]
    # a count that is not the number of names introduces nothing: the sentence is read as before
    wrong = text.replace("4 huyện", "3 huyện")
    assert read_enumeration(wrong, 0, len(wrong), "locality", set(), None, "huyen ven bien").items == \
        read_enumeration(wrong, 0, len(wrong), "locality", set(), None, "huyen ven bien", by_count=False).items
    assert not read_enumeration(wrong, 0, len(wrong), "locality", set(), None, "huyen ven bien").introduced


@pytest.mark.parametrize("text, items", [
    # a dash inside the last name; the sentence goes on after it
    ("Ba tỉnh gồm Mây Xanh, Suối Bạc và Hòa An - Đồi Chè đã hoàn thành việc chi trả cho ngư dân bị thiệt hại.",
     ["Mây Xanh", "Suối Bạc", "Hòa An - Đồi Chè"]),
    # an address word that opens a province's name stays with it; before a person it goes
    ("Các tỉnh gồm Bà Rịa – Vũng Tàu, Lạc Sơn và Bà Rịa - Vũng Tàu mới.", ["Bà Rịa – Vũng Tàu", "Lạc Sơn", "Bà Rịa - Vũng Tàu"]),
    ("Cac tinh gom Lac Son va Ba Ria - Vung Tau.", ["Lac Son", "Ba Ria - Vung Tau"]),
])
def test_the_last_place_of_a_list_ends_where_its_capitalised_name_does(text, items):
    found = read_enumeration(text, 0, len(text), "locality", set(), "tinh", "tinh")
    assert [i.text for i in found.items] == items


def test_an_address_word_before_a_name_that_is_no_place_is_no_part_of_it():
    text = "Dự lễ có: bà Lò Thị Mai, Chủ tịch; Bà Hà Thị Thu, Phó Chủ tịch."
    assert [i.text for i in read_enumeration(text, 0, len(text), "person", set()).items] == ["Lò Thị Mai", "Hà Thị Thu"]


def test_people_written_office_first_after_a_colon_are_an_introduced_list():
    text = ("Tham gia đoàn có: Trưởng Ban Kinh tế tỉnh Lạc Sơn Lò Văn Bình; Giám đốc Sở Nội vụ Hà Văn Chí; "
            "Phó Giám đốc Sở Tài chính Vi Thị Hoa.")
    found = read_enumeration(text, 0, len(text), "person", set())
    assert found.introduced
    assert [i.text for i in found.items] == ["Lò Văn Bình", "Hà Văn Chí", "Vi Thị Hoa"]


@pytest.mark.parametrize("text, parts", [
    ("Hội Nông dân Lạc Sơn phát động phong trào với phương châm “Chủ động, sáng tạo, hiệu quả, bền vững”.",
     ["Chủ động", "sáng tạo", "hiệu quả", "bền vững"]),
    ("Xây dựng đội ngũ cán bộ tỉnh Mây Xanh “Tận tụy - Minh bạch - Gần dân”.", ["Tận tụy", "Minh bạch", "Gần dân"]),
    # two parts, or parts as long as sentences, are no motto
    ("Phong trào “Dạy giỏi, học chăm” được phát động.", None),
    ("Ông nói: “Chúng tôi sẽ tiếp tục làm việc với các sở, ngành của tỉnh, với từng huyện và xã trong tỉnh, "
     "với mọi người dân”.", None),
])
def test_the_parts_of_a_quoted_motto(text, parts):
    from assistant.reading.enumeration import motto_parts

    found = motto_parts(text, 0, len(text))
    assert (None if found is None else [i.text for i in found.items]) == parts


def test_the_closing_mark_of_the_quotation_a_list_ends_is_no_part_of_its_last_item():
    text = "Ông Lò Văn Khoa cho biết: “Dự án gặp khó khăn ở các tỉnh Lạc Sơn, Mây Xanh và Suối Bạc”."
    found = read_enumeration(text, 0, len(text), "locality", set(), "tinh", "tinh")
    assert [i.text for i in found.items] == ["tỉnh Lạc Sơn", "Mây Xanh", "Suối Bạc"]
    untyped = "Ông Lò Văn Khoa cho biết: “Dự án gặp khó khăn ở những nơi như Hòa An, Đồi Chè và Suối Bạc”."
    assert [i.text for i in read_enumeration(untyped, 0, len(untyped), None, set()).items] == \
        ["Hòa An", "Đồi Chè", "Suối Bạc"]


def test_the_need_of_nhu_cau_introduces_no_list_and_a_bare_head_is_no_body():
    # "nhu cầu" folds like "như"; "Phòng" alone points back at a body named before
    text = ("Với những phụ huynh có nhu cầu, Phòng sẽ tham mưu với Ủy ban nhân dân quận Lạc Sơn tạo điều kiện "
            "cho các cháu học ở các trường thuộc các phường lân cận như Đồi Chè, Suối Bạc.")
    found = read_enumeration(text, 0, len(text), "organisation", set(), None, "truong")
    assert [i.text for i in found.items] == ["Đồi Chè", "Suối Bạc"]
    bare = "Sau hội nghị, Phòng, Sở Nội vụ và Ban Dân tộc tỉnh Mây Xanh ký kết quy chế phối hợp."
    assert "Phòng" not in [i.text for i in read_enumeration(bare, 0, len(bare), "organisation", set()).items]


def test_names_after_the_asked_noun_written_once_are_its_list():
    text = "Năm ngoái, xã đã mở lớp học chữ ở bản Đồi Chè và Lò Văn Khoa để phục vụ bà con."
    found = read_enumeration(text, 0, len(text), None, set(), None, "ban")
    assert found.introduced and [i.text for i in found.items] == ["Đồi Chè", "Lò Văn Khoa"]
    text = "Tỉnh khởi công dự án Đồi Chè, Mây Xanh và Suối Bạc vào tháng 5."
    assert [i.text for i in read_enumeration(text, 0, len(text), None, set(), None, "du an").items] == \
        ["Đồi Chè", "Mây Xanh", "Suối Bạc"]
    # one name is no list
    text = "Dự án Đồi Chè của huyện được khởi công."
    assert not read_enumeration(text, 0, len(text), None, set(), None, "du an").introduced


def test_a_name_that_goes_on_in_lower_case_between_separators_is_kept_whole():
    text = ("Các đơn vị tham gia gồm: Vụ Pháp chế, Cục Quản lý nhà và thị trường đất đai, "
            "Trung tâm Thông tin về chính sách nông thôn, Nhà Xuất bản Mây Xanh để giới thiệu sách.")
    items = _texts(text, "organisation")
    assert items[:3] == ["Vụ Pháp chế", "Cục Quản lý nhà và thị trường đất đai",
                         "Trung tâm Thông tin về chính sách nông thôn"]
    assert items[3] == "Nhà Xuất bản Mây Xanh"  # the last part: the sentence goes on after the name


def test_the_last_place_keeps_its_level_written_inside_the_name():
    text = "Cụm thi đua gồm 03 huyện: UBND huyện Đồi Chè, UBND huyện Suối Bạc, UBND huyện Hòa An."
    assert _texts(text, "locality") == ["UBND huyện Đồi Chè", "UBND huyện Suối Bạc", "UBND huyện Hòa An"]


def test_a_person_listed_after_a_rank_is_read():
    text = ("Dự lễ có các đồng chí: Bí thư Tỉnh ủy Lò Văn Khoa; Thiếu tướng Hà Minh Tâm, Giám đốc Công an tỉnh; "
            "Trần Thị Mai, Chủ tịch Hội Nông dân tỉnh.")
    assert _texts(text, "person") == ["Lò Văn Khoa", "Hà Minh Tâm", "Trần Thị Mai"]


def test_a_body_named_after_a_document_kind_is_no_document():
    text = "Bộ Kế hoạch và Đầu tư trình sửa Nghị định 45/2057/NĐ-CP; Sở Kế hoạch và Đầu tư lập Kế hoạch vốn năm 2058."
    assert _texts(text, "document") == ["Nghị định 45/2057/NĐ-CP", "Kế hoạch vốn năm 2058"]


def test_a_count_before_the_asked_noun_leaves_the_noun():
    from assistant.reading.enumeration import asked_name_head, asked_noun

    assert asked_noun(analyse_question("Ba tỉnh nào được đoàn kiểm tra?")) == "tinh"
    assert asked_name_head(analyse_question("Ba tỉnh nào được đoàn kiểm tra?")) == "tinh"
    assert asked_noun(analyse_question("Hai đơn vị nào ký kết?")) == "don vi"
    assert asked_noun(analyse_question("Năm nào hai bên ký kết?")) == "nam"  # "which year": no count


def _series(sentence: str, question: str) -> list[str]:
    from assistant.reading.enumeration import running_series

    asked = set(re.findall(r"\w+", fold(question).lower()))
    return [c.text for c in running_series(sentence, 0, len(sentence), asked)]


def test_a_list_in_running_text_without_an_introduction_is_read():
    # three items with no "và", after a clause word ("vẫn"); the last cut where the question's words resume
    assert _series("Hợp tác xã Mây Xanh dù chưa được cấp phép, vẫn nạo vét, kè bờ, lấn dòng suối Bạc ở xã Hòa An.",
                   "Hợp tác xã Mây Xanh đã làm những việc gì ở suối Bạc?") == ["nạo vét", "kè bờ", "lấn dòng"]
    # the last item cut where the question's words resume, without the preposition left hanging
    assert _series("Công ty Đồi Chè dù chưa được phép, vẫn đào mương, xúc đất đá, đổ đất vào ruộng lúa của dân ở thôn Mây Xanh.",
                   "Công ty Đồi Chè đã làm những việc gì trên ruộng lúa của dân?") == ["đào mương", "xúc đất đá", "đổ đất"]
    # "để A, B và C …": the word that leads into the first item is left out
    assert _series("Huyện công khai kế hoạch trên cổng thông tin để hội đoàn thể, trưởng thôn và người dân theo dõi.",
                   "Huyện công khai kế hoạch để những đối tượng nào theo dõi?") == [
        "hội đoàn thể", "trưởng thôn", "người dân"]
    # pairs joined by "và" are one item each
    assert _series("Trường chú trọng giáo dục học sinh cả về tri thức và kỹ năng, thể chất và tinh thần, lao động và nghệ thuật.",
                   "Trường chú trọng giáo dục trên những mặt nào?") == [
        "tri thức và kỹ năng", "thể chất và tinh thần", "lao động và nghệ thuật"]


@pytest.mark.parametrize("sentence", [
    "Chiều 14/9, tại xã Hòa An, ông Lò Văn Khoa nói rằng huyện sẽ hỗ trợ.",  # three parts, no "và": no list
    "Tuy nhiên, theo Sở Nông nghiệp và Môi trường, việc lấn dòng vẫn diễn ra.",  # an opening part and two more
    "Theo báo cáo, tính đến tháng 6, đã có 312 đơn thư, phản ánh của người dân và doanh nghiệp gửi đến huyện.",  # clauses
    "Về vụ việc, trao đổi với phóng viên, ông Lò Văn Khoa, Chánh Văn phòng Sở Nông nghiệp cho biết, đoàn đã đến.",
    "Sáng 5/3, tại xã Hòa An, Sở Nông nghiệp và Sở Tài chính tỉnh Lạc Sơn ký quy chế phối hợp.",  # a time and a place
    "Ông Lò Văn Khoa, Ủy viên Ban Thường vụ, Phó Chủ tịch UBND tỉnh, Trưởng ban Chỉ đạo dự lễ.",  # a person's titles
    "“Chúng tôi sẽ làm đến cùng”, Giám đốc Sở giải thích và đề nghị các xã phối hợp.",  # a quotation, then who said it
    "Ngành chế biến chiếm tỷ trọng cao nhất với 179,23 tỷ đồng, chiếm 59,2% tổng vốn của tỉnh Lạc Sơn.",  # decimal commas
    # where the first item begins, and where the last ends, the sentence does not tell
    "Huyện Mây Xanh cần xem xét hết sức thận trọng, khách quan, toàn diện các hồ sơ đất đai còn tồn đọng nhiều năm qua ở xã.",
])
def test_clauses_between_commas_are_no_running_list(sentence):
    assert _series(sentence, "Những việc gì được nêu?") == []


def test_an_untyped_list_question_is_answered_item_by_item_from_a_running_list(tmp_path):
    from tests.test_reader import _indexed, _items

    article = {"id": "ms-41", "title": "Hợp tác xã Mây Xanh lấn suối", "date": "2025-04-02", "source": "Báo Thử nghiệm",
               "text": "Người dân xã Hòa An gửi đơn phản ánh lên huyện.\n\n"
                       "Hợp tác xã Mây Xanh dù chưa được cấp phép, vẫn nạo vét, kè bờ, lấn dòng suối Bạc ở xã Hòa An. "
                       "UBND huyện đã yêu cầu hợp tác xã dừng thi công."}
    answer = _indexed(tmp_path, [article]).ask("Hợp tác xã Mây Xanh đã làm những việc gì ở suối Bạc?")
    assert _items(answer) == ["nạo vét", "kè bờ", "lấn dòng"], answer.answer
    quote = answer.citations[0].quote
    assert quote.startswith("Hợp tác xã Mây Xanh dù") and "lấn dòng suối Bạc" in quote, answer.answer


def test_the_one_semicolon_part_that_runs_on_between_commas_is_cut_into_items():
    text = ("Kết luận thanh tra nêu các sai phạm của xã Hòa An: buông lỏng quản lý đất công; "
            "giao đất sai, giao đất trùng, giao vượt hạn mức, thu tiền không lập biên lai.")
    found = read_enumeration(text, 0, len(text), None, {"xa", "hoa", "an"})
    assert [i.text for i in found.items] == ["buông lỏng quản lý đất công", "giao đất sai", "giao đất trùng",
                                             "giao vượt hạn mức", "thu tiền không lập biên lai"]
    # parts that each hold commas are items as written
    text = ("Kế hoạch gồm các nội dung: mục đích, yêu cầu kiểm tra; đối tượng, phạm vi, thời hạn kiểm tra; "
            "thành phần đoàn, chế độ báo cáo.")
    found = read_enumeration(text, 0, len(text), None, set())
    assert [i.text for i in found.items] == ["mục đích, yêu cầu kiểm tra", "đối tượng, phạm vi, thời hạn kiểm tra",
                                             "thành phần đoàn, chế độ báo cáo"]


def test_points_numbered_in_words_over_several_sentences_are_the_items():
    text = ("Ông Lò Văn Khoa đề xuất ba giải pháp cho xã Hòa An: Thứ nhất, rà soát lại quỹ đất công. "
            "Thứ hai, công khai quy hoạch tại nhà văn hóa các thôn. Việc này cần làm ngay trong quý I. "
            "Thứ ba là lập tổ tiếp dân (mỗi tuần một buổi). Hội nghị bế mạc lúc 17 giờ.")
    end = text.index("quỹ đất công.") + len("quỹ đất công.")
    found = read_enumeration(text, 0, end, None, set())
    assert [i.text for i in found.items] == ["rà soát lại quỹ đất công", "công khai quy hoạch tại nhà văn hóa các thôn",
                                             "lập tổ tiếp dân (mỗi tuần một buổi)"]
    assert found.introduced and found.end == text.index(")") + 1
    text = "Kết luận nêu hai việc: Một là, trả lại đất cho dân. Hai là, xử lý cán bộ sai phạm. Sau đó đoàn rời xã."
    found = read_enumeration(text, 0, text.index("cho dân.") + 8, None, set())
    assert [i.text for i in found.items] == ["trả lại đất cho dân", "xử lý cán bộ sai phạm"]
    # a lone "Thứ nhất" opens no list
    text = "Thứ nhất, xã đã hoàn thành việc giao đất. Sau đó đoàn kiểm tra thôn Mây Xanh."
    assert not read_enumeration(text, 0, text.index("đất.") + 4, None, set()).introduced


def test_a_purpose_inside_an_inner_item_does_not_end_the_list():
    text = "Các vướng mắc như thiếu vốn, giá vật tư để làm đường tăng cao, nhân lực mỏng."
    found = read_enumeration(text, 0, len(text), None, set(), noun="vuong mac")
    assert [i.text for i in found.items] == ["thiếu vốn", "giá vật tư để làm đường tăng cao", "nhân lực mỏng"]
    # after its last item the sentence goes on with a purpose: the list ends there
    text = "Huyện hỗ trợ các hộ như giống lúa, phân bón, vật tư để khôi phục sản xuất."
    found = read_enumeration(text, 0, len(text), None, set(), noun="ho")
    assert [i.text for i in found.items][-1] == "vật tư"


def test_bodies_the_asked_noun_heads_in_lower_case_are_the_list():
    text = ("Theo Sở Tư pháp tỉnh Lạc Sơn, hồ sơ phải có xác nhận của cơ quan y tế xã, cơ quan công an "
            "hoặc cơ quan khác có thẩm quyền nơi cư trú.")
    found = read_enumeration(text, 0, len(text), "organisation", set(), noun="co quan")
    assert [i.text for i in found.items] == ["cơ quan y tế xã", "cơ quan công an", "cơ quan khác có thẩm quyền nơi cư trú"]
    assert found.introduced


def test_offices_after_the_plural_asked_noun_are_the_list():
    text = ("Trong thời gian giữ các chức vụ Huyện ủy viên, Trưởng phòng Tài chính huyện Mây Xanh, Phó Chủ tịch "
            "UBND xã Hòa An, ông Lò Văn Khoa đã ký giao đất trái quy định.")
    found = read_enumeration(text, 0, len(text), "title", set(), noun="chuc vu")
    assert [i.text for i in found.items] == ["Huyện ủy viên", "Trưởng phòng Tài chính huyện Mây Xanh",
                                             "Phó Chủ tịch UBND xã Hòa An"]
    assert found.introduced


def test_a_comma_or_and_inside_an_items_brackets_cuts_nothing():
    # "Đông Hà (Bản Mù, Lạc Sơn)": the bracket says where the item is, it lists no items of its own
    text = "Sau đó, bà lần lượt bị giam ở nhiều trại như Mây Xanh, Tà Lèng (Lạc Sơn), Đông Hà (Bản Mù, Lạc Sơn)."
    items = [text[i.start:i.end] for i in read_enumeration(text, 0, len(text), None, {"trai", "giam"}).items]
    assert items == ["Mây Xanh", "Tà Lèng (Lạc Sơn)", "Đông Hà (Bản Mù, Lạc Sơn)"]
    text = "Dự có đại diện các đơn vị gồm: Sở Nội vụ (Lạc Sơn), Sở Tư pháp (Bản Mù và Tà Lèng), Công an tỉnh."
    items = [text[i.start:i.end] for i in read_enumeration(text, 0, len(text), None, {"don", "vi"}).items]
    assert items == ["Sở Nội vụ (Lạc Sơn)", "Sở Tư pháp (Bản Mù và Tà Lèng)", "Công an tỉnh"]
    # a list written in brackets after its noun is still cut at its commas
    text = "Hội nghị có các lực lượng (Thanh tra, Quản lý thị trường, Công an) tham gia."
    items = [text[i.start:i.end] for i in read_enumeration(text, 0, len(text), "organisation", {"luc", "luong"}).items]
    assert items == ["Thanh tra", "Quản lý thị trường", "Công an"]


def test_the_asked_nouns_weak_introduction_after_an_opening_colon_reads_its_semicolon_parted_list():
    """"Cụ thể: … do có những thiếu sót như A, …; B; C" for "những thiếu sót nào": the list the noun
    introduces (not the colon that opens the sentence), each semicolon's part one item, commas inside."""
    text = ("Cụ thể: Đối với Văn phòng UBND huyện Tà Lèng, tổ chức kiểm điểm đối với lãnh đạo và công chức có liên quan "
            "được phân công theo dõi công tác văn thư, lưu trữ; phụ trách lĩnh vực đầu tư do có những thiếu sót như "
            "chưa rà soát, sửa đổi quy chế công tác văn thư, lưu trữ; quên việc, sót việc khi tham mưu thủ tục đầu tư; "
            "quản lý con dấu chưa đúng quy định.")
    found = read_enumeration(text, 0, len(text), None, set(), None, "thieu sot")
    assert [i.text for i in found.items] == [
        "chưa rà soát, sửa đổi quy chế công tác văn thư, lưu trữ", "quên việc, sót việc khi tham mưu thủ tục đầu tư",
        "quản lý con dấu chưa đúng quy định"], [i.text for i in found.items]
    # a list the noun introduces in a clause of its own still ends at its semicolon
    other = "Đoàn tặng quà cho 3 trường gồm: Trường A, Trường B; Hội tặng sách cho 2 thư viện gồm: Thư viện C, Thư viện D."
    assert [i.text for i in read_enumeration(other, 0, len(other), None, set(), None, "truong").items] == [
        "Trường A", "Trường B"]


def test_points_one_sentence_counts_inline_are_its_items():
    """"Một là A, hai là B; ba là C." — the points written inside one sentence, each up to the next marker
    (besides "Một là, A. Hai là, B.", one sentence each); a lone "Một là …" lists nothing."""
    text = "Theo ông Lò Văn Pả, huyện Tà Lèng cần ba việc. Một là rà soát quy hoạch vùng chè, hai là kiểm tra đất công " \
           "ở bản Mây Xanh; ba là công khai kết quả cho dân. Ông đề nghị làm ngay."
    at = text.index("Một là")
    found = read_enumeration(text, at, text.index(" Ông đề nghị"), None, set())
    assert [i.text for i in found.items] == ["rà soát quy hoạch vùng chè", "kiểm tra đất công ở bản Mây Xanh",
                                             "công khai kết quả cho dân"], [i.text for i in found.items]
    alone = "Một là rà soát quy hoạch vùng chè của huyện Tà Lèng."
    assert len(read_enumeration(alone, 0, len(alone), None, set()).items) < 2


def test_a_document_after_the_verb_that_amends_it_and_a_list_that_ends_at_its_ellipsis():
    """"như sửa đổi Quy chế A, Quy chế B… hay việc bãi bỏ …, C và D": the documents the amending verb
    leads, up to the ellipsis after which the sentence goes on; an ellipsis at the sentence's end ends
    nothing early."""
    text = ("Năm qua huyện Tà Lèng có nhiều giải pháp như sửa đổi Quy chế Mây Xanh, Quy định Đồi Chè 2059… hay việc "
            "bãi bỏ hàng chục giấy phép qua các thông tư, nghị định và văn bản khác.")
    assert _texts(text, "document") == ["Quy chế Mây Xanh", "Quy định Đồi Chè 2059"]
    crops = "Xã Tà Lèng trồng nhiều loại cây như chè, quế, hồi… và đang mở rộng diện tích rau sạch, hoa và cây ăn quả."
    assert _texts(crops, None) == ["chè", "quế", "hồi"]
    ended = "Xã Tà Lèng trồng nhiều loại cây như chè, quế, hồi, sa nhân…"
    assert _texts(ended, None) == ["chè", "quế", "hồi", "sa nhân"]


def test_a_list_whose_first_item_is_capitalised_after_its_colon_goes_on_in_lower_case():
    """"như: Dự án A, dự án B, cảng C": the first item is capitalised only for following the colon; a
    lower-case part after lower-case parts goes on with the list (a change of case from both the first
    part and the one before it still ends it: "như Toàn diện, Bình đẳng, phù hợp với …")."""
    text = "Ví dụ được lãnh đạo tỉnh nêu lên như: Dự án Khu công nghiệp Mây Xanh, dự án Thủy điện Nậm Ca (Lạc Sơn), cảng Tà Lèng."
    assert _texts(text, None) == ["Dự án Khu công nghiệp Mây Xanh", "dự án Thủy điện Nậm Ca (Lạc Sơn)", "cảng Tà Lèng"]
    ended = "Huyện xác định các nguyên tắc như Toàn diện, Bình đẳng, phù hợp với điều kiện của từng xã."
    assert _texts(ended, None) == ["Toàn diện", "Bình đẳng"]



def test_a_document_that_quotes_its_title_is_read_whole_with_the_and_and_commas_inside_the_quote():
    """"Chỉ thị 05 về “A và B, C”": the quoted title is the document's, not two items cut at its "và"."""
    text = ("Huyện ủy Tà Lèng xác định: trọng tâm năm 2061 là thực hiện Nghị quyết số 12 (khóa IX) về xây dựng Đảng và "
            "Chỉ thị 05 của Tỉnh ủy về “Đẩy mạnh trồng chè và bảo vệ rừng, đất, nguồn nước”, gắn với Chỉ thị số 29 của "
            "Ban Thường vụ.")
    assert _texts(text, "document") == [
        "Nghị quyết số 12", "Chỉ thị 05 của Tỉnh ủy về “Đẩy mạnh trồng chè và bảo vệ rừng, đất, nguồn nước”",
        "Chỉ thị số 29 của Ban Thường vụ"]


def test_the_item_after_the_lists_one_and_runs_on_to_its_end():
    """"A, B, C và D, E": the "và" closes the list, so what follows it up to the list's end is its last
    item ("công tác xây dựng Đảng, chính quyền"), not two; a "và" in the last part still parts it."""
    text = ("Năm 2060, xã Tà Lèng đã thực hiện thắng lợi trên các lĩnh vực: kinh tế, văn hóa xã hội, quốc phòng và công "
            "tác xây dựng Đảng, chính quyền.")
    assert _texts(text, None) == ["kinh tế", "văn hóa xã hội", "quốc phòng", "công tác xây dựng Đảng, chính quyền"]
    plain = "Năm 2060, xã Tà Lèng đã thực hiện thắng lợi trên các lĩnh vực: kinh tế, văn hóa xã hội, quốc phòng và y tế."
    assert _texts(plain, None) == ["kinh tế", "văn hóa xã hội", "quốc phòng", "y tế"]


@pytest.mark.parametrize("question, noun, kind", [
    ("Tại hội nghị, những chương trình, chính sách nào được nêu là tỉnh Lạc Sơn đã thực hiện?", "chuong trinh", None),
    ("Những cơ quan, đơn vị nào cùng ký quy chế với huyện Tà Lèng?", "co quan", "organisation"),
    ("Những tỉnh, thành phố nào có đại biểu dự lễ ở Mây Xanh?", "tinh", "locality"),
    ("Trong các năm 2060, những đơn vị nào dẫn đầu khối thi đua?", "don vi", "organisation"),
])
def test_two_nouns_asked_together_ask_for_the_first_and_for_a_kind_they_share(question, noun, kind):
    """"những chương trình, chính sách … nào": the first noun heads the asked things (not the words just
    before "nào"); their kind is the one both nouns name, or any kind when they differ. A comma
    before "những" parts no nouns."""
    qa = analyse_question(question)
    assert (asked_noun(qa), asked_item_kind(qa)) == (noun, kind)


def test_bodies_side_by_side_go_on_past_the_parent_body_one_of_them_belongs_to():
    """"A, B thuộc Đảng bộ X và C": the run of bodies goes on past the body B belongs to, to C."""
    text = ("Chiều cùng ngày, Đoàn kiểm tra của tỉnh tiếp tục làm việc với Đảng ủy Công an huyện Tà Lèng, Đảng ủy "
            "phường 5 thuộc Đảng bộ thành phố Lạc Sơn và Ban Thường vụ Huyện ủy Mây Xanh, tỉnh Lạc Sơn.")
    assert _texts(text, "organisation") == [
        "Đảng ủy Công an huyện Tà Lèng", "Đảng ủy phường 5", "Ban Thường vụ Huyện ủy Mây Xanh"]


def test_a_body_whose_head_is_written_in_lower_case_is_an_item():
    """"…, ban Tổ chức Tỉnh ủy, …": a head of bodies in lower case before a capitalised name is a body's
    name as news often writes it."""
    text = ("Lãnh đạo tỉnh Lạc Sơn đã kiểm điểm các đơn vị liên quan như Sở Tài chính, Sở Nội vụ, ban Tổ chức Tỉnh ủy, "
            "yêu cầu các cơ quan này làm đúng quy định.")
    assert _texts(text, "organisation") == ["Sở Tài chính", "Sở Nội vụ", "ban Tổ chức Tỉnh ủy"]
