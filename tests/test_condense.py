"""Rule-based follow-up resolution (no model needed)."""
from assistant.condense import condense_question


def test_what_about_replaces_the_year():
    previous = "Hội nghị ký kết giao ước thi đua của Khối thi đua Nội chính tỉnh Phú Thọ năm 2022 diễn ra khi nào?"
    assert condense_question("Còn năm 2023 thì sao?", [previous]) == previous.replace("2022", "2023")


def test_reference_to_a_unit_is_replaced_by_the_previous_entity():
    resolved = condense_question("Ai đại diện đơn vị đó?", ["Cục Thi hành án dân sự tỉnh Vĩnh Phúc có ký giao ước năm 2021 không?"])
    assert resolved.startswith("Ai đại diện Cục Thi hành án dân sự tỉnh Vĩnh Phúc") and "2021" in resolved


def test_that_year_and_that_regulation_carry_the_previous_context():
    resolved = condense_question("Đơn vị nào làm Phó khối năm đó?",
                                 ["Khối thi đua Nội chính tỉnh Phú Thọ ký kết giao ước thi đua năm 2022 ở đâu?"])
    assert "năm 2022" in resolved and "Phú Thọ" in resolved
    resolved = condense_question("Quy chế đó gồm bao nhiêu chương?", ["Sở Tư pháp TP. Cần Thơ ký quy chế phối hợp khi nào?"])
    assert resolved.startswith("Quy chế gồm bao nhiêu chương") and "Sở Tư pháp" in resolved


def test_a_question_that_names_something_is_left_alone():
    question = "Xã Hòa Bình tuyên dương bao nhiêu mô hình Dân vận khéo?"
    assert condense_question(question, ["Quy chế phối hợp của UBND xã An Phú gồm bao nhiêu điều?"]) == question
    assert condense_question("Khối thi đua Nội chính tỉnh Bắc Ninh gồm những đơn vị nào?", ["Ai là Chủ tịch UBND huyện Tương Dương?"]) \
        == "Khối thi đua Nội chính tỉnh Bắc Ninh gồm những đơn vị nào?"
    assert condense_question("Ai ký?", []) == "Ai ký?"


def test_a_question_naming_nothing_inherits_the_context():
    resolved = condense_question("Có bao nhiêu cá nhân được tặng bằng khen?",
                                 ["Khối thi đua các cơ quan kinh tế tổng hợp tỉnh Nghệ An tổng kết năm 2022 ở đâu?"])
    assert "Nghệ An" in resolved and "2022" in resolved


def test_an_honour_is_not_a_name():
    resolved = condense_question("Có bao nhiêu cá nhân được tặng Bằng khen?",
                                 ["Khối thi đua các cơ quan kinh tế tổng hợp tỉnh Nghệ An tổng kết năm 2022 ở đâu?",
                                  "Những đơn vị nào được tặng Cờ thi đua?"])
    assert "Nghệ An" in resolved and "2022" in resolved
    # a real name still makes the question standalone
    question = "Có bao nhiêu cá nhân của Sở Tư pháp được tặng Bằng khen?"
    assert condense_question(question, ["Khối thi đua Nội chính tỉnh Phú Thọ tổng kết năm 2022 ở đâu?"]) == question


def test_the_inherited_context_is_the_questions_context_not_its_content():
    from assistant.question import analyse_question, split_context

    assert split_context("Quy chế gồm bao nhiêu chương (Sở Tư pháp TP. Cần Thơ)?") == (
        "Quy chế gồm bao nhiêu chương", "Sở Tư pháp TP. Cần Thơ")
    assert split_context("(Hỏi) Ai ký?") == ("(Hỏi) Ai ký?", "")
    qa = analyse_question("Quy chế gồm bao nhiêu chương, điều (Sở Tư pháp TP. Cần Thơ, năm 2023)?")
    assert qa.answer_type == "number" and qa.noun == "chuong"
    assert "tu" in qa.context and "tu" not in qa.content and "2023" in qa.context
    assert "tu" in qa.all_content


def test_an_english_follow_ups_inherited_context_is_rendered_in_vietnamese_like_its_question():
    from assistant.question import analyse_question

    qa = analyse_question("And who signed it for the district (signed the cooperation plan of Lac Son province in 2031)?")
    assert {"ke", "hoach", "lac", "son", "2031"} <= set(qa.context)
    assert not {"plan", "cooperation", "province"} & set(qa.context)  # English words no article holds


def test_a_directive_or_event_pointed_back_to_keeps_what_the_previous_question_said():
    # "chỉ thị đó" points back like "quy chế đó"; with no organisation or year to carry, the previous
    # question's own words are the context
    resolved = condense_question("Ai được giao theo dõi thực hiện chỉ thị đó?",
                                 ["Sau phiên họp thường kỳ tháng 3, Chủ tịch UBND tỉnh Lạc Sơn ký chỉ thị số mấy?"])
    assert resolved.startswith("Ai được giao theo dõi thực hiện chỉ thị (") and "Lạc Sơn" in resolved
    resolved = condense_question("Còn báo cáo tại hội nghị đó do ai trình bày?",
                                 ["Ai chủ trì hội nghị toàn quốc sơ kết một năm thực hiện chỉ thị về nông thôn mới?"])
    assert resolved.startswith("báo cáo tại hội nghị do ai trình bày (") and "nông thôn mới" in resolved


def test_a_person_the_previous_question_asked_for_is_its_answer():
    previous = "Ai là Trưởng đoàn công tác của Thủ tướng Trần Văn An tại tỉnh Lạc Sơn?"
    resolved = condense_question("Ông ấy còn giữ chức vụ gì?", [previous], lambda q: "Lê Minh Hòa")
    assert resolved.startswith("Lê Minh Hòa còn giữ chức vụ gì")
    # without the answer, a person the previous question merely names is not taken for him
    resolved = condense_question("Ngoài cương vị đó, ông ấy còn giữ chức vụ gì?", [previous])
    assert "Trần Văn An còn" not in resolved and resolved.startswith("Ngoài cương vị đó, ông ấy còn giữ chức vụ gì (")
    assert "Trưởng đoàn công tác" in resolved
    # an answer that is no name is not used
    resolved = condense_question("Ông ấy còn giữ chức vụ gì?", [previous], lambda q: "Theo báo cáo của Sở, năm qua …")
    assert resolved.startswith("Ông ấy còn giữ chức vụ gì (")


def test_a_person_asked_for_without_who_is_the_answer_too():
    # "Which deputy …?" asks for a person as "who" does: "he" is that question's answer
    previous = "Which provincial deputy raised the Tà Lèng land case at the June debate in Lạc Sơn?"
    resolved = condense_question("When did he get the inspectors' written reply?", [previous], lambda q: "Lò Văn Páo")
    assert resolved.startswith("When did Lò Văn Páo get the inspectors' written reply"), resolved
    # a question that asks for no person keeps its pronoun
    other = condense_question("When did he sign it?", ["Which province hosted the Tà Lèng debate?"], lambda q: "Lò Văn Páo")
    assert "Lò Văn Páo" not in other


def test_the_day_of_the_previous_questions_event_is_carried():
    resolved = condense_question("Đơn vị nào được tặng Cờ thi đua?",
                                 ["Hội nghị tổng kết của Khối thi đua Nội chính tỉnh Phú Thọ sáng 14/12 có bao nhiêu đại biểu?"])
    assert "14/12" in resolved and "Phú Thọ" in resolved
    resolved = condense_question("Đơn vị nào được tặng Cờ thi đua?",
                                 ["Hội nghị của Khối thi đua Nội chính tỉnh Phú Thọ ngày 14/12/2022 có bao nhiêu đại biểu?"])
    assert "14/12/2022" in resolved and "năm 2022" not in resolved  # the date holds its year


def test_a_place_or_unit_the_previous_question_asked_for_is_its_answer_not_a_name_it_mentions():
    previous = "Chủ tịch Hội đồng Dân tộc Lò Văn Khoa làm việc với lãnh đạo tỉnh nào ngày 4/7?"
    resolved = condense_question("Tỉnh đó có bao nhiêu huyện?", [previous])
    # the province meant is the answer: the noun stays, the previous event's context is carried
    assert resolved.startswith("Tỉnh có bao nhiêu huyện") and "Lò Văn Khoa" not in resolved.split("(")[0], resolved
    assert "4/7" in resolved, resolved
    # ... and so through a second follow-up that itself named it only by its noun
    resolved = condense_question("Tỉnh đó ký kết hợp tác với những địa phương nào?",
                                 [previous, "Tỉnh này có đường biên giới dài bao nhiêu km?"])
    assert resolved.startswith("Tỉnh ký kết hợp tác") and "Lò Văn Khoa" not in resolved.split("(")[0], resolved
    # a unit the previous question names (not asks for) is still the one meant
    resolved = condense_question("Đơn vị đó được thành lập năm nào?", ["Sở Nội vụ tỉnh Lạc Sơn ký quy chế năm 2024 ở đâu?"])
    assert resolved.startswith("Sở Nội vụ tỉnh Lạc Sơn được thành lập"), resolved


def test_a_follow_up_inherits_the_names_and_what_the_previous_question_asked_of_them():
    previous = "Quỹ Mây Xanh phối hợp với Sở Y tế tỉnh Lạc Sơn tặng bao nhiêu máy thở cho các bệnh viện tuyến huyện?"
    resolved = condense_question("Những huyện nào được nhận máy trong đợt này?", [previous])
    context = resolved.split("(", 1)[1]
    # the bodies it names say which event; its other words ("tặng", "bệnh viện") what of it was asked
    assert "Sở Y tế tỉnh Lạc Sơn" in context and "tặng" in context and "bệnh viện" in context, resolved
    # a reference resolved to a name asks about that name: the previous question's other words stay out
    resolved = condense_question("Đơn vị đó được thành lập năm nào?",
                                 ["Sở Nội vụ phối hợp với Công an tỉnh Lạc Sơn tổ chức hội nghị tổng kết năm 2024 ở đâu?"])
    assert resolved.startswith("Công an tỉnh Lạc Sơn được thành lập") and "Sở Nội vụ" in resolved, resolved
    assert "tổng kết" not in resolved, resolved


def test_a_follow_up_asking_what_a_count_counted_lists_them():
    previous = "Sau kỳ họp thứ 9, UBND tỉnh Lạc Sơn có tất cả bao nhiêu Phó Chủ tịch?"
    assert condense_question("Đó là những ai?", [previous]) == "Sau kỳ họp thứ 9, UBND tỉnh Lạc Sơn có tất cả những Phó Chủ tịch nào?"
    assert condense_question("Họ là những đơn vị nào?", ["Khối thi đua Mây Xanh có bao nhiêu đơn vị thành viên?"]) == (
        "Khối thi đua Mây Xanh có những đơn vị thành viên nào?")
    assert condense_question("Which ones?", ["How many units signed the Lạc Sơn pact in 2024?"]) == (
        "Which units signed the Lạc Sơn pact in 2024?")
    # no count to point back to: the previous question's words are the context, as before
    assert condense_question("Đó là những ai?", ["Ai chủ trì hội nghị tổng kết của Khối thi đua Mây Xanh?"]).startswith("Đó là những ai (")


def test_a_body_called_by_its_head_word_alone_is_the_one_the_previous_question_named():
    previous = "Sáng 4/9, Đài Phát thanh tỉnh Lạc Sơn và Hội Nông dân tỉnh Lạc Sơn đã ký kết văn bản gì?"
    resolved = condense_question("Người nào ký thay cho bên Hội?", [previous])
    assert resolved.startswith("Người nào ký thay cho bên Hội (") and "Hội Nông dân tỉnh Lạc Sơn" in resolved, resolved
    assert "4/9" in resolved, resolved
    # a head before a capitalised word is a name of its own; a head no body of the previous question has says nothing
    assert condense_question("Người nào ký thay cho Hội Cựu chiến binh?", [previous]) == "Người nào ký thay cho Hội Cựu chiến binh?"
    assert condense_question("Người nào ký thay cho bên Bộ?", [previous]) == "Người nào ký thay cho bên Bộ?"
